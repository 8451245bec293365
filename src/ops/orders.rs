//! Orders, deliveries and retention checks: committing them, creating refills (SPEC §5).

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};

use crate::domain::refill::{OrderFacts, RefillFacts, RetentionCheck, evaluate_checks};
use crate::domain::retention::{self, OrderRetention, retention_score};
use crate::import::orders::{Delivery, OrderRow, for_each_row};
use crate::import::{FileKind, Hash96Set, Preview, Problem, Progress, ReadError, hash96, open_as};
use crate::store::{AuditKind, Reader, StoreError, StoredCheck, StoredOrder, Tx};

use super::OpError;

/// What committing an order-like file did.
#[derive(Debug, Default, Clone)]
pub struct OrderEffects {
    /// Rows stored (new orders, deliveries applied, new checks).
    pub stored: u64,
    /// Rows that changed nothing because the same fact was already recorded.
    pub unchanged: u64,
    /// Rows left out because of the database: unknown or repeated ids, conflicts.
    pub problems: Vec<Problem>,
    /// Refills created, in words.
    pub refills: Vec<String>,
}

fn left_out(row: u64, column: &str, value: &str, message: String) -> Problem {
    Problem {
        row,
        column: column.into(),
        value: value.into(),
        message: format!("{message}: the row is left out"),
        left_out: true,
    }
}

/// Commits an orders, delivery or checks file in the open transaction.
pub fn commit(
    tx: &mut Tx,
    preview: &Preview,
    kind: FileKind,
    import_id: u64,
    progress: &dyn Progress,
) -> Result<OrderEffects, OpError> {
    let mut reader = open_as(&preview.path, kind).map_err(ReadError::from)?;
    let mut effects = OrderEffects::default();
    let mut checks = NewChecks::default();
    let mut seen_checks = Hash96Set::default();
    let mut known_orders = KnownOrders::default();
    for_each_row(&mut reader, kind, progress, |read| -> Result<(), OpError> {
        let Ok((row, read)) = read else {
            return Ok(()); // listed by the preview already
        };
        match read {
            OrderRow::Order(order) => {
                if tx.order(&order.order_id)?.is_some() {
                    effects.problems.push(left_out(
                        row,
                        "order_id",
                        &order.order_id,
                        "this order id is already in the database".into(),
                    ));
                    return Ok(());
                }
                tx.put_order(&StoredOrder::waiting(order, import_id))?;
                effects.stored += 1;
            }
            OrderRow::Delivery(delivery) => apply_delivery(tx, row, delivery, &mut effects)?,
            OrderRow::Check(check) => {
                let day = check.checked_at.num_days_from_ce().to_le_bytes();
                if !seen_checks.insert(hash96(&[check.order_id.as_bytes(), &day])) {
                    return Ok(()); // a repeat in the same file, listed by the preview
                }
                match vet_check(tx, &mut known_orders, row, &check)? {
                    Vetted::New => checks.push(&check),
                    Vetted::Unchanged => effects.unchanged += 1,
                    Vetted::LeftOut(problem) => effects.problems.push(problem),
                }
            }
        }
        Ok(())
    })?;
    if !checks.rows.is_empty() {
        apply_checks(tx, checks, import_id, &mut effects)?;
    }
    Ok(effects)
}

fn apply_delivery(
    tx: &mut Tx,
    row: u64,
    d: Delivery,
    effects: &mut OrderEffects,
) -> Result<(), OpError> {
    let Some(mut order) = tx.order(&d.order_id)? else {
        effects.problems.push(left_out(
            row,
            "order_id",
            &d.order_id,
            "no order has this id".into(),
        ));
        return Ok(());
    };
    if order.supplier().is_none() {
        effects.problems.push(left_out(
            row,
            "order_id",
            &d.order_id,
            "this order is held and was never routed, so it cannot have been delivered".into(),
        ));
        return Ok(());
    }
    if d.delivered_at < order.order.placed_at {
        effects.problems.push(left_out(
            row,
            "delivered_at",
            &d.delivered_at.to_string(),
            format!("the order was placed later, on {}", order.order.placed_at),
        ));
        return Ok(());
    }
    match (order.delivered_at, order.delivered) {
        (Some(at), Some(n)) if at == d.delivered_at && n == d.delivered => effects.unchanged += 1,
        (Some(at), Some(n)) => effects.problems.push(left_out(
            row,
            "delivered_at",
            &d.delivered_at.to_string(),
            format!(
                "conflicts with the delivery already recorded ({n} on {at}); it is not applied"
            ),
        )),
        _ => {
            order.delivered_at = Some(d.delivered_at);
            order.delivered = Some(d.delivered);
            tx.put_order(&order)?;
            effects.stored += 1;
        }
    }
    Ok(())
}

/// A file's new retention checks, 16 bytes each: its order as an index into the file's
/// distinct order ids, its day and what it retained. A million checks of a hundred thousand
/// orders take about 20 MB rather than a string each.
#[derive(Default)]
struct NewChecks {
    ids: Vec<String>,
    index: HashMap<String, u32>,
    rows: Vec<(NaiveDate, u32, u64)>,
}

impl NewChecks {
    fn push(&mut self, check: &RetentionCheck) {
        let order = match self.index.get(&check.order_id) {
            Some(&i) => i,
            None => {
                let i = self.ids.len() as u32;
                self.ids.push(check.order_id.clone());
                self.index.insert(check.order_id.clone(), i);
                i
            }
        };
        self.rows.push((check.checked_at, order, check.retained));
    }
}

/// Checks evaluated at once by [`apply_checks`].
const CHECK_CHUNK: usize = 4096;

/// What the database says of a retention check.
enum Vetted {
    /// Not recorded yet: to be evaluated.
    New,
    /// Recorded already with the same value.
    Unchanged,
    /// Left out, with why.
    LeftOut(Problem),
}

/// What a check needs of its order, read once per order however many checks it has:
/// `None` when no order has the id, else the original it refills, if it is a refill.
#[derive(Default)]
struct KnownOrders(HashMap<String, Option<Option<String>>>);

impl KnownOrders {
    fn get(&mut self, tx: &Tx, id: &str) -> Result<&Option<Option<String>>, OpError> {
        if !self.0.contains_key(id) {
            let order = tx.order(id)?.map(|o| o.order.refill_of);
            self.0.insert(id.to_string(), order);
        }
        Ok(self.0.get(id).unwrap_or(&None))
    }
}

/// Checks a retention check against the database.
fn vet_check(
    tx: &Tx,
    orders: &mut KnownOrders,
    row: u64,
    check: &RetentionCheck,
) -> Result<Vetted, OpError> {
    match orders.get(tx, &check.order_id)? {
        None => {
            return Ok(Vetted::LeftOut(left_out(
                row,
                "order_id",
                &check.order_id,
                "no order has this id".into(),
            )));
        }
        Some(Some(original)) => {
            return Ok(Vetted::LeftOut(left_out(
                row,
                "order_id",
                &check.order_id,
                format!("this is a refill; checks are recorded on the original order {original}"),
            )));
        }
        Some(None) => {}
    }
    Ok(match tx.check(&check.order_id, check.checked_at)? {
        Some(old) if old.retained == check.retained => Vetted::Unchanged,
        Some(old) => Vetted::LeftOut(left_out(
            row,
            "retained",
            &check.retained.to_string(),
            format!(
                "conflicts with the check already recorded for {} on {} ({} retained); it is not applied",
                check.order_id, check.checked_at, old.retained
            ),
        )),
        None => Vetted::New,
    })
}

/// The refill rule's view of a stored order.
fn facts(tx: &Tx, order: &StoredOrder) -> Result<OrderFacts, OpError> {
    let mut refills = Vec::with_capacity(order.refills.len());
    for id in &order.refills {
        let delivered = tx.order(id)?.is_some_and(|r| r.delivered_at.is_some());
        refills.push(RefillFacts {
            id: id.clone(),
            delivered,
        });
    }
    Ok(OrderFacts {
        order_id: order.order.order_id.clone(),
        quantity: order.order.quantity,
        delivered_at: order.delivered_at,
        refills,
        customer: order.order.customer.clone(),
        platform: order.order.platform.clone(),
        service: order.order.service.clone(),
        tier: order.order.tier,
    })
}

/// Evaluates new checks once, in (checked_at, order_id) order, storing each with its outcome
/// and creating the refills the rule calls for (SPEC §5).
fn apply_checks(
    tx: &mut Tx,
    mut checks: NewChecks,
    import_id: u64,
    effects: &mut OrderEffects,
) -> Result<(), OpError> {
    let mut all_facts = BTreeMap::new();
    for id in &checks.ids {
        if let Some(order) = tx.order(id)? {
            all_facts.insert(id.clone(), facts(tx, &order)?);
        }
    }
    drop(checks.index);
    // The rule's order (see `evaluate_checks`), then chunks of it in turn: each chunk is
    // evaluated exactly as the whole would be.
    let ids = &checks.ids;
    checks.rows.sort_unstable_by(|a, b| {
        (a.0, &ids[a.1 as usize], a.2).cmp(&(b.0, &ids[b.1 as usize], b.2))
    });
    for chunk in checks.rows.chunks(CHECK_CHUNK) {
        let batch = chunk
            .iter()
            .map(|&(checked_at, order, retained)| RetentionCheck {
                order_id: ids[order as usize].clone(),
                checked_at,
                retained,
            })
            .collect();
        for evaluation in evaluate_checks(&mut all_facts, batch) {
            let check = evaluation.check;
            if let Some(refill) = evaluation.outcome.refill() {
                let mut original = tx.order(&check.order_id)?.ok_or_else(|| {
                    OpError::Rejected(format!(
                        "order {} disappeared during the import",
                        check.order_id
                    ))
                })?;
                original.refills.push(refill.order_id.clone());
                tx.put_order(&original)?;
                tx.put_order(&StoredOrder::waiting(refill.clone(), import_id))?;
                let text = format!(
                    "Refill {} created for {} ({} units, placed {}): {}.",
                    refill.order_id,
                    check.order_id,
                    refill.quantity,
                    refill.placed_at,
                    evaluation.outcome.reason(),
                );
                tx.audit(AuditKind::Refill, text.clone())?;
                effects.refills.push(text);
            }
            tx.put_check(
                &check.order_id,
                check.checked_at,
                &StoredCheck {
                    retained: check.retained,
                    outcome: evaluation.outcome,
                    import_id,
                },
            )?;
            effects.stored += 1;
        }
    }
    Ok(())
}

/// The retention inputs of a supplier's orders: quantity, delivery and checks.
pub fn supplier_retention_inputs(
    tx: &impl Reader,
    supplier: &str,
) -> Result<Vec<OrderRetention>, StoreError> {
    let mut out = Vec::new();
    for id in tx.supplier_order_ids(supplier)? {
        if let Some(order) = tx.order(&id)? {
            out.push(order_retention(tx, &order)?);
        }
    }
    Ok(out)
}

/// One order's retention inputs.
pub fn order_retention(
    tx: &impl Reader,
    order: &StoredOrder,
) -> Result<OrderRetention, StoreError> {
    let checks = tx
        .checks_of(&order.order.order_id)?
        .into_iter()
        .map(|(date, c)| (date, c.retained))
        .collect();
    Ok(OrderRetention {
        quantity: order.order.quantity,
        delivered_at: order.delivered_at,
        checks,
    })
}

/// A supplier's retention score as of a date (SPEC §3), `None` while unknown.
pub fn supplier_retention(
    tx: &impl Reader,
    supplier: &str,
    as_of: NaiveDate,
) -> Result<Option<f64>, OpError> {
    Ok(retention_score(
        as_of,
        &supplier_retention_inputs(tx, supplier)?,
    ))
}

/// An order's retention curve: retention against days since delivery (SPEC §5).
pub fn order_curve(store: &impl Reader, order_id: &str) -> Result<Vec<(i64, f64)>, StoreError> {
    Ok(match store.order(order_id)? {
        Some(order) => retention::order_curve(&order_retention(store, &order)?),
        None => Vec::new(),
    })
}

/// A supplier's curve: mean retention by day since delivery over its orders, with the
/// number of orders behind each point (SPEC §5).
pub fn supplier_curve(
    store: &impl Reader,
    supplier: &str,
) -> Result<Vec<(i64, f64, usize)>, StoreError> {
    Ok(retention::supplier_curve(&supplier_retention_inputs(
        store, supplier,
    )?))
}
