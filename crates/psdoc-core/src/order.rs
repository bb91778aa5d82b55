//! The order findings are listed in: as the statement reads. Chapters in
//! SUMMARY.md's order, each by line and column; then the document log;
//! then evidence and other files by name; statement-wide findings (those
//! placed on SUMMARY.md, such as a missing section or the word limit) last.
//! At one place, findings keep the order of the rule registry and, within a
//! rule, the order it found them (Appendix 2 items 1, 2, ... 13).

use std::collections::HashMap;

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
    // The group and the rule's rank are looked up once per finding, not at every
    // comparison (a scan of a large folder sorts tens of thousands), and the findings
    // are sorted as indices: a stable sort, the order of `sort_by` on the findings.
    let ranks: Vec<((u8, usize), Option<usize>)> = diagnostics
        .iter()
        .map(|d| (group(d), rule_rank.get(d.rule).copied()))
        .collect();
    let key = |i: usize| {
        let d = &diagnostics[i];
        (ranks[i].0, d.file.as_str(), d.line, d.column, ranks[i].1)
    };
    let mut order: Vec<usize> = (0..diagnostics.len()).collect();
    order.sort_by(|&a, &b| key(a).cmp(&key(b)));
    let mut slots: Vec<Option<Diagnostic>> = diagnostics.drain(..).map(Some).collect();
    let sorted = order
        .into_iter()
        .map(|i| slots[i].take().expect("each index once"));
    // Exact repeats have the same sort key, so they are in one run of equal keys
    // (rarely more than one finding long): compared within it, nothing is cloned or
    // hashed (a scan of a large folder has tens of thousands of findings).
    let same_place = |a: &Diagnostic, b: &Diagnostic| {
        a.file == b.file && a.line == b.line && a.column == b.column && a.rule == b.rule
    };
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    let mut run_start = 0;
    for d in sorted {
        if kept.last().is_none_or(|last| !same_place(last, &d)) {
            run_start = kept.len();
        } else if kept[run_start..].contains(&d) {
            continue;
        }
        kept.push(d);
    }
    *diagnostics = kept;
}
