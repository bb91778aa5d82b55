//! `section-without-evidence`: a required section citing no evidence.

use psdoc_evidence::ReferenceKind;

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "section-without-evidence",
    default_severity: Severity::Warning,
    summary: "a required section (not `context`) citing no evidence",
    what: "A required section other than the context section contains no evidence reference.",
    why: "The guidance: \"Please ensure links to your evidence are clearly marked throughout the document\" and \"There must be a clear link between statements in the position statement and the supporting evidence provided.\" Inspectors use the evidence to \"validate its robustness\".",
    example: "# Children and young people's involvement and feedback\nChildren tell us they feel listened to.\n\n    warning[section-without-evidence]: \"Children and young people's involvement and feedback\" cites no evidence",
    fix: "Cite the documents that support the section's claims, e.g. the survey results [E23].",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let st = cx.statement;
    for (i, section) in st.required_sections() {
        let expected = section
            .key
            .and_then(|k| cx.config.guidance.section(k))
            .is_none_or(|spec| spec.cites_evidence);
        // An empty section is `empty-section`'s to report, once.
        if !expected || section.body_words(&st.chapters) == 0 {
            continue;
        }
        let (from, to) = (section.start, st.section_end(i));
        let cites = cx.citations.references.iter().any(|r| {
            r.place >= from && r.place < to && matches!(r.item.kind, ReferenceKind::Cites(_))
        });
        if !cites {
            out.push(
                Finding::new(
                    section.location.clone(),
                    format!("\"{}\" cites no evidence", section.title),
                )
                .section(section.key)
                .help(format!(
                    "cite the documents behind its claims, e.g. [{}12]",
                    cx.config.evidence.prefix
                )),
            );
        }
    }
}
