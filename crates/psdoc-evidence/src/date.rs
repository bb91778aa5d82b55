//! A civil (calendar) date, enough for document dates and the submission date.
//!
//! No time zone and no time of day: the guidance speaks of documents "over the last two
//! years" and of plans for "the next three years", which are calendar questions.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date of the proleptic Gregorian calendar.
///
/// Ordered chronologically; shown and serialised as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Whether `year` has a 29 February.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days of `month` (1..=12) in `year`; 0 for a month out of range.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The months as a reader writes them.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// The date written out for a reader: "20 March 2026".
    pub fn written_out(self) -> String {
        let month = MONTHS
            .get(usize::from(self.month).saturating_sub(1))
            .copied()
            .unwrap_or("");
        format!("{} {month} {}", self.day, self.year)
    }

    /// The date, if it exists in the calendar (`Date::new(2023, 2, 29)` is `None`).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month) {
            Some(Date { year, month, day })
        } else {
            None
        }
    }

    /// Parses `YYYY-MM-DD` (ISO 8601, as TOML writes dates) or `DD/MM/YYYY` (as Excel
    /// writes them in the UK). Day and month may have one or two digits in the second
    /// form; the year always has four. Surrounding whitespace is ignored; nothing else is.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        if let Some((y, rest)) = s.split_once('-') {
            let (m, d) = rest.split_once('-')?;
            if y.len() != 4 || m.len() != 2 || d.len() != 2 {
                return None;
            }
            return Date::new(number(y)? as i32, number(m)? as u8, number(d)? as u8);
        }
        let mut parts = s.split('/');
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some()
            || !(1..=2).contains(&d.len())
            || !(1..=2).contains(&m.len())
            || y.len() != 4
        {
            return None;
        }
        Date::new(number(y)? as i32, number(m)? as u8, number(d)? as u8)
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_secs() as i64,
            Err(e) => -(e.duration().as_secs() as i64),
        };
        Date::from_days_since_epoch(secs.div_euclid(86_400))
    }

    /// The date `days` days after 1970-01-01 (negative: before).
    pub fn from_days_since_epoch(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Days from 1970-01-01 to this date (negative: before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `months` calendar months later (earlier when negative), the day clamped
    /// to the end of a shorter month: 2024-01-31 plus one month is 2024-02-29.
    pub fn add_months(self, months: i32) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(months);
        let year = index.div_euclid(12) as i32;
        let month = (index.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// Whole calendar months from `self` to `later`: the largest `n` with
    /// `self.add_months(n) <= later`. 2024-03-14 to 2026-03-14 is 24 months, to
    /// 2026-03-13 is 23; 2024-01-31 to 2024-02-29 is 1 (the month ends). When `later`
    /// is earlier the result is negative: `-(later.months_until(self))`.
    pub fn months_until(self, later: Date) -> i32 {
        if later < self {
            return -later.months_until(self);
        }
        let mut n = (later.year - self.year) * 12 + i32::from(later.month) - i32::from(self.month);
        if self.add_months(n) > later {
            n -= 1;
        }
        n
    }

    /// The date of a TOML date or date-time (its date part); `None` for a time alone or
    /// a date that does not exist.
    pub fn from_toml(d: &toml::value::Datetime) -> Option<Date> {
        let date = d.date?;
        Date::new(i32::from(date.year), date.month, date.day)
    }

    /// The date of an Excel serial number (days since 1899-12-30 in the usual 1900
    /// system, with Excel's phantom 1900-02-29 as serial 60; since 1904-01-01 in the
    /// 1904 system). The fraction (time of day) is dropped. `None` outside
    /// 1900-01-01..=9999-12-31 and for the phantom day.
    pub fn from_excel_serial(serial: f64, is_1904: bool) -> Option<Date> {
        if !serial.is_finite() || serial < 0.0 {
            return None;
        }
        let whole = serial.floor() as i64;
        let days = if is_1904 {
            // 1904-01-01 is 24107 days before 1970-01-01.
            whole - 24_107
        } else {
            if whole == 0 || whole == 60 {
                return None;
            }
            // Serial 61 is 1900-03-01; before the phantom day serials are one higher.
            let whole = if whole < 60 { whole + 1 } else { whole };
            whole - 25_569
        };
        let date = Date::from_days_since_epoch(days);
        (1900..=9999).contains(&date.year).then_some(date)
    }
}

fn number(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The key and the value as written on the TOML line holding byte `offset` of
/// `text`, when that line is `key = value` (a trailing comment left out, the
/// value cut at 24 characters): what a message about a badly written date
/// quotes back.
pub fn toml_assignment_at(text: &str, offset: usize) -> Option<(&str, String)> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let (key, value) = text.get(start..end)?.split_once('=')?;
    let value = value.split(" #").next().unwrap_or_default().trim();
    let value: String = value.chars().take(24).collect();
    Some((key.trim().trim_matches('"'), value))
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = InvalidDate;

    fn from_str(s: &str) -> Result<Date, InvalidDate> {
        Date::parse(s).ok_or(InvalidDate)
    }
}

/// A string that is not a date in a form [`Date::parse`] accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a date: write it as YYYY-MM-DD (2024-09-30) or DD/MM/YYYY (30/09/2024)")]
pub struct InvalidDate;

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A date as text (JSON, CSV) or as a TOML date (`submission = 2025-03-14`).
impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Text(String),
            Toml(toml::value::Datetime),
        }
        match Repr::deserialize(deserializer)? {
            Repr::Text(s) => Date::parse(&s).ok_or_else(|| serde::de::Error::custom(InvalidDate)),
            Repr::Toml(d) => Date::from_toml(&d).ok_or_else(|| {
                serde::de::Error::custom("a time alone is not a date: write a date like 2025-03-14")
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_value_written_on_a_toml_line() {
        let text = "[partnership]\nsubmission = 20/03/2026   # the date\nname = \"x\"\n";
        let at = text.find("20/").unwrap() + 3;
        assert_eq!(
            super::toml_assignment_at(text, at),
            Some(("submission", "20/03/2026".to_owned()))
        );
        assert_eq!(super::toml_assignment_at(text, 2), None);
        assert_eq!(
            super::toml_assignment_at("a = 1", 99),
            Some(("a", "1".to_owned()))
        );
    }

    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn new_checks_the_calendar() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2024, 4, 31).is_none());
        assert!(Date::new(2024, 13, 1).is_none());
        assert!(Date::new(2024, 0, 1).is_none());
        assert!(Date::new(2024, 1, 0).is_none());
    }

    #[test]
    fn parses_both_forms() {
        assert_eq!(d("2024-09-30"), Date::new(2024, 9, 30).unwrap());
        assert_eq!(d("30/09/2024"), Date::new(2024, 9, 30).unwrap());
        assert_eq!(d(" 1/3/2024 "), Date::new(2024, 3, 1).unwrap());
        for bad in [
            "",
            "2024-9-30",
            "2024-09-31",
            "24-09-30",
            "30/09/24",
            "30 Sept",
            "2024/09/30",
            "30/09/2024/1",
            "09-30-2024",
            "2024-09-30T10:00",
            "+202-09-30",
            "30/13/2024",
            "٢٠٢٤-09-30",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn displays_and_serialises_as_iso() {
        let date = Date::new(2025, 3, 4).unwrap();
        assert_eq!(date.to_string(), "2025-03-04");
        let json = toml::to_string(&std::collections::BTreeMap::from([("d", date)])).unwrap();
        assert_eq!(json.trim(), "d = \"2025-03-04\"");
    }

    #[test]
    fn months_until_counts_whole_calendar_months() {
        assert_eq!(d("2024-03-14").months_until(d("2026-03-14")), 24);
        assert_eq!(d("2024-03-14").months_until(d("2026-03-13")), 23);
        assert_eq!(d("2024-03-14").months_until(d("2024-03-14")), 0);
        assert_eq!(d("2024-03-14").months_until(d("2024-04-13")), 0);
        assert_eq!(d("2024-03-14").months_until(d("2024-04-14")), 1);
        // Month ends: the day clamps to the shorter month.
        assert_eq!(d("2024-01-31").months_until(d("2024-02-29")), 1);
        assert_eq!(d("2023-01-31").months_until(d("2023-02-28")), 1);
        assert_eq!(d("2024-01-31").months_until(d("2024-02-28")), 0);
        assert_eq!(d("2024-08-31").months_until(d("2024-09-30")), 1);
        assert_eq!(d("2024-08-30").months_until(d("2024-09-29")), 0);
        // Leap days: two years after 29 February is 28 February.
        assert_eq!(d("2024-02-29").months_until(d("2026-02-28")), 24);
        assert_eq!(d("2024-02-29").months_until(d("2026-02-27")), 23);
        assert_eq!(d("2024-02-28").months_until(d("2026-02-28")), 24);
        assert_eq!(d("2023-02-28").months_until(d("2024-02-29")), 12);
        assert_eq!(d("2023-03-01").months_until(d("2025-02-28")), 23);
        // Backwards.
        assert_eq!(d("2026-03-14").months_until(d("2024-03-14")), -24);
        assert_eq!(d("2026-03-13").months_until(d("2024-03-14")), -23);
        // Across years.
        assert_eq!(d("2023-12-15").months_until(d("2024-01-15")), 1);
        assert_eq!(d("2023-12-15").months_until(d("2024-01-14")), 0);
    }

    #[test]
    fn add_months_clamps() {
        assert_eq!(d("2024-01-31").add_months(1), d("2024-02-29"));
        assert_eq!(d("2024-01-31").add_months(13), d("2025-02-28"));
        assert_eq!(d("2024-03-31").add_months(-1), d("2024-02-29"));
        assert_eq!(d("2024-01-15").add_months(-1), d("2023-12-15"));
        assert_eq!(d("2024-01-15").add_months(-25), d("2021-12-15"));
    }

    #[test]
    fn epoch_days_round_trip() {
        assert_eq!(Date::from_days_since_epoch(0), d("1970-01-01"));
        assert_eq!(d("2000-03-01").days_since_epoch(), 11_017);
        for days in (-800_000..800_000).step_by(997) {
            let date = Date::from_days_since_epoch(days);
            assert!(Date::new(date.year, date.month, date.day).is_some());
            assert_eq!(date.days_since_epoch(), days);
        }
        let today = Date::today();
        assert!(today.year >= 2024);
    }

    #[test]
    fn excel_serials() {
        assert_eq!(
            Date::from_excel_serial(45565.0, false),
            Some(d("2024-09-30"))
        );
        assert_eq!(
            Date::from_excel_serial(45565.75, false),
            Some(d("2024-09-30"))
        );
        assert_eq!(Date::from_excel_serial(1.0, false), Some(d("1900-01-01")));
        assert_eq!(Date::from_excel_serial(59.0, false), Some(d("1900-02-28")));
        assert_eq!(Date::from_excel_serial(60.0, false), None);
        assert_eq!(Date::from_excel_serial(61.0, false), Some(d("1900-03-01")));
        assert_eq!(Date::from_excel_serial(0.0, true), Some(d("1904-01-01")));
        assert_eq!(
            Date::from_excel_serial(44103.0, true),
            Some(d("2024-09-30"))
        );
        assert_eq!(Date::from_excel_serial(-1.0, false), None);
        assert_eq!(Date::from_excel_serial(f64::NAN, false), None);
        assert_eq!(Date::from_excel_serial(1e12, false), None);
    }

    #[test]
    fn deserialises_from_toml_dates_and_text() {
        #[derive(Deserialize)]
        struct S {
            submission: Date,
        }
        let want = Date::new(2025, 3, 14).unwrap();
        let s: S = toml::from_str("submission = 2025-03-14").unwrap();
        assert_eq!(s.submission, want);
        let s: S = toml::from_str("submission = \"14/03/2025\"").unwrap();
        assert_eq!(s.submission, want);
        assert!(toml::from_str::<S>("submission = \"14 March\"").is_err());
        assert!(toml::from_str::<S>("submission = 10:00:00").is_err());
    }

    #[test]
    fn from_toml_takes_the_date_part() {
        let v: toml::Table =
            toml::from_str("a = 2024-09-30\nb = 2024-09-30T10:00:00Z\nc = 10:00:00").unwrap();
        let get = |k: &str| Date::from_toml(v[k].as_datetime().unwrap());
        assert_eq!(get("a"), Some(d("2024-09-30")));
        assert_eq!(get("b"), Some(d("2024-09-30")));
        assert_eq!(get("c"), None);
    }
}
