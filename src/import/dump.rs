//! Supplier dumps (SPEC §6): columns, one account per row, and the checks that apply to the
//! file as a whole (one supplier, one snapshot date, no repeated usernames).

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::hash::BuildHasherDefault;
use std::sync::mpsc::SyncSender;

use chrono::NaiveDate;

use super::table::{Cell, RowError, TableReader, normalise_column};
use super::values::{self, Read};
use super::{ColumnMatch, ImportOptions, Preview, Problem, Problems, Progress, ReadError};
use crate::domain::account::{AccountRecord, Field, Signal, normalise_handle};
use crate::domain::criteria::{KnownAccounts, account_hash};
use crate::domain::week::Week;

/// Columns whose absence gives every account `missing:<field>` (SPEC §2).
pub const REQUIRED: [Field; 13] = [
    Field::Platform,
    Field::HasProfilePicture,
    Field::Bio,
    Field::Posts,
    Field::CreatedAt,
    Field::Followers,
    Field::Following,
    Field::LastActiveAt,
    Field::MentionedBy,
    Field::Follows,
    Field::LikeSources30d,
    Field::Comments30d,
    Field::Follows30d,
];

/// Where each field sits in a dump's header.
#[derive(Clone, Debug)]
pub struct DumpColumns {
    index: [Option<usize>; Field::ALL.len()],
    headers: Vec<String>,
}

impl DumpColumns {
    /// Matches header names to fields: case-insensitive, ignoring spaces, `_` and `-`.
    /// The first column of a name wins.
    pub fn new(headers: &[String]) -> DumpColumns {
        let mut index = [None; Field::ALL.len()];
        for (i, h) in headers.iter().enumerate() {
            let n = normalise_column(h);
            if let Some(f) = Field::ALL.iter().find(|f| normalise_column(f.name()) == n) {
                index[*f as usize].get_or_insert(i);
            }
        }
        DumpColumns {
            index,
            headers: headers.to_vec(),
        }
    }

    /// Whether the file has a column for `field`.
    pub fn has(&self, field: Field) -> bool {
        self.index[field as usize].is_some()
    }

    fn cell<'c>(&self, cells: &'c [Cell], field: Field) -> Option<&'c Cell> {
        self.index[field as usize].and_then(|i| cells.get(i))
    }

    fn header(&self, field: Field) -> &str {
        self.index[field as usize]
            .and_then(|i| self.headers.get(i))
            .map_or(field.name(), String::as_str)
    }

    /// How each header column was understood, for the preview.
    pub fn matches(&self) -> Vec<ColumnMatch> {
        self.headers
            .iter()
            .enumerate()
            .map(|(i, h)| ColumnMatch {
                header: h.clone(),
                matched: Field::ALL
                    .iter()
                    .find(|f| self.index[**f as usize] == Some(i))
                    .map(|f| f.name()),
            })
            .collect()
    }
}

/// What a dump will score: settled by the preview, used by the commit.
#[derive(Clone, Debug)]
pub struct DumpPlan {
    /// The supplier.
    pub supplier: String,
    /// The snapshot date.
    pub as_of: NaiveDate,
    /// Whether the file has a `flagged_at` column (otherwise D2 is not applied).
    pub flags_provided: bool,
    /// Accounts per platform in the file (rows kept).
    pub platforms: BTreeMap<String, u64>,
    /// The accounts the file itself contains, for "known supplier accounts" (SPEC §2).
    pub in_file: AccountSet,
}

impl DumpPlan {
    /// The ISO week the dump belongs to.
    pub fn week(&self) -> Week {
        Week::of(self.as_of)
    }
}

/// The accounts of one dump, as a compact map from the hash of (platform, username) (see
/// [`account_hash`]) to the row that first named it: 16 bytes an account (about 36 MB for
/// a million-row dump with the table's spare room), rather than every name.
#[derive(Clone, Debug, Default)]
pub struct AccountSet(HashMap<[u32; 3], u32, BuildHasherDefault<super::SpreadHasher>>);

/// Set in a stored row number when the account has no platform: such an account is in the
/// file (for duplicates) but never a known supplier account of any platform.
const NO_PLATFORM: u32 = 1 << 31;

impl AccountSet {
    /// The 96-bit hash as three words: 4-byte alignment keeps an entry at 16 bytes.
    fn key(hash: u128) -> [u32; 3] {
        [(hash >> 64) as u32, (hash >> 32) as u32, hash as u32]
    }

    /// Makes room for `more` accounts at once, so that a large file's set does not grow by
    /// doubling (each doubling briefly holds the old and the new table).
    pub fn reserve(&mut self, more: usize) {
        self.0.reserve(more);
    }

    /// Adds a pair first seen on `row`; returns the earlier row when it was already there.
    pub fn insert(&mut self, platform: &str, handle: &str, row: u64) -> Option<u64> {
        let flag = if platform.is_empty() { NO_PLATFORM } else { 0 };
        let row = u32::try_from(row).unwrap_or(u32::MAX).min(NO_PLATFORM - 1) | flag;
        match self.0.entry(Self::key(account_hash(platform, handle))) {
            Entry::Occupied(first) => Some(u64::from(*first.get() & !NO_PLATFORM)),
            Entry::Vacant(slot) => {
                slot.insert(row);
                None
            }
        }
    }

    /// The row that first named the pair, if the file holds it.
    pub fn first_row(&self, platform: &str, handle: &str) -> Option<u64> {
        self.0
            .get(&Self::key(account_hash(platform, handle)))
            .map(|row| u64::from(*row & !NO_PLATFORM))
    }

    /// Whether the pair is in the set.
    pub fn contains(&self, platform: &str, handle: &str) -> bool {
        self.contains_hash(account_hash(platform, handle))
    }

    /// Whether the pair with this [`account_hash`] is in the set.
    pub fn contains_hash(&self, hash: u128) -> bool {
        self.0.contains_key(&Self::key(hash))
    }

    /// Hands `visit` the hashes of the accounts that have a platform (the file's known
    /// supplier accounts) in ascending order, a sixteenth of them at a time, so that putting
    /// them in order never copies the whole set.
    pub fn known_in_order<E>(
        &self,
        mut visit: impl FnMut(&[u128]) -> Result<(), E>,
    ) -> Result<(), E> {
        const PARTS: u32 = 16;
        let mut part = Vec::with_capacity(self.0.len() / PARTS as usize + 64);
        for top in 0..PARTS {
            part.clear();
            part.extend(
                self.0
                    .iter()
                    .filter(|(k, row)| k[0] >> 28 == top && **row & NO_PLATFORM == 0)
                    .map(|(k, _)| {
                        (u128::from(k[0]) << 64) | (u128::from(k[1]) << 32) | u128::from(k[2])
                    }),
            );
            part.sort_unstable();
            visit(&part)?;
        }
        Ok(())
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl KnownAccounts for AccountSet {
    fn is_supplier_account(&self, platform: &str, handle: &str) -> bool {
        self.contains(platform, handle)
    }
}

/// One row read as an account, or why it was left out.
pub enum RowOutcome {
    /// An account, with its normalised username (the storage key).
    Account {
        /// Row number.
        row: u64,
        /// Lower-case username without `@`.
        key: String,
        /// Every signal as read.
        record: Box<AccountRecord>,
    },
    /// A row that cannot be read at all.
    LeftOut(Problem),
}

/// One account read from a dump: its row, normalised username (the storage key) and
/// signals.
pub type ReadAccount = (u64, String, Box<AccountRecord>);

/// Accounts handed from one import thread to the next at a time: large enough that the
/// hand-over costs nothing, small enough to keep memory flat.
pub const BATCH: usize = 1024;

/// Reads every account of a dump and sends them to `send` in batches, for an import that
/// judges and stores on other threads while this one parses. Unreadable rows and rows
/// without a username are skipped (the preview reported them). Progress and Cancel are
/// checked as in every row loop. Stops quietly when the receiving side hangs up: its error
/// is the one to report.
pub fn read_accounts(
    mut reader: TableReader,
    as_of: NaiveDate,
    progress: &dyn Progress,
    send: &SyncSender<Vec<ReadAccount>>,
) -> Result<(), ReadError> {
    let cols = DumpColumns::new(reader.headers());
    let mut cells = Vec::new();
    let mut rows = 0u64;
    let mut batch = Vec::with_capacity(BATCH);
    loop {
        let row = match reader.next_row(&mut cells) {
            Ok(Some(row)) => row,
            Ok(None) => break,
            Err(_) => continue,
        };
        rows += 1;
        super::tick(progress, rows, &reader)?;
        if let RowOutcome::Account { row, key, record } =
            read_row(&cols, &cells, row, Some(as_of), None)
        {
            batch.push((row, key, record));
        }
        if batch.len() == BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            if send.send(full).is_err() {
                return Ok(());
            }
        }
    }
    if !batch.is_empty() {
        let _ = send.send(batch);
    }
    Ok(())
}

/// Reads one dump row. Cell problems are pushed to `problems` (the account stays, to be
/// excluded with its reasons); a row without a username is left out.
pub fn read_row(
    cols: &DumpColumns,
    cells: &[Cell],
    row: u64,
    as_of: Option<NaiveDate>,
    mut problems: Option<&mut Problems>,
) -> RowOutcome {
    let username_cell = cols.cell(cells, Field::Username).unwrap_or(&Cell::Empty);
    let username = values::text(username_cell);
    let username = username.trim_start_matches('@').trim().to_string();
    if username.is_empty() {
        return RowOutcome::LeftOut(Problem {
            row,
            column: cols.header(Field::Username).to_string(),
            value: String::new(),
            message: "no username: the row is left out".into(),
            left_out: true,
        });
    }
    let mut note = |field: Field, value: String, message: String| {
        if let Some(p) = problems.as_deref_mut() {
            p.push(Problem {
                row,
                column: cols.header(field).to_string(),
                value,
                message,
                left_out: false,
            });
        }
    };
    let mut signal = |field: Field, read: Read<()>| -> bool {
        match read {
            Read::Value(()) => true,
            Read::Empty => {
                note(
                    field,
                    String::new(),
                    format!("empty: the account is excluded (missing:{field})"),
                );
                false
            }
            Read::Bad(raw) => {
                note(
                    field,
                    raw,
                    format!("cannot be read: the account is excluded (bad_value:{field})"),
                );
                false
            }
        }
    };

    // Each column is read by the same shape: absent column → Missing, then the cell reader.
    macro_rules! read {
        ($field:expr, $reader:expr) => {{
            match cols.cell(cells, $field) {
                None => Signal::Missing,
                Some(cell) => match $reader(cell) {
                    Read::Value(v) => {
                        signal($field, Read::Value(()));
                        Signal::Value(v)
                    }
                    Read::Empty => {
                        signal($field, Read::Empty);
                        Signal::Missing
                    }
                    Read::Bad(raw) => {
                        signal($field, Read::Bad(raw.clone()));
                        Signal::Bad(raw)
                    }
                },
            }
        }};
    }
    let platform = read!(Field::Platform, |c: &Cell| match values::text(c) {
        t if t.is_empty() => Read::Empty,
        t => Read::Value(t.to_lowercase()),
    });
    let niche = cols
        .cell(cells, Field::Niche)
        .map(|c| values::text(c).to_lowercase())
        .filter(|n| !n.is_empty());
    let text = |c: &Cell| Read::Value(values::text(c));
    let list = |c: &Cell| Read::Value(values::handles(c));
    let mut record = AccountRecord {
        platform,
        niche,
        username: username.clone(),
        has_profile_picture: read!(Field::HasProfilePicture, values::boolean),
        bio: read!(Field::Bio, text),
        posts: read!(Field::Posts, values::count),
        created_at: read!(Field::CreatedAt, values::date),
        followers: read!(Field::Followers, values::count),
        following: read!(Field::Following, values::count),
        last_active_at: read!(Field::LastActiveAt, values::date),
        mentioned_by: read!(Field::MentionedBy, list),
        follows: read!(Field::Follows, list),
        flagged_at: match cols.cell(cells, Field::FlaggedAt) {
            None => Signal::Value(None),
            Some(cell) => match values::date(cell) {
                Read::Value(d) => Signal::Value(Some(d)),
                Read::Empty => Signal::Value(None),
                Read::Bad(raw) => {
                    signal(Field::FlaggedAt, Read::Bad(raw.clone()));
                    Signal::Bad(raw)
                }
            },
        },
        like_sources_30d: read!(Field::LikeSources30d, values::count),
        comments_30d: read!(Field::Comments30d, values::count),
        follows_30d: read!(Field::Follows30d, values::count),
    };
    if let Some(as_of) = as_of {
        let dates = [
            (Field::CreatedAt, record.created_at.value().copied()),
            (Field::LastActiveAt, record.last_active_at.value().copied()),
            (
                Field::FlaggedAt,
                record.flagged_at.value().copied().flatten(),
            ),
        ];
        for (field, date) in dates {
            if let Some(d) = date.filter(|d| *d > as_of) {
                note(
                    field,
                    d.to_string(),
                    format!(
                        "after the snapshot date {as_of}: the account is excluded (future_date:{field})"
                    ),
                );
            }
        }
    }
    record.username = username;
    RowOutcome::Account {
        row,
        key: normalise_handle(&record.username),
        record: Box::new(record),
    }
}

/// The row error of the table reader as a problem.
pub fn unreadable(e: RowError) -> Problem {
    Problem {
        row: e.row,
        column: String::new(),
        value: String::new(),
        message: format!("{}: the row is left out", e.message),
        left_out: true,
    }
}

/// Rows that name one file-wide value (supplier, snapshot date), to report disagreement.
#[derive(Default)]
struct FileValue {
    seen: BTreeMap<String, (u64, Vec<u64>)>,
}

impl FileValue {
    /// Counts `value` on `row`; allocates only for a value not seen before (a dump's rows
    /// almost always repeat one supplier and one date).
    fn add(&mut self, value: &str, row: u64) {
        let entry = match self.seen.get_mut(value) {
            Some(entry) => entry,
            None => self.seen.entry(value.to_string()).or_default(),
        };
        entry.0 += 1;
        if entry.1.len() < 5 {
            entry.1.push(row);
        }
    }

    fn describe(&self) -> String {
        self.seen
            .iter()
            .map(|(v, (n, rows))| {
                let rows: Vec<String> = rows.iter().map(u64::to_string).collect();
                let more = if *n > rows.len() as u64 { ", …" } else { "" };
                let shown = if v.is_empty() { "(empty)" } else { v.as_str() };
                format!("“{shown}” in {n} row(s) ({}{more})", rows.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Reads a whole dump for its preview; fills `preview` (SPEC §6).
pub fn scan(
    reader: &mut TableReader,
    options: &ImportOptions,
    progress: &dyn Progress,
    preview: &mut Preview,
) -> Result<(), ReadError> {
    let cols = DumpColumns::new(reader.headers());
    preview.columns = cols.matches();
    preview.missing = REQUIRED
        .iter()
        .filter(|f| !cols.has(**f))
        .map(|f| f.name())
        .collect();
    let mut in_file = AccountSet::default();
    let mut platforms: BTreeMap<String, u64> = BTreeMap::new();
    let mut suppliers = FileValue::default();
    let mut dates = FileValue::default();
    let mut as_of = options.as_of;
    let mut date_text = String::new();
    let total_bytes = reader.total_bytes();
    super::read_rows_beside(reader, progress, |read, position| {
        let (row, cells) = match read {
            Ok(read) => read,
            Err(e) => {
                preview.rows += 1;
                preview.left_out += 1;
                preview.problems.push(unreadable(e));
                return Ok::<_, ReadError>(());
            }
        };
        preview.rows += 1;
        if preview.rows == super::BATCH as u64 && position > 0 {
            // The first batch tells the file's bytes per row: size the set for the whole
            // file now rather than let it double its way there.
            let expected = total_bytes.saturating_mul(preview.rows) / position;
            let more = expected.saturating_sub(preview.rows).min(100_000_000);
            in_file.reserve(usize::try_from(more + more / 50).unwrap_or(0));
        }
        match cols.cell(&cells, Field::Supplier) {
            Some(Cell::Text(name)) => suppliers.add(name.trim(), row),
            Some(cell) => {
                let name = values::text(cell);
                if !name.is_empty() {
                    suppliers.add(&name, row);
                }
            }
            None => {}
        }
        if let Some(cell) = cols.cell(&cells, Field::AsOf) {
            let read = values::date(cell);
            if let (None, Read::Value(d)) = (as_of, &read) {
                as_of = Some(*d);
            }
            date_text.clear();
            match read {
                Read::Value(d) => {
                    let _ = write!(date_text, "{d}");
                }
                _ => date_text.push_str(&values::raw(cell)),
            }
            dates.add(&date_text, row);
        }
        match read_row(&cols, &cells, row, as_of, Some(&mut preview.problems)) {
            RowOutcome::LeftOut(problem) => {
                preview.left_out += 1;
                preview.problems.push(problem);
            }
            RowOutcome::Account { key, record, .. } => {
                let platform = record.platform.value().map_or("", String::as_str);
                if let Some(first) = in_file.insert(platform, &key, row) {
                    preview.left_out += 1;
                    preview.problems.push(Problem {
                        row,
                        column: cols.header(Field::Username).to_string(),
                        value: record.username.clone(),
                        message: format!(
                            "this username already appears in row {first}: the row is left out (the first is kept)"
                        ),
                        left_out: true,
                    });
                    return Ok(());
                }
                if !platform.is_empty() {
                    *platforms.entry(platform.to_string()).or_default() += 1;
                }
            }
        }
        Ok(())
    })?;
    progress.update(reader.total_bytes(), reader.total_bytes());

    let name = preview.file_name();
    let mut rejections = Vec::new();
    let supplier = match (&options.supplier, suppliers.seen.len()) {
        (Some(chosen), 0) => Some(chosen.clone()),
        (Some(chosen), 1) if suppliers.seen.contains_key(chosen) => Some(chosen.clone()),
        (Some(chosen), _) => {
            rejections.push(format!(
                "the supplier chosen at import (“{chosen}”) differs from the file's supplier column: {}",
                suppliers.describe()
            ));
            None
        }
        (None, 0) => {
            rejections.push(
                "the file does not say which supplier it belongs to: add a supplier column or choose the supplier at import (--supplier)".to_string(),
            );
            None
        }
        (None, 1) => suppliers.seen.keys().next().cloned(),
        (None, _) => {
            rejections.push(format!(
                "one dump is one supplier's, but its rows name several: {}",
                suppliers.describe()
            ));
            None
        }
    };
    match (options.as_of, dates.seen.len()) {
        (_, 0) if as_of.is_none() => rejections.push(
            "the file has no snapshot date: add an as_of column or choose the date at import (--as-of)".to_string(),
        ),
        (Some(chosen), n)
            if n > 1 || (n == 1 && !dates.seen.contains_key(&chosen.to_string())) =>
        {
            rejections.push(format!(
                "the snapshot date chosen at import ({chosen}) differs from the file's as_of column: {}",
                dates.describe()
            ));
        }
        (None, n) if n > 1 => rejections.push(format!(
            "a dump has one snapshot date, but its rows disagree on as_of: {}",
            dates.describe()
        )),
        (None, 1) if as_of.is_none() => rejections.push(format!(
            "the as_of column cannot be read as a date: {}",
            dates.describe()
        )),
        _ => {}
    }
    if preview.rows == preview.left_out {
        rejections.push("no account row can be read".to_string());
    }
    if !rejections.is_empty() {
        preview.rejection = Some(format!(
            "{name} cannot be imported: {}.",
            rejections.join("; ")
        ));
        return Ok(());
    }
    if let (Some(supplier), Some(as_of)) = (supplier, as_of) {
        preview.dump = Some(DumpPlan {
            supplier,
            as_of,
            flags_provided: cols.has(Field::FlaggedAt),
            platforms,
            in_file,
        });
    }
    Ok(())
}
