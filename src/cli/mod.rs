//! The headless command line (SPEC §8): the same operations as the app, for automation and
//! tests. Data goes to standard output; progress, problems and refusals to standard error.

pub mod listings;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::domain::scorecard::percent;
use crate::domain::week::Week;
use crate::import::{ImportOptions, Silent, file_name};
use crate::listing::ListFormat;
use crate::ops::{self, ImportRequest, OpError};
use crate::store::Store;

/// Supply Desk: holds follower suppliers to the published definition of a real, active
/// account. Without a command, it opens the desktop app.
#[derive(Debug, Parser)]
#[command(name = "supply-desk", version, about)]
pub struct Cli {
    /// Database file (default: supply-desk.redb in your data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// What to do; none opens the app.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands of SPEC §8.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import files (supplier dumps, orders, delivery reports, retention checks) in the
    /// order given, each in its own transaction.
    Import {
        /// Files to import: CSV, JSON, JSON Lines or XLSX.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Supplier of a dump that has no supplier column.
        #[arg(long, value_name = "NAME")]
        supplier: Option<String>,
        /// Snapshot date of a dump that has no as_of column.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Import a file even if the same content was imported before.
        #[arg(long)]
        force: bool,
        /// Replace a supplier's scorecard for a week it already has.
        #[arg(long)]
        replace: bool,
    },
    /// Re-score a supplier's week against today's rubric and known accounts.
    Rescore {
        /// Supplier name.
        #[arg(long)]
        supplier: String,
        /// ISO week, such as 2026-W48.
        #[arg(long, value_parser = parse_week)]
        week: Week,
    },
    /// One row per account.
    Accounts {
        /// Only this supplier.
        #[arg(long)]
        supplier: Option<String>,
        /// Only this ISO week, such as 2026-W48.
        #[arg(long, value_parser = parse_week)]
        week: Option<Week>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: ListFormat,
    },
    /// One row per supplier and week.
    Scorecards {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: ListFormat,
    },
    /// One row per order, refills included; or one order's routing explanation.
    Orders {
        /// Explain one order: candidates, scores, window shares, winner, and why each other
        /// supplier was passed over; its deliveries, checks and refills.
        #[arg(long, value_name = "ORDER_ID")]
        explain: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: ListFormat,
    },
    /// Release a held order to a supplier by hand (recorded in the audit log).
    Release {
        /// The held order.
        order_id: String,
        /// The supplier to give it to.
        #[arg(long = "to", value_name = "SUPPLIER")]
        supplier: String,
        /// Why, for the audit log.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Fill an empty database with demo data: eight weeks of five suppliers, orders,
    /// deliveries and retention checks.
    Demo,
    /// The audit log: imports, standing changes, routing, holds, releases, refills.
    Audit {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: ListFormat,
    },
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::import::values::parse_date(s)
        .ok_or_else(|| format!("“{s}” is not a date; write it as YYYY-MM-DD"))
}

fn parse_week(s: &str) -> Result<Week, String> {
    s.parse::<Week>().map_err(|e| e.to_string())
}

/// The database used when `--db` is not given: `supply-desk.redb` in the user's data folder.
pub fn default_db_path() -> anyhow::Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "Supply Desk")
        .context("could not find your data folder; pass --db PATH")?;
    Ok(dirs.data_dir().join("supply-desk.redb"))
}

/// Runs a headless command.
pub fn run(db: Option<PathBuf>, command: Command) -> anyhow::Result<ExitCode> {
    let path = match db {
        Some(p) => p,
        None => default_db_path()?,
    };
    let store = Store::open(&path)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match command {
        Command::Import {
            files,
            supplier,
            as_of,
            force,
            replace,
        } => {
            let options = ImportOptions { supplier, as_of };
            let request = ImportRequest { force, replace };
            return import(&store, &files, &options, request, &mut out);
        }
        Command::Rescore { supplier, week } => {
            let card = ops::rescore(&store, &supplier, week).map_err(op_error)?;
            writeln!(
                out,
                "Re-scored {supplier} {week}: {} of {} accounts eligible ({}), quality {:.1}, standing {}.",
                card.eligible,
                card.accounts,
                percent(card.eligible_share()),
                card.quality,
                card.standing.as_str()
            )?;
        }
        Command::Accounts {
            supplier,
            week,
            format,
        } => listings::accounts(&store, supplier.as_deref(), week, format, &mut out)?,
        Command::Scorecards { format } => listings::scorecards(&store, format, &mut out)?,
        Command::Orders {
            explain: Some(id), ..
        } => listings::explain_order(&store, &id, &mut out)?,
        Command::Orders { format, .. } => listings::orders(&store, format, &mut out)?,
        Command::Release {
            order_id,
            supplier,
            note,
        } => {
            ops::release(&store, &order_id, &supplier, &note).map_err(op_error)?;
            writeln!(out, "Order {order_id} released to {supplier}.")?;
        }
        Command::Audit { format } => listings::audit(&store, format, &mut out)?,
        Command::Demo => {
            let summary = ops::demo::fill(&store, &Silent).map_err(op_error)?;
            writeln!(
                out,
                "Demo data imported: {} files over {} weeks into {}.",
                summary.files,
                summary.weeks,
                store.path().display()
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Turns an operation error into a message for the terminal.
fn op_error(e: OpError) -> anyhow::Error {
    anyhow::anyhow!(e.to_string())
}

fn import(
    store: &Store,
    files: &[PathBuf],
    options: &ImportOptions,
    request: ImportRequest,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let mut rejected = 0;
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for path in files {
        let name = file_name(path);
        match ops::import_file(store, path, options, request, &Silent) {
            Ok((preview, summary)) => {
                write!(
                    out,
                    "Imported {name} ({}, {}): {} rows, {} stored",
                    preview.format, summary.kind, summary.rows, summary.stored
                )?;
                if summary.left_out > 0 {
                    write!(out, ", {} left out", summary.left_out)?;
                }
                writeln!(out, ".")?;
                if let Some(card) = &summary.scorecard {
                    writeln!(
                        out,
                        "  {} {}: {} of {} accounts eligible ({}), quality {:.1}, retention {}, composite {:.1}, standing {}{}.",
                        card.supplier,
                        card.week,
                        card.eligible,
                        card.accounts,
                        percent(card.eligible_share()),
                        card.quality,
                        card.retention
                            .map_or_else(|| "unknown".to_string(), percent),
                        card.composite,
                        card.standing.as_str(),
                        if summary.replaced {
                            " (replaced the earlier dump)"
                        } else {
                            ""
                        }
                    )?;
                    if !card.flags_provided {
                        writeln!(out, "  Flags not provided: D2 was not applied.")?;
                    }
                }
                if summary.unchanged > 0 {
                    writeln!(
                        out,
                        "  {} row(s) were already recorded and changed nothing.",
                        summary.unchanged
                    )?;
                }
                for line in summary.standing_changes.iter().chain(&summary.refills) {
                    writeln!(out, "  {line}")?;
                }
                report_problems(&mut err, &name, &preview.problems, &summary.db_problems)?;
            }
            Err(OpError::Rejected(why)) => {
                rejected += 1;
                writeln!(err, "Rejected {name}: {why}")?;
            }
            Err(e) => {
                rejected += 1;
                writeln!(err, "Rejected {name}: {e}")?;
            }
        }
    }
    // Routing runs once at the end of the import action (SPEC §4).
    let report = ops::route(store).map_err(op_error)?;
    if !report.routed.is_empty() || !report.held.is_empty() {
        writeln!(
            out,
            "Routing: {} order(s) routed, {} held.",
            report.routed.len(),
            report.held.len()
        )?;
        for (id, reason) in report.held.iter().take(20) {
            writeln!(out, "  {id} held: {reason}")?;
        }
        if report.held.len() > 20 {
            writeln!(out, "  … and {} more held", report.held.len() - 20)?;
        }
    }
    Ok(if rejected > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn report_problems(
    err: &mut impl Write,
    name: &str,
    problems: &crate::import::Problems,
    db_problems: &[crate::import::Problem],
) -> std::io::Result<()> {
    const SHOWN: usize = 20;
    let count = problems.count + db_problems.len() as u64;
    if count == 0 {
        return Ok(());
    }
    writeln!(err, "{name}: {count} problem(s):")?;
    for p in problems.list.iter().chain(db_problems).take(SHOWN) {
        writeln!(err, "  {p}")?;
    }
    if count > SHOWN as u64 {
        writeln!(err, "  … and {} more", count - SHOWN as u64)?;
    }
    Ok(())
}
