//! A calendar date without a time zone (hire dates, review dates) and millisecond timestamps for
//! the change log. Kept here rather than pulling a date crate: we need parsing of the formats HR
//! exports use, ISO formatting and day arithmetic, nothing more.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A valid Gregorian calendar date.
// In TypeScript an ISO string, named so as not to shadow JavaScript's `Date`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "IsoDate", type = "string"))]
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// Returns `None` when the date does not exist (31 April, 29 February 2023, month 13…).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month: month as u8, day: day as u8 })
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u32 {
        self.month as u32
    }
    pub fn day(self) -> u32 {
        self.day as u32
    }

    /// Parses the formats found in HR exports: ISO `2021-03-04` (also `2021/03/04`), and
    /// day-first `4/3/2021`, `04-03-2021`, `04.03.2021` (European order, as in Belgium).
    /// A two-digit year is refused: it is ambiguous.
    pub fn parse_flexible(s: &str) -> Option<Date> {
        let s = s.trim();
        // An ISO timestamp such as `2021-03-04T00:00:00` keeps only its date.
        let s = s.split(['T', ' ']).next().unwrap_or(s);
        let sep = s.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
        let parts: Vec<&str> = s.split(sep).collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let num = |p: &str| p.parse::<u32>().ok();
        if parts[0].len() == 4 {
            Date::new(num(parts[0])? as i32, num(parts[1])?, num(parts[2])?)
        } else if parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
            Date::new(num(parts[2])? as i32, num(parts[1])?, num(parts[0])?)
        } else {
            None
        }
    }

    /// Parses strict ISO `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(s[0..4].parse().ok()?, s[5..7].parse().ok()?, s[8..10].parse().ok()?)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        days_from_civil(self.year as i64, self.month as i64, self.day as i64)
    }

    pub fn from_days(days: i64) -> Option<Date> {
        let (y, m, d) = civil_from_days(days);
        Date::new(i32::try_from(y).ok()?, m as u32, d as u32)
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

// Howard Hinnant's civil calendar algorithms (public domain), rewritten for i64.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not an ISO date (YYYY-MM-DD): {s:?}")))
    }
}

/// Milliseconds since the Unix epoch, UTC. Passed into the engine, never read from the clock there.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// The current time; for binaries and adapters only, never called inside the engine.
    pub fn now() -> Timestamp {
        let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        Timestamp(d.as_millis() as i64)
    }
}

impl fmt::Display for Timestamp {
    /// ISO 8601 in UTC, to the second: `2026-11-28T09:30:00Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.0.div_euclid(1000);
        let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
        let (y, m, d) = civil_from_days(days);
        write!(f, "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem / 60 % 60, rem % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_formats_of_hr_exports() {
        let d = Date::new(2011, 8, 21).unwrap();
        for s in [
            "2011-08-21",
            "21/08/2011",
            "21-08-2011",
            "21.08.2011",
            "21/8/2011",
            "2011/08/21",
            "2011-08-21T00:00:00",
        ] {
            assert_eq!(Date::parse_flexible(s), Some(d), "{s}");
        }
        for s in ["", "31/04/2011", "29/02/2023", "11/08/21", "2011-13-01", "abc", "1/2/3/4", "0/1/2000"] {
            assert_eq!(Date::parse_flexible(s), None, "{s:?} must be refused");
        }
        assert_eq!(Date::parse_flexible("29/02/2024"), Date::new(2024, 2, 29));
    }

    #[test]
    fn days_round_trip() {
        for days in [-700_000, -1, 0, 1, 19_000, 2_000_000] {
            let date = Date::from_days(days).unwrap();
            assert_eq!(date.to_days(), days, "{date}");
        }
        assert_eq!(Timestamp(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(Timestamp(1_795_858_200_000).to_string(), "2026-11-28T09:30:00Z");
    }
}
