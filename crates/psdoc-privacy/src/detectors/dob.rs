//! `date-of-birth`: a date written where it is someone's date of birth: after "born",
//! "date of birth", "DOB", "d.o.b.", "birth date", "birthday" or "gave birth" (a few words apart at most,
//! in the same sentence), or followed by "(DOB)". Meeting, publication and reporting dates
//! have no such context and are not reported; neither are cohorts ("born between 1 April
//! 2008 and 31 March 2012", "born after ...") or a month and year alone ("born in March
//! 2014"). A day and month without a year ("her birthday is 4 May") is reported.

use std::ops::Range;

use super::Candidate;
use super::pattern::{Captures, Pattern, regex};
use crate::Kind;
use crate::context::{after, is_date};

const MONTHS: &str = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

/// How far after the keyword the date may start.
const MAX_GAP: usize = 40;

pub(crate) struct DateOfBirth {
    keyword: Pattern,
    date: Pattern,
    gap_breaks: Pattern,
    label_after: Pattern,
}

impl DateOfBirth {
    pub(crate) fn new() -> DateOfBirth {
        DateOfBirth {
            keyword: regex(
                r"(?i)(?-u:\b)(?:(?:born|date\s+of\s+birth|birth\s*date|birthday|dob|gave\s+birth)(?-u:\b)|d\.\s?o\.\s?b(?-u:\b)\.?)",
            ),
            date: regex(&format!(
                r"(?i)(?-u:\b)(?:(?P<d1>[0-9]{{1,2}})(?P<s1>[/.\-])(?P<m1>[0-9]{{1,2}})(?P<s2>[/.\-])(?P<y1>[0-9]{{4}}|[0-9]{{2}})|(?P<y2>[0-9]{{4}})-(?P<m2>[0-9]{{2}})-(?P<d2>[0-9]{{2}})|(?P<d3>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<mon3>{MONTHS})\.?(?:,?\s+(?P<y3>[0-9]{{4}}))?|(?P<mon4>{MONTHS})\.?\s+(?P<d4>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y4>[0-9]{{4}}))?)"
            )),
            gap_breaks: regex(
                r"(?i)[0-9;]|\.\s|\n\s*\n|(?-u:\b)(?:between|after|before|since|from|until|till|prior|during|or|and|to|per|cent|percent)(?-u:\b)",
            ),
            label_after: regex(
                r"(?i)^\s*[(\[,\-–]?\s*(?:dob|d\.\s?o\.\s?b|date\s+of\s+birth|born)(?-u:\b)",
            ),
        }
    }

    pub(crate) fn scan(&self, text: &str, window: &Range<usize>, out: &mut Vec<Candidate>) {
        let hay = &text[window.clone()];
        for kw in self.keyword.find_iter(hay) {
            let rest = &hay[kw.end()..];
            let limit = (MAX_GAP + 40).min(rest.len());
            let rest = &rest[..crate::context::floor_boundary(rest, limit)];
            let Some(caps) = self.date.captures(rest) else {
                continue;
            };
            let m = caps.get(0).expect("match");
            if m.start() > MAX_GAP || self.gap_breaks.is_match(&rest[..m.start()]) {
                continue;
            }
            let start = window.start + kw.end() + m.start();
            if let Some(range) = self.validate(text, &caps, start) {
                out.push(Candidate {
                    kind: Kind::DateOfBirth,
                    range,
                });
            }
        }
        for caps in self.date.captures_iter(hay) {
            let m = caps.get(0).expect("match");
            let end = window.start + m.end();
            if self.label_after.is_match(after(text, end, 24))
                && let Some(range) = self.validate(text, &caps, window.start + m.start())
            {
                out.push(Candidate {
                    kind: Kind::DateOfBirth,
                    range,
                });
            }
        }
    }

    /// Every calendar date inside `range`, where a label ("DOB") has said what the dates are.
    pub(crate) fn scan_dates(&self, text: &str, range: &Range<usize>, out: &mut Vec<Candidate>) {
        for caps in self.date.captures_iter(&text[range.clone()]) {
            let start = range.start + caps.get(0).expect("match").start();
            if let Some(found) = self.validate(text, &caps, start) {
                out.push(Candidate {
                    kind: Kind::DateOfBirth,
                    range: found,
                });
            }
        }
    }

    /// The range of a date match starting at `start` in `text`, if it is a calendar date
    /// that ends where a date can end.
    fn validate(&self, text: &str, caps: &Captures<'_>, start: usize) -> Option<Range<usize>> {
        let m = caps.get(0).expect("match");
        let end = start + m.len();
        let next = text[end..].chars().next();
        if next.is_some_and(|c| c.is_alphanumeric())
            || (next.is_some_and(|c| matches!(c, '/' | '-' | '.'))
                && text[end..]
                    .chars()
                    .nth(1)
                    .is_some_and(|c| c.is_ascii_digit()))
        {
            return None;
        }
        let num = |name: &str| caps.name(name).and_then(|g| g.as_str().parse::<u32>().ok());
        let (day, month, year) = if let (Some(d), Some(mo)) = (num("d1"), num("m1")) {
            if caps["s1"] != caps["s2"] {
                return None;
            }
            (d, mo, num("y1"))
        } else if let (Some(d), Some(mo)) = (num("d2"), num("m2")) {
            (d, mo, num("y2"))
        } else if let (Some(d), Some(mon)) = (num("d3"), caps.name("mon3")) {
            (d, month_number(mon.as_str())?, num("y3"))
        } else {
            (
                num("d4")?,
                month_number(caps.name("mon4")?.as_str())?,
                num("y4"),
            )
        };
        let year = match year {
            Some(y) if y < 100 => 2000 + y,
            Some(y) if (1900..2100).contains(&y) => y,
            Some(_) => return None,
            None => 2000,
        };
        is_date(day, month, year).then_some(start..end)
    }
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let index = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| lower.starts_with(m))?;
    Some(index as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        DateOfBirth::new().scan(text, &(0..text.len()), &mut out);
        out.into_iter().map(|c| &text[c.range]).collect()
    }

    #[test]
    fn birth_contexts() {
        assert_eq!(found("born on 12/03/2014"), ["12/03/2014"]);
        assert_eq!(found("DOB: 12.03.14"), ["12.03.14"]);
        assert_eq!(found("d.o.b. 2014-03-12"), ["2014-03-12"]);
        assert_eq!(
            found("Date of birth - 12th March 2014"),
            ["12th March 2014"]
        );
        assert_eq!(
            found("She was born in Dundee on 3 Sept 2015."),
            ["3 Sept 2015"]
        );
        assert_eq!(found("his birthday is 4 May"), ["4 May"]);
        assert_eq!(found("born March 12, 2014"), ["March 12, 2014"]);
        assert_eq!(found("12/03/2014 (DOB)"), ["12/03/2014"]);
        assert_eq!(found("Mum gave birth on 4 May 2015."), ["4 May 2015"]);
    }

    #[test]
    fn other_dates() {
        for text in [
            "The CPC met on 12/03/2024.",
            "Published 12 March 2024",
            "children born between 1 April 2008 and 31 March 2012",
            "born on or after 1 August 2008",
            "born in March 2014",
            "born in 2014",
            "born 31/02/2014",
            "The idea was born in a workshop. On 12/03/2024 we met.",
            "born 12/03-2014",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn months() {
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("december"), Some(12));
        assert_eq!(month_number("Mayor"), Some(5));
    }
}
