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
use std::ops::Bound;
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

use crate::domain::account::{AccountRecord, Verdict};
use crate::domain::criteria::KnownAccounts;
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
    /// where no other dump names them. Returns how many were removed.
    pub fn remove_week_accounts(&mut self, supplier: &str, week: Week) -> Result<u64> {
        let mut accounts = self.txn.open_table(ACCOUNTS)?;
        let mut known = self.txn.open_table(KNOWN)?;
        let (from, to) = week_bounds(supplier, week);
        let mut removed = 0;
        for entry in accounts.extract_if(from..to, |_, _| true)? {
            let (k, _) = entry?;
            let (_, _, platform, user) = k.value();
            forget_known(&mut known, platform, user)?;
            removed += 1;
        }
        Ok(removed)
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

    /// Opens the account tables for a bulk write (one import's hot loop).
    pub fn account_writer(&mut self) -> Result<AccountWriter<'_>> {
        Ok(AccountWriter {
            accounts: self.txn.open_table(ACCOUNTS)?,
            known: self.txn.open_table(KNOWN)?,
            buf: Vec::with_capacity(512),
            error: RefCell::new(None),
        })
    }
}

/// The wall clock, for stamps in the log only (SPEC §1).
fn now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%d %H:%M:%S UTC")
        .to_string()
}

fn forget_known(known: &mut Table<(&str, &str), u64>, platform: &str, user: &str) -> Result<()> {
    let count = known.get((platform, user))?.map(|v| v.value());
    match count {
        Some(n) if n > 1 => {
            known.insert((platform, user), n - 1)?;
        }
        Some(_) => {
            known.remove((platform, user))?;
        }
        None => {}
    }
    Ok(())
}

/// Writes one week's accounts of one supplier, and answers "is this a known supplier
/// account?" from the same transaction.
pub struct AccountWriter<'t> {
    accounts: Table<'t, (&'static str, u32, &'static str, &'static str), &'static [u8]>,
    known: Table<'t, (&'static str, &'static str), u64>,
    buf: Vec<u8>,
    error: RefCell<Option<StoreError>>,
}

impl KnownAccounts for AccountWriter<'_> {
    fn is_supplier_account(&self, platform: &str, handle: &str) -> bool {
        self.is_known(platform, handle)
    }
}

impl AccountWriter<'_> {
    /// Whether the account is in a supplier dump already in the database (this transaction's
    /// own writes included).
    ///
    /// The criteria ask this through a `bool` interface; a read error is kept and reported by
    /// [`AccountWriter::take_error`] so that a verdict made on a failed read is never committed.
    pub fn is_known(&self, platform: &str, handle: &str) -> bool {
        KnownInTable {
            table: &self.known,
            error: &self.error,
        }
        .is_supplier_account(platform, handle)
    }

    /// The first read error met by [`AccountWriter::is_known`], if any.
    pub fn take_error(&self) -> Result<()> {
        match self.error.borrow_mut().take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Stores an account and its verdict. Returns `false`, writing nothing, when the same
    /// platform and username is already stored for this supplier and week (a duplicate row).
    pub fn put(
        &mut self,
        supplier: &str,
        week: Week,
        key_user: &str,
        account: &StoredAccount,
    ) -> Result<bool> {
        let platform = account.record.platform.value().map_or("", String::as_str);
        let key = (supplier, week.key(), platform, key_user);
        codec::encode_into(account, &mut self.buf)?;
        // One B-tree operation in the common case: insert, and only when the key was there
        // already (a repeated username, rare) put the first row back.
        let first = self
            .accounts
            .insert(key, self.buf.as_slice())?
            .map(|old| old.value().to_vec());
        if let Some(first) = first {
            self.accounts.insert(key, first.as_slice())?;
            return Ok(false);
        }
        if !platform.is_empty() {
            let before = self
                .known
                .insert((platform, key_user), 1)?
                .map(|old| old.value());
            if let Some(n) = before {
                self.known.insert((platform, key_user), n + 1)?;
            }
        }
        Ok(true)
    }

    /// Re-judges every stored account of one supplier and week in place (re-scoring), in
    /// chunks so that memory stays bounded however large the week is.
    pub fn rejudge_week(
        &mut self,
        supplier: &str,
        week: Week,
        mut judge: impl FnMut(&AccountRecord, &dyn KnownAccounts) -> Verdict,
        mut seen: impl FnMut(&StoredAccount),
    ) -> Result<()> {
        const CHUNK: usize = 4096;
        let (from, to) = week_bounds(supplier, week);
        let mut cursor: Option<(String, String)> = None;
        loop {
            let mut chunk: Vec<(String, String, StoredAccount)> = Vec::with_capacity(CHUNK);
            {
                let range = match &cursor {
                    Some((p, u)) => self.accounts.range((
                        Bound::Excluded((supplier, week.key(), p.as_str(), u.as_str())),
                        Bound::Excluded(to),
                    ))?,
                    None => self.accounts.range(from..to)?,
                };
                for entry in range.take(CHUNK) {
                    let (k, v) = entry?;
                    let (_, _, p, u) = k.value();
                    chunk.push((p.to_string(), u.to_string(), codec::decode(v.value())?));
                }
            }
            let Some((p, u, _)) = chunk.last() else {
                return Ok(());
            };
            cursor = Some((p.clone(), u.clone()));
            for (p, u, mut account) in chunk {
                let known = KnownInTable {
                    table: &self.known,
                    error: &self.error,
                };
                account.verdict = judge(&account.record, &known);
                seen(&account);
                codec::encode_into(&account, &mut self.buf)?;
                self.accounts.insert(
                    (supplier, week.key(), p.as_str(), u.as_str()),
                    self.buf.as_slice(),
                )?;
            }
            self.take_error()?;
        }
    }
}

/// A key of the accounts table: (supplier, week key, platform, lower-case username).
type AccountKey<'a> = (&'a str, u32, &'a str, &'a str);

/// Key bounds `[from, to)` of one supplier's week in the accounts table.
fn week_bounds(supplier: &str, week: Week) -> (AccountKey<'_>, AccountKey<'_>) {
    (
        (supplier, week.key(), "", ""),
        (supplier, week.key() + 1, "", ""),
    )
}

/// Known-account lookups in the table, keeping the first read error for the caller to
/// raise: the criteria's interface is a plain `bool`.
struct KnownInTable<'a, 't> {
    table: &'a Table<'t, (&'static str, &'static str), u64>,
    error: &'a RefCell<Option<StoreError>>,
}

impl KnownAccounts for KnownInTable<'_, '_> {
    fn is_supplier_account(&self, platform: &str, handle: &str) -> bool {
        match self.table.get((platform, handle)) {
            Ok(found) => found.is_some(),
            Err(e) => {
                self.error.borrow_mut().get_or_insert(e.into());
                true
            }
        }
    }
}
