//! `psdoc import FILE [DIR] [--log FILE]`: a statement brought in from Word
//! (.docx), OpenDocument (.odt) or Markdown. Prints what it converted per
//! section with word counts, every place it could not convert, and ends
//! with `psdoc check`'s summary of the repository. Exit 2, with one line,
//! when the file cannot be read (password-protected, damaged, not Word);
//! nothing is written then, and nothing existing is ever overwritten.

use std::path::{Path, PathBuf};

use anyhow::Result;
use psdoc_core::render::human;
use psdoc_core::text::thousands;
use psdoc_core::{Project, Report};
use psdoc_import::{LogSource, Request};

use super::Outcome;
use crate::cli::{Global, ImportArgs};
use crate::output::print;

pub fn run(global: &Global, args: &ImportArgs) -> Result<Outcome> {
    let dir = target_dir(global, args)?;
    let imported = psdoc_import::import(Request {
        file: &args.file,
        dir: &dir,
        log: args.log.as_deref(),
        name: args.name.as_deref(),
    })?;
    // Whatever the document holds is shown masked, as everywhere in psdoc.
    let redactor = psdoc_core::redact::Redactor::new(&psdoc_core::Config::default().privacy)?;
    let shown = |p: &str| redactor.redact(p).into_owned();
    let mut out = String::new();
    out.push_str(&format!(
        "{} {} into {}:\n",
        if imported.new_repository {
            "A new statement repository from"
        } else {
            "Imported"
        },
        args.file.display(),
        display(&dir)
    ));
    let width = imported
        .chapters
        .iter()
        .map(|c| c.title.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(8, 56);
    for c in &imported.chapters {
        let title: String = shown(&c.title).chars().take(width).collect();
        out.push_str(&format!(
            "  {title:<width$}  {:>6} words  {}\n",
            thousands(c.words),
            c.path
        ));
    }
    out.push_str(&format!(
        "  {:<width$}  {:>6} words\n",
        "Total",
        thousands(imported.words())
    ));
    match &imported.log {
        Some((path, n, source)) => out.push_str(&format!(
            "  the document log: {n} document(s) in {path}, {}\n",
            match source {
                LogSource::Table => "from the log table in the statement",
                LogSource::File => "from the --log file",
                LogSource::References =>
                    "from the links and footnotes on the references (add titles, dates and core documents)",
                LogSource::None => "",
            }
        )),
        None => out.push_str(
            "  no document log found: add one to evidence/log.toml, or import again with --log FILE (.xlsx, .csv or .docx)\n",
        ),
    }
    if imported.footnote_references > 0 {
        out.push_str(&format!(
            "  {} footnote(s) pointing to documents became evidence references\n",
            imported.footnote_references
        ));
    }
    if !imported.summary.ends_with("/SUMMARY.md") {
        out.push_str(&format!(
            "  book/src/SUMMARY.md already exists and was left as it was: the imported chapters are listed in {}; put them in SUMMARY.md when you are ready\n",
            imported.summary
        ));
    }
    for kept in &imported.kept {
        out.push_str(&format!("  kept {kept} as it was\n"));
    }
    if imported.gaps.is_empty() {
        out.push_str("Everything in the document was converted.\n");
    } else {
        out.push_str(&format!(
            "Not converted ({}): check these places in the document:\n",
            imported.gaps.len()
        ));
        for g in &imported.gaps {
            let near = if g.near.is_empty() {
                String::new()
            } else {
                format!(", near \"{}\"", shown(&g.near))
            };
            out.push_str(&format!(
                "  {} in \"{}\" (paragraph {}{near}): {}\n",
                g.what,
                shown(&g.section),
                g.paragraph,
                g.action
            ));
        }
    }
    print(&out)?;
    // psdoc check's summary of the repository as it now stands.
    match Project::open(&dir) {
        Ok(project) => {
            let report = Report::of(project);
            if !global.quiet {
                print(&format!(
                    "{}\nRun `psdoc check` in {} for every finding.\n",
                    human::summary_line(&report),
                    display(&dir)
                ))?;
            }
        }
        Err(e) => print(&format!(
            "psdoc check cannot read the repository yet: {e}\n"
        ))?,
    }
    Ok(Outcome::Passed)
}

/// DIR, else `--root`, else the statement around the current folder, else
/// the current folder.
fn target_dir(global: &Global, args: &ImportArgs) -> Result<PathBuf> {
    if let Some(dir) = &args.dir {
        return Ok(dir.clone());
    }
    if let Some(root) = &global.root {
        return Ok(root.clone());
    }
    let cwd = std::env::current_dir()?;
    Ok(psdoc_core::find_root(&cwd).unwrap_or(cwd))
}

fn display(path: &Path) -> String {
    let s = path.display().to_string();
    if s.is_empty() { ".".into() } else { s }
}
