//! `psdoc log`: the document log for the inspectorate.

use std::io::IsTerminal;

use anyhow::{Context, Result, bail};
use psdoc_core::Project;
use psdoc_export::log;

use super::{Outcome, statement_root};
use crate::cli::{Global, LogArgs, LogFormat};
use crate::output::print;

pub fn run(global: &Global, args: &LogArgs) -> Result<Outcome> {
    let root = statement_root(global)?;
    let project = Project::open(&root)?;
    let redacted = project.redacted_log();
    let bytes = match args.format {
        LogFormat::Markdown => {
            log::to_markdown(&redacted, &project.config.evidence.prefix).into_bytes()
        }
        LogFormat::Csv => log::to_csv(&redacted)?,
        LogFormat::Json => log::to_json(&redacted).into_bytes(),
        LogFormat::Pdf => {
            if args.output.is_none() && std::io::stdout().is_terminal() {
                bail!("a PDF cannot be shown in the terminal: add -o document-log.pdf");
            }
            psdoc_export::log_pdf::log_pdf(&project)?
        }
        LogFormat::Xlsx => {
            if args.output.is_none() && std::io::stdout().is_terminal() {
                bail!(
                    "an Excel workbook cannot be shown in the terminal: add -o document-log.xlsx"
                );
            }
            let title = format!("{}: document log", project.config.partnership.name);
            log::to_xlsx(&redacted, &title, project.submission())?
        }
    };
    write_output(args.output.as_deref(), &bytes)?;
    Ok(Outcome::Passed)
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
