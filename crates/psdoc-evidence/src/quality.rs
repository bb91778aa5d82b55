//! Quality indicator references in prose (`QI 2.1`, `QIs 9.1-9.4`, `quality indicator 10`),
//! resolved against the quality framework of the guidance profile in force.
//!
//! The guidance: "The quality framework provides details of all 22 quality indicators and
//! partnerships may wish to focus on particular quality indicators".

use psdoc_guidance::{Framework, QualityIndicator};
use serde::Serialize;
use std::ops::Range;

/// A mention of one quality indicator, a whole area or a range of them in prose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QiReference {
    /// Byte range of the number (or the range `9.1-9.4`) in the text, not of "QI".
    pub range: Range<usize>,
    /// The number as written, without a trailing `'s`: `"6.7"`, `"5"`, or for a range
    /// both ends joined by a hyphen, `"9.1-9.4"`.
    pub written: String,
    /// The indicators meant: one, a whole area (`QI 5` is 5.1 to 5.4, `QI 10` is 10.1) or
    /// a range. `None`: the framework has no such indicator (`QI 6.7`, `QI 11`, or a range
    /// with such an end, or running backwards).
    pub resolved: Option<Vec<&'static QualityIndicator>>,
}

/// Where the next "QI" or "quality indicator" (any case, at the start of a word, ASCII
/// whitespace between the two words) starts at or after `at`, and where it ends: what makes
/// a number a QI number. It finds what the regex `(?i-u)\b(?:qi|quality\s+indicator)`
/// finds, without compiling one for every run of psdoc.
fn find_context(text: &str, at: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut from = at;
    while let Some(i) = memchr::memchr2(b'q', b'Q', bytes.get(from..)?) {
        let start = from + i;
        from = start + 1;
        if start > 0 && is_ascii_word(bytes[start - 1]) {
            continue;
        }
        let rest = &bytes[start + 1..];
        if rest.first().is_some_and(|b| b.eq_ignore_ascii_case(&b'i')) {
            return Some(start..start + 2);
        }
        let Some(after) = strip_ascii_prefix(rest, b"uality") else {
            continue;
        };
        let spaces = after
            .iter()
            .take_while(|b| b.is_ascii_whitespace() || **b == 0x0b)
            .count();
        if spaces > 0 && strip_ascii_prefix(&after[spaces..], b"indicator").is_some() {
            return Some(start..start + 1 + b"uality".len() + spaces + b"indicator".len());
        }
    }
    None
}

fn is_ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `bytes` after `prefix` (written in lower case), in any ASCII case.
fn strip_ascii_prefix<'a>(bytes: &'a [u8], prefix: &[u8]) -> Option<&'a [u8]> {
    let head = bytes.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &bytes[prefix.len()..])
}

/// Finds the quality indicators a text mentions, one entry per number or range, in text
/// order. Numbers count only after "QI"/"quality indicator": `QI 2.1`, `QI2.1`,
/// `QIs 2.1 and 2.2`, `QIs 2.1, 2.2 and 5.3`, `QIs 9.1-9.4` (hyphen, en or em dash, or
/// "to"), `quality indicators 9.1 to 9.4`, `QI 10`, `QI 5`, `QIs 2.1, 5's and 6.2`.
/// "6.4%" or "section 6.4" are not QIs. After the first number, a list goes on only with
/// numbers that look like QIs (`2.2`, `5's`, or a whole number up to 10), so "QI 10 and
/// 2023 data" mentions QI 10 only.
pub fn find_qi_references(text: &str, framework: &'static Framework) -> Vec<QiReference> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(m) = find_context(text, at) {
        at = m.end;
        let Some(after) = after_context(text, m.end) else {
            continue;
        };
        at = parse_list(text, after, framework, &mut out).max(at);
    }
    out
}

/// Where the first number may start after a context word, if it is one.
fn after_context(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    // Plural or possessive: QIs, QI's, QI’s, indicators.
    let skip = ["s", "'s", "\u{2019}s"]
        .iter()
        .find(|s| {
            rest.len() >= s.len()
                && rest.as_bytes()[..s.len()].eq_ignore_ascii_case(s.as_bytes())
                && !rest[s.len()..].starts_with(|c: char| c.is_alphanumeric())
        })
        .map_or(0, |s| s.len());
    let rest = &rest[skip..];
    let first = rest.chars().next()?;
    if first.is_ascii_digit() {
        return Some(end + skip);
    }
    if !first.is_whitespace() {
        return None;
    }
    let trimmed = rest.trim_start();
    trimmed
        .starts_with(|c: char| c.is_ascii_digit())
        .then(|| text.len() - trimmed.len())
}

struct Number {
    range: Range<usize>,
    written: Range<usize>,
    parts: Vec<u32>,
    possessive: bool,
    /// A component too long for u32: certainly not a QI.
    overflow: bool,
}

/// A QI number at `at`: digits with dotted parts, an optional `'s`/`s`, and no letter,
/// digit or percent sign straight after it.
fn number_at(text: &str, at: usize) -> Option<Number> {
    let bytes = text.as_bytes();
    let mut i = at;
    let mut parts = Vec::new();
    let mut overflow = false;
    loop {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
        match text[start..i].parse() {
            Ok(n) => parts.push(n),
            Err(_) => {
                overflow = true;
                parts.push(u32::MAX);
            }
        }
        if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
            i += 1;
        } else {
            break;
        }
    }
    let written = at..i;
    let rest = &text[i..];
    let mut possessive = false;
    for suffix in ["'s", "\u{2019}s", "s"] {
        if rest.starts_with(suffix) {
            possessive = true;
            i += suffix.len();
            break;
        }
    }
    let next = text[i..].chars().next();
    if next.is_some_and(|c| c.is_alphanumeric() || c == '%' || c == '_') {
        return None;
    }
    Some(Number {
        range: at..i,
        written,
        parts,
        possessive,
        overflow,
    })
}

/// Whether a number after the first in a list is plausibly a QI, not "2023" or "12 children".
fn looks_like_qi(n: &Number) -> bool {
    n.parts.len() == 2 || n.possessive || (n.parts.len() == 1 && (1..=10).contains(&n.parts[0]))
}

/// Skips Unicode whitespace.
fn skip_ws(text: &str, at: usize) -> usize {
    text.len() - text[at..].trim_start().len()
}

/// Skips `word` (ASCII, case-insensitive) if it stands alone at `at`, and the
/// whitespace after it (at least one character of which is required).
fn skip_word(text: &str, at: usize, word: &str) -> Option<usize> {
    let rest = &text[at..];
    if rest.len() > word.len()
        && rest.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes())
        && rest[word.len()..].starts_with(char::is_whitespace)
    {
        Some(skip_ws(text, at + word.len()))
    } else {
        None
    }
}

/// A range dash or "to" at `at` (after whitespace), and where the second number starts.
fn range_separator(text: &str, at: usize) -> Option<usize> {
    let i = skip_ws(text, at);
    let rest = &text[i..];
    for dash in ["-", "\u{2013}", "\u{2014}"] {
        if let Some(after) = rest.strip_prefix(dash) {
            return Some(text.len() - after.trim_start().len());
        }
    }
    if i > at {
        return skip_word(text, i, "to");
    }
    None
}

/// A list separator (`,`, `, and`, `and`, `or`, `&`, `/`) at `at`, and where the next
/// number starts.
fn list_separator(text: &str, at: usize) -> Option<usize> {
    let i = skip_ws(text, at);
    let rest = &text[i..];
    if let Some(after) = rest.strip_prefix(',') {
        let j = text.len() - after.len();
        let j = skip_ws(text, j);
        return Some(
            skip_word(text, j, "and")
                .or_else(|| skip_word(text, j, "or"))
                .unwrap_or(j),
        );
    }
    if rest.starts_with('&') || rest.starts_with('/') {
        return Some(skip_ws(text, i + 1));
    }
    if i > at {
        return skip_word(text, i, "and").or_else(|| skip_word(text, i, "or"));
    }
    None
}

/// Parses a list of numbers and ranges from `at`, pushing references; returns where the
/// list ends.
fn parse_list(
    text: &str,
    at: usize,
    framework: &'static Framework,
    out: &mut Vec<QiReference>,
) -> usize {
    let mut first = true;
    let mut pos = at;
    let mut end = at;
    while let Some(a) = number_at(text, pos) {
        if !first && !looks_like_qi(&a) {
            break;
        }
        first = false;
        end = a.range.end;
        let b = range_separator(text, a.range.end).and_then(|s| number_at(text, s));
        match b {
            Some(b) => {
                end = b.range.end;
                out.push(QiReference {
                    range: a.range.start..b.range.end,
                    written: format!("{}-{}", &text[a.written.clone()], &text[b.written.clone()]),
                    resolved: resolve_range(&a, &b, framework),
                });
            }
            None => out.push(QiReference {
                range: a.range.clone(),
                written: text[a.written.clone()].to_string(),
                resolved: resolve(&a, framework),
            }),
        }
        match list_separator(text, end) {
            Some(next) => pos = next,
            None => break,
        }
    }
    end
}

fn resolve(n: &Number, framework: &'static Framework) -> Option<Vec<&'static QualityIndicator>> {
    if n.overflow {
        return None;
    }
    let qis: Vec<_> = match n.parts[..] {
        [area] => framework
            .indicators
            .iter()
            .filter(|qi| u32::from(qi.area) == area)
            .collect(),
        [area, sub] => framework
            .indicators
            .iter()
            .filter(|qi| (u32::from(qi.area), u32::from(qi.key().1)) == (area, sub))
            .collect(),
        _ => Vec::new(),
    };
    (!qis.is_empty()).then_some(qis)
}

fn resolve_range(
    a: &Number,
    b: &Number,
    framework: &'static Framework,
) -> Option<Vec<&'static QualityIndicator>> {
    let from = resolve(a, framework)?.first()?.key();
    let to = resolve(b, framework)?.last()?.key();
    if from > to {
        return None;
    }
    Some(
        framework
            .indicators
            .iter()
            .filter(|qi| (from..=to).contains(&qi.key()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use proptest::prelude::*;

    use super::*;

    /// The default guidance's framework.
    fn framework() -> &'static Framework {
        &psdoc_guidance::default_profile().framework
    }

    #[test]
    fn the_context_takes_any_ascii_spacing_between_its_words() {
        for space in ["\t", "\n", "\u{b}", "\u{c}", "\r", " ", " \r\n "] {
            let text = format!("see quality{space}indicator 2.1");
            assert_eq!(find_context(&text, 0), Some(4..text.len() - 4), "{text:?}");
        }
        assert_eq!(find_context("quality\u{a0}indicator 2.1", 0), None);
        assert_eq!(find_context("qualityindicator 2.1", 0), None);
        assert_eq!(find_context("the FAQI 2.1, Qi 2.1", 0), Some(14..16));
    }

    proptest! {
        #[test]
        fn the_context_is_found_where_the_regex_finds_it(
            pieces in proptest::collection::vec(prop_oneof![
                Just("qi"), Just("QI"), Just("Qi"), Just("q"), Just("Quality"), Just("quality"),
                Just("QUALITY"), Just(" "), Just("\t"), Just("\n"), Just("\u{b}"), Just("\u{a0}"),
                Just("indicator"), Just("Indicators"), Just("INDICATOR"), Just("x"), Just("_"),
                Just("é"), Just("9"), Just("."), Just("-"),
            ], 0..24),
            start in 0usize..24,
        ) {
            let text = pieces.concat();
            let at = pieces[..start.min(pieces.len())].concat().len();
            static REGEX: LazyLock<regex::Regex> = LazyLock::new(|| {
                regex::Regex::new(r"(?i-u)\b(?:qi|quality\s+indicator)").unwrap()
            });
            prop_assert_eq!(find_context(&text, at), REGEX.find_at(&text, at).map(|m| m.range()));
        }
    }

    /// (written, resolved numbers or "unknown") for each reference.
    fn found(text: &str) -> Vec<(String, String)> {
        find_qi_references(text, framework())
            .into_iter()
            .map(|r| {
                assert!(text[r.range.clone()].starts_with(r.written.split('-').next().unwrap()));
                let resolved = match r.resolved {
                    Some(qis) => qis
                        .iter()
                        .map(|q| q.number.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    None => "unknown".to_string(),
                };
                (r.written, resolved)
            })
            .collect()
    }

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn the_forms_partnerships_write() {
        assert_eq!(found("as QI 2.1 shows"), pairs(&[("2.1", "2.1")]));
        assert_eq!(found("(QI2.1)"), pairs(&[("2.1", "2.1")]));
        assert_eq!(found("qi 2.2."), pairs(&[("2.2", "2.2")]));
        assert_eq!(
            found("QIs 2.1 and 2.2"),
            pairs(&[("2.1", "2.1"), ("2.2", "2.2")])
        );
        assert_eq!(
            found("QIs 2.1, 2.2 and 5.3 apply"),
            pairs(&[("2.1", "2.1"), ("2.2", "2.2"), ("5.3", "5.3")])
        );
        assert_eq!(
            found("QIs 2.1, 2.2, and 5.3"),
            pairs(&[("2.1", "2.1"), ("2.2", "2.2"), ("5.3", "5.3")])
        );
        assert_eq!(
            found("QIs 9.1-9.4"),
            pairs(&[("9.1-9.4", "9.1 9.2 9.3 9.4")])
        );
        assert_eq!(
            found("QIs 9.1–9.4"),
            pairs(&[("9.1-9.4", "9.1 9.2 9.3 9.4")])
        );
        assert_eq!(
            found("QIs 9.1 - 9.4"),
            pairs(&[("9.1-9.4", "9.1 9.2 9.3 9.4")])
        );
        assert_eq!(found("quality indicator 6.4"), pairs(&[("6.4", "6.4")]));
        assert_eq!(found("Quality Indicator 6.4"), pairs(&[("6.4", "6.4")]));
        assert_eq!(
            found("quality indicators 9.1 to 9.4"),
            pairs(&[("9.1-9.4", "9.1 9.2 9.3 9.4")])
        );
        assert_eq!(
            found("the quality\nindicators 9.1-9.4 which"),
            pairs(&[("9.1-9.4", "9.1 9.2 9.3 9.4")])
        );
        assert_eq!(found("QI 10"), pairs(&[("10", "10.1")]));
        assert_eq!(found("QI 10.1"), pairs(&[("10.1", "10.1")]));
        assert_eq!(found("QI 5"), pairs(&[("5", "5.1 5.2 5.3 5.4")]));
        assert_eq!(found("QI 5's"), pairs(&[("5", "5.1 5.2 5.3 5.4")]));
        assert_eq!(found("QI 5’s"), pairs(&[("5", "5.1 5.2 5.3 5.4")]));
        assert_eq!(found("QIs 5s"), pairs(&[("5", "5.1 5.2 5.3 5.4")]));
        assert_eq!(
            found("QIs 2.1, 2.2, 5's, 6.2 and 6.4"),
            pairs(&[
                ("2.1", "2.1"),
                ("2.2", "2.2"),
                ("5", "5.1 5.2 5.3 5.4"),
                ("6.2", "6.2"),
                ("6.4", "6.4")
            ])
        );
        assert_eq!(
            found("QIs 5.1 to 6.2"),
            pairs(&[("5.1-6.2", "5.1 5.2 5.3 5.4 6.1 6.2")])
        );
        assert_eq!(found("QI\u{a0}6.4"), pairs(&[("6.4", "6.4")]));
        assert_eq!(
            found("QI's 2.1 & 2.2"),
            pairs(&[("2.1", "2.1"), ("2.2", "2.2")])
        );
    }

    #[test]
    fn the_guidance_itself() {
        let text = "be guided by quality indicator 1.1. Any links you can make to QI 6.4 \
            (performance management and quality assurance) will be useful. \
            quality indicator 6.2 (planning and improving services) tells us about leadership \
            along with 9.2. the quality indicators 9.1-9.4 which focus. informed by quality \
            indicator 10 within the quality framework.";
        assert_eq!(
            found(text),
            pairs(&[
                ("1.1", "1.1"),
                ("6.4", "6.4"),
                ("6.2", "6.2"),
                ("9.1-9.4", "9.1 9.2 9.3 9.4"),
                ("10", "10.1")
            ])
        );
    }

    #[test]
    fn unknown_indicators() {
        assert_eq!(found("QI 6.7"), pairs(&[("6.7", "unknown")]));
        assert_eq!(found("QI 11"), pairs(&[("11", "unknown")]));
        assert_eq!(found("QI 0.1"), pairs(&[("0.1", "unknown")]));
        assert_eq!(found("QI 2.1.3"), pairs(&[("2.1.3", "unknown")]));
        assert_eq!(
            found("QI 99999999999999"),
            pairs(&[("99999999999999", "unknown")])
        );
        assert_eq!(found("QIs 9.1-9.6"), pairs(&[("9.1-9.6", "unknown")]));
        assert_eq!(found("QIs 9.4-9.1"), pairs(&[("9.4-9.1", "unknown")]));
        assert_eq!(
            found("QIs 2.1 and 6.7"),
            pairs(&[("2.1", "2.1"), ("6.7", "unknown")])
        );
    }

    #[test]
    fn not_quality_indicators() {
        for text in [
            "6.4% of children",
            "section 6.4",
            "version 2.1 of the plan",
            "QI6.4%",
            "QIs are central",
            "AQI 5",
            "QIX 5",
            "the qualified 2.1",
            "QI 2nd edition",
            "5's and 6's",
            "quality indicators",
            "",
            "QI",
        ] {
            assert_eq!(found(text), vec![], "{text}");
        }
    }

    #[test]
    fn lists_stop_at_numbers_that_are_not_qis() {
        assert_eq!(found("QI 10 and 2023 data"), pairs(&[("10", "10.1")]));
        assert_eq!(found("QIs 2.1 and 12 children"), pairs(&[("2.1", "2.1")]));
        assert_eq!(found("QI 2.1, 45 referrals"), pairs(&[("2.1", "2.1")]));
        assert_eq!(
            found("QI 2.1 and QI 2.2"),
            pairs(&[("2.1", "2.1"), ("2.2", "2.2")])
        );
    }

    #[test]
    fn ranges_point_at_the_numbers() {
        let text = "See QIs 2.1 and 9.1–9.4.";
        let refs = find_qi_references(text, framework());
        assert_eq!(&text[refs[0].range.clone()], "2.1");
        assert_eq!(&text[refs[1].range.clone()], "9.1–9.4");
        let text = "QI 5's";
        assert_eq!(
            &text[find_qi_references(text, framework())[0].range.clone()],
            "5's"
        );
    }
}
