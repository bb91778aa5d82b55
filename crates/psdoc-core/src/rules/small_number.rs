//! `small-number`: a small count of people in a table.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "small-number",
    default_severity: Severity::Warning,
    summary: "a count from 1 to threshold-1 in a table: may identify a child",
    what: "A table cell of the statement (or of a CSV or XLSX evidence file) whose whole content is a whole number from 1 to `small_number_threshold - 1` (4 by default), in a row or column that counts people (children, families, referrals, registrations), with or without a time or age window (\"Children re-registered within 18 months\", \"aged under 5\", \"in 2024-25\", \"per quarter\"). Percentages, rates, decimals, years, money, averages and durations (\"Average months on the register\", \"Median days to conference\"), totals above the threshold and suppression marks (`*`, `c`, `<5`) are fine; a threshold of 0 switches the rule off.",
    why: "The guidance asks that nothing \"personal or identifiable\" is submitted. In a small area, \"3 children registered for sexual abuse in Quarter 2\" can identify the children; official statistics suppress such counts (disclosure control).",
    example: "| Category of concern | Children |\n|---|---|\n| Sexual abuse | 3 |\n\n    warning[small-number]: a count of 3 (Sexual abuse / Children) is below 5: so few children or families may be identifiable",
    fix: "Suppress the count (`<5` or `*`), combine categories or years, or give a rate. If the cell does not count people, or the figure is already published, allow it: in Markdown, <!-- psdoc-allow small-number --> before the table; in a spreadsheet or a CSV file, which cannot hold that comment, an entry in partnership.toml:\n\n    [[privacy.allow]]\n    file = \"evidence/files/data/cpc-q4.xlsx\"\n    text = \"3\"\n    rule = \"small-number\"\n    reason = \"published CPC figure\"",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    out.extend(cx.privacy.small_numbers.iter().cloned());
}
