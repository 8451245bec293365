//! The weekly review report (SPEC §7) on the demo database: one self-contained HTML page
//! naming every supplier, its standing, charts, held orders, and the same bytes every time.

mod common;

use supply_desk::domain::week::Week;
use supply_desk::store::Store;

fn demo_store(sb: &common::Sandbox) -> Store {
    let store = Store::open(&sb.db()).expect("open");
    supply_desk::ops::demo::fill(&store, &supply_desk::import::Silent).expect("demo");
    store
}

const SUPPLIERS: [&str; 5] = [
    "Northwind Social",
    "Bluepeak Media",
    "Crescent Reach",
    "Driftwood Growth",
    "Ember Boost",
];

#[test]
fn the_weekly_report_is_a_self_contained_page_about_every_supplier() {
    let sb = common::Sandbox::new();
    let store = demo_store(&sb);
    let html = supply_desk::report::weekly_html(&store, None).expect("report");

    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<title>Supply Desk weekly review 2026-W43</title>"));
    assert!(html.contains("<h1>Weekly review 2026-W43</h1>"));
    assert!(html.contains("Monday 19 October 2026 to Sunday 25 October 2026"));
    assert!(html.contains("Latest data in the database: supplier snapshot 2026-10-19"));
    for s in SUPPLIERS {
        assert!(html.contains(s), "{s} missing");
    }
    assert!(html.contains("Demoted"));
    assert!(html.contains("Good standing"));
    assert!(html.contains("Top failure reasons"));
    assert!(html.contains("no recent activity") || html.contains("too new"));
    assert!(html.contains("<svg"));
    assert!(html.contains("40 % cap"));
    assert!(html.contains("ORD-0193"));
    assert!(html.contains("ORD-0194"));
    assert!(html.contains("Rubric version 1 in force"));

    // Offline and safe: no scripts, nothing fetched from elsewhere.
    assert!(!html.contains("<script"));
    assert!(!html.contains("src=\"http"));
    assert!(!html.contains("href=\"http"));
    assert!(!html.contains("@import"));
    assert!(!html.contains("url("));

    // Deterministic: the same database gives the same bytes.
    let again = supply_desk::report::weekly_html(&store, None).expect("report");
    assert!(html == again, "two reports of the same database differ");
}

#[test]
fn an_earlier_week_shows_that_week_and_its_standing_changes() {
    let sb = common::Sandbox::new();
    let store = demo_store(&sb);
    let week: Week = "2026-W38".parse().expect("week");
    let html = supply_desk::report::weekly_html(&store, Some(week)).expect("report");
    assert!(html.contains("<h1>Weekly review 2026-W38</h1>"));
    // Driftwood Growth slips in the demo's third week (2026-W38) and is demoted there.
    assert!(html.contains("Driftwood Growth: Demoted in 2026-W38"));
    assert!(html.contains("Changed this week. Demoted in 2026-W38"));
    assert!(
        !html.contains("2026-W39</text>"),
        "later weeks are not charted"
    );
}

#[test]
fn an_empty_database_has_nothing_to_report() {
    let sb = common::Sandbox::new();
    let store = Store::open(&sb.db()).expect("open");
    let err = supply_desk::report::weekly_html(&store, None).expect_err("nothing to report");
    assert!(err.contains("nothing to report"), "{err}");
}

#[test]
fn refills_of_the_week_are_listed_with_why() {
    use supply_desk::store::Reader;
    let sb = common::Sandbox::new();
    let store = demo_store(&sb);
    let orders = store.read().expect("read").orders().expect("orders");
    let refill = orders
        .iter()
        .find(|o| o.order.refill_of.is_some())
        .expect("the demo creates refills");
    let week = Week::of(refill.order.placed_at);
    let html = supply_desk::report::weekly_html(&store, Some(week)).expect("report");
    let row_start = html
        .find(&format!("<tr><td>{}</td>", refill.order.order_id))
        .expect("the refill has a row");
    let row = &html[row_start..row_start + html[row_start..].find("</tr>").expect("row end")];
    assert!(row.contains(refill.order.refill_of.as_deref().unwrap_or_default()));
    assert!(
        row.contains("a drop of more than 5 %"),
        "the row says why: {row}"
    );
}
