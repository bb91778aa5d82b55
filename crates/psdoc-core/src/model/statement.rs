//! The statement: the book's chapters in `SUMMARY.md` order, parsed, with
//! their sections (docs/sections.md#where-a-section-starts-and-ends).

pub use super::chapter::{Chapter, Place};
use super::files::{FileSource, ReadError, join_relative, to_relative};
use super::include::expand;
use super::markdown::{Allow, Unit, UnitKind, parse_chapter};
use super::sections::{Section, assemble_sections};
use super::sources::{Location, SourceFile, Sources};
use super::summary::{SummaryEntry, parse_summary};
use crate::config::Config;
use crate::error::{Error, Result};

/// The whole statement, as one reader would read it.
#[derive(Debug, Clone)]
pub struct Statement {
    /// Root-relative path of the book folder.
    pub book_dir: String,
    pub summary_path: String,
    pub chapters: Vec<Chapter>,
    pub sections: Vec<Section>,
}

impl Statement {
    /// Reads the book named by the configuration from `files`.
    pub fn load(config: &Config, files: &dyn FileSource, sources: &mut Sources) -> Result<Self> {
        let book_dir = to_relative(&config.statement.book);
        let src_dir = read_src_dir(files, &book_dir, sources)?;
        let summary_path = join(&src_dir, "SUMMARY.md");
        let summary_text = read_text(files, &summary_path).map_err(|e| match e {
            ReadError::NotFound => Error::file(
                &summary_path,
                format!(
                    "not found: the book needs a SUMMARY.md listing its chapters (is `statement.book = \"{book_dir}\"` in partnership.toml right?)"
                ),
            ),
            other => describe(&summary_path, other),
        })?;
        let summary_id = sources.add(SourceFile::new(summary_path.clone(), summary_text));
        let entries = parse_summary(&summary_path, &sources.get(summary_id).text)?;

        let mut chapters: Vec<Chapter> = Vec::new();
        // Summary entry index -> chapter index.
        let mut chapter_of: Vec<Option<usize>> = Vec::new();
        for entry in &entries {
            let chapter = load_chapter(files, sources, &book_dir, &src_dir, &summary_path, entry)?;
            let parent = entry.parent.and_then(|p| chapter_of[p]);
            chapter_of.push(Some(chapters.len()));
            chapters.push(Chapter { parent, ..chapter });
        }
        set_level_offsets(&mut chapters);
        let sections = assemble_sections(&chapters, sources, config.guidance);
        Ok(Statement {
            book_dir,
            summary_path,
            chapters,
            sections,
        })
    }

    /// The file, line and column of a place.
    pub fn locate(&self, sources: &Sources, place: Place, length: usize) -> Location {
        let chapter = &self.chapters[place.chapter];
        let (file, offset) = chapter.expanded.origin(place.offset);
        let source = sources.get(file);
        let pos = source.position(offset);
        Location {
            file: source.path.clone(),
            line: pos.line,
            column: pos.column,
            length,
        }
    }

    /// The location of a unit's text byte `offset` (length in characters).
    pub fn locate_in_unit(
        &self,
        sources: &Sources,
        chapter: usize,
        unit: &Unit,
        range: std::ops::Range<usize>,
    ) -> Location {
        let offset = unit.source_offset(range.start);
        let length = unit.text.get(range).map_or(0, |s| s.chars().count());
        self.locate(sources, Place { chapter, offset }, length)
    }

    /// The section holding a place, if a required one.
    pub fn section_at(&self, place: Place) -> Option<&Section> {
        let i = self.sections.partition_point(|s| s.start <= place);
        i.checked_sub(1)
            .map(|i| &self.sections[i])
            .filter(|s| s.key.is_some())
    }

    /// Every unit with its chapter index, in reading order.
    pub fn units(&self) -> impl Iterator<Item = (usize, &Unit)> {
        self.chapters
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.parsed.units.iter().map(move |u| (i, u)))
    }

    /// Every `psdoc-allow` comment, with the file and lines it covers.
    pub fn allows<'a>(
        &'a self,
        sources: &'a Sources,
    ) -> impl Iterator<Item = (&'a Allow, Location, Location)> + 'a {
        self.chapters.iter().enumerate().flat_map(move |(i, c)| {
            c.parsed.allows.iter().map(move |a| {
                let from = self.locate(
                    sources,
                    Place {
                        chapter: i,
                        offset: a.range.start,
                    },
                    0,
                );
                let end = a.range.end.saturating_sub(1).max(a.range.start);
                let to = self.locate(
                    sources,
                    Place {
                        chapter: i,
                        offset: end,
                    },
                    0,
                );
                (a, from, to)
            })
        })
    }

    /// Total words of the statement (every chapter; headings included).
    pub fn total_words(&self) -> usize {
        self.sections.iter().map(|s| s.words).sum()
    }
}

fn load_chapter(
    files: &dyn FileSource,
    sources: &mut Sources,
    book_dir: &str,
    src_dir: &str,
    summary_path: &str,
    entry: &SummaryEntry,
) -> Result<Chapter> {
    let path = join_relative(src_dir, &entry.path)
        .filter(|p| super::files::is_within(p, src_dir))
        .ok_or_else(|| {
            Error::at_line(
                summary_path,
                entry.line,
                format!(
                    "chapter `{}` is outside the book's src folder: move it into {src_dir}/",
                    entry.path
                ),
            )
        })?;
    let text = read_text(files, &path).map_err(|e| match e {
        ReadError::NotFound => Error::at_line(
            summary_path,
            entry.line,
            format!(
                "names `{}`, but {path} does not exist: create the file or fix the link",
                entry.path
            ),
        ),
        ReadError::OutsideRoot => Error::at_line(
            summary_path,
            entry.line,
            format!("`{}` is a link that leads outside the statement repository: replace it with the file itself", entry.path),
        ),
        ReadError::Other(m) if m.starts_with("is not UTF-8") => Error::file(&path, m),
        ReadError::Other(m) => Error::at_line(summary_path, entry.line, format!("cannot read {path}: {m}")),
    })?;
    let file = sources.add(SourceFile::new(path.clone(), text));
    let expanded = expand(sources, files, file, book_dir)?;
    let parsed = parse_chapter(&expanded.text);
    Ok(Chapter {
        title: entry.title.clone(),
        file,
        path,
        depth: entry.depth,
        parent: None,
        expanded,
        parsed,
        level_offset: 0,
    })
}

/// A nested chapter continues its parent's text, one level deeper than the
/// parent's first heading.
fn set_level_offsets(chapters: &mut [Chapter]) {
    for i in 0..chapters.len() {
        let Some(parent) = chapters[i].parent else {
            continue;
        };
        let parent_first =
            first_heading_level(&chapters[parent]).map_or(1, |l| l + chapters[parent].level_offset);
        if let Some(own) = first_heading_level(&chapters[i]) {
            chapters[i].level_offset = parent_first + 1 - own;
        }
    }
}

fn first_heading_level(chapter: &Chapter) -> Option<i32> {
    chapter.parsed.units.iter().find_map(|u| match u.kind {
        UnitKind::Heading { level } => Some(i32::from(level)),
        _ => None,
    })
}

/// The book's `src` folder from `book.toml` (default `src`).
fn read_src_dir(files: &dyn FileSource, book_dir: &str, sources: &mut Sources) -> Result<String> {
    let book_toml = join(book_dir, "book.toml");
    let src = match read_text(files, &book_toml) {
        Ok(text) => {
            let id = sources.add(SourceFile::new(book_toml.clone(), text));
            let source = sources.get(id);
            let at = |e: &toml::de::Error, message: String| {
                let pos = source.position(e.span().map_or(0, |s| s.start));
                Error::Config {
                    file: book_toml.clone(),
                    line: pos.line,
                    column: pos.column,
                    message,
                }
            };
            let value: toml::Table = toml::from_str(&source.text)
                .map_err(|e| at(&e, e.message().trim().replace('\n', " ")))?;
            // mdBook 0.5 refuses a `src` that is not a string and a key of
            // [book] it does not know: so does psdoc, so that a statement
            // that passes `check` also builds.
            let book: BookToml = toml::from_str(&source.text).map_err(|e| {
                let key = if value.get("book").is_some_and(|b| !b.is_table()) {
                    "`book` must be a table, written [book]"
                } else if e.message().contains("unknown field") {
                    "a key of [book] that mdBook does not know"
                } else {
                    "`book.src` must be a folder name in quotes, like src = \"src\""
                };
                at(
                    &e,
                    format!("{key} ({})", e.message().trim().replace('\n', " ")),
                )
            })?;
            match book.book.and_then(|b| b.src) {
                Some(src) => {
                    let pos = source.position(src.span().start);
                    (src.into_inner(), Some(pos))
                }
                None => ("src".to_owned(), None),
            }
        }
        Err(ReadError::NotFound) => ("src".to_owned(), None),
        Err(e) => return Err(describe(&book_toml, e)),
    };
    let (src, pos) = src;
    join_relative(book_dir, &src)
        .filter(|p| super::files::is_within(p, book_dir))
        .ok_or_else(|| {
            let message = "`book.src` must be a folder inside the book (no `..`, not absolute)";
            match pos {
                Some(pos) => Error::Config {
                    file: book_toml.clone(),
                    line: pos.line,
                    column: pos.column,
                    message: message.into(),
                },
                None => Error::file(&book_toml, message),
            }
        })
}

/// What psdoc reads of `book.toml`: `[book] src`, with its place.
#[derive(serde::Deserialize)]
struct BookToml {
    book: Option<BookTable>,
}

/// mdBook 0.5's [book] keys; only `src` matters to psdoc.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[allow(dead_code)]
struct BookTable {
    src: Option<toml::Spanned<String>>,
    title: Option<toml::Value>,
    authors: Option<toml::Value>,
    description: Option<toml::Value>,
    language: Option<toml::Value>,
    text_direction: Option<toml::Value>,
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_owned()
    } else {
        format!("{dir}/{name}")
    }
}

/// Reads a text file: UTF-8 (a BOM removed), else an error naming it.
pub fn read_text(files: &dyn FileSource, path: &str) -> Result<String, ReadError> {
    let bytes = files.read(path)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        ReadError::Other(format!(
            "is not UTF-8 text (the first bad byte is on line {line}): save it as UTF-8 (in Word: Save as > Plain text > Unicode (UTF-8))"
        ))
    })?;
    Ok(crate::position::strip_bom(text))
}

fn describe(path: &str, e: ReadError) -> Error {
    match e {
        ReadError::NotFound => Error::file(path, "not found"),
        ReadError::OutsideRoot => Error::file(
            path,
            "is a link that leads outside the statement repository: psdoc reads nothing outside it; replace the link with the file",
        ),
        ReadError::Other(m) => Error::file(path, m),
    }
}

impl Statement {
    /// Where section `index` ends (exclusive): the next section's start.
    pub fn section_end(&self, index: usize) -> Place {
        self.sections.get(index + 1).map_or(
            Place {
                chapter: usize::MAX,
                offset: 0,
            },
            |s| s.start,
        )
    }

    /// The units from `from` (inclusive) to `to` (exclusive).
    pub fn units_between(&self, from: Place, to: Place) -> impl Iterator<Item = (Place, &Unit)> {
        self.units()
            .map(|(c, u)| {
                (
                    Place {
                        chapter: c,
                        offset: u.start,
                    },
                    u,
                )
            })
            .filter(move |(p, _)| *p >= from && *p < to)
    }

    /// The list items (place, nesting depth from 1) from `from` to `to`.
    pub fn list_items_between(
        &self,
        from: Place,
        to: Place,
    ) -> impl Iterator<Item = (Place, usize)> + '_ {
        self.chapters
            .iter()
            .enumerate()
            .flat_map(|(c, ch)| {
                ch.parsed
                    .list_items
                    .iter()
                    .map(move |&(offset, depth)| (Place { chapter: c, offset }, depth))
            })
            .filter(move |(p, _)| *p >= from && *p < to)
    }

    /// The sections the guidance lists (required or optional) that the statement has,
    /// with their index in `sections`.
    pub fn guidance_sections(&self) -> impl Iterator<Item = (usize, &Section)> {
        self.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.key.is_some())
    }
}
