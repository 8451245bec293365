//! The accounts and scorecards listings (SPEC §8).

use std::io::Write;

use crate::domain::account::normalise_handle;
use crate::domain::routing::{CandidateLine, Verdict as RouteVerdict};
use crate::domain::scorecard::percent;
use crate::domain::week::Week;
use crate::listing::{ListFormat, ListingWriter, Value};
use crate::store::{OrderStatus, Reader, Store, StoredAccount};

/// Columns of `supply-desk accounts`.
pub const ACCOUNT_COLUMNS: &[&str] = &[
    "supplier", "week", "platform", "username", "eligible", "score", "reasons",
];

/// Columns of `supply-desk scorecards`.
pub const SCORECARD_COLUMNS: &[&str] = &[
    "supplier",
    "week",
    "accounts",
    "eligible",
    "eligible_share",
    "quality",
    "retention",
    "composite",
    "standing",
];

/// Prints one row per account, sorted by supplier, week, platform, username.
pub fn accounts(
    store: &Store,
    supplier: Option<&str>,
    week: Option<Week>,
    format: ListFormat,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    accounts_where(store, supplier, week, format, out, |_| true)
}

/// Like [`accounts`], keeping only the accounts `keep` accepts (the app's filtered export).
pub fn accounts_where(
    store: &Store,
    supplier: Option<&str>,
    week: Option<Week>,
    format: ListFormat,
    out: &mut impl Write,
    keep: impl Fn(&StoredAccount) -> bool,
) -> anyhow::Result<()> {
    let view = store.read()?;
    let mut w = ListingWriter::new(out, format, ACCOUNT_COLUMNS)?;
    // Accounts are stored in file order; each supplier week is sorted by platform and
    // username before it is written, holding only the listing's own cells.
    let mut week_rows: Vec<(String, String, [Value; 7])> = Vec::new();
    let mut current: Option<(String, Week)> = None;
    let mut io_error = None;
    let mut flush = |rows: &mut Vec<(String, String, [Value; 7])>| -> std::io::Result<()> {
        rows.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        for (_, _, row) in rows.drain(..) {
            w.row(&row)?;
        }
        Ok(())
    };
    view.for_each_account(supplier, week, |s, wk, _, account| {
        if current.as_ref().is_none_or(|(cs, cw)| cs != s || *cw != wk) {
            if let Err(e) = flush(&mut week_rows) {
                io_error = Some(e);
                return false;
            }
            current = Some((s.to_string(), wk));
        }
        if !keep(account) {
            return true;
        }
        let platform = account.record.platform.value().cloned().unwrap_or_default();
        let row = [
            Value::text(s),
            Value::text(wk.to_string()),
            Value::text(platform.clone()),
            Value::text(account.record.username.clone()),
            Value::Bool(account.verdict.eligible()),
            Value::Num(account.verdict.score, 1),
            Value::text(account.verdict.reason_codes()),
        ];
        week_rows.push((platform, normalise_handle(&account.record.username), row));
        true
    })?;
    if io_error.is_none() {
        io_error = flush(&mut week_rows).err();
    }
    if let Some(e) = io_error {
        return Err(e.into());
    }
    w.finish()?;
    Ok(())
}

/// Prints one row per supplier and week.
pub fn scorecards(store: &Store, format: ListFormat, out: &mut impl Write) -> anyhow::Result<()> {
    let view = store.read()?;
    let mut w = ListingWriter::new(out, format, SCORECARD_COLUMNS)?;
    for card in view.scorecards()? {
        w.row(&[
            Value::text(card.supplier.clone()),
            Value::text(card.week.to_string()),
            Value::Int(card.accounts),
            Value::Int(card.eligible),
            Value::Num(card.eligible_share(), 4),
            Value::Num(card.quality, 1),
            card.retention.map_or(Value::Null, |r| Value::Num(r, 4)),
            Value::Num(card.composite, 1),
            Value::text(card.standing.as_str()),
        ])?;
    }
    w.finish()?;
    Ok(())
}

/// Columns of `supply-desk orders`.
pub const ORDER_COLUMNS: &[&str] = &[
    "order_id",
    "refill_of",
    "placed_at",
    "platform",
    "tier",
    "quantity",
    "status",
    "supplier",
    "reason",
];

/// Prints one row per order, refills included, by placed_at then order_id.
pub fn orders(store: &Store, format: ListFormat, out: &mut impl Write) -> anyhow::Result<()> {
    let view = store.read()?;
    let mut orders = view.orders()?;
    orders.sort_by(|a, b| {
        (a.order.placed_at, &a.order.order_id).cmp(&(b.order.placed_at, &b.order.order_id))
    });
    let mut w = ListingWriter::new(out, format, ORDER_COLUMNS)?;
    for o in orders {
        let reason = match &o.status {
            OrderStatus::Held { reason } => reason.clone(),
            OrderStatus::Routed { .. } => String::new(),
        };
        w.row(&[
            Value::text(o.order.order_id.clone()),
            Value::text(o.order.refill_of.clone().unwrap_or_default()),
            Value::text(o.order.placed_at.to_string()),
            Value::text(o.order.platform.clone()),
            Value::text(o.order.tier.as_str()),
            Value::Int(o.order.quantity),
            Value::text(o.status_label()),
            Value::text(o.supplier().unwrap_or_default()),
            Value::text(reason),
        ])?;
    }
    w.finish()?;
    Ok(())
}

/// Prints one order's story: routing explanation, delivery, checks, refills.
pub fn explain_order(store: &Store, id: &str, out: &mut impl Write) -> anyhow::Result<()> {
    let view = store.read()?;
    let Some(o) = view.order(id)? else {
        anyhow::bail!("No order has the id {id}.");
    };
    let order = &o.order;
    writeln!(
        out,
        "Order {} ({} {} {} for {}, {} units, placed {}){}",
        order.order_id,
        order.tier,
        order.platform,
        order.service,
        order.customer,
        order.quantity,
        order.placed_at,
        order
            .refill_of
            .as_ref()
            .map(|r| format!(", refill of {r}"))
            .unwrap_or_default()
    )?;
    writeln!(out, "Status: {}", o.status_label())?;
    if let Some(note) = &o.released {
        writeln!(out, "{note}")?;
    }
    if let Some(d) = &o.decision {
        writeln!(out, "Routing window {}: {}", d.window, d.summary)?;
        for line in &d.lines {
            writeln!(out, "  {}", describe_line(line))?;
        }
    }
    if let (Some(at), Some(n)) = (o.delivered_at, o.delivered) {
        writeln!(out, "Delivered {n} units on {at}.")?;
    }
    for (date, check) in view.checks_of(id)? {
        let days = o.delivered_at.map(|d| (date - d).num_days());
        writeln!(
            out,
            "Check {date}{}: {} of {} retained ({}); {}",
            days.map(|d| format!(" (day {d})")).unwrap_or_default(),
            check.retained,
            order.quantity,
            percent(check.retained as f64 / order.quantity.max(1) as f64),
            check.outcome.reason()
        )?;
    }
    for r in &o.refills {
        let status = view
            .order(r)?
            .map(|r| format!("{} {}", r.status_label(), r.supplier().unwrap_or_default()))
            .unwrap_or_default();
        writeln!(out, "Refill {r}: {}", status.trim_end())?;
    }
    Ok(())
}

fn describe_line(line: &CandidateLine) -> String {
    let verdict = match &line.verdict {
        RouteVerdict::Winner => "winner".to_string(),
        RouteVerdict::Filtered { reason, .. } | RouteVerdict::Outranked { reason } => {
            format!("passed over: {reason}")
        }
    };
    format!(
        "{}: quality {:.1}, retention {}, composite {:.1}, {} this week before ({}); {}",
        line.supplier,
        line.quality,
        line.retention.map_or_else(|| "unknown".into(), percent),
        line.composite,
        line.window_orders,
        percent(line.share_before),
        verdict
    )
}

/// Columns of `supply-desk audit`.
pub const AUDIT_COLUMNS: &[&str] = &["id", "at", "kind", "text"];

/// Prints the audit log, oldest first.
pub fn audit(store: &Store, format: ListFormat, out: &mut impl Write) -> anyhow::Result<()> {
    let view = store.read()?;
    let mut w = ListingWriter::new(out, format, AUDIT_COLUMNS)?;
    for e in view.audit_log()? {
        w.row(&[
            Value::Int(e.id),
            Value::text(e.at),
            Value::text(e.kind.label()),
            Value::text(e.text),
        ])?;
    }
    w.finish()?;
    Ok(())
}
