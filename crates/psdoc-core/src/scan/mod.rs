//! The privacy scan: personal identifiers, indirect identifiers and small counts in
//! the statement (every text file psdoc read, HTML comments included), in the local
//! evidence files and in every other file the repository publishes or submits, and
//! the files whose text could not be read.
//!
//! `allow` holds the `[[privacy.allow]]` entries, `files` which files of the
//! repository are read, `place` how a place inside an evidence file is said.

pub mod allow;
pub mod cache;
pub mod files;
mod git_index;
pub mod place;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

pub use psdoc_extract::Limits;
use psdoc_extract::{Extracted, Location as ExtractLocation};
use psdoc_privacy::{Identifier, Indirect, Kind, counts_people, is_small_count};
use rayon::prelude::*;

use crate::diagnostic::Finding;
use crate::heading::SectionKey;
use crate::model::files::ReadError;
use crate::model::markdown::UnitKind;
use crate::model::{Location, Place, Sources, Statement, WorkTree};
use crate::redact::Redactor;
use allow::{Allowed, FileAllows};
use cache::Found;

/// Findings of the privacy rules, before severities apply.
#[derive(Debug, Clone, Default)]
pub struct PrivacyFindings {
    pub identifiers: Vec<Finding>,
    pub small_numbers: Vec<Finding>,
    pub not_scanned: Vec<Finding>,
    pub indirect: Vec<Finding>,
    /// Findings a `[[privacy.allow]]` entry allowed, with its reason.
    pub allowed: Vec<Allowed>,
    /// `[[privacy.allow]]` entries that allowed nothing (`unused-allow`).
    pub unused_allows: Vec<Finding>,
}

/// What every scan of a file needs.
pub struct ScanSettings<'a> {
    pub redactor: &'a Redactor,
    /// `small_number_threshold`.
    pub threshold: u32,
    pub limits: &'a Limits,
    pub allows: &'a FileAllows<'a>,
    /// What earlier runs found in files that have not changed since (`psdoc check`).
    pub cache: Option<&'a cache::ScanCache<'a>>,
}

impl ScanSettings<'_> {
    /// Files `finding` under `rule`, unless an entry allows it (then kept as allowed).
    fn keep(
        &self,
        out: &mut PrivacyFindings,
        rule: &'static str,
        finding: Finding,
        raw: Option<&str>,
    ) {
        let entry = self
            .allows
            .find(rule, &finding.location.file, finding.kind.as_deref(), raw);
        Self::file(out, rule, finding, entry);
    }

    /// [`ScanSettings::keep`] for a cached finding, which knows of its text only the
    /// allow entries whose text it is (`matches`, their indices).
    fn keep_matched(
        &self,
        out: &mut PrivacyFindings,
        rule: &'static str,
        finding: Finding,
        matches: &[usize],
    ) {
        let entry = self.allows.find_by(
            rule,
            &finding.location.file,
            finding.kind.as_deref(),
            |i, _| matches.contains(&i),
        );
        Self::file(out, rule, finding, entry);
    }

    fn file(
        out: &mut PrivacyFindings,
        rule: &'static str,
        finding: Finding,
        entry: Option<&crate::config::FileAllow>,
    ) {
        if let Some(entry) = entry {
            out.allowed.push(Allowed {
                rule,
                finding,
                reason: entry.reason.clone(),
                line: entry.line,
            });
            return;
        }
        match rule {
            "personal-identifier" => out.identifiers.push(finding),
            "small-number" => out.small_numbers.push(finding),
            "indirect-identifier" => out.indirect.push(finding),
            _ => out.not_scanned.push(finding),
        }
    }
}

impl PrivacyFindings {
    /// All of `parts` in one, allocated once (a scan of a large folder holds
    /// many findings: no doubling of vectors on the way).
    fn concat(mut first: PrivacyFindings, parts: Vec<PrivacyFindings>) -> PrivacyFindings {
        first
            .identifiers
            .reserve_exact(parts.iter().map(|p| p.identifiers.len()).sum());
        first
            .small_numbers
            .reserve_exact(parts.iter().map(|p| p.small_numbers.len()).sum());
        first
            .not_scanned
            .reserve_exact(parts.iter().map(|p| p.not_scanned.len()).sum());
        first
            .indirect
            .reserve_exact(parts.iter().map(|p| p.indirect.len()).sum());
        for p in parts {
            first.extend(p);
        }
        first
    }

    /// Adds `other`'s findings to these.
    pub fn extend(&mut self, other: PrivacyFindings) {
        self.identifiers.extend(other.identifiers);
        self.small_numbers.extend(other.small_numbers);
        self.not_scanned.extend(other.not_scanned);
        self.indirect.extend(other.indirect);
        self.allowed.extend(other.allowed);
        self.unused_allows.extend(other.unused_allows);
    }
}

/// Progress of a scan: bytes read so far of the total.
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Sync);

/// A finding for an identifier, its message naming only the masked form.
pub fn identifier_finding(id: &Identifier, location: Location) -> Finding {
    let help = match id.kind {
        Kind::NamedChild => "use an anonymised form such as \"Child A\", or mark a changed name: \"(not her real name)\"".to_owned(),
        Kind::NamedRelative => "leave the name out (\"the child's grandmother\"), or mark a changed name: \"(not her real name)\"".to_owned(),
        Kind::Custom(_) => "remove the reference: local case references identify a child".to_owned(),
        Kind::Email => "remove it, or give a role mailbox instead of a person's address; if it is a team's or an office's address, add it to `allow` under [privacy] in partnership.toml".to_owned(),
        Kind::Phone => "remove it; if it is a public office's or a team's number, add the exact text to `allow` under [privacy] in partnership.toml".to_owned(),
        Kind::Postcode | Kind::Address => "give the area or the locality instead; if it is a public office's, add the exact text to `allow` under [privacy] in partnership.toml".to_owned(),
        _ => "remove it or anonymise it: a child's number, date of birth or name must not be in a submitted document".to_owned(),
    };
    Finding::new(
        location,
        format!(
            "{} ({}): the guidance asks that nothing personal or identifiable is submitted",
            id.kind.description(),
            id.masked
        ),
    )
    .identifier(id.kind.name(), id.masked.clone())
    .help(help)
}

/// An indirect identifier: one child's age with a named school, place or event.
pub fn indirect_finding(found: &Indirect, location: Location) -> Finding {
    Finding::new(
        location,
        format!(
            "a child's age or year group (\"{}\") with {} (\"{}\"): together they could identify a child",
            found.age,
            found.kind.description(),
            found.detail
        ),
    )
    .help(match found.kind {
        psdoc_privacy::Detail::School => "generalise one of them: \"a secondary school pupil\", \"a young person\", or leave the school out",
        psdoc_privacy::Detail::Place => "generalise one of them: name the locality or the partnership area, or say \"a young person\"",
        psdoc_privacy::Detail::Event => "generalise one of them: say \"a young person\" without the age, or describe the event in general terms",
    })
}

/// Identifiers and indirect identifiers in every file of the statement psdoc read, and
/// small counts in its Markdown tables.
pub fn scan_statement(
    statement: &Statement,
    sources: &Sources,
    settings: &ScanSettings<'_>,
) -> PrivacyFindings {
    let mut out = PrivacyFindings::default();
    // Every other file read: partnership.toml, book.toml, SUMMARY.md, the log.
    let chapter_files: std::collections::HashSet<_> =
        statement.chapters.iter().map(|c| c.path.as_str()).collect();
    let others: Vec<_> = sources
        .iter()
        .map(|(_, file)| file)
        .filter(|file| !chapter_files.contains(file.path.as_str()))
        .collect();
    let texts: Vec<&str> = (statement.chapters.iter())
        .map(|c| c.expanded.text.as_str())
        .chain(others.iter().map(|f| f.text.as_str()))
        .collect();
    let (mut found, indirect) = find_in_statement(&texts, statement.chapters.len(), settings);
    let found_in_others = found.split_off(statement.chapters.len());
    // Chapters through their expanded text, so each finding knows its section.
    let mut seen: std::collections::HashSet<(String, usize, usize)> = Default::default();
    let mut seen_indirect: std::collections::HashSet<(String, usize, usize)> = Default::default();
    for (ci, ((chapter, found), indirect)) in (statement.chapters.iter().zip(found))
        .zip(indirect)
        .enumerate()
    {
        let text = &chapter.expanded.text;
        for id in found {
            let place = Place {
                chapter: ci,
                offset: id.range.start,
            };
            let mut location = statement.locate(sources, place, id.masked.chars().count());
            location.length = id.masked.chars().count();
            if !seen.insert((location.file.clone(), location.line, location.column)) {
                continue;
            }
            let section = statement.section_at(place).and_then(|s| s.key);
            let finding = identifier_finding(&id, location).section(section);
            settings.keep(
                &mut out,
                "personal-identifier",
                finding,
                Some(&text[id.range.clone()]),
            );
        }
        for found in indirect {
            let place = Place {
                chapter: ci,
                offset: found.range.start,
            };
            let length = text[found.range.clone()].chars().count();
            let location = statement.locate(sources, place, length);
            if !seen_indirect.insert((location.file.clone(), location.line, location.column)) {
                continue;
            }
            let section = statement.section_at(place).and_then(|s| s.key);
            let finding = indirect_finding(&found, location).section(section);
            settings.keep(
                &mut out,
                "indirect-identifier",
                finding,
                Some(&text[found.range.clone()]),
            );
        }
    }
    for (file, found) in others.iter().zip(found_in_others) {
        for id in found {
            let pos = file.position(id.range.start);
            if !seen.insert((file.path.clone(), pos.line, pos.column)) {
                continue;
            }
            let mut location = Location::new(&file.path, pos.line, pos.column);
            location.length = id.masked.chars().count();
            let finding = identifier_finding(&id, location);
            settings.keep(
                &mut out,
                "personal-identifier",
                finding,
                Some(&file.text[id.range.clone()]),
            );
        }
    }
    for (finding, raw) in small_numbers_in_tables(statement, sources, settings.threshold) {
        settings.keep(&mut out, "small-number", finding, Some(&raw));
    }
    out
}

/// What the detector finds in each of `texts`: the first `chapters` are chapters, read
/// for indirect identifiers too; the others are the statement's other files. A text
/// the cache has seen is not scanned again.
fn find_in_statement(
    texts: &[&str],
    chapters: usize,
    settings: &ScanSettings<'_>,
) -> (Vec<Vec<Identifier>>, Vec<Vec<Indirect>>) {
    let cache = settings.cache.map(|cache| (cache, cache.statement_key()));
    let known = cache
        .as_ref()
        .map(|(cache, key)| cache.load_statement(key))
        .unwrap_or_default();
    let mut now = cache::StatementTexts::default();
    let mut found = Vec::with_capacity(texts.len());
    let mut indirect = Vec::with_capacity(chapters);
    for (i, text) in texts.iter().enumerate() {
        let chapter = i < chapters;
        let id = cache.as_ref().map(|_| cache::text_id(text, chapter));
        if let Some(id) = id.as_deref()
            && let Some(ids) = known.get(id, text)
        {
            now.insert(id.to_owned(), &ids);
            found.push(ids);
            if chapter {
                indirect.push(Vec::new());
            }
            continue;
        }
        let (ids, details) = if chapter {
            settings.redactor.find_all(text, &[])
        } else {
            (settings.redactor.find(text), Vec::new())
        };
        // Indirect identifiers are shown with their details in clear: never kept.
        if let Some(id) = id
            && details.is_empty()
        {
            now.insert(id, &ids);
        }
        found.push(ids);
        if chapter {
            indirect.push(details);
        }
    }
    if let Some((cache, key)) = &cache
        && now != known
    {
        cache.store_statement(key, now);
    }
    (found, indirect)
}

/// Small counts in the statement's Markdown tables.
fn small_numbers_in_tables(
    statement: &Statement,
    sources: &Sources,
    threshold: u32,
) -> Vec<(Finding, String)> {
    let mut out = Vec::new();
    if threshold <= 1 {
        return out;
    }
    for (ci, chapter) in statement.chapters.iter().enumerate() {
        // (table, row, column) -> unit, for the header and row label of a cell.
        let cells: std::collections::HashMap<(usize, usize, usize), &crate::model::Unit> = chapter
            .parsed
            .units
            .iter()
            .filter_map(|u| match u.kind {
                UnitKind::TableCell {
                    table, row, column, ..
                } => Some(((table, row, column), u)),
                _ => None,
            })
            .collect();
        let text_at =
            |t: usize, r: usize, c: usize| cells.get(&(t, r, c)).map_or("", |u| u.text.as_str());
        let mut ordered: Vec<_> = cells.iter().map(|(k, u)| (*k, *u)).collect();
        ordered.sort_by_key(|(k, _)| *k);
        for &((table, row, column), unit) in &ordered {
            if row == 0 || !is_small_count(&unit.text, threshold) {
                continue;
            }
            let header = text_at(table, 0, column);
            let label = if column == 0 {
                ""
            } else {
                text_at(table, row, 0)
            };
            if !(counts_people(header) || counts_people(label)) {
                continue;
            }
            let place = Place {
                chapter: ci,
                offset: unit.source_offset(0),
            };
            let location = statement.locate(sources, place, unit.text.trim().chars().count());
            let section = statement.section_at(place).and_then(|s| s.key);
            out.push((
                small_number_finding(
                    unit.text.trim(),
                    header,
                    label,
                    threshold,
                    location,
                    section,
                ),
                unit.text.trim().to_owned(),
            ));
        }
    }
    out
}

fn small_number_finding(
    value: &str,
    header: &str,
    label: &str,
    threshold: u32,
    location: Location,
    section: Option<SectionKey>,
) -> Finding {
    let location_file = location.file.clone();
    let what = [label.trim(), header.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
    Finding::new(
        location,
        format!(
            "a count of {value} ({what}) is below {threshold}: so few children or families may be identifiable"
        ),
    )
    .section(section)
    .help(format!(
        "suppress it (write `<{threshold}` or `*`), combine rows or years, or give a percentage; if it does not count people, allow it: {}",
        allow_hint(&location_file, "small-number")
    ))
}

/// How to allow a finding of `rule` in `file`, in the way that works for its type: an
/// HTML comment in Markdown, a `[[privacy.allow]]` entry anywhere else (a spreadsheet
/// or a PDF cannot hold a comment).
pub fn allow_hint(file: &str, rule: &str) -> String {
    let lower = file.to_ascii_lowercase();
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        format!("put <!-- psdoc-allow {rule} --> just before the block")
    } else {
        format!(
            "add to partnership.toml [[privacy.allow]] with file = \"{file}\", rule = \"{rule}\" and the reason"
        )
    }
}

/// Every file under the evidence folder, scanned in parallel.
pub fn scan_evidence_folder(
    files: &WorkTree,
    evidence_dir: &str,
    settings: &ScanSettings<'_>,
    progress: Option<Progress<'_>>,
) -> PrivacyFindings {
    let real_dir = match files.resolve(evidence_dir) {
        Ok(dir) => dir,
        Err(ReadError::NotFound) => return PrivacyFindings::default(),
        // A folder linked out of the repository: said, never silence.
        Err(e) => {
            let mut out = PrivacyFindings::default();
            let reason = unreadable_link(e, "the statement repository");
            settings.keep(
                &mut out,
                "evidence-not-scanned",
                not_scanned(evidence_dir, &reason),
                None,
            );
            return out;
        }
    };
    let mut paths: Vec<(String, u64)> = Vec::new();
    for entry in walkdir::WalkDir::new(&real_dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if !entry.file_type().is_file() && !entry.file_type().is_symlink() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&real_dir) else {
            continue;
        };
        let rel = format!("{evidence_dir}/{}", crate::model::files::to_relative(rel));
        let size = entry.metadata().map_or(0, |m| m.len());
        paths.push((rel, size));
    }
    scan_files(files, &paths, settings, progress, Some(evidence_dir))
}

/// Scans root-relative `paths` (with their sizes) in parallel.
pub fn scan_files(
    files: &WorkTree,
    paths: &[(String, u64)],
    settings: &ScanSettings<'_>,
    progress: Option<Progress<'_>>,
    must_stay_in: Option<&str>,
) -> PrivacyFindings {
    let total: u64 = paths.iter().map(|(_, s)| *s).sum();
    let done = AtomicU64::new(0);
    let results: Vec<PrivacyFindings> = paths
        .par_iter()
        .map(|(path, size)| {
            let findings = scan_one(files, path, settings, must_stay_in);
            let now = done.fetch_add(*size, Ordering::Relaxed) + size;
            if let Some(p) = progress {
                p(now, total);
            }
            findings
        })
        .collect();
    PrivacyFindings::concat(PrivacyFindings::default(), results)
}

fn scan_one(
    files: &WorkTree,
    path: &str,
    settings: &ScanSettings<'_>,
    must_stay_in: Option<&str>,
) -> PrivacyFindings {
    let mut out = PrivacyFindings::default();
    let within = match must_stay_in {
        Some(dir) => crate::model::FileSource::stays_within(files, path, dir),
        None => files.resolve(path).map(|_| ()),
    };
    if let Err(e) = within {
        // A link to a folder inside the evidence folder: its files are
        // scanned where they are.
        let real = files.resolve(path).ok();
        let real_dir = must_stay_in.and_then(|dir| files.resolve(dir).ok());
        if let (Some(real), Some(real_dir)) = (real, real_dir)
            && real.is_dir()
            && real.starts_with(real_dir)
        {
            return out;
        }
        let leaving = if must_stay_in.is_some() {
            "the evidence folder"
        } else {
            "the statement repository"
        };
        let reason = unreadable_link(e, leaving);
        settings.keep(
            &mut out,
            "evidence-not-scanned",
            not_scanned(path, &reason),
            None,
        );
        return out;
    }
    let Ok(real) = files.resolve(path) else {
        return out;
    };
    if real.is_dir() {
        return out;
    }
    read_and_scan(path, &real, settings, &mut out);
    out
}

/// Extracts the file at `real` (shown as `shown`) and scans its text.
fn read_and_scan(shown: &str, real: &Path, settings: &ScanSettings<'_>, out: &mut PrivacyFindings) {
    let mut found = Vec::new();
    match settings.cache {
        None => extract_and_scan(
            shown,
            psdoc_extract::extract(real, settings.limits),
            settings,
            &mut found,
        ),
        Some(cache) => match psdoc_extract::read(real, settings.limits) {
            Ok(file) => {
                let key = cache.key(shown, file.bytes());
                if cache.replay(&key, shown, settings, out) {
                    return;
                }
                extract_and_scan(shown, file.extract(settings.limits), settings, &mut found);
                cache.store(&key, shown, &found, settings.allows);
            }
            Err(e) => extract_and_scan(shown, Err(e), settings, &mut found),
        },
    }
    for f in found {
        settings.keep(out, f.rule, f.finding, f.raw.as_deref());
    }
}

/// The findings of a file's extracted text (or of why it could not be read).
fn extract_and_scan(
    shown: &str,
    extracted: Result<Extracted, psdoc_extract::NotScanned>,
    settings: &ScanSettings<'_>,
    found: &mut Vec<Found>,
) {
    match extracted {
        Ok(extracted) => {
            for incomplete in &extracted.incomplete {
                found.push(Found {
                    rule: "evidence-not-scanned",
                    finding: not_read(shown, incomplete, true),
                    raw: None,
                });
            }
            scan_extracted(shown, &extracted, settings, found);
        }
        Err(e) => found.push(Found {
            rule: "evidence-not-scanned",
            finding: not_read(shown, &e, false),
            raw: None,
        }),
    }
}

/// Why a path found in the evidence folder was not followed.
fn unreadable_link(e: ReadError, leaving: &str) -> String {
    match e {
        ReadError::OutsideRoot => {
            format!("it is a link that leads outside {leaving}: psdoc reads nothing outside it")
        }
        ReadError::NotFound => "it no longer exists".to_owned(),
        ReadError::Other(m) => m,
    }
}

/// A file (or, with `part`, some of it) the extractor did not read. Limits
/// are named as partnership.toml names them, and an overrun says so first.
fn not_read(path: &str, n: &psdoc_extract::NotScanned, part: bool) -> Finding {
    let mut reason = n.reason.clone();
    for (field, key) in [
        ("max_file_bytes", "max_file_mb"),
        ("max_member_bytes", "max_member_mb"),
        ("max_archive_bytes", "max_archive_mb"),
        ("max_pdf_pages", "max_pdf_pages"),
    ] {
        reason = reason.replace(
            &format!("(limits.{field})"),
            &format!("(limits.{key} in partnership.toml)"),
        );
    }
    if part {
        reason = format!("part of it could not be read: {reason}");
    }
    let mut finding = not_scanned(path, &reason);
    if n.kind == psdoc_extract::NotScannedKind::OverLimit {
        finding.message = finding.message.replacen(
            "not scanned for personal information:",
            "not scanned for personal information (over a limit):",
            1,
        );
    }
    finding
}

fn scan_extracted(path: &str, ex: &Extracted, settings: &ScanSettings<'_>, out: &mut Vec<Found>) {
    let redactor = settings.redactor;
    let labels: Vec<Vec<&str>> = ex
        .units
        .iter()
        .map(|unit| unit.labels.iter().map(String::as_str).collect())
        .collect();
    let texts: Vec<(&str, &[&str])> = ex
        .units
        .iter()
        .zip(&labels)
        .map(|(unit, labels)| (unit.text.as_str(), labels.as_slice()))
        .collect();
    let found_in_each = redactor.find_all_each(&texts);
    for (unit, (found, indirect)) in ex.units.iter().zip(found_in_each) {
        let column_of = |offset: usize| match unit.location {
            ExtractLocation::Line(_) => unit.text[..offset].chars().count() + 1,
            ExtractLocation::CsvCell { column, .. } => column + unit.text[..offset].chars().count(),
            _ => 1,
        };
        for id in found {
            let mut location = Location::new(path, unit.location.line(), column_of(id.range.start));
            location.length = id.masked.chars().count();
            let mut finding = identifier_finding(&id, location);
            place::set(&mut finding, unit, redactor);
            out.push(Found {
                rule: "personal-identifier",
                finding,
                raw: Some(unit.text[id.range.clone()].to_owned()),
            });
        }
        for found in indirect {
            let location = Location::new(path, unit.location.line(), column_of(found.range.start));
            let mut finding = indirect_finding(&found, location);
            place::set(&mut finding, unit, redactor);
            out.push(Found {
                rule: "indirect-identifier",
                finding,
                raw: Some(unit.text[found.range.clone()].to_owned()),
            });
        }
    }
    let threshold = settings.threshold;
    if threshold <= 1 {
        return;
    }
    for table in &ex.tables {
        let Some(header) = table.rows.first() else {
            continue;
        };
        for (r, row) in table.rows.iter().enumerate().skip(1) {
            for (c, cell) in row.iter().enumerate() {
                if !is_small_count(cell, threshold) {
                    continue;
                }
                let head = header.get(c).map_or("", String::as_str);
                let label = if c == 0 {
                    ""
                } else {
                    row.first().map_or("", String::as_str)
                };
                if !(counts_people(head) || counts_people(label)) {
                    continue;
                }
                let loc = table
                    .location_of(r, c)
                    .unwrap_or(ExtractLocation::Line(r + 1));
                let location = Location::new(path, loc.line(), 1);
                let mut finding = small_number_finding(
                    cell.trim(),
                    &redactor.redact(head),
                    &redactor.redact(label),
                    threshold,
                    location,
                    None,
                );
                let mut unit = psdoc_extract::TextUnit::new(cell.clone(), loc);
                unit.labels = vec![head.to_owned()];
                place::set(&mut finding, &unit, redactor);
                out.push(Found {
                    rule: "small-number",
                    finding,
                    raw: Some(cell.trim().to_owned()),
                });
            }
        }
    }
}

fn not_scanned(path: &str, reason: &str) -> Finding {
    Finding::new(
        Location::start_of(path),
        format!("not scanned for personal information: {reason}"),
    )
    .help(format!(
        "check this file by eye, or supply it in a readable form (text PDF, .docx, .xlsx, .csv): silence here is not a pass; once checked by eye, {}",
        allow_hint(path, "evidence-not-scanned")
    ))
}

/// The byte size of a file, for progress.
pub fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Scans files and folders named on the command line (outside a statement
/// repository too). Folders are walked without following links.
pub fn scan_paths(
    paths: &[std::path::PathBuf],
    settings: &ScanSettings<'_>,
    progress: Option<Progress<'_>>,
) -> PrivacyFindings {
    let mut files: Vec<(std::path::PathBuf, u64)> = Vec::new();
    let mut missing = PrivacyFindings::default();
    for path in paths {
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .flatten()
            {
                if entry.file_type().is_file() {
                    let size = entry.metadata().map_or(0, |m| m.len());
                    files.push((entry.path().to_path_buf(), size));
                }
            }
        } else if path.is_file() {
            files.push((path.clone(), file_size(path)));
        } else {
            missing.not_scanned.push(not_scanned(
                &display(path),
                "there is no such file or folder",
            ));
        }
    }
    let total: u64 = files.iter().map(|(_, s)| *s).sum();
    let done = AtomicU64::new(0);
    let results: Vec<PrivacyFindings> = files
        .par_iter()
        .map(|(path, size)| {
            let shown = display(path);
            let mut out = PrivacyFindings::default();
            read_and_scan(&shown, path, settings, &mut out);
            let now = done.fetch_add(*size, Ordering::Relaxed) + size;
            if let Some(p) = progress {
                p(now, total);
            }
            out
        })
        .collect();
    PrivacyFindings::concat(missing, results)
}

/// A path as the user gave it, with `/` separators.
fn display(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}
