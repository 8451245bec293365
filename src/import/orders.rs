//! Orders, delivery reports and retention checks (SPEC §6): rows that name an order.
//!
//! Unlike a dump, where a bad cell only excludes an account, these rows are facts about
//! money and customers: a row whose id, date, tier or number cannot be read is listed and
//! left out, never half-used.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use chrono::{Datelike, NaiveDate};

use super::table::{Cell, TableReader, normalise_column};
use super::values::{self, Read};
use super::{ColumnMatch, FileKind, Preview, Problem, Progress, ReadError, dump::unreadable};
use crate::domain::refill::RetentionCheck;
use crate::domain::routing::{OrderRequest, Tier};

/// The columns of each kind, as the spec names them; all are required.
pub fn columns_of(kind: FileKind) -> &'static [&'static str] {
    match kind {
        FileKind::Orders => &[
            "order_id",
            "placed_at",
            "customer",
            "platform",
            "service",
            "tier",
            "quantity",
        ],
        FileKind::Deliveries => &["order_id", "delivered_at", "delivered"],
        FileKind::RetentionChecks => &["order_id", "checked_at", "retained"],
        FileKind::SupplierDump => &[],
    }
}

/// Where each of a kind's columns sits in the header.
#[derive(Clone, Debug)]
pub struct OrderColumns {
    names: &'static [&'static str],
    index: Vec<Option<usize>>,
    headers: Vec<String>,
}

impl OrderColumns {
    /// Matches the header to the kind's columns (normalised names, first match wins).
    pub fn new(kind: FileKind, headers: &[String]) -> OrderColumns {
        let names = columns_of(kind);
        let normalised: Vec<String> = headers.iter().map(|h| normalise_column(h)).collect();
        let index = names
            .iter()
            .map(|n| {
                let want = normalise_column(n);
                normalised.iter().position(|h| *h == want)
            })
            .collect();
        OrderColumns {
            names,
            index,
            headers: headers.to_vec(),
        }
    }

    fn cell<'c>(&self, cells: &'c [Cell], name: &str) -> &'c Cell {
        self.names
            .iter()
            .position(|n| *n == name)
            .and_then(|i| self.index[i])
            .and_then(|i| cells.get(i))
            .unwrap_or(&Cell::Empty)
    }

    fn header<'a>(&'a self, name: &'a str) -> &'a str {
        self.names
            .iter()
            .position(|n| *n == name)
            .and_then(|i| self.index[i])
            .and_then(|i| self.headers.get(i))
            .map_or(name, String::as_str)
    }

    /// Required columns the file lacks.
    pub fn missing(&self) -> Vec<&'static str> {
        self.names
            .iter()
            .zip(&self.index)
            .filter(|(_, i)| i.is_none())
            .map(|(n, _)| *n)
            .collect()
    }

    /// How each header column was understood.
    pub fn matches(&self) -> Vec<ColumnMatch> {
        self.headers
            .iter()
            .enumerate()
            .map(|(i, h)| ColumnMatch {
                header: h.clone(),
                matched: self
                    .index
                    .iter()
                    .position(|x| *x == Some(i))
                    .map(|k| self.names[k]),
            })
            .collect()
    }

    fn problem(&self, row: u64, name: &str, cell: &Cell, what: &str) -> Problem {
        Problem {
            row,
            column: self.header(name).to_string(),
            value: values::raw(cell),
            message: format!("{what}: the row is left out"),
            left_out: true,
        }
    }

    fn id(&self, row: u64, cells: &[Cell]) -> Result<String, Problem> {
        let cell = self.cell(cells, "order_id");
        let id = values::text(cell);
        if id.is_empty() {
            Err(self.problem(row, "order_id", cell, "no order id"))
        } else {
            Ok(id)
        }
    }

    fn date(&self, row: u64, cells: &[Cell], name: &str) -> Result<NaiveDate, Problem> {
        let cell = self.cell(cells, name);
        match values::date(cell) {
            Read::Value(d) => Ok(d),
            Read::Empty => Err(self.problem(row, name, cell, "no date")),
            Read::Bad(_) => Err(self.problem(
                row,
                name,
                cell,
                "not a date Supply Desk reads (write YYYY-MM-DD)",
            )),
        }
    }

    fn count(&self, row: u64, cells: &[Cell], name: &str) -> Result<u64, Problem> {
        let cell = self.cell(cells, name);
        match values::count(cell) {
            Read::Value(n) => Ok(n),
            Read::Empty => Err(self.problem(row, name, cell, "empty")),
            Read::Bad(_) => Err(self.problem(row, name, cell, "not a whole number")),
        }
    }
}

/// Reads an order row.
pub fn read_order(cols: &OrderColumns, row: u64, cells: &[Cell]) -> Result<OrderRequest, Problem> {
    let order_id = cols.id(row, cells)?;
    let placed_at = cols.date(row, cells, "placed_at")?;
    let tier_cell = cols.cell(cells, "tier");
    let tier: Tier = values::text(tier_cell).parse().map_err(|_| {
        cols.problem(
            row,
            "tier",
            tier_cell,
            "not a tier (standard, premium or elite)",
        )
    })?;
    let quantity = cols.count(row, cells, "quantity")?;
    if quantity == 0 {
        return Err(cols.problem(
            row,
            "quantity",
            cols.cell(cells, "quantity"),
            "a quantity of 0",
        ));
    }
    let platform_cell = cols.cell(cells, "platform");
    let platform = values::text(platform_cell).to_lowercase();
    if platform.is_empty() {
        return Err(cols.problem(row, "platform", platform_cell, "no platform to route to"));
    }
    Ok(OrderRequest {
        order_id,
        placed_at,
        customer: values::text(cols.cell(cells, "customer")),
        platform,
        service: values::text(cols.cell(cells, "service")),
        tier,
        quantity,
        refill_of: None,
    })
}

/// A delivery report row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// The order delivered.
    pub order_id: String,
    /// When.
    pub delivered_at: NaiveDate,
    /// Units delivered.
    pub delivered: u64,
}

/// Reads a delivery report row.
pub fn read_delivery(cols: &OrderColumns, row: u64, cells: &[Cell]) -> Result<Delivery, Problem> {
    Ok(Delivery {
        order_id: cols.id(row, cells)?,
        delivered_at: cols.date(row, cells, "delivered_at")?,
        delivered: cols.count(row, cells, "delivered")?,
    })
}

/// Reads a retention check row.
pub fn read_check(
    cols: &OrderColumns,
    row: u64,
    cells: &[Cell],
) -> Result<RetentionCheck, Problem> {
    Ok(RetentionCheck {
        order_id: cols.id(row, cells)?,
        checked_at: cols.date(row, cells, "checked_at")?,
        retained: cols.count(row, cells, "retained")?,
    })
}

/// One row of any order-like kind, read.
#[derive(Clone, Debug)]
pub enum OrderRow {
    /// An order.
    Order(OrderRequest),
    /// A delivery.
    Delivery(Delivery),
    /// A retention check.
    Check(RetentionCheck),
}

/// Reads every row of an order-like file, handing each to `visit`: read, or the problem
/// that leaves it out. Used by both the preview and the commit.
pub fn for_each_row<E: From<ReadError>>(
    reader: &mut TableReader,
    kind: FileKind,
    progress: &dyn Progress,
    mut visit: impl FnMut(Result<(u64, OrderRow), Problem>) -> Result<(), E>,
) -> Result<u64, E> {
    let cols = OrderColumns::new(kind, reader.headers());
    let mut cells = Vec::new();
    let mut rows = 0u64;
    loop {
        let row = match reader.next_row(&mut cells) {
            Ok(Some(row)) => row,
            Ok(None) => break,
            Err(e) => {
                rows += 1;
                visit(Err(unreadable(e)))?;
                continue;
            }
        };
        rows += 1;
        super::tick(progress, rows, reader)?;
        let read = match kind {
            FileKind::Orders => read_order(&cols, row, &cells).map(OrderRow::Order),
            FileKind::Deliveries => read_delivery(&cols, row, &cells).map(OrderRow::Delivery),
            FileKind::RetentionChecks => read_check(&cols, row, &cells).map(OrderRow::Check),
            FileKind::SupplierDump => continue,
        };
        visit(read.map(|r| (row, r)))?;
    }
    progress.update(reader.total_bytes(), reader.total_bytes());
    Ok(rows)
}

/// Previews an order-like file: columns, rows, and every row that will be left out.
/// Checks against the database (unknown or repeated ids) are made at commit.
pub fn scan(
    reader: &mut TableReader,
    kind: FileKind,
    progress: &dyn Progress,
    preview: &mut Preview,
) -> Result<(), ReadError> {
    let cols = OrderColumns::new(kind, reader.headers());
    preview.columns = cols.matches();
    preview.missing = cols.missing();
    if !preview.missing.is_empty() {
        preview.rejection = Some(format!(
            "{} cannot be imported: a {} file needs the column(s) {}.",
            preview.file_name(),
            kind.label(),
            preview.missing.join(", ")
        ));
        return Ok(());
    }
    // Each key's first row, by a 96-bit hash of the key: 16 bytes a row for a million checks.
    let mut seen: HashMap<[u32; 3], u64, BuildHasherDefault<super::SpreadHasher>> =
        HashMap::default();
    let mut left_out = 0u64;
    let mut problems = std::mem::take(&mut preview.problems);
    let rows = for_each_row(reader, kind, progress, |read| {
        let (row, read) = match read {
            Ok(ok) => ok,
            Err(p) => {
                left_out += 1;
                problems.push(p);
                return Ok::<(), ReadError>(());
            }
        };
        let (id, key) = match &read {
            OrderRow::Order(o) => (&o.order_id, super::hash96(&[o.order_id.as_bytes()])),
            OrderRow::Delivery(d) => (&d.order_id, super::hash96(&[d.order_id.as_bytes()])),
            OrderRow::Check(c) => {
                let day = c.checked_at.num_days_from_ce().to_le_bytes();
                (&c.order_id, super::hash96(&[c.order_id.as_bytes(), &day]))
            }
        };
        if let Some(first) = seen.get(&key) {
            left_out += 1;
            problems.push(Problem {
                row,
                column: "order_id".into(),
                value: id.clone(),
                message: format!("repeats row {first}: the row is left out (the first is kept)"),
                left_out: true,
            });
        } else {
            seen.insert(key, row);
        }
        Ok(())
    })?;
    preview.problems = problems;
    preview.rows = rows;
    preview.left_out = left_out;
    if rows == left_out {
        preview.rejection = Some(format!(
            "{} cannot be imported: no row can be read.",
            preview.file_name()
        ));
    }
    Ok(())
}
