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

/// A finding's place in book order: its group (a chapter's index, the log, other
/// files, SUMMARY.md), its file's rank among the file names, line, column, and
/// its rule's rank in the registry.
type SortKey = ((u8, usize), usize, usize, usize, Option<usize>);

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
    // Each finding's sort key is made once, not at every comparison (a scan of a large
    // folder sorts tens of thousands): its group, its file as its rank among the file
    // names (the order of the names themselves), its place and its rule's rank. The
    // keys are sorted with their indices: a stable sort, the order of `sort_by` on the
    // findings, without reading the findings again.
    let mut files: Vec<&str> = diagnostics.iter().map(|d| d.file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    let file_rank = |file: &str| files.binary_search(&file).expect("every file is listed");
    let mut order: Vec<(SortKey, usize)> = diagnostics
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let key = (
                group(d),
                file_rank(d.file.as_str()),
                d.line,
                d.column,
                rule_rank.get(d.rule).copied(),
            );
            (key, i)
        })
        .collect();
    order.sort_by_key(|&(key, _)| key);
    let order = order.into_iter().map(|(_, i)| i);
    let mut slots: Vec<Option<Diagnostic>> = diagnostics.drain(..).map(Some).collect();
    let sorted = order.map(|i| slots[i].take().expect("each index once"));
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
