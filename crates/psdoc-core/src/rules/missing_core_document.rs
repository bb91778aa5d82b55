//! `missing-core-document`: an Appendix 2 core document with no entry and
//! no reason why it does not apply.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "missing-core-document",
    default_severity: Severity::Warning,
    summary: "an Appendix 2 core document with no entry and no not-applicable reason",
    what: "None of the log's entries has `core` set to one of Appendix 2's thirteen items, and `[evidence.not_applicable]` in partnership.toml gives no reason for leaving it out.",
    why: "The guidance: \"Core documents that are required by the inspection team are outlined in appendix 2. These should be current strategic documents\". Inspectors expect every item, or an explanation (item 1 applies only where children's services are delegated to the IJB).",
    example: "No entry with core = 13\n\n    warning[missing-core-document]: Appendix 2 item 13 (\"Local poverty action plan\") has no entry in the document log",
    fix: "Add the document to the log with `core = 13`, or, if it does not apply, say why in partnership.toml:\n\n    [evidence.not_applicable]\n    13 = \"The child poverty action report is part of the children's services plan [E1]\"",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for item in &cx.config.guidance.core_documents {
        if cx.config.evidence.not_applicable.contains_key(&item.item)
            || cx.log.core(item.item).next().is_some()
        {
            continue;
        }
        out.push(
            Finding::new(
                cx.log_start(),
                format!(
                    "Appendix 2 item {} (\"{}\") has no entry in the document log",
                    item.item, item.title
                ),
            )
            .help(format!(
                "add the document with `core = {}`, or give the reason it does not apply under [evidence.not_applicable] in partnership.toml",
                item.item
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{TestStatement, at};

    /// One entry answering the Appendix 2 items `core`.
    fn answering(core: &str) -> TestStatement {
        TestStatement::complete().log(&format!(
            "[[document]]\nid = 1\ntitle = \"Plans\"\nurl = \"https://example.org/a\"\ndate = 2025-12-01\ncore = {core}\n"
        ))
    }

    #[test]
    fn an_item_with_no_entry_is_found_at_the_top_of_the_log_by_its_title() {
        let found = answering("1").findings("missing-core-document");
        assert_eq!(found.len(), 12, "items 2 to 13");
        let f = found.last().unwrap();
        assert_eq!(
            f.message,
            "Appendix 2 item 13 (\"Local poverty action plan\") has no entry in the document log"
        );
        assert_eq!(at(f), ("evidence/log.toml", 1));
        let help = f.help.as_deref().unwrap();
        assert!(help.contains("`core = 13`"), "{help}");
        assert!(help.contains("[evidence.not_applicable]"), "{help}");
    }

    #[test]
    fn one_entry_may_answer_several_items() {
        let found = answering("[6, 8, 13]").findings("missing-core-document");
        assert_eq!(found.len(), 10);
        for item in ["item 6 ", "item 8 ", "item 13 "] {
            assert!(!found.iter().any(|f| f.message.contains(item)), "{item}");
        }
    }

    #[test]
    fn an_item_that_does_not_apply_needs_no_entry() {
        let st = answering("[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]").with_config(
            "[evidence.not_applicable]\n1 = \"Children's services are not delegated to the IJB\"\n",
        );
        assert!(st.findings("missing-core-document").is_empty());
    }
}
