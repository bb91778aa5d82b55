//! The statement as one document: Markdown and print-ready HTML, drafting
//! notes (HTML comments) stripped and personal identifiers masked.

use std::sync::LazyLock;

use regex::Regex;

use crate::check::Project;

static COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<!--.*?-->").expect("valid regex"));

/// Every chapter in order as one Markdown text; a nested chapter's
/// headings moved down under its parent's, as the statement reads.
pub fn to_markdown(project: &Project) -> String {
    let mut out = String::new();
    for chapter in &project.statement.chapters {
        let text = COMMENT.replace_all(&chapter.expanded.text, "");
        let text = shift_headings(&text, chapter.level_offset);
        let text = project.redactor.redact(&text);
        let trimmed = text.trim();
        if trimmed.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(trimmed);
        out.push('\n');
    }
    // Blank lines left where notes were: at most one in a row.
    let mut tidy = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        tidy.push_str(line.trim_end());
        tidy.push('\n');
    }
    tidy
}

/// ATX headings outside fenced code, `offset` levels deeper (1 to 6).
fn shift_headings(text: &str, offset: i32) -> String {
    if offset == 0 {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut fence: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
            out.push_str(line);
            continue;
        }
        let hashes = t.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t', '\n', '\r']) {
            let level = (hashes as i32 + offset).clamp(1, 6) as usize;
            out.push_str(&"#".repeat(level));
            out.push_str(&t[hashes..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// One self-contained HTML file to print or save as PDF.
pub fn to_html(project: &Project) -> String {
    let markdown = to_markdown(project);
    let mut body = String::new();
    let parser = pulldown_cmark::Parser::new_ext(&markdown, crate::model::markdown::options());
    pulldown_cmark::html::push_html(&mut body, parser);
    let name = html_escape(&project.config.partnership.name);
    let title = if name.is_empty() {
        "Position statement".to_owned()
    } else {
        format!("{name}: position statement")
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.45; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #111; }}
h1, h2, h3 {{ line-height: 1.2; page-break-after: avoid; }}
h1 {{ font-size: 1.6em; border-bottom: 2px solid #333; padding-bottom: .2em; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
th, td {{ border: 1px solid #777; padding: .25em .5em; text-align: left; vertical-align: top; }}
th {{ background: #eee; }}
tr, img {{ page-break-inside: avoid; }}
a {{ color: #0b4f8a; }}
@page {{ margin: 2cm; }}
@media print {{ body {{ margin: 0; max-width: none; }} a {{ color: inherit; text-decoration: none; }} }}
</style>
</head>
<body>
<p class="partnership">{title}</p>
{body}</body>
</html>
"#
    )
}

pub fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::shift_headings;

    #[test]
    fn shifts_headings_not_code() {
        let t = "# A\ntext #1\n```\n# not\n```\n## B\n";
        assert_eq!(
            shift_headings(t, 1),
            "## A\ntext #1\n```\n# not\n```\n### B\n"
        );
    }
}
