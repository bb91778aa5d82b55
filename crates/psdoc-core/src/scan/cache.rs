//! The evidence cache: what the privacy scan found in each evidence file, kept between
//! runs of `psdoc check`, so that a file that has not changed is neither extracted nor
//! scanned again (reading a Word file or a PDF is nearly all of a check's time).
//!
//! An entry is keyed by a SHA-256 of the file's bytes and of everything else its
//! findings depend on: the psdoc build, the extraction limits, the `[privacy]`
//! settings that concern detection, the texts of the `[[privacy.allow]]` entries and the
//! path the findings name. It holds only the findings as they are shown, identifiers
//! masked, and for each the allow entries whose text it matched: never the file's
//! text nor an identifier in clear. A file with an indirect identifier (an age with a
//! named school or place) is not kept: those details are shown unmasked.
//!
//! The statement's own texts (its chapters, `partnership.toml`, `SUMMARY.md`, the log)
//! have one entry for all of them, keyed by the settings: for each text, by a SHA-256 of
//! it, what the detector found there, as kinds, byte ranges and masked forms. A check
//! after an edit scans only the texts that changed, and a check of an unchanged
//! statement compiles none of the scanners' patterns. The entry is written again with
//! the texts of the statement as it now is, so it never grows with old drafts.
//!
//! Entries are written to a temporary file and renamed into place, so that a reader
//! never sees half of one; an entry that cannot be read or parsed is a miss, and the
//! scan that follows writes it again. Nothing here fails a check: a cache that cannot
//! be written is a cache that is not used.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::ScanSettings;
use crate::config::PrivacySettings;
use crate::diagnostic::Finding;
use crate::model::Location;
use crate::text::hex;
use psdoc_extract::Limits;
use psdoc_privacy::{Identifier, Kind};

/// The first line of every entry of an evidence file: an entry of another format is a miss.
const HEADER: &str = "psdoc evidence cache 1\n";

/// The first line of the entry of a statement's texts ([`ScanCache::statement_key`]).
const STATEMENT_HEADER: &str = "psdoc statement cache 1\n";

/// Where entries are kept, and the build that wrote them.
#[derive(Debug, Clone)]
pub struct EvidenceCache {
    dir: PathBuf,
    build: String,
}

impl EvidenceCache {
    /// A cache in `dir` (created when first written to). `build` names the psdoc build
    /// (its version, and anything else that tells builds apart): entries of another
    /// build are never read.
    pub fn new(dir: impl Into<PathBuf>, build: impl Into<String>) -> EvidenceCache {
        EvidenceCache {
            dir: dir.into(),
            build: build.into(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The cache as one scan uses it, with these settings.
    pub(crate) fn for_scan<'t>(
        &self,
        privacy: &PrivacySettings,
        limits: &Limits,
        allow_texts: impl Iterator<Item = Option<&'t str>>,
    ) -> ScanCache<'_> {
        let mut hash = Sha256::new();
        let mut field = |bytes: &[u8]| {
            hash.update((bytes.len() as u64).to_le_bytes());
            hash.update(bytes);
        };
        field(HEADER.as_bytes());
        field(self.build.as_bytes());
        field(format!("{limits:?}").as_bytes());
        field(format!("{:?}", privacy.allow).as_bytes());
        field(privacy.small_number_threshold.to_string().as_bytes());
        field(format!("{:?}", privacy.patterns).as_bytes());
        field(format!("{:?}", privacy.area).as_bytes());
        field(format!("{:?}", allow_texts.collect::<Vec<_>>()).as_bytes());
        ScanCache {
            cache: self,
            settings: hash,
        }
    }
}

/// The cache with the key of one scan's settings.
pub struct ScanCache<'a> {
    cache: &'a EvidenceCache,
    settings: Sha256,
}

/// A finding of one file before `[[privacy.allow]]` entries apply: its rule, and its
/// text in the file (none for a file that could not be read).
pub(crate) struct Found {
    pub rule: &'static str,
    pub finding: Finding,
    pub raw: Option<String>,
}

/// A finding as an entry keeps it.
#[derive(Serialize, Deserialize)]
struct Cached {
    rule: String,
    message: String,
    line: usize,
    column: usize,
    length: usize,
    help: Option<String>,
    kind: Option<String>,
    masked: Option<String>,
    page: Option<u32>,
    sheet: Option<String>,
    cell: Option<String>,
    place: Option<String>,
    /// The `[[privacy.allow]]` entries whose `text` is the finding's text.
    allows: Vec<usize>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    findings: Vec<Cached>,
}

/// What the detector found in each text of a statement, by [`text_id`].
#[derive(Serialize, Deserialize)]
struct StatementEntry {
    texts: BTreeMap<String, Vec<CachedIdentifier>>,
}

/// An identifier as a statement entry keeps it: never its text in clear.
#[derive(Serialize, Deserialize, Clone, PartialEq)]
struct CachedIdentifier {
    kind: String,
    start: usize,
    end: usize,
    masked: String,
}

/// The texts of a statement's entry: what the detector found in each, by [`text_id`].
#[derive(Default, PartialEq)]
pub(crate) struct StatementTexts(BTreeMap<String, Vec<CachedIdentifier>>);

impl StatementTexts {
    /// What the entry says was found in `text` (whose id is `id`); none when the entry
    /// does not know the text or is damaged (a range that is not one of the text's).
    pub(crate) fn get(&self, id: &str, text: &str) -> Option<Vec<Identifier>> {
        self.0
            .get(id)?
            .iter()
            .map(|c| {
                text.get(c.start..c.end)?;
                let kind = Kind::from_name(&c.kind).unwrap_or_else(|| Kind::Custom(c.kind.clone()));
                Some(Identifier {
                    kind,
                    range: c.start..c.end,
                    masked: c.masked.clone(),
                })
            })
            .collect()
    }

    /// Records what was found in the text whose id is `id`.
    pub(crate) fn insert(&mut self, id: String, found: &[Identifier]) {
        let cached = found
            .iter()
            .map(|id| CachedIdentifier {
                kind: id.kind.name().to_owned(),
                start: id.range.start,
                end: id.range.end,
                masked: id.masked.clone(),
            })
            .collect();
        self.0.insert(id, cached);
    }
}

/// A statement text's id in the entry: a SHA-256 of the text and of how it is read
/// (`chapter`: for indirect identifiers too).
pub(crate) fn text_id(text: &str, chapter: bool) -> String {
    let mut hash = Sha256::new();
    hash.update([u8::from(chapter)]);
    hash.update(text.as_bytes());
    hex(&hash.finalize())
}

/// The rules whose findings an entry holds.
fn rule_named(name: &str) -> Option<&'static str> {
    [
        "personal-identifier",
        "small-number",
        "evidence-not-scanned",
    ]
    .into_iter()
    .find(|r| *r == name)
}

/// An entry's key: a file's name in the cache folder.
pub(crate) struct Key(String);

impl Key {
    fn of(hash: Sha256) -> Key {
        Key(hex(&hash.finalize()) + ".json")
    }
}

/// Temporary files get names no other writer uses.
static TEMPORARY: AtomicU64 = AtomicU64::new(0);

impl ScanCache<'_> {
    /// The key of the file shown as `shown` whose content is `bytes`.
    pub(crate) fn key(&self, shown: &str, bytes: &[u8]) -> Key {
        let mut hash = self.settings.clone();
        hash.update((shown.len() as u64).to_le_bytes());
        hash.update(shown.as_bytes());
        hash.update(bytes);
        Key::of(hash)
    }

    /// The findings of the entry `key`, filed as a fresh scan files them; false when
    /// there is no usable entry (then nothing is filed).
    pub(crate) fn replay(
        &self,
        key: &Key,
        shown: &str,
        settings: &ScanSettings<'_>,
        out: &mut super::PrivacyFindings,
    ) -> bool {
        let Some(entry) = self.load(key) else {
            return false;
        };
        for c in entry.findings {
            let Some(rule) = rule_named(&c.rule) else {
                continue;
            };
            let mut location = Location::new(shown, c.line, c.column);
            location.length = c.length;
            let mut finding = Finding::new(location, c.message);
            finding.help = c.help;
            finding.kind = c.kind;
            finding.masked = c.masked;
            finding.page = c.page;
            finding.sheet = c.sheet;
            finding.cell = c.cell;
            finding.place = c.place;
            settings.keep_matched(out, rule, finding, &c.allows);
        }
        true
    }

    /// The key of the statement's entry: one per set of settings, whatever the texts.
    pub(crate) fn statement_key(&self) -> Key {
        let mut hash = self.settings.clone();
        // No file's path holds a NUL: this key is never an evidence file's.
        let tag = "\0statement";
        hash.update((tag.len() as u64).to_le_bytes());
        hash.update(tag.as_bytes());
        Key::of(hash)
    }

    /// What earlier scans found in the statement's texts, by [`text_id`]; empty when
    /// there is no usable entry.
    pub(crate) fn load_statement(&self, key: &Key) -> StatementTexts {
        self.read::<StatementEntry>(key, STATEMENT_HEADER)
            .map(|entry| StatementTexts(entry.texts))
            .unwrap_or_default()
    }

    /// Keeps `texts` as the statement's entry. Errors are ignored: the next run scans
    /// the statement again.
    pub(crate) fn store_statement(&self, key: &Key, texts: StatementTexts) {
        let Ok(json) = serde_json::to_string(&StatementEntry { texts: texts.0 }) else {
            return;
        };
        let _ = self.write(key, STATEMENT_HEADER, &json);
    }

    fn read<T: serde::de::DeserializeOwned>(&self, key: &Key, header: &str) -> Option<T> {
        let text = std::fs::read_to_string(self.cache.dir.join(&key.0)).ok()?;
        serde_json::from_str(text.strip_prefix(header)?).ok()
    }

    fn load(&self, key: &Key) -> Option<Entry> {
        let entry: Entry = self.read(key, HEADER)?;
        // Every rule named must be one an entry may hold: else the entry is damaged.
        entry
            .findings
            .iter()
            .all(|c| rule_named(&c.rule).is_some())
            .then_some(entry)
    }

    /// Keeps the findings of the file shown as `shown` under `key`, if an entry may
    /// hold them. Errors are ignored: the next run scans the file again.
    pub(crate) fn store(
        &self,
        key: &Key,
        shown: &str,
        found: &[Found],
        allows: &super::allow::FileAllows<'_>,
    ) {
        let mut findings = Vec::with_capacity(found.len());
        for f in found {
            let Some(rule) = rule_named(f.rule) else {
                return; // an indirect identifier: its details are shown unmasked
            };
            let g = &f.finding;
            if g.location.file != shown || g.section.is_some() {
                return;
            }
            findings.push(Cached {
                rule: rule.to_owned(),
                message: g.message.clone(),
                line: g.location.line,
                column: g.location.column,
                length: g.location.length,
                help: g.help.clone(),
                kind: g.kind.clone(),
                masked: g.masked.clone(),
                page: g.page,
                sheet: g.sheet.clone(),
                cell: g.cell.clone(),
                place: g.place.clone(),
                allows: allows.matching_texts(f.raw.as_deref()),
            });
        }
        let Ok(json) = serde_json::to_string(&Entry { findings }) else {
            return;
        };
        let _ = self.write(key, HEADER, &json);
    }

    fn write(&self, key: &Key, header: &str, json: &str) -> std::io::Result<()> {
        let dir = &self.cache.dir;
        std::fs::create_dir_all(dir)?;
        let temporary = dir.join(format!(
            ".{}.{}.{}.tmp",
            key.0,
            std::process::id(),
            TEMPORARY.fetch_add(1, Ordering::Relaxed)
        ));
        let written = (|| {
            let mut file = std::fs::File::create(&temporary)?;
            file.write_all(header.as_bytes())?;
            file.write_all(json.as_bytes())?;
            drop(file);
            std::fs::rename(&temporary, dir.join(&key.0))
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn privacy() -> PrivacySettings {
        crate::config::Config::default().privacy
    }

    #[test]
    fn a_key_changes_with_the_content_the_path_the_build_and_the_settings() {
        let limits = Limits::default();
        let cache = EvidenceCache::new("/nowhere", "1");
        let scan = cache.for_scan(&privacy(), &limits, std::iter::empty());
        let key = |scan: &ScanCache<'_>, shown: &str, bytes: &[u8]| scan.key(shown, bytes).0;
        let base = key(&scan, "evidence/files/a.pdf", b"abc");
        assert_eq!(base, key(&scan, "evidence/files/a.pdf", b"abc"));
        assert_ne!(base, key(&scan, "evidence/files/a.pdf", b"abd"));
        assert_ne!(base, key(&scan, "evidence/files/b.pdf", b"abc"));
        let other_build = EvidenceCache::new("/nowhere", "2");
        let other = other_build.for_scan(&privacy(), &limits, std::iter::empty());
        assert_ne!(base, key(&other, "evidence/files/a.pdf", b"abc"));
        let mut settings = privacy();
        settings.small_number_threshold += 1;
        let other = cache.for_scan(&settings, &limits, std::iter::empty());
        assert_ne!(base, key(&other, "evidence/files/a.pdf", b"abc"));
        let other = cache.for_scan(&privacy(), &limits, std::iter::once(Some("0131")));
        assert_ne!(base, key(&other, "evidence/files/a.pdf", b"abc"));
    }
}
