//! Reading the database, the same way from a read snapshot or inside a write transaction.

use chrono::{Datelike, NaiveDate};
use redb::{Key, ReadTransaction, ReadableTable, TableDefinition, Value};

use super::tables::*;
use super::{
    AuditEntry, ImportRecord, Result, StoredAccount, StoredCheck, StoredOrder, Tx, View, codec,
    collect_decoded, get_decoded,
};
use crate::domain::rubric::Rubric;
use crate::domain::scorecard::Scorecard;
use crate::domain::week::Week;

/// Every read the rest of the program makes. Implemented by [`View`] (a snapshot) and
/// [`Tx`] (a write transaction, which sees its own changes), so an operation's logic can
/// run on either.
pub trait Reader {
    /// A table opened for reading.
    type Table<'a, K: Key + 'static, V: Value + 'static>: ReadableTable<K, V>
    where
        Self: 'a;

    /// Opens a table.
    fn open<K: Key + 'static, V: Value + 'static>(
        &self,
        def: TableDefinition<'_, K, V>,
    ) -> Result<Self::Table<'_, K, V>>;

    /// The rubric in force: the newest version.
    fn current_rubric(&self) -> Result<Rubric> {
        let t = self.open(RUBRICS)?;
        let last = t.last()?;
        match last {
            Some((_, v)) => Ok(codec::decode(v.value())?),
            None => Ok(Rubric::default()),
        }
    }

    /// A rubric by version.
    fn rubric(&self, version: u32) -> Result<Option<Rubric>> {
        get_decoded(&self.open(RUBRICS)?, version)
    }

    /// Every rubric version, oldest first.
    fn rubrics(&self) -> Result<Vec<Rubric>> {
        collect_decoded(self.open(RUBRICS)?.range(..)?)
    }

    /// One scorecard.
    fn scorecard(&self, supplier: &str, week: Week) -> Result<Option<Scorecard>> {
        get_decoded(&self.open(SCORECARDS)?, (supplier, week.key()))
    }

    /// Every scorecard, by supplier then week.
    fn scorecards(&self) -> Result<Vec<Scorecard>> {
        collect_decoded(self.open(SCORECARDS)?.range(..)?)
    }

    /// A supplier's scorecards in week order.
    fn scorecards_of(&self, supplier: &str) -> Result<Vec<Scorecard>> {
        let t = self.open(SCORECARDS)?;
        collect_decoded(t.range((supplier, 0)..=(supplier, u32::MAX))?)
    }

    /// The import that brought a file with this content hash, if any.
    fn import_of_hash(&self, hash: &[u8]) -> Result<Option<u64>> {
        Ok(self.open(FILE_HASHES)?.get(hash)?.map(|v| v.value()))
    }

    /// One import.
    fn import(&self, id: u64) -> Result<Option<ImportRecord>> {
        get_decoded(&self.open(IMPORTS)?, id)
    }

    /// Every import, oldest first.
    fn imports(&self) -> Result<Vec<ImportRecord>> {
        collect_decoded(self.open(IMPORTS)?.range(..)?)
    }

    /// The audit log, oldest first.
    fn audit_log(&self) -> Result<Vec<AuditEntry>> {
        collect_decoded(self.open(AUDIT)?.range(..)?)
    }

    /// One order.
    fn order(&self, id: &str) -> Result<Option<StoredOrder>> {
        get_decoded(&self.open(ORDERS)?, id)
    }

    /// Every order, refills included, in id order.
    fn orders(&self) -> Result<Vec<StoredOrder>> {
        collect_decoded(self.open(ORDERS)?.range(..)?)
    }

    /// Ids of the orders waiting to be routed, in routing order (placed_at, id).
    fn waiting_order_ids(&self) -> Result<Vec<String>> {
        let t = self.open(WAITING)?;
        let mut out = Vec::new();
        for entry in t.range(..)? {
            out.push(entry?.0.value().1.to_string());
        }
        Ok(out)
    }

    /// Ids of the orders routed to a supplier.
    fn supplier_order_ids(&self, supplier: &str) -> Result<Vec<String>> {
        let t = self.open(SUPPLIER_ORDERS)?;
        let mut out = Vec::new();
        for entry in t.range((supplier, "")..)? {
            let (k, _) = entry?;
            let (s, id) = k.value();
            if s != supplier {
                break;
            }
            out.push(id.to_string());
        }
        Ok(out)
    }

    /// An order's retention checks, oldest first.
    fn checks_of(&self, order_id: &str) -> Result<Vec<(NaiveDate, StoredCheck)>> {
        let t = self.open(CHECKS)?;
        let mut out = Vec::new();
        for entry in t.range((order_id, i32::MIN)..=(order_id, i32::MAX))? {
            let (k, v) = entry?;
            if let Some(date) = NaiveDate::from_num_days_from_ce_opt(k.value().1) {
                out.push((date, codec::decode(v.value())?));
            }
        }
        Ok(out)
    }

    /// One check.
    fn check(&self, order_id: &str, checked_at: NaiveDate) -> Result<Option<StoredCheck>> {
        get_decoded(
            &self.open(CHECKS)?,
            (order_id, checked_at.num_days_from_ce()),
        )
    }

    /// Orders routed per supplier in every routing window (SPEC §4 rule 3).
    fn routing_windows(&self) -> Result<Vec<(Week, String, u64)>> {
        let t = self.open(WINDOWS)?;
        let mut out = Vec::new();
        for entry in t.range(..)? {
            let (k, v) = entry?;
            let (w, s) = k.value();
            out.push((Week::from_key(w), s.to_string(), v.value()));
        }
        Ok(out)
    }

    /// One stored account by its place in its supplier's week (see [`ACCOUNT_BLOCK`]).
    fn account_at(
        &self,
        supplier: &str,
        week: Week,
        ordinal: u32,
    ) -> Result<Option<StoredAccount>> {
        let block: Option<Vec<StoredAccount>> = get_decoded(
            &self.open(ACCOUNT_BLOCKS)?,
            (supplier, week.key(), ordinal / ACCOUNT_BLOCK),
        )?;
        Ok(block.and_then(|mut b| {
            let i = (ordinal % ACCOUNT_BLOCK) as usize;
            (i < b.len()).then(|| b.swap_remove(i))
        }))
    }

    /// Visits stored accounts by supplier, then week, then the order they were stored in
    /// (file order), optionally only one supplier and one week, with each account's
    /// ordinal in its week (for [`Reader::account_at`]). The visitor returns `false` to stop
    /// early.
    fn for_each_account(
        &self,
        supplier: Option<&str>,
        week: Option<Week>,
        mut visit: impl FnMut(&str, Week, u32, &StoredAccount) -> bool,
    ) -> Result<()> {
        let t = self.open(ACCOUNT_BLOCKS)?;
        let start = (supplier.unwrap_or(""), week.map_or(0, Week::key), 0);
        for entry in t.range(start..)? {
            let (k, v) = entry?;
            let (s, w, n) = k.value();
            if supplier.is_some_and(|want| want != s) {
                break;
            }
            if week.is_some_and(|want| want.key() != w) {
                if supplier.is_some() && week.is_some_and(|want| w > want.key()) {
                    break;
                }
                continue;
            }
            let block: Vec<StoredAccount> = codec::decode(v.value())?;
            for (i, account) in block.iter().enumerate() {
                if !visit(s, Week::from_key(w), n * ACCOUNT_BLOCK + i as u32, account) {
                    return Ok(());
                }
            }
        }
        Ok(())
    }
}

impl Reader for View {
    type Table<'a, K: Key + 'static, V: Value + 'static> = redb::ReadOnlyTable<K, V>;

    fn open<K: Key + 'static, V: Value + 'static>(
        &self,
        def: TableDefinition<'_, K, V>,
    ) -> Result<Self::Table<'_, K, V>> {
        Ok(ReadTransaction::open_table(&self.txn, def)?)
    }
}

impl Reader for Tx {
    type Table<'a, K: Key + 'static, V: Value + 'static> = redb::Table<'a, K, V>;

    fn open<K: Key + 'static, V: Value + 'static>(
        &self,
        def: TableDefinition<'_, K, V>,
    ) -> Result<Self::Table<'_, K, V>> {
        Ok(self.txn.open_table(def)?)
    }
}
