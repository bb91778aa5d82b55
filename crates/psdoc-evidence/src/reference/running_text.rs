//! References in running text, as officers write them when they are not
//! in square brackets: `see E6`, `E6-E9`, `E6 to E9`, `E6, E7 and E8`,
//! `E6; E8`; and the wording that names a number without saying whose it
//! is (`Document 6`, `Doc 6`, `Evidence 6`), which is always malformed.
//!
//! A reference here is a whole token: `E6a`, `PE6`, `E6.5`, `E6-based`,
//! `EH6` and the postcode `E6 1AB` are not references.

use super::lexis::{
    Dash, dash_at, digits_at, ends_token, inward_postcode_follows, is_space, skip_spaces,
    starts_token,
};
use super::{Cited, Form, Reference, ReferenceKind, ReferenceStyle, bracketed};

/// More digits than this after the prefix is a code, not a document
/// number (a log of 999,999 documents is far beyond any statement).
const MAX_DIGITS: usize = 6;

/// Finds the references in running text outside `claimed` (the brackets
/// already found, sorted), in text order.
pub(super) fn find(
    text: &str,
    prefix: &str,
    style: ReferenceStyle,
    claimed: &[Reference],
) -> Vec<Reference> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    // Where a reference (the prefix) or a wording (`Doc`, `Evidence`) can start.
    let first = prefix.as_bytes().first().copied().unwrap_or(b'D');
    let next = |from: usize| match first {
        b'D' | b'E' => memchr::memchr2(b'D', b'E', &bytes[from..]),
        _ => memchr::memchr3(first, b'D', b'E', &bytes[from..]),
    };
    let mut at = 0;
    while let Some(i) = next(at) {
        let i = at + i;
        at = i + 1;
        if let Some(bracket) = claimed.get(
            claimed
                .partition_point(|r| r.range.start <= i)
                .wrapping_sub(1),
        ) && i < bracket.range.end
        {
            // Inside a bracket already read: on past it.
            at = bracket.range.end;
            continue;
        }
        if !starts_token(text, i) {
            continue;
        }
        let found = if !prefix.is_empty()
            && bytes[i..].starts_with(prefix.as_bytes())
            && bytes.get(i + prefix.len()).is_some_and(u8::is_ascii_digit)
        {
            sequence(text, i, prefix, style)
        } else if matches!(bytes[i], b'D' | b'E') {
            wording(text, i, prefix)
        } else {
            None
        };
        let Some(reference) = found else { continue };
        at = reference.range.end;
        out.push(reference);
    }
    out
}

/// One item of a list: a document number or a range, and what is wrong
/// with it.
enum Item {
    Good(Cited),
    /// `E9-E6`: the range as it should be written.
    Backwards(Cited),
    /// `E0`.
    Zero,
}

/// A document number with its prefix at `at` (`E6`), and where it ends;
/// `None` when there is none or it is too long to be one.
fn prefixed(text: &str, at: usize, prefix: &str) -> Option<(u64, usize)> {
    let s = at + prefix.len();
    if !text[at..].starts_with(prefix) {
        return None;
    }
    bare(text, s)
}

/// A document number without its prefix at `at`, and where it ends.
fn bare(text: &str, at: usize) -> Option<(u64, usize)> {
    let (value, end) = digits_at(text, at)?;
    if end - at > MAX_DIGITS {
        return None;
    }
    Some((value?, end))
}

fn range(first: u64, last: u64) -> Item {
    if first == 0 || last == 0 {
        Item::Zero
    } else if last < first {
        Item::Backwards(Cited::Range(last, first))
    } else {
        Item::Good(Cited::Range(first, last))
    }
}

/// The item at `at`: `E6`, `E6-E9`, `E6-9`, `E6 – E9`, `E6 to E9`; `None`
/// when `at` does not start a whole-token reference.
fn item(text: &str, at: usize, prefix: &str) -> Option<(Item, usize)> {
    let (first, end) = prefixed(text, at, prefix)?;
    // A tight range: `E6-E9`, `E6–9`.
    if let Some((dash, len)) = dash_at(text, end)
        && dash != Dash::Em
    {
        let s = end + len;
        if let Some((last, e)) = prefixed(text, s, prefix).or_else(|| bare(text, s))
            && ends_token(text, e)
        {
            return Some((range(first, last), e));
        }
    }
    // A spaced range: `E6 - E9`, `E6 – E9`, `E6 to E9` (the prefix again).
    let s = skip_spaces(text, end);
    if s > end {
        let after = match dash_at(text, s) {
            Some((Dash::Hyphen | Dash::En, len)) => Some(s + len),
            Some((Dash::Em, _)) => None,
            None => text[s..].starts_with("to").then_some(s + 2),
        };
        if let Some(after) = after {
            let t = skip_spaces(text, after);
            if t > after
                && let Some((last, e)) = prefixed(text, t, prefix)
                && ends_token(text, e)
                && !inward_postcode_follows(text, e)
            {
                return Some((range(first, last), e));
            }
        }
    }
    if !ends_token(text, end) || inward_postcode_follows(text, end) {
        return None;
    }
    Some((
        if first == 0 {
            Item::Zero
        } else {
            Item::Good(Cited::One(first))
        },
        end,
    ))
}

/// After an item ending at `end`: `, ` `; ` `& ` ` and ` `, and `, and
/// where the next item starts.
fn list_separator(text: &str, end: usize) -> Option<usize> {
    let s = skip_spaces(text, end);
    let rest = &text[s..];
    let t = if rest.starts_with([',', ';', '&']) {
        let t = skip_spaces(text, s + 1);
        match and(text, t) {
            Some(u) if u > t => u,
            _ => t,
        }
    } else if s > end {
        and(text, s)?
    } else {
        return None;
    };
    Some(t)
}

/// Past `and` and the spaces after it at `at`.
fn and(text: &str, at: usize) -> Option<usize> {
    let after = at + 3;
    (text[at..].starts_with("and") && text[after..].starts_with(is_space))
        .then(|| skip_spaces(text, after))
}

/// A list of references starting at `at` (the prefix, then a digit).
fn sequence(text: &str, at: usize, prefix: &str, style: ReferenceStyle) -> Option<Reference> {
    let (first, mut end) = item(text, at, prefix)?;
    let mut items = vec![first];
    while let Some(next) = list_separator(text, end) {
        let Some((it, e)) = item(text, next, prefix) else {
            break;
        };
        items.push(it);
        end = e;
    }
    let written = &text[at..end];
    let zero = items.iter().any(|i| matches!(i, Item::Zero));
    let backwards = items.iter().find_map(|i| match i {
        Item::Backwards(c) => Some(*c),
        _ => None,
    });
    let cited: Vec<Cited> = items
        .iter()
        .filter_map(|i| match *i {
            Item::Good(c) | Item::Backwards(c) => Some(c),
            Item::Zero => None,
        })
        .collect();
    let kind = if zero {
        ReferenceKind::Malformed {
            reason: format!("document numbers start at 1: {prefix}0 cannot exist"),
            fix: None,
        }
    } else if let Some(Cited::Range(a, b)) = backwards {
        ReferenceKind::Malformed {
            reason: format!(
                "the range {prefix}{b}-{prefix}{a} runs backwards: write the lower number first"
            ),
            fix: Some(bracketed(&cited, prefix)),
        }
    } else {
        match style {
            ReferenceStyle::Any => ReferenceKind::Cites(cited),
            ReferenceStyle::Brackets => ReferenceKind::Malformed {
                reason: format!(
                    "`{}` is not in square brackets, and this statement accepts references in square brackets only ({})",
                    shown(written),
                    super::BRACKETS_SETTING
                ),
                fix: Some(bracketed(&cited, prefix)),
            },
        }
    };
    Some(Reference {
        range: at..end,
        form: Form::RunningText,
        kind,
    })
}

/// Running text quoted in a message: on one line.
fn shown(written: &str) -> String {
    written
        .split(is_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words that name a document by a number without the prefix, and whether
/// they are plural (`Documents 6 and 8`). Longest first.
const WORDINGS: [(&str, bool); 5] = [
    ("documents", true),
    ("document", false),
    ("docs", true),
    ("doc", false),
    ("evidence", false),
];

/// `Document 6`, `Doc. 6`, `Doc no. 6`, `Evidence 6`, `Documents 6 and 8`
/// at `at` (a capital letter): always malformed, with the reference as the
/// fix.
fn wording(text: &str, at: usize, prefix: &str) -> Option<Reference> {
    let (word, plural) = WORDINGS.iter().copied().find(|(w, _)| {
        text.get(at..at + w.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(w))
    })?;
    let mut end = at + word.len();
    if word.starts_with("doc") && !word.starts_with("document") && text[end..].starts_with('.') {
        end += 1;
    }
    let s = skip_spaces(text, end);
    if s == end {
        return None;
    }
    let s = number_word(text, s);
    let (first, mut end) = bare(text, s)?;
    // A year (`Evidence 2024`) or document 0 is not a document number.
    if first == 0 || (end - s == 4 && (1900..=2099).contains(&first)) || !ends_token(text, end) {
        return None;
    }
    let mut cited = vec![Cited::One(first)];
    if plural {
        // `Documents 6 and 8`, `Documents 6-9`, `Documents 6 to 9`.
        loop {
            let (next, range) = match dash_at(text, skip_spaces(text, end)) {
                Some((Dash::Hyphen | Dash::En, len)) => (skip_spaces(text, end) + len, true),
                _ => match text[skip_spaces(text, end)..].strip_prefix("to") {
                    Some(rest) if rest.starts_with(is_space) => (skip_spaces(text, end) + 2, true),
                    _ => match list_separator(text, end) {
                        Some(n) => (n, false),
                        None => break,
                    },
                },
            };
            let n = skip_spaces(text, next);
            let Some((number, e)) = bare(text, n).filter(|&(v, e)| v > 0 && ends_token(text, e))
            else {
                break;
            };
            match (range, cited.last_mut()) {
                (true, Some(last @ Cited::One(_))) if number > last.first() => {
                    *last = Cited::Range(last.first(), number);
                }
                (true, _) => break,
                (false, _) => cited.push(Cited::One(number)),
            }
            end = e;
        }
    }
    let written = shown(&text[at..end]);
    let fix = bracketed(&cited, prefix);
    Some(Reference {
        range: at..end,
        form: Form::Wording,
        kind: ReferenceKind::Malformed {
            reason: format!(
                "\u{201c}{written}\u{201d} does not say that the number is one of the document log's; psdoc cannot check it and the book does not link it (if it is, write {fix})"
            ),
            fix: Some(fix),
        },
    })
}

/// Past `No.`, `no`, `Number`, `#` and the spaces after it at `at`.
fn number_word(text: &str, at: usize) -> usize {
    for word in ["number", "no.", "no", "#"] {
        if let Some(head) = text.get(at..at + word.len())
            && head.eq_ignore_ascii_case(word)
        {
            let after = at + word.len();
            let next = skip_spaces(text, after);
            if text[next..].starts_with(|c: char| c.is_ascii_digit())
                && (next > after || word.ends_with(['.', '#']))
            {
                return next;
            }
        }
    }
    at
}
