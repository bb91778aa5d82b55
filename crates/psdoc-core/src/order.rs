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

/// A file's group (see [`SortKey`]) and its rank among the file names.
type FilePlace = ((u8, usize), usize);

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
    let group = |file: &str| -> (u8, usize) {
        if let Some(&i) = chapters.get(file) {
            (0, i)
        } else if file == log {
            (1, 0)
        } else if Some(file) == summary {
            (3, 0)
        } else {
            (2, 0)
        }
    };
    // Each finding's sort key is made once, not at every comparison (a scan of a large
    // folder sorts tens of thousands): its group, its file as its rank among the file
    // names (the order of the names themselves), its place and its rule's rank. The
    // keys are sorted with their indices: a stable sort, the order of `sort_by` on the
    // findings, without reading the findings again. A file's findings come together
    // (each file is scanned as a whole), so its name is looked up once per run, as is
    // a rule's.
    let mut files: Vec<&str> = Vec::new();
    for d in diagnostics.iter() {
        if files.last() != Some(&d.file.as_str()) {
            files.push(d.file.as_str());
        }
    }
    files.sort_unstable();
    files.dedup();
    let mut last: Option<(&str, FilePlace)> = None;
    let mut last_rule: Option<(&str, Option<usize>)> = None;
    let mut order: Vec<(SortKey, usize)> = Vec::with_capacity(diagnostics.len());
    for (i, d) in diagnostics.iter().enumerate() {
        let file = d.file.as_str();
        let (group, rank) = match last {
            Some((name, place)) if name == file => place,
            _ => {
                let rank = files.binary_search(&file).expect("every file is listed");
                let place = (group(file), rank);
                last = Some((file, place));
                place
            }
        };
        let rule = match last_rule {
            Some((name, rank)) if name == d.rule => rank,
            _ => {
                let rank = rule_rank.get(d.rule).copied();
                last_rule = Some((d.rule, rank));
                rank
            }
        };
        let key = (group, rank, d.line, d.column, rule);
        order.push((key, i));
    }
    // Most often (a scan, a check without statement-wide findings) the findings are
    // already in book order: only repeats are dropped, and nothing is moved.
    if order.is_sorted_by_key(|&(key, _)| key) {
        if has_repeats(diagnostics) {
            *diagnostics = without_repeats(std::mem::take(diagnostics));
        }
        return;
    }
    order.sort_by_key(|&(key, _)| key);
    let mut slots: Vec<Option<Diagnostic>> = diagnostics.drain(..).map(Some).collect();
    let sorted = order
        .into_iter()
        .map(|(_, i)| slots[i].take().expect("each index once"));
    *diagnostics = without_repeats(sorted);
}

fn same_place(a: &Diagnostic, b: &Diagnostic) -> bool {
    a.line == b.line && a.column == b.column && a.rule == b.rule && a.file == b.file
}

/// Whether `sorted` holds an exact repeat (see [`without_repeats`]).
fn has_repeats(sorted: &[Diagnostic]) -> bool {
    let mut run_start = 0;
    for (i, d) in sorted.iter().enumerate().skip(1) {
        if !same_place(&sorted[i - 1], d) {
            run_start = i;
        } else if sorted[run_start..i].contains(d) {
            return true;
        }
    }
    false
}

/// `sorted` without exact repeats. Repeats have the same sort key, so they are in
/// one run of equal keys (rarely more than one finding long): compared within it,
/// nothing is cloned or hashed (a scan of a large folder has tens of thousands of
/// findings).
fn without_repeats(sorted: impl IntoIterator<Item = Diagnostic>) -> Vec<Diagnostic> {
    let sorted = sorted.into_iter();
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(sorted.size_hint().0);
    let mut run_start = 0;
    for d in sorted {
        if kept.last().is_none_or(|last| !same_place(last, &d)) {
            run_start = kept.len();
        } else if kept[run_start..].contains(&d) {
            continue;
        }
        kept.push(d);
    }
    kept
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::testing::diagnostic as finding;

    const LOG: &str = "evidence/log.toml";

    /// The order as the documentation states it, by comparing whole findings: the
    /// log first, then other files by name, each by line and column, then the rule's
    /// rank; a stable sort; an exact repeat of a finding dropped.
    fn reference(all: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut kept: Vec<Diagnostic> = Vec::new();
        for d in in_documented_order(all) {
            if !kept.contains(&d) {
                kept.push(d);
            }
        }
        kept
    }

    /// The documented order, repeats kept: a stable sort of whole findings.
    fn in_documented_order(mut all: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let rank = |rule: &str| RULES.iter().position(|r| r.name == rule);
        all.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (
                    d.file != LOG,
                    d.file.clone(),
                    d.line,
                    d.column,
                    rank(d.rule),
                )
            };
            key(a).cmp(&key(b))
        });
        all
    }

    fn sorted(mut all: Vec<Diagnostic>) -> Vec<Diagnostic> {
        in_book_order(&mut all, None, LOG);
        all
    }

    /// The messages of `all`, in book order.
    fn messages_in_order(all: Vec<Diagnostic>) -> Vec<String> {
        sorted(all).into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn the_log_comes_first_then_files_by_name_line_and_column() {
        let all = vec![
            finding("personal-identifier", "notes/b.txt", 3, 1, "b3"),
            finding("personal-identifier", "evidence/a.docx", 9, 2, "a9"),
            finding("personal-identifier", "notes/b.txt", 1, 5, "b1"),
            finding("personal-identifier", LOG, 40, 1, "log"),
            finding("personal-identifier", "evidence/a.docx", 9, 1, "a9 first"),
        ];
        assert_eq!(
            messages_in_order(all),
            ["log", "a9 first", "a9", "b1", "b3"]
        );
    }

    #[test]
    fn exact_repeats_are_dropped_whether_or_not_the_findings_came_in_order() {
        let a = finding("personal-identifier", "a.txt", 1, 1, "one");
        let b = finding("personal-identifier", "b.txt", 2, 1, "two");
        let in_order = vec![a.clone(), a.clone(), b.clone(), b.clone()];
        assert_eq!(sorted(in_order), [a.clone(), b.clone()]);
        let out_of_order = vec![b.clone(), a.clone(), b.clone(), a.clone()];
        assert_eq!(sorted(out_of_order), [a, b]);
    }

    #[test]
    fn a_file_met_again_after_another_keeps_its_rank() {
        // Findings come file by file, but not always: other rules' findings follow.
        let all = vec![
            finding("personal-identifier", "z.txt", 1, 1, "z"),
            finding("personal-identifier", "a.txt", 5, 1, "a5"),
            finding("small-number", "z.txt", 1, 1, "z small"),
            finding("small-number", "a.txt", 2, 1, "a2"),
        ];
        assert_eq!(messages_in_order(all), ["a2", "a5", "z", "z small"]);
    }

    fn any_finding() -> impl Strategy<Value = Diagnostic> {
        let rules = prop::sample::select(vec![
            "personal-identifier",
            "small-number",
            "indirect-identifier",
            "evidence-not-scanned",
        ]);
        let files = prop::sample::select(vec![LOG, "a.txt", "b/c.docx", "b/d.xlsx", "z.csv"]);
        let messages = prop::sample::select(vec!["x", "y"]);
        (rules, files, 1usize..4, 1usize..3, messages)
            .prop_map(|(rule, file, line, column, msg)| finding(rule, file, line, column, msg))
    }

    proptest! {
        #[test]
        fn the_order_is_the_documented_one(
            all in prop::collection::vec(any_finding(), 0..40),
            presort in any::<bool>(),
        ) {
            // Sorted input (repeats kept) takes the path that moves nothing unless
            // there are repeats; the rest is sorted.
            let all = if presort { in_documented_order(all) } else { all };
            prop_assert_eq!(sorted(all.clone()), reference(all));
        }
    }
}
