//! ISO weeks: the unit a supplier's scorecard and a routing window belong to (SPEC §3, §4).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// An ISO 8601 week, such as `2026-W48`.
///
/// Ordering follows time, so a `BTreeMap<Week, _>` iterates weeks in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Week {
    /// The ISO week-numbering year (which can differ from the calendar year near New Year).
    pub year: i32,
    /// The week number, 1 to 53.
    pub week: u32,
}

impl Week {
    /// The ISO week a date falls in.
    pub fn of(date: NaiveDate) -> Week {
        let iso = date.iso_week();
        Week {
            year: iso.year(),
            week: iso.week(),
        }
    }

    /// A compact sortable number (`202648`), used as a database key.
    pub fn key(self) -> u32 {
        // ISO years in supplier data are positive; clamp defensively rather than wrap.
        (self.year.max(0) as u32) * 100 + self.week
    }

    /// The inverse of [`Week::key`].
    pub fn from_key(key: u32) -> Week {
        Week {
            year: (key / 100) as i32,
            week: key % 100,
        }
    }

    /// The Monday that starts this week, if the week exists.
    pub fn monday(self) -> Option<NaiveDate> {
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Mon)
    }
}

impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-W{:02}", self.year, self.week)
    }
}

/// Why a week label could not be read.
#[derive(Debug, thiserror::Error)]
#[error("“{0}” is not an ISO week; write it like 2026-W48")]
pub struct WeekParseError(String);

impl FromStr for Week {
    type Err = WeekParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || WeekParseError(s.to_string());
        let (year, week) = s.trim().split_once(['-', 'W', 'w']).ok_or_else(err)?;
        let week = week.trim_start_matches(['W', 'w']);
        let year: i32 = year.parse().map_err(|_| err())?;
        let week: u32 = week.parse().map_err(|_| err())?;
        let parsed = Week { year, week };
        // Reject week 53 in years that have only 52, and week 0.
        parsed.monday().ok_or_else(err)?;
        Ok(parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn iso_week_of_dates_across_new_year() {
        assert_eq!(Week::of(d("2026-10-12")).to_string(), "2026-W42");
        assert_eq!(Week::of(d("2027-01-01")).to_string(), "2026-W53");
        assert_eq!(Week::of(d("2024-12-30")).to_string(), "2025-W01");
    }

    #[test]
    fn parses_and_round_trips() {
        let w: Week = "2026-W48".parse().unwrap();
        assert_eq!(
            w,
            Week {
                year: 2026,
                week: 48
            }
        );
        assert_eq!(Week::from_key(w.key()), w);
        assert!("2025-W53".parse::<Week>().is_err());
        assert!("2026-48x".parse::<Week>().is_err());
        assert!("week 4".parse::<Week>().is_err());
    }
}
