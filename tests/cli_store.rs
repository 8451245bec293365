//! The database as a user meets it: locked, foreign, or fresh (SPEC §9 "Safe").

mod common;

use common::*;

#[test]
fn a_second_copy_on_the_same_database_gets_a_clear_message() {
    let sb = Sandbox::new();
    let _open = supply_desk::store::Store::open(&sb.db()).unwrap();
    let run = sb.run(["scorecards"]);
    assert!(!run.success());
    assert!(
        run.stderr()
            .contains("Supply Desk is already open on this database"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_file_that_is_not_a_database_is_named_and_left_alone() {
    let sb = Sandbox::new();
    std::fs::write(sb.db(), "just some notes, not a database\n".repeat(200)).unwrap();
    let run = sb.run(["scorecards"]);
    assert!(!run.success());
    assert!(
        run.stderr().contains("is not a Supply Desk database"),
        "{}",
        run.stderr()
    );
    let left = std::fs::read_to_string(sb.db()).unwrap();
    assert!(left.starts_with("just some notes"));
}

#[test]
fn a_fresh_database_lists_nothing() {
    let sb = Sandbox::new();
    assert_eq!(
        sb.ok(["scorecards"]),
        "supplier,week,accounts,eligible,eligible_share,quality,retention,composite,standing\n"
    );
    assert_eq!(sb.ok(["accounts", "--format", "json"]), "[]\n");
}

#[test]
fn bad_arguments_are_explained() {
    let sb = Sandbox::new();
    let run = sb.run(["accounts", "--week", "48"]);
    assert!(!run.success());
    assert!(
        run.stderr().contains("is not an ISO week"),
        "{}",
        run.stderr()
    );
    let run = sb.run(["import", "x.csv", "--as-of", "03/04/2025"]);
    assert!(!run.success());
    assert!(run.stderr().contains("YYYY-MM-DD"), "{}", run.stderr());
}

fn set_schema_version(path: &std::path::Path, version: u64) {
    let db = redb::Database::open(path).unwrap();
    let txn = db.begin_write().unwrap();
    {
        let def: redb::TableDefinition<&str, u64> = redb::TableDefinition::new("meta");
        txn.open_table(def)
            .unwrap()
            .insert("schema_version", version)
            .unwrap();
    }
    txn.commit().unwrap();
}

#[test]
fn an_older_database_is_backed_up_then_upgraded() {
    let sb = Sandbox::new();
    let f = sb.file("a.csv", dump("Acme", "2026-10-12", 3, 0));
    sb.ok([std::ffi::OsStr::new("import"), f.as_os_str()]);
    set_schema_version(&sb.db(), 0);
    // Opening upgrades it, keeping a copy of the old file beside it.
    let cards = sb.ok(["scorecards"]);
    assert!(cards.contains("Acme,2026-W42,3,3"), "{cards}");
    let backup = sb.path("test.redb.v0.bak");
    assert!(backup.exists(), "no backup at {}", backup.display());
    assert!(std::fs::metadata(&backup).unwrap().len() > 0);
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let sb = Sandbox::new();
    sb.ok(["scorecards"]);
    set_schema_version(&sb.db(), 99);
    let before = std::fs::read(sb.db()).unwrap();
    let run = sb.run(["scorecards"]);
    assert!(!run.success());
    assert!(
        run.stderr().contains("newer Supply Desk"),
        "{}",
        run.stderr()
    );
    assert!(
        std::fs::read(sb.db()).unwrap() == before,
        "the file was changed"
    );
}

#[test]
fn killing_an_import_midway_commits_nothing_and_the_database_reopens() {
    let sb = Sandbox::new();
    let small = sb.file("small.csv", dump("Acme", "2026-10-05", 3, 0));
    sb.ok([std::ffi::OsStr::new("import"), small.as_os_str()]);
    let before = sb.snapshot();
    // A dump large enough that the import is still running when it is killed.
    let big = sb.path("big.csv");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
        supply_desk::synth::write_dump(
            &supply_desk::synth::DumpSpec {
                supplier: "Bolt",
                as_of: chrono::NaiveDate::from_ymd_opt(2026, 10, 12).unwrap(),
                accounts: 300_000,
                platforms: &["instagram"],
                profile: supply_desk::synth::Profile {
                    failure: 0.1,
                    balance: 0.0,
                },
                seed: 3,
            },
            &mut f,
        )
        .unwrap();
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_supply-desk"))
        .arg("--db")
        .arg(sb.db())
        .arg("import")
        .arg(&big)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    let finished = child.try_wait().unwrap().is_some();
    child.kill().ok();
    child.wait().unwrap();
    // Whatever moment the kill landed on, the database opens again (repairing if needed)
    // and holds either the whole import or none of it.
    let after = sb.snapshot();
    if finished {
        assert!(after.contains("Bolt,2026-W42,300000"), "{after}");
    } else {
        assert_eq!(after, before, "a killed import left a partial change");
    }
}
