//! What kind of file was given, from its first bytes as well as its name:
//! a Word or OpenDocument zip, a password-protected or old Word file (both
//! OLE compound files), Markdown, or something psdoc cannot import. Zip
//! members are read within a size limit, so a zip bomb stops early.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::xml::{self, Element};

/// The most psdoc reads of one file or zip member (a statement's
/// `document.xml` is well under a megabyte).
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The kinds of file an import reads.
pub enum Kind {
    Docx(Zip),
    Odt(Zip),
    Markdown(String),
}

/// An opened Word or OpenDocument file.
pub struct Zip {
    archive: zip::ZipArchive<std::io::Cursor<Vec<u8>>>,
    pub path: std::path::PathBuf,
}

impl Zip {
    /// A member's bytes, or `None` when it is absent.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let mut member = match self.archive.by_name(name) {
            Ok(m) => m,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(corrupt(&self.path, "Word", e.to_string())),
        };
        let mut bytes = Vec::new();
        (&mut member)
            .take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| corrupt(&self.path, "Word", e.to_string()))?;
        if bytes.len() as u64 > MAX_BYTES {
            return Err(corrupt(
                &self.path,
                "Word",
                format!("{name} is larger than {} MB", MAX_BYTES / 1024 / 1024),
            ));
        }
        Ok(Some(bytes))
    }

    /// A member parsed as XML, or `None` when it is absent; `kind` ("Word",
    /// "OpenDocument") names the file in the error when it does not parse.
    pub fn xml(&mut self, name: &str, kind: &'static str) -> Result<Option<Element>> {
        let Some(bytes) = self.read(name)? else {
            return Ok(None);
        };
        xml::parse(&bytes)
            .map(Some)
            .map_err(|reason| corrupt(&self.path, kind, format!("{name}: {reason}")))
    }

    /// The error for a file of `kind` ("Word", "OpenDocument") that is
    /// not what it says it is.
    pub fn corrupt(&self, kind: &'static str, reason: String) -> Error {
        corrupt(&self.path, kind, reason)
    }

    pub fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }
}

fn corrupt(file: &Path, kind: &'static str, reason: String) -> Error {
    Error::Corrupt {
        file: file.to_path_buf(),
        kind,
        reason,
    }
}

/// Opens `path` and tells what it is.
pub fn open(path: &Path) -> Result<Kind> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::Read {
            file: path.to_path_buf(),
            reason: e.to_string(),
        })?
        .len();
    if size > MAX_BYTES {
        return Err(Error::Read {
            file: path.to_path_buf(),
            reason: format!(
                "it is larger than {} MB, far more than a statement",
                MAX_BYTES / 1024 / 1024
            ),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::Read {
        file: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    classify(path, bytes)
}

/// Tells what `bytes` (read from `path`) are.
pub fn classify(path: &Path, bytes: Vec<u8>) -> Result<Kind> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // An OLE compound file: Word encrypts a .docx into one (its
        // `EncryptedPackage` stream), and .doc files are one.
        let marker: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) {
            return Err(Error::Encrypted {
                file: path.to_path_buf(),
            });
        }
        return Err(Error::OldWord {
            file: path.to_path_buf(),
        });
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let kind = if ext == "odt" { "OpenDocument" } else { "Word" };
        let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| corrupt(path, kind, e.to_string()))?;
        let zip = Zip {
            archive,
            path: path.to_path_buf(),
        };
        if zip.has("word/document.xml") {
            return Ok(Kind::Docx(zip));
        }
        if zip.has("content.xml") {
            return Ok(Kind::Odt(zip));
        }
        if zip.has("EncryptedPackage") || zip.has("META-INF/manifest.xml") && ext == "odt" {
            return Err(Error::Encrypted {
                file: path.to_path_buf(),
            });
        }
        return Err(corrupt(
            path,
            kind,
            "it is a zip archive without a document in it".into(),
        ));
    }
    match ext.as_str() {
        "md" | "markdown" | "txt" => match String::from_utf8(bytes) {
            Ok(text) => Ok(Kind::Markdown(
                text.trim_start_matches('\u{feff}').to_owned(),
            )),
            Err(_) => Err(Error::Read {
                file: path.to_path_buf(),
                reason: "it is not UTF-8 text: save it as UTF-8 and import it again".into(),
            }),
        },
        "docx" | "docm" | "dotx" => Err(corrupt(path, "Word", "it is not a zip archive".into())),
        "odt" => Err(corrupt(
            path,
            "OpenDocument",
            "it is not a zip archive".into(),
        )),
        _ => Err(Error::Unsupported {
            file: path.to_path_buf(),
        }),
    }
}
