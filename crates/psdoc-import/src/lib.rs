//! `psdoc import`: a position statement brought in from Word (.docx),
//! OpenDocument (.odt) or Markdown into a statement repository, split into
//! one chapter per required section at the guidance's headings, with its
//! evidence references made `[E12]` and its document log (a table in the
//! statement, or a separate file) made `evidence/log.toml`.
//!
//! Nothing existing is ever overwritten: into an existing repository the
//! chapters, `SUMMARY.md` and the log go beside what is there, under free
//! names. A password-protected, damaged or unsupported file is an
//! [`Error`] naming the file and what to do; nothing is written then.
//!
//! This library never prints and never exits: the `psdoc` binary does.

mod container;
pub mod convert;
mod docx;
pub mod error;
pub mod log_table;
mod markdown;
mod markdown_in;
pub mod model;
mod odt;
pub mod references;
mod repository;
mod runs;
mod xml;

use std::path::{Path, PathBuf};

pub use convert::LogSource;
pub use error::{Error, Result};
use repository::{Planned, free_path};

/// What to import, and where.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The statement: a .docx, .odt or .md file.
    pub file: &'a Path,
    /// The repository to write into (created when it does not exist).
    pub dir: &'a Path,
    /// The document log, when it is a separate file (.xlsx, .csv, .docx).
    pub log: Option<&'a Path>,
    /// The partnership's name, for a new repository.
    pub name: Option<&'a str>,
}

/// One chapter written.
#[derive(Debug, Clone)]
pub struct ChapterReport {
    /// Relative to the repository, `/`-separated.
    pub path: String,
    pub title: String,
    /// The required section's key, or `None` for an introduction.
    pub key: Option<String>,
    pub words: usize,
}

/// Something not converted.
#[derive(Debug, Clone)]
pub struct GapReport {
    pub what: String,
    /// The section it is in (the heading as written).
    pub section: String,
    /// The paragraph's number in the document (1-based).
    pub paragraph: usize,
    /// The paragraph's first words (raw text: mask before showing).
    pub near: String,
    pub action: String,
}

/// What an import did.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The repository written into.
    pub root: PathBuf,
    /// True when psdoc created the repository's layout.
    pub new_repository: bool,
    pub chapters: Vec<ChapterReport>,
    pub gaps: Vec<GapReport>,
    /// The log written (path, entries, where it came from).
    pub log: Option<(String, usize, LogSource)>,
    /// The SUMMARY written: `book/src/SUMMARY.md`, or a free name beside
    /// an existing one.
    pub summary: String,
    /// Files that already existed and were left as they were.
    pub kept: Vec<String>,
    /// Every file written, relative to the repository.
    pub written: Vec<String>,
    pub footnote_references: usize,
}

impl Imported {
    pub fn words(&self) -> usize {
        self.chapters.iter().map(|c| c.words).sum()
    }
}

/// Reads the statement and writes it into the repository.
pub fn import(request: Request<'_>) -> Result<Imported> {
    let source = match container::open(request.file)? {
        container::Kind::Docx(mut zip) => docx::read(&mut zip)?,
        container::Kind::Odt(mut zip) => odt::read(&mut zip)?,
        container::Kind::Markdown(text) => markdown_in::read(&text),
    };
    let root = request.dir;
    let existing = root.join(psdoc_core::config::CONFIG_FILE).is_file();
    let (prefix, book, profile) = if existing {
        let (config, _) = psdoc_core::config::load(root).map_err(|e| Error::Read {
            file: root.join(psdoc_core::config::CONFIG_FILE),
            reason: e.to_string(),
        })?;
        (
            config.evidence.prefix,
            config.statement.book.to_string_lossy().into_owned(),
            config.guidance,
        )
    } else {
        (
            "E".to_owned(),
            "book".to_owned(),
            psdoc_guidance::default_profile(),
        )
    };
    let log_file = request
        .log
        .map(|path| log_table::read_file(path, &prefix, profile))
        .transpose()?;
    let title = source.title.clone();
    let converted = convert::convert(source, &prefix, profile, log_file);

    let src = format!("{}/src", book.trim_end_matches('/'));
    let mut plan: Vec<Planned> = Vec::new();
    let mut kept = Vec::new();
    let taken = |plan: &Vec<Planned>| plan.iter().map(|p| p.path.clone()).collect::<Vec<_>>();
    if !existing {
        let name = request
            .name
            .map(str::to_owned)
            .or_else(|| title.as_deref().and_then(partnership_from_title))
            .unwrap_or_else(|| folder_name(root));
        for file in
            psdoc_core::scaffold::files(&name, profile, psdoc_core::scaffold::Chosen::Default)
        {
            if file.path.starts_with("book/src/")
                || (file.path == "evidence/log.toml" && !converted.log.is_empty())
            {
                continue;
            }
            if root.join(&file.path).exists() {
                kept.push(file.path);
                continue;
            }
            plan.push(Planned {
                path: file.path,
                contents: file.contents,
            });
        }
    }
    let mut chapters = Vec::new();
    for chapter in &converted.chapters {
        let path = free_path(root, &src, &chapter.stem, "md", &taken(&plan));
        chapters.push(ChapterReport {
            path: path.clone(),
            title: chapter.title.clone(),
            key: chapter.key.clone(),
            words: chapter.words,
        });
        plan.push(Planned {
            path,
            contents: chapter.markdown.clone(),
        });
    }
    let summary = free_path(root, &src, "SUMMARY", "md", &taken(&plan));
    plan.push(Planned {
        path: summary.clone(),
        contents: summary_md(&chapters, &src),
    });
    let log = if converted.log.is_empty() {
        None
    } else {
        let path = free_path(root, "evidence", "log", "toml", &taken(&plan));
        let from = request
            .log
            .and_then(|p| p.file_name())
            .or_else(|| request.file.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        plan.push(Planned {
            path: path.clone(),
            contents: log_table::to_toml(&converted.log, &from),
        });
        Some((path, converted.log.len(), converted.log_source.clone()))
    };
    if !root.exists() {
        std::fs::create_dir_all(root).map_err(|e| Error::Write {
            file: root.to_path_buf(),
            reason: e.to_string(),
        })?;
    }
    repository::write(root, &plan)?;
    Ok(Imported {
        root: root.to_path_buf(),
        new_repository: !existing,
        chapters,
        gaps: converted
            .gaps
            .into_iter()
            .map(|(g, section)| GapReport {
                what: g.what,
                section,
                paragraph: g.paragraph,
                near: g.near,
                action: g.action,
            })
            .collect(),
        log,
        summary,
        kept,
        written: plan.into_iter().map(|p| p.path).collect(),
        footnote_references: converted.footnote_references,
    })
}

/// `SUMMARY.md`: the introduction unnumbered, then each chapter.
fn summary_md(chapters: &[ChapterReport], src: &str) -> String {
    let mut out = String::from("# Summary\n\n");
    let link = |c: &ChapterReport| {
        let file = c.path.strip_prefix(&format!("{src}/")).unwrap_or(&c.path);
        let title = c.title.replace('[', "\\[").replace(']', "\\]");
        format!("[{title}]({file})")
    };
    let mut listed = false;
    for c in chapters {
        if c.key.is_none() && !listed {
            out.push_str(&link(c));
            out.push_str("\n\n");
        } else {
            out.push_str(&format!("- {}\n", link(c)));
            listed = true;
        }
    }
    out
}

/// "Loch Ard Community Planning Partnership: position statement" (or
/// "... Position Statement 2026") gives the partnership's name.
fn partnership_from_title(title: &str) -> Option<String> {
    let lower = title.to_lowercase();
    let cut = lower.find("position statement")?;
    let name = title[..cut]
        .trim()
        .trim_end_matches([':', '-', '\u{2013}', '\u{2014}', ','])
        .trim();
    (!name.is_empty()).then(|| name.to_owned())
}

fn folder_name(root: &Path) -> String {
    std::path::absolute(root)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .map(|n| {
            n.split(['-', '_'])
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Community Planning Partnership".into())
}
