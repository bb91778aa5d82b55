//! The kinds of personal identifier, named as docs/privacy.md#the-kinds-of-personal-identifier
//! lists them.

use std::fmt;

/// What a found identifier is. [`Kind::name`] is the `kind` of a `personal-identifier`
/// finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A Community Health Index number (NHS Scotland's patient number).
    Chi,
    /// An NHS number from England, Wales or the Isle of Man (or Northern Ireland's H&C
    /// number), without a date of birth at its start.
    NhsNumber,
    /// A National Insurance number.
    NiNumber,
    /// A full unit postcode (a handful of households).
    Postcode,
    /// An e-mail address.
    Email,
    /// A UK landline, mobile or +44 phone number.
    Phone,
    /// A date written where it is someone's date of birth.
    DateOfBirth,
    /// A child's given name next to an age or a care context, or introduced in a child's
    /// or family's story.
    NamedChild,
    /// The name of a child's relative or carer ("Mrs Janet McLeod, the child's
    /// grandmother"): it identifies the family, and so the child.
    NamedRelative,
    /// A house number with its street.
    Address,
    /// A Scottish Candidate Number (SQA).
    Scn,
    /// A match of a configured `[[privacy.pattern]]`; holds the pattern's name.
    Custom(String),
}

impl Kind {
    /// The built-in kinds, in the order docs/privacy.md lists them (then psdoc's own).
    pub const BUILTIN: [Kind; 11] = [
        Kind::Chi,
        Kind::NhsNumber,
        Kind::NiNumber,
        Kind::Postcode,
        Kind::Email,
        Kind::Phone,
        Kind::DateOfBirth,
        Kind::NamedChild,
        Kind::Address,
        Kind::Scn,
        Kind::NamedRelative,
    ];

    /// The kind's name in findings and in `<!-- psdoc-allow personal-identifier:KIND -->`:
    /// `chi`, `nhs-number`, ..., or a custom pattern's name.
    pub fn name(&self) -> &str {
        match self {
            Kind::Chi => "chi",
            Kind::NhsNumber => "nhs-number",
            Kind::NiNumber => "ni-number",
            Kind::Postcode => "postcode",
            Kind::Email => "email",
            Kind::Phone => "phone",
            Kind::DateOfBirth => "date-of-birth",
            Kind::NamedChild => "named-child",
            Kind::NamedRelative => "named-relative",
            Kind::Address => "address",
            Kind::Scn => "scn",
            Kind::Custom(name) => name,
        }
    }

    /// What the identifier is, for messages ("... looks like {description}").
    pub fn description(&self) -> &str {
        match self {
            Kind::Chi => "a CHI number (Community Health Index)",
            Kind::NhsNumber => "an NHS number",
            Kind::NiNumber => "a National Insurance number",
            Kind::Postcode => "a full postcode",
            Kind::Email => "an e-mail address",
            Kind::Phone => "a phone number",
            Kind::DateOfBirth => "a date of birth",
            Kind::NamedChild => "a child's name",
            Kind::NamedRelative => "a relative's or carer's name",
            Kind::Address => "a home address (house number and street)",
            Kind::Scn => "a Scottish Candidate Number (SQA)",
            Kind::Custom(_) => "a local identifier (a configured privacy pattern)",
        }
    }

    /// The built-in kind with this name (`"chi"` gives [`Kind::Chi`]).
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::BUILTIN.into_iter().find(|k| k.name() == name)
    }
}

impl Kind {
    /// A person's name (a child's or a relative's): masked down to its first letter.
    pub fn is_name(&self) -> bool {
        matches!(self, Kind::NamedChild | Kind::NamedRelative)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for kind in Kind::BUILTIN {
            assert_eq!(Kind::from_name(kind.name()), Some(kind.clone()));
            assert!(!kind.description().is_empty());
        }
        assert_eq!(
            Kind::Custom("case reference".into()).name(),
            "case reference"
        );
        assert_eq!(Kind::from_name("case reference"), None);
    }
}
