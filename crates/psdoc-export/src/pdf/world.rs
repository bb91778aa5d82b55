//! The smallest Typst world: one source file in memory, the embedded fonts,
//! no file system, no packages, no network and no clock (the date is the
//! submission date), so the same statement always typesets the same way.

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts::fonts;

/// A document's markup, ready to compile.
pub struct MemoryWorld {
    library: LazyHash<Library>,
    main: Source,
    today: Datetime,
}

impl MemoryWorld {
    pub fn new(markup: String, today: Datetime) -> Self {
        let path = VirtualPath::new("main.typ").expect("a valid virtual path");
        let id = FileId::new(RootedPath::new(VirtualRoot::Project, path));
        MemoryWorld {
            library: LazyHash::new(Library::default()),
            main: Source::new(id, markup),
            today,
        }
    }

    pub fn source(&self) -> &Source {
        &self.main
    }
}

impl World for MemoryWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
