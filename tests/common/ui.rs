//! The real app under egui_kittest: a harness on a database, and stepping until background
//! jobs (which run on their own threads) have finished.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use supply_desk::app::{SupplyDeskApp, UiState};

/// The app on the database at `db`, with a UI state and a window size.
pub fn app_harness(
    db: PathBuf,
    state: UiState,
    size: egui::Vec2,
) -> Harness<'static, SupplyDeskApp> {
    let ctx = egui::Context::default();
    let app = SupplyDeskApp::new(&ctx, db, state);
    Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut SupplyDeskApp| app.frame(ui), app)
}

/// The app on the database at `db`, in a 1280×900 window.
pub fn harness(db: PathBuf) -> Harness<'static, SupplyDeskApp> {
    app_harness(db, UiState::default(), egui::vec2(1280.0, 900.0))
}

/// Steps frames until `done` holds, for at most two minutes.
pub fn wait_for(
    h: &mut Harness<'static, SupplyDeskApp>,
    what: &str,
    done: impl Fn(&SupplyDeskApp) -> bool,
) {
    let start = Instant::now();
    loop {
        h.step();
        if done(h.state()) {
            h.run_steps(2);
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The database is loaded and no reviewer job is running.
pub fn idle(app: &SupplyDeskApp) -> bool {
    app.loaded && app.work.is_none()
}
