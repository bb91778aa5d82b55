//! Reads the statement's chapters, in `SUMMARY.md` order and with
//! `{{#include}}` expanded, into the shared [`Document`]. Parsed exactly as
//! `psdoc check` parses them (mdBook's Markdown options), so the exported
//! words are the counted words: HTML comments (drafting notes), raw HTML,
//! images and task-list markers are left out, as the count leaves them out.

use std::collections::HashMap;

use psdoc_core::Project;
use psdoc_core::model::Place;
use psdoc_core::redact::Redactor;
use pulldown_cmark::{Alignment, Event, Parser, Tag, TagEnd};

use super::evidence::{Targets, link_references};
use super::model::{Align, Block, Document, Inline};
use crate::cover::Cover;

/// The statement as one document.
pub fn build(project: &Project) -> Document {
    let log = project.redacted_log();
    let targets = Targets::of(
        &log,
        &project.config.evidence.prefix,
        project.config.evidence.reference_style,
    );
    let mut builder = Builder {
        redactor: &project.redactor,
        targets: &targets,
        footnotes: HashMap::new(),
        stack: vec![Frame::new(FrameKind::Root)],
        last_level: 0,
        image_depth: 0,
    };
    for (index, chapter) in project.statement.chapters.iter().enumerate() {
        let text = &chapter.expanded.text;
        let parser = Parser::new_ext(text, psdoc_core::model::markdown::options());
        for (event, range) in parser.into_offset_iter() {
            let opens_section = || {
                let place = Place {
                    chapter: index,
                    offset: range.start,
                };
                project
                    .statement
                    .sections
                    .iter()
                    .find(|s| s.has_heading && s.start == place)
                    .and_then(|s| s.key)
                    .map(|k| k.key().to_owned())
            };
            if let Event::Start(Tag::Heading { level, .. }) = &event {
                let written = i32::from(*level as u8) + chapter.level_offset;
                builder.open_heading(written, opens_section());
                continue;
            }
            builder.event(event);
        }
    }
    let mut blocks = builder.finish();
    let footnotes = std::mem::take(&mut builder.footnotes);
    resolve_footnotes(&mut blocks, &footnotes);
    Document {
        cover: Cover::of(project),
        blocks,
    }
}

struct Builder<'a> {
    redactor: &'a Redactor,
    targets: &'a Targets,
    footnotes: HashMap<String, Vec<Block>>,
    stack: Vec<Frame>,
    /// The level of the last heading written, so that none is skipped.
    last_level: u8,
    image_depth: usize,
}

#[derive(Debug)]
enum FrameKind {
    Root,
    Heading {
        level: u8,
        section: Option<String>,
    },
    Paragraph,
    List {
        start: Option<u64>,
    },
    Item,
    Table {
        alignments: Vec<Align>,
    },
    TableHead,
    TableRow,
    TableCell,
    Quote,
    Code,
    Footnote(String),
    DefinitionTitle,
    DefinitionDefinition,
    Strong,
    Emphasis,
    Strikethrough,
    Link(String),
    /// A container psdoc does not show (a definition list's wrapper).
    Transparent,
}

/// An open container: the blocks or inlines it has gathered so far.
struct Frame {
    kind: FrameKind,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
    /// Items of a list, or rows of a table (each a list of cells).
    items: Vec<Vec<Block>>,
    cells: Vec<Vec<Inline>>,
    rows: Vec<Vec<Vec<Inline>>>,
    header: Vec<Vec<Inline>>,
    code: String,
}

impl Frame {
    fn new(kind: FrameKind) -> Self {
        Frame {
            kind,
            blocks: Vec::new(),
            inlines: Vec::new(),
            items: Vec::new(),
            cells: Vec::new(),
            rows: Vec::new(),
            header: Vec::new(),
            code: String::new(),
        }
    }

    /// Inline content gathered directly in a block container (a tight
    /// list item's text) becomes a paragraph.
    fn flush_loose(&mut self, builder_inlines: Vec<Inline>) {
        if !builder_inlines.is_empty() {
            self.blocks.push(Block::Paragraph(builder_inlines));
        }
    }

    fn holds_blocks(&self) -> bool {
        matches!(
            self.kind,
            FrameKind::Root
                | FrameKind::Item
                | FrameKind::Quote
                | FrameKind::Footnote(_)
                | FrameKind::DefinitionDefinition
                | FrameKind::Transparent
        )
    }
}

impl Builder<'_> {
    fn top(&mut self) -> &mut Frame {
        self.stack.last_mut().expect("the root frame stays")
    }

    /// Starts a block: loose inline text before it becomes a paragraph.
    fn start_block(&mut self, kind: FrameKind) {
        self.flush_loose();
        self.stack.push(Frame::new(kind));
    }

    fn flush_loose(&mut self) {
        let top = self.top();
        if top.holds_blocks() && !top.inlines.is_empty() {
            let inlines = std::mem::take(&mut top.inlines);
            let inlines = self.finish_inlines(inlines, true);
            self.top().flush_loose(inlines);
        }
    }

    fn open_heading(&mut self, written: i32, section: Option<String>) {
        // Levels 1 to 6, never more than one below the last heading.
        let level = (written.clamp(1, 6) as u8).min(self.last_level + 1);
        self.last_level = level;
        self.start_block(FrameKind::Heading { level, section });
    }

    fn push_inline(&mut self, inline: Inline) {
        let top = self.top();
        if let (Inline::Text(new), Some(Inline::Text(last))) = (&inline, top.inlines.last_mut()) {
            last.push_str(new);
            return;
        }
        top.inlines.push(inline);
    }

    fn event(&mut self, event: Event<'_>) {
        if self.image_depth > 0 {
            match event {
                Event::Start(Tag::Image { .. }) => self.image_depth += 1,
                Event::End(TagEnd::Image) => self.image_depth -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                if matches!(self.top().kind, FrameKind::Code) {
                    self.top().code.push_str(&text);
                } else {
                    self.push_inline(Inline::Text(text.into_string()));
                }
            }
            Event::Code(code) => self.push_inline(Inline::Code(code.into_string())),
            Event::SoftBreak => self.push_inline(Inline::Text(" ".into())),
            Event::HardBreak => self.push_inline(Inline::LineBreak),
            Event::Rule => {
                self.flush_loose();
                self.top().blocks.push(Block::Rule);
            }
            Event::FootnoteReference(label) => {
                self.push_inline(Inline::FootnoteRef(label.into_string()))
            }
            // Drafting notes, raw HTML and task-list boxes are not shown
            // (nor counted).
            Event::Html(_) | Event::InlineHtml(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        let kind = match tag {
            Tag::Paragraph => FrameKind::Paragraph,
            Tag::Heading { level, .. } => {
                // Reached only for headings outside a chapter walk.
                self.open_heading(level as i32, None);
                return;
            }
            Tag::BlockQuote(_) => FrameKind::Quote,
            Tag::CodeBlock(_) => FrameKind::Code,
            Tag::HtmlBlock | Tag::MetadataBlock(_) | Tag::DefinitionList => FrameKind::Transparent,
            Tag::List(start) => FrameKind::List { start },
            Tag::Item => FrameKind::Item,
            Tag::FootnoteDefinition(label) => FrameKind::Footnote(label.into_string()),
            Tag::DefinitionListTitle => FrameKind::DefinitionTitle,
            Tag::DefinitionListDefinition => FrameKind::DefinitionDefinition,
            Tag::Table(alignments) => FrameKind::Table {
                alignments: alignments
                    .into_iter()
                    .map(|a| match a {
                        Alignment::None => Align::None,
                        Alignment::Left => Align::Left,
                        Alignment::Center => Align::Center,
                        Alignment::Right => Align::Right,
                    })
                    .collect(),
            },
            Tag::TableHead => FrameKind::TableHead,
            Tag::TableRow => FrameKind::TableRow,
            Tag::TableCell => FrameKind::TableCell,
            Tag::Emphasis => FrameKind::Emphasis,
            Tag::Strong => FrameKind::Strong,
            Tag::Strikethrough => FrameKind::Strikethrough,
            Tag::Superscript | Tag::Subscript => FrameKind::Transparent,
            Tag::Link { dest_url, .. } => FrameKind::Link(dest_url.into_string()),
            Tag::Image { .. } => {
                self.image_depth = 1;
                return;
            }
        };
        let is_inline = matches!(
            kind,
            FrameKind::Emphasis | FrameKind::Strong | FrameKind::Strikethrough | FrameKind::Link(_)
        ) || (matches!(kind, FrameKind::Transparent)
            && !self.top().holds_blocks()
            && !matches!(self.top().kind, FrameKind::Root));
        if is_inline {
            self.stack.push(Frame::new(kind));
        } else {
            self.start_block(kind);
        }
    }

    fn end(&mut self, _tag: TagEnd) {
        self.flush_loose();
        let mut frame = self.stack.pop().expect("events are balanced");
        if self.stack.is_empty() {
            // Unbalanced (cannot happen with pulldown-cmark): keep the root.
            self.stack.push(frame);
            return;
        }
        let inlines = std::mem::take(&mut frame.inlines);
        match frame.kind {
            FrameKind::Root => {}
            FrameKind::Heading { level, section } => {
                let inlines = self.finish_inlines(inlines, false);
                self.top().blocks.push(Block::Heading {
                    level,
                    inlines,
                    section,
                });
            }
            FrameKind::Paragraph => {
                let inlines = self.finish_inlines(inlines, true);
                if !inlines.is_empty() {
                    self.top_blocks().push(Block::Paragraph(inlines));
                }
            }
            FrameKind::DefinitionTitle => {
                let inlines = self.finish_inlines(inlines, true);
                self.top_blocks()
                    .push(Block::Paragraph(vec![Inline::Strong(inlines)]));
            }
            FrameKind::DefinitionDefinition => {
                let blocks = frame.blocks;
                self.top_blocks().push(Block::Quote(blocks));
            }
            FrameKind::Quote => {
                let blocks = frame.blocks;
                self.top_blocks().push(Block::Quote(blocks));
            }
            FrameKind::Transparent => {
                let top = self.top();
                if top.holds_blocks() {
                    top.blocks.extend(frame.blocks);
                    top.inlines.extend(inlines);
                } else {
                    for inline in inlines {
                        self.push_inline(inline);
                    }
                }
            }
            FrameKind::Code => {
                let code = self.redactor.redact(&frame.code).into_owned();
                self.top_blocks().push(Block::Code(code));
            }
            FrameKind::List { start } => {
                let items = frame.items;
                self.top_blocks().push(Block::List { start, items });
            }
            FrameKind::Item => {
                let blocks = frame.blocks;
                self.top().items.push(blocks);
            }
            FrameKind::Footnote(label) => {
                self.footnotes.insert(label, frame.blocks);
            }
            FrameKind::Table { alignments } => {
                self.top_blocks().push(Block::Table {
                    alignments,
                    header: frame.header,
                    rows: frame.rows,
                });
            }
            FrameKind::TableHead => {
                let cells = frame.cells;
                self.top().header = cells;
            }
            FrameKind::TableRow => {
                let cells = frame.cells;
                self.top().rows.push(cells);
            }
            FrameKind::TableCell => {
                let inlines = self.finish_inlines(inlines, true);
                self.top().cells.push(inlines);
            }
            FrameKind::Strong => self.push_inline(Inline::Strong(inlines)),
            FrameKind::Emphasis => self.push_inline(Inline::Emphasis(inlines)),
            FrameKind::Strikethrough => self.push_inline(Inline::Strikethrough(inlines)),
            FrameKind::Link(url) => {
                let url = self.redactor.redact(&url).into_owned();
                self.push_inline(Inline::Link { url, inlines })
            }
        }
    }

    /// The nearest frame that holds blocks (a paragraph inside a list
    /// item, a table inside a quote).
    fn top_blocks(&mut self) -> &mut Vec<Block> {
        let i = self
            .stack
            .iter()
            .rposition(Frame::holds_blocks)
            .unwrap_or(0);
        &mut self.stack[i].blocks
    }

    /// Masks identifiers and links evidence references in a finished run
    /// of inlines (`references`: false in headings, as the book does).
    fn finish_inlines(&self, inlines: Vec<Inline>, references: bool) -> Vec<Inline> {
        let mut out = Vec::with_capacity(inlines.len());
        for inline in inlines {
            match inline {
                Inline::Text(text) => {
                    let text = self.redactor.redact(&text);
                    if references {
                        out.extend(link_references(&text, self.targets));
                    } else {
                        out.push(Inline::Text(text.into_owned()));
                    }
                }
                Inline::Code(code) => {
                    out.push(Inline::Code(self.redactor.redact(&code).into_owned()))
                }
                Inline::Strong(i) => out.push(Inline::Strong(self.finish_inlines(i, references))),
                Inline::Emphasis(i) => {
                    out.push(Inline::Emphasis(self.finish_inlines(i, references)))
                }
                Inline::Strikethrough(i) => {
                    out.push(Inline::Strikethrough(self.finish_inlines(i, references)))
                }
                Inline::Link { url, inlines } => out.push(Inline::Link {
                    url,
                    inlines: self.finish_inlines(inlines, false),
                }),
                other => out.push(other),
            }
        }
        out
    }

    fn finish(&mut self) -> Vec<Block> {
        while self.stack.len() > 1 {
            self.end(TagEnd::Paragraph);
        }
        self.flush_loose();
        std::mem::take(&mut self.stack[0].blocks)
    }
}

/// Puts each footnote's text where it is referred to; a reference with no
/// definition is dropped, as mdBook shows it as plain text anyway.
fn resolve_footnotes(blocks: &mut [Block], notes: &HashMap<String, Vec<Block>>) {
    for block in blocks {
        match block {
            Block::Heading { inlines, .. } | Block::Paragraph(inlines) => {
                resolve_inlines(inlines, notes)
            }
            Block::List { items, .. } => {
                for item in items {
                    resolve_footnotes(item, notes);
                }
            }
            Block::Table { header, rows, .. } => {
                for cell in header.iter_mut().chain(rows.iter_mut().flatten()) {
                    resolve_inlines(cell, notes);
                }
            }
            Block::Quote(blocks) => resolve_footnotes(blocks, notes),
            Block::Code(_) | Block::Rule => {}
        }
    }
}

fn resolve_inlines(inlines: &mut Vec<Inline>, notes: &HashMap<String, Vec<Block>>) {
    let mut out = Vec::with_capacity(inlines.len());
    for mut inline in std::mem::take(inlines) {
        match &mut inline {
            Inline::FootnoteRef(label) => {
                if let Some(blocks) = notes.get(label.as_str()) {
                    out.push(Inline::Footnote(blocks.clone()));
                }
                continue;
            }
            Inline::Strong(i) | Inline::Emphasis(i) | Inline::Strikethrough(i) => {
                resolve_inlines(i, notes)
            }
            Inline::Link { inlines, .. } => resolve_inlines(inlines, notes),
            _ => {}
        }
        out.push(inline);
    }
    *inlines = out;
}
