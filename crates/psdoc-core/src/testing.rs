//! Statements held in memory, for tests: a configuration, chapters and a
//! document log become a [`Project`] without touching the disk, and one rule
//! can run on it alone. Compiled for this crate's own tests and, with the
//! `testing` feature, for other crates' tests (`psdoc-history`'s).

use crate::check::Project;
use crate::config::{self, CONFIG_FILE};
use crate::diagnostic::Finding;
use crate::model::MemoryFiles;
use crate::rules;

/// The smallest valid `partnership.toml`, with a fixed submission date.
pub const CONFIG: &str = "[partnership]\nname = \"Test Partnership\"\nsubmission = 2026-03-20\n";

/// A log of two current public documents, numbers 1 and 2.
pub const LOG: &str = "[[document]]\nid = 1\ntitle = \"A\"\nurl = \"https://example.org/a\"\ndate = 2025-12-01\n\n[[document]]\nid = 2\ntitle = \"B\"\nurl = \"https://example.org/b\"\ndate = 2025-12-01\n";

/// A statement repository in memory, built up chapter by chapter.
#[derive(Debug, Clone)]
pub struct TestStatement {
    config: String,
    chapters: Vec<(String, String)>,
    log: String,
    files: MemoryFiles,
}

impl Default for TestStatement {
    fn default() -> Self {
        Self {
            config: CONFIG.into(),
            chapters: Vec::new(),
            log: LOG.into(),
            files: MemoryFiles::default(),
        }
    }
}

impl TestStatement {
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces `partnership.toml`.
    pub fn config(mut self, toml: &str) -> Self {
        self.config = toml.into();
        self
    }

    /// Appends text to `partnership.toml` (a table of settings).
    pub fn with_config(mut self, toml: &str) -> Self {
        self.config.push('\n');
        self.config.push_str(toml);
        self
    }

    /// A chapter `book/src/FILE`, listed next in `SUMMARY.md`.
    pub fn chapter(mut self, file: &str, markdown: &str) -> Self {
        self.chapters.push((file.into(), markdown.into()));
        self
    }

    /// Replaces `evidence/log.toml`.
    pub fn log(mut self, toml: &str) -> Self {
        self.log = toml.into();
        self
    }

    /// Any other file, by its root-relative path.
    pub fn file(mut self, path: &str, bytes: impl Into<Vec<u8>>) -> Self {
        self.files.insert(path, bytes);
        self
    }

    /// The files as a repository would hold them.
    pub fn files(&self) -> MemoryFiles {
        let mut files = self.files.clone();
        let mut summary = String::from("# Summary\n\n");
        for (file, text) in &self.chapters {
            summary.push_str(&format!("- [{file}]({file})\n"));
            files.insert(format!("book/src/{file}"), text.as_bytes());
        }
        files.insert("book/src/SUMMARY.md", summary);
        files.insert("evidence/log.toml", self.log.as_bytes());
        files.insert(CONFIG_FILE, self.config.as_bytes());
        files
    }

    /// The loaded project; panics with the error when it does not load.
    pub fn project(&self) -> Project {
        self.try_project().unwrap_or_else(|e| panic!("{e}"))
    }

    /// The loaded project, or why it does not load.
    pub fn try_project(&self) -> crate::Result<Project> {
        let config = config::parse(&self.config)?;
        Project::from_files(config, self.config.clone(), &self.files())
    }

    /// What rule `name` alone finds (before severities and allow comments).
    pub fn findings(&self, name: &str) -> Vec<Finding> {
        rule_findings(&self.project(), name)
    }
}

/// What rule `name` alone finds in `project`.
pub fn rule_findings(project: &Project, name: &str) -> Vec<Finding> {
    let rule = rules::find(name).unwrap_or_else(|| panic!("no rule {name}"));
    let privacy = project.scan_privacy(None);
    let cx = project.context(&privacy);
    let mut out = Vec::new();
    (rule.check)(&cx, &mut out);
    out
}
