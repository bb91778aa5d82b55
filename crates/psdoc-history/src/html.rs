//! `psdoc diff --format html` and `psdoc history --format html`: one
//! self-contained page an inspector can open offline (no script, no fonts,
//! nothing fetched), laid out like a word processor's tracked changes.
//!
//! Accessibility (WCAG 2.2 AA): insertions and deletions are `<ins>` and
//! `<del>`, underlined and struck through as well as coloured, each changed
//! block carries a written label ("Inserted", "Moved from ..."), and screen
//! readers hear where each insertion and deletion starts and ends; headings
//! give the outline; a skip link and a section navigator work from the
//! keyboard with a visible focus; text contrast is at least 4.5:1; each
//! chart has a title and a description, and its figures are in a table too.

use super::diff::{
    Block, BlockChange, BlockKind, MoveEnd, SectionDiff, Slot, StatementDiff, Status, move_end,
};
use super::figures::{
    CitationChanges, Figures, Row, delta, document_changes, headline, or_no_change, other_changed,
    other_has_words, rows, signed,
};
use super::svg::{BarRow, Series, before_after, over_time};
use super::timeline::History;
use super::word_diff::Op;
use psdoc_core::heading::SectionKey;
use psdoc_core::text::escape_html as esc;
use psdoc_core::text::thousands;
use psdoc_guidance::SectionSpec;

const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; background: #fff; }
a { color: #1d4ed8; }
a:focus-visible, summary:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; }
header { padding: 1.25rem 1.5rem; border-bottom: 1px solid #d1d5db; }
h1 { font-size: 1.6rem; margin: 0 0 .4rem; }
.layout { display: flex; align-items: flex-start; }
nav { position: sticky; top: 0; flex: 0 0 17rem; max-height: 100vh; overflow-y: auto; padding: 1rem 1.25rem; border-right: 1px solid #d1d5db; background: #f9fafb; }
nav h2 { font-size: 1rem; margin: 0 0 .5rem; }
nav ol { list-style: none; margin: 0; padding: 0; }
nav li { margin: 0 0 .5rem; }
nav .meta { display: block; font-size: .85rem; color: #374151; }
main { flex: 1; min-width: 0; padding: 1rem 2rem 3rem; max-width: 62rem; }
@media (max-width: 48rem) { .layout { display: block; } nav { position: static; max-height: none; border-right: 0; border-bottom: 1px solid #d1d5db; } main { padding: 1rem; } }
table { border-collapse: collapse; margin: 1rem 0; font-size: .95rem; }
th, td { border: 1px solid #d1d5db; padding: .3rem .6rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
.status { display: inline-block; font-size: .8rem; font-weight: bold; padding: 0 .4rem; border-radius: .25rem; border: 1px solid currentColor; }
.status-added { color: #0a3d1a; background: #d8f3dc; }
.status-removed { color: #7f1d1d; background: #fde2e1; }
.status-changed { color: #5b21b6; background: #ede9fe; }
.status-unchanged { color: #374151; background: #f3f4f6; }
ins { background: #d8f3dc; color: #0a3d1a; text-decoration: underline 2px; text-underline-offset: 2px; }
del { background: #fde2e1; color: #7f1d1d; text-decoration: line-through 2px; }
ins::before, ins::after, del::before, del::after { clip-path: inset(100%); clip: rect(1px, 1px, 1px, 1px); height: 1px; width: 1px; overflow: hidden; position: absolute; white-space: nowrap; }
ins::before { content: " [insertion start] "; }
ins::after { content: " [insertion end] "; }
del::before { content: " [deletion start] "; }
del::after { content: " [deletion end] "; }
.doc { border: 1px solid #d1d5db; padding: .5rem 1.25rem; border-radius: .25rem; }
.blk { margin: .6rem 0; }
.chg { border-left: 4px solid; padding: .15rem 0 .15rem .75rem; }
.chg-ins { border-color: #15803d; }
.chg-del { border-color: #b91c1c; }
.chg-edit { border-color: #5b21b6; }
.chg-move { border-color: #0369a1; border-left-style: double; border-left-width: 6px; }
.label { display: block; font-size: .8rem; font-weight: bold; color: #374151; }
.away { color: #374151; font-style: italic; }
.unchanged-run summary { cursor: pointer; color: #374151; font-size: .9rem; }
.figures { color: #374151; }
.heading { font-weight: bold; }
figure { margin: 1rem 0; }
figcaption { font-size: .9rem; color: #374151; }
dl.key { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.key dt { font-weight: bold; }
dl.key dd { margin: 0; }
@media print { nav { display: none; } .unchanged-run { display: none; } }
"#;

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"psdoc\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the changes</a>\n{body}</body>\n</html>\n",
        esc(title)
    )
}

fn anchor(slot: Slot) -> String {
    match slot {
        Slot::Section(key) => format!("s-{}", key.key()),
        Slot::Other => "s-other".to_owned(),
    }
}

/// A section's short name for charts and tables, from the profile that
/// defines it.
fn chart_label(slot: Slot, spec: impl Fn(SectionKey) -> Option<&'static SectionSpec>) -> String {
    match slot {
        Slot::Section(key) => spec(key).map_or(key.key(), |s| s.label.as_str()).to_owned(),
        Slot::Other => "Other text".to_owned(),
    }
}

fn status_badge(status: Status) -> String {
    format!(
        "<span class=\"status status-{0}\">{0}</span>",
        status.as_str()
    )
}

/// The diff as one self-contained HTML page.
pub fn render(diff: &StatementDiff) -> String {
    let to = if diff.to == super::git::WORKTREE {
        "the working tree".to_owned()
    } else {
        diff.to.clone()
    };
    let title = format!("Position statement changes: {} to {to}", diff.from);
    let mut body = String::new();
    body.push_str(&format!(
        "<header>\n<h1>{}</h1>\n<p>{} words of {} (was {}: {}). {}</p>\n</header>\n",
        esc(&title),
        thousands(diff.total_after),
        thousands(diff.limit as usize),
        thousands(diff.total_before),
        signed(delta(diff.total_before, diff.total_after)),
        esc(&headline(diff))
    ));
    body.push_str("<div class=\"layout\">\n");

    // The navigator.
    body.push_str("<nav aria-labelledby=\"nav-h\">\n<h2 id=\"nav-h\">Sections</h2>\n<ol>\n<li><a href=\"#summary\">Summary</a></li>\n");
    for s in &diff.sections {
        body.push_str(&format!(
            "<li><a href=\"#{}\">{}</a><span class=\"meta\">{} \u{b7} {} words</span></li>\n",
            anchor(Slot::Section(s.key)),
            esc(&s.title),
            s.status.as_str(),
            signed(delta(s.words_before, s.words_after))
        ));
    }
    let other_changed = other_changed(diff);
    if other_changed {
        body.push_str(&format!(
            "<li><a href=\"#s-other\">Text outside the required sections</a><span class=\"meta\">{} words</span></li>\n",
            signed(delta(diff.other.words_before, diff.other.words_after))
        ));
    }
    body.push_str("</ol>\n</nav>\n<main id=\"main\" tabindex=\"-1\">\n");

    // Summary: chart, table, key.
    body.push_str("<section id=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Summary</h2>\n");
    let mut bars: Vec<BarRow> = diff
        .sections
        .iter()
        .map(|s| BarRow {
            label: chart_label(Slot::Section(s.key), |k| diff.spec(k)),
            before: s.words_before,
            after: s.words_after,
        })
        .collect();
    if other_has_words(diff) {
        bars.push(BarRow {
            label: chart_label(Slot::Other, |k| diff.spec(k)),
            before: diff.other.words_before,
            after: diff.other.words_after,
        });
    }
    body.push_str("<figure>\n");
    body.push_str(&before_after(
        "chart",
        "Words per section, before and after",
        &bars,
        &diff.from,
        &to,
    ));
    body.push_str("<figcaption>Words per section: hatched grey bars before, solid blue bars after. The table gives the same figures.</figcaption>\n</figure>\n");
    body.push_str(&summary_table(diff));
    body.push_str(
        "<h3>Key</h3>\n<dl class=\"key\">\n<dt><ins>inserted text</ins></dt><dd>underlined, green: words added</dd>\n<dt><del>deleted text</del></dt><dd>struck through, red: words removed</dd>\n<dt>Moved from / Moved to</dt><dd>a paragraph that moved (double line at its left), with any edits marked inside it</dd>\n</dl>\n</section>\n",
    );

    for s in &diff.sections {
        body.push_str(&section(
            diff,
            Slot::Section(s.key),
            &s.title,
            Some(s),
            &s.blocks,
        ));
    }
    if other_changed {
        body.push_str(&section(
            diff,
            Slot::Other,
            "Text outside the required sections",
            None,
            &diff.other.blocks,
        ));
    }
    body.push_str("</main>\n</div>\n");
    page(&title, &body)
}

/// Words, evidence and quality indicators by section; every row and the
/// total add up as shown: Change = Inserted - Deleted + Moved in - Moved out.
fn summary_table(diff: &StatementDiff) -> String {
    let mut t = String::from(
        "<table>\n<caption>Words and evidence by section (change = inserted \u{2212} deleted + moved in \u{2212} moved out)</caption>\n<thead><tr><th scope=\"col\">Section</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"n\">Before</th><th scope=\"col\" class=\"n\">After</th><th scope=\"col\" class=\"n\">Change</th><th scope=\"col\" class=\"n\">Inserted</th><th scope=\"col\" class=\"n\">Deleted</th><th scope=\"col\" class=\"n\">Moved in</th><th scope=\"col\" class=\"n\">Moved out</th><th scope=\"col\">Evidence</th><th scope=\"col\">Quality indicators</th></tr></thead>\n<tbody>\n",
    );
    let cells = |f: &Figures| {
        f.columns()
            .map(|figure| format!("<td class=\"n\">{figure}</td>"))
            .concat()
    };
    for (row, f) in rows(diff) {
        match row {
            Row::Section(s) => {
                let CitationChanges { evidence, qis } = CitationChanges::of(
                    &diff.prefix,
                    s,
                    ["cited: ", "no longer cited: ", "added: ", "removed: "],
                );
                t.push_str(&format!(
                    "<tr><th scope=\"row\"><a href=\"#{}\">{}</a></th><td>{}</td>{}<td>{}</td><td>{}</td></tr>\n",
                    anchor(Slot::Section(s.key)),
                    esc(&s.title),
                    status_badge(s.status),
                    cells(&f),
                    esc(&or_no_change(&evidence, "; ")),
                    esc(&or_no_change(&qis, "; "))
                ));
            }
            // References outside the required sections are not compared.
            Row::Other => t.push_str(&format!(
                "<tr><th scope=\"row\">Other text</th><td></td>{}<td>not compared</td><td>not compared</td></tr>\n",
                cells(&f)
            )),
            Row::Total => t.push_str(&format!(
                "</tbody>\n<tfoot><tr><th scope=\"row\">Total</th><td>limit {}</td>{}<td colspan=\"2\">{}</td></tr></tfoot>\n</table>\n",
                thousands(diff.limit as usize),
                cells(&f),
                esc(&match document_changes(diff, ["log added: ", "log removed: "]).join("; ") {
                    l if l.is_empty() => "document log unchanged".to_owned(),
                    l => l,
                })
            )),
        }
    }
    t
}

fn section(
    diff: &StatementDiff,
    slot: Slot,
    title: &str,
    s: Option<&SectionDiff>,
    blocks: &[Block],
) -> String {
    let id = anchor(slot);
    let mut out = format!(
        "<section id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">{}",
        esc(title)
    );
    if let Some(s) = s {
        out.push_str(&format!(" {}", status_badge(s.status)));
    }
    out.push_str("</h2>\n");
    let figures = match s {
        Some(s) => Figures::of_section(s),
        None => Figures::of_other(&diff.other),
    };
    out.push_str(&format!(
        "<p class=\"figures\">{} ({}): {}.</p>\n",
        figures.words(),
        figures.change(),
        esc(&figures.changes())
    ));
    if let Some(s) = s {
        let CitationChanges { evidence, qis } = CitationChanges::of(
            &diff.prefix,
            s,
            [
                "Evidence now cited: ",
                "Evidence no longer cited: ",
                "Quality indicators added: ",
                "Quality indicators removed: ",
            ],
        );
        let notes: Vec<String> = evidence
            .iter()
            .chain(&qis)
            .map(|note| format!("{note}."))
            .collect();
        if !notes.is_empty() {
            out.push_str(&format!("<p>{}</p>\n", esc(&notes.join(" "))));
        }
        if s.status == Status::Unchanged {
            out.push_str("<p>No change to this section's text.</p>\n");
        }
    }
    out.push_str("<div class=\"doc\">\n");
    let min_level = blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Heading(l) => Some(l),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let mut i = 0;
    while i < blocks.len() {
        // Unchanged runs (headings aside) fold away.
        let run = blocks[i..]
            .iter()
            .take_while(|b| !b.change.is_change() && !matches!(b.kind, BlockKind::Heading(_)))
            .count();
        if run >= 2 {
            out.push_str(&format!(
                "<details class=\"unchanged-run\"><summary>{run} unchanged blocks</summary>\n"
            ));
            for k in i..i + run {
                out.push_str(&block(diff, blocks, k, min_level));
            }
            out.push_str("</details>\n");
            i += run;
            continue;
        }
        out.push_str(&block(diff, blocks, i, min_level));
        i += 1;
    }
    out.push_str("</div>\n</section>\n");
    out
}

fn block(diff: &StatementDiff, blocks: &[Block], at: usize, min_level: u8) -> String {
    let b = &blocks[at];
    let spans: String = b
        .spans
        .iter()
        .map(|s| match s.op {
            Op::Equal => esc(&s.text),
            Op::Insert => format!("<ins>{}</ins>", esc(&s.text)),
            Op::Delete => format!("<del>{}</del>", esc(&s.text)),
        })
        .collect();
    let whole: String = b.spans.iter().map(|s| s.text.as_str()).collect();
    let content = match b.change {
        BlockChange::Inserted => format!("<ins>{}</ins>", esc(&whole)),
        BlockChange::Deleted => format!("<del>{}</del>", esc(&whole)),
        BlockChange::MovedOut { .. } => format!(
            "<span class=\"away\">{}</span>",
            esc(&super::term::excerpt(&whole, 25))
        ),
        _ => spans,
    };
    let kind_word = match b.kind {
        BlockKind::Heading(_) => " heading",
        BlockKind::ListItem => " list item",
        BlockKind::TableCell { .. } => " table cell",
        _ => "",
    };
    let other_end = |id: usize, incoming: bool| {
        let target = format!("#move-{id}-{}", if incoming { "from" } else { "to" });
        match move_end(blocks, at) {
            Some(MoveEnd::Above) => format!("<a href=\"{target}\">further up this section</a>"),
            Some(MoveEnd::Below) => format!("<a href=\"{target}\">further down this section</a>"),
            Some(MoveEnd::Section(slot)) => {
                format!("<a href=\"{target}\">{}</a>", esc(&diff.slot_title(slot)))
            }
            None => String::new(),
        }
    };
    let (class, label) = match b.change {
        BlockChange::Unchanged => ("", String::new()),
        BlockChange::Inserted => (" chg chg-ins", format!("Inserted{kind_word}")),
        BlockChange::Deleted => (" chg chg-del", format!("Deleted{kind_word}")),
        BlockChange::Edited => (" chg chg-edit", format!("Edited{kind_word}")),
        BlockChange::MovedIn { edited, id, .. } => (
            " chg chg-move",
            format!(
                "Moved{kind_word} from {}{}",
                other_end(id, true),
                if edited { ", and edited" } else { "" }
            ),
        ),
        BlockChange::MovedOut { id, .. } => (
            " chg chg-move",
            format!(
                "Moved{kind_word} {}{}",
                if matches!(move_end(blocks, at), Some(MoveEnd::Section(_))) {
                    "to "
                } else {
                    ""
                },
                other_end(id, false)
            ),
        ),
    };
    let label = if label.is_empty() {
        String::new()
    } else {
        format!("<span class=\"label\">{label}</span>")
    };
    let inner = match b.kind {
        BlockKind::Heading(level) => {
            let h = (3 + level.saturating_sub(min_level)).min(6);
            format!("<h{h} class=\"heading\">{content}</h{h}>")
        }
        BlockKind::ListItem => format!("<ul><li>{content}</li></ul>"),
        BlockKind::TableCell { .. } => format!("<p>\u{2502} {content}</p>"),
        BlockKind::Code => format!("<pre>{content}</pre>"),
        _ => format!("<p>{content}</p>"),
    };
    let id = match b.change {
        BlockChange::MovedIn { id, .. } => format!(" id=\"move-{id}-to\""),
        BlockChange::MovedOut { id, .. } => format!(" id=\"move-{id}-from\""),
        _ => String::new(),
    };
    format!("<div class=\"blk{class}\"{id}>{label}{inner}</div>\n")
}

/// The history as one self-contained HTML page with a chart.
pub fn render_history(history: &History) -> String {
    let title = "Position statement over time";
    let mut body = String::new();
    body.push_str(&format!("<header>\n<h1>{title}</h1>\n"));
    if let (Some(first), Some(last)) = (history.revisions.first(), history.revisions.last()) {
        body.push_str(&format!(
            "<p>{} revisions from {} ({}) to {} ({}): {} words, then {} of {}.</p>\n",
            history.revisions.len(),
            esc(&first.revision),
            esc(&first.date),
            esc(&last.revision),
            esc(&last.date),
            thousands(first.total),
            thousands(last.total),
            thousands(last.limit as usize)
        ));
    } else {
        body.push_str("<p>No revision holds a statement.</p>\n");
    }
    body.push_str("</header>\n<main id=\"main\" tabindex=\"-1\">\n");
    let keys = history.keys();
    if !history.revisions.is_empty() {
        let revisions: Vec<String> = history
            .revisions
            .iter()
            .map(|p| p.revision.clone())
            .collect();
        let mut series: Vec<Series> = keys
            .iter()
            .map(|&k| Series {
                label: chart_label(Slot::Section(k), |k| history.spec(k)),
                values: history
                    .revisions
                    .iter()
                    .map(|p| p.section_words(k).unwrap_or(0))
                    .collect(),
            })
            .collect();
        if history.revisions.iter().any(|p| p.other > 0) {
            series.push(Series {
                label: chart_label(Slot::Other, |k| history.spec(k)),
                values: history.revisions.iter().map(|p| p.other).collect(),
            });
        }
        let totals: Vec<usize> = history.revisions.iter().map(|p| p.total).collect();
        let limits: Vec<u32> = history.revisions.iter().map(|p| p.limit).collect();
        body.push_str("<section aria-labelledby=\"chart-h\">\n<h2 id=\"chart-h\">Words over time</h2>\n<figure>\n");
        body.push_str(&over_time(
            "chart",
            "Total words against the limit, and words per section, by revision",
            &revisions,
            &series,
            &totals,
            &limits,
        ));
        body.push_str("<figcaption>Above: the statement's total (solid) and the word limit (dashed red). Below: each section, told apart by colour, line pattern and marker shape. The table gives every figure.</figcaption>\n</figure>\n</section>\n");

        body.push_str("<section aria-labelledby=\"table-h\">\n<h2 id=\"table-h\">Figures by revision</h2>\n<table>\n<caption>Words per section, evidence cited and focus quality indicators covered</caption>\n<thead><tr><th scope=\"col\">Revision</th><th scope=\"col\">Date</th>");
        for k in &keys {
            body.push_str(&format!(
                "<th scope=\"col\" class=\"n\"><abbr title=\"{}\">{}</abbr></th>",
                esc(history.spec(*k).map_or(k.key(), |s| s.heading.as_str())),
                esc(&chart_label(Slot::Section(*k), |k| history.spec(k)))
            ));
        }
        body.push_str("<th scope=\"col\" class=\"n\">Other</th><th scope=\"col\" class=\"n\">Total</th><th scope=\"col\" class=\"n\">Limit</th><th scope=\"col\" class=\"n\">Evidence cited / logged</th><th scope=\"col\">Focus QIs covered</th></tr></thead>\n<tbody>\n");
        for p in &history.revisions {
            body.push_str(&format!(
                "<tr><th scope=\"row\"><span title=\"{}\">{}</span></th><td>{}</td>",
                esc(&p.summary),
                esc(&p.revision),
                esc(&p.date)
            ));
            for k in &keys {
                body.push_str(&format!(
                    "<td class=\"n\">{}</td>",
                    p.section_words(*k)
                        .map_or_else(|| "\u{2013}".to_owned(), thousands)
                ));
            }
            body.push_str(&format!(
                "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{} / {}</td><td>{} of {}{}</td></tr>\n",
                thousands(p.other),
                thousands(p.total),
                thousands(p.limit as usize),
                p.evidence.cited,
                p.evidence.logged,
                p.qi_coverage.covered.len(),
                p.qi_coverage.focus,
                if p.qi_coverage.covered.is_empty() { String::new() } else { format!(": {}", esc(&p.qi_coverage.covered.join(", "))) }
            ));
        }
        body.push_str("</tbody>\n</table>\n</section>\n");
    }
    if !history.skipped.is_empty() {
        body.push_str("<section aria-labelledby=\"skipped-h\">\n<h2 id=\"skipped-h\">Revisions without a statement</h2>\n<ul>\n");
        for s in &history.skipped {
            body.push_str(&format!(
                "<li>{}: {}</li>\n",
                esc(&s.revision),
                esc(&s.reason)
            ));
        }
        body.push_str("</ul>\n</section>\n");
    }
    body.push_str("</main>\n");
    page(title, &body)
}
