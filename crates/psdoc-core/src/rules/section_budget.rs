//! `section-budget`: a section is over its budget in `[statement.budgets]`.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;
use crate::text::thousands;

pub(super) static RULE: Rule = Rule {
    name: "section-budget",
    default_severity: Severity::Warning,
    summary: "a section over its budget",
    what: "A required section has more words than the budget the partnership gave it in `[statement.budgets]` of partnership.toml.",
    why: "The guidance allows 5,000 words for the whole statement and asks for a \"brief description\" of context. A budget per section, agreed between partners, keeps each part of a jointly written statement in proportion so the limit is not broken at the last minute.",
    example: "With `[statement.budgets] data = 900` and a data section of 1,020 words:\n\n    warning[section-budget]: \"What your data is telling you\" has 1,020 words, 120 over its budget of 900",
    fix: "Shorten the section, or agree a new budget with the lead officer and change it in partnership.toml.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (&key, &budget) in &cx.config.statement.budgets {
        let words: usize = cx
            .statement
            .sections
            .iter()
            .filter(|s| s.key == Some(key))
            .map(|s| s.words)
            .sum();
        let budget = budget as usize;
        let Some(first) = cx.statement.sections.iter().find(|s| s.key == Some(key)) else {
            continue;
        };
        if words > budget {
            out.push(
                Finding::new(
                    first.location.clone(),
                    format!(
                        "\"{}\" has {} words, {} over its budget of {}",
                        first.title,
                        thousands(words),
                        thousands(words - budget),
                        thousands(budget)
                    ),
                )
                .section(Some(key))
                .help(format!(
                    "shorten the section, or change `{}` in [statement.budgets] of partnership.toml",
                    key.key()
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::heading::SectionKey;
    use crate::testing::{OWN_PROFILE, TestStatement, at};

    /// The Covid-19 section in eight words: three of heading, five under it.
    fn covid_budget(words: u32) -> TestStatement {
        TestStatement::complete()
            .chapter(
                "covid.md",
                "# Response to Covid-19\n\nVisits went on throughout [E1].\n",
            )
            .with_config(&format!("[statement.budgets]\ncovid = {words}\n"))
    }

    #[test]
    fn a_section_over_its_budget_is_found_at_its_heading() {
        let f = covid_budget(7).finding("section-budget");
        assert_eq!(
            f.message,
            "\"Response to Covid-19\" has 8 words, 1 over its budget of 7"
        );
        assert_eq!(at(&f), ("book/src/covid.md", 1));
        assert_eq!(f.section, Some(SectionKey::COVID));
        assert!(
            f.help.unwrap().contains("`covid` in [statement.budgets]"),
            "names the key to change"
        );
    }

    #[test]
    fn exactly_at_the_budget_is_fine() {
        assert!(covid_budget(8).findings("section-budget").is_empty());
    }

    #[test]
    fn a_section_under_two_headings_is_counted_whole_at_the_first() {
        let st = covid_budget(8).chapter(
            "recovery.md",
            "# Response to Covid-19\n\nRecovery ended in 2023.\n",
        );
        let f = st.finding("section-budget");
        assert!(f.message.contains("has 15 words, 7 over"), "{}", f.message);
        assert_eq!(at(&f), ("book/src/covid.md", 1));
    }

    #[test]
    fn a_profile_gives_a_budget_that_partnership_toml_may_change() {
        // The profile's outcomes budget is 50 words.
        let text = format!(
            "# Outcomes for children on supervision orders\n\n{}\n",
            "word ".repeat(45)
        );
        let st = TestStatement::new()
            .profile(OWN_PROFILE)
            .chapter("outcomes.md", &text);
        let f = st.finding("section-budget");
        assert!(f.message.ends_with("has 51 words, 1 over its budget of 50"));
        let raised = st.with_config("[statement.budgets]\noutcomes = 51\n");
        assert!(raised.findings("section-budget").is_empty());
    }
}
