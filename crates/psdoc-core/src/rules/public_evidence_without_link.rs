//! `public-evidence-without-link`: a public document with no `url`.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "public-evidence-without-link",
    default_severity: Severity::Warning,
    summary: "a public document with no `url`",
    what: "A log entry marked `public = true` has no `url`.",
    why: "The guidance: \"Where documents are publicly available, provide a hyperlink rather than to the document itself. Links to websites should be referenced within the document log.\"",
    example: "[[document]]\nid = 25\ntitle = \"Chief social work officer's report 2024-25\"\npublic = true\n\n    warning[public-evidence-without-link]: document 25 is public but has no `url`",
    fix: "Add the document's web address as `url`. If it is not published, set `public = false` and supply the file.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for doc in &cx.log.documents {
        if doc.public && doc.url.is_none() {
            out.push(
                Finding::new(
                    cx.log_location(doc, "public"),
                    format!("document {} (\"{}\") is public but has no `url`", doc.id, doc.title),
                )
                .help("add its web address as `url`; if it is not published, set `public = false` and supply the file"),
            );
        }
    }
}
