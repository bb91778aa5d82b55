//! `unknown-quality-indicator`: a quality indicator the 2019 framework does
//! not have.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;

pub(super) static RULE: Rule = Rule {
    name: "unknown-quality-indicator",
    default_severity: Severity::Error,
    summary: "a QI the 2019 quality framework does not have (`QI 6.7`)",
    what: "A reference to a quality indicator (`QI 6.7`, `quality indicator 11`, `QIs 9.4-9.1`) that the Care Inspectorate's Quality framework for children and young people in need of care and protection (2019) does not have. Its QIs are 1.1, 2.1, 2.2, 3.1, 4.1, 5.1-5.4, 6.1-6.4, 7.1, 7.2, 8.1, 8.2, 9.1-9.4 and 10.1; `QI 5` means the whole area and `QI 10` means 10.1.",
    why: "The guidance: the quality framework \"will be central to the development of your position statement\", and inspectors grade against its indicators. A wrong number points them at nothing (often a QI of another framework, such as the care home or early learning ones).",
    example: "Our audits are guided by QI 6.7.\n\n    error[unknown-quality-indicator]: QI 6.7 is not in the 2019 quality framework",
    fix: "Check the number against the framework; `psdoc explain unknown-quality-indicator` lists them. Performance management and quality assurance is 6.4; leadership of strategy and direction is 9.2.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for found in &cx.citations.qis {
        if found.item.resolved.is_some() {
            continue;
        }
        out.push(
            Finding::new(
                found.location.clone(),
                format!(
                    "QI {} is not in the 2019 quality framework for children and young people in need of care and protection",
                    found.item.written
                ),
            )
            .section(found.section)
            .help("the framework's QIs are 1.1, 2.1, 2.2, 3.1, 4.1, 5.1-5.4, 6.1-6.4, 7.1, 7.2, 8.1, 8.2, 9.1-9.4 and 10.1"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::heading::SectionKey;
    use crate::testing::{TestStatement, at};

    fn data(text: &str) -> TestStatement {
        TestStatement::complete().chapter(
            "data.md",
            &format!("# What your data is telling you\n\n{text}\n"),
        )
    }

    #[test]
    fn a_qi_of_another_framework_is_found_where_it_is_written() {
        let f = data("Our audits follow QI 6.7 [E1].").finding("unknown-quality-indicator");
        assert_eq!(
            f.message,
            "QI 6.7 is not in the 2019 quality framework for children and young people in need of care and protection"
        );
        assert_eq!(at(&f), ("book/src/data.md", 3));
        assert_eq!(f.section, Some(SectionKey::DATA));
        assert_eq!(
            f.help.as_deref(),
            Some(
                "the framework's QIs are 1.1, 2.1, 2.2, 3.1, 4.1, 5.1-5.4, 6.1-6.4, 7.1, 7.2, 8.1, 8.2, 9.1-9.4 and 10.1"
            )
        );
    }

    #[test]
    fn a_quality_indicator_in_words_is_read_too() {
        let f = data("As quality indicator 11 asks [E1].").finding("unknown-quality-indicator");
        assert!(f.message.starts_with("QI 11 is not in"), "{}", f.message);
    }

    #[test]
    fn whole_areas_ranges_and_qi_10_are_in_the_framework() {
        let st = data("QI 5, QIs 9.1-9.4 and QI 10 guide us [E1].");
        assert!(st.findings("unknown-quality-indicator").is_empty());
    }

    #[test]
    fn before_every_section_it_is_found_with_no_section() {
        let st = TestStatement::new().chapter("foreword.md", "QI 6.7 guided us.\n");
        assert_eq!(st.finding("unknown-quality-indicator").section, None);
    }
}
