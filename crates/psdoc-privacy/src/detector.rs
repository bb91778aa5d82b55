//! The detector: one prefilter pass over the text, validation only around its hits.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use crate::context::{ceil_boundary, floor_boundary};
use crate::detectors::indirect::Indirect;
use crate::detectors::labelled::{self, Veto};
use crate::detectors::pattern::{Pattern, user_regex};
use crate::detectors::{Candidate, Group, Scanners, priority};
use crate::labels::{self, Label};
use crate::markdown_tables;
use crate::prefilter::{self, Hit};
use crate::{Kind, mask};

/// A local identifier pattern from `[[privacy.pattern]]` (a case-management reference).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomPattern {
    /// The pattern's name: the `kind` of its findings.
    pub name: String,
    /// A regular expression in the syntax of the `regex` crate.
    pub regex: String,
}

/// The `[privacy]` settings that concern detection.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    /// Strings never reported (a council's public switchboard, a role mailbox).
    pub allow: Vec<String>,
    /// Local identifiers to report besides the built-in kinds.
    pub patterns: Vec<CustomPattern>,
    /// The partnership's own area ("Loch Ard"): a place too large to identify a child
    /// in an [`Indirect`] identifier.
    pub area: Vec<String>,
}

/// A personal identifier found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifier {
    pub kind: Kind,
    /// Byte range of the identifier in the text given to [`Detector::find`].
    pub range: Range<usize>,
    /// The identifier masked (see [`mask`]): the only form of it that may be shown.
    pub masked: String,
}

/// A `[[privacy.pattern]]` that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    #[error("privacy pattern {name:?}: invalid regex {regex:?}: {message}")]
    InvalidRegex {
        name: String,
        regex: String,
        message: String,
    },
    #[error(
        "privacy pattern {name:?}: regex {regex:?} matches empty text; make it match at least one character"
    )]
    MatchesEmpty { name: String, regex: String },
    #[error(
        "privacy pattern with regex {regex:?} has an empty name; give it a name (it becomes the finding's kind)"
    )]
    EmptyName { regex: String },
    #[error("privacy pattern {name:?}: the name is a built-in kind; choose another name")]
    ReservedName { name: String },
}

/// Finds personal identifiers. Compile it once and share it: it is `Send + Sync`.
///
/// The built-in prefilter and scanners are shared by every detector: the prefilter is
/// loaded once per process (see [`prepare`]), each scanner compiled the first time a
/// text needs it. A second detector (another revision's settings) costs only its own
/// `[[privacy.pattern]]`s.
pub struct Detector {
    custom: Vec<(Kind, Pattern)>,
    allow: Vec<String>,
    area: Vec<String>,
}

/// The built-in scanners, shared by every detector; each compiled when first needed.
static SCANNERS: Scanners = Scanners::new();

/// Loads the prefilter that every [`Detector::find`] runs, if no call has yet.
///
/// It is otherwise loaded by the first search. A program that will search soon can call
/// this on another thread first, so that loading overlaps its other work (reading files,
/// parsing). Calls made meanwhile wait for it.
pub fn prepare() {
    crate::prefilter::load_now();
}

/// How much further than its reach a window may grow to end at whitespace.
const SNAP: usize = 64;

impl Detector {
    /// Compiles the configured patterns; the built-in ones are shared (see [`Detector`]).
    pub fn new(settings: &Settings) -> Result<Detector, PatternError> {
        let mut custom = Vec::with_capacity(settings.patterns.len());
        for p in &settings.patterns {
            custom.push((Kind::Custom(p.name.clone()), compile_custom(p)?));
        }
        Ok(Detector {
            custom,
            allow: settings
                .allow
                .iter()
                .filter(|a| !a.trim().is_empty())
                .cloned()
                .collect(),
            area: settings.area.clone(),
        })
    }

    /// Every identifier in `text`, sorted by start, none overlapping another.
    ///
    /// A Markdown table in `text` is read as its header says: a number in a "CHI"
    /// column is a CHI number even with a mistyped check digit, one in an "Invoice"
    /// column is not.
    pub fn find(&self, text: &str) -> Vec<Identifier> {
        self.find_with(text, None, None)
    }

    /// [`Detector::find`], and the indirect identifiers of `text`: details that could
    /// identify a child when combined (an age with a named school, place or event).
    pub fn find_all(&self, text: &str) -> (Vec<Identifier>, Vec<Indirect>) {
        let mut indirect = Vec::new();
        let found = self.find_with(text, None, Some(&mut indirect));
        (found, indirect)
    }

    /// Every identifier in `text`, a value under `labels`: a spreadsheet cell or a
    /// table cell of a document with its column's header and its row's label. A label
    /// that names an identifier ("CHI", "DOB", "Child's name") lowers the bar for that
    /// kind; one that names something else ("ISBN", "Invoice no.", "Phone") raises it.
    pub fn find_labelled(&self, text: &str, labels: &[&str]) -> Vec<Identifier> {
        self.find_with(text, label_of(labels), None)
    }

    /// [`Detector::find_labelled`] and the indirect identifiers, as [`Detector::find_all`].
    pub fn find_all_labelled(
        &self,
        text: &str,
        labels: &[&str],
    ) -> (Vec<Identifier>, Vec<Indirect>) {
        self.find_all_from(text, label_of(labels), prefilter::find_at(text, 0))
    }

    /// [`Detector::find_all_labelled`] of each of `units` (a text, and its labels as
    /// there), in order: the units of one file, its lines, paragraphs or cells.
    ///
    /// Faster than a call for each: the prefilter first reads the texts two at a
    /// time, up to each one's first hit (see `prefilter::first_hits`), and a text
    /// it finds nothing in is done with. The findings are the same.
    pub fn find_all_each(
        &self,
        units: &[(&str, &[&str])],
    ) -> Vec<(Vec<Identifier>, Vec<Indirect>)> {
        let texts: Vec<&str> = units.iter().map(|(text, _)| *text).collect();
        let firsts = prefilter::first_hits(&texts);
        units
            .iter()
            .zip(firsts)
            .map(|(&(text, labels), first)| self.find_all_from(text, label_of(labels), first))
            .collect()
    }

    /// The identifiers and indirect identifiers of `text`, whose first prefilter hit
    /// is `first`.
    fn find_all_from(
        &self,
        text: &str,
        label: Option<Label>,
        first: Option<Hit>,
    ) -> (Vec<Identifier>, Vec<Indirect>) {
        let mut indirect = Vec::new();
        let found = self.find_with_prefilter(text, label, Some(&mut indirect), first);
        (found, indirect)
    }

    fn find_with(
        &self,
        text: &str,
        label: Option<Label>,
        indirect: Option<&mut Vec<Indirect>>,
    ) -> Vec<Identifier> {
        self.find_with_prefilter(text, label, indirect, prefilter::find_at(text, 0))
    }

    /// The identifiers of `text`, whose first prefilter hit is `first`.
    fn find_with_prefilter(
        &self,
        text: &str,
        label: Option<Label>,
        mut indirect: Option<&mut Vec<Indirect>>,
        first: Option<Hit>,
    ) -> Vec<Identifier> {
        let mut candidates = Vec::new();
        // Per group, the window still to scan: hits close together share one.
        let mut pending: [Option<Range<usize>>; Group::ALL.len()] = Default::default();
        // Hits may overlap ("He was born on ..." is a care context and a birth): the search
        // resumes one character after each hit's start, not after its end.
        let mut next = first;
        while let Some(Hit {
            part: i,
            range: hit,
        }) = next.take()
        {
            let at = hit.start + text[hit.start..].chars().next().map_or(1, char::len_utf8);
            next = prefilter::find_at(text, at);
            let group = Group::ALL[i];
            if group == Group::Indirect {
                if let Some(out) = indirect.as_deref_mut() {
                    SCANNERS.scan_indirect(text, window(text, hit, group.reach()), &self.area, out);
                }
                continue;
            }
            let w = window(text, hit, group.reach());
            match &mut pending[i] {
                Some(p) if w.start <= p.end => p.end = p.end.max(w.end),
                slot => {
                    if let Some(done) = slot.replace(w) {
                        SCANNERS.scan(group, text, done, &mut candidates);
                    }
                }
            }
        }
        for (i, p) in pending.into_iter().enumerate() {
            if let Some(p) = p {
                SCANNERS.scan(Group::ALL[i], text, p, &mut candidates);
            }
        }
        for (kind, re) in &self.custom {
            for m in re.find_iter(text) {
                if m.len() > 0 {
                    candidates.push(Candidate {
                        kind: kind.clone(),
                        range: m.start()..m.end(),
                    });
                }
            }
        }
        let mut vetoes: Vec<Veto> = Vec::new();
        // A table repeats its headers and row labels: each is read once.
        let mut read: std::collections::HashMap<&str, Label> = Default::default();
        for cell in markdown_tables::cells(text) {
            let mut classify = |s| *read.entry(s).or_insert_with(|| labels::classify(s));
            let (header, row) = (classify(cell.header), classify(cell.row_label));
            let label = Label {
                names: header.names | row.names,
                other: header.other || row.other,
            };
            if label != Label::default() {
                labelled::scan(
                    &SCANNERS,
                    text,
                    cell.range,
                    label,
                    &mut candidates,
                    &mut vetoes,
                );
            }
        }
        if let Some(label) = label {
            labelled::scan(
                &SCANNERS,
                text,
                0..text.len(),
                label,
                &mut candidates,
                &mut vetoes,
            );
        }
        candidates
            .retain(|c| !vetoes.iter().any(|v| v.covers(c)) && !self.is_allowed(text, &c.range));
        candidates.sort_by(|a, b| {
            (
                priority(&a.kind),
                a.range.start,
                std::cmp::Reverse(a.range.end),
            )
                .cmp(&(
                    priority(&b.kind),
                    b.range.start,
                    std::cmp::Reverse(b.range.end),
                ))
        });
        let mut kept: BTreeMap<usize, Candidate> = BTreeMap::new();
        for c in candidates {
            let overlaps_before = kept
                .range(..c.range.end)
                .next_back()
                .is_some_and(|(_, k)| k.range.end > c.range.start);
            if !overlaps_before {
                kept.insert(c.range.start, c);
            }
        }
        if let Some(out) = indirect {
            out.sort_by_key(|i| (i.range.start, i.range.end));
            out.dedup();
        }
        kept.into_values()
            .map(|c| Identifier {
                masked: mask(&c.kind, &text[c.range.clone()]),
                kind: c.kind,
                range: c.range,
            })
            .collect()
    }

    /// Whether an allowed string covers the identifier at `range`: the same text (ignoring
    /// spacing, punctuation and case: `0131 529 3030` allows `01315293030`), or a longer
    /// allowed string occurring around it.
    fn is_allowed(&self, text: &str, range: &Range<usize>) -> bool {
        let found = &text[range.clone()];
        let key = normalise(found);
        self.allow.iter().any(|a| {
            if a == found || (!key.is_empty() && normalise(a) == key) {
                return true;
            }
            if a.len() <= found.len() {
                return false;
            }
            let lo = ceil_boundary(text, range.end.saturating_sub(a.len()));
            let hi = floor_boundary(text, range.start + a.len());
            text[lo..hi]
                .match_indices(a.as_str())
                .any(|(i, _)| lo + i <= range.start && lo + i + a.len() >= range.end)
        })
    }
}

impl std::fmt::Debug for Detector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Detector")
            .field(
                "custom",
                &self
                    .custom
                    .iter()
                    .map(|(k, _)| k.name())
                    .collect::<Vec<_>>(),
            )
            .field("allow", &self.allow.len())
            .finish_non_exhaustive()
    }
}

impl Default for Detector {
    fn default() -> Detector {
        Detector::new(&Settings::default()).expect("no custom patterns")
    }
}

/// What `labels` (a cell's header and row label) say a value is, if anything.
fn label_of(labels: &[&str]) -> Option<Label> {
    let label = labels::classify_all(labels.iter().copied());
    (label != Label::default()).then_some(label)
}

fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

impl CustomPattern {
    /// Whether [`Detector::new`] would accept this pattern, without compiling the
    /// built-in detectors (for validating configuration cheaply).
    pub fn check(&self) -> Result<(), PatternError> {
        compile_custom(self).map(|_| ())
    }
}

/// Compiles a custom pattern, once: as [`ascii_classes`] rewrites it, which keeps it
/// about twenty times cheaper to compile (a Unicode `\d{6}` took more than a tenth of a
/// millisecond) and the regex engine on its fast path on text with curly quotes and
/// dashes. Only a pattern that fails is compiled again as written, so that the error
/// shows what the user wrote.
fn compile_custom(p: &CustomPattern) -> Result<Pattern, PatternError> {
    if p.name.trim().is_empty() {
        return Err(PatternError::EmptyName {
            regex: p.regex.clone(),
        });
    }
    if Kind::from_name(&p.name).is_some() {
        return Err(PatternError::ReservedName {
            name: p.name.clone(),
        });
    }
    let invalid = |message: String| PatternError::InvalidRegex {
        name: p.name.clone(),
        regex: p.regex.clone(),
        message,
    };
    let re = match pattern_regex(&ascii_classes(&p.regex)) {
        Ok(re) => re,
        Err(rewritten) => match pattern_regex(&p.regex) {
            Err(as_written) => return Err(invalid(as_written)),
            // Not expected: the rewrite keeps a valid pattern valid.
            Ok(_) => return Err(invalid(rewritten)),
        },
    };
    if re.is_match("") {
        return Err(PatternError::MatchesEmpty {
            name: p.name.clone(),
            regex: p.regex.clone(),
        });
    }
    Ok(re)
}

/// Compiles a regex a user wrote (a `[[privacy.pattern]]`), once per process.
///
/// `partnership.toml` is read again for every revision of a diff or a history, each
/// time with the same patterns. The first few dozen patterns are kept; any more are
/// compiled each time.
pub(crate) fn pattern_regex(pattern: &str) -> Result<Pattern, String> {
    const KEPT: usize = 64;
    type Compiled = std::collections::HashMap<String, Result<Pattern, String>>;
    static COMPILED: OnceLock<std::sync::Mutex<Compiled>> = OnceLock::new();
    let compiled = COMPILED.get_or_init(Default::default);
    let lock = || {
        compiled
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    };
    if let Some(known) = lock().get(pattern) {
        return known.clone();
    }
    let result = user_regex(pattern);
    let mut kept = lock();
    if kept.len() < KEPT {
        kept.insert(pattern.to_owned(), result.clone());
    }
    result
}

/// Rewrites the classes whose Unicode forms identifiers never need as their ASCII
/// forms: `\b` and `\B` outside character classes as `(?-u:\b)` and `(?-u:\B)`, `\d`
/// and `\D` as `[0-9]` and `[^0-9]` (inside a class, `[:digit:]` and `[:^digit:]`).
/// docs/configuration.md#privacy says so.
fn ascii_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut class_depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    out.push(c);
                    break;
                };
                match (next, class_depth) {
                    ('b' | 'B', 0) => {
                        out.push_str("(?-u:\\");
                        out.push(next);
                        out.push(')');
                    }
                    ('d', 0) => out.push_str("[0-9]"),
                    ('D', 0) => out.push_str("[^0-9]"),
                    ('d', _) => out.push_str("[:digit:]"),
                    ('D', _) => out.push_str("[:^digit:]"),
                    _ => {
                        out.push(c);
                        out.push(next);
                    }
                }
            }
            '[' => {
                class_depth += 1;
                out.push(c);
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The bytes around `hit` that `reach` allows, widened to the nearest whitespace (at most
/// `SNAP` bytes further) so that no word is cut in two.
fn window(text: &str, hit: Range<usize>, (before, after): (usize, usize)) -> Range<usize> {
    let bytes = text.as_bytes();
    let mut start = hit.start.saturating_sub(before);
    let floor = start.saturating_sub(SNAP);
    while start > floor && !bytes[start - 1].is_ascii_whitespace() {
        start -= 1;
    }
    let mut end = (hit.end + after).min(text.len());
    let ceiling = (end + SNAP).min(text.len());
    while end < ceiling && !bytes[end].is_ascii_whitespace() {
        end += 1;
    }
    ceil_boundary(text, start)..floor_boundary(text, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `find_all_each` of `units` is `find_all_labelled` of each.
    fn same_as_one_by_one(detector: &Detector, units: &[(&str, &[&str])]) {
        let each = detector.find_all_each(units);
        assert_eq!(each.len(), units.len());
        for (&(text, labels), got) in units.iter().zip(each) {
            assert_eq!(got, detector.find_all_labelled(text, labels), "in {text:?}");
        }
    }

    #[test]
    fn a_files_units_read_together_have_the_findings_each_has_alone() {
        let corpus = include_str!("../../../tests/corpus/identifiers.tsv");
        let texts: Vec<&str> = corpus
            .lines()
            .filter_map(|l| l.split('\t').next())
            .collect();
        let plain: Vec<(&str, &[&str])> = texts.iter().map(|t| (*t, &[][..])).collect();
        let found = Detector::default().find_all_each(&plain);
        assert!(found.iter().filter(|(ids, _)| !ids.is_empty()).count() > 100);
        same_as_one_by_one(&Detector::default(), &plain);
        // Cells under headers that name an identifier, or something else.
        let chi: &[&str] = &["CHI"];
        let invoice: &[&str] = &["Invoice no."];
        let cells = [
            ("1904851232", chi),
            ("1904851232", invoice),
            ("no identifier", chi),
            ("Amy, aged 7, moved", invoice),
            ("0131 496 0000", &[][..]),
        ];
        same_as_one_by_one(&Detector::default(), &cells);
        // A Markdown table, configured patterns and the allow list, prefilter or not.
        let configured = Detector::new(&Settings {
            allow: vec!["0131 529 3030".into()],
            patterns: vec![CustomPattern {
                name: "case reference".into(),
                regex: r"\bSW-\d{6}\b".into(),
            }],
            area: vec!["Loch Ard".into()],
        })
        .unwrap();
        let units = [
            ("| Name | CHI |\n|---|---|\n| x | 1904851232 |", &[][..]),
            ("case SW-123456, nothing for the prefilter", &[][..]),
            ("Call 0131 529 3030 or 0131 529 3031.", &[][..]),
            ("a 14-year-old at Loch Ard High School", &[][..]),
        ];
        same_as_one_by_one(&configured, &units);
    }

    #[test]
    fn a_pattern_compiled_again_gives_the_same_answer() {
        for _ in 0..2 {
            let re = pattern_regex(r"\bLA-CP-\d{6}\b").unwrap();
            assert!(re.is_match("ref LA-CP-123456."));
            assert!(!re.is_match("LA-CP-12345"));
            assert!(pattern_regex(r"LA-(").is_err());
        }
        // Past the kept ones, patterns still compile, each time.
        for n in 0..100 {
            let re = pattern_regex(&format!("X{n}Y")).unwrap();
            assert!(re.is_match(&format!("aX{n}Yb")));
        }
    }

    #[test]
    fn windows_end_at_whitespace() {
        let text = "Some words before; her CHI 1904851231 was noted in the file today.";
        let hit = text.find("1904").unwrap();
        let w = window(text, hit..hit + 10, (8, 8));
        assert_eq!(&text[w], "her CHI 1904851231 was noted");
        let long = format!("{}1904851231{}", "x".repeat(500), "y".repeat(500));
        let w = window(&long, 500..510, (8, 8));
        assert_eq!(w.len(), 10 + 2 * (8 + SNAP));
        let multibyte = "’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’1904851231";
        let hit = multibyte.find("1904").unwrap();
        let w = window(multibyte, hit..hit + 10, (7, 0));
        assert!(multibyte.is_char_boundary(w.start));
    }

    #[test]
    fn custom_patterns_read_word_boundaries_and_digits_as_ascii() {
        assert_eq!(
            ascii_classes(r"\bSW-\d{6}\b"),
            r"(?-u:\b)SW-[0-9]{6}(?-u:\b)"
        );
        assert_eq!(ascii_classes(r"[\b]\\b\B"), r"[\b]\\b(?-u:\B)");
        assert_eq!(
            ascii_classes(r"[\dA-F]\D[^\D\s]"),
            r"[[:digit:]A-F][^0-9][^[:^digit:]\s]"
        );
        let custom = |regex: &str| {
            compile_custom(&CustomPattern {
                name: "case reference".into(),
                regex: regex.into(),
            })
        };
        let re = custom(r"\bSW-\d{6}\b").unwrap();
        assert!(re.is_match("see SW-123456, closed"));
        assert!(re.is_match("“SW-123456”"));
        assert!(!re.is_match("SW-1234567"));
        let re = custom(r"REF[\dX]{4}\D").unwrap();
        assert!(re.is_match("REF12X4/"));
        assert!(!re.is_match("REF12X45"));
    }

    #[test]
    fn pattern_errors_name_the_pattern() {
        let settings = |name: &str, regex: &str| Settings {
            area: vec![],
            allow: vec![],
            patterns: vec![CustomPattern {
                name: name.into(),
                regex: regex.into(),
            }],
        };
        let err = Detector::new(&settings("case reference", r"SW-(\d{6}")).unwrap_err();
        let shown = err.to_string();
        assert!(
            shown.contains("case reference")
                && shown.contains("SW-(")
                && shown.contains("unclosed"),
            "{shown}"
        );
        assert!(matches!(
            Detector::new(&settings("x", r"\d*")),
            Err(PatternError::MatchesEmpty { .. })
        ));
        assert!(matches!(
            Detector::new(&settings(" ", r"\d")),
            Err(PatternError::EmptyName { .. })
        ));
        assert!(matches!(
            Detector::new(&settings("chi", r"\d")),
            Err(PatternError::ReservedName { .. })
        ));
    }

    #[test]
    fn custom_patterns_are_kinds_of_their_own() {
        let detector = Detector::new(&Settings {
            area: vec![],
            allow: vec![],
            patterns: vec![CustomPattern {
                name: "case reference".into(),
                regex: r"\bSW-\d{6}\b".into(),
            }],
        })
        .unwrap();
        let found = detector.find("See SW-123456 and “SW-654321”.");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].kind, Kind::Custom("case reference".into()));
        assert_eq!(found[0].masked, "SW-••••56");
    }

    #[test]
    fn allow_list() {
        let detector = Detector::new(&Settings {
            area: vec![],
            allow: vec![
                "0131 529 3030".into(),
                "Council HQ, 1 High Street, EH1 1YJ".into(),
            ],
            patterns: vec![],
        })
        .unwrap();
        assert!(detector.find("Call 0131 529 3030.").is_empty());
        assert!(detector.find("Call 01315293030.").is_empty());
        assert!(
            detector
                .find("Write to Council HQ, 1 High Street, EH1 1YJ.")
                .is_empty()
        );
        assert_eq!(detector.find("Call 0131 529 3031.").len(), 1);
        assert_eq!(detector.find("Live at EH1 1YJ.").len(), 1);
    }

    #[test]
    fn overlaps_keep_the_stronger_kind() {
        let found = Detector::default().find("Phone +44 131 496 0000 today");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, Kind::Phone);
    }

    #[test]
    fn send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Detector>();
    }
}
