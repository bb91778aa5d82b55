//! The parts of an Office Open XML package (`.docx`, `.xlsx`) that both readers need:
//! relationships, the main part they name, the parts' reading order, and the note on
//! embedded files that are not read.

use std::io::BufRead;

use quick_xml::events::Event;

use crate::model::{NotScanned, NotScannedKind};
use crate::xml::{attr, local, next, reader};
use crate::zipped::{Archive, MemberError, resolve};

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

/// The relationships of `part` (from `dir/_rels/file.rels`), none when absent.
pub(crate) fn part_relationships(
    zip: &mut Archive<'_>,
    part: &str,
) -> Result<Vec<Relationship>, NotScanned> {
    let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
    let rels_path = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    if !zip.has(&rels_path) {
        return Ok(Vec::new());
    }
    zip.parse(&rels_path, |r| relationships(r))
}

/// Files embedded in a document (a chart's workbook, an inserted object) are not
/// read: say so, since they can hold the data behind a chart. Their names are not
/// given, as an inserted file keeps its own name. `folder` (ending in `/`) is where
/// the document keeps them: `word/embeddings/`, `xl/embeddings/`.
pub(crate) fn embedded_note(names: &[String], folder: &str) -> Option<NotScanned> {
    let embedded = names
        .iter()
        .filter(|n| {
            n.strip_prefix(folder)
                .is_some_and(|f| !f.is_empty() && !f.ends_with('/'))
        })
        .count();
    let reason = match embedded {
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
