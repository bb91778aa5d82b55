//! Word counting as the inspectorate's word processor shows it
//! (docs/words.md#what-a-word-is).
//!
//! A word is a maximal run of characters that are neither whitespace (Unicode
//! White_Space, the no-break space included) nor an en dash nor an em dash, so
//! `well-being`, `3-5` and `[E12]` are one word each and `3–5` is two, as in Word.

/// True for characters that can be part of a word.
#[inline]
pub fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && c != '\u{2013}' && c != '\u{2014}'
}

/// The number of words in rendered text.
pub fn count_words(text: &str) -> usize {
    word_spans(text).count()
}

/// The byte ranges of the words in `text`, in order.
pub fn word_spans(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < text.len() {
            let (word, width) = char_at(text, at);
            if word {
                break;
            }
            at += width;
        }
        if at >= text.len() {
            return None;
        }
        let start = at;
        while at < text.len() {
            let (word, width) = char_at(text, at);
            if !word {
                break;
            }
            at += width;
        }
        Some(start..at)
    })
}

/// Whether the character starting at byte `at` of `text` can be part of a
/// word, and its width in bytes. ASCII, nearly all of a statement, is
/// decided without decoding.
#[inline]
fn char_at(text: &str, at: usize) -> (bool, usize) {
    let byte = text.as_bytes()[at];
    if byte.is_ascii() {
        // The ASCII characters of Unicode White_Space: tab to carriage return, and space.
        return (!matches!(byte, b'\t'..=b'\r' | b' '), 1);
    }
    let c = text[at..]
        .chars()
        .next()
        .expect("at is a character boundary");
    (is_word_char(c), c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn counts_like_word() {
        assert_eq!(count_words("Children's services — and partners"), 4);
        assert_eq!(count_words("3–5 key achievements"), 4);
        assert_eq!(count_words("3-5 key achievements"), 3);
        assert_eq!(count_words("The court . . . concluded"), 6);
        assert_eq!(count_words("and/or well-being 1,234 E12"), 4);
        assert_eq!(count_words("word\u{a0}word"), 2);
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words(" \t\r\n"), 0);
    }

    #[test]
    fn spans_cover_words() {
        let spans: Vec<_> = word_spans("a  bb—c").collect();
        assert_eq!(spans, vec![0..1, 3..5, 8..9]);
    }

    proptest! {
        #[test]
        fn spans_are_the_runs_of_word_characters(text in "[a \t\r\n\x0b\x0c\u{85}\u{a0}\u{2013}\u{2014}\u{2003}é\u{1F600}\x1c-]{0,40}") {
            let mut expected = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices() {
                match (is_word_char(c), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        expected.push(s..i);
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(s) = start {
                expected.push(s..text.len());
            }
            prop_assert_eq!(word_spans(&text).collect::<Vec<_>>(), expected);
        }

        #[test]
        fn joining_with_a_space_adds_counts(a in "\\PC{0,40}", b in "\\PC{0,40}") {
            prop_assert_eq!(count_words(&format!("{a} {b}")), count_words(&a) + count_words(&b));
        }
    }
}
