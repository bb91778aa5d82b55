//! Ten-digit numbers (written as one run, 6-4 or 3-3-4): CHI or NHS numbers once validated
//! by [`super::chi`] and [`super::nhs`]; plus the checks every numeric identifier shares.

use std::ops::Range;

use super::chi::{self, ChiCheck};
use super::pattern::{Pattern, regex};
use super::{Candidate, nhs};
use crate::Kind;
use crate::context::{after, before, digits};

const CANDIDATE: &str = r"(?-u:\b)(?:[0-9]{10}|[0-9]{6}[ \-\x{a0}][0-9]{4}|[0-9]{3}[ \-\x{a0}][0-9]{3}[ \-\x{a0}][0-9]{4})(?-u:\b)";

/// Words that say a number is something else: an invoice, a book, a bank account...
pub(crate) const NOT_PERSONAL: &str = r"(?i)(?:(?-u:\b)(?:invoice|inv|order|purchase order|po|isbn(?:-1[03])?|issn|account|acct|a/c|sort code|receipt|serial|transaction|txn|ref|reference|charity|company|payment|cheque|voucher|ticket|licence|license|policy|claim|batch|barcode|tracking|booking|confirmation|application|planning|crime|incident|ucas|ukprn|urn|vat)\.?(?:\s+(?:no|nos|number|num|id|code|ref|reference)\.?)?\s*(?:[:#=]|is|was)?\s*\(?)$";

/// Scans for CHI and NHS numbers.
/// A label just before a number that says it is a CHI or NHS number ("CHI:", "NHS no.",
/// "Patient ID", "DOB"): with it, a mistyped check digit does not hide the number.
const LABEL_BEFORE: &str = r"(?i)(?:(?-u:\b)(?:chi|community\s+health\s+index|nhs|h&c|patient|dob|d\.o\.b|date\s+of\s+birth)\.?(?:\s+(?:no|nos|number|num|id|identifier|ref)\.?)?\s*(?:[:#=\-–]|is|was)?\s*\(?)$";

/// A phone label just before a number: a ten-digit number there is not a CHI number.
const PHONE_BEFORE: &str = r"(?i)(?:(?-u:\b)(?:tel|telephone|phone|mobile|mob|fax|landline)\.?(?:\s+(?:no|number)\.?)?\s*(?:[:#=\-–]|is|was)?\s*\(?)$";

pub(crate) struct TenDigits {
    candidate: Pattern,
    label_before: Pattern,
    phone_before: Pattern,
    chi_context: Pattern,
    nhs_context: Pattern,
    not_personal: Pattern,
}

impl TenDigits {
    pub(crate) fn new() -> TenDigits {
        TenDigits {
            candidate: regex(CANDIDATE),
            label_before: regex(LABEL_BEFORE),
            phone_before: regex(PHONE_BEFORE),
            chi_context: regex(r"(?-u:\b)CHI(?-u:\b)|(?i:community\s+health\s+index)"),
            nhs_context: regex(
                r"(?-u:\b)NHS(?-u:\b)|(?-u:\b)H&C(?-u:\b)|(?i:health\s+and\s+care\s+number)",
            ),
            not_personal: regex(NOT_PERSONAL),
        }
    }

    /// Every ten-digit number written as one (one run, 6-4 or 3-3-4) inside `range`.
    pub(crate) fn candidates(&self, text: &str, range: &Range<usize>) -> Vec<Range<usize>> {
        self.candidate
            .find_iter(&text[range.clone()])
            .map(|m| range.start + m.start()..range.start + m.end())
            .collect()
    }

    pub(crate) fn scan(&self, text: &str, window: &Range<usize>, out: &mut Vec<Candidate>) {
        for m in self.candidate.find_iter(&text[window.clone()]) {
            let range = window.start + m.start()..window.start + m.end();
            if is_part_of_larger_number(text, &range) {
                continue;
            }
            let d = digits(m.as_str());
            let near = |re: &Pattern| {
                re.is_match(before(text, range.start, 60))
                    || re.is_match(after(text, range.end, 24))
            };
            let just_before = before(text, range.start, 40);
            let said_otherwise =
                self.not_personal.is_match(just_before) || self.phone_before.is_match(just_before);
            let labelled = self.label_before.is_match(just_before);
            let kind = match chi::check(&d) {
                _ if labelled && chi::has_date_prefix(&d) => Some(Kind::Chi),
                _ if labelled
                    && (self.nhs_context.is_match(just_before)
                        || just_before.to_ascii_lowercase().contains("patient")) =>
                {
                    Some(Kind::NhsNumber)
                }
                ChiCheck::Modulus11 if !said_otherwise || near(&self.chi_context) => {
                    Some(Kind::Chi)
                }
                ChiCheck::Modulus10 if near(&self.chi_context) => Some(Kind::Chi),
                _ if nhs::is_nhs_number(&d)
                    && (!said_otherwise || near(&self.nhs_context) || near(&self.chi_context)) =>
                {
                    Some(Kind::NhsNumber)
                }
                _ => None,
            };
            if let Some(kind) = kind {
                out.push(Candidate { kind, range });
            }
        }
    }
}

/// Whether the digits at `range` continue a decimal, an amount of money, a percentage or a
/// longer grouped number (`1,234,567,890`, `£1904851231`, `1904851231.50`).
pub(crate) fn is_part_of_larger_number(text: &str, range: &Range<usize>) -> bool {
    let b = before(text, range.start, 4).as_bytes();
    let a = after(text, range.end, 4).as_bytes();
    let prev_is = |f: fn(u8) -> bool| b.last().is_some_and(|&c| f(c));
    let before_sep_digit =
        b.len() >= 2 && matches!(b[b.len() - 1], b'.' | b',') && b[b.len() - 2].is_ascii_digit();
    let after_sep_digit = a.len() >= 2 && matches!(a[0], b'.' | b',') && a[1].is_ascii_digit();
    before_sep_digit
        || after_sep_digit
        || prev_is(|c| c == b'$' || c == b'#')
        || before(text, range.start, 2).ends_with('£')
        || before(text, range.start, 3).ends_with('€')
        || a.first() == Some(&b'%')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        let mut out = Vec::new();
        TenDigits::new().scan(text, &(0..text.len()), &mut out);
        out.into_iter().map(|c| (c.kind, &text[c.range])).collect()
    }

    #[test]
    fn written_forms() {
        assert_eq!(kinds("CHI 1904851231"), [(Kind::Chi, "1904851231")]);
        assert_eq!(kinds("CHI 190485 1231."), [(Kind::Chi, "190485 1231")]);
        assert_eq!(kinds("(190-485-1231)"), [(Kind::Chi, "190-485-1231")]);
        assert_eq!(
            kinds("NHS number 943 476 5919"),
            [(Kind::NhsNumber, "943 476 5919")]
        );
        assert_eq!(kinds("9434765919"), [(Kind::NhsNumber, "9434765919")]);
    }

    #[test]
    fn modulus_10_needs_the_word_chi() {
        assert_eq!(kinds("CHI number 0101201234"), [(Kind::Chi, "0101201234")]);
        assert_eq!(kinds("0101201234 (CHI)"), [(Kind::Chi, "0101201234")]);
        assert!(kinds("Order 0101201234 was dispatched").is_empty());
        assert!(kinds("Batch total 0101201234").is_empty());
    }

    #[test]
    fn a_label_before_lowers_the_bar() {
        // Real dates, wrong check digits.
        assert_eq!(kinds("CHI: 1904851232"), [(Kind::Chi, "1904851232")]);
        assert_eq!(kinds("CHI no. 190485 1232"), [(Kind::Chi, "190485 1232")]);
        assert_eq!(kinds("Patient ID 0806307529"), [(Kind::Chi, "0806307529")]);
        assert_eq!(
            kinds("NHS number 943 476 5918"),
            [(Kind::NhsNumber, "943 476 5918")]
        );
        // Without the label, a wrong check digit is not a CHI number.
        assert!(kinds("Record 1904851232 was closed").is_empty());
        assert!(kinds("CHI counts rose; 1904851232 is a total").is_empty());
    }

    #[test]
    fn other_numbers_are_left_alone() {
        assert!(kinds("Invoice 1904851232 was paid.").is_empty());
        assert!(kinds("Invoice 1904851231 was paid.").is_empty());
        assert!(kinds("ISBN 0198526636").is_empty());
        assert!(kinds("£1904851231").is_empty());
        assert!(kinds("1904851231.50").is_empty());
        assert!(kinds("12345678901").is_empty());
        assert!(kinds("1,904,851,231").is_empty());
        // A phone label says a ten-digit number is not a CHI number.
        assert!(kinds("Tel: 0101011237").is_empty());
        // "Ref" does not hide a number that is said to be a CHI number.
        assert_eq!(kinds("Ref: CHI 1904851231"), [(Kind::Chi, "1904851231")]);
    }
}
