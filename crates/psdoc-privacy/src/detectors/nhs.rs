//! `nhs-number`: the NHS number of England, Wales and the Isle of Man (and the Health and
//! Care number of Northern Ireland): ten digits, usually written 3-3-4, with the same
//! modulus-11 check as a CHI number. A number that also starts with a real DDMMYY date is
//! reported as `chi` instead (that is what a Scottish number looks like).

use super::chi;

/// Whether ten digits are a valid NHS number that is not a CHI number.
pub(crate) fn is_nhs_number(digits: &[u32]) -> bool {
    digits.len() == 10 && chi::modulus11(digits) && !chi::has_date_prefix(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::digits;

    #[test]
    fn valid_numbers() {
        assert!(is_nhs_number(&digits("943 476 5919")));
        assert!(is_nhs_number(&digits("401 023 2137")));
    }

    #[test]
    fn invalid_check_digit() {
        assert!(!is_nhs_number(&digits("943 476 5918")));
        assert!(!is_nhs_number(&digits("401 023 2138")));
    }

    #[test]
    fn a_date_prefix_makes_it_a_chi_number() {
        assert!(chi::modulus11(&digits("1904851231")));
        assert!(!is_nhs_number(&digits("1904851231")));
    }
}
