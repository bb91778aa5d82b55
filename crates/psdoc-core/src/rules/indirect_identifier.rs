//! `indirect-identifier`: details that together could identify a child.

use super::Context;
use super::{Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "indirect-identifier",
    default_severity: Severity::Warning,
    summary: "details that together could identify a child (an age or year group with a named school, small place or unique event)",
    what: "One child's age or year group (\"a 14-year-old boy\", \"a girl aged 12\", \"a P7 pupil\") in the same sentence as a named school (\"Ardlui Primary\"), a named town, village or island (\"from Kilbride\"; not the partnership's own area or a city), or an event that happens to few children (\"excluded three times\", \"the only pupil\", \"in court\"). A group's ages (\"children aged 5 to 15\") are not reported. It reads the statement (HTML comments included) and every evidence file.",
    why: "The guidance: \"please ensure that your supporting evidence does not contain any personal or identifiable information.\" Information is identifiable when it identifies someone combined with what others know (\"jigsaw identification\"): no name is needed for everyone at a small school to know which 14-year-old boy was excluded three times.",
    example: "A 14-year-old boy from Ardlui Primary was excluded three times before the team became involved.\n\n    warning[indirect-identifier]: a child's age or year group (\"A 14-year-old boy\") with a named school (\"Ardlui Primary\"): together they could identify a child",
    fix: "Generalise one of the details until many children fit: \"a secondary-age young person\" instead of the age, \"a primary school in the west locality\" instead of its name, \"was excluded from school\" instead of how often. For example: \"A young person was excluded several times before the team became involved.\" If the details are public and agreed, allow the block with <!-- psdoc-allow indirect-identifier --> (in Markdown) or a [[privacy.allow]] entry in partnership.toml (in an evidence file).",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    out.extend(cx.privacy.indirect.iter().cloned());
}
