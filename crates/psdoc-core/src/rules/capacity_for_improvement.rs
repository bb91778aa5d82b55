//! `capacity-for-improvement`: areas for improvement say nothing of the
//! partnership's capacity for improvement.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;
use psdoc_evidence::find_qi_references;

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

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let st = cx.statement;
    let profile = cx.config.guidance;
    let Some(capacity) = &profile.capacity else {
        return;
    };
    let phrases: Vec<String> = capacity.phrases.iter().map(|p| collapse(p)).collect();
    for (i, section) in st.guidance_sections() {
        // An empty section is `empty-section`'s to report, once.
        if section.body_words(&st.chapters) == 0 {
            continue;
        }
        let from = match &profile.combined {
            _ if section.key == Some(capacity.section) && !section.combined => section.start,
            Some(c) if section.combined && c.second == capacity.section => {
                section.second_start.unwrap_or(section.start)
            }
            _ => continue,
        };
        let says_it = st.units_between(from, st.section_end(i)).any(|(_, u)| {
            let text = collapse(&u.text);
            phrases.iter().any(|p| text.contains(p.as_str()))
                || find_qi_references(&u.text, &profile.framework)
                    .iter()
                    .filter_map(|r| r.resolved.as_ref())
                    .flatten()
                    .any(|qi| capacity.indicators.contains(&qi.number))
        });
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
                .help(format!(
                    "add a paragraph on your \"{}\", informed by QI {}",
                    capacity
                        .phrases
                        .first()
                        .map_or("capacity for improvement", String::as_str),
                    capacity
                        .indicators
                        .iter()
                        .map(|n| n.strip_suffix(".1").unwrap_or(n))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        }
    }
}

/// Lower case with single spaces, for finding a phrase however it wraps.
fn collapse(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use crate::heading::SectionKey;
    use crate::testing::{OWN_PROFILE, TestStatement, at};

    fn improvement(text: &str) -> TestStatement {
        TestStatement::complete().chapter("improvement.md", text)
    }

    #[test]
    fn another_quality_indicator_is_no_comment_on_capacity() {
        let f = improvement(
            "# Areas for improvement\n\nWe will improve chronologies [E1], guided by QI 9.4.\n",
        )
        .finding("capacity-for-improvement");
        assert_eq!(
            f.message,
            "\"Areas for improvement\" does not comment on the partnership's capacity for improvement"
        );
        assert_eq!(at(&f), ("book/src/improvement.md", 1));
        assert_eq!(f.section, Some(SectionKey::IMPROVEMENT));
        assert_eq!(
            f.help.as_deref(),
            Some("add a paragraph on your \"capacity for improvement\", informed by QI 10")
        );
    }

    #[test]
    fn the_phrase_wrapped_over_two_lines_counts() {
        let st = improvement(
            "# Areas for improvement\n\nWe judge our capacity for\nimprovement to be good [E1].\n",
        );
        assert!(st.findings("capacity-for-improvement").is_empty());
    }

    #[test]
    fn quality_indicator_10_in_words_counts() {
        let st = improvement(
            "# Areas for improvement\n\nOur self-evaluation against quality indicator 10 is in [E1].\n",
        );
        assert!(st.findings("capacity-for-improvement").is_empty());
    }

    #[test]
    fn in_a_combined_section_only_the_improvement_part_counts() {
        let st = TestStatement::complete().without("improvement.md").chapter(
            "achievements.md",
            "# Key achievements and areas for improvement\n\n## Key achievements\n\n- Our capacity for improvement grew [E1]\n- Two\n- Three\n\n## Areas for improvement\n\nChronologies.\n",
        );
        let f = st.finding("capacity-for-improvement");
        assert_eq!(at(&f), ("book/src/achievements.md", 1));
        assert!(
            f.message
                .starts_with("\"Key achievements and areas for improvement\"")
        );
    }

    #[test]
    fn an_empty_section_is_left_to_empty_section() {
        let st = improvement("# Areas for improvement\n");
        assert!(st.findings("capacity-for-improvement").is_empty());
    }

    #[test]
    fn a_profile_asks_for_its_own_phrase_or_indicator() {
        let next_steps = |text: &str| {
            TestStatement::new()
                .profile(OWN_PROFILE)
                .chapter("next.md", &format!("# Next steps\n\n{text}\n"))
        };
        let f =
            next_steps("Our capacity for improvement is good.").finding("capacity-for-improvement");
        assert_eq!(
            f.help.as_deref(),
            Some("add a paragraph on your \"ready to improve\", informed by QI 11")
        );
        assert!(
            next_steps("We are ready to improve.")
                .findings("capacity-for-improvement")
                .is_empty()
        );
        assert!(
            next_steps("Permanence (QI 11.1) is our strength.")
                .findings("capacity-for-improvement")
                .is_empty()
        );
    }
}
