//! What stops the preprocessor, each with the file, the line and the fix.

use std::path::Path;

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

impl Error {
    /// An error about `[preprocessor.psdoc]`, at the line of `key` in
    /// `book.toml` when it can be found.
    pub fn settings(book_root: &Path, key: Option<&str>, message: String) -> Self {
        let path = book_root.join("book.toml");
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        Error::Settings {
            file: path.display().to_string(),
            line: line_of(&text, key),
            message,
        }
    }
}

/// The line of `key` in the `[preprocessor.psdoc]` table, else that of the
/// table's header, else 1.
fn line_of(text: &str, key: Option<&str>) -> usize {
    let mut header = None;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            let name: String = t
                .trim_matches(['[', ']'])
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            if header.is_some() && name != crate::settings::TABLE {
                break;
            }
            if name == crate::settings::TABLE {
                header = Some(i + 1);
            }
            continue;
        }
        if header.is_some()
            && let Some(key) = key
            && let Some(rest) = t.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return i + 1;
        }
    }
    header.unwrap_or(1)
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    #[test]
    fn line_of_key() {
        let t = "[book]\ntitle = \"x\"\n\n[preprocessor.psdoc]\nafter = [\"links\"]\nfail-on = \"x\"\n[output.html]\nfail-on = 1\n";
        assert_eq!(super::line_of(t, Some("fail-on")), 6);
        assert_eq!(super::line_of(t, Some("missing")), 4);
        assert_eq!(super::line_of("", None), 1);
    }
}
