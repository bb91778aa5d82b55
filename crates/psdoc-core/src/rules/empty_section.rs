//! `empty-section`: a heading the guidance lists with nothing under it.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "empty-section",
    default_severity: Severity::Error,
    summary: "a section the guidance lists has no words under its heading",
    what: "A heading the guidance lists is followed directly by the next section (or the end of the statement): no words under it. An optional section may be left out, but present and empty it is reported too. Drafting notes in HTML comments do not count, so a freshly scaffolded section with only the guidance's prompts is empty.",
    why: "Every heading the guidance lists asks inspectors a question (\"Please provide a brief description of the context…\"); an empty section answers none and reads as unfinished.",
    example: "# Response to Covid-19\n<!-- Guidance: the impact of COVID-19 and the partnership's response -->\n\n# What your data is telling you\n\n    error[empty-section]: \"Response to Covid-19\" has no words under its heading",
    fix: "Write the section, or, if it truly does not apply, say so in a sentence: inspectors prefer a reason to a gap.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, section) in cx.statement.guidance_sections() {
        if section.body_words(&cx.statement.chapters) == 0 {
            out.push(
                Finding::new(
                    section.location.clone(),
                    format!("\"{}\" has no words under its heading", section.title),
                )
                .section(section.key)
                .help("write the section, or explain in a sentence why it does not apply"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::heading::SectionKey;
    use crate::testing::{TestStatement, at};

    /// The Covid-19 heading with only the guidance's prompt under it.
    const SCAFFOLDED: &str = "# Response to Covid-19\n\n<!-- The impact of COVID-19 and the partnership's response. -->\n";

    #[test]
    fn the_last_heading_with_nothing_after_it_is_found() {
        let f = TestStatement::complete()
            .chapter("improvement.md", "# Areas for improvement\n")
            .finding("empty-section");
        assert_eq!(
            f.message,
            "\"Areas for improvement\" has no words under its heading"
        );
        assert_eq!(at(&f), ("book/src/improvement.md", 1));
        assert_eq!(f.section, Some(SectionKey::IMPROVEMENT));
        assert!(f.help.unwrap().contains("why it does not apply"));
    }

    #[test]
    fn a_table_alone_is_words_under_the_heading() {
        let st = TestStatement::complete().chapter(
            "covid.md",
            "# Response to Covid-19\n\n| Visits | Kept |\n|---|---|\n| Home [E1] | Yes |\n",
        );
        assert!(st.findings("empty-section").is_empty());
    }

    #[test]
    fn an_optional_section_left_as_scaffolded_is_still_found() {
        // Optional means it may be left out; present, an empty heading still
        // reads as unfinished.
        let st = TestStatement::complete()
            .chapter("covid.md", SCAFFOLDED)
            .with_config("[guidance.sections.covid]\nrequired = false\n");
        assert_eq!(st.finding("empty-section").section, Some(SectionKey::COVID));
    }

    #[test]
    fn under_the_six_areas_profile_a_covid_heading_is_no_section() {
        let st = TestStatement::complete()
            .chapter("covid.md", SCAFFOLDED)
            .with_config("[guidance]\nprofile = \"children-at-risk-six-areas\"\n");
        assert!(st.findings("empty-section").is_empty());
    }
}
