//! Image snapshots of key screens, rendered with wgpu on Mesa's software driver (no GPU or
//! display needed). Update with `UPDATE_SNAPSHOTS=1 cargo test --test ui_snapshots` after a
//! deliberate change, and look at the new PNGs in tests/snapshots before committing.

mod common;

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use supply_desk::app::{Screen, SupplyDeskApp, UiState};
use supply_desk::import::{ImportOptions, Silent};
use supply_desk::ops::{ImportRequest, import_file};
use supply_desk::store::Store;

fn app_on_example(theme_dark: bool) -> (common::Sandbox, Harness<'static, SupplyDeskApp>) {
    let sb = common::Sandbox::new();
    {
        let store = Store::open(&sb.db()).unwrap();
        import_file(
            &store,
            &common::fixture("dump_example.csv"),
            &ImportOptions::default(),
            ImportRequest::default(),
            &Silent,
        )
        .unwrap();
    }
    let ctx = egui::Context::default();
    let state = UiState {
        dark: theme_dark,
        ..UiState::default()
    };
    let app = SupplyDeskApp::new(&ctx, sb.db(), state);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1100.0, 640.0))
        .build_ui_state(|ui, app: &mut SupplyDeskApp| app.frame(ui), app);
    let start = Instant::now();
    while !(h.state().loaded && h.state().work.is_none()) {
        h.step();
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the app did not load"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    h.run_steps(3);
    (sb, h)
}

#[test]
fn overview_light() {
    let (_sb, mut h) = app_on_example(false);
    h.get_by_label("Needs attention");
    h.snapshot("overview_light");
}

#[test]
fn supplier_detail_dark() {
    let (_sb, mut h) = app_on_example(true);
    h.state_mut().state.screen = Screen::Suppliers;
    h.state_mut().state.supplier = Some("Example Supply".into());
    h.run_steps(3);
    h.get_by_label("Score history");
    h.snapshot("supplier_detail_dark");
}
