//! `word/document.xml`: the statement's blocks as Word paragraphs, lists,
//! tables and hyperlinks. Only the statement's own words are in the body
//! (the cover facts are in the page header and the document properties),
//! so Word's word count equals `psdoc count`.

use std::fmt::Write;

use crate::document::{Block, Inline, table_columns};
use crate::xml::escape;

/// What the body refers to in other parts: hyperlink addresses, list
/// instances and footnotes, each numbered in order of appearance.
#[derive(Debug, Default)]
pub struct Body {
    pub xml: String,
    pub links: Vec<String>,
    pub lists: Vec<Option<u64>>,
    pub footnotes: Vec<String>,
    pub footnote_links: Vec<String>,
}

/// Run formatting inherited from enclosing inlines.
#[derive(Debug, Clone, Copy, Default)]
struct Format {
    bold: bool,
    italic: bool,
    strike: bool,
    code: bool,
    link: bool,
}

/// Which part a paragraph is written into (links are numbered per part).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Document,
    Footnote,
}

impl Body {
    pub fn of(blocks: &[Block]) -> Self {
        let mut body = Body::default();
        let mut xml = String::new();
        for block in blocks {
            body.block(&mut xml, block, 0, None, Part::Document);
        }
        body.xml = xml;
        body
    }

    /// `list`: (numbering instance, level) for the first paragraph of a
    /// list item; `depth`: how many lists enclose the block.
    fn block(
        &mut self,
        out: &mut String,
        block: &Block,
        depth: usize,
        list: Option<(usize, usize)>,
        part: Part,
    ) {
        match block {
            Block::Heading { level, inlines, .. } => {
                let _ = write!(out, r#"<w:p><w:pPr><w:pStyle w:val="Heading{level}"/></w:pPr>"#);
                self.inlines(out, inlines, Format::default(), part);
                out.push_str("</w:p>");
            }
            Block::Paragraph(inlines) => {
                out.push_str("<w:p>");
                match list {
                    Some((num, level)) => {
                        let _ = write!(
                            out,
                            r#"<w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>"#
                        );
                    }
                    None if depth > 0 => {
                        let _ = write!(
                            out,
                            r#"<w:pPr><w:pStyle w:val="ListParagraph"/><w:ind w:left="{}"/></w:pPr>"#,
                            720 * depth
                        );
                    }
                    None if part == Part::Footnote => {
                        out.push_str(r#"<w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>"#);
                    }
                    None => {}
                }
                self.inlines(out, inlines, Format::default(), part);
                out.push_str("</w:p>");
            }
            Block::List { start, items } => {
                self.lists.push(*start);
                let num = self.lists.len();
                for item in items {
                    let mut first = true;
                    for (i, inner) in item.iter().enumerate() {
                        let marker = (first && matches!(inner, Block::Paragraph(_)))
                            .then_some((num, depth.min(8)));
                        if i == 0 && marker.is_none() {
                            // An item that opens with a nested list: an
                            // empty numbered paragraph keeps the number.
                            let _ = write!(
                                out,
                                r#"<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="{}"/><w:numId w:val="{num}"/></w:numPr></w:pPr></w:p>"#,
                                depth.min(8)
                            );
                        }
                        first = false;
                        self.block(out, inner, depth + 1, marker, part);
                    }
                    if item.is_empty() {
                        let _ = write!(
                            out,
                            r#"<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="{}"/><w:numId w:val="{num}"/></w:numPr></w:pPr></w:p>"#,
                            depth.min(8)
                        );
                    }
                }
            }
            Block::Table {
                alignments,
                header,
                rows,
            } => {
                let columns = table_columns(header, rows);
                let width = 9026 / columns;
                out.push_str(r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#);
                for _ in 0..columns {
                    let _ = write!(out, r#"<w:gridCol w:w="{width}"/>"#);
                }
                out.push_str("</w:tblGrid>");
                let all = std::iter::once((true, header)).chain(rows.iter().map(|r| (false, r)));
                for (is_header, row) in all {
                    out.push_str("<w:tr>");
                    if is_header {
                        out.push_str("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
                    }
                    for i in 0..columns {
                        let _ = write!(out, r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p>"#);
                        if let Some(jc) = alignments.get(i).and_then(|a| a.keyword()) {
                            let _ = write!(out, r#"<w:pPr><w:jc w:val="{jc}"/></w:pPr>"#);
                        }
                        if let Some(cell) = row.get(i) {
                            let format = Format {
                                bold: is_header,
                                ..Format::default()
                            };
                            self.inlines(out, cell, format, part);
                        }
                        out.push_str("</w:p></w:tc>");
                    }
                    out.push_str("</w:tr>");
                }
                // Word needs a paragraph between two tables.
                out.push_str("</w:tbl><w:p/>");
            }
            Block::Quote(blocks) => {
                for inner in blocks {
                    match inner {
                        Block::Paragraph(inlines) => {
                            out.push_str(r#"<w:p><w:pPr><w:pStyle w:val="Quote"/></w:pPr>"#);
                            self.inlines(out, inlines, Format::default(), part);
                            out.push_str("</w:p>");
                        }
                        other => self.block(out, other, depth, None, part),
                    }
                }
            }
            Block::Code(code) => {
                for line in code.trim_end().lines() {
                    out.push_str(r#"<w:p><w:pPr><w:pStyle w:val="Code"/></w:pPr>"#);
                    run(out, line, Format::default());
                    out.push_str("</w:p>");
                }
            }
            Block::Rule => out.push_str(r#"<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="8C8C8C"/></w:pBdr></w:pPr></w:p>"#),
        }
    }

    fn inlines(&mut self, out: &mut String, inlines: &[Inline], format: Format, part: Part) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => run(out, text, format),
                Inline::Strong(i) => self.inlines(
                    out,
                    i,
                    Format {
                        bold: true,
                        ..format
                    },
                    part,
                ),
                Inline::Emphasis(i) => self.inlines(
                    out,
                    i,
                    Format {
                        italic: true,
                        ..format
                    },
                    part,
                ),
                Inline::Strikethrough(i) => self.inlines(
                    out,
                    i,
                    Format {
                        strike: true,
                        ..format
                    },
                    part,
                ),
                Inline::Code(code) => run(
                    out,
                    code,
                    Format {
                        code: true,
                        ..format
                    },
                ),
                Inline::Link { url, inlines } => {
                    if crate::pdf::markup::is_openable(url) {
                        let id = self.link(url, part);
                        let _ = write!(out, r#"<w:hyperlink r:id="{id}" w:history="1">"#);
                        self.inlines(
                            out,
                            inlines,
                            Format {
                                link: true,
                                ..format
                            },
                            part,
                        );
                        out.push_str("</w:hyperlink>");
                    } else {
                        self.inlines(out, inlines, format, part);
                    }
                }
                Inline::Evidence { text, url, .. } => match url {
                    Some(url) => {
                        let id = self.link(url, part);
                        let _ = write!(out, r#"<w:hyperlink r:id="{id}" w:history="1">"#);
                        run(
                            out,
                            text,
                            Format {
                                link: true,
                                ..format
                            },
                        );
                        out.push_str("</w:hyperlink>");
                    }
                    None => run(out, text, format),
                },
                Inline::Footnote(blocks) => {
                    let mut note = String::new();
                    for (i, block) in blocks.iter().enumerate() {
                        let mut paragraph = String::new();
                        self.block(&mut paragraph, block, 0, None, Part::Footnote);
                        if i == 0 {
                            // The note's number goes at the start of its first paragraph.
                            let mark = r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>"#;
                            paragraph = match paragraph.find("</w:pPr>") {
                                Some(at) => format!(
                                    "{}{mark}{}",
                                    &paragraph[..at + 8],
                                    &paragraph[at + 8..]
                                ),
                                None => paragraph.replacen("<w:p>", &format!("<w:p>{mark}"), 1),
                            };
                        }
                        note.push_str(&paragraph);
                    }
                    self.footnotes.push(note);
                    let _ = write!(
                        out,
                        r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{}"/></w:r>"#,
                        self.footnotes.len()
                    );
                }
                Inline::LineBreak => out.push_str("<w:r><w:br/></w:r>"),
                Inline::FootnoteRef(_) => {}
            }
        }
    }

    /// The relationship id of a hyperlink to `url`, in the part it is in.
    fn link(&mut self, url: &str, part: Part) -> String {
        let list = match part {
            Part::Document => &mut self.links,
            Part::Footnote => &mut self.footnote_links,
        };
        list.push(url.to_owned());
        format!("rIdL{}", list.len())
    }
}

/// One run of text with its formatting.
fn run(out: &mut String, text: &str, format: Format) {
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    if format.bold || format.italic || format.strike || format.code || format.link {
        out.push_str("<w:rPr>");
        if format.link {
            out.push_str(r#"<w:rStyle w:val="Hyperlink"/>"#);
        }
        if format.code {
            out.push_str(r#"<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/>"#);
        }
        if format.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if format.italic {
            out.push_str("<w:i/><w:iCs/>");
        }
        if format.strike {
            out.push_str("<w:strike/>");
        }
        out.push_str("</w:rPr>");
    }
    let _ = write!(
        out,
        r#"<w:t xml:space="preserve">{}</w:t></w:r>"#,
        escape(text)
    );
}
