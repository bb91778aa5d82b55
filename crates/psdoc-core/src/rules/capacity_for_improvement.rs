//! `capacity-for-improvement`: areas for improvement say nothing of the
//! partnership's capacity for improvement.

use std::sync::LazyLock;

use regex::Regex;

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;
use crate::heading::SectionKey;

pub(super) static RULE: Rule = Rule {
    name: "capacity-for-improvement",
    default_severity: Severity::Warning,
    summary: "areas for improvement say nothing of capacity for improvement (no phrase, no QI 10)",
    what: "The areas for improvement section (or the improvement part of a combined section) neither uses the phrase \"capacity for improvement\" (or \"capacity to improve\") nor refers to quality indicator 10 (`QI 10`, `QI 10.1`).",
    why: "The guidance: \"We also ask you to comment on your capacity for improvement which should be informed by quality indicator 10 within the quality framework.\"",
    example: "# Areas for improvement\nWe will improve chronologies.\n\n    warning[capacity-for-improvement]: \"Areas for improvement\" does not comment on the partnership's capacity for improvement",
    fix: "Add a paragraph on your capacity for improvement, informed by QI 10: what gives you confidence you can deliver the priorities (leadership, self-evaluation, resources), and name it as such.",
    check,
};

static CAPACITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)capacity\s+(?:for\s+improvement|to\s+improve)|\b(?:QIs?|quality\s+indicators?)\s*10(?:\.1)?\b")
        .expect("valid regex")
});

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let st = cx.statement;
    for (i, section) in st.required_sections() {
        let from = match (section.key, section.combined) {
            (Some(SectionKey::Improvement), _) => section.start,
            (Some(SectionKey::Achievements), true) => {
                section.improvement_start.unwrap_or(section.start)
            }
            _ => continue,
        };
        let says_it = st
            .units_between(from, st.section_end(i))
            .any(|(_, u)| CAPACITY.is_match(&u.text));
        if !says_it {
            out.push(
                Finding::new(
                    section.location.clone(),
                    format!(
                        "\"{}\" does not comment on the partnership's capacity for improvement",
                        section.title
                    ),
                )
                .section(section.key)
                .help("add a paragraph on your \"capacity for improvement\", informed by QI 10"),
            );
        }
    }
}
