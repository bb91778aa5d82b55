//! Masking personal identifiers in any text psdoc shows: one place, used by
//! every output (findings, snippets, diffs, comments, the book, packages).

use std::borrow::Cow;

use psdoc_privacy::{CustomPattern, Detector, Identifier, Indirect, Settings};

use crate::config::PrivacySettings;
use crate::error::{Error, Result};

/// Finds and masks personal identifiers with the partnership's settings.
pub struct Redactor {
    detector: Detector,
}

impl Redactor {
    pub fn new(privacy: &PrivacySettings) -> Result<Self> {
        let settings = Settings {
            area: privacy.area.clone(),
            allow: privacy.allow.clone(),
            patterns: privacy
                .patterns
                .iter()
                .map(|p| CustomPattern {
                    name: p.name.clone(),
                    regex: p.regex.clone(),
                })
                .collect(),
        };
        let detector = Detector::new(&settings).map_err(|e| Error::Other {
            message: format!("partnership.toml: [[privacy.pattern]]: {e}"),
        })?;
        Ok(Redactor { detector })
    }

    /// The identifiers in `text`, sorted, non-overlapping.
    pub fn find(&self, text: &str) -> Vec<Identifier> {
        self.detector.find(text)
    }

    /// The identifiers in `text` and its indirect identifiers (an age with a named
    /// school, place or event). `labels` are what a table says the text is (its
    /// column's header and its row's label), empty for prose.
    pub fn find_all(&self, text: &str, labels: &[&str]) -> (Vec<Identifier>, Vec<Indirect>) {
        if labels.is_empty() {
            self.detector.find_all(text)
        } else {
            self.detector.find_all_labelled(text, labels)
        }
    }

    /// [`Redactor::find_all`] of each of `units` (a text and its labels), in order:
    /// for a file's many lines, paragraphs or cells, faster than a call for each.
    pub fn find_all_each(
        &self,
        units: &[(&str, &[&str])],
    ) -> Vec<(Vec<Identifier>, Vec<Indirect>)> {
        self.detector.find_all_each(units)
    }

    /// `text` with every identifier replaced by its masked form.
    pub fn redact<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let found = self.detector.find(text);
        if found.is_empty() {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for id in found {
            if id.range.start < at {
                continue;
            }
            out.push_str(&text[at..id.range.start]);
            out.push_str(&id.masked);
            at = id.range.end;
        }
        out.push_str(&text[at..]);
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_in_place() {
        let r = Redactor::new(&crate::Config::default().privacy).unwrap();
        let out = r.redact("Her CHI 1904851231 was on the form.");
        assert!(!out.contains("1904851231"), "{out}");
        assert!(out.starts_with("Her CHI 19"), "{out}");
        assert!(out.ends_with(" was on the form."), "{out}");
        assert!(matches!(r.redact("Nothing here."), Cow::Borrowed(_)));
    }
}
