//! Imported blocks written as the Markdown of a chapter: headings, bold and
//! italic, lists, tables, links and footnotes, with statement text escaped
//! just enough that it reads back as written (evidence references stay
//! `[E12]`, which Markdown leaves as text).

use crate::model::{Block, Run};

/// The Markdown of a chapter's blocks; `level_base` is the heading level
/// that becomes `#`. Footnotes are numbered in the chapter and defined at
/// its end.
pub fn chapter(blocks: &[Block], level_base: u8, notes: &[Vec<Run>]) -> String {
    let mut out = String::new();
    let mut used_notes: Vec<usize> = Vec::new();
    let mut previous_list = false;
    for block in blocks {
        let is_list = matches!(block, Block::Paragraph { list: Some(_), .. });
        if !out.is_empty() {
            out.push_str(if is_list && previous_list {
                "\n"
            } else {
                "\n\n"
            });
        }
        previous_list = is_list;
        match block {
            Block::Heading { level, runs } => {
                let level = (i32::from(*level) - i32::from(level_base) + 1).clamp(1, 6) as usize;
                out.push_str(&"#".repeat(level));
                out.push(' ');
                out.push_str(inline(runs, &mut used_notes).trim());
            }
            Block::Paragraph { runs, list } => {
                let text = inline(runs, &mut used_notes);
                let text = text.trim();
                match list {
                    Some(item) => {
                        let indent = if item.ordered { "   " } else { "  " };
                        out.push_str(&indent.repeat(usize::from(item.level.min(8))));
                        out.push_str(if item.ordered { "1. " } else { "- " });
                        out.push_str(text);
                    }
                    None => out.push_str(&escape_line_start(text)),
                }
            }
            Block::Table { rows } => {
                let columns = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
                for (i, row) in rows.iter().enumerate() {
                    out.push('|');
                    for c in 0..columns {
                        let cell = row
                            .get(c)
                            .map(|cell| inline(cell, &mut used_notes))
                            .unwrap_or_default();
                        out.push(' ');
                        out.push_str(cell.replace('|', "\\|").replace('\n', " ").trim());
                        out.push_str(" |");
                    }
                    out.push('\n');
                    if i == 0 {
                        out.push('|');
                        out.push_str(&"---|".repeat(columns));
                        out.push('\n');
                    }
                }
                out.truncate(out.trim_end().len());
            }
            Block::Markdown(text) => out.push_str(text.trim_end()),
            Block::Note(text) => {
                out.push_str("<!-- ");
                out.push_str(&text.replace("--", "- -"));
                out.push_str(" -->");
            }
        }
    }
    for (i, n) in used_notes.iter().enumerate() {
        let mut unused = Vec::new();
        let text = notes
            .get(n - 1)
            .map(|r| inline(r, &mut unused))
            .unwrap_or_default();
        out.push_str(&format!("\n\n[^{}]: {}", i + 1, text.trim()));
    }
    out.push('\n');
    out
}

/// Runs as inline Markdown.
pub fn inline(runs: &[Run], notes: &mut Vec<usize>) -> String {
    let mut out = String::new();
    for run in runs {
        if run.line_break {
            out.push_str("\\\n");
        }
        if let Some(n) = run.footnote {
            notes.push(n);
            out.push_str(&format!("[^{}]", notes.len()));
            continue;
        }
        if run.text.is_empty() {
            continue;
        }
        let text = escape(&run.text);
        // Emphasis may not start or end with a space: keep them outside.
        let core = text.trim();
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        let mut marked = core.to_owned();
        if !core.is_empty() {
            if run.strike {
                marked = format!("~~{marked}~~");
            }
            if run.italic {
                marked = format!("*{marked}*");
            }
            if run.bold {
                marked = format!("**{marked}**");
            }
            if let Some(url) = &run.link {
                marked = format!("[{marked}](<{}>)", url.replace(['<', '>', '\n'], ""));
            }
        }
        out.push_str(lead);
        out.push_str(&marked);
        out.push_str(trail);
    }
    out
}

/// Text escaped for Markdown: the characters that would start emphasis,
/// code, HTML, an entity or a link. Square brackets stay, so that `[E12]`
/// and bracketed prose read as written.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        match c {
            '\\' | '*' | '_' | '`' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' if next
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')) =>
            {
                out.push_str("\\<");
            }
            '&' if next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#') => {
                out.push_str("\\&")
            }
            // `[text](address)` would be a link; `[E15]:` mid-line is text.
            ']' if next == Some('(') => out.push_str("\\]"),
            '[' if next == Some('^') => out.push_str("\\["),
            '\u{a0}' => out.push('\u{a0}'),
            c => out.push(c),
        }
    }
    out
}

/// A paragraph that would read as a heading, quote, list or code block at
/// the start of a line is escaped there.
fn escape_line_start(text: &str) -> String {
    let first = text.chars().next();
    match first {
        Some('#' | '>' | '+' | '-' | '=' | '|') => format!("\\{text}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = text.chars().take_while(char::is_ascii_digit).count();
            let rest = &text[digits..];
            if rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")" {
                format!("{}\\{}", &text[..digits], rest)
            } else {
                text.to_owned()
            }
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ListItem;

    fn words(md: &str) -> usize {
        psdoc_core::model::markdown::parse_chapter(md)
            .units
            .iter()
            .map(|u| u.words)
            .sum()
    }

    #[test]
    fn text_reads_back_as_written() {
        for text in [
            "# not a heading",
            "1. not a list",
            "- not a list",
            "a *star* and _underscores_ and `ticks`",
            "<b>not html</b> &amp; not an entity",
            "[E12] stays a reference, [text](not a link)",
            "+ plus",
        ] {
            let md = chapter(
                &[Block::Paragraph {
                    runs: vec![Run::text(text)],
                    list: None,
                }],
                1,
                &[],
            );
            let p = psdoc_core::model::markdown::parse_chapter(&md);
            assert_eq!(p.units.len(), 1, "{md}");
            assert_eq!(p.units[0].text, text, "{md}");
        }
    }

    #[test]
    fn formatting_lists_tables_and_notes() {
        let bold = Run {
            bold: true,
            ..Run::text("Key ")
        };
        let blocks = vec![
            Block::Heading {
                level: 2,
                runs: vec![Run::text("Data")],
            },
            Block::Paragraph {
                runs: vec![
                    bold,
                    Run::text("point"),
                    Run {
                        footnote: Some(1),
                        ..Run::default()
                    },
                ],
                list: None,
            },
            Block::Paragraph {
                runs: vec![Run::text("one")],
                list: Some(ListItem {
                    level: 0,
                    ordered: false,
                }),
            },
            Block::Paragraph {
                runs: vec![Run::text("two")],
                list: Some(ListItem {
                    level: 1,
                    ordered: false,
                }),
            },
            Block::Table {
                rows: vec![
                    vec![vec![Run::text("A|B")], vec![Run::text("C")]],
                    vec![vec![Run::text("1")]],
                ],
            },
        ];
        let md = chapter(&blocks, 2, &[vec![Run::text("A note.")]]);
        assert!(md.starts_with("# Data\n\n**Key** point[^1]\n\n- one\n  - two\n\n| A\\|B | C |\n|---|---|\n| 1 |  |"), "{md}");
        assert!(md.ends_with("[^1]: A note.\n"), "{md}");
        assert_eq!(words(&md), 1 + 2 + 2 + 1 + 1 + 2 + 1);
    }
}
