//! References in brackets: `[E12]`, `[E3, E5-E7]`, and as officers also
//! write them `[E6; E8]`, `(E6)`, `(E6 and E8)`.
//!
//! A square bracket whose content starts with the prefix and a digit (or
//! nearly: `[E]`, `[E 12]`, `[e12]`, `[E-12]`) is a reference, well formed
//! or malformed. A round bracket is one only when its whole content reads
//! as a list of references; otherwise it is prose, where the running-text
//! finder looks for references inside it (`(see COG minutes, E6)`).

use std::ops::Range;

use super::list::{self, List};
use super::{Form, Reference, ReferenceKind, ReferenceStyle, bracketed};

/// Brackets longer than this are prose in brackets, not references.
const MAX_BRACKET: usize = 256;

/// The pairs of `open` and `close` in `text` with no other `open` between
/// them, content at most [`MAX_BRACKET`] bytes: (whole range, content range).
fn pairs(text: &str, open: u8, close: u8) -> impl Iterator<Item = (Range<usize>, Range<usize>)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(i) = memchr::memchr(open, &bytes[at..]) {
            let start = at + i;
            // The content runs to the next `close`; another `open` first
            // starts a new candidate.
            let j = memchr::memchr2(close, open, &bytes[start + 1..])?;
            let end = start + 1 + j;
            at = end;
            if bytes[end] == open {
                continue;
            }
            at = end + 1;
            if end - start > MAX_BRACKET {
                continue;
            }
            return Some((start..end + 1, start + 1..end));
        }
        None
    })
}

/// Square brackets that are, or try to be, references.
pub(super) fn square(text: &str, prefix: &str, style: ReferenceStyle, out: &mut Vec<Reference>) {
    for (range, content) in pairs(text, b'[', b']') {
        if let Some(kind) = classify_square(&text[content], prefix, style) {
            out.push(Reference {
                range,
                form: Form::Brackets,
                kind,
            });
        }
    }
}

/// Round brackets whose whole content is a list of references, outside
/// the square brackets already found (`out`, sorted).
pub(super) fn round(text: &str, prefix: &str, style: ReferenceStyle, out: &mut Vec<Reference>) {
    let squares = out.len();
    if prefix.is_empty() {
        // `(12)` is a number in brackets, not a reference.
        return;
    }
    for (range, content) in pairs(text, b'(', b')') {
        let body = text[content].trim();
        let Some(after) = body.strip_prefix(prefix) else {
            continue;
        };
        if !starts_with_digit(after) || super::lexis::inside(&out[..squares], range.start) {
            continue;
        }
        let Ok(List { items, .. }) = list::parse(after, prefix) else {
            continue;
        };
        let kind = match style {
            ReferenceStyle::Any => ReferenceKind::Cites(items),
            ReferenceStyle::Brackets => ReferenceKind::Malformed {
                reason: format!(
                    "in round brackets, and this statement accepts references in square brackets only ({})",
                    super::BRACKETS_SETTING
                ),
                fix: Some(bracketed(&items, prefix)),
            },
        };
        out.push(Reference {
            range,
            form: Form::Parentheses,
            kind,
        });
    }
}

fn malformed(reason: impl Into<String>) -> Option<ReferenceKind> {
    Some(ReferenceKind::Malformed {
        reason: reason.into(),
        fix: None,
    })
}

fn starts_with_digit(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
}

/// What a square bracket's content is: `None` when it is not a reference.
fn classify_square(content: &str, prefix: &str, style: ReferenceStyle) -> Option<ReferenceKind> {
    let body = content.trim();
    let Some(after) = body.strip_prefix(prefix) else {
        // `[e12]` for `[E12]`.
        let head = body.get(..prefix.len())?;
        let number = body[prefix.len()..].trim_start();
        if !prefix.is_empty() && head.eq_ignore_ascii_case(prefix) && starts_with_digit(number) {
            return malformed(format!(
                "`{head}` is not the reference prefix: write [{prefix}{number}]"
            ));
        }
        return None;
    };
    if after.is_empty() {
        return if prefix.is_empty() {
            None
        } else {
            malformed(format!(
                "no document number after `{prefix}`: write [{prefix}12]"
            ))
        };
    }
    if !starts_with_digit(after) {
        let trimmed = after.trim_start();
        if trimmed.len() < after.len() && starts_with_digit(trimmed) {
            return malformed(format!(
                "a space between `{prefix}` and the number: write [{prefix}{trimmed}]"
            ));
        }
        // `[E-12]`, `[E#12]`, `[E.12]`, `[E:12]`.
        let mut chars = after.chars();
        if let (Some('-' | '\u{2013}' | '#' | '.' | ':' | '_'), rest) =
            (chars.next(), chars.as_str())
            && starts_with_digit(rest)
        {
            return malformed(format!(
                "write the number straight after `{prefix}`: [{prefix}{rest}]"
            ));
        }
        return None;
    }
    Some(match list::parse(after, prefix) {
        Ok(List {
            items,
            unusual: Some(separator),
        }) if style == ReferenceStyle::Brackets => ReferenceKind::Malformed {
            reason: format!(
                "`{separator}` between document numbers, and this statement accepts lists with commas and ranges with a hyphen only ({})",
                super::BRACKETS_SETTING
            ),
            fix: Some(bracketed(&items, prefix)),
        },
        Ok(List { items, .. }) => ReferenceKind::Cites(items),
        Err(reason) => ReferenceKind::Malformed { reason, fix: None },
    })
}
