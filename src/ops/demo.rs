//! Demo data (SPEC §7): eight weeks of five suppliers, orders, deliveries and checks,
//! imported through the same files-and-import path a reviewer uses, so the demo shows every
//! feature working for real: a supplier demoted and reinstated, one that stays demoted,
//! held orders, refills.

use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};

use crate::import::{ImportOptions, Progress, Silent};
use crate::store::{Reader, Store};
use crate::synth::{DumpSpec, OrderSpec, Profile, Rng, write_dump, write_orders};

use super::{ImportRequest, OpError, import_file, route};

/// What the demo put in the database.
#[derive(Debug, Default, Clone)]
pub struct DemoSummary {
    /// Files imported.
    pub files: usize,
    /// Weeks covered.
    pub weeks: usize,
}

struct DemoSupplier {
    name: &'static str,
    profile: Profile,
    /// Retention range, in thousandths, of this supplier's deliveries.
    retention: (u64, u64),
}

const SUPPLIERS: [DemoSupplier; 5] = [
    DemoSupplier {
        name: "Northwind Social",
        profile: Profile {
            failure: 0.03,
            balance: 0.05,
        },
        retention: (975, 1000),
    },
    DemoSupplier {
        name: "Bluepeak Media",
        profile: Profile {
            failure: 0.05,
            balance: 0.35,
        },
        retention: (955, 995),
    },
    DemoSupplier {
        name: "Crescent Reach",
        profile: Profile {
            failure: 0.06,
            balance: -0.3,
        },
        retention: (900, 990),
    },
    DemoSupplier {
        name: "Driftwood Growth",
        profile: Profile {
            failure: 0.05,
            balance: 0.15,
        },
        retention: (930, 995),
    },
    DemoSupplier {
        name: "Ember Boost",
        profile: Profile {
            failure: 0.22,
            balance: 0.6,
        },
        retention: (850, 960),
    },
];

/// The Monday of the first demo week (2026-W36).
fn first_monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 8, 31).unwrap_or_default()
}

/// Number of demo weeks.
pub const DEMO_WEEKS: u64 = 8;

/// Fills an empty database with the demo. Refuses a database that already holds data.
pub fn fill(store: &Store, progress: &dyn Progress) -> Result<DemoSummary, OpError> {
    {
        let view = store.read()?;
        if !view.imports()?.is_empty() {
            return Err(OpError::Rejected(
                "The demo only fills an empty database; this one already holds imports. Use --db with a new file to try the demo.".into(),
            ));
        }
    }
    // One folder per call, so two demos filling at once (tests) never share files.
    static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("supply-desk-demo-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .map_err(|e| OpError::Rejected(format!("could not create {}: {e}", dir.display())))?;
    let result = run(store, &dir, progress);
    // Best effort: the files are copies of what was imported; leaving them is harmless.
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn write_file(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
) -> Result<PathBuf, OpError> {
    let mut bytes = Vec::new();
    let path = dir.join(name);
    write(&mut bytes)
        .and_then(|()| std::fs::write(&path, &bytes))
        .map_err(|e| OpError::Rejected(format!("could not write {}: {e}", path.display())))?;
    Ok(path)
}

fn import_all(store: &Store, files: &[PathBuf], summary: &mut DemoSummary) -> Result<(), OpError> {
    for f in files {
        import_file(
            store,
            f,
            &ImportOptions::default(),
            ImportRequest::default(),
            &Silent,
        )?;
        summary.files += 1;
    }
    route(store)?;
    Ok(())
}

fn run(store: &Store, dir: &Path, progress: &dyn Progress) -> Result<DemoSummary, OpError> {
    let mut summary = DemoSummary::default();
    let mut rng = Rng::new(2026);
    let mut order_seq = 0u32;
    for week in 0..DEMO_WEEKS {
        if progress.cancelled() {
            return Err(OpError::Cancelled);
        }
        progress.update(week, DEMO_WEEKS);
        let monday = first_monday() + Days::new(7 * week);
        // 1. Every supplier's weekly dump.
        let mut dumps = Vec::new();
        for (i, s) in SUPPLIERS.iter().enumerate() {
            let mut profile = s.profile;
            // Driftwood slips in the third week, then recovers: demoted, then reinstated.
            if s.name == "Driftwood Growth" && week == 2 {
                profile.failure = 0.2;
            }
            let spec = DumpSpec {
                supplier: s.name,
                as_of: monday,
                accounts: 400,
                platforms: &["instagram", "tiktok"],
                profile,
                seed: week * 100 + i as u64,
            };
            let name = format!(
                "{}-{}.csv",
                s.name.replace(' ', "-").to_lowercase(),
                crate::domain::week::Week::of(monday)
            );
            dumps.push(write_file(dir, &name, |b| write_dump(&spec, b))?);
        }
        import_all(store, &dumps, &mut summary)?;

        // 2. Deliveries of last week's orders and the checks due by today.
        let (deliveries, checks) = deliveries_and_checks(store, monday, &mut rng)?;
        let mut files = Vec::new();
        if deliveries.lines().count() > 1 {
            files.push(write_file(dir, &format!("deliveries-{monday}.csv"), |b| {
                b.extend_from_slice(deliveries.as_bytes());
                Ok(())
            })?);
        }
        if checks.lines().count() > 1 {
            files.push(write_file(dir, &format!("checks-{monday}.csv"), |b| {
                b.extend_from_slice(checks.as_bytes());
                Ok(())
            })?);
        }
        if !files.is_empty() {
            import_all(store, &files, &mut summary)?;
        }

        // 3. This week's orders.
        let mut orders: Vec<OrderSpec> = (0..24)
            .map(|_| {
                order_seq += 1;
                OrderSpec {
                    id: format!("ORD-{order_seq:04}"),
                    placed_at: monday + Days::new(1 + rng.below(4)),
                    tier: [
                        "standard", "standard", "standard", "standard", "premium", "premium",
                        "elite",
                    ][rng.below(7) as usize],
                    platform: ["instagram", "tiktok"][rng.below(2) as usize],
                    quantity: rng.between(20, 150),
                }
            })
            .collect();
        if week + 1 == DEMO_WEEKS {
            // Orders no supplier can take this week, so the demo has held orders to show:
            // more than any pool holds, and an elite order on a platform without supply.
            for (tier, platform, quantity) in
                [("standard", "tiktok", 5000), ("elite", "youtube", 50)]
            {
                order_seq += 1;
                orders.push(OrderSpec {
                    id: format!("ORD-{order_seq:04}"),
                    placed_at: monday + Days::new(2),
                    tier,
                    platform,
                    quantity,
                });
            }
        }
        let file = write_file(dir, &format!("orders-{monday}.csv"), |b| {
            write_orders(&orders, b)
        })?;
        import_all(store, &[file], &mut summary)?;
    }
    progress.update(DEMO_WEEKS, DEMO_WEEKS);
    summary.weeks = DEMO_WEEKS as usize;
    Ok(summary)
}

/// Deliveries for routed, undelivered orders placed before `today`, and retention checks on
/// day 7 and day 21 after delivery that fall due by `today`, following each supplier's
/// retention profile.
fn deliveries_and_checks(
    store: &Store,
    today: NaiveDate,
    rng: &mut Rng,
) -> Result<(String, String), OpError> {
    let view = store.read()?;
    let mut deliveries = String::from("order_id,delivered_at,delivered\n");
    let mut checks = String::from("order_id,checked_at,retained\n");
    for order in view.orders()? {
        let Some(supplier) = order.supplier() else {
            continue;
        };
        let id = &order.order.order_id;
        let delivered_at = match order.delivered_at {
            Some(d) => d,
            None => {
                let d = order.order.placed_at + Days::new(1 + rng.below(2));
                if d >= today {
                    continue;
                }
                deliveries.push_str(&format!("{id},{d},{}\n", order.order.quantity));
                d
            }
        };
        if order.order.refill_of.is_some() {
            continue;
        }
        let profile = SUPPLIERS
            .iter()
            .find(|s| s.name == supplier)
            .map_or((950, 1000), |s| s.retention);
        for day in [7u64, 21] {
            let at = delivered_at + Days::new(day);
            if at > today || at <= today - Days::new(7) || view.check(id, at)?.is_some() {
                continue;
            }
            let thousandths = rng.between(profile.0, profile.1);
            let retained = order.order.quantity * thousandths / 1000;
            checks.push_str(&format!("{id},{at},{retained}\n"));
        }
    }
    Ok((deliveries, checks))
}
