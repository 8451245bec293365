//! Supplier retention score and retention curves (SPEC §3).
//!
//! The retention score of a supplier on a day `as_of` is the mean, over its
//! orders delivered within the last 56 days (`0 ≤ as_of − delivered_at < 56`),
//! of the latest usable check's `retained / quantity`. A check is usable when
//! it was made on or before `as_of` and 0 to 30 days after delivery; checks
//! dated before delivery do not count. Orders without a usable check are left
//! out; a supplier with no such orders has an unknown score (`None`).
//!
//! Two checks of one order on the same day count as one: the lower.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Orders delivered this many days or more before `as_of` are out of the score.
pub const SCORE_WINDOW_DAYS: i64 = 56;

/// Last day after delivery on which a check counts towards the score.
pub const CHECK_WINDOW_DAYS: i64 = 30;

/// One of a supplier's orders with its retention checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRetention {
    /// Units ordered; orders of 0 units are left out of scores and curves.
    pub quantity: u64,
    /// Day of delivery; `None` while undelivered.
    pub delivered_at: Option<NaiveDate>,
    /// Checks as `(checked_at, retained)`, in any order.
    pub checks: Vec<(NaiveDate, u64)>,
}

/// The supplier's retention score on `as_of` as a fraction, or `None` when
/// unknown (SPEC §3).
pub fn retention_score(as_of: NaiveDate, orders: &[OrderRetention]) -> Option<f64> {
    let scored: Vec<f64> = orders
        .iter()
        .filter_map(|order| scored_retention(as_of, order))
        .collect();
    if scored.is_empty() {
        None
    } else {
        Some(scored.iter().sum::<f64>() / scored.len() as f64)
    }
}

/// The retention one order contributes to the score on `as_of`, if any.
fn scored_retention(as_of: NaiveDate, order: &OrderRetention) -> Option<f64> {
    let delivered_at = order.delivered_at?;
    if order.quantity == 0 || !(0..SCORE_WINDOW_DAYS).contains(&(as_of - delivered_at).num_days()) {
        return None;
    }
    let (_, retained) = order
        .checks
        .iter()
        .filter(|(checked_at, _)| {
            *checked_at <= as_of
                && (0..=CHECK_WINDOW_DAYS).contains(&(*checked_at - delivered_at).num_days())
        })
        .min_by_key(|(checked_at, retained)| (Reverse(*checked_at), *retained))?;
    Some(*retained as f64 / order.quantity as f64)
}

/// An order's retention by day since delivery: one point per day with a
/// check on or after delivery (any day), sorted by day. Empty while
/// undelivered.
pub fn order_curve(order: &OrderRetention) -> Vec<(i64, f64)> {
    let Some(delivered_at) = order.delivered_at else {
        return Vec::new();
    };
    if order.quantity == 0 {
        return Vec::new();
    }
    let mut by_day: BTreeMap<i64, u64> = BTreeMap::new();
    for &(checked_at, retained) in &order.checks {
        let day = (checked_at - delivered_at).num_days();
        if day >= 0 {
            by_day
                .entry(day)
                .and_modify(|lowest| *lowest = (*lowest).min(retained))
                .or_insert(retained);
        }
    }
    by_day
        .into_iter()
        .map(|(day, retained)| (day, retained as f64 / order.quantity as f64))
        .collect()
}

/// A supplier's retention curve: for each day since delivery on which any of
/// its orders was checked, `(day, mean retention, orders checked that day)`,
/// sorted by day.
pub fn supplier_curve(orders: &[OrderRetention]) -> Vec<(i64, f64, usize)> {
    let mut by_day: BTreeMap<i64, (f64, usize)> = BTreeMap::new();
    for (day, retention) in orders.iter().flat_map(order_curve) {
        let (sum, checked) = by_day.entry(day).or_insert((0.0, 0));
        *sum += retention;
        *checked += 1;
    }
    by_day
        .into_iter()
        .map(|(day, (sum, checked))| (day, sum / checked as f64, checked))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delivered() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()
    }

    fn after(days: i64) -> NaiveDate {
        delivered() + chrono::TimeDelta::days(days)
    }

    fn order(checks: &[(i64, u64)]) -> OrderRetention {
        OrderRetention {
            quantity: 1_000,
            delivered_at: Some(delivered()),
            checks: checks
                .iter()
                .map(|&(d, retained)| (after(d), retained))
                .collect(),
        }
    }

    #[test]
    fn orders_delivered_55_days_ago_count_but_not_56() {
        let orders = [order(&[(10, 900)])];
        assert_eq!(retention_score(after(55), &orders), Some(0.9));
        assert_eq!(retention_score(after(56), &orders), None);
        assert_eq!(
            retention_score(after(-1), &orders),
            None,
            "delivered after as_of"
        );
    }

    #[test]
    fn checks_count_from_day_0_to_day_30() {
        assert_eq!(
            retention_score(after(40), &[order(&[(30, 800)])]),
            Some(0.8)
        );
        assert_eq!(retention_score(after(40), &[order(&[(0, 800)])]), Some(0.8));
        assert_eq!(retention_score(after(40), &[order(&[(31, 800)])]), None);
        assert_eq!(retention_score(after(40), &[order(&[(-1, 800)])]), None);
        assert_eq!(
            retention_score(after(40), &[order(&[(10, 750), (31, 500)])]),
            Some(0.75)
        );
    }

    #[test]
    fn latest_check_up_to_as_of_is_used() {
        let checks = [(20, 700), (5, 900)];
        assert_eq!(
            retention_score(after(10), &[order(&checks)]),
            Some(0.9),
            "check after as_of ignored"
        );
        assert_eq!(retention_score(after(20), &[order(&checks)]), Some(0.7));
        assert_eq!(
            retention_score(after(40), &[order(&[(5, 900), (20, 700)])]),
            Some(0.7)
        );
        assert_eq!(
            retention_score(after(40), &[order(&[(20, 700), (20, 600)])]),
            Some(0.6)
        );
    }

    #[test]
    fn score_is_the_mean_over_scored_orders() {
        let undelivered = OrderRetention {
            delivered_at: None,
            ..order(&[(5, 0)])
        };
        let unchecked = order(&[]);
        let orders = [
            order(&[(5, 750)]),
            order(&[(5, 500)]),
            undelivered,
            unchecked,
        ];
        assert_eq!(retention_score(after(40), &orders), Some(0.625));
        assert_eq!(retention_score(after(40), &[]), None);
    }

    #[test]
    fn curves_by_day_since_delivery() {
        let first = order(&[(40, 500), (-2, 1_000), (7, 900), (7, 800)]);
        assert_eq!(order_curve(&first), [(7, 0.8), (40, 0.5)]);
        let second = order(&[(7, 600), (14, 1_000)]);
        assert_eq!(
            supplier_curve(&[first, second]),
            [(7, 0.7, 2), (14, 1.0, 1), (40, 0.5, 1)]
        );
        assert!(
            order_curve(&OrderRetention {
                delivered_at: None,
                ..order(&[(1, 1)])
            })
            .is_empty()
        );
    }
}
