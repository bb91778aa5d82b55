//! `broken-evidence-link`: with `--online`, a `url` that does not answer
//! with success.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;
use crate::online::LinkStatus;

pub(super) static RULE: Rule = Rule {
    name: "broken-evidence-link",
    default_severity: Severity::Warning,
    summary: "with `--online`: a `url` that does not answer with success",
    what: "With `psdoc check --online`, a log entry's `url` that does not answer with a success status after redirects (HEAD, then GET where HEAD is refused): not found, gone, a server error, no answer in time, or a web site name that does not exist. Without `--online` nothing touches the network.",
    why: "The guidance: \"Where documents are publicly available, provide a hyperlink rather than to the document itself.\" Inspectors review the evidence before the inspection; a dead link means a document they cannot read.",
    example: "url = \"https://www.lochard.gov.uk/cpc/annual-report-2023-24.pdf\"   (moved when the site was redesigned)\n\n    warning[broken-evidence-link]: document 18's link answers 404 Not Found",
    fix: "Find the document's current address on the publisher's site and update `url`; if it is no longer published, supply the file instead.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(statuses) = cx.links else { return };
    for (doc, status) in statuses {
        let doc = &cx.log.documents[*doc];
        let what = match status {
            LinkStatus::Ok(_) => continue,
            LinkStatus::Status(code) => format!("answers {code}{}", reason(*code)),
            LinkStatus::Failed(why) => format!("does not answer: {why}"),
        };
        out.push(
            Finding::new(
                cx.log_location(doc, "url"),
                format!("document {}'s link {what}", doc.id),
            )
            .help(
                "find the document's current address and update `url`, or supply the file instead",
            ),
        );
    }
}

fn reason(code: u16) -> &'static str {
    match code {
        401 | 403 => " (not public: it needs a login)",
        404 => " (not found)",
        410 => " (gone)",
        500..=599 => " (a server error)",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use crate::check::Project;
    use crate::online::LinkStatus;
    use crate::testing::{TestStatement, at, rule_findings};

    /// The complete statement (documents 1 and 2, their `url` on lines 4
    /// and 10) as if `--online` had heard `statuses`.
    fn answered(statuses: Option<Vec<LinkStatus>>) -> Project {
        let mut project = TestStatement::complete().project();
        project.links = statuses.map(|s| s.into_iter().enumerate().collect());
        project
    }

    #[test]
    fn a_link_not_found_is_found_at_its_url() {
        let found = rule_findings(
            &answered(Some(vec![LinkStatus::Ok(200), LinkStatus::Status(404)])),
            "broken-evidence-link",
        );
        assert_eq!(found.len(), 1);
        let f = &found[0];
        assert_eq!(f.message, "document 2's link answers 404 (not found)");
        assert_eq!(at(f), ("evidence/log.toml", 10));
        assert!(f.help.as_deref().unwrap().contains("update `url`"));
    }

    #[test]
    fn a_login_page_and_no_answer_say_why() {
        let found = rule_findings(
            &answered(Some(vec![
                LinkStatus::Status(403),
                LinkStatus::Failed("no answer within 10 seconds".into()),
            ])),
            "broken-evidence-link",
        );
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "document 1's link answers 403 (not public: it needs a login)",
                "document 2's link does not answer: no answer within 10 seconds",
            ]
        );
    }

    #[test]
    fn success_is_fine_and_without_online_nothing_is_asked() {
        let ok = answered(Some(vec![LinkStatus::Ok(200), LinkStatus::Ok(204)]));
        assert!(rule_findings(&ok, "broken-evidence-link").is_empty());
        assert!(rule_findings(&answered(None), "broken-evidence-link").is_empty());
    }
}
