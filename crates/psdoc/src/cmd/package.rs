//! `psdoc package -o FILE.zip`: refuses while an error stands.

use anyhow::{Context, Result};
use psdoc_core::model::WorkTree;
use psdoc_core::model::evidence::EvidenceFile;
use psdoc_core::{Diagnostic, Project, Report, Severity, Tally};
use psdoc_export::package;

use super::{Outcome, statement_root};
use crate::cli::{Global, PackageArgs};
use crate::output::print;

pub fn run(global: &Global, args: &PackageArgs) -> Result<Outcome> {
    let root = statement_root(global)?;
    let project = Project::open(&root)?;
    let files = WorkTree::new(&root).with_context(|| format!("cannot open {}", root.display()))?;
    let options = psdoc_export::Options {
        page_per_section: super::export::book_settings(&root, &project)?.page_per_section,
        typesetter: crate::typesetter::typeset,
    };
    let evidence = project
        .evidence_files
        .iter()
        .filter(|(_, s)| matches!(s, EvidenceFile::Present(_)))
        .count();
    let diagnostics = project.check();
    let tally = Tally::of(&diagnostics);
    if tally.errors > 0 {
        let report = Report::with_diagnostics(project, diagnostics);
        let mut text = super::findings_above(&report);
        text.push_str(&format!(
            "psdoc: package refused: {} error(s) stand; fix them and run `psdoc package` again\n",
            tally.errors
        ));
        print(&text)?;
        return Ok(Outcome::Failed);
    }
    // Only a statement with no error stands to be packaged: built after
    // the check, so a refused package costs no typesetting.
    let bundle = package::build(&project, &files, options)?;
    if let Some(parent) = args.output.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(&args.output, &bundle)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    if !global.quiet {
        let log_formats = if psdoc_export::log_pdf::fits(&project) {
            "PDF, XLSX and CSV"
        } else {
            "XLSX and CSV: too long for a PDF"
        };
        let mut text = format!(
            "psdoc: wrote {} ({} bytes): statement (PDF and Word), document log ({log_formats}), {} evidence file(s) and manifest.json\n",
            args.output.display(),
            bundle.len(),
            evidence
        );
        text.push_str(&warnings_that_travel(
            &project,
            &diagnostics,
            tally.warnings,
        ));
        print(&text)?;
    }
    Ok(Outcome::Passed)
}

/// What still stands in what is sent: the number of warnings, and each
/// warning about a file the package carries (an evidence file, the log).
fn warnings_that_travel(project: &Project, diagnostics: &[Diagnostic], warnings: usize) -> String {
    if warnings == 0 {
        return String::new();
    }
    let mut sent: Vec<&str> = project
        .evidence_files
        .iter()
        .filter_map(|(_, s)| match s {
            EvidenceFile::Present(path) => Some(path.as_str()),
            _ => None,
        })
        .collect();
    sent.push(project.log.path.as_str());
    let mut out = format!(
        "{warnings} warning(s) stand (`psdoc check` lists them){}\n",
        if diagnostics
            .iter()
            .any(|d| d.severity == Severity::Warning && sent.contains(&d.file.as_str()))
        {
            "; about files in the package:"
        } else {
            ""
        }
    );
    for d in diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning && sent.contains(&d.file.as_str()))
    {
        let message = project.redactor.redact(&d.message);
        out.push_str(&format!(
            "  {}:{}: {} [{}]\n",
            d.file, d.line, message, d.rule
        ));
    }
    out
}
