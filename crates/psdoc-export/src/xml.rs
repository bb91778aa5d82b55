//! Text for XML (the Word file's parts): escaped, and without the
//! characters XML 1.0 cannot hold (most control characters).

/// `text` escaped for an XML element or attribute.
pub fn escape(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || (c >= ' '
                    && c != '\u{FFFE}'
                    && c != '\u{FFFF}'
                    && !('\u{7F}'..='\u{84}').contains(&c))
        })
        .collect();
    let mut out = String::with_capacity(clean.len() + 8);
    pulldown_cmark_escape::escape_html(&mut out, &clean).expect("writing to a String cannot fail");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_and_drops_control_characters() {
        assert_eq!(
            super::escape("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;"
        );
    }
}
