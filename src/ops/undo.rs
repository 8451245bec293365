//! Undoing an import (SPEC §7): its scorecard, accounts and their effects, or its orders.

use crate::domain::week::Week;
use crate::import::FileKind;
use crate::store::{AuditKind, Reader, Store};

use super::{OpError, standing};

/// Undoes an import and returns what was done, in words.
///
/// A supplier dump: its week's accounts and scorecard go, and the supplier's standing is
/// folded again (the dump it replaced, if any, is not restored: replacing deleted it). An
/// orders file: its orders go, provided none was delivered, checked or refilled yet.
/// Delivery reports and retention checks change orders in place and create refills, so
/// they are not undone; import a corrected file instead.
pub fn undo_import(store: &Store, id: u64) -> Result<String, OpError> {
    store.write(|tx| {
        let record = tx
            .import(id)?
            .ok_or_else(|| OpError::Rejected(format!("There is no import #{id}.")))?;
        let text = match record.kind {
            FileKind::SupplierDump => {
                let (supplier, week) = record.supplier_week.clone().ok_or_else(|| {
                    OpError::Rejected(format!("Import #{id} names no supplier week."))
                })?;
                let card = tx.scorecard(&supplier, week)?;
                if card.as_ref().is_some_and(|c| c.import_id != id) {
                    let by = card.map_or(0, |c| c.import_id);
                    return Err(OpError::Rejected(format!(
                        "{supplier} {week} was replaced by import #{by} since; undo that import instead."
                    )));
                }
                let removed = tx.remove_week_accounts(&supplier, week)?.accounts;
                tx.remove_scorecard(&supplier, week)?;
                let changes = standing::refold(tx, &supplier)?;
                let mut text = format!(
                    "Undid import #{id} ({}): removed {supplier}'s {week} scorecard and {removed} accounts",
                    record.file_name
                );
                if let Some(old) = record.replaced {
                    text.push_str(&format!(
                        "; the dump it replaced (import #{old}) is not restored"
                    ));
                }
                if !changes.is_empty() {
                    text.push_str(&format!("; standing: {}", changes.join(" ")));
                }
                text.push('.');
                text
            }
            FileKind::Orders => {
                let orders: Vec<_> = tx
                    .orders()?
                    .into_iter()
                    .filter(|o| o.import_id == id && o.order.refill_of.is_none())
                    .collect();
                let touched: Vec<&str> = orders
                    .iter()
                    .filter(|o| o.delivered_at.is_some() || !o.refills.is_empty())
                    .map(|o| o.order.order_id.as_str())
                    .collect();
                if !touched.is_empty() {
                    return Err(OpError::Rejected(format!(
                        "Import #{id} cannot be undone: {} of its orders were delivered or refilled already ({}).",
                        touched.len(),
                        touched.iter().take(5).copied().collect::<Vec<_>>().join(", ")
                    )));
                }
                for o in &orders {
                    if let Some(s) = o.supplier() {
                        tx.uncount_routed(Week::of(o.order.placed_at), s)?;
                    }
                    tx.remove_order(&o.order.order_id)?;
                }
                format!(
                    "Undid import #{id} ({}): removed {} orders.",
                    record.file_name,
                    orders.len()
                )
            }
            FileKind::Deliveries | FileKind::RetentionChecks => {
                return Err(OpError::Rejected(format!(
                    "Import #{id} is a {}: it changed orders in place and may have created refills, so it cannot be undone. Import a corrected file instead.",
                    record.kind.label()
                )));
            }
        };
        tx.remove_import(id)?;
        tx.audit(AuditKind::Undo, text.clone())?;
        Ok(text)
    })
}
