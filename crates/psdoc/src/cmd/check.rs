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
        FindingsFormat::Human => {
            let mut s = human::render(&report, human::HumanOptions { color: true });
            if global.quiet {
                s = s
                    .lines()
                    .filter(|l| !l.starts_with("psdoc: "))
                    .collect::<Vec<_>>()
                    .join("\n");
                if !s.is_empty() {
                    s.push('\n');
                }
            }
            s
        }
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
