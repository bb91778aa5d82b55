//! The generated **Document log** chapter: one row per logged document,
//! each with the anchor that `[E12]` links to.

use std::collections::BTreeMap;

use psdoc_core::config::Config;
use psdoc_core::text::{escape_html_cell as escape_html, escape_markdown};
use psdoc_evidence::{Document, DocumentLog};
use psdoc_guidance::Profile;

use crate::style;

/// The chapter's title, in the table of contents and as its heading.
pub const TITLE: &str = "Document log";

/// What a reference needs to link to the log.
#[derive(Debug, Clone)]
pub struct LogTargets {
    /// The reference prefix (`E`).
    pub prefix: String,
    /// Which ways of writing a reference are linked (`evidence.reference_style`).
    pub style: psdoc_evidence::ReferenceStyle,
    /// The log chapter's path relative to `src`.
    pub log_path: String,
    /// Each logged document's title, by number (the first entry of a
    /// duplicated number).
    pub titles: BTreeMap<u64, String>,
    /// The guidance profile in force (its quality framework's titles).
    pub guidance: &'static Profile,
}

impl LogTargets {
    pub fn new(config: &Config, log: &DocumentLog, log_path: &str) -> Self {
        let mut titles = BTreeMap::new();
        for d in &log.documents {
            titles.entry(d.id).or_insert_with(|| d.title.clone());
        }
        LogTargets {
            prefix: config.evidence.prefix.clone(),
            style: config.evidence.reference_style,
            log_path: log_path.to_owned(),
            titles,
            guidance: config.guidance,
        }
    }

    /// The anchor of document `id` in the log: `E12`, as it is cited (HTML
    /// ids are case-sensitive, so it never meets mdBook's lower-case
    /// heading ids); `doc-12` when the prefix has no letters to use.
    pub fn anchor(&self, id: u64) -> String {
        let prefix: String = self
            .prefix
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        if prefix.starts_with(|c: char| c.is_ascii_alphabetic()) {
            format!("{prefix}{id}")
        } else {
            format!("doc-{id}")
        }
    }
}

/// The log chapter's Markdown: deterministic (documents in number order,
/// then log order; nothing from the clock or the environment).
pub fn markdown(
    config: &Config,
    log: &DocumentLog,
    targets: &LogTargets,
    print_log: bool,
) -> String {
    let mut documents: Vec<&Document> = log.documents.iter().collect();
    documents.sort_by_key(|d| d.id);

    let class = if print_log {
        "psdoc-document-log"
    } else {
        "psdoc-document-log psdoc-screen-only"
    };
    let mut out = String::new();
    out.push_str(&format!("<div class=\"{class}\">\n\n# {TITLE}\n\n"));
    out.push_str(
        "The evidence this position statement cites, by document number. \
         Public documents link to their published copy; the others are supplied \
         to the inspection team as files. Core documents are the items of \
         Appendix 2 of the guidance.\n\n",
    );
    if !print_log {
        out.push_str("The document log is a separate document: it is not part of the print version of the statement.\n\n");
    }
    out.push_str("| No. | Document | Date | Core document | Public link |\n");
    out.push_str("|---|---|---|---|---|\n");
    let mut anchored = std::collections::BTreeSet::new();
    for d in documents {
        let label = format!("{}{}", targets.prefix, d.id);
        // One anchor per number: a duplicated number is reported by the
        // check, and ids must stay unique.
        let number = if anchored.insert(d.id) {
            format!(
                "<span id=\"{}\">{}</span>",
                targets.anchor(d.id),
                escape_html(&label)
            )
        } else {
            escape_markdown(&label)
        };
        let date = d
            .date
            .map_or_else(|| "—".to_owned(), |date| date.to_string());
        let core = if d.core.is_empty() {
            "—".to_owned()
        } else {
            d.core
                .iter()
                .map(|item| match config.guidance.core_document(*item) {
                    Some(c) => format!("<abbr title=\"{}\">{item}</abbr>", escape_html(&c.title)),
                    None => item.to_string(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let link = match (&d.url, &d.file) {
            (Some(url), _) => format!("<{}>", url.replace(['<', '>', ' '], "")),
            (None, Some(_)) => "supplied file".to_owned(),
            (None, None) if d.public => "no link given".to_owned(),
            (None, None) => "supplied file".to_owned(),
        };
        out.push_str(&format!(
            "| {number} | {} | {date} | {core} | {link} |\n",
            cell(&d.title)
        ));
    }
    if !config.evidence.not_applicable.is_empty() {
        out.push_str("\n## Core documents that do not apply\n\n");
        for (item, reason) in &config.evidence.not_applicable {
            let title = config
                .guidance
                .core_document(*item)
                .map_or_else(String::new, |c| format!(" ({})", c.title));
            out.push_str(&format!(
                "- Appendix 2 item {item}{}: {}\n",
                escape_markdown(&title),
                cell(reason)
            ));
        }
    }
    out.push_str("\n</div>\n\n");
    out.push_str(style::STYLE);
    out
}

/// Text for a table cell: Markdown escaped, `|` too, one line.
fn cell(text: &str) -> String {
    escape_markdown(&text.replace(['\r', '\n'], " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors() {
        let t = |prefix: &str| LogTargets {
            prefix: prefix.into(),
            style: psdoc_evidence::ReferenceStyle::Any,
            log_path: "document-log.md".into(),
            titles: BTreeMap::new(),
            guidance: psdoc_guidance::default_profile(),
        };
        assert_eq!(t("E").anchor(12), "E12");
        assert_eq!(t("Ev.").anchor(3), "Ev3");
        assert_eq!(t("").anchor(3), "doc-3");
        assert_eq!(t("#").anchor(3), "doc-3");
    }
}
