//! The Rubric screen, clicked through with egui_kittest (SPEC §7 "Rubric"): a value typed
//! out of range is explained and blocks saving; a valid value saves version 2, which the
//! screen then shows in force and in the version history. Widgets are found by their
//! labels, through AccessKit.

mod common;

use common::ui::{harness, idle, wait_for};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use supply_desk::app::{Command, Dialog, Screen, SupplyDeskApp};
use supply_desk::store::Store;

/// Focuses a labelled number field (which selects its text) and types a new value.
fn type_into(h: &mut Harness<'static, SupplyDeskApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run_steps(2);
    h.get_by_label(label).type_text(text);
    h.run_steps(2);
}

#[test]
fn an_invalid_floor_blocks_saving_and_a_valid_one_saves_version_2() {
    let sb = common::Sandbox::new();
    {
        let store = Store::open(&sb.db()).expect("open");
        supply_desk::ops::demo::fill(&store, &supply_desk::import::Silent).expect("demo");
    }
    let mut h = harness(sb.db());
    wait_for(&mut h, "the database", |a| {
        idle(a) && !a.data.suppliers.is_empty()
    });

    h.get_by_role_and_label(Role::Button, "Rubric").click();
    h.run_steps(2);
    assert_eq!(h.state().state.screen, Screen::Rubric);
    h.get_by_label("Version 1 is in force.");
    h.get_by_label("Version 1 (in force)");
    let scorecards = h.state().data.history.values().flatten().count();
    assert_eq!(scorecards, 40);
    h.get_by_label("40");

    // 150 % is not a share: the problem is shown in words and saving is blocked.
    type_into(&mut h, "Eligible share floor", "150");
    assert_eq!(h.state().data.rubric.eligible_share_floor, 0.90);
    h.get_by_label("Eligible share floor: must be between 0 % and 100 %");
    h.get_by_label_contains("1 problem to fix before saving (Eligible share floor)");
    let save = h.get_by_label("Save as version 2");
    assert!(save.accesskit_node().is_disabled(), "save must be disabled");

    // Leave the field, come back and type a valid value: the problem goes away.
    h.key_press(egui::Key::Tab);
    h.run_steps(2);
    type_into(&mut h, "Eligible share floor", "85");
    assert!(
        h.query_by_label_contains("must be between 0 % and 100 %")
            .is_none()
    );
    h.get_by_label("Unsaved: eligible share floor 90 % to 85 %.");
    let save = h.get_by_label("Save as version 2");
    assert!(!save.accesskit_node().is_disabled(), "save must be enabled");
    save.click();
    wait_for(&mut h, "the rubric to be saved", |a| {
        idle(a) && a.data.rubric.version == 2
    });

    let app = h.state();
    assert_eq!(app.data.rubric.version, 2);
    assert_eq!(app.data.rubric.eligible_share_floor, 0.85);
    assert_eq!(app.data.rubrics.len(), 2);
    assert!(matches!(app.dialog, Some(Dialog::Message { .. })));
    h.get_by_label("Rubric saved");
    h.get_by_label("OK").click();
    h.run_steps(2);

    // The form now edits version 2; the history shows both versions and the change.
    h.get_by_label("Version 2 is in force.");
    h.get_by_label("Save as version 3");
    h.get_by_label("Version 2 (in force)");
    h.get_by_label("Version 1");
    h.get_by_label("Eligible share floor 90 % to 85 %.");
    h.get_by_label("No unsaved changes.");

    // Deriving score centres asks first, then saves version 3 with centres from the week.
    h.get_by_label("Derive score centres…").click_accesskit();
    h.run_steps(4);
    match &h.state().dialog {
        Some(Dialog::Confirm { then, .. }) => assert!(
            matches!(**then, Command::DeriveCentres(w) if w.to_string() == "2026-W43"),
            "{then:?}"
        ),
        _ => panic!("expected a confirmation"),
    }
    h.get_by_label("Derive and save version 3").click();
    wait_for(&mut h, "the centres to be derived", |a| {
        idle(a) && a.data.rubric.version == 3
    });
    let rubric = &h.state().data.rubric;
    assert!(!rubric.centres.is_empty());
    assert!(rubric.centres.iter().all(|c| c.spread >= 0.1));
    assert_eq!(rubric.eligible_share_floor, 0.85, "other settings are kept");
    h.get_by_label("Score centres derived");
    h.get_by_label("OK").click();
    h.run_steps(2);
    h.get_by_label("Version 3 (in force)");
    h.get_by_label_contains("added, 0 changed, 0 removed.");
}

#[test]
fn discard_puts_back_the_version_in_force() {
    let sb = common::Sandbox::new();
    let mut h = harness(sb.db());
    wait_for(&mut h, "the database", idle);
    h.get_by_role_and_label(Role::Button, "Rubric").click();
    h.run_steps(2);

    type_into(&mut h, "Minimum posts", "12");
    h.get_by_label("Unsaved: minimum posts 5 to 12.");
    h.get_by_label("Discard changes").click();
    h.run_steps(2);
    h.get_by_label("No unsaved changes.");
    assert!(
        h.get_by_label("Save as version 2")
            .accesskit_node()
            .is_disabled()
    );

    // A tier's retention minimum can be switched off ("none": unknown retention allowed).
    h.get_by_label("Premium: no minimum retention")
        .click_accesskit();
    h.run_steps(2);
    h.get_by_label("Unsaved: premium minimum retention 90 % to none.");
}
