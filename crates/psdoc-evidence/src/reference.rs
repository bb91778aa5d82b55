//! Evidence references in prose: `[E12]`, `[E3, E12]`, `[E3-E5]`, `[E3–E5]`, `[E3-5]`.
//!
//! The guidance: "There must be a clear link between statements in the position statement
//! and the supporting evidence provided", and "Evidence should be clearly referenced".

use std::ops::Range;

use serde::Serialize;

/// A bracket in the prose that is, or tries to be, an evidence reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// Byte range of the whole bracket, `[` and `]` included.
    pub range: Range<usize>,
    pub kind: ReferenceKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceKind {
    /// A well-formed reference citing these documents, in the order written.
    Cites(Vec<Cited>),
    /// Looks like a reference but is not one; `reason` says what is wrong and how to
    /// write it, e.g. "no document number after `E`: write \[E12\]".
    Malformed { reason: String },
}

impl ReferenceKind {
    /// Whether this reference cites document `id` (a malformed one cites nothing).
    pub fn cites(&self, id: u64) -> bool {
        match self {
            ReferenceKind::Cites(cited) => cited.iter().any(|c| c.contains(id)),
            ReferenceKind::Malformed { .. } => false,
        }
    }
}

/// One item of a reference: a document number or an inclusive range of them. A range is
/// never expanded: `[E1-E100000000]` is one `Range(1, 100000000)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cited {
    One(u64),
    /// `first..=last`, with `1 <= first <= last`.
    Range(u64, u64),
}

impl Cited {
    pub fn contains(&self, id: u64) -> bool {
        match *self {
            Cited::One(n) => n == id,
            Cited::Range(a, b) => a <= id && id <= b,
        }
    }

    /// The first document number cited.
    pub fn first(&self) -> u64 {
        match *self {
            Cited::One(n) | Cited::Range(n, _) => n,
        }
    }

    /// The last document number cited.
    pub fn last(&self) -> u64 {
        match *self {
            Cited::One(n) | Cited::Range(_, n) => n,
        }
    }

    /// How many document numbers this item covers (saturating).
    pub fn len(&self) -> u64 {
        (self.last() - self.first()).saturating_add(1)
    }

    /// Never true: an item cites at least one document.
    pub fn is_empty(&self) -> bool {
        false
    }
}

/// The document numbers in a reference's content (the text between its
/// brackets), each with the text that names it (`E12`, or `5` in `E3-5`):
/// what the book and the exports link, number by number.
pub fn number_tokens(inner: &str, prefix: &str) -> Vec<(Range<usize>, u64)> {
    let bytes = inner.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let after_prefix = if !prefix.is_empty() && inner[i..].starts_with(prefix) {
            i + prefix.len()
        } else {
            i
        };
        let starts_number = after_prefix < bytes.len()
            && bytes[after_prefix].is_ascii_digit()
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
        if starts_number {
            let end = after_prefix
                + bytes[after_prefix..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
            if let Ok(n) = inner[after_prefix..end].parse() {
                out.push((i..end, n));
            }
            i = end;
        } else {
            i += inner[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// Brackets longer than this are prose in brackets, not references.
const MAX_BRACKET: usize = 256;

/// Finds the evidence references in `text` (prose only: the caller removes code spans,
/// code blocks and HTML comments), in text order.
///
/// A bracket is a reference when its content (surrounding whitespace ignored) starts with
/// `prefix` followed by a digit: it is then either well formed (`Cites`) or `Malformed`.
/// `[E]`, `[E 12]`, `[e12]` and `[E-12]` are malformed too. Anything else is not a
/// reference: `[Example]`, `[Edinburgh]`, `[E-mail]`, `[x]`, `[!NOTE]`, `[^1]`.
pub fn find_references(text: &str, prefix: &str) -> Vec<Reference> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'[', &bytes[at..]) {
        let open = at + i;
        // The content runs to the next `]`; another `[` first starts a new candidate.
        let Some(j) = memchr::memchr2(b']', b'[', &bytes[open + 1..]) else {
            break;
        };
        let close = open + 1 + j;
        at = close;
        if bytes[close] == b'[' {
            continue;
        }
        at = close + 1;
        if close - open > MAX_BRACKET {
            continue;
        }
        let content = &text[open + 1..close];
        if let Some(kind) = classify(content, prefix) {
            out.push(Reference {
                range: open..close + 1,
                kind,
            });
        }
    }
    out
}

fn malformed(reason: impl Into<String>) -> Option<ReferenceKind> {
    Some(ReferenceKind::Malformed {
        reason: reason.into(),
    })
}

fn starts_with_digit(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
}

/// What a bracket's content is: `None` when it is not a reference at all.
fn classify(content: &str, prefix: &str) -> Option<ReferenceKind> {
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
                "a space between `{prefix}` and the number: write [{prefix}{}]",
                trimmed
            ));
        }
        // `[E-12]`, `[E#12]`, `[E.12]`, `[E:12]`.
        let mut chars = after.chars();
        if let (Some('-' | '\u{2013}' | '#' | '.' | ':' | '_'), Some(rest)) =
            (chars.next(), Some(chars.as_str()))
            && starts_with_digit(rest)
        {
            return malformed(format!(
                "write the number straight after `{prefix}`: [{prefix}{rest}]"
            ));
        }
        return None;
    }
    Some(match parse_items(after, prefix) {
        Ok(items) => ReferenceKind::Cites(items),
        Err(reason) => ReferenceKind::Malformed { reason },
    })
}

/// Parses `3, E5-E7` (the text after the first prefix) into items.
fn parse_items(list: &str, prefix: &str) -> Result<Vec<Cited>, String> {
    let mut items = Vec::new();
    for (index, item) in list.split(',').enumerate() {
        let item = item.trim();
        if item.is_empty() {
            return Err(format!(
                "an empty item in the list: separate document numbers with one comma, as in [{prefix}3, {prefix}12]"
            ));
        }
        // The first item's prefix is already gone; later ones may repeat it or not.
        let item = if index > 0 {
            item.strip_prefix(prefix).unwrap_or(item)
        } else {
            item
        };
        let (first, rest) = number(item, prefix)?;
        let rest = rest.trim_start();
        if rest.is_empty() {
            items.push(Cited::One(first));
            continue;
        }
        let Some(second) = rest
            .strip_prefix('-')
            .or_else(|| rest.strip_prefix('\u{2013}'))
        else {
            return Err(unexpected(rest, prefix));
        };
        let second = second.trim_start();
        let second = second.strip_prefix(prefix).unwrap_or(second);
        let (last, rest) = number(second, prefix)?;
        if !rest.trim().is_empty() {
            return Err(unexpected(rest.trim(), prefix));
        }
        if last < first {
            return Err(format!(
                "the range {prefix}{first}-{prefix}{last} runs backwards: write [{prefix}{last}-{prefix}{first}]"
            ));
        }
        items.push(Cited::Range(first, last));
    }
    Ok(items)
}

/// A document number at the start of `s`, and the text after it.
fn number<'a>(s: &'a str, prefix: &str) -> Result<(u64, &'a str), String> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return Err(match s.chars().next() {
            Some(c) => format!(
                "expected a document number, found `{c}`: write references as [{prefix}12], [{prefix}3, {prefix}12] or [{prefix}3-{prefix}5]"
            ),
            None => format!("a range with no end: write [{prefix}3-{prefix}5]"),
        });
    }
    let n: u64 = s[..digits]
        .parse()
        .map_err(|_| format!("the document number {} is too large", &s[..digits]))?;
    if n == 0 {
        return Err(format!(
            "document numbers start at 1: {prefix}0 cannot exist"
        ));
    }
    Ok((n, &s[digits..]))
}

fn unexpected(rest: &str, prefix: &str) -> String {
    let shown: String = rest.chars().take(20).collect();
    let what = if rest.starts_with(['\u{2014}', ';', '/', '&'])
        || rest.starts_with("and ")
        || rest.starts_with("to ")
    {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> ReferenceKind {
        let refs = find_references(text, "E");
        assert_eq!(refs.len(), 1, "{text}: {refs:?}");
        refs.into_iter().next().unwrap().kind
    }

    fn cites(text: &str) -> Vec<Cited> {
        match one(text) {
            ReferenceKind::Cites(c) => c,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn reason(text: &str) -> String {
        match one(text) {
            ReferenceKind::Malformed { reason } => reason,
            other => panic!("{text}: {other:?}"),
        }
    }

    /// Every line of the conformance table (`tests/conformance/`).
    #[test]
    fn conformance_references_tsv() {
        let table = include_str!("../../../tests/conformance/references.tsv");
        let mut checked = 0;
        for line in table.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let (markdown, expected) = line.split_once('\t').expect("two columns");
            // The caller strips code spans and comments: do the same, crudely, here.
            let prose = if markdown.starts_with('`') || markdown.starts_with("<!--") {
                ""
            } else {
                markdown
            };
            let refs = find_references(prose, "E");
            match expected {
                "malformed-reference" => {
                    assert_eq!(refs.len(), 1, "{markdown}");
                    assert!(
                        matches!(refs[0].kind, ReferenceKind::Malformed { .. }),
                        "{markdown}"
                    );
                }
                e if e.starts_with("none") => {
                    assert!(refs.is_empty(), "{markdown}");
                    // And found when it is prose.
                    let inner = markdown.trim_matches('`');
                    let inner = inner
                        .trim_start_matches("<!-- see ")
                        .trim_end_matches(" -->");
                    assert_eq!(find_references(inner, "E").len(), 1, "{markdown}");
                }
                "one range, checked without expanding it" => {
                    assert_eq!(refs.len(), 1);
                    assert_eq!(
                        refs[0].kind,
                        ReferenceKind::Cites(vec![Cited::Range(1, 100_000_000)])
                    );
                }
                numbers => {
                    let want: Vec<u64> = numbers.split(' ').map(|n| n.parse().unwrap()).collect();
                    assert_eq!(refs.len(), 1, "{markdown}");
                    assert_eq!(refs[0].range, 0..markdown.len());
                    let ReferenceKind::Cites(items) = &refs[0].kind else {
                        panic!("{markdown}: {:?}", refs[0].kind)
                    };
                    let got: Vec<u64> = items.iter().flat_map(|c| c.first()..=c.last()).collect();
                    assert_eq!(got, want, "{markdown}");
                }
            }
            checked += 1;
        }
        assert_eq!(checked, 12);
    }

    #[test]
    fn well_formed() {
        assert_eq!(cites("[E12]"), vec![Cited::One(12)]);
        assert_eq!(cites("[E3, E12]"), vec![Cited::One(3), Cited::One(12)]);
        assert_eq!(cites("[E3,E12]"), vec![Cited::One(3), Cited::One(12)]);
        assert_eq!(cites("[E3, 12]"), vec![Cited::One(3), Cited::One(12)]);
        assert_eq!(cites("[E3-E5]"), vec![Cited::Range(3, 5)]);
        assert_eq!(cites("[E3–E5]"), vec![Cited::Range(3, 5)]);
        assert_eq!(cites("[E3-5]"), vec![Cited::Range(3, 5)]);
        assert_eq!(cites("[E3 - E5]"), vec![Cited::Range(3, 5)]);
        assert_eq!(cites("[E5-E5]"), vec![Cited::Range(5, 5)]);
        assert_eq!(
            cites("[E3, E5-E7]"),
            vec![Cited::One(3), Cited::Range(5, 7)]
        );
        assert_eq!(cites("[ E12 ]"), vec![Cited::One(12)]);
        assert_eq!(cites("[E3,\n  E12]"), vec![Cited::One(3), Cited::One(12)]);
        assert_eq!(cites("[E012]"), vec![Cited::One(12)]);
        assert_eq!(cites("[E12](https://example.org)"), vec![Cited::One(12)]);
        assert_eq!(cites("[[E12]]"), vec![Cited::One(12)]);
        assert_eq!(cites("[E18446744073709551615]"), vec![Cited::One(u64::MAX)]);
    }

    #[test]
    fn malformed_with_reasons() {
        assert!(reason("[E]").contains("no document number"));
        assert!(reason("[E12a]").contains("letters"));
        assert!(reason("[E5-E3]").contains("backwards"));
        assert!(reason("[E0]").contains("start at 1"));
        assert!(reason("[E3, E0]").contains("start at 1"));
        assert!(reason("[E18446744073709551616]").contains("too large"));
        assert!(reason("[E 12]").contains("space"));
        assert!(reason("[e12]").contains("prefix"));
        assert!(reason("[E-12]").contains("straight after"));
        assert!(reason("[E3,]").contains("empty item"));
        assert!(reason("[E3,,E4]").contains("empty item"));
        assert!(reason("[E3; E4]").contains("separator"));
        assert!(reason("[E3 and E4]").contains("separator"));
        assert!(reason("[E3—E5]").contains("separator"));
        assert!(reason("[E3-]").contains("no end"));
        assert!(reason("[E3-E5-E7]").contains("unexpected"));
        assert!(reason("[E3, p. 4]").contains("expected a document number"));
        assert!(reason("[E12 p4]").contains("letters"));
    }

    #[test]
    fn not_references() {
        for text in [
            "[Example]",
            "[Edinburgh]",
            "[E-mail]",
            "[x]",
            "[ ]",
            "[!NOTE]",
            "[^1]",
            "[]",
            "E12",
            "[E12",
            "E12]",
            "[12]",
            "[Ex 12]",
            "[EE12]",
            "[e]",
            "[E.g. this]",
            "text [see below] text",
            "[",
            "]",
            "[[",
            "]]",
        ] {
            assert_eq!(find_references(text, "E"), vec![], "{text}");
        }
    }

    #[test]
    fn ranges_are_byte_ranges_of_the_brackets() {
        let text = "Referrals fell – see [E3–E5] and «[E12]».";
        let refs = find_references(text, "E");
        assert_eq!(refs.len(), 2);
        assert_eq!(&text[refs[0].range.clone()], "[E3–E5]");
        assert_eq!(&text[refs[1].range.clone()], "[E12]");
        // An unclosed bracket does not hide a later reference.
        let text = "[see [E4] and [E5]";
        let refs = find_references(text, "E");
        assert_eq!(
            refs.iter()
                .map(|r| &text[r.range.clone()])
                .collect::<Vec<_>>(),
            ["[E4]", "[E5]"]
        );
    }

    #[test]
    fn other_prefixes() {
        let refs = find_references("[Doc12] [D12] [doc 3] [Doc 3]", "Doc");
        assert_eq!(refs.len(), 3);
        assert_eq!(refs[0].kind, ReferenceKind::Cites(vec![Cited::One(12)]));
        assert!(matches!(refs[1].kind, ReferenceKind::Malformed { .. }));
        assert!(matches!(refs[2].kind, ReferenceKind::Malformed { .. }));
        assert_eq!(
            find_references("[12] [x]", "")[0].kind,
            ReferenceKind::Cites(vec![Cited::One(12)])
        );
        assert_eq!(find_references("[12] [x]", "").len(), 1);
        // A multibyte prefix and text around it.
        assert_eq!(find_references("[É1] [É] [é1]", "É").len(), 2);
    }

    #[test]
    fn cited_contains() {
        assert!(Cited::One(4).contains(4));
        assert!(!Cited::One(4).contains(5));
        assert!(Cited::Range(3, 5).contains(3));
        assert!(Cited::Range(3, 5).contains(5));
        assert!(!Cited::Range(3, 5).contains(6));
        assert!(Cited::Range(1, u64::MAX).contains(u64::MAX));
        assert_eq!(Cited::Range(1, u64::MAX).len(), u64::MAX);
        assert!(one("[E3, E5-E7]").cites(6));
        assert!(!one("[E3, E5-E7]").cites(4));
    }

    #[test]
    fn long_brackets_and_many_openers_stay_linear() {
        let text = "[".repeat(200_000) + "E1]";
        let refs = find_references(&text, "E");
        assert_eq!(refs.len(), 1);
        let text = format!("[E{}]", "1".repeat(1000));
        assert!(find_references(&text, "E").is_empty());
    }
}
