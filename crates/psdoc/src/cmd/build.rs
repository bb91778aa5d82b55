//! `psdoc build [-o DIR]`: the book, built in-process by mdBook's driver
//! with the psdoc preprocessor registered directly, so neither `mdbook` nor
//! `mdbook-psdoc` need be on PATH. Refuses (exit 1) while a
//! `personal-identifier` error stands, and as `fail-on` says otherwise.
//!
//! The check and the book need the same loaded statement but not each
//! other, so the check runs on a second thread while mdBook renders into a
//! staging folder beside the output; the book replaces the output only when
//! the check lets it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use mdbook_driver::MDBook;
use mdbook_psdoc::{PsdocPreprocessor, Settings, statement};
use psdoc_core::render::human;
use psdoc_core::{Project, Report};

use super::{Outcome, statement_root};
use crate::cli::{BuildArgs, Global};
use crate::output::print;

pub fn run(global: &Global, args: &BuildArgs) -> Result<Outcome> {
    let root = statement_root(global)?;
    let project = Arc::new(Project::open(&root)?);
    let book_dir = root.join(&project.config.statement.book);
    let mut book = MDBook::load(&book_dir)
        .map_err(|e| anyhow::anyhow!("{e:#}"))
        .with_context(|| format!("mdBook cannot load the book in {}", book_dir.display()))?;
    let settings = Settings::from_config(&book.config, &book_dir)?;

    let output = match &args.output {
        Some(output) => std::path::absolute(output)
            .with_context(|| format!("cannot use {} as the output folder", output.display()))?,
        None => book_dir.join(&book.config.build.build_dir),
    };
    refuse_unsafe_output(&output, &root)?;
    let staging = Staging::beside(&output)?;
    book.config.build.build_dir = staging.path.clone();

    let checking = {
        let project = Arc::clone(&project);
        std::thread::spawn(move || project.check())
    };
    book.with_preprocessor(PsdocPreprocessor::with_project(Arc::clone(&project)));
    let built = book.build();
    drop(book); // and with it the preprocessor's share of the project
    let diagnostics = checking
        .join()
        .map_err(|_| anyhow::anyhow!("the check stopped unexpectedly"))?;
    let project = Arc::into_inner(project).context("the project is still shared")?;
    let report = Report::with_diagnostics(project, diagnostics);

    // The findings, each with its (masked) source line.
    let mut text = human::render(
        &report,
        human::HumanOptions {
            color: true,
            quiet: true,
        },
    );
    let identifiers = statement::personal_identifier_errors(&report.diagnostics);
    if identifiers > 0 {
        text.push_str(&format!(
            "psdoc: build refused: {identifiers} personal identifier(s) stand in the statement; remove them (the findings above show where) and run `psdoc build` again\n"
        ));
        print(&text)?;
        return Ok(Outcome::Failed);
    }
    if statement::fails(&report.diagnostics, settings.fail_on) {
        text.push_str(&format!(
            "{}\n",
            statement::failure(&report.diagnostics, settings.fail_on)
        ));
        print(&text)?;
        return Ok(Outcome::Failed);
    }
    built
        .map_err(|e| anyhow::anyhow!("{e:#}"))
        .context("mdBook could not build the book")?;
    staging.replace(&output)?;

    if !global.quiet {
        text.push_str(&format!("{}\n", statement::summary(&report)));
        text.push_str(&format!(
            "psdoc: built the book in {} (print.html there is the print version, for the PDF)\n",
            shown(&output)
        ));
    }
    print(&text)?;
    Ok(Outcome::Passed)
}

/// A folder beside the output that the book is built into, removed unless
/// it replaces the output.
struct Staging {
    path: PathBuf,
    keep: bool,
}

impl Staging {
    fn beside(output: &Path) -> Result<Self> {
        let parent = output.parent().context("the output folder has no parent")?;
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = output
            .file_name()
            .map_or_else(|| "book".into(), |n| n.to_string_lossy());
        let path = parent.join(format!(".{name}.psdoc-build-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        Ok(Staging { path, keep: false })
    }

    /// Moves the built book to `output`, in place of an earlier one.
    fn replace(mut self, output: &Path) -> Result<()> {
        if output.exists() {
            std::fs::remove_dir_all(output)
                .with_context(|| format!("cannot replace {}", output.display()))?;
        }
        std::fs::rename(&self.path, output)
            .with_context(|| format!("cannot move the book to {}", output.display()))?;
        self.keep = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// The output is replaced: never let that be a folder holding anything but
/// an earlier book, or the statement itself.
fn refuse_unsafe_output(output: &Path, root: &Path) -> Result<()> {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (out, root) = (canonical(output), canonical(root));
    if root.starts_with(&out) {
        bail!(
            "-o {}: the output folder is replaced, and this one holds the statement: choose a new or empty folder",
            output.display()
        );
    }
    let Ok(mut entries) = std::fs::read_dir(&out) else {
        return Ok(()); // not there yet
    };
    let is_empty = entries.next().is_none();
    let is_a_book = out.join(".nojekyll").exists() || out.join("print.html").exists();
    if !is_empty && !is_a_book {
        bail!(
            "{}: the folder is not empty and holds no earlier book; the output folder is replaced, so choose a new or empty folder",
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
