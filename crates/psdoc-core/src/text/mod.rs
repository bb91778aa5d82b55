//! Small text helpers shared by every renderer, kept in one place.

pub mod inert;
