//! The listings of SPEC §8: fixed columns, fixed number formats, CSV or JSON, streamed row by
//! row so a million accounts never sit in memory.

use std::io::Write;

/// Output format of a listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ListFormat {
    /// A header row, then rows.
    #[default]
    Csv,
    /// An array of objects with the same keys.
    Json,
    /// CSV made safe to open in a spreadsheet (the app's exports, SPEC §7): text cells that
    /// a spreadsheet would run as a formula are neutralised. Not offered on the command
    /// line, which prints data as it is (SPEC §8).
    #[value(skip)]
    SpreadsheetCsv,
}

/// Neutralises a text cell that a spreadsheet would run as a formula (one starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return) by prefixing an apostrophe. Numbers
/// such as `-3` are left alone.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// One cell of a listing.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A whole number.
    Int(u64),
    /// A number shown with this many decimals (halves away from zero).
    Num(f64, u32),
    /// `true` / `false`.
    Bool(bool),
    /// Nothing: empty in CSV, `null` in JSON.
    Null,
}

impl Value {
    /// Text, or `Null` when empty (SPEC §8: "empty as null").
    pub fn text(s: impl Into<String>) -> Value {
        let s = s.into();
        if s.is_empty() {
            Value::Null
        } else {
            Value::Text(s)
        }
    }
}

/// Rounds half away from zero to `decimals` places (SPEC §8).
pub fn round(x: f64, decimals: u32) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    // Scale via a string of the exact decimal expansion would be slower; nudging by a few
    // ulps keeps values such as 0.125 (stored as 0.12499…) rounding the way people expect.
    let scaled = x * scale;
    let nudged = scaled + scaled.signum() * scaled.abs() * f64::EPSILON * 4.0;
    nudged.round() / scale
}

/// Formats a number with fixed decimals, rounding half away from zero.
pub fn fixed(x: f64, decimals: u32) -> String {
    format!("{:.*}", decimals as usize, round(x, decimals))
}

/// Writes a listing one row at a time.
pub struct ListingWriter<W: Write> {
    sink: Sink<W>,
    columns: &'static [&'static str],
    rows: u64,
}

enum Sink<W: Write> {
    Csv(Box<csv::Writer<W>>, bool),
    Json(W),
}

impl<W: Write> ListingWriter<W> {
    /// Starts a listing with its header.
    pub fn new(
        out: W,
        format: ListFormat,
        columns: &'static [&'static str],
    ) -> std::io::Result<Self> {
        let sink = match format {
            ListFormat::Csv | ListFormat::SpreadsheetCsv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(columns).map_err(io_error)?;
                Sink::Csv(Box::new(w), format == ListFormat::SpreadsheetCsv)
            }
            ListFormat::Json => {
                let mut out = out;
                out.write_all(b"[")?;
                Sink::Json(out)
            }
        };
        Ok(ListingWriter {
            sink,
            columns,
            rows: 0,
        })
    }

    /// Writes one row; `values` follow the columns' order.
    pub fn row(&mut self, values: &[Value]) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Csv(w, safe) => {
                let mut write = || -> csv::Result<()> {
                    for v in values {
                        match v {
                            Value::Text(s) if *safe => {
                                w.write_field(spreadsheet_safe(s).as_bytes())?
                            }
                            Value::Text(s) => w.write_field(s)?,
                            Value::Int(n) => w.write_field(n.to_string())?,
                            Value::Num(x, d) => w.write_field(fixed(*x, *d))?,
                            Value::Bool(b) => w.write_field(b.to_string())?,
                            Value::Null => w.write_field("")?,
                        }
                    }
                    w.write_record(None::<&[u8]>)
                };
                write().map_err(io_error)?;
            }
            Sink::Json(out) => {
                out.write_all(if self.rows == 0 { b"\n{" } else { b",\n{" })?;
                // Keys in column order, written by hand: serde_json's map would sort them.
                for (i, (key, v)) in self.columns.iter().zip(values).enumerate() {
                    if i > 0 {
                        out.write_all(b",")?;
                    }
                    serde_json::to_writer(&mut *out, key)?;
                    out.write_all(b":")?;
                    match v {
                        Value::Text(s) => serde_json::to_writer(&mut *out, s)?,
                        Value::Int(n) => write!(out, "{n}")?,
                        Value::Num(x, d) if x.is_finite() => {
                            out.write_all(fixed(*x, *d).as_bytes())?
                        }
                        Value::Bool(b) => write!(out, "{b}")?,
                        Value::Num(..) | Value::Null => out.write_all(b"null")?,
                    }
                }
                out.write_all(b"}")?;
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Ends the listing and hands the writer back.
    pub fn finish(self) -> std::io::Result<W> {
        match self.sink {
            Sink::Csv(w, _) => w.into_inner().map_err(|e| e.into_error()),
            Sink::Json(mut out) => {
                out.write_all(if self.rows == 0 { b"]\n" } else { b"\n]\n" })?;
                out.flush()?;
                Ok(out)
            }
        }
    }
}

/// A CSV writer's error as the I/O error it is, keeping its kind: a reader that went away
/// (`supply-desk accounts | head`) stays a closed pipe rather than an unknown failure.
fn io_error(e: csv::Error) -> std::io::Error {
    if !e.is_io_error() {
        return std::io::Error::other(e);
    }
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_round_away_from_zero() {
        assert_eq!(fixed(63.25, 1), "63.3");
        assert_eq!(fixed(0.125, 2), "0.13");
        assert_eq!(fixed(0.00005, 4), "0.0001");
        assert_eq!(fixed(-2.5, 0), "-3");
        assert_eq!(fixed(99.96, 1), "100.0");
        assert_eq!(fixed(0.0, 1), "0.0");
    }

    #[test]
    fn spreadsheet_csv_neutralises_formulas() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("+1+1"), "'+1+1");
        assert_eq!(spreadsheet_safe("-3"), "-3");
        assert_eq!(spreadsheet_safe("plain"), "plain");
        const COLS: &[&str] = &["a"];
        let mut w = ListingWriter::new(Vec::new(), ListFormat::SpreadsheetCsv, COLS).unwrap();
        w.row(&[Value::text("=1+2")]).unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(out, "a\n'=1+2\n");
    }

    #[test]
    fn csv_and_json_listings() {
        const COLS: &[&str] = &["name", "n", "share", "ok", "note"];
        let row = [
            Value::text("a,b"),
            Value::Int(3),
            Value::Num(0.12345, 4),
            Value::Bool(true),
            Value::text(""),
        ];
        let mut w = ListingWriter::new(Vec::new(), ListFormat::Csv, COLS).unwrap();
        w.row(&row).unwrap();
        let csv = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(csv, "name,n,share,ok,note\n\"a,b\",3,0.1235,true,\n");
        let mut w = ListingWriter::new(Vec::new(), ListFormat::Json, COLS).unwrap();
        w.row(&row).unwrap();
        let json = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            json,
            "[\n{\"name\":\"a,b\",\"n\":3,\"share\":0.1235,\"ok\":true,\"note\":null}\n]\n"
        );
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed[0]["share"], 0.1235);
        let empty = ListingWriter::new(Vec::new(), ListFormat::Json, COLS).unwrap();
        assert_eq!(String::from_utf8(empty.finish().unwrap()).unwrap(), "[]\n");
    }
}
