//! `missing-section`: a required heading of the guidance is absent.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;
use crate::model::Location;

pub(super) static RULE: Rule = Rule {
    name: "missing-section",
    default_severity: Severity::Error,
    summary: "a required section is absent",
    what: "None of the statement's headings matches one of the required headings of the guidance profile in force (the 2021 guidance's eight by default). Matching ignores case, curly quotes, dashes, `&` for `and`, numbering such as `2.` or `Section 4:` and a qualifier after a colon or dash; anything else is not a match. When a heading (or a chapter's title in SUMMARY.md) is close (\"What our data is telling us\", \"Leadership\"), the finding is at that heading and names the exact heading to write.",
    why: "The guidance: \"The position statement should be presented under the following headings\". Inspectors look for each heading, and psdoc can only count words, evidence and achievements per section when it finds them.",
    example: "# What our data is telling us\n\n    error[missing-section]: the required section \"What your data is telling you\" is missing\n    help: the heading \"What our data is telling us\" looks like it: use the guidance's wording",
    fix: "Add the section with the guidance's heading, or reword the near-miss heading to match it. `Key achievements` and `Areas for improvement` may share one heading: \"Key achievements and areas for improvement\".",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let profile = cx.config.guidance;
    let sections = &cx.statement.sections;
    for spec in profile.required() {
        let key = spec.key;
        if sections.iter().any(|s| s.covers(key, profile)) {
            continue;
        }
        // A heading (or an untitled chapter's SUMMARY.md title) close to it.
        let candidate = sections
            .iter()
            .filter(|s| s.key.is_none())
            .filter_map(|s| {
                profile
                    .near_miss(&s.title)
                    .filter(|m| m.0 == key)
                    .map(|m| (s, m.1))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let finding = match candidate {
            Some((near, _)) => Finding::new(
                near.location.clone(),
                format!(
                    "the required section \"{}\" is missing; the heading \"{}\" looks like it",
                    spec.heading, near.title
                ),
            )
            .help(format!(
                "write the heading as the guidance does: \"{}\"",
                spec.heading
            )),
            None => Finding::new(
                Location::start_of(&cx.statement.summary_path),
                format!("the required section \"{}\" is missing", spec.heading),
            )
            .help(format!(
                "add a chapter (or a heading in one) titled \"{}\"{}",
                spec.heading,
                match &profile.combined {
                    Some(c) if c.first == key || c.second == key =>
                        format!(", or one heading \"{}\"", c.heading),
                    _ => String::new(),
                }
            )),
        };
        out.push(finding.section(Some(key)));
    }
}

#[cfg(test)]
mod tests {
    use crate::heading::SectionKey;
    use crate::testing::{TestStatement, at};

    #[test]
    fn a_missing_section_is_found_at_the_summary_with_the_heading_to_write() {
        let f = TestStatement::complete()
            .without("covid.md")
            .finding("missing-section");
        assert_eq!(
            f.message,
            "the required section \"Response to Covid-19\" is missing"
        );
        assert_eq!(at(&f), ("book/src/SUMMARY.md", 1));
        assert_eq!(f.section, Some(SectionKey::COVID));
        assert_eq!(
            f.help.as_deref(),
            Some("add a chapter (or a heading in one) titled \"Response to Covid-19\"")
        );
    }

    #[test]
    fn missing_achievements_may_come_back_under_the_combined_heading() {
        let f = TestStatement::complete()
            .without("achievements.md")
            .finding("missing-section");
        assert!(
            f.help
                .unwrap()
                .ends_with(", or one heading \"Key achievements and areas for improvement\""),
        );
    }

    #[test]
    fn a_short_heading_is_found_where_it_is_as_a_near_miss() {
        let f = TestStatement::complete()
            .chapter(
                "leadership.md",
                "# Leadership\n\nChief officers meet quarterly [E1].\n",
            )
            .finding("missing-section");
        assert_eq!(at(&f), ("book/src/leadership.md", 1));
        assert_eq!(f.section, Some(SectionKey::LEADERSHIP));
        assert!(
            f.message
                .ends_with("the heading \"Leadership\" looks like it")
        );
        assert_eq!(
            f.help.as_deref(),
            Some(
                "write the heading as the guidance does: \"Collaborative strategic and operational leadership\""
            )
        );
    }

    #[test]
    fn an_ampersand_a_number_and_a_dash_qualifier_still_match() {
        let st = TestStatement::complete().chapter(
            "qa.md",
            "# 5. Quality Assurance & Evaluative Activity – 2024 to 2026\n\nAn audit found good practice [E1].\n",
        );
        assert!(st.findings("missing-section").is_empty());
    }

    #[test]
    fn a_reworded_heading_is_required_in_its_new_words() {
        let reworded = "[guidance.sections.data]\nheading = \"What our data tells us\"\n";
        let f = TestStatement::complete()
            .without("data.md")
            .with_config(reworded)
            .finding("missing-section");
        assert_eq!(
            f.message,
            "the required section \"What our data tells us\" is missing"
        );
        let st = TestStatement::complete()
            .chapter(
                "data.md",
                "# What our data tells us\n\nRe-registrations fell [E1].\n",
            )
            .with_config(reworded);
        assert!(st.findings("missing-section").is_empty());
    }
}
