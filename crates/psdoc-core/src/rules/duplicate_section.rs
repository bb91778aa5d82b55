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

#[cfg(test)]
mod tests {
    use crate::heading::SectionKey;
    use crate::testing::{TestStatement, at};

    /// The complete statement with a second Covid-19 section at its end.
    fn covid_twice() -> TestStatement {
        TestStatement::complete().chapter(
            "recovery.md",
            "Recovery planning went on.\n\n# Response to COVID 19: recovery\n\nIt ended in 2023 [E1].\n",
        )
    }

    #[test]
    fn a_second_heading_is_found_where_it_is_naming_the_first() {
        let f = covid_twice().finding("duplicate-section");
        assert_eq!(
            f.message,
            "\"Response to Covid-19\" appears again here (first at book/src/covid.md:1)"
        );
        assert_eq!(at(&f), ("book/src/recovery.md", 3));
        assert_eq!(f.section, Some(SectionKey::COVID));
        assert!(f.help.unwrap().contains("sub-heading (`##`)"));
    }

    #[test]
    fn a_combined_heading_and_a_separate_improvement_section_are_a_duplicate() {
        let f = TestStatement::complete()
            .chapter(
                "achievements.md",
                "# Key achievements and areas for improvement\n\n## Bairns' Hoose\n\nOne [E1].\n\n## Safe and Together\n\nTwo.\n\n## Youth forum\n\nThree.\n",
            )
            .finding("duplicate-section");
        assert_eq!(
            f.message,
            "\"Areas for improvement\" appears again here (first at book/src/achievements.md:1)"
        );
        assert_eq!(at(&f), ("book/src/improvement.md", 1));
        assert_eq!(f.section, Some(SectionKey::IMPROVEMENT));
    }

    #[test]
    fn the_parts_of_a_combined_section_as_sub_headings_are_not_duplicates() {
        let st = TestStatement::complete().without("improvement.md").chapter(
            "achievements.md",
            "# Key achievements and areas for improvement\n\n## Key achievements\n\n- One [E1]\n- Two\n- Three\n\n## Areas for improvement\n\nOur capacity for improvement is good.\n",
        );
        assert!(st.findings("duplicate-section").is_empty());
    }

    #[test]
    fn under_the_six_areas_profile_a_second_covid_heading_is_no_section() {
        let st = covid_twice()
            .without("covid.md")
            .with_config("[guidance]\nprofile = \"children-at-risk-six-areas\"\n");
        assert!(st.findings("duplicate-section").is_empty());
    }
}
