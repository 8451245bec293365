//! The weekly review report: a self-contained HTML page with inline SVG charts that a
//! reviewer can read offline (SPEC §7).

use crate::domain::week::Week;
use crate::store::Store;

/// Writes the weekly review of `week` (the latest week when `None`) as one HTML page.
pub fn weekly_html(_store: &Store, week: Option<Week>) -> Result<String, String> {
    Ok(format!(
        "<!doctype html><meta charset=utf-8><title>Supply Desk weekly review</title><h1>Weekly review {}</h1>",
        week.map_or_else(|| "latest".to_string(), |w| w.to_string())
    ))
}
