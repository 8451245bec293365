//! Opening a database: creating it, recognising it, upgrading it (SPEC §9 "Safe").

use std::path::Path;

use redb::{Database, DatabaseError, ReadableDatabase, ReadableTable, StorageError};

use super::tables::*;
use super::{Result, Store, StoreError, codec};
use crate::domain::rubric::Rubric;

/// The schema this build writes. Version 1 is the first.
pub const SCHEMA_VERSION: u64 = 1;

const VERSION_KEY: &str = "schema_version";

pub(super) fn open(path: &Path) -> Result<Store> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Folder {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let existed = path.exists() && std::fs::metadata(path).is_ok_and(|m| m.len() > 0);
    if existed {
        refuse_newer(path)?;
    }
    let db = create(path)?;
    let version = stored_version(&db, path)?;
    match version {
        None if existed && has_tables(&db)? => Err(StoreError::NotSupplyDesk(path.to_path_buf())),
        None => {
            initialise(&db)?;
            Ok(Store {
                db,
                path: path.to_path_buf(),
            })
        }
        Some(v) if v > SCHEMA_VERSION => Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: v,
            supported: SCHEMA_VERSION,
        }),
        Some(v) if v < SCHEMA_VERSION => {
            drop(db);
            backup(path, v)?;
            let db = create(path)?;
            migrate(&db, v)?;
            Ok(Store {
                db,
                path: path.to_path_buf(),
            })
        }
        Some(_) => Ok(Store {
            db,
            path: path.to_path_buf(),
        }),
    }
}

/// Memory redb may use for its page cache and for the pages a write transaction has not
/// committed yet. A bounded cache keeps a million-account import from holding the whole
/// week in memory (SPEC §9: memory does not grow with the file).
const CACHE_BYTES: usize = 64 * 1024 * 1024;

fn create(path: &Path) -> Result<Database> {
    Database::builder()
        .set_cache_size(CACHE_BYTES)
        .create(path)
        .map_err(|e| classify(e, path))
}

/// Turns redb's open errors into sentences about this file.
fn classify(e: DatabaseError, path: &Path) -> StoreError {
    match e {
        DatabaseError::DatabaseAlreadyOpen | DatabaseError::LockProtocolMismatch => {
            StoreError::AlreadyOpen(path.to_path_buf())
        }
        DatabaseError::Storage(StorageError::Io(io))
            if io.kind() == std::io::ErrorKind::InvalidData =>
        {
            StoreError::NotSupplyDesk(path.to_path_buf())
        }
        DatabaseError::Storage(StorageError::Corrupted(_)) | DatabaseError::UpgradeRequired(_) => {
            StoreError::NotSupplyDesk(path.to_path_buf())
        }
        other => StoreError::Db(other.into()),
    }
}

/// Reads the schema version without opening the file for writing, so a database made by a
/// newer Supply Desk is refused byte for byte untouched.
fn refuse_newer(path: &Path) -> Result<()> {
    let db = match redb::ReadOnlyDatabase::open(path) {
        Ok(db) => db,
        // A file left by a crash needs a repair, which only a writer can make; the version is
        // checked again once it is open for writing.
        Err(DatabaseError::RepairAborted) => return Ok(()),
        Err(e) => return Err(classify(e, path)),
    };
    if let Some(found) = stored_version(&db, path)?.filter(|v| *v > SCHEMA_VERSION) {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

fn stored_version(db: &impl ReadableDatabase, path: &Path) -> Result<Option<u64>> {
    let txn = db.begin_read()?;
    match txn.open_table(META) {
        Ok(t) => Ok(t.get(VERSION_KEY)?.map(|v| v.value())),
        Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
        Err(redb::TableError::TableTypeMismatch(_)) => {
            Err(StoreError::NotSupplyDesk(path.to_path_buf()))
        }
        Err(e) => Err(e.into()),
    }
}

fn has_tables(db: &Database) -> Result<bool> {
    let txn = db.begin_read()?;
    let any = txn.list_tables()?.next().is_some() || txn.list_multimap_tables()?.next().is_some();
    Ok(any)
}

/// Creates every table and the default rubric, so readers never meet a missing table.
fn initialise(db: &Database) -> Result<()> {
    let txn = db.begin_write()?;
    {
        txn.open_table(META)?.insert(VERSION_KEY, SCHEMA_VERSION)?;
        txn.open_table(ACCOUNTS)?;
        txn.open_table(KNOWN)?;
        txn.open_table(SCORECARDS)?;
        txn.open_table(IMPORTS)?;
        txn.open_table(FILE_HASHES)?;
        txn.open_table(AUDIT)?;
        txn.open_table(ORDERS)?;
        txn.open_table(WAITING)?;
        txn.open_table(SUPPLIER_ORDERS)?;
        txn.open_table(CHECKS)?;
        txn.open_table(WINDOWS)?;
        let mut rubrics = txn.open_table(RUBRICS)?;
        let rubric = Rubric::default();
        rubrics.insert(rubric.version, codec::encode(&rubric)?.as_slice())?;
    }
    txn.commit()?;
    Ok(())
}

/// Copies the file beside itself before an upgrade, so an upgrade can always be undone by
/// hand: `supply-desk.redb` → `supply-desk.redb.v1.bak`.
fn backup(path: &Path, version: u64) -> Result<()> {
    let mut name = path.as_os_str().to_os_string();
    name.push(format!(".v{version}.bak"));
    let target = std::path::PathBuf::from(name);
    std::fs::copy(path, &target).map_err(|source| StoreError::Backup {
        path: target,
        source,
    })?;
    Ok(())
}

/// Upgrades from `from` to [`SCHEMA_VERSION`], one step at a time, each in one transaction.
fn migrate(db: &Database, from: u64) -> Result<()> {
    // Version 1 is the first schema: there is no older layout to convert yet. Each future
    // version adds a step here that copies the old tables into the new versioned names.
    let txn = db.begin_write()?;
    {
        txn.open_table(META)?
            .insert(VERSION_KEY, SCHEMA_VERSION.max(from))?;
    }
    txn.commit()?;
    Ok(())
}
