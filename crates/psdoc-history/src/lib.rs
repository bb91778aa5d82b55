//! Year on year: the statement as of any git revision, section-aligned
//! diffs between two versions, words per section over time, and the
//! findings a pull request brings (`check --base`).
//!
//! Every revision is read straight from git's object database ([`GitTree`]);
//! the working tree and the index are never touched. Everything shown passes
//! through the statement's [`psdoc_core::redact::Redactor`], so no output shows
//! a personal identifier in full.

pub mod changes;
pub mod diff;
mod figures;
pub mod git;
pub mod html;
pub mod markdown;
mod parallel;
mod similarity;
mod svg;
pub mod term;
pub mod timeline;
mod word_diff;

use std::path::Path;

use psdoc_core::check::Project;
use psdoc_core::error::Result;

use parallel::both;

pub use changes::{ChangeFilter, ChangedLines, FileChange, changed_lines, filter_to_changes};
pub use diff::{
    Block, BlockChange, BlockKind, MoveEnd, OtherDiff, SectionDiff, Slot, StatementDiff, Status,
    diff_projects, move_end,
};
pub use git::{GitTree, Revision, StatementRepo, WORKTREE, same_privacy};
pub use timeline::{History, HistoryRange, history};
pub use word_diff::{Op, Span};

/// GitHub's limit on a comment's length, in characters.
pub const GITHUB_COMMENT_LIMIT: usize = 65_536;

/// Compares the statement at `root` as of revision `from` with revision
/// `to`, or with the working tree when `to` is `None` (or `"WORKTREE"`).
pub fn diff_revisions(root: &Path, from: &str, to: Option<&str>) -> Result<StatementDiff> {
    // `psdoc diff v2024..v2025`, as git users type it.
    if to.is_none()
        && !from.contains("...")
        && let Some((a, b)) = from.split_once("..")
        && !a.is_empty()
    {
        return diff_revisions(root, a, Some(if b.is_empty() { "HEAD" } else { b }));
    }
    // The identifier prefilter is loaded on its own thread while the
    // repository opens (without it, the first search loads it). Measured: the
    // benchmark diff takes 0.3 ms less with this thread than without,
    // apparently because the second core is awake by the time the revisions
    // are read.
    let _ = std::thread::Builder::new().spawn(psdoc_privacy::prepare);
    let repo = StatementRepo::open(root)?;
    // The two versions are read and parsed at once on a multi-core machine.
    match to {
        Some(to) if to != WORKTREE => {
            // `psdoc diff A A`, or two names of one statement (a tag and the commit
            // it names): one tree, read and parsed once, compared with itself.
            if let Some(tree) = same_tree(&repo, from, to) {
                let revision = tree.revision()?;
                let redactor = revision.redactor()?;
                return diff_against(from, &revision, to, revision.version(&redactor));
            }
            let (after, before) = both(
                || repo.another_handle()?.revision(to),
                || repo.revision(from),
            );
            let (before, after) = (before?, after?);
            let redactor = after.redactor()?;
            diff_against(from, &before, to, after.version(&redactor))
        }
        _ => {
            let (after, before) = both(|| Project::open(root), || repo.revision(from));
            let (before, after) = (before?, after?);
            diff_against(from, &before, WORKTREE, diff::Version::of(&after))
        }
    }
}

/// The statement root's tree of `from`, when `to` has the same one (nothing to
/// compare but one version with itself). `None` on any error: the two revisions are
/// then read as usual, and report it as usual.
fn same_tree(repo: &StatementRepo, from: &str, to: &str) -> Option<GitTree> {
    let a = repo.commit(from).ok()?;
    let b = repo.commit(to).ok()?;
    if a.id != b.id && repo.root_tree(a.id).ok()? != repo.root_tree(b.id).ok()? {
        return None;
    }
    repo.tree_at(&a, from).ok()
}

/// Compares revision `before` with `after`, masking both with the newer
/// version's redactor unless the older one's privacy settings differ.
fn diff_against(
    from: &str,
    before: &git::Revision,
    to: &str,
    after: diff::Version<'_>,
) -> Result<StatementDiff> {
    let own;
    let redactor = if git::same_privacy(&before.config, after.config) {
        after.redactor
    } else {
        own = before.redactor()?;
        &own
    };
    Ok(diff::diff_versions(
        from,
        before.version(redactor),
        to,
        after,
    ))
}

/// The diff as JSON (docs/json.md#psdoc-diff---format-json), pretty-printed,
/// with a final newline.
pub fn render_json(diff: &StatementDiff) -> String {
    let mut s = serde_json::to_string_pretty(diff).expect("serialisable");
    s.push('\n');
    s
}

pub use html::render as render_html;
pub use markdown::render as render_markdown;
pub use term::render as render_term;

#[cfg(test)]
mod tests;
