//! Errors that stop psdoc from doing its job (exit code 2). Findings about
//! the statement are not errors: they are [`crate::Diagnostic`]s.

use std::path::PathBuf;

/// Something psdoc could not do, with the file, the line and the fix.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "no partnership.toml in {dir} or any folder above it: run `psdoc init` to start a statement repository, or pass --root DIR"
    )]
    NoStatement { dir: PathBuf },

    #[error("{file}:{line}:{column}: {message}")]
    Config {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },

    #[error("{file}: {message}")]
    File { file: String, message: String },

    #[error("{file}:{line}: {message}")]
    AtLine {
        file: String,
        line: usize,
        message: String,
    },

    /// Transparent: the log error is the whole message, said once.
    #[error(transparent)]
    Log(#[from] psdoc_evidence::LogError),

    #[error("{message}")]
    Other { message: String },
}

impl Error {
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Error::File {
            file: file.into(),
            message: message.into(),
        }
    }

    pub fn at_line(file: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Error::AtLine {
            file: file.into(),
            line,
            message: message.into(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
