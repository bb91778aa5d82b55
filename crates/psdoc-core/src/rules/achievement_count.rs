//! `achievement-count`: key achievements are not three to five.

use super::{Context, Rule, Severity};
use crate::diagnostic::Finding;
use crate::heading::SectionKey;
use crate::model::Place;

pub(super) static RULE: Rule = Rule {
    name: "achievement-count",
    default_severity: Severity::Warning,
    summary: "key achievements are not 3 to 5 (sub-headings, else top-level list items)",
    what: "The key achievements section does not present three to five achievements. Achievements are the sub-headings of the highest level used inside the section (in a combined \"Key achievements and areas for improvement\" section, those before the improvement part, or under its \"Key achievements\" sub-heading when it has one); when there are none, the top-level list items.",
    why: "The guidance: \"we ask you to tell us about three to five key achievements over the last two years which have had the most positive impact on children and young people in need of protection.\"",
    example: "# Key achievements\n## Bairns' Hoose opened\n## Safe and Together\n\n    warning[achievement-count]: \"Key achievements\" presents 2 achievements; the guidance asks for three to five",
    fix: "Give each achievement its own sub-heading (`## ...`) or top-level list item, and keep three to five: merge related ones or move lesser ones into other sections.",
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let st = cx.statement;
    for (i, section) in st.required_sections() {
        if section.key != Some(SectionKey::Achievements) {
            continue;
        }
        let end = section
            .improvement_start
            .unwrap_or_else(|| st.section_end(i));
        // "# Key achievements and areas for improvement", then "## Key
        // achievements" and "## Areas for improvement": the achievements are
        // those under the first sub-heading, not the sub-heading itself.
        let (start, level) = if section.combined {
            achievements_heading(cx, section.start, end, section.level)
                .unwrap_or((section.start, section.level))
        } else {
            (section.start, section.level)
        };
        let count = count_achievements(cx, start, end, level);
        if !(3..=5).contains(&count) {
            let what = match count {
                0 => "no achievements (no sub-headings or list items)".to_owned(),
                1 => "1 achievement".to_owned(),
                n => format!("{n} achievements"),
            };
            out.push(
                Finding::new(
                    section.location.clone(),
                    format!(
                        "\"{}\" presents {what}; the guidance asks for three to five",
                        section.title
                    ),
                )
                .section(section.key)
                .help(
                    "give each achievement its own sub-heading or list item, three to five in all",
                ),
            );
        }
    }
}

/// A "Key achievements" sub-heading inside a combined section: its place
/// and level.
fn achievements_heading(
    cx: &Context<'_>,
    start: Place,
    end: Place,
    level: u8,
) -> Option<(Place, u8)> {
    let st = cx.statement;
    st.units_between(start, end).skip(1).find_map(|(p, u)| {
        let sub = st.chapters[p.chapter].effective_level(u)?;
        (sub > level
            && crate::heading::match_heading(&u.text)
                == Some(crate::heading::HeadingMatch::Section(
                    SectionKey::Achievements,
                )))
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
    st.list_items_between(start, end)
        .filter(|&(_, depth)| depth == 1)
        .count()
}
