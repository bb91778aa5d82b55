//! PDFs typeset in-process with Typst: tagged and accessible (PDF/UA-1:
//! headings, reading order, table headers, title and language `en-GB`,
//! embedded fonts), with no browser, LaTeX or network involved. The
//! creation date and the document's identifier come from the submission
//! date, so the same statement gives byte-identical files.

pub mod escape;
pub mod fonts;
pub mod markup;
mod world;

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

pub use markup::Layout;
use psdoc_evidence::Date;
use world::MemoryWorld;

use crate::document::Document;
use crate::error::{Error, Result};

/// The statement as an accessible PDF.
pub fn statement(document: &Document, layout: Layout) -> Result<Vec<u8>> {
    let source = markup::statement(document, layout);
    let ident = format!(
        "psdoc statement {} {}",
        document.cover.partnership, document.cover.submission
    );
    compile("statement", source, document.cover.submission, ident)
}

/// Typesets `source` and writes it as PDF/UA-1, dated `date`.
pub fn compile(what: &'static str, source: String, date: Date, ident: String) -> Result<Vec<u8>> {
    let today =
        Datetime::from_ymd(date.year, date.month, date.day).ok_or_else(|| Error::Typeset {
            what,
            reason: format!("{date} is not a date Typst accepts"),
        })?;
    let world = MemoryWorld::new(source, today);
    let failed = |diagnostics: &[typst::diag::SourceDiagnostic]| Error::Typeset {
        what,
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
    let standards = PdfStandards::new(&[PdfStandard::Ua_1]).map_err(|e| Error::Typeset {
        what,
        reason: e.message().to_string(),
    })?;
    let options = PdfOptions {
        ident: Smart::Custom(ident),
        creator: Smart::Custom(Some(format!("psdoc {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(today)),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|d| failed(&d))
}
