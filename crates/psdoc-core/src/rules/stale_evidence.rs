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

#[cfg(test)]
mod tests {
    use crate::testing::{TestStatement, at};

    /// A log of one document with `dates` (its `date` on line 5); the
    /// submission is 2026-03-20.
    fn dated(dates: &str) -> TestStatement {
        TestStatement::complete().log(&format!(
            "[[document]]\nid = 1\ntitle = \"CPC annual report\"\nurl = \"https://example.org/a\"\n{dates}\n"
        ))
    }

    #[test]
    fn a_day_more_than_24_months_is_found_at_its_date() {
        let f = dated("date = 2024-03-19").finding("stale-evidence");
        assert_eq!(
            f.message,
            "document 1 (\"CPC annual report\") is dated 2024-03-19, more than 24 months before the submission on 2026-03-20 (the oldest current date is 2024-03-20)"
        );
        assert_eq!(at(&f), ("evidence/log.toml", 5));
        assert_eq!(f.section, None);
        assert!(f.help.unwrap().contains("`until`"));
    }

    #[test]
    fn a_plan_in_force_until_the_submission_day_is_current() {
        let st = dated("date = 2022-04-01\nuntil = 2026-03-20");
        assert!(st.findings("stale-evidence").is_empty());
    }

    #[test]
    fn max_age_months_moves_the_limit() {
        let year = |date: &str| dated(date).with_config("[evidence]\nmax_age_months = 12\n");
        assert!(
            year("date = 2025-03-20")
                .findings("stale-evidence")
                .is_empty()
        );
        let f = year("date = 2025-03-19").finding("stale-evidence");
        assert!(f.message.contains("more than 12 months"), "{}", f.message);
    }

    #[test]
    fn at_a_month_end_the_same_day_back_is_the_last_of_a_shorter_month() {
        let st = |date: &str| {
            dated(date).config(
                "[partnership]\nname = \"T\"\nsubmission = 2026-08-31\n\n[evidence]\nmax_age_months = 6\n",
            )
        };
        assert!(
            st("date = 2026-02-28")
                .findings("stale-evidence")
                .is_empty()
        );
        let f = st("date = 2026-02-27").finding("stale-evidence");
        assert!(
            f.message
                .ends_with("(the oldest current date is 2026-02-28)"),
            "{}",
            f.message
        );
    }

    #[test]
    fn an_undated_document_is_never_stale() {
        assert!(dated("").findings("stale-evidence").is_empty());
    }
}
