//! `[preprocessor.psdoc]` in `book.toml`: rendering options only. Everything
//! the check needs lives in `partnership.toml`
//! (docs/configuration.md#booktoml-preprocessorpsdoc).

use std::path::Path;

use mdbook_preprocessor::config::Config;

use crate::error::{Error, Result};

/// The table's name in `book.toml`.
pub const TABLE: &str = "preprocessor.psdoc";

/// Keys mdBook itself reads from every `[preprocessor.NAME]` table.
const MDBOOK_KEYS: &[&str] = &["command", "before", "after", "renderers", "optional"];

/// psdoc's keys, with what each takes (for messages).
const KEYS: &[(&str, &str)] = &[
    ("fail-on", "\"error\", \"warning\" or \"never\""),
    ("word-counts", "true or false"),
    (
        "log-chapter",
        "a path ending in .md, inside the book's src folder",
    ),
    ("print-log", "true or false"),
    ("page-per-section", "true or false"),
];

/// Which findings stop the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailOn {
    /// Any error (the default): the published book is the checked one.
    #[default]
    Error,
    /// Any error or warning.
    Warning,
    /// Nothing: findings are printed, the book is built.
    Never,
}

impl FailOn {
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Never => "never",
        }
    }
}

/// The preprocessor's settings, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub fail_on: FailOn,
    /// Word counts on screen: each chapter's, and the total against the
    /// limit on the first chapter.
    pub word_counts: bool,
    /// The generated document log's path, relative to the book's `src`
    /// folder, `/`-separated.
    pub log_chapter: String,
    /// Whether the print page (the submitted PDF) keeps the document log.
    /// The guidance asks for the log as a separate document, so by default
    /// it is shown on screen only.
    pub print_log: bool,
    /// `psdoc export --format pdf` and `psdoc package`: start each required
    /// section on a new page (the default is continuous text).
    pub page_per_section: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            fail_on: FailOn::Error,
            word_counts: true,
            log_chapter: "document-log.md".to_owned(),
            print_log: false,
            page_per_section: false,
        }
    }
}

impl Settings {
    /// Reads `[preprocessor.psdoc]` from mdBook's configuration. `book_root`
    /// is only used to point errors at the right line of `book.toml`.
    pub fn from_config(config: &Config, book_root: &Path) -> Result<Self> {
        let mut settings = Settings::default();
        let table: Option<toml::Table> = config.get(TABLE).map_err(|e| {
            Error::settings(book_root, None, format!("[{TABLE}] must be a table: {e:#}"))
        })?;
        let Some(table) = table else {
            return Ok(settings);
        };
        for (key, value) in &table {
            let bad = |what: &str| {
                Error::settings(book_root, Some(key), format!("[{TABLE}] `{key}` {what}"))
            };
            match key.as_str() {
                "fail-on" => {
                    settings.fail_on = match value.as_str() {
                        Some("error") => FailOn::Error,
                        Some("warning") => FailOn::Warning,
                        Some("never") => FailOn::Never,
                        _ => {
                            return Err(bad(&format!(
                                "must be \"error\", \"warning\" or \"never\", not {value}"
                            )));
                        }
                    }
                }
                "word-counts" => {
                    settings.word_counts = value
                        .as_bool()
                        .ok_or_else(|| bad(&format!("must be true or false, not {value}")))?
                }
                "page-per-section" => {
                    settings.page_per_section = value
                        .as_bool()
                        .ok_or_else(|| bad(&format!("must be true or false, not {value}")))?
                }
                "print-log" => {
                    settings.print_log = value
                        .as_bool()
                        .ok_or_else(|| bad(&format!("must be true or false, not {value}")))?
                }
                "log-chapter" => {
                    let path = value.as_str().ok_or_else(|| {
                        bad(&format!(
                            "must be a path such as \"document-log.md\", not {value}"
                        ))
                    })?;
                    settings.log_chapter = valid_chapter_path(path).ok_or_else(|| {
                        bad(&format!(
                            "must be a relative path ending in .md inside the book's src folder (no `..`), such as \"document-log.md\", not \"{path}\""
                        ))
                    })?;
                }
                k if MDBOOK_KEYS.contains(&k) => {}
                other => {
                    let known: Vec<&str> = KEYS
                        .iter()
                        .map(|(k, _)| *k)
                        .chain(MDBOOK_KEYS.iter().copied())
                        .collect();
                    let hint = known
                        .iter()
                        .map(|k| (strsim::levenshtein(other, k), *k))
                        .filter(|(d, _)| *d <= 3)
                        .min()
                        .map(|(_, k)| format!(": did you mean `{k}`?"))
                        .unwrap_or_else(|| {
                            let list: Vec<String> =
                                KEYS.iter().map(|(k, v)| format!("`{k}` ({v})")).collect();
                            format!(": psdoc's keys are {}", list.join(", "))
                        });
                    return Err(Error::settings(
                        book_root,
                        Some(other),
                        format!("[{TABLE}] has no key `{other}`{hint}"),
                    ));
                }
            }
        }
        Ok(settings)
    }
}

/// `document-log.md`, `annex/log.md`: relative, inside `src`, a Markdown
/// file; normalised to `/` separators.
fn valid_chapter_path(path: &str) -> Option<String> {
    let path = path.replace('\\', "/");
    let path = path.trim_start_matches("./");
    let ok = path.ends_with(".md")
        && !path.starts_with('/')
        && !path.contains(':')
        && path
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != "..");
    ok.then(|| path.to_owned())
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
            if header.is_some() && name != TABLE {
                break;
            }
            if name == TABLE {
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

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn parse(toml_text: &str) -> Result<Settings> {
        let config = Config::from_str(toml_text).expect("valid book.toml");
        Settings::from_config(&config, Path::new("/nonexistent"))
    }

    #[test]
    fn defaults() {
        assert_eq!(
            parse("[book]\ntitle = \"x\"\n").unwrap(),
            Settings::default()
        );
        assert_eq!(
            parse("[preprocessor.psdoc]\n").unwrap(),
            Settings::default()
        );
    }

    #[test]
    fn every_key() {
        let s = parse(
            "[preprocessor.psdoc]\nafter = [\"links\"]\nfail-on = \"never\"\nword-counts = false\nlog-chapter = \"annex/log.md\"\nprint-log = true\npage-per-section = true\n",
        )
        .unwrap();
        assert_eq!(
            s,
            Settings {
                fail_on: FailOn::Never,
                word_counts: false,
                log_chapter: "annex/log.md".into(),
                print_log: true,
                page_per_section: true,
            }
        );
    }

    #[test]
    fn bad_values_say_what_is_expected() {
        let e = parse("[preprocessor.psdoc]\nfail-on = \"errors\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"error\", \"warning\" or \"never\""), "{e}");
        let e = parse("[preprocessor.psdoc]\nword-count = true\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("did you mean `word-counts`"), "{e}");
        let e = parse("[preprocessor.psdoc]\nlog-chapter = \"../log.md\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("no `..`"), "{e}");
        let e = parse("[preprocessor.psdoc]\nprint-log = \"yes\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("true or false"), "{e}");
    }

    #[test]
    fn line_of_key() {
        let t = "[book]\ntitle = \"x\"\n\n[preprocessor.psdoc]\nafter = [\"links\"]\nfail-on = \"x\"\n[output.html]\nfail-on = 1\n";
        assert_eq!(super::line_of(t, Some("fail-on")), 6);
        assert_eq!(super::line_of(t, Some("missing")), 4);
        assert_eq!(super::line_of("", None), 1);
    }
}
