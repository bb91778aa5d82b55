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
