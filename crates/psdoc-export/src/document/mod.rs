//! The statement as one document, in a form every writer (PDF, Word, HTML)
//! shares: blocks and inline runs as a reader sees them, with drafting notes
//! gone, identifiers masked and evidence references resolved to their links.
//! One model, so the PDF and the Word file say exactly the same words.

mod build;
mod evidence;
mod model;

pub use build::build;
pub use evidence::{Targets, link_references, number_tokens};
pub use model::*;
