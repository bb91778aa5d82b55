//! `psdoc check`.

use anyhow::Result;
use psdoc_core::render::{human, json};
use psdoc_core::{Report, Tally};

use super::{Outcome, statement_root};
use crate::cli::{CheckArgs, Deny, FindingsFormat, Global};
use crate::output::print;

pub fn run(global: &Global, args: &CheckArgs) -> Result<Outcome> {
    let root = statement_root(global)?;
    let report = Report::check(&root)?;
    let text = match args.format {
        FindingsFormat::Human => human::render(
            &report,
            human::HumanOptions {
                color: true,
                quiet: global.quiet,
            },
        ),
        FindingsFormat::Json => json::render(&report),
    };
    print(&text)?;
    let tally = Tally::of(&report.diagnostics);
    let fails = tally.errors > 0 || (args.deny == Some(Deny::Warnings) && tally.warnings > 0);
    Ok(if fails {
        Outcome::Failed
    } else {
        Outcome::Passed
    })
}
