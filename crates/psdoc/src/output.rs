//! Colour and writing to the terminal.

use std::io::Write;

use crate::cli::ColorWhen;

/// Applies `--color`; `auto` honours `NO_COLOR`, `CLICOLOR_FORCE` and
/// whether the output is a terminal.
pub fn init_color(when: ColorWhen) {
    let choice = match when {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
}

/// Writes `text` to stdout, stripping colour where it is not wanted. Text
/// the stripper would leave as it is goes straight out: stripping it would
/// read every byte for nothing, a tenth of a `psdoc diff`.
pub fn print(text: &str) -> std::io::Result<()> {
    if strips_to_itself(text) {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        return out.flush();
    }
    let mut out = anstream::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Whether anstream's stripper would return `text` unchanged: it removes
/// escape sequences and control characters other than tab, line feed, form
/// feed and carriage return. Text with none of those, as psdoc writes when
/// colour is off, needs no stripping.
fn strips_to_itself(text: &str) -> bool {
    text.chars()
        .all(|c| matches!(c, '\t' | '\n' | '\u{c}' | '\r') || !(c.is_control() || c == '\u{7f}'))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn control_characters_and_escapes_go_through_the_stripper() {
        for text in [
            "a\u{1b}[1mb",
            "a\u{b}b",
            "a\u{7}b",
            "a\u{0}b",
            "a\u{7f}b",
            "a\u{9b}b",
            "a\u{85}b",
        ] {
            assert!(!strips_to_itself(text), "{text:?}");
        }
        assert!(strips_to_itself(
            "Words \u{2013} “quoted”, tabs\tand\r\nlines\u{c}é"
        ));
    }

    proptest! {
        #[test]
        fn text_sent_straight_out_is_what_the_stripper_would_send(text in any::<String>()) {
            if strips_to_itself(&text) {
                prop_assert_eq!(anstream::adapter::strip_str(&text).to_string(), text);
            }
        }

        #[test]
        fn prose_with_some_controls_is_judged_like_the_stripper_judges_it(
            pieces in proptest::collection::vec(prop_oneof![
                Just("word "), Just("é"), Just("\u{2019}"), Just("\t"), Just("\n"), Just("\r"),
                Just("\u{c}"), Just("\u{b}"), Just("\u{7f}"), Just("\u{85}"), Just("\u{1b}[0m"),
                Just("\u{0}"), Just("[1m"),
            ], 0..20)
        ) {
            let text = pieces.concat();
            if strips_to_itself(&text) {
                prop_assert_eq!(anstream::adapter::strip_str(&text).to_string(), text);
            }
        }
    }
}
