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
/// without colour (no escape character) goes straight out: stripping it would
/// read every byte for nothing, a tenth of a `psdoc diff`.
pub fn print(text: &str) -> std::io::Result<()> {
    if !text.as_bytes().contains(&0x1b) {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        return out.flush();
    }
    let mut out = anstream::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}
