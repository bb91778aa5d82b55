//! The document log as its own PDF, as the guidance asks ("a separate
//! document log which collates all the evidence that you have referenced",
//! with "a document number as well as the document name"): number, name,
//! date, the core document written out, and the link or "supplied file".
//! Landscape A4, the header row repeated on every page, tagged like the
//! statement (PDF/UA-1).

use std::fmt::Write;

use psdoc_core::Project;

use crate::cover::Cover;
use crate::error::{Error, Result};
use crate::log::{core_label, rows};
use crate::pdf::escape::{markup, string};
use crate::pdf::markup::preamble;
use crate::pdf::{Job, Typesetter};

/// The most entries a log PDF holds: a partnership's log has tens or a few
/// hundred; past this, typesetting would take minutes and the PDF thousands
/// of pages, and the XLSX and CSV serve better.
pub const MAX_ENTRIES: usize = 5_000;

/// Whether the log of `project` fits in a PDF ([`MAX_ENTRIES`]).
pub fn fits(project: &Project) -> bool {
    project.log.documents.len() <= MAX_ENTRIES
}

/// The log of `project` (masked) as a PDF.
pub fn log_pdf(project: &Project, typesetter: Typesetter) -> Result<Vec<u8>> {
    if !fits(project) {
        return Err(Error::LogTooLongForPdf {
            entries: project.log.documents.len(),
            max: MAX_ENTRIES,
        });
    }
    let cover = Cover::of(project);
    let log = project.redacted_log();
    let prefix = &project.config.evidence.prefix;
    let title = if cover.partnership.trim().is_empty() {
        "Document log".to_owned()
    } else {
        format!("{}: document log", cover.partnership)
    };
    let mut out = preamble(
        &title,
        &cover.partnership,
        &cover.partnership,
        cover.submission,
    )
    // Landscape, and the running header from the first page on: the
    // log has no cover.
    .replace("paper: \"a4\",", "paper: \"a4\", flipped: true,")
    .replace("context if here().page() > 1 {", "context if true {")
    .replace("Position statement]", "Document log]");
    let _ = write!(
        out,
        r#"#title[Document log]

{name}, position statement submitted to the Care Inspectorate on {date}. Each document is cited in the statement by its number, as in #raw({example}). Public documents are linked; the others are supplied with the statement.

#table(columns: (auto, 2.2fr, auto, 1.6fr, 1.9fr), align: left, table.header(repeat: true, [No.], [Document], [Date], [Core document (Appendix 2)], [Link or supplied file])"#,
        name = markup(&cover.partnership),
        date = markup(&cover.date()),
        example = string(&format!("[{prefix}12]")),
    );
    for row in rows(&log) {
        let date = row
            .date
            .map(psdoc_evidence::Date::written_out)
            .unwrap_or_default();
        let link = match &row.url {
            Some(url) => format!("#link({})[{}]", string(url), markup(url)),
            None => markup(&row.link_or_file),
        };
        let _ = write!(
            out,
            ", [{}], [{}], [{}], [{}], [{}]",
            markup(&format!("{prefix}{}", row.number)),
            markup(&row.name),
            markup(&date),
            markup(&core_label(&row.core, project.config.guidance)),
            link
        );
    }
    out.push_str(")\n\n");
    let not_applicable = &project.config.evidence.not_applicable;
    if !not_applicable.is_empty() {
        out.push_str("#heading(level: 1)[Core documents that do not apply]\n\n");
        for (item, reason) in not_applicable {
            let title = project
                .config
                .guidance
                .core_document(*item)
                .map_or("", |c| c.title.as_str());
            let _ = write!(
                out,
                "#strong[{}]: {}\n\n",
                markup(&format!("{item}: {title}")),
                markup(&project.redactor.redact(reason))
            );
        }
    }
    let ident = format!(
        "psdoc document log {} {}",
        cover.partnership, cover.submission
    );
    typesetter(&Job::new("document log", out, cover.submission, ident))
}
