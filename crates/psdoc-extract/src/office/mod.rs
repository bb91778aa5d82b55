//! Word (`.docx`) and OpenDocument text (`.odt`): paragraphs of the body, then of
//! headers, footers, notes and comments.
//!
//! Each body paragraph knows the nearest heading before it, and one in a table knows
//! its table, row and column and the cells that label it (the column's first cell and
//! the row's first cell), so that a finding can say "table 2, row 4, column "CHI",
//! under "Findings"".
//!
//! Text a reader may not see on screen but that is still in the file is read too,
//! because it leaves with the file: tracked deletions, field codes (a `mailto:`
//! link), alternative text of pictures.

mod paragraphs;

use std::collections::{HashMap, HashSet};

pub(crate) use paragraphs::{Dialect, Paragraph, paragraphs};

use crate::model::{Extracted, Format, Limits, Location, NotScanned, NotScannedKind, TextUnit};
use crate::package::{embedded_note, main_part, part_order};
use crate::zipped::Archive;

pub(crate) fn docx(bytes: &[u8], limits: &Limits, ext: &str) -> Result<Extracted, NotScanned> {
    let mut zip = Archive::open(bytes, limits, ext)?;
    let main = main_part(&mut zip, "word/document.xml")?;
    if !zip.has(&main) {
        return Err(NotScanned::new(
            NotScannedKind::Corrupt,
            format!("not a Word document: {main} is missing (corrupt {ext}?)"),
        ));
    }
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d);
    let styles_path = format!("{dir}/styles.xml")
        .trim_start_matches('/')
        .to_owned();
    let heading_styles = if zip.has(&styles_path) {
        zip.parse(&styles_path, |r| paragraphs::heading_styles(r))?
    } else {
        HashSet::new()
    };
    let body = zip.parse(&main, |r| paragraphs(r, Dialect::Word, &heading_styles))?;
    let mut units = body_units(body);

    let mut others: Vec<(String, Dialect)> = zip
        .names()
        .iter()
        .filter_map(|n| {
            let file = n.strip_prefix(dir)?.strip_prefix('/')?;
            word_part(file).map(|dialect| (n.clone(), dialect))
        })
        .collect();
    others.sort_by_key(|(n, _)| part_order(n));
    push_parts(&mut zip, &mut units, others, &heading_styles)?;
    let incomplete = embedded_note(zip.names(), &format!("{dir}/embeddings/"))
        .into_iter()
        .collect();
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
    let none = HashSet::new();
    let body = zip.parse("content.xml", |r| paragraphs(r, Dialect::Odf, &none))?;
    let mut units = body_units(body);
    // Headers and footers live with the page styles; charts and other embedded
    // objects in sub-documents of their own.
    let mut parts: Vec<&String> = zip
        .names()
        .iter()
        .filter(|n| {
            n.as_str() == "styles.xml"
                || n.strip_prefix("Object ")
                    .and_then(|rest| rest.strip_suffix("/content.xml"))
                    .is_some_and(|num| !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()))
        })
        .collect();
    parts.sort_by_key(|n| (*n != "styles.xml", part_order(n)));
    let parts = parts
        .into_iter()
        .map(|n| (n.clone(), Dialect::Odf))
        .collect();
    push_parts(&mut zip, &mut units, parts, &none)?;
    Ok(Extracted {
        format: Format::Odt,
        units,
        tables: Vec::new(),
        incomplete: Vec::new(),
    })
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

/// Reads each part besides the body (a header, a chart) as paragraphs of its
/// dialect, in the order given, and appends them as units located by their part
/// and their number in it (from 1).
pub(crate) fn push_parts(
    zip: &mut Archive<'_>,
    units: &mut Vec<TextUnit>,
    parts: Vec<(String, Dialect)>,
    heading_styles: &HashSet<String>,
) -> Result<(), NotScanned> {
    for (part, dialect) in parts {
        let paras = zip.parse(&part, |r| paragraphs(r, dialect, heading_styles))?;
        for (i, p) in paras.into_iter().enumerate() {
            let location = Location::Part {
                part: part.clone(),
                paragraph: i + 1,
            };
            units.push(TextUnit::new(p.text, location));
        }
    }
    Ok(())
}

/// The body's paragraphs as units: numbered from 1, each with the nearest heading
/// before it, and in a table with its cell and the cells that label it.
fn body_units(paragraphs: Vec<Paragraph>) -> Vec<TextUnit> {
    let mut cells: HashMap<(usize, usize, usize), String> = HashMap::new();
    for p in &paragraphs {
        if let Some(cell) = p.cell {
            let text = cells.entry(cell).or_default();
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&p.text);
        }
    }
    let mut heading: Option<String> = None;
    let mut units = Vec::with_capacity(paragraphs.len());
    for (i, p) in paragraphs.into_iter().enumerate() {
        let n = i + 1;
        let location = match p.cell {
            Some((table, row, column)) => Location::TableCell {
                table,
                row,
                column,
                paragraph: n,
            },
            None => Location::Paragraph(n),
        };
        let is_heading = p.heading && p.cell.is_none();
        let mut unit = TextUnit::new(p.text, location);
        unit.heading = heading.clone();
        if let Some((table, row, column)) = p.cell {
            if row > 1 {
                unit.labels
                    .push(cells.get(&(table, 1, column)).cloned().unwrap_or_default());
            }
            if column > 1 {
                unit.labels
                    .push(cells.get(&(table, row, 1)).cloned().unwrap_or_default());
            }
        }
        if is_heading {
            heading = Some(unit.text.clone());
        }
        units.push(unit);
    }
    units
}
