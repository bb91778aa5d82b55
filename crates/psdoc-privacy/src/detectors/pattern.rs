//! The scanners' regular expressions: the `regex` crate's own engine and syntax, built
//! without literal prefilters.
//!
//! A scanner only ever searches the few hundred bytes around a prefilter hit, where a
//! prefilter saves nothing. Building one costs far more than the rest of a compile: the
//! date-of-birth keywords took 760 µs with it and 65 µs without (extracting every case
//! variant of "born", "DOB"... and an Aho-Corasick automaton for them), and every
//! statement that mentions a date of birth, a number or a child paid for it. The API is
//! the part of `regex::Regex` the scanners use, so they read as before.

use std::ops::Index;

use regex_automata::meta;
use regex_automata::util::captures::Captures as Slots;

/// A compiled scanner regex.
#[derive(Clone)]
pub(crate) struct Pattern(meta::Regex);

/// Compiles one of the crate's own patterns (a bug if it fails: unit tests compile them
/// all).
pub(crate) fn regex(pattern: &str) -> Pattern {
    meta::Regex::builder()
        .configure(meta::Config::new().auto_prefilter(false))
        .build(pattern)
        .map(Pattern)
        .unwrap_or_else(|e| panic!("built-in pattern {pattern:?}: {e}"))
}

/// Compiles a pattern a user wrote (a `[[privacy.pattern]]`), which reads whole texts: with
/// the literal prefilter (the `LA-CP-` of `\bLA-CP-\d{6}\b`), without a full DFA. The
/// error is the regex crate's message for it.
pub(crate) fn user_regex(pattern: &str) -> Result<Pattern, String> {
    meta::Regex::builder()
        .configure(meta::Config::new().dfa(false))
        .build(pattern)
        .map(Pattern)
        .map_err(|e| match (e.syntax_error(), e.size_limit()) {
            (Some(syntax), _) => syntax.to_string(),
            (None, Some(limit)) => {
                format!("the pattern is too large: compiled, it exceeds {limit} bytes")
            }
            (None, None) => e.to_string(),
        })
}

/// A match: where it is in the haystack, and its text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Found<'h> {
    fn of(hay: &'h str, span: regex_automata::Span) -> Self {
        Found {
            hay,
            start: span.start,
            end: span.end,
        }
    }

    pub(crate) fn start(&self) -> usize {
        self.start
    }

    pub(crate) fn end(&self) -> usize {
        self.end
    }

    pub(crate) fn len(&self) -> usize {
        self.end - self.start
    }

    pub(crate) fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }
}

/// A match with its capture groups.
pub(crate) struct Captures<'h> {
    hay: &'h str,
    slots: Slots,
}

impl<'h> Captures<'h> {
    /// Group `i` (0 is the whole match), if it took part in the match.
    pub(crate) fn get(&self, i: usize) -> Option<Found<'h>> {
        self.slots.get_group(i).map(|s| Found::of(self.hay, s))
    }

    /// The group named `name`, if it took part in the match.
    pub(crate) fn name(&self, name: &str) -> Option<Found<'h>> {
        self.slots
            .get_group_by_name(name)
            .map(|s| Found::of(self.hay, s))
    }
}

impl Index<&str> for Captures<'_> {
    type Output = str;

    /// The text of the group named `name`; a bug if it did not take part.
    fn index(&self, name: &str) -> &str {
        self.name(name)
            .map(|m| m.as_str())
            .unwrap_or_else(|| panic!("no group {name:?} in this match"))
    }
}

impl Pattern {
    pub(crate) fn is_match(&self, hay: &str) -> bool {
        self.0.is_match(hay)
    }

    pub(crate) fn find_iter<'r, 'h>(
        &'r self,
        hay: &'h str,
    ) -> impl Iterator<Item = Found<'h>> + use<'r, 'h> {
        self.0.find_iter(hay).map(move |m| Found::of(hay, m.span()))
    }

    pub(crate) fn captures<'h>(&self, hay: &'h str) -> Option<Captures<'h>> {
        let mut slots = self.0.create_captures();
        self.0.captures(hay, &mut slots);
        slots.is_match().then_some(Captures { hay, slots })
    }

    pub(crate) fn captures_iter<'r, 'h>(
        &'r self,
        hay: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + use<'r, 'h> {
        self.0
            .captures_iter(hay)
            .map(move |slots| Captures { hay, slots })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same answers as `regex::Regex` on the scanners' kinds of use.
    #[test]
    fn answers_as_the_regex_crate_does() {
        let pattern =
            r"(?i)(?-u:\b)(?P<d>[0-9]{1,2})\s+(?P<mon>may|june?)(?:,?\s+(?P<y>[0-9]{4}))?";
        let ours = regex(pattern);
        let theirs = regex::Regex::new(pattern).unwrap();
        for hay in [
            "born 4 May 2015, or 12 june",
            "Born\u{a0}4\u{a0}MAY",
            "no date here",
            "x4 May é 31 Jun 2020",
            "",
        ] {
            assert_eq!(ours.is_match(hay), theirs.is_match(hay), "{hay:?}");
            let a: Vec<_> = ours.find_iter(hay).map(|m| m.as_str()).collect();
            let b: Vec<_> = theirs.find_iter(hay).map(|m| m.as_str()).collect();
            assert_eq!(a, b, "{hay:?}");
            let a: Vec<_> = ours
                .captures_iter(hay)
                .map(|c| {
                    (
                        c.get(0).map(|m| m.start()..m.end()),
                        c.name("y").map(|m| m.as_str()),
                    )
                })
                .collect();
            let b: Vec<_> = theirs
                .captures_iter(hay)
                .map(|c| (c.get(0).map(|m| m.range()), c.name("y").map(|m| m.as_str())))
                .collect();
            assert_eq!(a, b, "{hay:?}");
            assert_eq!(
                ours.captures(hay).map(|c| c["d"].to_owned()),
                theirs.captures(hay).map(|c| c["d"].to_owned())
            );
        }
    }
}
