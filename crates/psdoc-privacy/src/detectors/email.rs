//! `email`: an e-mail address. Every address is reported: a role mailbox that may appear
//! (`childprotection@council.gov.uk`) belongs in `privacy.allow`.

use std::ops::Range;

use super::Candidate;
use super::pattern::{Pattern, regex};
use crate::Kind;

/// File names such as `logo@2x.png` look like addresses.
const NOT_DOMAINS: [&str; 6] = ["png", "jpg", "jpeg", "gif", "svg", "webp"];

pub(crate) struct Email {
    candidate: Pattern,
}

impl Email {
    pub(crate) fn new() -> Email {
        Email {
            candidate: regex(
                r"(?-u:\b)[A-Za-z0-9_%+\-]+(?:\.[A-Za-z0-9_%+\-]+)*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.(?P<tld>[A-Za-z]{2,24})(?-u:\b)",
            ),
        }
    }

    pub(crate) fn scan(&self, text: &str, window: &Range<usize>, out: &mut Vec<Candidate>) {
        for caps in self.candidate.captures_iter(&text[window.clone()]) {
            let m = caps.get(0).expect("match");
            if NOT_DOMAINS.contains(&caps["tld"].to_ascii_lowercase().as_str()) {
                continue;
            }
            let range = window.start + m.start()..window.start + m.end();
            out.push(Candidate {
                kind: Kind::Email,
                range,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        Email::new().scan(text, &(0..text.len()), &mut out);
        out.into_iter().map(|c| &text[c.range]).collect()
    }

    #[test]
    fn addresses() {
        assert_eq!(
            found("Write to rory.mcneill@example.org."),
            ["rory.mcneill@example.org"]
        );
        assert_eq!(
            found("<ellie_k+school@mail.example.co.uk>"),
            ["ellie_k+school@mail.example.co.uk"]
        );
        assert_eq!(found("mailto:J.Smith@Example.ORG"), ["J.Smith@Example.ORG"]);
    }

    #[test]
    fn not_addresses() {
        assert!(found("logo@2x.png").is_empty());
        assert!(found("@loch_ard_cpp on social media").is_empty());
        assert!(found("user@localhost").is_empty());
        assert!(found("a@b").is_empty());
    }
}
