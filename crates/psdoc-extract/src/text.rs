//! Plain text as partners' machines write it: UTF-8 (with or without a BOM), UTF-16
//! (Notepad's "Unicode"), or Windows-1252 (Excel's "CSV" and older editors).

use encoding_rs::{UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::model::{Location, TextUnit};

/// Text that is really binary data (an executable or image renamed `.txt`).
#[derive(Debug)]
pub(crate) struct Binary;

/// Decodes the bytes of a text file to a string without its BOM, reusing the
/// buffer when it already holds UTF-8 (no BOM).
pub(crate) fn decode_owned(bytes: Vec<u8>) -> Result<String, Binary> {
    let plain_utf8 = !bytes.starts_with(b"\xEF\xBB\xBF")
        && !bytes.starts_with(b"\xFF\xFE")
        && !bytes.starts_with(b"\xFE\xFF")
        && utf16_without_bom(&bytes).is_none();
    if plain_utf8 {
        return match String::from_utf8(bytes) {
            Ok(text) if looks_binary(&text) => Err(Binary),
            Ok(text) => Ok(text),
            Err(e) => decode(e.as_bytes()),
        };
    }
    decode(&bytes)
}

/// Decodes the bytes of a text file to a string without its BOM.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, Binary> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        UTF_8.decode_without_bom_handling(rest).0.into_owned()
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        UTF_16LE.decode_without_bom_handling(rest).0.into_owned()
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        UTF_16BE.decode_without_bom_handling(rest).0.into_owned()
    } else if let Some(little_endian) = utf16_without_bom(bytes) {
        let encoding = if little_endian { UTF_16LE } else { UTF_16BE };
        encoding.decode_without_bom_handling(bytes).0.into_owned()
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        text.to_owned()
    } else {
        WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned()
    };
    if looks_binary(&text) {
        return Err(Binary);
    }
    Ok(text)
}

/// UTF-16 written without a BOM: in ASCII-heavy text every other byte is zero.
/// Returns `Some(true)` for little-endian, `Some(false)` for big-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even_zero, mut odd_zero) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even_zero += usize::from(pair[0] == 0);
        odd_zero += usize::from(pair[1] == 0);
    }
    let mostly = |n: usize| n * 10 >= pairs * 4;
    let rarely = |n: usize| n * 20 <= pairs;
    if mostly(odd_zero) && rarely(even_zero) {
        Some(true)
    } else if mostly(even_zero) && rarely(odd_zero) {
        Some(false)
    } else {
        None
    }
}

/// Binary data: a NUL anywhere, or control characters in more than one in twenty
/// of the first 64 KiB of characters (tabs, line and page breaks are text).
fn looks_binary(text: &str) -> bool {
    if text.contains('\0') {
        return true;
    }
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        let is_control = match c {
            '\t' | '\n' | '\r' | '\x0C' => false,
            '\u{FFFD}' => true,
            c => c.is_control(),
        };
        control += usize::from(is_control);
    }
    control > 0 && control * 20 > total
}

/// The lines of `text` with their 1-based numbers, their terminators removed. A line
/// ends at `\r\n`, `\n` or a lone `\r`.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text;
    let mut number = 0usize;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        number += 1;
        // memchr: a pattern of two chars would test every character in turn.
        match memchr::memchr2(b'\n', b'\r', rest.as_bytes()) {
            Some(i) => {
                let line = &rest[..i];
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
                Some((number, line))
            }
            None => {
                done = true;
                if rest.is_empty() {
                    None
                } else {
                    Some((number, rest))
                }
            }
        }
    })
}

/// One unit per non-blank line.
pub(crate) fn line_units(text: &str) -> Vec<TextUnit> {
    lines(text)
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| TextUnit::new(line, Location::Line(n)))
        .collect()
}

/// Text from a document format (Word, OpenDocument, PDF, a sheet) made easy to scan:
/// no-break and other fixed-width spaces become plain spaces, soft hyphens and
/// zero-width characters go, ligatures are spelled out, and other control
/// characters become spaces.
pub(crate) fn push_document_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2000}'..='\u{200A}' => out.push(' '),
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings() {
        let got: Vec<_> = lines("a\r\nb\nc\rd").collect();
        assert_eq!(got, vec![(1, "a"), (2, "b"), (3, "c"), (4, "d")]);
        let got: Vec<_> = lines("a\n\nb\n").collect();
        assert_eq!(got, vec![(1, "a"), (2, ""), (3, "b")]);
        assert_eq!(lines("").count(), 0);
    }

    #[test]
    fn encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFcaf\xC3\xA9").unwrap(), "café");
        assert_eq!(decode(b"caf\xE9 \x93quoted\x94").unwrap(), "café “quoted”");
        assert_eq!(decode(b"\xFF\xFEh\0i\0").unwrap(), "hi");
        assert_eq!(decode(b"\xFE\xFF\0h\0i").unwrap(), "hi");
        assert_eq!(decode(b"h\0e\0l\0l\0o\0").unwrap(), "hello");
        assert!(decode(b"\x7FELF\x02\x01\x01\0\0\0").is_err());
        assert!(decode(b"\x01\x02\x03\x04abc").is_err());
        assert_eq!(decode(b"tab\there\x0Cpage").unwrap(), "tab\there\x0Cpage");
    }

    #[test]
    fn document_text() {
        let mut s = String::new();
        push_document_text(&mut s, "EH12\u{00A0}9DN co\u{00AD}operate\tx \u{FB01}rst");
        assert_eq!(s, "EH12 9DN cooperate x first");
    }
}
