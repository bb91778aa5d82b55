//! The figures of a diff as every format shows them: a row of the table
//! per section, the text outside them and the whole statement, each adding
//! up; the changes in a sentence; and the evidence and quality indicators a
//! section gained or lost.

use super::diff::{OtherDiff, SectionDiff, StatementDiff};
use psdoc_core::text::thousands;

/// A row of a diff's table, in the order every format lists them: each
/// required section, the text outside them when there is any, then the
/// whole statement.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Row<'a> {
    Section(&'a SectionDiff),
    Other,
    Total,
}

/// The rows of `diff`'s table, each with its figures.
pub(crate) fn rows(diff: &StatementDiff) -> Vec<(Row<'_>, Figures)> {
    let mut rows: Vec<(Row<'_>, Figures)> = diff
        .sections
        .iter()
        .map(|s| (Row::Section(s), Figures::of_section(s)))
        .collect();
    if other_has_words(diff) {
        rows.push((Row::Other, Figures::of_other(&diff.other)));
    }
    rows.push((Row::Total, Figures::of_total(diff)));
    rows
}

/// True when either version has text outside the required sections: it
/// then has a row of the table and a bar of the chart.
pub(crate) fn other_has_words(diff: &StatementDiff) -> bool {
    diff.other.words_before + diff.other.words_after > 0
}

/// True when the text outside the required sections changed: it then has
/// its own part after the sections.
pub(crate) fn other_changed(diff: &StatementDiff) -> bool {
    diff.other.blocks.iter().any(|b| b.change.is_change())
}

/// An evidence or quality-indicator cell: its changes joined by
/// `separator`, or "no change".
pub(crate) fn or_no_change(changes: &[String], separator: &str) -> String {
    if changes.is_empty() {
        "no change".to_owned()
    } else {
        changes.join(separator)
    }
}

/// `+12`, `-3`, `0`.
pub(crate) fn signed(n: i64) -> String {
    match n {
        0 => "0".to_owned(),
        n if n > 0 => format!("+{}", thousands(n as usize)),
        n => format!("\u{2212}{}", thousands(n.unsigned_abs() as usize)),
    }
}

/// The change in words of a section.
pub(crate) fn delta(before: usize, after: usize) -> i64 {
    after as i64 - before as i64
}

/// The statement's figures in one sentence: "13 words inserted, 7 deleted,
/// 30 moved (18 to another section)."
pub(crate) fn headline(diff: &StatementDiff) -> String {
    let between = diff.moved_between_sections();
    format!(
        "{} words inserted, {} deleted, {} moved{}.",
        thousands(diff.inserted_words),
        thousands(diff.deleted_words),
        thousands(diff.moved_words),
        if between > 0 {
            format!(" ({} to another section)", thousands(between))
        } else {
            String::new()
        }
    )
}

/// One row of a diff's table: a section, the text outside them, or the
/// whole statement. `after - before == inserted - deleted + moved_in -
/// moved_out` for each (docs/json.md#psdoc-diff---format-json).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Figures {
    pub before: usize,
    pub after: usize,
    pub inserted: usize,
    pub deleted: usize,
    pub moved_in: usize,
    pub moved_out: usize,
    /// Words of paragraphs moved within this part.
    pub moved_within: usize,
}

impl Figures {
    pub(crate) fn of_section(s: &SectionDiff) -> Self {
        Figures {
            before: s.words_before,
            after: s.words_after,
            inserted: s.inserted_words,
            deleted: s.deleted_words,
            moved_in: s.moved_in,
            moved_out: s.moved_out,
            moved_within: s.moved_words.saturating_sub(s.moved_in + s.moved_out),
        }
    }

    pub(crate) fn of_other(o: &OtherDiff) -> Self {
        Figures {
            before: o.words_before,
            after: o.words_after,
            inserted: o.inserted_words,
            deleted: o.deleted_words,
            moved_in: o.moved_in,
            moved_out: o.moved_out,
            moved_within: o.moved_words.saturating_sub(o.moved_in + o.moved_out),
        }
    }

    /// The whole statement: what moved in somewhere moved out elsewhere.
    pub(crate) fn of_total(diff: &StatementDiff) -> Self {
        let between = diff.moved_between_sections();
        Figures {
            before: diff.total_before,
            after: diff.total_after,
            inserted: diff.inserted_words,
            deleted: diff.deleted_words,
            moved_in: between,
            moved_out: between,
            moved_within: diff.moved_words.saturating_sub(between),
        }
    }

    /// "441 → 447 words: 13 inserted, 7 deleted, 18 moved in, 0 moved out",
    /// and the words moved within it when there are any.
    pub(crate) fn sentence(&self) -> String {
        format!("{}: {}", self.words(), self.changes())
    }

    /// The table's figures, as every format shows them: before, after,
    /// change, inserted, deleted, moved in, moved out.
    pub(crate) fn columns(&self) -> [String; 7] {
        [
            thousands(self.before),
            thousands(self.after),
            self.change(),
            thousands(self.inserted),
            thousands(self.deleted),
            thousands(self.moved_in),
            thousands(self.moved_out),
        ]
    }

    /// "441 → 447 words".
    pub(crate) fn words(&self) -> String {
        format!(
            "{} \u{2192} {} words",
            thousands(self.before),
            thousands(self.after)
        )
    }

    /// The change in words, signed: "+6", "−3" or "0".
    pub(crate) fn change(&self) -> String {
        signed(delta(self.before, self.after))
    }

    /// "13 inserted, 7 deleted, 18 moved in, 0 moved out", and "(8 moved
    /// within it)" when there are any.
    pub(crate) fn changes(&self) -> String {
        let mut out = format!(
            "{} inserted, {} deleted, {} moved in, {} moved out",
            thousands(self.inserted),
            thousands(self.deleted),
            thousands(self.moved_in),
            thousands(self.moved_out),
        );
        if self.moved_within > 0 {
            out.push_str(&format!(
                " ({} moved within it)",
                thousands(self.moved_within)
            ));
        }
        out
    }
}

/// A section's evidence and quality-indicator changes, as the renderers list
/// them: each added or removed list behind its mark (`+`, or `cited: `).
pub(crate) struct CitationChanges {
    pub evidence: Vec<String>,
    pub qis: Vec<String>,
}

/// The marks before each list: evidence added, evidence removed, QIs added,
/// QIs removed.
pub(crate) type ChangeMarks = [&'static str; 4];

impl CitationChanges {
    pub(crate) fn of(prefix: &str, s: &SectionDiff, marks: ChangeMarks) -> Self {
        let mut evidence = Vec::new();
        if !s.evidence_added.is_empty() {
            evidence.push(format!("{}{}", marks[0], ids(prefix, &s.evidence_added)));
        }
        if !s.evidence_removed.is_empty() {
            evidence.push(format!("{}{}", marks[1], ids(prefix, &s.evidence_removed)));
        }
        let mut qis = Vec::new();
        if !s.qi_added.is_empty() {
            qis.push(format!("{}{}", marks[2], s.qi_added.join(", ")));
        }
        if !s.qi_removed.is_empty() {
            qis.push(format!("{}{}", marks[3], s.qi_removed.join(", ")));
        }
        CitationChanges { evidence, qis }
    }
}

/// The documents added to and removed from the log, each list behind its
/// mark (`"added "`, `"removed "`); none when the log did not change.
pub(crate) fn document_changes(diff: &StatementDiff, marks: [&str; 2]) -> Vec<String> {
    let mut out = Vec::new();
    if !diff.documents_added.is_empty() {
        out.push(format!(
            "{}{}",
            marks[0],
            ids(&diff.prefix, &diff.documents_added)
        ));
    }
    if !diff.documents_removed.is_empty() {
        out.push(format!(
            "{}{}",
            marks[1],
            ids(&diff.prefix, &diff.documents_removed)
        ));
    }
    out
}

/// `[E3, E12]`-style list of document numbers.
pub(crate) fn ids(prefix: &str, ids: &[u64]) -> String {
    ids.iter()
        .map(|i| format!("{prefix}{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}
