//! A supplier's weekly scorecard (SPEC §3).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::account::Verdict;
use super::rubric::Rubric;
use super::standing::Standing;
use super::week::Week;

/// One supplier's results for one ISO week, made when its dump is imported or re-scored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    /// The supplier's name.
    pub supplier: String,
    /// The ISO week of the dump's snapshot date.
    pub week: Week,
    /// The dump's snapshot date.
    pub as_of: NaiveDate,
    /// Rows imported.
    pub accounts: u64,
    /// Accounts in the active supply pool.
    pub eligible: u64,
    /// Eligible accounts per platform: the supplier's capacity there.
    pub capacity: BTreeMap<String, u64>,
    /// Excluded accounts per reason code (an account counts once under each of its reasons).
    pub failures: BTreeMap<String, u64>,
    /// Mean account score over all accounts, excluded ones scoring 0.
    pub quality: f64,
    /// Retention score (fraction), `None` while unknown.
    pub retention: Option<f64>,
    /// Composite score under the rubric used (SPEC §3).
    pub composite: f64,
    /// Rubric version used.
    pub rubric_version: u32,
    /// Whether the dump had a `flagged_at` column (otherwise D2 was not applied).
    pub flags_provided: bool,
    /// The import that produced it.
    pub import_id: u64,
    /// Standing after this scorecard (SPEC §3); filled by the standing fold.
    pub standing: Standing,
    /// Why the standing changed with this scorecard, when it did.
    pub standing_change: Option<String>,
}

impl Scorecard {
    /// Eligible accounts over all accounts (0 for an empty dump).
    pub fn eligible_share(&self) -> f64 {
        if self.accounts == 0 {
            0.0
        } else {
            self.eligible as f64 / self.accounts as f64
        }
    }

    /// Why this scorecard does not clear the floors (SPEC §3), or `None` when it clears.
    pub fn shortfall(&self, rubric: &Rubric) -> Option<String> {
        let mut why = Vec::new();
        if self.eligible_share() < rubric.eligible_share_floor {
            why.push(format!(
                "eligible share {} is below the {} floor",
                percent(self.eligible_share()),
                percent(rubric.eligible_share_floor)
            ));
        }
        if let Some(r) = self.retention.filter(|r| *r < rubric.retention_floor) {
            why.push(format!(
                "retention {} is below the {} floor",
                percent(r),
                percent(rubric.retention_floor)
            ));
        }
        (!why.is_empty()).then(|| why.join(" and "))
    }
}

/// A fraction as a percentage with one decimal, such as `87.5 %`.
pub fn percent(fraction: f64) -> String {
    let tenths = (fraction * 1000.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0} %")
    } else {
        format!("{tenths:.1} %")
    }
}

/// Accumulates verdicts into the counts of a scorecard, one account at a time, so a
/// million-account dump never needs to be held in memory.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    accounts: u64,
    eligible: u64,
    score_sum: f64,
    capacity: BTreeMap<String, u64>,
    failures: BTreeMap<String, u64>,
}

impl Tally {
    /// Counts one account's verdict on its platform (`None` when the platform is missing).
    pub fn add(&mut self, platform: Option<&str>, verdict: &Verdict) {
        self.accounts += 1;
        self.score_sum += verdict.score;
        if verdict.eligible() {
            self.eligible += 1;
            if let Some(p) = platform {
                match self.capacity.get_mut(p) {
                    Some(n) => *n += 1,
                    None => {
                        self.capacity.insert(p.to_string(), 1);
                    }
                }
            }
        }
        for reason in &verdict.reasons {
            *self.failures.entry(reason.code()).or_default() += 1;
        }
    }

    /// Accounts counted so far.
    pub fn accounts(&self) -> u64 {
        self.accounts
    }

    /// Turns the counts into a scorecard; standing is filled in later by the fold.
    pub fn finish(self, header: ScorecardHeader, rubric: &Rubric) -> Scorecard {
        let quality = if self.accounts == 0 {
            0.0
        } else {
            self.score_sum / self.accounts as f64
        };
        Scorecard {
            supplier: header.supplier,
            week: Week::of(header.as_of),
            as_of: header.as_of,
            accounts: self.accounts,
            eligible: self.eligible,
            capacity: self.capacity,
            failures: self.failures,
            quality,
            retention: header.retention,
            composite: rubric.composite(quality, header.retention),
            rubric_version: rubric.version,
            flags_provided: header.flags_provided,
            import_id: header.import_id,
            standing: Standing::Good,
            standing_change: None,
        }
    }
}

/// What a scorecard needs besides the verdict counts.
#[derive(Debug, Clone)]
pub struct ScorecardHeader {
    /// The supplier.
    pub supplier: String,
    /// The dump's snapshot date.
    pub as_of: NaiveDate,
    /// Retention score known at that date.
    pub retention: Option<f64>,
    /// Whether flags were provided.
    pub flags_provided: bool,
    /// The import that produced it.
    pub import_id: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Reason;

    #[test]
    fn tally_counts_capacity_failures_and_quality() {
        let mut t = Tally::default();
        t.add(
            Some("instagram"),
            &Verdict {
                reasons: vec![],
                score: 90.0,
            },
        );
        t.add(
            Some("tiktok"),
            &Verdict {
                reasons: vec![Reason::Dormant, Reason::Ratio],
                score: 0.0,
            },
        );
        let card = t.finish(
            ScorecardHeader {
                supplier: "S".into(),
                as_of: NaiveDate::from_ymd_opt(2026, 10, 12).unwrap(),
                retention: None,
                flags_provided: true,
                import_id: 1,
            },
            &Rubric::default(),
        );
        assert_eq!(card.accounts, 2);
        assert_eq!(card.eligible, 1);
        assert_eq!(card.capacity.get("instagram"), Some(&1));
        assert_eq!(card.capacity.get("tiktok"), None);
        assert_eq!(card.failures.get("dormant"), Some(&1));
        assert_eq!(card.quality, 45.0);
        assert_eq!(card.eligible_share(), 0.5);
        let rubric = Rubric::default();
        assert_eq!(
            card.shortfall(&rubric).as_deref(),
            Some("eligible share 50 % is below the 90 % floor")
        );
    }

    #[test]
    fn percent_formatting() {
        assert_eq!(percent(0.9), "90 %");
        assert_eq!(percent(0.8754), "87.5 %");
    }
}
