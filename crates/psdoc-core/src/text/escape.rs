//! Escaping text for HTML and for Markdown, so that whatever a statement or
//! a log says is shown as written and never read as markup.

/// Text for an HTML element or a quoted attribute (also SVG): `& < > " '`.
pub fn escape_html(text: &str) -> String {
    escape_html_with(text, false)
}

/// [`escape_html`] for HTML inside a Markdown table row, where a bare `|`
/// would end the cell.
pub fn escape_html_cell(text: &str) -> String {
    escape_html_with(text, true)
}

fn escape_html_with(text: &str, pipe: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '|' if pipe => out.push_str("&#124;"),
            c => out.push(c),
        }
    }
    out
}

/// Backslash-escapes Markdown's active ASCII punctuation (CommonMark allows
/// a backslash before any of it), leaving sentence punctuation as it is.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation()
            && !matches!(
                c,
                ',' | '.'
                    | ':'
                    | ';'
                    | '?'
                    | '\''
                    | '"'
                    | '/'
                    | '%'
                    | '('
                    | ')'
                    | '-'
                    | '+'
                    | '='
                    | '@'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_inert() {
        assert_eq!(
            escape_html(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(escape_html("a|b"), "a|b");
        assert_eq!(escape_html_cell("a|b"), "a&#124;b");
    }

    #[test]
    fn markdown_keeps_sentences_readable() {
        assert_eq!(
            escape_markdown("*Key* [E1] #2, done."),
            r"\*Key\* \[E1\] \#2, done."
        );
    }
}
