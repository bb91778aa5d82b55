//! `psdoc history [--tags | REV-RANGE]`: the statement's figures over time.

use anyhow::Result;
use psdoc_history::{self as history, HistoryRange, timeline};

use super::{Outcome, statement_root};
use crate::cli::{Global, HistoryArgs, HistoryFormat};

pub fn run(global: &Global, args: &HistoryArgs) -> Result<Outcome> {
    let root = statement_root(global)?;
    let range = match &args.range {
        Some(spec) => HistoryRange::Range(spec.clone()),
        None => HistoryRange::Tags,
    };
    let history = history::history(&root, &range)?;
    let text = match args.format {
        HistoryFormat::Term => timeline::render_term(&history),
        HistoryFormat::Json => timeline::render_json(&history),
        HistoryFormat::Html => history::html::render_history(&history),
    };
    super::log::write_output(args.output.as_deref(), text.as_bytes())?;
    Ok(Outcome::Passed)
}
