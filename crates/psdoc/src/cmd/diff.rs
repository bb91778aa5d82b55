//! `psdoc diff FROM [TO]`: two versions from git, section by section.

use anyhow::Result;
use psdoc_history::{self as history, GITHUB_COMMENT_LIMIT};

use super::{Outcome, statement_root};
use crate::cli::{DiffArgs, DiffFormat, Global};

pub fn run(global: &Global, args: &DiffArgs) -> Result<Outcome> {
    let root = statement_root(global)?;
    let diff = history::diff_revisions(&root, &args.from, args.to.as_deref())?;
    let text = match args.format {
        DiffFormat::Term => {
            history::render_term(&diff, args.output.is_none() && stdout_has_colour())
        }
        DiffFormat::Markdown => history::render_markdown(&diff, GITHUB_COMMENT_LIMIT),
        DiffFormat::Html => history::render_html(&diff),
        DiffFormat::Json => history::render_json(&diff),
    };
    super::log::write_output(args.output.as_deref(), text.as_bytes())?;
    Ok(Outcome::Passed)
}

/// Whether stdout takes colour (`--color`, `NO_COLOR`, a terminal).
pub fn stdout_has_colour() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}
