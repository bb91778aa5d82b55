//! `duplicate-section`: a required section appears twice.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "duplicate-section",
    default_severity: Severity::Warning,
    summary: "a required section appears twice",
    what: "Two headings of the statement match the same required heading (a combined \"Key achievements and areas for improvement\" counts as both of its parts).",
    why: "The guidance asks for the statement \"under the following headings\", each once. A repeated heading is usually a merge left half done, and it splits what inspectors should read in one place.",
    example: "# Response to Covid-19\n...\n# Response to COVID 19\n\n    warning[duplicate-section]: \"Response to Covid-19\" appears again here (first at book/src/covid.md:1)",
    fix: "Merge the two parts under one heading, or rename the second one if it is a sub-topic (a deeper heading such as `## Recovery planning` stays in the section).",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let profile = cx.config.guidance;
    for spec in &profile.sections {
        let key = spec.key;
        let mut seen = cx
            .statement
            .sections
            .iter()
            .filter(|s| s.covers(key, profile));
        let Some(first) = seen.next() else { continue };
        for again in seen {
            out.push(
                Finding::new(
                    again.location.clone(),
                    format!(
                        "\"{}\" appears again here (first at {}:{})",
                        spec.heading,
                        first.location.file,
                        first.location.line
                    ),
                )
                .section(Some(key))
                .help("merge the two parts under one heading, or make the second a sub-heading (`##`)"),
            );
        }
    }
}
