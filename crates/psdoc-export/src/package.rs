//! `psdoc package`: the submission bundle, byte for byte the same for the
//! same statement and submission date: the statement (PDF and Word), the
//! document log (PDF, Excel and CSV), the local evidence files renamed by
//! their document numbers, and `manifest.json` with each file's sha256.

use psdoc_evidence::Date;
use serde::Serialize;
use sha2::{Digest, Sha256};

use psdoc_core::Project;
use psdoc_core::model::FileSource;
use psdoc_core::model::evidence::EvidenceFile;
use psdoc_core::model::files::ReadError;
use psdoc_core::text::hex;

use crate::archive;
use crate::document;
use crate::error::{Error, Result};
use crate::format::{Format, Options, export_document};
use crate::log;
use crate::log_pdf::log_pdf;

#[derive(Serialize)]
struct Manifest<'a> {
    partnership: &'a str,
    submission: Date,
    words: usize,
    word_limit: u32,
    files: Vec<ManifestFile>,
}

#[derive(Serialize)]
struct ManifestFile {
    path: String,
    bytes: usize,
    sha256: String,
    /// The document number, for evidence files.
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<u64>,
}

/// A file of the bundle: its path in the zip, its bytes, and the document
/// number for evidence files.
pub type BundleFile = (String, Vec<u8>, Option<u64>);

/// The files of the bundle, sorted by path, before zipping: the statement
/// as PDF and Word, the document log as PDF, Excel and CSV, and every local
/// evidence file. One print version only: the PDF.
pub fn contents(
    project: &Project,
    files: &dyn FileSource,
    options: Options,
) -> Result<Vec<BundleFile>> {
    let submission = project.submission();
    let shown_log = project.redacted_log();
    let name = &project.config.partnership.name;
    let document = document::build(project);
    let mut out: Vec<BundleFile> = vec![
        (
            "statement.pdf".into(),
            export_document(&document, Format::Pdf, options)?,
            None,
        ),
        (
            "statement.docx".into(),
            export_document(&document, Format::Docx, options)?,
            None,
        ),
        (
            "document-log.csv".into(),
            log::to_csv(&shown_log, project.config.guidance)?,
            None,
        ),
        (
            "document-log.xlsx".into(),
            log::to_xlsx(
                &shown_log,
                &format!("{name}: document log"),
                submission,
                project.config.guidance,
            )?,
            None,
        ),
    ];
    // A log too long for a PDF travels as XLSX and CSV only (the caller says so).
    if crate::log_pdf::fits(project) {
        out.push((
            "document-log.pdf".into(),
            log_pdf(project, options.typesetter)?,
            None,
        ));
    }
    let width = project
        .log
        .documents
        .iter()
        .map(|d| d.id.to_string().len())
        .max()
        .unwrap_or(1);
    for (i, state) in &project.evidence_files {
        let EvidenceFile::Present(path) = state else {
            continue;
        };
        let doc = &shown_log.documents[*i];
        let bytes = files.read(path).map_err(|e| Error::Read {
            file: path.clone(),
            reason: match e {
                ReadError::NotFound => "it does not exist".into(),
                ReadError::OutsideRoot => "it leads outside the statement folder".into(),
                ReadError::Other(why) => why,
            },
        })?;
        let ext = path
            .rsplit_once('.')
            .map(|(_, e)| format!(".{}", e.to_ascii_lowercase()))
            .unwrap_or_default();
        let file_name = format!(
            "evidence/{}{:0width$} - {}{ext}",
            project.config.evidence.prefix,
            doc.id,
            windows_safe(&doc.title)
        );
        out.push((file_name, bytes, Some(doc.id)));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.dedup_by(|a, b| a.0 == b.0);
    Ok(out)
}

/// The zip archive with `manifest.json` first, every entry dated the
/// submission date.
pub fn build(project: &Project, files: &dyn FileSource, options: Options) -> Result<Vec<u8>> {
    let contents = contents(project, files, options)?;
    let manifest = Manifest {
        partnership: &project.config.partnership.name,
        submission: project.submission(),
        words: project.statement.total_words(),
        word_limit: project.config.statement.word_limit,
        files: contents
            .iter()
            .map(|(path, bytes, document)| ManifestFile {
                path: path.clone(),
                bytes: bytes.len(),
                sha256: hex(&Sha256::digest(bytes)),
                document: *document,
            })
            .collect(),
    };
    let mut manifest_json = serde_json::to_string_pretty(&manifest).expect("serialisable");
    manifest_json.push('\n');
    let entries = std::iter::once(("manifest.json", manifest_json.as_bytes()))
        .chain(contents.iter().map(|(p, b, _)| (p.as_str(), b.as_slice())));
    archive::zip("package", project.submission(), entries)
}

/// A title as a file name Windows accepts: no reserved characters, no
/// trailing dot or space, not a device name, at most 80 characters.
pub fn windows_safe(title: &str) -> String {
    let mut s: String = title
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 80 {
        s = s.chars().take(80).collect();
    }
    let s = s.trim_end_matches(['.', ' ']).to_owned();
    let upper = s.to_ascii_uppercase();
    let reserved = ["CON", "PRN", "AUX", "NUL"].contains(&upper.as_str())
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.len() == 4
            && upper.as_bytes()[3].is_ascii_digit());
    if s.is_empty() {
        "document".into()
    } else if reserved {
        format!("{s} (document)")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::windows_safe;

    #[test]
    fn safe_names() {
        assert_eq!(windows_safe("Audit: IRDs / 2024?"), "Audit- IRDs - 2024-");
        assert_eq!(windows_safe("Report."), "Report");
        assert_eq!(windows_safe("CON"), "CON (document)");
        assert_eq!(windows_safe("  "), "document");
        assert_eq!(windows_safe(&"x".repeat(200)).len(), 80);
    }
}
