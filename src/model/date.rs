//! Calendar dates as diplomats write them: "28 July 2022"; a range of
//! days, "23 March – 2 April 2026", "from 24 to 26 June 2024",
//! "14-25 April 2025" ([`DateRange`]); and the figures UN advance copies
//! stamp at their top, day/month/year, "04/05/26" ([`Date::find_stamp_in`]).
//!
//! ```
//! use negotext::model::{Date, DateRange};
//! let session = DateRange::find_in("New York, 23 March – 2 April 2026").unwrap();
//! assert_eq!(session.start, Date::new(2026, 3, 23).unwrap());
//! assert_eq!(session.end, Date::new(2026, 4, 2));
//! assert_eq!(session.to_string(), "23 March – 2 April 2026");
//! assert_eq!(Date::find_stamp_in("04/05/26"), Date::new(2026, 5, 4));
//! assert_eq!(Date::find_stamp_in("A/78/272"), None);
//! ```

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

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

/// A two-digit year of a stamp below this is of the 2000s (`26` is
/// 2026), from it of the 1900s (`95` is 1995).
const STAMP_PIVOT: u16 = 70;

/// A day; serialized as ISO `YYYY-MM-DD`, displayed as `28 July 2022`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Builds a date, checking the month and the day's range.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && (1..=31).contains(&day);
        valid.then_some(Date { year, month, day })
    }

    /// Parses `2022-07-28`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    }

    /// Finds the first date written `28 July 2022` (or `28 July, 2022`) in a text.
    pub fn find_in(text: &str) -> Option<Date> {
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        (0..words.len()).find_map(|at| full_date(words.get(at..)?))
    }

    /// Finds the first date stamped in figures, day/month/year, as UN
    /// advance copies print it at their top: `04/05/26` is 4 May 2026
    /// (`04/05/2026` too). A word of its own with three numbers: a
    /// paragraph number (`4/5`) or a symbol (`A/78/272`, `78/272`) is no
    /// date, nor is a day the month does not have (`31/04/26`).
    pub fn find_stamp_in(text: &str) -> Option<Date> {
        text.split(|c: char| c.is_whitespace() || c == ',')
            .find_map(Date::stamp)
    }

    /// One word read as a stamp `dd/mm/yy` or `dd/mm/yyyy`.
    fn stamp(word: &str) -> Option<Date> {
        let mut parts = word.split('/');
        let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
        let digits = |part: &str, lengths: &[usize]| {
            lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
        };
        if parts.next().is_some()
            || !digits(day, &[1, 2])
            || !digits(month, &[1, 2])
            || !digits(year, &[2, 4])
        {
            return None;
        }
        let year: u16 = year.parse().ok()?;
        let year = match year {
            0..STAMP_PIVOT => 2000 + year,
            STAMP_PIVOT..=99 => 1900 + year,
            _ => year,
        };
        if !(1900..=2999).contains(&year) {
            return None;
        }
        let date = Date::new(year, month.parse().ok()?, day.parse().ok()?)?;
        (date.day <= date.days_in_month()).then_some(date)
    }

    /// How many days the date's month has.
    fn days_in_month(self) -> u8 {
        match self.month {
            2 if self.year.is_multiple_of(4)
                && (!self.year.is_multiple_of(100) || self.year.is_multiple_of(400)) =>
            {
                29
            }
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// `2022-07-28`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.day, month_name(self.month), self.year)
    }
}

/// The date a text gives: one day, or the first and last day of a range
/// ("23 March – 2 April 2026": a session, a conference).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateRange {
    pub start: Date,
    /// The last day, when the text gives a range (always after `start`).
    pub end: Option<Date>,
}

/// Words that join the two ends of a range: dashes (as words of their own
/// or inside one, `14-25`) and `to`, `until`, `till`, `through`.
const RANGE_WORDS: [&str; 4] = ["to", "until", "till", "through"];
const DASHES: [char; 5] = ['-', '\u{2010}', '\u{2012}', '\u{2013}', '\u{2014}'];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

impl DateRange {
    /// One day.
    pub fn day(date: Date) -> DateRange {
        DateRange {
            start: date,
            end: None,
        }
    }

    /// The first date written out in a text, with the end of its range
    /// when it opens one: `23 March – 2 April 2026`, `23 March 2026 to
    /// 2 April 2026`, `from 24 to 26 June 2024`, `14-25 April 2025`,
    /// `29 December – 2 January 2026` (the start in the year before). The
    /// end is always a full date, day, month and year; a single date is
    /// found where [`Date::find_in`] finds it.
    pub fn find_in(text: &str) -> Option<DateRange> {
        let words = range_words(text);
        (0..words.len()).find_map(|at| {
            let rest = words.get(at..)?;
            DateRange::range_at(rest).or_else(|| full_date(rest).map(DateRange::day))
        })
    }

    /// A range that starts at the first of `words`.
    fn range_at(words: &[&str]) -> Option<DateRange> {
        let [first, second, ..] = words else {
            return None;
        };
        let day = day(first)?;
        // The start: a day, a day and a month, or a full date.
        let (month, year, next) = match (month(second), words.get(2).and_then(|w| year(w))) {
            (Some(month), Some(year)) => (Some(month), Some(year), 3),
            (Some(month), None) => (Some(month), None, 2),
            (None, _) => (None, None, 1),
        };
        let joiner = words.get(next)?;
        if !is_joiner(joiner) {
            return None;
        }
        let mut rest = words.get(next + 1..)?;
        if let Some((weekday, after)) = rest.split_first()
            && WEEKDAYS.iter().any(|w| w.eq_ignore_ascii_case(weekday))
        {
            rest = after;
        }
        let end = full_date(rest)?;
        let month = month.unwrap_or(end.month);
        let start = match year {
            Some(year) => Date::new(year, month, day)?,
            None => {
                let start = Date::new(end.year, month, day)?;
                // 29 December – 2 January 2026: December of 2025.
                if start >= end && month > end.month {
                    Date::new(end.year.checked_sub(1)?, month, day)?
                } else {
                    start
                }
            }
        };
        (start < end && start.day <= start.days_in_month()).then_some(DateRange {
            start,
            end: Some(end),
        })
    }
}

impl fmt::Display for DateRange {
    /// `28 July 2022`, `14–25 April 2025`, `23 March – 2 April 2026`,
    /// `29 December 2025 – 2 January 2026`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(end) = self.end else {
            return write!(f, "{}", self.start);
        };
        let start = self.start;
        if start.year != end.year {
            write!(f, "{start} – {end}")
        } else if start.month != end.month {
            write!(f, "{} {} – {end}", start.day, month_name(start.month))
        } else {
            write!(f, "{}–{end}", start.day)
        }
    }
}

/// The words of a text for dates: split at white space and commas, and
/// each dash a word of its own (`14-25` is `14`, `-`, `25`).
fn range_words(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || c == ',') {
        let mut start = 0;
        for (at, c) in word.char_indices() {
            if DASHES.contains(&c) {
                words.extend(word.get(start..at));
                words.extend(word.get(at..at + c.len_utf8()));
                start = at + c.len_utf8();
            }
        }
        words.extend(word.get(start..));
    }
    words.retain(|w| !w.is_empty());
    words
}

/// A dash, `to`, `until`…: what joins the two ends of a range.
fn is_joiner(word: &str) -> bool {
    let mut chars = word.chars();
    let dash = matches!((chars.next(), chars.next()), (Some(c), None) if DASHES.contains(&c));
    dash || RANGE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// A full date at the start of `words`: `28 July 2022` (the words of
/// [`Date::find_in`]).
fn full_date(words: &[&str]) -> Option<Date> {
    let [day_word, month_word, year_word, ..] = words else {
        return None;
    };
    Date::new(year(year_word)?, month(month_word)?, day(day_word)?)
}

fn day(word: &str) -> Option<u8> {
    word.parse().ok()
}

/// A month's number from its name, `July` → 7.
fn month(word: &str) -> Option<u8> {
    let position = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(word))?;
    u8::try_from(position + 1).ok()
}

fn year(word: &str) -> Option<u16> {
    let year: u16 = word.trim_end_matches('.').parse().ok()?;
    (1900..=2999).contains(&year).then_some(year)
}

fn month_name(month: u8) -> &'static str {
    MONTHS
        .get(usize::from(month).saturating_sub(1))
        .copied()
        .unwrap_or("?")
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse_iso(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("'{text}' is not a YYYY-MM-DD date")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_written_dates() {
        let date = Date::find_in("28 July 2022 ").unwrap();
        assert_eq!(date.iso(), "2022-07-28");
        assert_eq!(date.to_string(), "28 July 2022");
        assert_eq!(
            Date::find_in("on Monday, 25 July 2022 at 6.30pm")
                .unwrap()
                .iso(),
            "2022-07-25"
        );
        assert_eq!(
            Date::find_in("from 25 July to 29 July 2022"),
            Date::new(2022, 7, 29)
        );
        assert_eq!(Date::find_in("resolution 75/240"), None);
    }

    fn range(text: &str) -> Option<(String, Option<String>)> {
        DateRange::find_in(text).map(|r| (r.start.iso(), r.end.map(Date::iso)))
    }

    fn from_to(start: &str, end: &str) -> Option<(String, Option<String>)> {
        Some((start.to_string(), Some(end.to_string())))
    }

    #[test]
    fn ranges_give_their_start_and_their_end() {
        let cases = [
            ("23 March – 2 April 2026", "2026-03-23", "2026-04-02"),
            (
                "New York, 23 March–2 April 2026",
                "2026-03-23",
                "2026-04-02",
            ),
            ("from 24 to 26 June 2024", "2024-06-24", "2024-06-26"),
            ("14-25 April 2025", "2025-04-14", "2025-04-25"),
            ("14–25 April 2025", "2025-04-14", "2025-04-25"),
            ("Geneva, 14 – 25 April 2025", "2025-04-14", "2025-04-25"),
            ("from 25 July to 29 July 2022", "2022-07-25", "2022-07-29"),
            ("23 March 2026 - 2 April 2026", "2026-03-23", "2026-04-02"),
            (
                "29 December 2025 – 2 January 2026",
                "2025-12-29",
                "2026-01-02",
            ),
            // No year at the start: the year before when the month is later.
            ("29 December – 2 January 2026", "2025-12-29", "2026-01-02"),
            (
                "Monday, 25 July – Friday, 29 July 2022",
                "2022-07-25",
                "2022-07-29",
            ),
            ("11 until 15 March 2024", "2024-03-11", "2024-03-15"),
        ];
        for (text, start, end) in cases {
            assert_eq!(range(text), from_to(start, end), "{text}");
        }
    }

    #[test]
    fn a_single_date_has_no_end() {
        for (text, date) in [
            ("28 July 2022", "2022-07-28"),
            ("New York, 8 July 2024", "2024-07-08"),
            ("on Monday, 25 July 2022 at 6.30pm", "2022-07-25"),
            // A dash that joins nothing that reads as a range.
            ("2021–2025 28 July 2022", "2022-07-28"),
            ("30-2 April 2026", "2026-04-02"),
            ("31 April – 2 May 2026", "2026-05-02"),
            ("28 July 2022 – General Assembly", "2022-07-28"),
        ] {
            assert_eq!(range(text), Some((date.to_string(), None)), "{text}");
        }
        for text in ["resolution 75/240", "23 March – 2 April", "14-25 April", ""] {
            assert_eq!(range(text), None, "{text}");
        }
    }

    #[test]
    fn a_range_is_shown_as_written() {
        for text in [
            "28 July 2022",
            "14–25 April 2025",
            "23 March – 2 April 2026",
            "29 December 2025 – 2 January 2026",
        ] {
            assert_eq!(DateRange::find_in(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn stamps_are_day_month_year() {
        for (text, date) in [
            ("04/05/26", "2026-05-04"),
            ("Advance unedited version 04/05/26", "2026-05-04"),
            ("4/5/26", "2026-05-04"),
            ("21/06/2024", "2024-06-21"),
            ("29/02/24", "2024-02-29"),
            ("31/12/99", "1999-12-31"),
        ] {
            assert_eq!(
                Date::find_stamp_in(text).map(Date::iso).as_deref(),
                Some(date),
                "{text}"
            );
        }
    }

    #[test]
    fn numbers_that_are_not_stamps() {
        for text in [
            "4/5",
            "para. 4/5",
            "A/78/272",
            "78/272",
            "A/RES/77/321",
            "resolution 75/240",
            "HRC/55/1/Add.1",
            "1/2/3",
            "04/05/260",
            "004/05/26",
            "13/13/26",
            "31/04/26",
            "29/02/25",
            "00/05/26",
            "04/05/26/1",
            "04-05-26",
            "x04/05/26",
        ] {
            assert_eq!(Date::find_stamp_in(text), None, "{text}");
        }
    }

    #[test]
    fn iso_round_trips() {
        let date = Date::new(2024, 6, 21).unwrap();
        assert_eq!(Date::parse_iso(&date.iso()), Some(date));
        assert_eq!(Date::parse_iso("2024-13-01"), None);
    }
}
