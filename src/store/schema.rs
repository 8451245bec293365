//! Opening a database: creating it, recognising it, upgrading it (SPEC §9 "Safe").

use std::path::Path;

use redb::{
    Database, DatabaseError, ReadableDatabase, ReadableTable, StorageError, TableHandle,
    WriteTransaction,
};

use super::tables::*;
use super::{Result, Store, StoreError, StoredAccount, codec};
use crate::domain::criteria::account_hash;
use crate::domain::rubric::Rubric;

/// The schema this build writes. Version 1 is the first; version 2 stores accounts in
/// blocks and known supplier accounts by hash (see `tables`).
pub const SCHEMA_VERSION: u64 = 2;

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
        txn.open_table(ACCOUNT_BLOCKS)?;
        txn.open_table(KNOWN_HASHES)?;
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

/// Upgrades from `from` to [`SCHEMA_VERSION`] in one transaction: a crash part-way leaves
/// the old schema (and the backup beside it).
fn migrate(db: &Database, from: u64) -> Result<()> {
    let txn = db.begin_write()?;
    if from < 2 {
        accounts_to_blocks(&txn)?;
    }
    {
        txn.open_table(META)?
            .insert(VERSION_KEY, SCHEMA_VERSION.max(from))?;
    }
    txn.commit()?;
    Ok(())
}

/// Schema 1 → 2: accounts keyed one by one become blocks in each week's key order, and known
/// accounts keyed by name become hashes. The old tables are deleted.
fn accounts_to_blocks(txn: &WriteTransaction) -> Result<()> {
    let had_accounts = txn.list_tables()?.any(|t| t.name() == ACCOUNTS_V1.name());
    {
        let mut blocks = txn.open_table(ACCOUNT_BLOCKS)?;
        let mut known = txn.open_table(KNOWN_HASHES)?;
        if had_accounts {
            let old = txn.open_table(ACCOUNTS_V1)?;
            // The week being copied, its next block number, and the block being filled.
            let mut week: Option<(String, u32)> = None;
            let mut number = 0u32;
            let mut block: Vec<StoredAccount> = Vec::new();
            let mut flush = |week: &Option<(String, u32)>, block: &mut Vec<StoredAccount>, n| {
                if let (Some((s, w)), false) = (week, block.is_empty()) {
                    let bytes = codec::encode(block)?;
                    blocks.insert((s.as_str(), *w, n), bytes.as_slice())?;
                    block.clear();
                }
                Ok::<_, StoreError>(())
            };
            for entry in old.range(..)? {
                let (k, v) = entry?;
                let (s, w, _, _) = k.value();
                if week.as_ref().is_none_or(|(ws, ww)| ws != s || *ww != w) {
                    flush(&week, &mut block, number)?;
                    week = Some((s.to_string(), w));
                    number = 0;
                }
                block.push(codec::decode(v.value())?);
                if block.len() == ACCOUNT_BLOCK as usize {
                    flush(&week, &mut block, number)?;
                    number += 1;
                }
            }
            flush(&week, &mut block, number)?;
        }
        if txn.list_tables()?.any(|t| t.name() == KNOWN_V1.name()) {
            let old = txn.open_table(KNOWN_V1)?;
            for entry in old.range(..)? {
                let (k, v) = entry?;
                let (platform, user) = k.value();
                let hash = account_hash(platform, user);
                let before = known.get(hash)?.map_or(0, |c| c.value());
                known.insert(hash, before + v.value())?;
            }
        }
    }
    if had_accounts {
        txn.delete_table(ACCOUNTS_V1)?;
    }
    txn.delete_table(KNOWN_V1)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Verdict;
    use crate::domain::week::Week;
    use crate::store::Reader;

    fn stored(row: u64, username: &str) -> StoredAccount {
        let verdict = Verdict {
            reasons: vec![],
            score: 80.0,
        };
        StoredAccount {
            row,
            ..StoredAccount::sample("instagram", username, verdict)
        }
    }

    /// Writes a database as schema 1 laid it out: one row per account, known accounts by
    /// name.
    fn write_schema_1(path: &Path, weeks: &[(u32, usize)]) {
        let db = Database::create(path).unwrap();
        let txn = db.begin_write().unwrap();
        {
            txn.open_table(META)
                .unwrap()
                .insert(VERSION_KEY, 1)
                .unwrap();
            let mut accounts = txn.open_table(ACCOUNTS_V1).unwrap();
            let mut known = txn.open_table(KNOWN_V1).unwrap();
            for &(week, n) in weeks {
                for i in 0..n {
                    let user = format!("user.{i:04}");
                    let bytes = codec::encode(&stored(i as u64 + 2, &user)).unwrap();
                    accounts
                        .insert(("Acme", week, "instagram", user.as_str()), bytes.as_slice())
                        .unwrap();
                    let before = known.get(("instagram", user.as_str())).unwrap();
                    let count = before.map_or(0, |v| v.value()) + 1;
                    known.insert(("instagram", user.as_str()), count).unwrap();
                }
            }
        }
        txn.commit().unwrap();
    }

    #[test]
    fn schema_1_accounts_become_blocks_and_known_names_become_hashes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.redb");
        let (w1, w2) = (Week::from_key(202641), Week::from_key(202642));
        write_schema_1(&path, &[(w1.key(), 300), (w2.key(), 5)]);

        let store = Store::open(&path).unwrap();
        assert!(dir.path().join("old.redb.v1.bak").exists());
        let view = store.read().unwrap();
        let mut seen = Vec::new();
        view.for_each_account(Some("Acme"), Some(w1), |_, _, ordinal, a| {
            seen.push((ordinal, a.record.username.clone()));
            true
        })
        .unwrap();
        assert_eq!(seen.len(), 300);
        assert!(seen.iter().enumerate().all(|(i, (o, _))| *o == i as u32));
        assert_eq!(seen[257].1, "user.0257");
        let far = view.account_at("Acme", w1, 299).unwrap().unwrap();
        assert_eq!(far.record.username, "user.0299");
        assert!(view.account_at("Acme", w1, 300).unwrap().is_none());
        assert_eq!(
            view.account_at("Acme", w2, 4)
                .unwrap()
                .unwrap()
                .record
                .username,
            "user.0004"
        );

        let known = view.open(KNOWN_HASHES).unwrap();
        let count = |user: &str| {
            known
                .get(account_hash("instagram", user))
                .unwrap()
                .map(|v| v.value())
        };
        assert_eq!(count("user.0004"), Some(2));
        assert_eq!(count("user.0299"), Some(1));
        assert_eq!(count("nobody"), None);
        drop(known);
        drop(view);
        let txn = store.db.begin_read().unwrap();
        let names: Vec<String> = txn
            .list_tables()
            .unwrap()
            .map(|t| t.name().to_string())
            .collect();
        assert!(
            !names
                .iter()
                .any(|n| n.ends_with("_v1") && n.contains("account"))
        );
        assert_eq!(
            stored_version(&store.db, &path).unwrap(),
            Some(SCHEMA_VERSION)
        );
    }
}
