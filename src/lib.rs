//! Supply Desk: holds follower suppliers to a published five-point definition of a real,
//! active account (see `SPEC.md` in the project's shared folder).
//!
//! The crate is a pure core, a store and thin edges: `domain` decides, `import` reads
//! files, `store` keeps everything in one redb file, `ops` ties them into the operations a
//! reviewer runs, and `cli` exposes them headless.

/// The desktop app: state, commands, background jobs (SPEC §7).
pub mod app;
/// CLI parsing and the headless commands (SPEC §8).
pub mod cli;
/// Plain types and rules: criteria, scorecards, standing, routing, refills, rubric.
pub mod domain;
/// File formats and validation: CSV, JSON, JSON Lines, XLSX → domain records.
pub mod import;
/// Fixed-column CSV and JSON listings (SPEC §8).
pub mod listing;
/// Operations a reviewer runs: import, re-score.
pub mod ops;
/// The weekly review report (self-contained HTML).
pub mod report;
/// The redb database: tables, schema, codec.
pub mod store;
/// Deterministic synthetic dumps and orders for the demo, benchmarks and tests.
pub mod synth;
/// Numbers and words as people read them.
pub mod text;
/// Drawing: one file per screen (SPEC §7).
pub mod ui;
