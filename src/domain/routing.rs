//! Order routing: which outside supplier gets a customer's order (SPEC §4).
//!
//! Routing is a pure decision over data the caller passes in: the waiting
//! orders, the tier rubric, each supplier's latest scorecard
//! ([`SupplierSnapshot`]) and the orders already routed per week
//! ([`RoutingWindows`]). Nothing here reads a clock or a store.
//!
//! The rules, applied to waiting orders in order of `(placed_at, order_id)`:
//!
//! 1. **Candidates** (SPEC §4 rule 1): a supplier in good standing whose
//!    quality is at least the tier's minimum, whose retention is known and at
//!    least the tier's minimum when the tier has one, and whose capacity on
//!    the order's platform covers the order's quantity.
//! 2. **Best match** (SPEC §4 rule 2): among the candidates within the cap, the
//!    composite closest to the tier's target (exact `f64` distance) wins; ties
//!    go to the supplier with fewer orders in the window so far, then to the
//!    name in byte order.
//! 3. **The 40 % cap** (SPEC §4 rule 3): windows are ISO weeks of `placed_at`,
//!    across all platforms and tiers, refills included. With `n(s)` the orders
//!    routed to `s` in the window and `N` all orders routed in it, both
//!    counted with the order being placed, the order may go to `s` only if
//!    `5 × n(s) ≤ 2 × N + 5`. An order that no candidate can take is held,
//!    with the reason in plain words; the caller passes it again next run.
//! 4. **Deterministic** (SPEC §4 rule 4): the same inputs give the same
//!    decisions; all maps are `BTreeMap`s and suppliers are listed by name.
//! 5. **Explained** (SPEC §4 rule 5): every decision lists every supplier
//!    considered, with its numbers and why it won or was passed over.
//!
//! Supplier names are assumed unique (one latest scorecard per supplier).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::week::Week;

/// Service tier of an order (SPEC §4 tier table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Tier {
    /// Quality 60, no retention minimum, target composite 70.
    Standard,
    /// Quality 75, retention 90 %, target composite 85.
    Premium,
    /// Quality 85, retention 95 %, target composite 95.
    Elite,
}

impl Tier {
    /// Every tier, cheapest first.
    pub const ALL: [Tier; 3] = [Tier::Standard, Tier::Premium, Tier::Elite];

    /// Lower-case name as written in the spec: "standard", "premium", "elite".
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Standard => "standard",
            Tier::Premium => "premium",
            Tier::Elite => "elite",
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for a tier name that is not "standard", "premium" or "elite".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseTierError {
    /// The text that failed to parse.
    input: String,
}

impl fmt::Display for ParseTierError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown tier \"{}\": expected standard, premium or elite",
            self.input
        )
    }
}

impl std::error::Error for ParseTierError {}

impl FromStr for Tier {
    type Err = ParseTierError;

    /// Parses a tier name, ignoring case and surrounding spaces.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s.trim();
        Tier::ALL
            .into_iter()
            .find(|tier| tier.as_str().eq_ignore_ascii_case(name))
            .ok_or_else(|| ParseTierError {
                input: s.to_owned(),
            })
    }
}

/// The rubric a tier holds suppliers to (SPEC §4 tier table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierRule {
    /// Lowest scorecard quality (0–100) a supplier may have.
    pub min_quality: f64,
    /// Lowest retention (fraction 0–1); `None` means unknown retention is allowed.
    pub min_retention: Option<f64>,
    /// Composite score the best match is closest to.
    pub target_composite: f64,
}

impl TierRule {
    /// The rubric defaults from the SPEC §4 tier table.
    pub fn default_for(tier: Tier) -> Self {
        let (min_quality, min_retention, target_composite) = match tier {
            Tier::Standard => (60.0, None, 70.0),
            Tier::Premium => (75.0, Some(0.90), 85.0),
            Tier::Elite => (85.0, Some(0.95), 95.0),
        };
        TierRule {
            min_quality,
            min_retention,
            target_composite,
        }
    }
}

/// One [`TierRule`] per tier; `Default` gives the SPEC §4 defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierRules {
    /// Rule for [`Tier::Standard`].
    pub standard: TierRule,
    /// Rule for [`Tier::Premium`].
    pub premium: TierRule,
    /// Rule for [`Tier::Elite`].
    pub elite: TierRule,
}

impl TierRules {
    /// The rule for `tier`.
    pub fn get(&self, tier: Tier) -> &TierRule {
        match tier {
            Tier::Standard => &self.standard,
            Tier::Premium => &self.premium,
            Tier::Elite => &self.elite,
        }
    }
}

impl Default for TierRules {
    fn default() -> Self {
        TierRules {
            standard: TierRule::default_for(Tier::Standard),
            premium: TierRule::default_for(Tier::Premium),
            elite: TierRule::default_for(Tier::Elite),
        }
    }
}

/// A customer order waiting to be routed (SPEC §4), or a refill (SPEC §5).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OrderRequest {
    /// Unique order id; refills are `<original>-R<n>`.
    pub order_id: String,
    /// Day the order was placed; its ISO week is the routing window.
    pub placed_at: NaiveDate,
    /// Customer who placed the order.
    pub customer: String,
    /// Platform the followers are for, e.g. "instagram".
    pub platform: String,
    /// Service ordered.
    pub service: String,
    /// Tier whose rubric applies.
    pub tier: Tier,
    /// Number of units (followers) ordered.
    pub quantity: u64,
    /// The original order when this order is a refill.
    pub refill_of: Option<String>,
}

/// A supplier as seen by routing, taken from its latest scorecard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupplierSnapshot {
    /// Supplier name; ties are broken by its byte order.
    pub name: String,
    /// False when the supplier is demoted.
    pub good_standing: bool,
    /// Quality score, 0–100.
    pub quality: f64,
    /// Retention score as a fraction 0–1; `None` when unknown.
    pub retention: Option<f64>,
    /// Composite score compared with the tier's target.
    pub composite: f64,
    /// Units the supplier can take per platform.
    pub capacity: BTreeMap<String, u64>,
}

/// The routing window of a day: its ISO week, written like "2026-W48".
pub fn window_key(date: NaiveDate) -> String {
    Week::of(date).to_string()
}

/// SPEC §4 rule 3: may a supplier hold `supplier_orders` of `window_orders`,
/// both counted with the order being placed? True when `5 × n ≤ 2 × N + 5`.
pub fn within_cap(supplier_orders: u64, window_orders: u64) -> bool {
    5 * u128::from(supplier_orders) <= 2 * u128::from(window_orders) + 5
}

/// Orders routed in one window (ISO week).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowCounts {
    /// All orders routed in the window (`N`).
    pub total: u64,
    /// Orders routed to each supplier in the window (`n(s)`).
    pub by_supplier: BTreeMap<String, u64>,
}

impl WindowCounts {
    /// Orders routed to `supplier` in this window.
    pub fn orders_to(&self, supplier: &str) -> u64 {
        self.by_supplier.get(supplier).copied().unwrap_or(0)
    }
}

/// Orders routed per ISO week and supplier, for the 40 % cap (SPEC §4 rule 3).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingWindows {
    /// Counts per window key (see [`window_key`]).
    weeks: BTreeMap<String, WindowCounts>,
}

impl RoutingWindows {
    /// No orders routed yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one order placed on `placed_at` as routed to `supplier`. Routing
    /// calls this for every routed order; the caller calls it when an order is
    /// released to a supplier by hand.
    pub fn record(&mut self, placed_at: NaiveDate, supplier: &str) {
        let counts = self.weeks.entry(window_key(placed_at)).or_default();
        counts.total += 1;
        *counts.by_supplier.entry(supplier.to_owned()).or_insert(0) += 1;
    }

    /// Counts of the window with key `window` (see [`window_key`]), if any order was routed in it.
    pub fn window(&self, window: &str) -> Option<&WindowCounts> {
        self.weeks.get(window)
    }

    /// Adds `count` orders routed to `supplier` in `window` (see [`window_key`]), as stored
    /// by earlier routing runs.
    pub fn add(&mut self, window: String, supplier: &str, count: u64) {
        let counts = self.weeks.entry(window).or_default();
        counts.total += count;
        *counts.by_supplier.entry(supplier.to_owned()).or_insert(0) += count;
    }

    /// Every window with routed orders, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &WindowCounts)> {
        self.weeks
            .iter()
            .map(|(key, counts)| (key.as_str(), counts))
    }
}

/// The SPEC §4 filter that removed a supplier from the candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Filter {
    /// The supplier is demoted (rule 1).
    Standing,
    /// Quality below the tier minimum (rule 1).
    Quality,
    /// Retention unknown or below the tier minimum (rule 1).
    Retention,
    /// Not enough capacity on the order's platform (rule 1).
    Capacity,
    /// Taking the order would break the 40 % cap (rule 3).
    Cap,
}

/// How one supplier fared for one order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Verdict {
    /// The supplier got the order.
    Winner,
    /// The supplier was removed by a filter, with the reason in words.
    Filtered {
        /// Which filter removed it.
        filter: Filter,
        /// Why, e.g. "quality 71.2 below premium minimum 75".
        reason: String,
    },
    /// The supplier qualified but another one matched better (rule 2).
    Outranked {
        /// Why, e.g. "composite 78.0 is 7.0 from target 85; Y is closer (2.5)".
        reason: String,
    },
}

/// One supplier's line in a [`RoutingDecision`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateLine {
    /// Supplier name.
    pub supplier: String,
    /// False when demoted.
    pub good_standing: bool,
    /// Scorecard quality, 0–100.
    pub quality: f64,
    /// Scorecard retention as a fraction; `None` when unknown.
    pub retention: Option<f64>,
    /// Scorecard composite.
    pub composite: f64,
    /// Absolute difference between the composite and the tier's target.
    pub distance: f64,
    /// Capacity on the order's platform (0 when none is listed).
    pub capacity: u64,
    /// Orders routed to the supplier in the window before this one (`n`).
    pub window_orders: u64,
    /// Share `n / N` of the window before this order (0 when `N` is 0).
    pub share_before: f64,
    /// Share `(n + 1) / (N + 1)` the supplier would have with this order.
    pub share_with_order: f64,
    /// Whether it won, and if not, why.
    pub verdict: Verdict,
}

/// What happened to an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// The order goes to `supplier`.
    Routed {
        /// Winning supplier's name.
        supplier: String,
    },
    /// No candidate could take the order; it waits for the next run.
    Held {
        /// Why, e.g. "only 2 suppliers qualify; the 40 % cap cannot be met".
        reason: String,
    },
}

/// The explained routing decision for one order (SPEC §4 rule 5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoutingDecision {
    /// The order decided on.
    pub order_id: String,
    /// Its routing window, e.g. "2026-W48".
    pub window: String,
    /// Routed or held.
    pub outcome: Outcome,
    /// Every supplier considered, by name.
    pub lines: Vec<CandidateLine>,
    /// One sentence saying why.
    pub summary: String,
}

/// Routes one order (SPEC §4 rules 1–3, 5) and, when it is routed, records it
/// in `windows`.
pub fn route_order(
    order: &OrderRequest,
    tier_rule: &TierRule,
    suppliers: &[SupplierSnapshot],
    windows: &mut RoutingWindows,
) -> RoutingDecision {
    let window = window_key(order.placed_at);
    let counts = windows.window(&window).cloned().unwrap_or_default();

    let mut sorted: Vec<&SupplierSnapshot> = suppliers.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let screened: Vec<Screened> = sorted
        .into_iter()
        .map(|s| (s, screen(order, tier_rule, s, &counts)))
        .collect();

    let mut eligible: Vec<&SupplierSnapshot> = screened
        .iter()
        .filter(|(_, result)| result.is_ok())
        .map(|(s, _)| *s)
        .collect();
    eligible.sort_by(|a, b| {
        distance(a, tier_rule)
            .total_cmp(&distance(b, tier_rule))
            .then_with(|| counts.orders_to(&a.name).cmp(&counts.orders_to(&b.name)))
            .then_with(|| a.name.cmp(&b.name))
    });
    let winner = eligible.first().copied();

    let lines = screened
        .iter()
        .map(|(s, result)| {
            let verdict = match (result, winner) {
                (Err(rejection), _) => Verdict::Filtered {
                    filter: rejection.filter,
                    reason: rejection.reason.clone(),
                },
                (Ok(()), Some(w)) if !std::ptr::eq(w, *s) => Verdict::Outranked {
                    reason: outranked_reason(s, w, tier_rule, &counts),
                },
                // An eligible supplier that nobody outranked is the winner.
                (Ok(()), _) => Verdict::Winner,
            };
            candidate_line(order, tier_rule, s, &counts, verdict)
        })
        .collect();

    let (outcome, summary) = match winner {
        Some(w) => {
            let runner_up = eligible.get(1).copied();
            let summary = routed_summary(order.tier, tier_rule, w, runner_up, &counts);
            windows.record(order.placed_at, &w.name);
            (
                Outcome::Routed {
                    supplier: w.name.clone(),
                },
                summary,
            )
        }
        None => {
            let reason = hold_reason(order, tier_rule, &screened);
            let summary = format!("held: {reason}");
            (Outcome::Held { reason }, summary)
        }
    };

    RoutingDecision {
        order_id: order.order_id.clone(),
        window,
        outcome,
        lines,
        summary,
    }
}

/// Routes a batch of orders, given in any order, in order of
/// `(placed_at, order_id)` (SPEC §4), recording each routed order in
/// `windows`. Held orders are returned as decisions like any other.
pub fn route_all(
    mut orders: Vec<OrderRequest>,
    rules: &TierRules,
    suppliers: &[SupplierSnapshot],
    windows: &mut RoutingWindows,
) -> Vec<RoutingDecision> {
    // The whole order breaks ties, so even duplicate ids route the same way
    // whatever order they arrive in.
    orders.sort_by(|a, b| {
        (a.placed_at, &a.order_id)
            .cmp(&(b.placed_at, &b.order_id))
            .then_with(|| a.cmp(b))
    });
    orders
        .iter()
        .map(|order| route_order(order, rules.get(order.tier), suppliers, windows))
        .collect()
}

/// Why a filter removed a supplier.
#[derive(Debug)]
struct Rejection {
    /// The filter that removed it.
    filter: Filter,
    /// The reason in words.
    reason: String,
}

impl Rejection {
    /// A rejection by `filter` for `reason`.
    fn new(filter: Filter, reason: String) -> Self {
        Rejection { filter, reason }
    }
}

/// A supplier with the outcome of the filters: `Ok` when it is eligible.
type Screened<'a> = (&'a SupplierSnapshot, Result<(), Rejection>);

/// `value ≥ min`; false when either is NaN, so a NaN score never qualifies.
fn at_least(value: f64, min: f64) -> bool {
    value >= min
}

/// Absolute distance of a supplier's composite from the tier's target.
fn distance(supplier: &SupplierSnapshot, rule: &TierRule) -> f64 {
    (supplier.composite - rule.target_composite).abs()
}

/// Capacity a supplier lists for a platform, 0 when none.
fn capacity_on(supplier: &SupplierSnapshot, platform: &str) -> u64 {
    supplier.capacity.get(platform).copied().unwrap_or(0)
}

/// Applies the SPEC §4 rule 1 and rule 3 filters in order; the first that
/// removes the supplier is returned with its reason.
fn screen(
    order: &OrderRequest,
    rule: &TierRule,
    supplier: &SupplierSnapshot,
    counts: &WindowCounts,
) -> Result<(), Rejection> {
    let tier = order.tier;
    if !supplier.good_standing {
        return Err(Rejection::new(Filter::Standing, "demoted".to_owned()));
    }
    if !at_least(supplier.quality, rule.min_quality) {
        return Err(Rejection::new(
            Filter::Quality,
            format!(
                "quality {} below {tier} minimum {}",
                one_decimal(supplier.quality),
                trimmed(rule.min_quality)
            ),
        ));
    }
    if let Some(min) = rule.min_retention {
        match supplier.retention {
            None => {
                return Err(Rejection::new(
                    Filter::Retention,
                    format!("retention unknown; {tier} needs {}", trimmed_percent(min)),
                ));
            }
            Some(retention) if !at_least(retention, min) => {
                return Err(Rejection::new(
                    Filter::Retention,
                    format!(
                        "retention {} below {tier} minimum {}",
                        one_decimal_percent(retention),
                        trimmed_percent(min)
                    ),
                ));
            }
            Some(_) => {}
        }
    }
    match supplier.capacity.get(&order.platform) {
        None => {
            return Err(Rejection::new(
                Filter::Capacity,
                format!("no capacity on {}", order.platform),
            ));
        }
        Some(&capacity) if capacity < order.quantity => {
            return Err(Rejection::new(
                Filter::Capacity,
                format!(
                    "capacity {} on {} below {}",
                    count(capacity),
                    order.platform,
                    count(order.quantity)
                ),
            ));
        }
        Some(_) => {}
    }
    let with_order = counts.orders_to(&supplier.name) + 1;
    let total_with_order = counts.total + 1;
    if !within_cap(with_order, total_with_order) {
        return Err(Rejection::new(
            Filter::Cap,
            format!(
                "would hold {with_order} of {total_with_order} orders this week ({}), over the 40 % cap",
                trimmed_percent(share(with_order, total_with_order))
            ),
        ));
    }
    Ok(())
}

/// Why an eligible supplier lost to the winner (SPEC §4 rule 2).
fn outranked_reason(
    supplier: &SupplierSnapshot,
    winner: &SupplierSnapshot,
    rule: &TierRule,
    counts: &WindowCounts,
) -> String {
    let own = distance(supplier, rule);
    let best = distance(winner, rule);
    if own.total_cmp(&best).is_ne() {
        format!(
            "composite {} is {} from target {}; {} is closer ({})",
            one_decimal(supplier.composite),
            one_decimal(own),
            trimmed(rule.target_composite),
            winner.name,
            one_decimal(best)
        )
    } else if counts.orders_to(&supplier.name) != counts.orders_to(&winner.name) {
        format!(
            "tie on distance; fewer orders this week went to {}",
            winner.name
        )
    } else {
        format!(
            "tie on distance and orders this week; {} comes first by name",
            winner.name
        )
    }
}

/// One sentence on why `winner` got the order ahead of the next best eligible supplier.
fn routed_summary(
    tier: Tier,
    rule: &TierRule,
    winner: &SupplierSnapshot,
    runner_up: Option<&SupplierSnapshot>,
    counts: &WindowCounts,
) -> String {
    let Some(runner_up) = runner_up else {
        return format!(
            "routed to {}: the only supplier that qualifies for {tier} within the 40 % cap",
            winner.name
        );
    };
    let best = distance(winner, rule);
    if best.total_cmp(&distance(runner_up, rule)).is_ne() {
        format!(
            "routed to {}: composite {} is closest to the {tier} target {} ({} away)",
            winner.name,
            one_decimal(winner.composite),
            trimmed(rule.target_composite),
            one_decimal(best)
        )
    } else if counts.orders_to(&winner.name) != counts.orders_to(&runner_up.name) {
        format!(
            "routed to {}: tied on distance to the {tier} target {} and had fewer orders this week",
            winner.name,
            trimmed(rule.target_composite)
        )
    } else {
        format!(
            "routed to {}: tied on distance and orders this week, first by name",
            winner.name
        )
    }
}

/// Plain-words reason for holding an order: the filter that removed the last
/// suppliers standing decides the sentence (SPEC §4 rule 3).
fn hold_reason(order: &OrderRequest, rule: &TierRule, screened: &[Screened]) -> String {
    let tier = order.tier;
    let stopped_at = |filter: Filter| {
        screened
            .iter()
            .filter(
                move |(_, result)| matches!(result, Err(rejection) if rejection.filter == filter),
            )
            .map(|(s, _)| *s)
    };
    let furthest = screened
        .iter()
        .filter_map(|(_, result)| result.as_ref().err().map(|rejection| rejection.filter))
        .max();
    match furthest {
        None => "no suppliers are on file".to_owned(),
        Some(Filter::Standing) => match screened {
            [(only, _)] => format!("supplier {} is demoted", only.name),
            _ => format!("all {} suppliers are demoted", screened.len()),
        },
        Some(Filter::Quality) => format!(
            "no supplier in good standing meets the {tier} quality minimum {}",
            trimmed(rule.min_quality)
        ),
        Some(Filter::Retention) => {
            let unknown = stopped_at(Filter::Retention)
                .filter(|s| s.retention.is_none())
                .count();
            let below = stopped_at(Filter::Retention).count() - unknown;
            let minimum = trimmed_percent(rule.min_retention.unwrap_or(0.0));
            let passing = "supplier that passes standing and quality";
            if below == 0 && screened.iter().all(|(s, _)| s.retention.is_none()) {
                format!("no supplier has a known retention score for {tier}")
            } else if below == 0 {
                format!("no {passing} has a known retention score for {tier}")
            } else if unknown == 0 {
                format!("every {passing} is below the {tier} retention minimum {minimum}")
            } else {
                format!(
                    "every {passing} is below the {tier} retention minimum {minimum} or unknown ({below} below, {unknown} unknown)"
                )
            }
        }
        Some(Filter::Capacity) => {
            let any_in_standing = screened
                .iter()
                .any(|(s, _)| s.good_standing && capacity_on(s, &order.platform) >= order.quantity);
            let who = if any_in_standing {
                format!("that qualifies for {tier}")
            } else {
                "in good standing".to_owned()
            };
            format!(
                "no supplier {who} has capacity for {} on {}",
                count(order.quantity),
                order.platform
            )
        }
        Some(Filter::Cap) => match stopped_at(Filter::Cap).count() {
            1 => "only 1 supplier qualifies; the 40 % cap cannot be met".to_owned(),
            qualifying => {
                format!("only {qualifying} suppliers qualify; the 40 % cap cannot be met")
            }
        },
    }
}

/// Builds the explanation line for one supplier.
fn candidate_line(
    order: &OrderRequest,
    rule: &TierRule,
    supplier: &SupplierSnapshot,
    counts: &WindowCounts,
    verdict: Verdict,
) -> CandidateLine {
    let window_orders = counts.orders_to(&supplier.name);
    CandidateLine {
        supplier: supplier.name.clone(),
        good_standing: supplier.good_standing,
        quality: supplier.quality,
        retention: supplier.retention,
        composite: supplier.composite,
        distance: distance(supplier, rule),
        capacity: capacity_on(supplier, &order.platform),
        window_orders,
        share_before: share(window_orders, counts.total),
        share_with_order: share(window_orders + 1, counts.total + 1),
        verdict,
    }
}

/// `part / whole` as a fraction, 0 when `whole` is 0.
fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// A measured number with one decimal: "71.2", "78.0".
pub(crate) fn one_decimal(value: f64) -> String {
    format!("{value:.1}")
}

/// A rubric number with one decimal, dropping ".0": "75", "72.5".
pub(crate) fn trimmed(value: f64) -> String {
    let text = one_decimal(value);
    match text.strip_suffix(".0") {
        Some(whole) => whole.to_owned(),
        None => text,
    }
}

/// A measured fraction as a percentage with one decimal: "96.0 %".
pub(crate) fn one_decimal_percent(fraction: f64) -> String {
    format!("{} %", one_decimal(fraction * 100.0))
}

/// A rubric fraction or share as a percentage, dropping ".0": "90 %", "66.7 %".
pub(crate) fn trimmed_percent(fraction: f64) -> String {
    format!("{} %", trimmed(fraction * 100.0))
}

/// A count with thousands separators: "5,000" (shared with the app's tables).
pub fn count(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A supplier in good standing with 10,000 capacity on instagram and tiktok.
    fn supplier(
        name: &str,
        quality: f64,
        retention: Option<f64>,
        composite: f64,
    ) -> SupplierSnapshot {
        SupplierSnapshot {
            name: name.to_owned(),
            good_standing: true,
            quality,
            retention,
            composite,
            capacity: BTreeMap::from([
                ("instagram".to_owned(), 10_000),
                ("tiktok".to_owned(), 10_000),
            ]),
        }
    }

    fn order(id: &str, placed_at: NaiveDate, tier: Tier, quantity: u64) -> OrderRequest {
        OrderRequest {
            order_id: id.to_owned(),
            placed_at,
            customer: "acme".to_owned(),
            platform: "instagram".to_owned(),
            service: "followers".to_owned(),
            tier,
            quantity,
            refill_of: None,
        }
    }

    fn route(
        order: &OrderRequest,
        suppliers: &[SupplierSnapshot],
        windows: &mut RoutingWindows,
    ) -> RoutingDecision {
        route_order(
            order,
            &TierRule::default_for(order.tier),
            suppliers,
            windows,
        )
    }

    fn routed_to(decision: &RoutingDecision) -> Option<&str> {
        match &decision.outcome {
            Outcome::Routed { supplier } => Some(supplier),
            Outcome::Held { .. } => None,
        }
    }

    fn held_reason(decision: &RoutingDecision) -> Option<&str> {
        match &decision.outcome {
            Outcome::Held { reason } => Some(reason),
            Outcome::Routed { .. } => None,
        }
    }

    fn line<'a>(decision: &'a RoutingDecision, supplier: &str) -> &'a CandidateLine {
        decision
            .lines
            .iter()
            .find(|l| l.supplier == supplier)
            .unwrap()
    }

    fn passed_over(decision: &RoutingDecision, supplier: &str) -> String {
        match &line(decision, supplier).verdict {
            Verdict::Filtered { reason, .. } | Verdict::Outranked { reason } => reason.clone(),
            Verdict::Winner => panic!("{supplier} won"),
        }
    }

    #[test]
    fn tier_names_parse_and_display() {
        assert_eq!("PREMIUM".parse::<Tier>(), Ok(Tier::Premium));
        assert_eq!(" Elite ".parse::<Tier>(), Ok(Tier::Elite));
        assert_eq!("standard".parse::<Tier>(), Ok(Tier::Standard));
        assert!("gold".parse::<Tier>().is_err());
        assert_eq!(Tier::Premium.to_string(), "premium");
        for tier in Tier::ALL {
            assert_eq!(tier.as_str().parse::<Tier>(), Ok(tier));
        }
    }

    #[test]
    fn tier_rule_defaults_follow_the_table() {
        let rules = TierRules::default();
        assert_eq!(
            rules.get(Tier::Standard),
            &TierRule {
                min_quality: 60.0,
                min_retention: None,
                target_composite: 70.0
            }
        );
        assert_eq!(
            rules.get(Tier::Premium),
            &TierRule {
                min_quality: 75.0,
                min_retention: Some(0.90),
                target_composite: 85.0
            }
        );
        assert_eq!(
            rules.get(Tier::Elite),
            &TierRule {
                min_quality: 85.0,
                min_retention: Some(0.95),
                target_composite: 95.0
            }
        );
    }

    #[test]
    fn window_keys_are_iso_weeks() {
        assert_eq!(window_key(day(2026, 11, 23)), "2026-W48");
        assert_eq!(window_key(day(2026, 11, 29)), "2026-W48");
        assert_eq!(window_key(day(2026, 11, 30)), "2026-W49");
        assert_eq!(window_key(day(2027, 1, 3)), "2026-W53");
        assert_eq!(window_key(day(2027, 1, 4)), "2027-W01");
    }

    #[test]
    fn cap_formula_at_its_boundaries() {
        assert!(within_cap(1, 1));
        assert!(!within_cap(2, 2));
        assert!(within_cap(2, 3));
        assert!(within_cap(3, 5));
        assert!(!within_cap(3, 4));
        assert!(within_cap(4, 8));
        assert!(!within_cap(4, 7));
        assert!(within_cap(u64::MAX / 3, u64::MAX));
        assert!(!within_cap(u64::MAX, u64::MAX));
    }

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000), "1,000");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(trimmed(75.0), "75");
        assert_eq!(trimmed_percent(2.0 / 3.0), "66.7 %");
        assert_eq!(one_decimal_percent(0.96), "96.0 %");
    }

    #[test]
    fn two_qualifying_suppliers_cannot_sustain_the_cap() {
        let suppliers = [
            supplier("A", 80.0, None, 70.0),
            supplier("B", 80.0, None, 60.0),
        ];
        let mut windows = RoutingWindows::new();
        let orders: Vec<_> = (1..=7)
            .map(|i| order(&format!("o{i}"), day(2026, 11, 24), Tier::Standard, 100))
            .collect();
        let decisions = route_all(orders, &TierRules::default(), &suppliers, &mut windows);
        let winners: Vec<_> = decisions.iter().map(routed_to).collect();
        assert_eq!(
            winners,
            [
                Some("A"),
                Some("B"),
                Some("A"),
                Some("B"),
                Some("A"),
                Some("B"),
                None
            ]
        );
        let last = &decisions[6];
        assert_eq!(
            held_reason(last),
            Some("only 2 suppliers qualify; the 40 % cap cannot be met")
        );
        assert_eq!(
            last.summary,
            "held: only 2 suppliers qualify; the 40 % cap cannot be met"
        );
        assert_eq!(
            passed_over(last, "A"),
            "would hold 4 of 7 orders this week (57.1 %), over the 40 % cap"
        );
        let a = line(last, "A");
        assert_eq!(
            (a.window_orders, a.share_before, a.share_with_order),
            (3, 0.5, 4.0 / 7.0)
        );
        // The second order could not go to A: 2 of 2 is over the cap.
        assert_eq!(
            passed_over(&decisions[1], "A"),
            "would hold 2 of 2 orders this week (100 %), over the 40 % cap"
        );
        let week = windows.window("2026-W48").unwrap();
        assert_eq!(
            (week.total, week.orders_to("A"), week.orders_to("B")),
            (6, 3, 3)
        );
    }

    #[test]
    fn a_lone_qualifying_supplier_takes_one_order_a_week() {
        let suppliers = [supplier("A", 80.0, None, 70.0)];
        let mut windows = RoutingWindows::new();
        assert_eq!(
            routed_to(&route(
                &order("o1", day(2026, 11, 24), Tier::Standard, 1),
                &suppliers,
                &mut windows
            )),
            Some("A")
        );
        let held = route(
            &order("o2", day(2026, 11, 24), Tier::Standard, 1),
            &suppliers,
            &mut windows,
        );
        assert_eq!(
            held_reason(&held),
            Some("only 1 supplier qualifies; the 40 % cap cannot be met")
        );
    }

    #[test]
    fn a_demoted_supplier_receives_nothing() {
        let mut demoted = supplier("D", 99.0, Some(1.0), 70.0);
        demoted.good_standing = false;
        let suppliers = [
            demoted.clone(),
            supplier("A", 80.0, None, 72.0),
            supplier("B", 80.0, None, 75.0),
            supplier("C", 80.0, None, 80.0),
        ];
        let orders: Vec<_> = (0..20)
            .map(|i| order(&format!("o{i:02}"), day(2026, 11, 24), Tier::Standard, 10))
            .collect();
        let decisions = route_all(
            orders,
            &TierRules::default(),
            &suppliers,
            &mut RoutingWindows::new(),
        );
        for decision in &decisions {
            assert_ne!(routed_to(decision), Some("D"));
            assert!(
                routed_to(decision).is_some(),
                "three suppliers can always meet the cap"
            );
            assert_eq!(
                line(decision, "D").verdict,
                Verdict::Filtered {
                    filter: Filter::Standing,
                    reason: "demoted".to_owned()
                }
            );
        }
        let alone = route(
            &order("o", day(2026, 11, 24), Tier::Standard, 10),
            &[demoted],
            &mut RoutingWindows::new(),
        );
        assert_eq!(held_reason(&alone), Some("supplier D is demoted"));
    }

    #[test]
    fn premium_waits_while_retention_is_unknown() {
        let suppliers = [
            supplier("A", 90.0, None, 85.0),
            supplier("B", 95.0, None, 80.0),
        ];
        let mut windows = RoutingWindows::new();
        let premium = route(
            &order("p", day(2026, 11, 24), Tier::Premium, 10),
            &suppliers,
            &mut windows,
        );
        assert_eq!(
            held_reason(&premium),
            Some("no supplier has a known retention score for premium")
        );
        assert_eq!(
            passed_over(&premium, "A"),
            "retention unknown; premium needs 90 %"
        );
        assert!(
            windows.window("2026-W48").is_none(),
            "held orders are not counted"
        );
        let standard = route(
            &order("s", day(2026, 11, 24), Tier::Standard, 10),
            &suppliers,
            &mut windows,
        );
        assert!(routed_to(&standard).is_some());
    }

    #[test]
    fn minimum_failures_are_explained() {
        let suppliers = [
            supplier("A", 71.2, Some(0.99), 85.0),
            supplier("B", 90.0, Some(0.875), 85.0),
            supplier("C", 90.0, Some(0.90), 80.0),
        ];
        let decision = route(
            &order("p", day(2026, 11, 24), Tier::Premium, 10),
            &suppliers,
            &mut RoutingWindows::new(),
        );
        assert_eq!(
            routed_to(&decision),
            Some("C"),
            "retention exactly at the minimum qualifies"
        );
        assert_eq!(
            passed_over(&decision, "A"),
            "quality 71.2 below premium minimum 75"
        );
        assert_eq!(
            passed_over(&decision, "B"),
            "retention 87.5 % below premium minimum 90 %"
        );
        assert_eq!(
            decision.summary,
            "routed to C: the only supplier that qualifies for premium within the 40 % cap"
        );

        let low_quality = route(
            &order("p", day(2026, 11, 24), Tier::Premium, 10),
            &suppliers[..1],
            &mut RoutingWindows::new(),
        );
        assert_eq!(
            held_reason(&low_quality),
            Some("no supplier in good standing meets the premium quality minimum 75")
        );
        let low_retention = route(
            &order("p", day(2026, 11, 24), Tier::Premium, 10),
            &suppliers[..2],
            &mut RoutingWindows::new(),
        );
        assert_eq!(
            held_reason(&low_retention),
            Some(
                "every supplier that passes standing and quality is below the premium retention minimum 90 %"
            )
        );
        assert_eq!(
            held_reason(&route(
                &order("p", day(2026, 11, 24), Tier::Premium, 10),
                &[],
                &mut RoutingWindows::new()
            )),
            Some("no suppliers are on file")
        );
    }

    #[test]
    fn retention_holds_say_which_retentions_are_missing() {
        let known_but_poor = supplier("A", 50.0, Some(0.99), 85.0);
        let unknown = supplier("B", 90.0, None, 85.0);
        let low = supplier("C", 90.0, Some(0.5), 85.0);
        let premium = order("p", day(2026, 11, 24), Tier::Premium, 10);
        let only_unknown = route(
            &premium,
            &[known_but_poor, unknown.clone()],
            &mut RoutingWindows::new(),
        );
        assert_eq!(
            held_reason(&only_unknown),
            Some(
                "no supplier that passes standing and quality has a known retention score for premium"
            )
        );
        let mixed = route(&premium, &[unknown, low], &mut RoutingWindows::new());
        assert_eq!(
            held_reason(&mixed),
            Some(
                "every supplier that passes standing and quality is below the premium retention minimum 90 % or unknown (1 below, 1 unknown)"
            )
        );
    }

    #[test]
    fn closest_composite_to_target_wins() {
        let suppliers = [
            supplier("C", 90.0, Some(0.95), 90.0),
            supplier("A", 90.0, Some(0.95), 78.0),
            supplier("B", 90.0, Some(0.95), 82.5),
        ];
        let decision = route(
            &order("p", day(2026, 11, 24), Tier::Premium, 10),
            &suppliers,
            &mut RoutingWindows::new(),
        );
        assert_eq!(routed_to(&decision), Some("B"));
        assert_eq!(line(&decision, "B").verdict, Verdict::Winner);
        assert_eq!(
            passed_over(&decision, "A"),
            "composite 78.0 is 7.0 from target 85; B is closer (2.5)"
        );
        assert_eq!(
            passed_over(&decision, "C"),
            "composite 90.0 is 5.0 from target 85; B is closer (2.5)"
        );
        assert_eq!(
            decision.summary,
            "routed to B: composite 82.5 is closest to the premium target 85 (2.5 away)"
        );
        let names: Vec<_> = decision.lines.iter().map(|l| l.supplier.as_str()).collect();
        assert_eq!(names, ["A", "B", "C"], "lines are listed by name");
    }

    #[test]
    fn ties_go_to_fewer_orders_then_to_byte_order_name() {
        let suppliers = [
            supplier("b", 90.0, Some(0.95), 90.0),
            supplier("B", 90.0, Some(0.95), 80.0),
        ];
        let fresh = route(
            &order("p", day(2026, 11, 24), Tier::Premium, 10),
            &suppliers,
            &mut RoutingWindows::new(),
        );
        assert_eq!(
            routed_to(&fresh),
            Some("B"),
            "'B' sorts before 'b' in byte order"
        );
        assert_eq!(
            passed_over(&fresh, "b"),
            "tie on distance and orders this week; B comes first by name"
        );

        let mut windows = RoutingWindows::new();
        windows.record(day(2026, 11, 23), "B");
        windows.record(day(2026, 11, 23), "x");
        windows.record(day(2026, 11, 23), "y");
        let busy = route(
            &order("q", day(2026, 11, 24), Tier::Premium, 10),
            &suppliers,
            &mut windows,
        );
        assert_eq!(routed_to(&busy), Some("b"));
        assert_eq!(
            passed_over(&busy, "B"),
            "tie on distance; fewer orders this week went to b"
        );
        assert_eq!(
            busy.summary,
            "routed to b: tied on distance to the premium target 85 and had fewer orders this week"
        );
    }

    #[test]
    fn capacity_is_per_platform() {
        let mut small = supplier("A", 80.0, None, 70.0);
        small.capacity.insert("instagram".to_owned(), 1_200);
        let mut tiktok_only = supplier("B", 80.0, None, 70.0);
        tiktok_only.capacity.remove("instagram");
        let suppliers = [small, tiktok_only];
        let instagram = route(
            &order("i", day(2026, 11, 24), Tier::Standard, 5_000),
            &suppliers,
            &mut RoutingWindows::new(),
        );
        assert_eq!(
            held_reason(&instagram),
            Some("no supplier in good standing has capacity for 5,000 on instagram")
        );
        assert_eq!(
            passed_over(&instagram, "A"),
            "capacity 1,200 on instagram below 5,000"
        );
        assert_eq!(passed_over(&instagram, "B"), "no capacity on instagram");
        let mut tiktok = order("t", day(2026, 11, 24), Tier::Standard, 5_000);
        tiktok.platform = "tiktok".to_owned();
        assert_eq!(
            routed_to(&route(&tiktok, &suppliers, &mut RoutingWindows::new())),
            Some("A")
        );
        let exact = route(
            &order("e", day(2026, 11, 24), Tier::Standard, 1_200),
            &suppliers,
            &mut RoutingWindows::new(),
        );
        assert_eq!(
            routed_to(&exact),
            Some("A"),
            "capacity equal to the quantity is enough"
        );
    }

    #[test]
    fn capacity_hold_names_the_tier_when_unqualified_suppliers_have_room() {
        let mut roomy_but_poor = supplier("A", 50.0, None, 70.0);
        roomy_but_poor
            .capacity
            .insert("instagram".to_owned(), 100_000);
        let suppliers = [roomy_but_poor, supplier("B", 80.0, None, 70.0)];
        let decision = route(
            &order("i", day(2026, 11, 24), Tier::Standard, 50_000),
            &suppliers,
            &mut RoutingWindows::new(),
        );
        assert_eq!(
            held_reason(&decision),
            Some("no supplier that qualifies for standard has capacity for 50,000 on instagram")
        );
    }

    #[test]
    fn windows_reset_each_iso_week() {
        let suppliers = [supplier("A", 80.0, None, 70.0)];
        let mut windows = RoutingWindows::new();
        let sunday = day(2026, 11, 29);
        let monday = day(2026, 11, 30);
        let orders = vec![
            order("o3", monday, Tier::Standard, 1),
            order("o2", sunday, Tier::Standard, 1),
            order("o1", sunday, Tier::Standard, 1),
        ];
        let decisions = route_all(orders, &TierRules::default(), &suppliers, &mut windows);
        let ids: Vec<_> = decisions.iter().map(|d| d.order_id.as_str()).collect();
        assert_eq!(
            ids,
            ["o1", "o2", "o3"],
            "routed in order of (placed_at, order_id)"
        );
        assert_eq!(
            decisions.iter().map(routed_to).collect::<Vec<_>>(),
            [Some("A"), None, Some("A")]
        );
        assert_eq!(decisions[0].window, "2026-W48");
        assert_eq!(decisions[2].window, "2026-W49");
        let keys: Vec<_> = windows
            .iter()
            .map(|(key, counts)| (key, counts.total))
            .collect();
        assert_eq!(keys, [("2026-W48", 1), ("2026-W49", 1)]);
    }

    #[test]
    fn refills_and_hand_releases_count_in_windows() {
        let suppliers = [
            supplier("A", 80.0, None, 70.0),
            supplier("B", 80.0, None, 70.0),
        ];
        let mut windows = RoutingWindows::new();
        let mut refill = order("o1-R1", day(2026, 11, 24), Tier::Standard, 50);
        refill.refill_of = Some("o1".to_owned());
        assert_eq!(
            routed_to(&route(&refill, &suppliers, &mut windows)),
            Some("A")
        );
        windows.record(day(2026, 11, 25), "B");
        let week = windows.window("2026-W48").unwrap();
        assert_eq!(
            (week.total, week.orders_to("A"), week.orders_to("B")),
            (2, 1, 1)
        );
        // A: 2 of 3 (10 ≤ 11) is allowed, and A wins on name.
        let next = route(
            &order("o2", day(2026, 11, 26), Tier::Standard, 50),
            &suppliers,
            &mut windows,
        );
        assert_eq!(routed_to(&next), Some("A"));
        let b = line(&next, "B");
        assert_eq!(
            (b.window_orders, b.share_before, b.share_with_order),
            (1, 0.5, 2.0 / 3.0)
        );
        // A: 3 of 4 and B: 2 of 4 (10 ≤ 13): B.
        let after = route(
            &order("o3", day(2026, 11, 26), Tier::Standard, 50),
            &suppliers,
            &mut windows,
        );
        assert_eq!(routed_to(&after), Some("B"));
        assert_eq!(
            passed_over(&after, "A"),
            "would hold 3 of 4 orders this week (75 %), over the 40 % cap"
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        const PLATFORMS: [&str; 2] = ["instagram", "tiktok"];

        fn supplier_strategy() -> impl Strategy<Value = SupplierSnapshot> {
            (
                prop::bool::weighted(0.85),
                55u32..100,
                prop::option::weighted(0.8, 85u32..=100),
                (120u32..200).prop_map(|half_points| f64::from(half_points) / 2.0),
                prop::collection::btree_map(
                    prop::sample::select(PLATFORMS.to_vec()),
                    0u64..5_000,
                    1..=2,
                ),
            )
                .prop_map(
                    |(good_standing, quality, retention, composite, capacity)| SupplierSnapshot {
                        name: String::new(),
                        good_standing,
                        quality: f64::from(quality),
                        retention: retention.map(|percent| f64::from(percent) / 100.0),
                        composite,
                        capacity: capacity
                            .into_iter()
                            .map(|(p, c)| (p.to_owned(), c))
                            .collect(),
                    },
                )
        }

        fn suppliers_strategy() -> impl Strategy<Value = Vec<SupplierSnapshot>> {
            prop::collection::vec(supplier_strategy(), 0..7).prop_map(|suppliers| {
                suppliers
                    .into_iter()
                    .enumerate()
                    .map(|(i, s)| SupplierSnapshot {
                        name: format!("s{}", (i * 5) % 7),
                        ..s
                    })
                    .collect()
            })
        }

        fn orders_strategy() -> impl Strategy<Value = Vec<OrderRequest>> {
            prop::collection::vec(
                (
                    0u64..21,
                    prop::sample::select(Tier::ALL.to_vec()),
                    1u64..2_000,
                    prop::sample::select(PLATFORMS.to_vec()),
                    any::<bool>(),
                ),
                0..40,
            )
            .prop_map(|rows| {
                rows.into_iter()
                    .enumerate()
                    .map(
                        |(i, (offset, tier, quantity, platform, refill))| OrderRequest {
                            order_id: format!("o{i:02}"),
                            placed_at: day(2026, 11, 20) + chrono::Days::new(offset),
                            customer: "acme".to_owned(),
                            platform: platform.to_owned(),
                            service: "followers".to_owned(),
                            tier,
                            quantity,
                            refill_of: refill.then(|| "original".to_owned()),
                        },
                    )
                    .collect()
            })
        }

        fn qualifies(order: &OrderRequest, rule: &TierRule, s: &SupplierSnapshot) -> bool {
            s.good_standing
                && s.quality >= rule.min_quality
                && rule
                    .min_retention
                    .is_none_or(|min| s.retention.is_some_and(|r| r >= min))
                && s.capacity
                    .get(&order.platform)
                    .is_some_and(|&c| c >= order.quantity)
        }

        proptest! {
            #[test]
            fn cap_holds_at_every_prefix_and_winners_qualify(
                orders in orders_strategy(),
                suppliers in suppliers_strategy(),
            ) {
                let rules = TierRules::default();
                let by_id: BTreeMap<_, _> = orders.iter().map(|o| (o.order_id.clone(), o.clone())).collect();
                let decisions = route_all(orders, &rules, &suppliers, &mut RoutingWindows::new());
                let mut replay = RoutingWindows::new();
                for decision in &decisions {
                    let order = &by_id[&decision.order_id];
                    let winners = decision.lines.iter().filter(|l| l.verdict == Verdict::Winner).count();
                    prop_assert_eq!(decision.lines.len(), suppliers.len());
                    match &decision.outcome {
                        Outcome::Routed { supplier } => {
                            prop_assert_eq!(winners, 1);
                            let snapshot = suppliers.iter().find(|s| &s.name == supplier).unwrap();
                            prop_assert!(qualifies(order, rules.get(order.tier), snapshot));
                            replay.record(order.placed_at, supplier);
                            for (_, counts) in replay.iter() {
                                for &n in counts.by_supplier.values() {
                                    prop_assert!(within_cap(n, counts.total), "{} of {}", n, counts.total);
                                }
                            }
                        }
                        Outcome::Held { reason } => {
                            prop_assert_eq!(winners, 0);
                            prop_assert!(!reason.is_empty());
                        }
                    }
                }
            }

            #[test]
            fn route_all_is_deterministic_and_ignores_input_order(
                (orders, shuffled) in orders_strategy().prop_flat_map(|o| (Just(o.clone()), Just(o).prop_shuffle())),
                suppliers in suppliers_strategy(),
            ) {
                let rules = TierRules::default();
                let mut windows = RoutingWindows::new();
                let mut shuffled_windows = RoutingWindows::new();
                let decisions = route_all(orders, &rules, &suppliers, &mut windows);
                let again = route_all(shuffled, &rules, &suppliers, &mut shuffled_windows);
                prop_assert_eq!(decisions, again);
                prop_assert_eq!(windows, shuffled_windows);
            }
        }
    }
}
