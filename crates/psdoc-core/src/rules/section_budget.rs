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
