//! Re-scoring a supplier's week against today's rubric and known accounts (SPEC §2).

use crate::domain::criteria::{Context, evaluate};
use crate::domain::scorecard::{Scorecard, ScorecardHeader, Tally};
use crate::domain::week::Week;
use crate::store::{AuditKind, Reader, Store};

use super::{OpError, orders, standing};

/// Re-judges every account of one supplier's week, rebuilds its scorecard and re-folds the
/// supplier's standing; returns the new scorecard.
pub fn rescore(store: &Store, supplier: &str, week: Week) -> Result<Scorecard, OpError> {
    store.write(|tx| {
        let old = tx.scorecard(supplier, week)?.ok_or_else(|| {
            OpError::Rejected(format!(
                "{supplier} has no scorecard for {week}; nothing to re-score."
            ))
        })?;
        let rubric = tx.current_rubric()?;
        let mut tally = Tally::default();
        tx.rejudge_week(
            supplier,
            week,
            |record, known| {
                evaluate(
                    record,
                    &Context {
                        as_of: old.as_of,
                        rubric: &rubric,
                        known,
                        flags_provided: old.flags_provided,
                    },
                )
            },
            |account| {
                tally.add(
                    account.record.platform.value().map(String::as_str),
                    &account.verdict,
                )
            },
        )?;
        let card = tally.finish(
            ScorecardHeader {
                supplier: supplier.to_string(),
                as_of: old.as_of,
                retention: orders::supplier_retention(tx, supplier, old.as_of)?,
                flags_provided: old.flags_provided,
                import_id: old.import_id,
            },
            &rubric,
        );
        tx.put_scorecard(&card)?;
        standing::refold(tx, supplier)?;
        tx.audit(
            AuditKind::Rescore,
            format!(
                "Re-scored {supplier} {week} with rubric v{}: {} of {} accounts eligible (was {}).",
                rubric.version, card.eligible, card.accounts, old.eligible
            ),
        )?;
        // A scorecard changed, so held orders get another chance (SPEC §4).
        super::route::route_waiting(tx)?;
        Ok(tx.scorecard(supplier, week)?.unwrap_or(card))
    })
}
