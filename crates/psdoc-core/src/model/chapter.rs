//! A chapter of the book as the statement reads it, and a place in the
//! statement's text.

use super::include::Expanded;
use super::markdown::{ParsedChapter, Unit, UnitKind};
use super::sources::FileId;

/// One chapter of the book.
#[derive(Debug, Clone)]
pub struct Chapter {
    pub title: String,
    pub file: FileId,
    /// Root-relative path of the chapter file.
    pub path: String,
    pub depth: usize,
    pub parent: Option<usize>,
    pub expanded: Expanded,
    pub parsed: ParsedChapter,
    /// Added to the chapter's heading levels so that a nested chapter's
    /// headings sit under its parent's first heading.
    pub level_offset: i32,
}

impl Chapter {
    /// A heading's level as the statement sees it.
    pub fn effective_level(&self, unit: &Unit) -> Option<u8> {
        match unit.kind {
            UnitKind::Heading { level } => {
                Some((i32::from(level) + self.level_offset).clamp(1, 12) as u8)
            }
            _ => None,
        }
    }
}

/// A place in the statement: chapter index and byte offset in its
/// expanded text. Ordered as the statement reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    pub chapter: usize,
    pub offset: usize,
}
