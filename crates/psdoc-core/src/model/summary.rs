//! `SUMMARY.md`: the chapters of the book in statement order, with nesting.

use crate::error::{Error, Result};

/// A chapter as `SUMMARY.md` names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryEntry {
    pub title: String,
    /// The path as written, relative to the book's `src` folder.
    pub path: String,
    /// 0 for prefix, suffix and top-level numbered chapters.
    pub depth: usize,
    /// Index of the entry this one is nested under.
    pub parent: Option<usize>,
    /// Line of `SUMMARY.md` naming it.
    pub line: usize,
}

/// Reads the chapters of `SUMMARY.md` (mdBook's format: prefix chapters,
/// part titles, numbered chapters as nested list items, draft chapters
/// with no file, separators, suffix chapters).
pub fn parse_summary(file: &str, text: &str) -> Result<Vec<SummaryEntry>> {
    let mut entries: Vec<SummaryEntry> = Vec::new();
    // (indent, entry index) of the open list items, shallowest first.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut in_comment = false;
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        let trimmed = line.trim();
        if in_comment {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.starts_with("<!--") {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') || is_separator(trimmed) {
            if !trimmed.is_empty() {
                open.clear();
            }
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let (is_item, rest) = match trimmed.strip_prefix(['-', '*', '+']) {
            Some(rest) if rest.starts_with(char::is_whitespace) => (true, rest.trim_start()),
            _ => (false, trimmed),
        };
        let Some((title, target)) = parse_link(rest) else {
            if is_item {
                return Err(Error::at_line(
                    file,
                    number,
                    format!(
                        "this list item is not a chapter link: write it as `- [Chapter title](chapter.md)` (found `{trimmed}`)"
                    ),
                ));
            }
            continue;
        };
        let depth;
        let parent;
        if is_item {
            while open.last().is_some_and(|&(ind, _)| ind >= indent) {
                open.pop();
            }
            depth = open.len();
            parent = open.last().map(|&(_, idx)| idx);
        } else {
            open.clear();
            depth = 0;
            parent = None;
        }
        if target.is_empty() {
            // A draft chapter: listed, but with no file yet. Its children
            // still need a parent to nest under.
            if is_item {
                open.push((indent, usize::MAX));
            }
            continue;
        }
        let parent = parent.filter(|&p| p != usize::MAX);
        entries.push(SummaryEntry {
            title: title.to_owned(),
            path: decode_target(target),
            depth,
            parent,
            line: number,
        });
        if is_item {
            open.push((indent, entries.len() - 1));
        }
    }
    Ok(entries)
}

fn is_separator(line: &str) -> bool {
    line.len() >= 3 && line.chars().all(|c| c == '-')
}

/// `[title](target)`, the title possibly holding brackets.
fn parse_link(s: &str) -> Option<(&str, &str)> {
    let s = s.strip_prefix('[')?;
    let close = s.rfind("](")?;
    let title = &s[..close];
    let rest = &s[close + 2..];
    let end = rest.rfind(')')?;
    Some((title, rest[..end].trim()))
}

fn decode_target(target: &str) -> String {
    let t = target.trim_start_matches('<').trim_end_matches('>');
    let t = t.split('#').next().unwrap_or(t);
    t.replace("%20", " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_prefix_and_drafts() {
        let text = "# Summary\n\n[Introduction](intro.md)\n\n# Part one\n\n- [Context](context.md)\n- [Data](data.md)\n    - [Registrations](data/reg.md)\n        - [Deeper](deep.md)\n- [Draft]()\n  - [Under draft](u.md)\n\n---\n\n[Annex](annex.md)\n";
        let e = parse_summary("SUMMARY.md", text).unwrap();
        let paths: Vec<_> = e
            .iter()
            .map(|e| (e.path.as_str(), e.depth, e.parent))
            .collect();
        assert_eq!(
            paths,
            vec![
                ("intro.md", 0, None),
                ("context.md", 0, None),
                ("data.md", 0, None),
                ("data/reg.md", 1, Some(2)),
                ("deep.md", 2, Some(3)),
                ("u.md", 1, None),
                ("annex.md", 0, None),
            ]
        );
        assert_eq!(e[3].line, 9);
    }

    #[test]
    fn broken_item_is_an_error_with_line() {
        let e = parse_summary("book/src/SUMMARY.md", "# Summary\n\n- Context\n").unwrap_err();
        assert!(e.to_string().starts_with("book/src/SUMMARY.md:3:"));
    }
}
