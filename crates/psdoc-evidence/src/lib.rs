//! The evidence side of a position statement: the document log, evidence references in
//! the prose, Appendix 2's core documents and the 2019 quality framework's indicators.
//!
//! A library only: it never prints and never exits. Rules are built on top of it.

pub mod core_documents;
pub mod date;
pub mod log;
pub mod quality;
pub mod reference;

pub use core_documents::{CORE_DOCUMENTS, CoreDocument, MINUTES_BODIES, core_document};
pub use date::Date;
pub use log::{
    Document, DocumentLog, FIELDS, LogError, load_log, parse_csv_log, parse_toml_log,
    parse_xlsx_log,
};
pub use quality::{
    FOCUS_QIS, GRADING_SCALE, QiReference, QualityIndicator, find_qi_references, quality_indicator,
    quality_indicators,
};
pub use reference::{Cited, Reference, ReferenceKind, find_references};
