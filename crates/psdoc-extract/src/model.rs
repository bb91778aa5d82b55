//! What an extraction returns: units of text with their places, tables, and the
//! reasons a file (or part of one) could not be read.

use std::fmt;

/// Bounds on what one evidence file may cost to read. An overrun is never silence:
/// it is a [`NotScanned`] (the whole file) or an entry in [`Extracted::incomplete`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// The largest file read at all, checked against its size before reading (50 MiB).
    pub max_file_bytes: u64,
    /// The most bytes one archive member (`word/document.xml`, a sheet) may
    /// decompress to, and the most any one PDF stream may (100 MiB).
    pub max_member_bytes: u64,
    /// The most bytes read from all members of one archive together, and from all
    /// page content streams of one PDF together (200 MiB).
    pub max_archive_bytes: u64,
    /// The most PDF pages read; later pages are reported in `incomplete` (500).
    pub max_pdf_pages: u32,
}

pub(crate) const MIB: u64 = 1024 * 1024;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 50 * MIB,
            max_member_bytes: 100 * MIB,
            max_archive_bytes: 200 * MIB,
            max_pdf_pages: 500,
        }
    }
}

/// Where a unit of text (or a table cell) sits in its file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Location {
    /// Text, Markdown, CSV and HTML: the 1-based line of the file.
    Line(usize),
    /// `.docx` and `.odt` body text: the 1-based paragraph, counting paragraphs that
    /// hold text (blank paragraphs used as spacing are not counted).
    Paragraph(usize),
    /// `.docx` headers, footers, footnotes, endnotes, comments, charts and SmartArt
    /// diagrams, `.odt` headers, footers and embedded objects (charts), and `.xlsx`
    /// text boxes and shapes: the archive member (`word/footer1.xml`) and the
    /// 1-based paragraph in it.
    Part { part: String, paragraph: usize },
    /// PDF: the 1-based page and the 1-based line of text on it (blank lines not counted);
    /// annotations and form-field values follow the page's last line.
    Page { page: u32, line: usize },
    /// `.xlsx`: the sheet's name, the cell (`B7`) and its 1-based row.
    Cell {
        sheet: String,
        cell: String,
        row: usize,
    },
    /// `.docx` and `.odt`: a paragraph inside a table cell: the 1-based table (in
    /// document order), row and column, and the paragraph's number as [`Location::Paragraph`]
    /// counts it.
    TableCell {
        table: usize,
        row: usize,
        column: usize,
        paragraph: usize,
    },
    /// CSV, and a Markdown pipe table's cell: the 1-based line where the cell
    /// starts, and its 1-based column of characters on that line.
    CsvCell { line: usize, column: usize },
}

impl Location {
    /// The number a finding reports as its `line` (docs/privacy.md#places-inside-evidence-files): the line, the
    /// paragraph, the line on the page or the sheet row.
    pub fn line(&self) -> usize {
        match self {
            Location::Line(n) | Location::Paragraph(n) => *n,
            Location::TableCell { paragraph, .. } => *paragraph,
            Location::CsvCell { line, .. } => *line,
            Location::Part { paragraph, .. } => *paragraph,
            Location::Page { line, .. } => *line,
            Location::Cell { row, .. } => *row,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line(n) => write!(f, "line {n}"),
            Location::Paragraph(n) => write!(f, "paragraph {n}"),
            Location::Part { part, paragraph } => {
                write!(f, "paragraph {paragraph} of {} ({part})", part_label(part))
            }
            Location::Page { page, line } => write!(f, "page {page}, line {line}"),
            Location::Cell { sheet, cell, .. } => write!(f, "Sheet \"{sheet}\", cell {cell}"),
            Location::TableCell {
                table, row, column, ..
            } => write!(f, "table {table}, row {row}, column {column}"),
            Location::CsvCell { line, column } => write!(f, "line {line}, column {column}"),
        }
    }
}

/// "the footer" for `word/footer2.xml`: what a reader of the document calls the part.
fn part_label(part: &str) -> &'static str {
    let file = part.rsplit('/').next().unwrap_or(part);
    if part.contains("/charts/") {
        "a chart"
    } else if part.contains("/diagrams/") {
        "a diagram"
    } else if part.contains("/drawings/") {
        "a text box or shape"
    } else if part.starts_with("Object ") {
        "an embedded object"
    } else if file.starts_with("header") {
        "a header"
    } else if file.starts_with("footer") {
        "a footer"
    } else if file.starts_with("footnotes") {
        "the footnotes"
    } else if file.starts_with("endnotes") {
        "the endnotes"
    } else if file.starts_with("comments") {
        "the comments"
    } else if file == "styles.xml" {
        "the headers and footers"
    } else {
        "a part of the document"
    }
}

/// One piece of text to scan on its own. Byte offsets inside `text` give a column:
/// exact for text and Markdown lines and for CSV cells (from the cell's column);
/// approximate for HTML (tags are removed and entities decoded); meaningless for
/// paragraphs, cells and PDF lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextUnit {
    pub text: String,
    pub location: Location,
    /// What the unit's table says it holds: its column's header, then its row's label
    /// (the row's first cell), for a cell of a spreadsheet, a CSV file or a document's
    /// table below its first row. Empty elsewhere.
    pub labels: Vec<String>,
    /// The nearest heading before the unit, in a Word or OpenDocument file.
    pub heading: Option<String>,
}

impl TextUnit {
    pub fn new(text: impl Into<String>, location: Location) -> Self {
        TextUnit {
            text: text.into(),
            location,
            labels: Vec::new(),
            heading: None,
        }
    }
}

/// A CSV file or an XLSX sheet as rows of cells, for the small-number checks.
/// The first row is the header. Entirely empty rows are left out, and in a sheet so
/// are entirely empty columns: `row_numbers` and `column_numbers` say where each row
/// and column of `rows` came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The sheet's name; `None` for a CSV file.
    pub sheet: Option<String>,
    /// The cells, row by row; rows may be shorter than the widest one.
    pub rows: Vec<Vec<String>>,
    /// For each row: the 1-based line of the CSV file where its record starts, or the
    /// 1-based row number in the sheet.
    pub row_numbers: Vec<usize>,
    /// For each column: its 1-based column number in the file or sheet (A = 1).
    pub column_numbers: Vec<usize>,
    /// True when the table was cut short (over the cell limit): the rows read are
    /// kept, and the reason is in [`Extracted::incomplete`].
    pub truncated: bool,
}

impl Table {
    /// The location of the cell at `rows[row][col]`, or `None` outside the table.
    pub fn location_of(&self, row: usize, col: usize) -> Option<Location> {
        let line = *self.row_numbers.get(row)?;
        let column = *self.column_numbers.get(col)?;
        Some(match &self.sheet {
            None => Location::Line(line),
            Some(sheet) => Location::Cell {
                sheet: sheet.clone(),
                cell: cell_name(column, line),
                row: line,
            },
        })
    }
}

/// `B7` for column 2, row 7.
pub fn cell_name(column: usize, row: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    let mut name = String::from_utf8(letters).unwrap_or_default();
    name.push_str(&row.to_string());
    name
}

/// The text of one evidence file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub format: Format,
    /// Units in document order; blank ones are left out.
    pub units: Vec<TextUnit>,
    /// One per CSV file, one per non-empty XLSX sheet; none for other formats.
    pub tables: Vec<Table>,
    /// Parts that were not read although the rest was (PDF pages over the page limit,
    /// scanned pages without text, a table cut short): each deserves its own
    /// `evidence-not-scanned` finding, since silence must never look like a pass.
    pub incomplete: Vec<NotScanned>,
}

/// The formats psdoc reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Text,
    Markdown,
    Csv,
    Html,
    Docx,
    Xlsx,
    Odt,
    Pdf,
}

impl Format {
    /// A short lower-case name: `text`, `markdown`, `csv`, `html`, `docx`, `xlsx`, `odt`, `pdf`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Odt => "odt",
            Format::Pdf => "pdf",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a file's text was not read, for the `evidence-not-scanned` finding. The
/// reason is a lower-case phrase that fits after "not scanned: " and names the limit
/// setting when a limit was hit. It never quotes the file's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotScanned {
    pub reason: String,
    pub kind: NotScannedKind,
}

/// The broad kind of [`NotScanned`], for callers that treat some differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NotScannedKind {
    /// A picture: `.png`, `.jpg`, ... (text in images is not read).
    Image,
    /// A PDF, or some of its pages, with no text layer (scanned), or text in fonts
    /// that cannot be decoded.
    NoText,
    /// Password-protected: an encrypted PDF or Office file.
    Encrypted,
    /// Over one of the [`Limits`].
    OverLimit,
    /// Damaged, or not what its extension says (a `.docx` that is not a zip).
    Corrupt,
    /// An extension psdoc does not read.
    Unsupported,
    /// Binary data in a text format.
    Binary,
    /// The file could not be opened or read (permissions, I/O error).
    Unreadable,
}

impl NotScanned {
    pub(crate) fn new(kind: NotScannedKind, reason: impl Into<String>) -> Self {
        NotScanned {
            reason: reason.into(),
            kind,
        }
    }
}

impl fmt::Display for NotScanned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for NotScanned {}

/// `50 MiB`, `64 KiB` or `1000 bytes`: a limit as a person would write it.
pub(crate) fn human_bytes(n: u64) -> String {
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} MiB", n / MIB)
    } else if n >= 1024 && n.is_multiple_of(1024) {
        format!("{} KiB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(1, 1), "A1");
        assert_eq!(cell_name(2, 7), "B7");
        assert_eq!(cell_name(26, 3), "Z3");
        assert_eq!(cell_name(27, 3), "AA3");
        assert_eq!(cell_name(16384, 1048576), "XFD1048576");
    }

    #[test]
    fn sizes() {
        assert_eq!(human_bytes(50 * MIB), "50 MiB");
        assert_eq!(human_bytes(64 * 1024), "64 KiB");
        assert_eq!(human_bytes(1000), "1000 bytes");
    }

    #[test]
    fn locations_display() {
        assert_eq!(
            Location::Part {
                part: "word/footer1.xml".into(),
                paragraph: 2
            }
            .to_string(),
            "paragraph 2 of a footer (word/footer1.xml)"
        );
        assert_eq!(Location::Page { page: 3, line: 4 }.line(), 4);
        let cell = Location::Cell {
            sheet: "Q4".into(),
            cell: "C4".into(),
            row: 4,
        };
        assert_eq!(cell.to_string(), "Sheet \"Q4\", cell C4");
    }
}
