//! The guidance as data. Everything psdoc knows about the Care
//! Inspectorate's letter (the sections and their headings, the accepted
//! orders, the combined heading, how many key achievements, what answers
//! "capacity for improvement", the word limit, the quality framework and its
//! focus indicators, Appendix 2's core documents) is a [`Profile`], read from
//! a TOML file: psdoc's built-in ones under `profiles/`, or a partnership's
//! own. When the inspectorate's letter changes, a new TOML file follows it,
//! not a new release of psdoc.
//!
//! This crate never prints and never reads a file itself: callers hand it
//! the text of a profile and get a [`Profile`] or a [`ProfileError`] with the
//! line to fix.

mod adjust;
mod builtin;
mod error;
mod file;
mod heading;
mod key;
mod profile;
mod resolve;

pub use adjust::{Adjustments, SectionAdjustment};
pub use builtin::{BUILTIN, DEFAULT, builtin, default_profile};
pub use error::ProfileError;
pub use file::{parse_profile, to_toml};
pub use heading::{HeadingMatch, normalise};
pub use key::SectionKey;
pub use profile::{
    AchievementRange, Capacity, Combined, CoreDocument, Framework, Origin, Profile,
    QualityIndicator, SectionSpec,
};
pub use resolve::{adjust, from_file};
