//! The word diff inside a paragraph that was edited, or moved and edited:
//! which words of the older version were kept, deleted and inserted.

use std::borrow::Cow;
use std::ops::Range;

use rustc_hash::FxHashMap;
use similar::{Algorithm, DiffTag, capture_diff_slices};

use psdoc_core::words::word_spans;

use super::parallel::both;

/// A run of words a word diff kept, inserted or deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub op: Op,
    pub text: String,
}

/// What a word diff did with a run of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Equal,
    Insert,
    Delete,
}

/// The word diffs of `pairs` (each an older and a newer text), in order.
/// Large batches are shared with a second thread: the diffs are independent,
/// and by the time a diff gets here the machine's other cores are idle.
pub(super) fn word_diffs(pairs: &[(&str, &str)]) -> Vec<WordDiff> {
    let of_all = |pairs: &[(&str, &str)]| -> Vec<WordDiff> {
        pairs.iter().map(|p| WordDiff::of(p.0, p.1)).collect()
    };
    let cost = |p: &(&str, &str)| p.0.len() + p.1.len();
    let total: usize = pairs.iter().map(cost).sum();
    if total < PARALLEL_FROM_BYTES {
        return of_all(pairs);
    }
    // The first pairs that make up half of the text go to the other thread.
    let mut half = 0;
    let mut seen = 0;
    while half < pairs.len() && seen < total / 2 {
        seen += cost(&pairs[half]);
        half += 1;
    }
    let (first, second) = pairs.split_at(half);
    let (mut all, rest) = both(|| of_all(first), || of_all(second));
    all.extend(rest);
    all
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
    pub(super) fn of<'a>(old: &'a str, new: &'a str) -> WordDiff {
        if old == new {
            // A paragraph that moved unchanged.
            return WordDiff {
                spans: vec![Span {
                    op: Op::Equal,
                    text: new.to_owned(),
                }],
                inserted: 0,
                deleted: 0,
                equal: psdoc_core::words::count_words(new),
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
        let ow: Vec<u32> = ot.iter().map(|t| id(&old[t.word.clone()])).collect();
        let nw: Vec<u32> = nt.iter().map(|t| id(&new[t.word.clone()])).collect();
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
        // A run of words is one stretch of its text: from the separator
        // before its first word (or that word) to the end of its last.
        let run = |text: &'a str, toks: &[Token], with_first_sep: bool| -> &'a str {
            match (toks.first(), toks.last()) {
                (Some(first), Some(last)) => {
                    let from = if with_first_sep {
                        first.sep
                    } else {
                        first.word.start
                    };
                    &text[from..last.word.end]
                }
                _ => "",
            }
        };
        for (tag, o, n) in aligned(&ow, &nw) {
            match tag {
                DiffTag::Equal => {
                    out.equal += o.len();
                    push(&mut out.spans, Op::Equal, run(new, &nt[n], true));
                }
                DiffTag::Delete => {
                    out.deleted += o.len();
                    push(&mut out.spans, Op::Delete, run(old, &ot[o], true));
                }
                DiffTag::Insert => {
                    out.inserted += n.len();
                    push(&mut out.spans, Op::Insert, run(new, &nt[n], true));
                }
                DiffTag::Replace => {
                    out.deleted += o.len();
                    out.inserted += n.len();
                    // The space before a replaced run stays outside both marks.
                    let sep = &ot[o.start];
                    push(&mut out.spans, Op::Equal, &old[sep.sep..sep.word.start]);
                    push(&mut out.spans, Op::Delete, run(old, &ot[o], false));
                    push(&mut out.spans, Op::Insert, run(new, &nt[n], false));
                }
            }
        }
        out
    }
}

/// The runs of equal, deleted, inserted and replaced words that turn `old`
/// into `new`, as ranges of each. The words both share at the start and at
/// the end are equal runs, as git's diff takes them; the patience diff runs
/// only on what lies between (most edits change a few words of a paragraph,
/// and the diff's cost grows with what it is given).
fn aligned(old: &[u32], new: &[u32]) -> Vec<(DiffTag, Range<usize>, Range<usize>)> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (old_end, new_end) = (old.len() - suffix, new.len() - suffix);
    let mut runs = Vec::new();
    if prefix > 0 {
        runs.push((DiffTag::Equal, 0..prefix, 0..prefix));
    }
    let shift = |r: Range<usize>| r.start + prefix..r.end + prefix;
    for op in capture_diff_slices(
        Algorithm::Patience,
        &old[prefix..old_end],
        &new[prefix..new_end],
    ) {
        let (tag, o, n) = op.as_tag_tuple();
        runs.push((tag, shift(o), shift(n)));
    }
    if suffix > 0 {
        runs.push((DiffTag::Equal, old_end..old.len(), new_end..new.len()));
    }
    runs
}

/// A word of a text, with the separator before it: `text[sep..word.start]`.
struct Token {
    sep: usize,
    word: Range<usize>,
}

/// Each word of `text` with the separator before it.
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut at = 0;
    for word in word_spans(text) {
        let next = word.end;
        out.push(Token { sep: at, word });
        at = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_start_and_end_are_equal_runs() {
        assert_eq!(
            aligned(&[1, 2, 3, 4, 5], &[1, 2, 9, 9, 4, 5]),
            vec![
                (DiffTag::Equal, 0..2, 0..2),
                (DiffTag::Replace, 2..3, 2..4),
                (DiffTag::Equal, 3..5, 4..6),
            ]
        );
        // A word repeated in the shared start and in the middle.
        assert_eq!(
            aligned(&[7, 1, 7], &[7, 7]),
            vec![
                (DiffTag::Equal, 0..1, 0..1),
                (DiffTag::Delete, 1..2, 1..1),
                (DiffTag::Equal, 2..3, 1..2)
            ]
        );
        assert_eq!(aligned(&[], &[3]), vec![(DiffTag::Insert, 0..0, 0..1)]);
        assert_eq!(aligned(&[3], &[3]), vec![(DiffTag::Equal, 0..1, 0..1)]);
    }

    #[test]
    fn a_large_batch_shared_between_threads_comes_back_in_order() {
        let olds: Vec<String> = (0..400)
            .map(|i| format!("Paragraph {i} says the same thing as before about children {i}."))
            .collect();
        let news: Vec<String> = (0..400)
            .map(|i| format!("Paragraph {i} says a new thing about children and families {i}."))
            .collect();
        let pairs: Vec<(&str, &str)> = olds
            .iter()
            .zip(&news)
            .map(|(o, n)| (o.as_str(), n.as_str()))
            .collect();
        assert!(pairs.iter().map(|p| p.0.len() + p.1.len()).sum::<usize>() > PARALLEL_FROM_BYTES);
        let together = word_diffs(&pairs);
        assert_eq!(together.len(), pairs.len());
        for (w, p) in together.iter().zip(&pairs) {
            let one = WordDiff::of(p.0, p.1);
            assert_eq!(w.spans, one.spans);
            assert_eq!(
                (w.equal, w.deleted, w.inserted),
                (one.equal, one.deleted, one.inserted)
            );
        }
    }

    #[test]
    fn a_word_diff_counts_and_keeps_every_word() {
        let w = WordDiff::of(
            "Referrals rose by 12% over two years.",
            "Referrals rose by 15% over the last two years.",
        );
        assert_eq!((w.equal, w.deleted, w.inserted), (6, 1, 3));
        let new: String = w
            .spans
            .iter()
            .filter(|s| s.op != Op::Delete)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(new, "Referrals rose by 15% over the last two years.");
    }
}
