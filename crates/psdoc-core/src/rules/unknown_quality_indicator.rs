//! `unknown-quality-indicator`: a quality indicator the 2019 framework does
//! not have.

use psdoc_guidance::Framework;

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
    let framework = &cx.config.guidance.framework;
    for found in &cx.citations.qis {
        if found.item.resolved.is_some() {
            continue;
        }
        let message = format!(
            "QI {} is not in {}",
            found.item.written,
            framework_name(framework)
        );
        out.push(Finding::at_found(found, message).help(format!(
            "the framework's QIs are {}",
            indicator_list(framework)
        )));
    }
}

/// The framework as the message names it: the 2019 framework as
/// partnerships know it, a profile's own by its name.
fn framework_name(framework: &Framework) -> String {
    if framework.name == psdoc_guidance::default_profile().framework.name {
        "the 2019 quality framework for children and young people in need of care and protection"
            .to_owned()
    } else {
        format!("the quality framework \"{}\"", framework.name)
    }
}

/// The framework's indicators in its order, three or more in a row of one
/// area as a range: "1.1, 2.1, 2.2, 3.1, 4.1, 5.1-5.4, ... and 10.1".
fn indicator_list(framework: &Framework) -> String {
    let qis = &framework.indicators;
    let mut items = Vec::new();
    let mut i = 0;
    while i < qis.len() {
        let mut j = i;
        while j + 1 < qis.len()
            && qis[j + 1].area == qis[i].area
            && qis[j + 1].key().1 == qis[j].key().1 + 1
        {
            j += 1;
        }
        if j - i >= 2 {
            items.push(format!("{}-{}", qis[i].number, qis[j].number));
        } else {
            items.extend(qis[i..=j].iter().map(|q| q.number.clone()));
        }
        i = j + 1;
    }
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.concat(),
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

    #[test]
    fn under_a_profile_of_its_own_the_message_and_help_name_its_framework() {
        let outcomes = |text: &str| {
            TestStatement::new().profile(OWN_PROFILE).chapter(
                "outcomes.md",
                &format!("# Outcomes for children on supervision orders\n\n{text}\n"),
            )
        };
        assert!(
            outcomes("Permanence (QI 11.1) improved [E1].")
                .findings("unknown-quality-indicator")
                .is_empty()
        );
        let f = outcomes("As QI 6.4 asks [E1].").finding("unknown-quality-indicator");
        assert_eq!(
            f.message,
            "QI 6.4 is not in the quality framework \"A framework of four indicators\""
        );
        assert_eq!(
            f.help.as_deref(),
            Some("the framework's QIs are 2.1, 5.3, 9.2 and 11.1")
        );
    }
}
