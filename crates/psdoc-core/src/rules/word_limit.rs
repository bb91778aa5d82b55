//! `word-limit`: the statement is over `statement.word_limit`.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;
use crate::model::Location;
use crate::text::thousands;

pub(super) static RULE: Rule = Rule {
    name: "word-limit",
    default_severity: Severity::Error,
    summary: "statement over `word_limit`",
    what: "The statement's words, counted as Microsoft Word counts them over every chapter in SUMMARY.md (headings, lists, tables, link text and evidence references included; HTML comments, image alt text and URLs not), are more than `statement.word_limit` (5,000 by default).",
    why: "The guidance: \"We ask that your position statement is no more than 5,000 words.\" Inspectors read every statement against the same limit, and a statement over it may be returned.",
    example: "A statement whose chapters add up to 5,212 words:\n\n    error[word-limit]: the statement has 5,212 words, 212 over the limit of 5,000",
    fix: "Run `psdoc count` to see each section's words and share of the limit, and cut from the longest sections. Keep drafting notes in HTML comments (`<!-- ... -->`): they are not counted. Move detail into the evidence and cite it with [E12].",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let words = cx.statement.total_words();
    let limit = cx.config.statement.word_limit as usize;
    if words > limit {
        out.push(
            Finding::new(
                Location::start_of(&cx.statement.summary_path),
                format!(
                    "the statement has {} words, {} over the limit of {}",
                    thousands(words),
                    thousands(words - limit),
                    thousands(limit)
                ),
            )
            .help(
                "`psdoc count` shows each section's words: cut the longest, move detail into the evidence and cite it",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{OWN_PROFILE, TestStatement, at};

    /// Seven words: four in the heading, three under it.
    fn seven_words() -> TestStatement {
        TestStatement::new().chapter(
            "context.md",
            "# Context of children's services\n\nOne two three.\n",
        )
    }

    #[test]
    fn a_statement_over_the_limit_is_found_at_the_summary() {
        let f = seven_words()
            .with_config("[statement]\nword_limit = 6\n")
            .finding("word-limit");
        assert_eq!(
            f.message,
            "the statement has 7 words, 1 over the limit of 6"
        );
        assert_eq!(at(&f), ("book/src/SUMMARY.md", 1));
        assert_eq!(f.section, None);
        assert!(f.help.unwrap().contains("`psdoc count`"));
    }

    #[test]
    fn exactly_at_the_limit_is_fine() {
        let st = seven_words().with_config("[statement]\nword_limit = 7\n");
        assert!(st.findings("word-limit").is_empty());
    }

    #[test]
    fn drafting_notes_are_not_counted() {
        let st = TestStatement::new()
            .chapter(
                "context.md",
                "# Context of children's services\n\n<!-- Ask the lead officer for the latest population figures. -->\nOne two three.\n",
            )
            .with_config("[statement]\nword_limit = 7\n");
        assert!(st.findings("word-limit").is_empty());
    }

    #[test]
    fn a_profile_sets_the_limit_and_thousands_are_grouped() {
        // Two words of heading and 999 under it: one over the profile's 1,000.
        let text = format!("# Our context\n\n{}\n", "word ".repeat(999));
        let f = TestStatement::new()
            .profile(OWN_PROFILE)
            .chapter("context.md", &text)
            .finding("word-limit");
        assert_eq!(
            f.message,
            "the statement has 1,001 words, 1 over the limit of 1,000"
        );
    }
}
