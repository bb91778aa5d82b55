//! `psdoc check --base REV`: keep only the findings a change brings. A
//! pull request is judged on what it touches, not on what was already there.
//!
//! Kept (docs/commands.md#psdoc-check): findings on lines added or changed
//! since the merge base of REV and HEAD (the working tree and index included, like
//! reviewdog's `added` mode); findings about a section (those at its
//! heading) whose text changed; and statement-wide findings, at line 1 of
//! `SUMMARY.md` or of the document log. A change to `partnership.toml`'s
//! settings can change any finding, so it keeps them all.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use git2::{DiffFindOptions, DiffOptions};

use super::diff::{Status, Version, diff_versions};
use super::git::{StatementRepo, other};
use psdoc_core::check::Project;
use psdoc_core::config::CONFIG_FILE;
use psdoc_core::diagnostic::Diagnostic;
use psdoc_core::error::Result;
use psdoc_core::heading::SectionKey;
use psdoc_core::model::Sources;
use psdoc_core::text::short_commit;

/// What changed in each file since the merge base, by root-relative path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangedLines {
    pub files: BTreeMap<String, FileChange>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChange {
    /// Lines (1-based) added or changed.
    Lines(BTreeSet<usize>),
    /// Changed in a way that has no lines (a binary file: a PDF, a
    /// spreadsheet): every finding in it is new.
    Whole,
}

impl ChangedLines {
    /// Whether a finding at `file:line` sits on a changed line.
    pub fn touches(&self, file: &str, line: usize) -> bool {
        match self.files.get(file) {
            Some(FileChange::Whole) => true,
            Some(FileChange::Lines(lines)) => lines.contains(&line),
            None => false,
        }
    }
}

/// The lines added or changed in the statement root since the merge base
/// of `base` and HEAD, the working tree and index included.
pub fn changed_lines(root: &Path, base: &str) -> Result<ChangedLines> {
    let repo = StatementRepo::open(root)?;
    let merge_base = repo.merge_base_with_head(base)?;
    lines_since(&repo, merge_base.id)
}

fn lines_since(repo: &StatementRepo, commit: git2::Oid) -> Result<ChangedLines> {
    let prefix = repo.prefix().to_owned();
    repo.with(|git| {
        let fail = |e: git2::Error| {
            other(format!(
                "cannot compare with the merge base: {}",
                e.message()
            ))
        };
        let tree = git
            .find_commit(commit)
            .and_then(|c| c.tree())
            .map_err(fail)?;
        let mut opts = DiffOptions::new();
        opts.context_lines(0)
            .include_untracked(true)
            .recurse_untracked_dirs(true)
            .show_untracked_content(true);
        if !prefix.is_empty() {
            opts.pathspec(prefix.clone());
        }
        let mut diff = git
            .diff_tree_to_workdir_with_index(Some(&tree), Some(&mut opts))
            .map_err(fail)?;
        // A chapter moved to another file keeps its old lines' findings out.
        diff.find_similar(Some(
            DiffFindOptions::new().renames(true).for_untracked(true),
        ))
        .map_err(fail)?;
        let relative = |p: Option<&Path>| -> Option<String> {
            let p = psdoc_core::model::files::to_relative(p?);
            if prefix.is_empty() {
                Some(p)
            } else {
                p.strip_prefix(&format!("{prefix}/")).map(str::to_owned)
            }
        };
        let files: RefCell<BTreeMap<String, Option<BTreeSet<usize>>>> =
            RefCell::new(BTreeMap::new());
        diff.foreach(
            &mut |delta, _| {
                if let Some(path) = relative(delta.new_file().path())
                    && delta.status() != git2::Delta::Deleted
                {
                    files.borrow_mut().entry(path).or_insert(None);
                }
                true
            },
            None,
            Some(&mut |delta, hunk| {
                if let Some(path) = relative(delta.new_file().path()) {
                    let mut files = files.borrow_mut();
                    let lines = files
                        .entry(path)
                        .or_insert(None)
                        .get_or_insert_with(BTreeSet::new);
                    let start = hunk.new_start() as usize;
                    lines.extend(start..start + hunk.new_lines() as usize);
                }
                true
            }),
            None,
        )
        .map_err(fail)?;
        let files = files
            .into_inner()
            .into_iter()
            .map(|(path, lines)| {
                let change = match lines {
                    Some(lines) => FileChange::Lines(lines),
                    None => FileChange::Whole,
                };
                (path, change)
            })
            .collect();
        Ok(ChangedLines { files })
    })
}

/// Which findings a change brings: built once from the working tree's
/// statement, then asked about each finding.
#[derive(Debug, Clone)]
pub struct ChangeFilter {
    /// Settings changed: every finding may be new.
    keep_all: bool,
    changed: ChangedLines,
    /// (section, file, line) of the heading of each section whose text
    /// changed.
    headings: BTreeSet<(SectionKey, String, usize)>,
    /// `SUMMARY.md` and the document log: their line 1 holds the
    /// statement-wide findings.
    statement_wide: [String; 2],
}

impl ChangeFilter {
    /// Compares `project` (the working tree's statement at `root`) with the
    /// merge base of `base` and HEAD.
    pub fn new(root: &Path, base: &str, project: &Project) -> Result<ChangeFilter> {
        let repo = StatementRepo::open(root)?;
        let merge_base = repo.merge_base_with_head(base)?;
        let changed = lines_since(&repo, merge_base.id)?;

        // The statement as of the merge base; none (a statement new in this
        // change, or one that did not load then) means every section is new.
        let label = format!(
            "{base} (merge base {})",
            short_commit(&merge_base.id.to_string())
        );
        let before = repo
            .tree_at(&merge_base, &label)
            .and_then(|t| t.revision())
            .ok();
        let keep_all = before
            .as_ref()
            .is_some_and(|b| config_changed(&b.sources, &project.sources));
        let changed_sections: BTreeSet<SectionKey> = match &before {
            // Only the sections' statuses are used: no text is shown.
            Some(before) => diff_versions(
                base,
                before.version(&project.redactor),
                super::git::WORKTREE,
                Version::of(project),
            )
            .sections
            .iter()
            .filter(|s| s.status != Status::Unchanged && s.status != Status::Removed)
            .map(|s| s.key)
            .collect(),
            None => project
                .config
                .guidance
                .sections
                .iter()
                .map(|s| s.key)
                .collect(),
        };
        let headings = project
            .statement
            .sections
            .iter()
            .filter_map(|s| {
                let key = s.key.filter(|k| changed_sections.contains(k))?;
                Some((key, s.location.file.clone(), s.location.line))
            })
            .collect();
        Ok(ChangeFilter {
            keep_all,
            changed,
            headings,
            statement_wide: [
                project.statement.summary_path.clone(),
                project.log.path.clone(),
            ],
        })
    }

    /// Whether `d` is one the change brings (or may have brought).
    pub fn keeps(&self, d: &Diagnostic) -> bool {
        self.keep_all
            || self.changed.touches(&d.file, d.line)
            || (d.line == 1 && self.statement_wide.contains(&d.file))
            || d.section
                .is_some_and(|k| self.headings.contains(&(k, d.file.clone(), d.line)))
    }

    /// The lines changed since the merge base.
    pub fn changed_lines(&self) -> &ChangedLines {
        &self.changed
    }
}

/// Keeps the findings that the changes since the merge base of `base` and
/// HEAD bring (see the module's documentation). `project` is the working
/// tree's statement, which `diagnostics` were found in.
pub fn filter_to_changes(
    root: &Path,
    base: &str,
    diagnostics: Vec<Diagnostic>,
    project: &Project,
) -> Result<Vec<Diagnostic>> {
    let filter = ChangeFilter::new(root, base, project)?;
    Ok(diagnostics
        .into_iter()
        .filter(|d| filter.keeps(d))
        .collect())
}

/// Whether the settings in `partnership.toml` differ (comments and layout
/// aside).
fn config_changed(before: &Sources, after: &Sources) -> bool {
    let parse = |s: &Sources| {
        s.find(CONFIG_FILE)
            .and_then(|f| f.text.parse::<toml::Table>().ok())
    };
    parse(before) != parse(after)
}
