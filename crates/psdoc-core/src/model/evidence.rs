//! The statement's evidence: the document log, the references and quality
//! indicators found in the prose, and the state of each local evidence file.

use psdoc_evidence::{
    DocumentLog, QiReference, Reference, ReferenceKind, find_qi_references, find_references_with,
};

use super::files::{FileSource, ReadError, join_relative};
use super::markdown::UnitKind;
use super::sources::{Location, SourceFile, Sources};
use super::statement::{Place, Statement};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::heading::SectionKey;

/// Something found in the prose, with where it is.
#[derive(Debug, Clone)]
pub struct Found<T> {
    pub item: T,
    pub place: Place,
    pub location: Location,
    pub section: Option<SectionKey>,
}

/// References and quality indicators in the statement's prose (not in
/// code, not in HTML comments), references in every form the partnership's
/// `evidence.reference_style` accepts (and the others, malformed).
#[derive(Debug, Clone, Default)]
pub struct Citations {
    pub references: Vec<Found<Reference>>,
    pub qis: Vec<Found<QiReference>>,
    /// Every document number cited, as sorted, disjoint inclusive runs, so
    /// that [`Citations::cites`] is a binary search, not a pass over the
    /// references (a log of 100,000 entries stays fast).
    cited: Vec<(u64, u64)>,
}

impl Citations {
    pub fn find(statement: &Statement, sources: &Sources, config: &Config) -> Self {
        let prefix = config.evidence.prefix.as_str();
        let style = config.evidence.reference_style;
        let framework = &config.guidance.framework;
        let mut out = Citations::default();
        for (chapter, unit) in statement.units() {
            if unit.kind == UnitKind::Code {
                continue;
            }
            let found = |range: std::ops::Range<usize>| {
                let place = Place {
                    chapter,
                    offset: unit.source_offset(range.start),
                };
                let location = statement.locate_in_unit(sources, chapter, unit, range);
                let section = statement.section_at(place).and_then(|s| s.key);
                (place, location, section)
            };
            for r in find_references_with(&unit.text, prefix, style) {
                if unit.in_code(&r.range) {
                    continue;
                }
                let (place, location, section) = found(r.range.clone());
                out.references.push(Found {
                    item: r,
                    place,
                    location,
                    section,
                });
            }
            for q in find_qi_references(&unit.text, framework) {
                if unit.in_code(&q.range) {
                    continue;
                }
                let (place, location, section) = found(q.range.clone());
                out.qis.push(Found {
                    item: q,
                    place,
                    location,
                    section,
                });
            }
        }
        let mut runs: Vec<(u64, u64)> = out
            .references
            .iter()
            .filter_map(|r| match &r.item.kind {
                ReferenceKind::Cites(items) => Some(items),
                ReferenceKind::Malformed { .. } => None,
            })
            .flatten()
            .map(|c| (c.first(), c.last()))
            .collect();
        runs.sort_unstable();
        for (first, last) in runs {
            match out.cited.last_mut() {
                Some(run) if first <= run.1.saturating_add(1) => run.1 = run.1.max(last),
                _ => out.cited.push((first, last)),
            }
        }
        out
    }

    /// Whether any reference cites document `id`.
    pub fn cites(&self, id: u64) -> bool {
        let i = self.cited.partition_point(|&(first, _)| first <= id);
        i > 0 && id <= self.cited[i - 1].1
    }
}

/// Reads the document log named in the configuration.
pub fn load_log(
    config: &Config,
    files: &dyn FileSource,
    sources: &mut Sources,
) -> Result<DocumentLog> {
    let path = config.evidence.log.replace('\\', "/");
    let path = path.trim_start_matches("./").to_owned();
    // Appendix 2 is numbered 1 to N in the profile in force.
    let core_items = u8::try_from(config.guidance.core_documents.len()).unwrap_or(u8::MAX);
    let bytes = files.read(&path).map_err(|e| match e {
        ReadError::NotFound => Error::file(
            &path,
            "the document log is not there: create it (`psdoc init` writes one) or set `evidence.log` in partnership.toml",
        ),
        ReadError::OutsideRoot => Error::file(
            &path,
            "is a link that leads outside the statement repository: psdoc reads nothing outside it",
        ),
        ReadError::Other(m) => Error::file(&path, format!("cannot read the document log: {m}")),
    })?;
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    let log = match ext.as_str() {
        "csv" => psdoc_evidence::parse_csv_log_with_items(&path, &bytes, core_items)?,
        "xlsx" => psdoc_evidence::parse_xlsx_log_with_items(&path, &bytes, core_items)?,
        _ => {
            let text = String::from_utf8(bytes)
                .map_err(|_| Error::file(&path, "is not UTF-8 text: save it as UTF-8"))?;
            let text = crate::position::strip_bom(text);
            let log = psdoc_evidence::parse_toml_log_with_items(&path, &text, core_items)?;
            sources.add(SourceFile::new(path.clone(), text));
            return Ok(log);
        }
    };
    if ext == "csv"
        && let Some(text) = files
            .read(&path)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
    {
        sources.add(SourceFile::new(path, crate::position::strip_bom(text)));
    }
    Ok(log)
}

/// What became of a log entry's `file`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceFile {
    /// Inside the evidence folder; the root-relative path.
    Present(String),
    Missing(String),
    /// Absolute, `..` or a link leading out of `evidence.files`.
    Outside(String),
}

/// The state of every `file` of the log, in log order (document index,
/// state). Reads no file content.
pub fn evidence_files(
    config: &Config,
    log: &DocumentLog,
    files: &dyn FileSource,
) -> Vec<(usize, EvidenceFile)> {
    let dir = config.evidence.files.replace('\\', "/");
    let dir = dir
        .trim_start_matches("./")
        .trim_end_matches('/')
        .to_owned();
    log.documents
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let file = d.file.as_ref()?;
            let state = match join_relative(&dir, file) {
                None => EvidenceFile::Outside(file.clone()),
                Some(path) => match files.stays_within(&path, &dir) {
                    Ok(()) => EvidenceFile::Present(path),
                    Err(ReadError::NotFound) => EvidenceFile::Missing(path),
                    Err(ReadError::OutsideRoot) => EvidenceFile::Outside(file.clone()),
                    Err(ReadError::Other(_)) => EvidenceFile::Missing(path),
                },
            };
            Some((i, state))
        })
        .collect()
}
