//! PDFs typeset with Typst as a library: tagged and accessible (PDF/UA-1:
//! headings, reading order, table headers, title and language `en-GB`,
//! embedded fonts), with no browser, LaTeX or network involved. The
//! creation date and the document's identifier come from the submission
//! date, so the same statement gives byte-identical files.
//!
//! Everything up to the markup is built here; the typesetting itself is a
//! [`Job`] handed to a [`Typesetter`]. [`typeset`] runs Typst in this
//! process; the `psdoc` command hands the job to its `psdoc-typeset`
//! helper instead, so that Typst (half of a `psdoc` binary, and two thirds
//! of the relocations the loader applies at every start) is loaded only by
//! the commands that write a PDF.

pub mod escape;
pub mod fonts;
pub mod markup;
mod world;

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

pub use markup::Layout;
use psdoc_evidence::Date;
use serde::{Deserialize, Serialize};
use world::MemoryWorld;

use crate::document::Document;
use crate::error::{Error, Result};

/// One document to typeset: its Typst markup, and the date and identifier
/// the PDF carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    /// The psdoc version that wrote the job ([`Job::VERSION`]): a typesetter of
    /// another version refuses it rather than guess.
    pub version: String,
    /// What the document is, for messages ("statement", "document log").
    pub what: String,
    /// The Typst markup, text escaped ([`escape`]).
    pub source: String,
    /// The creation date written in the PDF (the submission date).
    pub date: Date,
    /// The PDF's identifier.
    pub ident: String,
}

impl Job {
    /// This build's version, which a job carries and a typesetter expects.
    pub const VERSION: &'static str = env!("CARGO_PKG_VERSION");

    /// A job for `what`, written by this version.
    pub fn new(what: &str, source: String, date: Date, ident: String) -> Job {
        Job {
            version: Job::VERSION.to_owned(),
            what: what.to_owned(),
            source,
            date,
            ident,
        }
    }
}

/// Turns a [`Job`] into PDF bytes: [`typeset`], or a call to a process
/// that runs it.
pub type Typesetter = fn(&Job) -> Result<Vec<u8>>;

/// The statement as an accessible PDF.
pub fn statement(document: &Document, layout: Layout, typesetter: Typesetter) -> Result<Vec<u8>> {
    typesetter(&Job::new(
        "statement",
        markup::statement(document, layout),
        document.cover.submission,
        format!(
            "psdoc statement {} {}",
            document.cover.partnership, document.cover.submission
        ),
    ))
}

/// Typesets the job in this process and writes it as PDF/UA-1.
pub fn typeset(job: &Job) -> Result<Vec<u8>> {
    let date = job.date;
    let typeset_error = |reason: String| Error::Typeset {
        what: job.what.clone(),
        reason,
    };
    let today = Datetime::from_ymd(date.year, date.month, date.day)
        .ok_or_else(|| typeset_error(format!("{date} is not a date Typst accepts")))?;
    let world = MemoryWorld::new(job.source.clone(), today);
    let failed = |diagnostics: &[typst::diag::SourceDiagnostic]| Error::Typeset {
        what: job.what.clone(),
        reason: diagnostics
            .iter()
            .map(|d| {
                let at = typst::WorldExt::range(&world, d.span)
                    .and_then(|r| {
                        world.source().text().get(
                            r.start.saturating_sub(40)
                                ..(r.end + 40).min(world.source().text().len()),
                        )
                    })
                    .map(|s| format!(" (near `{}`)", s.replace('\n', " ")))
                    .unwrap_or_default();
                format!("{}{at}", d.message)
            })
            .collect::<Vec<_>>()
            .join("; "),
    };
    let document: PagedDocument = typst::compile(&world).output.map_err(|d| failed(&d))?;
    let standards = PdfStandards::new(&[PdfStandard::Ua_1])
        .map_err(|e| typeset_error(e.message().to_string()))?;
    let options = PdfOptions {
        ident: Smart::Custom(job.ident.clone()),
        creator: Smart::Custom(Some(format!("psdoc {}", Job::VERSION))),
        timestamp: Some(Timestamp::new_utc(today)),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|d| failed(&d))
}
