//! Importing one file: preview, refusal rules, and the single write transaction (SPEC §6).

use std::path::Path;
use std::sync::mpsc::sync_channel;

use crate::domain::criteria::{Context, KnownAccounts, account_hash, evaluate};
use crate::domain::scorecard::{Scorecard, ScorecardHeader, Tally};
use crate::import::dump::{AccountSet, ReadAccount, read_accounts};
use crate::import::{
    FileKind, ImportOptions, Preview, Problem, Progress, ReadError, open_as, preview,
};
use crate::store::{AuditKind, ImportRecord, KnownSnapshot, Reader, Store, StoredAccount, Tx};

use super::{OpError, orders, standing};

/// The reviewer's answers to the two questions an import can raise (SPEC §3, §6).
#[derive(Clone, Copy, Debug, Default)]
pub struct ImportRequest {
    /// Import a file whose content was imported before.
    pub force: bool,
    /// Replace the supplier's scorecard for the week when it already has one.
    pub replace: bool,
}

/// What an import did.
#[derive(Clone, Debug)]
pub struct ImportSummary {
    /// The import's id.
    pub import_id: u64,
    /// The file name.
    pub file_name: String,
    /// What the file held.
    pub kind: FileKind,
    /// Rows read.
    pub rows: u64,
    /// Rows stored.
    pub stored: u64,
    /// Rows left out.
    pub left_out: u64,
    /// Problems found (cells excluded, rows left out).
    pub problems: u64,
    /// For a dump: the scorecard it made.
    pub scorecard: Option<Scorecard>,
    /// Whether it replaced an earlier scorecard.
    pub replaced: bool,
    /// Standing changes it caused, in words.
    pub standing_changes: Vec<String>,
    /// Rows that repeated facts already recorded.
    pub unchanged: u64,
    /// Rows left out because of what the database already holds (unknown or repeated ids,
    /// conflicting facts); the preview's problems are in the preview.
    pub db_problems: Vec<Problem>,
    /// Refills the file's retention checks created, in words.
    pub refills: Vec<String>,
}

/// Previews and commits one file (the CLI's path; the app shows the preview in between).
pub fn import_file(
    store: &Store,
    path: &Path,
    options: &ImportOptions,
    request: ImportRequest,
    progress: &dyn Progress,
) -> Result<(Preview, ImportSummary), OpError> {
    let preview = preview(path, options, progress)?;
    let summary = commit_preview(store, &preview, request, progress)?;
    Ok((preview, summary))
}

/// Commits a previewed file in one transaction, or refuses it and writes nothing.
pub fn commit_preview(
    store: &Store,
    preview: &Preview,
    request: ImportRequest,
    progress: &dyn Progress,
) -> Result<ImportSummary, OpError> {
    if let Some(why) = &preview.rejection {
        return Err(OpError::Rejected(why.clone()));
    }
    match preview.kind {
        Some(FileKind::SupplierDump) => {
            store.write(|tx| commit_dump(store, tx, preview, request, progress))
        }
        Some(kind) => store.write(|tx| commit_orders(tx, preview, kind, request, progress)),
        None => Err(OpError::Rejected(format!(
            "{} is not a file Supply Desk knows.",
            preview.file_name()
        ))),
    }
}

fn commit_orders(
    tx: &mut Tx,
    preview: &Preview,
    kind: FileKind,
    request: ImportRequest,
    progress: &dyn Progress,
) -> Result<ImportSummary, OpError> {
    refuse_repeats(tx, preview, request)?;
    let import_id = tx.next_import_id()?;
    let effects = orders::commit(tx, preview, kind, import_id, progress)?;
    let left_out = preview.left_out + effects.problems.len() as u64;
    let record = tx.put_import(ImportRecord {
        id: import_id,
        file_name: preview.file_name(),
        hash: preview.hash.to_vec(),
        kind,
        imported_at: String::new(),
        rows: preview.rows,
        stored: effects.stored,
        left_out,
        supplier_week: None,
        replaced: None,
    })?;
    tx.audit(
        AuditKind::Import,
        format!(
            "Imported {} (import #{import_id}, {kind}): {} rows, {} recorded, {} unchanged, {} left out{}.",
            record.file_name,
            preview.rows,
            effects.stored,
            effects.unchanged,
            left_out,
            if effects.refills.is_empty() {
                String::new()
            } else {
                format!(", {} refill(s) created", effects.refills.len())
            }
        ),
    )?;
    Ok(ImportSummary {
        import_id,
        file_name: record.file_name,
        kind,
        rows: preview.rows,
        stored: effects.stored,
        left_out,
        problems: preview.problems.count + effects.problems.len() as u64,
        scorecard: None,
        replaced: false,
        standing_changes: Vec::new(),
        unchanged: effects.unchanged,
        db_problems: effects.problems,
        refills: effects.refills,
    })
}

/// "Known supplier accounts" during an import (SPEC §2): the file's own, and the database's
/// as committed before the import less the week it replaces.
struct KnownDuringImport<'a> {
    in_file: &'a AccountSet,
    stored: &'a KnownSnapshot,
    /// Hashes of the replaced week's accounts, sorted: each counts once fewer.
    replaced: &'a [u128],
}

impl KnownAccounts for KnownDuringImport<'_> {
    fn is_supplier_account(&self, platform: &str, handle: &str) -> bool {
        let hash = account_hash(platform, handle);
        self.in_file.contains_hash(hash)
            || self.stored.count(hash) > u64::from(self.replaced.binary_search(&hash).is_ok())
    }
}

fn refuse_repeats(tx: &Tx, preview: &Preview, request: ImportRequest) -> Result<(), OpError> {
    if request.force {
        return Ok(());
    }
    if let Some(id) = tx.import_of_hash(&preview.hash)? {
        let when = tx
            .import(id)?
            .map(|r| format!(" on {}", r.imported_at))
            .unwrap_or_default();
        return Err(OpError::Rejected(format!(
            "{} was already imported (import #{id}{when}). Nothing was changed; import it with --force to import the same file again.",
            preview.file_name()
        )));
    }
    Ok(())
}

fn commit_dump(
    store: &Store,
    tx: &mut Tx,
    preview: &Preview,
    request: ImportRequest,
    progress: &dyn Progress,
) -> Result<ImportSummary, OpError> {
    let plan = preview
        .dump
        .as_ref()
        .ok_or_else(|| OpError::Rejected(format!("{} has no dump plan", preview.file_name())))?;
    refuse_repeats(tx, preview, request)?;
    // Inside the write transaction no other change can commit, so this snapshot is exactly
    // the state the import starts from.
    let known = store.read()?.known_accounts()?;
    let week = plan.week();
    let supplier = plan.supplier.as_str();
    let existing = tx.scorecard(supplier, week)?;
    let mut replaced = Vec::new();
    if let Some(old) = &existing {
        if !request.replace {
            return Err(OpError::Rejected(format!(
                "{supplier} already has a scorecard for {week} (import #{}). Nothing was changed; import with --replace to replace that week's accounts and scorecard.",
                old.import_id
            )));
        }
        replaced = tx.remove_week_accounts(supplier, week)?.known;
    }
    let import_id = tx.next_import_id()?;
    let rubric = tx.current_rubric()?;

    // Second pass over the file, in three stages on their own threads: one parses, one
    // judges, this one stores.
    let reader = open_as(&preview.path, FileKind::SupplierDump).map_err(ReadError::from)?;
    let mut tally = Tally::default();
    let mut stored = 0u64;
    let mut writer = tx.week_writer(supplier, week)?;
    let judge = |batch: Vec<ReadAccount>, known: &KnownSnapshot| -> Vec<StoredAccount> {
        let known = KnownDuringImport {
            in_file: &plan.in_file,
            stored: known,
            replaced: &replaced,
        };
        let ctx = Context {
            as_of: plan.as_of,
            rubric: &rubric,
            known: &known,
            flags_provided: plan.flags_provided,
        };
        batch
            .into_iter()
            // A repeated username: the preview left the row out and kept the first.
            .filter(|(row, key, record)| {
                let platform = record.platform.value().map_or("", String::as_str);
                plan.in_file.first_row(platform, key) == Some(*row)
            })
            .map(|(row, _, record)| StoredAccount {
                row,
                verdict: evaluate(&record, &ctx),
                record: *record,
            })
            .collect()
    };
    std::thread::scope(|scope| -> Result<(), OpError> {
        let (send_read, read) = sync_channel(4);
        let (send_judged, judged) = sync_channel(4);
        let reading = scope.spawn(move || read_accounts(reader, plan.as_of, progress, &send_read));
        let judging = scope.spawn(move || {
            for batch in read.iter() {
                if send_judged.send(judge(batch, &known)).is_err() {
                    break;
                }
            }
            known.take_error()
        });
        let mut outcome = Ok(());
        for batch in judged.iter() {
            for account in batch {
                tally.add(
                    account.record.platform.value().map(String::as_str),
                    &account.verdict,
                );
                stored += 1;
                if let Err(e) = writer.push(account) {
                    outcome = Err(e);
                    break;
                }
            }
            if outcome.is_err() {
                break;
            }
        }
        drop(judged);
        let judged = judging
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        let read = reading
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        outcome?;
        read?;
        Ok(judged?)
    })?;
    plan.in_file
        .known_in_order(|hashes| writer.count_known(hashes))?;
    writer.finish()?;

    let card = tally.finish(
        ScorecardHeader {
            supplier: supplier.to_string(),
            as_of: plan.as_of,
            retention: orders::supplier_retention(tx, supplier, plan.as_of)?,
            flags_provided: plan.flags_provided,
            import_id,
        },
        &rubric,
    );
    tx.put_scorecard(&card)?;
    let standing_changes = standing::refold(tx, supplier)?;
    let card = tx.scorecard(supplier, week)?.unwrap_or(card);
    let record = ImportRecord {
        id: import_id,
        file_name: preview.file_name(),
        hash: preview.hash.to_vec(),
        kind: FileKind::SupplierDump,
        imported_at: String::new(),
        rows: preview.rows,
        stored,
        left_out: preview.left_out,
        supplier_week: Some((supplier.to_string(), week)),
        replaced: existing.as_ref().map(|c| c.import_id),
    };
    let record = tx.put_import(record)?;
    let replaced = existing.is_some();
    tx.audit(
        AuditKind::Import,
        format!(
            "Imported {} (import #{import_id}): {supplier}, {week}, {} accounts, {} eligible{}{}.",
            record.file_name,
            card.accounts,
            card.eligible,
            if record.left_out > 0 {
                format!(", {} rows left out", record.left_out)
            } else {
                String::new()
            },
            if replaced {
                ", replacing the earlier dump"
            } else {
                ""
            }
        ),
    )?;
    Ok(ImportSummary {
        import_id,
        file_name: record.file_name,
        kind: FileKind::SupplierDump,
        rows: preview.rows,
        stored,
        left_out: preview.left_out,
        problems: preview.problems.count,
        scorecard: Some(card),
        replaced,
        standing_changes,
        unchanged: 0,
        db_problems: Vec::new(),
        refills: Vec::new(),
    })
}
