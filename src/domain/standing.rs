//! A supplier's standing: a fold over its scorecards in week order (SPEC §3).

use serde::{Deserialize, Serialize};

use super::week::Week;

/// Whether a supplier may receive new orders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Standing {
    /// In good standing: routable.
    #[default]
    Good,
    /// Demoted: receives no new orders until reinstated.
    Demoted,
}

impl Standing {
    /// `good` or `demoted`, as the CLI prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Good => "good",
            Standing::Demoted => "demoted",
        }
    }
}

/// One scorecard as the fold sees it.
#[derive(Clone, Debug)]
pub struct WeekResult {
    /// The scorecard's week.
    pub week: Week,
    /// `None` when the scorecard clears its floors, otherwise why not.
    pub shortfall: Option<String>,
    /// Clearing scorecards in a row that reinstate, from the rubric the scorecard used.
    pub reinstate_after: u32,
}

/// The standing after one scorecard, and why it changed if it did.
#[derive(Clone, Debug, PartialEq)]
pub struct StandingStep {
    /// Standing after this scorecard.
    pub standing: Standing,
    /// Set when this scorecard changed the standing.
    pub change: Option<String>,
}

/// Folds a supplier's scorecards, in week order, into the standing after each (SPEC §3).
///
/// A supplier starts in good standing; a scorecard that does not clear demotes it; a demoted
/// supplier is reinstated after `reinstate_after` clearing scorecards in a row. Weeks without
/// a dump are simply absent: they neither count towards nor break a run.
pub fn fold_standing(results: &[WeekResult]) -> Vec<StandingStep> {
    let mut standing = Standing::Good;
    let mut clean_run: Vec<Week> = Vec::new();
    let mut steps = Vec::with_capacity(results.len());
    for result in results {
        let mut change = None;
        match (&result.shortfall, standing) {
            (Some(why), Standing::Good) => {
                standing = Standing::Demoted;
                clean_run.clear();
                change = Some(format!("Demoted in {}: {why}.", result.week));
            }
            (Some(_), Standing::Demoted) => clean_run.clear(),
            (None, Standing::Demoted) => {
                clean_run.push(result.week);
                if clean_run.len() >= result.reinstate_after as usize {
                    standing = Standing::Good;
                    let weeks: Vec<String> = clean_run.iter().map(Week::to_string).collect();
                    change = Some(format!(
                        "Reinstated in {}: {} clearing scorecards in a row ({}).",
                        result.week,
                        clean_run.len(),
                        weeks.join(", ")
                    ));
                    clean_run.clear();
                }
            }
            (None, Standing::Good) => {}
        }
        steps.push(StandingStep { standing, change });
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week(n: u32, clears: bool) -> WeekResult {
        WeekResult {
            week: Week {
                year: 2026,
                week: n,
            },
            shortfall: (!clears).then(|| "eligible share 80 % is below the 90 % floor".into()),
            reinstate_after: 2,
        }
    }

    fn standings(results: &[WeekResult]) -> Vec<&'static str> {
        fold_standing(results)
            .iter()
            .map(|s| s.standing.as_str())
            .collect()
    }

    #[test]
    fn demoted_then_reinstated_after_two_clean_weeks() {
        let r = [week(1, true), week(2, false), week(3, true), week(5, true)];
        assert_eq!(standings(&r), ["good", "demoted", "demoted", "good"]);
        let steps = fold_standing(&r);
        assert!(
            steps[1]
                .change
                .as_deref()
                .unwrap()
                .starts_with("Demoted in 2026-W02")
        );
        assert_eq!(
            steps[3].change.as_deref(),
            Some("Reinstated in 2026-W05: 2 clearing scorecards in a row (2026-W03, 2026-W05).")
        );
        assert_eq!(steps[2].change, None);
    }

    #[test]
    fn a_failure_breaks_the_run() {
        let r = [
            week(1, false),
            week(2, true),
            week(3, false),
            week(4, true),
            week(5, true),
        ];
        assert_eq!(
            standings(&r),
            ["demoted", "demoted", "demoted", "demoted", "good"]
        );
    }
}
