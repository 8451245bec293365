//! Exports from the app: tables to spreadsheet-safe CSV (SPEC §7), written on a background
//! thread after the reviewer picks a file.

use std::sync::Arc;

use crate::app::ExportJob;
use crate::cli::listings;
use crate::domain::week::Week;
use crate::listing::ListFormat;
use crate::store::Store;

fn csv_job(
    what: &str,
    file_name: &str,
    produce: impl Fn(&Store, &mut Vec<u8>) -> anyhow::Result<()> + Send + Sync + 'static,
) -> ExportJob {
    ExportJob {
        what: what.to_string(),
        file_name: file_name.to_string(),
        filter: ("CSV".into(), vec!["csv".into()]),
        produce: Arc::new(move |store| {
            let mut buf = Vec::new();
            produce(store, &mut buf).map_err(|e| format!("{e:#}"))?;
            Ok(buf)
        }),
    }
}

/// The audit log as CSV.
pub fn audit_export() -> ExportJob {
    csv_job("audit log", "audit-log.csv", |store, out| {
        listings::audit(store, ListFormat::SpreadsheetCsv, out)
    })
}

/// Every scorecard as CSV (the columns of `supply-desk scorecards`).
pub fn scorecards_export() -> ExportJob {
    csv_job("scorecards", "scorecards.csv", |store, out| {
        listings::scorecards(store, ListFormat::SpreadsheetCsv, out)
    })
}

/// Every order as CSV (the columns of `supply-desk orders`).
pub fn orders_export() -> ExportJob {
    csv_job("orders", "orders.csv", |store, out| {
        listings::orders(store, ListFormat::SpreadsheetCsv, out)
    })
}

/// The weekly review report of a week (the latest when `None`), as one HTML file.
pub fn report_export(week: Option<Week>) -> ExportJob {
    let name = week.map_or_else(
        || "weekly-review.html".to_string(),
        |w| format!("weekly-review-{w}.html"),
    );
    ExportJob {
        what: "weekly review report".into(),
        file_name: name,
        filter: ("HTML page".into(), vec!["html".into()]),
        produce: Arc::new(move |store| {
            crate::report::weekly_html(store, week).map(String::into_bytes)
        }),
    }
}

/// Accounts as CSV (the columns of `supply-desk accounts`), optionally one supplier/week.
pub fn accounts_export(supplier: Option<String>, week: Option<Week>) -> ExportJob {
    let name = match (&supplier, week) {
        (Some(s), Some(w)) => format!("accounts-{}-{w}.csv", s.replace(' ', "-")),
        (Some(s), None) => format!("accounts-{}.csv", s.replace(' ', "-")),
        (None, Some(w)) => format!("accounts-{w}.csv"),
        (None, None) => "accounts.csv".to_string(),
    };
    csv_job("accounts", &name, move |store, out| {
        listings::accounts(
            store,
            supplier.as_deref(),
            week,
            ListFormat::SpreadsheetCsv,
            out,
        )
    })
}
