//! The small pieces references are made of: spaces, dashes, document
//! numbers, where a token may start and end, and the spans of web
//! addresses, which hold no references.

/// A space as Word pastes it: any Unicode white space, the no-break space
/// included.
pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// The offset of the first character at or after `at` that is not a space.
pub(super) fn skip_spaces(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + rest.len() - rest.trim_start_matches(is_space).len()
}

pub(super) fn prev_char(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Dash {
    Hyphen,
    En,
    Em,
}

/// The dash at `at` and its length in bytes: `-`, `–` and `—`, and `--` and
/// `---` as mdBook's smart punctuation renders them (an en and an em dash).
pub(super) fn dash_at(text: &str, at: usize) -> Option<(Dash, usize)> {
    let rest = &text[at..];
    if rest.starts_with("---") {
        Some((Dash::Em, 3))
    } else if rest.starts_with("--") {
        Some((Dash::En, 2))
    } else if rest.starts_with('-') {
        Some((Dash::Hyphen, 1))
    } else if rest.starts_with('\u{2013}') {
        Some((Dash::En, 3))
    } else if rest.starts_with('\u{2014}') {
        Some((Dash::Em, 3))
    } else {
        None
    }
}

/// The run of ASCII digits at `at`: its value (`None` when it is too large
/// for a `u64`) and where it ends; `None` when there is no digit.
pub(super) fn digits_at(text: &str, at: usize) -> Option<(Option<u64>, usize)> {
    let digits = text.as_bytes()[at..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    (digits > 0).then(|| (text[at..at + digits].parse().ok(), at + digits))
}

/// Whether a reference may start at `at` in running text: at the start, or
/// after a space, an opening bracket or quote, or a list's punctuation. Not
/// after a letter or digit (`PE6`, `2E6`), nor inside a path or an address
/// (`/E6`, `=E6`, `#E6`, `-E6`).
pub(super) fn starts_token(text: &str, at: usize) -> bool {
    match prev_char(text, at) {
        None => true,
        Some(c) => {
            is_space(c)
                || matches!(
                    c,
                    '(' | '['
                        | '{'
                        | '"'
                        | '\''
                        | '\u{201c}'
                        | '\u{2018}'
                        | '\u{ab}'
                        | ','
                        | ';'
                        | ':'
                        | '\u{2014}'
                )
        }
    }
}

/// Whether a document number ending at `at` ends a token: at the end, or
/// before a space, a closing bracket or quote, or punctuation that ends a
/// phrase. Not before a letter or digit (`E6a`), a decimal or time (`E6.5`,
/// `E6,5`, `E6:30`), a path (`E6/7`), a percentage, or a hyphenated word
/// (`E6-based`). `E6's` and a dash followed by a space are ends.
pub(super) fn ends_token(text: &str, at: usize) -> bool {
    let mut chars = text[at..].chars();
    let Some(c) = chars.next() else {
        return true;
    };
    let next = chars.clone().next();
    match c {
        c if is_space(c) => true,
        '.' | ',' | ':' => !next.is_some_and(|n| n.is_ascii_digit()),
        ';' | '!' | '?' | ')' | ']' | '}' | '"' | '\u{201d}' | '\u{bb}' | '\u{2026}' => true,
        '\'' | '\u{2019}' => match next {
            // `E6's findings`, or a closing quote.
            Some('s') => {
                chars.next();
                !chars.next().is_some_and(char::is_alphanumeric)
            }
            Some(n) => !n.is_alphanumeric(),
            None => true,
        },
        _ => match dash_at(text, at) {
            Some((Dash::Em, _)) => true,
            Some((_, len)) => text[at + len..].chars().next().is_none_or(is_space),
            None => false,
        },
    }
}

/// Whether an inward postcode (`1AB`: a digit and two of the capital
/// letters postcodes use) follows `at` after one space: `E6 1AB` is a London
/// postcode, not document 6. `E6 2nd` is not a postcode.
pub(super) fn inward_postcode_follows(text: &str, at: usize) -> bool {
    let mut chars = text[at..].chars();
    if !chars.next().is_some_and(is_space) {
        return false;
    }
    let letter = |b: u8| b.is_ascii_uppercase() && !b"CIKMOV".contains(&b);
    match chars.as_str().as_bytes() {
        [d, a, b, rest @ ..] => {
            d.is_ascii_digit()
                && letter(*a)
                && letter(*b)
                && rest.first().is_none_or(|c| !c.is_ascii_alphanumeric())
        }
        _ => false,
    }
}

/// Whether `at` is inside a web address (`https://...`, `www....`): the
/// text from the last space before it holds `://` or `www.`.
pub(super) fn in_web_address(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let word = before.rfind(is_space).map_or(before, |i| {
        &before[i + before[i..].chars().next().map_or(1, char::len_utf8)..]
    });
    word.contains("://") || word.contains("www.")
}

/// Whether `at` falls inside one of `references` (sorted by start, disjoint).
pub(super) fn inside(references: &[super::Reference], at: usize) -> bool {
    let i = references.partition_point(|r| r.range.start <= at);
    i > 0 && at < references[i - 1].range.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_ends() {
        for (text, ends) in [
            ("", true),
            (" x", true),
            ("\u{a0}x", true),
            (".", true),
            (". Next", true),
            (".5", false),
            (",5", false),
            (":30", false),
            ("a", false),
            ("_", false),
            ("/7", false),
            ("%", false),
            ("'s findings", true),
            ("\u{2019}s", true),
            ("'st", false),
            ("-based", false),
            ("- the", true),
            ("\u{2014}the", true),
            (")", true),
        ] {
            assert_eq!(ends_token(text, 0), ends, "{text:?}");
        }
    }

    #[test]
    fn postcodes() {
        assert!(inward_postcode_follows(" 1AB", 0));
        assert!(inward_postcode_follows("\u{a0}4AB, London", 0));
        assert!(!inward_postcode_follows(" 2nd", 0));
        assert!(!inward_postcode_follows(" 1CB", 0));
        assert!(!inward_postcode_follows(" 1ABC", 0));
        assert!(!inward_postcode_follows("1AB", 0));
    }

    #[test]
    fn web_addresses() {
        let text = "See https://example.org/E6 and www.example.org/E7 or (ftp://x/a,E8), not E9.";
        for needle in ["E6", "E7", "E8"] {
            assert!(in_web_address(text, text.find(needle).unwrap()), "{needle}");
        }
        assert!(!in_web_address(text, text.find("E9").unwrap()));
        assert!(!in_web_address("E9", 0));
        assert!(in_web_address("\u{a0}https://x/E9", 14));
    }
}
