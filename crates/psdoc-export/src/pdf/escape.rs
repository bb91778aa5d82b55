//! Statement text made inert in Typst: whatever an officer writes (`#`, `*`,
//! `$`, `<label>`, `@ref`, `//`, `= ` at a line's start, `https://`, `--`)
//! prints as written and never becomes markup or code.

/// Text for Typst markup: every ASCII punctuation character escaped with a
/// backslash (Typst takes `\` before any of them literally), line breaks as
/// spaces. Letters, digits and non-ASCII text pass through.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            // Other control characters have no glyph and no place in a PDF.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A Typst string literal, quotes included.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use typst::syntax::{SyntaxKind, SyntaxNode};

    /// Every leaf of the parsed markup is text, an escape or a space.
    fn inert(node: &SyntaxNode) -> bool {
        match node.kind() {
            SyntaxKind::Markup => node.children().all(inert),
            SyntaxKind::Text | SyntaxKind::Escape | SyntaxKind::Space => true,
            _ => false,
        }
    }

    #[test]
    fn markup_characters_are_escaped() {
        for text in [
            "= Heading",
            "- item",
            "+ item",
            "1. item",
            "/ term: description",
            "#let x = 1",
            "*bold* _emph_ `raw`",
            "$x^2$ <label> @ref",
            "https://example.org/a // not a comment /* nor this */",
            "a -- b --- c ... d ~ e -? f",
            "'single' \"double\" \\ backslash",
            "[E12] {braces} (parens)",
            "\\u{41} stays as written",
        ] {
            let escaped = markup(text);
            let root = typst::syntax::parse(&escaped);
            assert!(inert(&root), "{text:?} -> {escaped:?}: {root:#?}");
        }
    }

    proptest! {
        #[test]
        fn any_text_is_inert(text in "\\PC{0,60}") {
            let escaped = markup(&text);
            let root = typst::syntax::parse(&escaped);
            prop_assert!(inert(&root), "{:?} -> {:?}", text, escaped);
        }

        #[test]
        fn strings_round_trip(text in "\\PC{0,60}") {
            let literal = string(&text);
            let root = typst::syntax::parse_code(&literal);
            let strings: Vec<usize> = root
                .children()
                .filter(|n| n.kind() == SyntaxKind::Str)
                .map(|n| n.len())
                .collect();
            prop_assert_eq!(strings, vec![literal.len()]);
        }
    }
}
