//! End-to-end tests of supplier dumps through the real binary (SPEC §2, §3, §6, §8).

mod common;

use common::*;

#[test]
fn the_example_dump_gives_exactly_the_expected_verdicts() {
    let sb = Sandbox::new();
    let out = sb.ok([fixture("dump_example.csv")]
        .iter()
        .map(|p| p.as_os_str().to_owned())
        .fold(
            vec!["import".into()],
            |mut v: Vec<std::ffi::OsString>, p| {
                v.push(p);
                v
            },
        ));
    assert!(out.contains("2 of 14 accounts eligible"), "{out}");
    let listed = sb.ok(["accounts"]);
    let expected = std::fs::read_to_string(fixture("dump_example_expected.csv")).unwrap();
    assert_eq!(listed, expected);
}

fn example_rows() -> (Vec<String>, Vec<Vec<String>>) {
    read_csv(&fixture("dump_example.csv"))
}

fn expected_listing() -> String {
    std::fs::read_to_string(fixture("dump_example_expected.csv")).unwrap()
}

/// Imports `file` into a fresh database and returns the accounts listing.
fn listing_after_import(file: &std::path::Path) -> String {
    let sb = Sandbox::new();
    let run = sb.run([std::ffi::OsStr::new("import"), file.as_os_str()]);
    assert!(run.success(), "{}", run.stderr());
    sb.ok(["accounts"])
}

#[test]
fn every_format_gives_the_same_verdicts() {
    let (headers, rows) = example_rows();
    let sb = Sandbox::new();

    // CSV with semicolons, a BOM and CRLF line ends; tab-separated with headers spelled
    // differently. Cells holding the delimiter are quoted, as spreadsheets do.
    let write = |delimiter: u8, header: &[String], bom: bool| {
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::CRLF)
            .from_writer(if bom {
                "\u{feff}".as_bytes().to_vec()
            } else {
                Vec::new()
            });
        w.write_record(header).unwrap();
        for r in &rows {
            w.write_record(r).unwrap();
        }
        w.into_inner().unwrap()
    };
    let semi = sb.file("semi.csv", write(b';', &headers, true));
    let spelled: Vec<String> = headers
        .iter()
        .map(|h| h.replace('_', " ").to_uppercase())
        .collect();
    let tab = sb.file("tab.tsv", write(b'\t', &spelled, false));

    // JSON array and JSON Lines: numbers as numbers, empty cells as null or absent.
    let objects: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            let mut m = serde_json::Map::new();
            for (h, v) in headers.iter().zip(r) {
                let value = if v.is_empty() {
                    if h == "flagged_at" {
                        continue; // an absent key is a gap too
                    }
                    serde_json::Value::Null
                } else if let Ok(n) = v.parse::<u64>() {
                    serde_json::Value::from(n)
                } else {
                    serde_json::Value::from(v.as_str())
                };
                m.insert(h.clone(), value);
            }
            serde_json::Value::Object(m)
        })
        .collect();
    let json = sb.file("dump.json", serde_json::to_string_pretty(&objects).unwrap());
    let jsonl: String = objects
        .iter()
        .map(|o| format!("{}\n", serde_json::to_string(o).unwrap()))
        .collect();
    let jsonl = sb.file("dump.jsonl", jsonl);

    // XLSX with numbers as numbers and real Excel date cells.
    let xlsx = sb.path("dump.xlsx");
    {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        for (c, h) in headers.iter().enumerate() {
            sheet.write_string(0, c as u16, h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                let c = c as u16;
                if v.is_empty() {
                    continue;
                }
                if let Ok(n) = v.parse::<f64>() {
                    sheet.write_number(r, c, n).unwrap();
                } else if v.len() == 10 && v.as_bytes()[4] == b'-' && v != "2026-13-01" {
                    let d = ExcelDateTime::parse_from_str(v).unwrap();
                    sheet.write_datetime_with_format(r, c, &d, &date).unwrap();
                } else {
                    sheet.write_string(r, c, v).unwrap();
                }
            }
        }
        book.save(&xlsx).unwrap();
    }

    for file in [semi, tab, json, jsonl, xlsx] {
        assert_eq!(
            listing_after_import(&file),
            expected_listing(),
            "format of {}",
            file.display()
        );
    }
}

#[test]
fn json_listing_has_numbers_booleans_and_nulls() {
    let sb = Sandbox::new();
    sb.ok([
        std::ffi::OsString::from("import"),
        fixture("dump_example.csv").into(),
    ]);
    let json: serde_json::Value =
        serde_json::from_str(&sb.ok(["accounts", "--format", "json"])).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 14);
    let ines = rows
        .iter()
        .find(|r| r["username"] == "ines.bertrand")
        .unwrap();
    assert_eq!(ines["eligible"], true);
    assert_eq!(ines["score"], 63.2);
    assert_eq!(ines["reasons"], serde_json::Value::Null);
    let keys: Vec<&String> = ines.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 7);
    let cards: serde_json::Value =
        serde_json::from_str(&sb.ok(["scorecards", "--format", "json"])).unwrap();
    assert_eq!(cards[0]["retention"], serde_json::Value::Null);
    assert_eq!(cards[0]["eligible_share"], 0.1429);
    assert_eq!(cards[0]["standing"], "demoted");
}

#[test]
fn a_file_of_unknown_kind_is_rejected_and_changes_nothing() {
    let sb = Sandbox::new();
    let good = sb.file("good.csv", dump("Acme", "2026-10-12", 10, 0));
    sb.ok([std::ffi::OsStr::new("import"), good.as_os_str()]);
    let before = sb.snapshot();
    let bad = sb.file("weird.csv", "name,colour\nbob,blue\n");
    let run = sb.run([std::ffi::OsStr::new("import"), bad.as_os_str()]);
    assert!(!run.success());
    assert!(
        run.stderr()
            .contains("weird.csv is not a file Supply Desk knows"),
        "{}",
        run.stderr()
    );
    assert_eq!(sb.snapshot(), before);
}

#[test]
fn a_dump_whose_rows_disagree_on_as_of_is_rejected_with_the_rows() {
    let sb = Sandbox::new();
    let mut text = dump("Acme", "2026-10-12", 3, 0);
    text.push_str(&good_row("Acme", "late.one", "2026-10-19"));
    text.push('\n');
    let f = sb.file("mixed.csv", text);
    let before = sb.snapshot();
    let run = sb.run([std::ffi::OsStr::new("import"), f.as_os_str()]);
    assert!(!run.success());
    let err = run.stderr();
    assert!(err.contains("disagree on as_of"), "{err}");
    assert!(err.contains("“2026-10-19” in 1 row(s) (5)"), "{err}");
    assert!(err.contains("“2026-10-12” in 3 row(s) (2, 3, 4)"), "{err}");
    assert_eq!(sb.snapshot(), before);
}

#[test]
fn a_dump_naming_two_suppliers_is_rejected() {
    let sb = Sandbox::new();
    let mut text = dump("Acme", "2026-10-12", 2, 0);
    text.push_str(&good_row("Other", "x.y", "2026-10-12"));
    text.push('\n');
    let f = sb.file("two.csv", text);
    let run = sb.run([std::ffi::OsStr::new("import"), f.as_os_str()]);
    assert!(!run.success());
    assert!(
        run.stderr().contains("its rows name several"),
        "{}",
        run.stderr()
    );
    assert_eq!(sb.ok(["scorecards"]).lines().count(), 1);
}

#[test]
fn supplier_and_as_of_can_be_chosen_at_import() {
    let sb = Sandbox::new();
    let text = dump("X", "2026-10-12", 2, 1);
    // Drop the supplier and as_of columns.
    let trimmed: String = text
        .lines()
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            format!("{}\n", cells[1..cells.len() - 1].join(","))
        })
        .collect();
    let f = sb.file("bare.csv", trimmed);
    let run = sb.run([std::ffi::OsStr::new("import"), f.as_os_str()]);
    assert!(!run.success());
    assert!(run.stderr().contains("--supplier"), "{}", run.stderr());
    assert!(run.stderr().contains("--as-of"), "{}", run.stderr());
    sb.ok([
        std::ffi::OsStr::new("import"),
        f.as_os_str(),
        "--supplier".as_ref(),
        "Bare Supply".as_ref(),
        "--as-of".as_ref(),
        "2026-10-12".as_ref(),
    ]);
    let cards = sb.ok(["scorecards"]);
    assert!(cards.contains("Bare Supply,2026-W42,3,2,0.6667"), "{cards}");
}

#[test]
fn unreadable_rows_are_listed_and_left_out() {
    let sb = Sandbox::new();
    let mut text = dump("Acme", "2026-10-12", 3, 0);
    // Row 5: no username. Row 6: a repeat of row 2's username (different case). Row 7: too many fields.
    text.push_str(&good_row("Acme", "", "2026-10-12"));
    text.push('\n');
    text.push_str(&good_row("Acme", "GOOD.0.ACME", "2026-10-12"));
    text.push('\n');
    text.push_str(&good_row("Acme", "extra", "2026-10-12"));
    text.push_str(",surplus\n");
    // Row 8: a bad count and a future date: kept, excluded with reasons.
    text.push_str(
        "Acme,instagram,food,odd.one,yes,Home cook sharing family recipes,lots,2023-06-30,410,390,2026-10-13,chef.nadia,bistro_lyon,,7,2,1,2026-10-12\n",
    );
    let f = sb.file("rows.csv", text);
    let run = sb.run([std::ffi::OsStr::new("import"), f.as_os_str()]);
    assert!(run.success(), "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("row 5, column username"), "{err}");
    assert!(
        err.contains(
            "row 6, column username, value “GOOD.0.ACME”: this username already appears in row 2"
        ),
        "{err}"
    );
    assert!(err.contains("row 7: "), "{err}");
    assert!(err.contains("row 8, column posts, value “lots”"), "{err}");
    assert!(
        err.contains("row 8, column last_active_at, value “2026-10-13”"),
        "{err}"
    );
    assert!(
        run.stdout().contains("7 rows, 4 stored, 3 left out"),
        "{}",
        run.stdout()
    );
    let accounts = sb.ok(["accounts"]);
    assert!(
        accounts.contains(
            "Acme,2026-W42,instagram,odd.one,false,0.0,bad_value:posts;future_date:last_active_at"
        ),
        "{accounts}"
    );
}

#[test]
fn a_missing_column_excludes_every_account_with_its_reason() {
    let sb = Sandbox::new();
    let text = dump("Acme", "2026-10-12", 2, 0).replace(",comments_30d,", ",remarks,");
    let f = sb.file("nocomments.csv", text);
    sb.ok([std::ffi::OsStr::new("import"), f.as_os_str()]);
    let accounts = sb.ok(["accounts"]);
    assert_eq!(
        accounts.matches("missing:comments_30d").count(),
        2,
        "{accounts}"
    );
}

#[test]
fn a_dump_without_flags_says_so_and_skips_d2() {
    let sb = Sandbox::new();
    let text: String = dump("Acme", "2026-10-12", 2, 0)
        .lines()
        .map(|l| {
            let mut cells: Vec<&str> = l.split(',').collect();
            cells.remove(13);
            format!("{}\n", cells.join(","))
        })
        .collect();
    let f = sb.file("noflags.csv", text);
    let out = sb.ok([std::ffi::OsStr::new("import"), f.as_os_str()]);
    assert!(out.contains("Flags not provided"), "{out}");
}

#[test]
fn the_same_file_is_refused_unless_forced() {
    let sb = Sandbox::new();
    let f = sb.file("a.csv", dump("Acme", "2026-10-12", 3, 0));
    sb.ok([std::ffi::OsStr::new("import"), f.as_os_str()]);
    let again = sb.run([std::ffi::OsStr::new("import"), f.as_os_str()]);
    assert!(!again.success());
    assert!(
        again.stderr().contains("already imported"),
        "{}",
        again.stderr()
    );
    // Forced, the week still exists: it needs --replace as well.
    let forced = sb.run(["import".as_ref(), f.as_os_str(), "--force".as_ref()]);
    assert!(!forced.success());
    assert!(forced.stderr().contains("--replace"), "{}", forced.stderr());
    sb.ok([
        "import".as_ref(),
        f.as_os_str(),
        "--force".as_ref(),
        "--replace".as_ref(),
    ]);
    assert_eq!(sb.ok(["accounts"]).lines().count(), 4);
}

#[test]
fn a_week_is_replaced_only_with_replace_and_never_duplicated() {
    let sb = Sandbox::new();
    let first = sb.file("w1.csv", dump("Acme", "2026-10-12", 3, 0));
    let second = sb.file("w1b.csv", dump("Acme", "2026-10-14", 1, 1));
    sb.ok([std::ffi::OsStr::new("import"), first.as_os_str()]);
    let before = sb.snapshot();
    let refused = sb.run([std::ffi::OsStr::new("import"), second.as_os_str()]);
    assert!(!refused.success());
    assert!(
        refused
            .stderr()
            .contains("already has a scorecard for 2026-W42"),
        "{}",
        refused.stderr()
    );
    assert_eq!(sb.snapshot(), before);
    let out = sb.ok(["import".as_ref(), second.as_os_str(), "--replace".as_ref()]);
    assert!(out.contains("replaced"), "{out}");
    let cards = sb.ok(["scorecards"]);
    assert_eq!(cards.lines().count(), 2, "{cards}");
    assert!(cards.contains("Acme,2026-W42,2,1,0.5000"), "{cards}");
    assert_eq!(sb.ok(["accounts"]).lines().count(), 3);
}

#[test]
fn a_replaced_week_no_longer_makes_its_accounts_known_supplier_accounts() {
    let sb = Sandbox::new();
    let rows = |as_of: &str, accounts: &[(&str, &str)]| {
        let mut s = format!("{DUMP_HEADER}\n");
        for (user, mentioned_by) in accounts {
            let row = good_row("Acme", user, as_of).replace("chef.nadia", mentioned_by);
            s.push_str(&format!("{row}\n"));
        }
        s
    };
    let first = sb.file(
        "w1.csv",
        rows(
            "2026-10-12",
            &[("old.friend", "chef.nadia"), ("keeper", "chef.nadia")],
        ),
    );
    // The replacement drops old.friend, who is now the only one mentioning keeper.
    let second = sb.file("w1b.csv", rows("2026-10-13", &[("keeper", "old.friend")]));
    sb.ok([std::ffi::OsStr::new("import"), first.as_os_str()]);
    sb.ok(["import".as_ref(), second.as_os_str(), "--replace".as_ref()]);
    let accounts = sb.ok(["accounts"]);
    assert!(
        accounts.contains("Acme,2026-W42,instagram,keeper,true,"),
        "{accounts}"
    );
    // Imported again as a new week, old.friend is known once more: keeper's only mention is
    // a supplier account.
    let third = sb.file(
        "w2.csv",
        rows(
            "2026-10-19",
            &[("old.friend", "chef.nadia"), ("keeper", "old.friend")],
        ),
    );
    sb.ok([std::ffi::OsStr::new("import"), third.as_os_str()]);
    let accounts = sb.ok(["accounts", "--week", "2026-W43"]);
    assert!(
        accounts.contains("Acme,2026-W43,instagram,keeper,false,0.0,no_outside_mentions"),
        "{accounts}"
    );
}

#[test]
fn a_listing_whose_reader_stops_early_ends_quietly_and_successfully() {
    use std::io::BufRead;
    let sb = Sandbox::new();
    let f = sb.file("big.csv", dump("Acme", "2026-10-12", 3000, 0));
    sb.ok([std::ffi::OsStr::new("import"), f.as_os_str()]);
    // Like `supply-desk accounts | head -1`: read one line, then close the pipe.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_supply-desk"))
        .arg("--db")
        .arg(sb.db())
        .arg("accounts")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("supplier,week,"), "{first}");
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{:?} {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn several_files_import_in_order_and_a_rejected_one_sets_the_exit_code() {
    let sb = Sandbox::new();
    let a = sb.file("a.csv", dump("Acme", "2026-10-12", 3, 0));
    let bad = sb.file("bad.csv", "nothing,here\n1,2\n");
    let b = sb.file("b.csv", dump("Bolt", "2026-10-12", 3, 0));
    let run = sb.run([
        std::ffi::OsStr::new("import"),
        a.as_os_str(),
        bad.as_os_str(),
        b.as_os_str(),
    ]);
    assert!(!run.success());
    assert_eq!(sb.ok(["scorecards"]).lines().count(), 3);
}

#[test]
fn standing_is_demoted_then_reinstated_after_two_clearing_weeks() {
    let sb = Sandbox::new();
    let weeks = [
        ("2026-10-05", 10, 0),
        ("2026-10-12", 8, 2),  // 80 %: demoted
        ("2026-10-19", 10, 0), // clears, 1 of 2
        ("2026-11-02", 9, 1),  // 90 % clears (a gap week neither counts nor breaks): reinstated
    ];
    for (i, (as_of, good, bad)) in weeks.iter().enumerate() {
        let f = sb.file(&format!("w{i}.csv"), dump("Acme", as_of, *good, *bad));
        sb.ok([std::ffi::OsStr::new("import"), f.as_os_str()]);
    }
    let cards = sb.ok(["scorecards"]);
    let standings: Vec<&str> = cards
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap())
        .collect();
    assert_eq!(standings, ["good", "demoted", "demoted", "good"], "{cards}");
}

#[test]
fn rescoring_uses_the_accounts_known_today() {
    let sb = Sandbox::new();
    // Acme's account is mentioned only by "bolt.friend", unknown at import.
    let acme = format!(
        "{DUMP_HEADER}\nAcme,instagram,food,anna.k,yes,Home cook sharing family recipes,85,2023-06-30,410,390,2026-10-11,bolt.friend,bistro_lyon,,7,2,1,2026-10-12\n"
    );
    let acme = sb.file("acme.csv", acme);
    sb.ok([std::ffi::OsStr::new("import"), acme.as_os_str()]);
    // Bolt's dump reveals bolt.friend as a supplier account.
    let bolt = format!(
        "{DUMP_HEADER}\n{}\n",
        good_row("Bolt", "bolt.friend", "2026-10-12")
    );
    let bolt = sb.file("bolt.csv", bolt);
    sb.ok([std::ffi::OsStr::new("import"), bolt.as_os_str()]);
    // The stored verdict is not silently changed …
    let before = sb.ok(["accounts", "--supplier", "Acme"]);
    assert!(before.contains("anna.k,true"), "{before}");
    // … until the week is re-scored.
    let out = sb.ok(["rescore", "--supplier", "Acme", "--week", "2026-W42"]);
    assert!(out.contains("0 of 1 accounts eligible"), "{out}");
    let after = sb.ok(["accounts", "--supplier", "Acme", "--week", "2026-W42"]);
    assert!(
        after.contains("anna.k,false,0.0,no_outside_mentions"),
        "{after}"
    );
    let missing = sb.run(["rescore", "--supplier", "Nobody", "--week", "2026-W42"]);
    assert!(!missing.success());
    assert!(
        missing
            .stderr()
            .contains("Nobody has no scorecard for 2026-W42")
    );
}

#[test]
fn accounts_filter_by_supplier_and_week() {
    let sb = Sandbox::new();
    for (name, supplier, as_of) in [
        ("a1.csv", "Acme", "2026-10-12"),
        ("a2.csv", "Acme", "2026-10-19"),
        ("b1.csv", "Bolt", "2026-10-12"),
    ] {
        let f = sb.file(name, dump(supplier, as_of, 2, 0));
        sb.ok([std::ffi::OsStr::new("import"), f.as_os_str()]);
    }
    assert_eq!(sb.ok(["accounts"]).lines().count(), 7);
    assert_eq!(sb.ok(["accounts", "--supplier", "Acme"]).lines().count(), 5);
    assert_eq!(sb.ok(["accounts", "--week", "2026-W42"]).lines().count(), 5);
    assert_eq!(
        sb.ok(["accounts", "--supplier", "Acme", "--week", "2026-W43"])
            .lines()
            .count(),
        3
    );
    assert_eq!(sb.ok(["accounts", "--supplier", "Zed"]).lines().count(), 1);
}
