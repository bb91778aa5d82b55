//! `ni-number`: the National Insurance number: two prefix letters, six digits and a suffix
//! A, B, C or D, spaces allowed (`AB 12 34 56 C`). HMRC's manual (NIM39110): the first
//! letter is never D, F, I, Q, U or V; the second never D, F, I, O, Q, U or V; the prefixes
//! BG, GB, KN, NK, NT, TN and ZZ are not allocated. A number written without its suffix is
//! reported only next to "NI", "NINO" or "National Insurance".

use std::ops::Range;

use super::Candidate;
use super::pattern::{Pattern, regex};
use crate::Kind;
use crate::context::before;

const SEP: &str = r"(?:[ ]|\x{a0})?";

const UNALLOCATED: [&str; 7] = ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"];

/// Whether a prefix of two letters can begin a National Insurance number.
pub(crate) fn is_allocated_prefix(prefix: &str) -> bool {
    let b = prefix.as_bytes();
    b.len() == 2
        && b.iter().all(u8::is_ascii_uppercase)
        && !b"DFIQUV".contains(&b[0])
        && !b"DFIOQUV".contains(&b[1])
        && !UNALLOCATED.contains(&prefix)
}

pub(crate) struct NiNumber {
    candidate: Pattern,
    context: Pattern,
}

impl NiNumber {
    pub(crate) fn new() -> NiNumber {
        NiNumber {
            candidate: regex(&format!(
                r"(?-u:\b)(?P<prefix>[A-Z]{{2}}){SEP}[0-9]{{2}}{SEP}[0-9]{{2}}{SEP}[0-9]{{2}}(?:{SEP}(?P<suffix>[A-D]))?(?-u:\b)"
            )),
            context: regex(r"(?-u:\b)NI(?-u:\b)|(?-u:\b)NINO(?-u:\b)|(?i:national\s+insurance)"),
        }
    }

    pub(crate) fn scan(&self, text: &str, window: &Range<usize>, out: &mut Vec<Candidate>) {
        self.find(text, window, false, out);
    }

    /// Numbers with or without their suffix, where a label ("NI number") has said what they are.
    pub(crate) fn scan_labelled(&self, text: &str, range: &Range<usize>, out: &mut Vec<Candidate>) {
        self.find(text, range, true, out);
    }

    fn find(&self, text: &str, window: &Range<usize>, labelled: bool, out: &mut Vec<Candidate>) {
        for caps in self.candidate.captures_iter(&text[window.clone()]) {
            let m = caps.get(0).expect("match");
            let range = window.start + m.start()..window.start + m.end();
            if !is_allocated_prefix(&caps["prefix"]) {
                continue;
            }
            if caps.name("suffix").is_none()
                && !labelled
                && !self.context.is_match(before(text, range.start, 50))
            {
                continue;
            }
            out.push(Candidate {
                kind: Kind::NiNumber,
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
        NiNumber::new().scan(text, &(0..text.len()), &mut out);
        out.into_iter().map(|c| &text[c.range]).collect()
    }

    #[test]
    fn prefixes() {
        assert!(is_allocated_prefix("AB"));
        assert!(is_allocated_prefix("JC"));
        for bad in [
            "QQ", "DA", "FA", "IA", "UA", "VA", "AD", "AF", "AI", "AO", "AQ", "AU", "AV",
        ] {
            assert!(!is_allocated_prefix(bad), "{bad}");
        }
        for bad in UNALLOCATED {
            assert!(!is_allocated_prefix(bad), "{bad}");
        }
    }

    #[test]
    fn written_forms() {
        assert_eq!(found("NI number AB 12 34 56 C"), ["AB 12 34 56 C"]);
        assert_eq!(found("JC123456A."), ["JC123456A"]);
        assert_eq!(found("National Insurance: AB 123456"), ["AB 123456"]);
    }

    #[test]
    fn not_numbers() {
        assert!(found("QQ 12 34 56 C is the format shown on forms").is_empty());
        assert!(found("GB 12 34 56 A").is_empty());
        assert!(found("AB 12 34 56").is_empty());
        assert!(found("AB 12 34 56 E").is_empty());
        assert!(found("ab 12 34 56 c").is_empty());
    }
}
