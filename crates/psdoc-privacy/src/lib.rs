//! Finds, validates and masks personal identifiers in the text of a position statement
//! and its evidence.
//!
//! The guidance asks partnerships to "ensure that your supporting evidence does not contain
//! any personal or identifiable information". This crate finds what would breach that (CHI,
//! NHS and National Insurance numbers, postcodes, e-mail addresses, phone numbers, dates of
//! birth, named children, home addresses, Scottish Candidate Numbers and locally configured
//! patterns), validates each candidate (check digits, real dates, allocated letters) so that
//! ordinary numbers are not reported, and masks every finding before anything is shown.
//!
//! It never prints: callers turn [`Identifier`]s into findings and show only
//! [`Identifier::masked`].
//!
//! ```
//! use psdoc_privacy::{Detector, Kind, Settings};
//!
//! let detector = Detector::new(&Settings::default()).unwrap();
//! let found = detector.find("Her CHI 1904851231 was on the form.");
//! assert_eq!(found[0].kind, Kind::Chi);
//! assert_eq!(found[0].masked, "19••••••31");
//! ```

mod context;
mod detector;
mod detectors;
mod kind;
mod mask;
mod tables;

pub use detector::{CustomPattern, Detector, Identifier, PatternError, Settings};
pub use kind::Kind;
pub use mask::mask;
pub use tables::{counts_people, is_small_count};
