//! The paragraphs of one part of a Word, OpenDocument or DrawingML file, in document
//! order, each with the table cell it sits in and whether its style makes it a heading.

use std::collections::HashSet;
use std::io::BufRead;

use quick_xml::events::Event;

use crate::text::push_document_text;
use crate::xml::{attr, local, name_of, next, push_ref, reader};
use crate::zipped::MemberError;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// WordprocessingML: text only in `w:t`, `w:delText`, `w:instrText`.
    Word,
    /// DrawingML charts and diagrams: paragraphs `a:p` with text in `a:t`, and each
    /// cached chart value `c:v` (a category label, a number) on its own.
    Drawing,
    /// OpenDocument: all text inside `text:p` and `text:h`.
    Odf,
}

/// One non-blank paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Paragraph {
    pub(crate) text: String,
    /// The table cell holding it: the 1-based table (in document order), row and column.
    pub(crate) cell: Option<(usize, usize, usize)>,
    /// Its style makes it a heading (Word's "Heading 1" or an outline level, an
    /// OpenDocument `text:h`).
    pub(crate) heading: bool,
}

/// The non-blank paragraphs of one part, in the order they end (a paragraph in a
/// text box or a note comes before the paragraph that holds it). `heading_styles` are
/// the Word paragraph styles that are headings (from `styles.xml`).
pub(crate) fn paragraphs(
    input: &mut dyn BufRead,
    dialect: Dialect,
    heading_styles: &HashSet<String>,
) -> Result<Vec<Paragraph>, MemberError> {
    let mut xml = reader(input);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut out = Vec::new();
    // Paragraphs being read: nested ones (text boxes, notes, comments) on top.
    let mut open: Vec<Paragraph> = Vec::new();
    // Tables being read (nested ones on top): number, row, column.
    let mut tables: Vec<(usize, usize, usize)> = Vec::new();
    let mut table_count = 0usize;
    // Depth inside elements whose text is read (Word) or skipped (both).
    let mut in_text = 0usize;
    let mut in_run = 0usize;
    let mut skipped = 0usize;
    let mut scratch = String::new();
    loop {
        let event = next(&mut xml, &mut buf, &mut depth)?;
        match event {
            Event::Start(e) => {
                let name = name_of(&e);
                if skipped > 0 || is_skipped(&name, dialect) {
                    skipped += 1;
                } else {
                    let cell = tables.last().filter(|t| t.1 > 0 && t.2 > 0).copied();
                    let paragraph = |heading| Paragraph {
                        text: String::new(),
                        cell,
                        heading,
                    };
                    match (dialect, name.as_str()) {
                        (Dialect::Word | Dialect::Drawing, "p") | (Dialect::Odf, "p") => {
                            open.push(paragraph(false))
                        }
                        (Dialect::Odf, "h") => open.push(paragraph(true)),
                        (Dialect::Drawing, "v") => {
                            open.push(paragraph(false));
                            in_text += 1;
                        }
                        (Dialect::Word, "tbl") | (Dialect::Odf, "table") => {
                            table_count += 1;
                            tables.push((table_count, 0, 0));
                        }
                        (Dialect::Word, "tr") | (Dialect::Odf, "table-row") => {
                            if let Some(t) = tables.last_mut() {
                                t.1 += 1;
                                t.2 = 0;
                            }
                        }
                        (Dialect::Word, "tc")
                        | (Dialect::Odf, "table-cell" | "covered-table-cell") => {
                            next_cell(&mut tables)
                        }
                        (Dialect::Word, "t" | "delText" | "instrText")
                        | (Dialect::Drawing, "t") => in_text += 1,
                        (Dialect::Word, "r") => in_run += 1,
                        _ => {}
                    }
                    side_text(&e, &name, dialect, in_run, &mut open);
                }
            }
            Event::Empty(e) => {
                let name = name_of(&e);
                if skipped == 0 {
                    match (dialect, name.as_str()) {
                        (Dialect::Word, "pStyle" | "outlineLvl") => {
                            if attr(&e, "val")
                                .is_some_and(|v| marks_heading(&name, &v, heading_styles))
                                && let Some(p) = open.last_mut()
                            {
                                p.heading = true;
                            }
                        }
                        (Dialect::Odf, "table-cell" | "covered-table-cell") => {
                            next_cell(&mut tables)
                        }
                        _ => {}
                    }
                    side_text(&e, &name, dialect, in_run, &mut open);
                }
            }
            Event::End(e) => {
                let name = local(e.name().as_ref()).to_owned();
                if skipped > 0 {
                    skipped -= 1;
                } else {
                    match (dialect, name.as_str()) {
                        (Dialect::Word | Dialect::Drawing, "p") | (Dialect::Odf, "p" | "h") => {
                            finish(open.pop(), &mut out);
                        }
                        (Dialect::Word, "tbl") | (Dialect::Odf, "table") => {
                            tables.pop();
                        }
                        (Dialect::Drawing, "v") => {
                            in_text = in_text.saturating_sub(1);
                            finish(open.pop(), &mut out);
                        }
                        (Dialect::Word, "t" | "delText" | "instrText")
                        | (Dialect::Drawing, "t") => in_text = in_text.saturating_sub(1),
                        (Dialect::Word, "r") => in_run = in_run.saturating_sub(1),
                        _ => {}
                    }
                }
            }
            Event::Text(t) if reads_text(dialect, in_text, skipped) => {
                push_text(&mut open, &t.xml10_content())
            }
            Event::CData(t) if reads_text(dialect, in_text, skipped) => {
                push_text(&mut open, &t.xml10_content())
            }
            Event::GeneralRef(r) if reads_text(dialect, in_text, skipped) && !open.is_empty() => {
                scratch.clear();
                push_ref(&r, &mut scratch);
                push_text(&mut open, &scratch);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    // A part cut off mid-paragraph still gives what it had.
    while let Some(p) = open.pop() {
        finish(Some(p), &mut out);
    }
    Ok(out)
}

/// Keeps a finished paragraph when it holds text.
fn finish(paragraph: Option<Paragraph>, out: &mut Vec<Paragraph>) {
    if let Some(mut p) = paragraph {
        let text = p.text.trim();
        if !text.is_empty() {
            p.text = text.to_owned();
            out.push(p);
        }
    }
}

/// Whether a Word paragraph style is a heading: one `styles.xml` marks so, or a
/// built-in heading's or title's id.
fn is_heading_style(id: &str, heading_styles: &HashSet<String>) -> bool {
    let lower = id.to_ascii_lowercase();
    heading_styles.contains(id) || lower.starts_with("heading") || lower == "title"
}

/// The ids of the paragraph styles of a Word `styles.xml` that are headings: named
/// "heading N" or "Title", or with an outline level.
pub(crate) fn heading_styles(input: &mut dyn BufRead) -> Result<HashSet<String>, MemberError> {
    let mut xml = reader(input);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut out = HashSet::new();
    let mut current: Option<String> = None;
    loop {
        match next(&mut xml, &mut buf, &mut depth)? {
            Event::Start(e) if name_of(&e) == "style" => {
                current = attr(&e, "styleId");
            }
            Event::Empty(e) => {
                let name = name_of(&e);
                if let Some(id) = &current {
                    let heading = match name.as_str() {
                        "name" => attr(&e, "val").is_some_and(|v| {
                            let v = v.to_ascii_lowercase();
                            v.starts_with("heading") || v == "title"
                        }),
                        "outlineLvl" => {
                            attr(&e, "val").is_some_and(|v| v.parse::<u8>().is_ok_and(|l| l < 9))
                        }
                        _ => false,
                    };
                    if heading {
                        out.insert(id.clone());
                    }
                }
            }
            Event::End(e) if local(e.name().as_ref()) == "style" => current = None,
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// The next cell of the innermost table being read (its row, column and number).
fn next_cell(tables: &mut [(usize, usize, usize)]) {
    if let Some(t) = tables.last_mut() {
        t.2 += 1;
    }
}

/// Whether a Word paragraph property `name` (`pStyle`, `outlineLvl`) with value
/// `val` makes the paragraph a heading: a heading style, or an outline level of 0
/// to 8 (9 is body text).
fn marks_heading(name: &str, val: &str, heading_styles: &HashSet<String>) -> bool {
    match name {
        "pStyle" => is_heading_style(val, heading_styles),
        _ => val.parse::<u8>().is_ok_and(|l| l < 9),
    }
}

/// Adds text to the innermost open paragraph (there is none outside paragraphs).
fn push_text(open: &mut [Paragraph], text: &str) {
    if let Some(p) = open.last_mut() {
        push_document_text(&mut p.text, text);
    }
}

fn reads_text(dialect: Dialect, in_text: usize, skipped: usize) -> bool {
    skipped == 0 && (dialect == Dialect::Odf || in_text > 0)
}

/// Elements whose whole content is left out.
fn is_skipped(name: &str, dialect: Dialect) -> bool {
    match dialect {
        // Word writes a text box twice: once for new readers (mc:Choice), once for
        // old ones (mc:Fallback). Reading both would double it.
        Dialect::Word | Dialect::Drawing => name == "Fallback",
        // Who wrote a comment and when; a footnote's number (it would join the word).
        Dialect::Odf => matches!(
            name,
            "creator" | "date" | "note-citation" | "sequence-decls"
        ),
    }
}

/// Text carried by an element rather than inside it: tabs and breaks become spaces,
/// pictures' alternative text and simple fields' codes are read.
fn side_text(
    e: &quick_xml::events::BytesStart<'_>,
    name: &str,
    dialect: Dialect,
    in_run: usize,
    open: &mut [Paragraph],
) {
    let Some(p) = open.last_mut().map(|p| &mut p.text) else {
        return;
    };
    match (dialect, name) {
        (Dialect::Word, "tab" | "br" | "cr" | "ptab") if in_run > 0 => p.push(' '),
        (Dialect::Word, "noBreakHyphen") => p.push('-'),
        (Dialect::Word, "docPr") => {
            for key in ["descr", "title"] {
                push_attribute(p, e, key);
            }
        }
        (Dialect::Word, "fldSimple") => push_attribute(p, e, "instr"),
        (Dialect::Odf, "s") => {
            let n = attr(e, "c")
                .and_then(|c| c.parse::<usize>().ok())
                .unwrap_or(1);
            for _ in 0..n.clamp(1, 8) {
                p.push(' ');
            }
        }
        (Dialect::Odf, "tab" | "line-break") => p.push(' '),
        _ => {}
    }
}

/// Adds an attribute's text, if the element has it, set apart by spaces.
fn push_attribute(p: &mut String, e: &quick_xml::events::BytesStart<'_>, key: &str) {
    if let Some(v) = attr(e, key) {
        p.push(' ');
        push_document_text(p, &v);
        p.push(' ');
    }
}
