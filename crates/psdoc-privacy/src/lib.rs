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
//! # Deliberately not reported
//!
//! A tool that flags every number is switched off, so each kind has a line it does not
//! cross (each detector's module documents its own):
//!
//! - a ten-digit number failing both the date and the check digits, or named as something
//!   else just before it ("Invoice", "Order", "ISBN", "Ref", "Account" ...), unless "CHI" or
//!   "NHS" is next to it; a CHI number valid only under the 2026 modulus-10 scheme without
//!   "CHI" nearby;
//! - a nine-digit number without "SCN" or "candidate number"; an NI number without its
//!   suffix letter unless "NI" or "National Insurance" precedes it;
//! - postcode districts and sectors (`EH12`, `EH12 9`), mixed-case codes (`Eh12 9dN`);
//! - 08 and 09 numbers (freephone, premium rate: an organisation's);
//! - dates without a birth context, cohorts ("born between ..."), a month and year alone;
//! - names without an age or care context, "Child A", names marked as changed, adults
//!   (a title, or an age over 25), names that double as words in weak contexts only;
//! - a number and capitalised words without a street type ("22 Families", "12 Years").
//!
//! # Speed
//!
//! One pass of a prefilter with ASCII word boundaries, compiled to a DFA when psdoc is
//! built, finds the places worth a look; each kind's validating scanner then reads only the
//! few hundred bytes around such a place. Ordinary prose runs at several hundred MB/s on one core
//! (`cargo bench -p psdoc-privacy`), and about half as fast again when a file's units are
//! given together ([`Detector::find_all_each`]): the prefilter then reads two at once.
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
mod labels;
mod markdown_tables;
mod mask;
mod prefilter;
mod tables;
// Compiled into the prefilter by build.rs; the library itself uses only its street lists.
#[cfg_attr(not(test), allow(dead_code))]
mod triggers;

pub use detector::{CustomPattern, Detector, Identifier, PatternError, Settings, prepare};
pub use detectors::indirect::{Detail, Indirect};
pub use kind::Kind;
pub use mask::mask;
pub use tables::{counts_people, is_small_count};
