//! The one harness of the binary tests, `tests/e2e` and `tests/robustness`
//! (each includes this folder as its `support` module): statement
//! repositories written into a temporary folder and committed with git2
//! ([`repo`]), the real `psdoc` binary run on them ([`run`]), run under watch
//! with a hang limit, a memory bound and a canary outside the root
//! ([`watched`], [`outside`]), folders read back ([`files`]), and small
//! office files and PDFs ([`office`], [`pdf`]).

pub mod files;
pub mod office;
#[cfg(unix)]
pub mod outside;
pub mod pdf;
pub mod repo;
pub mod run;
#[cfg(unix)]
pub mod watched;

use std::path::{Path, PathBuf};

pub use files::*;
pub use office::*;
pub use repo::*;
pub use run::*;

/// The rules about the statement's sections and their words.
pub const SECTION_RULES: [&str; 8] = [
    "word-limit",
    "section-budget",
    "missing-section",
    "duplicate-section",
    "empty-section",
    "section-order",
    "achievement-count",
    "capacity-for-improvement",
];

/// The project root (for the example statement and the reference in `docs/`).
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
