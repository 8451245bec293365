//! Refills after a retention drop (SPEC §5).
//!
//! A [`RetentionCheck`] counts how many units of a delivered order are still
//! there (units of the order and of its refills alike). Each new check is
//! evaluated once, in order of `(checked_at, order_id)`, and creates a refill
//! order when all of these hold:
//!
//! - the order is delivered and `0 ≤ checked_at − delivered_at ≤ 30` whole days;
//! - the drop is more than 5 %: `100 × retained < 95 × quantity` (exactly 5 %
//!   does not trigger);
//! - the order has no refill that is still undelivered.
//!
//! The refill is for `quantity − retained` units, has id `<order_id>-R<n>`
//! (n = 1, 2, … counting the order's refills so far), is placed on the check's
//! date, keeps the customer, platform, service and tier, and links back to the
//! original through `refill_of`. It is then routed like any order (SPEC §4).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::routing::{OrderRequest, Tier, count, one_decimal_percent};

/// Last day after delivery on which a check can trigger a refill (SPEC §5).
pub const REFILL_WINDOW_DAYS: i64 = 30;

/// A count of the units of an order still present on a day (SPEC §5).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RetentionCheck {
    /// The original order checked.
    pub order_id: String,
    /// Day of the check.
    pub checked_at: NaiveDate,
    /// Units still present, counting the order's refills alike.
    pub retained: u64,
}

/// A refill already created for an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefillFacts {
    /// Refill order id, `<order_id>-R<n>`.
    pub id: String,
    /// True once the refill is delivered.
    pub delivered: bool,
}

/// What refill evaluation needs to know about an original order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderFacts {
    /// Order id.
    pub order_id: String,
    /// Units ordered.
    pub quantity: u64,
    /// Day of delivery; `None` while undelivered.
    pub delivered_at: Option<NaiveDate>,
    /// Refills created so far, oldest first.
    pub refills: Vec<RefillFacts>,
    /// Customer, copied to refills.
    pub customer: String,
    /// Platform, copied to refills.
    pub platform: String,
    /// Service, copied to refills.
    pub service: String,
    /// Tier, copied to refills.
    pub tier: Tier,
}

impl OrderFacts {
    /// The first refill not delivered yet, if any.
    pub fn open_refill(&self) -> Option<&RefillFacts> {
        self.refills.iter().find(|refill| !refill.delivered)
    }
}

/// Result of evaluating one check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CheckOutcome {
    /// The check triggered a refill order.
    RefillCreated {
        /// The new order, to be routed like any order.
        refill: OrderRequest,
        /// Why, in words.
        reason: String,
    },
    /// The check triggered nothing.
    NoRefill {
        /// Why not, e.g. "retention 96.0 % is within 5 %".
        reason: String,
    },
}

impl CheckOutcome {
    /// The refill created, if any.
    pub fn refill(&self) -> Option<&OrderRequest> {
        match self {
            CheckOutcome::RefillCreated { refill, .. } => Some(refill),
            CheckOutcome::NoRefill { .. } => None,
        }
    }

    /// The reason in words.
    pub fn reason(&self) -> &str {
        match self {
            CheckOutcome::RefillCreated { reason, .. } | CheckOutcome::NoRefill { reason } => {
                reason
            }
        }
    }
}

/// One check of a batch with its outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckEvaluation {
    /// The check evaluated.
    pub check: RetentionCheck,
    /// What it led to.
    pub outcome: CheckOutcome,
}

/// Evaluates one check against its order (SPEC §5). Does not change `order`:
/// the caller adds the refill to the order's facts (see [`evaluate_checks`]).
pub fn evaluate_check(order: &OrderFacts, check: &RetentionCheck) -> CheckOutcome {
    let no_refill = |reason: String| CheckOutcome::NoRefill { reason };
    if check.order_id != order.order_id {
        return no_refill(format!(
            "check is for order {}, not {}",
            check.order_id, order.order_id
        ));
    }
    let Some(delivered_at) = order.delivered_at else {
        return no_refill("not delivered yet".to_owned());
    };
    let day = (check.checked_at - delivered_at).num_days();
    if day < 0 {
        return no_refill("checked before delivery".to_owned());
    }
    if day > REFILL_WINDOW_DAYS {
        return no_refill(format!(
            "day {day} after delivery: checks after day {REFILL_WINDOW_DAYS} never trigger refills"
        ));
    }
    let retention = if order.quantity == 0 {
        1.0
    } else {
        check.retained as f64 / order.quantity as f64
    };
    if 100 * u128::from(check.retained) >= 95 * u128::from(order.quantity) {
        return no_refill(format!(
            "retention {} is within 5 %",
            one_decimal_percent(retention)
        ));
    }
    if let Some(open) = order.open_refill() {
        return no_refill(format!("refill {} is still undelivered", open.id));
    }
    // A drop of more than 5 % means retained < quantity, so this cannot underflow.
    let missing = order.quantity - check.retained;
    let id = format!("{}-R{}", order.order_id, order.refills.len() + 1);
    let reason = format!(
        "retained {} of {} ({}) on day {day}, a drop of more than 5 %: refill {id} for {}",
        count(check.retained),
        count(order.quantity),
        one_decimal_percent(retention),
        count(missing)
    );
    CheckOutcome::RefillCreated {
        refill: OrderRequest {
            order_id: id,
            placed_at: check.checked_at,
            customer: order.customer.clone(),
            platform: order.platform.clone(),
            service: order.service.clone(),
            tier: order.tier,
            quantity: missing,
            refill_of: Some(order.order_id.clone()),
        },
        reason,
    }
}

/// Evaluates a batch of new checks, given in any order, in order of
/// `(checked_at, order_id)` (SPEC §5). Each refill created is added to its
/// order's facts in `orders` (keyed by order id) as undelivered, so a later
/// check of the same order sees the open refill. Checks of orders missing
/// from `orders` create nothing. The evaluations come one at a time, so a million checks
/// are stored as they are judged rather than held twice.
pub fn evaluate_checks(
    orders: &mut BTreeMap<String, OrderFacts>,
    mut checks: Vec<RetentionCheck>,
) -> impl Iterator<Item = CheckEvaluation> + '_ {
    // `retained` breaks the remaining ties so that the row order never matters.
    checks.sort_by(|a, b| {
        (a.checked_at, &a.order_id, a.retained).cmp(&(b.checked_at, &b.order_id, b.retained))
    });
    checks.into_iter().map(|check| {
        let outcome = match orders.get_mut(&check.order_id) {
            None => CheckOutcome::NoRefill {
                reason: format!("unknown order {}", check.order_id),
            },
            Some(order) => {
                let outcome = evaluate_check(order, &check);
                if let Some(refill) = outcome.refill() {
                    order.refills.push(RefillFacts {
                        id: refill.order_id.clone(),
                        delivered: false,
                    });
                }
                outcome
            }
        };
        CheckEvaluation { check, outcome }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const DELIVERED: (i32, u32, u32) = (2026, 11, 2);

    fn delivered() -> NaiveDate {
        day(DELIVERED.0, DELIVERED.1, DELIVERED.2)
    }

    fn after(days: u64) -> NaiveDate {
        delivered() + chrono::Days::new(days)
    }

    fn facts(id: &str, quantity: u64) -> OrderFacts {
        OrderFacts {
            order_id: id.to_owned(),
            quantity,
            delivered_at: Some(delivered()),
            refills: Vec::new(),
            customer: "acme".to_owned(),
            platform: "tiktok".to_owned(),
            service: "followers".to_owned(),
            tier: Tier::Premium,
        }
    }

    fn check(id: &str, checked_at: NaiveDate, retained: u64) -> RetentionCheck {
        RetentionCheck {
            order_id: id.to_owned(),
            checked_at,
            retained,
        }
    }

    fn batch(orders: &[OrderFacts]) -> BTreeMap<String, OrderFacts> {
        orders
            .iter()
            .map(|o| (o.order_id.clone(), o.clone()))
            .collect()
    }

    #[test]
    fn exactly_five_percent_does_not_trigger_but_more_does() {
        let order = facts("o1", 1_000);
        let at_five = evaluate_check(&order, &check("o1", after(10), 950));
        assert_eq!(
            at_five,
            CheckOutcome::NoRefill {
                reason: "retention 95.0 % is within 5 %".to_owned()
            }
        );
        let over_five = evaluate_check(&order, &check("o1", after(10), 949));
        let expected = OrderRequest {
            order_id: "o1-R1".to_owned(),
            placed_at: after(10),
            customer: "acme".to_owned(),
            platform: "tiktok".to_owned(),
            service: "followers".to_owned(),
            tier: Tier::Premium,
            quantity: 51,
            refill_of: Some("o1".to_owned()),
        };
        assert_eq!(over_five.refill(), Some(&expected));
        assert_eq!(
            over_five.reason(),
            "retained 949 of 1,000 (94.9 %) on day 10, a drop of more than 5 %: refill o1-R1 for 51"
        );
        let grown = evaluate_check(&order, &check("o1", after(10), 1_200));
        assert_eq!(grown.reason(), "retention 120.0 % is within 5 %");
    }

    #[test]
    fn only_days_0_to_30_after_delivery_trigger() {
        let order = facts("o1", 1_000);
        assert!(
            evaluate_check(&order, &check("o1", after(0), 500))
                .refill()
                .is_some()
        );
        assert!(
            evaluate_check(&order, &check("o1", after(30), 500))
                .refill()
                .is_some()
        );
        assert_eq!(
            evaluate_check(&order, &check("o1", after(31), 500)).reason(),
            "day 31 after delivery: checks after day 30 never trigger refills"
        );
        assert_eq!(
            evaluate_check(&order, &check("o1", after(34), 500)).reason(),
            "day 34 after delivery: checks after day 30 never trigger refills"
        );
        let before = delivered() - chrono::Days::new(1);
        assert_eq!(
            evaluate_check(&order, &check("o1", before, 500)).reason(),
            "checked before delivery"
        );
        let undelivered = OrderFacts {
            delivered_at: None,
            ..order
        };
        assert_eq!(
            evaluate_check(&undelivered, &check("o1", after(3), 500)).reason(),
            "not delivered yet"
        );
    }

    #[test]
    fn one_open_refill_at_a_time_then_a_second_refill() {
        let mut orders = batch(&[facts("o1", 1_000)]);
        let first: Vec<_> = evaluate_checks(
            &mut orders,
            vec![check("o1", after(12), 700), check("o1", after(5), 900)],
        )
        .collect();
        assert_eq!(
            first[0].check.checked_at,
            after(5),
            "checks run in date order"
        );
        assert_eq!(
            first[0]
                .outcome
                .refill()
                .map(|r| (r.order_id.as_str(), r.quantity)),
            Some(("o1-R1", 100))
        );
        assert_eq!(
            first[1].outcome.reason(),
            "refill o1-R1 is still undelivered"
        );
        assert_eq!(
            orders["o1"].refills,
            [RefillFacts {
                id: "o1-R1".to_owned(),
                delivered: false
            }]
        );

        if let Some(order) = orders.get_mut("o1") {
            order.refills[0].delivered = true;
        }
        let second =
            evaluate_checks(&mut orders, vec![check("o1", after(20), 800)]).collect::<Vec<_>>();
        assert_eq!(
            second[0]
                .outcome
                .refill()
                .map(|r| (r.order_id.as_str(), r.quantity)),
            Some(("o1-R2", 200))
        );
        assert_eq!(
            orders["o1"].open_refill().map(|r| r.id.as_str()),
            Some("o1-R2")
        );
    }

    #[test]
    fn unknown_and_mismatched_orders_create_nothing() {
        let mut orders = batch(&[facts("o1", 1_000)]);
        let outcomes =
            evaluate_checks(&mut orders, vec![check("o9", after(1), 0)]).collect::<Vec<_>>();
        assert_eq!(outcomes[0].outcome.reason(), "unknown order o9");
        assert_eq!(
            evaluate_check(&facts("o1", 1_000), &check("o2", after(1), 0)).reason(),
            "check is for order o2, not o1"
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn orders_strategy() -> impl Strategy<Value = BTreeMap<String, OrderFacts>> {
            prop::collection::vec(
                (
                    1u64..2_000,
                    prop::option::weighted(0.9, 0u64..10),
                    prop::collection::vec(any::<bool>(), 0..3),
                ),
                1..5,
            )
            .prop_map(|rows| {
                rows.into_iter()
                    .enumerate()
                    .map(|(i, (quantity, delivered, refills))| {
                        let id = format!("o{i}");
                        let refills = refills
                            .into_iter()
                            .enumerate()
                            .map(|(n, delivered)| RefillFacts {
                                id: format!("{id}-R{}", n + 1),
                                delivered,
                            })
                            .collect();
                        let order = OrderFacts {
                            refills,
                            delivered_at: delivered.map(after),
                            ..facts(&id, quantity)
                        };
                        (id, order)
                    })
                    .collect()
            })
        }

        fn checks_strategy() -> impl Strategy<Value = Vec<RetentionCheck>> {
            prop::collection::vec((0usize..6, 0u64..45, 0u64..2_100), 0..20).prop_map(|rows| {
                rows.into_iter()
                    .map(|(order, offset, retained)| {
                        check(&format!("o{order}"), after(offset), retained)
                    })
                    .collect()
            })
        }

        proptest! {
            #[test]
            fn row_order_does_not_matter_and_evaluation_is_idempotent(
                orders in orders_strategy(),
                (checks, shuffled) in checks_strategy().prop_flat_map(|c| (Just(c.clone()), Just(c).prop_shuffle())),
            ) {
                let mut updated = orders.clone();
                let outcomes: Vec<_> = evaluate_checks(&mut updated, checks.clone()).collect();
                let mut updated_shuffled = orders.clone();
                prop_assert_eq!(&outcomes, &evaluate_checks(&mut updated_shuffled, shuffled).collect::<Vec<_>>());
                prop_assert_eq!(&updated, &updated_shuffled);

                for (id, before) in &orders {
                    let created = outcomes
                        .iter()
                        .filter_map(|e| e.outcome.refill())
                        .filter(|r| r.refill_of.as_deref() == Some(id.as_str()))
                        .count();
                    let allowed = usize::from(before.open_refill().is_none());
                    prop_assert!(created <= allowed, "{} refills for {}", created, id);
                }

                let mut again = updated.clone();
                let repeated: Vec<_> = evaluate_checks(&mut again, checks).collect();
                prop_assert!(repeated.iter().all(|e| e.outcome.refill().is_none()));
                prop_assert_eq!(again, updated);
            }
        }
    }
}
