//! `psdoc count`.

use anyhow::Result;
use psdoc_core::Project;
use psdoc_core::count::WordCount;

use super::{Outcome, statement_root};
use crate::cli::{CountArgs, CountFormat, Global};
use crate::output::print;

pub fn run(global: &Global, args: &CountArgs) -> Result<Outcome> {
    let root = statement_root(global)?;
    let project = Project::open(&root)?;
    let count = WordCount::of(&project);
    let text = match args.format {
        CountFormat::Human => count.to_table(),
        CountFormat::Json => count.to_json(),
    };
    print(&text)?;
    Ok(Outcome::Passed)
}
