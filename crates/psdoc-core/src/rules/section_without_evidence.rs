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
    for (i, section) in st.guidance_sections() {
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

#[cfg(test)]
mod tests {
    use crate::heading::SectionKey;
    use crate::testing::{OWN_PROFILE, TestStatement, at};

    fn data(text: &str) -> TestStatement {
        TestStatement::complete().data_section(text)
    }

    #[test]
    fn a_section_citing_nothing_is_found_at_its_heading() {
        let f = data("Re-registrations fell over two years, as QI 1.1 asks.")
            .finding("section-without-evidence");
        assert_eq!(
            f.message,
            "\"What your data is telling you\" cites no evidence"
        );
        assert_eq!(at(&f), ("book/src/data.md", 1));
        assert_eq!(f.section, Some(SectionKey::DATA));
        assert_eq!(
            f.help.as_deref(),
            Some("cite the documents behind its claims, e.g. [E12]")
        );
    }

    #[test]
    fn a_reference_in_code_is_no_citation() {
        let st = data("Write references like `[E1]`.");
        assert_eq!(st.findings("section-without-evidence").len(), 1);
    }

    #[test]
    fn a_range_under_a_sub_heading_is_a_citation() {
        let st = data("Re-registrations fell.\n\n## Trends\n\nSee the data sets [E1-E2].");
        assert!(st.findings("section-without-evidence").is_empty());
    }

    #[test]
    fn the_prefix_in_force_is_what_cites_and_what_is_suggested() {
        let st = |text: &str| {
            TestStatement::new()
                .with_config("[evidence]\nprefix = \"D\"\n")
                .data_section(text)
        };
        let f = st("Re-registrations fell [E1].").finding("section-without-evidence");
        assert_eq!(
            f.help.as_deref(),
            Some("cite the documents behind its claims, e.g. [D12]")
        );
        assert!(
            st("Re-registrations fell [D1].")
                .findings("section-without-evidence")
                .is_empty()
        );
    }

    #[test]
    fn an_empty_section_is_left_to_empty_section() {
        let st = TestStatement::complete().chapter("data.md", "# What your data is telling you\n");
        assert!(st.findings("section-without-evidence").is_empty());
    }

    #[test]
    fn a_profile_may_excuse_a_section_from_citing() {
        let st = TestStatement::new()
            .profile(OWN_PROFILE)
            .chapter("context.md", "# Our context\n\nA rural area.\n")
            .chapter(
                "outcomes.md",
                "# Outcomes for children on supervision orders\n\nFewer placements break down.\n",
            );
        let f = st.finding("section-without-evidence");
        assert_eq!(at(&f), ("book/src/outcomes.md", 1), "not the context");
    }
}
