//! The document's parts: the statement, its blocks and their inline runs,
//! and the words and plain text of a run of inlines.

use psdoc_core::words::count_words;

use crate::cover::Cover;

/// The whole statement, ready to be written out.
#[derive(Debug, Clone)]
pub struct Document {
    pub cover: Cover,
    pub blocks: Vec<Block>,
}

/// A block of the statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading, levels 1 to 6 with no level skipped (as screen readers
    /// and PDF/UA expect). `section` is the required section it opens.
    Heading {
        level: u8,
        inlines: Vec<Inline>,
        section: Option<String>,
    },
    Paragraph(Vec<Inline>),
    /// A list: `start` is the first number of an ordered list.
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    /// A table whose first row is its header row.
    Table {
        alignments: Vec<Align>,
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Quote(Vec<Block>),
    /// A code block (rare in a statement), as written.
    Code(String),
    Rule,
}

/// A column's alignment in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

impl Align {
    /// The alignment as Word and Typst name it ("right", "center"); `None`
    /// for a column aligned left, as both align one that says nothing.
    pub fn keyword(self) -> Option<&'static str> {
        match self {
            Align::Right => Some("right"),
            Align::Center => Some("center"),
            Align::None | Align::Left => None,
        }
    }
}

/// A run of text inside a block.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    Code(String),
    Link {
        url: String,
        inlines: Vec<Inline>,
    },
    /// An evidence reference, or one document number inside one
    /// (`[E12]`, or `E3` in `[E3, E12]`), linked to the document's public
    /// address when it has one.
    Evidence {
        text: String,
        id: u64,
        url: Option<String>,
    },
    /// A footnote: its text is placed where it is referred to.
    Footnote(Vec<Block>),
    /// A footnote reference while the document is being read; resolved
    /// into [`Inline::Footnote`] before anything is written.
    FootnoteRef(String),
    LineBreak,
}

impl Document {
    /// Words in the statement's text, counted with `psdoc count`'s rule
    /// (the cover is not part of it). Equal to the statement's count.
    pub fn words(&self) -> usize {
        self.blocks.iter().map(Block::words).sum()
    }
}

impl Block {
    /// Words in this block, each paragraph, item and cell counted apart
    /// (a word never runs from one into the next).
    pub fn words(&self) -> usize {
        match self {
            Block::Heading { inlines, .. } | Block::Paragraph(inlines) => inline_words(inlines),
            Block::List { items, .. } => items.iter().flatten().map(Block::words).sum(),
            Block::Table { header, rows, .. } => header
                .iter()
                .chain(rows.iter().flatten())
                .map(|cell| inline_words(cell))
                .sum(),
            Block::Quote(blocks) => blocks.iter().map(Block::words).sum(),
            Block::Code(text) => count_words(text),
            Block::Rule => 0,
        }
    }
}

/// The columns of a table: as many as its widest row has cells (the header
/// counts), and at least one, so that an empty table is still well formed.
pub fn table_columns(header: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>]) -> usize {
    header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1)
}

/// Words in a run of inlines; a footnote's words are counted apart.
pub fn inline_words(inlines: &[Inline]) -> usize {
    let mut text = String::new();
    let mut notes = 0;
    collect_text(inlines, &mut text, &mut notes);
    count_words(&text) + notes
}

fn collect_text(inlines: &[Inline], text: &mut String, notes: &mut usize) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => text.push_str(t),
            Inline::Evidence { text: t, .. } => text.push_str(t),
            Inline::Strong(i) | Inline::Emphasis(i) | Inline::Strikethrough(i) => {
                collect_text(i, text, notes)
            }
            Inline::Link { inlines, .. } => collect_text(inlines, text, notes),
            Inline::Footnote(blocks) => *notes += blocks.iter().map(Block::words).sum::<usize>(),
            Inline::LineBreak => text.push(' '),
            Inline::FootnoteRef(_) => {}
        }
    }
}

/// The plain text of a run of inlines (footnotes left out).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut text = String::new();
    let mut notes = 0;
    collect_text(inlines, &mut text, &mut notes);
    text
}
