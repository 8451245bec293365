//! Reading one cell as the value a column needs (SPEC §6): counts, booleans, dates, handle
//! lists. Each reader says `Ok(None)` for an empty cell and `Err(())`-like `Bad` for a value
//! that cannot be read; it never guesses.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

use super::table::Cell;
use crate::domain::account::normalise_handle;

/// A cell read as a value of type `T`.
#[derive(Debug, Clone, PartialEq)]
pub enum Read<T> {
    /// The value.
    Value(T),
    /// An empty cell.
    Empty,
    /// A value that cannot be read; the raw text, for the problem list.
    Bad(String),
}

/// The cell as text, for messages.
pub fn raw(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.clone(),
        Cell::Number(n) => format_number(*n),
        Cell::Bool(b) => b.to_string(),
        Cell::DateTime(dt) => dt.format("%Y-%m-%d %H:%M:%S").to_string(),
        Cell::List(items) => items.join(";"),
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// A whole, non-negative count. `12` and `12.0` (and Excel numbers holding whole values) are
/// fine; fractions, negatives and text are not.
pub fn count(cell: &Cell) -> Read<u64> {
    match cell {
        Cell::Empty => Read::Empty,
        Cell::Number(n) => whole(*n).map_or_else(|| Read::Bad(raw(cell)), Read::Value),
        Cell::Text(s) => {
            let t = s.trim();
            if let Ok(v) = t.parse::<u64>() {
                return Read::Value(v);
            }
            // "12.0": digits, a point, zeros only.
            match t.split_once('.') {
                Some((int, frac))
                    if !int.is_empty()
                        && int.bytes().all(|b| b.is_ascii_digit())
                        && !frac.is_empty()
                        && frac.bytes().all(|b| b == b'0') =>
                {
                    int.parse::<u64>()
                        .map_or_else(|_| Read::Bad(t.to_string()), Read::Value)
                }
                _ => Read::Bad(t.to_string()),
            }
        }
        _ => Read::Bad(raw(cell)),
    }
}

fn whole(n: f64) -> Option<u64> {
    (n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n < 1.8e19).then_some(n as u64)
}

/// A boolean: true/false, yes/no, 1/0 in any case.
pub fn boolean(cell: &Cell) -> Read<bool> {
    match cell {
        Cell::Empty => Read::Empty,
        Cell::Bool(b) => Read::Value(*b),
        Cell::Number(n) if *n == 1.0 => Read::Value(true),
        Cell::Number(n) if *n == 0.0 => Read::Value(false),
        Cell::Text(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Read::Value(true),
            "false" | "no" | "0" => Read::Value(false),
            _ => Read::Bad(s.clone()),
        },
        _ => Read::Bad(raw(cell)),
    }
}

/// A calendar date in UTC: `YYYY-MM-DD`, a datetime `YYYY-MM-DDTHH:MM[:SS[.fraction]]` (or
/// with a space) with an optional `Z` or `±HH:MM` offset, counted on its UTC date, or an
/// Excel date cell. Anything else, such as `03/04/2025`, is never guessed.
pub fn date(cell: &Cell) -> Read<NaiveDate> {
    match cell {
        Cell::Empty => Read::Empty,
        Cell::DateTime(dt) => Read::Value(dt.date()),
        Cell::Text(s) => parse_date(s.trim()).map_or_else(|| Read::Bad(s.clone()), Read::Value),
        _ => Read::Bad(raw(cell)),
    }
}

/// Parses the date forms of SPEC §6, strictly.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() < 10 {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let day = NaiveDate::from_ymd_opt(
        s[0..4].parse().ok()?,
        s[5..7].parse().ok()?,
        s[8..10].parse().ok()?,
    )?;
    if b.len() == 10 {
        return Some(day);
    }
    if b[10] != b'T' && b[10] != b't' && b[10] != b' ' {
        return None;
    }
    let rest = &s[11..];
    // Split the time from its offset.
    let (time, offset_minutes) = if let Some(t) = rest.strip_suffix(['Z', 'z']) {
        (t, 0)
    } else if rest.len() > 6 && matches!(rest.as_bytes()[rest.len() - 6], b'+' | b'-') {
        let (t, off) = rest.split_at(rest.len() - 6);
        (t, parse_offset(off)?)
    } else {
        (rest, 0)
    };
    let time = parse_time(time)?;
    let local = NaiveDateTime::new(day, time);
    let utc = local.checked_sub_signed(TimeDelta::minutes(offset_minutes))?;
    Some(utc.date())
}

fn parse_time(t: &str) -> Option<NaiveTime> {
    let b = t.as_bytes();
    let two = |i: usize| -> Option<u32> {
        let d = b.get(i..i + 2)?;
        d.iter()
            .all(u8::is_ascii_digit)
            .then(|| u32::from(d[0] - b'0') * 10 + u32::from(d[1] - b'0'))
    };
    let hour = two(0)?;
    if b.get(2) != Some(&b':') {
        return None;
    }
    let minute = two(3)?;
    let mut second = 0;
    let mut nanos = 0;
    match b.len() {
        5 => {}
        n if n >= 8 && b[5] == b':' => {
            second = two(6)?;
            if n > 8 {
                let frac = t.get(9..)?;
                if b[8] != b'.' || frac.is_empty() || !frac.bytes().all(|c| c.is_ascii_digit()) {
                    return None;
                }
                let padded: String = frac.chars().chain(std::iter::repeat('0')).take(9).collect();
                nanos = padded.parse().ok()?;
            }
        }
        _ => return None,
    }
    NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
}

fn parse_offset(off: &str) -> Option<i64> {
    let b = off.as_bytes();
    if b.len() != 6 || b[3] != b':' {
        return None;
    }
    let sign = if b[0] == b'-' { -1 } else { 1 };
    let hours: i64 = off[1..3].parse().ok()?;
    let minutes: i64 = off[4..6].parse().ok()?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    Some(sign * (hours * 60 + minutes))
}

/// Text as written; an empty cell is an empty string (a value, not a gap).
pub fn text(cell: &Cell) -> String {
    raw(cell).trim().to_string()
}

/// A list of handles separated by `;`, `|` or whitespace, normalised (SPEC §2, §6).
pub fn handles(cell: &Cell) -> Vec<String> {
    let split = |s: &str| -> Vec<String> {
        s.split(|c: char| c == ';' || c == '|' || c.is_whitespace())
            .map(normalise_handle)
            .filter(|h| !h.is_empty())
            .collect()
    };
    match cell {
        Cell::List(items) => items.iter().flat_map(|s| split(s)).collect(),
        other => split(&raw(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn counts_accept_whole_numbers_only() {
        assert_eq!(count(&t("12")), Read::Value(12));
        assert_eq!(count(&t("12.0")), Read::Value(12));
        assert_eq!(count(&Cell::Number(12.0)), Read::Value(12));
        assert_eq!(count(&t("12.5")), Read::Bad("12.5".into()));
        assert_eq!(count(&t("-3")), Read::Bad("-3".into()));
        assert_eq!(count(&Cell::Number(-3.0)), Read::Bad("-3".into()));
        assert_eq!(count(&t("many")), Read::Bad("many".into()));
        assert_eq!(count(&t("1,200")), Read::Bad("1,200".into()));
        assert_eq!(count(&Cell::Empty), Read::Empty);
    }

    #[test]
    fn booleans_in_any_case() {
        for (s, v) in [
            ("TRUE", true),
            ("yes", true),
            ("1", true),
            ("No", false),
            ("0", false),
        ] {
            assert_eq!(boolean(&t(s)), Read::Value(v));
        }
        assert_eq!(boolean(&Cell::Bool(true)), Read::Value(true));
        assert_eq!(boolean(&t("maybe")), Read::Bad("maybe".into()));
    }

    #[test]
    fn dates_and_datetimes_count_on_their_utc_date() {
        assert_eq!(parse_date("2026-10-12"), Some(d("2026-10-12")));
        assert_eq!(
            parse_date("2022-09-03T23:10:00+02:00"),
            Some(d("2022-09-03"))
        );
        assert_eq!(
            parse_date("2022-09-03T23:10:00-02:00"),
            Some(d("2022-09-04"))
        );
        assert_eq!(parse_date("2022-09-03 01:10+02:00"), Some(d("2022-09-02")));
        assert_eq!(parse_date("2022-09-03T23:10:00Z"), Some(d("2022-09-03")));
        assert_eq!(
            parse_date("2022-09-03T23:10:00.123456"),
            Some(d("2022-09-03"))
        );
        assert_eq!(parse_date("2022-09-03T23:10"), Some(d("2022-09-03")));
    }

    #[test]
    fn ambiguous_or_broken_dates_are_never_guessed() {
        for s in [
            "03/04/2025",
            "2026-13-01",
            "2026-02-30",
            "2026-1-5",
            "20261005",
            "2026-10-05T25:00",
            "2026-10-05T10",
            "2026-10-05T10:00:00+2",
            "2026-10-05x",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
        assert_eq!(date(&Cell::Number(45000.0)), Read::Bad("45000".into()));
    }

    #[test]
    fn excel_date_cells_are_dates() {
        let dt = d("2026-10-12").and_hms_opt(0, 0, 0).unwrap();
        assert_eq!(date(&Cell::DateTime(dt)), Read::Value(d("2026-10-12")));
    }

    #[test]
    fn handle_lists_split_on_semicolon_bar_and_space() {
        assert_eq!(
            handles(&t("@Chef.Nadia;bistro_lyon | foodmag  other")),
            ["chef.nadia", "bistro_lyon", "foodmag", "other"]
        );
        assert!(handles(&Cell::Empty).is_empty());
        assert_eq!(
            handles(&Cell::List(vec!["@A".into(), "b".into()])),
            ["a", "b"]
        );
    }
}
