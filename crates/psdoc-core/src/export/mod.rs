//! What psdoc writes for the inspectorate: the document log in every
//! format, and the submission bundle.

pub mod log;
pub mod package;
pub mod statement;
