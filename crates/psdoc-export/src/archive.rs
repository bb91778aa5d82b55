//! Zip archives that are the same byte for byte for the same input: entries
//! in the order given, compressed the same way, each dated the submission
//! date (not 1980, and never the clock). Used by the package and the Word
//! file, which is a zip too.

use std::io::Write;

use psdoc_evidence::Date;
use zip::write::SimpleFileOptions;

use crate::error::{Error, Result};

/// Zips `entries` (path, bytes), each dated `date` at midnight.
pub fn zip<'a>(
    what: &'static str,
    date: Date,
    entries: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<Vec<u8>> {
    let fail = |e: &dyn std::fmt::Display| Error::write(what, e);
    let time = zip_time(date);
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, bytes) in entries {
        zip.start_file(path, options).map_err(|e| fail(&e))?;
        zip.write_all(bytes).map_err(|e| fail(&e))?;
    }
    let cursor = zip.finish().map_err(|e| fail(&e))?;
    Ok(cursor.into_inner())
}

/// The submission date as a zip timestamp (zip dates run 1980 to 2107).
fn zip_time(date: Date) -> zip::DateTime {
    let year = date.year.clamp(1980, 2107) as u16;
    zip::DateTime::from_date_and_time(year, date.month, date.day, 0, 0, 0).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_and_reproducible() {
        let date = Date::new(2026, 3, 20).unwrap();
        let a = zip("test", date, [("a.txt", &b"hello"[..])]).unwrap();
        let b = zip("test", date, [("a.txt", &b"hello"[..])]).unwrap();
        assert_eq!(a, b);
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(a)).unwrap();
        let file = archive.by_index(0).unwrap();
        let time = file.last_modified().unwrap();
        assert_eq!((time.year(), time.month(), time.day()), (2026, 3, 20));
    }
}
