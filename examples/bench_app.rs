//! The app's speed on a large database, headless (issue 5, SPEC §9 "Fast"):
//!
//! `cargo run --release --example bench_app -- DB [SUPPLIER WEEK]`
//!
//! 1. Time to first frame: from creating the app on `DB` to the end of its first frame
//!    (layout and tessellation), then to the first frame that shows the database's data.
//! 2. Given a supplier and week, the Accounts screen filtered to them: how long its table takes to build
//!    (on its background thread), then the CPU time of a frame with the table scrolled to
//!    the top, the middle and the end (reached with "Go to row", as a reviewer would).
//!
//! A frame is measured as the real app spends it: `Context::run_ui` with the app's `frame`,
//! then tessellation; painting on the GPU is left out. Each position runs 60 frames and
//! prints the median and the slowest.

use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use supply_desk::app::state::AccountFilter;
use supply_desk::app::{Screen, SupplyDeskApp, UiState};

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);
const FRAMES: usize = 60;

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, SIZE)),
        ..Default::default()
    }
}

/// Runs one frame of `app` on `ctx` as eframe would, and returns how long it took.
fn frame(ctx: &egui::Context, app: &mut SupplyDeskApp) -> Duration {
    let start = Instant::now();
    let output = ctx.run_ui(input(), |ui| app.frame(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(primitives);
    start.elapsed()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median and slowest of `FRAMES` frames, in milliseconds.
fn frames(ctx: &egui::Context, app: &mut SupplyDeskApp) -> (f64, f64) {
    let mut times: Vec<f64> = (0..FRAMES).map(|_| ms(frame(ctx, app))).collect();
    times.sort_by(f64::total_cmp);
    (times[FRAMES / 2], times[FRAMES - 1])
}

fn first_frame(db: &std::path::Path) {
    let start = Instant::now();
    let ctx = egui::Context::default();
    let mut app = SupplyDeskApp::new(&ctx, db.to_path_buf(), UiState::default());
    frame(&ctx, &mut app);
    let first = start.elapsed();
    while !app.loaded {
        std::thread::sleep(Duration::from_millis(1));
        frame(&ctx, &mut app);
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "the data never loaded"
        );
    }
    let loaded = start.elapsed();
    println!("first_frame_ms {:.1}", ms(first));
    println!("data_shown_ms {:.1}", ms(loaded));
}

fn go_to_row(h: &mut Harness<'static, SupplyDeskApp>, row: usize) {
    h.get_by_role_and_label(Role::TextInput, "Go to row")
        .focus();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "Go to row")
        .type_text(&row.to_string());
    h.get_by_label("Go").click();
    h.run_steps(3);
}

fn accounts(db: &std::path::Path, supplier: &str, week: &str) {
    let ctx = egui::Context::default();
    let state = UiState {
        screen: Screen::Accounts,
        accounts: AccountFilter {
            supplier: Some(supplier.to_string()),
            week: Some(week.to_string()),
            ..AccountFilter::default()
        },
        ..UiState::default()
    };
    let app = SupplyDeskApp::new(&ctx, db.to_path_buf(), state);
    let mut h = Harness::builder()
        .with_size(SIZE)
        .build_ui_state(|ui, app: &mut SupplyDeskApp| app.frame(ui), app);
    let start = Instant::now();
    let rows = loop {
        h.step();
        let table = &h.state().screens.accounts;
        if let (Some(rows), false, true) = (table.shown_rows(), table.building(), h.state().loaded)
        {
            break rows;
        }
        assert!(
            start.elapsed() < Duration::from_secs(600),
            "the table never built"
        );
        std::thread::sleep(Duration::from_millis(2));
    };
    h.run_steps(2);
    println!("accounts_rows {rows}");
    println!("accounts_build_s {:.2}", start.elapsed().as_secs_f64());
    let ctx = h.ctx.clone();
    let (median, worst) = frames(&ctx, h.state_mut());
    println!("accounts_frame_top_ms {median:.2} (slowest {worst:.2})");
    for (name, row) in [("middle", rows / 2), ("end", rows)] {
        go_to_row(&mut h, row);
        let (median, worst) = frames(&ctx, h.state_mut());
        println!("accounts_frame_{name}_ms {median:.2} (slowest {worst:.2})");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.as_slice() {
        [_, db] => first_frame(db.as_ref()),
        [_, db, supplier, week] => {
            first_frame(db.as_ref());
            accounts(db.as_ref(), supplier, week);
        }
        _ => {
            eprintln!(
                "usage: bench_app DB [SUPPLIER WEEK]   (for example: bench_app big.redb \"Bench Supply\" 2026-W42)"
            );
            std::process::exit(2);
        }
    }
}
