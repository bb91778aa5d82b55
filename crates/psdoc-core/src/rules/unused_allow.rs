//! `unused-allow`: a `[[privacy.allow]]` entry that allows nothing.

use super::Context;
use super::{Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "unused-allow",
    default_severity: Severity::Warning,
    summary: "a `[[privacy.allow]]` entry in partnership.toml that matches no finding",
    what: "An entry of `[[privacy.allow]]` in partnership.toml whose `file`, `text`, `rule` or `kind` matches no finding of `psdoc check`: the finding it allowed has gone (the file was corrected or removed), or the entry has a typing error and allows nothing.",
    why: "The guidance asks that nothing \"personal or identifiable\" is submitted. An allow entry is a judgement that one finding is not personal; left behind once that finding has gone, it would silently allow whatever next appears at that place, and a mistyped one hides nothing while looking as if it does.",
    example: "[[privacy.allow]]\nfile = \"evidence/files/data/cpc-q4.xlsx\"\ntext = \"3\"\nrule = \"small-number\"\nreason = \"published CPC figure\"\n\n(after the 3 was replaced by <5)\n\n    warning[unused-allow]: this [[privacy.allow]] entry allows nothing: a small-number finding with the text given in evidence/files/data/cpc-q4.xlsx was not found",
    fix: "Remove the entry from partnership.toml, or correct its `file` (relative to partnership.toml, with / separators), its `text` (exactly as in the file) or its `rule`/`kind`.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    out.extend(cx.privacy.unused_allows.iter().cloned());
}
