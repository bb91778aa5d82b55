//! How a written heading is matched to a profile's section: ignoring case,
//! quotes, dashes, `&`, the spelling of Covid-19, leading numbering and a
//! trailing qualifier after a colon or a spaced dash (`docs/sections.md`).

use crate::key::SectionKey;
use crate::profile::{Normalised, Profile};

/// What a heading opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingMatch {
    Section(SectionKey),
    /// The combined heading ("Key achievements and areas for improvement"):
    /// one section, counted as the pair's first.
    Combined,
}

/// Below this similarity a heading is not a near miss worth suggesting.
const NEAR_MISS: f64 = 0.75;

impl Profile {
    /// The section a heading's text opens, if it matches one.
    pub fn match_heading(&self, text: &str) -> Option<HeadingMatch> {
        let normal = normalise(text);
        let unnumbered = strip_numbering(&normal, &self.normalised.prefixes);
        candidates(unnumbered).find_map(|c| self.lookup(&c))
    }

    /// The section whose heading is closest to one that does not match, if
    /// it is close enough to suggest, with the similarity (0 to 1).
    pub fn near_miss(&self, text: &str) -> Option<(SectionKey, f64)> {
        let normal = normalise(text);
        let unnumbered = strip_numbering(&normal, &self.normalised.prefixes);
        let mut best: Option<(SectionKey, f64)> = None;
        for candidate in candidates(unnumbered) {
            for (key, target) in &self.normalised.sections {
                let score = similarity(&candidate, target);
                if best.is_none_or(|(_, b)| score > b) {
                    best = Some((*key, score));
                }
            }
        }
        best.filter(|&(_, score)| score >= NEAR_MISS)
    }

    fn lookup(&self, normal: &str) -> Option<HeadingMatch> {
        let known = &self.normalised;
        if let Some((key, _)) = known.sections.iter().find(|(_, h)| h == normal) {
            return Some(HeadingMatch::Section(*key));
        }
        let combined = known.combined.as_deref()?;
        let rest = known
            .prefixes
            .iter()
            .find_map(|p| normal.strip_prefix(p.as_str())?.strip_prefix(' '))
            .unwrap_or(normal);
        (rest == combined).then_some(HeadingMatch::Combined)
    }
}

impl Normalised {
    /// The headings and variants of a profile's sections, normalised once.
    pub(crate) fn of(profile: &Profile) -> Normalised {
        let mut sections = Vec::new();
        for s in &profile.sections {
            sections.push((s.key, normalise(&s.heading)));
            for v in &s.variants {
                sections.push((s.key, normalise(v)));
            }
        }
        Normalised {
            sections,
            combined: profile.combined.as_ref().map(|c| normalise(&c.heading)),
            prefixes: profile
                .combined
                .iter()
                .flat_map(|c| c.prefixes.iter().map(|p| normalise(p)))
                .collect(),
        }
    }
}

/// How alike a written heading is to a required one, 0 to 1: by spelling
/// ("What our data is telling us"), or because every word of a shortened
/// heading is one of the required heading's ("Leadership", "Strategic and
/// operational leadership", "Involving children").
fn similarity(written: &str, required: &str) -> f64 {
    let spelling = strsim::normalized_levenshtein(written, required);
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2 && !STOP_WORDS.contains(w))
            .map(|w| w.chars().take(6).collect())
            .collect()
    };
    let (mine, theirs) = (words(written), words(required));
    let shortened = !mine.is_empty() && mine.iter().all(|w| theirs.contains(w));
    let overlap = if shortened {
        NEAR_MISS + (1.0 - NEAR_MISS) * mine.len() as f64 / theirs.len().max(1) as f64
    } else {
        0.0
    };
    spelling.max(overlap)
}

/// Words that say nothing about which section a heading is.
const STOP_WORDS: &[&str] = &[
    "and", "the", "our", "your", "for", "with", "from", "its", "their",
];

/// The heading itself, then the heading cut before each qualifier (after a
/// colon, or a dash with spaces around it), longest first.
fn candidates(normal: &str) -> impl Iterator<Item = String> + '_ {
    let cuts = normal
        .char_indices()
        .filter(|&(i, c)| c == ':' || (c == '-' && is_spaced(normal, i)))
        .map(|(i, _)| i)
        .collect::<Vec<_>>();
    std::iter::once(normal.to_owned()).chain(
        cuts.into_iter()
            .rev()
            .map(move |i| normal[..i].trim().to_owned()),
    )
}

fn is_spaced(s: &str, i: usize) -> bool {
    s[..i].ends_with(' ') && s[i + 1..].starts_with(' ')
}

/// Lower case, straight quotes, one kind of dash, `and` for `&`, single
/// spaces, `covid 19` for every spelling of Covid-19.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '`' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' => out.push('"'),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => {
                out.push('-')
            }
            '&' => out.push_str(" and "),
            c if c.is_whitespace() => out.push(' '),
            c => out.extend(c.to_lowercase()),
        }
    }
    let mut collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    for spelling in ["covid-19", "covid 19", "covid19"] {
        collapsed = collapsed.replace(spelling, "covid 19");
    }
    collapsed.trim_end_matches(['.', ' ']).to_owned()
}

/// Removes leading numbering: `1.`, `2.3`, `4)`, `Section 4:`, `Part 2 -`;
/// a combined heading's own prefix (the guidance's "3-5") is not numbering.
fn strip_numbering<'a>(normal: &'a str, prefixes: &[String]) -> &'a str {
    let mut s = normal;
    for word in ["section ", "part ", "chapter "] {
        if let Some(rest) = s.strip_prefix(word)
            && rest.starts_with(|c: char| c.is_ascii_digit())
        {
            s = rest;
        }
    }
    if prefixes.iter().any(|p| {
        s.strip_prefix(p.as_str())
            .is_some_and(|r| r.starts_with(' '))
    }) {
        return s;
    }
    let digits = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    if digits == 0 {
        return s;
    }
    let rest = &s[digits..];
    let rest = rest.trim_start_matches([')', ':', '-']);
    if rest.starts_with(' ') || digits == s.len() {
        rest.trim_start()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::default_profile;

    fn key(text: &str) -> Option<&'static str> {
        match default_profile().match_heading(text)? {
            HeadingMatch::Section(k) => Some(k.key()),
            HeadingMatch::Combined => Some("combined"),
        }
    }

    #[test]
    fn conformance_headings() {
        let tsv = include_str!("../../../tests/conformance/headings.tsv");
        for line in tsv.lines().skip(1) {
            let (heading, expected) = line.split_once('\t').unwrap();
            let got = key(heading);
            let want = match expected {
                e if e.starts_with("none") => None,
                e if e.starts_with("achievements+improvement") => Some("combined"),
                e => Some(e),
            };
            assert_eq!(got, want, "{heading}");
        }
    }

    #[test]
    fn variants() {
        assert_eq!(
            key("Section 4: Quality assurance & evaluative activity"),
            Some("quality-assurance")
        );
        assert_eq!(key("RESPONSE TO COVID19"), Some("covid"));
        assert_eq!(
            key("  2.3 Response to Covid–19 — recovery  "),
            Some("covid")
        );
        assert_eq!(
            key("Areas for improvement: the next three years"),
            Some("improvement")
        );
        assert_eq!(key("Key achievements in 2024"), None);
        assert_eq!(key("1) Context of children’s services"), Some("context"));
        assert_eq!(
            key("3-5 key achievements and areas for improvement"),
            Some("combined")
        );
        assert_eq!(
            key("Three to five key achievements and areas for improvement"),
            Some("combined")
        );
    }

    #[test]
    fn near_misses() {
        let p = default_profile();
        assert_eq!(
            p.near_miss("Context of childrens service").map(|m| m.0),
            Some(SectionKey::CONTEXT)
        );
        assert_eq!(
            p.near_miss("What our data is telling us").map(|m| m.0),
            Some(SectionKey::DATA)
        );
        assert_eq!(p.near_miss("Local housing"), None);
        assert_eq!(p.near_miss("Introduction"), None);
        for (written, key) in [
            ("Leadership", SectionKey::LEADERSHIP),
            (
                "Strategic and operational leadership",
                SectionKey::LEADERSHIP,
            ),
            ("Our data", SectionKey::DATA),
            (
                "Involving children and young people",
                SectionKey::INVOLVEMENT,
            ),
            ("Quality assurance", SectionKey::QUALITY_ASSURANCE),
            ("Covid-19", SectionKey::COVID),
            ("Improvement", SectionKey::IMPROVEMENT),
        ] {
            assert_eq!(p.near_miss(written).map(|m| m.0), Some(key), "{written}");
        }
    }
}
