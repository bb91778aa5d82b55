//! The statement as Typst markup: a cover, a contents list with page
//! numbers, then the text, continuous (or a page per required section),
//! with a running header and "Page N of M" footer. Statement text goes
//! through [`super::escape`], so nothing an officer writes is markup.
//!
//! Accessibility (PDF/UA-1): the document's title and language (en-GB) are
//! set, headings never skip a level, every table has a header row, links
//! carry their text, and the header, footer and rules are artifacts.

use std::fmt::Write;

use super::escape::{markup, string};
use super::fonts::FAMILY;
use crate::document::{Align, Block, Document, Inline, table_columns};

/// How the PDF is laid out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layout {
    /// Start each required section on a new page.
    pub page_per_section: bool,
}

/// The document's settings: page, fonts, language, title, running header
/// and footer. `title` and `author` go into the PDF's metadata.
pub fn preamble(
    title: &str,
    author: &str,
    running_head: &str,
    date: psdoc_evidence::Date,
) -> String {
    format!(
        r##"#set document(title: {title}, author: {author}, date: datetime(year: {y}, month: {m}, day: {d}))
#set text(font: {font}, size: 11pt, lang: "en", region: "GB", hyphenate: false)
#set par(leading: 0.62em, spacing: 1.05em)
#show raw: set text(font: {font}, size: 10pt)
#show link: set text(fill: rgb("#0b4f8a"))
#show link: underline
#show heading: set block(above: 1.5em, below: 0.8em, sticky: true)
#show heading.where(level: 1): set text(size: 17pt)
#show heading.where(level: 2): set text(size: 14pt)
#show heading.where(level: 3): set text(size: 12pt)
#show heading.where(level: 4): set text(size: 11pt)
#set table(stroke: 0.5pt + luma(110), inset: (x: 5pt, y: 4pt))
#show table.cell.where(y: 0): set text(weight: "bold")
#show table: set text(size: 10pt)
#show table: set par(justify: false)
#show quote.where(block: true): set pad(left: 1.2em)
#set list(indent: 0.6em)
#set enum(indent: 0.6em)
#set outline(indent: 1.2em)
#set page(
  paper: "a4",
  margin: (x: 2.3cm, top: 2.6cm, bottom: 2.4cm),
  header: context if here().page() > 1 {{
    set text(size: 9pt, fill: luma(60))
    [{head} #h(1fr) Position statement]
  }},
  footer: context if here().page() > 1 {{
    set text(size: 9pt, fill: luma(60))
    align(center)[Page #counter(page).display() of #counter(page).final().first()]
  }},
)
"##,
        title = string(title),
        author = string(author),
        font = string(FAMILY),
        head = markup(running_head),
        y = date.year,
        m = date.month,
        d = date.day,
    )
}

/// The whole statement as a Typst source file.
pub fn statement(document: &Document, layout: Layout) -> String {
    let cover = &document.cover;
    let mut out = preamble(
        &cover.title(),
        &cover.partnership,
        &cover.partnership,
        cover.submission,
    );
    let _ = write!(
        out,
        r#"
#page(header: none, footer: none)[
  #v(22%)
  #text(size: 15pt, fill: luma(40))[{name}]
  #v(0.6em)
  #title[Position statement]
  #v(0.4em)
  #text(size: 12pt)[Joint inspection of services for children at risk of harm]
  #v(2.2em)
  #text(size: 12pt)[Submitted to the Care Inspectorate on {date}]
  #v(0.4em)
  #text(size: 12pt)[{words}]
]

#outline(title: [Contents], depth: 3)

#pagebreak()

"#,
        name = markup(&cover.partnership),
        date = markup(&cover.date()),
        words = markup(&cover.word_line()),
    );
    let mut first = true;
    for block in &document.blocks {
        if layout.page_per_section
            && !first
            && matches!(
                block,
                Block::Heading {
                    section: Some(_),
                    ..
                }
            )
        {
            out.push_str("#pagebreak(weak: true)\n\n");
        }
        first = false;
        write_block(&mut out, block);
    }
    out
}

/// One block, followed by a paragraph break.
pub fn write_block(out: &mut String, block: &Block) {
    match block {
        Block::Heading { level, inlines, .. } => {
            let _ = write!(out, "#heading(level: {level})[");
            write_inlines(out, inlines);
            out.push_str("]\n\n");
        }
        Block::Paragraph(inlines) => {
            write_inlines(out, inlines);
            out.push_str("\n\n");
        }
        Block::List { start, items } => {
            match start {
                Some(n) => {
                    let _ = write!(out, "#enum(start: {n}");
                }
                None => out.push_str("#list("),
            }
            for (i, item) in items.iter().enumerate() {
                if i > 0 || start.is_some() {
                    out.push_str(", ");
                }
                out.push('[');
                write_blocks_inline(out, item);
                out.push(']');
            }
            out.push_str(")\n\n");
        }
        Block::Table {
            alignments,
            header,
            rows,
        } => write_table(out, alignments, header, rows),
        Block::Quote(blocks) => {
            out.push_str("#quote(block: true)[");
            write_blocks_inline(out, blocks);
            out.push_str("]\n\n");
        }
        Block::Code(code) => {
            let _ = write!(out, "#raw(block: true, {})\n\n", string(code.trim_end()));
        }
        Block::Rule => out.push_str("#line(length: 100%, stroke: 0.5pt + luma(140))\n\n"),
    }
}

/// Blocks inside a content argument (a list item, a quote, a footnote).
/// A table as Typst's `table`: its header row repeated on every page, each
/// column aligned as the Markdown says (left when it says nothing).
fn write_table(
    out: &mut String,
    alignments: &[Align],
    header: &[Vec<Inline>],
    rows: &[Vec<Vec<Inline>>],
) {
    let columns = table_columns(header, rows);
    let align: Vec<&str> = (0..columns)
        .map(|i| {
            alignments
                .get(i)
                .and_then(|a| a.keyword())
                .unwrap_or("left")
        })
        .collect();
    let _ = write!(
        out,
        "#table(columns: {columns}, align: ({},), table.header(repeat: true",
        align.join(", ")
    );
    write_cells(out, header, columns);
    out.push(')');
    for row in rows {
        write_cells(out, row, columns);
    }
    out.push_str(")\n\n");
}

/// A row's `columns` cells as arguments of Typst's `table` (`, [...]`), an
/// empty one for each cell the row lacks.
fn write_cells(out: &mut String, row: &[Vec<Inline>], columns: usize) {
    for i in 0..columns {
        out.push_str(", [");
        if let Some(cell) = row.get(i) {
            write_inlines(out, cell);
        }
        out.push(']');
    }
}

fn write_blocks_inline(out: &mut String, blocks: &[Block]) {
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        let mut one = String::new();
        write_block(&mut one, block);
        out.push_str(one.trim_end());
    }
}

pub fn write_inlines(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push_str(&markup(text)),
            Inline::Strong(i) => wrap(out, "strong", i),
            Inline::Emphasis(i) => wrap(out, "emph", i),
            Inline::Strikethrough(i) => wrap(out, "strike", i),
            Inline::Code(code) => {
                let _ = write!(out, "#raw({})", string(code));
            }
            Inline::Link { url, inlines } => {
                if is_openable(url) {
                    let _ = write!(out, "#link({})[", string(url));
                    write_inlines(out, inlines);
                    out.push(']');
                } else {
                    // A link into the book (another chapter) means nothing
                    // in a PDF: its text stays.
                    write_inlines(out, inlines);
                }
            }
            Inline::Evidence { text, url, .. } => match url {
                Some(url) => {
                    let _ = write!(out, "#link({})[{}]", string(url), markup(text));
                }
                None => out.push_str(&markup(text)),
            },
            Inline::Footnote(blocks) => {
                out.push_str("#footnote[");
                write_blocks_inline(out, blocks);
                out.push(']');
            }
            Inline::LineBreak => out.push_str("#linebreak()"),
            Inline::FootnoteRef(_) => {}
        }
    }
}

fn wrap(out: &mut String, function: &str, inlines: &[Inline]) {
    let _ = write!(out, "#{function}[");
    write_inlines(out, inlines);
    out.push(']');
}

/// Web and mail addresses open from a PDF; relative links do not.
pub fn is_openable(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
}
