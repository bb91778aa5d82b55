//! Word (.docx): `word/document.xml` read with its styles (headings are
//! paragraphs whose style has an outline level, as Word's "Heading 1" to
//! "Heading 9" do), numbering (bullets or numbers), hyperlinks and
//! footnotes. Tracked changes are read as the document shows them with
//! changes accepted; images, text boxes, comments and embedded objects are
//! reported, not converted.

use std::collections::HashMap;

use crate::container::Zip;
use crate::error::Result;
use crate::model::{Block, ListItem, Run, Source, plain};
use crate::runs::{Format, GapKind, append_paragraph, gap, push, push_gap, record_gap};
use crate::xml::{Element, Node};

/// A tracked change, read as if accepted.
const TRACKED_CHANGE: GapKind = (
    "a tracked change",
    "imported as if accepted: accept or reject the changes in Word and import again if that is not what you want",
);
/// A comment, in Word's words.
const COMMENT: GapKind = (
    "a comment",
    "left out: comments are not part of the statement; answer them in Word, or keep them as <!-- notes --> in the chapter",
);
/// Mark-up compatibility content (a text box or a drawing with fallbacks).
const TEXT_BOX_OR_DRAWING: GapKind = (
    "a text box or drawing",
    "left out: copy its text into the chapter if it belongs in the statement",
);
/// A VML picture or an embedded object.
const IMAGE_OR_OBJECT: GapKind = (
    "an image or embedded object",
    "left out: add it to the book by hand if it is needed",
);

/// A paragraph style: its name, outline level and list.
#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<(String, u8)>,
}

struct Reader {
    styles: HashMap<String, Style>,
    /// numId to (ilvl to ordered?).
    numbering: HashMap<String, HashMap<u8, bool>>,
    links: HashMap<String, String>,
    footnote_ids: HashMap<String, usize>,
    source: Source,
    paragraph: usize,
    toc_reported: bool,
}

/// A member of the file, parsed.
fn parse(zip: &mut Zip, name: &str) -> Result<Option<Element>> {
    zip.xml(name, "Word")
}

/// Reads a Word document.
pub fn read(zip: &mut Zip) -> Result<Source> {
    let document = parse(zip, "word/document.xml")?
        .ok_or_else(|| zip.corrupt("Word", "it has no word/document.xml".into()))?;
    let mut reader = Reader {
        styles: parse(zip, "word/styles.xml")?
            .map(|s| styles(&s))
            .unwrap_or_default(),
        numbering: parse(zip, "word/numbering.xml")?
            .map(|n| numbering(&n))
            .unwrap_or_default(),
        links: parse(zip, "word/_rels/document.xml.rels")?
            .map(|r| relationships(&r))
            .unwrap_or_default(),
        footnote_ids: HashMap::new(),
        source: Source::default(),
        paragraph: 0,
        toc_reported: false,
    };
    if let Some(core) = parse(zip, "docProps/core.xml")? {
        reader.source.title = core.title();
    }
    if let Some(notes) = parse(zip, "word/footnotes.xml")? {
        let links = parse(zip, "word/_rels/footnotes.xml.rels")?
            .map(|r| relationships(&r))
            .unwrap_or_default();
        reader.footnotes(&notes, links);
    }
    let body = document
        .child("body")
        .ok_or_else(|| zip.corrupt("Word", "word/document.xml has no body".into()))?;
    reader.blocks(body);
    Ok(reader.source)
}

fn styles(root: &Element) -> HashMap<String, Style> {
    let mut out = HashMap::new();
    for style in root.elements().filter(|e| e.name == "style") {
        if style.attr("type") != Some("paragraph") {
            continue;
        }
        let Some(id) = style.attr("styleId") else {
            continue;
        };
        let ppr = style.child("pPr");
        let outline = ppr
            .and_then(|p| p.child("outlineLvl"))
            .and_then(|o| o.attr("val"))
            .and_then(|v| v.parse::<u8>().ok());
        let num = ppr.and_then(|p| p.child("numPr")).and_then(num_pr);
        out.insert(
            id.to_owned(),
            Style {
                name: style
                    .child("name")
                    .and_then(|n| n.attr("val"))
                    .unwrap_or(id)
                    .to_owned(),
                based_on: style
                    .child("basedOn")
                    .and_then(|b| b.attr("val"))
                    .map(str::to_owned),
                outline,
                num,
            },
        );
    }
    out
}

fn num_pr(num: &Element) -> Option<(String, u8)> {
    let id = num.child("numId")?.attr("val")?.to_owned();
    let level = num
        .child("ilvl")
        .and_then(|l| l.attr("val"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Some((id, level))
}

fn numbering(root: &Element) -> HashMap<String, HashMap<u8, bool>> {
    let mut abstracts: HashMap<String, HashMap<u8, bool>> = HashMap::new();
    for a in root.elements().filter(|e| e.name == "abstractNum") {
        let Some(id) = a.attr("abstractNumId") else {
            continue;
        };
        let levels = a
            .elements()
            .filter(|e| e.name == "lvl")
            .filter_map(|l| {
                let level = l.attr("ilvl")?.parse().ok()?;
                let format = l
                    .child("numFmt")
                    .and_then(|f| f.attr("val"))
                    .unwrap_or("bullet");
                Some((level, !matches!(format, "bullet" | "none")))
            })
            .collect();
        abstracts.insert(id.to_owned(), levels);
    }
    root.elements()
        .filter(|e| e.name == "num")
        .filter_map(|n| {
            let abstract_id = n.child("abstractNumId")?.attr("val")?;
            Some((
                n.attr("numId")?.to_owned(),
                abstracts.get(abstract_id)?.clone(),
            ))
        })
        .collect()
}

fn relationships(root: &Element) -> HashMap<String, String> {
    root.elements()
        .filter(|e| {
            e.name == "Relationship" && e.attr("Type").is_some_and(|t| t.ends_with("/hyperlink"))
        })
        .filter_map(|e| Some((e.attr("Id")?.to_owned(), e.attr("Target")?.to_owned())))
        .collect()
}

impl Reader {
    /// The style and the styles it is based on, nearest first.
    fn style_chain(&self, id: &str) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut at = Some(id.to_owned());
        while let Some(id) = at {
            let Some(style) = self.styles.get(&id) else {
                break;
            };
            if out.len() > 20 {
                break;
            }
            out.push(style);
            at = style.based_on.clone();
        }
        out
    }

    fn gap(&mut self, kind: GapKind, runs: &[Run]) {
        record_gap(&mut self.source, self.paragraph, kind, runs);
    }

    fn footnotes(&mut self, root: &Element, links: HashMap<String, String>) {
        let saved = std::mem::replace(&mut self.links, links);
        for note in root.elements().filter(|e| e.name == "footnote") {
            if note.attr("type").is_some_and(|t| t != "normal") {
                continue;
            }
            let Some(id) = note.attr("id") else {
                continue;
            };
            let mut runs = Vec::new();
            for p in note.elements().filter(|e| e.name == "p") {
                let mut gaps = Vec::new();
                let mut paragraph = Vec::new();
                self.inline(p, &mut paragraph, &Format::default(), &mut gaps);
                append_paragraph(&mut runs, paragraph);
            }
            // The space Word puts after the note's number.
            if let Some(first) = runs.first_mut() {
                first.text = first.text.trim_start().to_owned();
            }
            self.source.footnotes.push(runs);
            self.footnote_ids
                .insert(id.to_owned(), self.source.footnotes.len());
        }
        self.links = saved;
    }

    fn blocks(&mut self, parent: &Element) {
        for e in parent.elements() {
            match e.name.as_str() {
                "p" => {
                    if let Some(block) = self.paragraph(e) {
                        self.source.blocks.push(block);
                    }
                }
                "tbl" => {
                    let table = self.table(e);
                    self.source.blocks.push(table);
                }
                "sdt" => {
                    if let Some(content) = e.child("sdtContent") {
                        self.blocks(content);
                    }
                }
                "customXml" | "ins" | "moveTo" => self.blocks(e),
                _ => {}
            }
        }
    }

    fn paragraph(&mut self, p: &Element) -> Option<Block> {
        self.paragraph += 1;
        let ppr = p.child("pPr");
        let style_id = ppr
            .and_then(|pp| pp.child("pStyle"))
            .and_then(|s| s.attr("val"))
            .unwrap_or("Normal")
            .to_owned();
        let chain: Vec<Style> = self.style_chain(&style_id).into_iter().cloned().collect();
        let name = chain
            .first()
            .map_or(style_id.clone(), |s| s.name.clone())
            .to_lowercase();
        let mut gaps = Vec::new();
        let mut runs = Vec::new();
        self.inline(p, &mut runs, &Format::default(), &mut gaps);
        if name.starts_with("toc ")
            || name == "toc heading"
            || name.starts_with("table of contents")
        {
            if !self.toc_reported {
                self.toc_reported = true;
                self.gap(gap::TABLE_OF_CONTENTS, &runs);
            }
            return None;
        }
        for kind in gaps {
            self.gap(kind, &runs);
        }
        let outline = ppr
            .and_then(|pp| pp.child("outlineLvl"))
            .and_then(|o| o.attr("val"))
            .and_then(|v| v.parse::<u8>().ok())
            .or_else(|| chain.iter().find_map(|s| s.outline))
            .or_else(|| {
                name.strip_prefix("heading ")
                    .and_then(|n| n.trim().parse::<u8>().ok())
                    .map(|n| n.saturating_sub(1))
            });
        if plain(&runs).trim().is_empty() && !runs.iter().any(|r| r.footnote.is_some()) {
            return None;
        }
        if let Some(level) = outline.filter(|l| *l < 9) {
            return Some(Block::Heading {
                level: level + 1,
                runs,
            });
        }
        let num = ppr
            .and_then(|pp| pp.child("numPr"))
            .and_then(num_pr)
            .or_else(|| chain.iter().find_map(|s| s.num.clone()))
            .filter(|(id, _)| id != "0");
        let list = num.map(|(id, level)| ListItem {
            level,
            ordered: self
                .numbering
                .get(&id)
                .and_then(|levels| levels.get(&level))
                .copied()
                .unwrap_or(false),
        });
        let list = list.or_else(|| {
            // "List Bullet" and "List Number" styles without numbering.
            (name.starts_with("list bullet") || name.starts_with("list number")).then(|| ListItem {
                level: 0,
                ordered: name.starts_with("list number"),
            })
        });
        Some(Block::Paragraph { runs, list })
    }

    fn table(&mut self, tbl: &Element) -> Block {
        let mut rows = Vec::new();
        let mut merged = false;
        let mut nested = false;
        for tr in tbl.elements().filter(|e| e.name == "tr") {
            let mut cells = Vec::new();
            for tc in tr.elements().filter(|e| e.name == "tc") {
                let props = tc.child("tcPr");
                let span = props
                    .and_then(|p| p.child("gridSpan"))
                    .and_then(|g| g.attr("val"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1);
                let continues = props
                    .and_then(|p| p.child("vMerge"))
                    .is_some_and(|v| v.attr("val") != Some("restart"));
                merged |= span > 1 || continues;
                let mut runs: Vec<Run> = Vec::new();
                if !continues {
                    for inner in tc.elements() {
                        match inner.name.as_str() {
                            "p" => {
                                self.paragraph += 1;
                                let mut gaps = Vec::new();
                                let mut paragraph = Vec::new();
                                self.inline(inner, &mut paragraph, &Format::default(), &mut gaps);
                                for kind in gaps {
                                    self.gap(kind, &paragraph);
                                }
                                if !plain(&paragraph).trim().is_empty() {
                                    append_paragraph(&mut runs, paragraph);
                                }
                            }
                            "tbl" => {
                                nested = true;
                                append_paragraph(&mut runs, vec![Run::text(inner.text())]);
                            }
                            _ => {}
                        }
                    }
                }
                cells.push(runs);
                for _ in 1..span.min(64) {
                    cells.push(Vec::new());
                }
            }
            rows.push(cells);
        }
        if merged {
            self.gap(gap::MERGED_CELLS, &[]);
        }
        if nested {
            self.gap(
                (
                    "a table inside a table",
                    "its text is in the outer table's cell; lay it out again in the chapter",
                ),
                &[],
            );
        }
        Block::Table { rows }
    }

    /// The runs of a paragraph (or part of one), with what could not be
    /// converted in `gaps`.
    fn inline(
        &mut self,
        parent: &Element,
        runs: &mut Vec<Run>,
        format: &Format,
        gaps: &mut Vec<GapKind>,
    ) {
        for e in parent.elements() {
            match e.name.as_str() {
                "r" => self.run(e, runs, format, gaps),
                "hyperlink" => {
                    let url = e.attr("id").and_then(|id| self.links.get(id)).cloned();
                    let inner = Format {
                        link: url.or(format.link.clone()),
                        ..format.clone()
                    };
                    self.inline(e, runs, &inner, gaps);
                }
                "ins" | "moveTo" => {
                    push_gap(gaps, TRACKED_CHANGE);
                    self.inline(e, runs, format, gaps);
                }
                "del" | "moveFrom" => push_gap(gaps, TRACKED_CHANGE),
                "commentRangeStart" => push_gap(gaps, COMMENT),
                "smartTag" | "customXml" | "fldSimple" | "sdt" | "sdtContent" | "dir" | "bdo" => {
                    self.inline(e, runs, format, gaps)
                }
                "AlternateContent" => push_gap(gaps, TEXT_BOX_OR_DRAWING),
                _ => {}
            }
        }
    }

    fn run(&mut self, r: &Element, runs: &mut Vec<Run>, format: &Format, gaps: &mut Vec<GapKind>) {
        let mut format = format.clone();
        if let Some(rpr) = r.child("rPr") {
            format.bold |= rpr.flag("b");
            format.italic |= rpr.flag("i");
            format.strike |= rpr.flag("strike") || rpr.flag("dstrike");
            if rpr.child("vanish").is_some() && rpr.flag("vanish") {
                return; // hidden text
            }
        }
        let mut in_field_code = false;
        for child in &r.children {
            let Node::Element(e) = child else {
                continue;
            };
            match e.name.as_str() {
                "t" => push(runs, &format, &e.text()),
                "tab" | "ptab" => push(runs, &format, " "),
                "noBreakHyphen" => push(runs, &format, "-"),
                "br" | "cr" => {
                    if e.attr("type").is_none_or(|t| t == "textWrapping") {
                        runs.push(Run {
                            line_break: true,
                            ..format.run(String::new())
                        });
                    } else {
                        push(runs, &format, " ");
                    }
                }
                "sym" => {
                    if let Some(c) = e
                        .attr("char")
                        .and_then(|c| u32::from_str_radix(c, 16).ok())
                        .and_then(char::from_u32)
                        .filter(|c| !('\u{F000}'..='\u{F0FF}').contains(c))
                    {
                        push(runs, &format, &c.to_string());
                    }
                }
                "footnoteReference" => {
                    if let Some(n) = e.attr("id").and_then(|id| self.footnote_ids.get(id)) {
                        runs.push(Run {
                            footnote: Some(*n),
                            ..format.run(String::new())
                        });
                    }
                }
                "endnoteReference" => push_gap(gaps, gap::ENDNOTE),
                "commentReference" => push_gap(gaps, COMMENT),
                "drawing" => push_gap(
                    gaps,
                    if e.find("txbxContent").is_some() {
                        gap::TEXT_BOX
                    } else {
                        gap::IMAGE
                    },
                ),
                "pict" | "object" => push_gap(
                    gaps,
                    if e.find("txbxContent").is_some() || e.find("textbox").is_some() {
                        gap::TEXT_BOX
                    } else {
                        IMAGE_OR_OBJECT
                    },
                ),
                "AlternateContent" => push_gap(gaps, TEXT_BOX_OR_DRAWING),
                "fldChar" => match e.attr("fldCharType") {
                    Some("begin") => in_field_code = true,
                    Some("separate" | "end") => in_field_code = false,
                    _ => {}
                },
                "instrText" if in_field_code => {}
                "delText" => {}
                _ => {}
            }
        }
    }
}
