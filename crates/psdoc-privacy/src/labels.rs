//! Labels: the words that say what a value is (a table's column header, a row's label,
//! the words just before a number).
//!
//! A label that names an identifier lowers the bar for that kind: a ten-digit number
//! starting with a real date in a column headed "CHI" is a CHI number even when its check
//! digit was mistyped, and a date under "DOB" is a date of birth without the word "born"
//! beside it. A label that names something else ("ISBN", "Invoice no.", "Order", a phone
//! column) raises the bar: a number that happens to pass a CHI check there is not one.

use std::collections::HashSet;
use std::sync::LazyLock;

/// What a label says its values are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Label {
    /// The identifiers the label names (a set of [`Names`] bits).
    pub(crate) names: u16,
    /// The label names something that is not personal (an invoice, a book, an order).
    pub(crate) other: bool,
}

/// The identifiers a label can name, as bits of [`Label::names`].
pub(crate) struct Names;

impl Names {
    pub(crate) const CHI: u16 = 1;
    pub(crate) const NHS: u16 = 1 << 1;
    pub(crate) const NI: u16 = 1 << 2;
    pub(crate) const POSTCODE: u16 = 1 << 3;
    pub(crate) const PHONE: u16 = 1 << 4;
    pub(crate) const EMAIL: u16 = 1 << 5;
    pub(crate) const BIRTH: u16 = 1 << 6;
    pub(crate) const CHILD: u16 = 1 << 7;
    pub(crate) const ADDRESS: u16 = 1 << 8;
    pub(crate) const SCN: u16 = 1 << 9;
}

/// Phrases of labels, lower case, matched as whole words; each names identifiers.
const NAMING: &[(&str, u16)] = &[
    ("chi", Names::CHI),
    ("community health index", Names::CHI),
    ("nhs number", Names::NHS | Names::CHI),
    ("nhs no", Names::NHS | Names::CHI),
    ("nhs", Names::NHS | Names::CHI),
    ("h&c", Names::NHS),
    ("health and care number", Names::NHS),
    ("patient", Names::CHI | Names::NHS),
    ("dob", Names::BIRTH | Names::CHI),
    ("d.o.b", Names::BIRTH | Names::CHI),
    ("date of birth", Names::BIRTH | Names::CHI),
    ("birth date", Names::BIRTH),
    ("birthday", Names::BIRTH),
    ("born", Names::BIRTH),
    ("ni", Names::NI),
    ("nino", Names::NI),
    ("national insurance", Names::NI),
    ("postcode", Names::POSTCODE),
    ("post code", Names::POSTCODE),
    ("phone", Names::PHONE),
    ("telephone", Names::PHONE),
    ("tel", Names::PHONE),
    ("mobile", Names::PHONE),
    ("landline", Names::PHONE),
    ("contact number", Names::PHONE),
    ("email", Names::EMAIL),
    ("e-mail", Names::EMAIL),
    ("address", Names::ADDRESS),
    ("scn", Names::SCN),
    ("candidate number", Names::SCN),
    ("child", Names::CHILD),
    ("child's name", Names::CHILD),
    ("child’s name", Names::CHILD),
    ("name of child", Names::CHILD),
    ("young person", Names::CHILD),
    ("pupil", Names::CHILD),
    ("baby", Names::CHILD),
];

/// Words of labels that name something that is not personal.
const OTHER: &[&str] = &[
    "isbn",
    "issn",
    "invoice",
    "inv",
    "order",
    "po",
    "purchase order",
    "account",
    "acct",
    "sort code",
    "receipt",
    "serial",
    "transaction",
    "barcode",
    "tracking",
    "booking",
    "ticket",
    "voucher",
    "cheque",
    "charity",
    "company",
    "vat",
    "ukprn",
    "urn",
    "licence",
    "license",
    "policy",
    "batch",
    "postcode district",
];

/// Words the quick look in [`classify`] knows besides the first words of [`NAMING`] and
/// [`OTHER`]: "number" and "no" (as in "no. of"), and ISBNs written with their length,
/// which the quick look reads as one word but [`has_phrase`] finds "isbn" in.
const MORE_FIRST_WORDS: &[&str] = &["number", "no", "isbn-10", "isbn-13"];

/// The first words of the phrases of [`NAMING`] and [`OTHER`], and [`MORE_FIRST_WORDS`]:
/// derived once, so that a phrase added to either list is always found.
static FIRST_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    NAMING
        .iter()
        .map(|(phrase, _)| *phrase)
        .chain(OTHER.iter().copied())
        .map(|phrase| phrase.split(' ').next().unwrap_or(phrase))
        .chain(MORE_FIRST_WORDS.iter().copied())
        .collect()
});

/// Reads a label: a table header, a row label or the words before a value.
pub(crate) fn classify(label: &str) -> Label {
    let lower = normalise(label);
    // A number, a percentage, a dash: most cells of a table are not labels at all.
    if !lower.bytes().any(|b| b.is_ascii_alphabetic()) {
        return Label::default();
    }
    // Most labels (a row's title, a number) hold none of the phrases' first words: one
    // look at each word is far cheaper than searching for every phrase.
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '&' | '\'' | '’' | '.' | '-');
    let mentions_one = lower
        .split(|c: char| !is_word(c))
        .any(|w| FIRST_WORDS.contains(&w.trim_end_matches('.')));
    if !mentions_one {
        return Label::default();
    }
    let mut out = Label::default();
    for (phrase, names) in NAMING {
        if has_phrase(&lower, phrase) {
            out.names |= names;
        }
    }
    if OTHER.iter().any(|w| has_phrase(&lower, w)) {
        out.other = true;
    }
    // "Phone" names a phone number, and so says a ten-digit number in it is not a CHI
    // number; "number of children" counts, it does not name a child.
    if out.names & Names::PHONE != 0 && out.names & !(Names::PHONE | Names::EMAIL) == 0 {
        out.other = true;
    }
    if has_phrase(&lower, "number of") || has_phrase(&lower, "no. of") || lower.contains('%') {
        out.names &= !Names::CHILD;
    }
    out
}

/// Both labels of a cell (its column's header and its row's label) read as one.
pub(crate) fn classify_all<'a>(labels: impl IntoIterator<Item = &'a str>) -> Label {
    labels
        .into_iter()
        .map(classify)
        .fold(Label::default(), |a, b| Label {
            names: a.names | b.names,
            other: a.other || b.other,
        })
}

impl Label {
    pub(crate) fn names(&self, names: u16) -> bool {
        self.names & names != 0
    }
}

/// Lower case, emphasis and surrounding punctuation gone, runs of spaces as one.
fn normalise(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for word in label.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
    out.trim_matches(|c: char| matches!(c, '*' | '_' | ':' | '#' | ' '))
        .to_owned()
}

/// Whether `phrase` occurs in `text` between word boundaries.
fn has_phrase(text: &str, phrase: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '&';
    text.match_indices(phrase).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + phrase.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naming_labels() {
        assert!(classify("CHI").names(Names::CHI));
        assert!(classify("CHI no.").names(Names::CHI));
        assert!(classify("**CHI number**").names(Names::CHI));
        assert!(classify("NHS number").names(Names::NHS));
        assert!(classify("Patient ID").names(Names::CHI));
        assert!(classify("DOB").names(Names::BIRTH));
        assert!(classify("Date of birth").names(Names::BIRTH));
        assert!(classify("Post code").names(Names::POSTCODE));
        assert!(classify("Child's name").names(Names::CHILD));
        assert!(classify("Mobile").names(Names::PHONE));
        assert!(!classify("Number of children").names(Names::CHILD));
        assert!(!classify("Children").names(Names::CHILD));
        assert!(!classify("Chief officer").names(Names::CHI));
        assert!(!classify("Outcome").other);
        assert_eq!(classify(""), Label::default());
        assert_eq!(classify("Report 12345 of the CPC"), Label::default());
        assert!(classify("Child's name:").names(Names::CHILD));
        assert!(classify("Home address").names(Names::ADDRESS));
        assert!(classify("D.O.B.").names(Names::BIRTH));
        // Every phrase starts with a word the quick look knows.
        for phrase in NAMING.iter().map(|(p, _)| *p).chain(OTHER.iter().copied()) {
            let first = phrase.split(' ').next().unwrap();
            assert!(FIRST_WORDS.contains(&first), "{first}");
        }
    }

    #[test]
    fn other_labels() {
        for label in [
            "ISBN",
            "Invoice no.",
            "Order no.",
            "Account",
            "Phone",
            "Tel.",
        ] {
            assert!(classify(label).other, "{label}");
        }
        assert!(!classify("CHI").other);
    }
}
