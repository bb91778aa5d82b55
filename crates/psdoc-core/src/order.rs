//! The order findings are listed in: as the statement reads. Chapters in
//! SUMMARY.md's order, each by line and column; then the document log;
//! then evidence and other files by name; statement-wide findings (those
//! placed on SUMMARY.md, such as a missing section or the word limit) last.
//! At one place, findings keep the order of the rule registry and, within a
//! rule, the order it found them (Appendix 2 items 1, 2, ... 13).

use std::collections::{HashMap, HashSet};

use crate::diagnostic::Diagnostic;
use crate::model::Statement;
use crate::rules::RULES;

/// Sorts `diagnostics` into book order and drops exact repeats. `log` is
/// the document log's path (root-relative).
pub fn in_book_order(diagnostics: &mut Vec<Diagnostic>, statement: Option<&Statement>, log: &str) {
    let mut chapters: HashMap<&str, usize> = HashMap::new();
    let mut summary = None;
    if let Some(st) = statement {
        for (i, chapter) in st.chapters.iter().enumerate() {
            chapters.entry(chapter.path.as_str()).or_insert(i);
        }
        summary = Some(st.summary_path.as_str());
    }
    let rule_rank: HashMap<&str, usize> =
        RULES.iter().enumerate().map(|(i, r)| (r.name, i)).collect();
    let group = |d: &Diagnostic| -> (u8, usize) {
        if let Some(&i) = chapters.get(d.file.as_str()) {
            (0, i)
        } else if d.file == log {
            (1, 0)
        } else if Some(d.file.as_str()) == summary {
            (3, 0)
        } else {
            (2, 0)
        }
    };
    diagnostics.sort_by(|a, b| {
        (
            group(a),
            a.file.as_str(),
            a.line,
            a.column,
            rule_rank.get(a.rule),
        )
            .cmp(&(
                group(b),
                b.file.as_str(),
                b.line,
                b.column,
                rule_rank.get(b.rule),
            ))
    });
    let mut seen = HashSet::new();
    diagnostics.retain(|d| seen.insert(d.clone()));
}
