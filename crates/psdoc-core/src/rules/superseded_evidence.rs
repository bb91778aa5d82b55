//! `superseded-evidence`: an older version of a document whose newer
//! version is also in the log.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "superseded-evidence",
    default_severity: Severity::Warning,
    summary: "an older version of a `series` that has a newer entry",
    what: "Two or more log entries share a `series` (versions of one document, such as yearly annual reports) and this one is not the newest by `date`. Data set reports and minutes (Appendix 2 items 4 and 7) are sets, never versions of one another.",
    why: "The guidance: partnerships \"should submit only their strongest sources of evidence and the most recent version of each document\".",
    example: "series = \"CPC annual report\" on 2023-24 (E18) and 2024-25 (E30)\n\n    warning[superseded-evidence]: document 18 is an older version of \"CPC annual report\": document 30 is newer",
    fix: "Remove the older version from the log and cite the newer one instead.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let profile = cx.config.guidance;
    let is_set_member = |d: &psdoc_evidence::Document| {
        d.core
            .iter()
            .any(|&c| profile.core_document(c).is_some_and(|item| item.set))
    };
    for doc in &cx.log.documents {
        let (Some(series), Some(date)) = (&doc.series, doc.date) else {
            continue;
        };
        if is_set_member(doc) {
            continue;
        }
        let newest = cx
            .log
            .documents
            .iter()
            .filter(|d| d.series.as_ref() == Some(series) && !is_set_member(d))
            .filter_map(|d| d.date.map(|date| (date, d)))
            .max_by_key(|(date, d)| (*date, d.id));
        if let Some((newest_date, newest)) = newest
            && newest_date > date
        {
            out.push(
                Finding::new(
                    cx.log_location(doc, "series"),
                    format!(
                        "document {} is an older version of \"{series}\" ({date}): document {} ({newest_date}) is newer",
                        doc.id, newest.id
                    ),
                )
                .help(format!(
                    "remove document {} from the log and cite [{}{}] instead",
                    doc.id, cx.config.evidence.prefix, newest.id
                )),
            );
        }
    }
}
