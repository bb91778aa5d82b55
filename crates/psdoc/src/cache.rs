//! Where `psdoc check` keeps its evidence cache (see `docs/cache.md`).
//!
//! - `PSDOC_NO_CACHE` set (to anything but an empty string): no cache, every
//!   evidence file is read;
//! - `PSDOC_CACHE_DIR`: that folder;
//! - else `psdoc/evidence-cache` in the git folder of the repository holding the
//!   statement (`.git`, or the folder a linked worktree's `.git` file names): git never
//!   tracks what is there, and it goes with the clone;
//! - else (a statement outside git) no cache.

use std::path::{Path, PathBuf};

use psdoc_core::scan::cache::EvidenceCache;

pub fn evidence_cache(root: &Path) -> Option<EvidenceCache> {
    if std::env::var_os("PSDOC_NO_CACHE").is_some_and(|v| !v.is_empty()) {
        return None;
    }
    let dir = match std::env::var_os("PSDOC_CACHE_DIR").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => git_dir(root)?.join("psdoc").join("evidence-cache"),
    };
    Some(EvidenceCache::new(dir, build()))
}

/// This build of psdoc: its version, and the size and time of its executable, so
/// that a rebuilt psdoc (whose detectors may differ) never reads an older one's entries.
fn build() -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let time = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{} {}", m.len(), time)
        })
        .unwrap_or_default();
    format!("{} {exe}", env!("CARGO_PKG_VERSION"))
}

/// The git folder of the repository holding `root`: the nearest `.git` folder, or
/// the folder a `.git` file names (`gitdir: ...`, a linked worktree or a submodule).
fn git_dir(root: &Path) -> Option<PathBuf> {
    let dot_git = root
        .ancestors()
        .map(|a| a.join(".git"))
        .find(|g| g.exists())?;
    if dot_git.is_dir() {
        return Some(dot_git);
    }
    let text = std::fs::read_to_string(&dot_git).ok()?;
    let named = PathBuf::from(text.strip_prefix("gitdir:")?.trim());
    let dir = dot_git.parent()?.join(named);
    dir.is_dir().then_some(dir)
}
