//! Sections: a required heading opens one, running to the next heading of
//! the same or a higher level (docs/sections.md#where-a-section-starts-and-ends).

use super::chapter::{Chapter, Place};
use super::sources::{Location, Sources};
use crate::heading::{HeadingMatch, SectionKey};
use psdoc_guidance::Profile;

/// A run of the statement under one heading.
#[derive(Debug, Clone)]
pub struct Section {
    /// The required section, or `None` for words counted under `other`.
    pub key: Option<SectionKey>,
    /// Two sections under one heading (the profile's combined heading, "Key
    /// achievements and areas for improvement"): `key` is the pair's first.
    pub combined: bool,
    /// The heading as written (rendered text), or the chapter's title.
    pub title: String,
    /// The heading's level after nesting (0 when there is no heading).
    pub level: u8,
    pub start: Place,
    /// Where the heading is, or the first text when there is no heading.
    pub location: Location,
    /// Where the second part of a combined section starts (its "Areas for
    /// improvement" sub-heading).
    pub second_start: Option<Place>,
    /// Words, heading included.
    pub words: usize,
    /// True when the section has a heading (required sections always do).
    pub has_heading: bool,
}

impl Section {
    /// Whether this section stands for the required section `key`: it is
    /// that section, or a combined section that holds it.
    pub fn covers(&self, key: SectionKey, profile: &Profile) -> bool {
        self.key == Some(key) || (self.combined && profile.is_combined_second(key))
    }

    /// Words under the heading, the heading itself not counted.
    pub fn body_words(&self, chapters: &[Chapter]) -> usize {
        let heading = if self.has_heading {
            chapters[self.start.chapter]
                .parsed
                .units
                .iter()
                .find(|u| u.start == self.start.offset)
                .map_or(0, |u| u.words)
        } else {
            0
        };
        self.words - heading
    }
}

pub(crate) fn assemble_sections(
    chapters: &[Chapter],
    sources: &Sources,
    profile: &Profile,
) -> Vec<Section> {
    let pair = profile.combined.as_ref().map(|c| (c.first, c.second));
    let in_pair = |k: SectionKey| pair.is_some_and(|(a, b)| k == a || k == b);
    let mut sections: Vec<Section> = Vec::new();
    for (ci, chapter) in chapters.iter().enumerate() {
        for unit in &chapter.parsed.units {
            let place = Place {
                chapter: ci,
                offset: unit.start,
            };
            if let Some(level) = chapter.effective_level(unit) {
                let current = sections.last();
                let matched = profile.match_heading(&unit.text);
                let within_combined = current.is_some_and(|s| s.combined && level > s.level);
                let opens = match matched {
                    Some(HeadingMatch::Section(k)) if within_combined && in_pair(k) => {
                        if pair.is_some_and(|(_, second)| k == second)
                            && let Some(s) = sections.last_mut()
                            && s.second_start.is_none()
                        {
                            s.second_start = Some(place);
                        }
                        false
                    }
                    Some(_) => true,
                    None => current.is_none_or(|s| level <= s.level || !s.has_heading),
                };
                if opens {
                    let (key, combined) = match matched {
                        Some(HeadingMatch::Section(k)) => (Some(k), false),
                        Some(HeadingMatch::Combined) => (pair.map(|(first, _)| first), true),
                        None => (None, false),
                    };
                    sections.push(Section {
                        key,
                        combined,
                        title: unit.raw.trim().to_owned(),
                        level,
                        start: place,
                        location: locate(chapter, sources, unit.start),
                        second_start: None,
                        words: 0,
                        has_heading: true,
                    });
                }
            } else if sections.is_empty() {
                sections.push(Section {
                    key: None,
                    combined: false,
                    title: chapter.title.clone(),
                    level: 0,
                    start: place,
                    location: locate(chapter, sources, unit.start),
                    second_start: None,
                    words: 0,
                    has_heading: false,
                });
            }
            if let Some(s) = sections.last_mut() {
                s.words += unit.words;
            }
        }
    }
    sections
}

fn locate(chapter: &Chapter, sources: &Sources, offset: usize) -> Location {
    let (file, off) = chapter.expanded.origin(offset);
    let source = sources.get(file);
    let pos = source.position(off);
    Location::new(source.path.clone(), pos.line, pos.column)
}
