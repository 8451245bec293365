//! The Orders and Retention screens, clicked through with egui_kittest by their labels
//! (SPEC §4, §5, §7): list and filter orders, open a held order's explanation, release it by
//! hand through the confirmation, follow a refill to its original, see the retention charts.
//!
//! The demo database (held orders, refills, checks) is filled once per test run and copied
//! for each test, so the tests stay fast.

mod common;

use common::ui::{harness, idle, wait_for};

use std::sync::OnceLock;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use supply_desk::app::{Dialog, Screen, SupplyDeskApp};
use supply_desk::store::{AuditKind, OrderStatus, Store};

/// The demo database's bytes, filled once per run; each test writes its own copy.
fn demo_db() -> &'static [u8] {
    static TEMPLATE: OnceLock<Vec<u8>> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let sb = common::Sandbox::new();
        let store = Store::open(&sb.db()).expect("open template");
        supply_desk::ops::demo::fill(&store, &supply_desk::import::Silent).expect("demo");
        drop(store);
        std::fs::read(sb.db()).expect("read the demo database")
    })
}

/// The app on a fresh copy of the demo database, loaded and idle.
fn demo_app(sb: &common::Sandbox) -> Harness<'static, SupplyDeskApp> {
    std::fs::write(sb.db(), demo_db()).expect("copy the demo database");
    let mut h = harness(sb.db());
    wait_for(&mut h, "the database", idle);
    h
}

/// Opens a screen through the navigation.
fn open_screen(h: &mut Harness<'static, SupplyDeskApp>, screen: Screen) {
    let label = match screen {
        Screen::Orders => {
            let held = h.state().data.held().count();
            if held > 0 {
                format!("Orders  ({held} held)")
            } else {
                "Orders".to_string()
            }
        }
        other => other.label().to_string(),
    };
    // The navigation buttons are toggles; other buttons may share a screen's name.
    h.get_all_by_role_and_label(Role::Button, &label)
        .find(|n| n.accesskit_node().toggled().is_some())
        .expect("a navigation button")
        .click();
    h.run_steps(2);
    assert_eq!(h.state().state.screen, screen);
}

/// Opens a combo box by its label and picks an option.
fn choose(h: &mut Harness<'static, SupplyDeskApp>, combo: &str, option: &str) {
    h.get_by_role_and_label(Role::ComboBox, combo).click();
    h.run_steps(2);
    h.get_by_label(option).click();
    h.run_steps(2);
}

#[test]
fn held_order_is_explained_and_released_by_hand() {
    let sb = common::Sandbox::new();
    let mut h = demo_app(&sb);
    open_screen(&mut h, Screen::Orders);

    // The list shows orders; filtering by status "held" leaves the held ones only.
    h.get_by_label("Export orders to CSV…");
    h.get_by_label("ORD-0001");
    let held: Vec<(String, String)> = h
        .state()
        .data
        .held()
        .filter_map(|o| match &o.status {
            OrderStatus::Held { reason } => Some((o.order.order_id.clone(), reason.clone())),
            OrderStatus::Routed { .. } => None,
        })
        .collect();
    assert!(held.iter().any(|(id, _)| id == "ORD-0193"), "{held:?}");
    choose(&mut h, "Status", "Held");
    assert!(h.query_by_label("ORD-0001").is_none());
    for (id, _) in &held {
        h.get_by_label(id);
    }
    h.get_by_label_contains(&format!("Showing {} of", held.len()));

    // Select a held order: its hold reason and the routing explanation.
    let reason = held
        .iter()
        .find(|(id, _)| id == "ORD-0193")
        .map(|(_, r)| r.clone())
        .unwrap();
    h.get_by_label("ORD-0193").click();
    h.run_steps(2);
    assert_eq!(h.state().state.order.as_deref(), Some("ORD-0193"));
    h.get_by_label("Order ORD-0193");
    h.get_by_label("Held because");
    h.get_by_label(&reason);
    h.get_by_label("Routing explanation");
    h.get_by_label_contains("Held: ");
    h.get_by_label("Verdict");
    h.get_by_label("Release this held order");
    assert!(
        h.get_by_label("Release to supplier…")
            .accesskit_node()
            .is_disabled(),
        "disabled until a supplier is chosen"
    );

    // Release it to a supplier through the confirmation dialog.
    let supplier = h.state().data.suppliers[0].name.clone();
    let standing = match h.state().data.suppliers[0].standing() {
        supply_desk::domain::standing::Standing::Good => "good standing",
        supply_desk::domain::standing::Standing::Demoted => "demoted",
    };
    choose(&mut h, "Release to", &format!("{supplier} ({standing})"));
    h.get_by_label("Why (for the audit log)").focus();
    h.run_steps(1);
    h.get_by_label("Why (for the audit log)")
        .type_text("customer accepted a slower delivery");
    h.run_steps(2);
    h.get_by_label("Release to supplier…").click();
    // A modal lays itself out invisibly on its first frame.
    h.run_steps(3);
    assert!(matches!(h.state().dialog, Some(Dialog::Confirm { .. })));
    h.get_by_label(&format!("Release ORD-0193 to {supplier}?"));
    h.get_by_label_contains("40 % shares");
    h.get_by_label("Release").click();
    wait_for(&mut h, "the release", |a| {
        idle(a) && matches!(a.dialog, Some(Dialog::Message { .. }))
    });
    h.get_by_label("Order released");
    h.get_by_label("OK").click();
    wait_for(&mut h, "the new snapshot", |a| {
        idle(a)
            && a.data
                .orders
                .iter()
                .any(|o| o.order.order_id == "ORD-0193" && o.supplier().is_some())
    });

    // The detail now shows it routed, with the note; the audit log records the release.
    h.get_by_label("routed");
    h.get_by_label("Released by hand");
    h.get_by_label_contains("customer accepted a slower delivery");
    assert!(h.query_by_label("Release this held order").is_none());
    let audit = &h.state().data.audit;
    assert!(
        audit.iter().any(|e| e.kind == AuditKind::Release
            && e.text.contains("ORD-0193")
            && e.text.contains(&supplier)
            && e.text.contains("customer accepted a slower delivery")),
        "{audit:?}"
    );
}

#[test]
fn a_refill_links_to_its_original_and_back() {
    let sb = common::Sandbox::new();
    let mut h = demo_app(&sb);
    let (refill, original) = h
        .state()
        .data
        .orders
        .iter()
        .find_map(|o| Some((o.order.order_id.clone(), o.order.refill_of.clone()?)))
        .expect("the demo has refills");
    open_screen(&mut h, Screen::Orders);

    // Search the refill by id and open it.
    h.get_by_label("Search order id").focus();
    h.run_steps(1);
    h.get_by_label("Search order id").type_text(&refill);
    h.run_steps(2);
    h.get_by_label(&refill).click();
    h.run_steps(2);
    assert_eq!(h.state().state.order.as_deref(), Some(refill.as_str()));
    h.get_by_label(&format!("Refill {refill}"));
    h.get_by_label("Refill of");

    // The link to the original opens it; its retention checks, curve and refills show.
    h.get_all_by_label(&original)
        .next()
        .expect("a link to the original")
        .click();
    h.run_steps(2);
    assert_eq!(h.state().state.order.as_deref(), Some(original.as_str()));
    h.get_by_label(&format!("Order {original}"));
    h.get_by_label("Refills");
    h.get_by_label("Day since delivery");
    h.get_by_label_contains(&format!("refill {refill} for"));
    h.get_by_label("Retention curve");

    // Back to the list.
    h.get_by_label("« All orders").click();
    h.run_steps(2);
    assert_eq!(h.state().state.order, None);
    h.get_by_label("Export orders to CSV…");
}

#[test]
fn retention_screen_shows_both_charts_and_saves_one() {
    let sb = common::Sandbox::new();
    let mut h = demo_app(&sb);
    open_screen(&mut h, Screen::Retention);
    h.get_by_label("Retention by day since delivery");
    h.get_by_label("Routing share per week");
    assert!(
        h.query_by_label_contains("No retention checks yet")
            .is_none(),
        "the demo has checks"
    );

    // Saving a chart takes a screenshot, then hands the image to a background export job.
    h.get_by_label("Save retention chart as PNG…").click();
    wait_for(&mut h, "the chart export job", |a| {
        a.work
            .as_ref()
            .is_some_and(|w| w.label == "Exporting retention chart")
    });
}

#[test]
fn empty_database_shows_empty_states() {
    let sb = common::Sandbox::new();
    let mut h = harness(sb.db());
    wait_for(&mut h, "the database", idle);
    open_screen(&mut h, Screen::Orders);
    h.get_by_label_contains("No orders yet");
    open_screen(&mut h, Screen::Retention);
    h.get_by_label("No retention checks yet: import delivery reports and retention checks.");
    h.get_by_label_contains("No orders routed yet");
}
