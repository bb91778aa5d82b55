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

#[cfg(test)]
mod tests {
    use crate::testing::{TestStatement, at};

    /// Two entries: document 1 of `one` (its `series` on line 6), then
    /// document 2 of `two`.
    fn two(one: &str, two: &str) -> TestStatement {
        TestStatement::complete().log(&format!(
            "[[document]]\nid = 1\ntitle = \"CPC annual report 2023-24\"\nurl = \"https://example.org/a\"\n{one}\n\n\
             [[document]]\nid = 2\ntitle = \"CPC annual report 2024-25\"\nurl = \"https://example.org/b\"\n{two}\n"
        ))
    }

    #[test]
    fn the_older_version_is_found_at_its_series_naming_the_newer() {
        let f = two(
            "date = 2025-01-10\nseries = \"CPC annual report\"",
            "date = 2026-01-10\nseries = \"CPC annual report\"",
        )
        .finding("superseded-evidence");
        assert_eq!(
            f.message,
            "document 1 is an older version of \"CPC annual report\" (2025-01-10): document 2 (2026-01-10) is newer"
        );
        assert_eq!(at(&f), ("evidence/log.toml", 6));
        assert_eq!(
            f.help.as_deref(),
            Some("remove document 1 from the log and cite [E2] instead")
        );
    }

    #[test]
    fn the_older_version_is_found_wherever_it_is_listed() {
        let f = two(
            "date = 2026-01-10\nseries = \"CPC annual report\"",
            "date = 2025-01-10\nseries = \"CPC annual report\"",
        )
        .finding("superseded-evidence");
        assert!(f.message.starts_with("document 2 "), "{}", f.message);
    }

    #[test]
    fn two_versions_of_the_same_date_are_left_alone() {
        let st = two(
            "date = 2026-01-10\nseries = \"CPC annual report\"",
            "date = 2026-01-10\nseries = \"CPC annual report\"",
        );
        assert!(st.findings("superseded-evidence").is_empty());
    }

    #[test]
    fn minutes_in_one_series_are_a_set() {
        let st = two(
            "date = 2025-06-10\nseries = \"COG minutes\"\ncore = 7",
            "date = 2025-09-10\nseries = \"COG minutes\"\ncore = 7",
        );
        assert!(st.findings("superseded-evidence").is_empty());
    }
}
