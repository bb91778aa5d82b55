//! Sections: a required heading opens one, running to the next heading of
//! the same or a higher level (CONTRACT section 3).

use super::chapter::{Chapter, Place};
use super::sources::{Location, Sources};
use crate::heading::{HeadingMatch, SectionKey, match_heading};

/// A run of the statement under one heading.
#[derive(Debug, Clone)]
pub struct Section {
    /// The required section, or `None` for words counted under `other`.
    pub key: Option<SectionKey>,
    /// "Key achievements and areas for improvement" in one section.
    pub combined: bool,
    /// The heading as written (rendered text), or the chapter's title.
    pub title: String,
    /// The heading's level after nesting (0 when there is no heading).
    pub level: u8,
    pub start: Place,
    /// Where the heading is, or the first text when there is no heading.
    pub location: Location,
    /// Where the improvement part of a combined section starts.
    pub improvement_start: Option<Place>,
    /// Words, heading included.
    pub words: usize,
    /// True when the section has a heading (required sections always do).
    pub has_heading: bool,
}

impl Section {
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

pub(crate) fn assemble_sections(chapters: &[Chapter], sources: &Sources) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    for (ci, chapter) in chapters.iter().enumerate() {
        for unit in &chapter.parsed.units {
            let place = Place {
                chapter: ci,
                offset: unit.start,
            };
            if let Some(level) = chapter.effective_level(unit) {
                let current = sections.last();
                let matched = match_heading(&unit.text);
                let within_combined = current.is_some_and(|s| s.combined && level > s.level);
                let opens = match matched {
                    Some(HeadingMatch::Section(
                        SectionKey::Improvement | SectionKey::Achievements,
                    )) if within_combined => {
                        if matched == Some(HeadingMatch::Section(SectionKey::Improvement))
                            && let Some(s) = sections.last_mut()
                            && s.improvement_start.is_none()
                        {
                            s.improvement_start = Some(place);
                        }
                        false
                    }
                    Some(_) => true,
                    None => current.is_none_or(|s| level <= s.level || !s.has_heading),
                };
                if opens {
                    let (key, combined) = match matched {
                        Some(HeadingMatch::Section(k)) => (Some(k), false),
                        Some(HeadingMatch::Combined) => (Some(SectionKey::Achievements), true),
                        None => (None, false),
                    };
                    sections.push(Section {
                        key,
                        combined,
                        title: unit.raw.trim().to_owned(),
                        level,
                        start: place,
                        location: locate(chapter, sources, unit.start),
                        improvement_start: None,
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
                    improvement_start: None,
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
