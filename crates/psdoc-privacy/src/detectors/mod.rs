//! One module per kind of identifier. Each has a cheap ASCII `TRIGGER` (a fragment of
//! the one prefilter regex run over the whole text) and a scanner that finds and validates
//! candidates inside a window around a trigger hit.

pub(crate) mod address;
pub(crate) mod chi;
pub(crate) mod dob;
pub(crate) mod email;
pub(crate) mod named_child;
pub(crate) mod nhs;
pub(crate) mod ni;
pub(crate) mod numbers;
pub(crate) mod phone;
pub(crate) mod postcode;
pub(crate) mod scn;

use std::ops::Range;

use regex::Regex;

use crate::Kind;

/// A validated identifier before overlaps are resolved and masks computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub(crate) kind: Kind,
    pub(crate) range: Range<usize>,
}

/// Compiles one of the crate's own patterns (a bug if it fails: unit tests compile them all).
pub(crate) fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("built-in pattern {pattern:?}: {e}"))
}

/// The built-in scanners, compiled once.
pub(crate) struct Scanners {
    numbers: numbers::TenDigits,
    scn: scn::Scn,
    ni: ni::NiNumber,
    postcode: postcode::Postcode,
    email: email::Email,
    phone: phone::Phone,
    dob: dob::DateOfBirth,
    named_child: named_child::NamedChild,
    address: address::Address,
}

impl Scanners {
    pub(crate) fn new() -> Scanners {
        Scanners {
            numbers: numbers::TenDigits::new(),
            scn: scn::Scn::new(),
            ni: ni::NiNumber::new(),
            postcode: postcode::Postcode::new(),
            email: email::Email::new(),
            phone: phone::Phone::new(),
            dob: dob::DateOfBirth::new(),
            named_child: named_child::NamedChild::new(),
            address: address::Address::new(),
        }
    }

    /// The prefilter: any built-in identifier starts a trigger hit nearby.
    pub(crate) fn trigger() -> String {
        let address = address::trigger();
        [
            numbers::TRIGGER,
            phone::TRIGGER,
            ni::TRIGGER,
            postcode::TRIGGER,
            email::TRIGGER,
            dob::TRIGGER,
            named_child::TRIGGER,
            &address,
            scn::TRIGGER,
        ]
        .iter()
        .map(|t| format!("(?:{t})"))
        .collect::<Vec<_>>()
        .join("|")
    }

    /// Every built-in candidate inside `window` (a paragraph of `text`).
    pub(crate) fn scan(&self, text: &str, window: Range<usize>, out: &mut Vec<Candidate>) {
        self.numbers.scan(text, &window, out);
        self.scn.scan(text, &window, out);
        self.ni.scan(text, &window, out);
        self.postcode.scan(text, &window, out);
        self.email.scan(text, &window, out);
        self.phone.scan(text, &window, out);
        self.dob.scan(text, &window, out);
        self.named_child.scan(text, &window, out);
        self.address.scan(text, &window, out);
    }
}

/// Which kind wins when two candidates overlap (lower wins).
pub(crate) fn priority(kind: &Kind) -> u8 {
    match kind {
        Kind::Email => 0,
        Kind::Phone => 1,
        Kind::Chi => 2,
        Kind::NhsNumber => 3,
        Kind::Scn => 4,
        Kind::NiNumber => 5,
        Kind::Postcode => 6,
        Kind::DateOfBirth => 7,
        Kind::Address => 8,
        Kind::NamedChild => 9,
        Kind::Custom(_) => 10,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trigger_compiles_and_is_ascii_bounded() {
        let trigger = Scanners::trigger();
        assert!(
            !trigger.contains("\\b")
                || trigger.matches("\\b").count() == trigger.matches("(?-u:\\b)").count()
        );
        regex(&trigger);
        Scanners::new();
    }
}
