//! `duplicate-evidence-id`: two log entries share a document number.

use std::collections::HashMap;

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "duplicate-evidence-id",
    default_severity: Severity::Error,
    summary: "two log entries share a document number",
    what: "Two entries of the document log have the same `id`. The finding points at the later one.",
    why: "The guidance asks for a log with \"a document number as well as the document name\": a number that names two documents makes every reference to it ambiguous.",
    example: "[[document]]\nid = 12\ntitle = \"CPC annual report\"\n[[document]]\nid = 12\ntitle = \"IRD audit\"\n\n    error[duplicate-evidence-id]: document number 12 is used again (first for \"CPC annual report\", line 2)",
    fix: "Give the later document a number of its own, and update the references that meant it.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut first: HashMap<u64, usize> = HashMap::new();
    // Once, not per duplicate: a log of 100,000 entries stays linear.
    let next_free = cx
        .log
        .documents
        .iter()
        .map(|d| d.id)
        .max()
        .unwrap_or(0)
        .saturating_add(1);
    for (i, doc) in cx.log.documents.iter().enumerate() {
        let Some(&j) = first.get(&doc.id) else {
            first.insert(doc.id, i);
            continue;
        };
        let earlier = &cx.log.documents[j];
        out.push(
            Finding::new(
                cx.log_location(doc, "id"),
                format!(
                    "document number {} is used again, for \"{}\" (first for \"{}\", line {})",
                    doc.id, doc.title, earlier.title, earlier.line
                ),
            )
            .help(format!(
                "give this document a number of its own (the next free one is {next_free}) and update its references"
            )),
        );
    }
}
