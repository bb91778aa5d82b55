//! Small counts in tables (`small-number`): a count from 1 to threshold - 1 of children,
//! families or referrals may identify a child ("disclosure control" in official statistics).

/// Whether a table cell is a small count: the whole cell (whitespace and emphasis markers
/// around it aside) is a whole number from 1 to `threshold - 1`. A percentage, rate,
/// decimal, year, amount of money, range or suppression mark (`*`, `c`, `<5`) is not; a
/// threshold of 0 or 1 finds nothing.
pub fn is_small_count(cell: &str, threshold: u32) -> bool {
    let value = cell.trim().trim_matches(['*', '_']).trim();
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if value.len() > 1 && value.starts_with('0') {
        return false;
    }
    match value.parse::<u32>() {
        Ok(n) => n >= 1 && n < threshold && !(value.len() == 4 && (1900..=2100).contains(&n)),
        Err(_) => false,
    }
}

/// Whether a row or column label counts people: children, young people, families,
/// referrals, registrations, IRDs, "number of ...", "count ...".
///
/// A time or age window that qualifies the people keeps it a count ("Children
/// re-registered within 18 months", "aged under 5", "in 2024-25", "per quarter"); only a
/// label whose quantity is something else is not one: a percentage or rate ("per 1,000"),
/// money, an average or other statistic, an age, a date, or a duration ("Average months on
/// the register", "Median days to conference", "Days from referral to IRD").
pub fn counts_people(header: &str) -> bool {
    let label = header.to_lowercase();
    let words: Vec<&str> = label
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    let not_a_count = label.contains('%')
        || label.contains('£')
        || label.contains('$')
        || label.contains('€')
        || label.contains("per cent")
        || is_rate(&words)
        || NOT_COUNT_WORDS.iter().any(|w| has(w))
        || is_duration(&words);
    if not_a_count {
        return false;
    }
    label.contains("number of")
        || label.contains("no. of")
        || label.starts_with("no.")
        || label.contains("young people")
        || label.contains("young person")
        || PEOPLE_WORDS.iter().any(|w| has(w))
}

/// "per 1,000", "per 10000": a rate. "per quarter", "per child" are not.
fn is_rate(words: &[&str]) -> bool {
    words
        .windows(2)
        .any(|w| w[0] == "per" && w[1].starts_with(|c: char| c.is_ascii_digit()))
}

/// Units of time: the quantity of a duration, or the length of a window.
const TIME_UNITS: [&str; 10] = [
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours",
];

/// Words before a unit of time that make it a window on the people counted ("within 18
/// months", "in the last year", "per quarter") rather than the quantity itself.
const WINDOW_WORDS: [&str; 17] = [
    "within", "under", "over", "in", "after", "before", "last", "past", "previous", "next", "aged",
    "than", "per", "each", "during", "for", "every",
];

/// Whether a unit of time in the label is its quantity ("Average months on the register",
/// "Days to conference"), not a window ("within 18 months", "in the last year"): a unit
/// with neither a number nor a window word among the two words before it.
fn is_duration(words: &[&str]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        TIME_UNITS.contains(w)
            && !words[i.saturating_sub(2)..i]
                .iter()
                .any(|p| WINDOW_WORDS.contains(p) || p.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// Words of labels that count people (or events about a person: a referral, a
/// registration, an IRD).
const PEOPLE_WORDS: [&str; 60] = [
    "adoptions",
    "babies",
    "boys",
    "carers",
    "care-experienced",
    "cases",
    "child",
    "children",
    "count",
    "deregistrations",
    "de-registrations",
    "families",
    "family",
    "girls",
    "households",
    "individuals",
    "infants",
    "ird",
    "irds",
    "learners",
    "n",
    "number",
    "parents",
    "people",
    "persons",
    "placements",
    "pupils",
    "re-registrations",
    "referrals",
    "registered",
    "registrations",
    "siblings",
    "students",
    "total",
    "victims",
    "looked",
    "accommodated",
    "kinship",
    "foster",
    "unborn",
    "pregnancies",
    "mothers",
    "fathers",
    "toddlers",
    "teenagers",
    "adolescents",
    "leavers",
    "youths",
    "clients",
    "users",
    "patients",
    "survivors",
    "admissions",
    "exclusions",
    "offenders",
    "missing",
    "runaways",
    "reports",
    "conferences",
    "cpos",
];

/// Words of labels whose numbers are not counts of people: rates, statistics, money, ages,
/// dates and durations (units of time are read by [`is_duration`]).
const NOT_COUNT_WORDS: [&str; 19] = [
    "percentage",
    "percent",
    "proportion",
    "rate",
    "rates",
    "ratio",
    "cost",
    "costs",
    "spend",
    "budget",
    "average",
    "mean",
    "median",
    "score",
    "age",
    "duration",
    "date",
    "pct",
    "funding",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts() {
        for cell in ["1", "3", " 4 ", "**2**", "_3_"] {
            assert!(is_small_count(cell, 5), "{cell}");
        }
        for cell in [
            "0", "5", "12", "3%", "3.0", "£3", "<5", "*", "c", "[c]", "2023", "03", "1-3", "",
            "three", "-2",
        ] {
            assert!(!is_small_count(cell, 5), "{cell}");
        }
        assert!(!is_small_count("3", 0));
        assert!(!is_small_count("1", 1));
        assert!(is_small_count("9", 10));
        assert!(!is_small_count("2024", 5000));
    }

    #[test]
    fn people_labels() {
        for label in [
            "Children",
            "Young people",
            "Number of families",
            "Referrals",
            "Registrations",
            "IRDs",
            "Count",
            "No. of children on the CPR",
            "Looked after children",
            "Children (n)",
            "Children re-registered within 18 months",
            "Children aged under 5",
            "Referrals in 2024-25",
            "IRDs per quarter",
            "Children on the register for 12 months or more",
            "Children registered in the last year",
            "Re-registrations within 24 months",
        ] {
            assert!(counts_people(label), "{label}");
        }
        for label in [
            "% of children",
            "Rate per 1,000 children",
            "Year",
            "2023-24",
            "Spend (£)",
            "Average days",
            "Proportion of referrals",
            "Children (%)",
            "Median age",
            "Locality",
            "Average months on the register",
            "Median days to conference",
            "Days from referral to IRD",
            "Months on the register",
            "Cost per child (£)",
            "Rate per 10,000 children aged 0-15",
            "Average age of children",
            "Year",
        ] {
            assert!(!counts_people(label), "{label}");
        }
    }
}
