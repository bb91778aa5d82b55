//! The statement as psdoc reads it: files, chapters, units of text and
//! sections.

pub mod chapter;
pub mod evidence;
pub mod files;
pub mod include;
pub mod markdown;
pub mod sections;
pub mod sources;
pub mod statement;
pub mod summary;

pub use files::{FileSource, MemoryFiles, WorkTree};
pub use markdown::{Unit, UnitKind};
pub use sections::Section;
pub use sources::{FileId, Location, SourceFile, Sources};
pub use statement::{Chapter, Place, Statement};
