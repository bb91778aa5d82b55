//! A chapter's Markdown parsed as mdBook parses it, into the units of text
//! that words, references and sections are made of, each with its exact
//! place in the source.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::words::count_words;

/// mdBook 0.5's Markdown options.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// What kind of block a unit of text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitKind {
    /// `level` as written (1 to 6); the statement adjusts nested chapters.
    Heading {
        level: u8,
    },
    Paragraph,
    /// Text directly in a list item (a tight list).
    ListItem,
    TableCell {
        table: usize,
        row: usize,
        column: usize,
        header: bool,
    },
    Code,
    Other,
}

/// A block's rendered text: what a reader sees, so what Word would count.
#[derive(Debug, Clone)]
pub struct Unit {
    pub kind: UnitKind,
    /// Byte offset of the block in the (expanded) chapter text.
    pub start: usize,
    pub text: String,
    /// The text as the author typed it (quotes and dashes not made
    /// typographic), for headings shown in messages.
    pub raw: String,
    pub words: usize,
    /// Ranges of `text` that are inline code (no references there).
    pub code: Vec<Range<usize>>,
    /// (offset in `text`, offset in the chapter, text equals source).
    map: Vec<(usize, usize, bool)>,
}

impl Unit {
    /// The chapter offset of byte `offset` of `text`.
    pub fn source_offset(&self, offset: usize) -> usize {
        let i = self.map.partition_point(|&(t, _, _)| t <= offset);
        match i.checked_sub(1).map(|i| self.map[i]) {
            Some((t, s, true)) => s + (offset - t),
            Some((_, s, false)) => s,
            None => self.start,
        }
    }

    pub fn is_heading(&self) -> bool {
        matches!(self.kind, UnitKind::Heading { .. })
    }

    /// True when `range` of `text` overlaps inline code.
    pub fn in_code(&self, range: &Range<usize>) -> bool {
        self.code
            .iter()
            .any(|c| c.start < range.end && range.start < c.end)
    }
}

/// A `<!-- psdoc-allow RULE -->` and the block it covers.
#[derive(Debug, Clone)]
pub struct Allow {
    pub rule: String,
    pub kind: Option<String>,
    /// The chapter byte range of the next block after the comment.
    pub range: Range<usize>,
}

/// A chapter, parsed.
#[derive(Debug, Clone, Default)]
pub struct ParsedChapter {
    pub units: Vec<Unit>,
    /// (chapter offset, nesting depth from 1) of every list item.
    pub list_items: Vec<(usize, usize)>,
    pub allows: Vec<Allow>,
}

struct Builder {
    kind: UnitKind,
    start: usize,
    text: String,
    raw: String,
    code: Vec<Range<usize>>,
    map: Vec<(usize, usize, bool)>,
}

impl Builder {
    fn new(kind: UnitKind, start: usize) -> Self {
        Self {
            kind,
            start,
            text: String::new(),
            raw: String::new(),
            code: Vec::new(),
            map: Vec::new(),
        }
    }

    fn push(&mut self, s: &str, source: &str, range: Range<usize>) {
        let original = source.get(range.clone());
        let exact = original == Some(s);
        self.map.push((self.text.len(), range.start, exact));
        self.text.push_str(s);
        match original {
            // Smart punctuation: the source has the straight quote or `--`.
            Some(o) if !exact && o.chars().count() <= 3 && !o.contains(['&', '\\']) => {
                self.raw.push_str(o)
            }
            _ => self.raw.push_str(s),
        }
    }

    fn finish(self) -> Unit {
        Unit {
            words: count_words(&self.text),
            kind: self.kind,
            start: self.start,
            text: self.text,
            raw: self.raw,
            code: self.code,
            map: self.map,
        }
    }
}

/// Parses a chapter's text (includes already expanded).
pub fn parse_chapter(text: &str) -> ParsedChapter {
    let mut out = ParsedChapter::default();
    let mut stack: Vec<Builder> = Vec::new();
    let mut list_depth = 0usize;
    let mut image_depth = 0usize;
    let mut table = 0usize;
    let mut row = 0usize;
    let mut column = 0usize;
    let mut in_head = false;
    let mut pending_allows: Vec<(String, Option<String>)> = Vec::new();

    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if !pending_allows.is_empty() && is_block(&tag) {
                    for (rule, kind) in pending_allows.drain(..) {
                        out.allows.push(Allow {
                            rule,
                            kind,
                            range: range.clone(),
                        });
                    }
                }
                let kind = match tag {
                    Tag::Heading { level, .. } => Some(UnitKind::Heading { level: level as u8 }),
                    Tag::Paragraph => Some(UnitKind::Paragraph),
                    Tag::Item => {
                        out.list_items.push((range.start, list_depth));
                        Some(UnitKind::ListItem)
                    }
                    Tag::TableCell => {
                        let k = UnitKind::TableCell {
                            table,
                            row,
                            column,
                            header: in_head,
                        };
                        column += 1;
                        Some(k)
                    }
                    Tag::CodeBlock(_) => Some(UnitKind::Code),
                    Tag::FootnoteDefinition(_)
                    | Tag::DefinitionListTitle
                    | Tag::DefinitionListDefinition
                    | Tag::BlockQuote(_) => Some(UnitKind::Other),
                    Tag::List(_) => {
                        list_depth += 1;
                        None
                    }
                    Tag::Table(_) => {
                        table += 1;
                        row = 0;
                        None
                    }
                    Tag::TableHead => {
                        in_head = true;
                        column = 0;
                        None
                    }
                    Tag::TableRow => {
                        row += 1;
                        column = 0;
                        None
                    }
                    Tag::Image { .. } => {
                        image_depth += 1;
                        None
                    }
                    _ => None,
                };
                if let Some(kind) = kind {
                    stack.push(Builder::new(kind, range.start));
                }
            }
            Event::End(end) => match end {
                TagEnd::Heading(_)
                | TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition
                | TagEnd::BlockQuote(_) => {
                    if let Some(b) = stack.pop()
                        && (matches!(b.kind, UnitKind::Heading { .. }) || !b.text.trim().is_empty())
                    {
                        out.units.push(b.finish());
                    }
                }
                TagEnd::List(_) => list_depth = list_depth.saturating_sub(1),
                TagEnd::TableHead => in_head = false,
                TagEnd::Image => image_depth = image_depth.saturating_sub(1),
                _ => {}
            },
            Event::Text(s) | Event::InlineMath(s) | Event::DisplayMath(s) if image_depth == 0 => {
                current(&mut stack, range.start).push(&s, text, range);
            }
            Event::Code(s) if image_depth == 0 => {
                {
                    let b = current(&mut stack, range.start);
                    let start = b.text.len();
                    // The code span's own text starts after its backticks.
                    let inner = text[range.clone()]
                        .find(&*s)
                        .map_or(range.start, |i| range.start + i);
                    b.map.push((start, inner, true));
                    b.text.push_str(&s);
                    b.raw.push_str(&s);
                    b.code.push(start..b.text.len());
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = stack.last_mut() {
                    b.text.push(' ');
                    b.raw.push(' ');
                }
            }
            Event::Html(s) | Event::InlineHtml(s) => {
                pending_allows.extend(allow_directives(&s));
            }
            _ => {}
        }
    }
    while let Some(b) = stack.pop() {
        out.units.push(b.finish());
    }
    out.units.sort_by_key(|u| u.start);
    out
}

fn current(stack: &mut Vec<Builder>, start: usize) -> &mut Builder {
    if stack.is_empty() {
        stack.push(Builder::new(UnitKind::Other, start));
    }
    stack.last_mut().expect("just pushed")
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::DefinitionList
    )
}

/// The rules named by `<!-- psdoc-allow RULE[:KIND] ... -->` comments.
pub fn allow_directives(html: &str) -> Vec<(String, Option<String>)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("psdoc-allow") {
        let after = &rest[i + "psdoc-allow".len()..];
        let end = after.find("-->").unwrap_or(after.len());
        for name in after[..end].split([' ', ',', '\t', '\n', '\r']) {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            match name.split_once(':') {
                Some((rule, kind)) => found.push((rule.to_owned(), Some(kind.to_owned()))),
                None => found.push((name.to_owned(), None)),
            }
        }
        rest = &after[end..];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(md: &str) -> usize {
        parse_chapter(md).units.iter().map(|u| u.words).sum()
    }

    #[test]
    fn conformance_words() {
        let tsv = include_str!("../../../../tests/conformance/words.tsv");
        for line in tsv.lines().skip(1) {
            let (md, n) = line.rsplit_once('\t').unwrap();
            let md = md.replace("\\n", "\n").replace("\\u00a0", "\u{a0}");
            assert_eq!(words(&md), n.parse::<usize>().unwrap(), "{md:?}");
        }
    }

    #[test]
    fn crlf_and_lf_count_the_same() {
        let lf = "# Title\n\nSome text here.\n\n- a\n- b c\n";
        assert_eq!(words(lf), words(&lf.replace('\n', "\r\n")));
    }

    #[test]
    fn units_map_back_to_source() {
        let md = "# Data\n\nWe saw *more* referrals [E12].\n";
        let p = parse_chapter(md);
        let u = &p.units[1];
        let i = u.text.find("[E12]").unwrap();
        assert_eq!(&md[u.source_offset(i)..u.source_offset(i) + 5], "[E12]");
    }

    #[test]
    fn allow_covers_next_block() {
        let md = "<!-- psdoc-allow small-number personal-identifier:postcode -->\n\n| a | b |\n|---|---|\n| x | 3 |\n\nAfter.\n";
        let p = parse_chapter(md);
        assert_eq!(p.allows.len(), 2);
        assert_eq!(p.allows[1].kind.as_deref(), Some("postcode"));
        assert!(md[p.allows[0].range.clone()].contains("| x | 3 |"));
        assert!(!md[p.allows[0].range.clone()].contains("After"));
    }

    use proptest::prelude::*;

    fn plain_words() -> impl Strategy<Value = String> {
        proptest::collection::vec("[A-Za-z0-9']{1,8}", 1..12).prop_map(|w| w.join(" "))
    }

    proptest! {
        #[test]
        fn markup_never_adds_words(w in plain_words()) {
            let n = words(&w);
            for wrapped in [
                format!("*{w}*"),
                format!("**{w}**"),
                format!("# {w}"),
                format!("## {w} ##"),
                format!("- {w}"),
                format!("1. {w}"),
                format!("> {w}"),
                format!("[{w}](https://example.org/a)"),
                format!("~~{w}~~"),
                format!("{w}\n<!-- a note -->"),
                format!("| {w} |\n|---|\n"),
            ] {
                prop_assert_eq!(words(&wrapped), n, "{}", wrapped);
            }
        }

        #[test]
        fn crlf_and_lf_give_the_same_counts_and_lines(
            lines in proptest::collection::vec(
                prop_oneof![
                    Just("# Heading here".to_owned()),
                    Just(String::new()),
                    Just("- item one".to_owned()),
                    Just("> quoted [E12] words".to_owned()),
                    Just("| a | b |".to_owned()),
                    Just("|---|---|".to_owned()),
                    Just("<!-- note -->".to_owned()),
                    plain_words(),
                ],
                1..30,
            )
        ) {
            let lf = lines.join("\n");
            let crlf = lines.join("\r\n");
            let (a, b) = (parse_chapter(&lf), parse_chapter(&crlf));
            prop_assert_eq!(a.units.len(), b.units.len());
            let (la, lb) = (crate::position::LineIndex::new(&lf), crate::position::LineIndex::new(&crlf));
            for (ua, ub) in a.units.iter().zip(&b.units) {
                prop_assert_eq!(ua.words, ub.words);
                prop_assert_eq!(la.position(&lf, ua.start), lb.position(&crlf, ub.start));
            }
        }
    }

    #[test]
    fn code_spans_are_marked() {
        let p = parse_chapter("See `[E12]` and [E3].\n");
        let u = &p.units[0];
        let code = u.text.find("[E12]").unwrap();
        assert!(u.in_code(&(code..code + 5)));
        let real = u.text.find("[E3]").unwrap();
        assert!(!u.in_code(&(real..real + 4)));
    }
}
