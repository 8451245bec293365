//! Re-folding a supplier's standing after its scorecards change (SPEC §3).

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use crate::domain::rubric::Rubric;
use crate::domain::standing::{WeekResult, fold_standing};
use crate::store::{AuditKind, Reader, Result, Tx};

/// Recomputes the standing after each of a supplier's scorecards, stores what changed and
/// logs every new standing change. Returns the new changes in words.
pub fn refold(tx: &mut Tx, supplier: &str) -> Result<Vec<String>> {
    let mut cards = tx.scorecards_of(supplier)?;
    let mut rubrics: BTreeMap<u32, Rubric> = BTreeMap::new();
    let mut results = Vec::with_capacity(cards.len());
    for card in &cards {
        if let Entry::Vacant(slot) = rubrics.entry(card.rubric_version) {
            slot.insert(tx.rubric(card.rubric_version)?.unwrap_or_default());
        }
        let rubric = &rubrics[&card.rubric_version];
        results.push(WeekResult {
            week: card.week,
            shortfall: card.shortfall(rubric),
            reinstate_after: rubric.reinstate_after,
        });
    }
    let mut news = Vec::new();
    for (card, step) in cards.iter_mut().zip(fold_standing(&results)) {
        if card.standing == step.standing && card.standing_change == step.change {
            continue;
        }
        if let Some(change) = step
            .change
            .as_ref()
            .filter(|c| card.standing_change.as_ref() != Some(*c))
        {
            let text = format!("{supplier}: {change}");
            tx.audit(AuditKind::Standing, text.clone())?;
            news.push(text);
        }
        card.standing = step.standing;
        card.standing_change = step.change;
        tx.put_scorecard(card)?;
    }
    Ok(news)
}
