//! `address`: a house number with its street: `14 Mill Lane`, `2/1 45 Bank Street` (a
//! Glasgow flat position), `Flat 3, 10 High Street`, `14a Mill Lane`, `12 Kirkgate`. The street needs one
//! to three capitalised words and a street type, so "22 families", "12 Years", "3 Key
//! Achievements" and "12 Food Bank users" are not addresses. A council's public office
//! belongs in `privacy.allow`.

use std::ops::Range;

use super::Candidate;
use super::pattern::{Captures, Pattern, regex};
use crate::Kind;
use crate::triggers::{ONE_WORD_STREETS, STREET_TYPES};

/// Capitalised words that start headings and statistics, never street names.
const NOT_STREET_WORDS: [&str; 100] = [
    "A",
    "Action",
    "Actions",
    "Agencies",
    "Agency",
    "An",
    "Area",
    "Areas",
    "Authority",
    "Care",
    "Carer",
    "Carers",
    "Cases",
    "Chapter",
    "Child",
    "Children",
    "Children's",
    "Children’s",
    "Committee",
    "Communities",
    "Community",
    "Council",
    "Day",
    "Days",
    "Education",
    "Families",
    "Family",
    "Figure",
    "Food",
    "Group",
    "Groups",
    "Health",
    "Hearing",
    "Hearings",
    "Hour",
    "Hours",
    "Hub",
    "Hubs",
    "Indicator",
    "Indicators",
    "Key",
    "Level",
    "Levels",
    "Local",
    "Localities",
    "Locality",
    "Members",
    "Million",
    "Minutes",
    "Month",
    "Months",
    "Multi",
    "National",
    "Number",
    "Our",
    "Outcome",
    "Outcomes",
    "Page",
    "Pages",
    "Parent",
    "Parents",
    "Partnership",
    "People",
    "Person",
    "Plan",
    "Point",
    "Points",
    "Police",
    "Priorities",
    "Priority",
    "Quality",
    "Referrals",
    "Report",
    "School",
    "Schools",
    "Scottish",
    "Section",
    "Service",
    "Services",
    "Session",
    "Sessions",
    "Social",
    "Staff",
    "Stage",
    "Step",
    "Table",
    "Team",
    "Teams",
    "The",
    "Their",
    "Thousand",
    "Times",
    "Total",
    "Week",
    "Weeks",
    "Work",
    "Year",
    "Years",
    "Young",
    "Youth",
];

pub(crate) struct Address {
    candidate: Pattern,
}

impl Address {
    pub(crate) fn new() -> Address {
        Address {
            candidate: regex(&format!(
                r"(?-u:\b)(?:(?:Flat|Apartment|Apt\.?|Unit)\s+[0-9]{{1,3}}[A-Za-z]?(?:/[0-9]{{1,2}})?,?\s+|[0-9]{{1,2}}/[0-9]{{1,2}},?\s+)?[0-9]{{1,3}}[A-Za-z]?,?\s+(?:(?P<words>(?:(?:St\.?|[A-Z][a-z]+(?:(?:'|’)s)?|[A-Z][a-z]+-[A-Z][a-z]+|Ma?c[A-Z][a-z]+)\s+){{1,3}})(?:{STREET_TYPES})\.?|[A-Z][a-z]{{2,}}(?:{ONE_WORD_STREETS}))(?-u:\b)"
            )),
        }
    }

    pub(crate) fn scan(&self, text: &str, window: &Range<usize>, out: &mut Vec<Candidate>) {
        for caps in self.candidate.captures_iter(&text[window.clone()]) {
            if !street_words_are_names(&caps) {
                continue;
            }
            let m = caps.get(0).expect("match");
            let range = window.start + m.start()..window.start + m.end();
            if is_money_or_decimal(text, range.start) {
                continue;
            }
            out.push(Candidate {
                kind: Kind::Address,
                range,
            });
        }
    }
}

fn street_words_are_names(caps: &Captures<'_>) -> bool {
    caps.name("words")
        .map_or("", |w| w.as_str())
        .split_whitespace()
        .all(|w| !NOT_STREET_WORDS.contains(&w))
}

fn is_money_or_decimal(text: &str, start: usize) -> bool {
    let head = &text[..start];
    head.ends_with(['£', '$', '€']) || {
        let b = head.as_bytes();
        b.len() >= 2 && matches!(b[b.len() - 1], b'.' | b',') && b[b.len() - 2].is_ascii_digit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        Address::new().scan(text, &(0..text.len()), &mut out);
        out.into_iter().map(|c| &text[c.range]).collect()
    }

    #[test]
    fn addresses() {
        assert_eq!(found("lived at 22 Harbour Road."), ["22 Harbour Road"]);
        assert_eq!(found("14 Mill Lane, Leith"), ["14 Mill Lane"]);
        assert_eq!(found("2/1 45 Bank Street"), ["2/1 45 Bank Street"]);
        assert_eq!(found("Flat 3, 10 High Street"), ["Flat 3, 10 High Street"]);
        assert_eq!(found("14a St Mary's Road"), ["14a St Mary's Road"]);
        assert_eq!(found("7 Castle View Terrace"), ["7 Castle View Terrace"]);
        assert_eq!(found("3 McDonald Crescent"), ["3 McDonald Crescent"]);
        assert_eq!(found("12 Kirkgate, Leith"), ["12 Kirkgate"]);
        assert_eq!(
            found("Apartment 4, 16 Quayside"),
            ["Apartment 4, 16 Quayside"]
        );
    }

    #[test]
    fn not_addresses() {
        for text in [
            "The team supported 22 families.",
            "over 12 Years",
            "3 Key Achievements",
            "12 Food Bank users",
            "4 Children's Hearings Court",
            "£5 Gift Card",
            "In 2023 Mill Lane",
            "Section 5 Road Safety",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn word_lists_are_sorted_for_review() {
        let mut sorted = NOT_STREET_WORDS.to_vec();
        sorted.sort();
        assert_eq!(sorted, NOT_STREET_WORDS);
    }
}
