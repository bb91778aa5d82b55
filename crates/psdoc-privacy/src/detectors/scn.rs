//! `scn`: the Scottish Candidate Number the SQA gives each pupil: eight digits (the first two
//! the year of issue) and a modulus-11 check digit with weights 3 2 7 6 5 4 3 2 (check =
//! 11 - (sum mod 11), 11 meaning 0; a remainder of 1 would need 10, so such numbers are
//! never issued), as HESA's field description documents.
//!
//! A bare nine-digit number is far too common, so only a number next to "SCN" or
//! "candidate number" is reported.

use std::ops::Range;

use super::Candidate;
use super::numbers::is_part_of_larger_number;
use super::pattern::{Pattern, regex};
use crate::Kind;
use crate::context::digits;

/// Whether nine digits carry a valid SCN check digit.
pub(crate) fn is_valid(digits: &[u32]) -> bool {
    if digits.len() != 9 {
        return false;
    }
    let sum: u32 = digits[..8]
        .iter()
        .zip([3, 2, 7, 6, 5, 4, 3, 2])
        .map(|(d, w)| d * w)
        .sum();
    match 11 - sum % 11 {
        11 => digits[8] == 0,
        10 => false,
        check => digits[8] == check,
    }
}

pub(crate) struct Scn {
    before: Pattern,
    after: Pattern,
    bare: Pattern,
}

const NUMBER: &str = r"(?P<n>[0-9]{9}|[0-9]{3}[ \x{a0}][0-9]{3}[ \x{a0}][0-9]{3})";

impl Scn {
    pub(crate) fn new() -> Scn {
        Scn {
            before: regex(&format!(
                r"(?:\bSCN|(?i:\bSCN(?-u:\b)|(?-u:\b)(?:scottish\s+)?candidate\s+(?:number|no\.?)))(?:\s*(?:is|was|:|-|–|=|#|\(|number|no\.?|(?-u:\b)of(?-u:\b)))*\s*{NUMBER}(?-u:\b)"
            )),
            bare: regex(&format!(r"(?-u:\b){NUMBER}(?-u:\b)")),
            after: regex(&format!(
                r"(?-u:\b){NUMBER}\s*(?:\(|,|-|–)?\s*(?:SCN(?-u:\b)|(?i:(?:scottish\s+)?candidate\s+number))"
            )),
        }
    }

    /// Every nine-digit number inside `range`, check digit or not, where a label ("SCN")
    /// has said what they are.
    pub(crate) fn scan_labelled(&self, text: &str, range: &Range<usize>, out: &mut Vec<Candidate>) {
        for caps in self.bare.captures_iter(&text[range.clone()]) {
            let n = caps.name("n").expect("group n");
            let found = range.start + n.start()..range.start + n.end();
            if !is_part_of_larger_number(text, &found) {
                out.push(Candidate {
                    kind: Kind::Scn,
                    range: found,
                });
            }
        }
    }

    pub(crate) fn scan(&self, text: &str, window: &Range<usize>, out: &mut Vec<Candidate>) {
        let hay = &text[window.clone()];
        for re in [&self.before, &self.after] {
            for caps in re.captures_iter(hay) {
                let n = caps.name("n").expect("group n");
                let range = window.start + n.start()..window.start + n.end();
                if !is_part_of_larger_number(text, &range) && is_valid(&digits(n.as_str())) {
                    out.push(Candidate {
                        kind: Kind::Scn,
                        range,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        Scn::new().scan(text, &(0..text.len()), &mut out);
        out.into_iter().map(|c| &text[c.range]).collect()
    }

    #[test]
    fn check_digit() {
        // 3*1+2*2+7*0+6*5+5*1+4*2+3*3+2*4 = 67; 67 mod 11 = 1 would need check 10.
        assert!(!is_valid(&digits("120512340")));
        // 3*1+2*5+7*1+6*2+5*3+4*4+3*5+2*6 = 90; 90 mod 11 = 2; check 9.
        assert!(is_valid(&digits("151234569")));
        assert!(!is_valid(&digits("151234568")));
        assert!(!is_valid(&digits("15123456")));
    }

    #[test]
    fn only_next_to_its_name() {
        assert_eq!(found("SCN 151234569"), ["151234569"]);
        assert_eq!(
            found("Scottish Candidate Number: 151 234 569"),
            ["151 234 569"]
        );
        assert_eq!(found("her candidate number is 151234569."), ["151234569"]);
        assert_eq!(found("151234569 (SCN)"), ["151234569"]);
        assert!(found("Order 151234569").is_empty());
        assert!(found("SCN 151234568").is_empty());
    }
}
