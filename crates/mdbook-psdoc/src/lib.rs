//! `mdbook-psdoc`: psdoc's checks as an mdBook 0.5 preprocessor, and the
//! changes that make the book the one inspectors read.
//!
//! What it does to the book:
//!
//! - each evidence reference (`[E12]`, `[E3, E12]`, `[E3-E5]`) links to that
//!   document's row in a generated **Document log** chapter, the document's
//!   title on hover;
//! - a quality indicator whose title is confirmed shows it on hover;
//! - HTML comments (drafting notes, the guidance's prompts) are removed, and
//!   every personal identifier is masked, in every chapter, title and the
//!   log;
//! - each chapter shows its word count on screen, the first one the total
//!   against the limit; never on the print page that becomes the PDF;
//! - the document log is left out of the print page unless `print-log`.
//!
//! # When it runs
//!
//! After mdBook's `links` preprocessor (`after = ["links"]` in `book.toml`;
//! `psdoc build` puts it in the same place). The book it changes must be
//! the book readers get, so it works on the text with every
//! `{{#include}}` expanded: included text is linked and masked like the
//! rest. The check itself does not depend on that order: it reads the
//! statement from its files, expanding includes with a map back to them, so
//! findings name the file and line that was written.
//!
//! This library never prints and never exits: the `mdbook-psdoc` binary and
//! `psdoc build` do.

pub mod chapter;
pub mod error;
pub mod log_chapter;
pub mod settings;
pub mod statement;
pub mod style;

use std::path::Path;
use std::sync::Arc;

use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use psdoc_core::Project;
use psdoc_core::text::thousands;

pub use error::{Error, Result};
pub use log_chapter::LogTargets;
pub use settings::{FailOn, Settings};
pub use statement::{BookSource, Checked};

/// The preprocessor, for mdBook's driver (`MDBook::with_preprocessor`).
pub struct PsdocPreprocessor {
    /// A statement the caller loaded (`psdoc build`); otherwise each run
    /// loads and checks it and applies `fail-on`.
    project: Option<Arc<Project>>,
    /// The caller's verdict, asked once the book is made and before mdBook
    /// renders it: an error stops the build with the output untouched.
    gate: Option<Gate>,
}

/// The book's title, from `partnership.toml` (one source of truth): "Loch
/// Ard Community Planning Partnership: position statement".
pub fn book_title(config: &psdoc_core::Config) -> String {
    format!("{}: position statement", config.partnership.name.trim())
}

/// See [`PsdocPreprocessor::gated`].
pub type Gate = Box<dyn Fn() -> Result<()>>;

impl PsdocPreprocessor {
    /// The name in `book.toml`: `[preprocessor.psdoc]`.
    pub const NAME: &'static str = "psdoc";

    /// Loads and checks the statement on each run; fails as `fail-on` says.
    pub fn new() -> Self {
        PsdocPreprocessor {
            project: None,
            gate: None,
        }
    }

    /// Makes the book from a statement the caller loaded; the verdict of
    /// the check is the caller's (see [`Self::gated`]).
    pub fn with_project(project: Arc<Project>) -> Self {
        PsdocPreprocessor {
            project: Some(project),
            gate: None,
        }
    }

    /// Asks `gate` after making the book and before handing it to mdBook's
    /// renderer: `psdoc build` checks the statement on another thread
    /// meanwhile, and its gate waits for that verdict.
    pub fn gated(mut self, gate: impl Fn() -> Result<()> + 'static) -> Self {
        self.gate = Some(Box::new(gate));
        self
    }
}

impl Default for PsdocPreprocessor {
    fn default() -> Self {
        Self::new()
    }
}

impl Preprocessor for PsdocPreprocessor {
    fn name(&self) -> &str {
        Self::NAME
    }

    fn run(
        &self,
        ctx: &PreprocessorContext,
        book: Book,
    ) -> mdbook_preprocessor::errors::Result<Book> {
        let settings = Settings::from_config(&ctx.config, &ctx.root)?;
        if let Some(project) = &self.project {
            let book = render_book(book, BookSource::of(project), &settings, &ctx.renderer);
            if let Some(gate) = &self.gate {
                gate()?;
            }
            return Ok(book);
        }
        let checked = Checked::for_book(&ctx.root)?;
        if statement::fails(&checked.report.diagnostics, settings.fail_on) {
            return Err(statement::failure(&checked.report.diagnostics, settings.fail_on).into());
        }
        Ok(render_book(
            book,
            checked.source(),
            &settings,
            &ctx.renderer,
        ))
    }

    /// Every renderer: whatever the output, references are linked and
    /// identifiers masked. Word counts are for the HTML renderer only.
    fn supports_renderer(&self, _renderer: &str) -> mdbook_preprocessor::errors::Result<bool> {
        Ok(true)
    }
}

/// The book as readers get it (see the crate's documentation). Pure: the
/// same statement, settings and book give the same result.
pub fn render_book(
    mut book: Book,
    source: BookSource<'_>,
    settings: &Settings,
    renderer: &str,
) -> Book {
    let targets = LogTargets::new(source.config, source.log, &settings.log_chapter);
    let log = source
        .redact(&log_chapter::markdown(
            source.config,
            source.log,
            &targets,
            settings.print_log,
        ))
        .into_owned();
    let words = source.chapter_words();
    let counts = WordCounts {
        total: source.statement.total_words(),
        limit: source.config.statement.word_limit as usize,
    };
    let html = renderer == "html";
    let mut cover = html.then(|| {
        source
            .redact(&style::print_cover(source.config, counts.total))
            .into_owned()
    });
    let mut first = true;
    let mut log_placed = false;

    book.for_each_mut(|item| match item {
        BookItem::Chapter(chapter) => {
            chapter.name = source.redact(&chapter.name).into_owned();
            chapter.parent_names = chapter
                .parent_names
                .iter()
                .map(|n| source.redact(n).into_owned())
                .collect();
            let (Some(path), Some(file)) = (
                chapter.path.as_deref().map(slash),
                chapter
                    .source_path
                    .as_deref()
                    .or(chapter.path.as_deref())
                    .map(slash),
            ) else {
                return; // a draft chapter: no page
            };
            if file == settings.log_chapter {
                // SUMMARY.md lists the log: it goes where the author put it.
                chapter.content = log.clone();
                log_placed = true;
                return;
            }
            let rewritten = chapter::rewrite(&chapter.content, &path, &targets);
            let mut content = source.redact(&rewritten).into_owned();
            if html {
                let banner = match words.get(&file) {
                    Some(&n) if settings.word_counts => {
                        let banner = counts.banner(n, first);
                        first = false;
                        banner
                    }
                    _ => String::new(),
                };
                let cover = cover.take().unwrap_or_default();
                content = format!("{banner}{}\n{cover}{content}", style::STYLE);
            }
            chapter.content = content;
        }
        BookItem::PartTitle(title) => *title = source.redact(title).into_owned(),
        BookItem::Separator => {}
    });

    if !log_placed {
        let mut chapter = Chapter::new(log_chapter::TITLE, log, &settings.log_chapter, Vec::new());
        // Generated: no file on disk, so mdBook's "edit this page" has none.
        chapter.source_path = None;
        book.push_item(chapter);
    }
    book
}

struct WordCounts {
    total: usize,
    limit: usize,
}

impl WordCounts {
    /// The on-screen word count: the chapter's, and on the first chapter
    /// the statement's against the limit.
    fn banner(&self, chapter: usize, first: bool) -> String {
        let mut out = String::from(
            "<div class=\"psdoc-word-count\" role=\"note\" aria-label=\"Word count\">",
        );
        out.push_str(&format!(
            "<p>This chapter: <strong>{}</strong> {}.</p>",
            thousands(chapter),
            if chapter == 1 { "word" } else { "words" }
        ));
        if first {
            let (total, limit) = (self.total, self.limit);
            let against = if total <= limit {
                format!("{} left", thousands(limit - total))
            } else {
                format!("{} over the limit", thousands(total - limit))
            };
            out.push_str(&format!(
                "<p>The statement: <strong>{}</strong> of {} words ({against}).",
                thousands(total),
                thousands(limit)
            ));
            if limit > 0 && total.abs_diff(limit) * 50 <= limit {
                out.push_str(" Within 2% of the limit: psdoc counts as Microsoft Word does, but other counters may differ slightly.");
            }
            out.push_str("</p>");
        }
        out.push_str("</div>\n");
        out
    }
}

/// A book path with `/` separators.
fn slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
