//! End-to-end: several suppliers over two weeks, orders, deliveries, checks, then orders
//! again — routing, the 40 % cap, holds, releases and refills through the real binary
//! (SPEC §3, §4, §5, §8).

mod common;

use std::collections::BTreeMap;

use common::*;

const ORDER_HEADER: &str = "order_id,placed_at,customer,platform,service,tier,quantity";

/// A dump of `n` eligible accounts whose follower balance sets the quality score.
fn supplier_dump(supplier: &str, as_of: &str, n: usize, followers: u64) -> String {
    let mut s = format!("{DUMP_HEADER}\n");
    for i in 0..n {
        s.push_str(&format!(
            "{supplier},instagram,food,{}.member{i},yes,Home cook sharing family recipes,85,2023-06-30,{followers},390,{as_of},chef.nadia,bistro_lyon,,7,2,1,{as_of}\n",
            supplier.to_lowercase()
        ));
    }
    s
}

fn orders(rows: &[(&str, &str, &str, u64)]) -> String {
    let mut s = format!("{ORDER_HEADER}\n");
    for (id, placed, tier, qty) in rows {
        s.push_str(&format!(
            "{id},{placed},cust-{id},instagram,followers,{tier},{qty}\n"
        ));
    }
    s
}

fn import(sb: &Sandbox, name: &str, contents: String) -> String {
    let f = sb.file(name, contents);
    sb.ok([std::ffi::OsStr::new("import"), f.as_os_str()])
}

/// order_id → (status, supplier, reason) from the orders listing.
fn order_table(sb: &Sandbox) -> BTreeMap<String, (String, String, String)> {
    let out = sb.ok(["orders", "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    rows.iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
            (s("order_id"), (s("status"), s("supplier"), s("reason")))
        })
        .collect()
}

/// Checks the 40 % cap over every ISO week of the orders listing.
fn assert_cap_holds(sb: &Sandbox) {
    let out = sb.ok(["orders", "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let mut weeks: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    for r in &rows {
        let Some(s) = r["supplier"].as_str() else {
            continue;
        };
        let d = chrono::NaiveDate::parse_from_str(r["placed_at"].as_str().unwrap(), "%Y-%m-%d")
            .unwrap();
        let w = supply_desk::domain::week::Week::of(d).to_string();
        *weeks
            .entry(w)
            .or_default()
            .entry(s.to_string())
            .or_default() += 1;
    }
    for (week, counts) in weeks {
        let total: u64 = counts.values().sum();
        for (s, n) in counts {
            assert!(5 * n <= 2 * total + 5, "{s} holds {n} of {total} in {week}");
        }
    }
}

#[test]
fn orders_are_routed_under_the_cap_and_refilled_from_files_alone() {
    let sb = Sandbox::new();
    // Week 41: three good suppliers, of different quality, and one with a poor pool.
    import(
        &sb,
        "acme41.csv",
        supplier_dump("Acme", "2026-10-05", 40, 410),
    );
    import(
        &sb,
        "bolt41.csv",
        supplier_dump("Bolt", "2026-10-05", 40, 1500),
    );
    import(
        &sb,
        "core41.csv",
        supplier_dump("Core", "2026-10-05", 40, 800),
    );
    let mut poor = supplier_dump("Drab", "2026-10-05", 40, 410);
    poor = poor.replacen(",2026-10-05,chef.nadia", ",2020-01-01,chef.nadia", 10);
    import(&sb, "drab41.csv", poor);

    // Nine standard orders and one premium order in week 41.
    let mut rows: Vec<(String, &str, &str, u64)> = (0..9)
        .map(|i| (format!("S{i:02}"), "2026-10-06", "standard", 10 + i as u64))
        .collect();
    rows.push(("P01".into(), "2026-10-06", "premium", 10));
    let rows_ref: Vec<(&str, &str, &str, u64)> = rows
        .iter()
        .map(|(a, b, c, d)| (a.as_str(), *b, *c, *d))
        .collect();
    let out = import(&sb, "orders41.csv", orders(&rows_ref));
    assert!(out.contains("Routing: 9 order(s) routed, 1 held."), "{out}");

    let table = order_table(&sb);
    // A demoted supplier receives nothing.
    assert!(table.values().all(|(_, s, _)| s != "Drab"), "{table:?}");
    // Premium waits while retention is unknown.
    assert_eq!(table["P01"].0, "held");
    assert_eq!(
        table["P01"].2,
        "no supplier has a known retention score for premium"
    );
    assert_cap_holds(&sb);

    // The explanation lists every supplier and why it was passed over.
    let why = sb.ok(["orders", "--explain", "S00"]);
    assert!(why.contains("winner"), "{why}");
    assert!(why.contains("Drab:") && why.contains("demoted"), "{why}");

    // Deliveries, then checks: exactly 5 % (no refill), more than 5 % (refill), day 31
    // (no refill), a check on day 30 (refill).
    let delivered: String = table
        .iter()
        .filter(|(_, (status, _, _))| status == "routed")
        .map(|(id, _)| format!("{id},2026-10-07,{}\n", 100))
        .collect();
    import(
        &sb,
        "deliveries.csv",
        format!("order_id,delivered_at,delivered\n{delivered}"),
    );
    // S00 has 10 units: 9 retained is a 10 % drop. S05 has 15: 15 retained is no drop.
    // S02 (12 units) on day 31 with 1 retained: never a refill. S03 (13) on day 30 with 12.
    let checks = "order_id,checked_at,retained\n\
                  S00,2026-10-20,9\n\
                  S05,2026-10-20,15\n\
                  S02,2026-11-07,1\n\
                  S03,2026-11-06,12\n";
    let out = import(&sb, "checks.csv", checks.to_string());
    assert!(
        out.contains("Refill S00-R1 created for S00 (1 units"),
        "{out}"
    );
    assert!(
        out.contains("Refill S03-R1 created for S03 (1 units"),
        "{out}"
    );
    assert!(!out.contains("S02-R1"), "{out}");
    assert!(!out.contains("S05-R1"), "{out}");

    // The same checks again, in another row order, create nothing and change nothing.
    let before = sb.ok(["orders"]);
    let shuffled = "order_id,checked_at,retained\n\
                    S03,2026-11-06,12\n\
                    S02,2026-11-07,1\n\
                    S05,2026-10-20,15\n\
                    S00,2026-10-20,9\n";
    let out = import(&sb, "checks-again.csv", shuffled.to_string());
    assert!(out.contains("4 row(s) were already recorded"), "{out}");
    assert_eq!(sb.ok(["orders"]), before);

    // A second drop while the first refill is undelivered: no new refill.
    let out = import(
        &sb,
        "checks2.csv",
        "order_id,checked_at,retained\nS00,2026-10-25,8\n".into(),
    );
    assert!(!out.contains("S00-R2"), "{out}");
    // Once the refill is delivered, the next drop creates -R2.
    import(
        &sb,
        "refill-delivered.csv",
        "order_id,delivered_at,delivered\nS00-R1,2026-10-26,1\n".into(),
    );
    let out = import(
        &sb,
        "checks3.csv",
        "order_id,checked_at,retained\nS00,2026-10-28,9\n".into(),
    );
    assert!(
        out.contains("Refill S00-R2 created for S00 (1 units"),
        "{out}"
    );

    // A conflicting value for a recorded check is reported and not applied.
    let f = sb.file(
        "conflict.csv",
        "order_id,checked_at,retained\nS00,2026-10-20,3\n",
    );
    let run = sb.run([std::ffi::OsStr::new("import"), f.as_os_str()]);
    assert!(
        run.stderr()
            .contains("conflicts with the check already recorded"),
        "{}",
        run.stderr()
    );
    assert!(!run.stdout().contains("S00-R3"));

    // Week 42: new dumps bring retention scores; premium can now be routed.
    for (name, s, f) in [
        ("acme42.csv", "Acme", 410),
        ("bolt42.csv", "Bolt", 1500),
        ("core42.csv", "Core", 800),
    ] {
        import(&sb, name, supplier_dump(s, "2026-10-30", 40, f));
    }
    let cards = sb.ok(["scorecards", "--format", "json"]);
    let cards: Vec<serde_json::Value> = serde_json::from_str(&cards).unwrap();
    let week44: Vec<&serde_json::Value> =
        cards.iter().filter(|c| c["week"] == "2026-W44").collect();
    assert!(
        week44.iter().any(|c| c["retention"].is_number()),
        "{week44:?}"
    );

    let refills = order_table(&sb);
    assert_eq!(refills["S00-R1"].0, "delivered");
    let listing = sb.ok(["orders"]);
    assert!(
        listing.contains("S00-R1,S00,2026-10-20,instagram,standard,1,delivered"),
        "{listing}"
    );
    assert_cap_holds(&sb);

    // The audit log holds imports, routing, holds, refills.
    let audit = sb.ok(["audit"]);
    for kind in [",import,", ",routing,", ",hold,", ",refill,", ",standing,"] {
        assert!(audit.contains(kind), "{kind} missing from\n{audit}");
    }
}

#[test]
fn two_qualifying_suppliers_cannot_hold_the_cap_and_a_held_order_can_be_released() {
    let sb = Sandbox::new();
    import(&sb, "a.csv", supplier_dump("Acme", "2026-10-05", 40, 410));
    import(&sb, "b.csv", supplier_dump("Bolt", "2026-10-05", 40, 800));
    let rows: Vec<(String, &str, &str, u64)> = (0..10)
        .map(|i| (format!("T{i:02}"), "2026-10-06", "standard", 5))
        .collect();
    let rows_ref: Vec<(&str, &str, &str, u64)> = rows
        .iter()
        .map(|(a, b, c, d)| (a.as_str(), *b, *c, *d))
        .collect();
    import(&sb, "orders.csv", orders(&rows_ref));
    let table = order_table(&sb);
    let held: Vec<&String> = table
        .iter()
        .filter(|(_, v)| v.0 == "held")
        .map(|(k, _)| k)
        .collect();
    assert!(!held.is_empty());
    assert_eq!(
        table[held[0]].2,
        "only 2 suppliers qualify; the 40 % cap cannot be met"
    );
    assert_cap_holds(&sb);

    // Release by hand: recorded in the audit log.
    let id = held[0].clone();
    let out = sb.ok([
        "release",
        &id,
        "--to",
        "Bolt",
        "--note",
        "customer escalation",
    ]);
    assert!(out.contains("released to Bolt"), "{out}");
    assert_eq!(order_table(&sb)[&id].0, "routed");
    assert!(sb.ok(["audit"]).contains(&format!(
        "Order {id} released by hand to Bolt (in good standing): customer escalation."
    )));
    let again = sb.run(["release", &id, "--to", "Acme"]);
    assert!(!again.success());
    assert!(again.stderr().contains("is not held"), "{}", again.stderr());

    // A third supplier arrives: held orders are routed again at the next import.
    let out = import(&sb, "c.csv", supplier_dump("Core", "2026-10-05", 40, 600));
    assert!(out.contains("Routing:"), "{out}");
    assert_cap_holds(&sb);
}

#[test]
fn bad_order_rows_are_listed_and_left_out() {
    let sb = Sandbox::new();
    import(&sb, "a.csv", supplier_dump("Acme", "2026-10-05", 40, 410));
    let text = format!(
        "{ORDER_HEADER}\n\
         G1,2026-10-06,c,instagram,followers,standard,10\n\
         ,2026-10-06,c,instagram,followers,standard,10\n\
         G2,06/10/2026,c,instagram,followers,standard,10\n\
         G3,2026-10-06,c,instagram,followers,gold,10\n\
         G4,2026-10-06,c,instagram,followers,standard,ten\n\
         G1,2026-10-06,c,instagram,followers,standard,99\n"
    );
    let f = sb.file("orders.csv", text);
    let run = sb.run([std::ffi::OsStr::new("import"), f.as_os_str()]);
    assert!(run.success(), "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("row 3, column order_id"), "{err}");
    assert!(
        err.contains("row 4, column placed_at, value “06/10/2026”"),
        "{err}"
    );
    assert!(err.contains("row 5, column tier, value “gold”"), "{err}");
    assert!(err.contains("row 6, column quantity, value “ten”"), "{err}");
    assert!(
        err.contains("row 7, column order_id, value “G1”: repeats row 2"),
        "{err}"
    );
    assert_eq!(order_table(&sb).len(), 1);

    // An order id already in the database is left out on a later file.
    let f = sb.file(
        "orders2.csv",
        format!("{ORDER_HEADER}\nG1,2026-10-07,c,instagram,followers,standard,5\n"),
    );
    let run = sb.run([std::ffi::OsStr::new("import"), f.as_os_str()]);
    assert!(
        run.stderr().contains("already in the database"),
        "{}",
        run.stderr()
    );

    // Deliveries for unknown orders are left out.
    let f = sb.file(
        "d.csv",
        "order_id,delivered_at,delivered\nNOPE,2026-10-07,5\n",
    );
    let run = sb.run([std::ffi::OsStr::new("import"), f.as_os_str()]);
    assert!(
        run.stderr().contains("no order has this id"),
        "{}",
        run.stderr()
    );
}
