//! The document log: "a separate document log which collates all the evidence that you
//! have referenced", with "a document number as well as the document name".
//!
//! Read from TOML (`evidence/log.toml`), CSV as Excel saves it, or an `.xlsx` workbook,
//! all with the same fields. Parsing is strict about the shape of the log (unknown keys
//! or columns, wrong types, impossible values are a [`LogError`]) and leaves what is a
//! finding about the evidence to the rules: duplicate ids, malformed links, a public
//! document with no link, a file that does not exist.

mod cells;
mod csv_log;
mod toml_log;
mod xlsx_log;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Component, Path};

use serde::Serialize;

use crate::date::Date;

/// The text of a CSV log as the parser reads it (UTF-8, BOM stripped; UTF-16; else
/// Windows-1252), for showing source snippets with the same line numbers.
pub use csv_log::decode as decode_csv;
pub use csv_log::{parse_csv_log, parse_csv_log_with_items};
pub use toml_log::{parse_toml_log, parse_toml_log_with_items};
pub use xlsx_log::{parse_xlsx_log, parse_xlsx_log_with_items};

/// The fields of a log entry, in the order the guidance and
/// docs/evidence.md#the-fields present them;
/// also the keys of [`Document::key_lines`].
pub const FIELDS: [&str; 10] = [
    "id", "title", "url", "file", "date", "until", "core", "series", "body", "public",
];

/// The number of Appendix 2 items in the 2021 guidance: a log entry's `core` is 1 to
/// this unless the caller names another count (the guidance profile in force).
pub const CORE_ITEMS: u8 = 13;

/// A log over this size is refused rather than read.
pub const MAX_LOG_BYTES: u64 = 64 * 1024 * 1024;

/// The document log of a statement.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DocumentLog {
    /// The log's path as given (relative to the statement root, `/` separators).
    pub path: String,
    /// The entries, in the order of the log.
    pub documents: Vec<Document>,
}

impl DocumentLog {
    /// The first entry with document number `id` (ids may repeat: that is the
    /// `duplicate-evidence-id` rule's business).
    pub fn get(&self, id: u64) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// Whether an entry has document number `id`.
    pub fn contains(&self, id: u64) -> bool {
        self.get(id).is_some()
    }

    /// The entries for Appendix 2 item `item` (1..=13).
    pub fn core(&self, item: u8) -> impl Iterator<Item = &Document> {
        self.documents
            .iter()
            .filter(move |d| d.core.contains(&item))
    }
}

/// One entry of the document log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Document {
    /// The document number, >= 1 (not necessarily unique: see `duplicate-evidence-id`).
    pub id: u64,
    /// The document name, trimmed, never empty.
    pub title: String,
    /// The link for a public document, trimmed, as written (not validated: see
    /// `invalid-evidence-link`).
    pub url: Option<String>,
    /// The local copy of a non-public document, a path inside `evidence.files` as written
    /// (not checked: see `missing-evidence-file` and `evidence-outside-folder`).
    pub file: Option<String>,
    /// Whether the document is publicly available. Defaults to true when the entry has a
    /// `url`, to false otherwise.
    pub public: bool,
    /// The date of this version.
    pub date: Option<Date>,
    /// The end of the period a plan covers.
    pub until: Option<Date>,
    /// Appendix 2 items (1..=13) this document answers, in the order written, without
    /// repeats.
    pub core: Vec<u8>,
    /// Versions of one document share a series; only the newest counts.
    pub series: Option<String>,
    /// The body whose document this is, e.g. `COG` or `CPC` for minutes (as written).
    pub body: Option<String>,
    /// 1-based: the `[[document]]` line (TOML), the row's first line (CSV), the row
    /// number (XLSX).
    pub line: usize,
    /// 1-based line of each key present (TOML); the row's line for every non-empty cell
    /// (CSV, XLSX). Keys are the names in [`FIELDS`].
    #[serde(skip)]
    pub key_lines: BTreeMap<&'static str, usize>,
}

impl Document {
    /// Where a finding about `key` should point: that key's line, else the entry's line.
    pub fn line_of(&self, key: &str) -> usize {
        self.key_lines.get(key).copied().unwrap_or(self.line)
    }

    /// Whether this entry answers Appendix 2 item `item`.
    pub fn is_core(&self, item: u8) -> bool {
        self.core.contains(&item)
    }
}

/// A log that cannot be read: the file, the place and what to do.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct LogError {
    /// The log's path as given.
    pub file: String,
    /// 1-based line (TOML, CSV) or row number (XLSX).
    pub line: Option<usize>,
    /// 1-based column in characters (TOML) or column number (XLSX); `None` for CSV.
    pub column: Option<usize>,
    /// What is wrong and how to fix it.
    pub message: String,
    /// Further problems found in the same log, in order (empty for most callers: the
    /// first error is the one to show, with a count of the rest).
    pub more: Vec<LogError>,
}

impl LogError {
    pub(crate) fn new(
        file: &str,
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    ) -> Self {
        LogError {
            file: file.to_string(),
            line,
            column,
            message,
            more: Vec::new(),
        }
    }

    /// This error and the further ones, in order.
    pub fn all(&self) -> impl Iterator<Item = &LogError> {
        std::iter::once(self).chain(self.more.iter())
    }

    /// The first of `errors` carrying the others in `more`; `None` when there are none.
    pub(crate) fn collect(mut errors: Vec<LogError>) -> Option<LogError> {
        if errors.is_empty() {
            return None;
        }
        let mut first = errors.remove(0);
        first.more = errors;
        Some(first)
    }
}

impl fmt::Display for LogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        match self.more.len() {
            0 => Ok(()),
            1 => write!(f, " (and 1 more problem in the log)"),
            n => write!(f, " (and {n} more problems in the log)"),
        }
    }
}

/// The log's path as shown in messages and stored in [`DocumentLog::path`].
fn display_path(rel_path: &str) -> String {
    let p = rel_path.replace('\\', "/");
    let mut p = p.as_str();
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p.to_string()
}

/// Reads the document log at `rel_path` (relative to the statement root `root`), choosing
/// the format by extension: `.toml`, `.csv` or `.xlsx`. The path must stay inside the
/// root: no absolute path, no `..`, no symbolic link leading out.
pub fn load_log(root: &Path, rel_path: &str) -> Result<DocumentLog, LogError> {
    let path = display_path(rel_path);
    let fail = |message: String| LogError::new(&path, None, None, message);
    let rel = Path::new(rel_path);
    if rel_path.trim().is_empty() {
        return Err(fail(
            "`evidence.log` is empty: name the document log, e.g. \"evidence/log.toml\"".into(),
        ));
    }
    if rel
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(fail(
            "the document log must be inside the statement repository: give `evidence.log` as a path relative to partnership.toml, without `..`".into(),
        ));
    }
    let extension = rel
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !matches!(extension.as_str(), "toml" | "csv" | "xlsx") {
        return Err(fail(format!(
            "a document log must be a .toml, .csv or .xlsx file (found {}): rename it or point `evidence.log` at one",
            if extension.is_empty() {
                "no extension".to_string()
            } else {
                format!(".{extension}")
            }
        )));
    }
    let full = root.join(rel);
    let canonical_root = root.canonicalize().map_err(|e| {
        fail(format!(
            "cannot read the statement folder {}: {e}",
            root.display()
        ))
    })?;
    let canonical = full.canonicalize().map_err(|e| {
        fail(match e.kind() {
            std::io::ErrorKind::NotFound => {
                "the document log does not exist: create it, or correct `evidence.log` in partnership.toml".to_string()
            }
            _ => format!("cannot read the document log: {e}"),
        })
    })?;
    if !canonical.starts_with(&canonical_root) {
        return Err(fail(
            "the document log is a link to a file outside the statement repository: keep the log itself in the repository".into(),
        ));
    }
    let metadata = std::fs::metadata(&canonical)
        .map_err(|e| fail(format!("cannot read the document log: {e}")))?;
    if !metadata.is_file() {
        return Err(fail(
            "the document log is not a file: point `evidence.log` at the log file".into(),
        ));
    }
    if metadata.len() > MAX_LOG_BYTES {
        return Err(fail(format!(
            "the document log is {} MiB, more than psdoc reads ({} MiB): a log lists documents, it should not contain them",
            metadata.len() / (1024 * 1024),
            MAX_LOG_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(&canonical)
        .map_err(|e| fail(format!("cannot read the document log: {e}")))?;
    let mut log = match extension.as_str() {
        "toml" => {
            let text = std::str::from_utf8(&bytes).map_err(|e| {
                let line = bytes[..e.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1;
                LogError::new(
                    &path,
                    Some(line),
                    None,
                    "the log is not UTF-8 text: save it as UTF-8".to_string(),
                )
            })?;
            parse_toml_log(&path, text)?
        }
        "csv" => parse_csv_log(&path, &bytes)?,
        _ => parse_xlsx_log(&path, &bytes)?,
    };
    log.path = path;
    Ok(log)
}

/// A log entry being read, before its required fields are checked.
#[derive(Default)]
pub(crate) struct Draft {
    pub line: usize,
    pub id: Option<u64>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub file: Option<String>,
    pub public: Option<bool>,
    pub date: Option<Date>,
    pub until: Option<Date>,
    pub core: Vec<u8>,
    pub series: Option<String>,
    pub body: Option<String>,
    pub key_lines: BTreeMap<&'static str, usize>,
}

/// Where an error about a whole entry or one of its keys points.
pub(crate) type Place = (Option<usize>, Option<usize>);

impl Draft {
    /// "document 12" once the id is known, for messages.
    pub fn label(&self) -> String {
        match self.id {
            Some(id) => format!("document {id}"),
            None => "a document".to_string(),
        }
    }

    /// Checks what an entry needs as a whole. `place(key)` gives where an error about
    /// `key` points (`None`: the entry itself).
    pub fn finish(
        self,
        file: &str,
        place: impl Fn(Option<&'static str>) -> Place,
        errors: &mut Vec<LogError>,
    ) -> Option<Document> {
        let label = self.label();
        let mut ok = true;
        let mut error = |key: Option<&'static str>, message: String| {
            let (line, column) = place(key);
            errors.push(LogError::new(file, line, column, message));
        };
        // A key that was present but wrong has had its own error already.
        if self.id.is_none() {
            ok = false;
        }
        if self.id.is_none() && !self.key_lines.contains_key("id") {
            error(
                None,
                "a document with no `id`: give every document its number, e.g. id = 12".to_string(),
            );
        }
        if self.title.is_none() {
            ok = false;
        }
        if self.title.is_none() && !self.key_lines.contains_key("title") {
            error(
                None,
                format!(
                    "{label} has no `title`: give the document's name, e.g. title = \"Children's services plan 2023-26\""
                ),
            );
        }
        if self.url.is_some() && self.file.is_some() {
            ok = false;
            error(
                Some("file"),
                format!(
                    "{label} has both `url` and `file`: the guidance asks for a link to a public document rather than a copy, so give `url` for a public document or `file` for a non-public one, not both"
                ),
            );
        }
        if !ok {
            return None;
        }
        Some(Document {
            id: self.id?,
            title: self.title?,
            public: self.public.unwrap_or(self.url.is_some()),
            url: self.url,
            file: self.file,
            date: self.date,
            until: self.until,
            core: self.core,
            series: self.series,
            body: self.body,
            line: self.line,
            key_lines: self.key_lines,
        })
    }
}

/// "did you mean `title`?" for a misspelt key or column.
pub(crate) fn suggestion(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let best = FIELDS
        .iter()
        .map(|f| (strsim::damerau_levenshtein(&lower, f), *f))
        .min()
        .filter(|(d, f)| *d <= 2 && *d < f.len());
    match best {
        Some((_, f)) => format!("did you mean `{f}`? "),
        None => String::new(),
    }
}

/// Line starts of a text, for many [`line_col`] look-ups without rescanning.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line, column + 1)
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = text
        .get(line_start..offset)
        .map_or(offset - line_start, |s| s.chars().count())
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\r\nc£d\ne";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 4), (2, 1));
        assert_eq!(line_col(text, 7), (2, 3));
        assert_eq!(line_col(text, 9), (3, 1));
        assert_eq!(line_col(text, 100), (3, 2));
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(index.line_col(offset), line_col(text, offset), "{offset}");
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggestion("titel"), "did you mean `title`? ");
        assert_eq!(suggestion("URL "), "did you mean `url`? ");
        assert_eq!(suggestion("dates"), "did you mean `date`? ");
        assert_eq!(suggestion("colour"), "");
        assert_eq!(suggestion("x"), "");
    }

    #[test]
    fn display() {
        let mut e = LogError::new(
            "evidence/log.toml",
            Some(14),
            Some(3),
            "document 12: bad".into(),
        );
        assert_eq!(e.to_string(), "evidence/log.toml:14:3: document 12: bad");
        e.more.push(e.clone());
        assert_eq!(
            e.to_string(),
            "evidence/log.toml:14:3: document 12: bad (and 1 more problem in the log)"
        );
        let e = LogError::new("log.csv", None, None, "bad".into());
        assert_eq!(e.to_string(), "log.csv: bad");
    }

    #[test]
    fn load_log_stays_inside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("statement");
        std::fs::create_dir_all(root.join("evidence")).unwrap();
        std::fs::write(
            root.join("evidence/log.toml"),
            "[[document]]\nid = 1\ntitle = \"Plan\"\nurl = \"https://example.org/plan\"\n",
        )
        .unwrap();
        let log = load_log(&root, "./evidence/log.toml").unwrap();
        assert_eq!(log.path, "evidence/log.toml");
        assert_eq!(log.documents.len(), 1);
        assert!(log.documents[0].public);

        std::fs::write(dir.path().join("outside.toml"), "").unwrap();
        for bad in [
            "../outside.toml",
            "/etc/passwd.toml",
            "evidence/../../outside.toml",
        ] {
            let e = load_log(&root, bad).unwrap_err();
            assert!(e.message.contains("inside the statement"), "{bad}: {e}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(
                dir.path().join("outside.toml"),
                root.join("evidence/link.toml"),
            )
            .unwrap();
            let e = load_log(&root, "evidence/link.toml").unwrap_err();
            assert!(e.message.contains("outside the statement"), "{e}");
        }
        let e = load_log(&root, "evidence/missing.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "evidence/missing.toml: the document log does not exist: create it, or correct `evidence.log` in partnership.toml"
        );
        let e = load_log(&root, "evidence/log.txt").unwrap_err();
        assert!(e.message.contains(".toml, .csv or .xlsx"), "{e}");
        let e = load_log(&root, "evidence").unwrap_err();
        assert!(e.message.contains("no extension"), "{e}");

        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.write_string(0, 0, "id").unwrap();
        sheet.write_string(0, 1, "title").unwrap();
        sheet.write_number(1, 0, 9).unwrap();
        sheet.write_string(1, 1, "Survey").unwrap();
        std::fs::write(
            root.join("evidence/log.xlsx"),
            workbook.save_to_buffer().unwrap(),
        )
        .unwrap();
        let log = load_log(&root, "evidence\\log.xlsx");
        // A backslash is a separator on Windows only; the path is shown with `/` anyway.
        if cfg!(windows) {
            assert_eq!(log.unwrap().path, "evidence/log.xlsx");
        } else {
            assert_eq!(log.unwrap_err().file, "evidence/log.xlsx");
        }
        assert_eq!(
            load_log(&root, "evidence/log.xlsx").unwrap().documents[0].id,
            9
        );

        std::fs::write(root.join("evidence/log.csv"), "id,title\n3,Audit\n").unwrap();
        assert_eq!(
            load_log(&root, "evidence/log.csv").unwrap().documents[0].id,
            3
        );
        std::fs::write(
            root.join("evidence/bad.toml"),
            b"[[document]]\nid = 1\ntitle = \"\xa3\"\n",
        )
        .unwrap();
        let e = load_log(&root, "evidence/bad.toml").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("UTF-8"));
    }
}
