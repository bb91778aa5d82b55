//! `psdoc build [-o DIR]`: the book, built in-process by mdBook's driver
//! with the psdoc preprocessor registered directly, so neither `mdbook` nor
//! `mdbook-psdoc` need be on PATH. Refuses (exit 1) while a
//! `personal-identifier` error stands, and as `fail-on` says otherwise.
//!
//! The check and the book need the same loaded statement but not each
//! other: the check runs on a second thread while the preprocessor makes
//! the book, and the preprocessor waits for its verdict before mdBook
//! renders anything, so a refused build leaves the output as it was.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::thread::JoinHandle;

use anyhow::{Context, Result, bail};
use mdbook_driver::MDBook;
use mdbook_psdoc::{FailOn, PsdocPreprocessor, Settings, statement};
use psdoc_core::{Diagnostic, Project, Report};

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
    // One source of truth: the partnership's name in partnership.toml
    // titles the book, whatever book.toml says.
    let name = project.config.partnership.name.trim();
    if !name.is_empty() {
        book.config.book.title = Some(mdbook_psdoc::book_title(&project.config));
        book.config.book.authors = vec![name.to_owned()];
    }

    if let Some(output) = &args.output {
        let output = std::path::absolute(output)
            .with_context(|| format!("cannot use {} as the output folder", output.display()))?;
        book.config.build.build_dir = output;
    }
    let output = book.build_dir_for("html");
    refuse_unsafe_output(&book.root.join(&book.config.build.build_dir), &root)?;

    let verdict = Verdict::start(&project, settings.fail_on);
    let gate = Rc::clone(&verdict);
    book.with_preprocessor(
        PsdocPreprocessor::with_project(Arc::clone(&project)).gated(move || gate.allow()),
    );
    let built = book.build();
    drop(book); // and with it the preprocessor's share of the project
    let diagnostics = verdict.diagnostics()?;
    let project = Arc::into_inner(project).context("the statement is still in use")?;
    let report = Report::with_diagnostics(project, diagnostics);

    // The findings, each with its (masked) source line.
    let mut text = super::findings_above(&report);
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

/// The check, running on its own thread, and what it decided.
struct Verdict {
    fail_on: FailOn,
    checking: RefCell<Option<JoinHandle<Vec<Diagnostic>>>>,
    diagnostics: RefCell<Option<Vec<Diagnostic>>>,
}

impl Verdict {
    fn start(project: &Arc<Project>, fail_on: FailOn) -> Rc<Self> {
        let project = Arc::clone(project);
        Rc::new(Verdict {
            fail_on,
            checking: RefCell::new(Some(std::thread::spawn(move || project.check()))),
            diagnostics: RefCell::new(None),
        })
    }

    /// Waits for the check (once).
    fn wait(&self) -> Result<()> {
        if let Some(checking) = self.checking.borrow_mut().take() {
            let found = checking
                .join()
                .map_err(|_| anyhow::anyhow!("the check stopped unexpectedly"))?;
            *self.diagnostics.borrow_mut() = Some(found);
        }
        Ok(())
    }

    /// The gate: may mdBook render the book?
    fn allow(&self) -> mdbook_psdoc::Result<()> {
        self.wait().map_err(|e| mdbook_psdoc::Error::Failed {
            summary: e.to_string(),
        })?;
        let diagnostics = self.diagnostics.borrow();
        let diagnostics = diagnostics.as_deref().unwrap_or_default();
        if statement::personal_identifier_errors(diagnostics) > 0 {
            return Err(mdbook_psdoc::Error::Failed {
                summary: "a personal identifier stands in the statement".into(),
            });
        }
        if statement::fails(diagnostics, self.fail_on) {
            return Err(statement::failure(diagnostics, self.fail_on));
        }
        Ok(())
    }

    fn diagnostics(&self) -> Result<Vec<Diagnostic>> {
        self.wait()?;
        Ok(self.diagnostics.borrow_mut().take().unwrap_or_default())
    }
}

/// mdBook empties its output folder before writing: never let that be a
/// folder holding anything but an earlier book, or the statement itself.
fn refuse_unsafe_output(output: &Path, root: &Path) -> Result<()> {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (out, root) = (canonical(output), canonical(root));
    if root.starts_with(&out) {
        bail!(
            "{}: mdBook empties its output folder, and this one holds the statement: choose a new or empty folder",
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
            "{}: the folder is not empty and holds no earlier book; mdBook empties its output folder before writing, so choose a new or empty folder",
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
