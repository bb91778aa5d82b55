//! Zip archives (`.docx`, `.xlsx`, `.odt`) read within the limits: a member's
//! declared size is checked before it is opened, and the bytes it actually expands
//! to are counted as they are read, so a zip bomb stops at the limit.

use std::cell::Cell;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::rc::Rc;

use zip::ZipArchive;

use crate::model::{Limits, NotScanned, NotScannedKind, human_bytes};

/// Far more members than any real Office file has; a central directory listing
/// more is refused before it is parsed (each entry costs memory).
pub(crate) const MAX_MEMBERS: usize = 20_000;

pub(crate) struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    names: Vec<String>,
    limits: &'a Limits,
    /// Decompressed bytes read from this archive so far.
    used: Rc<Cell<u64>>,
    /// `.docx`, for messages.
    ext: &'a str,
}

/// A failure while reading one member, as the member's parser reports it.
pub(crate) enum MemberError {
    /// The XML (or other content) is malformed: the message says how.
    Malformed(String),
}

impl<'a> Archive<'a> {
    pub(crate) fn open(
        bytes: &'a [u8],
        limits: &'a Limits,
        ext: &'a str,
    ) -> Result<Self, NotScanned> {
        if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
            // An OLE compound file: how Office stores a password-protected document
            // (and the old .doc/.xls formats).
            return Err(NotScanned::new(
                NotScannedKind::Encrypted,
                format!(
                    "a password-protected Office file (or an old-format document renamed {ext}): \
                     psdoc cannot read it"
                ),
            ));
        }
        let members = memchr::memmem::find_iter(bytes, b"PK\x01\x02").count();
        if members > MAX_MEMBERS {
            return Err(NotScanned::new(
                NotScannedKind::OverLimit,
                format!("the archive lists more than {MAX_MEMBERS} members"),
            ));
        }
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
            NotScanned::new(
                NotScannedKind::Corrupt,
                format!("not a zip archive (corrupt {ext}?)"),
            )
        })?;
        let names = zip
            .file_names()
            .filter_map(Result::ok)
            .map(|n| n.into_owned())
            .collect();
        Ok(Archive {
            zip,
            names,
            limits,
            used: Rc::new(Cell::new(0)),
            ext,
        })
    }

    /// Member names in the archive's order.
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }

    /// Runs `parse` over the member `name`, read through a size-capped reader.
    pub(crate) fn parse<T>(
        &mut self,
        name: &str,
        parse: impl FnOnce(&mut dyn BufRead) -> Result<T, MemberError>,
    ) -> Result<T, NotScanned> {
        let limits = self.limits;
        let ext = self.ext;
        let mut file = self.zip.by_name(name).map_err(|e| {
            let encrypted =
                matches!(e, zip::result::ZipError::UnsupportedArchive(m) if m.contains("assword"));
            if encrypted {
                NotScanned::new(
                    NotScannedKind::Encrypted,
                    format!("zip member {name} is password-protected"),
                )
            } else {
                NotScanned::new(
                    NotScannedKind::Corrupt,
                    format!("zip member {name} cannot be read (corrupt {ext}?)"),
                )
            }
        })?;
        if file.encrypted() {
            return Err(NotScanned::new(
                NotScannedKind::Encrypted,
                format!("zip member {name} is password-protected"),
            ));
        }
        let declared = file.size();
        let member_cap = limits.max_member_bytes;
        let archive_left = limits.max_archive_bytes.saturating_sub(self.used.get());
        if declared > member_cap {
            return Err(member_over(name, member_cap));
        }
        if declared > archive_left {
            return Err(archive_over(ext, limits.max_archive_bytes));
        }
        let hit = Rc::new(Cell::new(None));
        let capped = Capped {
            inner: &mut file,
            member_left: member_cap,
            archive_left,
            used: Rc::clone(&self.used),
            hit: Rc::clone(&hit),
        };
        let mut reader = BufReader::with_capacity(64 * 1024, capped);
        let result = parse(&mut reader);
        match hit.get() {
            Some(Over::Member) => Err(member_over(name, member_cap)),
            Some(Over::Archive) => Err(archive_over(ext, limits.max_archive_bytes)),
            None => result.map_err(|MemberError::Malformed(why)| {
                if why.contains("declared uncompressed size") {
                    // The zip crate stops a member that inflates past the size its
                    // header declares: the signature of a zip bomb.
                    NotScanned::new(
                        NotScannedKind::Corrupt,
                        format!(
                            "zip member {name} expands beyond the size it declares \
                             (a zip bomb, or a damaged {ext})"
                        ),
                    )
                } else {
                    // The parser's message is left out: it can quote the file.
                    NotScanned::new(
                        NotScannedKind::Corrupt,
                        format!("zip member {name} is damaged (malformed XML): corrupt {ext}?"),
                    )
                }
            }),
        }
    }

    /// The whole member as bytes (for small parts such as relationships).
    pub(crate) fn read(&mut self, name: &str) -> Result<Vec<u8>, NotScanned> {
        self.parse(name, |r| {
            let mut v = Vec::new();
            r.read_to_end(&mut v)
                .map_err(|e| MemberError::Malformed(e.to_string()))?;
            Ok(v)
        })
    }
}

fn member_over(name: &str, cap: u64) -> NotScanned {
    NotScanned::new(
        NotScannedKind::OverLimit,
        format!(
            "zip member {name} expands beyond {} (limits.max_member_bytes)",
            human_bytes(cap)
        ),
    )
}

fn archive_over(ext: &str, cap: u64) -> NotScanned {
    NotScanned::new(
        NotScannedKind::OverLimit,
        format!(
            "the {ext} expands beyond {} in all (limits.max_archive_bytes)",
            human_bytes(cap)
        ),
    )
}

#[derive(Clone, Copy)]
enum Over {
    Member,
    Archive,
}

/// Counts the bytes that come out of a member and fails once a cap is passed.
struct Capped<'r> {
    inner: &'r mut dyn Read,
    member_left: u64,
    archive_left: u64,
    used: Rc<Cell<u64>>,
    hit: Rc<Cell<Option<Over>>>,
}

impl Read for Capped<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.hit.get().is_some() {
            return Err(io::Error::other("size limit reached"));
        }
        // Ask for one byte more than allowed, so an overrun is seen rather than
        // silently truncated.
        let allowed = self.member_left.min(self.archive_left).saturating_add(1);
        let want = buf
            .len()
            .min(usize::try_from(allowed).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        let n64 = n as u64;
        if n64 > self.member_left {
            self.hit.set(Some(Over::Member));
            return Err(io::Error::other("member size limit reached"));
        }
        if n64 > self.archive_left {
            self.hit.set(Some(Over::Archive));
            return Err(io::Error::other("archive size limit reached"));
        }
        self.member_left -= n64;
        self.archive_left -= n64;
        self.used.set(self.used.get() + n64);
        Ok(n)
    }
}

/// Resolves a relationship target against the folder of the part that names it:
/// `worksheets/sheet1.xml` from `xl/workbook.xml` is `xl/worksheets/sheet1.xml`;
/// `/xl/styles.xml` is absolute; `..` steps up.
pub(crate) fn resolve(base_part: &str, target: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if let Some(abs) = target.strip_prefix('/') {
        return normalise(Vec::new(), abs);
    }
    if let Some((dir, _)) = base_part.rsplit_once('/') {
        parts.extend(dir.split('/').filter(|p| !p.is_empty()));
    }
    normalise(parts, target)
}

fn normalise<'s>(mut parts: Vec<&'s str>, target: &'s str) -> String {
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(
            resolve("xl/workbook.xml", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/workbook.xml", "/xl/styles.xml"),
            "xl/styles.xml"
        );
        assert_eq!(
            resolve("xl/worksheets/sheet1.xml", "../comments1.xml"),
            "xl/comments1.xml"
        );
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
    }
}
