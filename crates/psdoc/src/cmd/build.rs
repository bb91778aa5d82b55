//! `psdoc build [-o DIR]`: the book, built in-process by mdBook's driver
//! with the psdoc preprocessor registered directly, so neither `mdbook` nor
//! `mdbook-psdoc` need be on PATH. Refuses (exit 1) while a
//! `personal-identifier` error stands, and as `fail-on` says otherwise.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use anyhow::{Context, Result, bail};
use mdbook_driver::MDBook;
use mdbook_psdoc::{Checked, PsdocPreprocessor, Settings};
use psdoc_core::Tally;
use psdoc_core::render::human;

use super::{Outcome, statement_root};
use crate::cli::{BuildArgs, Global};
use crate::output::print;

pub fn run(global: &Global, args: &BuildArgs) -> Result<Outcome> {
    let root = statement_root(global)?;
    let checked = Checked::open(&root)?;
    let book_dir = checked.book_dir();
    let mut book = MDBook::load(&book_dir)
        .map_err(|e| anyhow::anyhow!("{e:#}"))
        .with_context(|| format!("mdBook cannot load the book in {}", book_dir.display()))?;
    let settings = Settings::from_config(&book.config, &book_dir)?;

    let report = &checked.report;
    let tally = Tally::of(&report.diagnostics);
    // The findings, each with its (masked) source line; the summary follows.
    let mut text = human::render(
        report,
        human::HumanOptions {
            color: true,
            quiet: true,
        },
    );
    let _ = tally;
    if checked.has_personal_identifier_error() {
        let n = report
            .diagnostics
            .iter()
            .filter(|d| d.rule == mdbook_psdoc::statement::PERSONAL_IDENTIFIER)
            .count();
        text.push_str(&format!(
            "psdoc: build refused: {n} personal identifier(s) stand in the statement; remove them (the findings above show where) and run `psdoc build` again\n"
        ));
        print(&text)?;
        return Ok(Outcome::Failed);
    }
    if checked.fails(settings.fail_on) {
        text.push_str(&format!("{}\n", checked.failure(settings.fail_on)));
        print(&text)?;
        return Ok(Outcome::Failed);
    }

    if let Some(output) = &args.output {
        let output = std::path::absolute(output)
            .with_context(|| format!("cannot use {} as the output folder", output.display()))?;
        refuse_unsafe_output(&output, &root)?;
        book.config.build.build_dir = output;
    }
    let summary = checked.summary();
    book.with_preprocessor(PsdocPreprocessor::with_checked(Rc::new(checked)));
    book.build()
        .map_err(|e| anyhow::anyhow!("{e:#}"))
        .context("mdBook could not build the book")?;

    if !global.quiet {
        text.push_str(&format!("{summary}\n"));
        let out = book.build_dir_for("html");
        text.push_str(&format!(
            "psdoc: built the book in {} (print.html there is the print version, for the PDF)\n",
            shown(&out)
        ));
    }
    print(&text)?;
    Ok(Outcome::Passed)
}

/// mdBook empties its output folder before writing: never let that be a
/// folder holding anything but an earlier book, or the statement itself.
fn refuse_unsafe_output(output: &Path, root: &Path) -> Result<()> {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (out, root) = (canonical(output), canonical(root));
    if root.starts_with(&out) {
        bail!(
            "-o {}: mdBook empties its output folder, and this one holds the statement: choose a new or empty folder",
            output.display()
        );
    }
    let Ok(mut entries) = std::fs::read_dir(&out) else {
        return Ok(()); // not there yet: mdBook creates it
    };
    let is_empty = entries.next().is_none();
    let is_a_book = out.join(".nojekyll").exists() || out.join("print.html").exists();
    if !is_empty && !is_a_book {
        bail!(
            "-o {}: the folder is not empty and holds no earlier book; mdBook empties its output folder before writing, so choose a new or empty folder",
            output.display()
        );
    }
    Ok(())
}

/// A path as the user would type it: relative to the working directory
/// when inside it.
fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    path.strip_prefix(&cwd)
        .map_or_else(|_| path.display().to_string(), |p| p.display().to_string())
}
