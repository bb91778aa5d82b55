//! `psdoc package -o FILE.zip`: refuses while an error stands.

use anyhow::{Context, Result};
use psdoc_core::export::package;
use psdoc_core::model::WorkTree;
use psdoc_core::model::evidence::EvidenceFile;
use psdoc_core::render::human;
use psdoc_core::{Project, Report, Tally};

use super::{Outcome, statement_root};
use crate::cli::{Global, PackageArgs};
use crate::output::print;

pub fn run(global: &Global, args: &PackageArgs) -> Result<Outcome> {
    let root = statement_root(global)?;
    let project = Project::open(&root)?;
    let files = WorkTree::new(&root).with_context(|| format!("cannot open {}", root.display()))?;
    let bundle = package::build(&project, &files)?;
    let evidence = project
        .evidence_files
        .iter()
        .filter(|(_, s)| matches!(s, EvidenceFile::Present(_)))
        .count();
    let report = Report::of(project);
    let tally = Tally::of(&report.diagnostics);
    if tally.errors > 0 {
        let mut text = human::render(
            &report,
            human::HumanOptions {
                color: true,
                quiet: true,
            },
        );
        text.push_str(&format!(
            "psdoc: package refused: {} error(s) stand; fix them and run `psdoc package` again\n",
            tally.errors
        ));
        print(&text)?;
        return Ok(Outcome::Failed);
    }
    if let Some(parent) = args.output.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(&args.output, &bundle)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    if !global.quiet {
        print(&format!(
            "psdoc: wrote {} ({} bytes): statement (HTML and Markdown), document log (CSV and XLSX), {} evidence file(s) and manifest.json\n",
            args.output.display(),
            bundle.len(),
            evidence
        ))?;
    }
    Ok(Outcome::Passed)
}
