//! `achievement-count`: key achievements are not three to five.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;
use crate::heading::HeadingMatch;
use crate::model::{Place, UnitKind};

pub(super) static RULE: Rule = Rule {
    name: "achievement-count",
    default_severity: Severity::Warning,
    summary: "key achievements are not 3 to 5 (sub-headings, else top-level list items)",
    what: "The key achievements section does not present three to five achievements (the range comes from the guidance profile in force). Achievements are the sub-headings of the highest level used inside the section (in a combined \"Key achievements and areas for improvement\" section, those before the improvement part, or under its \"Key achievements\" sub-heading when it has one); when there are none, the top-level list items (numbered or bulleted); when there are none either, the paragraphs that open with a bold lead-in, as Word statements write them (`**1. Scottish Child Interview Model.** We introduced ...`).",
    why: "The guidance: \"we ask you to tell us about three to five key achievements over the last two years which have had the most positive impact on children and young people in need of protection.\"",
    example: "# Key achievements\n## Bairns' Hoose opened\n## Safe and Together\n\n    warning[achievement-count]: \"Key achievements\" presents 2 achievements; the guidance asks for three to five",
    fix: "Give each achievement its own sub-heading (`## ...`) or top-level list item, and keep three to five: merge related ones or move lesser ones into other sections.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let st = cx.statement;
    let profile = cx.config.guidance;
    let Some(range) = &profile.achievements else {
        return;
    };
    for (i, section) in st.guidance_sections() {
        // An empty section is `empty-section`'s to report, once.
        if section.key != Some(range.section) || section.body_words(&st.chapters) == 0 {
            continue;
        }
        let end = section.second_start.unwrap_or_else(|| st.section_end(i));
        // "# Key achievements and areas for improvement", then "## Key
        // achievements" and "## Areas for improvement": the achievements are
        // those under the first sub-heading, not the sub-heading itself.
        let (start, level) = if section.combined {
            achievements_heading(cx, range.section, section.start, end, section.level)
                .unwrap_or((section.start, section.level))
        } else {
            (section.start, section.level)
        };
        let count = count_achievements(cx, start, end, level);
        if !(range.min as usize..=range.max as usize).contains(&count) {
            let what = match count {
                0 => "no achievements (no sub-headings, list items or bold lead-ins)".to_owned(),
                1 => "1 achievement".to_owned(),
                n => format!("{n} achievements"),
            };
            let asked = if range.min == range.max {
                number_word(range.min)
            } else {
                format!("{} to {}", number_word(range.min), number_word(range.max))
            };
            out.push(
                Finding::new(
                    section.location.clone(),
                    format!(
                        "\"{}\" presents {what}; the guidance asks for {asked}",
                        section.title
                    ),
                )
                .section(section.key)
                .help(format!(
                    "give each achievement its own sub-heading or list item, {asked} in all"
                )),
            );
        }
    }
}

/// "three" for 3, as the guidance writes small numbers.
fn number_word(n: u32) -> String {
    const WORDS: [&str; 11] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n as usize)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// A "Key achievements" sub-heading inside a combined section: its place
/// and level.
fn achievements_heading(
    cx: &Context<'_>,
    key: crate::heading::SectionKey,
    start: Place,
    end: Place,
    level: u8,
) -> Option<(Place, u8)> {
    let st = cx.statement;
    st.units_between(start, end).skip(1).find_map(|(p, u)| {
        let sub = st.chapters[p.chapter].effective_level(u)?;
        (sub > level
            && cx.config.guidance.match_heading(&u.text) == Some(HeadingMatch::Section(key)))
        .then_some((p, sub))
    })
}

fn count_achievements(cx: &Context<'_>, start: Place, end: Place, level: u8) -> usize {
    let st = cx.statement;
    let levels: Vec<u8> = st
        .units_between(start, end)
        .skip(1)
        .filter_map(|(p, u)| st.chapters[p.chapter].effective_level(u))
        .filter(|&l| l > level)
        .collect();
    if let Some(&top) = levels.iter().min() {
        return levels.iter().filter(|&&l| l == top).count();
    }
    let items = st
        .list_items_between(start, end)
        .filter(|&(_, depth)| depth == 1)
        .count();
    if items > 0 {
        return items;
    }
    // Pasted from Word: "**1. Scottish Child Interview Model.** We ..."
    st.units_between(start, end)
        .skip(1)
        .filter(|(p, u)| {
            u.kind == UnitKind::Paragraph && {
                let source = &st.chapters[p.chapter].expanded.text[u.start..];
                source.starts_with("**") || source.starts_with("__")
            }
        })
        .count()
}

#[cfg(test)]
mod tests {
    use crate::heading::SectionKey;
    use crate::testing::{OWN_PROFILE, TestStatement, at};

    fn achievements(text: &str) -> TestStatement {
        TestStatement::complete().chapter("achievements.md", text)
    }

    /// `n` paragraphs opening with a bold lead-in, as pasted from Word.
    fn lead_ins(n: usize) -> String {
        let mut text = String::from("# Key achievements\n\n");
        for i in 1..=n {
            text.push_str(&format!("**{i}. Achievement {i}.** We did it [E1].\n\n"));
        }
        text
    }

    #[test]
    fn two_sub_headings_are_found_at_the_heading() {
        let f = achievements(
            "# Key achievements\n\n## Bairns' Hoose opened\n\nOne [E1].\n\n## Safe and Together\n\nTwo.\n",
        )
        .finding("achievement-count");
        assert_eq!(
            f.message,
            "\"Key achievements\" presents 2 achievements; the guidance asks for three to five"
        );
        assert_eq!(at(&f), ("book/src/achievements.md", 1));
        assert_eq!(f.section, Some(SectionKey::ACHIEVEMENTS));
        assert_eq!(
            f.help.as_deref(),
            Some("give each achievement its own sub-heading or list item, three to five in all")
        );
    }

    #[test]
    fn five_list_items_are_the_most_and_fine() {
        let st =
            achievements("# Key achievements\n\n1. One [E1]\n2. Two\n3. Three\n4. Four\n5. Five\n");
        assert!(st.findings("achievement-count").is_empty());
    }

    #[test]
    fn bold_lead_ins_count_when_there_are_no_headings_or_lists() {
        assert!(
            achievements(&lead_ins(3))
                .findings("achievement-count")
                .is_empty()
        );
        let f = achievements(&lead_ins(6)).finding("achievement-count");
        assert!(
            f.message.contains("presents 6 achievements"),
            "{}",
            f.message
        );
    }

    #[test]
    fn prose_alone_presents_none() {
        let f = achievements("# Key achievements\n\nWe did a great deal [E1].\n")
            .finding("achievement-count");
        assert!(
            f.message.contains(
                "presents no achievements (no sub-headings, list items or bold lead-ins)"
            ),
            "{}",
            f.message
        );
    }

    #[test]
    fn an_empty_section_is_left_to_empty_section() {
        let st = achievements("# Key achievements\n");
        assert!(st.findings("achievement-count").is_empty());
    }

    #[test]
    fn a_profile_asking_for_exactly_two_says_two() {
        let highlights = |items: &str| {
            TestStatement::new()
                .profile(OWN_PROFILE)
                .chapter("highlights.md", &format!("# Highlights\n\n{items}"))
        };
        let f = highlights("- One [E1]\n- Two\n- Three\n").finding("achievement-count");
        assert_eq!(
            f.message,
            "\"Highlights\" presents 3 achievements; the guidance asks for two"
        );
        assert!(
            highlights("- One [E1]\n- Two\n")
                .findings("achievement-count")
                .is_empty()
        );
    }
}
