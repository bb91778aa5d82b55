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
    /// Look for personal information (and small counts) in the statement and its evidence, or in the files and folders named
    Scan(ScanArgs),
    /// Export the document log for the inspectorate (Markdown, CSV, XLSX, PDF or JSON)
    Log(LogArgs),
    /// Write the statement for the inspectorate: an accessible PDF, a Word file, HTML or Markdown
    Export(ExportArgs),
    /// Bring a statement in from Word (.docx), OpenDocument (.odt) or Markdown into a statement repository
    Import(ImportArgs),
    /// Write the submission bundle: the statement (PDF and Word), the log and the local evidence, in one zip
    Package(PackageArgs),
    /// Render the book (mdBook, in-process) with evidence links, the document log and word counts
    Build(BuildArgs),
    /// On GitHub: the pull request's report and its one comment
    #[command(subcommand)]
    Github(GithubCommand),
    /// Compare two versions from git, section by section (TO defaults to the working tree)
    Diff(DiffArgs),
    /// Words per section, evidence and quality indicators across revisions (default: every tag)
    History(HistoryArgs),
    /// Show the guidance profile in force: sections, headings, orders, quality indicators, Appendix 2
    Guidance(GuidanceArgs),
}

#[derive(Debug, Args)]
pub struct GuidanceArgs {
    /// Output format; `toml` starts a custom profile file from the one in force
    #[arg(long, value_enum, default_value_t = GuidanceFormat::Human)]
    pub format: GuidanceFormat,
    /// List the built-in profiles instead
    #[arg(long)]
    pub list: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GuidanceFormat {
    Human,
    Json,
    Toml,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older revision: a tag, branch or commit (`v2024`, `main`, `HEAD~3`)
    #[arg(value_name = "FROM")]
    pub from: String,
    /// The newer revision (default: the working tree)
    #[arg(value_name = "TO")]
    pub to: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Term)]
    pub format: DiffFormat,
    /// Write to FILE instead of the terminal
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A coloured inline diff, section by section
    Term,
    /// A table and collapsible diffs, for a pull-request comment
    Markdown,
    /// One self-contained, accessible page with tracked changes and a chart
    Html,
    /// The JSON shape of the contract, for scripts
    Json,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Every tag, in date order (the default)
    #[arg(long, conflicts_with = "range")]
    pub tags: bool,
    /// Revisions as `git log` takes them: `v2023..HEAD`, or one revision for all its history
    #[arg(value_name = "REV-RANGE")]
    pub range: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = HistoryFormat::Term)]
    pub format: HistoryFormat,
    /// Write to FILE instead of the terminal
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    /// A table for the terminal
    Term,
    /// Figures per revision, for scripts
    Json,
    /// One self-contained page with a chart
    Html,
}

#[derive(Debug, Subcommand)]
pub enum GithubCommand {
    /// Write the pull request's report (JSON), for a later `github comment --report`
    Report(GithubReportArgs),
    /// Create or update the pull request's one psdoc comment (exit 1 when errors are found)
    Comment(GithubCommentArgs),
}

#[derive(Debug, Args)]
pub struct GithubReportArgs {
    /// The file to write the report to
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct GithubCommentArgs {
    /// Comment from this report (from `psdoc github report`, possibly a fork's) instead of checking here
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// The login the token comments as: psdoc updates only its own comment (default: the token's own login when GitHub says it, else github-actions[bot])
    #[arg(long, value_name = "LOGIN")]
    pub author: Option<String>,
    /// In a `workflow_run` job: the workflow file whose runs may be commented on
    #[arg(
        long,
        value_name = "PATH",
        default_value = ".github/workflows/statement.yml"
    )]
    pub workflow: String,
    /// Fail (exit 1) on warnings too
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Option<Deny>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format for findings
    #[arg(long, value_enum, default_value_t = FindingsFormat::Human)]
    pub format: FindingsFormat,
    /// Fail (exit 1) on warnings too
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Option<Deny>,
    /// Report only what changed since the merge base of REV and HEAD: findings on added or changed lines, about changed sections, and statement-wide ones
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// Also ask every evidence link whether it answers (the only check that uses the network)
    #[arg(long)]
    pub online: bool,
    /// With --online: seconds to wait for each link
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 20,
        requires = "online"
    )]
    pub timeout: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FindingsFormat {
    /// Findings with source snippets, for people
    Human,
    /// The JSON shape of the contract, for scripts
    Json,
    /// SARIF 2.1.0, for GitHub code scanning
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request
    Github,
    /// A Markdown summary, for $GITHUB_STEP_SUMMARY
    Markdown,
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
pub struct ScanArgs {
    /// Files or folders to scan (default: the statement and its evidence folder)
    pub paths: Vec<PathBuf>,
    /// Output format for findings
    #[arg(long, value_enum, default_value_t = FindingsFormat::Human)]
    pub format: FindingsFormat,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = LogFormat::Markdown)]
    pub format: LogFormat,
    /// Write to FILE instead of the terminal (required for xlsx and pdf)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Markdown,
    Csv,
    Xlsx,
    /// An accessible PDF, landscape, with the core documents written out
    Pdf,
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ExportFormat::Pdf)]
    pub format: ExportFormat,
    /// The file to write (default: statement.pdf, statement.docx, ... in the statement folder; `-` for the terminal, HTML and Markdown only)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// PDF: start each required section on a new page (also `page-per-section = true` under [preprocessor.psdoc] in book.toml)
    #[arg(long)]
    pub page_per_section: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// An accessible PDF (PDF/UA-1) with a cover, contents and page numbers
    Pdf,
    /// A Word file with Word's heading styles, lists, tables and links
    Docx,
    /// One self-contained, accessible HTML page
    Html,
    /// The statement's Markdown in one file
    Markdown,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The statement to bring in: a .docx, .odt or .md file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The statement repository to write into, created if needed (default: --root, else the statement around the current folder, else the current folder); nothing in it is overwritten
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// The document log, when it is a separate file (.xlsx, .csv or .docx)
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
    /// The partnership's name, for a new repository (default: from the document)
    #[arg(long)]
    pub name: Option<String>,
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
    /// The guidance to follow: a built-in profile's name (`psdoc guidance --list`) or a profile file (.toml), copied in as guidance.toml (default: the 2021 guidance)
    #[arg(long, value_name = "NAME|FILE")]
    pub profile: Option<String>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Where to write the book (default: the book's `build-dir` from book.toml, `book/book`)
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}
