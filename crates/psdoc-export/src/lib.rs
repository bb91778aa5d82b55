//! The documents that reach the inspectorate: the statement as an accessible
//! PDF, a Word file, HTML and Markdown; the document log in every format; and
//! the submission package. Everything is built from the same model as
//! `psdoc check` ([`psdoc_core::Project`]): drafting notes stripped, personal
//! identifiers masked, `{{#include}}` resolved. The same statement and
//! submission date give byte-identical files.
//!
//! This library never prints and never exits: the `psdoc` binary does.

mod archive;
pub mod cover;
pub mod document;
pub mod docx;
pub mod error;
pub mod format;
pub mod html;
pub mod log;
pub mod log_pdf;
pub mod package;
pub mod pdf;
pub mod statement;
mod xml;

pub use error::{Error, Result};
pub use format::{Format, Options, export, export_document};
