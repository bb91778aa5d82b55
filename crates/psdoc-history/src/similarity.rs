//! How alike an older and a newer paragraph are, to pair the two versions of
//! a paragraph that was edited (in place, or as it moved).
//!
//! The measure is the Dice coefficient over lower-cased words: twice the
//! words the two have in common over the words of both, 0 to 1. Words alone
//! pair unrelated paragraphs of the same subject, since prose shares most of
//! its words ("the", "and", "children", "services"): a pair whose word diff
//! would be a patchwork of deletions and insertions. So paragraphs of some
//! length must also be [`Bags::alike`]: share [`MIN_SHARED_PAIRS`] of their
//! pairs of adjacent words, which a paragraph keeps through edits and an
//! unrelated one lacks. That second test runs only on the pairs the words
//! would choose, best first.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use psdoc_core::words::word_spans;

/// When both paragraphs have at least this many words, they must share
/// word pairs too.
const PAIRS_FROM_WORDS: u32 = 8;
/// The share of adjacent word pairs (Dice coefficient) two such paragraphs
/// must have in common to be versions of each other. Rewriting half of a
/// paragraph in one place keeps about half of its pairs; changing every
/// other word keeps none, and no reader would call the result an edit.
const MIN_SHARED_PAIRS: f64 = 0.25;

/// Each paragraph's words as a bag (computed when first needed), with the
/// words of one older paragraph spread out by word for comparing it quickly
/// with each newer one.
pub(super) struct Bags<'t> {
    ids: Vocabulary<'t>,
    old: Vec<Option<Bag>>,
    new: Vec<Option<Bag>>,
    /// How often each word occurs in the older paragraph `spread`, by id.
    counts: Vec<u32>,
    spread: Option<usize>,
}

/// The words met so far, lower-cased, each as a number from 0 up.
#[derive(Default)]
struct Vocabulary<'t> {
    ids: FxHashMap<Cow<'t, str>, u32>,
    /// Room to lower-case a word in.
    folded: String,
    /// How often each word occurs in the paragraph being counted, by number.
    seen: Vec<u32>,
}

impl<'t> Vocabulary<'t> {
    fn id(&mut self, word: &'t str) -> u32 {
        let next = self.ids.len() as u32;
        if !word
            .bytes()
            .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
        {
            return *self.ids.entry(Cow::Borrowed(word)).or_insert(next);
        }
        self.folded.clear();
        self.folded
            .extend(word.chars().flat_map(char::to_lowercase));
        if let Some(&id) = self.ids.get(self.folded.as_str()) {
            return id;
        }
        self.ids.insert(Cow::Owned(self.folded.clone()), next);
        next
    }

    /// The distinct words of `order`, in the order first met, with how
    /// often each occurs.
    fn counted(&mut self, order: &[u32]) -> Vec<(u32, u32)> {
        if self.seen.len() < self.ids.len() {
            self.seen.resize(self.ids.len(), 0);
        }
        let mut distinct = Vec::with_capacity(order.len());
        for &id in order {
            let n = &mut self.seen[id as usize];
            if *n == 0 {
                distinct.push((id, 0));
            }
            *n += 1;
        }
        for (id, n) in &mut distinct {
            *n = std::mem::take(&mut self.seen[*id as usize]);
        }
        distinct
    }
}

/// A paragraph's words as numbers.
#[derive(Clone)]
struct Bag {
    /// Distinct words with how often each occurs.
    words: Vec<(u32, u32)>,
    /// All the words, in text order.
    order: Vec<u32>,
    /// Distinct pairs of adjacent words, sorted, with their counts; made
    /// when first needed.
    pairs: Option<Vec<(u64, u32)>>,
}

impl Bag {
    fn total(&self) -> u32 {
        self.order.len() as u32
    }

    fn pairs(&mut self) -> &[(u64, u32)] {
        let order = &self.order;
        self.pairs.get_or_insert_with(|| {
            let all = order
                .windows(2)
                .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1]));
            sorted_counts(all.collect())
        })
    }
}

/// Sorted distinct values with how often each occurs.
fn sorted_counts<T: Ord + Copy>(mut all: Vec<T>) -> Vec<(T, u32)> {
    all.sort_unstable();
    let mut out: Vec<(T, u32)> = Vec::new();
    for x in all {
        match out.last_mut() {
            Some((last, n)) if *last == x => *n += 1,
            _ => out.push((x, 1)),
        }
    }
    out
}

/// Twice `common` over `size`, the items of both sides (1 when both are
/// empty).
fn dice(common: u32, size: u32) -> f64 {
    if size == 0 {
        1.0
    } else {
        2.0 * f64::from(common) / f64::from(size)
    }
}

/// The highest share of words paragraphs of `x` and `y` words can have in
/// common (all of the shorter one's), to rule a pair out before its words
/// are counted.
pub(super) fn dice_bound(x: usize, y: usize) -> f64 {
    let (x, y) = (x as u32, y as u32);
    dice(x.min(y), x + y)
}

/// How many items two counted lists have in common (a multiset
/// intersection).
fn common<T: Ord + Copy>(x: &[(T, u32)], y: &[(T, u32)]) -> u32 {
    let (mut p, mut q, mut n) = (0, 0, 0);
    while p < x.len() && q < y.len() {
        match x[p].0.cmp(&y[q].0) {
            std::cmp::Ordering::Less => p += 1,
            std::cmp::Ordering::Greater => q += 1,
            std::cmp::Ordering::Equal => {
                n += x[p].1.min(y[q].1);
                p += 1;
                q += 1;
            }
        }
    }
    n
}

impl<'t> Bags<'t> {
    /// Bags for `old` older and `new` newer paragraphs.
    pub(super) fn new(old: usize, new: usize) -> Self {
        Bags {
            ids: Vocabulary::default(),
            old: vec![None; old],
            new: vec![None; new],
            counts: Vec::new(),
            spread: None,
        }
    }

    fn bag(vocabulary: &mut Vocabulary<'t>, text: &'t str) -> Bag {
        let mut order = Vec::with_capacity(text.len() / 5);
        order.extend(word_spans(text).map(|r| vocabulary.id(&text[r])));
        Bag {
            words: vocabulary.counted(&order),
            order,
            pairs: None,
        }
    }

    /// The share of words older paragraph `i` (text `old`) and newer
    /// paragraph `j` (text `new`) have in common, 0 to 1. When it is below
    /// `floor`, it may stop early and say 0.
    pub(super) fn words(
        &mut self,
        i: usize,
        old: &'t str,
        j: usize,
        new: &'t str,
        floor: f64,
    ) -> f64 {
        if self.old[i].is_none() {
            self.old[i] = Some(Self::bag(&mut self.ids, old));
        }
        if self.new[j].is_none() {
            self.new[j] = Some(Self::bag(&mut self.ids, new));
        }
        self.spread_out(i);
        let (Some(x), Some(y)) = (&self.old[i], &self.new[j]) else {
            return 0.0;
        };
        let size = x.total() + y.total();
        // Words of `y` not yet counted: `common` can grow by at most that.
        let mut left = y.total();
        let mut common = 0;
        for &(word, n) in &y.words {
            let m = self.counts.get(word as usize).copied().unwrap_or(0);
            common += n.min(m);
            left -= n;
            if dice(common + left, size) < floor {
                return 0.0;
            }
        }
        dice(common, size)
    }

    /// Whether older paragraph `i` and newer paragraph `j`, compared by
    /// [`Bags::words`] first, can be versions of each other: always when
    /// either is short, otherwise when they share [`MIN_SHARED_PAIRS`] of their
    /// pairs of adjacent words.
    pub(super) fn alike(&mut self, i: usize, j: usize) -> bool {
        let (Some(x), Some(y)) = (&mut self.old[i], &mut self.new[j]) else {
            return false;
        };
        if x.total().min(y.total()) < PAIRS_FROM_WORDS {
            return true;
        }
        let size = x.total() + y.total() - 2;
        dice(common(x.pairs(), y.pairs()), size) >= MIN_SHARED_PAIRS
    }

    /// Makes `counts` hold older paragraph `i`'s words.
    fn spread_out(&mut self, i: usize) {
        if self.spread == Some(i) {
            return;
        }
        if let Some(prev) = self.spread.and_then(|p| self.old[p].as_ref()) {
            for &(word, _) in &prev.words {
                self.counts[word as usize] = 0;
            }
        }
        if self.counts.len() < self.ids.ids.len() {
            self.counts.resize(self.ids.ids.len(), 0);
        }
        if let Some(bag) = &self.old[i] {
            for &(word, n) in &bag.words {
                self.counts[word as usize] = n;
            }
        }
        self.spread = Some(i);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn similarity(old: &str, new: &str, floor: f64) -> f64 {
        Bags::new(1, 1).words(0, old, 0, new, floor)
    }

    fn alike(old: &str, new: &str) -> bool {
        let mut bags = Bags::new(1, 1);
        bags.words(0, old, 0, new, 0.0);
        bags.alike(0, 0)
    }

    #[test]
    fn the_share_of_words_in_common_whatever_their_case_and_order() {
        assert_eq!(similarity("The cat sat", "the cat sat", 0.0), 1.0);
        assert_eq!(similarity("a b c d", "d c b a", 0.0), 1.0);
        assert_eq!(similarity("a a b", "a b b", 0.0), 2.0 * 2.0 / 6.0);
        assert_eq!(similarity("", "", 0.0), 1.0);
        assert_eq!(similarity("one", "", 0.0), 0.0);
    }

    #[test]
    fn lengths_alone_bound_the_share() {
        assert_eq!(dice_bound(10, 30), 0.5);
        assert_eq!(dice_bound(7, 7), 1.0);
        assert_eq!(dice_bound(0, 0), 1.0);
        assert!(similarity("a b c", "a b c d e f g h i", 0.0) <= dice_bound(3, 9));
    }

    #[test]
    fn below_the_floor_it_may_say_nothing_in_common() {
        assert_eq!(similarity("a b c d", "a x y z", 0.5), 0.0);
        assert_eq!(similarity("a b c d", "a b c z", 0.5), 0.75);
    }

    const PARAGRAPH: &str = "We audited the chronologies of children on the register and \
        found that most were complete and up to date.";

    #[test]
    fn an_edited_paragraph_keeps_its_word_pairs() {
        let edited = "We audited the chronologies of all children on the child protection \
            register and found that most were complete and current.";
        let s = similarity(PARAGRAPH, edited, 0.5);
        assert!(s > 0.8, "{s}");
        assert!(alike(PARAGRAPH, edited));
    }

    #[test]
    fn the_same_words_in_another_order_are_another_paragraph() {
        // Every word of PARAGRAPH, but no pair of them side by side in the same order.
        let shuffled = PARAGRAPH
            .split_whitespace()
            .rev()
            .collect::<Vec<_>>()
            .join(" ");
        let shuffled = shuffled.as_str();
        assert_eq!(similarity(PARAGRAPH, shuffled, 0.5), 1.0);
        assert!(!alike(PARAGRAPH, shuffled));
        // Short paragraphs are paired by their words alone.
        assert!(alike("Our data", "data Our"));
    }

    #[test]
    fn comparing_one_older_paragraph_with_many_newer_ones_is_exact() {
        let old = ["a b c", "c d e e", "x"];
        let new = ["a b", "e e d", "a x", "new words here"];
        let mut bags = Bags::new(old.len(), new.len());
        // Each older paragraph in turn, then switching at every comparison.
        let by_old = (0..old.len()).flat_map(|i| (0..new.len()).map(move |j| (i, j)));
        let by_new = (0..new.len()).flat_map(|j| (0..old.len()).map(move |i| (i, j)));
        for (i, j) in by_old.chain(by_new) {
            let (o, n) = (old[i], new[j]);
            assert_eq!(
                bags.words(i, o, j, n, 0.0),
                similarity(o, n, 0.0),
                "{o} / {n}"
            );
        }
    }

    /// The Dice coefficient of two word lists, the slow way.
    fn naive(old: &str, new: &str) -> f64 {
        let lower =
            |s: &str| -> Vec<String> { word_spans(s).map(|r| s[r].to_lowercase()).collect() };
        let (x, mut y) = (lower(old), lower(new));
        let mut common = 0;
        for w in &x {
            if let Some(k) = y.iter().position(|v| v == w) {
                y.swap_remove(k);
                common += 1;
            }
        }
        let size = x.len() + word_spans(new).count();
        if size == 0 {
            1.0
        } else {
            2.0 * common as f64 / size as f64
        }
    }

    proptest! {
        #[test]
        fn the_word_share_is_the_dice_coefficient(
            old in proptest::collection::vec(prop_oneof![Just("a"), Just("B"), Just("b"), Just("c"), Just("É")], 0..12),
            new in proptest::collection::vec(prop_oneof![Just("a"), Just("b"), Just("c"), Just("é"), Just("d")], 0..12),
        ) {
            let (old, new) = (old.join(" "), new.join(" "));
            prop_assert_eq!(similarity(&old, &new, 0.0), naive(&old, &new));
        }
    }
}
