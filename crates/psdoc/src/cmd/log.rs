//! `psdoc log`: the document log for the inspectorate.

use std::io::IsTerminal;

use anyhow::{Context, Result, bail};
use psdoc_core::render::human;
use psdoc_core::{Project, Report, Tally};
use psdoc_export::log;

use super::{Outcome, statement_root};
use crate::cli::{Global, LogArgs, LogFormat};
use crate::output::print;

pub fn run(global: &Global, args: &LogArgs) -> Result<Outcome> {
    let root = statement_root(global)?;
    let project = Project::open(&root)?;
    let redacted = project.redacted_log();
    let bytes = match args.format {
        LogFormat::Markdown => log::to_markdown(
            &redacted,
            &project.config.evidence.prefix,
            project.config.guidance,
        )
        .into_bytes(),
        LogFormat::Csv => log::to_csv(&redacted, project.config.guidance)?,
        LogFormat::Json => log::to_json(&redacted).into_bytes(),
        LogFormat::Pdf => {
            if args.output.is_none() && std::io::stdout().is_terminal() {
                bail!("a PDF cannot be shown in the terminal: add -o document-log.pdf");
            }
            psdoc_export::log_pdf::log_pdf(&project, crate::typesetter::typeset)?
        }
        LogFormat::Xlsx => {
            if args.output.is_none() && std::io::stdout().is_terminal() {
                bail!(
                    "an Excel workbook cannot be shown in the terminal: add -o document-log.xlsx"
                );
            }
            let title = format!("{}: document log", project.config.partnership.name);
            log::to_xlsx(
                &redacted,
                &title,
                project.submission(),
                project.config.guidance,
            )?
        }
    };
    write_output(args.output.as_deref(), &bytes)?;
    // A supplied file that is not there is reported as `check` reports it:
    // the log names a document the package cannot carry.
    let findings = project.check_rules(&["missing-evidence-file", "evidence-outside-folder"]);
    let errors = Tally::of(&findings).errors;
    if !findings.is_empty() {
        let report = Report::with_diagnostics(project, findings);
        let text = human::render(
            &report,
            human::HumanOptions {
                color: anstream::AutoStream::choice(&std::io::stderr())
                    != anstream::ColorChoice::Never,
                quiet: true,
            },
        );
        anstream::eprint!("{text}");
    }
    Ok(if errors > 0 {
        Outcome::Failed
    } else {
        Outcome::Passed
    })
}

/// Writes to `path`, or to stdout when there is none.
pub fn write_output(path: Option<&std::path::Path>, bytes: &[u8]) -> Result<()> {
    match path {
        Some(path) => {
            std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
        }
        None => match std::str::from_utf8(bytes) {
            Ok(text) => Ok(print(text)?),
            Err(_) => {
                use std::io::Write;
                let mut out = std::io::stdout().lock();
                out.write_all(bytes)?;
                Ok(out.flush()?)
            }
        },
    }
}
