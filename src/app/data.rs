//! What the screens show, read from the database in one snapshot on a background thread
//! after every change, so drawing a frame never touches the disk.

use std::collections::BTreeMap;

use crate::domain::rubric::Rubric;
use crate::domain::scorecard::Scorecard;
use crate::domain::standing::Standing;
use crate::domain::week::Week;
use crate::ops::orders::supplier_curve;
use crate::store::{AuditEntry, ImportRecord, Reader, Store, StoreError, StoredOrder};

/// One supplier at a glance: its latest scorecard and this week's routing.
#[derive(Clone, Debug)]
pub struct SupplierSummary {
    /// The supplier's name.
    pub name: String,
    /// Its most recent scorecard.
    pub latest: Scorecard,
    /// Orders routed to it in the latest routing window.
    pub orders_this_week: u64,
    /// Its share of the latest routing window (`None` when that window is empty).
    pub routing_share: Option<f64>,
}

impl SupplierSummary {
    /// Standing after its latest scorecard.
    pub fn standing(&self) -> Standing {
        self.latest.standing
    }

    /// Eligible accounts across platforms.
    pub fn capacity(&self) -> u64 {
        self.latest.capacity.values().sum()
    }
}

/// A snapshot of everything the dashboards need.
#[derive(Clone, Debug, Default)]
pub struct Data {
    /// Suppliers by name.
    pub suppliers: Vec<SupplierSummary>,
    /// Every scorecard, per supplier in week order.
    pub history: BTreeMap<String, Vec<Scorecard>>,
    /// Every order and refill, by (placed_at, order_id).
    pub orders: Vec<StoredOrder>,
    /// The audit log, newest first.
    pub audit: Vec<AuditEntry>,
    /// Imports, newest first.
    pub imports: Vec<ImportRecord>,
    /// The rubric in force.
    pub rubric: Rubric,
    /// Every rubric version, oldest first.
    pub rubrics: Vec<Rubric>,
    /// Orders routed per week and supplier.
    pub windows: BTreeMap<Week, BTreeMap<String, u64>>,
    /// The latest routing window, the "this week" of the dashboards (from the data, never
    /// the clock).
    pub routing_week: Option<Week>,
    /// Every week that has a scorecard, newest first.
    pub weeks: Vec<Week>,
    /// Every reason code any scorecard counted.
    pub reasons: Vec<String>,
    /// Mean retention by day since delivery, per supplier: (day, mean, orders).
    pub curves: BTreeMap<String, Vec<(i64, f64, usize)>>,
}

impl Data {
    /// Reads the snapshot.
    pub fn load(store: &Store) -> Result<Data, StoreError> {
        let view = store.read()?;
        let mut history: BTreeMap<String, Vec<Scorecard>> = BTreeMap::new();
        let mut weeks = Vec::new();
        let mut reasons = std::collections::BTreeSet::new();
        for card in view.scorecards()? {
            weeks.push(card.week);
            reasons.extend(card.failures.keys().cloned());
            history.entry(card.supplier.clone()).or_default().push(card);
        }
        weeks.sort_unstable_by(|a, b| b.cmp(a));
        weeks.dedup();
        let mut windows: BTreeMap<Week, BTreeMap<String, u64>> = BTreeMap::new();
        for (week, supplier, n) in view.routing_windows()? {
            windows.entry(week).or_default().insert(supplier, n);
        }
        let routing_week = windows.keys().next_back().copied();
        let this_week = routing_week.and_then(|w| windows.get(&w));
        let total: u64 = this_week.map_or(0, |m| m.values().sum());
        let suppliers = history
            .iter()
            .filter_map(|(name, cards)| {
                let latest = cards.last()?.clone();
                let orders_this_week = this_week.and_then(|m| m.get(name)).copied().unwrap_or(0);
                Some(SupplierSummary {
                    name: name.clone(),
                    latest,
                    orders_this_week,
                    routing_share: (total > 0).then(|| orders_this_week as f64 / total as f64),
                })
            })
            .collect();
        let mut orders = view.orders()?;
        orders.sort_by(|a, b| {
            (a.order.placed_at, &a.order.order_id).cmp(&(b.order.placed_at, &b.order.order_id))
        });
        let mut curves = BTreeMap::new();
        for name in history.keys() {
            let curve = supplier_curve(&view, name)?;
            if !curve.is_empty() {
                curves.insert(name.clone(), curve);
            }
        }
        let mut audit = view.audit_log()?;
        audit.reverse();
        let mut imports = view.imports()?;
        imports.reverse();
        Ok(Data {
            suppliers,
            history,
            orders,
            audit,
            imports,
            rubric: view.current_rubric()?,
            rubrics: view.rubrics()?,
            windows,
            routing_week,
            weeks,
            reasons: reasons.into_iter().collect(),
            curves,
        })
    }

    /// Whether the database holds nothing yet (the first launch offers the demo then).
    pub fn is_empty(&self) -> bool {
        self.imports.is_empty()
    }

    /// Orders currently held.
    pub fn held(&self) -> impl Iterator<Item = &StoredOrder> {
        self.orders.iter().filter(|o| o.supplier().is_none())
    }
}
