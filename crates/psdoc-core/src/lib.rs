//! psdoc's core: the position statement model, the rules of the Care
//! Inspectorate's guidance, and their findings. This library never prints
//! and never exits; the `psdoc` binary and `mdbook-psdoc` are thin doors
//! onto it.

pub mod check;
pub mod config;
pub mod count;
pub mod diagnostic;
pub mod error;
pub mod heading;
pub mod model;
pub mod online;
pub mod order;
pub mod position;
pub mod redact;
pub mod render;
pub mod report;
pub mod rules;
pub mod scan;

pub mod scaffold;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod text;
pub mod words;

pub use check::{Project, Tally, find_root};
pub use config::Config;
pub use diagnostic::Diagnostic;
pub use error::{Error, Result};
pub use heading::SectionKey;
pub use report::Report;
pub use rules::{RULES, Rule, Severity};
