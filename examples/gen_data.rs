//! Deterministic benchmark data from `supply_desk::synth`: supplier dumps (CSV, JSON Lines or
//! XLSX), orders, delivery reports and retention checks. The same arguments always give the
//! same bytes, so a figure measured on them can be reproduced anywhere.
//!
//! `cargo run --release --example gen_data` prints the usage. The orders, deliveries and checks
//! of one `N` and seed describe the same orders, so they import one after another.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use supply_desk::synth::{
    BENCH_AS_OF, BENCH_PLATFORMS, DUMP_COLUMNS, DumpSpec, DumpValue, MAX_CHECKS_PER_ORDER, Profile,
    bench_orders, dump_rows, write_checks, write_deliveries, write_dump, write_dump_jsonl,
    write_orders,
};

const USAGE: &str = "\
usage: gen_data dump ROWS OUT [--format csv|jsonl|xlsx] [--seed N] [--supplier NAME] [--as-of YYYY-MM-DD]
       gen_data orders N OUT [--seed N]
       gen_data deliveries ORDERS_N OUT [--seed N]
       gen_data checks ORDERS_N CHECKS_PER_ORDER OUT [--seed N]

  dump        a supplier's weekly dump of ROWS accounts on instagram, tiktok and youtube,
              8 % of them failing one criterion. Defaults: supplier \"Bench Supply\",
              as-of 2026-10-12, seed 1, format from OUT's extension (.jsonl, .xlsx), else CSV.
  orders      N orders placed over the 8 weeks before 2026-10-12, ids B0000001 upward.
  deliveries  the delivery report of the same orders (same N and seed): 1-5 days after
              placement, the quantity or up to 2 % more.
  checks      CHECKS_PER_ORDER (1-31) retention checks per order of the same orders, on
              distinct days 0-30 after delivery; about 5 % of orders drop below 95 %, so
              importing them creates refills.
  The seed defaults to 1 everywhere.";

/// The most data rows a worksheet holds (Excel's 1,048,576 rows, less the header).
const XLSX_MAX_ROWS: usize = 1_048_575;

/// Why the program stops.
enum Failure {
    /// The command line is wrong: say why, show the usage, exit 2.
    Usage(String),
    /// Generating or writing failed: say why, exit 1.
    Run(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Failure {
        Failure::Run(e)
    }
}

fn usage(message: impl Into<String>) -> Failure {
    Failure::Usage(message.into())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if matches!(
        args.first().map(String::as_str),
        Some("-h" | "--help" | "help")
    ) {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("gen_data: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Run(e)) => {
            eprintln!("gen_data: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The command line split into positional arguments and `--name value` options.
struct Args {
    positional: Vec<String>,
    format: Option<String>,
    seed: u64,
    supplier: Option<String>,
    as_of: Option<NaiveDate>,
}

impl Args {
    /// Splits `args` (after the subcommand); `dump_options` allows the options only a dump
    /// takes.
    fn parse(args: &[String], dump_options: bool) -> Result<Args, Failure> {
        let mut parsed = Args {
            positional: Vec::new(),
            format: None,
            seed: 1,
            supplier: None,
            as_of: None,
        };
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let Some(name) = arg.strip_prefix("--") else {
                parsed.positional.push(arg.clone());
                continue;
            };
            let (name, inline) = match name.split_once('=') {
                Some((name, value)) => (name, Some(value.to_string())),
                None => (name, None),
            };
            if !dump_options && name != "seed" {
                return Err(usage(format!("--{name} is not an option of this command")));
            }
            let value = match inline.or_else(|| rest.next().cloned()) {
                Some(value) => value,
                None => return Err(usage(format!("--{name} needs a value"))),
            };
            match name {
                "seed" => parsed.seed = number(&value, "--seed")?,
                "format" => parsed.format = Some(value),
                "supplier" if value.trim().is_empty() => {
                    return Err(usage("--supplier needs a name"));
                }
                "supplier" => parsed.supplier = Some(value),
                "as-of" => {
                    parsed.as_of =
                        Some(NaiveDate::parse_from_str(&value, "%Y-%m-%d").map_err(|_| {
                            usage(format!("--as-of takes a date YYYY-MM-DD, not “{value}”"))
                        })?);
                }
                other => return Err(usage(format!("unknown option --{other}"))),
            }
        }
        Ok(parsed)
    }

    /// The positional arguments, when there are exactly `N` of them.
    fn exactly<const N: usize>(&self, command: &str) -> Result<&[String; N], Failure> {
        <&[String; N]>::try_from(self.positional.as_slice()).map_err(|_| {
            usage(format!(
                "{command} takes {N} arguments, not {}",
                self.positional.len()
            ))
        })
    }
}

fn number<T: std::str::FromStr>(text: &str, what: &str) -> Result<T, Failure> {
    text.replace('_', "")
        .parse()
        .map_err(|_| usage(format!("{what} must be a whole number, not “{text}”")))
}

fn run(args: &[String]) -> Result<(), Failure> {
    let (command, rest) = args
        .split_first()
        .ok_or_else(|| usage("a command is needed"))?;
    match command.as_str() {
        "dump" => dump(&Args::parse(rest, true)?),
        "orders" | "deliveries" => {
            let args = Args::parse(rest, false)?;
            let [n, out] = args.exactly::<2>(command)?;
            let orders = bench_orders(number(n, "N")?, args.seed);
            Ok(write_text(out, |file| {
                if command == "orders" {
                    write_orders(orders.iter().map(|o| &o.order), file)
                } else {
                    write_deliveries(&orders, file)
                }
            })?)
        }
        "checks" => {
            let args = Args::parse(rest, false)?;
            let [n, per_order, out] = args.exactly::<3>(command)?;
            let per_order: usize = number(per_order, "CHECKS_PER_ORDER")?;
            if !(1..=MAX_CHECKS_PER_ORDER).contains(&per_order) {
                return Err(usage(format!(
                    "CHECKS_PER_ORDER must be 1 to {MAX_CHECKS_PER_ORDER} (distinct days 0-30 after delivery), not {per_order}"
                )));
            }
            let orders = bench_orders(number(n, "ORDERS_N")?, args.seed);
            Ok(write_text(out, |file| {
                write_checks(&orders, per_order, file)
            })?)
        }
        other => Err(usage(format!("unknown command “{other}”"))),
    }
}

/// The file formats a dump can be written in.
#[derive(Clone, Copy, PartialEq)]
enum DumpFormat {
    Csv,
    JsonLines,
    Xlsx,
}

fn dump(args: &Args) -> Result<(), Failure> {
    let [rows, out] = args.exactly::<2>("dump")?;
    let rows: usize = number(rows, "ROWS")?;
    let format = match args.format.as_deref() {
        Some("csv") => DumpFormat::Csv,
        Some("jsonl") => DumpFormat::JsonLines,
        Some("xlsx") => DumpFormat::Xlsx,
        Some(other) => {
            return Err(usage(format!(
                "--format is csv, jsonl or xlsx, not “{other}”"
            )));
        }
        None => match Path::new(out).extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson") => {
                DumpFormat::JsonLines
            }
            Some(e) if e.eq_ignore_ascii_case("xlsx") => DumpFormat::Xlsx,
            _ => DumpFormat::Csv,
        },
    };
    if format == DumpFormat::Xlsx && rows > XLSX_MAX_ROWS {
        return Err(usage(format!(
            "an XLSX sheet holds at most {XLSX_MAX_ROWS} rows under its header, not {rows}"
        )));
    }
    let spec = DumpSpec {
        supplier: args.supplier.as_deref().unwrap_or("Bench Supply"),
        as_of: args.as_of.unwrap_or(BENCH_AS_OF),
        accounts: rows,
        platforms: BENCH_PLATFORMS,
        profile: Profile {
            failure: 0.08,
            balance: 0.1,
        },
        seed: args.seed,
    };
    match format {
        DumpFormat::Csv => Ok(write_text(out, |file| write_dump(&spec, file))?),
        DumpFormat::JsonLines => Ok(write_text(out, |file| write_dump_jsonl(&spec, file))?),
        DumpFormat::Xlsx => {
            write_xlsx(&spec, out).with_context(|| format!("could not write {out}"))?;
            Ok(())
        }
    }
}

/// Creates `out` and streams text into it through a buffer.
fn write_text(
    out: &str,
    write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let file = File::create(out).with_context(|| format!("could not create {out}"))?;
    let mut file = BufWriter::with_capacity(1 << 16, file);
    write(&mut file)
        .and_then(|()| file.flush())
        .with_context(|| format!("could not write {out}"))
}

/// Writes a dump as the first sheet of a workbook: the header row, then one row per account.
/// Counts are number cells, booleans boolean cells and dates Excel date cells shown as
/// `yyyy-mm-dd`, as a spreadsheet export would have them; empty text and absent dates are
/// left as no cell at all. The workbook is built in memory (rust_xlsxwriter's constant-memory
/// mode needs its `constant_memory` feature); 100,000 rows take a few hundred megabytes.
fn write_xlsx(spec: &DumpSpec<'_>, out: &str) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = workbook.add_worksheet();
    for (col, name) in (0u16..).zip(DUMP_COLUMNS) {
        sheet.write_string(0, col, name)?;
    }
    for (row, account) in (1u32..).zip(dump_rows(spec)) {
        for (col, value) in (0u16..).zip(account.values()) {
            match value {
                DumpValue::Text("") | DumpValue::NoDate => {}
                DumpValue::Text(text) => {
                    sheet.write_string(row, col, text)?;
                }
                DumpValue::Count(n) => {
                    sheet.write_number(row, col, n as f64)?;
                }
                DumpValue::Flag(flag) => {
                    sheet.write_boolean(row, col, flag)?;
                }
                DumpValue::Date(date) => {
                    sheet.write_datetime_with_format(row, col, excel_date(date)?, &date_format)?;
                }
            }
        }
    }
    workbook.save(out)
}

fn excel_date(date: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    // Excel dates start in 1900; a year that does not fit is refused by `from_ymd` itself.
    let year = u16::try_from(date.year()).unwrap_or(0);
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8)
}

#[cfg(test)]
mod tests {
    use supply_desk::domain::account::AccountRecord;

    use super::*;

    fn accounts(path: &Path) -> Vec<(String, AccountRecord)> {
        supply_desk::synth::read_dump(path, BENCH_AS_OF).unwrap()
    }

    /// The workbook reads as the same accounts as the CSV: number, boolean and date cells
    /// are the same values as their CSV text, and a missing cell is an empty one.
    #[test]
    fn xlsx_reads_as_the_same_accounts_as_csv() {
        let dir = tempfile::tempdir().unwrap();
        let spec = DumpSpec {
            supplier: "Bench Supply",
            as_of: BENCH_AS_OF,
            accounts: 300,
            platforms: BENCH_PLATFORMS,
            profile: Profile {
                failure: 0.5,
                balance: 0.1,
            },
            seed: 1,
        };
        let csv = dir.path().join("d.csv");
        let xlsx = dir.path().join("d.xlsx");
        write_text(csv.to_str().unwrap(), |f| write_dump(&spec, f)).unwrap();
        write_xlsx(&spec, xlsx.to_str().unwrap()).unwrap();
        let from_csv = accounts(&csv);
        assert_eq!(from_csv.len(), 300);
        assert_eq!(from_csv, accounts(&xlsx));
    }
}
