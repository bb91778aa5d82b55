//! mdBook's `{{#include}}`, expanded with a map back to the original files,
//! so that every position in a chapter is reported in the file written.

use super::files::{FileSource, ReadError, is_within, join_relative, parent_dir};
use super::sources::{FileId, SourceFile, Sources};
use crate::error::{Error, Result};

/// A chapter's text with its includes expanded.
#[derive(Debug, Clone)]
pub struct Expanded {
    pub text: String,
    segments: Vec<Segment>,
}

/// A run of expanded text copied from one place in one file.
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: usize,
    file: FileId,
    file_start: usize,
}

/// Includes nested deeper than this are an error (mdBook stops at 10).
const MAX_DEPTH: usize = 10;

impl Expanded {
    /// The file and byte offset in it of byte `offset` of the expanded text.
    pub fn origin(&self, offset: usize) -> (FileId, usize) {
        let i = self.segments.partition_point(|s| s.start <= offset).max(1) - 1;
        let s = self.segments[i];
        (s.file, s.file_start + (offset - s.start))
    }
}

/// Expands the includes in `file` (already in `sources`). Included files are
/// read from `files` and must stay inside `book_dir`.
pub fn expand(
    sources: &mut Sources,
    files: &dyn FileSource,
    file: FileId,
    book_dir: &str,
) -> Result<Expanded> {
    let mut out = Expanded {
        text: String::new(),
        segments: Vec::new(),
    };
    expand_into(sources, files, file, None, book_dir, 0, &mut out)?;
    if out.segments.is_empty() {
        out.segments.push(Segment {
            start: 0,
            file,
            file_start: 0,
        });
    }
    Ok(out)
}

fn expand_into(
    sources: &mut Sources,
    files: &dyn FileSource,
    file: FileId,
    range: Option<std::ops::Range<usize>>,
    book_dir: &str,
    depth: usize,
    out: &mut Expanded,
) -> Result<()> {
    let source = sources.get(file).clone();
    let text = &source.text;
    let range = range.unwrap_or(0..text.len());
    let mut copied = range.start;
    let mut search = range.start;
    while let Some(found) = text[search..range.end].find("{{#") {
        let at = search + found;
        let Some(close) = text[at..range.end].find("}}") else {
            break;
        };
        let directive = &text[at + 3..at + close];
        search = at + close + 2;
        let escaped = at > 0 && text.as_bytes()[at - 1] == b'\\';
        let Some(arg) = directive
            .strip_prefix("include ")
            .or_else(|| directive.strip_prefix("rustdoc_include "))
        else {
            continue;
        };
        let line = source.position(at).line;
        if escaped {
            // `\{{#include x}}` renders literally, without the backslash.
            push(out, file, copied, &text[copied..at - 1]);
            copied = at;
            continue;
        }
        push(out, file, copied, &text[copied..at]);
        copied = search;
        if depth >= MAX_DEPTH {
            return Err(Error::at_line(
                &source.path,
                line,
                "includes are nested more than 10 deep (does a file include itself?)",
            ));
        }
        let (target, selector) = split_selector(arg.trim());
        let dir = parent_dir(&source.path);
        let path = join_relative(dir, target)
            .filter(|p| is_within(p, book_dir))
            .ok_or_else(|| outside(&source.path, line, target, book_dir))?;
        let bytes = files.read(&path).map_err(|e| match e {
            ReadError::NotFound => Error::at_line(
                &source.path,
                line,
                format!("`{{{{#include {target}}}}}`: {path} does not exist: fix the path (it is relative to this chapter's folder)"),
            ),
            ReadError::OutsideRoot => outside(&source.path, line, target, book_dir),
            ReadError::Other(m) => Error::at_line(
                &source.path,
                line,
                format!("`{{{{#include {target}}}}}`: cannot read {path}: {m}"),
            ),
        })?;
        let included = String::from_utf8(bytes).map_err(|_| {
            Error::file(
                &path,
                "is not UTF-8 text: save it as UTF-8 (included from another chapter)",
            )
        })?;
        let included_id = sources.add(SourceFile::new(
            path.clone(),
            crate::position::strip_bom(included),
        ));
        let included_text = &sources.get(included_id).text;
        let sub = select(included_text, selector).ok_or_else(|| {
            Error::at_line(
                &source.path,
                line,
                format!(
                    "`{{{{#include {}}}}}`: {path} has no such lines or anchor",
                    shown(arg)
                ),
            )
        })?;
        expand_into(
            sources,
            files,
            included_id,
            Some(sub),
            book_dir,
            depth + 1,
            out,
        )?;
    }
    push(out, file, copied, &text[copied..range.end]);
    Ok(())
}

fn outside(file: &str, line: usize, target: &str, book_dir: &str) -> Error {
    Error::at_line(
        file,
        line,
        format!(
            "`{{{{#include {target}}}}}` leaves the book's folder ({book_dir}/): psdoc and mdBook only include files inside the book, so copy the text into the book"
        ),
    )
}

/// A directive's argument as a one-line message shows it: its first line,
/// control characters blanked, at most 80 characters.
fn shown(arg: &str) -> String {
    let line: String = arg
        .trim()
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if line.chars().count() > 80 {
        format!("{}…", line.chars().take(80).collect::<String>())
    } else {
        line
    }
}

fn push(out: &mut Expanded, file: FileId, file_start: usize, s: &str) {
    if s.is_empty() {
        return;
    }
    out.segments.push(Segment {
        start: out.text.len(),
        file,
        file_start,
    });
    out.text.push_str(s);
}

/// `path:10`, `path:2:5`, `path::5`, `path:anchor`.
fn split_selector(arg: &str) -> (&str, Option<&str>) {
    let path_end = arg.find(char::is_whitespace).unwrap_or(arg.len());
    let arg = &arg[..path_end];
    match arg.split_once(':') {
        Some((p, sel)) => (p, Some(sel)),
        None => (arg, None),
    }
}

/// The byte range of `text` a selector picks (1-based inclusive lines, or
/// an `ANCHOR: name` ... `ANCHOR_END: name` region).
fn select(text: &str, selector: Option<&str>) -> Option<std::ops::Range<usize>> {
    let Some(sel) = selector else {
        return Some(0..text.len());
    };
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i <= text.len())
        .collect();
    let line_start = |n: usize| line_starts.get(n).copied().unwrap_or(text.len());
    let (from, to) = match sel.split_once(':') {
        Some((a, b)) => (a, Some(b)),
        None => (sel, None),
    };
    let num = |s: &str| s.trim().parse::<usize>().ok();
    if from.is_empty() || num(from).is_some() || to.is_some() {
        let first = if from.is_empty() { 1 } else { num(from)? };
        let last = match to {
            None if from.is_empty() => line_starts.len(),
            None => first,
            Some("") => line_starts.len(),
            Some(t) => num(t)?,
        };
        if first == 0 || last < first {
            return None;
        }
        return Some(line_start(first - 1)..line_start(last));
    }
    let anchor = from.trim();
    let begin = text.find(&format!("ANCHOR: {anchor}"))?;
    let begin = text[begin..]
        .find('\n')
        .map_or(text.len(), |i| begin + i + 1);
    let end = text[begin..]
        .find(&format!("ANCHOR_END: {anchor}"))
        .map(|i| begin + i)?;
    let end = text[..end].rfind('\n').map_or(begin, |i| i + 1).max(begin);
    Some(begin..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directive_spanning_lines_is_shown_on_one() {
        assert_eq!(shown(" inc.md:part\0\n\n- item\n"), "inc.md:part ");
        assert_eq!(shown(&"x".repeat(100)).chars().count(), 81);
    }

    #[test]
    fn selectors() {
        let t = "a\nb\nc\nd\n";
        assert_eq!(&t[select(t, Some("2")).unwrap()], "b\n");
        assert_eq!(&t[select(t, Some("2:3")).unwrap()], "b\nc\n");
        assert_eq!(&t[select(t, Some("3:")).unwrap()], "c\nd\n");
        assert_eq!(&t[select(t, Some(":2")).unwrap()], "a\nb\n");
        let a = "x\n<!-- ANCHOR: part -->\nkept\n<!-- ANCHOR_END: part -->\n";
        assert_eq!(&a[select(a, Some("part")).unwrap()], "kept\n");
    }
}
