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
