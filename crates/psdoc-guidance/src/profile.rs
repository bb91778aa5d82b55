//! A guidance profile as psdoc uses it: the sections and their headings,
//! the accepted orders, the combined heading, the achievements range, what
//! answers "capacity for improvement", the word limit, the quality framework
//! and Appendix 2's core documents.

use serde::Serialize;

use crate::key::SectionKey;

/// Where a profile came from, for messages and `psdoc explain`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "path")]
pub enum Origin {
    /// One of psdoc's own profiles.
    BuiltIn,
    /// A file the partnership wrote (root-relative path).
    File(String),
}

/// Everything psdoc knows about one guidance letter.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    /// A short name: `children-at-risk-2021`.
    pub name: String,
    /// What the statement is, for covers and titles.
    pub title: String,
    /// The guidance this profile follows, in words.
    pub guidance: String,
    pub origin: Origin,
    /// Changes `partnership.toml` made to the profile, in words (empty when none).
    pub adjusted: Vec<String>,
    pub word_limit: u32,
    pub sections: Vec<SectionSpec>,
    /// The orders in which the sections may come; each lists every section.
    pub orders: Vec<Vec<SectionKey>>,
    pub combined: Option<Combined>,
    pub achievements: Option<AchievementRange>,
    pub capacity: Option<Capacity>,
    pub framework: Framework,
    pub core_documents: Vec<CoreDocument>,
    #[serde(skip)]
    pub(crate) normalised: Normalised,
}

/// A section the guidance asks for.
#[derive(Debug, Clone, Serialize)]
pub struct SectionSpec {
    pub key: SectionKey,
    /// The heading exactly as the guidance writes it.
    pub heading: String,
    /// A short name for charts and tables (`Quality assurance`).
    pub label: String,
    /// The shortest name, for narrow columns (`QA`).
    pub column: String,
    /// Other headings accepted as this section.
    pub variants: Vec<String>,
    /// The guidance's prompt, which `psdoc init` writes as a drafting note.
    pub prompt: String,
    pub required: bool,
    /// Whether the section is expected to cite evidence (`section-without-evidence`).
    pub cites_evidence: bool,
    /// A default word budget (`section-budget`); `partnership.toml` may set one.
    pub budget: Option<u32>,
}

/// Two sections that may share one heading: "Key achievements and areas for
/// improvement". The combined section counts as the first.
#[derive(Debug, Clone, Serialize)]
pub struct Combined {
    pub first: SectionKey,
    pub second: SectionKey,
    pub heading: String,
    /// Words that may come before the heading: the guidance's "3-5".
    pub prefixes: Vec<String>,
}

/// How many key achievements the guidance asks for, and in which section.
#[derive(Debug, Clone, Serialize)]
pub struct AchievementRange {
    pub section: SectionKey,
    pub min: u32,
    pub max: u32,
}

/// What answers the guidance's request to comment on capacity for
/// improvement: a phrase, or a reference to one of the indicators.
#[derive(Debug, Clone, Serialize)]
pub struct Capacity {
    pub section: SectionKey,
    pub phrases: Vec<String>,
    pub indicators: Vec<String>,
}

/// A quality framework: its indicators and those the guidance focuses on.
#[derive(Debug, Clone, Serialize)]
pub struct Framework {
    pub name: String,
    /// In the framework's order (by area, then number).
    pub indicators: Vec<QualityIndicator>,
    /// The focus indicators, in the guidance's order.
    pub focus: Vec<String>,
}

/// One quality indicator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QualityIndicator {
    /// As the framework numbers it: `"2.1"`, `"10.1"`.
    pub number: String,
    /// The area: the part before the dot.
    pub area: u8,
    pub title: String,
    /// Whether the title is confirmed verbatim; otherwise it is the best
    /// available reconstruction.
    pub confirmed: bool,
    #[serde(skip)]
    pub(crate) sub: u8,
}

impl QualityIndicator {
    /// `(area, number within the area)`: the framework's order.
    pub fn key(&self) -> (u8, u8) {
        (self.area, self.sub)
    }
}

/// One item of the core document request (Appendix 2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CoreDocument {
    /// The item number: the value of a log entry's `core`.
    pub item: u8,
    /// The guidance's wording.
    pub title: String,
    /// How many log entries the item asks for at least.
    pub minimum: usize,
    /// What the item asks for, in words, when it asks for more than one.
    pub asks: Option<String>,
    /// Entries of this item form a set (reports, minutes): never versions of
    /// one another, so `superseded-evidence` leaves them alone.
    pub set: bool,
    /// Bodies whose entries are counted apart when entries name their `body`.
    pub bodies: Vec<String>,
    /// Entries each body needs.
    pub per_body: usize,
    /// What each body needs, in words, with `{body}` for its name.
    pub per_body_asks: Option<String>,
}

/// Headings normalised once, for matching.
#[derive(Debug, Clone, Default)]
pub(crate) struct Normalised {
    /// Each section's heading and variants.
    pub sections: Vec<(SectionKey, String)>,
    pub combined: Option<String>,
    pub prefixes: Vec<String>,
}

impl Profile {
    /// The section with this key, if the profile has it.
    pub fn section(&self, key: SectionKey) -> Option<&SectionSpec> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// The section named `key` in `partnership.toml` or JSON.
    pub fn section_named(&self, key: &str) -> Option<&SectionSpec> {
        self.sections.iter().find(|s| s.key.key() == key)
    }

    /// The required sections, in the profile's order.
    pub fn required(&self) -> impl Iterator<Item = &SectionSpec> {
        self.sections.iter().filter(|s| s.required)
    }

    /// The guidance's heading for a section; for a key the profile does not
    /// have (an older revision's section), the key itself.
    pub fn heading(&self, key: SectionKey) -> &str {
        self.section(key).map_or(key.key(), |s| s.heading.as_str())
    }

    /// The position of a section in the profile's first order (for sorting).
    pub fn position(&self, key: SectionKey) -> usize {
        self.sections
            .iter()
            .position(|s| s.key == key)
            .unwrap_or(usize::MAX)
    }

    /// Whether `key` is the second section of the combined pair, which a
    /// combined heading stands for.
    pub fn is_combined_second(&self, key: SectionKey) -> bool {
        self.combined.as_ref().is_some_and(|c| c.second == key)
    }

    /// The indicator numbered exactly `number` (`"6.4"`), if the framework has it.
    pub fn indicator(&self, number: &str) -> Option<&QualityIndicator> {
        self.framework
            .indicators
            .iter()
            .find(|q| q.number == number)
    }

    /// The core document item `item`, if the profile has it.
    pub fn core_document(&self, item: u8) -> Option<&CoreDocument> {
        self.core_documents.iter().find(|c| c.item == item)
    }

    /// How the profile is named in messages: `children-at-risk-2021 (built
    /// in)`, `guidance.toml`, with "adjusted in partnership.toml" when it is.
    pub fn describe(&self) -> String {
        let mut out = match &self.origin {
            Origin::BuiltIn => format!("{} (built in)", self.name),
            Origin::File(path) => format!("{} (from {path})", self.name),
        };
        if !self.adjusted.is_empty() {
            out.push_str(", adjusted in partnership.toml");
        }
        out
    }
}
