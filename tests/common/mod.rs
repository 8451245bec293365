//! Helpers shared by the integration tests: run the real binary on a temporary database.

#![allow(dead_code)]

pub mod ui;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary folder with a database path inside it.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("test.redb")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file into the sandbox and returns its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, contents).expect("write fixture");
        p
    }

    /// Runs `supply-desk --db <db> args…`.
    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let output = Command::new(env!("CARGO_BIN_EXE_supply-desk"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .output()
            .expect("run supply-desk");
        Run(output)
    }

    /// Runs a command that must succeed and returns its standard output.
    pub fn ok<I, S>(&self, args: I) -> String
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let run = self.run(args);
        assert!(
            run.0.status.success(),
            "command failed: {}\n{}",
            run.stderr(),
            run.stdout()
        );
        run.stdout()
    }

    /// Everything a listing shows, to compare the database before and after.
    pub fn snapshot(&self) -> String {
        let mut s = self.ok(["accounts"]);
        s.push_str(&self.ok(["scorecards"]));
        s
    }
}

pub struct Run(pub Output);

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    pub fn success(&self) -> bool {
        self.0.status.success()
    }
}

/// A fixture shipped in tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Reads a CSV fixture into header + rows of strings.
pub fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).expect("fixture");
    let headers = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.expect("record").iter().map(String::from).collect())
        .collect();
    (headers, rows)
}

/// The standard header of a supplier dump.
pub const DUMP_HEADER: &str = "supplier,platform,niche,username,has_profile_picture,bio,posts,created_at,followers,following,last_active_at,mentioned_by,follows,flagged_at,like_sources_30d,comments_30d,follows_30d,as_of";

/// One eligible account row for `supplier` on `as_of`.
pub fn good_row(supplier: &str, username: &str, as_of: &str) -> String {
    format!(
        "{supplier},instagram,food,{username},yes,Home cook sharing family recipes,85,2023-06-30,410,390,{as_of},chef.nadia,bistro_lyon,,7,2,1,{as_of}"
    )
}

/// One row failing only C4 (dormant).
pub fn dormant_row(supplier: &str, username: &str, as_of: &str) -> String {
    format!(
        "{supplier},instagram,food,{username},yes,Home cook sharing family recipes,85,2023-06-30,410,390,2020-01-01,chef.nadia,bistro_lyon,,7,2,1,{as_of}"
    )
}

/// A dump of `good` eligible and `bad` dormant accounts.
pub fn dump(supplier: &str, as_of: &str, good: usize, bad: usize) -> String {
    let mut s = String::from(DUMP_HEADER);
    s.push('\n');
    for i in 0..good {
        s.push_str(&good_row(
            supplier,
            &format!("good.{i}.{}", slug(supplier)),
            as_of,
        ));
        s.push('\n');
    }
    for i in 0..bad {
        s.push_str(&dormant_row(
            supplier,
            &format!("sleepy.{i}.{}", slug(supplier)),
            as_of,
        ));
        s.push('\n');
    }
    s
}

fn slug(s: &str) -> String {
    s.to_lowercase().replace(' ', "_")
}
