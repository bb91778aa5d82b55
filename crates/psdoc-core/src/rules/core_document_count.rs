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

#[cfg(test)]
mod tests {
    use crate::testing::{TestStatement, at};

    /// A log of one entry per `(core, body)`, numbered from 1.
    fn entries(items: &[(u8, Option<&str>)]) -> TestStatement {
        let log: String = items
            .iter()
            .zip(1..)
            .map(|((core, body), id)| {
                let body = body.map_or(String::new(), |b| format!("body = \"{b}\"\n"));
                format!("[[document]]\nid = {id}\ntitle = \"Document {id}\"\nurl = \"https://example.org/{id}\"\ndate = 2025-12-01\ncore = {core}\n{body}\n")
            })
            .collect();
        TestStatement::complete().log(&log)
    }

    fn data_sets(n: usize) -> TestStatement {
        entries(&vec![(4, None); n])
    }

    #[test]
    fn three_data_set_reports_are_found_at_the_top_of_the_log() {
        let f = data_sets(3).finding("core-document-count");
        assert_eq!(
            f.message,
            "Appendix 2 item 4 asks for 4 entries (the previous four data set reports to the CPC); the log has 3"
        );
        assert_eq!(at(&f), ("evidence/log.toml", 1));
        assert_eq!(
            f.help.as_deref(),
            Some("add the missing documents with `core = 4`")
        );
    }

    #[test]
    fn exactly_four_data_set_reports_are_fine() {
        assert!(data_sets(4).findings("core-document-count").is_empty());
    }

    #[test]
    fn minutes_without_bodies_are_counted_together() {
        let f = entries(&[(7, None); 7]).finding("core-document-count");
        assert!(f.message.ends_with("; the log has 7"), "{}", f.message);
        assert_eq!(
            f.help.as_deref(),
            Some(
                "add the missing documents with `core = 7` and `body = \"COG\"` or `body = \"CPC\"`"
            )
        );
        assert!(
            entries(&[(7, None); 8])
                .findings("core-document-count")
                .is_empty()
        );
    }

    #[test]
    fn bodies_are_matched_whatever_their_case() {
        let mut minutes = vec![(7, Some("cog")); 4];
        minutes.extend(vec![(7, Some("Cpc")); 4]);
        assert!(entries(&minutes).findings("core-document-count").is_empty());
    }

    #[test]
    fn an_item_that_does_not_apply_is_not_counted() {
        let st = data_sets(3).with_config(
            "[evidence.not_applicable]\n4 = \"The CPC receives one combined data report a year\"\n",
        );
        assert!(st.findings("core-document-count").is_empty());
    }
}
