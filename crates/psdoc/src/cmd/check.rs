//! `psdoc check`.

use anyhow::Result;
use psdoc_core::online::OnlineOptions;
use psdoc_core::render::{github, human, json, markdown, sarif};
use psdoc_core::{Project, Report, Tally};

use super::{Outcome, statement_root};
use crate::cli::{CheckArgs, Deny, FindingsFormat, Global};
use crate::output::print;

pub fn run(global: &Global, args: &CheckArgs) -> Result<Outcome> {
    let root = statement_root(global)?;
    let mut project = Project::open(&root)?;
    project.cache = crate::cache::evidence_cache(&root);
    if args.online {
        project.check_links(&OnlineOptions {
            timeout: std::time::Duration::from_secs(args.timeout),
            ..OnlineOptions::default()
        });
    }
    // `--base REV`: only what the change since the merge base brings.
    let changes = match &args.base {
        Some(base) => Some(psdoc_history::ChangeFilter::new(&root, base, &project)?),
        None => None,
    };
    let mut report = Report::of(project);
    if let Some(changes) = &changes {
        report.diagnostics.retain(|d| changes.keeps(d));
    }
    print_report(global, args.format, &report, Some(&root))?;
    let tally = Tally::of(&report.diagnostics);
    if args.format == FindingsFormat::Github {
        super::github::write_step_outputs(&report, &tally)?;
    }
    let fails = tally.errors > 0 || (args.deny == Some(Deny::Warnings) && tally.warnings > 0);
    Ok(if fails {
        Outcome::Failed
    } else {
        Outcome::Passed
    })
}

/// Prints findings in `format`. `root` is the statement root, for the
/// paths GitHub expects (the working directory when there is none).
pub fn print_report(
    global: &Global,
    format: FindingsFormat,
    report: &Report,
    root: Option<&std::path::Path>,
) -> Result<()> {
    let root = match root {
        Some(r) => r.to_path_buf(),
        None => std::env::current_dir()?,
    };
    let text = match format {
        FindingsFormat::Human => human::render(
            report,
            human::HumanOptions {
                color: true,
                quiet: global.quiet,
            },
        ),
        FindingsFormat::Json => {
            // Straight to stdout: no copy of a large report in memory.
            json::write(report, &mut std::io::stdout().lock())?;
            return Ok(());
        }
        FindingsFormat::Sarif => sarif::render(
            report,
            &sarif::SarifOptions {
                path_prefix: super::github::path_prefix(&root),
            },
        ),
        FindingsFormat::Github => github::render(
            report,
            &github::GithubOptions {
                path_prefix: super::github::path_prefix(&root),
            },
        ),
        FindingsFormat::Markdown => markdown::render(report),
    };
    print(&text)?;
    Ok(())
}
