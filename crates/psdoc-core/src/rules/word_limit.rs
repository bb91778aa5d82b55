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
