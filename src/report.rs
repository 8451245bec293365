//! The weekly review report: one self-contained HTML page with inline CSS and inline SVG
//! charts that a reviewer can read offline, print or mail (SPEC §7).
//!
//! The page holds, for one ISO week: every supplier's standing (and why it changed), its
//! scorecard numbers and top failure reasons in plain words, a chart of its score history
//! against the floors, this week's routing shares against the 40 % line, the routing windows
//! of recent weeks, the orders held, the refills created and the rubric in force.
//!
//! It is made from the database alone and never reads the clock: the same database gives
//! the same bytes, so two reports can be compared with a plain diff. No scripts, no
//! external fonts, images or style sheets: nothing is fetched when the page is opened.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use chrono::{Days, NaiveDate};

use crate::domain::refill::CheckOutcome;
use crate::domain::routing::Tier;
use crate::domain::rubric::{DEFAULT_CENTRE, Rubric};
use crate::domain::scorecard::{Scorecard, percent};
use crate::domain::standing::Standing;
use crate::domain::week::Week;
use crate::store::{OrderStatus, Reader, Store, StoreError, StoredOrder};
use crate::text::{count, reason_words, score, share};

/// Writes the weekly review of `week` (the latest week with a scorecard when `None`) as one
/// HTML page. Fails with a sentence for the reviewer when the database cannot be read or
/// holds nothing to report yet.
pub fn weekly_html(store: &Store, week: Option<Week>) -> Result<String, String> {
    match Facts::read(store, week) {
        Ok(Some(facts)) => Ok(render(&facts)),
        Ok(None) => {
            Err("There is nothing to report yet: import this week's supplier dumps first.".into())
        }
        Err(e) => Err(format!(
            "The weekly report could not be made because {e}. Close other copies of Supply Desk and try again."
        )),
    }
}

/// Everything the page shows, read in one snapshot.
struct Facts {
    /// The week reported on.
    week: Week,
    /// Suppliers with a scorecard up to the week, by name.
    suppliers: Vec<SupplierFacts>,
    /// Every week with a scorecard up to the week reported on, oldest first: the x axis of
    /// the history charts.
    weeks: Vec<Week>,
    /// Every order and refill, by (placed_at, order_id).
    orders: Vec<StoredOrder>,
    /// Orders routed per week and supplier.
    windows: BTreeMap<Week, BTreeMap<String, u64>>,
    /// The rubric in force and the version before it.
    rubric: Rubric,
    previous: Option<Rubric>,
    /// Every rubric version, to judge each scorecard by the version it was made with.
    rubrics: BTreeMap<u32, Rubric>,
    /// Why each refill placed in the week was created, by refill id.
    refill_reasons: BTreeMap<String, String>,
    /// The newest dates in the data.
    latest: Latest,
}

/// One supplier's scorecards up to the week reported on.
struct SupplierFacts {
    name: String,
    cards: Vec<Scorecard>,
}

impl SupplierFacts {
    /// Its latest scorecard up to the week (there is at least one).
    fn latest(&self) -> Option<&Scorecard> {
        self.cards.last()
    }

    /// Its scorecard of the week itself, if it sent a dump that week.
    fn this_week(&self, week: Week) -> Option<&Scorecard> {
        self.cards.last().filter(|c| c.week == week)
    }
}

/// The newest dates in the database, so the reader knows how fresh the data is.
#[derive(Default)]
struct Latest {
    snapshot: Option<NaiveDate>,
    placed: Option<NaiveDate>,
    delivered: Option<NaiveDate>,
    checked: Option<NaiveDate>,
}

impl Facts {
    fn read(store: &Store, week: Option<Week>) -> Result<Option<Facts>, StoreError> {
        let view = store.read()?;
        let cards = view.scorecards()?;
        let mut windows: BTreeMap<Week, BTreeMap<String, u64>> = BTreeMap::new();
        for (w, supplier, n) in view.routing_windows()? {
            windows.entry(w).or_default().insert(supplier, n);
        }
        let latest_card_week = cards.iter().map(|c| c.week).max();
        let Some(week) = week
            .or(latest_card_week)
            .or_else(|| windows.keys().next_back().copied())
        else {
            return Ok(None);
        };
        let mut latest = Latest {
            snapshot: cards.iter().map(|c| c.as_of).max(),
            ..Latest::default()
        };
        let mut by_supplier: BTreeMap<String, Vec<Scorecard>> = BTreeMap::new();
        let mut weeks = BTreeSet::new();
        for card in cards.into_iter().filter(|c| c.week <= week) {
            weeks.insert(card.week);
            by_supplier
                .entry(card.supplier.clone())
                .or_default()
                .push(card);
        }
        for cards in by_supplier.values_mut() {
            cards.sort_by_key(|c| c.week);
        }
        let mut orders = view.orders()?;
        orders.sort_by(|a, b| {
            (a.order.placed_at, &a.order.order_id).cmp(&(b.order.placed_at, &b.order.order_id))
        });
        let mut refill_reasons = BTreeMap::new();
        for o in &orders {
            latest.placed = latest.placed.max(Some(o.order.placed_at));
            latest.delivered = latest.delivered.max(o.delivered_at);
            for (checked_at, check) in view.checks_of(&o.order.order_id)? {
                latest.checked = latest.checked.max(Some(checked_at));
                if let CheckOutcome::RefillCreated { refill, reason } = &check.outcome
                    && Week::of(refill.placed_at) == week
                {
                    refill_reasons.insert(refill.order_id.clone(), reason.clone());
                }
            }
        }
        let rubric = view.current_rubric()?;
        let rubrics: BTreeMap<u32, Rubric> = view
            .rubrics()?
            .into_iter()
            .map(|r| (r.version, r))
            .collect();
        let previous = rubric
            .version
            .checked_sub(1)
            .and_then(|v| rubrics.get(&v))
            .cloned();
        Ok(Some(Facts {
            week,
            suppliers: by_supplier
                .into_iter()
                .map(|(name, cards)| SupplierFacts { name, cards })
                .collect(),
            weeks: weeks.into_iter().collect(),
            orders,
            windows,
            rubric,
            previous,
            rubrics,
            refill_reasons,
            latest,
        }))
    }

    /// Orders routed per supplier in the week reported on, and their total.
    fn this_window(&self) -> (BTreeMap<String, u64>, u64) {
        let window = self.windows.get(&self.week).cloned().unwrap_or_default();
        let total = window.values().sum();
        (window, total)
    }

    fn held(&self) -> impl Iterator<Item = (&StoredOrder, &str)> {
        self.orders.iter().filter_map(|o| match &o.status {
            OrderStatus::Held { reason } if o.delivered_at.is_none() => Some((o, reason.as_str())),
            _ => None,
        })
    }

    fn refills_this_week(&self) -> impl Iterator<Item = &StoredOrder> {
        self.orders
            .iter()
            .filter(|o| o.order.refill_of.is_some() && Week::of(o.order.placed_at) == self.week)
    }
}

// Writing into a `String` cannot fail, so the `fmt::Result`s below are ignored on purpose.
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {
        let _ = write!($out, $($arg)*);
    };
}

/// Escapes text for HTML element content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn long_date(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

fn date_or_none(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "none yet".into(), |d| d.to_string())
}

fn standing_badge(s: Standing) -> &'static str {
    match s {
        Standing::Good => r#"<span class="badge good">Good standing</span>"#,
        Standing::Demoted => r#"<span class="badge demoted">Demoted</span>"#,
    }
}

const STYLE: &str = r#"
:root{color-scheme:light}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Ubuntu,"Helvetica Neue",Arial,sans-serif;color:#1d1d1f;background:#fff;margin:0;line-height:1.45}
main{max-width:1060px;margin:0 auto;padding:24px 28px 48px}
h1{font-size:1.75em;margin:0 0 4px}
h2{border-bottom:2px solid #e3e3e8;padding-bottom:4px;margin:36px 0 10px;font-size:1.3em}
h3{margin:0 0 6px;font-size:1.12em}
h4{margin:12px 0 4px;font-size:.98em}
p{margin:6px 0}
.sub{color:#555}
.note{color:#666;font-size:.9em}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:.92em}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e6e6ea;vertical-align:top}
th{background:#f4f4f7;font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.badge{display:inline-block;padding:1px 9px;border-radius:10px;font-size:.85em;font-weight:600;white-space:nowrap}
.good{background:#e3f4e8;color:#1b7f3b}
.demoted{background:#fde7e5;color:#b42318}
.over{color:#9a5b00;font-weight:600}
.supplier{border:1px solid #e3e3e8;border-radius:8px;padding:14px 16px;margin:14px 0}
.change{font-weight:600}
.stats{display:flex;flex-wrap:wrap;gap:4px 22px;margin:8px 0}
.stats div{white-space:nowrap}
.stats b{font-variant-numeric:tabular-nums}
.legend{font-size:.85em;color:#444;margin:2px 0 0}
.legend span{margin-right:16px;white-space:nowrap}
.sw{display:inline-block;width:20px;height:0;border-top:3px solid;vertical-align:middle;margin-right:5px}
.sw.dash{border-top-style:dashed}
.sw.dot{border-top-style:dotted}
svg{max-width:100%;height:auto;display:block}
svg text{font-family:inherit}
code{font-size:.88em;color:#555}
footer{color:#777;font-size:.85em;margin-top:40px;border-top:1px solid #e3e3e8;padding-top:8px}
@media print{main{max-width:none;padding:0}.supplier{break-inside:avoid}h2{break-after:avoid}}
"#;

/// The whole page.
fn render(f: &Facts) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let title = format!("Supply Desk weekly review {}", f.week);
    put!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        esc(&title)
    );
    header(&mut out, f);
    summary(&mut out, f);
    suppliers_table(&mut out, f);
    supplier_sections(&mut out, f);
    routing(&mut out, f);
    held_orders(&mut out, f);
    refills(&mut out, f);
    rubric_section(&mut out, f);
    put!(
        out,
        "<footer>Made by Supply Desk {} from the database alone. The page holds no clock time: the same database always gives the same page. Shares and retention are shown as percentages with one decimal, scores from 0 to 100 with one decimal.</footer>\n</main>\n</body>\n</html>\n",
        esc(env!("CARGO_PKG_VERSION"))
    );
    out
}

fn header(out: &mut String, f: &Facts) {
    put!(out, "<h1>Weekly review {}</h1>\n", esc(&f.week.to_string()));
    if let Some(monday) = f.week.monday() {
        let sunday = monday + Days::new(6);
        put!(
            out,
            "<p class=\"sub\">ISO week {}: {} to {}.</p>\n",
            esc(&f.week.to_string()),
            esc(&long_date(monday)),
            esc(&long_date(sunday))
        );
    }
    put!(
        out,
        "<p class=\"sub\">Latest data in the database: supplier snapshot {}, order placed {}, delivery {}, retention check {}.</p>\n",
        esc(&date_or_none(f.latest.snapshot)),
        esc(&date_or_none(f.latest.placed)),
        esc(&date_or_none(f.latest.delivered)),
        esc(&date_or_none(f.latest.checked))
    );
}

fn summary(out: &mut String, f: &Facts) {
    let demoted: Vec<&str> = f
        .suppliers
        .iter()
        .filter(|s| s.latest().is_some_and(|c| c.standing == Standing::Demoted))
        .map(|s| s.name.as_str())
        .collect();
    let good = f.suppliers.len() - demoted.len();
    let dumps = f
        .suppliers
        .iter()
        .filter(|s| s.this_week(f.week).is_some())
        .count();
    let (_, routed) = f.this_window();
    let held = f.held().count();
    let refills = f.refills_this_week().count();
    put!(out, "<h2>At a glance</h2>\n<ul>\n");
    put!(
        out,
        "<li>{} supplier(s): {good} in good standing, {} demoted{}.</li>\n",
        f.suppliers.len(),
        demoted.len(),
        if demoted.is_empty() {
            String::new()
        } else {
            format!(" ({})", esc(&demoted.join(", ")))
        }
    );
    put!(
        out,
        "<li>{dumps} supplier dump(s) scored for {}.</li>\n",
        esc(&f.week.to_string())
    );
    let changes: Vec<String> = f
        .suppliers
        .iter()
        .filter_map(|s| {
            let c = s.this_week(f.week)?;
            let change = c.standing_change.as_ref()?;
            Some(format!("{}: {}", esc(&s.name), esc(change)))
        })
        .collect();
    if changes.is_empty() {
        put!(out, "<li>No standing changed this week.</li>\n");
    } else {
        for c in changes {
            put!(out, "<li class=\"change\">{c}</li>\n");
        }
    }
    put!(
        out,
        "<li>{} order(s) routed in {}; {held} order(s) held as the database stands; {refills} refill(s) created this week.</li>\n</ul>\n",
        count(routed),
        esc(&f.week.to_string())
    );
}

fn capacity_words(card: &Scorecard) -> String {
    if card.capacity.is_empty() {
        return "none".into();
    }
    card.capacity
        .iter()
        .map(|(p, n)| format!("{p} {}", count(*n)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn routing_share_words(n: u64, total: u64) -> String {
    if total == 0 {
        "no orders".into()
    } else {
        format!(
            "{} ({} of {})",
            percent(n as f64 / total as f64),
            count(n),
            count(total)
        )
    }
}

fn suppliers_table(out: &mut String, f: &Facts) {
    let (window, total) = f.this_window();
    put!(
        out,
        "<h2>Suppliers</h2>\n<p class=\"note\">Each supplier's scorecard for {} (or its latest before, when it sent no dump this week). A scorecard clears at an eligible share of at least {} and a retention of at least {} once known.</p>\n",
        esc(&f.week.to_string()),
        percent(f.rubric.eligible_share_floor),
        percent(f.rubric.retention_floor)
    );
    put!(
        out,
        "<table>\n<thead><tr><th>Supplier</th><th>Standing</th><th>Scorecard</th><th class=\"num\">Accounts</th><th class=\"num\">Eligible share</th><th class=\"num\">Quality</th><th class=\"num\">Retention</th><th class=\"num\">Composite</th><th class=\"num\">Capacity</th><th class=\"num\">Routing share</th></tr></thead>\n<tbody>\n"
    );
    for s in &f.suppliers {
        let Some(c) = s.latest() else { continue };
        let week_cell = if c.week == f.week {
            c.week.to_string()
        } else {
            format!("no dump; latest {}", c.week)
        };
        let n = window.get(&s.name).copied().unwrap_or(0);
        put!(
            out,
            "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
            anchor(&s.name),
            esc(&s.name),
            standing_badge(c.standing),
            esc(&week_cell),
            count(c.accounts),
            percent(c.eligible_share()),
            score(c.quality),
            esc(&share(c.retention)),
            score(c.composite),
            count(c.capacity.values().sum()),
            esc(&routing_share_words(n, total))
        );
    }
    put!(out, "</tbody>\n</table>\n");
}

/// An id for a supplier's section: letters and digits only, so any name is a safe anchor.
fn anchor(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    // The hash keeps names that differ only in punctuation or non-ASCII letters apart.
    format!(
        "s-{slug}-{:08x}",
        xxhash_rust::xxh3::xxh3_64(name.as_bytes()) as u32
    )
}

fn supplier_sections(out: &mut String, f: &Facts) {
    let (window, total) = f.this_window();
    put!(out, "<h2>Supplier by supplier</h2>\n");
    for s in &f.suppliers {
        let Some(c) = s.latest() else { continue };
        put!(
            out,
            "<section class=\"supplier\" id=\"{}\">\n<h3>{} {}</h3>\n",
            anchor(&s.name),
            esc(&s.name),
            standing_badge(c.standing)
        );
        match s.this_week(f.week) {
            Some(c) => match &c.standing_change {
                Some(change) => {
                    put!(
                        out,
                        "<p class=\"change\">Changed this week. {}</p>\n",
                        esc(change)
                    );
                }
                None => {
                    put!(out, "<p>No change in standing this week.");
                    if c.standing == Standing::Demoted {
                        demotion_status(out, s, &f.rubrics);
                    }
                    put!(out, "</p>\n");
                }
            },
            None => {
                put!(
                    out,
                    "<p>No dump this week; the numbers below are from {}, its latest scorecard.",
                    esc(&c.week.to_string())
                );
                if c.standing == Standing::Demoted {
                    demotion_status(out, s, &f.rubrics);
                }
                put!(out, "</p>\n");
            }
        }
        let n = window.get(&s.name).copied().unwrap_or(0);
        put!(out, "<div class=\"stats\">");
        let stats = [
            ("Accounts", count(c.accounts)),
            (
                "Eligible",
                format!("{} ({})", count(c.eligible), percent(c.eligible_share())),
            ),
            ("Quality", score(c.quality)),
            ("Retention", share(c.retention)),
            ("Composite", score(c.composite)),
            ("Capacity", capacity_words(c)),
            ("Routing share", routing_share_words(n, total)),
            ("Rubric", format!("version {}", c.rubric_version)),
        ];
        for (name, value) in stats {
            put!(out, "<div>{name}: <b>{}</b></div>", esc(&value));
        }
        put!(out, "</div>\n");
        if !c.flags_provided {
            put!(
                out,
                "<p class=\"note\">Flags not provided: the dump had no flagged_at column, so the platform-flag rule (D2) was not applied.</p>\n"
            );
        }
        failure_reasons(out, c);
        put!(out, "<h4>Score history</h4>\n");
        out.push_str(&history_svg(&s.name, &s.cards, &f.weeks, &f.rubric));
        history_legend(out, &f.rubric);
        put!(out, "</section>\n");
    }
}

/// Why a demoted supplier is demoted and how far it is from reinstatement (SPEC §3): the
/// change that demoted it, then whether its latest scorecard clears and how many clearing
/// scorecards in a row it has of the number needed. Each scorecard is judged by the rubric
/// version it was made with, as the standing fold does.
fn demotion_status(out: &mut String, s: &SupplierFacts, rubrics: &BTreeMap<u32, Rubric>) {
    let Some(at) = s
        .cards
        .iter()
        .rposition(|c| c.standing == Standing::Demoted && c.standing_change.is_some())
    else {
        return;
    };
    put!(
        out,
        " {}",
        esc(s.cards[at].standing_change.as_deref().unwrap_or_default())
    );
    let Some(latest) = s.latest() else { return };
    let Some(rubric) = rubrics.get(&latest.rubric_version) else {
        return;
    };
    let run = s.cards[at + 1..]
        .iter()
        .rev()
        .take_while(|c| {
            rubrics
                .get(&c.rubric_version)
                .is_some_and(|r| c.shortfall(r).is_none())
        })
        .count();
    match latest.shortfall(rubric) {
        Some(why) => {
            put!(
                out,
                " Its latest scorecard does not clear either: {}.",
                esc(&why)
            );
        }
        None => {
            put!(
                out,
                " Its latest scorecard clears: {run} of the {} clearing scorecards in a row it needs to return to good standing.",
                rubric.reinstate_after
            );
        }
    }
}

fn failure_reasons(out: &mut String, c: &Scorecard) {
    let mut top: Vec<(&String, &u64)> = c.failures.iter().collect();
    top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    put!(out, "<h4>Top failure reasons</h4>\n");
    if top.is_empty() {
        put!(out, "<p>No account failed any criterion.</p>\n");
        return;
    }
    put!(out, "<ol>\n");
    for (code, n) in top.into_iter().take(5) {
        let of = if c.accounts == 0 {
            String::new()
        } else {
            format!(" ({} of accounts)", percent(*n as f64 / c.accounts as f64))
        };
        put!(
            out,
            "<li>{} account(s){}: {} <code>{}</code></li>\n",
            count(*n),
            of,
            esc(&reason_words(code)),
            esc(code)
        );
    }
    put!(out, "</ol>\n");
}

const QUALITY: &str = "#1f6fb2";
const ELIGIBLE: &str = "#2e8b57";
const RETENTION: &str = "#d9822b";
const DEMOTED: &str = "#c0392b";
const REINSTATED: &str = "#27ae60";

fn history_legend(out: &mut String, r: &Rubric) {
    put!(
        out,
        "<p class=\"legend\"><span><i class=\"sw\" style=\"border-color:{QUALITY}\"></i>Quality</span><span><i class=\"sw\" style=\"border-color:{ELIGIBLE}\"></i>Eligible share %</span><span><i class=\"sw\" style=\"border-color:{RETENTION}\"></i>Retention %</span><span><i class=\"sw dash\" style=\"border-color:{ELIGIBLE}\"></i>Eligible share floor {}</span><span><i class=\"sw dot\" style=\"border-color:{RETENTION}\"></i>Retention floor {}</span><span><i class=\"sw\" style=\"border-color:{DEMOTED}\"></i>Demoted</span><span><i class=\"sw\" style=\"border-color:{REINSTATED}\"></i>Reinstated</span></p>\n",
        percent(r.eligible_share_floor),
        percent(r.retention_floor)
    );
}

/// One line of a history chart: its name, colour and (week, value) points.
type Series = (&'static str, &'static str, Vec<(Week, f64)>);

/// A number for an SVG attribute: one decimal is finer than a pixel.
fn px(v: f64) -> String {
    format!("{v:.1}")
}

/// The score history of one supplier: quality, eligible share and retention per week, the
/// floors of the rubric in force, and the weeks its standing changed.
fn history_svg(name: &str, cards: &[Scorecard], weeks: &[Week], rubric: &Rubric) -> String {
    const W: f64 = 760.0;
    const H: f64 = 230.0;
    const LEFT: f64 = 40.0;
    const RIGHT: f64 = 14.0;
    const TOP: f64 = 16.0;
    const BOTTOM: f64 = 30.0;
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let n = weeks.len().max(1) as f64;
    let index: BTreeMap<Week, usize> = weeks.iter().enumerate().map(|(i, w)| (*w, i)).collect();
    let x = |w: Week| LEFT + plot_w * (index.get(&w).copied().unwrap_or(0) as f64 + 0.5) / n;

    let floors = [
        rubric.eligible_share_floor * 100.0,
        rubric.retention_floor * 100.0,
    ];
    let lowest = cards
        .iter()
        .flat_map(|c| {
            [
                Some(c.quality),
                Some(c.eligible_share() * 100.0),
                c.retention.map(|r| r * 100.0),
            ]
        })
        .flatten()
        .chain(floors)
        .fold(100.0_f64, f64::min);
    let lo = (((lowest - 5.0) / 10.0).floor() * 10.0).clamp(0.0, 90.0);
    let hi = 100.0;
    let y = |v: f64| TOP + plot_h * (hi - v.clamp(lo, hi)) / (hi - lo);

    let mut svg = String::new();
    put!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" font-size=\"11\"><title>Score history of {}: quality, eligible share and retention per week, with the floors</title>\n",
        esc(name)
    );
    // Grid and y axis labels.
    let step = if hi - lo <= 50.0 { 10.0 } else { 20.0 };
    let mut v = lo;
    while v <= hi + 1e-9 {
        put!(
            svg,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#e6e6ea\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#666\">{v:.0}</text>\n",
            px(LEFT),
            px(y(v)),
            px(W - RIGHT),
            px(y(v)),
            px(LEFT - 6.0),
            px(y(v) + 4.0)
        );
        v += step;
    }
    // Week labels, thinned out when there are many weeks.
    let every = weeks.len().div_ceil(9).max(1);
    for (i, w) in weeks.iter().enumerate() {
        if i % every == 0 {
            put!(
                svg,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#666\">{}</text>\n",
                px(x(*w)),
                px(H - 10.0),
                esc(&w.to_string())
            );
        }
    }
    // Floors.
    let floor_lines = [
        (
            "Eligible share floor",
            rubric.eligible_share_floor,
            floors[0],
            ELIGIBLE,
            "7 4",
        ),
        (
            "Retention floor",
            rubric.retention_floor,
            floors[1],
            RETENTION,
            "2 3",
        ),
    ];
    for (name, fraction, at, colour, dash) in floor_lines {
        put!(
            svg,
            "<g><title>{name} {}</title><line x1=\"{l}\" y1=\"{y}\" x2=\"{r}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"1.5\" stroke-dasharray=\"{dash}\"/></g>\n",
            percent(fraction),
            l = px(LEFT),
            r = px(W - RIGHT),
            y = px(y(at))
        );
    }
    // Standing changes.
    for c in cards {
        if let Some(change) = &c.standing_change {
            let (color, word) = match c.standing {
                Standing::Demoted => (DEMOTED, "demoted"),
                Standing::Good => (REINSTATED, "reinstated"),
            };
            put!(
                svg,
                "<g><title>{}</title><line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{color}\" stroke-width=\"2\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" fill=\"{color}\">{word}</text></g>\n",
                esc(change),
                px(TOP),
                px(H - BOTTOM),
                px(TOP - 4.0),
                x = px(x(c.week)),
            );
        }
    }
    // The three series: a line through the weeks that have a value, and a dot per week.
    let series: [Series; 3] = [
        (
            "Quality",
            QUALITY,
            cards.iter().map(|c| (c.week, c.quality)).collect(),
        ),
        (
            "Eligible share",
            ELIGIBLE,
            cards
                .iter()
                .map(|c| (c.week, c.eligible_share() * 100.0))
                .collect(),
        ),
        (
            "Retention",
            RETENTION,
            cards
                .iter()
                .filter_map(|c| c.retention.map(|r| (c.week, r * 100.0)))
                .collect(),
        ),
    ];
    for (label, color, points) in &series {
        if points.len() > 1 {
            let path: Vec<String> = points
                .iter()
                .map(|(w, v)| format!("{},{}", px(x(*w)), px(y(*v))))
                .collect();
            put!(
                svg,
                "<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{}\"/>\n",
                path.join(" ")
            );
        }
        for (w, v) in points {
            let shown = if *label == "Quality" {
                score(*v)
            } else {
                percent(*v / 100.0)
            };
            put!(
                svg,
                "<g><title>{} {label}: {}</title><circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{color}\"/></g>\n",
                esc(&w.to_string()),
                esc(&shown),
                px(x(*w)),
                px(y(*v))
            );
        }
    }
    svg.push_str("</svg>\n");
    svg
}

fn routing(out: &mut String, f: &Facts) {
    let (window, total) = f.this_window();
    put!(
        out,
        "<h2>Routing in {}</h2>\n<p class=\"note\">No supplier may hold more than 40 % of a week's orders, except by the one order just given to it (with n orders to the supplier and N in all, counting the new one: 5 × n ≤ 2 × N + 5). Refills count like any order. Shares above 40 % are shown in amber.</p>\n",
        esc(&f.week.to_string())
    );
    let mut names: BTreeSet<&str> = f.suppliers.iter().map(|s| s.name.as_str()).collect();
    names.extend(window.keys().map(String::as_str));
    if total == 0 {
        put!(
            out,
            "<p>No orders were routed in {}.</p>\n",
            esc(&f.week.to_string())
        );
    } else {
        let rows: Vec<(&str, u64)> = names
            .iter()
            .map(|n| (*n, window.get(*n).copied().unwrap_or(0)))
            .collect();
        out.push_str(&shares_svg(f.week, &rows, total));
    }
    windows_table(out, f, &names);
}

/// This week's routing shares per supplier as horizontal bars against the 40 % line.
fn shares_svg(week: Week, rows: &[(&str, u64)], total: u64) -> String {
    const W: f64 = 760.0;
    const LABEL: f64 = 170.0;
    const RIGHT: f64 = 24.0;
    const TOP: f64 = 22.0;
    const ROW: f64 = 28.0;
    const BOTTOM: f64 = 24.0;
    let h = TOP + ROW * rows.len() as f64 + BOTTOM;
    let plot_w = W - LABEL - RIGHT;
    let x = |share: f64| LABEL + plot_w * share.clamp(0.0, 1.0);
    let mut svg = String::new();
    put!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {}\" width=\"{W}\" height=\"{}\" role=\"img\" font-size=\"12\"><title>Share of the orders routed in {} per supplier, against the 40 % cap</title>\n",
        px(h),
        px(h),
        esc(&week.to_string())
    );
    for tick in [0.0, 0.2, 0.4, 0.6, 0.8, 1.0] {
        put!(
            svg,
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#e6e6ea\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" fill=\"#666\" font-size=\"11\">{}</text>\n",
            px(TOP),
            px(h - BOTTOM),
            px(h - 8.0),
            percent(tick),
            x = px(x(tick)),
        );
    }
    for (i, (name, n)) in rows.iter().enumerate() {
        let share = *n as f64 / total as f64;
        let top = TOP + ROW * i as f64;
        let over = 5 * n > 2 * total;
        let fill = if over { "#c77700" } else { QUALITY };
        put!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1d1d1f\">{}</text>\n<g><title>{}: {} of {} orders ({})</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"/></g>\n<text x=\"{}\" y=\"{}\" fill=\"#1d1d1f\">{} ({} of {})</text>\n",
            px(LABEL - 8.0),
            px(top + ROW / 2.0 + 4.0),
            esc(name),
            esc(name),
            count(*n),
            count(total),
            percent(share),
            px(LABEL),
            px(top + 5.0),
            px(x(share) - LABEL),
            px(ROW - 10.0),
            px(x(share) + 6.0),
            px(top + ROW / 2.0 + 4.0),
            percent(share),
            count(*n),
            count(total)
        );
    }
    put!(
        svg,
        "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{DEMOTED}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" fill=\"{DEMOTED}\">40 % cap</text>\n</svg>\n",
        px(TOP - 4.0),
        px(h - BOTTOM),
        px(TOP - 8.0),
        x = px(x(0.4)),
    );
    svg
}

/// Orders routed per supplier in the last eight routing windows up to the week.
fn windows_table(out: &mut String, f: &Facts, names: &BTreeSet<&str>) {
    let recent: Vec<(&Week, &BTreeMap<String, u64>)> = f
        .windows
        .range(..=f.week)
        .rev()
        .take(8)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    put!(out, "<h3>Routing windows</h3>\n");
    if recent.is_empty() {
        put!(out, "<p>No orders have been routed yet.</p>\n");
        return;
    }
    let mut names: BTreeSet<&str> = names.clone();
    for (_, m) in &recent {
        names.extend(m.keys().map(String::as_str));
    }
    put!(out, "<table>\n<thead><tr><th>Week</th>");
    for n in &names {
        put!(out, "<th class=\"num\">{}</th>", esc(n));
    }
    put!(
        out,
        "<th class=\"num\">All orders</th></tr></thead>\n<tbody>\n"
    );
    for (week, m) in recent {
        let total: u64 = m.values().sum();
        put!(out, "<tr><td>{}</td>", esc(&week.to_string()));
        for n in &names {
            let k = m.get(*n).copied().unwrap_or(0);
            let class = if 5 * k > 2 * total { "num over" } else { "num" };
            if total == 0 {
                put!(out, "<td class=\"num\">0</td>");
            } else {
                put!(
                    out,
                    "<td class=\"{class}\">{} ({})</td>",
                    count(k),
                    percent(k as f64 / total as f64)
                );
            }
        }
        put!(out, "<td class=\"num\">{}</td></tr>\n", count(total));
    }
    put!(out, "</tbody>\n</table>\n");
}

fn order_status_words(o: &StoredOrder) -> String {
    match (&o.status, o.delivered_at) {
        (OrderStatus::Routed { supplier }, Some(d)) => format!("delivered {d} by {supplier}"),
        (OrderStatus::Routed { supplier }, None) => format!("routed to {supplier}"),
        (OrderStatus::Held { reason }, _) => format!("held: {reason}"),
    }
}

fn held_orders(out: &mut String, f: &Facts) {
    let held: Vec<(&StoredOrder, &str)> = f.held().collect();
    put!(
        out,
        "<h2>Held orders</h2>\n<p class=\"note\">Orders no supplier could take, as the database stands; they are tried again after the next import, or a reviewer releases them by hand.</p>\n"
    );
    if held.is_empty() {
        put!(out, "<p>No order is held.</p>\n");
        return;
    }
    put!(
        out,
        "<table>\n<thead><tr><th>Order</th><th>Placed</th><th>Customer</th><th>Platform</th><th>Tier</th><th class=\"num\">Quantity</th><th>Why it is held</th></tr></thead>\n<tbody>\n"
    );
    for (o, reason) in held {
        let r = &o.order;
        put!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
            esc(&r.order_id),
            r.placed_at,
            esc(&r.customer),
            esc(&r.platform),
            r.tier.as_str(),
            count(r.quantity),
            esc(reason)
        );
    }
    put!(out, "</tbody>\n</table>\n");
}

fn refills(out: &mut String, f: &Facts) {
    let refills: Vec<&StoredOrder> = f.refills_this_week().collect();
    put!(
        out,
        "<h2>Refills created in {}</h2>\n<p class=\"note\">A retention check within 30 days of delivery that finds more than 5 % of the units gone creates a refill for the missing units, routed like any order.</p>\n",
        esc(&f.week.to_string())
    );
    if refills.is_empty() {
        put!(out, "<p>No refill was created this week.</p>\n");
        return;
    }
    put!(
        out,
        "<table>\n<thead><tr><th>Refill</th><th>Of order</th><th>Placed</th><th>Platform</th><th>Tier</th><th class=\"num\">Units</th><th>Status</th><th>Why</th></tr></thead>\n<tbody>\n"
    );
    for o in refills {
        let r = &o.order;
        let why = f.refill_reasons.get(&r.order_id).map_or("", String::as_str);
        put!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>\n",
            esc(&r.order_id),
            esc(r.refill_of.as_deref().unwrap_or_default()),
            r.placed_at,
            esc(&r.platform),
            r.tier.as_str(),
            count(r.quantity),
            esc(&order_status_words(o)),
            esc(why)
        );
    }
    put!(out, "</tbody>\n</table>\n");
}

fn rubric_section(out: &mut String, f: &Facts) {
    let r = &f.rubric;
    put!(out, "<h2>Rubric version {} in force</h2>\n", r.version);
    let used: BTreeSet<u32> = f
        .suppliers
        .iter()
        .filter_map(|s| s.this_week(f.week))
        .map(|c| c.rubric_version)
        .collect();
    if !used.is_empty() {
        let list: Vec<String> = used.iter().map(|v| format!("version {v}")).collect();
        put!(
            out,
            "<p>This week's scorecards were made with {}.</p>\n",
            list.join(" and ")
        );
    }
    if let Some(prev) = &f.previous {
        let changes = crate::domain::rubric::changes(prev, r);
        if changes.is_empty() {
            put!(
                out,
                "<p>No setting changed from version {}.</p>\n",
                prev.version
            );
        } else {
            put!(
                out,
                "<p>Changed from version {}: {}.</p>\n",
                prev.version,
                esc(&changes.join("; "))
            );
        }
    }
    let days = |n: i64| format!("{n} days");
    let settings = [
        ("Words in a bio sentence", r.min_bio_words.to_string()),
        ("Minimum posts", count(r.min_posts)),
        ("Minimum account age", days(r.min_age_days)),
        (
            "Ratio rule",
            format!(
                "from {} accounts followed, fails when following more than {} × followers",
                count(r.ratio_min_following),
                r.ratio_factor
            ),
        ),
        ("Active within", days(r.active_within_days)),
        ("Flag window", days(r.flag_window_days)),
        ("Eligible share floor", percent(r.eligible_share_floor)),
        ("Retention floor", percent(r.retention_floor)),
        ("Clean weeks to reinstate", r.reinstate_after.to_string()),
        (
            "Composite score",
            format!(
                "{} × quality + {} × retention (quality alone while retention is unknown)",
                percent(r.quality_weight),
                percent(r.retention_weight)
            ),
        ),
    ];
    put!(
        out,
        "<table>\n<thead><tr><th>Setting</th><th>Value</th></tr></thead>\n<tbody>\n"
    );
    for (name, value) in settings {
        put!(out, "<tr><td>{name}</td><td>{}</td></tr>\n", esc(&value));
    }
    put!(out, "</tbody>\n</table>\n");
    put!(
        out,
        "<table>\n<thead><tr><th>Tier</th><th class=\"num\">Minimum quality</th><th class=\"num\">Minimum retention</th><th class=\"num\">Target composite</th></tr></thead>\n<tbody>\n"
    );
    for tier in Tier::ALL {
        let t = r.tier(tier);
        put!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
            tier.as_str(),
            score(t.min_quality),
            t.min_retention
                .map_or_else(|| "none (unknown allowed)".to_string(), percent),
            score(t.target_composite)
        );
    }
    put!(out, "</tbody>\n</table>\n");
    if r.centres.is_empty() {
        put!(
            out,
            "<p>Score centres: none set; every platform and niche uses centre {:.1} and spread {:.1}.</p>\n",
            DEFAULT_CENTRE.0,
            DEFAULT_CENTRE.1
        );
    } else {
        put!(
            out,
            "<table>\n<thead><tr><th>Score centre: platform</th><th>Niche</th><th class=\"num\">Centre</th><th class=\"num\">Spread</th></tr></thead>\n<tbody>\n"
        );
        for c in &r.centres {
            put!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{:.3}</td><td class=\"num\">{:.3}</td></tr>\n",
                esc(&c.platform),
                esc(c.niche.as_deref().unwrap_or("all niches")),
                c.centre,
                c.spread
            );
        }
        put!(out, "</tbody>\n</table>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc(r#"<b>"Tom" & 'Jerry'</b>"#),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
    }

    #[test]
    fn anchors_are_safe_and_distinct() {
        let a = anchor("Ember Boost");
        assert!(a.starts_with("s-ember-boost-"));
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        assert_ne!(anchor("A&B"), anchor("A B"));
    }
}
