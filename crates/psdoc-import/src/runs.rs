//! Building a paragraph's runs from office XML, shared by the Word and
//! OpenDocument readers: the formatting in force, appending text to the
//! last run when it has the same formatting, joining paragraphs into one
//! cell or footnote, and noting once per paragraph what could not be
//! converted.

use crate::model::{Gap, Run, Source, plain};

/// The formatting in force where text is read (spans and hyperlinks nest).
#[derive(Debug, Clone, Default)]
pub struct Format {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub link: Option<String>,
}

impl Format {
    /// A run of `text` with this formatting.
    pub fn run(&self, text: String) -> Run {
        Run {
            text,
            bold: self.bold,
            italic: self.italic,
            strike: self.strike,
            link: self.link.clone(),
            footnote: None,
            line_break: false,
        }
    }
}

/// Appends text, joining it to the last run when the formatting is the same.
pub fn push(runs: &mut Vec<Run>, format: &Format, text: &str) {
    if let Some(last) = runs.last_mut()
        && last.footnote.is_none()
        && !last.line_break
        && last.bold == format.bold
        && last.italic == format.italic
        && last.strike == format.strike
        && last.link == format.link
    {
        last.text.push_str(text);
        return;
    }
    runs.push(format.run(text.to_owned()));
}

/// Appends one paragraph's runs to runs that hold several (a table cell, a
/// footnote), with a space between paragraphs; an empty paragraph adds
/// nothing.
pub fn append_paragraph(runs: &mut Vec<Run>, paragraph: Vec<Run>) {
    if paragraph.is_empty() {
        return;
    }
    if !runs.is_empty() {
        runs.push(Run::text(" "));
    }
    runs.extend(paragraph);
}

/// What could not be converted in a paragraph, and what was done about it
/// (a [`Gap`]'s `what` and `action`).
pub type GapKind = (&'static str, &'static str);

/// Notes a kind of gap for the paragraph being read, once however often it
/// occurs there.
pub fn push_gap(gaps: &mut Vec<GapKind>, (what, action): GapKind) {
    if !gaps.iter().any(|(w, _)| *w == what) {
        gaps.push((what, action));
    }
}

/// Records a gap in paragraph `paragraph` of `source`, with the paragraph's
/// first words (from `runs`) so that it can be found.
pub fn record_gap(source: &mut Source, paragraph: usize, (what, action): GapKind, runs: &[Run]) {
    let near = plain(runs)
        .split_whitespace()
        .take(8)
        .collect::<Vec<_>>()
        .join(" ");
    source.gaps.push(Gap {
        what: what.to_owned(),
        paragraph,
        near,
        action: action.to_owned(),
    });
}

/// The gaps both readers report in the same words.
pub mod gap {
    use super::GapKind;

    pub const TABLE_OF_CONTENTS: GapKind = (
        "a table of contents",
        "left out: the book lists its chapters, and `psdoc export` makes the PDF's contents",
    );
    pub const MERGED_CELLS: GapKind = (
        "a table with merged cells",
        "each merged cell's text is in its first cell; check the table in the chapter",
    );
    pub const ENDNOTE: GapKind = (
        "an endnote",
        "left out: move its text into the chapter, or make it a footnote",
    );
    pub const TEXT_BOX: GapKind = (
        "a text box",
        "left out: copy its text into the chapter if it belongs in the statement",
    );
    pub const IMAGE: GapKind = (
        "an image",
        "left out: add it to the book by hand if it is needed (images do not count as words)",
    );
}
