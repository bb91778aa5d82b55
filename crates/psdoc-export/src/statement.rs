//! The statement as one Markdown file: every chapter in order, drafting
//! notes (HTML comments) stripped and personal identifiers masked.

use std::sync::LazyLock;

use regex::Regex;

use psdoc_core::Project;

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
