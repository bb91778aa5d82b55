//! What stops the preprocessor, each with the file, the line and the fix.

/// Why the book was not built.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `[preprocessor.psdoc]` in `book.toml` is wrong.
    #[error("{file}:{line}: {message}")]
    Settings {
        file: String,
        line: usize,
        message: String,
    },

    /// No `partnership.toml` in the book's folder or above it.
    #[error(
        "no partnership.toml in {book} or any folder above it: mdbook-psdoc checks a position statement; run `psdoc init` to start one, or remove [preprocessor.psdoc] from book.toml"
    )]
    NoStatement { book: String },

    /// `partnership.toml` names another folder as the statement's book.
    #[error(
        "{config}: `statement.book = \"{named}\"` names another folder, but mdBook is building {book}: set `statement.book` to this book's folder"
    )]
    OtherBook {
        config: String,
        named: String,
        book: String,
    },

    /// psdoc could not read the statement (a bad `partnership.toml`, an
    /// unreadable chapter, an `{{#include}}` leaving the book).
    #[error("{0}")]
    Statement(#[from] psdoc_core::Error),

    /// The check found what `fail-on` says must stop the build.
    #[error("{summary}")]
    Failed { summary: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
