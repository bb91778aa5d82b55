//! The word diff inside a paragraph that was edited, or moved and edited:
//! which words of the older version were kept, deleted and inserted.

use std::borrow::Cow;

use rustc_hash::FxHashMap;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::diff::{Op, Span};
use crate::words::word_spans;

/// The word diffs of `pairs` (each an older and a newer text), in order.
/// Large batches are shared with a second thread: the diffs are independent,
/// and by the time a diff gets here the machine's other cores are idle.
pub(super) fn word_diffs(pairs: &[(&str, &str)]) -> Vec<WordDiff> {
    let cost = |p: &(&str, &str)| p.0.len() + p.1.len();
    let total: usize = pairs.iter().map(cost).sum();
    if total < PARALLEL_FROM_BYTES {
        return pairs.iter().map(|p| WordDiff::of(p.0, p.1)).collect();
    }
    // The first pairs that make up half of the text go to the other thread.
    let mut half = 0;
    let mut seen = 0;
    while half < pairs.len() && seen < total / 2 {
        seen += cost(&pairs[half]);
        half += 1;
    }
    let (first, second) = pairs.split_at(half);
    std::thread::scope(|scope| {
        let first = scope.spawn(|| {
            first
                .iter()
                .map(|p| WordDiff::of(p.0, p.1))
                .collect::<Vec<_>>()
        });
        let second: Vec<WordDiff> = second.iter().map(|p| WordDiff::of(p.0, p.1)).collect();
        let mut all = first
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        all.extend(second);
        all
    })
}

/// Below this much text, starting a thread costs more than it saves.
const PARALLEL_FROM_BYTES: usize = 16 * 1024;

/// A word diff of one paragraph's two versions.
pub(super) struct WordDiff {
    pub(super) spans: Vec<Span>,
    pub(super) inserted: usize,
    pub(super) deleted: usize,
    pub(super) equal: usize,
}

impl WordDiff {
    pub(super) fn of(old: &str, new: &str) -> WordDiff {
        if old == new {
            // A paragraph that moved unchanged.
            return WordDiff {
                spans: vec![Span {
                    op: Op::Equal,
                    text: new.to_owned(),
                }],
                inserted: 0,
                deleted: 0,
                equal: crate::words::count_words(new),
            };
        }
        let ot = tokens(old);
        let nt = tokens(new);
        // Words as numbers: the diff compares numbers, not strings.
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut id = |word| {
            let next = ids.len() as u32;
            *ids.entry(word).or_insert(next)
        };
        let ow: Vec<u32> = ot.iter().map(|t| id(t.1)).collect();
        let nw: Vec<u32> = nt.iter().map(|t| id(t.1)).collect();
        let mut out = WordDiff {
            spans: Vec::new(),
            inserted: 0,
            deleted: 0,
            equal: 0,
        };
        let push = |spans: &mut Vec<Span>, op: Op, text: &str| {
            if text.is_empty() {
                return;
            }
            // Deleted words at the start of a paragraph have no space after
            // them in the new text: keep them apart for the reader.
            let text = match spans.last() {
                Some(last)
                    if last.op == Op::Delete
                        && op == Op::Equal
                        && !last.text.ends_with(char::is_whitespace)
                        && !text.starts_with(char::is_whitespace)
                        && spans.len() == 1 =>
                {
                    Cow::Owned(format!(" {text}"))
                }
                _ => Cow::Borrowed(text),
            };
            let text = text.as_ref();
            match spans.last_mut() {
                Some(last) if last.op == op => last.text.push_str(text),
                _ => spans.push(Span {
                    op,
                    text: text.to_owned(),
                }),
            }
        };
        let join = |toks: &[(&str, &str)], skip_first_sep: bool| {
            let mut s = String::new();
            for (k, (sep, word)) in toks.iter().enumerate() {
                if !(k == 0 && skip_first_sep) {
                    s.push_str(sep);
                }
                s.push_str(word);
            }
            s
        };
        for op in capture_diff_slices(Algorithm::Patience, &ow, &nw) {
            let (_, o, n) = op.as_tag_tuple();
            match op {
                DiffOp::Equal { .. } => {
                    out.equal += o.len();
                    push(&mut out.spans, Op::Equal, &join(&nt[n], false));
                }
                DiffOp::Delete { .. } => {
                    out.deleted += o.len();
                    push(&mut out.spans, Op::Delete, &join(&ot[o], false));
                }
                DiffOp::Insert { .. } => {
                    out.inserted += n.len();
                    push(&mut out.spans, Op::Insert, &join(&nt[n], false));
                }
                DiffOp::Replace { .. } => {
                    out.deleted += o.len();
                    out.inserted += n.len();
                    // The space before a replaced run stays outside both marks.
                    push(&mut out.spans, Op::Equal, ot[o.start].0);
                    push(&mut out.spans, Op::Delete, &join(&ot[o], true));
                    push(&mut out.spans, Op::Insert, &join(&nt[n], true));
                }
            }
        }
        out
    }
}

/// Each word of `text` with the separator before it.
fn tokens(text: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in word_spans(text) {
        out.push((&text[at..r.start], &text[r.clone()]));
        at = r.end;
    }
    out
}
