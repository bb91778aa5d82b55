//! One chapter's Markdown, rewritten for readers: drafting notes (HTML
//! comments) removed, evidence references linked to the document log in
//! every form the statement's `reference_style` accepts (`[E12]`, and by
//! default `(E12)`, `see E12`, `E3 to E5` too), confirmed quality
//! indicators given their title on hover.
//!
//! The text is mdBook's, after its `links` preprocessor, so included text is
//! rewritten too. Only prose is touched: never code, raw HTML, headings
//! (mdBook makes them links already) or existing links.

use std::ops::Range;

use psdoc_evidence::{Reference, ReferenceKind, find_qi_references, find_references_with};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::log_chapter::LogTargets;
use psdoc_core::text::{escape_html_cell as escape_html, escape_markdown};

/// Rewrites a chapter's Markdown. `chapter_path` is the chapter's path
/// relative to the book's `src` folder (for the relative link to the log).
pub fn rewrite(markdown: &str, chapter_path: &str, targets: &LogTargets) -> String {
    let scan = Scan::of(markdown);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();

    for range in &scan.comments {
        edits.push((range.clone(), String::new()));
    }

    let href = relative_path(chapter_path, &targets.log_path);
    for run in &scan.prose {
        for reference in
            find_references_with(&markdown[run.clone()], &targets.prefix, targets.style)
        {
            let ReferenceKind::Cites(_) = reference.kind else {
                continue;
            };
            let range = run.start + reference.range.start..run.start + reference.range.end;
            let written = &markdown[range.clone()];
            if let Some(linked) = link_reference(&reference, written, &href, targets) {
                edits.push((range, linked));
            }
        }
    }

    for qi in find_qi_references(markdown, &targets.guidance.framework) {
        let Some(indicators) = &qi.resolved else {
            continue;
        };
        // The guidance's titles where they are confirmed verbatim: a
        // reconstructed title on hover would put words in the framework's
        // mouth.
        if indicators.is_empty()
            || !indicators.iter().all(|i| i.confirmed)
            || !scan.in_prose(&qi.range)
        {
            continue;
        }
        let title: Vec<String> = indicators
            .iter()
            .map(|i| format!("QI {}: {}", i.number, i.title))
            .collect();
        edits.push((
            qi.range.clone(),
            format!(
                "<abbr class=\"psdoc-qi\" title=\"{}\">{}</abbr>",
                escape_html(&title.join("; ")),
                &markdown[qi.range.clone()]
            ),
        ));
    }

    apply(markdown, edits)
}

/// `[E3, E5-E7]` as links, each number to its row in the log; the text
/// stays as written. `(E6)` and `E6 to E9` likewise, the brackets and
/// words left as text. `None` when no number is in the log.
fn link_reference(
    reference: &Reference,
    written: &str,
    href: &str,
    targets: &LogTargets,
) -> Option<String> {
    let parts = reference.link_parts(written, &targets.prefix);
    let link = |text: &str, id: u64| -> Option<String> {
        let title = targets.titles.get(&id)?;
        Some(format!(
            "[{}](<{href}#{}> \"{}\")",
            escape_markdown(text),
            targets.anchor(id),
            escape_title(title)
        ))
    };
    if parts.single {
        return link(written, parts.numbers[0].1);
    }
    let inner = parts.inner;
    let mut out = escape_markdown(parts.open);
    let mut at = 0;
    let mut linked = false;
    for (range, id) in &parts.numbers {
        out.push_str(&escape_markdown(&inner[at..range.start]));
        let text = &inner[range.clone()];
        match link(text, *id) {
            Some(l) => {
                out.push_str(&l);
                linked = true;
            }
            None => out.push_str(&escape_markdown(text)),
        }
        at = range.end;
    }
    out.push_str(&escape_markdown(&inner[at..]));
    out.push_str(&escape_markdown(parts.close));
    linked.then_some(out)
}

/// The relative link from chapter `from` to chapter `to` (both relative to
/// `src`, `/`-separated), as mdBook resolves it.
pub fn relative_path(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect::<Vec<_>>();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len() - 1);
    let mut out = "../".repeat(from_dir.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// Where prose is, and where the HTML comments are.
struct Scan {
    /// Runs of prose text (merged when adjacent): where references are
    /// looked for, so never in code, links, headings or HTML.
    prose: Vec<Range<usize>>,
    /// Whole HTML comments, `<!--` to `-->`.
    comments: Vec<Range<usize>>,
}

impl Scan {
    fn of(markdown: &str) -> Self {
        let mut prose: Vec<Range<usize>> = Vec::new();
        let mut html: Vec<Range<usize>> = Vec::new();
        // Inside a heading, link, image, code block or metadata block.
        let mut skip = 0usize;
        let parser = Parser::new_ext(markdown, psdoc_core::model::markdown::options());
        for (event, range) in parser.into_offset_iter() {
            match event {
                Event::Start(Tag::HtmlBlock) => html.push(range),
                Event::InlineHtml(_) => html.push(range),
                Event::Start(
                    Tag::Heading { .. }
                    | Tag::Link { .. }
                    | Tag::Image { .. }
                    | Tag::CodeBlock(_)
                    | Tag::MetadataBlock(_),
                ) => skip += 1,
                Event::End(
                    TagEnd::Heading(_)
                    | TagEnd::Link
                    | TagEnd::Image
                    | TagEnd::CodeBlock
                    | TagEnd::MetadataBlock(_),
                ) => skip = skip.saturating_sub(1),
                Event::Text(_) | Event::SoftBreak if skip == 0 => match prose.last_mut() {
                    Some(last) if last.end == range.start => last.end = range.end,
                    _ => prose.push(range),
                },
                _ => {}
            }
        }
        let comments = comments_in(markdown, &html);
        Scan { prose, comments }
    }

    /// True when `range` lies within one run of prose.
    fn in_prose(&self, range: &Range<usize>) -> bool {
        let i = self.prose.partition_point(|p| p.start <= range.start);
        i.checked_sub(1)
            .is_some_and(|i| self.prose[i].end >= range.end)
    }
}

/// The HTML comments that start inside raw HTML. A comment ends at the
/// first `-->`, as a browser reads it, even past the HTML block it started
/// in; one never closed runs to the end of its block.
fn comments_in(markdown: &str, html: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for region in html {
        let mut at = region.start.max(out.last().map_or(0, |c| c.end));
        while at < region.end {
            let Some(found) = markdown[at..region.end].find("<!--") else {
                break;
            };
            let start = at + found;
            let body = start + 4;
            let end = if markdown[body..].starts_with('>') {
                body + 1
            } else if markdown[body..].starts_with("->") {
                body + 2
            } else {
                markdown[body..]
                    .find("-->")
                    .map_or(region.end, |i| body + i + 3)
            };
            out.push(start..end);
            at = end;
        }
    }
    out
}

fn apply(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = String::with_capacity(text.len() + edits.len() * 64);
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A link title between double quotes.
fn escape_title(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            // `|` too: inside a table row an unescaped one ends the cell.
            '\\' | '"' | '&' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn targets() -> LogTargets {
        LogTargets {
            prefix: "E".into(),
            style: psdoc_evidence::ReferenceStyle::Any,
            log_path: "document-log.md".into(),
            titles: BTreeMap::from([
                (3, "Plan \"2023\"".to_owned()),
                (5, "Five".to_owned()),
                (12, "Twelve".to_owned()),
            ]),
            guidance: psdoc_guidance::default_profile(),
        }
    }

    fn rw(md: &str) -> String {
        rewrite(md, "data.md", &targets())
    }

    #[test]
    fn single_reference_is_one_link() {
        assert_eq!(
            rw("Rose by 12% [E12].\n"),
            "Rose by 12% [\\[E12\\]](<document-log.md#E12> \"Twelve\").\n"
        );
    }

    #[test]
    fn lists_and_ranges_link_each_number() {
        assert_eq!(
            rw("See [E3, E12] and [E3-5].\n"),
            "See \\[[E3](<document-log.md#E3> \"Plan \\\"2023\\\"\"), [E12](<document-log.md#E12> \"Twelve\")\\] and \\[[E3](<document-log.md#E3> \"Plan \\\"2023\\\"\")-[5](<document-log.md#E5> \"Five\")\\].\n"
        );
    }

    #[test]
    fn every_form_officers_write_is_linked() {
        let link = |n: u64, text: &str| {
            let title = targets().titles[&n].replace('"', "\\\"");
            format!("[{text}](<document-log.md#E{n}> \"{title}\")")
        };
        for (md, want) in [
            ("Rose (E12).\n", format!("Rose ({}).\n", link(12, "E12"))),
            ("As E5 shows.\n", format!("As {} shows.\n", link(5, "E5"))),
            (
                "(see COG minutes, E5)\n",
                format!("(see COG minutes, {})\n", link(5, "E5")),
            ),
            (
                "See E3 to E5.\n",
                format!("See {} to {}.\n", link(3, "E3"), link(5, "E5")),
            ),
            (
                "See E3\u{2013}E5.\n",
                format!("See {}\u{2013}{}.\n", link(3, "E3"), link(5, "E5")),
            ),
            (
                "See E3-5.\n",
                format!("See {}-{}.\n", link(3, "E3"), link(5, "5")),
            ),
            (
                "(E3; E12)\n",
                format!("({}; {})\n", link(3, "E3"), link(12, "E12")),
            ),
            (
                "[E3 and E12]\n",
                format!("\\[{} and {}\\]\n", link(3, "E3"), link(12, "E12")),
            ),
            (
                "E5, E12 and E3\n",
                format!(
                    "{}, {} and {}\n",
                    link(5, "E5"),
                    link(12, "E12"),
                    link(3, "E3")
                ),
            ),
            (
                "*E5* and **E12**\n",
                format!("*{}* and **{}**\n", link(5, "E5"), link(12, "E12")),
            ),
            (
                "\u{201c}E5\u{201d}\u{a0}E12\r\n",
                format!(
                    "\u{201c}{}\u{201d}\u{a0}{}\r\n",
                    link(5, "E5"),
                    link(12, "E12")
                ),
            ),
        ] {
            assert_eq!(rw(md), want, "{md:?}");
        }
    }

    #[test]
    fn look_alikes_and_wording_are_not_linked() {
        for md in [
            "E12a, PE12, E12.5, E12-based, EH6 4AB, E12 1AB and E99.\n",
            "See https://example.org/E12 and www.example.org/(E12).\n",
            "Document 12, Doc 12 and Evidence 12.\n",
            "`E12` and <!-- E12 -->x\n",
            "    E12 in an indented code block\n",
        ] {
            let out = rw(md);
            assert!(!out.contains("document-log.md"), "{md:?}: {out}");
        }
    }

    #[test]
    fn brackets_only_links_square_brackets_only() {
        let mut t = targets();
        t.style = psdoc_evidence::ReferenceStyle::Brackets;
        let out = rewrite("[E12], (E12), E12 and [E3; E5].\n", "data.md", &t);
        assert_eq!(out.matches("document-log.md#").count(), 1, "{out}");
        assert!(
            out.starts_with("[\\[E12\\]](<document-log.md#E12>"),
            "{out}"
        );
    }

    #[test]
    fn unknown_and_malformed_are_left_alone() {
        assert_eq!(rw("[E99] [E] [E12a]\n"), "[E99] [E] [E12a]\n");
    }

    #[test]
    fn not_in_code_links_headings_or_html() {
        let md = "# Data [E12]\n\n`[E12]` and [E12](x.md) and <span title=\"[E12]\">x</span>\n\n```\n[E12]\n```\n";
        assert_eq!(rw(md), md);
    }

    #[test]
    fn comments_are_removed_wherever_they_are() {
        assert_eq!(rw("<!-- note [E12] -->\n\nText.\n"), "\n\nText.\n");
        assert_eq!(
            rw("Text <!-- inline\nover lines --> more.\n"),
            "Text  more.\n"
        );
        assert_eq!(rw("<div>\n<!-- a\n\nb -->\n</div>\n"), "<div>\n\n</div>\n");
        // Not in code.
        assert_eq!(rw("`<!-- x -->`\n"), "`<!-- x -->`\n");
    }

    #[test]
    fn confirmed_quality_indicators_get_their_title() {
        let out = rw("Guided by QI 6.4 and QI 1.1.\n");
        assert!(
            out.contains("QI <abbr class=\"psdoc-qi\" title=\"QI 6.4: Performance management and quality assurance\">6.4</abbr>"),
            "{out}"
        );
        // 1.1's title is reconstructed, not confirmed: no hover.
        assert!(out.ends_with("and QI 1.1.\n"), "{out}");
    }

    #[test]
    fn a_reference_in_a_table_keeps_the_row_whole() {
        let mut t = targets();
        t.titles.insert(7, "Audit | summary".to_owned());
        let out = rewrite(
            "| Measure | Source |\n|---|---|\n| 12% | [E7] |\n",
            "data.md",
            &t,
        );
        assert!(out.contains("\"Audit \\| summary\""), "{out}");
        let html = {
            let mut h = String::new();
            pulldown_cmark::html::push_html(
                &mut h,
                Parser::new_ext(&out, psdoc_core::model::markdown::options()),
            );
            h
        };
        assert!(
            html.contains(
                "<td><a href=\"document-log.md#E7\" title=\"Audit | summary\">[E7]</a></td>"
            ),
            "{html}"
        );
    }

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative_path("data.md", "document-log.md"),
            "document-log.md"
        );
        assert_eq!(
            relative_path("data/reg.md", "document-log.md"),
            "../document-log.md"
        );
        assert_eq!(relative_path("a/b/c.md", "a/log.md"), "../log.md");
        assert_eq!(relative_path("x.md", "annex/log.md"), "annex/log.md");
    }
}
