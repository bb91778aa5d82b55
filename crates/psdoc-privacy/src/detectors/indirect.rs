//! Indirect identifiers: details that identify no one alone but one child together
//! ("jigsaw identification"): one child's age or year group in the same sentence as a
//! named school, a named place or an event that happened to few children.
//!
//! "A 14-year-old boy from Ardlui Primary was excluded three times" names no one, yet
//! everyone at Ardlui Primary knows who it is. Only one child's age counts ("a
//! 14-year-old", "a boy aged 14", "a P7 pupil"), never a group's ("children aged 5 to
//! 15"), and the partnership's own area is not a small place.

use std::ops::Range;
use std::sync::OnceLock;

use super::pattern::{Pattern, regex};
use crate::context::{ceil_boundary, floor_boundary};

/// What makes an age identifying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// A named school or nursery ("Ardlui Primary").
    School,
    /// A named town, village or island ("from Kilbride").
    Place,
    /// Something that happened to few children ("excluded three times", "in court").
    Event,
}

impl Detail {
    /// The detail as a message names it: "a named school".
    pub fn description(self) -> &'static str {
        match self {
            Detail::School => "a named school",
            Detail::Place => "a named place",
            Detail::Event => "a rare event",
        }
    }
}

/// One child's age or year group with a detail that narrows it to one child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indirect {
    /// From the age to the end of the detail (or the detail to the age), in the text.
    pub range: Range<usize>,
    /// The age or year group as written ("a 14-year-old boy").
    pub age: String,
    /// The detail as written ("Ardlui Primary", "Kilbride", "excluded three times").
    pub detail: String,
    pub kind: Detail,
}

/// Large places: naming one does not narrow a child down.
const LARGE_PLACES: [&str; 24] = [
    "Scotland",
    "England",
    "Wales",
    "Ireland",
    "Britain",
    "UK",
    "Europe",
    "Glasgow",
    "Edinburgh",
    "Aberdeen",
    "Dundee",
    "Inverness",
    "Stirling",
    "Perth",
    "London",
    "Highland",
    "Highlands",
    "Lowlands",
    "Fife",
    "Lanarkshire",
    "Ayrshire",
    "Lothian",
    "Borders",
    "Grampian",
];

/// Capitalised words after "in", "at" or "from" that are not places.
///
/// The month names here repeat those of `psdoc_evidence::date`, on purpose: this crate
/// depends on no other psdoc crate (psdoc-evidence would bring spreadsheet, TOML and URL
/// parsers into every build of the detectors), and the two lists do different jobs: there a
/// month's number gives the name a date is written with, here a name is one of the words
/// that start no place name, beside the days of the week and the words of a school year.
const NOT_PLACES: [&str; 40] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Quarter",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "Year",
    "Primary",
    "Secondary",
    "English",
    "Maths",
    "Mathematics",
    "Gaelic",
    "Council",
    "Partnership",
    "NHS",
    "Police",
    "Court",
    "Children",
    "Child",
    "Care",
    "Hospital",
];

/// Capitalised words that start a sentence before a school's name.
const SENTENCE_STARTS: [&str; 10] = [
    "At", "In", "From", "The", "A", "An", "When", "Since", "After", "Before",
];

/// The age pattern runs on every window; the three detail patterns only in
/// the sentence around an age, so they are compiled the first time one is
/// found (most statements name no child's age at all).
pub(crate) struct IndirectScanner {
    age: Pattern,
    details: OnceLock<Details>,
}

struct Details {
    school: Pattern,
    place: Pattern,
    event: Pattern,
}

impl IndirectScanner {
    pub(crate) fn new() -> IndirectScanner {
        IndirectScanner {
            age: regex(
                r"(?-u:\b)(?:[Aa]n?|[Oo]ne)\s+(?:(?:[0-9]{1,2}|[a-z]+)[\s\-](?:year|yr)[\s\-]old(?:\s+(?:boy|girl|child|pupil|young\s+person|teenager|baby|son|daughter))?|(?:boy|girl|child|pupil|young\s+person|teenager|baby)\s+aged\s+(?:[0-9]{1,2}|[a-z]+)|(?:P[1-7]|S[1-6]|Primary\s+[1-7]|Year\s+[0-9]{1,2}|nursery)\s+(?:boy|girl|pupil|child))(?-u:\b)",
            ),
            details: OnceLock::new(),
        }
    }

    fn details(&self) -> &Details {
        self.details.get_or_init(|| Details {
                school: regex(
                    r"(?-u:\b)(?P<d>(?:St\.?\s+)?(?:[A-Z][A-Za-z'’\-]+\s+){1,3}(?:Primary(?:\s+School)?|High(?:\s+School)?|Academy|Grammar(?:\s+School)?|Secondary(?:\s+School)?|Nursery(?:\s+School)?|School|Learning\s+Centre))(?-u:\b)",
                ),
                place: regex(
                    r"(?-u:\b)(?:from|in|at|near|lives\s+in|living\s+in|island\s+of|village\s+of)\s+(?P<d>[A-Z][a-z]+(?:[\s\-][A-Z][a-z]+)?)(?-u:\b)",
                ),
                event: regex(
                    r"(?i)(?-u:\b)(?P<d>(?:excluded|expelled)(?:\s+[a-z]+){0,2}\s+(?:times|twice|permanently)|the\s+only\s+(?:child|pupil|girl|boy|young\s+person)|died|killed|fire|arson|stabbed|stabbing|in\s+court|trial|convicted|sentenced|arrested|charged\s+with|newspaper|front\s+page|went\s+viral|pregnant|pregnancy|gave\s+birth|went\s+missing|abducted|trafficked|overdosed?|took\s+(?:his|her|their)\s+own\s+life)(?-u:\b)",
                ),
        })
    }

    /// The indirect identifiers of the sentences around `window`. `area` holds the
    /// partnership's own place names (never small).
    pub(crate) fn scan(
        &self,
        text: &str,
        window: &Range<usize>,
        area: &[String],
        out: &mut Vec<Indirect>,
    ) {
        for age in self.age.find_iter(&text[window.clone()]) {
            let age_range = window.start + age.start()..window.start + age.end();
            let sentence = sentence_around(text, &age_range);
            let hay = &text[sentence.clone()];
            let details = self.details();
            let found = self
                .detail(&details.school, hay, Detail::School, |_| true)
                .or_else(|| self.detail(&details.event, hay, Detail::Event, |_| true))
                .or_else(|| {
                    self.detail(&details.place, hay, Detail::Place, |place| {
                        is_small_place(place, area)
                    })
                });
            if let Some((detail, kind)) = found {
                let detail = sentence.start + detail.start..sentence.start + detail.end;
                out.push(Indirect {
                    range: age_range.start.min(detail.start)..age_range.end.max(detail.end),
                    age: text[age_range.clone()].to_owned(),
                    detail: text[detail].to_owned(),
                    kind,
                });
            }
        }
    }

    fn detail(
        &self,
        re: &Pattern,
        hay: &str,
        kind: Detail,
        keep: impl Fn(&str) -> bool,
    ) -> Option<(Range<usize>, Detail)> {
        re.captures_iter(hay).find_map(|caps| {
            let d = caps.name("d")?;
            // "At St Ninian's High School": the sentence's first word is not the name's.
            let mut start = d.start();
            while let Some((word, rest)) = hay[start..d.end()].split_once(' ')
                && SENTENCE_STARTS.contains(&word)
                && !rest.is_empty()
            {
                start += word.len() + 1;
            }
            keep(&hay[start..d.end()]).then(|| (start..d.end(), kind))
        })
    }
}

/// A place small enough to narrow a child down: not a city, a region, the partnership's
/// own area or a word that only looks like a place.
fn is_small_place(place: &str, area: &[String]) -> bool {
    let first = place.split([' ', '-']).next().unwrap_or(place);
    !LARGE_PLACES.contains(&first)
        && !NOT_PLACES.contains(&first)
        && !area
            .iter()
            .any(|a| a.eq_ignore_ascii_case(place) || a.contains(place))
}

/// The sentence holding `range`: from after the previous sentence end (or paragraph
/// break) to the next, at most 300 bytes either side.
fn sentence_around(text: &str, range: &Range<usize>) -> Range<usize> {
    let lo = ceil_boundary(text, range.start.saturating_sub(300));
    let hi = floor_boundary(text, range.end.saturating_add(300));
    let before = &text[lo..range.start];
    let start = before
        .rfind(['.', '!', '?', '\n'])
        .map_or(lo, |i| lo + i + 1);
    let after = &text[range.end..hi];
    let end = after
        .find(['.', '!', '?', '\n'])
        .map_or(hi, |i| range.end + i);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String, Detail)> {
        let mut out = Vec::new();
        IndirectScanner::new().scan(text, &(0..text.len()), &["Loch Ard".into()], &mut out);
        out.into_iter().map(|i| (i.age, i.detail, i.kind)).collect()
    }

    #[test]
    fn an_age_with_a_school_place_or_event() {
        assert_eq!(
            found("A 14-year-old boy from Ardlui Primary was excluded three times."),
            [(
                "A 14-year-old boy".into(),
                "Ardlui Primary".into(),
                Detail::School
            )]
        );
        assert_eq!(
            found("Last year a girl aged 12 from Kilbride told us about the group."),
            [("a girl aged 12".into(), "Kilbride".into(), Detail::Place)]
        );
        assert_eq!(
            found("One 15-year-old was the only pupil to be excluded."),
            [(
                "One 15-year-old".into(),
                "the only pupil".into(),
                Detail::Event
            )]
        );
        assert_eq!(
            found("At St Ninian's High School, a P7 pupil asked for help."),
            [(
                "a P7 pupil".into(),
                "St Ninian's High School".into(),
                Detail::School
            )]
        );
    }

    #[test]
    fn groups_large_places_and_the_area_are_not_identifying() {
        for text in [
            "Children aged 5 to 15 in Kilbride took part.",
            "A 14-year-old girl interviewed in the house told the evaluators.",
            "A 14-year-old boy in Scotland is more likely to be referred.",
            "A 14-year-old in Loch Ard can ask for an advocate.",
            "A 9-year-old was seen in March.",
            "Ardlui Primary ran a survey. A 14-year-old boy took part.",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
