//! The pull-request report: what `psdoc github report` writes for a later
//! comment, and what `psdoc github comment` renders its comment from.
//!
//! A report from a fork's run is untrusted: [`PullRequestReport::parse_untrusted`]
//! checks every field, refuses what a real report cannot contain, and masks
//! any identifier again before anything is rendered.

use psdoc_core::Diagnostic;
use psdoc_core::redact::Redactor;
use psdoc_core::rules;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::env::{PullRequestRef, check_sha};
use crate::error::{Error, Result};

pub const REPORT_VERSION: u32 = 1;
/// The largest report file read.
pub const MAX_REPORT_BYTES: usize = 16 * 1024 * 1024;
const MAX_FINDINGS: usize = 100_000;
const MAX_SECTIONS: usize = 200;
const MAX_COUNT: u64 = 100_000_000;
const MAX_MESSAGE: usize = 4_000;
const MAX_PATH: usize = 1_000;
const MAX_TITLE: usize = 500;

/// Everything the comment shows about one pull request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullRequestReport {
    pub version: u32,
    pub pull_request: PullRequestRef,
    pub totals: Totals,
    /// The sections whose text changed since the base, in statement order.
    pub sections: Vec<SectionDelta>,
    /// `new`: only the findings this pull request brings (`check --base`);
    /// `all`: every finding, when the base could not be compared.
    pub findings_scope: FindingsScope,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingsScope {
    New,
    All,
}

/// The whole statement's figures at the pull request's head, and its words
/// at the base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    pub words: u64,
    pub word_limit: u64,
    /// `None` when the base could not be read.
    pub words_base: Option<u64>,
    pub errors: u64,
    pub warnings: u64,
}

/// One section's change (a diff's section, trimmed:
/// docs/json.md#psdoc-diff---format-json): `words_after - words_before ==
/// inserted_words - deleted_words + moved_in - moved_out`. The moves are left
/// out of the JSON when 0 (as reports from before they were counted have them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDelta {
    pub key: String,
    pub title: String,
    pub status: SectionStatus,
    pub words_before: u64,
    pub words_after: u64,
    pub inserted_words: u64,
    pub deleted_words: u64,
    /// Words of paragraphs moved here from another section.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub moved_in: u64,
    /// Words of paragraphs moved from here to another section.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub moved_out: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl SectionDelta {
    /// Whether the figures add up: after - before == inserted - deleted +
    /// moved in - moved out.
    pub fn adds_up(&self) -> bool {
        i128::from(self.words_after) - i128::from(self.words_before)
            == i128::from(self.inserted_words) - i128::from(self.deleted_words)
                + i128::from(self.moved_in)
                - i128::from(self.moved_out)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionStatus {
    Added,
    Removed,
    Changed,
    Unchanged,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

/// A finding as the report carries it (`check`'s diagnostic:
/// docs/json.md#diagnostics).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub rule: String,
    pub severity: Level,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub masked: Option<String>,
    pub message: String,
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Finding {
    pub fn of(d: &Diagnostic) -> Self {
        Finding {
            rule: d.rule.to_owned(),
            severity: match d.severity {
                psdoc_core::Severity::Error => Level::Error,
                psdoc_core::Severity::Warning => Level::Warning,
            },
            kind: d.kind.clone(),
            masked: d.masked.clone(),
            message: d.message.clone(),
            file: d.file.clone(),
            line: d.line as u64,
            column: d.column as u64,
            section: d.section.map(|s| s.key().to_owned()),
            help: d.help.clone(),
        }
    }
}

/// What comparing with the base gave: its word count, the changed
/// sections, and the findings new in the pull request.
pub struct BaseComparison {
    pub words_base: u64,
    pub sections: Vec<SectionDelta>,
    pub new_findings: Vec<Diagnostic>,
}

impl PullRequestReport {
    /// The report of a check at the pull request's head; without a
    /// comparison with the base, every finding is listed.
    pub fn new(
        pull_request: PullRequestRef,
        report: &psdoc_core::Report,
        base: Option<BaseComparison>,
        redactor: &Redactor,
    ) -> Self {
        let tally = psdoc_core::Tally::of(&report.diagnostics);
        let (words_base, sections, scope, findings) = match base {
            Some(b) => (
                Some(b.words_base),
                b.sections,
                FindingsScope::New,
                b.new_findings.iter().map(Finding::of).collect(),
            ),
            None => (
                None,
                Vec::new(),
                FindingsScope::All,
                report.diagnostics.iter().map(Finding::of).collect(),
            ),
        };
        let mut out = PullRequestReport {
            version: REPORT_VERSION,
            pull_request,
            totals: Totals {
                words: report.words as u64,
                word_limit: u64::from(report.word_limit),
                words_base,
                errors: tally.errors as u64,
                warnings: tally.warnings as u64,
            },
            sections,
            findings_scope: scope,
            findings,
        };
        out.mask(redactor);
        out
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("serialisable");
        s.push('\n');
        s
    }

    /// Reads a report that may come from anyone (a fork's workflow run):
    /// its size, shape and every field are checked, and its text masked
    /// again with psdoc's default detectors.
    pub fn parse_untrusted(bytes: &[u8], path: &str) -> Result<Self> {
        let reject = |reason: String| Error::Report {
            path: path.to_owned(),
            reason,
        };
        if bytes.len() > MAX_REPORT_BYTES {
            return Err(reject(format!(
                "it is larger than {} MiB",
                MAX_REPORT_BYTES / 1024 / 1024
            )));
        }
        let mut report: PullRequestReport = serde_json::from_slice(bytes)
            .map_err(|e| reject(format!("not a psdoc pull-request report: {e}")))?;
        report.validate().map_err(reject)?;
        let redactor = Redactor::new(&psdoc_core::Config::default().privacy)
            .map_err(|e| Error::Other(e.to_string()))?;
        report.mask(&redactor);
        Ok(report)
    }

    /// Checks every field against what psdoc can write.
    pub fn validate(&self) -> std::result::Result<(), String> {
        if self.version != REPORT_VERSION {
            return Err(format!(
                "version {} (this psdoc reads version {REPORT_VERSION}): use the same psdoc version in both workflows",
                self.version
            ));
        }
        let pr = &self.pull_request;
        if pr.number == 0 || pr.number > u64::from(u32::MAX) {
            return Err("pull_request.number is out of range".into());
        }
        check_sha(&pr.base_sha).map_err(|e| format!("pull_request.base_sha: {e}"))?;
        check_sha(&pr.head_sha).map_err(|e| format!("pull_request.head_sha: {e}"))?;
        let t = &self.totals;
        for (name, n) in [
            ("words", Some(t.words)),
            ("word_limit", Some(t.word_limit)),
            ("words_base", t.words_base),
            ("errors", Some(t.errors)),
            ("warnings", Some(t.warnings)),
        ] {
            if n.is_some_and(|n| n > MAX_COUNT) {
                return Err(format!("totals.{name} is out of range"));
            }
        }
        if self.sections.len() > MAX_SECTIONS {
            return Err("too many sections".into());
        }
        for (i, s) in self.sections.iter().enumerate() {
            let at = format!("sections[{i}]");
            if !is_section_key(&s.key) {
                return Err(format!(
                    "{at}.key: `{}` is not a section key",
                    one_line(&s.key, 40)
                ));
            }
            check_text(&s.title, MAX_TITLE).map_err(|e| format!("{at}.title: {e}"))?;
            for (name, n) in [
                ("words_before", s.words_before),
                ("words_after", s.words_after),
                ("inserted_words", s.inserted_words),
                ("deleted_words", s.deleted_words),
                ("moved_in", s.moved_in),
                ("moved_out", s.moved_out),
            ] {
                if n > MAX_COUNT {
                    return Err(format!("{at}.{name} is out of range"));
                }
            }
            if !s.adds_up() {
                return Err(format!(
                    "{at}: its words do not add up (words_after - words_before is not inserted_words - deleted_words + moved_in - moved_out)"
                ));
            }
        }
        if self.findings.len() > MAX_FINDINGS {
            return Err("too many findings".into());
        }
        // The totals count the whole statement; the findings listed are
        // those the pull request brings (or all of them): never more than
        // the totals, and all of them when every finding is listed.
        let listed =
            |level: Level| self.findings.iter().filter(|f| f.severity == level).count() as u64;
        let (errors, warnings) = (listed(Level::Error), listed(Level::Warning));
        let disagree = match self.findings_scope {
            FindingsScope::New => errors > t.errors || warnings > t.warnings,
            FindingsScope::All => errors != t.errors || warnings != t.warnings,
        };
        if disagree {
            return Err(format!(
                "its totals ({} errors, {} warnings) disagree with the findings it lists ({errors} errors, {warnings} warnings)",
                t.errors, t.warnings
            ));
        }
        for (i, f) in self.findings.iter().enumerate() {
            let at = format!("findings[{i}]");
            if !rules::is_known(&f.rule) {
                return Err(format!(
                    "{at}.rule: `{}` is not a psdoc rule",
                    one_line(&f.rule, 40)
                ));
            }
            check_text(&f.message, MAX_MESSAGE).map_err(|e| format!("{at}.message: {e}"))?;
            if let Some(help) = &f.help {
                check_text(help, MAX_MESSAGE).map_err(|e| format!("{at}.help: {e}"))?;
            }
            check_path(&f.file).map_err(|e| format!("{at}.file: {e}"))?;
            if f.line == 0 || f.line > MAX_COUNT || f.column == 0 || f.column > MAX_COUNT {
                return Err(format!("{at}: line or column out of range"));
            }
            if let Some(section) = &f.section
                && (section == "other" || !is_section_key(section))
            {
                return Err(format!("{at}.section: not a section key"));
            }
            if let Some(kind) = &f.kind
                && (kind.is_empty()
                    || kind.chars().count() > 64
                    || !kind
                        .chars()
                        .all(|c| c.is_alphanumeric() || " -_".contains(c)))
            {
                return Err(format!("{at}.kind: not an identifier kind"));
            }
            if let Some(masked) = &f.masked {
                check_text(masked, 200).map_err(|e| format!("{at}.masked: {e}"))?;
            }
        }
        Ok(())
    }

    /// Masks identifiers in every text field.
    fn mask(&mut self, redactor: &Redactor) {
        let m = |s: &mut String| {
            if let std::borrow::Cow::Owned(masked) = redactor.redact(s) {
                *s = masked;
            }
        };
        for s in &mut self.sections {
            m(&mut s.title);
        }
        for f in &mut self.findings {
            m(&mut f.message);
            m(&mut f.file);
            if let Some(h) = f.help.as_mut() {
                m(h);
            }
        }
    }
}

/// The changed sections of a statement diff in its JSON shape
/// (docs/json.md#psdoc-diff---format-json), and its `total_before`.
pub fn sections_from_diff(diff: &Value) -> std::result::Result<(u64, Vec<SectionDelta>), String> {
    let total_before = diff
        .get("total_before")
        .and_then(Value::as_u64)
        .ok_or("the diff has no total_before")?;
    let sections = diff
        .get("sections")
        .and_then(Value::as_array)
        .ok_or("the diff has no sections")?;
    let mut out = Vec::new();
    for s in sections {
        let delta: SectionDelta = serde_json::from_value(serde_json::json!({
            "key": s.get("key").and_then(Value::as_str).unwrap_or("other"),
            "title": s.get("title").cloned().unwrap_or(Value::String(String::new())),
            "status": s.get("status").cloned().unwrap_or(Value::Null),
            "words_before": s.get("words_before").cloned().unwrap_or(Value::Null),
            "words_after": s.get("words_after").cloned().unwrap_or(Value::Null),
            "inserted_words": s.get("inserted_words").cloned().unwrap_or(Value::Null),
            "deleted_words": s.get("deleted_words").cloned().unwrap_or(Value::Null),
            "moved_in": s.get("moved_in").cloned().unwrap_or(Value::from(0)),
            "moved_out": s.get("moved_out").cloned().unwrap_or(Value::from(0)),
        }))
        .map_err(|e| format!("a section of the diff: {e}"))?;
        if delta.status != SectionStatus::Unchanged {
            out.push(delta);
        }
    }
    Ok((total_before, out))
}

/// One line, no control characters, at most `max` characters.
fn check_text(text: &str, max: usize) -> std::result::Result<(), String> {
    if text.chars().count() > max {
        return Err(format!("longer than {max} characters"));
    }
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err("contains control characters".into());
    }
    Ok(())
}

/// A path relative to the statement root, with `/` separators, that stays
/// inside it.
fn check_path(path: &str) -> std::result::Result<(), String> {
    check_text(path, MAX_PATH)?;
    if path.is_empty()
        || path.contains('\n')
        || path.starts_with('/')
        || path.contains('\\')
        || path.split('/').any(|seg| seg == ".." || seg.is_empty())
    {
        return Err("not a relative path inside the statement".into());
    }
    Ok(())
}

fn one_line(text: &str, max: usize) -> String {
    text.chars().filter(|c| !c.is_control()).take(max).collect()
}

/// Whether a report's section key is one a guidance profile could define
/// (lower-case letters, digits and hyphens; profiles may add sections), or
/// `other`. Any such key is shown only through `text::inert`.
fn is_section_key(key: &str) -> bool {
    (1..=40).contains(&key.len())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn sample() -> PullRequestReport {
        PullRequestReport {
            version: 1,
            pull_request: PullRequestRef {
                number: 12,
                base_sha: "0123456789abcdef0123456789abcdef01234567".into(),
                head_sha: "89abcdef0123456789abcdef0123456789abcdef".into(),
            },
            totals: Totals {
                words: 4870,
                word_limit: 5000,
                words_base: Some(4710),
                errors: 1,
                warnings: 2,
            },
            sections: vec![SectionDelta {
                key: "data".into(),
                title: "What your data is telling you".into(),
                status: SectionStatus::Changed,
                words_before: 820,
                words_after: 905,
                inserted_words: 140,
                deleted_words: 55,
                moved_in: 0,
                moved_out: 0,
            }],
            findings_scope: FindingsScope::New,
            findings: vec![Finding {
                rule: "unknown-evidence".into(),
                severity: Level::Error,
                kind: None,
                masked: None,
                message: "E57 is not in the document log (evidence/log.toml)".into(),
                file: "book/src/data.md".into(),
                line: 14,
                column: 41,
                section: Some("data".into()),
                help: None,
            }],
        }
    }

    #[test]
    fn a_report_round_trips() {
        let r = sample();
        let back = PullRequestReport::parse_untrusted(r.to_json().as_bytes(), "r.json").unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn hostile_reports_are_refused() {
        type Spoil = fn(&mut PullRequestReport);
        let cases: Vec<(Spoil, &str)> = vec![
            (|r| r.version = 2, "version"),
            (|r| r.pull_request.number = 0, "number"),
            (|r| r.pull_request.head_sha = "HEAD".into(), "head_sha"),
            (|r| r.findings[0].rule = "made-up".into(), "rule"),
            (|r| r.findings[0].file = "../../etc/passwd".into(), "file"),
            (|r| r.findings[0].file = "/etc/passwd".into(), "file"),
            (
                |r| r.findings[0].message = "x".repeat(MAX_MESSAGE + 1),
                "message",
            ),
            (|r| r.findings[0].message = "bell\u{7}".into(), "message"),
            (|r| r.findings[0].line = 0, "line"),
            (
                |r| r.findings[0].section = Some("[secrets](https://x)".into()),
                "section",
            ),
            (|r| r.sections[0].key = "x <b>".into(), "key"),
            (|r| r.totals.words = u64::MAX, "words"),
            // The forged verdict of issue 17: no errors claimed, one listed.
            (|r| r.totals.errors = 0, "disagree"),
            // Every finding listed, yet two warnings not among them.
            (|r| r.findings_scope = FindingsScope::All, "disagree"),
            // A section whose words do not add up.
            (|r| r.sections[0].inserted_words = 141, "do not add up"),
            (|r| r.sections[0].moved_in = 3, "do not add up"),
        ];
        for (spoil, field) in cases {
            let mut r = sample();
            spoil(&mut r);
            let err = PullRequestReport::parse_untrusted(r.to_json().as_bytes(), "r.json")
                .unwrap_err()
                .to_string();
            assert!(err.contains(field), "{field}: {err}");
        }
        let extra = sample().to_json().replacen("{", "{\"evil\": 1,", 1);
        assert!(PullRequestReport::parse_untrusted(extra.as_bytes(), "r.json").is_err());
        assert!(PullRequestReport::parse_untrusted(b"not json", "r.json").is_err());
    }

    #[test]
    fn identifiers_are_masked_again() {
        let mut r = sample();
        r.findings[0].message = "her CHI 1904851231 is here".into();
        let back = PullRequestReport::parse_untrusted(r.to_json().as_bytes(), "r.json").unwrap();
        assert!(
            !back.findings[0].message.contains("1904851231"),
            "{}",
            back.findings[0].message
        );
    }

    #[test]
    fn sections_from_a_contract_diff() {
        let diff = serde_json::json!({"from": "a", "to": "WORKTREE", "total_before": 4710, "total_after": 4870,
            "sections": [
                {"key": "data", "title": "What your data is telling you", "status": "changed",
                 "words_before": 820, "words_after": 905, "inserted_words": 140, "deleted_words": 55,
                 "moved_words": 0, "evidence_added": [31], "evidence_removed": [], "qi_added": [], "qi_removed": []},
                {"key": "covid", "title": "Response to Covid-19", "status": "unchanged",
                 "words_before": 300, "words_after": 300, "inserted_words": 0, "deleted_words": 0,
                 "moved_words": 0, "evidence_added": [], "evidence_removed": [], "qi_added": [], "qi_removed": []}]});
        let (before, sections) = sections_from_diff(&diff).unwrap();
        assert_eq!(before, 4710);
        assert_eq!(sections.len(), 1);
        assert_eq!(sections[0].words_after, 905);
        assert_eq!((sections[0].moved_in, sections[0].moved_out), (0, 0));
    }

    #[test]
    fn moves_between_sections_travel_and_add_up() {
        let diff = serde_json::json!({"total_before": 100, "sections": [
            {"key": "data", "title": "What your data is telling you", "status": "changed",
             "words_before": 50, "words_after": 41, "inserted_words": 0, "deleted_words": 1,
             "moved_words": 8, "moved_in": 0, "moved_out": 8},
            {"key": "involvement", "title": "Children and young people's involvement and feedback",
             "status": "changed", "words_before": 50, "words_after": 60, "inserted_words": 2,
             "deleted_words": 0, "moved_words": 8, "moved_in": 8, "moved_out": 0}]});
        let (_, sections) = sections_from_diff(&diff).unwrap();
        assert_eq!((sections[0].moved_out, sections[1].moved_in), (8, 8));
        assert!(sections.iter().all(SectionDelta::adds_up));
        let mut r = sample();
        r.sections = sections;
        let json = r.to_json();
        assert!(json.contains("\"moved_in\": 8"), "{json}");
        let back = PullRequestReport::parse_untrusted(json.as_bytes(), "r.json").unwrap();
        assert_eq!(back, r);
        // A report without the moves (as before they were counted) reads
        // as none.
        assert!(!sample().to_json().contains("moved_in"));
    }
}
