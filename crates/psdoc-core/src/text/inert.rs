//! Untrusted text made inert for GitHub. Anything a pull request brings (a
//! section title, a heading, a file name, a finding's message quoting the
//! statement, a whole report from a fork's run) passes through here before
//! it reaches a pull-request comment, a job summary or a SARIF message, so
//! it shows as the words it is: never a link, an image, HTML, a badge, a
//! mention or a reference to another issue.
//!
//! GitHub makes links at two stages: its Markdown parser (links, images,
//! HTML, `www.` and `https://` autolinks), and filters over the rendered
//! text (`@name`, `#123`, `owner/repo#1`, `GH-123`). Backslash escapes and
//! HTML entities stop the first; only a change to the text itself stops the
//! second, so an invisible U+2060 WORD JOINER goes after each `@` and `#`
//! and inside each `www.`, `://` and `GH-`. A reader sees the same words.

use std::borrow::Cow;

/// Invisible, and neither a letter, a digit nor punctuation: it ends a
/// mention, a reference or an autolink where it stands.
pub const BREAK: char = '\u{2060}';

/// ASCII punctuation that Markdown (with GitHub's extensions: tables,
/// strikethrough, math, footnotes) may read as syntax anywhere on a line.
/// CommonMark lets any ASCII punctuation be escaped with a backslash.
const ACTIVE: &[char] = &[
    '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '!', '|', '~', '$', '=',
];

/// Punctuation that is syntax only where a line starts: a list item (`-`,
/// `+`, `1.`), escaped there.
const AT_START: &[char] = &['-', '+', '.'];

/// Untrusted text as inert Markdown inline text on one line: safe as a
/// paragraph, a list item or a table cell. Line breaks and control
/// characters become spaces, bidirectional overrides are dropped.
pub fn markdown(text: &str) -> String {
    let chars: Vec<char> = one_line(text, false).chars().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 4 + 8);
    // Only spaces so far (only digits, for the `.` of `1.`).
    let mut at_start = true;
    let mut digits_only = true;
    for (i, &c) in chars.iter().enumerate() {
        let starts_line = (at_start && c != '.') || (digits_only && c == '.' && i > 0);
        at_start &= c == ' ';
        digits_only &= c == ' ' || c.is_ascii_digit();
        match c {
            c if starts_line && AT_START.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '@' => {
                out.push('@');
                out.push(BREAK);
            }
            c if ACTIVE.contains(&c) => {
                out.push('\\');
                out.push(c);
                if breaks_after(&chars, i) {
                    out.push(BREAK);
                }
            }
            c => {
                out.push(c);
                if breaks_after(&chars, i) {
                    out.push(BREAK);
                }
            }
        }
    }
    out
}

/// Untrusted text as one inline code span for a Markdown table cell (a file
/// name, a path): a fence longer than any run of backticks inside, `|`
/// escaped as GitHub's tables require (the table takes the backslash out
/// before the code span is read). Nothing inside a code span is a link, a
/// mention or HTML. Empty text gives an empty string.
pub fn code_cell(text: &str) -> String {
    let text = one_line(text, false);
    if text.is_empty() {
        return String::new();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // A space pads content that starts or ends with a backtick (else it
    // would join the fence), or that starts and ends with a space (which a
    // code span strips once).
    let pad = text.starts_with('`')
        || text.ends_with('`')
        || (text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty());
    let space = if pad { " " } else { "" };
    format!("{fence}{space}{}{space}{fence}", text.replace('|', "\\|"))
}

/// Untrusted text for a SARIF `message.text`: plain text in which SARIF
/// reads `[text](target)` as an embedded link, so `\`, `[` and `]` are
/// escaped as SARIF 2.1.0 says (section 3.11.6), and GitHub's mentions,
/// references and autolinks are broken as in [`markdown`]. Line breaks are
/// kept; other control characters become spaces.
pub fn sarif_text(text: &str) -> String {
    let chars: Vec<char> = one_line(text, true).chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if matches!(c, '\\' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
        if c == '@' || breaks_after(&chars, i) {
            out.push(BREAK);
        }
    }
    out
}

/// At most `max` characters: longer text is cut at a character boundary
/// and ends with `…`.
pub fn shorten(text: &str, max: usize) -> Cow<'_, str> {
    if max == 0 {
        return Cow::Borrowed("");
    }
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some(_) => {
            let end = text
                .char_indices()
                .nth(max - 1)
                .map_or(text.len(), |(i, _)| i);
            Cow::Owned(format!("{}…", &text[..end]))
        }
    }
}

/// Whether a [`BREAK`] goes after `chars[i]`: after `#` (`#123`,
/// `owner/repo#1`), inside `www.` and `://` (autolinks) and after the `-` of
/// `GH-` and a digit (GitHub's other issue reference).
fn breaks_after(chars: &[char], i: usize) -> bool {
    let at = |j: usize| chars.get(j).copied();
    let lower = |j: usize| at(j).map(|c| c.to_ascii_lowercase());
    match chars[i] {
        '#' => true,
        // `www` + `.`: the break goes between them.
        'w' | 'W' => {
            i >= 2
                && lower(i - 1) == Some('w')
                && lower(i - 2) == Some('w')
                && at(i + 1) == Some('.')
        }
        ':' => at(i + 1) == Some('/') && at(i + 2) == Some('/'),
        '-' => {
            i >= 2
                && lower(i - 1) == Some('h')
                && lower(i - 2) == Some('g')
                && at(i + 1).is_some_and(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// Control characters as spaces (line breaks too, unless `keep_newlines`),
/// and without the invisible marks that reorder text (bidirectional
/// embeddings, overrides and isolates), which could make a message read
/// differently from what it says.
fn one_line(text: &str, keep_newlines: bool) -> String {
    text.chars()
        .filter(|c| !is_bidi_control(*c))
        .map(|c| match c {
            '\n' if keep_newlines => '\n',
            '\r' if keep_newlines => ' ',
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => ' ',
            c => c,
        })
        .collect()
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Titles and messages a hostile pull request could bring.
    const HOSTILE: &[&str] = &[
        "![Approved](https://evil.example/badge.svg)",
        "[Click to approve](https://evil.example/phish)",
        "<img src=x onerror=alert(1)> <script>alert(1)</script>",
        "<a href=\"https://evil.example\">link</a>",
        "</table><details open><summary>Approved</summary>",
        "www.evil.example/login and WWW.Evil.Example",
        "https://evil.example/path?x=1 and http://a.b and ftp://c.d",
        "Closes #1, fixes owner/repo#2, see GH-3 and gh-44",
        "ping @everyone and @psdoc/maintainers, mail lead@example.org",
        "**bold** _em_ ~~struck~~ `code` ``two`` $x^2$ $$y$$",
        "# Heading\n- list\n> quote\n---\n| a | b |",
        "[^1] footnote and [ref]: https://evil.example",
        "&lt;b&gt; &#64;everyone &#x40;all &amp;",
        "trailing backslash \\",
        "bidi \u{202E}evil\u{202C} text and \u{2066}isolate\u{2069}",
        "bell\u{7} nul\u{0} esc\u{1b}[31m cr\r lf\n tab\t del\u{7f} c1\u{85}",
        ":white_check_mark: Approved :shipit:",
        "javascript:alert(1) data:text/html,<b>x</b>",
    ];

    /// The text's characters in a Markdown source that GitHub would read
    /// as syntax or turn into links, if any.
    fn live(md: &str) -> Vec<String> {
        let mut found = Vec::new();
        let chars: Vec<char> = md.chars().collect();
        let mut escaped = false;
        for (i, &c) in chars.iter().enumerate() {
            if escaped {
                escaped = false;
                continue;
            }
            if c == '\\' {
                escaped = true;
                continue;
            }
            if ACTIVE.contains(&c) || c == '<' || c == '>' {
                found.push(format!("unescaped {c:?} at {i}"));
            }
            if c.is_control() {
                found.push(format!("control {c:?} at {i}"));
            }
        }
        let plain: String = md.replace('\\', "").to_lowercase();
        for pattern in [
            "www.", "://", "@e", "@p", "@l", "@a", "#1", "#2", "gh-3", "gh-44",
        ] {
            if plain.contains(pattern) {
                found.push(format!("live {pattern:?}"));
            }
        }
        if md.contains('\u{202E}') || md.contains('\u{2066}') {
            found.push("bidi control".into());
        }
        found
    }

    #[test]
    fn hostile_text_is_inert_markdown() {
        for text in HOSTILE {
            let md = markdown(text);
            assert!(live(&md).is_empty(), "{text:?} -> {md:?}: {:?}", live(&md));
            assert!(!md.contains('\n'), "{md:?}");
            // The words survive: only escapes and invisible breaks were added.
            let shown: String = md.replace(['\\', BREAK], "");
            for word in ["evil", "Approved", "everyone", "Heading"] {
                if text.contains(word) {
                    assert!(shown.contains(word), "{text:?} lost {word:?}: {shown:?}");
                }
            }
        }
    }

    #[test]
    fn plain_words_stay_readable() {
        assert_eq!(markdown("Key achievements"), "Key achievements");
        assert_eq!(
            markdown("E99 is not in the log (evidence/log.toml)"),
            "E99 is not in the log \\(evidence/log.toml\\)"
        );
        assert_eq!(markdown("a|b"), "a\\|b");
        assert_eq!(markdown("ask @lead"), "ask @\u{2060}lead");
        assert_eq!(markdown("#12"), "\\#\u{2060}12");
        assert_eq!(markdown("www.x.org"), "www\u{2060}.x.org");
        assert_eq!(markdown("https://x"), "https:\u{2060}//x");
        assert_eq!(markdown("- a - b"), "\\- a - b");
        assert_eq!(markdown("12. a. b"), "12\\. a. b");
        assert_eq!(markdown("+1"), "\\+1");
        assert_eq!(markdown("GH-3"), "GH-\u{2060}3");
        assert_eq!(markdown("a\r\nb"), "a  b");
    }

    #[test]
    fn code_cells_hold_any_text() {
        assert_eq!(code_cell("book/src/data.md:3"), "`book/src/data.md:3`");
        assert_eq!(code_cell("a`b"), "``a`b``");
        assert_eq!(code_cell("`x`"), "`` `x` ``");
        assert_eq!(code_cell("a ``` b"), "````a ``` b````");
        assert_eq!(code_cell("a|b"), "`a\\|b`");
        assert_eq!(code_cell("a\nb\u{202E}"), "`a b`");
        assert_eq!(code_cell(""), "");
        for text in HOSTILE {
            let cell = code_cell(text);
            assert!(!cell.contains('\n') && !cell.chars().any(|c| c.is_control()));
            let fence_len = cell.chars().take_while(|c| *c == '`').count();
            let inner = &cell[fence_len..cell.len() - fence_len];
            assert!(
                !inner.contains(&"`".repeat(fence_len)),
                "{text:?} -> {cell:?}"
            );
            assert!(!inner.replace("\\|", "").contains('|'), "{cell:?}");
        }
    }

    #[test]
    fn sarif_text_escapes_embedded_links() {
        assert_eq!(
            sarif_text("[click](https://evil.example) \\ ok"),
            "\\[click\\](https:\u{2060}//evil.example) \\\\ ok"
        );
        assert_eq!(sarif_text("a\nb\u{7}c"), "a\nb c");
        assert_eq!(sarif_text("@all #3"), "@\u{2060}all #\u{2060}3");
    }

    #[test]
    fn very_long_text_is_shortened() {
        let long = "é".repeat(10_000);
        let short = shorten(&long, 100);
        assert_eq!(short.chars().count(), 100);
        assert!(short.ends_with('…'));
        assert_eq!(shorten("short", 100), "short");
        assert_eq!(shorten("exactly", 7), "exactly");
        assert_eq!(markdown(&long).chars().count(), 10_000);
    }
}
