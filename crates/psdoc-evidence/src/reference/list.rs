//! The inside of a bracket that is a reference, after its first prefix:
//! `3`, `3, E12`, `3-E5`, `3-5`, and as officers also write them `6; E8`,
//! `6 and E8`, `6, E7 and E8`, `6 to E9`.

use super::Cited;
use super::lexis::{Dash, dash_at, digits_at, skip_spaces};

/// A list read.
#[derive(Debug)]
pub(super) struct List {
    pub items: Vec<Cited>,
    /// The first separator that is not one of the square-bracket forms of
    /// docs/evidence.md#references (`,` between items, `-` or `–` in a range): `;`, `and`, `&`,
    /// `to`. `None` for `[E3, E5-E7]`.
    pub unusual: Option<&'static str>,
}

/// Reads `list`, the text after a bracket's first prefix; the error says
/// what is wrong and how to write it.
pub(super) fn parse(list: &str, prefix: &str) -> Result<List, String> {
    let mut items = Vec::new();
    let mut unusual = None;
    let mut at = 0;
    loop {
        let (first, after) = number(list, at, prefix)?;
        at = after;
        let s = skip_spaces(list, at);
        if let Some((separator, next)) = range_separator(list, at, s) {
            if separator == "to" {
                unusual.get_or_insert("to");
            }
            let n = skip_spaces(list, next);
            let n = strip_prefix(list, n, prefix);
            let (last, after) = number(list, n, prefix)?;
            if last < first {
                return Err(format!(
                    "the range {prefix}{first}-{prefix}{last} runs backwards: write [{prefix}{last}-{prefix}{first}]"
                ));
            }
            items.push(Cited::Range(first, last));
            at = after;
        } else {
            items.push(Cited::One(first));
        }
        let s = skip_spaces(list, at);
        if s == list.len() {
            return Ok(List { items, unusual });
        }
        let Some((separator, next)) = list_separator(list, at, s) else {
            return Err(unexpected(&list[s..], prefix));
        };
        if separator != "," {
            unusual.get_or_insert(separator);
        }
        let n = skip_spaces(list, next);
        if n == list.len() || list[n..].starts_with([',', ';']) {
            return Err(format!(
                "an empty item in the list: separate document numbers with one comma, as in [{prefix}3, {prefix}12]"
            ));
        }
        at = strip_prefix(list, n, prefix);
    }
}

fn strip_prefix(list: &str, at: usize, prefix: &str) -> usize {
    if list[at..].starts_with(prefix) {
        at + prefix.len()
    } else {
        at
    }
}

/// `-`, `–` (or `--`) with or without spaces, or ` to `: the separator and
/// where it ends. `at` is the end of the number, `s` past the spaces after it.
fn range_separator(list: &str, at: usize, s: usize) -> Option<(&'static str, usize)> {
    match dash_at(list, s) {
        Some((Dash::Hyphen | Dash::En, len)) => Some(("-", s + len)),
        Some((Dash::Em, _)) => None,
        None => word(list, at, s, "to").map(|end| ("to", end)),
    }
}

/// `,` (`, and` too), `;`, `&` or ` and `: the separator and where it ends.
fn list_separator(list: &str, at: usize, s: usize) -> Option<(&'static str, usize)> {
    let rest = &list[s..];
    if let Some(after) = rest.strip_prefix(',') {
        let t = skip_spaces(list, s + 1);
        return Some(match word(list, s + 1, t, "and") {
            Some(end) if !after.trim_start().is_empty() => ("and", end),
            _ => (",", s + 1),
        });
    }
    if rest.starts_with(';') {
        return Some((";", s + 1));
    }
    if rest.starts_with('&') {
        return Some(("&", s + 1));
    }
    word(list, at, s, "and").map(|end| ("and", end))
}

/// The end of `word` at `s` when spaces precede it (`s > at`) and a space
/// follows it.
fn word(list: &str, at: usize, s: usize, word: &str) -> Option<usize> {
    let end = s + word.len();
    (s > at && list[s..].starts_with(word) && list[end..].starts_with(super::lexis::is_space))
        .then_some(end)
}

/// A document number at `at`, and where it ends.
fn number(list: &str, at: usize, prefix: &str) -> Result<(u64, usize), String> {
    let Some((value, end)) = digits_at(list, at) else {
        return Err(match list[at..].chars().next() {
            Some(c) => format!(
                "expected a document number, found `{c}`: write references as [{prefix}12], [{prefix}3, {prefix}12] or [{prefix}3-{prefix}5]"
            ),
            None => format!("a range with no end: write [{prefix}3-{prefix}5]"),
        });
    };
    let n = value.ok_or_else(|| format!("the document number {} is too large", &list[at..end]))?;
    if n == 0 {
        return Err(format!(
            "document numbers start at 1: {prefix}0 cannot exist"
        ));
    }
    Ok((n, end))
}

fn unexpected(rest: &str, prefix: &str) -> String {
    let shown: String = rest.chars().take(20).collect();
    let what = if rest.starts_with(['\u{2014}', '/']) || rest.starts_with("---") {
        "an unsupported separator"
    } else if rest.starts_with(char::is_alphabetic) {
        "letters after a document number"
    } else {
        "unexpected text"
    };
    format!(
        "{what} (`{shown}`): write references as [{prefix}12], [{prefix}3, {prefix}12] or [{prefix}3-{prefix}5]"
    )
}
