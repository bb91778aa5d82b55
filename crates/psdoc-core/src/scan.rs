//! The privacy scan: personal identifiers and small counts in the
//! statement (every text file psdoc read, HTML comments included) and in
//! the local evidence files, and the files whose text could not be read.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

pub use psdoc_extract::Limits;
use psdoc_extract::{Extracted, Location as ExtractLocation};
use psdoc_privacy::{Identifier, Kind, counts_people, is_small_count};
use rayon::prelude::*;

use crate::diagnostic::Finding;
use crate::heading::SectionKey;
use crate::model::files::ReadError;
use crate::model::markdown::UnitKind;
use crate::model::{Location, Place, Sources, Statement, WorkTree};
use crate::redact::Redactor;

/// Findings of the three privacy rules, before severities apply.
#[derive(Debug, Clone, Default)]
pub struct PrivacyFindings {
    pub identifiers: Vec<Finding>,
    pub small_numbers: Vec<Finding>,
    pub not_scanned: Vec<Finding>,
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
        for p in parts {
            first.extend(p);
        }
        first
    }

    fn extend(&mut self, other: PrivacyFindings) {
        self.identifiers.extend(other.identifiers);
        self.small_numbers.extend(other.small_numbers);
        self.not_scanned.extend(other.not_scanned);
    }
}

/// Progress of a scan: bytes read so far of the total.
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Sync);

/// A finding for an identifier, its message naming only the masked form.
pub fn identifier_finding(id: &Identifier, location: Location) -> Finding {
    let help = match id.kind {
        Kind::NamedChild => "use an anonymised form such as \"Child A\", or mark a changed name: \"(not her real name)\"".to_owned(),
        Kind::Custom(_) => "remove the reference: local case references identify a child".to_owned(),
        _ => "remove it or anonymise it; if it is not personal (a public office's number), add the exact text to `allow` under [privacy] in partnership.toml".to_owned(),
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

/// Identifiers in every file of the statement psdoc read, and small counts
/// in its Markdown tables.
pub fn scan_statement(
    statement: &Statement,
    sources: &Sources,
    redactor: &Redactor,
    threshold: u32,
) -> PrivacyFindings {
    let mut out = PrivacyFindings::default();
    // Chapters through their expanded text, so each finding knows its section.
    let mut seen: std::collections::HashSet<(String, usize, usize)> = Default::default();
    for (ci, chapter) in statement.chapters.iter().enumerate() {
        for id in redactor.find(&chapter.expanded.text) {
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
            out.identifiers
                .push(identifier_finding(&id, location).section(section));
        }
    }
    // Every other file read: partnership.toml, book.toml, SUMMARY.md, the log.
    let chapter_files: std::collections::HashSet<_> =
        statement.chapters.iter().map(|c| c.path.as_str()).collect();
    for (_, file) in sources.iter() {
        if chapter_files.contains(file.path.as_str()) {
            continue;
        }
        for id in redactor.find(&file.text) {
            let pos = file.position(id.range.start);
            if !seen.insert((file.path.clone(), pos.line, pos.column)) {
                continue;
            }
            let mut location = Location::new(&file.path, pos.line, pos.column);
            location.length = id.masked.chars().count();
            out.identifiers.push(identifier_finding(&id, location));
        }
    }
    out.small_numbers = small_numbers_in_tables(statement, sources, threshold);
    out
}

/// Small counts in the statement's Markdown tables.
fn small_numbers_in_tables(
    statement: &Statement,
    sources: &Sources,
    threshold: u32,
) -> Vec<Finding> {
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
            out.push(small_number_finding(
                unit.text.trim(),
                header,
                label,
                threshold,
                location,
                section,
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
        "suppress it (write `<{threshold}` or `*`), combine rows or years, or give a percentage; if it does not count people, allow it with <!-- psdoc-allow small-number -->"
    ))
}

/// Every file under the evidence folder, scanned in parallel.
pub fn scan_evidence_folder(
    files: &WorkTree,
    evidence_dir: &str,
    redactor: &Redactor,
    threshold: u32,
    limits: &Limits,
    progress: Option<Progress<'_>>,
) -> PrivacyFindings {
    let real_dir = match files.resolve(evidence_dir) {
        Ok(dir) => dir,
        Err(ReadError::NotFound) => return PrivacyFindings::default(),
        // A folder linked out of the repository: said, never silence.
        Err(e) => {
            let mut out = PrivacyFindings::default();
            let reason = unreadable_link(e, "the statement repository");
            out.not_scanned.push(not_scanned(evidence_dir, &reason));
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
    scan_files(
        files,
        &paths,
        redactor,
        threshold,
        limits,
        progress,
        Some(evidence_dir),
    )
}

/// Scans root-relative `paths` (with their sizes) in parallel.
pub fn scan_files(
    files: &WorkTree,
    paths: &[(String, u64)],
    redactor: &Redactor,
    threshold: u32,
    limits: &Limits,
    progress: Option<Progress<'_>>,
    must_stay_in: Option<&str>,
) -> PrivacyFindings {
    let total: u64 = paths.iter().map(|(_, s)| *s).sum();
    let done = AtomicU64::new(0);
    let results: Vec<PrivacyFindings> = paths
        .par_iter()
        .map(|(path, size)| {
            let findings = scan_one(files, path, redactor, threshold, limits, must_stay_in);
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
    redactor: &Redactor,
    threshold: u32,
    limits: &Limits,
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
        let reason = unreadable_link(e, "the evidence folder");
        out.not_scanned.push(not_scanned(path, &reason));
        return out;
    }
    let Ok(real) = files.resolve(path) else {
        return out;
    };
    match psdoc_extract::extract(&real, limits) {
        Ok(extracted) => {
            for incomplete in &extracted.incomplete {
                out.not_scanned.push(not_read(path, incomplete, true));
            }
            scan_extracted(path, &extracted, redactor, threshold, &mut out);
        }
        Err(e) => out.not_scanned.push(not_read(path, &e, false)),
    }
    out
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

fn scan_extracted(
    path: &str,
    ex: &Extracted,
    redactor: &Redactor,
    threshold: u32,
    out: &mut PrivacyFindings,
) {
    for unit in &ex.units {
        for id in redactor.find(&unit.text) {
            let column = match unit.location {
                ExtractLocation::Line(_) => unit.text[..id.range.start].chars().count() + 1,
                _ => 1,
            };
            let mut location = Location::new(path, unit.location.line(), column);
            location.length = id.masked.chars().count();
            let mut finding = identifier_finding(&id, location);
            place_details(&mut finding, &unit.location);
            out.identifiers.push(finding);
        }
    }
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
                let mut finding =
                    small_number_finding(cell.trim(), head, label, threshold, location, None);
                place_details(&mut finding, &loc);
                out.small_numbers.push(finding);
            }
        }
    }
}

fn place_details(finding: &mut Finding, location: &ExtractLocation) {
    match location {
        ExtractLocation::Page { page, .. } => finding.page = Some(*page),
        ExtractLocation::Cell { sheet, cell, .. } => {
            finding.sheet = Some(sheet.clone());
            finding.cell = Some(cell.clone());
        }
        ExtractLocation::Part { part, .. } => {
            finding.message.push_str(&format!(" (in {part})"));
        }
        _ => {}
    }
}

fn not_scanned(path: &str, reason: &str) -> Finding {
    Finding::new(
        Location::start_of(path),
        format!("not scanned for personal information: {reason}"),
    )
    .help("check this file by eye, or supply it in a readable form (text PDF, .docx, .xlsx, .csv): silence here is not a pass")
}

/// The byte size of a file, for progress.
pub fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Scans files and folders named on the command line (outside a statement
/// repository too). Folders are walked without following links.
pub fn scan_paths(
    paths: &[std::path::PathBuf],
    redactor: &Redactor,
    threshold: u32,
    limits: &Limits,
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
            match psdoc_extract::extract(path, limits) {
                Ok(extracted) => {
                    for incomplete in &extracted.incomplete {
                        out.not_scanned.push(not_read(&shown, incomplete, true));
                    }
                    scan_extracted(&shown, &extracted, redactor, threshold, &mut out);
                }
                Err(e) => out.not_scanned.push(not_read(&shown, &e, false)),
            }
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
