//! Saving rubric versions (SPEC §7 "Rubric") and re-deriving score centres (SPEC §2).

use std::collections::BTreeMap;

use crate::domain::criteria::balance;
use crate::domain::rubric::{Rubric, ScoreCentre, derive_centre};
use crate::domain::week::Week;
use crate::store::{AuditKind, Reader, Store};

use super::OpError;

/// Validates and saves a rubric as a new version; it applies to imports and re-scores from
/// now on, while every scorecard keeps the version it used.
pub fn save(store: &Store, rubric: Rubric) -> Result<Rubric, OpError> {
    if let Err(problems) = rubric.validate() {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        return Err(OpError::Rejected(format!(
            "The rubric was not saved: {}.",
            list.join("; ")
        )));
    }
    store.write(|tx| {
        let saved = tx.save_rubric(rubric)?;
        tx.audit(
            AuditKind::Rubric,
            format!("Rubric version {} saved.", saved.version),
        )?;
        Ok(saved)
    })
}

/// Re-derives centre and spread per platform and niche from one week's eligible accounts
/// (every supplier), as SPEC §2 describes, and saves the result as a new rubric version.
pub fn derive_from_week(store: &Store, week: Week) -> Result<Rubric, OpError> {
    let view = store.read()?;
    let mut samples: BTreeMap<(String, Option<String>), Vec<f64>> = BTreeMap::new();
    view.for_each_account(None, Some(week), |_, _, _, account| {
        if let (true, Some(p), Some(fo), Some(fg)) = (
            account.verdict.eligible(),
            account.record.platform.value(),
            account.record.followers.value(),
            account.record.following.value(),
        ) {
            let b = balance(*fo, *fg);
            samples
                .entry((p.clone(), account.record.niche.clone()))
                .or_default()
                .push(b);
            samples.entry((p.clone(), None)).or_default().push(b);
        }
        true
    })?;
    if samples.is_empty() {
        return Err(OpError::Rejected(format!(
            "{week} has no eligible accounts to derive centres from."
        )));
    }
    let mut rubric = view.current_rubric()?;
    drop(view);
    rubric.centres = samples
        .into_iter()
        .filter_map(|((platform, niche), values)| {
            let (centre, spread) = derive_centre(values)?;
            Some(ScoreCentre {
                platform,
                niche,
                centre,
                spread,
            })
        })
        .collect();
    let saved = save(store, rubric)?;
    store.write(|tx| {
        tx.audit(
            AuditKind::Rubric,
            format!(
                "Rubric version {} holds score centres derived from {week}'s eligible accounts ({} platform and niche groups).",
                saved.version,
                saved.centres.len()
            ),
        )
    })?;
    Ok(saved)
}
