//! `unreferenced-evidence`: a logged document the statement never cites.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "unreferenced-evidence",
    default_severity: Severity::Warning,
    summary: "a logged document the statement never cites (core documents excepted: they are required anyway)",
    what: "An entry of the document log that no reference in the statement cites, directly or inside a range, in any form the statement's `reference_style` accepts ([E12], and with the default also (E12), E12 and E10 to E14 in the text). A malformed reference (`Document 12`) cites nothing. Core documents (entries with `core`) are left alone: Appendix 2 requires them whether or not the text cites them.",
    why: "The guidance: partnerships \"should submit only their strongest sources of evidence\"; \"quality and currency are more important than quantity\". Evidence the statement does not use adds reading for inspectors without supporting any claim.",
    example: "[[document]] id = 33, never cited as [E33]\n\n    warning[unreferenced-evidence]: document 33 (\"Youth forum report\") is in the log but the statement never cites it",
    fix: "Cite the document where the statement relies on it, or remove it from the log.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for doc in &cx.log.documents {
        if !doc.core.is_empty() || cx.citations.cites(doc.id) {
            continue;
        }
        out.push(
            Finding::new(
                cx.log_location(doc, "id"),
                format!(
                    "document {} (\"{}\") is in the log but the statement never cites it",
                    doc.id, doc.title
                ),
            )
            .help(format!(
                "cite it as [{}{}] where the statement relies on it, or remove it from the log",
                cx.config.evidence.prefix, doc.id
            )),
        );
    }
}
