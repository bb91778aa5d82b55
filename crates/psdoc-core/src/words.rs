//! Word counting as the inspectorate's word processor shows it (CONTRACT section 4).
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
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            if is_word_char(c) {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                end = i;
                break;
            }
            chars.next();
        }
        Some(start..end)
    })
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
        fn joining_with_a_space_adds_counts(a in "\\PC{0,40}", b in "\\PC{0,40}") {
            prop_assert_eq!(count_words(&format!("{a} {b}")), count_words(&a) + count_words(&b));
        }
    }
}
