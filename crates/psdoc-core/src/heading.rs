//! The guidance's required headings and how a written heading is matched to
//! one (CONTRACT section 3).

use serde::Serialize;

/// A section the guidance asks for, by its key in `partnership.toml` and JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKey {
    Context,
    Covid,
    Data,
    Involvement,
    QualityAssurance,
    Leadership,
    Achievements,
    Improvement,
}

impl SectionKey {
    /// The sections in the order of the guidance's heading list.
    pub const ALL: [SectionKey; 8] = [
        SectionKey::Context,
        SectionKey::Covid,
        SectionKey::Data,
        SectionKey::Involvement,
        SectionKey::QualityAssurance,
        SectionKey::Leadership,
        SectionKey::Achievements,
        SectionKey::Improvement,
    ];

    /// The order of the guidance's content notes, which put leadership
    /// before quality assurance. Both orders are accepted.
    pub const CONTENT_NOTES_ORDER: [SectionKey; 8] = [
        SectionKey::Context,
        SectionKey::Covid,
        SectionKey::Data,
        SectionKey::Involvement,
        SectionKey::Leadership,
        SectionKey::QualityAssurance,
        SectionKey::Achievements,
        SectionKey::Improvement,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SectionKey::Context => "context",
            SectionKey::Covid => "covid",
            SectionKey::Data => "data",
            SectionKey::Involvement => "involvement",
            SectionKey::QualityAssurance => "quality-assurance",
            SectionKey::Leadership => "leadership",
            SectionKey::Achievements => "achievements",
            SectionKey::Improvement => "improvement",
        }
    }

    /// The heading exactly as the guidance writes it.
    pub fn heading(self) -> &'static str {
        match self {
            SectionKey::Context => "Context of children's services",
            SectionKey::Covid => "Response to Covid-19",
            SectionKey::Data => "What your data is telling you",
            SectionKey::Involvement => "Children and young people's involvement and feedback",
            SectionKey::QualityAssurance => "Quality assurance and evaluative activity",
            SectionKey::Leadership => "Collaborative strategic and operational leadership",
            SectionKey::Achievements => "Key achievements",
            SectionKey::Improvement => "Areas for improvement",
        }
    }

    pub fn from_key(key: &str) -> Option<SectionKey> {
        SectionKey::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The heading of a combined achievements-and-improvement section.
    pub const COMBINED_HEADING: &'static str = "Key achievements and areas for improvement";
}

impl std::fmt::Display for SectionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// What a heading opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingMatch {
    Section(SectionKey),
    /// "Key achievements and areas for improvement": one section, key `achievements`.
    Combined,
}

/// Matches a heading's text against the required headings.
pub fn match_heading(text: &str) -> Option<HeadingMatch> {
    let normal = normalise(text);
    let unnumbered = strip_numbering(&normal);
    candidates(unnumbered).find_map(|c| lookup(&c))
}

/// The required heading closest to a heading that does not match, if it is
/// close enough to be a near miss worth suggesting.
pub fn near_miss(text: &str) -> Option<(SectionKey, f64)> {
    let normal = normalise(text);
    let unnumbered = strip_numbering(&normal);
    let mut best: Option<(SectionKey, f64)> = None;
    for candidate in candidates(unnumbered) {
        for key in SectionKey::ALL {
            let target = normalise(key.heading());
            let score = strsim::normalized_levenshtein(&candidate, &target);
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((key, score));
            }
        }
    }
    best.filter(|&(_, score)| score >= 0.75)
}

/// The required headings and the combined one, normalised once.
struct Normalised {
    sections: Vec<(SectionKey, String)>,
    combined: String,
}

fn normalised() -> &'static Normalised {
    static NORMALISED: std::sync::OnceLock<Normalised> = std::sync::OnceLock::new();
    NORMALISED.get_or_init(|| Normalised {
        sections: SectionKey::ALL
            .into_iter()
            .map(|k| (k, normalise(k.heading())))
            .collect(),
        combined: normalise(SectionKey::COMBINED_HEADING),
    })
}

fn lookup(normal: &str) -> Option<HeadingMatch> {
    let known = normalised();
    if let Some((key, _)) = known.sections.iter().find(|(_, h)| h == normal) {
        return Some(HeadingMatch::Section(*key));
    }
    let combined = &known.combined;
    let rest = normal
        .strip_prefix("3-5 ")
        .or_else(|| normal.strip_prefix("3 to 5 "))
        .or_else(|| normal.strip_prefix("three to five "))
        .unwrap_or(normal);
    (rest == combined.as_str()).then_some(HeadingMatch::Combined)
}

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

/// Removes leading numbering: `1.`, `2.3`, `4)`, `Section 4:`, `Part 2 -`.
fn strip_numbering(normal: &str) -> &str {
    let mut s = normal;
    for word in ["section ", "part ", "chapter "] {
        if let Some(rest) = s.strip_prefix(word)
            && rest.starts_with(|c: char| c.is_ascii_digit())
        {
            s = rest;
        }
    }
    // "3-5 key achievements" is the guidance's own wording, not numbering.
    if s.starts_with("3-5 ") || s.starts_with("3 to 5 ") {
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

    fn key(text: &str) -> Option<&'static str> {
        match match_heading(text)? {
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
    }

    #[test]
    fn near_misses() {
        assert_eq!(
            near_miss("Context of childrens service").map(|m| m.0),
            Some(SectionKey::Context)
        );
        assert_eq!(
            near_miss("What our data is telling us").map(|m| m.0),
            Some(SectionKey::Data)
        );
        assert_eq!(near_miss("Local housing"), None);
    }
}
