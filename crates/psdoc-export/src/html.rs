//! The statement as one self-contained, accessible HTML page: the cover
//! block, a contents list, then the text, with evidence references linked
//! to their public documents. For reading on screen or sending by e-mail;
//! the PDF is the print version.

use std::fmt::Write;

use pulldown_cmark_escape::{escape_href, escape_html};

use crate::document::{Align, Block, Document, Inline, plain_text};
use crate::pdf::markup::is_openable;

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

fn href(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    escape_href(&mut out, url).expect("writing to a String cannot fail");
    esc(&out)
}

/// The whole page.
pub fn statement(document: &Document) -> String {
    let cover = &document.cover;
    let mut body = String::new();
    let mut contents = String::new();
    let mut notes = Vec::new();
    let mut heading = 0;
    for block in &document.blocks {
        if let Block::Heading { level, inlines, .. } = block
            && *level <= 2
        {
            let _ = writeln!(
                contents,
                "<li class=\"toc-{level}\"><a href=\"#s{}\">{}</a></li>",
                heading + 1,
                esc(&plain_text(inlines))
            );
        }
        write_block(&mut body, block, &mut heading, &mut notes);
    }
    if !notes.is_empty() {
        body.push_str("<section class=\"footnotes\" aria-label=\"Notes\"><ol>\n");
        for (i, note) in notes.iter().enumerate() {
            let _ = writeln!(body, "<li id=\"fn{}\">{note}</li>", i + 1);
        }
        body.push_str("</ol></section>\n");
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 1.05rem; line-height: 1.5; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #111; background: #fff; }}
h1, h2, h3, h4 {{ line-height: 1.25; }}
.cover {{ border-bottom: 2px solid #333; margin-bottom: 2em; padding-bottom: 1em; }}
.cover .partnership {{ font-size: 1.2em; margin: 0; }}
.cover h1 {{ font-size: 2.2em; margin: .2em 0; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
th, td {{ border: 1px solid #767676; padding: .3em .5em; text-align: left; vertical-align: top; }}
th {{ background: #eee; }}
a {{ color: #0b4f8a; }}
nav ol {{ padding-left: 1.2em; }}
nav .toc-2 {{ margin-left: 1.2em; list-style: circle; }}
</style>
</head>
<body>
<header class="cover">
<p class="partnership">{partnership}</p>
<h1>Position statement</h1>
<p>Joint inspection of services for children at risk of harm</p>
<p>Submitted to the Care Inspectorate on {date}</p>
<p>{words}</p>
</header>
<nav aria-label="Contents">
<h2>Contents</h2>
<ol>
{contents}</ol>
</nav>
<main>
{body}</main>
</body>
</html>
"#,
        title = esc(&cover.title()),
        partnership = esc(&cover.partnership),
        date = esc(&cover.date()),
        words = esc(&cover.word_line()),
    )
}

fn write_block(out: &mut String, block: &Block, heading: &mut usize, notes: &mut Vec<String>) {
    match block {
        Block::Heading { level, inlines, .. } => {
            *heading += 1;
            // The cover's title is the page's h1: the statement's headings sit below it.
            let tag = (level + 1).min(6);
            let _ = write!(out, "<h{tag} id=\"s{heading}\">");
            write_inlines(out, inlines, notes);
            let _ = writeln!(out, "</h{tag}>");
        }
        Block::Paragraph(inlines) => {
            out.push_str("<p>");
            write_inlines(out, inlines, notes);
            out.push_str("</p>\n");
        }
        Block::List { start, items } => {
            match start {
                Some(1) => out.push_str("<ol>\n"),
                Some(n) => {
                    let _ = writeln!(out, "<ol start=\"{n}\">");
                }
                None => out.push_str("<ul>\n"),
            }
            for item in items {
                out.push_str("<li>");
                for block in item {
                    write_block(out, block, heading, notes);
                }
                out.push_str("</li>\n");
            }
            out.push_str(if start.is_some() {
                "</ol>\n"
            } else {
                "</ul>\n"
            });
        }
        Block::Table {
            alignments,
            header,
            rows,
        } => {
            let style = |i: usize| match alignments.get(i) {
                Some(Align::Right) => " style=\"text-align: right\"",
                Some(Align::Center) => " style=\"text-align: center\"",
                _ => "",
            };
            out.push_str("<table>\n<thead><tr>");
            for (i, cell) in header.iter().enumerate() {
                let _ = write!(out, "<th scope=\"col\"{}>", style(i));
                write_inlines(out, cell, notes);
                out.push_str("</th>");
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in rows {
                out.push_str("<tr>");
                for (i, cell) in row.iter().enumerate() {
                    let _ = write!(out, "<td{}>", style(i));
                    write_inlines(out, cell, notes);
                    out.push_str("</td>");
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::Quote(blocks) => {
            out.push_str("<blockquote>\n");
            for block in blocks {
                write_block(out, block, heading, notes);
            }
            out.push_str("</blockquote>\n");
        }
        Block::Code(code) => {
            let _ = writeln!(out, "<pre><code>{}</code></pre>", esc(code));
        }
        Block::Rule => out.push_str("<hr>\n"),
    }
}

fn write_inlines(out: &mut String, inlines: &[Inline], notes: &mut Vec<String>) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push_str(&esc(text)),
            Inline::Strong(i) => wrap(out, "strong", i, notes),
            Inline::Emphasis(i) => wrap(out, "em", i, notes),
            Inline::Strikethrough(i) => wrap(out, "del", i, notes),
            Inline::Code(code) => {
                let _ = write!(out, "<code>{}</code>", esc(code));
            }
            Inline::Link { url, inlines } if is_openable(url) => {
                let _ = write!(out, "<a href=\"{}\">", href(url));
                write_inlines(out, inlines, notes);
                out.push_str("</a>");
            }
            Inline::Link { inlines, .. } => write_inlines(out, inlines, notes),
            Inline::Evidence {
                text,
                url: Some(url),
                ..
            } => {
                let _ = write!(out, "<a href=\"{}\">{}</a>", href(url), esc(text));
            }
            Inline::Evidence { text, .. } => out.push_str(&esc(text)),
            Inline::Footnote(blocks) => {
                let mut note = String::new();
                let mut unused = 0;
                for block in blocks {
                    write_block(&mut note, block, &mut unused, notes);
                }
                notes.push(note);
                let n = notes.len();
                let _ = write!(
                    out,
                    "<sup><a href=\"#fn{n}\" aria-label=\"note {n}\">{n}</a></sup>"
                );
            }
            Inline::LineBreak => out.push_str("<br>"),
            Inline::FootnoteRef(_) => {}
        }
    }
}

fn wrap(out: &mut String, tag: &str, inlines: &[Inline], notes: &mut Vec<String>) {
    let _ = write!(out, "<{tag}>");
    write_inlines(out, inlines, notes);
    let _ = write!(out, "</{tag}>");
}
