//! Small helpers to look at the text around a candidate.

use std::ops::Range;

/// The largest char boundary of `text` at or before `i`.
pub(crate) fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `text` at or after `i`.
pub(crate) fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Up to `n` bytes of `text` just before `pos`.
pub(crate) fn before(text: &str, pos: usize, n: usize) -> &str {
    &text[ceil_boundary(text, pos.saturating_sub(n))..pos]
}

/// Up to `n` bytes of `text` just after `pos`.
pub(crate) fn after(text: &str, pos: usize, n: usize) -> &str {
    &text[pos..floor_boundary(text, pos.saturating_add(n))]
}

/// The byte range around `range` that lies within `n` bytes on either side.
pub(crate) fn around(text: &str, range: &Range<usize>, n: usize) -> Range<usize> {
    ceil_boundary(text, range.start.saturating_sub(n))..floor_boundary(text, range.end + n)
}

/// The ASCII digits of `s`, as numbers.
pub(crate) fn digits(s: &str) -> Vec<u32> {
    s.bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| u32::from(b - b'0'))
        .collect()
}

/// Number of days in `month` (1-12) of a year; `leap` says whether February has 29.
pub(crate) fn days_in_month(month: u32, leap: bool) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether day/month/year is a calendar date (a full year, e.g. 2014).
pub(crate) fn is_date(day: u32, month: u32, year: u32) -> bool {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    day >= 1 && day <= days_in_month(month, leap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_respect_multibyte_characters() {
        let text = "a’b";
        assert_eq!(before(text, 4, 1), "");
        assert_eq!(before(text, 4, 3), "’");
        assert_eq!(after(text, 1, 2), "");
        assert_eq!(after(text, 1, 3), "’");
        assert_eq!(around(text, &(4..5), 2), 4..5);
    }

    #[test]
    fn calendar() {
        assert!(is_date(29, 2, 2000));
        assert!(!is_date(29, 2, 1900));
        assert!(is_date(29, 2, 2024));
        assert!(!is_date(31, 4, 2024));
        assert!(!is_date(1, 13, 2024));
        assert!(!is_date(0, 1, 2024));
    }
}
