//! `missing-section`: a required heading of the guidance is absent.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;
use crate::model::Location;

pub(super) static RULE: Rule = Rule {
    name: "missing-section",
    default_severity: Severity::Error,
    summary: "a required section is absent",
    what: "None of the statement's headings matches one of the required headings of the guidance profile in force (the 2021 guidance's eight by default). Matching ignores case, curly quotes, dashes, `&` for `and`, numbering such as `2.` or `Section 4:` and a qualifier after a colon or dash; anything else is not a match. When a heading (or a chapter's title in SUMMARY.md) is close (\"What our data is telling us\", \"Leadership\"), the finding is at that heading and names the exact heading to write.",
    why: "The guidance: \"The position statement should be presented under the following headings\". Inspectors look for each heading, and psdoc can only count words, evidence and achievements per section when it finds them.",
    example: "# What our data is telling us\n\n    error[missing-section]: the required section \"What your data is telling you\" is missing\n    help: the heading \"What our data is telling us\" looks like it: use the guidance's wording",
    fix: "Add the section with the guidance's heading, or reword the near-miss heading to match it. `Key achievements` and `Areas for improvement` may share one heading: \"Key achievements and areas for improvement\".",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let profile = cx.config.guidance;
    let sections = &cx.statement.sections;
    for spec in profile.required() {
        let key = spec.key;
        if sections.iter().any(|s| s.covers(key, profile)) {
            continue;
        }
        // A heading (or an untitled chapter's SUMMARY.md title) close to it.
        let candidate = sections
            .iter()
            .filter(|s| s.key.is_none())
            .filter_map(|s| {
                profile
                    .near_miss(&s.title)
                    .filter(|m| m.0 == key)
                    .map(|m| (s, m.1))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let finding = match candidate {
            Some((near, _)) => Finding::new(
                near.location.clone(),
                format!(
                    "the required section \"{}\" is missing; the heading \"{}\" looks like it",
                    spec.heading, near.title
                ),
            )
            .help(format!(
                "write the heading as the guidance does: \"{}\"",
                spec.heading
            )),
            None => Finding::new(
                Location::start_of(&cx.statement.summary_path),
                format!("the required section \"{}\" is missing", spec.heading),
            )
            .help(format!(
                "add a chapter (or a heading in one) titled \"{}\"{}",
                spec.heading,
                match &profile.combined {
                    Some(c) if c.first == key || c.second == key =>
                        format!(", or one heading \"{}\"", c.heading),
                    _ => String::new(),
                }
            )),
        };
        out.push(finding.section(Some(key)));
    }
}
