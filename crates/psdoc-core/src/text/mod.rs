//! Small text helpers every renderer shares: escaping for HTML and Markdown,
//! numbers as people read them, aligned plain-text tables, short commit
//! ids and digests in hexadecimal. Written once here, so that no renderer carries its own copy.

mod escape;
pub mod inert;
mod table;

pub use escape::{escape_html, escape_html_cell, escape_markdown};
pub use table::{Align, Table};

/// `4870` as `4,870`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `bytes` (a digest) in lower-case hexadecimal, two digits a byte.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// The first seven characters of a commit id, as git shows it.
pub fn short_commit(id: &str) -> &str {
    id.get(..7).unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_by_three() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(4870), "4,870");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn hex_is_two_lower_case_digits_a_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(hex(&[]), "");
    }

    #[test]
    fn short_commit_is_seven_characters_or_the_whole_id() {
        assert_eq!(short_commit("0123456789abcdef"), "0123456");
        assert_eq!(short_commit("abc"), "abc");
    }
}
