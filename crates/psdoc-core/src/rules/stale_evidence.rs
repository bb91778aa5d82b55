//! `stale-evidence`: a document older than `max_age_months` at submission.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "stale-evidence",
    default_severity: Severity::Warning,
    summary: "a document dated more than `max_age_months` before submission, unless its `until` is on or after it",
    what: "A log entry's `date` is more than `evidence.max_age_months` calendar months (24 by default) before the submission date, that is earlier than the same day that many months back (`partnership.submission`, else today). A plan whose `until` is on or after the submission date is still current and is left alone. Exactly `max_age_months` is not stale.",
    why: "The guidance asks for \"the most recent version of each document\" and \"current strategic documents\", and stresses that \"quality and currency are more important than quantity\". Key achievements are \"over the last two years\".",
    example: "date = 2022-06-30, submission = 2026-03-20\n\n    warning[stale-evidence]: document 21 is dated 2022-06-30, more than 24 months before the submission on 2026-03-20",
    fix: "Replace it with the current version, or give a plan's end date as `until` if it is still in force. If an older document really is the latest, keep it and switch the warning off for that entry's line with care.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let max = cx.config.evidence.max_age_months;
    // "More than 24 months before": earlier than the same day 24 months back.
    let oldest_current = cx
        .submission
        .add_months(-i32::try_from(max).unwrap_or(i32::MAX));
    for doc in &cx.log.documents {
        let Some(date) = doc.date else { continue };
        if doc.until.is_some_and(|u| u >= cx.submission) {
            continue;
        }
        if date < oldest_current {
            out.push(
                Finding::new(
                    cx.log_location(doc, "date"),
                    format!(
                        "document {} (\"{}\") is dated {date}, more than {max} months before the submission on {} (the oldest current date is {oldest_current})",
                        doc.id, doc.title, cx.submission
                    ),
                )
                .help("use the current version; a plan still in force needs its end date as `until`"),
            );
        }
    }
}
