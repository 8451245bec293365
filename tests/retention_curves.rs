//! Retention curves from the store (SPEC §5): per order, and per supplier as the mean by day
//! since delivery, on the demo database.

mod common;

use supply_desk::import::Silent;
use supply_desk::ops::demo;
use supply_desk::ops::orders::{order_curve, supplier_curve};
use supply_desk::store::{Reader, Store};

#[test]
fn curves_follow_the_checks() {
    let sb = common::Sandbox::new();
    let store = Store::open(&sb.db()).unwrap();
    demo::fill(&store, &Silent).unwrap();
    let view = store.read().unwrap();

    // Every supplier that delivered orders has a curve at the demo's check days.
    let curve = supplier_curve(&view, "Northwind Social").unwrap();
    let days: Vec<i64> = curve.iter().map(|(d, _, _)| *d).collect();
    assert!(days.contains(&7) && days.contains(&21), "{days:?}");
    for (_, mean, orders) in &curve {
        assert!(*orders > 0);
        assert!(
            (0.9..=1.0).contains(mean),
            "Northwind keeps 97.5–100 %: {mean}"
        );
    }

    // An order's curve is its checks, as retained / quantity against days since delivery.
    let order = view
        .orders()
        .unwrap()
        .into_iter()
        .find(|o| {
            o.order.refill_of.is_none() && view.checks_of(&o.order.order_id).unwrap().len() == 2
        })
        .expect("an order with two checks");
    let points = order_curve(&view, &order.order.order_id).unwrap();
    let checks = view.checks_of(&order.order.order_id).unwrap();
    let delivered = order.delivered_at.unwrap();
    assert_eq!(points.len(), 2);
    for ((day, r), (date, check)) in points.iter().zip(&checks) {
        assert_eq!(*day, (*date - delivered).num_days());
        assert!((r - check.retained as f64 / order.order.quantity as f64).abs() < 1e-12);
    }
    assert!(order_curve(&view, "NO-SUCH-ORDER").unwrap().is_empty());
}
