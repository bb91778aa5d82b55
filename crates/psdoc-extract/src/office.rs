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
    let mut others: Vec<String> = zip
        .names()
        .iter()
        .filter(|n| {
            let Some(file) = n.strip_prefix(dir).and_then(|f| f.strip_prefix('/')) else {
                return false;
            };
            !file.contains('/')
                && file.ends_with(".xml")
                && ["header", "footer", "footnotes", "endnotes", "comments"]
                    .iter()
                    .any(|p| file.starts_with(p))
                && !file.starts_with("commentsExtended")
                && !file.starts_with("commentsIds")
                && !file.starts_with("commentsExtensible")
        })
        .cloned()
        .collect();
    others.sort_by_key(|n| part_order(n));
    for part in others {
        let paras = zip.parse(&part, |r| paragraphs(r, Dialect::Word))?;
        push_paragraphs(&mut units, paras, |n| Location::Part {
            part: part.clone(),
            paragraph: n,
        });
    }
    Ok(Extracted {
        format: Format::Docx,
        units,
        tables: Vec::new(),
        incomplete: Vec::new(),
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
    if zip.has("styles.xml") {
        // Headers and footers live with the page styles.
        let paras = zip.parse("styles.xml", |r| paragraphs(r, Dialect::Odf))?;
        push_paragraphs(&mut units, paras, |n| Location::Part {
            part: "styles.xml".into(),
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

/// headers, footers, footnotes, endnotes, comments; numbered parts in number order.
fn part_order(name: &str) -> (usize, u64, String) {
    let file = name.rsplit('/').next().unwrap_or(name);
    let rank = ["header", "footer", "footnotes", "endnotes", "comments"]
        .iter()
        .position(|p| file.starts_with(p))
        .unwrap_or(5);
    let digits: String = file.chars().filter(char::is_ascii_digit).take(18).collect();
    (rank, digits.parse().unwrap_or(0), name.to_owned())
}

fn push_paragraphs(
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
enum Dialect {
    /// WordprocessingML: text only in `w:t`, `w:delText`, `w:instrText`.
    Word,
    /// OpenDocument: all text inside `text:p` and `text:h`.
    Odf,
}

/// The non-blank paragraphs of one part, in the order they end (a paragraph in a
/// text box or a note comes before the paragraph that holds it).
fn paragraphs(input: &mut dyn BufRead, dialect: Dialect) -> Result<Vec<String>, MemberError> {
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
                        (Dialect::Word, "p") | (Dialect::Odf, "p" | "h") => {
                            open.push(String::new())
                        }
                        (Dialect::Word, "t" | "delText" | "instrText") => in_text += 1,
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
                        (Dialect::Word, "p") | (Dialect::Odf, "p" | "h") => {
                            if let Some(p) = open.pop() {
                                let text = p.trim();
                                if !text.is_empty() {
                                    out.push(text.to_owned());
                                }
                            }
                        }
                        (Dialect::Word, "t" | "delText" | "instrText") => {
                            in_text = in_text.saturating_sub(1)
                        }
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
        let text = p.trim();
        if !text.is_empty() {
            out.push(text.to_owned());
        }
    }
    Ok(out)
}

fn reads_text(dialect: Dialect, in_text: usize, skipped: usize) -> bool {
    skipped == 0 && (dialect == Dialect::Odf || in_text > 0)
}

/// Elements whose whole content is left out.
fn is_skipped(name: &str, dialect: Dialect) -> bool {
    match dialect {
        // Word writes a text box twice: once for new readers (mc:Choice), once for
        // old ones (mc:Fallback). Reading both would double it.
        Dialect::Word => name == "Fallback",
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
