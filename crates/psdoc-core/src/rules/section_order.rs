//! `section-order`: the sections follow neither of the guidance's orders.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;
use crate::heading::SectionKey;
use crate::model::Location;

pub(super) static RULE: Rule = Rule {
    name: "section-order",
    default_severity: Severity::Warning,
    summary: "order matches neither of the guidance's orders",
    what: "The required sections, in the order the statement presents them, follow neither the guidance's list of headings (… quality assurance, then leadership …) nor the order of its content notes (… leadership, then quality assurance …). Missing sections are left out of the comparison.",
    why: "Inspectors read many statements side by side in the order the guidance sets; a familiar order lets them find each part quickly. The guidance itself uses two orders, so both are accepted.",
    example: "Chapters in the order: context, data, covid, …\n\n    warning[section-order]: the sections are in the order context, data, covid, …; the guidance's order is context, covid, data, …",
    fix: "Reorder the chapters in book/src/SUMMARY.md (chapter order is statement order).",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut found: Vec<SectionKey> = Vec::new();
    for (_, s) in cx.statement.required_sections() {
        let keys: &[SectionKey] = if s.combined {
            &[SectionKey::Achievements, SectionKey::Improvement]
        } else {
            std::slice::from_ref(s.key.as_ref().expect("required"))
        };
        for &k in keys {
            if !found.contains(&k) {
                found.push(k);
            }
        }
    }
    let follows = |order: &[SectionKey; 8]| {
        let rank = |k: &SectionKey| order.iter().position(|o| o == k);
        found.windows(2).all(|w| rank(&w[0]) < rank(&w[1]))
    };
    if follows(&SectionKey::ALL) || follows(&SectionKey::CONTENT_NOTES_ORDER) {
        return;
    }
    let list = |keys: &[SectionKey]| keys.iter().map(|k| k.key()).collect::<Vec<_>>().join(", ");
    out.push(
        Finding::new(
            Location::start_of(&cx.statement.summary_path),
            format!(
                "the sections are in the order {}; the guidance's order is {}",
                list(&found),
                list(&SectionKey::ALL)
            ),
        )
        .help(
            "reorder the chapters in SUMMARY.md; leadership may also come before quality assurance",
        ),
    );
}
