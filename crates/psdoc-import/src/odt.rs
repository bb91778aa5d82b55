//! OpenDocument text (.odt, as LibreOffice saves it): `content.xml` read with
//! its automatic styles (bold, italic, struck-through spans; numbered or
//! bulleted lists). Headings are `text:h` with their outline level. Frames
//! (images, text boxes), comments and tracked changes are reported.

use std::collections::HashMap;

use crate::container::Zip;
use crate::error::{Error, Result};
use crate::model::{Block, ListItem, Run, Source, plain};
use crate::runs::{Format, GapKind, append_paragraph, gap, push_gap, record_gap};
use crate::xml::{Element, Node};

struct Reader {
    /// Text style name to its formatting.
    text_styles: HashMap<String, (bool, bool, bool)>,
    /// List style name to (level to ordered?).
    lists: HashMap<String, HashMap<u8, bool>>,
    source: Source,
    paragraph: usize,
}

/// A member of the file, parsed.
fn parse(zip: &mut Zip, name: &str) -> Result<Option<Element>> {
    zip.xml(name, "OpenDocument")
}

/// A comment, in OpenDocument's words (no "in Word").
const COMMENT: GapKind = (
    "a comment",
    "left out: comments are not part of the statement; answer them, or keep them as <!-- notes --> in the chapter",
);
/// A tracked change inside a paragraph, read as the document shows it.
const TRACKED_CHANGE: GapKind = (
    "a tracked change",
    "imported as the document shows it: accept or reject the changes and import again if that is not what you want",
);
/// The document's record of tracked changes.
const TRACKED_CHANGES: GapKind = (
    "tracked changes",
    "imported as the document shows them: accept or reject the changes in LibreOffice or Word and import again if that is not what you want",
);

pub fn read(zip: &mut Zip) -> Result<Source> {
    if let Some(manifest) = zip.read("META-INF/manifest.xml")?
        && String::from_utf8_lossy(&manifest).contains("encryption-data")
    {
        return Err(Error::Encrypted {
            file: zip.path.clone(),
        });
    }
    let content = parse(zip, "content.xml")?
        .ok_or_else(|| zip.corrupt("OpenDocument", "it has no content.xml".into()))?;
    let mut reader = Reader {
        text_styles: HashMap::new(),
        lists: HashMap::new(),
        source: Source::default(),
        paragraph: 0,
    };
    if let Some(styles) = parse(zip, "styles.xml")? {
        reader.styles(&styles);
    }
    reader.styles(&content);
    if let Some(meta) = parse(zip, "meta.xml")? {
        reader.source.title = meta.title();
    }
    let text = content
        .find("body")
        .and_then(|b| b.child("text"))
        .ok_or_else(|| {
            zip.corrupt(
                "OpenDocument",
                "content.xml has no text body (is it a spreadsheet or a presentation?)".into(),
            )
        })?;
    let mut blocks = Vec::new();
    reader.blocks(text, &mut blocks, None);
    reader.source.blocks = blocks;
    Ok(reader.source)
}

impl Reader {
    fn styles(&mut self, root: &Element) {
        let mut styles = Vec::new();
        root.find_all("style", &mut styles);
        for style in styles {
            let (Some(name), Some(props)) = (style.attr("name"), style.child("text-properties"))
            else {
                continue;
            };
            let bold = props
                .attr("font-weight")
                .is_some_and(|w| w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600));
            let italic = props
                .attr("font-style")
                .is_some_and(|s| s == "italic" || s == "oblique");
            let strike = props
                .attr("text-line-through-style")
                .is_some_and(|s| s != "none");
            self.text_styles
                .insert(name.to_owned(), (bold, italic, strike));
        }
        let mut lists = Vec::new();
        root.find_all("list-style", &mut lists);
        for list in lists {
            let Some(name) = list.attr("name") else {
                continue;
            };
            let levels = list
                .elements()
                .filter_map(|l| {
                    let level: u8 = l.attr("level")?.parse().ok()?;
                    Some((level.saturating_sub(1), l.name == "list-level-style-number"))
                })
                .collect();
            self.lists.insert(name.to_owned(), levels);
        }
    }

    fn gap(&mut self, kind: GapKind, runs: &[Run]) {
        record_gap(&mut self.source, self.paragraph, kind, runs);
    }

    /// Block content; `list`: the enclosing list's style and level.
    fn blocks(&mut self, parent: &Element, out: &mut Vec<Block>, list: Option<(&str, u8)>) {
        for e in parent.elements() {
            match e.name.as_str() {
                "h" => {
                    self.paragraph += 1;
                    let runs = self.paragraph_runs(e);
                    let level = e
                        .attr("outline-level")
                        .and_then(|l| l.parse::<u8>().ok())
                        .unwrap_or(1)
                        .clamp(1, 9);
                    if !plain(&runs).trim().is_empty() {
                        out.push(Block::Heading { level, runs });
                    }
                }
                "p" => {
                    self.paragraph += 1;
                    let runs = self.paragraph_runs(e);
                    if plain(&runs).trim().is_empty() && !runs.iter().any(|r| r.footnote.is_some())
                    {
                        continue;
                    }
                    let item = list.map(|(style, level)| ListItem {
                        level,
                        ordered: self
                            .lists
                            .get(style)
                            .and_then(|l| l.get(&level))
                            .copied()
                            .unwrap_or(false),
                    });
                    out.push(Block::Paragraph { runs, list: item });
                }
                "list" => {
                    let style = e.attr("style-name").map(str::to_owned);
                    let (style, level) = match (style, list) {
                        (Some(s), Some((_, l))) => (s, l + 1),
                        (Some(s), None) => (s, 0),
                        (None, Some((s, l))) => (s.to_owned(), l + 1),
                        (None, None) => (String::new(), 0),
                    };
                    for item in e
                        .elements()
                        .filter(|i| i.name == "list-item" || i.name == "list-header")
                    {
                        self.blocks(item, out, Some((&style, level)));
                    }
                }
                "table" => {
                    let table = self.table(e);
                    out.push(table);
                }
                "section" | "index-body" => self.blocks(e, out, list),
                "table-of-content" => self.gap(gap::TABLE_OF_CONTENTS, &[]),
                "tracked-changes" => self.gap(TRACKED_CHANGES, &[]),
                _ => {}
            }
        }
    }

    fn table(&mut self, table: &Element) -> Block {
        let mut rows = Vec::new();
        let mut row_elements = Vec::new();
        collect_rows(table, &mut row_elements);
        let mut merged = false;
        for tr in row_elements {
            let mut cells = Vec::new();
            for tc in tr
                .elements()
                .filter(|c| c.name == "table-cell" || c.name == "covered-table-cell")
            {
                if tc.name == "covered-table-cell" {
                    merged = true;
                    cells.push(Vec::new());
                    continue;
                }
                let repeat = tc
                    .attr("number-columns-repeated")
                    .and_then(|n| n.parse::<usize>().ok())
                    .unwrap_or(1)
                    .min(64);
                let mut runs: Vec<Run> = Vec::new();
                for p in tc.elements().filter(|p| p.name == "p" || p.name == "h") {
                    self.paragraph += 1;
                    let paragraph = self.paragraph_runs(p);
                    if !plain(&paragraph).trim().is_empty() {
                        append_paragraph(&mut runs, paragraph);
                    }
                }
                for _ in 0..repeat {
                    cells.push(runs.clone());
                }
            }
            rows.push(cells);
        }
        if merged {
            self.gap(gap::MERGED_CELLS, &[]);
        }
        Block::Table { rows }
    }

    fn paragraph_runs(&mut self, p: &Element) -> Vec<Run> {
        let mut runs = Vec::new();
        let mut gaps = Vec::new();
        self.inline(p, &mut runs, &Format::default(), &mut gaps);
        for kind in gaps {
            self.gap(kind, &runs);
        }
        runs
    }

    fn inline(
        &mut self,
        parent: &Element,
        runs: &mut Vec<Run>,
        format: &Format,
        gaps: &mut Vec<GapKind>,
    ) {
        for child in &parent.children {
            match child {
                Node::Text(t) => push(runs, format, &t.replace(['\n', '\r', '\t'], " ")),
                Node::Element(e) => match e.name.as_str() {
                    "span" => {
                        let mut inner = format.clone();
                        if let Some((b, i, s)) =
                            e.attr("style-name").and_then(|n| self.text_styles.get(n))
                        {
                            inner.bold |= b;
                            inner.italic |= i;
                            inner.strike |= s;
                        }
                        self.inline(e, runs, &inner, gaps);
                    }
                    "a" => {
                        let inner = Format {
                            link: e.attr("href").map(str::to_owned).or(format.link.clone()),
                            ..format.clone()
                        };
                        self.inline(e, runs, &inner, gaps);
                    }
                    "s" => {
                        let n = e
                            .attr("c")
                            .and_then(|c| c.parse::<usize>().ok())
                            .unwrap_or(1)
                            .min(64);
                        push(runs, format, &" ".repeat(n));
                    }
                    "tab" => push(runs, format, " "),
                    "line-break" => runs.push(Run {
                        line_break: true,
                        ..format.run(String::new())
                    }),
                    "note" => {
                        if e.attr("note-class") == Some("endnote") {
                            push_gap(gaps, gap::ENDNOTE);
                            continue;
                        }
                        let mut note = Vec::new();
                        if let Some(body) = e.child("note-body") {
                            for p in body.elements() {
                                let mut inner = Vec::new();
                                self.inline(p, &mut inner, &Format::default(), gaps);
                                append_paragraph(&mut note, inner);
                            }
                        }
                        self.source.footnotes.push(note);
                        runs.push(Run {
                            footnote: Some(self.source.footnotes.len()),
                            ..format.run(String::new())
                        });
                    }
                    "frame" => push_gap(
                        gaps,
                        if e.find("text-box").is_some() {
                            gap::TEXT_BOX
                        } else {
                            gap::IMAGE
                        },
                    ),
                    "annotation" => push_gap(gaps, COMMENT),
                    "change" | "change-start" => push_gap(gaps, TRACKED_CHANGE),
                    "bookmark"
                    | "bookmark-start"
                    | "bookmark-end"
                    | "soft-page-break"
                    | "annotation-end"
                    | "change-end"
                    | "reference-mark"
                    | "reference-mark-start"
                    | "reference-mark-end" => {}
                    _ => self.inline(e, runs, format, gaps),
                },
            }
        }
    }
}

fn collect_rows<'a>(parent: &'a Element, out: &mut Vec<&'a Element>) {
    for e in parent.elements() {
        match e.name.as_str() {
            "table-row" => out.push(e),
            "table-header-rows" | "table-rows" | "table-row-group" => collect_rows(e, out),
            _ => {}
        }
    }
}

/// Appends text as [`crate::runs::push`] does; empty text (`<text:s text:c="0"/>`,
/// an empty text node) adds no run here, where Word's reader keeps one.
fn push(runs: &mut Vec<Run>, format: &Format, text: &str) {
    if !text.is_empty() {
        crate::runs::push(runs, format, text);
    }
}
