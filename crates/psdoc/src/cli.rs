//! The command line, as clap derives it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Checks, counts and packages a community planning partnership's position
/// statement for the Care Inspectorate's joint inspection of services for
/// children at risk of harm.
#[derive(Debug, Parser)]
#[command(name = "psdoc", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// The statement repository (default: the nearest folder holding partnership.toml)
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// When to colour the output
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
    /// Print only the findings: no summary line or notes
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the statement against the guidance (exit 1 when errors are found)
    Check(CheckArgs),
    /// Count words per section against the limit and the budgets
    Count(CountArgs),
    /// List every rule with its default severity
    Rules {
        /// `markdown` prints the table the README carries
        #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
        format: RulesFormat,
    },
    /// Explain a rule: what it finds, why the guidance cares, an example, the fix
    Explain {
        /// The rule's name, as `psdoc rules` lists it
        rule: String,
    },
    /// Start a new statement repository with the guidance's headings
    Init(InitArgs),
    /// Export the document log for the inspectorate (Markdown, CSV, XLSX or JSON)
    Log(LogArgs),
    /// Write the submission bundle: the statement, the log and the local evidence, in one zip
    Package(PackageArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format for findings
    #[arg(long, value_enum, default_value_t = FindingsFormat::Human)]
    pub format: FindingsFormat,
    /// Fail (exit 1) on warnings too
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Option<Deny>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FindingsFormat {
    /// Findings with source snippets, for people
    Human,
    /// The JSON shape of the contract, for scripts
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Human,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
}

#[derive(Debug, Args)]
pub struct CountArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = CountFormat::Human)]
    pub format: CountFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CountFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = LogFormat::Markdown)]
    pub format: LogFormat,
    /// Write to FILE instead of the terminal (required for xlsx)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Markdown,
    Csv,
    Xlsx,
    Json,
}

#[derive(Debug, Args)]
pub struct PackageArgs {
    /// The zip file to write
    #[arg(short, long, value_name = "FILE.zip")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the repository in (created if needed)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The partnership's name (default: from the folder's name)
    #[arg(long)]
    pub name: Option<String>,
}
