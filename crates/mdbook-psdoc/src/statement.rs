//! The statement behind the book, loaded and checked once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use psdoc_core::render::thousands;
use psdoc_core::{Diagnostic, Project, Report, Severity, Tally};

use crate::error::{Error, Result};
use crate::settings::FailOn;

/// The rule whose errors stop `psdoc build` whatever `fail-on` says.
pub const PERSONAL_IDENTIFIER: &str = "personal-identifier";

/// A statement repository, loaded, with its findings.
pub struct Checked {
    /// The statement root (the folder holding `partnership.toml`).
    pub root: PathBuf,
    pub project: Project,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Loads and checks the statement at `root` (the folder holding
    /// `partnership.toml`).
    pub fn open(root: &Path) -> Result<Self> {
        let project = Project::open(root)?;
        let diagnostics = project.check();
        Ok(Checked {
            root: root.to_path_buf(),
            project,
            diagnostics,
        })
    }

    /// Finds `partnership.toml` at or above the book's root, as cargo finds
    /// `Cargo.toml`, and checks that it names this book.
    pub fn for_book(book_root: &Path) -> Result<Self> {
        let root = psdoc_core::find_root(book_root).map_err(|e| match e {
            psdoc_core::Error::NoStatement { .. } => Error::NoStatement {
                book: book_root.display().to_string(),
            },
            other => Error::Statement(other),
        })?;
        let checked = Checked::open(&root)?;
        let named = checked.book_dir();
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if !same(&named, book_root) {
            return Err(Error::OtherBook {
                config: root
                    .join(psdoc_core::config::CONFIG_FILE)
                    .display()
                    .to_string(),
                named: checked.project.config.statement.book.display().to_string(),
                book: book_root.display().to_string(),
            });
        }
        Ok(checked)
    }

    /// The book's folder, as `partnership.toml` names it.
    pub fn book_dir(&self) -> PathBuf {
        self.root.join(&self.project.config.statement.book)
    }

    pub fn tally(&self) -> Tally {
        Tally::of(&self.diagnostics)
    }

    /// Whether `fail-on` stops the build.
    pub fn fails(&self, fail_on: FailOn) -> bool {
        let t = self.tally();
        match fail_on {
            FailOn::Error => t.errors > 0,
            FailOn::Warning => t.errors + t.warnings > 0,
            FailOn::Never => false,
        }
    }

    /// Whether a `personal-identifier` error stands: `psdoc build` refuses
    /// then, whatever `fail-on` says (CONTRACT section 6).
    pub fn has_personal_identifier_error(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.rule == PERSONAL_IDENTIFIER && d.severity == Severity::Error)
    }

    /// `text` with every personal identifier masked.
    pub fn redact<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        self.project.redactor.redact(text)
    }

    /// The findings as a [`Report`] for psdoc's reporters (which mask
    /// identifiers in the source lines they show).
    pub fn report(&self) -> Result<Report> {
        Ok(Report {
            diagnostics: self.diagnostics.clone(),
            words: self.project.statement.total_words(),
            word_limit: self.project.config.statement.word_limit,
            qi_coverage: self.project.qi_coverage(),
            sources: self.project.sources.clone(),
            redactor: psdoc_core::redact::Redactor::new(&self.project.config.privacy)?,
        })
    }

    /// The findings in mdBook's log style (` WARN file:line:column: rule:
    /// message`), then a summary line; ANSI colours when `color`.
    pub fn log_lines(&self, color: bool) -> Vec<String> {
        let mut lines: Vec<String> = self
            .diagnostics
            .iter()
            .map(|d| {
                let level = match d.severity {
                    Severity::Error => Level::Error,
                    Severity::Warning => Level::Warn,
                };
                let mut message = format!(
                    "{}:{}:{}: {}: {}",
                    d.file,
                    d.line,
                    d.column,
                    d.rule,
                    self.redact(&d.message)
                );
                if let Some(help) = &d.help {
                    message.push_str(&format!(" (help: {})", self.redact(help)));
                }
                level.line(&message, color)
            })
            .collect();
        lines.push(Level::Info.line(&self.summary(), color));
        lines
    }

    /// "psdoc: 1 error, 2 warnings; 4,870 of 5,000 words".
    pub fn summary(&self) -> String {
        let t = self.tally();
        let plural = |n: usize, one: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {one}s")
            }
        };
        let findings = if t.errors + t.warnings == 0 {
            "no problems found".to_owned()
        } else {
            format!(
                "{}, {}",
                plural(t.errors, "error"),
                plural(t.warnings, "warning")
            )
        };
        format!(
            "psdoc: {findings}; {} of {} words",
            thousands(self.project.statement.total_words()),
            thousands(self.project.config.statement.word_limit as usize)
        )
    }

    /// Why `fail-on` stopped the build, in one line.
    pub fn failure(&self, fail_on: FailOn) -> Error {
        let t = self.tally();
        let what = match fail_on {
            FailOn::Warning => format!("{} error(s) and {} warning(s)", t.errors, t.warnings),
            _ => format!("{} error(s)", t.errors),
        };
        Error::Failed {
            summary: format!(
                "psdoc found {what} in the statement and [preprocessor.psdoc] has fail-on = \"{}\": fix them (see the findings above, or run `psdoc check`), or set fail-on = \"never\" for a draft build",
                fail_on.as_str()
            ),
        }
    }

    /// Words per chapter, by path relative to the book's `src` folder.
    pub fn chapter_words(&self) -> BTreeMap<String, usize> {
        let statement = &self.project.statement;
        let src = statement
            .summary_path
            .rsplit_once('/')
            .map_or("", |(dir, _)| dir);
        let mut words = BTreeMap::new();
        for chapter in &statement.chapters {
            let path = chapter
                .path
                .strip_prefix(src)
                .map_or(chapter.path.as_str(), |p| p.trim_start_matches('/'));
            let n: usize = chapter.parsed.units.iter().map(|u| u.words).sum();
            *words.entry(path.to_owned()).or_insert(0) += n;
        }
        words
    }
}

/// mdBook's log levels, as its tracing output prints them.
#[derive(Debug, Clone, Copy)]
enum Level {
    Info,
    Warn,
    Error,
}

impl Level {
    fn line(self, message: &str, color: bool) -> String {
        let (name, ansi) = match self {
            Level::Info => (" INFO", "\x1b[32m"),
            Level::Warn => (" WARN", "\x1b[33m"),
            Level::Error => ("ERROR", "\x1b[31m"),
        };
        if color {
            format!("{ansi}{name}\x1b[0m {message}")
        } else {
            format!("{name} {message}")
        }
    }
}
