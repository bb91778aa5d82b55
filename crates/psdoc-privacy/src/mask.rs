//! Masking: the only form in which psdoc ever shows an identifier (docs/privacy.md#masking).

use crate::Kind;

/// The character that hides a masked character.
const HIDDEN: char = '•';

/// Masks `raw`, an identifier of kind `kind`.
///
/// The first two and the last two characters stay, every other character becomes `•`, and
/// separators (whitespace, `-`, `/`, `.`, `@`, `(`, `)`, `+`) stay where they are so the author
/// can recognise the shape: `0101201234` gives `01••••••34`, `190485 1231` gives
/// `19•••• ••31`, `EH12 9DN` gives `EH•• •DN`. An identifier of fewer than six characters
/// (separators aside) keeps only its first character, so that the masked form never gives
/// it away. A name (a child's or a relative's) keeps only its first letter
/// (`Isla` gives `I•••`, `Ellie Smith` gives `E•••• •••••`).
pub fn mask(kind: &Kind, raw: &str) -> String {
    let significant = raw.chars().filter(|c| !is_separator(*c)).count();
    let (head, tail) = if kind.is_name() || significant < 2 {
        (0, 0)
    } else if significant < 6 {
        (1, 0)
    } else {
        (2, 2)
    };
    let mut out = String::with_capacity(raw.len() * 3);
    let mut seen = 0;
    for c in raw.chars() {
        if is_separator(c) {
            out.push(c);
            continue;
        }
        let keep = if kind.is_name() {
            seen == 0
        } else {
            seen < head || seen >= significant - tail
        };
        out.push(if keep { c } else { HIDDEN });
        seen += 1;
    }
    out
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '/' | '.' | '@' | '(' | ')' | '+')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_examples() {
        assert_eq!(mask(&Kind::Chi, "0101201234"), "01••••••34");
        assert_eq!(mask(&Kind::Chi, "190485 1231"), "19•••• ••31");
        assert_eq!(mask(&Kind::NamedChild, "Isla"), "I•••");
    }

    #[test]
    fn separators_stay() {
        assert_eq!(mask(&Kind::NhsNumber, "943 476 5919"), "94• ••• ••19");
        assert_eq!(
            mask(&Kind::Phone, "+44 (0)131 496 0000"),
            "+44 (•)••• ••• ••00"
        );
        assert_eq!(
            mask(&Kind::Email, "rory.mcneill@example.org"),
            "ro••.•••••••@•••••••.•rg"
        );
    }

    #[test]
    fn the_contract_form_down_to_six_characters() {
        assert_eq!(mask(&Kind::Postcode, "EH12 9DN"), "EH•• •DN");
        assert_eq!(mask(&Kind::DateOfBirth, "12/03/2014"), "12/••/••14");
        assert_eq!(mask(&Kind::NiNumber, "AB 12 34 56 C"), "AB •• •• •6 C");
    }

    #[test]
    fn short_identifiers_keep_one_character() {
        assert_eq!(mask(&Kind::Postcode, "G1 1AA"), "G• •••");
        assert_eq!(mask(&Kind::Custom("x".into()), "ab"), "a•");
    }

    #[test]
    fn named_child_keeps_only_the_first_letter() {
        assert_eq!(mask(&Kind::NamedChild, "Ellie Smith"), "E•••• •••••");
        assert_eq!(mask(&Kind::NamedChild, "Mary-Kate"), "M•••-••••");
        assert_eq!(mask(&Kind::NamedRelative, "Janet McLeod"), "J•••• ••••••");
    }

    #[test]
    fn never_the_raw_text() {
        for (kind, raw) in [
            (Kind::Chi, "1904851231"),
            (Kind::Email, "a@b.co"),
            (Kind::Phone, "07700 900123"),
            (Kind::Address, "2/1 45 Bank Street"),
            (Kind::NamedChild, "Al"),
            (Kind::Postcode, "g11aa"),
            (Kind::Custom("x".into()), "7"),
        ] {
            let masked = mask(&kind, raw);
            assert_ne!(masked, raw);
            assert!(masked.contains('•'));
            assert_eq!(masked.chars().count(), raw.chars().count());
        }
    }
}
