//! `core-document-count`: fewer data set reports, minutes or plan documents
//! than Appendix 2 asks for.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "core-document-count",
    default_severity: Severity::Warning,
    summary: "fewer data set reports or minutes than Appendix 2 asks",
    what: "An Appendix 2 item that asks for several documents has fewer entries: item 4, the previous four data set reports to the CPC (four entries); item 7, the previous four sets of minutes of the Chief Officers' Group and of the child protection committee (eight entries, or four per `body = \"COG\"` / `body = \"CPC\"` when entries name their body); items 6 and 8, a plan and its annual report or progress updates (two entries each).",
    why: "Appendix 2 asks for \"the previous four data set reports to the CPC\", \"the previous four sets of minutes of the Chief Officer's group, the child protection committee\", the \"child protection committee plan and annual report\" and the \"children's services plan and progress updates\".",
    example: "Three entries with core = 4\n\n    warning[core-document-count]: Appendix 2 item 4 asks for the previous four data set reports; the log has 3",
    fix: "Add the missing documents to the log with the item's `core` number (and `body` for minutes).",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for item in cx
        .config
        .guidance
        .core_documents
        .iter()
        .filter(|i| i.minimum > 1)
    {
        if cx.config.evidence.not_applicable.contains_key(&item.item) {
            continue;
        }
        let entries: Vec<_> = cx.log.core(item.item).collect();
        if entries.is_empty() {
            continue; // missing-core-document says so
        }
        let mut problems = Vec::new();
        let named = entries.iter().any(|d| d.body.is_some());
        if !item.bodies.is_empty() && named {
            for body in &item.bodies {
                let n = entries
                    .iter()
                    .filter(|d| {
                        d.body
                            .as_deref()
                            .is_some_and(|b| b.eq_ignore_ascii_case(body))
                    })
                    .count();
                if n < item.per_body {
                    let asks = item.per_body_asks.as_deref().map_or_else(
                        || format!("{} entries for {body}", item.per_body),
                        |a| a.replace("{body}", body),
                    );
                    problems.push(format!("{asks}; the log has {n}"));
                }
            }
        } else if entries.len() < item.minimum {
            problems.push(format!(
                "{} entries ({}); the log has {}",
                item.minimum,
                item.asks.as_deref().unwrap_or("documents"),
                entries.len()
            ));
        }
        for problem in problems {
            out.push(
                Finding::new(
                    cx.log_start(),
                    format!("Appendix 2 item {} asks for {problem}", item.item),
                )
                .help(format!(
                    "add the missing documents with `core = {}`{}",
                    item.item,
                    match &item.bodies[..] {
                        [] => String::new(),
                        bodies => format!(
                            " and {}",
                            bodies
                                .iter()
                                .map(|b| format!("`body = \"{b}\"`"))
                                .collect::<Vec<_>>()
                                .join(" or ")
                        ),
                    }
                )),
            );
        }
    }
}
