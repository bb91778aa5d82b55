//! `psdoc diff --format markdown`: a table of sections with their word
//! changes, and a collapsible word diff per changed section: fit for a
//! pull-request comment. It stays under the length it is given by
//! shortening the diffs, and says so.

use super::diff::{
    Block, BlockChange, BlockKind, MoveEnd, SectionDiff, StatementDiff, Status, move_end,
};
use super::figures::{
    CitationChanges, Figures, Row, delta, document_changes, headline, or_no_change, other_changed,
    rows, signed,
};
use super::word_diff::Op;
use psdoc_core::text::thousands;

/// How much of each section's diff to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Every changed block in full.
    Full,
    /// Long unchanged runs inside paragraphs cut to a few words around
    /// each change; moved and removed paragraphs as excerpts.
    Trimmed,
    /// As `Trimmed`, each section's diff cut to a share of the room.
    Capped(usize),
    /// The table only.
    None,
}

/// The diff as GitHub-flavoured Markdown of fewer than `max_chars`
/// characters (GitHub's comment limit is 65,536).
pub fn render(diff: &StatementDiff, max_chars: usize) -> String {
    let head = header(diff);
    let changed: Vec<(String, &[Block], Option<&SectionDiff>)> = diff
        .sections
        .iter()
        .filter(|s| s.status != Status::Unchanged)
        .map(|s| (s.title.clone(), s.blocks.as_slice(), Some(s)))
        .chain(other_changed(diff).then(|| {
            (
                "Text outside the required sections".to_owned(),
                diff.other.blocks.as_slice(),
                None,
            )
        }))
        .collect();
    let mut args = code_arg(&diff.from);
    if diff.to != super::git::WORKTREE {
        args = format!("{args} {}", code_arg(&diff.to));
    }
    let shortened = format!(
        "\n> [!NOTE]\n> The diffs are shortened to fit a comment. `psdoc diff {args} --format html` shows them in full.\n"
    );
    let fits = |s: &str| s.chars().count() < max_chars;

    let mut attempts = vec![Detail::Full, Detail::Trimmed];
    let room = max_chars.saturating_sub(head.chars().count() + shortened.chars().count() + 200);
    if !changed.is_empty() {
        for divisor in [1, 2, 4, 8] {
            attempts.push(Detail::Capped(room / changed.len() / divisor));
        }
    }
    attempts.push(Detail::None);
    for detail in attempts {
        let mut out = head.clone();
        for (title, blocks, section) in &changed {
            out.push_str(&details(diff, title, blocks, *section, detail));
        }
        if detail != Detail::Full && !changed.is_empty() {
            out.push_str(&shortened);
        }
        if fits(&out) {
            return out;
        }
    }
    // Even the table does not fit: cut at a line, keeping the note.
    let mut out = String::new();
    let budget = max_chars.saturating_sub(shortened.chars().count() + 1);
    for line in head.lines() {
        if out.chars().count() + line.chars().count() + 1 > budget {
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&shortened);
    if fits(&out) {
        out
    } else {
        out.chars().take(max_chars.saturating_sub(1)).collect()
    }
}

fn code_arg(s: &str) -> String {
    s.replace('`', "")
}

fn header(diff: &StatementDiff) -> String {
    let mut out = String::new();
    let to = if diff.to == super::git::WORKTREE {
        "the working tree".to_owned()
    } else {
        format!("`{}`", code_arg(&diff.to))
    };
    out.push_str(&format!(
        "### Position statement changes: `{}` \u{2192} {to}\n\n",
        code_arg(&diff.from)
    ));
    let over = if diff.total_after > diff.limit as usize {
        format!(
            " \u{26a0}\u{fe0f} **{} over the limit**",
            thousands(diff.total_after - diff.limit as usize)
        )
    } else {
        String::new()
    };
    out.push_str(&format!(
        "**{} words** of {} (was {}: {}){over}. {}\n\n",
        thousands(diff.total_after),
        thousands(diff.limit as usize),
        thousands(diff.total_before),
        signed(delta(diff.total_before, diff.total_after)),
        headline(diff),
    ));
    // Every row and the total add up as shown: Change = Inserted - Deleted
    // + Moved in - Moved out.
    out.push_str(
        "| Section | Status | Words | Change | Inserted | Deleted | Moved in | Moved out | Evidence | QIs |\n",
    );
    out.push_str("|---|---|--:|--:|--:|--:|--:|--:|---|---|\n");
    for (row, f) in rows(diff) {
        // Words and change, then inserted, deleted, moved in and moved out.
        let [before, after, change, moves @ ..] = f.columns();
        let moves = moves.join(" | ");
        let cells = format!("{before} \u{2192} {after} | {change} | {moves}");
        out.push_str(&match row {
            Row::Section(s) => {
                let CitationChanges { evidence, qis } =
                    CitationChanges::of(&diff.prefix, s, ["+", "\u{2212}", "+", "\u{2212}"]);
                format!(
                    "| {} | {} | {} | {} | {} |\n",
                    escape(&s.title),
                    s.status.as_str(),
                    cells,
                    or_no_change(&evidence, " "),
                    or_no_change(&qis, " "),
                )
            }
            Row::Other => format!("| _Other text_ | | {cells} | | |\n"),
            Row::Total => format!(
                "| **Total** | | **{before} \u{2192} {after}** | **{change}** | {moves} | | |\n"
            ),
        });
    }
    let documents = document_changes(diff, ["added ", "removed "]);
    for change in &documents {
        out.push_str(&format!("\nDocument log: {change}."));
    }
    if !documents.is_empty() {
        out.push('\n');
    }
    out
}

fn details(
    diff: &StatementDiff,
    title: &str,
    blocks: &[Block],
    section: Option<&SectionDiff>,
    detail: Detail,
) -> String {
    if detail == Detail::None {
        return String::new();
    }
    let figures = match section {
        Some(s) => format!(
            "{}: {}",
            s.status.as_str(),
            short_figures(Figures::of_section(s))
        ),
        None => short_figures(Figures::of_other(&diff.other)),
    };
    let mut body = String::new();
    let mut shown = 0;
    let mut unchanged = 0;
    let total_changes = blocks.iter().filter(|b| b.change.is_change()).count();
    for (i, b) in blocks.iter().enumerate() {
        if !b.change.is_change() {
            unchanged += 1;
            continue;
        }
        let text = block(diff, move_end(blocks, i), b, detail);
        if let Detail::Capped(cap) = detail
            && body.chars().count() + text.chars().count() > cap
        {
            break;
        }
        if unchanged > 0 {
            body.push_str(&unchanged_note(unchanged));
            unchanged = 0;
        }
        body.push_str(&text);
        shown += 1;
    }
    if shown < total_changes {
        let n = total_changes - shown;
        body.push_str(&format!(
            "_\u{2026} and {n} more changed block{} not shown here._\n\n",
            if n == 1 { "" } else { "s" }
        ));
    } else if unchanged > 0 {
        body.push_str(&unchanged_note(unchanged));
    }
    format!(
        "\n<details><summary><b>{}</b> \u{2014} {figures}</summary>\n\n{body}</details>\n",
        escape(title)
    )
}

/// "441 → 447 words (+13 −7, 18 moved in)": the moves only when there are
/// any.
fn short_figures(f: Figures) -> String {
    let mut moves = String::new();
    for (n, what) in [
        (f.moved_in, "moved in"),
        (f.moved_out, "moved out"),
        (f.moved_within, "moved within"),
    ] {
        if n > 0 {
            moves.push_str(&format!(", {} {what}", thousands(n)));
        }
    }
    format!(
        "{} (+{} \u{2212}{}{moves})",
        f.words(),
        thousands(f.inserted),
        thousands(f.deleted),
    )
}

fn unchanged_note(n: usize) -> String {
    format!(
        "_({n} unchanged block{})_\n\n",
        if n == 1 { "" } else { "s" }
    )
}

fn block(diff: &StatementDiff, end: Option<MoveEnd>, b: &Block, detail: Detail) -> String {
    let trim = detail != Detail::Full;
    let kind = match b.kind {
        BlockKind::Heading(_) => "heading",
        BlockKind::ListItem => "list item",
        BlockKind::TableCell { .. } => "table cell",
        _ => "",
    };
    let what = |verb: &str| {
        if kind.is_empty() {
            verb.to_owned()
        } else {
            format!("{verb} {kind}")
        }
    };
    let spans = |limit: bool| -> String {
        b.spans
            .iter()
            .enumerate()
            .map(|(i, s)| match s.op {
                Op::Equal if limit => escape(&context(&s.text, i == 0, i + 1 == b.spans.len())),
                Op::Equal => escape(&s.text),
                Op::Insert => format!("<ins>{}</ins>", escape(&s.text)),
                Op::Delete => format!("<del>{}</del>", escape(&s.text)),
            })
            .collect()
    };
    let whole = |limit: usize| -> String {
        let text: String = b.spans.iter().map(|s| s.text.as_str()).collect();
        escape(&if trim {
            super::term::excerpt(&text, limit)
        } else {
            text
        })
    };
    let other_end = match end {
        Some(MoveEnd::Above) => "further up this section".to_owned(),
        Some(MoveEnd::Below) => "further down this section".to_owned(),
        Some(MoveEnd::Section(slot)) => {
            format!("\u{201c}{}\u{201d}", escape(&diff.slot_title(slot)))
        }
        None => String::new(),
    };
    let line = match b.change {
        BlockChange::Unchanged => return String::new(),
        BlockChange::Inserted => format!(
            "**{}:** <ins>{}</ins>",
            capital(&what("inserted")),
            whole(60)
        ),
        BlockChange::Deleted => format!(
            "**{}:** <del>{}</del>",
            capital(&what("deleted")),
            whole(30)
        ),
        BlockChange::Edited => format!("**{}:** {}", capital(&what("edited")), spans(trim)),
        BlockChange::MovedIn { edited: false, .. } => {
            format!(
                "**{} from {other_end}:** {}",
                capital(&what("moved")),
                whole(20)
            )
        }
        BlockChange::MovedIn { edited: true, .. } => {
            format!(
                "**{} from {other_end}, edited:** {}",
                capital(&what("moved")),
                spans(trim)
            )
        }
        BlockChange::MovedOut { .. } => {
            format!(
                "**{} {}{other_end}:** _{}_",
                capital(&what("moved")),
                if matches!(end, Some(MoveEnd::Section(_))) {
                    "to "
                } else {
                    ""
                },
                escape(&super::term::excerpt(&b.spans[0].text, 12))
            )
        }
    };
    format!("{line}\n\n")
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// An unchanged run inside an edited paragraph, cut to a few words next to
/// the changes.
fn context(text: &str, first: bool, last: bool) -> String {
    const KEEP: usize = 8;
    let spans: Vec<_> = psdoc_core::words::word_spans(text).collect();
    if spans.len() <= KEEP * 2 + 2 {
        return text.to_owned();
    }
    let head_end = spans[KEEP - 1].end;
    let tail_start = spans[spans.len() - KEEP].start;
    match (first, last) {
        (true, true) => text.to_owned(),
        (true, false) => format!("\u{2026} {}", &text[tail_start..]),
        (false, true) => format!("{} \u{2026}", &text[..head_end]),
        (false, false) => format!("{} \u{2026} {}", &text[..head_end], &text[tail_start..]),
    }
}

/// Statement text made inert in GitHub Markdown (no markup, HTML, links,
/// mentions or references: `crate::text::inert`), its line breaks kept.
pub(crate) fn escape(text: &str) -> String {
    text.split('\n')
        .map(|line| psdoc_core::text::inert::markdown(line.strip_suffix('\r').unwrap_or(line)))
        .collect::<Vec<_>>()
        .join("<br>")
}
