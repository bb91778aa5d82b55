//! `psdoc export`: the statement as the inspectorate receives it (PDF,
//! Word, HTML or Markdown). Refuses (exit 1) while a personal identifier
//! stands, as `psdoc build` and `psdoc package` do; other findings are
//! reported in the summary line but do not stop a draft export.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use mdbook_psdoc::{Settings, statement};
use psdoc_core::{Diagnostic, Project, Report, Tally};
use psdoc_export::Format;

use super::{Outcome, statement_root};
use crate::cli::{ExportArgs, ExportFormat, Global};
use crate::output::print;

pub fn run(global: &Global, args: &ExportArgs) -> Result<Outcome> {
    let root = statement_root(global)?;
    let project = Project::open(&root)?;
    let format = match args.format {
        ExportFormat::Pdf => Format::Pdf,
        ExportFormat::Docx => Format::Docx,
        ExportFormat::Html => Format::Html,
        ExportFormat::Markdown => Format::Markdown,
    };
    let output = output_path(&root, args.output.as_deref(), format)?;
    let options = psdoc_export::Options {
        page_per_section: args.page_per_section || book_settings(&root, &project)?.page_per_section,
        typesetter: crate::typesetter::typeset,
    };
    let diagnostics = project.check();
    let (project, diagnostics) = match refuse_identifiers(project, diagnostics, "export")? {
        Ok(checked) => checked,
        Err(outcome) => return Ok(outcome),
    };
    let bytes = psdoc_export::export(&project, format, options)?;
    let tally = Tally::of(&diagnostics);
    let words = psdoc_core::text::thousands(project.statement.total_words());
    let limit = psdoc_core::text::thousands(project.config.statement.word_limit as usize);
    match &output {
        Some(path) => write_file(path, &bytes)?,
        None => print(&String::from_utf8_lossy(&bytes))?,
    }
    if let Some(path) = &output
        && !global.quiet
    {
        let standing = if tally.errors > 0 {
            format!(
                "; {} error(s) stand in the statement: run `psdoc check` and fix them before you submit",
                tally.errors
            )
        } else {
            String::new()
        };
        eprintln!(
            "psdoc: wrote {} ({} bytes): the statement, {words} of {limit} words{standing}",
            path.display(),
            bytes.len()
        );
    }
    Ok(Outcome::Passed)
}

/// `-o FILE`; `-` or none with a text format on a pipe means stdout; a
/// PDF or Word file with no `-o` goes to `statement.EXT` in the root.
fn output_path(root: &Path, output: Option<&Path>, format: Format) -> Result<Option<PathBuf>> {
    match output {
        Some(p) if p == Path::new("-") => {
            if !format.is_text() && std::io::stdout().is_terminal() {
                bail!(
                    "a {} file cannot be shown in the terminal: add -o statement.{}",
                    format.extension().to_uppercase(),
                    format.extension()
                );
            }
            Ok(None)
        }
        Some(p) => Ok(Some(p.to_path_buf())),
        None => Ok(Some(root.join(format!("statement.{}", format.extension())))),
    }
}

/// `[preprocessor.psdoc]` in the book's `book.toml` (defaults without one).
pub fn book_settings(root: &Path, project: &Project) -> Result<Settings> {
    let book_dir = root.join(&project.config.statement.book);
    let path = book_dir.join("book.toml");
    if !path.is_file() {
        return Ok(Settings::default());
    }
    let config = mdbook_driver::config::Config::from_disk(&path)
        .map_err(|e| anyhow::anyhow!("{e:#}"))
        .with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Settings::from_config(&config, &book_dir)?)
}

/// The statement and its findings when no personal identifier stands;
/// otherwise prints those findings and the refusal: nothing with an
/// identifier ever leaves psdoc.
pub fn refuse_identifiers(
    project: Project,
    diagnostics: Vec<Diagnostic>,
    command: &str,
) -> Result<Result<(Project, Vec<Diagnostic>), Outcome>> {
    let identifiers = statement::personal_identifier_errors(&diagnostics);
    if identifiers == 0 {
        return Ok(Ok((project, diagnostics)));
    }
    let shown: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| d.rule == "personal-identifier")
        .collect();
    let report = Report::with_diagnostics(project, shown);
    let mut text = super::findings_above(&report);
    text.push_str(&format!(
        "psdoc: {command} refused: {identifiers} personal identifier(s) stand in the statement; remove them (the findings above show where) and run `psdoc {command}` again\n"
    ));
    print(&text)?;
    Ok(Err(Outcome::Failed))
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}
