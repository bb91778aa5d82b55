//! The text of evidence files, for the personal-identifier and small-number checks.
//!
//! A partnership's supporting evidence arrives as Word exports, spreadsheets, PDFs,
//! web pages and text from many partners. [`extract`] reads one file into
//! [`TextUnit`]s (each with a [`Location`] a person can find) and, for CSV and XLSX,
//! [`Table`]s. A file whose text cannot be read is a [`NotScanned`] with the reason,
//! so that silence never looks like a pass: an image, a scanned or encrypted PDF, a
//! damaged file, an unsupported format, or a file over one of the [`Limits`].
//!
//! The library never prints, never exits and never panics on any input: hostile
//! files (zip bombs, truncated or crafted PDFs) end as [`NotScanned`], with memory
//! and work bounded by the limits.
//!
//! # For callers
//!
//! - Scan each unit on its own. For text, Markdown and CSV a byte offset in
//!   `text` is the column on the unit's line; for HTML it is approximate (tags
//!   removed, entities decoded); for the other formats there is no column.
//! - A finding's `line` is [`Location::line`]; a PDF adds `page`, an XLSX `sheet`
//!   and `cell`. [`Location::Part`] (Word headers, footers, notes, comments,
//!   charts and diagrams; OpenDocument headers, footers and embedded objects; XLSX
//!   text boxes) needs its part named in the message: its `Display` does that.
//! - [`Extracted::incomplete`] lists parts not read although the rest was (PDF
//!   pages over the limit or without text, a table cut short): each is an
//!   `evidence-not-scanned` finding of its own.
//! - Reasons never quote the file's text, so they are safe to print (they name a
//!   sheet or an archive member where that helps to find the place); units are
//!   raw text and must be masked before anything shows them.
//! - The text of Word, OpenDocument, PDF and XLSX files is normalised for
//!   scanning: no-break spaces become spaces, soft hyphens and zero-width
//!   characters go, ligatures are spelled out. Text, Markdown, CSV and HTML keep
//!   their characters (columns depend on it), except that `&nbsp;` reads as a space.
//! - Text hidden from a reader but still in the file is read, because it leaves
//!   with the file: Word's tracked deletions and field codes, pictures' alternative
//!   text, comments, hidden sheets, PDF annotations and form-field values.
//! - The PDF reader installs, once, a panic hook that silences panics raised
//!   inside the PDF parser (their messages could quote the document) and passes
//!   every other panic to the hook installed before it. lopdf logs through the
//!   `log` crate; a caller that installs a logger should keep `lopdf` below
//!   `error`, as its warnings can include document bytes.
//! - [`extract`] follows symbolic links: keeping paths inside the statement root
//!   (docs/repository.md#nothing-outside-the-root) is the caller's job.
//! - Peak memory is a few times the file's text: about 150 to 250 bytes per
//!   non-empty spreadsheet cell and per line, plus the file itself.

mod csv;
mod html;
mod markdown;
mod model;
mod office;
mod package;
mod pdf;
mod text;
mod xlsx;
mod xml;
mod zipped;

use std::io::Read;
use std::path::Path;

pub use model::{
    Extracted, Format, Limits, Location, NotScanned, NotScannedKind, Table, TextUnit, cell_name,
};

use model::human_bytes;

/// The extensions read (lower case, without the dot).
const SUPPORTED: &[&str] = &[
    "txt", "text", "md", "markdown", "csv", "tsv", "html", "htm", "xhtml", "docx", "docm", "xlsx",
    "xlsm", "odt", "pdf", "yml", "yaml", "toml", "json", "xml", "svg", "css", "js", "hbs", "cfg",
    "ini",
];

/// Pictures: reported as not scanned without being opened.
const IMAGES: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "tif", "tiff", "bmp", "heic", "heif", "webp",
];

/// The extensions [`extract`] reads, lower case without the dot. Matching is
/// case-insensitive (`REPORT.PDF` is read).
pub fn supported_extensions() -> &'static [&'static str] {
    SUPPORTED
}

/// The extensions reported as images (`evidence-not-scanned`, kind [`NotScannedKind::Image`]).
pub fn image_extensions() -> &'static [&'static str] {
    IMAGES
}

/// Reads the file at `path` and extracts its text. The size is checked against
/// [`Limits::max_file_bytes`] before anything is read; images and unsupported
/// formats are reported without reading the file at all.
pub fn extract(path: &Path, limits: &Limits) -> Result<Extracted, NotScanned> {
    read(path, limits)?.extract(limits)
}

/// A file [`read`] into memory: its bytes, and its name for [`ReadFile::extract`].
pub struct ReadFile {
    name: String,
    bytes: Vec<u8>,
}

impl ReadFile {
    /// The file's bytes (for a cache keyed by its content).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Extracts its text: [`extract`] is [`read`] then this.
    pub fn extract(self, limits: &Limits) -> Result<Extracted, NotScanned> {
        extract_data(&self.name, Data::Owned(self.bytes), limits)
    }
}

/// The first half of [`extract`]: checks the file's kind and size and reads it.
/// Images and unsupported formats are reported without reading the file at all.
pub fn read(path: &Path, limits: &Limits) -> Result<ReadFile, NotScanned> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let ext = extension(&name);
    kind_of(&name, &ext)?;
    let unreadable = |e: std::io::Error| {
        NotScanned::new(
            NotScannedKind::Unreadable,
            format!("the file could not be read ({})", io_reason(&e)),
        )
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(NotScanned::new(
            NotScannedKind::Unreadable,
            "not a regular file",
        ));
    }
    if meta.len() > limits.max_file_bytes {
        return Err(over_file_limit(limits));
    }
    let file = std::fs::File::open(path).map_err(unreadable)?;
    // The file may have grown since its size was read: never read past the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    Ok(ReadFile {
        name: name.into_owned(),
        bytes,
    })
}

/// Extracts the text of `bytes`, the content of a file called `name` (only its
/// extension is used).
pub fn extract_bytes(name: &str, bytes: &[u8], limits: &Limits) -> Result<Extracted, NotScanned> {
    extract_data(name, Data::Borrowed(bytes), limits)
}

/// The file's bytes: owned when read from disk, borrowed when given.
enum Data<'a> {
    Borrowed(&'a [u8]),
    Owned(Vec<u8>),
}

impl Data<'_> {
    fn bytes(&self) -> &[u8] {
        match self {
            Data::Borrowed(b) => b,
            Data::Owned(v) => v,
        }
    }

    fn decode(&self) -> Result<std::borrow::Cow<'_, str>, text::Binary> {
        text::decode(self.bytes())
    }
}

fn extract_data(name: &str, data: Data<'_>, limits: &Limits) -> Result<Extracted, NotScanned> {
    let ext = extension(name);
    let kind = kind_of(name, &ext)?;
    if data.bytes().len() as u64 > limits.max_file_bytes {
        return Err(over_file_limit(limits));
    }
    let bytes = data.bytes();
    match kind {
        Kind::Text(Format::Markdown) => {
            let text = data.decode().map_err(|_| binary(&ext))?;
            let read = markdown::read(&text);
            Ok(Extracted {
                format: Format::Markdown,
                units: read.units,
                tables: read.tables,
                incomplete: read.note.into_iter().collect(),
            })
        }
        Kind::Text(format) => {
            let text = data.decode().map_err(|_| binary(&ext))?;
            Ok(Extracted {
                format,
                units: text::line_units(&text),
                tables: Vec::new(),
                incomplete: Vec::new(),
            })
        }
        Kind::Csv(delimiter) => {
            let text = data.decode().map_err(|_| binary(&ext))?;
            let read = csv::read(&text, delimiter);
            Ok(Extracted {
                format: Format::Csv,
                units: read.units,
                tables: if read.table.rows.is_empty() {
                    Vec::new()
                } else {
                    vec![read.table]
                },
                incomplete: read.note.into_iter().collect(),
            })
        }
        Kind::Html => {
            let text = data.decode().map_err(|_| binary(&ext))?;
            Ok(Extracted {
                format: Format::Html,
                units: html::units(&text),
                tables: Vec::new(),
                incomplete: Vec::new(),
            })
        }
        Kind::Docx => office::docx(bytes, limits, &format!(".{ext}")),
        Kind::Odt => office::odt(bytes, limits, &format!(".{ext}")),
        Kind::Xlsx => xlsx::xlsx(bytes, limits, &format!(".{ext}")),
        Kind::Pdf => pdf::pdf(bytes, limits),
    }
}

/// The lower-case extension of a file name, empty when it has none.
fn extension(name: &str) -> String {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

enum Kind {
    Text(Format),
    /// The delimiter, or `None` to detect it.
    Csv(Option<char>),
    Html,
    Docx,
    Odt,
    Xlsx,
    Pdf,
}

/// The kind of file `name` (with extension `ext`) is. Configuration and web files of a
/// repository (`.yml` workflows, `.toml`, `.json`, a theme's `.css`, dotfiles such as
/// `.gitignore`) are read as text: they are published with the repository.
fn kind_of(name: &str, ext: &str) -> Result<Kind, NotScanned> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if ext.is_empty() && file.starts_with('.') && file.len() > 1 {
        return Ok(Kind::Text(Format::Text));
    }
    Ok(match ext {
        "txt" | "text" | "yml" | "yaml" | "toml" | "json" | "xml" | "svg" | "css" | "js"
        | "hbs" | "cfg" | "ini" => Kind::Text(Format::Text),
        "md" | "markdown" => Kind::Text(Format::Markdown),
        "csv" => Kind::Csv(None),
        "tsv" => Kind::Csv(Some('\t')),
        "html" | "htm" | "xhtml" => Kind::Html,
        "docx" | "docm" => Kind::Docx,
        "xlsx" | "xlsm" => Kind::Xlsx,
        "odt" => Kind::Odt,
        "pdf" => Kind::Pdf,
        e if IMAGES.contains(&e) => {
            return Err(NotScanned::new(
                NotScannedKind::Image,
                "an image: psdoc cannot read text in images (check it by eye)",
            ));
        }
        "" => {
            return Err(NotScanned::new(
                NotScannedKind::Unsupported,
                "unsupported format (the file name has no extension)",
            ));
        }
        e => {
            let hint = match e {
                "doc" | "rtf" | "pages" | "wpd" => " (save it as .docx or .pdf)",
                "xls" | "numbers" | "ods" => " (save it as .xlsx or .csv)",
                "ppt" | "pptx" | "key" | "odp" => " (save it as .pdf)",
                _ => "",
            };
            return Err(NotScanned::new(
                NotScannedKind::Unsupported,
                format!("unsupported format .{}{hint}", printable(e)),
            ));
        }
    })
}

/// An extension safe to show: at most 16 printable characters.
fn printable(ext: &str) -> String {
    ext.chars().filter(|c| !c.is_control()).take(16).collect()
}

fn binary(ext: &str) -> NotScanned {
    NotScanned::new(
        NotScannedKind::Binary,
        format!("binary data in a .{} file", printable(ext)),
    )
}

fn over_file_limit(limits: &Limits) -> NotScanned {
    NotScanned::new(
        NotScannedKind::OverLimit,
        format!(
            "over the {} limit (limits.max_file_bytes)",
            human_bytes(limits.max_file_bytes)
        ),
    )
}

/// An I/O error as a short phrase, without the path (the caller names the file).
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "it does not exist".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.kind().to_string(),
    }
}
