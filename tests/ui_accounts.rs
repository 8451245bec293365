//! The Accounts screen, clicked through with egui_kittest by its labels (SPEC §7): the
//! example dump imported, then filtered by reason, searched by username, sorted, a row
//! opened to read why it was excluded; and its CSV export, filtered and spreadsheet-safe.

mod common;

use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use supply_desk::app::state::AccountFilter;
use supply_desk::app::{Screen, SupplyDeskApp, UiState};
use supply_desk::import::{ImportOptions, Silent};
use supply_desk::ops::{ImportRequest, import_file};
use supply_desk::store::Store;
use supply_desk::ui::accounts::{PAGE_SIZE, Paging, accounts_export, parse_row_number};

/// Imports files into the sandbox database before the app opens it.
fn import(sb: &common::Sandbox, files: &[std::path::PathBuf]) {
    let store = Store::open(&sb.db()).expect("open the database");
    for file in files {
        import_file(
            &store,
            file,
            &ImportOptions::default(),
            ImportRequest::default(),
            &Silent,
        )
        .expect("import");
    }
}

/// The real app on the sandbox database, opened on the Accounts screen.
fn harness(sb: &common::Sandbox) -> Harness<'static, SupplyDeskApp> {
    let ctx = egui::Context::default();
    let state = UiState {
        screen: Screen::Accounts,
        ..UiState::default()
    };
    let app = SupplyDeskApp::new(&ctx, sb.db(), state);
    Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .build_ui_state(|ui, app: &mut SupplyDeskApp| app.frame(ui), app)
}

/// Steps frames until `done` holds (the table is built on a background thread).
fn wait_until(
    h: &mut Harness<'static, SupplyDeskApp>,
    what: &str,
    done: impl Fn(&Harness<'static, SupplyDeskApp>) -> bool,
) {
    let start = Instant::now();
    loop {
        h.step();
        if done(h) {
            h.run_steps(2);
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Waits until the table shows this count line and no build runs.
fn wait_for_count(h: &mut Harness<'static, SupplyDeskApp>, line: &str) {
    wait_until(h, line, |h| {
        h.query_by_label(line).is_some() && !h.state().screens.accounts.building()
    });
}

fn choose(h: &mut Harness<'static, SupplyDeskApp>, combo: &str, option: &str) {
    h.get_by_role_and_label(Role::ComboBox, combo).click();
    h.run_steps(2);
    h.get_by_label(option).click();
    h.run_steps(2);
}

fn top(h: &Harness<'static, SupplyDeskApp>, label: &str) -> f32 {
    h.get_by_label(label).rect().min.y
}

#[test]
fn filter_search_sort_and_explain_accounts() {
    let sb = common::Sandbox::new();
    import(&sb, &[common::fixture("dump_example.csv")]);
    let mut h = harness(&sb);
    wait_for_count(&mut h, "14 accounts");
    // Settles (nothing repaints for ever) and every input is named for AccessKit.
    h.run();
    h.get_by_label("claire.dubois");
    h.get_by_label("emma.moreau");

    // Reason: only the dormant account stays, shown with its reason in words.
    choose(&mut h, "Reason", "dormant — no recent activity");
    assert_eq!(
        h.state().state.accounts.reason.as_deref(),
        Some("dormant"),
        "the filter is kept in the persisted state"
    );
    wait_for_count(&mut h, "1 of 14 accounts");
    h.get_by_label("emma.moreau");
    h.get_by_label("no recent activity");
    assert!(h.query_by_label("claire.dubois").is_none());

    // Eligible only.
    choose(&mut h, "Reason", "Eligible only");
    wait_for_count(&mut h, "2 of 14 accounts");
    h.get_by_label("claire.dubois");
    h.get_by_label("ines.bertrand");
    assert!(h.query_by_label("emma.moreau").is_none());

    // Search by username, case-insensitively, over every reason.
    choose(&mut h, "Reason", "All accounts");
    wait_for_count(&mut h, "14 accounts");
    h.get_by_role_and_label(Role::TextInput, "Search username")
        .focus();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "Search username")
        .type_text("CLAIRE");
    h.run_steps(1);
    wait_for_count(&mut h, "1 of 14 accounts");
    h.get_by_label("claire.dubois");
    assert!(h.query_by_label("emma.moreau").is_none());
    h.get_by_label("Clear filters").click();
    h.run_steps(1);
    wait_for_count(&mut h, "14 accounts");

    // Sort by score, high first: the two eligible accounts lead, the rest keep key order.
    h.get_by_label("Score").click();
    h.run_steps(1);
    wait_until(&mut h, "the sort", |h| {
        h.query_by_label("Score (high first)").is_some() && !h.state().screens.accounts.building()
    });
    assert!(top(&h, "claire.dubois") < top(&h, "ines.bertrand"));
    assert!(top(&h, "ines.bertrand") < top(&h, "chloe.garcia"));
    h.get_by_label("Score (high first)").click();
    h.run_steps(1);
    wait_until(&mut h, "the reverse sort", |h| {
        h.query_by_label("Score (low first)").is_some() && !h.state().screens.accounts.building()
    });
    assert!(top(&h, "chloe.garcia") < top(&h, "ines.bertrand"));
    assert!(top(&h, "ines.bertrand") < top(&h, "claire.dubois"));

    // Click a row: the detail explains each reason with the value that failed.
    h.get_by_label("emma.moreau").click();
    h.run_steps(2);
    h.get_by_label("Excluded from the active supply pool");
    h.get_by_label_contains("C4 activity: last active 45 days before the snapshot (limit 30)");
    h.get_by_label("2026-08-28 (45 days before the snapshot)");
    h.get_by_label("Judged against the snapshot of 2026-10-12 with rubric version 1.");
    h.run();
    h.get_by_label("Close details").click();
    h.run_steps(2);
    assert!(h.query_by_label("Close details").is_none());

    // An account with two reasons lists both, each with its value.
    h.get_by_label("louis.david").click();
    h.run_steps(2);
    h.get_by_label_contains("Unreadable signal: created_at holds “2026-13-01”");
    h.get_by_label_contains("Missing signal: posts is empty or absent");

    // Go to row: the last row is reached exactly and selected.
    h.get_by_role_and_label(Role::TextInput, "Go to row")
        .focus();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "Go to row")
        .type_text("14");
    h.get_by_label("Go").click();
    h.run_steps(2);
    // Score low first, ties in key order: the last row is the highest score.
    assert_eq!(
        h.get_all_by_label("claire.dubois").count(),
        3,
        "the row, the detail heading and its username signal"
    );
    h.get_by_label("Eligible: in the active supply pool");
    h.get_by_role_and_label(Role::TextInput, "Go to row")
        .focus();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "Go to row")
        .type_text("5");
    h.get_by_label("Go").click();
    h.run_steps(2);
    h.get_by_label("Type a row number from 1 to 14.");
}

#[test]
fn a_filter_that_keeps_nothing_says_so() {
    let sb = common::Sandbox::new();
    import(&sb, &[common::fixture("dump_example.csv")]);
    let mut h = harness(&sb);
    wait_for_count(&mut h, "14 accounts");
    h.state_mut().state.accounts.search = "nobody-by-this-name".into();
    wait_for_count(&mut h, "0 of 14 accounts");
    h.get_by_label("No accounts match these filters.");
}

#[test]
fn an_empty_database_says_what_to_do() {
    let sb = common::Sandbox::new();
    let mut h = harness(&sb);
    wait_until(&mut h, "the empty state", |h| {
        h.state().loaded
            && h.query_by_label("Import a supplier dump to see accounts.")
                .is_some()
    });
    h.run();
    h.get_by_label("Import a supplier dump…");
}

#[test]
fn paging_reaches_the_last_of_1_200_000_rows() {
    let paging = Paging::new(1_200_000, PAGE_SIZE);
    assert_eq!(paging.pages(), 5);
    let last = parse_row_number("1,200,000").expect("a number") - 1;
    assert_eq!(last, 1_199_999);
    let (page, offset) = paging.locate(last).expect("the last row exists");
    assert_eq!((page, offset), (4, 199_999));
    assert_eq!(paging.range(page), 1_000_000..1_200_000);
    assert!(paging.range(page).contains(&last));
    assert_eq!(paging.locate(1_200_000), None);
    // Every row of a page sits at an offset f32 holds exactly (rows about 25 points high).
    let furthest = (PAGE_SIZE as f32) * 25.0;
    assert!(furthest < 16_777_216.0);
    assert_eq!(furthest as u64, PAGE_SIZE as u64 * 25);
}

#[test]
fn export_writes_the_filtered_accounts_safely() {
    let sb = common::Sandbox::new();
    let risky = sb.file(
        "risky.csv",
        common::dump("=Evil Supply", "2026-10-12", 1, 1),
    );
    import(&sb, &[common::fixture("dump_example.csv"), risky]);
    let store = Store::open(&sb.db()).expect("open");

    let dormant = AccountFilter {
        reason: Some("dormant".into()),
        ..AccountFilter::default()
    };
    let job = accounts_export(&dormant);
    assert!(job.file_name.ends_with(".csv"));
    let csv = String::from_utf8((job.produce)(&store).expect("export")).expect("utf-8");
    assert_eq!(
        csv,
        "supplier,week,platform,username,eligible,score,reasons\n\
         '=Evil Supply,2026-W42,instagram,sleepy.0.=evil_supply,false,0.0,dormant\n\
         Example Supply,2026-W42,instagram,emma.moreau,false,0.0,dormant\n"
    );

    let search = AccountFilter {
        supplier: Some("Example Supply".into()),
        week: Some("2026-W42".into()),
        search: "Claire".into(),
        ..AccountFilter::default()
    };
    let csv = String::from_utf8((accounts_export(&search).produce)(&store).expect("export"))
        .expect("utf-8");
    assert_eq!(
        csv,
        "supplier,week,platform,username,eligible,score,reasons\n\
         Example Supply,2026-W42,instagram,claire.dubois,true,100.0,\n"
    );
}

/// Manual scale check (not run by default: it imports 1.2 million accounts, about two
/// minutes in a debug build; the database is kept in the temp folder and reused):
/// `cargo test --test ui_accounts scale -- --ignored --nocapture`.
#[test]
#[ignore = "imports 1.2 million accounts; run by hand to measure"]
fn scale_one_point_two_million_rows() {
    use supply_desk::synth::{DumpSpec, Profile, write_dump};
    let sb = common::Sandbox::new();
    let kept = std::env::temp_dir().join("accounts-scale.redb");
    if std::fs::copy(&kept, sb.db()).is_err() {
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 10, 12).expect("date");
        let mut files = Vec::new();
        for (i, supplier) in ["Bulk One", "Bulk Two"].into_iter().enumerate() {
            let path = sb.path(&format!("bulk{i}.csv"));
            let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("file"));
            write_dump(
                &DumpSpec {
                    supplier,
                    as_of,
                    accounts: 600_000,
                    platforms: &["instagram", "tiktok"],
                    profile: Profile {
                        failure: 0.3,
                        balance: 0.2,
                    },
                    seed: i as u64 + 1,
                },
                &mut out,
            )
            .expect("write");
            drop(out);
            files.push(path);
        }
        let t = Instant::now();
        import(&sb, &files);
        eprintln!("import: {:?}", t.elapsed());
        let _ = std::fs::copy(sb.db(), &kept);
    }

    let mut h = harness(&sb);
    let t = Instant::now();
    while h.state().screens.accounts.shown_rows().is_none() || h.state().screens.accounts.building()
    {
        h.step();
        std::thread::sleep(Duration::from_millis(20));
        assert!(
            t.elapsed() < Duration::from_secs(900),
            "no table after 15 minutes"
        );
    }
    let rows = h.state().screens.accounts.shown_rows().unwrap_or(0);
    eprintln!(
        "first build (read + arrange): {:?} for {rows} rows",
        t.elapsed()
    );
    assert!(rows > 1_000_000, "{rows} rows");
    let n = |x: usize| supply_desk::ui::format::count(x as u64);
    h.run_steps(2);
    h.get_by_label(&format!("{} accounts", n(rows)));
    h.get_by_label("Page 1 of 5 (rows 1–250,000)");

    let t = Instant::now();
    for _ in 0..20 {
        h.step();
    }
    eprintln!("frame: {:?}", t.elapsed() / 20);

    let t = Instant::now();
    h.get_by_label("Username").click();
    h.run_steps(1);
    wait_until(&mut h, "the username sort", |h| {
        h.query_by_label("Username (A–Z)").is_some() && !h.state().screens.accounts.building()
    });
    eprintln!("sort by username: {:?}", t.elapsed());

    let t = Instant::now();
    h.state_mut().state.accounts.search = "smith".into();
    wait_until(&mut h, "the search", |h| {
        h.query_by_label_contains(&format!("of {} accounts", n(rows)))
            .is_some()
            && !h.state().screens.accounts.building()
    });
    eprintln!("search (with 250 ms settle): {:?}", t.elapsed());
    h.state_mut().state.accounts.search.clear();
    wait_for_count(&mut h, &format!("{} accounts", n(rows)));

    h.get_by_role_and_label(Role::TextInput, "Go to row")
        .focus();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "Go to row")
        .type_text(&n(rows));
    h.get_by_label("Go").click();
    h.run_steps(3);
    h.get_by_label(&format!("Page 5 of 5 (rows 1,000,001–{})", n(rows)));
    h.get_by_label(&n(rows));
    h.get_by_label("Close details");
    let t = Instant::now();
    for _ in 0..20 {
        h.step();
    }
    eprintln!(
        "frame at the end of page 5 with the detail open: {:?}",
        t.elapsed() / 20
    );
}
