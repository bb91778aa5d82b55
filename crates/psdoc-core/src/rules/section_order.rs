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
    let profile = cx.config.guidance;
    let mut found: Vec<SectionKey> = Vec::new();
    for (_, s) in cx.statement.guidance_sections() {
        let key = s.key.expect("required");
        let keys = match &profile.combined {
            Some(c) if s.combined => vec![c.first, c.second],
            _ => vec![key],
        };
        for k in keys {
            if !found.contains(&k) {
                found.push(k);
            }
        }
    }
    let follows = |order: &[SectionKey]| {
        let rank = |k: &SectionKey| order.iter().position(|o| o == k);
        found.windows(2).all(|w| rank(&w[0]) < rank(&w[1]))
    };
    if profile.orders.iter().any(|o| follows(o)) {
        return;
    }
    let list = |keys: &[SectionKey]| keys.iter().map(|k| k.key()).collect::<Vec<_>>().join(", ");
    let first = &profile.orders[0];
    out.push(
        Finding::new(
            Location::start_of(&cx.statement.summary_path),
            format!(
                "the sections are in the order {}; the guidance's order is {}",
                list(&found),
                list(first)
            ),
        )
        .help(format!(
            "reorder the chapters in SUMMARY.md{}",
            other_orders(profile)
        )),
    );
}

/// The other accepted orders, said as simply as possible: "; leadership may
/// also come before quality assurance" when two neighbours may swap.
fn other_orders(profile: &psdoc_guidance::Profile) -> String {
    let first = &profile.orders[0];
    let mut out = String::new();
    for order in &profile.orders[1..] {
        let differ: Vec<usize> = (0..first.len()).filter(|&i| first[i] != order[i]).collect();
        let label = |k: SectionKey| {
            profile
                .section(k)
                .map_or(k.key().to_owned(), |s| s.label.to_lowercase())
        };
        if let [i, j] = differ[..]
            && j == i + 1
        {
            out.push_str(&format!(
                "; {} may also come before {}",
                label(first[j]),
                label(first[i])
            ));
        } else {
            let keys: Vec<&str> = order.iter().map(|k| k.key()).collect();
            out.push_str(&format!("; the guidance also accepts {}", keys.join(", ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::testing::{CHAPTERS, TestStatement, at};

    /// The complete statement's chapters in the order of `files`.
    fn in_order(files: &[&str]) -> TestStatement {
        files.iter().fold(TestStatement::new(), |st, file| {
            let (_, text) = CHAPTERS.iter().find(|(f, _)| f == file).expect("a chapter");
            st.chapter(file, text)
        })
    }

    /// Data before Covid-19: neither of the guidance's orders.
    const DATA_FIRST: [&str; 8] = [
        "context.md",
        "data.md",
        "covid.md",
        "involvement.md",
        "qa.md",
        "leadership.md",
        "achievements.md",
        "improvement.md",
    ];

    #[test]
    fn an_order_of_neither_list_is_found_at_the_summary() {
        let f = in_order(&DATA_FIRST).finding("section-order");
        assert_eq!(
            f.message,
            "the sections are in the order context, data, covid, involvement, quality-assurance, leadership, achievements, improvement; \
             the guidance's order is context, covid, data, involvement, quality-assurance, leadership, achievements, improvement"
        );
        assert_eq!(at(&f), ("book/src/SUMMARY.md", 1));
        assert_eq!(f.section, None);
        assert_eq!(
            f.help.as_deref(),
            Some(
                "reorder the chapters in SUMMARY.md; leadership may also come before quality assurance"
            )
        );
    }

    #[test]
    fn a_missing_section_is_left_out_of_the_comparison() {
        let st = in_order(&DATA_FIRST).without("covid.md");
        assert!(st.findings("section-order").is_empty());
    }

    #[test]
    fn a_combined_section_last_is_in_order() {
        let st = TestStatement::complete().without("improvement.md").chapter(
            "achievements.md",
            "# Key achievements and areas for improvement\n\n- One [E1]\n- Two\n- Three\n",
        );
        assert!(st.findings("section-order").is_empty());
    }

    #[test]
    fn under_the_six_areas_profile_a_covid_chapter_anywhere_is_other_text() {
        let st = in_order(&DATA_FIRST)
            .with_config("[guidance]\nprofile = \"children-at-risk-six-areas\"\n");
        assert!(st.findings("section-order").is_empty());
    }
}
