//! Accounts: every imported account with its verdict, filtered by supplier, week, reason
//! and username, sorted by any column, and one account's signals and reasons explained
//! (SPEC §7: "a fast table over hundreds of thousands of rows … each row shows every
//! reason in plain words").
//!
//! The table can hold millions of rows, so nothing on the UI thread is proportional to
//! them. A background job reads the accounts of the chosen supplier and week into a
//! compact [`BaseTable`] (interned names, one username arena, under 30 bytes a row), then
//! keeps the rows the reason and username filters accept and sorts them into a list of row
//! indices. A frame draws only the rows on screen. A new reason, search or sort reuses the
//! rows already read; a new supplier or week, or any change to the database, reads them
//! again. While a build runs, the previous table stays on screen.
//!
//! egui places rows at `f32` offsets, exact only up to about 2^24 points, so the table is
//! paged ([`PAGE_SIZE`] rows a page) and a "Go to row" field reaches any row exactly.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use egui::{Align, Layout, RichText};
use egui_extras::{Column, TableBuilder};

use super::format::{count, standing_color, warn_color};
use super::screen_title_ui;
use crate::app::jobs::Running;
use crate::app::state::AccountFilter;
use crate::app::{Command, Data, ExportJob};
use crate::cli::listings;
use crate::domain::account::{Reason, Signal, normalise_handle};
use crate::domain::explain::explain;
use crate::domain::rubric::Rubric;
use crate::domain::scorecard::Scorecard;
use crate::domain::standing::Standing;
use crate::domain::week::Week;
use crate::import::Progress;
use crate::listing::{ListFormat, fixed, round};
use crate::store::{Reader, Store, StoredAccount};

/// Rows per page of the table. egui lays rows out at `f32` offsets, which stay exact to
/// about 2^24 points; a page of 250,000 rows of about 25 points stays far inside that,
/// so every row of every page can be scrolled to and clicked exactly.
pub const PAGE_SIZE: usize = 250_000;

/// The reason filter value that keeps eligible accounts only.
pub const ELIGIBLE_ONLY: &str = "eligible";

/// The reason filter value that keeps excluded accounts only.
pub const EXCLUDED_ONLY: &str = "excluded";

/// How often the background loops look at Cancel and report progress, in rows.
const CHECK_EVERY: usize = 4096;

/// How long the search must rest before the table is filtered again, so a burst of
/// keystrokes over a million rows starts one build, not one per key.
const SEARCH_SETTLE: Duration = Duration::from_millis(250);

// ---------------------------------------------------------------------------------------
// Filtering and sorting rules, shared by the table and the CSV export.

/// Which accounts the Reason filter keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReasonFilter {
    /// Every account.
    All,
    /// Accounts in the active supply pool.
    Eligible,
    /// Accounts with at least one reason.
    Excluded,
    /// Accounts with this reason (among others).
    Has(Reason),
    /// A code that is not a reason: nothing matches it.
    Nothing,
}

impl ReasonFilter {
    /// Reads the persisted filter value: `None`, [`ELIGIBLE_ONLY`], [`EXCLUDED_ONLY`] or a
    /// reason code such as `dormant`.
    pub fn of(code: Option<&str>) -> ReasonFilter {
        match code.map(str::trim) {
            None | Some("") => ReasonFilter::All,
            Some(ELIGIBLE_ONLY) => ReasonFilter::Eligible,
            Some(EXCLUDED_ONLY) => ReasonFilter::Excluded,
            Some(code) => Reason::from_code(code).map_or(ReasonFilter::Nothing, ReasonFilter::Has),
        }
    }

    /// Whether an account with these reasons passes.
    pub fn keeps(self, reasons: &[Reason]) -> bool {
        match self {
            ReasonFilter::All => true,
            ReasonFilter::Eligible => reasons.is_empty(),
            ReasonFilter::Excluded => !reasons.is_empty(),
            ReasonFilter::Has(r) => reasons.contains(&r),
            ReasonFilter::Nothing => false,
        }
    }
}

/// The search text as it is compared: trimmed, without a leading `@`, lower-case (handles
/// compare case-insensitively, SPEC §2).
pub fn search_needle(search: &str) -> String {
    search.trim().trim_start_matches('@').to_lowercase()
}

/// Whether `username` contains `needle` (already made by [`search_needle`]), ignoring case.
/// ASCII names, nearly all of them, are compared without allocating.
pub fn username_matches(username: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if username.is_ascii() && needle.is_ascii() {
        let (hay, n) = (username.as_bytes(), needle.as_bytes());
        hay.len() >= n.len() && hay.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
    } else {
        username.to_lowercase().contains(needle)
    }
}

/// The per-account part of the filters (reason and username search); supplier and week
/// choose which stored accounts are read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountMatch {
    /// The reason filter.
    pub reason: ReasonFilter,
    /// The search, as [`search_needle`] makes it.
    pub needle: String,
}

impl AccountMatch {
    /// The per-account filters of `filter`.
    pub fn new(filter: &AccountFilter) -> AccountMatch {
        AccountMatch {
            reason: ReasonFilter::of(filter.reason.as_deref()),
            needle: search_needle(&filter.search),
        }
    }

    /// Whether an account passes.
    pub fn keeps(&self, reasons: &[Reason], username: &str) -> bool {
        self.reason.keeps(reasons) && username_matches(username, &self.needle)
    }
}

/// Which stored accounts a table reads: one supplier or all, one week or all.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
struct Scope {
    supplier: Option<String>,
    week: Option<Week>,
}

impl Scope {
    fn of(filter: &AccountFilter) -> Scope {
        Scope {
            supplier: filter.supplier.clone().filter(|s| !s.is_empty()),
            week: parse_week(filter.week.as_deref()),
        }
    }
}

fn parse_week(week: Option<&str>) -> Option<Week> {
    week.and_then(|w| w.parse().ok())
}

/// A sortable column of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortColumn {
    /// Storage order: supplier, week, platform, username (no header marked).
    #[default]
    Key,
    /// Supplier name.
    Supplier,
    /// ISO week.
    Week,
    /// Platform.
    Platform,
    /// Username.
    Username,
    /// Eligible or not.
    Eligible,
    /// Quality score.
    Score,
    /// Reasons, in words.
    Reasons,
}

impl SortColumn {
    /// Whether the first click sorts from the top down (newest week, highest score,
    /// eligible first); names start at A.
    fn starts_descending(self) -> bool {
        matches!(
            self,
            SortColumn::Week | SortColumn::Score | SortColumn::Eligible
        )
    }

    /// How the header says the order, in words (the test font has no arrow glyphs).
    fn suffix(self, descending: bool) -> &'static str {
        match (self, descending) {
            (SortColumn::Key, _) => "",
            (SortColumn::Week, false) => " (oldest first)",
            (SortColumn::Week, true) => " (newest first)",
            (SortColumn::Score, false) => " (low first)",
            (SortColumn::Score, true) => " (high first)",
            (SortColumn::Eligible, false) => " (No first)",
            (SortColumn::Eligible, true) => " (Yes first)",
            (_, false) => " (A–Z)",
            (_, true) => " (Z–A)",
        }
    }
}

/// The table's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Sort {
    /// The column.
    pub column: SortColumn,
    /// From the last value to the first.
    pub descending: bool,
}

/// Compares text A–Z ignoring ASCII case, then exactly, without allocating.
fn cmp_text(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
        .then_with(|| a.cmp(b))
}

// ---------------------------------------------------------------------------------------
// The compact table.

/// Compares usernames as the listing orders them: by [`normalise_handle`]'s key (trimmed,
/// without a leading `@`, lower-case), building it only for names that need more than ASCII
/// lower-casing.
fn cmp_handles(a: &str, b: &str) -> Ordering {
    let plain = |s: &str| s.is_ascii() && !s.starts_with(['@', ' ']) && !s.ends_with(' ');
    if plain(a) && plain(b) {
        let (a, b) = (a.bytes(), b.bytes());
        a.map(|c| c.to_ascii_lowercase())
            .cmp(b.map(|c| c.to_ascii_lowercase()))
    } else {
        normalise_handle(a).cmp(&normalise_handle(b))
    }
}

/// One account in the table: indices into the table's names, the username's place in the
/// arena, and the score in tenths (as shown and as the listing rounds it).
#[derive(Clone, Copy, Debug)]
struct Row {
    /// The account's place in its supplier week, for reading it back.
    ordinal: u32,
    name_start: u32,
    name_len: u32,
    supplier: u32,
    week: u32,
    platform: u32,
    reasons: u32,
    score_tenths: u16,
}

/// One distinct combination of reasons, with its words and codes prepared once.
#[derive(Debug)]
struct ReasonSet {
    reasons: Box<[Reason]>,
    /// Every reason in plain words, joined by "; " (empty when eligible).
    words: String,
    /// The codes, sorted and joined by ";" (SPEC §8).
    codes: String,
}

impl ReasonSet {
    fn new(reasons: &[Reason]) -> ReasonSet {
        let words: Vec<String> = reasons.iter().map(|r| r.describe()).collect();
        let mut codes: Vec<String> = reasons.iter().map(|r| r.code()).collect();
        codes.sort();
        ReasonSet {
            reasons: reasons.into(),
            words: words.join("; "),
            codes: codes.join(";"),
        }
    }
}

/// The accounts of one supplier and week (or all of them), read once and kept compact:
/// about 32 bytes a row plus the username's bytes.
#[derive(Debug, Default)]
pub struct BaseTable {
    suppliers: Vec<String>,
    platforms: Vec<String>,
    reason_sets: Vec<ReasonSet>,
    names: String,
    rows: Vec<Row>,
    supplier_rank: Vec<u32>,
    platform_rank: Vec<u32>,
    reason_rank: Vec<u32>,
}

impl BaseTable {
    /// How many accounts were read.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether no account was read.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn name(&self, row: &Row) -> &str {
        let start = row.name_start as usize;
        self.names
            .get(start..start + row.name_len as usize)
            .unwrap_or_default()
    }

    fn supplier(&self, row: &Row) -> &str {
        self.suppliers
            .get(row.supplier as usize)
            .map_or("", String::as_str)
    }

    fn platform(&self, row: &Row) -> &str {
        self.platforms
            .get(row.platform as usize)
            .map_or("", String::as_str)
    }

    fn reason_set(&self, row: &Row) -> Option<&ReasonSet> {
        self.reason_sets.get(row.reasons as usize)
    }

    fn eligible(&self, row: &Row) -> bool {
        self.reason_set(row).is_none_or(|s| s.reasons.is_empty())
    }
}

/// Fills a [`BaseTable`] one stored account at a time.
#[derive(Default)]
struct BaseBuilder {
    table: BaseTable,
    supplier_ids: HashMap<String, u32>,
    platform_ids: HashMap<String, u32>,
    reason_ids: HashMap<Box<[Reason]>, u32>,
}

const TOO_LARGE: &str =
    "There are too many accounts to show at once. Choose a supplier or a week first.";

fn intern(ids: &mut HashMap<String, u32>, names: &mut Vec<String>, name: &str) -> u32 {
    if let Some(&id) = ids.get(name) {
        return id;
    }
    let id = names.len() as u32;
    names.push(name.to_string());
    ids.insert(name.to_string(), id);
    id
}

impl BaseBuilder {
    fn push(
        &mut self,
        supplier: &str,
        week: Week,
        ordinal: u32,
        account: &StoredAccount,
    ) -> Result<(), String> {
        let t = &mut self.table;
        if t.rows.len() >= u32::MAX as usize {
            return Err(TOO_LARGE.into());
        }
        let supplier = intern(&mut self.supplier_ids, &mut t.suppliers, supplier);
        let platform_name = account.record.platform.value().map_or("", String::as_str);
        let platform = intern(&mut self.platform_ids, &mut t.platforms, platform_name);
        let reasons = account.verdict.reasons.as_slice();
        let reasons = match self.reason_ids.get(reasons) {
            Some(&id) => id,
            None => {
                let id = t.reason_sets.len() as u32;
                t.reason_sets.push(ReasonSet::new(reasons));
                self.reason_ids.insert(reasons.into(), id);
                id
            }
        };
        let name = account.record.username.as_str();
        let name_start = u32::try_from(t.names.len()).map_err(|_| TOO_LARGE.to_string())?;
        let name_len = u32::try_from(name.len()).map_err(|_| TOO_LARGE.to_string())?;
        if name_start.checked_add(name_len).is_none() {
            return Err(TOO_LARGE.into());
        }
        t.names.push_str(name);
        // Scores are 0–100; the tenths are what a reviewer sees and what the listing prints.
        let score_tenths = (round(account.verdict.score, 1) * 10.0)
            .round()
            .clamp(0.0, f64::from(u16::MAX)) as u16;
        t.rows.push(Row {
            ordinal,
            name_start,
            name_len,
            supplier,
            week: week.key(),
            platform,
            reasons,
            score_tenths,
        });
        Ok(())
    }

    fn finish(self) -> BaseTable {
        let mut t = self.table;
        // Accounts arrive by supplier and week in file order: each week's run is put in
        // (platform, username) order, the table's natural order.
        let mut start = 0;
        while start < t.rows.len() {
            let (supplier, week) = (t.rows[start].supplier, t.rows[start].week);
            let len = t.rows[start..]
                .iter()
                .take_while(|r| r.supplier == supplier && r.week == week)
                .count();
            let (names, platforms) = (&t.names, &t.platforms);
            let name = |r: &Row| {
                let at = r.name_start as usize;
                names.get(at..at + r.name_len as usize).unwrap_or_default()
            };
            let platform = |r: &Row| {
                platforms
                    .get(r.platform as usize)
                    .map_or("", String::as_str)
            };
            t.rows[start..start + len].sort_unstable_by(|a, b| {
                platform(a)
                    .cmp(platform(b))
                    .then_with(|| cmp_handles(name(a), name(b)))
            });
            start += len;
        }
        t.names.shrink_to_fit();
        t.rows.shrink_to_fit();
        t.supplier_rank = ranks(t.suppliers.iter().map(String::as_str));
        t.platform_rank = ranks(t.platforms.iter().map(String::as_str));
        t.reason_rank = ranks(t.reason_sets.iter().map(|s| s.words.as_str()));
        t
    }
}

/// The A–Z position of each name, so sorting rows compares two numbers.
fn ranks<'a>(names: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let names: Vec<&str> = names.collect();
    let mut by_name: Vec<usize> = (0..names.len()).collect();
    by_name.sort_by(|&a, &b| cmp_text(names[a], names[b]));
    let mut rank = vec![0; names.len()];
    for (position, index) in by_name.into_iter().enumerate() {
        rank[index] = position as u32;
    }
    rank
}

/// Why a build stopped.
#[derive(Debug)]
enum BuildError {
    /// The filters changed or the database did: the result is not wanted.
    Cancelled,
    /// The database could not be read: the sentence to show.
    Failed(String),
}

/// Reads the accounts of `scope` into a table, counting rows in `rows_read`.
fn read_base(
    store: &Store,
    scope: &Scope,
    progress: &dyn Progress,
    rows_read: &AtomicU64,
) -> Result<BaseTable, BuildError> {
    let failed = |e: crate::store::StoreError| {
        BuildError::Failed(format!("The accounts could not be read: {e}"))
    };
    let view = store.read().map_err(failed)?;
    // The scorecards say how many accounts each week holds: the progress bar's total.
    let expected: u64 = view
        .scorecards()
        .map_err(failed)?
        .iter()
        .filter(|c| scope.supplier.as_ref().is_none_or(|s| *s == c.supplier))
        .filter(|c| scope.week.is_none_or(|w| w == c.week))
        .map(|c| c.accounts)
        .sum();
    progress.update(0, expected);
    let mut builder = BaseBuilder::default();
    builder
        .table
        .rows
        .reserve(expected.min(50_000_000) as usize);
    let mut stop: Option<BuildError> = None;
    let mut n = 0usize;
    view.for_each_account(
        scope.supplier.as_deref(),
        scope.week,
        |supplier, week, ordinal, account| {
            if let Err(e) = builder.push(supplier, week, ordinal, account) {
                stop = Some(BuildError::Failed(e));
                return false;
            }
            n += 1;
            if n.is_multiple_of(CHECK_EVERY) {
                rows_read.store(n as u64, AtomicOrdering::Relaxed);
                progress.update(n as u64, expected.max(n as u64));
                if progress.cancelled() {
                    stop = Some(BuildError::Cancelled);
                    return false;
                }
            }
            true
        },
    )
    .map_err(failed)?;
    if let Some(stop) = stop {
        return Err(stop);
    }
    rows_read.store(n as u64, AtomicOrdering::Relaxed);
    progress.update(n as u64, n as u64);
    Ok(builder.finish())
}

/// The rows of `base` that `matcher` keeps, in the order of `sort`, as row indices.
fn arrange(
    base: &BaseTable,
    matcher: &AccountMatch,
    sort: Sort,
    progress: &dyn Progress,
) -> Result<Vec<u32>, BuildError> {
    let keep_set: Vec<bool> = base
        .reason_sets
        .iter()
        .map(|s| matcher.reason.keeps(&s.reasons))
        .collect();
    let mut order = Vec::new();
    for (i, row) in base.rows.iter().enumerate() {
        if i.is_multiple_of(CHECK_EVERY * 16) && progress.cancelled() {
            return Err(BuildError::Cancelled);
        }
        if keep_set.get(row.reasons as usize).copied().unwrap_or(false)
            && username_matches(base.name(row), &matcher.needle)
        {
            order.push(i as u32);
        }
    }
    sort_rows(base, &mut order, sort);
    if progress.cancelled() {
        return Err(BuildError::Cancelled);
    }
    Ok(order)
}

/// Sorts row indices by a column. The sort is stable and the indices start in storage
/// order, so equal values stay in (supplier, week, platform, username) order.
fn sort_rows(base: &BaseTable, order: &mut [u32], sort: Sort) {
    type Cmp = fn(&BaseTable, &Row, &Row) -> Ordering;
    let by: Cmp = match sort.column {
        SortColumn::Key => return,
        SortColumn::Supplier => |t, a, b| {
            let r = |i| t.supplier_rank.get(i as usize).copied().unwrap_or(0);
            r(a.supplier).cmp(&r(b.supplier))
        },
        SortColumn::Week => |_, a, b| a.week.cmp(&b.week),
        SortColumn::Platform => |t, a, b| {
            let r = |i| t.platform_rank.get(i as usize).copied().unwrap_or(0);
            r(a.platform).cmp(&r(b.platform))
        },
        SortColumn::Username => |t, a, b| cmp_text(t.name(a), t.name(b)),
        SortColumn::Eligible => |t, a, b| t.eligible(a).cmp(&t.eligible(b)),
        SortColumn::Score => |_, a, b| a.score_tenths.cmp(&b.score_tenths),
        SortColumn::Reasons => |t, a, b| {
            let r = |i| t.reason_rank.get(i as usize).copied().unwrap_or(0);
            r(a.reasons).cmp(&r(b.reasons))
        },
    };
    let rows = &base.rows;
    order.sort_by(
        |&a, &b| match (rows.get(a as usize), rows.get(b as usize)) {
            (Some(ra), Some(rb)) => {
                let o = by(base, ra, rb);
                if sort.descending { o.reverse() } else { o }
            }
            _ => a.cmp(&b),
        },
    );
}

// ---------------------------------------------------------------------------------------
// Paging.

/// The table cut into pages of at most `page_size` rows, so each page's row offsets stay
/// exact in `f32` however many rows there are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    /// Rows in the whole table.
    pub rows: usize,
    /// Rows per page (at least 1).
    pub page_size: usize,
}

impl Paging {
    /// Pages of `page_size` rows over `rows` rows.
    pub fn new(rows: usize, page_size: usize) -> Paging {
        Paging {
            rows,
            page_size: page_size.max(1),
        }
    }

    /// Number of pages; an empty table has one (empty) page.
    pub fn pages(&self) -> usize {
        self.rows.div_ceil(self.page_size).max(1)
    }

    /// The page, clamped to the last one.
    pub fn clamp(&self, page: usize) -> usize {
        page.min(self.pages() - 1)
    }

    /// The rows (0-based, end exclusive) of a page, clamped to the last page.
    pub fn range(&self, page: usize) -> Range<usize> {
        let start = self.clamp(page) * self.page_size;
        start.min(self.rows)..(start + self.page_size).min(self.rows)
    }

    /// The page holding a row and its position on that page, if the row exists.
    pub fn locate(&self, row: usize) -> Option<(usize, usize)> {
        (row < self.rows).then(|| (row / self.page_size, row % self.page_size))
    }
}

/// Reads a row number a reviewer typed: "1,200,000", "1 200 000" and "1200000" alike.
pub fn parse_row_number(text: &str) -> Option<usize> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_' | '.' | '\''))
        .collect();
    digits.parse().ok()
}

// ---------------------------------------------------------------------------------------
// The screen's state and its background job.

/// What a table is built for: the filters and the sort.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Want {
    scope: Scope,
    matcher: AccountMatch,
    sort: Sort,
}

impl Want {
    fn new(filter: &AccountFilter, sort: Sort) -> Want {
        Want {
            scope: Scope::of(filter),
            matcher: AccountMatch::new(filter),
            sort,
        }
    }
}

/// A finished table: the rows read and the ones shown, in order.
struct Built {
    want: Want,
    base: Arc<BaseTable>,
    order: Vec<u32>,
}

/// A build running on its own thread.
struct Job {
    want: Want,
    /// Whether it reads the database (or only filters and sorts rows already read).
    reads: bool,
    rows_read: Arc<AtomicU64>,
    running: Running<Result<Built, BuildError>>,
}

fn start_build(
    ctx: &egui::Context,
    store: Arc<Store>,
    want: Want,
    base: Option<Arc<BaseTable>>,
) -> Job {
    let rows_read = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&rows_read);
    let reads = base.is_none();
    let job_want = want.clone();
    let running = Running::start(ctx, "Building the accounts table", move |progress| {
        let base = match base {
            Some(base) => base,
            None => Arc::new(read_base(&store, &job_want.scope, progress, &counter)?),
        };
        let order = arrange(&base, &job_want.matcher, job_want.sort, progress)?;
        Ok(Built {
            want: job_want,
            base,
            order,
        })
    });
    Job {
        want,
        reads,
        rows_read,
        running,
    }
}

/// The account whose detail is open, by its storage key, with the account as read.
struct Selection {
    supplier: String,
    week: Week,
    platform: String,
    username: String,
    /// Its place in the supplier week.
    ordinal: u32,
    /// Read on selection; `None` after the database changed, until read again.
    account: Option<Result<Option<StoredAccount>, String>>,
}

impl Selection {
    fn is(&self, base: &BaseTable, row: &Row) -> bool {
        row.week == self.week.key()
            && base.name(row) == self.username
            && base.supplier(row) == self.supplier
            && base.platform(row) == self.platform
    }

    fn load(&mut self, store: Option<&Store>) {
        let Some(store) = store else {
            self.account = Some(Err("The database is not open.".into()));
            return;
        };
        self.account = Some(
            store
                .read()
                .and_then(|v| v.account_at(&self.supplier, self.week, self.ordinal))
                .map_err(|e| format!("The account could not be read: {e}")),
        );
    }
}

/// The accounts screen's state: the table shown, the build running, the sort, the page
/// and the selected account. Not persisted (the filters are, in [`AccountFilter`]).
#[derive(Default)]
pub struct AccountsState {
    built: Option<Arc<Built>>,
    job: Option<Job>,
    /// The database changed: the rows must be read again.
    stale: bool,
    /// The last build failed for these filters: do not retry until something changes.
    failed: Option<(Want, String)>,
    sort: Sort,
    page: usize,
    scroll_to: Option<usize>,
    goto: String,
    goto_problem: Option<String>,
    selected: Option<Selection>,
    store: Option<Arc<Store>>,
    /// Drawn since the last poll: builds only start while the screen is in use.
    shown: bool,
    /// The search as last seen and when it changed (see [`SEARCH_SETTLE`]).
    search_seen: (String, Option<Instant>),
}

impl AccountsState {
    /// Folds in a finished build and starts one when the table shown is not the one the
    /// filters ask for (or the database changed). Builds start only while the screen is
    /// shown; a running build is cancelled when the filters move elsewhere.
    pub fn poll(
        &mut self,
        ctx: &egui::Context,
        store: Option<&Arc<Store>>,
        filter: &AccountFilter,
    ) {
        self.store = store.cloned();
        self.fold();
        let shown = std::mem::take(&mut self.shown);
        let Some(store) = store else { return };
        if !shown {
            return;
        }
        let want = Want::new(filter, self.sort);
        if want.matcher.needle != self.search_seen.0 {
            self.search_seen = (want.matcher.needle.clone(), Some(Instant::now()));
        }
        if let Some(rest) = self.settling() {
            ctx.request_repaint_after(rest);
            return;
        }
        if let Some(job) = &self.job {
            // Still building what is wanted, or reading the rows the wanted table needs
            // (a new search then only re-filters them once they are in).
            if job.want == want || (job.reads && job.want.scope == want.scope) {
                return;
            }
            job.running.progress.cancel();
            self.job = None;
        }
        if !self.needs_build(&want) {
            return;
        }
        let base = self
            .built
            .as_ref()
            .filter(|b| !self.stale && b.want.scope == want.scope)
            .map(|b| Arc::clone(&b.base));
        self.stale = false;
        self.job = Some(start_build(ctx, Arc::clone(store), want, base));
    }

    /// The database changed: the table is read again (the one shown stays meanwhile).
    pub fn invalidate(&mut self) {
        if let Some(job) = self.job.take() {
            job.running.progress.cancel();
        }
        self.stale = true;
        self.failed = None;
        if let Some(selection) = &mut self.selected {
            selection.account = None;
        }
    }

    /// Whether a build is running.
    pub fn building(&self) -> bool {
        self.job.is_some()
    }

    /// Rows in the table shown (after the filters), if one has been built.
    pub fn shown_rows(&self) -> Option<usize> {
        self.built.as_ref().map(|b| b.order.len())
    }

    /// How long the search still has to rest before it is applied, if it changed lately.
    fn settling(&self) -> Option<Duration> {
        let changed = self.search_seen.1?;
        SEARCH_SETTLE.checked_sub(changed.elapsed())
    }

    fn needs_build(&self, want: &Want) -> bool {
        if self.stale {
            return true;
        }
        if self.failed.as_ref().is_some_and(|(w, _)| w == want) {
            return false;
        }
        self.built.as_ref().is_none_or(|b| b.want != *want)
    }

    fn fold(&mut self) {
        let Some(result) = self.job.as_ref().and_then(|j| j.running.poll()) else {
            return;
        };
        let Some(job) = self.job.take() else { return };
        match result {
            Ok(Ok(built)) => {
                let moved = self.built.as_ref().is_none_or(|b| b.want != built.want);
                if moved {
                    self.page = 0;
                    self.scroll_to = Some(0);
                }
                self.page = Paging::new(built.order.len(), PAGE_SIZE).clamp(self.page);
                self.failed = None;
                self.built = Some(Arc::new(built));
            }
            Ok(Err(BuildError::Cancelled)) => {}
            Ok(Err(BuildError::Failed(why))) => self.failed = Some((job.want, why)),
            Err(()) => {
                self.failed = Some((
                    job.want,
                    "The table could not be built: the reading stopped unexpectedly.".into(),
                ))
            }
        }
    }

    fn select(&mut self, base: &BaseTable, index: u32) {
        let Some(row) = base.rows.get(index as usize) else {
            return;
        };
        let mut selection = Selection {
            supplier: base.supplier(row).to_string(),
            week: Week::from_key(row.week),
            platform: base.platform(row).to_string(),
            username: base.name(row).to_string(),
            ordinal: row.ordinal,
            account: None,
        };
        selection.load(self.store.as_deref());
        self.selected = Some(selection);
    }
}

// ---------------------------------------------------------------------------------------
// Export.

/// The accounts the filters show, as spreadsheet-safe CSV with the columns of
/// `supply-desk accounts` (SPEC §8), in storage order. The file is written on the job
/// thread from a fresh read of the database.
pub fn accounts_export(filter: &AccountFilter) -> ExportJob {
    let filter = filter.clone();
    ExportJob {
        what: "accounts".into(),
        file_name: export_file_name(&filter),
        filter: ("CSV".into(), vec!["csv".into()]),
        produce: Arc::new(move |store| {
            let mut out = Vec::new();
            write_accounts_csv(store, &filter, &mut out)
                .map_err(|e| format!("The accounts could not be exported: {e}"))?;
            Ok(out)
        }),
    }
}

/// Writes the accounts `filter` keeps as spreadsheet-safe CSV (cells a spreadsheet would
/// run as formulas are neutralised).
pub fn write_accounts_csv(
    store: &Store,
    filter: &AccountFilter,
    out: &mut Vec<u8>,
) -> anyhow::Result<()> {
    let scope = Scope::of(filter);
    let matcher = AccountMatch::new(filter);
    listings::accounts_where(
        store,
        scope.supplier.as_deref(),
        scope.week,
        ListFormat::SpreadsheetCsv,
        out,
        |account| matcher.keeps(&account.verdict.reasons, &account.record.username),
    )
}

fn export_file_name(filter: &AccountFilter) -> String {
    let mut parts = vec!["accounts".to_string()];
    parts.extend(filter.supplier.clone());
    parts.extend(filter.week.clone());
    parts.extend(filter.reason.clone());
    let search = filter.search.trim();
    if !search.is_empty() {
        parts.push(format!("matching-{search}"));
    }
    let name: String = parts
        .join("-")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{name}.csv")
}

// ---------------------------------------------------------------------------------------
// Drawing.

/// Draws the Accounts screen: filters, counts, the table (paged) and the selected
/// account's detail.
pub fn accounts_ui(
    ui: &mut egui::Ui,
    data: &Data,
    filter: &mut AccountFilter,
    state: &mut AccountsState,
    commands: &mut Vec<Command>,
) {
    state.shown = true;
    screen_title_ui(
        ui,
        "Accounts",
        "Every imported account with its verdict. Filter above, click a column title to sort, click a row to see why.",
    );
    // Empty only once a build has confirmed it: before the first snapshot arrives the
    // history is empty too.
    if data.history.is_empty() && state.built.as_ref().is_some_and(|b| b.base.is_empty()) {
        empty_ui(ui, commands);
        wake_for_build(ui, filter, state);
        return;
    }
    filters_ui(ui, data, filter, state);
    ui.add_space(4.0);
    status_ui(ui, data, filter, state, commands);
    let built = state.built.clone();
    if let Some(built) = &built
        && !built.order.is_empty()
    {
        paging_ui(ui, built, state);
    }
    ui.add_space(4.0);
    if state.selected.is_some() {
        detail_ui(ui, data, state);
    }
    match &built {
        None => {
            ui.add_space(20.0);
            ui.vertical_centered(|ui| ui.label(RichText::new("The table is being built…").weak()));
        }
        Some(b) if b.order.is_empty() => {
            ui.add_space(20.0);
            ui.vertical_centered(|ui| {
                ui.label("No accounts match these filters.");
                ui.label(
                    RichText::new("Choose another supplier, week or reason, or clear the search.")
                        .weak(),
                );
                ui.add_space(6.0);
                if ui.button("Clear filters").clicked() {
                    *filter = AccountFilter::default();
                }
            });
        }
        Some(b) => table_ui(ui, b, state),
    }
    wake_for_build(ui, filter, state);
}

/// The screen asks for a frame when the table it shows is not the one wanted, so that the
/// next poll starts the build.
fn wake_for_build(ui: &egui::Ui, filter: &AccountFilter, state: &AccountsState) {
    if state.job.is_none()
        && state.settling().is_none()
        && state.needs_build(&Want::new(filter, state.sort))
    {
        ui.ctx().request_repaint();
    }
}

fn empty_ui(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    ui.add_space(40.0);
    ui.vertical_centered(|ui| {
        ui.label(RichText::new("No accounts yet.").strong().size(16.0));
        ui.label("Import a supplier dump to see accounts.");
        ui.add_space(8.0);
        if ui.button("Import a supplier dump…").clicked() {
            commands.push(Command::PickFiles);
        }
    });
}

fn reason_option(code: &str) -> String {
    match code {
        ELIGIBLE_ONLY => "Eligible only".into(),
        EXCLUDED_ONLY => "Excluded only".into(),
        _ => match Reason::from_code(code) {
            Some(r) => format!("{code} — {}", r.describe()),
            None => code.to_string(),
        },
    }
}

fn filters_ui(
    ui: &mut egui::Ui,
    data: &Data,
    filter: &mut AccountFilter,
    state: &mut AccountsState,
) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Supplier");
        egui::ComboBox::from_id_salt("accounts_supplier")
            .width(170.0)
            .selected_text(filter.supplier.as_deref().unwrap_or("All suppliers"))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.supplier, None, "All suppliers");
                for name in data.history.keys() {
                    ui.selectable_value(&mut filter.supplier, Some(name.clone()), name);
                }
            })
            .response
            .labelled_by(label.id);
        ui.add_space(8.0);

        let label = ui.label("Week");
        egui::ComboBox::from_id_salt("accounts_week")
            .width(100.0)
            .selected_text(filter.week.as_deref().unwrap_or("All weeks"))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.week, None, "All weeks");
                for week in &data.weeks {
                    let text = week.to_string();
                    ui.selectable_value(&mut filter.week, Some(text.clone()), text);
                }
            })
            .response
            .labelled_by(label.id);
        ui.add_space(8.0);

        let label = ui.label("Reason");
        let selected = filter
            .reason
            .as_deref()
            .map_or_else(|| "All accounts".to_string(), reason_option);
        egui::ComboBox::from_id_salt("accounts_reason")
            .width(260.0)
            .selected_text(selected)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.reason, None, "All accounts");
                for code in [ELIGIBLE_ONLY, EXCLUDED_ONLY] {
                    ui.selectable_value(&mut filter.reason, Some(code.into()), reason_option(code));
                }
                ui.separator();
                for code in &data.reasons {
                    ui.selectable_value(
                        &mut filter.reason,
                        Some(code.clone()),
                        reason_option(code),
                    )
                    .on_hover_text(format!("Reason code {code}"));
                }
            })
            .response
            .labelled_by(label.id);
        ui.add_space(8.0);

        let label = ui.label("Search username");
        ui.add(
            egui::TextEdit::singleline(&mut filter.search)
                .hint_text("part of a username")
                .desired_width(160.0),
        )
        .labelled_by(label.id);

        if *filter != AccountFilter::default() && ui.button("Clear filters").clicked() {
            *filter = AccountFilter::default();
            state.goto_problem = None;
        }
    });
}

fn accounts_word(n: usize) -> &'static str {
    if n == 1 { "account" } else { "accounts" }
}

fn status_ui(
    ui: &mut egui::Ui,
    data: &Data,
    filter: &AccountFilter,
    state: &AccountsState,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        if let Some(built) = &state.built {
            let n = built.order.len();
            let filtered = built.want.scope != Scope::default()
                || built.want.matcher.reason != ReasonFilter::All
                || !built.want.matcher.needle.is_empty();
            let total: u64 = data.history.values().flatten().map(|c| c.accounts).sum();
            let text = if filtered {
                format!("{} of {} accounts", count(n as u64), count(total))
            } else {
                format!("{} {}", count(n as u64), accounts_word(n))
            };
            ui.label(RichText::new(text).strong());
        }
        if let Some(job) = &state.job {
            ui.add_space(12.0);
            if job.reads {
                let n = job.rows_read.load(AtomicOrdering::Relaxed);
                ui.label(format!("Building the table… {} rows", count(n)));
                ui.add(egui::ProgressBar::new(job.running.progress.fraction()).desired_width(180.0));
            } else {
                ui.label(RichText::new("Filtering and sorting…").weak());
            }
        } else if let Some((_, why)) = &state.failed {
            ui.label(RichText::new(why).color(warn_color(ui.visuals().dark_mode)));
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui
                .button("Export these accounts to CSV…")
                .on_hover_text(
                    "Save the accounts these filters keep, with the columns of the command-line listing. Cells a spreadsheet would run as formulas are made safe.",
                )
                .clicked()
            {
                commands.push(Command::Export(accounts_export(filter)));
            }
        });
    });
}

fn paging_ui(ui: &mut egui::Ui, built: &Built, state: &mut AccountsState) {
    let paging = Paging::new(built.order.len(), PAGE_SIZE);
    let dark = ui.visuals().dark_mode;
    let mut go = None;
    ui.horizontal(|ui| {
        let page = paging.clamp(state.page);
        if paging.pages() > 1 {
            if ui
                .add_enabled(page > 0, egui::Button::new("‹ Previous page"))
                .clicked()
            {
                state.page = page - 1;
                state.scroll_to = Some(0);
            }
            let range = paging.range(page);
            ui.label(format!(
                "Page {} of {} (rows {}–{})",
                page + 1,
                paging.pages(),
                count(range.start as u64 + 1),
                count(range.end as u64)
            ));
            if ui
                .add_enabled(page + 1 < paging.pages(), egui::Button::new("Next page ›"))
                .clicked()
            {
                state.page = page + 1;
                state.scroll_to = Some(0);
            }
            ui.separator();
        }
        let label = ui.label("Go to row");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut state.goto)
                    .hint_text(format!("1 to {}", count(paging.rows as u64)))
                    .desired_width(110.0),
            )
            .labelled_by(label.id);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button("Go").clicked() || entered {
            go = Some(parse_row_number(&state.goto));
        }
        if let Some(problem) = &state.goto_problem {
            ui.label(RichText::new(problem).color(warn_color(dark)));
        }
    });
    match go {
        None => {}
        Some(number) => {
            let target = number
                .and_then(|n| n.checked_sub(1))
                .and_then(|row| paging.locate(row).map(|at| (row, at)));
            match target {
                Some((row, (page, offset))) => {
                    state.goto_problem = None;
                    state.page = page;
                    state.scroll_to = Some(offset);
                    if let Some(&index) = built.order.get(row) {
                        state.select(&built.base, index);
                    }
                }
                None => {
                    state.goto_problem = Some(format!(
                        "Type a row number from 1 to {}.",
                        count(paging.rows as u64)
                    ))
                }
            }
        }
    }
}

fn cell(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>) -> egui::Response {
    ui.add(egui::Label::new(text).selectable(false).truncate())
}

fn number_cell(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>) {
    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
        cell(ui, text);
    });
}

/// Widths of every column but the last (Reasons takes the rest), fitted to the width the
/// table has, so it never runs under the detail panel. Short values get fixed widths (the
/// sorted one at least as wide as its title, which grows by the order in words); names
/// share what is left with the reasons.
fn column_widths(available: f32, spacing: f32, sort: Sort, sorted_title: f32) -> [f32; 7] {
    let order = [
        SortColumn::Key,
        SortColumn::Supplier,
        SortColumn::Week,
        SortColumn::Platform,
        SortColumn::Username,
        SortColumn::Eligible,
        SortColumn::Score,
    ];
    let mut widths: [f32; 7] = [64.0, 0.0, 78.0, 86.0, 0.0, 60.0, 56.0];
    let sorted = order.iter().position(|c| *c == sort.column);
    if let Some(i) = sorted {
        widths[i] = widths[i].max(sorted_title);
    }
    let rest = (available - widths.iter().sum::<f32>() - spacing * 8.0).max(260.0);
    widths[1] = (rest * 0.22).max(90.0);
    widths[4] = (rest * 0.30).max(110.0);
    if let Some(i @ (1 | 4)) = sorted {
        widths[i] = widths[i].max(sorted_title);
    }
    widths
}

fn header_text(title: &str, suffix: &str) -> RichText {
    RichText::new(format!("{title}{suffix}")).strong()
}

fn table_ui(ui: &mut egui::Ui, built: &Built, state: &mut AccountsState) {
    let base = &built.base;
    let paging = Paging::new(built.order.len(), PAGE_SIZE);
    let page = paging.clamp(state.page);
    let range = paging.range(page);
    let h = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let dark = ui.visuals().dark_mode;
    let columns = [
        ("Supplier", SortColumn::Supplier),
        ("Week", SortColumn::Week),
        ("Platform", SortColumn::Platform),
        ("Username", SortColumn::Username),
        ("Eligible", SortColumn::Eligible),
        ("Score", SortColumn::Score),
        ("Reasons", SortColumn::Reasons),
    ];
    let sorted_title = columns
        .iter()
        .find(|(_, c)| *c == state.sort.column)
        .map_or(0.0, |(title, c)| {
            let text = header_text(title, c.suffix(state.sort.descending));
            let galley = egui::WidgetText::from(text).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Button,
            );
            galley.size().x + 2.0 * ui.spacing().button_padding.x + 4.0
        });
    let widths = column_widths(
        ui.available_width(),
        ui.spacing().item_spacing.x,
        state.sort,
        sorted_title,
    );
    let mut table = TableBuilder::new(ui)
        .id_salt("accounts_table")
        .striped(true)
        .sense(egui::Sense::click())
        .animate_scrolling(false)
        .cell_layout(Layout::left_to_right(Align::Center));
    for width in widths {
        table = table.column(Column::exact(width).clip(true));
    }
    table = table.column(Column::remainder().at_least(60.0).clip(true));
    if let Some(row) = state.scroll_to.take() {
        table = table.scroll_to_row(row, Some(Align::Center));
    }
    let sort = state.sort;
    let mut sort_clicked = None;
    let mut row_clicked = None;
    let selected = state.selected.as_ref();
    table
        .header(h, |mut header| {
            header.col(|ui| {
                number_cell(ui, RichText::new("#").strong());
            });
            for (title, column) in columns {
                header.col(|ui| {
                    let suffix = if sort.column == column {
                        column.suffix(sort.descending)
                    } else {
                        ""
                    };
                    let layout = if column == SortColumn::Score {
                        Layout::right_to_left(Align::Center)
                    } else {
                        Layout::left_to_right(Align::Center)
                    };
                    ui.with_layout(layout, |ui| {
                        if ui
                            .add(egui::Button::new(header_text(title, suffix)).frame(false))
                            .on_hover_text(format!("Sort by {}", title.to_lowercase()))
                            .clicked()
                        {
                            sort_clicked = Some(column);
                        }
                    });
                });
            }
        })
        .body(|body| {
            body.rows(h, range.len(), |mut row| {
                let position = range.start + row.index();
                let Some(&index) = built.order.get(position) else {
                    return;
                };
                let Some(r) = base.rows.get(index as usize) else {
                    return;
                };
                row.set_selected(selected.is_some_and(|s| s.is(base, r)));
                row.col(|ui| {
                    number_cell(ui, RichText::new(count(position as u64 + 1)).weak());
                });
                row.col(|ui| {
                    cell(ui, base.supplier(r));
                });
                row.col(|ui| {
                    cell(ui, Week::from_key(r.week).to_string());
                });
                row.col(|ui| {
                    let platform = base.platform(r);
                    cell(ui, if platform.is_empty() { "–" } else { platform });
                });
                row.col(|ui| {
                    cell(ui, base.name(r));
                });
                row.col(|ui| {
                    let (word, standing) = if base.eligible(r) {
                        ("Yes", Standing::Good)
                    } else {
                        ("No", Standing::Demoted)
                    };
                    cell(
                        ui,
                        RichText::new(word).color(standing_color(standing, dark)),
                    );
                });
                row.col(|ui| {
                    let tenths = r.score_tenths;
                    number_cell(ui, format!("{}.{}", tenths / 10, tenths % 10));
                });
                row.col(|ui| match base.reason_set(r) {
                    Some(set) if !set.reasons.is_empty() => {
                        cell(ui, set.words.as_str()).on_hover_ui(|ui| {
                            ui.label(&set.words);
                            ui.label(RichText::new(format!("Codes: {}", set.codes)).weak());
                        });
                    }
                    _ => {
                        cell(ui, RichText::new("–").weak());
                    }
                });
                if row.response().clicked() {
                    row_clicked = Some(index);
                }
            });
        });
    if let Some(column) = sort_clicked {
        state.sort = if state.sort.column == column {
            Sort {
                column,
                descending: !state.sort.descending,
            }
        } else {
            Sort {
                column,
                descending: column.starts_descending(),
            }
        };
        ui.ctx().request_repaint();
    }
    if let Some(index) = row_clicked {
        state.select(base, index);
    }
}

/// The scorecard an account was judged in, and the rubric version it used.
fn judged_in<'a>(
    data: &'a Data,
    supplier: &str,
    week: Week,
) -> Option<(&'a Scorecard, &'a Rubric)> {
    let card = data
        .history
        .get(supplier)?
        .iter()
        .find(|c| c.week == week)?;
    let rubric = data
        .rubrics
        .iter()
        .find(|r| r.version == card.rubric_version)
        .unwrap_or(&data.rubric);
    Some((card, rubric))
}

fn signal_text<T: std::fmt::Display>(s: &Signal<T>) -> String {
    match s {
        Signal::Value(v) => v.to_string(),
        Signal::Missing => "missing".into(),
        Signal::Bad(raw) => format!("unreadable: “{raw}”"),
    }
}

fn yes_no(s: &Signal<bool>) -> String {
    match s {
        Signal::Value(true) => "Yes".into(),
        Signal::Value(false) => "No".into(),
        other => signal_text(other),
    }
}

fn date_text(date: NaiveDate, as_of: Option<NaiveDate>) -> String {
    match as_of {
        Some(as_of) => {
            let days = (as_of - date).num_days();
            match days {
                0 => format!("{date} (the snapshot day)"),
                1 => format!("{date} (1 day before the snapshot)"),
                d if d < 0 => format!("{date} ({} day(s) after the snapshot)", -d),
                d => format!("{date} ({d} days before the snapshot)"),
            }
        }
        None => date.to_string(),
    }
}

fn date_signal(s: &Signal<NaiveDate>, as_of: Option<NaiveDate>) -> String {
    match s {
        Signal::Value(d) => date_text(*d, as_of),
        other => signal_text(other),
    }
}

fn handles_text(s: &Signal<Vec<String>>, empty: &str) -> String {
    const SHOWN: usize = 12;
    match s {
        Signal::Value(v) if v.is_empty() => empty.into(),
        Signal::Value(v) if v.len() > SHOWN => format!(
            "{} … and {} more",
            v[..SHOWN].join(", "),
            count((v.len() - SHOWN) as u64)
        ),
        Signal::Value(v) => v.join(", "),
        Signal::Missing => "missing".into(),
        Signal::Bad(raw) => format!("unreadable: “{raw}”"),
    }
}

fn detail_ui(ui: &mut egui::Ui, data: &Data, state: &mut AccountsState) {
    let store = state.store.clone();
    let Some(selection) = &mut state.selected else {
        return;
    };
    if selection.account.is_none() {
        selection.load(store.as_deref());
    }
    let mut close = false;
    egui::Panel::right("account_detail")
        .resizable(true)
        .default_size(360.0)
        .min_size(280.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("account_detail_scroll")
                .auto_shrink([false; 2])
                .show(ui, |ui| {
                    ui.add_space(4.0);
                    ui.horizontal(|ui| {
                        ui.heading(&selection.username);
                        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                            if ui.button("Close details").clicked() {
                                close = true;
                            }
                        });
                    });
                    let platform = if selection.platform.is_empty() {
                        "no platform"
                    } else {
                        selection.platform.as_str()
                    };
                    ui.label(
                        RichText::new(format!(
                            "{} · {} · {platform}",
                            selection.supplier, selection.week
                        ))
                        .weak(),
                    );
                    ui.add_space(6.0);
                    match &selection.account {
                        Some(Ok(Some(account))) => account_ui(ui, data, selection, account),
                        Some(Ok(None)) => {
                            ui.label("This account is no longer in the database.");
                        }
                        Some(Err(why)) => {
                            ui.label(RichText::new(why).color(warn_color(ui.visuals().dark_mode)));
                        }
                        None => {}
                    }
                });
        });
    if close {
        state.selected = None;
    }
}

fn account_ui(ui: &mut egui::Ui, data: &Data, selection: &Selection, account: &StoredAccount) {
    let dark = ui.visuals().dark_mode;
    let judged = judged_in(data, &selection.supplier, selection.week);
    let as_of = judged.map(|(card, _)| card.as_of);
    let verdict = &account.verdict;
    let eligible = verdict.eligible();
    ui.horizontal(|ui| {
        let (word, standing) = if eligible {
            ("Eligible: in the active supply pool", Standing::Good)
        } else {
            ("Excluded from the active supply pool", Standing::Demoted)
        };
        ui.label(
            RichText::new(word)
                .strong()
                .color(standing_color(standing, dark)),
        );
    });
    ui.label(format!("Quality score {}", fixed(verdict.score, 1)));
    ui.add_space(6.0);
    if eligible {
        ui.label("It meets all five criteria and no disqualifier applies.");
    } else {
        ui.label(RichText::new("Why it is excluded").strong());
        for reason in &verdict.reasons {
            let text = match judged {
                Some((card, rubric)) => explain(*reason, &account.record, card.as_of, rubric),
                None => reason.describe(),
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("•").color(warn_color(dark)));
                ui.add(egui::Label::new(text).wrap());
            });
        }
    }
    ui.add_space(4.0);
    match judged {
        Some((card, rubric)) => {
            ui.label(
                RichText::new(format!(
                    "Judged against the snapshot of {} with rubric version {}.",
                    card.as_of, rubric.version
                ))
                .weak(),
            );
        }
        None => {
            ui.label(
                RichText::new("The scorecard of this week is not loaded yet; reasons are shown without their values.")
                    .weak(),
            );
        }
    }
    ui.add_space(10.0);
    ui.label(RichText::new("Signals as read").strong());
    let r = &account.record;
    let flags_provided = judged.is_none_or(|(card, _)| card.flags_provided);
    let flagged = match &r.flagged_at {
        Signal::Value(Some(d)) => date_text(*d, as_of),
        Signal::Value(None) if flags_provided => "never".into(),
        Signal::Value(None) => "not provided in this dump".into(),
        Signal::Missing => "missing".into(),
        Signal::Bad(raw) => format!("unreadable: “{raw}”"),
    };
    let bio = match &r.bio {
        Signal::Value(b) if b.trim().is_empty() => "(blank)".into(),
        Signal::Value(b) => format!("“{b}”"),
        other => signal_text(other),
    };
    let rows: [(&str, String); 17] = [
        ("Username", r.username.clone()),
        ("Platform", signal_text(&r.platform)),
        (
            "Niche",
            r.niche.clone().unwrap_or_else(|| "none given".into()),
        ),
        ("Custom profile picture", yes_no(&r.has_profile_picture)),
        ("Bio", bio),
        ("Posts", signal_text(&r.posts)),
        ("Created", date_signal(&r.created_at, as_of)),
        ("Followers", signal_text(&r.followers)),
        ("Following", signal_text(&r.following)),
        ("Last active", date_signal(&r.last_active_at, as_of)),
        ("Mentioned by", handles_text(&r.mentioned_by, "nobody")),
        ("Follows", handles_text(&r.follows, "nobody listed")),
        ("Flagged by the platform", flagged),
        ("Sources liked (30 days)", signal_text(&r.like_sources_30d)),
        ("Comments (30 days)", signal_text(&r.comments_30d)),
        ("Accounts followed (30 days)", signal_text(&r.follows_30d)),
        ("Row in the imported file", count(account.row)),
    ];
    egui::Grid::new("account_signals")
        .num_columns(2)
        .striped(true)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (name, value) in rows {
                ui.label(RichText::new(name).weak());
                ui.add(egui::Label::new(value).wrap());
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Verdict;
    use crate::import::Silent;

    fn account(platform: &str, username: &str, reasons: Vec<Reason>, score: f64) -> StoredAccount {
        StoredAccount::sample(platform, username, Verdict { reasons, score })
    }

    fn table() -> BaseTable {
        let w1 = Week {
            year: 2026,
            week: 41,
        };
        let w2 = Week {
            year: 2026,
            week: 42,
        };
        let mut b = BaseBuilder::default();
        let rows = [
            ("Alpha", w1, "instagram", "Zed.one", vec![], 63.25),
            ("Alpha", w1, "tiktok", "amy", vec![Reason::Dormant], 0.0),
            (
                "Alpha",
                w2,
                "instagram",
                "bob",
                vec![Reason::Dormant, Reason::Ratio],
                0.0,
            ),
            ("beta", w1, "instagram", "Émile", vec![], 99.96),
            (
                "beta",
                w2,
                "instagram",
                "carl_92",
                vec![Reason::TooNew],
                0.0,
            ),
        ];
        for (i, (s, w, p, u, reasons, score)) in rows.into_iter().enumerate() {
            b.push(s, w, i as u32, &account(p, u, reasons, score))
                .unwrap();
        }
        b.finish()
    }

    fn names(t: &BaseTable, order: &[u32]) -> Vec<String> {
        order
            .iter()
            .map(|&i| t.name(&t.rows[i as usize]).to_string())
            .collect()
    }

    fn arranged(t: &BaseTable, reason: Option<&str>, search: &str, sort: Sort) -> Vec<String> {
        let filter = AccountFilter {
            reason: reason.map(String::from),
            search: search.into(),
            ..AccountFilter::default()
        };
        let order = arrange(t, &AccountMatch::new(&filter), sort, &Silent).unwrap();
        names(t, &order)
    }

    #[test]
    fn rows_are_compact_and_interned() {
        assert!(std::mem::size_of::<Row>() <= 32);
        let t = table();
        assert_eq!(t.len(), 5);
        assert_eq!(t.suppliers, ["Alpha", "beta"]);
        assert_eq!(t.platforms, ["instagram", "tiktok"]);
        assert_eq!(t.reason_sets.len(), 4);
        assert_eq!(
            t.rows[0].score_tenths, 633,
            "63.25 rounds half away from zero"
        );
        assert_eq!(t.rows[3].score_tenths, 1000);
        let set = t.reason_set(&t.rows[2]).unwrap();
        assert_eq!(
            set.words,
            "no recent activity; follows far more accounts than follow it"
        );
        assert_eq!(set.codes, "dormant;ratio");
    }

    #[test]
    fn filters_by_reason_and_search() {
        let t = table();
        let all = Sort::default();
        assert_eq!(arranged(&t, Some("dormant"), "", all), ["amy", "bob"]);
        assert_eq!(
            arranged(&t, Some(ELIGIBLE_ONLY), "", all),
            ["Zed.one", "Émile"]
        );
        assert_eq!(
            arranged(&t, Some(EXCLUDED_ONLY), "", all),
            ["amy", "bob", "carl_92"]
        );
        assert_eq!(
            arranged(&t, Some("not_a_reason"), "", all),
            Vec::<String>::new()
        );
        assert_eq!(arranged(&t, None, " @ZED ", all), ["Zed.one"]);
        assert_eq!(arranged(&t, None, "émi", all), ["Émile"]);
        assert_eq!(arranged(&t, Some("dormant"), "b", all), ["bob"]);
    }

    #[test]
    fn sorts_by_each_column_keeping_storage_order_for_ties() {
        let t = table();
        let by = |column, descending| arranged(&t, None, "", Sort { column, descending });
        assert_eq!(
            by(SortColumn::Username, false),
            ["amy", "bob", "carl_92", "Zed.one", "Émile"]
        );
        assert_eq!(
            by(SortColumn::Score, true),
            ["Émile", "Zed.one", "amy", "bob", "carl_92"]
        );
        assert_eq!(
            by(SortColumn::Week, true),
            ["bob", "carl_92", "Zed.one", "amy", "Émile"]
        );
        assert_eq!(
            by(SortColumn::Platform, true),
            ["amy", "Zed.one", "bob", "Émile", "carl_92"]
        );
        assert_eq!(
            by(SortColumn::Eligible, false),
            ["amy", "bob", "carl_92", "Zed.one", "Émile"]
        );
        assert_eq!(
            by(SortColumn::Reasons, false),
            ["Zed.one", "Émile", "carl_92", "amy", "bob"]
        );
        assert_eq!(
            by(SortColumn::Supplier, true),
            ["Émile", "carl_92", "Zed.one", "amy", "bob"]
        );
    }

    #[test]
    fn paging_reaches_every_row() {
        let p = Paging::new(1_200_000, PAGE_SIZE);
        assert_eq!(p.pages(), 5);
        assert_eq!(p.range(4), 1_000_000..1_200_000);
        assert_eq!(p.locate(1_199_999), Some((4, 199_999)));
        assert_eq!(p.locate(1_200_000), None);
        assert_eq!(p.range(99), 1_000_000..1_200_000);
        let empty = Paging::new(0, PAGE_SIZE);
        assert_eq!((empty.pages(), empty.range(0)), (1, 0..0));
        assert_eq!(parse_row_number("1,200,000"), Some(1_200_000));
        assert_eq!(parse_row_number(" 12 345 "), Some(12_345));
        assert_eq!(parse_row_number("twelve"), None);
    }

    #[test]
    fn reason_options_read_in_words() {
        assert_eq!(reason_option("dormant"), "dormant — no recent activity");
        assert_eq!(reason_option(ELIGIBLE_ONLY), "Eligible only");
        assert_eq!(
            reason_option("missing:posts"),
            "missing:posts — posts is missing"
        );
    }

    #[test]
    fn export_names_say_the_filters() {
        let filter = AccountFilter {
            supplier: Some("Example Supply".into()),
            week: Some("2026-W42".into()),
            reason: Some("dormant".into()),
            search: "em/ma".into(),
        };
        assert_eq!(
            export_file_name(&filter),
            "accounts-Example-Supply-2026-W42-dormant-matching-em-ma.csv"
        );
        assert_eq!(export_file_name(&AccountFilter::default()), "accounts.csv");
    }
}
