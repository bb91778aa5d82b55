//! Statements held in memory, for tests: a configuration, chapters and a
//! document log become a [`Project`] without touching the disk, and one rule
//! can run on it alone. Compiled for this crate's own tests and, with the
//! `testing` feature, for other crates' tests (`psdoc-history`'s).

use crate::check::Project;
use crate::config::{self, CONFIG_FILE};
use crate::diagnostic::{Diagnostic, Finding};
use crate::model::MemoryFiles;
use crate::rules;

/// The smallest valid `partnership.toml`, with a fixed submission date.
pub const CONFIG: &str = "[partnership]\nname = \"Test Partnership\"\nsubmission = 2026-03-20\n";

/// A log of two current public documents, numbers 1 and 2.
pub const LOG: &str = "[[document]]\nid = 1\ntitle = \"A\"\nurl = \"https://example.org/a\"\ndate = 2025-12-01\n\n[[document]]\nid = 2\ntitle = \"B\"\nurl = \"https://example.org/b\"\ndate = 2025-12-01\n";

/// A short statement under the default guidance's eight headings, in its
/// order, that no section rule finds anything in: each section cites [E1],
/// three key achievements, and the improvement section comments on the
/// capacity for improvement. [`TestStatement::complete`] starts from it.
pub const CHAPTERS: [(&str, &str); 8] = [
    (
        "context.md",
        "# Context of children's services\n\nLoch Ard has around 17,500 children. The child protection committee reports to the Chief Officers' Group.\n",
    ),
    (
        "covid.md",
        "# Response to Covid-19\n\nDuring the pandemic partners kept face-to-face visits for children on the register [E1].\n",
    ),
    (
        "data.md",
        "# What your data is telling you\n\nRe-registrations fell over two years [E1]. We are guided by QI 1.1 and QI 6.4.\n",
    ),
    (
        "involvement.md",
        "# Children and young people's involvement and feedback\n\nChildren attend their own planning meetings more often [E1].\n",
    ),
    (
        "qa.md",
        "# Quality assurance and evaluative activity\n\nA multi-agency audit of referral discussions found good practice [E1].\n",
    ),
    (
        "leadership.md",
        "# Collaborative strategic and operational leadership\n\nChief officers meet quarterly and scrutinise the data set [E1].\n",
    ),
    (
        "achievements.md",
        "# Key achievements\n\n## Bairns' Hoose\n\nChildren give evidence once [E1].\n\n## Safe and Together\n\nWorkers keep children with the protective parent.\n\n## Youth forum\n\nYoung people helped write the plan.\n",
    ),
    (
        "improvement.md",
        "# Areas for improvement\n\nWe will improve chronologies. Our capacity for improvement is good, informed by QI 10 [E1].\n",
    ),
];

/// A guidance profile of the partnership's own, for the rules that follow
/// the profile in force: four sections of its own (the context excused from
/// citing evidence, a budget of 50 words for the outcomes, a variant
/// heading), exactly two highlights as its achievements, "ready to improve"
/// or QI 11 as its capacity for improvement, and a framework of four
/// indicators. [`TestStatement::profile`] puts a profile in force.
pub const OWN_PROFILE: &str = r#"[profile]
name = "supervision-orders-2025"
word_limit = 1000

[[section]]
key = "context"
heading = "Our context"
cites_evidence = false

[[section]]
key = "outcomes"
heading = "Outcomes for children on supervision orders"
variants = ["What the orders change"]
budget = 50

[[section]]
key = "highlights"
heading = "Highlights"

[[section]]
key = "next-steps"
heading = "Next steps"

[achievements]
section = "highlights"
min = 2
max = 2

[capacity]
section = "next-steps"
phrases = ["ready to improve"]
indicators = ["11.1"]

[framework]
name = "A framework of four indicators"
indicators = [
  { number = "2.1", title = "Impact on children and young people" },
  { number = "5.3", title = "Care planning, managing risk and effective intervention" },
  { number = "9.2", title = "Leadership of strategy and direction" },
  { number = "11.1", title = "Permanence for children" },
]

[[core_document]]
item = 1
title = "Children's services plan"
"#;

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

    /// The statement of [`CHAPTERS`], with the default configuration and log:
    /// change one chapter to see what a rule makes of it.
    pub fn complete() -> Self {
        CHAPTERS
            .iter()
            .fold(Self::new(), |st, (file, text)| st.chapter(file, text))
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

    /// `data.md` as the data section, headed as the guidance words it, with
    /// `text` as its body.
    pub fn data_section(self, text: &str) -> Self {
        self.chapter(
            "data.md",
            &format!("# What your data is telling you\n\n{text}\n"),
        )
    }

    /// A chapter `book/src/FILE`, listed next in `SUMMARY.md`; a chapter
    /// already listed keeps its place and takes the new text.
    pub fn chapter(mut self, file: &str, markdown: &str) -> Self {
        match self.chapters.iter_mut().find(|(f, _)| f == file) {
            Some((_, text)) => *text = markdown.into(),
            None => self.chapters.push((file.into(), markdown.into())),
        }
        self
    }

    /// Leaves the chapter `book/src/FILE` out of the book.
    pub fn without(mut self, file: &str) -> Self {
        self.chapters.retain(|(f, _)| f != file);
        self
    }

    /// Puts a profile of the partnership's own in force: `guidance.toml`,
    /// named by `[guidance] file` in `partnership.toml`.
    pub fn profile(self, toml: &str) -> Self {
        self.file("guidance.toml", toml)
            .with_config("[guidance]\nfile = \"guidance.toml\"\n")
    }

    /// Replaces `evidence/log.toml`.
    pub fn log(mut self, toml: &str) -> Self {
        self.log = toml.into();
        self
    }

    /// A log of two documents: number 1 public, number 2 titled `title` and
    /// held as `file` (its `file` key on line 10 of the log). `file` is a TOML
    /// literal string, so backslashes are as written.
    pub fn log_with_file(self, title: &str, file: &str) -> Self {
        self.log(&format!(
            "[[document]]\nid = 1\ntitle = \"A\"\nurl = \"https://example.org/a\"\ndate = 2025-12-01\n\n\
             [[document]]\nid = 2\ntitle = \"{title}\"\nfile = '{file}'\ndate = 2025-12-01\n"
        ))
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

    /// The one finding of rule `name`; panics, listing them, when it finds
    /// none or more than one.
    pub fn finding(&self, name: &str) -> Finding {
        let mut found = self.findings(name);
        assert_eq!(found.len(), 1, "{name} found {found:#?}");
        found.remove(0)
    }
}

/// Where a finding is: its file and line.
pub fn at(finding: &Finding) -> (&str, usize) {
    (&finding.location.file, finding.location.line)
}

/// A finding as a report holds it: an error of `rule` at `file:line:column` saying
/// `message`, with nothing else set (a test sets what it needs).
pub fn diagnostic(
    rule: &'static str,
    file: &str,
    line: usize,
    column: usize,
    message: &str,
) -> Diagnostic {
    Diagnostic {
        rule,
        severity: crate::rules::Severity::Error,
        kind: None,
        masked: None,
        message: message.to_owned(),
        file: file.to_owned(),
        line,
        column,
        section: None,
        help: None,
        page: None,
        sheet: None,
        cell: None,
        place: None,
        length: 0,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The starting point of the rules' tests is clean, so that a test's
    /// one change is what a rule finds.
    #[test]
    fn the_complete_statement_is_clean() {
        let st = TestStatement::complete();
        for rule in rules::RULES {
            // The log holds no core document and does not cite E2.
            if ["missing-core-document", "unreferenced-evidence"].contains(&rule.name) {
                continue;
            }
            assert!(st.findings(rule.name).is_empty(), "{}", rule.name);
        }
    }

    #[test]
    fn the_own_profile_is_in_force() {
        let project = TestStatement::new().profile(OWN_PROFILE).project();
        assert_eq!(project.config.guidance.name, "supervision-orders-2025");
        assert_eq!(project.config.statement.word_limit, 1000);
    }
}
