//! The redb database: tables, schema version, migrations and backups (STYLE: the only module
//! that names a table).
//!
//! One [`Store`] owns the database file. Reads run in read transactions and never block the
//! writer; every change runs in one write transaction through [`Store::write`], which commits
//! only when the whole change succeeded, so a crash or a cancel leaves the previous state.

mod codec;
mod read;
mod records;
mod schema;
mod tables;

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use redb::{Database, ReadTransaction, ReadableDatabase, ReadableTable, Table, WriteTransaction};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub use codec::CodecError;
pub use read::Reader;
pub use records::{
    AuditEntry, AuditKind, ImportRecord, OrderStatus, StoredAccount, StoredCheck, StoredOrder,
};
pub use schema::SCHEMA_VERSION;
pub use tables::ACCOUNT_BLOCK;

use crate::domain::account::{AccountRecord, Verdict};
use crate::domain::criteria::{KnownAccounts, account_hash};
use crate::domain::rubric::Rubric;
use crate::domain::scorecard::Scorecard;
use crate::domain::week::Week;
use tables::*;

/// Something went wrong with the database, said so a reviewer knows what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another window or process has the file open.
    #[error(
        "Supply Desk is already open on this database ({0}). Close the other window, or use another database with --db."
    )]
    AlreadyOpen(PathBuf),
    /// The file exists but is not a Supply Desk database.
    #[error("{0} is not a Supply Desk database. Choose another file, or move this one away.")]
    NotSupplyDesk(PathBuf),
    /// A newer Supply Desk made this database.
    #[error(
        "{path} was written by a newer Supply Desk (schema {found}; this version reads up to {supported}). Update Supply Desk to open it."
    )]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// Its schema version.
        found: u64,
        /// The newest this build understands.
        supported: u64,
    },
    /// Reading or writing the file failed.
    #[error("the database could not be read or written: {0}")]
    Db(#[from] redb::Error),
    /// A stored value does not decode.
    #[error(transparent)]
    Codec(#[from] CodecError),
    /// Backing up before a migration failed.
    #[error("could not back up the database before upgrading it to {path}: {source}")]
    Backup {
        /// Where the backup was going.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A folder for the database could not be created.
    #[error("could not create the folder for the database {path}: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

macro_rules! from_redb {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                StoreError::Db(e.into())
            }
        }
    )*};
}
from_redb!(
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError
);

/// Result of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The open database.
pub struct Store {
    db: Database,
    path: PathBuf,
}

impl Store {
    /// Opens (or creates) the database at `path`, upgrading an older schema after backing
    /// the file up beside it.
    pub fn open(path: &Path) -> Result<Store> {
        schema::open(path)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `change` in one write transaction: committed when it returns `Ok`, rolled back
    /// (nothing written) when it returns `Err`.
    pub fn write<T, E>(
        &self,
        change: impl FnOnce(&mut Tx) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E>
    where
        E: From<StoreError>,
    {
        let txn = self.db.begin_write().map_err(StoreError::from)?;
        let mut tx = Tx { txn };
        let out = change(&mut tx)?;
        tx.txn.commit().map_err(StoreError::from)?;
        Ok(out)
    }

    /// A consistent snapshot for reading.
    pub fn read(&self) -> Result<View> {
        Ok(View {
            txn: self.db.begin_read()?,
        })
    }
}

/// A read-only snapshot of the database.
pub struct View {
    txn: ReadTransaction,
}

/// An open write transaction (see [`Store::write`]).
pub struct Tx {
    txn: WriteTransaction,
}

/// Reads one value by key from a table, decoded.
fn get_decoded<K, T>(
    table: &impl ReadableTable<K, &'static [u8]>,
    key: K::SelfType<'_>,
) -> Result<Option<T>>
where
    K: redb::Key + 'static,
    T: DeserializeOwned,
{
    match table.get(key)? {
        Some(v) => Ok(Some(codec::decode(v.value())?)),
        None => Ok(None),
    }
}

/// Decodes every value of a table range.
fn collect_decoded<K, T>(range: redb::Range<'_, K, &'static [u8]>) -> Result<Vec<T>>
where
    K: redb::Key + 'static,
    T: DeserializeOwned,
{
    let mut out = Vec::new();
    for entry in range {
        let (_, v) = entry?;
        out.push(codec::decode(v.value())?);
    }
    Ok(out)
}

/// The next free id of a table keyed by sequence numbers.
fn next_id(table: &impl ReadableTable<u64, &'static [u8]>) -> Result<u64> {
    Ok(table.last()?.map_or(1, |(k, _)| k.value() + 1))
}

impl Tx {
    fn put<K: redb::Key + 'static, T: Serialize>(
        &mut self,
        def: redb::TableDefinition<K, &'static [u8]>,
        key: K::SelfType<'_>,
        value: &T,
    ) -> Result<()> {
        let bytes = codec::encode(value)?;
        self.txn.open_table(def)?.insert(key, bytes.as_slice())?;
        Ok(())
    }

    /// Saves a rubric as a new version and returns it with its version number.
    pub fn save_rubric(&mut self, mut rubric: Rubric) -> Result<Rubric> {
        let version = {
            let t = self.txn.open_table(RUBRICS)?;
            t.last()?.map_or(1, |(k, _)| k.value() + 1)
        };
        rubric.version = version;
        self.put(RUBRICS, version, &rubric)?;
        Ok(rubric)
    }

    /// Stores (or replaces) a scorecard.
    pub fn put_scorecard(&mut self, card: &Scorecard) -> Result<()> {
        self.put(SCORECARDS, (card.supplier.as_str(), card.week.key()), card)
    }

    /// Removes a scorecard, returning it.
    pub fn remove_scorecard(&mut self, supplier: &str, week: Week) -> Result<Option<Scorecard>> {
        let mut t = self.txn.open_table(SCORECARDS)?;
        let old = t.remove((supplier, week.key()))?;
        match old {
            Some(v) => Ok(Some(codec::decode(v.value())?)),
            None => Ok(None),
        }
    }

    /// Reserves the id for a new import.
    pub fn next_import_id(&self) -> Result<u64> {
        next_id(&self.txn.open_table(IMPORTS)?)
    }

    /// Records an import, stamped with the wall clock, and the content hash of its file.
    pub fn put_import(&mut self, mut record: ImportRecord) -> Result<ImportRecord> {
        record.imported_at = now();
        self.put(IMPORTS, record.id, &record)?;
        self.txn
            .open_table(FILE_HASHES)?
            .insert(record.hash.as_slice(), record.id)?;
        Ok(record)
    }

    /// Appends to the audit log, stamped with the wall clock (the only use of it, SPEC §1).
    pub fn audit(&mut self, kind: AuditKind, text: impl Into<String>) -> Result<()> {
        let id = next_id(&self.txn.open_table(AUDIT)?)?;
        let entry = AuditEntry {
            id,
            at: now(),
            kind,
            text: text.into(),
        };
        self.put(AUDIT, id, &entry)
    }

    /// Deletes a supplier's accounts for one week, forgetting them as known supplier accounts
    /// where no other dump names them.
    pub fn remove_week_accounts(&mut self, supplier: &str, week: Week) -> Result<RemovedWeek> {
        let mut removed = RemovedWeek::default();
        {
            let mut blocks = self.txn.open_table(ACCOUNT_BLOCKS)?;
            let (from, to) = week_bounds(supplier, week);
            for entry in blocks.extract_if(from..to, |_, _| true)? {
                let (_, v) = entry?;
                let block: Vec<StoredAccount> = codec::decode(v.value())?;
                removed.accounts += block.len() as u64;
                removed
                    .known
                    .extend(block.iter().filter_map(StoredAccount::known_hash));
            }
        }
        removed.known.sort_unstable();
        let mut known = self.txn.open_table(KNOWN_HASHES)?;
        for &hash in &removed.known {
            forget_known(&mut known, hash)?;
        }
        Ok(removed)
    }

    /// Opens one supplier's week for appending accounts (one import's hot loop).
    pub fn week_writer(&mut self, supplier: &str, week: Week) -> Result<WeekWriter<'_>> {
        let blocks = self.txn.open_table(ACCOUNT_BLOCKS)?;
        let (from, to) = week_bounds(supplier, week);
        let next_block = blocks
            .range(from..to)?
            .next_back()
            .transpose()?
            .map_or(0, |(k, _)| k.value().2 + 1);
        Ok(WeekWriter {
            blocks,
            known: self.txn.open_table(KNOWN_HASHES)?,
            supplier: supplier.to_string(),
            week: week.key(),
            next_block,
            pending: Vec::with_capacity(ACCOUNT_BLOCK as usize),
            buf: Vec::new(),
        })
    }

    /// Re-judges every stored account of one supplier and week in place (re-scoring), one
    /// block at a time so that memory stays bounded however large the week is.
    pub fn rejudge_week(
        &mut self,
        supplier: &str,
        week: Week,
        mut judge: impl FnMut(&AccountRecord, &dyn KnownAccounts) -> Verdict,
        mut seen: impl FnMut(&StoredAccount),
    ) -> Result<()> {
        let mut blocks = self.txn.open_table(ACCOUNT_BLOCKS)?;
        let known = self.txn.open_table(KNOWN_HASHES)?;
        let error = RefCell::new(None);
        let mut buf = Vec::new();
        for n in 0.. {
            let key = (supplier, week.key(), n);
            let mut block: Vec<StoredAccount> = match blocks.get(key)? {
                Some(v) => codec::decode(v.value())?,
                None => break,
            };
            let lookup = KnownInTable {
                table: &known,
                error: &error,
            };
            for account in &mut block {
                account.verdict = judge(&account.record, &lookup);
                seen(account);
            }
            if let Some(e) = error.borrow_mut().take() {
                return Err(e);
            }
            codec::encode_into(&block, &mut buf)?;
            blocks.insert(key, buf.as_slice())?;
        }
        Ok(())
    }

    /// Stores a new or changed order, keeping the waiting queue and the supplier index in
    /// step with its status.
    pub fn put_order(&mut self, order: &StoredOrder) -> Result<()> {
        let id = order.order.order_id.as_str();
        let day = order.order.placed_at.num_days_from_ce();
        let old = self.order(id)?;
        {
            let mut waiting = self.txn.open_table(WAITING)?;
            let mut by_supplier = self.txn.open_table(SUPPLIER_ORDERS)?;
            if let Some(s) = old.as_ref().and_then(StoredOrder::supplier) {
                by_supplier.remove((s, id))?;
            }
            match &order.status {
                OrderStatus::Held { .. } => {
                    waiting.insert((day, id), ())?;
                }
                OrderStatus::Routed { supplier } => {
                    waiting.remove((day, id))?;
                    by_supplier.insert((supplier.as_str(), id), ())?;
                }
            }
        }
        self.put(ORDERS, id, order)
    }

    /// Removes an order entirely (undoing its import).
    pub fn remove_order(&mut self, id: &str) -> Result<Option<StoredOrder>> {
        let Some(old) = self.order(id)? else {
            return Ok(None);
        };
        let day = old.order.placed_at.num_days_from_ce();
        self.txn.open_table(WAITING)?.remove((day, id))?;
        if let Some(s) = old.supplier() {
            self.txn.open_table(SUPPLIER_ORDERS)?.remove((s, id))?;
        }
        self.txn.open_table(ORDERS)?.remove(id)?;
        Ok(Some(old))
    }

    /// Stores a retention check.
    pub fn put_check(
        &mut self,
        order_id: &str,
        checked_at: NaiveDate,
        check: &StoredCheck,
    ) -> Result<()> {
        self.put(CHECKS, (order_id, checked_at.num_days_from_ce()), check)
    }

    /// Counts one more order routed to `supplier` in `week`.
    pub fn count_routed(&mut self, week: Week, supplier: &str) -> Result<()> {
        let mut t = self.txn.open_table(WINDOWS)?;
        let n = t.get((week.key(), supplier))?.map_or(0, |v| v.value());
        t.insert((week.key(), supplier), n + 1)?;
        Ok(())
    }

    /// Counts one order fewer routed to `supplier` in `week` (undoing an import).
    pub fn uncount_routed(&mut self, week: Week, supplier: &str) -> Result<()> {
        let mut t = self.txn.open_table(WINDOWS)?;
        let n = t.get((week.key(), supplier))?.map_or(0, |v| v.value());
        if n > 1 {
            t.insert((week.key(), supplier), n - 1)?;
        } else {
            t.remove((week.key(), supplier))?;
        }
        Ok(())
    }

    /// Forgets an import and the content hash of its file (undo), so the file can be
    /// imported again.
    pub fn remove_import(&mut self, id: u64) -> Result<()> {
        let old = self
            .txn
            .open_table(IMPORTS)?
            .remove(id)?
            .map(|v| v.value().to_vec());
        if let Some(bytes) = old {
            let record: ImportRecord = codec::decode(&bytes)?;
            self.txn
                .open_table(FILE_HASHES)?
                .remove(record.hash.as_slice())?;
        }
        Ok(())
    }
}

/// The wall clock, for stamps in the log only (SPEC §1).
fn now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%d %H:%M:%S UTC")
        .to_string()
}

fn forget_known(known: &mut Table<u128, u64>, hash: u128) -> Result<()> {
    let count = known.get(hash)?.map(|v| v.value());
    match count {
        Some(n) if n > 1 => {
            known.insert(hash, n - 1)?;
        }
        Some(_) => {
            known.remove(hash)?;
        }
        None => {}
    }
    Ok(())
}

/// What removing a supplier week took away.
#[derive(Debug, Default)]
pub struct RemovedWeek {
    /// Accounts removed.
    pub accounts: u64,
    /// Their [`account_hash`]es as known supplier accounts, sorted: each was counted once
    /// fewer in the known-accounts table.
    pub known: Vec<u128>,
}

/// Appends one supplier week's accounts in blocks, then counts them as known supplier
/// accounts.
pub struct WeekWriter<'t> {
    blocks: Table<'t, (&'static str, u32, u32), &'static [u8]>,
    known: Table<'t, u128, u64>,
    supplier: String,
    week: u32,
    next_block: u32,
    pending: Vec<StoredAccount>,
    buf: Vec<u8>,
}

impl WeekWriter<'_> {
    /// Appends an account and its verdict.
    pub fn push(&mut self, account: StoredAccount) -> Result<()> {
        self.pending.push(account);
        if self.pending.len() == ACCOUNT_BLOCK as usize {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        codec::encode_into(&self.pending, &mut self.buf)?;
        self.blocks.insert(
            (self.supplier.as_str(), self.week, self.next_block),
            self.buf.as_slice(),
        )?;
        self.next_block += 1;
        self.pending.clear();
        Ok(())
    }

    /// Counts accounts of the week as known supplier accounts: `hashes` are their
    /// [`account_hash`]es in ascending order (see `AccountSet::known_in_order`), so the
    /// known-accounts table is updated in key order.
    pub fn count_known(&mut self, hashes: &[u128]) -> Result<()> {
        for &hash in hashes {
            let before = self.known.insert(hash, 1)?.map(|old| old.value());
            if let Some(n) = before {
                self.known.insert(hash, n + 1)?;
            }
        }
        Ok(())
    }

    /// Writes the last block.
    pub fn finish(mut self) -> Result<()> {
        self.flush()
    }
}

/// Known supplier accounts as last committed, read from a snapshot: an import judges on
/// one thread against it while its write transaction stores on another (the import's own
/// changes to the table are made only at its end, see [`WeekWriter::count_known`]).
pub struct KnownSnapshot {
    table: redb::ReadOnlyTable<u128, u64>,
    error: RefCell<Option<StoreError>>,
}

impl KnownSnapshot {
    /// In how many stored dumps the account with this [`account_hash`] appears.
    ///
    /// The criteria ask through a `bool` interface; a read error is kept and reported by
    /// [`KnownSnapshot::take_error`] so that a verdict made on a failed read is never
    /// committed.
    pub fn count(&self, hash: u128) -> u64 {
        match self.table.get(hash) {
            Ok(found) => found.map_or(0, |v| v.value()),
            Err(e) => {
                self.error.borrow_mut().get_or_insert(e.into());
                0
            }
        }
    }

    /// The first read error met by [`KnownSnapshot::count`], if any.
    pub fn take_error(&self) -> Result<()> {
        match self.error.borrow_mut().take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl View {
    /// The known supplier accounts of this snapshot.
    pub fn known_accounts(&self) -> Result<KnownSnapshot> {
        Ok(KnownSnapshot {
            table: self.txn.open_table(KNOWN_HASHES)?,
            error: RefCell::new(None),
        })
    }
}

/// A key of the account blocks table: (supplier, week key, block number).
type BlockKey<'a> = (&'a str, u32, u32);

/// Key bounds `[from, to)` of one supplier's week in the account blocks table.
fn week_bounds(supplier: &str, week: Week) -> (BlockKey<'_>, BlockKey<'_>) {
    ((supplier, week.key(), 0), (supplier, week.key() + 1, 0))
}

/// Known-account lookups in the table, keeping the first read error for the caller to
/// raise: the criteria's interface is a plain `bool`.
struct KnownInTable<'a, 't> {
    table: &'a Table<'t, u128, u64>,
    error: &'a RefCell<Option<StoreError>>,
}

impl KnownInTable<'_, '_> {
    fn contains(&self, hash: u128) -> bool {
        match self.table.get(hash) {
            Ok(found) => found.is_some(),
            Err(e) => {
                self.error.borrow_mut().get_or_insert(e.into());
                true
            }
        }
    }
}

impl KnownAccounts for KnownInTable<'_, '_> {
    fn is_supplier_account(&self, platform: &str, handle: &str) -> bool {
        self.contains(account_hash(platform, handle))
    }
}
