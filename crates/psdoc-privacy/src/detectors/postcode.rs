//! `postcode`: a full UK unit postcode (outward and inward code, `EH12 9DN`), which narrows
//! an address to a handful of households. The format is the official one (the letters
//! each position may hold), the area must be one of the UK's postcode areas, and the code
//! is written in capitals or all in lower case, with one space or none. A district or
//! sector alone (`EH12`, `EH12 9`) covers thousands of households and is not reported.

use std::ops::Range;

use super::Candidate;
use super::pattern::{Pattern, regex};
use crate::Kind;

const OUTWARD: &str = r"(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])";
const INWARD: &str = r"[0-9][ABD-HJLNP-UW-Z]{2}";

/// The postcode areas of the UK and the Crown dependencies.
const AREAS: [&str; 126] = [
    "AB", "AL", "B", "BA", "BB", "BD", "BF", "BH", "BL", "BN", "BR", "BS", "BT", "BX", "CA", "CB",
    "CF", "CH", "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT",
    "DY", "E", "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "GY", "HA", "HD", "HG", "HP",
    "HR", "HS", "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L", "LA", "LD",
    "LE", "LL", "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR", "NW",
    "OL", "OX", "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK",
    "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR",
    "TS", "TW", "UB", "W", "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
];

/// Whether `code` (capitals, spacing optional) is a full postcode in a real area.
pub(crate) fn is_valid(code: &str) -> bool {
    let area: String = code.chars().take_while(char::is_ascii_alphabetic).collect();
    AREAS.contains(&area.as_str())
}

pub(crate) struct Postcode {
    candidate: Pattern,
}

impl Postcode {
    pub(crate) fn new() -> Postcode {
        Postcode {
            candidate: regex(&format!(
                r"(?i-u:(?-u:\b){OUTWARD}(?:[ ]|\x{{a0}})?{INWARD}(?-u:\b))"
            )),
        }
    }

    pub(crate) fn scan(&self, text: &str, window: &Range<usize>, out: &mut Vec<Candidate>) {
        self.find(text, window, false, out);
    }

    /// Postcodes in any mix of case, where a label ("Postcode") has said what they are.
    pub(crate) fn scan_any_case(&self, text: &str, range: &Range<usize>, out: &mut Vec<Candidate>) {
        self.find(text, range, true, out);
    }

    fn find(&self, text: &str, window: &Range<usize>, any_case: bool, out: &mut Vec<Candidate>) {
        for m in self.candidate.find_iter(&text[window.clone()]) {
            let raw = m.as_str();
            let letters = raw.chars().filter(char::is_ascii_alphabetic);
            let upper = letters.clone().all(|c| c.is_ascii_uppercase());
            let lower = letters.clone().all(|c| c.is_ascii_lowercase());
            // `#e14ddb`, `a1b2cd`: a colour or an id in lower case without a space is not
            // a postcode a person wrote.
            let glued = lower && !any_case && !raw.contains([' ', '\u{a0}']);
            let after_hash = text[..window.start + m.start()].ends_with('#');
            if (upper || lower || any_case)
                && !glued
                && !after_hash
                && is_valid(&raw.to_ascii_uppercase())
            {
                let range = window.start + m.start()..window.start + m.end();
                out.push(Candidate {
                    kind: Kind::Postcode,
                    range,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        Postcode::new().scan(text, &(0..text.len()), &mut out);
        out.into_iter().map(|c| &text[c.range]).collect()
    }

    #[test]
    fn formats() {
        for code in [
            "EH12 9DN", "G1 1AA", "KY99 9ZZ", "AB10 1XG", "W1A 0AX", "EC1A 1BB", "M60 2LA",
            "EH129DN", "eh12 9dn", "ZE1 0AA",
        ] {
            assert_eq!(found(&format!("at {code}.")), [code], "{code}");
        }
    }

    #[test]
    fn not_postcodes() {
        for text in [
            "KY99",
            "EH12 9",
            "the KY99 district",
            "XX12 3AB",
            "Eh12 9Dn",
            "QA1 1AA",
            "EH12 9CI",
            "ABC1 2DE",
            "color: #e14ddb;",
            "id e149db",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn areas_are_unique_and_sorted() {
        let mut sorted = AREAS.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, AREAS);
    }
}
