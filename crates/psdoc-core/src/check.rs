//! Running the rules over a statement and collecting their findings.

use std::path::{Path, PathBuf};

use crate::config::{self, CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Finding};
use crate::error::{Error, Result};
use crate::model::{FileSource, Sources, Statement, WorkTree};
use crate::rules::{RULES, Rule, Severity};

/// The statement root: the nearest folder at or above `start` holding
/// `partnership.toml`, as cargo finds `Cargo.toml`.
pub fn find_root(start: &Path) -> Result<PathBuf> {
    let start = start
        .canonicalize()
        .map_err(|e| Error::file(start.display().to_string(), format!("cannot open it: {e}")))?;
    start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or(Error::NoStatement { dir: start })
}

/// Everything a rule may look at.
pub struct Context<'a> {
    pub config: &'a Config,
    pub statement: &'a Statement,
    pub sources: &'a Sources,
}

/// A loaded statement repository (one version of it).
pub struct Project {
    pub config: Config,
    pub sources: Sources,
    pub statement: Statement,
}

impl Project {
    /// Loads the working tree at `root`.
    pub fn open(root: &Path) -> Result<Self> {
        let (config, text) = config::load(root)?;
        let files = WorkTree::new(root)
            .map_err(|e| Error::file(root.display().to_string(), e.to_string()))?;
        Self::from_files(config, text, &files)
    }

    /// Loads a statement from any file source (the working tree, a git
    /// revision) with its configuration already parsed.
    pub fn from_files(config: Config, config_text: String, files: &dyn FileSource) -> Result<Self> {
        let mut sources = Sources::default();
        sources.add(crate::model::SourceFile::new(CONFIG_FILE, config_text));
        let statement = Statement::load(&config, files, &mut sources)?;
        Ok(Project {
            config,
            sources,
            statement,
        })
    }

    fn context(&self) -> Context<'_> {
        Context {
            config: &self.config,
            statement: &self.statement,
            sources: &self.sources,
        }
    }

    /// Runs every rule; findings are sorted and have their final severity.
    pub fn check(&self) -> Vec<Diagnostic> {
        let cx = self.context();
        let allows = Allows::collect(&self.statement, &self.sources);
        let mut out = Vec::new();
        for rule in RULES {
            let Some(severity) = severity_of(&self.config, rule) else {
                continue;
            };
            let mut findings = Vec::new();
            (rule.check)(&cx, &mut findings);
            out.extend(
                findings
                    .into_iter()
                    .filter(|f| !allows.covers(rule.name, f))
                    .map(|f| into_diagnostic(rule, severity, f)),
            );
        }
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out.dedup();
        out
    }
}

/// The severity `[rules]` gives a rule, or `None` when it is off.
pub fn severity_of(config: &Config, rule: &Rule) -> Option<Severity> {
    match config.rules.get(rule.name) {
        Some(level) => *level,
        None => Some(rule.default_severity),
    }
}

fn into_diagnostic(rule: &Rule, severity: Severity, f: Finding) -> Diagnostic {
    Diagnostic {
        rule: rule.name,
        severity,
        kind: f.kind,
        masked: f.masked,
        message: f.message,
        file: f.location.file,
        line: f.location.line,
        column: f.location.column,
        section: f.section,
        help: f.help,
        page: f.page,
        sheet: f.sheet,
        cell: f.cell,
        length: f.location.length,
    }
}

/// The `<!-- psdoc-allow RULE -->` comments, by file and line range.
struct Allows {
    entries: Vec<(String, Option<String>, String, usize, usize)>,
}

impl Allows {
    fn collect(statement: &Statement, sources: &Sources) -> Self {
        let entries = statement
            .allows(sources)
            .map(|(a, from, to)| (a.rule.clone(), a.kind.clone(), from.file, from.line, to.line))
            .collect();
        Allows { entries }
    }

    fn covers(&self, rule: &str, f: &Finding) -> bool {
        self.entries.iter().any(|(r, kind, file, from, to)| {
            r == rule
                && *file == f.location.file
                && (*from..=*to).contains(&f.location.line)
                && kind.as_ref().is_none_or(|k| f.kind.as_ref() == Some(k))
        })
    }
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
}

impl Tally {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        Tally {
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}
