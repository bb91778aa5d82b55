//! What can stop an export: each message says what went wrong and what to do.

/// An export psdoc could not write.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The statement or its configuration could not be read.
    #[error(transparent)]
    Statement(#[from] psdoc_core::Error),

    /// A file the package needs could not be read.
    #[error(
        "{file}: cannot be read for the package: {reason}; check that it exists and is readable"
    )]
    Read { file: String, reason: String },

    /// A writer failed (CSV, XLSX, ZIP): a bug or an exhausted disk.
    #[error("cannot write the {what}: {reason}")]
    Write { what: &'static str, reason: String },

    /// A log too long to typeset in reasonable time and paper.
    #[error(
        "the document log has {entries} entries, more than the {max} a PDF holds: export it as XLSX or CSV (`psdoc log --format xlsx`), which hold any number"
    )]
    LogTooLongForPdf { entries: usize, max: usize },

    /// Typst could not typeset the document: a bug in psdoc's markup, since
    /// statement text is always escaped.
    #[error(
        "cannot typeset the {what} as PDF: {reason} (this is a bug in psdoc: please report it with the statement that caused it)"
    )]
    Typeset { what: String, reason: String },

    /// The helper that typesets PDFs is not where psdoc looks for it.
    #[error(
        "cannot write the {what} as PDF: psdoc's typesetter is not installed beside psdoc (looked for {path}): it comes with psdoc (a release archive holds both programs, and `cargo install` installs both): put psdoc-typeset in the same folder as psdoc (in a source checkout, `cargo build --release -p psdoc` builds both)"
    )]
    TypesetterMissing { what: String, path: String },

    /// What the helper that typesets PDFs said when it could not.
    #[error("{0}")]
    Helper(String),

    /// The helper that typesets PDFs could not be run or stopped short.
    #[error("cannot write the {what} as PDF: the typesetter {reason}")]
    Typesetter { what: String, reason: String },
}

impl Error {
    pub(crate) fn write(what: &'static str, reason: impl std::fmt::Display) -> Self {
        Error::Write {
            what,
            reason: reason.to_string(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
