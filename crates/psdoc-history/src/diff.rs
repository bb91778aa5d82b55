//! The section-aligned diff of two versions of a statement
//! (docs/json.md#psdoc-diff---format-json): sections matched by key,
//! paragraphs aligned inside each section, paragraphs that moved (within or between sections) paired as
//! moves, and a word diff inside every edited or moved-and-edited paragraph.
//!
//! Words are psdoc's words (docs/words.md and [`psdoc_core::words`]), each counted once,
//! where it is: a word only the older version has is deleted from its
//! section, one only the newer has is inserted into its section, and one
//! both have in a paragraph that moved is moved. A paragraph moved within a
//! section counts in its `moved_words` only; one moved to another section
//! counts in the source's `moved_out` and the destination's `moved_in` (and
//! in both sections' `moved_words`), never as inserted or deleted: words
//! edited on the way are deleted from the source and inserted into the
//! destination. So for every section (and the text outside them)
//! `words_after - words_before ==
//! inserted_words - deleted_words + moved_in - moved_out`; the statement-wide
//! `inserted_words` and `deleted_words` are the sums over the sections and
//! the rest, and `moved_words` counts each moved paragraph once.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rustc_hash::FxHashMap;

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use psdoc_core::check::Project;
use psdoc_core::config::Config;
use psdoc_core::heading::SectionKey;
use psdoc_core::model::Statement;
use psdoc_core::model::UnitKind;
use psdoc_core::model::evidence::Citations;
use psdoc_core::redact::Redactor;
use psdoc_evidence::DocumentLog;
use psdoc_guidance::{Profile, SectionSpec};

use super::similarity::{Bags, dice_bound};
use super::word_diff::{Op, Span, WordDiff, word_diffs};

/// Paragraphs shorter than this are not paired as moves: "Yes." moving is
/// noise, not a move.
const MIN_MOVE_WORDS: usize = 3;
/// A moved paragraph that was also edited must keep this share of its
/// words (Dice coefficient, see [`super::similarity`]) and have at least
/// `MIN_EDITED_MOVE_WORDS`.
const MOVED_EDIT_SIMILARITY: f64 = 0.6;
const MIN_EDITED_MOVE_WORDS: usize = 5;
/// An edited paragraph in place keeps at least this share of its words.
const EDIT_SIMILARITY: f64 = 0.5;

/// The diff of two versions of a statement, as `psdoc diff` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct StatementDiff {
    pub from: String,
    pub to: String,
    pub total_before: usize,
    pub total_after: usize,
    /// Every required section present on either side, in the order of the
    /// newer version (a removed section where it was).
    pub sections: Vec<SectionDiff>,
    /// The newer version's word limit.
    pub limit: u32,
    /// Statement-wide: the sums over the sections and `other` (so
    /// `total_after - total_before == inserted_words - deleted_words`).
    pub inserted_words: usize,
    pub deleted_words: usize,
    /// Each moved paragraph's words once, wherever it moved.
    pub moved_words: usize,
    /// Text outside the required sections (an introduction, an annex).
    pub other: OtherDiff,
    /// Document numbers added to and removed from the log.
    pub documents_added: Vec<u64>,
    pub documents_removed: Vec<u64>,
    /// The evidence prefix of the newer version (`E`), for display.
    #[serde(skip)]
    pub prefix: String,
    /// The newer version's guidance profile (the older one's for a section
    /// it alone has), for headings and labels.
    #[serde(skip)]
    pub guidance: &'static Profile,
    #[serde(skip)]
    pub guidance_before: &'static Profile,
}

/// One required section, matched by key across files, numbering and the
/// heading variants docs/sections.md#how-a-heading-is-matched allows.
#[derive(Debug, Clone, Serialize)]
pub struct SectionDiff {
    pub key: SectionKey,
    /// The heading as written in the newer version (the older one for a
    /// removed section), personal identifiers masked.
    pub title: String,
    pub status: Status,
    pub words_before: usize,
    pub words_after: usize,
    pub inserted_words: usize,
    pub deleted_words: usize,
    /// Words of paragraphs that moved within the section, arrived from
    /// another or left for another.
    pub moved_words: usize,
    /// Words of paragraphs that arrived from another section (or the rest).
    pub moved_in: usize,
    /// Words of paragraphs that left for another section (or the rest).
    pub moved_out: usize,
    pub evidence_added: Vec<u64>,
    pub evidence_removed: Vec<u64>,
    pub qi_added: Vec<String>,
    pub qi_removed: Vec<String>,
    /// The section's text, block by block, for the renderers.
    #[serde(skip)]
    pub blocks: Vec<Block>,
}

/// Words outside the required sections.
#[derive(Debug, Clone, Serialize)]
pub struct OtherDiff {
    pub words_before: usize,
    pub words_after: usize,
    pub inserted_words: usize,
    pub deleted_words: usize,
    pub moved_words: usize,
    pub moved_in: usize,
    pub moved_out: usize,
    #[serde(skip)]
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Added,
    Removed,
    Changed,
    Unchanged,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Changed => "changed",
            Status::Unchanged => "unchanged",
        }
    }
}

/// Where text lives: a required section, or the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Slot {
    Section(SectionKey),
    Other,
}

/// A block of text (heading, paragraph, list item, table cell...) and what
/// became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub change: BlockChange,
    /// The text, word-diffed where it was edited; identifiers masked.
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading, with its level in the statement (1 = top).
    Heading(u8),
    Paragraph,
    ListItem,
    TableCell {
        table: usize,
        row: usize,
    },
    Code,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockChange {
    Unchanged,
    Inserted,
    Deleted,
    /// Edited in place: see the spans.
    Edited,
    /// Arrived here from `from` (this section when it moved within it).
    /// `id` is shared with the `MovedOut` block of the same paragraph.
    MovedIn {
        from: Slot,
        edited: bool,
        id: usize,
    },
    /// Where a paragraph was before it moved to `to`.
    MovedOut {
        to: Slot,
        id: usize,
    },
}

impl BlockChange {
    pub fn is_change(self) -> bool {
        self != BlockChange::Unchanged
    }
}

/// Where the other end of a move is, seen from `blocks[at]`: another
/// section, or further up or down this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveEnd {
    Section(Slot),
    Above,
    Below,
}

/// The other end of the move at `blocks[at]`, if it is one.
pub fn move_end(blocks: &[Block], at: usize) -> Option<MoveEnd> {
    let (slot, id, incoming) = match blocks[at].change {
        BlockChange::MovedIn { from, id, .. } => (from, id, true),
        BlockChange::MovedOut { to, id } => (to, id, false),
        _ => return None,
    };
    let partner = blocks.iter().position(|b| match b.change {
        BlockChange::MovedIn { id: other, .. } => !incoming && other == id,
        BlockChange::MovedOut { id: other, .. } => incoming && other == id,
        _ => false,
    });
    Some(match partner {
        Some(p) if p < at => MoveEnd::Above,
        Some(_) => MoveEnd::Below,
        None => MoveEnd::Section(slot),
    })
}

impl StatementDiff {
    /// The guidance's heading for a section, in whichever version's profile has it.
    pub fn heading(&self, key: SectionKey) -> &'static str {
        self.spec(key).map_or(key.key(), |s| s.heading.as_str())
    }

    /// The section as the newer profile (else the older one) defines it.
    pub fn spec(&self, key: SectionKey) -> Option<&'static SectionSpec> {
        self.guidance
            .section(key)
            .or_else(|| self.guidance_before.section(key))
    }

    /// The heading a slot goes by, for "moved from ..." notes.
    pub fn slot_title(&self, slot: Slot) -> String {
        match slot {
            Slot::Section(key) => self
                .sections
                .iter()
                .find(|s| s.key == key)
                .map_or_else(|| self.heading(key).to_owned(), |s| s.title.clone()),
            Slot::Other => "text outside the required sections".to_owned(),
        }
    }

    /// Words of paragraphs moved from one section (or the rest) to another:
    /// the sum of every `moved_in`, and of every `moved_out`.
    pub fn moved_between_sections(&self) -> usize {
        self.sections.iter().map(|s| s.moved_in).sum::<usize>() + self.other.moved_in
    }

    /// Whether anything changed at all.
    pub fn is_unchanged(&self) -> bool {
        self.sections.iter().all(|s| s.status == Status::Unchanged)
            && self.other.inserted_words + self.other.deleted_words + self.other.moved_words == 0
            && self.other.blocks.iter().all(|b| !b.change.is_change())
    }
}

// ---- the two sides ---------------------------------------------------------

/// A block of one version, ready to compare.
struct Unit {
    slot: Slot,
    kind: BlockKind,
    /// The rendered text, trimmed, identifiers masked.
    text: String,
    /// `text` with runs of whitespace as one space: what "the same
    /// paragraph" means.
    norm: String,
    words: usize,
}

struct Side {
    units: Vec<Unit>,
    /// The units of each slot, in reading order.
    slots: BTreeMap<Slot, Vec<usize>>,
    /// Slots in order of first appearance.
    order: Vec<Slot>,
    /// The written heading of each required section (first occurrence).
    titles: HashMap<SectionKey, String>,
    /// Document numbers cited in each section, ranges expanded over `ids`.
    cited: HashMap<SectionKey, BTreeSet<u64>>,
    qis: HashMap<SectionKey, BTreeSet<(u8, u8, &'static str)>>,
    log_ids: BTreeSet<u64>,
}

impl Side {
    fn of(project: &Version<'_>) -> Side {
        let st = &project.statement;
        let redact = |t: &str| project.redactor.redact(t).into_owned();
        let mut units = Vec::new();
        let mut slots: BTreeMap<Slot, Vec<usize>> = BTreeMap::new();
        let mut order = Vec::new();
        let mut titles = HashMap::new();
        let mut next = 0;
        let mut slot = Slot::Other;
        for (ci, unit) in st.units() {
            let place = psdoc_core::model::Place {
                chapter: ci,
                offset: unit.start,
            };
            while next < st.sections.len() && st.sections[next].start <= place {
                let s = &st.sections[next];
                slot = s.key.map_or(Slot::Other, Slot::Section);
                if let Some(key) = s.key {
                    titles.entry(key).or_insert_with(|| redact(s.title.trim()));
                }
                next += 1;
            }
            let kind = match unit.kind {
                UnitKind::Heading { .. } => {
                    BlockKind::Heading(st.chapters[ci].effective_level(unit).unwrap_or(1))
                }
                UnitKind::Paragraph => BlockKind::Paragraph,
                UnitKind::ListItem => BlockKind::ListItem,
                UnitKind::TableCell { table, row, .. } => BlockKind::TableCell {
                    table: ci * 10_000 + table,
                    row,
                },
                UnitKind::Code => BlockKind::Code,
                UnitKind::Other => BlockKind::Other,
            };
            let text = redact(unit.text.trim());
            let norm = normalized(&text);
            // The unit's own count, as `psdoc count` gives it (masks keep
            // every separator, so the masked text counts the same).
            let words = unit.words;
            if !slots.contains_key(&slot) {
                order.push(slot);
            }
            slots.entry(slot).or_default().push(units.len());
            units.push(Unit {
                slot,
                kind,
                text,
                norm,
                words,
            });
        }
        Side {
            units,
            slots,
            order,
            titles,
            cited: HashMap::new(),
            qis: HashMap::new(),
            log_ids: project.log.documents.iter().map(|d| d.id).collect(),
        }
    }

    /// Fills `cited` and `qis`, expanding ranges over `ids` (both logs'
    /// numbers, so that a log entry added inside a cited range is not a
    /// change of the prose).
    fn cite(&mut self, project: &Version<'_>, ids: &BTreeSet<u64>) {
        for found in &project.citations.references {
            let Some(key) = found.section else { continue };
            let psdoc_evidence::ReferenceKind::Cites(items) = &found.item.kind else {
                continue;
            };
            let set = self.cited.entry(key).or_default();
            for item in items {
                match *item {
                    psdoc_evidence::Cited::One(n) => {
                        set.insert(n);
                    }
                    psdoc_evidence::Cited::Range(a, b) => {
                        set.insert(a);
                        set.insert(b);
                        set.extend(ids.range(a..=b));
                    }
                }
            }
        }
        for found in &project.citations.qis {
            let (Some(key), Some(resolved)) = (found.section, &found.item.resolved) else {
                continue;
            };
            let set = self.qis.entry(key).or_default();
            for qi in resolved {
                let (area, sub) = qi.key();
                set.insert((area, sub, qi.number.as_str()));
            }
        }
    }

    fn words_in(&self, slot: Slot) -> usize {
        self.slots
            .get(&slot)
            .map_or(0, |ids| ids.iter().map(|&i| self.units[i].words).sum())
    }
}

// ---- alignment -------------------------------------------------------------

/// What became of a unit of the older version (`A`) or the newer (`B`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Free,
    /// Same text, same place (in the section's alignment).
    Kept(usize),
    /// Edited in place: the partner on the other side.
    Edited(usize),
    /// Moved: the partner on the other side.
    Moved(usize),
}

/// A stretch of a section where the two versions differ: A's units
/// `old` and B's units `new` (indices into the slot's lists).
struct Gap {
    old: std::ops::Range<usize>,
    new: std::ops::Range<usize>,
}

/// One slot's alignment: runs kept in place, and the gaps between them.
enum Stretch {
    Kept { new: usize, len: usize },
    Gap(Gap),
}

/// One version of a statement, as the diff reads it.
#[derive(Clone, Copy)]
pub struct Version<'a> {
    pub config: &'a Config,
    pub statement: &'a Statement,
    pub log: &'a DocumentLog,
    pub citations: &'a Citations,
    /// Masks the version's text.
    pub redactor: &'a Redactor,
}

impl<'a> Version<'a> {
    pub fn of(project: &'a Project) -> Self {
        Version {
            config: &project.config,
            statement: &project.statement,
            log: &project.log,
            citations: &project.citations,
            redactor: &project.redactor,
        }
    }
}

/// Compares two loaded statements.
pub fn diff_projects(
    from_label: &str,
    before: &Project,
    to_label: &str,
    after: &Project,
) -> StatementDiff {
    diff_versions(
        from_label,
        Version::of(before),
        to_label,
        Version::of(after),
    )
}

/// Compares two versions of a statement.
pub fn diff_versions(
    from_label: &str,
    before: Version<'_>,
    to_label: &str,
    after: Version<'_>,
) -> StatementDiff {
    let (before, after) = (&before, &after);
    let mut a = Side::of(before);
    let mut b = Side::of(after);
    let ids: BTreeSet<u64> = a.log_ids.union(&b.log_ids).copied().collect();
    a.cite(before, &ids);
    b.cite(after, &ids);

    let mut fa = vec![Fate::Free; a.units.len()];
    let mut fb = vec![Fate::Free; b.units.len()];

    // 1. Each slot's units aligned by equal text.
    let empty = Vec::new();
    let mut stretches: BTreeMap<Slot, Vec<Stretch>> = BTreeMap::new();
    let all_slots: BTreeSet<Slot> = a.slots.keys().chain(b.slots.keys()).copied().collect();
    for &slot in &all_slots {
        let old = a.slots.get(&slot).unwrap_or(&empty);
        let new = b.slots.get(&slot).unwrap_or(&empty);
        let ok: Vec<&str> = old.iter().map(|&i| a.units[i].norm.as_str()).collect();
        let nk: Vec<&str> = new.iter().map(|&i| b.units[i].norm.as_str()).collect();
        let mut list = Vec::new();
        for op in capture_diff_slices(Algorithm::Patience, &ok, &nk) {
            match op {
                DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } => {
                    for k in 0..len {
                        fa[old[old_index + k]] = Fate::Kept(new[new_index + k]);
                        fb[new[new_index + k]] = Fate::Kept(old[old_index + k]);
                    }
                    list.push(Stretch::Kept {
                        new: new_index,
                        len,
                    });
                }
                op => {
                    let (_, o, n) = op.as_tag_tuple();
                    // Adjacent delete and insert make one gap.
                    if let Some(Stretch::Gap(g)) = list.last_mut()
                        && g.old.end == o.start
                        && g.new.end == n.start
                    {
                        g.old.end = o.end;
                        g.new.end = n.end;
                    } else {
                        list.push(Stretch::Gap(Gap { old: o, new: n }));
                    }
                }
            }
        }
        stretches.insert(slot, list);
    }

    // 2. Paragraphs that moved unchanged: equal text, once on each side.
    let mut count_a: FxHashMap<&str, usize> = FxHashMap::default();
    let mut count_b: FxHashMap<&str, usize> = FxHashMap::default();
    for u in &a.units {
        *count_a.entry(u.norm.as_str()).or_default() += 1;
    }
    for u in &b.units {
        *count_b.entry(u.norm.as_str()).or_default() += 1;
    }
    let free_b: FxHashMap<&str, usize> = b
        .units
        .iter()
        .enumerate()
        .filter(|(j, u)| fb[*j] == Fate::Free && count_b[u.norm.as_str()] == 1)
        .map(|(j, u)| (u.norm.as_str(), j))
        .collect();
    for (i, u) in a.units.iter().enumerate() {
        if fa[i] != Fate::Free || u.words < MIN_MOVE_WORDS || count_a[u.norm.as_str()] != 1 {
            continue;
        }
        if let Some(&j) = free_b.get(u.norm.as_str())
            && fb[j] == Fate::Free
        {
            fa[i] = Fate::Moved(j);
            fb[j] = Fate::Moved(i);
        }
    }

    // 3. Paragraphs edited in place: similar text in the same gap, in order.
    let mut bags = Bags::new(a.units.len(), b.units.len());
    for (&slot, list) in &stretches {
        let old = a.slots.get(&slot).unwrap_or(&empty);
        let new = b.slots.get(&slot).unwrap_or(&empty);
        for stretch in list {
            let Stretch::Gap(gap) = stretch else { continue };
            let ds: Vec<usize> = old[gap.old.clone()]
                .iter()
                .copied()
                .filter(|&i| fa[i] == Fate::Free)
                .collect();
            let is: Vec<usize> = new[gap.new.clone()]
                .iter()
                .copied()
                .filter(|&j| fb[j] == Fate::Free)
                .collect();
            let mut from = 0;
            for &i in &ds {
                // (words in common, position in `is`, whether the pair
                // must also be alike)
                let mut candidates: Vec<(f64, usize, bool)> = Vec::new();
                for (k, &j) in is.iter().enumerate().skip(from) {
                    if !compatible(a.units[i].kind, b.units[j].kind) {
                        continue;
                    }
                    let cells = matches!(a.units[i].kind, BlockKind::TableCell { .. })
                        && matches!(b.units[j].kind, BlockKind::TableCell { .. });
                    // A table cell takes its neighbour whatever the score.
                    let floor = if cells && k == from {
                        0.0
                    } else {
                        EDIT_SIMILARITY
                    };
                    if dice_bound(a.units[i].words, b.units[j].words) < floor {
                        continue;
                    }
                    let s = bags.words(i, &a.units[i].text, j, &b.units[j].text, floor);
                    if s >= floor {
                        candidates.push((s, k, floor > 0.0));
                    }
                }
                // The most similar, the first of equals, that is alike.
                candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
                let best = candidates
                    .into_iter()
                    .find(|&(_, k, check)| !check || bags.alike(i, is[k]));
                if let Some((_, k, _)) = best {
                    let j = is[k];
                    fa[i] = Fate::Edited(j);
                    fb[j] = Fate::Edited(i);
                    from = k + 1;
                }
            }
        }
    }

    // 4. Paragraphs that moved and were edited: the most similar pairs
    // left, best first.
    let rest_a: Vec<usize> = (0..a.units.len())
        .filter(|&i| fa[i] == Fate::Free && a.units[i].words >= MIN_EDITED_MOVE_WORDS)
        .collect();
    let rest_b: Vec<usize> = (0..b.units.len())
        .filter(|&j| fb[j] == Fate::Free && b.units[j].words >= MIN_EDITED_MOVE_WORDS)
        .collect();
    if !rest_a.is_empty() && !rest_b.is_empty() && rest_a.len() * rest_b.len() <= 250_000 {
        let mut pairs = Vec::new();
        for &i in &rest_a {
            for &j in &rest_b {
                if !compatible(a.units[i].kind, b.units[j].kind)
                    || dice_bound(a.units[i].words, b.units[j].words) < MOVED_EDIT_SIMILARITY
                {
                    continue;
                }
                let s = bags.words(
                    i,
                    &a.units[i].text,
                    j,
                    &b.units[j].text,
                    MOVED_EDIT_SIMILARITY,
                );
                if s >= MOVED_EDIT_SIMILARITY {
                    pairs.push((s, i, j));
                }
            }
        }
        pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        for (_, i, j) in pairs {
            if fa[i] == Fate::Free && fb[j] == Fate::Free && bags.alike(i, j) {
                fa[i] = Fate::Moved(j);
                fb[j] = Fate::Moved(i);
            }
        }
    }

    // 5. Blocks and counts, slot by slot.
    let mut tallies: BTreeMap<Slot, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    // The word diff of each paired paragraph, by its older unit.
    let paired: Vec<(usize, usize)> = fa
        .iter()
        .enumerate()
        .filter_map(|(i, fate)| match *fate {
            Fate::Edited(j) | Fate::Moved(j) => Some((i, j)),
            Fate::Free | Fate::Kept(_) => None,
        })
        .collect();
    let texts: Vec<(&str, &str)> = paired
        .iter()
        .map(|&(i, j)| (a.units[i].text.as_str(), b.units[j].text.as_str()))
        .collect();
    let word_diffs: HashMap<usize, WordDiff> = paired
        .iter()
        .map(|&(i, _)| i)
        .zip(word_diffs(&texts))
        .collect();
    for (i, u) in a.units.iter().enumerate() {
        match fa[i] {
            Fate::Free => {
                tallies.entry(u.slot).or_default().deleted += u.words;
                total.deleted += u.words;
            }
            Fate::Edited(j) | Fate::Moved(j) => {
                let w = &word_diffs[&i];
                let to = b.units[j].slot;
                let moved = matches!(fa[i], Fate::Moved(_));
                total.inserted += w.inserted;
                total.deleted += w.deleted;
                if moved {
                    total.moved += w.equal;
                }
                if to == u.slot {
                    let t = tallies.entry(u.slot).or_default();
                    t.inserted += w.inserted;
                    t.deleted += w.deleted;
                    if moved {
                        t.moved += w.equal;
                    }
                } else {
                    // The words it kept moved; those it lost were deleted
                    // where they were, those it gained inserted where it is.
                    let t = tallies.entry(u.slot).or_default();
                    t.deleted += w.deleted;
                    t.moved += w.equal;
                    t.moved_out += w.equal;
                    let t = tallies.entry(to).or_default();
                    t.inserted += w.inserted;
                    t.moved += w.equal;
                    t.moved_in += w.equal;
                }
            }
            Fate::Kept(_) => {}
        }
    }
    for (j, u) in b.units.iter().enumerate() {
        if fb[j] == Fate::Free {
            tallies.entry(u.slot).or_default().inserted += u.words;
            total.inserted += u.words;
        }
    }

    let cx = Blocks {
        a: &a,
        b: &b,
        fa: &fa,
        fb: &fb,
        word_diffs: &word_diffs,
    };
    let mut blocks: BTreeMap<Slot, Vec<Block>> = BTreeMap::new();
    for &slot in &all_slots {
        blocks.insert(
            slot,
            cx.slot_blocks(slot, stretches.get(&slot).map_or(&[][..], |v| v.as_slice())),
        );
    }

    // Sections in the newer version's order, removed ones after the
    // section that preceded them.
    let mut order: Vec<Slot> = b
        .order
        .iter()
        .copied()
        .filter(|s| *s != Slot::Other)
        .collect();
    let mut prev: Option<Slot> = None;
    for &slot in a.order.iter().filter(|s| **s != Slot::Other) {
        if !order.contains(&slot) {
            let at = prev
                .and_then(|p| order.iter().position(|s| *s == p))
                .map_or(0, |p| p + 1);
            order.insert(at, slot);
        }
        prev = Some(slot);
    }

    let sections = order
        .into_iter()
        .filter_map(|slot| {
            let Slot::Section(key) = slot else {
                return None;
            };
            let t = tallies.get(&slot).copied().unwrap_or_default();
            let blocks = blocks.remove(&slot).unwrap_or_default();
            let status = match (a.slots.contains_key(&slot), b.slots.contains_key(&slot)) {
                (false, _) => Status::Added,
                (_, false) => Status::Removed,
                _ if blocks.iter().any(|bl| bl.change.is_change()) => Status::Changed,
                _ => Status::Unchanged,
            };
            let empty_ids = BTreeSet::new();
            let before_ids = a.cited.get(&key).unwrap_or(&empty_ids);
            let after_ids = b.cited.get(&key).unwrap_or(&empty_ids);
            let empty_qis = BTreeSet::new();
            let before_qis = a.qis.get(&key).unwrap_or(&empty_qis);
            let after_qis = b.qis.get(&key).unwrap_or(&empty_qis);
            Some(SectionDiff {
                key,
                title: b
                    .titles
                    .get(&key)
                    .or_else(|| a.titles.get(&key))
                    .cloned()
                    .unwrap_or_else(|| {
                        after
                            .config
                            .guidance
                            .section(key)
                            .or_else(|| before.config.guidance.section(key))
                            .map_or_else(|| key.key().to_owned(), |s| s.heading.clone())
                    }),
                status,
                words_before: a.words_in(slot),
                words_after: b.words_in(slot),
                inserted_words: t.inserted,
                deleted_words: t.deleted,
                moved_words: t.moved,
                moved_in: t.moved_in,
                moved_out: t.moved_out,
                evidence_added: after_ids.difference(before_ids).copied().collect(),
                evidence_removed: before_ids.difference(after_ids).copied().collect(),
                qi_added: after_qis
                    .difference(before_qis)
                    .map(|q| q.2.to_owned())
                    .collect(),
                qi_removed: before_qis
                    .difference(after_qis)
                    .map(|q| q.2.to_owned())
                    .collect(),
                blocks,
            })
        })
        .collect();

    let ot = tallies.get(&Slot::Other).copied().unwrap_or_default();
    StatementDiff {
        from: from_label.to_owned(),
        to: to_label.to_owned(),
        total_before: a.units.iter().map(|u| u.words).sum(),
        total_after: b.units.iter().map(|u| u.words).sum(),
        sections,
        limit: after.config.statement.word_limit,
        inserted_words: total.inserted,
        deleted_words: total.deleted,
        moved_words: total.moved,
        other: OtherDiff {
            words_before: a.words_in(Slot::Other),
            words_after: b.words_in(Slot::Other),
            inserted_words: ot.inserted,
            deleted_words: ot.deleted,
            moved_words: ot.moved,
            moved_in: ot.moved_in,
            moved_out: ot.moved_out,
            blocks: blocks.remove(&Slot::Other).unwrap_or_default(),
        },
        documents_added: b.log_ids.difference(&a.log_ids).copied().collect(),
        documents_removed: a.log_ids.difference(&b.log_ids).copied().collect(),
        prefix: after.config.evidence.prefix.clone(),
        guidance: after.config.guidance,
        guidance_before: before.config.guidance,
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    inserted: usize,
    deleted: usize,
    moved: usize,
    moved_in: usize,
    moved_out: usize,
}

/// Headings pair only with headings.
fn compatible(a: BlockKind, b: BlockKind) -> bool {
    matches!(a, BlockKind::Heading(_)) == matches!(b, BlockKind::Heading(_))
}

/// `text` with each run of whitespace as one space, without copying it
/// twice when it has none (most paragraphs).
fn normalized(text: &str) -> String {
    let mut space = false;
    let plain = text.chars().all(|c| {
        let ok = if c == ' ' { !space } else { !c.is_whitespace() };
        space = c == ' ';
        ok
    });
    if plain {
        text.to_owned()
    } else {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Builds each slot's blocks in reading order of the newer version, with
/// the older version's removed and moved-away blocks where they were.
struct Blocks<'a> {
    a: &'a Side,
    b: &'a Side,
    fa: &'a [Fate],
    fb: &'a [Fate],
    word_diffs: &'a HashMap<usize, WordDiff>,
}

impl Blocks<'_> {
    fn slot_blocks(&self, slot: Slot, stretches: &[Stretch]) -> Vec<Block> {
        let empty = Vec::new();
        let old = self.a.slots.get(&slot).unwrap_or(&empty);
        let new = self.b.slots.get(&slot).unwrap_or(&empty);
        let mut out = Vec::new();
        for stretch in stretches {
            match stretch {
                Stretch::Kept { new: n, len, .. } => {
                    for &j in &new[*n..n + len] {
                        let u = &self.b.units[j];
                        out.push(Block {
                            kind: u.kind,
                            change: BlockChange::Unchanged,
                            spans: vec![Span {
                                op: Op::Equal,
                                text: u.text.clone(),
                            }],
                        });
                    }
                }
                Stretch::Gap(gap) => {
                    let olds = &old[gap.old.clone()];
                    let mut pa = 0;
                    for &j in &new[gap.new.clone()] {
                        if let Fate::Edited(i) = self.fb[j]
                            && let Some(k) = olds.iter().position(|&x| x == i)
                        {
                            while pa < k {
                                out.push(self.old_block(olds[pa]));
                                pa += 1;
                            }
                            pa = pa.max(k + 1);
                        } else {
                            // Deletions before insertions, as track changes shows.
                            while pa < olds.len() && !matches!(self.fa[olds[pa]], Fate::Edited(_)) {
                                out.push(self.old_block(olds[pa]));
                                pa += 1;
                            }
                        }
                        out.push(self.new_block(j));
                    }
                    for &i in &olds[pa..] {
                        if !matches!(self.fa[i], Fate::Edited(_)) {
                            out.push(self.old_block(i));
                        }
                    }
                }
            }
        }
        out
    }

    /// A block of the older version that is gone from here.
    fn old_block(&self, i: usize) -> Block {
        let u = &self.a.units[i];
        match self.fa[i] {
            Fate::Moved(j) => Block {
                kind: u.kind,
                change: BlockChange::MovedOut {
                    to: self.b.units[j].slot,
                    id: i,
                },
                spans: vec![Span {
                    op: Op::Equal,
                    text: u.text.clone(),
                }],
            },
            Fate::Edited(j) => self.new_block(j),
            _ => Block {
                kind: u.kind,
                change: BlockChange::Deleted,
                spans: vec![Span {
                    op: Op::Delete,
                    text: u.text.clone(),
                }],
            },
        }
    }

    /// A block of the newer version.
    fn new_block(&self, j: usize) -> Block {
        let u = &self.b.units[j];
        match self.fb[j] {
            Fate::Edited(i) => Block {
                kind: u.kind,
                change: BlockChange::Edited,
                spans: self.word_diffs[&i].spans.clone(),
            },
            Fate::Moved(i) => {
                let w = &self.word_diffs[&i];
                Block {
                    kind: u.kind,
                    change: BlockChange::MovedIn {
                        from: self.a.units[i].slot,
                        edited: w.inserted + w.deleted > 0,
                        id: i,
                    },
                    spans: w.spans.clone(),
                }
            }
            _ => Block {
                kind: u.kind,
                change: if self.fb[j] == Fate::Free {
                    BlockChange::Inserted
                } else {
                    BlockChange::Unchanged
                },
                spans: vec![Span {
                    op: if self.fb[j] == Fate::Free {
                        Op::Insert
                    } else {
                        Op::Equal
                    },
                    text: u.text.clone(),
                }],
            },
        }
    }
}
