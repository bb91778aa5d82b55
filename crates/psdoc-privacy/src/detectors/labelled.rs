//! Values under a label: a table cell whose column header or row label says what it holds
//! ([`crate::labels`]).
//!
//! Where the label names an identifier the bar is lower than in prose, because the label
//! has already said what the value is: a ten-digit number in a "CHI" column is a CHI number
//! whatever its check digit (a mistyped or altered one is still the child's), a date under
//! "DOB" is a date of birth, a given name under "Child" is a child's name. Where the label
//! names something else, the numbers in the cell are not personal identifiers: a [`Veto`]
//! takes back what the ordinary scanners found there.

use std::ops::Range;

use super::Candidate;
use super::Scanners;
use super::chi;
use super::numbers::is_part_of_larger_number;
use crate::Kind;
use crate::context::digits;
use crate::labels::{Label, Names};

/// Kinds found in `range` that a label says are something else.
#[derive(Debug, Clone)]
pub(crate) struct Veto {
    pub(crate) range: Range<usize>,
    pub(crate) kinds: &'static [Kind],
}

impl Veto {
    pub(crate) fn covers(&self, c: &Candidate) -> bool {
        c.range.start >= self.range.start
            && c.range.end <= self.range.end
            && self.kinds.contains(&c.kind)
    }
}

/// Numbers that are not identifiers under a label naming something else.
const NUMBER_KINDS: &[Kind] = &[Kind::Chi, Kind::NhsNumber, Kind::Scn, Kind::Phone];
/// Under a phone label, a ten-digit number is a phone's, never a CHI or NHS number.
const NOT_UNDER_PHONE: &[Kind] = &[Kind::Chi, Kind::NhsNumber, Kind::Scn];

/// Scans the cell at `range` of `text` as its `label` says.
pub(crate) fn scan(
    scanners: &Scanners,
    text: &str,
    range: Range<usize>,
    label: Label,
    out: &mut Vec<Candidate>,
    vetoes: &mut Vec<Veto>,
) {
    if label.other {
        let kinds = if label.names(Names::PHONE) {
            NOT_UNDER_PHONE
        } else {
            NUMBER_KINDS
        };
        vetoes.push(Veto {
            range: range.clone(),
            kinds,
        });
        if label.names & !(Names::PHONE | Names::EMAIL) == 0 {
            return;
        }
    }
    if label.names(Names::CHI | Names::NHS) && !label.names(Names::PHONE) {
        ten_digits(scanners, text, &range, label, out);
    }
    if label.names(Names::BIRTH) {
        scanners.dob().scan_dates(text, &range, out);
    }
    if label.names(Names::POSTCODE) {
        scanners.postcode().scan_any_case(text, &range, out);
    }
    if label.names(Names::NI) {
        scanners.ni().scan_labelled(text, &range, out);
    }
    if label.names(Names::SCN) {
        scanners.scn().scan_labelled(text, &range, out);
    }
    if label.names(Names::CHILD) {
        scanners.named_child().scan_names(text, &range, out);
    }
    if label.names(Names::ADDRESS) {
        address(text, &range, out);
    }
    // What the label does not change, the ordinary scanners find: they read every
    // text whole, table cells included.
}

/// Every ten-digit number of the cell: a CHI number when it starts with a real date (or
/// the label names only CHI), else an NHS number.
fn ten_digits(
    scanners: &Scanners,
    text: &str,
    range: &Range<usize>,
    label: Label,
    out: &mut Vec<Candidate>,
) {
    for found in scanners.numbers().candidates(text, range) {
        if is_part_of_larger_number(text, &found) {
            continue;
        }
        let d = digits(&text[found.clone()]);
        let kind = if chi::has_date_prefix(&d) || !label.names(Names::NHS) {
            Kind::Chi
        } else {
            Kind::NhsNumber
        };
        out.push(Candidate { kind, range: found });
    }
}

/// A cell under "Address" holding a house number and a word: the whole cell.
fn address(text: &str, range: &Range<usize>, out: &mut Vec<Candidate>) {
    let cell = &text[range.clone()];
    let trimmed = cell.trim();
    if trimmed.is_empty() {
        return;
    }
    let has_number = trimmed
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '/')
        .any(|w| w.starts_with(|c: char| c.is_ascii_digit()) && w.len() <= 5);
    let has_word = trimmed
        .split_whitespace()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase) && w.len() > 2);
    if has_number && has_word {
        let start = range.start + (cell.len() - cell.trim_start().len());
        out.push(Candidate {
            kind: Kind::Address,
            range: start..start + trimmed.len(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::classify;

    fn found(label: &str, cell: &str) -> Vec<(Kind, String)> {
        let scanners = Scanners::new();
        let mut out = Vec::new();
        let mut vetoes = Vec::new();
        scan(
            &scanners,
            cell,
            0..cell.len(),
            classify(label),
            &mut out,
            &mut vetoes,
        );
        out.retain(|c| !vetoes.iter().any(|v| v.covers(c)));
        out.sort_by_key(|c| c.range.start);
        out.dedup();
        out.into_iter()
            .map(|c| (c.kind, cell[c.range].to_owned()))
            .collect()
    }

    #[test]
    fn a_label_lowers_the_bar() {
        // A real date, a wrong check digit.
        assert_eq!(
            found("CHI", " 1904851232 "),
            [(Kind::Chi, "1904851232".into())]
        );
        assert_eq!(
            found("NHS number", "943 476 5918"),
            [(Kind::NhsNumber, "943 476 5918".into())]
        );
        assert_eq!(
            found("DOB", "12/03/2014"),
            [(Kind::DateOfBirth, "12/03/2014".into())]
        );
        assert_eq!(
            found("Postcode", "Ky99 9zZ"),
            [(Kind::Postcode, "Ky99 9zZ".into())]
        );
        assert_eq!(
            found("Child's name", "Amelia"),
            [(Kind::NamedChild, "Amelia".into())]
        );
        assert_eq!(
            found("Home address", "22 Harbour View"),
            [(Kind::Address, "22 Harbour View".into())]
        );
        assert_eq!(
            found("NI no.", "AB 12 34 56"),
            [(Kind::NiNumber, "AB 12 34 56".into())]
        );
    }

    #[test]
    fn a_label_naming_something_else_raises_it() {
        assert!(found("Invoice no.", "1904851231").is_empty());
        assert!(found("ISBN", "0198526636").is_empty());
        assert!(found("Phone", "0101011237").is_empty());
        assert!(found("Order", "943 476 5919").is_empty());
        // Not a ten-digit number, not a date.
        assert!(found("CHI", "not recorded").is_empty());
        assert!(found("Child", "Child A").is_empty());
        assert!(found("DOB", "2014").is_empty());
    }
}
