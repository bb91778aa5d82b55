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
/// referrals, registrations, IRDs, "number of ...", "count ..."; and not a percentage, a
/// rate ("per 1,000"), a year, money, a duration or an average.
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
        || label.contains("per ")
        || NOT_COUNT_WORDS.iter().any(|w| has(w))
        || label.contains("per cent");
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

/// Words of labels whose numbers are not counts of people.
const NOT_COUNT_WORDS: [&str; 27] = [
    "percentage",
    "percent",
    "proportion",
    "rate",
    "rates",
    "ratio",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "days",
    "hours",
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
        ] {
            assert!(!counts_people(label), "{label}");
        }
    }
}
