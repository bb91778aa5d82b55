//! `phone`: a UK phone number: a mobile (07...), a landline (01..., 02...), a 03 number, or
//! any of them after +44 (with or without `(0)`), in the usual groupings (`07700 900123`,
//! `0131 496 0000`, `(0131) 496 0000`, `020 7946 0958`, `+44 7700 900123`). Ten digits after
//! the leading 0 (or after 44), in at most four groups: statistics, money, years, ranges
//! and reference numbers do not have that shape. Freephone and premium-rate numbers (08,
//! 09) are an organisation's, never a family's, and are not reported.

use std::ops::Range;

use super::Candidate;
use super::numbers::{NOT_PERSONAL, is_part_of_larger_number};
use super::pattern::{Pattern, regex};
use crate::Kind;
use crate::context::before;

const NATIONAL_DIGITS: usize = 10;
const MAX_GROUPS: usize = 4;

pub(crate) struct Phone {
    candidate: Pattern,
    not_personal: Pattern,
}

impl Phone {
    pub(crate) fn new() -> Phone {
        Phone {
            candidate: regex(
                r"(?:(?P<intl>\+[ \x{a0}]?44)[ \x{a0}\-]?(?:\(0\)[ \x{a0}\-]?)?|\(0|(?-u:\b)0)(?P<rest>[0-9]+(?:\)?[ \x{a0}\-]?[0-9]+){0,5})",
            ),
            not_personal: regex(NOT_PERSONAL),
        }
    }

    pub(crate) fn scan(&self, text: &str, window: &Range<usize>, out: &mut Vec<Candidate>) {
        let hay = &text[window.clone()];
        for caps in self.candidate.captures_iter(hay) {
            let m = caps.get(0).expect("match");
            let rest = caps.name("rest").expect("rest");
            let Some(len) = national_number_length(rest.as_str()) else {
                continue;
            };
            let range = window.start + m.start()..window.start + rest.start() + len;
            if is_part_of_larger_number(text, &range)
                || self.not_personal.is_match(before(text, range.start, 40))
            {
                continue;
            }
            out.push(Candidate {
                kind: Kind::Phone,
                range,
            });
        }
    }
}

/// The length in bytes of the part of `rest` (what follows the 0 or +44) that is a phone
/// number: groups of digits adding up to ten digits, the first of them beginning with 1, 2,
/// 3 or 7, every group after the first of at least two digits.
pub(crate) fn national_number_length(rest: &str) -> Option<usize> {
    if !matches!(rest.as_bytes().first(), Some(b'1' | b'2' | b'3' | b'7')) {
        return None;
    }
    let mut count = 0;
    let mut groups = 0;
    let mut group_len = 0;
    let bytes = rest.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_digit() {
            count += 1;
            group_len += 1;
            let group_ends = bytes.get(i + 1).is_none_or(|n| !n.is_ascii_digit());
            if group_ends {
                groups += 1;
                let min = if groups == 1 { 1 } else { 2 };
                if group_len < min || groups > MAX_GROUPS || count > NATIONAL_DIGITS {
                    return None;
                }
                if count == NATIONAL_DIGITS {
                    return Some(i + 1);
                }
                group_len = 0;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        Phone::new().scan(text, &(0..text.len()), &mut out);
        out.into_iter().map(|c| &text[c.range]).collect()
    }

    #[test]
    fn written_forms() {
        for number in [
            "07700 900123",
            "07700900123",
            "07700 900 123",
            "07 700 900 444",
            "0131 496 0000",
            "01314960000",
            "(0131) 496 0000",
            "020 7946 0958",
            "0141-496-0123",
            "01382 496123",
            "0300 123 4567",
            "+44 7700 900123",
            "+447700900123",
            "+44 (0)131 496 0000",
            "+44 131 496 0000",
        ] {
            assert_eq!(found(&format!("Call {number}.")), [number], "{number}");
        }
    }

    #[test]
    fn the_rest_of_a_line_is_not_swallowed() {
        assert_eq!(found("0131 496 0000 2023"), ["0131 496 0000"]);
    }

    #[test]
    fn not_phones() {
        for text in [
            "0800 123 4567",
            "0131 496 000",
            "In 2023-24 we had 1,234 referrals",
            "£07700900123",
            "0 1 2 3 4 5 6 7 8 9 10",
            "01 02 03 04 05 06",
            "Invoice 01314960000",
            "ISBN 0131 496 0000",
            "0.7700900123",
            "01/02/2024",
            "09:30-17:00",
            "017 0017",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn groups() {
        assert_eq!(national_number_length("7700 900123"), Some(11));
        assert_eq!(national_number_length("7 700 900 123"), Some(13));
        assert_eq!(national_number_length("7 70 0 900 123"), None);
        assert_eq!(national_number_length("131 496 0000 5"), Some(12));
        assert_eq!(national_number_length("800 123 4567"), None);
    }
}
