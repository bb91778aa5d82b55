//! The statement in each format `psdoc export` writes, from one loaded
//! statement.

use psdoc_core::Project;

use crate::document::{self, Document};
use crate::error::Result;
use crate::pdf::{Layout, Typesetter};
use crate::{docx, html, pdf, statement};

/// A format the statement can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An accessible (tagged, PDF/UA-1) PDF with a cover and contents.
    Pdf,
    /// A Word file with Word's heading styles.
    Docx,
    /// One self-contained, accessible HTML page.
    Html,
    /// The statement's Markdown as one file.
    Markdown,
}

impl Format {
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Markdown => "md",
        }
    }

    /// Whether the format is text a terminal can show.
    pub fn is_text(self) -> bool {
        matches!(self, Format::Html | Format::Markdown)
    }
}

/// Options of an export.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// PDF: start each required section on a new page.
    pub page_per_section: bool,
    /// What typesets a PDF.
    pub typesetter: Typesetter,
}

impl Default for Options {
    /// Sections run on; PDFs typeset in this process.
    fn default() -> Self {
        Options {
            page_per_section: false,
            typesetter: pdf::typeset,
        }
    }
}

/// The statement in `format`.
pub fn export(project: &Project, format: Format, options: Options) -> Result<Vec<u8>> {
    Ok(match format {
        Format::Markdown => statement::to_markdown(project).into_bytes(),
        other => export_document(&document::build(project), other, options)?,
    })
}

/// An already built document in `format` (Markdown comes from the
/// project's text instead: see [`export`]).
pub fn export_document(document: &Document, format: Format, options: Options) -> Result<Vec<u8>> {
    Ok(match format {
        Format::Pdf => pdf::statement(
            document,
            Layout {
                page_per_section: options.page_per_section,
            },
            options.typesetter,
        )?,
        Format::Docx => docx::statement(document)?,
        Format::Html | Format::Markdown => html::statement(document).into_bytes(),
    })
}
