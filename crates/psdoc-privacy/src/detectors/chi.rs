//! `chi`: the Community Health Index number, NHS Scotland's patient number.
//!
//! Ten digits: the date of birth as DDMMYY, four more digits, the last a check digit. The
//! check is modulus 11 (weights 10 to 2 over digits 1-9; check = 11 - (sum mod 11), 11
//! meaning 0 and 10 never issued) or, for numbers issued from February 2026, modulus 10
//! (Luhn over digits 1-9), as Public Health Scotland's `phsmethods::chi_check` documents.
//!
//! Decision: a number with a real date and a valid modulus-11 check is a CHI wherever it
//! stands (unless a word such as "invoice" or "ISBN" says it is something else). A number
//! whose date is real but which passes only the modulus-10 check is reported only with
//! "CHI" (or "Community Health Index") nearby: one ten-digit reference number in ten passes
//! Luhn by chance, so without that word it would cry wolf on invoice and case numbers.

use crate::context::is_date;

/// How a ten-digit number validates as a CHI number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChiCheck {
    /// Real date and a valid modulus-11 check: a CHI number on its own.
    Modulus11,
    /// Real date, valid only under the modulus-10 scheme of 2026: a CHI number next to "CHI".
    Modulus10,
    /// Not a CHI number.
    Invalid,
}

/// Validates ten digits as a CHI number.
pub(crate) fn check(digits: &[u32]) -> ChiCheck {
    if digits.len() != 10 || !has_date_prefix(digits) {
        ChiCheck::Invalid
    } else if modulus11(digits) {
        ChiCheck::Modulus11
    } else if modulus10(digits) {
        ChiCheck::Modulus10
    } else {
        ChiCheck::Invalid
    }
}

/// Whether the first six digits are a real date written DDMMYY (any century: a two-digit
/// year divisible by four allows 29 February, as 2000 did).
pub(crate) fn has_date_prefix(digits: &[u32]) -> bool {
    if digits.len() < 6 {
        return false;
    }
    let day = digits[0] * 10 + digits[1];
    let month = digits[2] * 10 + digits[3];
    let year = 2000 + digits[4] * 10 + digits[5];
    is_date(day, month, year)
}

/// The modulus-11 check shared by CHI and NHS numbers.
pub(crate) fn modulus11(digits: &[u32]) -> bool {
    if digits.len() != 10 {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .zip((2..=10).rev())
        .map(|(d, w)| d * w)
        .sum();
    match 11 - sum % 11 {
        11 => digits[9] == 0,
        10 => false,
        check => digits[9] == check,
    }
}

/// The modulus-10 (Luhn) check of CHI numbers issued from February 2026: digits 9, 7, 5, 3
/// and 1 doubled (9 subtracted when over 9), the check digit bringing the sum to a
/// multiple of ten.
pub(crate) fn modulus10(digits: &[u32]) -> bool {
    if digits.len() != 10 {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10 == digits[9]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::digits;

    #[test]
    fn modulus_11_numbers() {
        assert_eq!(check(&digits("1904851231")), ChiCheck::Modulus11);
        assert_eq!(check(&digits("0101011237")), ChiCheck::Modulus11);
        // One digit off fails both checks.
        assert_eq!(check(&digits("1904851232")), ChiCheck::Invalid);
    }

    #[test]
    fn modulus_10_numbers() {
        // phsmethods' example of a number valid only under the 2026 scheme.
        assert_eq!(check(&digits("0101201234")), ChiCheck::Modulus10);
        assert!(modulus10(&digits("0101201234")));
        assert!(!modulus11(&digits("0101201234")));
    }

    #[test]
    fn the_date_must_be_real() {
        // 32nd day, 13th month, 29 February in a year not divisible by four.
        assert_eq!(check(&digits("3201201234")), ChiCheck::Invalid);
        assert!(!has_date_prefix(&digits("0113201234")));
        assert!(!has_date_prefix(&digits("2902011234")));
        assert!(has_date_prefix(&digits("2902001234")));
        assert!(has_date_prefix(&digits("2902041234")));
    }

    #[test]
    fn check_digit_ten_is_never_issued() {
        // Digits 1-9 of 0101010010 give sum mod 11 = 1, so no check digit exists.
        let d = digits("0101010010");
        let sum: u32 = d[..9].iter().zip((2..=10).rev()).map(|(a, w)| a * w).sum();
        assert_eq!(11 - sum % 11, 10);
        for last in 0..10 {
            let mut n = d.clone();
            n[9] = last;
            assert!(!modulus11(&n));
        }
    }

    #[test]
    fn check_eleven_means_zero() {
        // Whenever the weighted sum is a multiple of 11 the check digit is 0.
        let mut found = false;
        for n in 100_000_000u32..100_000_200 {
            let mut d = digits(&format!("{n:09}0"));
            let sum: u32 = d[..9].iter().zip((2..=10).rev()).map(|(a, w)| a * w).sum();
            if sum.is_multiple_of(11) {
                assert!(modulus11(&d));
                d[9] = 1;
                assert!(!modulus11(&d));
                found = true;
            }
        }
        assert!(found);
    }
}
