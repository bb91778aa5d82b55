//! The result of `psdoc check`: findings and the figures every format shows.

use std::path::Path;

use crate::check::Project;
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::model::Sources;
use crate::redact::Redactor;
use crate::scan::allow::SuppressedDiagnostic;

/// The longest source line shown with a finding (a paragraph Word saved as
/// one line is far shorter; a generated line of megabytes is not shown).
pub const MAX_SNIPPET_BYTES: usize = 16 * 1024;

/// Findings, sorted, with what the reporters need to show them.
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// Findings a `[[privacy.allow]]` entry suppressed, with its reason: not counted,
    /// shown by `--format json`.
    pub suppressed: Vec<SuppressedDiagnostic>,
    pub words: usize,
    pub word_limit: u32,
    /// Focus quality indicators and the sections that refer to them.
    pub qi_coverage: Vec<(String, Vec<String>)>,
    pub sources: Sources,
    /// Masks identifiers in every line of source shown.
    pub redactor: Redactor,
    /// The guidance profile the statement was checked against.
    pub guidance: &'static psdoc_guidance::Profile,
    /// Source files masked whole, by path, as lines: a line alone would lose what
    /// masks it (a table row's number is a CHI number because of its header).
    pub masked: MaskedSources,
}

/// Source files masked whole, each once, as lines.
#[derive(Default)]
pub struct MaskedSources(
    std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<Vec<String>>>>,
);

impl Report {
    /// Checks the statement repository at `root`.
    pub fn check(root: &Path) -> Result<Self> {
        let project = Project::open(root)?;
        Ok(Self::of(project))
    }

    pub fn of(project: Project) -> Self {
        let (diagnostics, suppressed) = project.check_all(None);
        let mut report = Self::with_diagnostics(project, diagnostics);
        report.suppressed = suppressed;
        report
    }

    /// A report of `diagnostics` found in `project` (e.g. by `psdoc scan`).
    pub fn with_diagnostics(project: Project, diagnostics: Vec<Diagnostic>) -> Self {
        Report {
            diagnostics,
            suppressed: Vec::new(),
            words: project.statement.total_words(),
            word_limit: project.config.statement.word_limit,
            qi_coverage: project.qi_coverage(),
            guidance: project.config.guidance,
            sources: project.sources,
            redactor: project.redactor,
            masked: MaskedSources::default(),
        }
    }

    /// A report with no statement (`psdoc scan PATH` outside a repository).
    pub fn without_statement(diagnostics: Vec<Diagnostic>, redactor: Redactor) -> Self {
        Report {
            diagnostics,
            suppressed: Vec::new(),
            words: 0,
            word_limit: 0,
            qi_coverage: Vec::new(),
            sources: Sources::default(),
            redactor,
            guidance: psdoc_guidance::default_profile(),
            masked: MaskedSources::default(),
        }
    }

    /// The text of line `line` of `file`, for a snippet, with personal
    /// identifiers masked (masking keeps the number of characters, so
    /// columns still point at the right place). The file is masked whole, once.
    /// A line longer than [`MAX_SNIPPET_BYTES`] is not shown: masking and
    /// showing it once per finding on it would take hours.
    pub fn snippet_line(&self, file: &str, line: usize) -> Option<String> {
        let source = self.sources.find(file)?;
        let range = source.lines.line_range(&source.text, line)?;
        if range.len() > MAX_SNIPPET_BYTES {
            return None;
        }
        let lines = {
            let mut cache = self.masked.0.lock().unwrap_or_else(|p| p.into_inner());
            std::sync::Arc::clone(cache.entry(file.to_owned()).or_insert_with(|| {
                let masked = self.redactor.redact(&source.text);
                std::sync::Arc::new(
                    masked
                        .split('\n')
                        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_owned())
                        .collect(),
                )
            }))
        };
        lines.get(line.checked_sub(1)?).cloned()
    }
}
