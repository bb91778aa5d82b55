//! `[[privacy.allow]]`: findings inside one file that the partnership has checked and
//! allowed, with its reason. A spreadsheet or a PDF cannot hold an allow comment, and
//! switching a rule off everywhere would hide what it must still catch elsewhere.
//!
//! An allowed finding is not dropped: it is kept as suppressed, with the reason, so
//! that `psdoc check --format json` can show what was allowed and why. An entry that
//! allows nothing is reported (`unused-allow`), so a stale allow does not linger.

use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use crate::config::{CONFIG_FILE, FileAllow};
use crate::diagnostic::{Diagnostic, Finding};
use crate::model::Location;

/// The entries, and which of them allowed something in this run.
pub struct FileAllows<'a> {
    entries: &'a [FileAllow],
    used: Vec<AtomicBool>,
}

/// A finding an entry allowed: its rule, the finding, and the entry.
#[derive(Debug, Clone)]
pub struct Allowed {
    pub rule: &'static str,
    pub finding: Finding,
    pub reason: String,
    /// The entry's line in partnership.toml.
    pub line: usize,
}

/// A suppressed finding as `--format json` shows it: the diagnostic and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SuppressedDiagnostic {
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
    pub suppressed: Suppression,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppression {
    pub reason: String,
    /// Where the allow entry is: `partnership.toml:12`.
    pub by: String,
}

impl Suppression {
    pub fn of(allowed: &Allowed) -> Self {
        Suppression {
            reason: allowed.reason.clone(),
            by: format!("{CONFIG_FILE}:{}", allowed.line),
        }
    }
}

impl<'a> FileAllows<'a> {
    pub fn new(entries: &'a [FileAllow]) -> Self {
        FileAllows {
            entries,
            used: entries.iter().map(|_| AtomicBool::new(false)).collect(),
        }
    }

    /// None at all.
    pub fn none() -> FileAllows<'static> {
        FileAllows {
            entries: &[],
            used: Vec::new(),
        }
    }

    /// The entry that allows a finding of `rule` (and `kind`) in `file` whose text is
    /// `raw` (none for a file that could not be read), marking it used.
    pub fn find(
        &self,
        rule: &str,
        file: &str,
        kind: Option<&str>,
        raw: Option<&str>,
    ) -> Option<&'a FileAllow> {
        self.find_by(rule, file, kind, |_, t| {
            raw.is_some_and(|raw| same_text(t, raw))
        })
    }

    /// [`FileAllows::find`], with `text_matches(i, text)` saying whether entry `i`'s
    /// `text` is the finding's text (a cached finding has no text, only the entries
    /// whose text it matched: see [`FileAllows::matching_texts`]).
    pub fn find_by(
        &self,
        rule: &str,
        file: &str,
        kind: Option<&str>,
        text_matches: impl Fn(usize, &str) -> bool,
    ) -> Option<&'a FileAllow> {
        if self.entries.is_empty() {
            return None;
        }
        let file = normalise_path(file);
        let (i, entry) = self.entries.iter().enumerate().find(|(i, e)| {
            covers_file(&e.file, &file)
                && e.rule.as_deref().is_none_or(|r| r == rule)
                && e.kind
                    .as_deref()
                    .is_none_or(|k| rule == "personal-identifier" && kind == Some(k))
                && e.text.as_deref().is_none_or(|t| text_matches(*i, t))
        })?;
        self.used[i].store(true, Ordering::Relaxed);
        Some(entry)
    }

    /// The entries (by index) whose `text` is `raw`: all a cached finding keeps of its
    /// text, so that the entries apply to it as to a fresh one.
    pub fn matching_texts(&self, raw: Option<&str>) -> Vec<usize> {
        let Some(raw) = raw else {
            return Vec::new();
        };
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.text.as_deref().is_some_and(|t| same_text(t, raw)))
            .map(|(i, _)| i)
            .collect()
    }

    /// What the entries' texts are, in order: part of a cache key, as cached findings
    /// hold indices into them.
    pub fn texts(&self) -> impl Iterator<Item = Option<&'a str>> {
        self.entries.iter().map(|e| e.text.as_deref())
    }

    /// Files of `psdoc check`'s scan that the entries name.
    pub fn files(&self) -> impl Iterator<Item = &'a str> {
        self.entries.iter().map(|e| e.file.as_str())
    }

    /// An `unused-allow` finding for every entry that allowed nothing.
    pub fn unused(&self) -> Vec<Finding> {
        self.entries
            .iter()
            .zip(&self.used)
            .filter(|(_, used)| !used.load(Ordering::Relaxed))
            .map(|(e, _)| {
                let what = match (&e.rule, &e.kind, &e.text) {
                    (_, Some(kind), _) => format!("a {kind} finding"),
                    (Some(rule), None, _) => format!("a {rule} finding"),
                    (None, None, _) => "any finding".to_owned(),
                };
                let text = if e.text.is_some() {
                    " with the text given"
                } else {
                    ""
                };
                Finding::new(
                    Location::new(CONFIG_FILE, e.line, 1),
                    format!(
                        "this [[privacy.allow]] entry allows nothing: {what}{text} in {} was not found",
                        e.file
                    ),
                )
                .help("remove the entry (the finding it allowed has gone), or correct its `file`, `text`, `rule` or `kind`")
            })
            .collect()
    }
}

fn normalise_path(path: &str) -> String {
    let p = path.replace('\\', "/");
    p.trim_start_matches("./").to_owned()
}

/// An entry's `file` names this file, or a folder holding it (`evidence/files/data/`).
fn covers_file(entry: &str, file: &str) -> bool {
    entry == file || (entry.ends_with('/') && file.starts_with(entry))
}

/// The same text: exactly, or once spacing, punctuation and case are set aside
/// (`0131 529 3030` allows `01315293030`).
fn same_text(allowed: &str, found: &str) -> bool {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_uppercase)
            .collect()
    };
    allowed.trim() == found.trim() || (!key(found).is_empty() && key(allowed) == key(found))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(file: &str, text: Option<&str>, rule: Option<&str>, kind: Option<&str>) -> FileAllow {
        FileAllow {
            file: file.into(),
            text: text.map(Into::into),
            rule: rule.map(Into::into),
            kind: kind.map(Into::into),
            reason: "checked".into(),
            line: 7,
        }
    }

    #[test]
    fn entries_match_file_rule_kind_and_text() {
        let entries = [
            entry(
                "evidence/files/q4.xlsx",
                Some("3"),
                Some("small-number"),
                None,
            ),
            entry("evidence/files/contacts.csv", None, None, Some("phone")),
            entry(
                "evidence/files/scans/",
                None,
                Some("evidence-not-scanned"),
                None,
            ),
            entry("evidence/files/stale.docx", None, None, None),
        ];
        let allows = FileAllows::new(&entries);
        let q4 = "evidence/files/q4.xlsx";
        assert!(allows.find("small-number", q4, None, Some(" 3 ")).is_some());
        assert!(allows.find("small-number", q4, None, Some("4")).is_none());
        assert!(
            allows
                .find("personal-identifier", q4, Some("chi"), Some("3"))
                .is_none()
        );
        let contacts = "./evidence/files/contacts.csv";
        assert!(
            allows
                .find("personal-identifier", contacts, Some("phone"), Some("x"))
                .is_some()
        );
        assert!(
            allows
                .find("personal-identifier", contacts, Some("email"), Some("x"))
                .is_none()
        );
        assert!(
            allows
                .find(
                    "evidence-not-scanned",
                    "evidence/files/scans/a.png",
                    None,
                    None
                )
                .is_some()
        );
        let unused = allows.unused();
        assert_eq!(unused.len(), 1);
        assert_eq!(unused[0].location.line, 7);
        assert!(
            unused[0].message.contains("stale.docx"),
            "{}",
            unused[0].message
        );
    }
}
