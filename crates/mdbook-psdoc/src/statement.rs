//! The statement behind the book: what the book needs from it, and the
//! verdict of its check.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anstyle::AnsiColor;
use psdoc_core::config::Config;
use psdoc_core::model::Statement;
use psdoc_core::redact::Redactor;
use psdoc_core::{Diagnostic, Project, Report, Severity, Tally};
use psdoc_evidence::DocumentLog;

use crate::error::{Error, Result};
use crate::settings::FailOn;

/// The rule whose errors stop `psdoc build` whatever `fail-on` says.
pub const PERSONAL_IDENTIFIER: &str = "personal-identifier";

/// What the book is made from: the statement's settings, its chapters (for
/// word counts), its document log, and the redactor that masks identifiers.
#[derive(Clone, Copy)]
pub struct BookSource<'a> {
    pub config: &'a Config,
    pub statement: &'a Statement,
    pub log: &'a DocumentLog,
    pub redactor: &'a Redactor,
}

impl<'a> BookSource<'a> {
    pub fn of(project: &'a Project) -> Self {
        BookSource {
            config: &project.config,
            statement: &project.statement,
            log: &project.log,
            redactor: &project.redactor,
        }
    }

    /// `text` with every personal identifier masked.
    pub fn redact<'t>(&self, text: &'t str) -> Cow<'t, str> {
        self.redactor.redact(text)
    }

    /// Words per chapter, by path relative to the book's `src` folder.
    pub fn chapter_words(&self) -> BTreeMap<String, usize> {
        let src = self
            .statement
            .summary_path
            .rsplit_once('/')
            .map_or("", |(dir, _)| dir);
        let mut words = BTreeMap::new();
        for chapter in &self.statement.chapters {
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

/// A statement repository, loaded and checked: what `mdbook-psdoc` works
/// from when mdBook runs it.
pub struct Checked {
    /// The statement root (the folder holding `partnership.toml`).
    pub root: PathBuf,
    pub config: Config,
    pub statement: Statement,
    pub log: DocumentLog,
    /// The findings, with the sources and the one redactor that masks
    /// identifiers in everything shown (compiling it is the costly part of
    /// loading, so it is made once).
    pub report: Report,
}

impl Checked {
    /// Loads and checks the statement at `root` (the folder holding
    /// `partnership.toml`).
    pub fn open(root: &Path) -> Result<Self> {
        let project = Project::open(root)?;
        let diagnostics = project.check();
        Ok(Checked {
            root: root.to_path_buf(),
            config: project.config.clone(),
            statement: project.statement.clone(),
            log: project.log.clone(),
            report: Report::with_diagnostics(project, diagnostics),
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
        let named = root.join(&checked.config.statement.book);
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
                named: checked.config.statement.book.display().to_string(),
                book: book_root.display().to_string(),
            });
        }
        Ok(checked)
    }

    pub fn source(&self) -> BookSource<'_> {
        BookSource {
            config: &self.config,
            statement: &self.statement,
            log: &self.log,
            redactor: &self.report.redactor,
        }
    }

    /// The findings in mdBook's log style (` WARN file:line:column: rule:
    /// message`), then a summary line; ANSI colours when `color`.
    pub fn log_lines(&self) -> Vec<String> {
        let redact = |s: &str| self.report.redactor.redact(s).into_owned();
        let mut lines: Vec<String> = self
            .report
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
                    redact(&d.message)
                );
                if let Some(help) = &d.help {
                    message.push_str(&format!(" (help: {})", redact(help)));
                }
                level.line(&message)
            })
            .collect();
        lines.push(Level::Info.line(&summary(&self.report)));
        lines
    }
}

/// Whether `fail-on` stops the build.
pub fn fails(diagnostics: &[Diagnostic], fail_on: FailOn) -> bool {
    let t = Tally::of(diagnostics);
    match fail_on {
        FailOn::Error => t.errors > 0,
        FailOn::Warning => t.errors + t.warnings > 0,
        FailOn::Never => false,
    }
}

/// The `personal-identifier` errors: `psdoc build` refuses while one
/// stands, whatever `fail-on` says (docs/privacy.md#what-build-and-package-refuse).
pub fn personal_identifier_errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.rule == PERSONAL_IDENTIFIER && d.severity == Severity::Error)
        .count()
}

/// Why `fail-on` stopped the build, in one line.
pub fn failure(diagnostics: &[Diagnostic], fail_on: FailOn) -> Error {
    let t = Tally::of(diagnostics);
    let what = match fail_on {
        FailOn::Warning => format!("{} error(s) and {} warning(s)", t.errors, t.warnings),
        _ => format!("{} error(s)", t.errors),
    };
    Error::Failed {
        summary: format!(
            "psdoc found {what} in the statement, and fail-on = \"{}\"{} ([preprocessor.psdoc] in book.toml): fix them (see the findings above, or run `psdoc check`), or set fail-on = \"never\" there for a draft build",
            fail_on.as_str(),
            if fail_on == FailOn::default() {
                ", the default"
            } else {
                ""
            }
        ),
    }
}

/// "psdoc: 1 error, 2 warnings; 4,870 of 5,000 words", as `psdoc check` ends.
pub fn summary(report: &Report) -> String {
    psdoc_core::render::human::summary_line(report)
}

/// mdBook's log levels, as its tracing output prints them.
#[derive(Debug, Clone, Copy)]
enum Level {
    Info,
    Warn,
    Error,
}

impl Level {
    /// The line as mdBook prints its own, the level in colour; written
    /// through `anstream`, which drops the colour where it is not wanted
    /// (not a terminal, `NO_COLOR`).
    fn line(self, message: &str) -> String {
        let (name, colour) = match self {
            Level::Info => (" INFO", AnsiColor::Green),
            Level::Warn => (" WARN", AnsiColor::Yellow),
            Level::Error => ("ERROR", AnsiColor::Red),
        };
        let style = colour.on_default();
        format!("{style}{name}{style:#} {message}")
    }
}
