//! The document log as officers keep it: a table (in the statement, in a
//! separate Word file, a spreadsheet or a CSV) whose header names a number
//! and a document, and maybe a date, the core document and a link. Read
//! into entries for `evidence/log.toml`.

use std::path::Path;

use psdoc_evidence::Date;
use psdoc_guidance::Profile;

use crate::error::{Error, Result};
use crate::references::normalise_title;

/// One document of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: u64,
    pub title: String,
    pub url: Option<String>,
    /// "supplied file" (or similar) in the link column: not public.
    pub supplied: bool,
    pub date: Option<Date>,
    pub core: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Title,
    Date,
    Core,
    Link,
}

fn field(header: &str) -> Option<Field> {
    let h = normalise_title(header);
    Some(match h.as_str() {
        "no" | "number" | "document number" | "document no" | "doc no" | "ref" | "reference"
        | "id" | "evidence number" | "evidence no" | "item" | "ref no" => Field::Id,
        "document" | "document name" | "name" | "title" | "document title" | "evidence"
        | "evidence document" | "description" => Field::Title,
        "date" | "date of document" | "version date" | "published" | "date published" => {
            Field::Date
        }
        "link or supplied file"
        | "link"
        | "url"
        | "location"
        | "hyperlink"
        | "link or file"
        | "web link"
        | "file" => Field::Link,
        _ if h.starts_with("core") || h.contains("appendix 2") => Field::Core,
        _ => return None,
    })
}

/// The entries of a table whose first row is a log header (a number and a
/// document column at least); `None` when it is not a log.
pub fn read_table(rows: &[Vec<String>], prefix: &str, profile: &Profile) -> Option<Vec<Entry>> {
    let header = rows.first()?;
    let columns: Vec<Option<Field>> = header.iter().map(|h| field(h)).collect();
    let column = |f: Field| columns.iter().position(|c| *c == Some(f));
    let (id_col, title_col) = (column(Field::Id)?, column(Field::Title)?);
    let mut entries = Vec::new();
    for row in &rows[1..] {
        let cell = |c: Option<usize>| c.and_then(|c| row.get(c)).map(|s| s.trim()).unwrap_or("");
        let id_text = cell(Some(id_col));
        let digits = id_text.strip_prefix(prefix).unwrap_or(id_text).trim();
        let Ok(id) = digits.trim_end_matches(".0").parse::<u64>() else {
            continue;
        };
        let title = cell(Some(title_col)).to_owned();
        if title.is_empty() || id == 0 {
            continue;
        }
        let link = cell(column(Field::Link));
        let url = link
            .split_whitespace()
            .find(|w| w.starts_with("http://") || w.starts_with("https://"))
            .map(|u| u.trim_matches(['<', '>']).to_owned());
        entries.push(Entry {
            id,
            title,
            supplied: url.is_none() && !link.is_empty(),
            url,
            date: parse_date(cell(column(Field::Date))),
            core: parse_core(cell(column(Field::Core)), profile),
        });
    }
    Some(entries)
}

/// Appendix 2 items: "6: Child protection committee plan...; 8: ...",
/// "6, 8", or an item's title.
pub fn parse_core(text: &str, profile: &Profile) -> Vec<u8> {
    let mut out = Vec::new();
    for part in text.split([';', ',', '\n']) {
        let part = part.trim();
        let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
        let item = match digits.parse::<u8>() {
            Ok(n) => Some(n),
            Err(_) => {
                let normal = normalise_title(part);
                profile
                    .core_documents
                    .iter()
                    .find(|c| !normal.is_empty() && normalise_title(&c.title) == normal)
                    .map(|c| c.item)
            }
        };
        if let Some(n) = item.filter(|n| profile.core_document(*n).is_some())
            && !out.contains(&n)
        {
            out.push(n);
        }
    }
    out
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `2025-09-30`, `30/09/2025`, `30 September 2025`, `September 2025`.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(d) = Date::parse(text.get(..10).unwrap_or(text)) {
        return Some(d);
    }
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    if parts.len() == 3
        && let (Ok(d), Ok(m), Ok(y)) = (parts[0].parse(), parts[1].parse(), parts[2].parse::<i32>())
    {
        return Date::new(y, m, d);
    }
    let words: Vec<String> = text
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let month_of = |w: &str| {
        MONTHS
            .iter()
            .position(|m| w.len() >= 3 && m.starts_with(w))
            .map(|i| i as u8 + 1)
    };
    match words.as_slice() {
        [d, m, y] => Date::new(
            y.parse().ok()?,
            month_of(m)?,
            d.trim_end_matches(|c: char| c.is_alphabetic())
                .parse()
                .ok()?,
        ),
        [m, y] => Date::new(y.parse().ok()?, month_of(m)?, 1),
        _ => None,
    }
}

/// Reads a log from a separate file: `.csv`, `.xlsx` or `.docx` (its first
/// table with a log header).
pub fn read_file(path: &Path, prefix: &str, profile: &Profile) -> Result<Vec<Entry>> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let fail = |reason: String| Error::Log {
        file: path.to_path_buf(),
        reason,
    };
    let bytes = std::fs::read(path).map_err(|e| Error::Read {
        file: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let tables: Vec<Vec<Vec<String>>> = match ext.as_str() {
        "csv" => {
            let text = psdoc_evidence::log::decode_csv(&bytes);
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let rows: Vec<Vec<String>> = reader
                .records()
                .map(|r| r.map(|r| r.iter().map(str::to_owned).collect()))
                .collect::<std::result::Result<_, _>>()
                .map_err(|e| {
                    fail(format!(
                        "not a readable CSV file ({e}): save it again from Excel as CSV UTF-8"
                    ))
                })?;
            vec![rows]
        }
        "xlsx" => {
            use calamine::Reader;
            let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| {
                fail(format!(
                    "not a readable Excel workbook ({e}): save it again from Excel as .xlsx"
                ))
            })?;
            let mut tables = Vec::new();
            for name in book.sheet_names() {
                if let Ok(range) = book.worksheet_range(&name) {
                    tables.push(
                        range
                            .rows()
                            .map(|r| r.iter().map(cell_text).collect())
                            .collect(),
                    );
                }
            }
            tables
        }
        "docx" => {
            let kind = crate::container::classify(path, bytes)?;
            let crate::container::Kind::Docx(mut zip) = kind else {
                return Err(fail(
                    "not a Word document: give the log as .xlsx, .csv or .docx".into(),
                ));
            };
            crate::docx::read(&mut zip)?
                .blocks
                .into_iter()
                .filter_map(|b| match b {
                    crate::model::Block::Table { rows } => Some(
                        rows.iter()
                            .map(|r| {
                                r.iter()
                                    .map(|c| crate::model::plain(c).trim().to_owned())
                                    .collect()
                            })
                            .collect(),
                    ),
                    _ => None,
                })
                .collect()
        }
        _ => {
            return Err(fail(
                "psdoc reads a log from .xlsx, .csv or .docx: save it as one of those".into(),
            ));
        }
    };
    for table in &tables {
        // A title row or two above the header is common in spreadsheets.
        for skip in 0..table.len().min(10) {
            if let Some(entries) = read_table(&table[skip..], prefix, profile) {
                return Ok(entries);
            }
        }
    }
    Err(fail(
        "no table with a document number and a document name column: the first row of the log should name them, such as \"No.\" and \"Document\"".into(),
    ))
}

fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::DateTime(d) => Date::from_excel_serial(d.as_f64(), false)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        other => other.to_string(),
    }
}

/// The log as `evidence/log.toml`.
pub fn to_toml(entries: &[Entry], from: &str) -> String {
    let quote = |s: &str| toml::Value::String(s.to_owned()).to_string();
    let mut out = format!(
        "# The document log, brought in by `psdoc import` from {from}.\n# One [[document]] per piece of evidence; the statement cites them as [E12].\n# Check titles, dates and links, give non-public documents a `file` in\n# evidence/files, and run `psdoc check`.\n"
    );
    for e in entries {
        out.push_str(&format!(
            "\n[[document]]\nid = {}\ntitle = {}\n",
            e.id,
            quote(&e.title)
        ));
        if let Some(url) = &e.url {
            out.push_str(&format!("url = {}\n", quote(url)));
        }
        if e.supplied {
            out.push_str("public = false\n");
        }
        if let Some(date) = e.date {
            out.push_str(&format!("date = {date}\n"));
        }
        match e.core.as_slice() {
            [] => {}
            [one] => out.push_str(&format!("core = {one}\n")),
            many => out.push_str(&format!(
                "core = [{}]\n",
                many.iter()
                    .map(u8::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn reads_psdoc_s_own_log() {
        let rows = table(&[
            &[
                "Document number",
                "Document name",
                "Date",
                "Core document (Appendix 2)",
                "Link or supplied file",
            ],
            &[
                "12",
                "IRD audit",
                "2025-11-01",
                "5: Recent audit reports",
                "supplied file",
            ],
            &[
                "E1",
                "Plan",
                "30/09/2025",
                "6: x; 8: y",
                "https://example.org/plan.pdf",
            ],
        ]);
        let entries = read_table(&rows, "E", psdoc_guidance::default_profile()).unwrap();
        assert_eq!(entries[0].id, 12);
        assert!(entries[0].supplied && entries[0].url.is_none());
        assert_eq!(entries[0].core, vec![5]);
        assert_eq!(entries[1].core, vec![6, 8]);
        assert_eq!(entries[1].date, Date::new(2025, 9, 30));
        assert_eq!(
            entries[1].url.as_deref(),
            Some("https://example.org/plan.pdf")
        );
        let toml_text = to_toml(&entries, "test");
        let log = psdoc_evidence::parse_toml_log("evidence/log.toml", &toml_text).unwrap();
        assert_eq!(log.documents.len(), 2);
    }

    #[test]
    fn not_a_log() {
        assert!(
            read_table(
                &table(&[&["Measure", "2023", "2024"]]),
                "E",
                psdoc_guidance::default_profile()
            )
            .is_none()
        );
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("30 September 2025"), Date::new(2025, 9, 30));
        assert_eq!(parse_date("Sept 2025"), Date::new(2025, 9, 1));
        assert_eq!(parse_date("1st April 2024"), Date::new(2024, 4, 1));
        assert_eq!(parse_date("nonsense"), None);
    }
}
