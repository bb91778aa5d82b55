//! One module per command.

mod build;
mod check;
mod count;
mod diff;
mod explain;
mod export;
mod github;
mod guidance;
mod history;
mod import;
mod init;
mod log;
mod package;
mod rules;
mod scan;

use std::path::PathBuf;

use anyhow::Result;
use psdoc_core::render::human;

use crate::cli::{Cli, Command, Global};

/// What the process exits with, when psdoc did its job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Passed = 0,
    Failed = 1,
}

pub fn run(cli: &Cli) -> Result<Outcome> {
    match &cli.command {
        Command::Check(args) => check::run(&cli.global, args),
        Command::Count(args) => count::run(&cli.global, args),
        Command::Rules { format } => rules::run(*format),
        Command::Explain { rule } => explain::run(&cli.global, rule),
        Command::Init(args) => init::run(args),
        Command::Log(args) => log::run(&cli.global, args),
        Command::Export(args) => export::run(&cli.global, args),
        Command::Import(args) => import::run(&cli.global, args),
        Command::Scan(args) => scan::run(&cli.global, args),
        Command::Package(args) => package::run(&cli.global, args),
        Command::Build(args) => build::run(&cli.global, args),
        Command::Github(command) => github::run(&cli.global, command),
        Command::Diff(args) => diff::run(&cli.global, args),
        Command::History(args) => history::run(&cli.global, args),
        Command::Guidance(args) => guidance::run(&cli.global, args),
    }
}

/// The statement root: `--root`, else the nearest folder with
/// partnership.toml.
pub fn statement_root(global: &Global) -> Result<PathBuf> {
    let start = match &global.root {
        Some(root) => {
            if !root.join(psdoc_core::config::CONFIG_FILE).is_file() {
                return Err(psdoc_core::Error::NoStatement { dir: root.clone() }.into());
            }
            return Ok(root.clone());
        }
        None => std::env::current_dir()?,
    };
    Ok(psdoc_core::find_root(&start)?)
}

/// The guidance profile in force at the statement root, or the default
/// outside a statement repository (for `explain` and `guidance`, which also
/// work there).
pub fn profile_in_force(global: &Global) -> Result<&'static psdoc_guidance::Profile> {
    let root = match &global.root {
        Some(_) => statement_root(global)?,
        None => match psdoc_core::find_root(&std::env::current_dir()?) {
            Ok(root) => root,
            Err(psdoc_core::Error::NoStatement { .. }) => {
                return Ok(psdoc_guidance::default_profile());
            }
            Err(e) => return Err(e.into()),
        },
    };
    let (config, _) = psdoc_core::config::load(&root)?;
    Ok(config.guidance)
}

/// The findings of `report`, each with its (masked) source line and no
/// summary: what `build`, `export` and `package` show above the line that
/// says why they refused.
pub fn findings_above(report: &psdoc_core::Report) -> String {
    human::render(
        report,
        human::HumanOptions {
            color: true,
            quiet: true,
        },
    )
}
