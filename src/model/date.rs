//! Calendar dates as diplomats write them ("28 July 2022").

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
        words.windows(3).find_map(|w| {
            let [day, month, year] = w else {
                return None;
            };
            let day: u8 = day.parse().ok()?;
            let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))?;
            let year: u16 = year.trim_end_matches('.').parse().ok()?;
            if !(1900..=2999).contains(&year) {
                return None;
            }
            Date::new(year, month as u8 + 1, day)
        })
    }

    /// `2022-07-28`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = MONTHS
            .get(usize::from(self.month).saturating_sub(1))
            .copied()
            .unwrap_or("?");
        write!(f, "{} {} {}", self.day, month, self.year)
    }
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

    #[test]
    fn iso_round_trips() {
        let date = Date::new(2024, 6, 21).unwrap();
        assert_eq!(Date::parse_iso(&date.iso()), Some(date));
        assert_eq!(Date::parse_iso("2024-13-01"), None);
    }
}
