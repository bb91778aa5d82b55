//! The sections a statement is matched against come from the guidance
//! profile in force (`psdoc_guidance`): its section keys, and how a written
//! heading is matched to one (`Profile::match_heading`, `Profile::near_miss`).

pub use psdoc_guidance::{HeadingMatch, SectionKey, normalise};
