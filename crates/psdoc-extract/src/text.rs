//! Plain text as partners' machines write it: UTF-8 (with or without a BOM), UTF-16
//! (Notepad's "Unicode"), or Windows-1252 (Excel's "CSV" and older editors).

use std::borrow::Cow;

use encoding_rs::{UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::model::{Location, TextUnit};

/// Text that is really binary data (an executable or image renamed `.txt`).
#[derive(Debug)]
pub(crate) struct Binary;

/// Decodes the bytes of a text file to a string without its BOM: borrowed when
/// they are already UTF-8 (no BOM), as nearly every file is.
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, Binary> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        UTF_8.decode_without_bom_handling(rest).0
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        UTF_16LE.decode_without_bom_handling(rest).0
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        UTF_16BE.decode_without_bom_handling(rest).0
    } else if let Some(little_endian) = utf16_without_bom(bytes) {
        let encoding = if little_endian { UTF_16LE } else { UTF_16BE };
        encoding.decode_without_bom_handling(bytes).0
    } else if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        // simdutf8: the same check as `std::str::from_utf8`, twice as fast on prose.
        Cow::Borrowed(text)
    } else {
        WINDOWS_1252.decode_without_bom_handling(bytes).0
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
    if memchr::memchr(0, text.as_bytes()).is_some() {
        return true;
    }
    const SAMPLE: usize = 64 * 1024;
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    let mut total = 0usize;
    let mut control = 0usize;
    let mut at = 0;
    while at < bytes.len() && total < SAMPLE {
        // A block of ASCII is counted at once (the compiler vectorises it); any other
        // block, and the sample's last characters, one character at a time.
        if let Some(block) = bytes.get(at..at + BLOCK)
            && total + BLOCK <= SAMPLE
            && block.is_ascii()
        {
            total += BLOCK;
            control += block.iter().filter(|&&b| is_control_byte(b)).count();
            at += BLOCK;
            continue;
        }
        let c = text[at..]
            .chars()
            .next()
            .expect("at is a character boundary");
        total += 1;
        control += usize::from(is_control_char(c));
        at += c.len_utf8();
    }
    control > 0 && control * 20 > total
}

/// A control character that is not in text: any but tab, line and page breaks, and the
/// replacement character that decoding leaves for bytes that were not text.
fn is_control_char(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' | '\x0C' => false,
        '\u{FFFD}' => true,
        c => c.is_control(),
    }
}

/// [`is_control_char`] for an ASCII byte.
fn is_control_byte(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F
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

    /// What `looks_binary` computed one character at a time before its ASCII blocks.
    fn looks_binary_by_chars(text: &str) -> bool {
        if text.contains('\0') {
            return true;
        }
        let (mut total, mut control) = (0usize, 0usize);
        for c in text.chars().take(64 * 1024) {
            total += 1;
            control += usize::from(is_control_char(c));
        }
        control > 0 && control * 20 > total
    }

    #[test]
    fn binary_is_judged_on_the_first_64_kib_of_characters() {
        // One control character in twenty is binary; the 64 KiB sample counts characters.
        let text = |prefix: &str, controls: usize, len: usize| {
            let mut t = prefix.to_owned();
            t.push_str(&"\x01".repeat(controls));
            while t.chars().count() < len {
                t.push('a');
            }
            t
        };
        assert!(looks_binary(&text("", 6, 100)));
        assert!(!looks_binary(&text("", 5, 100)));
        // Past the sample, control characters do not count; a multi-byte prefix moves
        // where the sample ends.
        let mut long = "é".repeat(64 * 1024 - 10);
        long.push_str(&"\x01".repeat(1000));
        assert_eq!(looks_binary(&long), looks_binary_by_chars(&long));
        assert!(!looks_binary(&long));
        for len in [
            0,
            1,
            63,
            64,
            65,
            64 * 1024 - 1,
            64 * 1024,
            64 * 1024 + 1,
            70_000,
        ] {
            for controls in [0, 1, len / 20, len / 20 + 1] {
                let t = text("", controls.min(len), len);
                assert_eq!(
                    looks_binary(&t),
                    looks_binary_by_chars(&t),
                    "{len} {controls}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_blocks_count_as_characters_one_by_one(
            pieces in proptest::collection::vec(proptest::prop_oneof![
                proptest::strategy::Just("plain prose words "),
                proptest::strategy::Just("\x01"), proptest::strategy::Just("\x7f"),
                proptest::strategy::Just("\t\n\r\x0c"), proptest::strategy::Just("\u{85}"),
                proptest::strategy::Just("\u{fffd}"), proptest::strategy::Just("é"),
                proptest::strategy::Just("“curly”"), proptest::strategy::Just("\0"),
            ], 0..400),
            repeat in 1usize..300,
        ) {
            let text = pieces.concat().repeat(repeat);
            proptest::prop_assert_eq!(looks_binary(&text), looks_binary_by_chars(&text));
        }
    }

    #[test]
    fn document_text() {
        let mut s = String::new();
        push_document_text(&mut s, "EH12\u{00A0}9DN co\u{00AD}operate\tx \u{FB01}rst");
        assert_eq!(s, "EH12 9DN cooperate x first");
    }
}
