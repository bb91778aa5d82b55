//! Word (`.docx`) and OpenDocument text (`.odt`): paragraphs of the body, then of
//! headers, footers, notes and comments.
//!
//! Text a reader may not see on screen but that is still in the file is read too,
//! because it leaves with the file: tracked deletions, field codes (a `mailto:`
//! link), alternative text of pictures.

use std::io::BufRead;

use quick_xml::events::Event;

use crate::model::{Extracted, Format, Limits, Location, NotScanned, NotScannedKind, TextUnit};
use crate::text::push_document_text;
use crate::xml::{attr, local, name_of, next, push_ref, reader};
use crate::zipped::{Archive, MemberError, resolve};

pub(crate) fn docx(bytes: &[u8], limits: &Limits, ext: &str) -> Result<Extracted, NotScanned> {
    let mut zip = Archive::open(bytes, limits, ext)?;
    let main = main_part(&mut zip, "word/document.xml")?;
    if !zip.has(&main) {
        return Err(NotScanned::new(
            NotScannedKind::Corrupt,
            format!("not a Word document: {main} is missing (corrupt {ext}?)"),
        ));
    }
    let mut units = Vec::new();
    let body = zip.parse(&main, |r| paragraphs(r, Dialect::Word))?;
    push_paragraphs(&mut units, body, Location::Paragraph);

    let dir = main.rsplit_once('/').map_or("", |(d, _)| d);
    let mut others: Vec<(String, Dialect)> = zip
        .names()
        .iter()
        .filter_map(|n| {
            let file = n.strip_prefix(dir)?.strip_prefix('/')?;
            word_part(file).map(|dialect| (n.clone(), dialect))
        })
        .collect();
    others.sort_by_key(|(n, _)| part_order(n));
    for (part, dialect) in others {
        let paras = zip.parse(&part, |r| paragraphs(r, dialect))?;
        push_paragraphs(&mut units, paras, |n| Location::Part {
            part: part.clone(),
            paragraph: n,
        });
    }
    let embedded: Vec<&String> = zip
        .names()
        .iter()
        .filter(|n| {
            n.strip_prefix(dir)
                .and_then(|f| f.strip_prefix("/embeddings/"))
                .is_some_and(|f| !f.is_empty() && !f.ends_with('/'))
        })
        .collect();
    let incomplete = embedded_note(&embedded).into_iter().collect();
    Ok(Extracted {
        format: Format::Docx,
        units,
        tables: Vec::new(),
        incomplete,
    })
}

pub(crate) fn odt(bytes: &[u8], limits: &Limits, ext: &str) -> Result<Extracted, NotScanned> {
    let mut zip = Archive::open(bytes, limits, ext)?;
    if zip.has("META-INF/manifest.xml") {
        let manifest = zip.read("META-INF/manifest.xml")?;
        if memchr::memmem::find(&manifest, b"encryption-data").is_some() {
            return Err(NotScanned::new(
                NotScannedKind::Encrypted,
                "a password-protected OpenDocument file: psdoc cannot read it",
            ));
        }
    }
    if !zip.has("content.xml") {
        return Err(NotScanned::new(
            NotScannedKind::Corrupt,
            format!("not an OpenDocument file: content.xml is missing (corrupt {ext}?)"),
        ));
    }
    let mut units = Vec::new();
    let body = zip.parse("content.xml", |r| paragraphs(r, Dialect::Odf))?;
    push_paragraphs(&mut units, body, Location::Paragraph);
    // Headers and footers live with the page styles; charts and other embedded
    // objects in sub-documents of their own.
    let mut parts: Vec<String> = zip
        .names()
        .iter()
        .filter(|n| {
            n.as_str() == "styles.xml"
                || n.strip_prefix("Object ")
                    .and_then(|rest| rest.strip_suffix("/content.xml"))
                    .is_some_and(|num| !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()))
        })
        .cloned()
        .collect();
    parts.sort_by_key(|n| (n != "styles.xml", part_order(n)));
    for part in parts {
        let paras = zip.parse(&part, |r| paragraphs(r, Dialect::Odf))?;
        push_paragraphs(&mut units, paras, |n| Location::Part {
            part: part.clone(),
            paragraph: n,
        });
    }
    Ok(Extracted {
        format: Format::Odt,
        units,
        tables: Vec::new(),
        incomplete: Vec::new(),
    })
}

/// The main part named by the package relationships (`_rels/.rels`), else `fallback`.
pub(crate) fn main_part(zip: &mut Archive<'_>, fallback: &str) -> Result<String, NotScanned> {
    if !zip.has("_rels/.rels") {
        return Ok(fallback.to_owned());
    }
    let rels = zip.parse("_rels/.rels", |r| relationships(r))?;
    Ok(rels
        .into_iter()
        .find(|rel| rel.kind.ends_with("/officeDocument"))
        .map(|rel| resolve("", &rel.target))
        .unwrap_or_else(|| fallback.to_owned()))
}

/// The Word parts read besides the body (`file` relative to the body's folder):
/// headers, footers, notes and comments as Word text; charts and SmartArt
/// diagrams, whose labels and values are shown in the document, as drawings.
fn word_part(file: &str) -> Option<Dialect> {
    if !file.ends_with(".xml") {
        return None;
    }
    if let Some(chart) = file.strip_prefix("charts/") {
        return (!chart.contains('/') && chart.starts_with("chart")).then_some(Dialect::Drawing);
    }
    if let Some(diagram) = file.strip_prefix("diagrams/") {
        return (!diagram.contains('/') && diagram.starts_with("data")).then_some(Dialect::Drawing);
    }
    let text_part = !file.contains('/')
        && ["header", "footer", "footnotes", "endnotes", "comments"]
            .iter()
            .any(|p| file.starts_with(p))
        && !["commentsExtended", "commentsIds", "commentsExtensible"]
            .iter()
            .any(|p| file.starts_with(p));
    text_part.then_some(Dialect::Word)
}

/// Files embedded in a document (a chart's workbook, an inserted object) are not
/// read: say so, since they can hold the data behind a chart. Their names are not
/// given, as an inserted file keeps its own name.
pub(crate) fn embedded_note(names: &[&String]) -> Option<NotScanned> {
    let reason = match names.len() {
        0 => return None,
        1 => "an embedded file (a chart's data or an inserted object) was not read: \
              open the document to check it"
            .to_owned(),
        n => format!(
            "{n} embedded files (charts' data or inserted objects) were not read: \
             open the document to check them"
        ),
    };
    Some(NotScanned::new(NotScannedKind::Unsupported, reason))
}

/// headers, footers, footnotes, endnotes, comments, then charts and diagrams;
/// numbered parts in number order.
pub(crate) fn part_order(name: &str) -> (usize, u64, String) {
    let file = name.rsplit('/').next().unwrap_or(name);
    let rank = if name.contains("/charts/") || name.contains("/diagrams/") {
        5
    } else {
        ["header", "footer", "footnotes", "endnotes", "comments"]
            .iter()
            .position(|p| file.starts_with(p))
            .unwrap_or(6)
    };
    let digits: String = file.chars().filter(char::is_ascii_digit).take(18).collect();
    (rank, digits.parse().unwrap_or(0), name.to_owned())
}

pub(crate) fn push_paragraphs(
    units: &mut Vec<TextUnit>,
    paragraphs: Vec<String>,
    at: impl Fn(usize) -> Location,
) {
    for (i, text) in paragraphs.into_iter().enumerate() {
        units.push(TextUnit {
            text,
            location: at(i + 1),
        });
    }
}

pub(crate) struct Relationship {
    pub(crate) id: String,
    pub(crate) kind: String,
    pub(crate) target: String,
    pub(crate) external: bool,
}

/// The relationships of a `.rels` part.
pub(crate) fn relationships(input: &mut dyn BufRead) -> Result<Vec<Relationship>, MemberError> {
    let mut xml = reader(input);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut rels = Vec::new();
    loop {
        match next(&mut xml, &mut buf, &mut depth)? {
            Event::Start(e) | Event::Empty(e) if local(e.name().as_ref()) == "Relationship" => {
                rels.push(Relationship {
                    id: attr(&e, "Id").unwrap_or_default(),
                    kind: attr(&e, "Type").unwrap_or_default(),
                    target: attr(&e, "Target").unwrap_or_default(),
                    external: attr(&e, "TargetMode").is_some_and(|m| m == "External"),
                });
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(rels)
}

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

/// The non-blank paragraphs of one part, in the order they end (a paragraph in a
/// text box or a note comes before the paragraph that holds it).
pub(crate) fn paragraphs(
    input: &mut dyn BufRead,
    dialect: Dialect,
) -> Result<Vec<String>, MemberError> {
    let mut xml = reader(input);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut out = Vec::new();
    // Paragraphs being read: nested ones (text boxes, notes, comments) on top.
    let mut open: Vec<String> = Vec::new();
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
                    match (dialect, name.as_str()) {
                        (Dialect::Word | Dialect::Drawing, "p") | (Dialect::Odf, "p" | "h") => {
                            open.push(String::new())
                        }
                        (Dialect::Drawing, "v") => {
                            open.push(String::new());
                            in_text += 1;
                        }
                        (Dialect::Word, "t" | "delText" | "instrText")
                        | (Dialect::Drawing, "t") => in_text += 1,
                        (Dialect::Word, "r") => in_run += 1,
                        _ => {}
                    }
                    side_text(&e, &name, dialect, in_run, open.last_mut());
                }
            }
            Event::Empty(e) => {
                let name = name_of(&e);
                if skipped == 0 {
                    side_text(&e, &name, dialect, in_run, open.last_mut());
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
            Event::Text(t) => {
                if reads_text(dialect, in_text, skipped)
                    && let Some(p) = open.last_mut()
                {
                    push_document_text(p, &t.xml10_content());
                }
            }
            Event::CData(t) => {
                if reads_text(dialect, in_text, skipped)
                    && let Some(p) = open.last_mut()
                {
                    push_document_text(p, &t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if reads_text(dialect, in_text, skipped)
                    && let Some(p) = open.last_mut()
                {
                    scratch.clear();
                    push_ref(&r, &mut scratch);
                    push_document_text(p, &scratch);
                }
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
fn finish(paragraph: Option<String>, out: &mut Vec<String>) {
    if let Some(p) = paragraph {
        let text = p.trim();
        if !text.is_empty() {
            out.push(text.to_owned());
        }
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
    paragraph: Option<&mut String>,
) {
    let Some(p) = paragraph else { return };
    match (dialect, name) {
        (Dialect::Word, "tab" | "br" | "cr" | "ptab") if in_run > 0 => p.push(' '),
        (Dialect::Word, "noBreakHyphen") => p.push('-'),
        (Dialect::Word, "docPr") => {
            for key in ["descr", "title"] {
                if let Some(v) = attr(e, key) {
                    p.push(' ');
                    push_document_text(p, &v);
                    p.push(' ');
                }
            }
        }
        (Dialect::Word, "fldSimple") => {
            if let Some(v) = attr(e, "instr") {
                p.push(' ');
                push_document_text(p, &v);
                p.push(' ');
            }
        }
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
