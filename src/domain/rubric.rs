//! The rubric: every threshold a reviewer can change, validated and versioned (SPEC §2–§4, §7).
//!
//! A rubric is immutable once saved; a change saves a new version, and each scorecard keeps
//! the version it was computed with, so history can always be explained.

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use super::routing::{Tier, TierRule, TierRules, count};
use super::scorecard::percent;

/// The score centre and spread of one platform (and optionally one niche), SPEC §2.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreCentre {
    /// Platform, lower-case.
    pub platform: String,
    /// Niche, lower-case; `None` for the platform-wide centre.
    pub niche: Option<String>,
    /// Typical `log10((followers+1)/(following+1))` of real users there.
    pub centre: f64,
    /// How far from the centre an account may sit before its score falls off.
    pub spread: f64,
}

/// Every threshold of the account criteria, standing and routing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rubric {
    /// Version number, 1 for the defaults; assigned by the store when saved.
    pub version: u32,
    /// C1: words a bio needs to hold a sentence.
    pub min_bio_words: u32,
    /// C1: minimum public posts.
    pub min_posts: u64,
    /// C2: minimum account age in days.
    pub min_age_days: i64,
    /// C3: the ratio rule only applies from this many accounts followed.
    pub ratio_min_following: u64,
    /// C3: fails when `factor × followers < following`.
    pub ratio_factor: u64,
    /// C4: last activity at most this many days before the snapshot.
    pub active_within_days: i64,
    /// D2: a platform flag this recent disqualifies.
    pub flag_window_days: i64,
    /// SPEC §3: eligible share a scorecard needs to clear.
    pub eligible_share_floor: f64,
    /// SPEC §3: retention a scorecard needs to clear (when known).
    pub retention_floor: f64,
    /// SPEC §3: clearing scorecards in a row that reinstate a demoted supplier.
    pub reinstate_after: u32,
    /// SPEC §3: weight of quality in the composite score.
    pub quality_weight: f64,
    /// SPEC §3: weight of retention (as a percentage) in the composite score.
    pub retention_weight: f64,
    /// SPEC §4: the standard, premium and elite tiers.
    pub tiers: TierRules,
    /// SPEC §2: centres per platform and niche; anything not listed uses centre 0, spread 0.5.
    pub centres: Vec<ScoreCentre>,
}

/// The centre and spread used where the rubric names none (SPEC §2).
pub const DEFAULT_CENTRE: (f64, f64) = (0.0, 0.5);

impl Default for Rubric {
    fn default() -> Self {
        Rubric {
            version: 1,
            min_bio_words: 3,
            min_posts: 5,
            min_age_days: 90,
            ratio_min_following: 500,
            ratio_factor: 10,
            active_within_days: 30,
            flag_window_days: 30,
            eligible_share_floor: 0.90,
            retention_floor: 0.90,
            reinstate_after: 2,
            quality_weight: 0.6,
            retention_weight: 0.4,
            tiers: TierRules::default(),
            centres: Vec::new(),
        }
    }
}

/// A rubric value a reviewer typed that cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{setting}: {problem}")]
pub struct RubricError {
    /// The setting, in words.
    pub setting: String,
    /// What is wrong with it and what would be accepted.
    pub problem: String,
}

impl Rubric {
    /// The rule of a tier.
    pub fn tier(&self, tier: Tier) -> &TierRule {
        self.tiers.get(tier)
    }

    /// Centre and spread for a platform and niche: the niche's own, else the platform's,
    /// else the default (SPEC §2).
    pub fn centre_for(&self, platform: &str, niche: Option<&str>) -> (f64, f64) {
        let exact = niche.and_then(|n| {
            self.centres
                .iter()
                .find(|c| c.platform == platform && c.niche.as_deref() == Some(n))
        });
        let platform_wide = || {
            self.centres
                .iter()
                .find(|c| c.platform == platform && c.niche.is_none())
        };
        exact
            .or_else(platform_wide)
            .map_or(DEFAULT_CENTRE, |c| (c.centre, c.spread))
    }

    /// The composite score (SPEC §3): weighted quality and retention, or the quality alone
    /// while retention is unknown.
    pub fn composite(&self, quality: f64, retention: Option<f64>) -> f64 {
        match retention {
            Some(r) => self.quality_weight * quality + self.retention_weight * r * 100.0,
            None => quality,
        }
    }

    /// Checks every setting; returns each problem found, in plain words.
    pub fn validate(&self) -> Result<(), Vec<RubricError>> {
        let mut problems = Vec::new();
        let mut check = |ok: bool, setting: &str, problem: &str| {
            if !ok {
                problems.push(RubricError {
                    setting: setting.into(),
                    problem: problem.into(),
                });
            }
        };
        let fraction = |v: f64| (0.0..=1.0).contains(&v);
        let score = |v: f64| (0.0..=100.0).contains(&v);
        check(
            (1..=50).contains(&self.min_bio_words),
            "Words in a bio sentence",
            "must be a whole number from 1 to 50",
        );
        check(
            self.min_posts <= 10_000,
            "Minimum posts",
            "must be at most 10,000",
        );
        check(
            (0..=3650).contains(&self.min_age_days),
            "Minimum account age",
            "must be from 0 to 3,650 days",
        );
        check(self.ratio_factor >= 1, "Ratio factor", "must be at least 1");
        check(
            (1..=365).contains(&self.active_within_days),
            "Active within",
            "must be from 1 to 365 days",
        );
        check(
            (0..=365).contains(&self.flag_window_days),
            "Flag window",
            "must be from 0 to 365 days",
        );
        check(
            fraction(self.eligible_share_floor),
            "Eligible share floor",
            "must be between 0 % and 100 %",
        );
        check(
            fraction(self.retention_floor),
            "Retention floor",
            "must be between 0 % and 100 %",
        );
        check(
            (1..=52).contains(&self.reinstate_after),
            "Clean weeks to reinstate",
            "must be from 1 to 52",
        );
        check(
            self.quality_weight >= 0.0
                && self.retention_weight >= 0.0
                && ((self.quality_weight + self.retention_weight) - 1.0).abs() < 1e-9,
            "Composite weights",
            "quality and retention weights must be positive and add up to 1",
        );
        for tier in Tier::ALL {
            let rule = self.tier(tier);
            let name = format!("{} tier", tier.as_str());
            check(
                score(rule.min_quality),
                &name,
                "minimum quality must be from 0 to 100",
            );
            check(
                rule.min_retention.is_none_or(fraction),
                &name,
                "minimum retention must be between 0 % and 100 %",
            );
            check(
                score(rule.target_composite),
                &name,
                "target composite must be from 0 to 100",
            );
        }
        for c in &self.centres {
            let name = match &c.niche {
                Some(n) => format!("Score centre {}/{}", c.platform, n),
                None => format!("Score centre {}", c.platform),
            };
            check(c.centre.is_finite(), &name, "centre must be a number");
            check(
                c.spread.is_finite() && c.spread >= 0.1,
                &name,
                "spread must be at least 0.1",
            );
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// Re-derives centre and spread from a week's eligible accounts (SPEC §2): the median of
/// `log10((followers+1)/(following+1))` and 1.4826 × MAD, but at least 0.1.
///
/// Returns `None` for an empty sample, where nothing can be derived.
pub fn derive_centre(mut balances: Vec<f64>) -> Option<(f64, f64)> {
    let centre = median(&mut balances)?;
    let mut deviations: Vec<f64> = balances.iter().map(|b| (b - centre).abs()).collect();
    let mad = median(&mut deviations)?;
    Some((centre, (1.4826 * mad).max(0.1)))
}

fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// A score centre in words, such as "score centre instagram/food".
pub fn centre_name(c: &ScoreCentre) -> String {
    match &c.niche {
        Some(n) => format!("score centre {}/{n}", c.platform),
        None => format!("score centre {} (all niches)", c.platform),
    }
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

fn retention_min(r: Option<f64>) -> String {
    r.map_or_else(|| "none".into(), percent)
}

/// What changed from one rubric version to the next, in words, one item per setting
/// ("eligible share floor 90 % to 85 %"). Many score-centre changes (a re-derivation) are
/// summed up in one item.
pub fn changes(old: &Rubric, new: &Rubric) -> Vec<String> {
    let mut out = Vec::new();
    let mut change = |name: &str, changed: bool, a: String, b: String| {
        if changed {
            out.push(format!("{name} {a} to {b}"));
        }
    };
    macro_rules! setting {
        ($name:expr, $field:ident, $show:expr) => {
            change(
                $name,
                old.$field != new.$field,
                $show(old.$field),
                $show(new.$field),
            )
        };
    }
    setting!("words in a bio sentence", min_bio_words, |n: u32| n
        .to_string());
    setting!("minimum posts", min_posts, count);
    setting!("minimum account age", min_age_days, days);
    setting!("ratio rule applies from", ratio_min_following, |n| format!(
        "{} accounts followed",
        count(n)
    ));
    setting!("ratio factor", ratio_factor, |n: u64| n.to_string());
    setting!("active within", active_within_days, days);
    setting!("flag window", flag_window_days, days);
    setting!("eligible share floor", eligible_share_floor, percent);
    setting!("retention floor", retention_floor, percent);
    setting!("clean weeks to reinstate", reinstate_after, |n: u32| n
        .to_string());
    setting!("quality weight", quality_weight, percent);
    setting!("retention weight", retention_weight, percent);
    for tier in Tier::ALL {
        let (a, b) = (old.tier(tier), new.tier(tier));
        let t = tier.as_str();
        change(
            &format!("{t} minimum quality"),
            a.min_quality != b.min_quality,
            score(a.min_quality),
            score(b.min_quality),
        );
        change(
            &format!("{t} minimum retention"),
            a.min_retention != b.min_retention,
            retention_min(a.min_retention),
            retention_min(b.min_retention),
        );
        change(
            &format!("{t} target composite"),
            a.target_composite != b.target_composite,
            score(a.target_composite),
            score(b.target_composite),
        );
    }
    out.extend(centre_changes(&old.centres, &new.centres));
    out
}

fn centre_changes(old: &[ScoreCentre], new: &[ScoreCentre]) -> Vec<String> {
    let key = |c: &ScoreCentre| (c.platform.clone(), c.niche.clone());
    let before: BTreeMap<_, &ScoreCentre> = old.iter().map(|c| (key(c), c)).collect();
    let after: BTreeMap<_, &ScoreCentre> = new.iter().map(|c| (key(c), c)).collect();
    let mut items = Vec::new();
    let (mut added, mut changed, mut removed) = (0, 0, 0);
    for (k, b) in &after {
        match before.get(k) {
            None => {
                added += 1;
                items.push(format!(
                    "{} added (centre {:.3}, spread {:.3})",
                    centre_name(b),
                    b.centre,
                    b.spread
                ));
            }
            Some(a) if a.centre != b.centre || a.spread != b.spread => {
                changed += 1;
                items.push(format!(
                    "{} centre {:.3} to {:.3}, spread {:.3} to {:.3}",
                    centre_name(b),
                    a.centre,
                    b.centre,
                    a.spread,
                    b.spread
                ));
            }
            Some(_) => {}
        }
    }
    for (k, a) in &before {
        if !after.contains_key(k) {
            removed += 1;
            items.push(format!("{} removed", centre_name(a)));
        }
    }
    if items.len() > 4 {
        vec![format!(
            "score centres: {added} added, {changed} changed, {removed} removed"
        )]
    } else {
        items
    }
}

fn score(x: f64) -> String {
    format!("{x:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_match_the_spec() {
        let r = Rubric::default();
        assert!(r.validate().is_ok());
        assert_eq!(r.tier(Tier::Premium).min_retention, Some(0.90));
        assert_eq!(r.tier(Tier::Elite).target_composite, 95.0);
        assert_eq!(r.composite(80.0, None), 80.0);
        assert!((r.composite(80.0, Some(0.9)) - 84.0).abs() < 1e-9);
    }

    #[test]
    fn validation_names_each_problem() {
        let r = Rubric {
            eligible_share_floor: 1.5,
            reinstate_after: 0,
            ..Rubric::default()
        };
        let problems = r.validate().unwrap_err();
        assert_eq!(problems.len(), 2);
        assert!(problems[0].to_string().contains("Eligible share floor"));
    }

    #[test]
    fn centre_falls_back_from_niche_to_platform_to_default() {
        let r = Rubric {
            centres: vec![
                ScoreCentre {
                    platform: "instagram".into(),
                    niche: None,
                    centre: 0.2,
                    spread: 0.4,
                },
                ScoreCentre {
                    platform: "instagram".into(),
                    niche: Some("food".into()),
                    centre: 0.5,
                    spread: 0.3,
                },
            ],
            ..Rubric::default()
        };
        assert_eq!(r.centre_for("instagram", Some("food")), (0.5, 0.3));
        assert_eq!(r.centre_for("instagram", Some("art")), (0.2, 0.4));
        assert_eq!(r.centre_for("tiktok", Some("food")), DEFAULT_CENTRE);
    }

    #[test]
    fn derived_spread_has_a_floor() {
        assert_eq!(derive_centre(vec![]), None);
        assert_eq!(derive_centre(vec![1.0, 1.0, 1.0]), Some((1.0, 0.1)));
        let (c, s) = derive_centre(vec![0.0, 1.0, 2.0, 3.0]).unwrap();
        assert_eq!(c, 1.5);
        assert!((s - 1.4826).abs() < 1e-9);
    }
}
