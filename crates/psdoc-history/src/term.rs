//! `psdoc diff --format term`: a summary table, then each changed section
//! with an inline word diff. In colour, deletions are red and struck
//! through, insertions green and underlined; without colour they are marked
//! `[-...-]` and `{+...+}` as `git diff --word-diff=plain` does.

use super::diff::{
    Block, BlockChange, BlockKind, MoveEnd, SectionDiff, StatementDiff, Status, move_end,
};
use super::figures::{
    CitationChanges, Figures, Row, delta, document_changes, headline, other_changed, rows, signed,
};
use super::word_diff::Op;
use anstyle::{AnsiColor, Style};
use psdoc_core::text::{Table, thousands};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const DEL: Style = AnsiColor::Red.on_default().strikethrough();
const INS: Style = AnsiColor::Green.on_default().underline();
const MOVE: Style = AnsiColor::Cyan.on_default();

/// Whether the output is coloured, and the text markers when it is not.
struct Styler {
    color: bool,
}

impl Styler {
    fn wrap(&self, style: Style, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }

    fn del(&self, text: &str) -> String {
        if self.color {
            self.wrap(DEL, text)
        } else {
            format!("[-{text}-]")
        }
    }

    fn ins(&self, text: &str) -> String {
        if self.color {
            self.wrap(INS, text)
        } else {
            format!("{{+{text}+}}")
        }
    }
}

/// The diff for a terminal; `color` adds ANSI styles instead of text
/// markers.
pub fn render(diff: &StatementDiff, color: bool) -> String {
    let st = Styler { color };
    let mut out = String::new();
    out.push_str(&st.wrap(
        BOLD,
        &format!(
            "psdoc diff {}..{}: {} words, was {} ({}), limit {}",
            diff.from,
            diff.to,
            thousands(diff.total_after),
            thousands(diff.total_before),
            signed(delta(diff.total_before, diff.total_after)),
            thousands(diff.limit as usize)
        ),
    ));
    out.push('\n');
    out.push_str(&headline(diff));
    out.push_str("\n\n");
    out.push_str(&table(diff));
    let documents = document_changes(diff, ["added ", "removed "]);
    if !documents.is_empty() {
        out.push('\n');
    }
    for change in &documents {
        out.push_str(&format!("Document log: {change}\n"));
    }
    for s in &diff.sections {
        if s.status == Status::Unchanged {
            continue;
        }
        out.push('\n');
        out.push_str(&section(diff, s, &st));
    }
    if other_changed(diff) {
        out.push('\n');
        out.push_str(&st.wrap(BOLD, "## Text outside the required sections"));
        out.push('\n');
        out.push_str(&format!(
            "   {}\n\n",
            Figures::of_other(&diff.other).sentence()
        ));
        out.push_str(&blocks(diff, &diff.other.blocks, &st));
    }
    if diff.is_unchanged() {
        out.push_str("\nNo changes to the statement's text.\n");
    }
    out
}

/// Words per section; every row and the total add up as shown:
/// Change = Inserted - Deleted + Moved in - Moved out.
fn table(diff: &StatementDiff) -> String {
    let header = [
        "Section",
        "Status",
        "Before",
        "After",
        "Change",
        "Ins/Del",
        "Moved in",
        "Moved out",
    ];
    let mut table = Table::new(header.map(String::from).to_vec(), 2).with_total();
    let figures = |f: Figures| {
        let [before, after, change, inserted, deleted, ..] = f.columns();
        [
            before,
            after,
            change,
            format!("+{inserted}/\u{2212}{deleted}"),
            signed(f.moved_in as i64),
            signed(-(f.moved_out as i64)),
        ]
    };
    for (row, f) in rows(diff) {
        let mut cells: Vec<String> = match row {
            Row::Section(s) => vec![s.title.clone(), s.status.as_str().into()],
            Row::Other => vec!["(other text)".into(), String::new()],
            Row::Total => vec!["Total".into(), String::new()],
        };
        cells.extend(figures(f));
        table.push(cells);
    }
    table.render()
}

fn section(diff: &StatementDiff, s: &SectionDiff, st: &Styler) -> String {
    let mut out = String::new();
    out.push_str(&st.wrap(BOLD, &format!("## {} [{}]", s.title, s.status.as_str())));
    out.push('\n');
    out.push_str(&format!("   {}\n", Figures::of_section(s).sentence()));
    let CitationChanges { evidence, qis } = CitationChanges::of(
        &diff.prefix,
        s,
        [
            "evidence cited: ",
            "evidence no longer cited: ",
            "quality indicators added: QI ",
            "quality indicators removed: QI ",
        ],
    );
    for note in evidence.iter().chain(&qis) {
        out.push_str(&format!("   {note}\n"));
    }
    out.push('\n');
    out.push_str(&blocks(diff, &s.blocks, st));
    out
}

/// Changed blocks in full, unchanged headings for orientation, unchanged
/// paragraphs collapsed to a count.
fn blocks(diff: &StatementDiff, blocks: &[Block], st: &Styler) -> String {
    let mut out = String::new();
    let mut unchanged = 0;
    let flush = |out: &mut String, n: &mut usize| {
        if *n > 0 {
            let s = if *n == 1 { "" } else { "s" };
            out.push_str(&st.wrap(
                DIM,
                &format!("     \u{2026} {n} unchanged block{s} \u{2026}"),
            ));
            out.push('\n');
            *n = 0;
        }
    };
    for (i, b) in blocks.iter().enumerate() {
        if b.change == BlockChange::Unchanged && !matches!(b.kind, BlockKind::Heading(_)) {
            unchanged += 1;
            continue;
        }
        flush(&mut out, &mut unchanged);
        let end = |at: usize| match move_end(blocks, at) {
            Some(MoveEnd::Above) => "further up this section".to_owned(),
            Some(MoveEnd::Below) => "further down this section".to_owned(),
            Some(MoveEnd::Section(slot)) => diff.slot_title(slot),
            None => String::new(),
        };
        let to_end = |at: usize| match move_end(blocks, at) {
            Some(MoveEnd::Section(_)) => format!("to {}", end(at)),
            _ => end(at),
        };
        let (mark, note) = match b.change {
            BlockChange::Unchanged => ("  ", String::new()),
            BlockChange::Inserted => ("+ ", String::new()),
            BlockChange::Deleted => ("- ", String::new()),
            BlockChange::Edited => ("~ ", String::new()),
            BlockChange::MovedIn { edited, .. } => (
                "> ",
                st.wrap(
                    MOVE,
                    &format!(
                        "[moved from {}{}] ",
                        end(i),
                        if edited { ", edited" } else { "" }
                    ),
                ),
            ),
            BlockChange::MovedOut { .. } => {
                ("< ", st.wrap(MOVE, &format!("[moved {}] ", to_end(i))))
            }
        };
        let prefix = match b.kind {
            BlockKind::Heading(level) => format!("{} ", "#".repeat(usize::from(level.min(6)))),
            BlockKind::ListItem => "- ".into(),
            BlockKind::TableCell { .. } => "| ".into(),
            _ => String::new(),
        };
        let body = match b.change {
            BlockChange::MovedOut { .. } => st.wrap(DIM, &excerpt(&b.spans[0].text, 12)),
            BlockChange::Inserted => st.ins(&plain(b)),
            BlockChange::Deleted => st.del(&plain(b)),
            _ => b
                .spans
                .iter()
                .map(|s| match s.op {
                    Op::Equal => s.text.clone(),
                    Op::Insert => st.ins(&s.text),
                    Op::Delete => st.del(&s.text),
                })
                .collect(),
        };
        let body = if matches!(b.kind, BlockKind::Heading(_)) {
            st.wrap(BOLD, &body)
        } else {
            body
        };
        out.push_str(&format!("{mark}{note}{prefix}{body}\n"));
    }
    flush(&mut out, &mut unchanged);
    out
}

fn plain(b: &Block) -> String {
    b.spans.iter().map(|s| s.text.as_str()).collect()
}

/// The first `n` words of `text`, with an ellipsis when cut.
pub(crate) fn excerpt(text: &str, n: usize) -> String {
    let mut spans = psdoc_core::words::word_spans(text);
    match spans.nth(n) {
        Some(r) => format!("{}\u{2026}", text[..r.start].trim_end()),
        None => text.to_owned(),
    }
}
