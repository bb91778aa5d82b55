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

#[cfg(test)]
mod tests {
    use crate::testing::{TestStatement, at};

    /// Entries numbered `ids`, titled A, B, C..., six lines each.
    fn numbered(ids: &[u64]) -> TestStatement {
        let log: String = ids
            .iter()
            .zip('A'..)
            .map(|(id, title)| {
                format!("[[document]]\nid = {id}\ntitle = \"{title}\"\nurl = \"https://example.org/{title}\"\ndate = 2025-12-01\n\n")
            })
            .collect();
        TestStatement::complete().log(&log)
    }

    #[test]
    fn the_later_entry_is_found_at_its_id_naming_the_first() {
        let f = numbered(&[1, 4, 4]).finding("duplicate-evidence-id");
        assert_eq!(
            f.message,
            "document number 4 is used again, for \"C\" (first for \"B\", line 7)"
        );
        assert_eq!(at(&f), ("evidence/log.toml", 14));
        assert_eq!(
            f.help.as_deref(),
            Some(
                "give this document a number of its own (the next free one is 5) and update its references"
            )
        );
    }

    #[test]
    fn every_repeat_names_the_first() {
        let found = numbered(&[1, 1, 1]).findings("duplicate-evidence-id");
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|f| f.message.contains("first for \"A\"")));
    }

    #[test]
    fn numbers_that_differ_only_in_their_digits_are_fine() {
        let st = numbered(&[1, 10, 11]);
        assert!(st.findings("duplicate-evidence-id").is_empty());
    }
}
