//! The routing run at the end of every import action, and manual release (SPEC §4).

use std::collections::BTreeMap;

use crate::domain::routing::{
    Outcome, RoutingDecision, RoutingWindows, SupplierSnapshot, route_all,
};
use crate::domain::standing::Standing;
use crate::domain::week::Week;
use crate::store::{AuditKind, OrderStatus, Reader, Store, StoredOrder, Tx};

use super::OpError;

/// What a routing run did.
#[derive(Debug, Default, Clone)]
pub struct RoutingReport {
    /// Orders routed, with their supplier.
    pub routed: Vec<(String, String)>,
    /// Orders held, with the reason.
    pub held: Vec<(String, String)>,
}

/// Each supplier as routing sees it: its latest scorecard and the standing after it.
pub fn snapshots(tx: &Tx) -> Result<Vec<SupplierSnapshot>, OpError> {
    let mut latest = BTreeMap::new();
    for card in tx.scorecards()? {
        latest.insert(card.supplier.clone(), card);
    }
    Ok(latest
        .into_values()
        .map(|card| SupplierSnapshot {
            name: card.supplier,
            good_standing: card.standing == Standing::Good,
            quality: card.quality,
            retention: card.retention,
            composite: card.composite,
            capacity: card.capacity,
        })
        .collect())
}

fn windows(tx: &Tx) -> Result<RoutingWindows, OpError> {
    let mut windows = RoutingWindows::new();
    for (week, supplier, count) in tx.routing_windows()? {
        windows.add(week.to_string(), &supplier, count);
    }
    Ok(windows)
}

/// Routes every waiting order (new and held) in (placed_at, order_id) order against the
/// standings and latest scorecards of this moment, storing each decision with its reasons.
pub fn route_waiting(tx: &mut Tx) -> Result<RoutingReport, OpError> {
    let ids = tx.waiting_order_ids()?;
    if ids.is_empty() {
        return Ok(RoutingReport::default());
    }
    let rubric = tx.current_rubric()?;
    let suppliers = snapshots(tx)?;
    let mut windows = windows(tx)?;
    let mut report = RoutingReport::default();
    // The waiting queue is in routing order, (placed_at, order_id); routing it a chunk at a
    // time in that order decides exactly as routing it whole, holding a few thousand orders
    // and their explanations at once rather than every one.
    for chunk in ids.chunks(ROUTING_CHUNK) {
        let mut stored = BTreeMap::new();
        for id in chunk {
            if let Some(order) = tx.order(id)? {
                stored.insert(id.clone(), order);
            }
        }
        let requests = stored.values().map(|o| o.order.clone()).collect();
        let decisions = route_all(requests, &rubric.tiers, &suppliers, &mut windows);
        for decision in decisions {
            let Some(order) = stored.remove(&decision.order_id) else {
                continue;
            };
            apply_decision(tx, order, decision, &mut report)?;
        }
    }
    Ok(report)
}

/// Orders routed at once by [`route_waiting`].
const ROUTING_CHUNK: usize = 4096;

/// Records one routing decision on its order, in the audit log and in the report.
fn apply_decision(
    tx: &mut Tx,
    mut order: StoredOrder,
    decision: RoutingDecision,
    report: &mut RoutingReport,
) -> Result<(), OpError> {
    let id = decision.order_id.clone();
    match &decision.outcome {
        Outcome::Routed { supplier } => {
            tx.count_routed(Week::of(order.order.placed_at), supplier)?;
            tx.audit(
                AuditKind::Routing,
                format!("Order {id}: {}.", decision.summary),
            )?;
            report.routed.push((id, supplier.clone()));
            order.status = OrderStatus::Routed {
                supplier: supplier.clone(),
            };
        }
        Outcome::Held { reason } => {
            let unchanged =
                matches!(&order.status, OrderStatus::Held { reason: old } if old == reason);
            if !unchanged {
                tx.audit(AuditKind::Hold, format!("Order {id} held: {reason}."))?;
            }
            report.held.push((id, reason.clone()));
            order.status = OrderStatus::Held {
                reason: reason.clone(),
            };
        }
    }
    order.decision = Some(decision);
    tx.put_order(&order)?;
    Ok(())
}

/// Routes the waiting orders in their own transaction.
pub fn route(store: &Store) -> Result<RoutingReport, OpError> {
    store.write(route_waiting)
}

/// Releases a held order to a supplier by hand (SPEC §4 rule 3), recorded in the audit log.
/// The order counts in its routing window like any other.
pub fn release(store: &Store, order_id: &str, supplier: &str, note: &str) -> Result<(), OpError> {
    store.write(|tx| {
        let mut order = tx
            .order(order_id)?
            .ok_or_else(|| OpError::Rejected(format!("No order has the id {order_id}.")))?;
        if let OrderStatus::Routed { supplier: current } = &order.status {
            return Err(OpError::Rejected(format!(
                "Order {order_id} is not held: it was routed to {current}."
            )));
        }
        let card = snapshots(tx)?
            .into_iter()
            .find(|s| s.name == supplier)
            .ok_or_else(|| {
                OpError::Rejected(format!(
                    "{supplier} is not a supplier Supply Desk knows (no scorecard yet)."
                ))
            })?;
        let standing = if card.good_standing {
            "in good standing"
        } else {
            "demoted"
        };
        let text = format!(
            "Order {order_id} released by hand to {supplier} ({standing}){}.",
            if note.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", note.trim())
            }
        );
        tx.count_routed(Week::of(order.order.placed_at), supplier)?;
        tx.audit(AuditKind::Release, text.clone())?;
        order.status = OrderStatus::Routed {
            supplier: supplier.to_string(),
        };
        order.released = Some(text);
        tx.put_order(&order)?;
        Ok(())
    })
}
