//! `malformed-reference`: something that looks like an evidence reference
//! but is not one.

use psdoc_evidence::ReferenceKind;

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "malformed-reference",
    default_severity: Severity::Warning,
    summary: "something that looks like a reference but is not one (`[E]`, `[E12a]`, `[E5-E3]`)",
    what: "A bracket that starts like an evidence reference but cannot be read as one: no number (`[E]`), a letter after the number (`[E12a]`), a range running backwards (`[E5-E3]`), document 0, a space inside (`[E 12]`), or a number too large to be a document number.",
    why: "The guidance asks that \"links to your evidence are clearly marked throughout the document\". A reference psdoc cannot read is one an inspector may not follow either, and it is not linked in the published book.",
    example: "Audits improved practice [E12a].\n\n    warning[malformed-reference]: [E12a] is not an evidence reference: a letter follows the number",
    fix: "Write references as [E12], lists as [E3, E12] and ranges as [E3-E5] (the lower number first). Give each document its own number in the log rather than 12a, 12b.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for found in &cx.citations.references {
        if let ReferenceKind::Malformed { reason } = &found.item.kind {
            out.push(
                Finding::new(
                    found.location.clone(),
                    format!("not an evidence reference: {reason}"),
                )
                .section(found.section)
                .help(format!(
                    "write [{p}12], [{p}3, {p}12] or [{p}3-{p}5]",
                    p = cx.config.evidence.prefix
                )),
            );
        }
    }
}
