//! Orders (SPEC §4, §5, §7): every order and refill with its status, filters, and one
//! order's detail: the routing explanation with every candidate supplier, delivery, retention
//! checks and curve, refills, and releasing a held order by hand.
//!
//! The list comes from the app's snapshot ([`Data::orders`]); the selected order's checks
//! and curve come from one point read of the database (a few keys, cheap enough for the UI
//! thread), cached until the order or the snapshot changes.

use chrono::NaiveDate;
use egui::{Color32, RichText, Sense};
use egui_extras::{Column, TableBuilder};
use egui_plot::HoverPosition;

use super::charts::{
    REFILL_LINE_PERCENT, days_since_delivery_plot, line_with_points, refill_limits,
};
use super::format::{count, score, share, warn_color};
use super::screen_title_ui;
use crate::app::{Command, Data};
use crate::domain::refill::{CheckOutcome, REFILL_WINDOW_DAYS};
use crate::domain::routing::{CandidateLine, RoutingDecision, Verdict};
use crate::domain::scorecard::percent;
use crate::domain::standing::Standing;
use crate::domain::week::Week;
use crate::ops::orders::order_curve;
use crate::store::{OrderStatus, Reader, Store, StoredCheck, StoredOrder};

/// The order's curve.
const CURVE_COLOR: Color32 = Color32::from_rgb(0x3a, 0x86, 0xd8);

/// Which orders the status filter lets through (SPEC §8 `status`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    /// Every order.
    #[default]
    All,
    /// Routed to a supplier, not delivered yet.
    Routed,
    /// Waiting for a supplier.
    Held,
    /// Delivered.
    Delivered,
}

impl StatusFilter {
    /// Every choice, in the order the filter lists them.
    pub const ALL: [StatusFilter; 4] = [
        StatusFilter::All,
        StatusFilter::Routed,
        StatusFilter::Held,
        StatusFilter::Delivered,
    ];

    /// The choice in words.
    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::All => "All statuses",
            StatusFilter::Routed => "Routed",
            StatusFilter::Held => "Held",
            StatusFilter::Delivered => "Delivered",
        }
    }

    /// Whether an order passes.
    pub fn admits(self, order: &StoredOrder) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Routed => order.status_label() == "routed",
            StatusFilter::Held => order.status_label() == "held",
            StatusFilter::Delivered => order.status_label() == "delivered",
        }
    }
}

/// What the snapshot looked like when something was derived from it: the number of orders
/// and the newest audit entry. Every change to the database (an import, a release, an undo)
/// writes an audit entry, so a new value means the derived rows must be rebuilt.
type Version = (usize, Option<u64>);

fn version(data: &Data) -> Version {
    (data.orders.len(), data.audit.first().map(|e| e.id))
}

/// The filters the visible rows were computed for.
#[derive(Clone, Debug, PartialEq)]
struct RowsKey {
    status: StatusFilter,
    supplier: Option<String>,
    search: String,
    version: Version,
}

/// The selected order as read from the database.
struct Loaded {
    order: StoredOrder,
    checks: Vec<(NaiveDate, StoredCheck)>,
    curve: Vec<(i64, f64)>,
    refills: Vec<StoredOrder>,
}

/// The cached detail of one order.
struct Detail {
    id: String,
    version: Version,
    loaded: Result<Option<Loaded>, String>,
}

/// The release form of a held order.
#[derive(Default)]
struct ReleaseForm {
    order: String,
    supplier: Option<String>,
    note: String,
}

/// The orders screen's own state: filters, the visible rows and the selected order's detail.
#[derive(Default)]
pub struct OrdersState {
    /// Status filter.
    pub status: StatusFilter,
    /// Only orders routed to this supplier.
    pub supplier: Option<String>,
    /// Order id contains this text (case-insensitive).
    pub search: String,
    rows: Option<(RowsKey, Vec<usize>, usize)>,
    detail: Option<Detail>,
    release: ReleaseForm,
    last_viewed: Option<String>,
}

impl OrdersState {
    /// Indices into `data.orders` of the rows the filters let through, and the number of
    /// held orders, rebuilt only when the filters or the snapshot change.
    fn rows(&mut self, data: &Data) -> (&[usize], usize) {
        let key = RowsKey {
            status: self.status,
            supplier: self.supplier.clone(),
            search: self.search.trim().to_lowercase(),
            version: version(data),
        };
        if self.rows.as_ref().is_none_or(|(k, _, _)| *k != key) {
            let rows = data
                .orders
                .iter()
                .enumerate()
                .filter(|(_, o)| key.status.admits(o))
                .filter(|(_, o)| {
                    key.supplier
                        .as_deref()
                        .is_none_or(|s| o.supplier() == Some(s))
                })
                .filter(|(_, o)| {
                    key.search.is_empty() || o.order.order_id.to_lowercase().contains(&key.search)
                })
                .map(|(i, _)| i)
                .collect();
            let held = data.held().count();
            self.rows = Some((key, rows, held));
        }
        self.rows
            .as_ref()
            .map_or((&[], 0), |(_, rows, held)| (rows.as_slice(), *held))
    }

    /// Whether any filter is set.
    fn filtered(&self) -> bool {
        self.status != StatusFilter::All || self.supplier.is_some() || !self.search.is_empty()
    }

    /// Reads the selected order's detail from the database when the order or the snapshot
    /// changed since the last read.
    fn refresh_detail(&mut self, data: &Data, id: &str, store: Option<&Store>) {
        let now = version(data);
        let fresh = self
            .detail
            .as_ref()
            .is_some_and(|d| d.id == id && d.version == now);
        if !fresh {
            let loaded = match store {
                Some(store) => load(store, id),
                None => Err("The database is not open.".to_string()),
            };
            self.detail = Some(Detail {
                id: id.to_string(),
                version: now,
                loaded,
            });
        }
    }
}

/// One point read: the order, its checks and curve, and its refills.
fn load(store: &Store, id: &str) -> Result<Option<Loaded>, String> {
    let failed = |e: crate::store::StoreError| format!("Could not read order {id}: {e}");
    let view = store.read().map_err(failed)?;
    let Some(order) = view.order(id).map_err(failed)? else {
        return Ok(None);
    };
    let checks = view.checks_of(id).map_err(failed)?;
    let curve = order_curve(&view, id).map_err(failed)?;
    let mut refills = Vec::with_capacity(order.refills.len());
    for refill in &order.refills {
        if let Some(r) = view.order(refill).map_err(failed)? {
            refills.push(r);
        }
    }
    Ok(Some(Loaded {
        order,
        checks,
        curve,
        refills,
    }))
}

/// Draws the Orders screen: the table, or the selected order's detail.
pub fn orders_ui(
    ui: &mut egui::Ui,
    data: &Data,
    selected: &mut Option<String>,
    state: &mut OrdersState,
    store: Option<&Store>,
    commands: &mut Vec<Command>,
) {
    if let Some(id) = selected.clone() {
        if ui.button("« All orders").clicked() {
            *selected = None;
            return;
        }
        state.last_viewed = Some(id.clone());
        if let Some(next) = detail_ui(ui, data, &id, state, store, commands) {
            *selected = Some(next);
        }
        return;
    }
    screen_title_ui(
        ui,
        "Orders",
        "Every order and refill: the supplier it went to, or why it is held. Click a row for the routing explanation, retention and refills.",
    );
    if data.orders.is_empty() {
        ui.add_space(20.0);
        ui.label("No orders yet: import an orders file (Ctrl+O) to route orders to suppliers.");
        return;
    }
    filters_ui(ui, data, state, commands);
    ui.add_space(4.0);
    if let Some(id) = table_ui(ui, data, state) {
        *selected = Some(id);
    }
}

fn filters_ui(
    ui: &mut egui::Ui,
    data: &Data,
    state: &mut OrdersState,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let l = ui.label("Status");
        egui::ComboBox::from_id_salt("orders_status")
            .selected_text(state.status.label())
            .show_ui(ui, |ui| {
                for s in StatusFilter::ALL {
                    ui.selectable_value(&mut state.status, s, s.label());
                }
            })
            .response
            .labelled_by(l.id);
        ui.add_space(8.0);
        let l = ui.label("Supplier");
        egui::ComboBox::from_id_salt("orders_supplier")
            .selected_text(state.supplier.as_deref().unwrap_or("All suppliers"))
            .width(180.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.supplier, None, "All suppliers");
                for s in &data.suppliers {
                    ui.selectable_value(&mut state.supplier, Some(s.name.clone()), &s.name);
                }
            })
            .response
            .labelled_by(l.id);
        ui.add_space(8.0);
        let l = ui.label("Search order id");
        ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .hint_text("e.g. ORD-0193")
                .desired_width(160.0),
        )
        .labelled_by(l.id);
        if state.filtered() && ui.button("Clear filters").clicked() {
            state.status = StatusFilter::All;
            state.supplier = None;
            state.search.clear();
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Export orders to CSV…")
                .on_hover_text(
                    "Every order and refill, as the orders listing; safe to open in a spreadsheet",
                )
                .clicked()
            {
                commands.push(Command::Export(crate::ui::export::orders_export()));
            }
        });
    });
}

/// The orders table; returns the order clicked.
fn table_ui(ui: &mut egui::Ui, data: &Data, state: &mut OrdersState) -> Option<String> {
    let last_viewed = state.last_viewed.clone();
    let filtered = state.filtered();
    let (rows, held) = state.rows(data);
    let summary = if filtered {
        format!(
            "Showing {} of {} orders and refills ({} held in all).",
            count(rows.len() as u64),
            count(data.orders.len() as u64),
            count(held as u64)
        )
    } else {
        format!(
            "{} orders and refills, {} held.",
            count(data.orders.len() as u64),
            count(held as u64)
        )
    };
    ui.label(RichText::new(summary).weak());
    ui.add_space(4.0);
    if rows.is_empty() {
        ui.label("No order matches these filters.");
        return None;
    }
    let warn = warn_color(ui.visuals().dark_mode);
    let h = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let mut clicked = None;
    TableBuilder::new(ui)
        .id_salt("orders_table")
        .striped(true)
        .sense(Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(130.0).at_least(80.0).clip(true))
        .column(Column::initial(110.0).clip(true))
        .column(Column::initial(95.0).clip(true))
        .column(Column::initial(85.0).clip(true))
        .column(Column::initial(75.0).clip(true))
        .column(Column::initial(75.0).clip(true))
        .column(Column::initial(80.0).clip(true))
        .column(Column::remainder().clip(true))
        .header(h, |mut header| {
            for title in [
                "Order",
                "Refill of",
                "Placed",
                "Platform",
                "Tier",
                "Quantity",
                "Status",
                "Supplier, or why held",
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(h, rows.len(), |mut row| {
                let Some(o) = rows.get(row.index()).and_then(|&i| data.orders.get(i)) else {
                    return;
                };
                row.set_selected(last_viewed.as_deref() == Some(o.order.order_id.as_str()));
                let cell = |ui: &mut egui::Ui, text: RichText| {
                    ui.add(egui::Label::new(text).selectable(false).truncate());
                };
                row.col(|ui| cell(ui, RichText::new(&o.order.order_id)));
                row.col(|ui| {
                    cell(
                        ui,
                        RichText::new(o.order.refill_of.as_deref().unwrap_or("")),
                    );
                });
                row.col(|ui| cell(ui, RichText::new(o.order.placed_at.to_string())));
                row.col(|ui| cell(ui, RichText::new(&o.order.platform)));
                row.col(|ui| cell(ui, RichText::new(o.order.tier.as_str())));
                row.col(|ui| cell(ui, RichText::new(count(o.order.quantity))));
                let status = o.status_label();
                row.col(|ui| {
                    let text = RichText::new(status);
                    cell(
                        ui,
                        if status == "held" {
                            text.color(warn)
                        } else {
                            text
                        },
                    );
                });
                row.col(|ui| match &o.status {
                    OrderStatus::Routed { supplier } => cell(ui, RichText::new(supplier)),
                    OrderStatus::Held { reason } => cell(ui, RichText::new(reason).color(warn)),
                });
                if row.response().clicked() {
                    clicked = Some(o.order.order_id.clone());
                }
            });
        });
    clicked
}

/// Draws one order's detail; returns another order to show when a link was clicked.
fn detail_ui(
    ui: &mut egui::Ui,
    data: &Data,
    id: &str,
    state: &mut OrdersState,
    store: Option<&Store>,
    commands: &mut Vec<Command>,
) -> Option<String> {
    state.refresh_detail(data, id, store);
    let OrdersState {
        detail, release, ..
    } = state;
    let loaded = match detail.as_ref().map(|d| &d.loaded) {
        Some(Ok(Some(loaded))) => loaded,
        Some(Ok(None)) | None => {
            ui.add_space(12.0);
            ui.label(format!(
                "Order {id} is not in the database (an undone import may have removed it)."
            ));
            return None;
        }
        Some(Err(e)) => {
            ui.add_space(12.0);
            ui.colored_label(warn_color(ui.visuals().dark_mode), e);
            return None;
        }
    };
    if release.order != id {
        *release = ReleaseForm {
            order: id.to_string(),
            ..ReleaseForm::default()
        };
    }
    let mut next = None;
    let o = &loaded.order;
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        let kind = if o.order.refill_of.is_some() {
            "Refill"
        } else {
            "Order"
        };
        ui.heading(format!("{kind} {}", o.order.order_id));
        ui.label(status_text(o, dark));
    });
    ui.add_space(6.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false; 2])
        .show(ui, |ui| {
            facts_ui(ui, loaded, &mut next);
            ui.add_space(12.0);
            section_title(ui, "Routing explanation");
            routing_ui(ui, o.decision.as_ref(), dark);
            if matches!(o.status, OrderStatus::Held { .. }) {
                ui.add_space(12.0);
                release_ui(ui, data, o, release, commands);
            }
            ui.add_space(12.0);
            section_title(ui, "Retention checks");
            checks_ui(ui, loaded, &mut next);
            ui.add_space(12.0);
            section_title(ui, "Retention curve");
            curve_ui(ui, loaded);
        });
    next
}

fn section_title(ui: &mut egui::Ui, title: &str) {
    ui.label(RichText::new(title).strong().size(16.0));
    ui.add_space(2.0);
}

fn status_text(o: &StoredOrder, dark: bool) -> RichText {
    let label = o.status_label();
    let text = RichText::new(label).strong();
    match label {
        "held" => text.color(warn_color(dark)),
        "delivered" => text.color(super::format::standing_color(Standing::Good, dark)),
        _ => text,
    }
}

/// The order's facts, its links to the original and to its refills.
fn facts_ui(ui: &mut egui::Ui, loaded: &Loaded, next: &mut Option<String>) {
    let o = &loaded.order;
    let r = &o.order;
    egui::Grid::new("order_facts")
        .num_columns(2)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            let fact = |ui: &mut egui::Ui, name: &str, value: String| {
                ui.label(RichText::new(name).weak());
                ui.label(value);
                ui.end_row();
            };
            fact(
                ui,
                "Placed",
                format!("{} (routing week {})", r.placed_at, Week::of(r.placed_at)),
            );
            fact(ui, "Customer", r.customer.clone());
            fact(ui, "Platform", r.platform.clone());
            fact(ui, "Service", r.service.clone());
            fact(ui, "Tier", r.tier.as_str().to_string());
            fact(ui, "Quantity", count(r.quantity));
            match &o.status {
                OrderStatus::Routed { supplier } => fact(ui, "Supplier", supplier.clone()),
                OrderStatus::Held { reason } => fact(ui, "Held because", reason.clone()),
            }
            let delivery = match (o.delivered_at, o.delivered) {
                (Some(at), Some(n)) => format!("{} delivered on {at}", count(n)),
                (Some(at), None) => format!("delivered on {at}"),
                _ => "not delivered yet".to_string(),
            };
            fact(ui, "Delivery", delivery);
            if let Some(note) = &o.released {
                fact(ui, "Released by hand", note.clone());
            }
            if let Some(original) = &r.refill_of {
                ui.label(RichText::new("Refill of").weak());
                if ui
                    .link(original)
                    .on_hover_text("Show the original order")
                    .clicked()
                {
                    *next = Some(original.clone());
                }
                ui.end_row();
            }
            if !o.refills.is_empty() {
                ui.label(RichText::new("Refills").weak());
                ui.horizontal_wrapped(|ui| {
                    for id in &o.refills {
                        let about = loaded
                            .refills
                            .iter()
                            .find(|f| &f.order.order_id == id)
                            .map(|f| {
                                let to = f.supplier().map_or_else(
                                    || "held".to_string(),
                                    |s| format!("{} to {s}", f.status_label()),
                                );
                                format!(
                                    "{} units, placed {}, {to}",
                                    count(f.order.quantity),
                                    f.order.placed_at
                                )
                            })
                            .unwrap_or_default();
                        if ui.link(id).on_hover_text(about).clicked() {
                            *next = Some(id.clone());
                        }
                    }
                });
                ui.end_row();
            }
        });
}

/// The routing decision in words and every candidate line (SPEC §4 rule 5).
fn routing_ui(ui: &mut egui::Ui, decision: Option<&RoutingDecision>, dark: bool) {
    let Some(decision) = decision else {
        ui.label("Not routed yet: it is tried at the end of the next import.");
        return;
    };
    ui.label(format!(
        "{} (routing week {}).",
        capitalised(&decision.summary),
        decision.window
    ));
    if decision.lines.is_empty() {
        ui.label(RichText::new("No supplier had a scorecard when it was routed.").weak());
        return;
    }
    ui.add_space(4.0);
    let h = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let good = super::format::standing_color(Standing::Good, dark);
    TableBuilder::new(ui)
        .id_salt("order_candidates")
        .striped(true)
        .vscroll(false)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(140.0).clip(true))
        .column(Column::initial(75.0).clip(true))
        .columns(Column::initial(70.0).clip(true), 4)
        .column(Column::initial(105.0).clip(true))
        .columns(Column::initial(90.0).clip(true), 2)
        .column(Column::remainder().at_least(160.0).clip(true))
        .header(h * 1.2, |mut header| {
            for (title, hover) in [
                (
                    "Supplier",
                    "Every supplier with a scorecard when the order was routed",
                ),
                ("Standing", "Demoted suppliers receive no new orders"),
                ("Quality", "Latest scorecard quality, 0–100"),
                ("Retention", "Latest scorecard retention score"),
                ("Composite", "Latest scorecard composite score"),
                (
                    "To target",
                    "Distance of the composite from the tier's target: the closest wins",
                ),
                (
                    "Orders in week",
                    "Orders routed to it in the order's routing week before this one",
                ),
                (
                    "Share before",
                    "Its share of the week's orders before this one",
                ),
                (
                    "Share with it",
                    "Its share with this order: at most 40 % (plus the order itself)",
                ),
                ("Verdict", "Winner, or why it was passed over"),
            ] {
                header.col(|ui| {
                    ui.add(egui::Label::new(RichText::new(title).strong()).truncate())
                        .on_hover_text(hover);
                });
            }
        })
        .body(|mut body| {
            let heights = wrapped_heights(
                &mut body,
                decision.lines.iter().map(|l| verdict_words(&l.verdict)),
                h,
            );
            body.heterogeneous_rows(heights.into_iter(), |mut row| {
                let Some(line) = decision.lines.get(row.index()) else {
                    return;
                };
                candidate_row(&mut row, line, good);
            });
        });
}

fn candidate_row(row: &mut egui_extras::TableRow<'_, '_>, line: &CandidateLine, good: Color32) {
    let cell = |ui: &mut egui::Ui, text: String| {
        ui.add(egui::Label::new(text).truncate());
    };
    row.col(|ui| cell(ui, line.supplier.clone()));
    row.col(|ui| {
        cell(
            ui,
            if line.good_standing {
                "good"
            } else {
                "demoted"
            }
            .to_string(),
        );
    });
    row.col(|ui| cell(ui, score(line.quality)));
    row.col(|ui| cell(ui, share(line.retention)));
    row.col(|ui| cell(ui, score(line.composite)));
    row.col(|ui| cell(ui, score(line.distance)));
    row.col(|ui| cell(ui, count(line.window_orders)));
    row.col(|ui| cell(ui, percent(line.share_before)));
    row.col(|ui| cell(ui, percent(line.share_with_order)));
    row.col(|ui| match &line.verdict {
        Verdict::Winner => {
            ui.label(RichText::new("winner").strong().color(good));
        }
        Verdict::Filtered { reason, .. } | Verdict::Outranked { reason } => {
            ui.add(egui::Label::new(reason.as_str()).wrap());
        }
    });
}

/// A candidate's verdict in words: "winner", or why it was passed over.
fn verdict_words(verdict: &Verdict) -> &str {
    match verdict {
        Verdict::Winner => "winner",
        Verdict::Filtered { reason, .. } | Verdict::Outranked { reason } => reason,
    }
}

/// Row heights that fit each text wrapped in the table's last column, so long reasons are
/// read in full rather than cut short.
fn wrapped_heights<'t>(
    body: &mut egui_extras::TableBody<'_>,
    texts: impl Iterator<Item = &'t str>,
    min: f32,
) -> Vec<f32> {
    let width = body.widths().last().copied().unwrap_or(200.0);
    let ui = body.ui_mut();
    texts
        .map(|text| {
            let galley = egui::WidgetText::from(text).into_galley(
                ui,
                Some(egui::TextWrapMode::Wrap),
                width,
                egui::TextStyle::Body,
            );
            (galley.size().y + 8.0).max(min)
        })
        .collect()
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Releasing a held order by hand (SPEC §4 rule 3): a supplier, a note, then a confirmation.
fn release_ui(
    ui: &mut egui::Ui,
    data: &Data,
    o: &StoredOrder,
    form: &mut ReleaseForm,
    commands: &mut Vec<Command>,
) {
    section_title(ui, "Release this held order");
    ui.label(
        "No supplier can take this order under the rules. You can give it to a supplier by hand: it then counts in its week's 40 % window like any order, and the audit log records who it went to and why.",
    );
    if data.suppliers.is_empty() {
        ui.label(RichText::new("No supplier has a scorecard yet.").weak());
        return;
    }
    ui.add_space(4.0);
    let standing_of = |name: &str| {
        data.suppliers
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.standing())
    };
    let words = |s: Option<Standing>| match s {
        Some(Standing::Good) => "good standing",
        Some(Standing::Demoted) => "demoted",
        None => "unknown",
    };
    egui::Grid::new("release_form")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label("Release to");
            let chosen = form.supplier.as_deref().map_or_else(
                || "Choose a supplier".to_string(),
                |s| format!("{s} ({})", words(standing_of(s))),
            );
            egui::ComboBox::from_id_salt("release_supplier")
                .selected_text(chosen)
                .width(260.0)
                .show_ui(ui, |ui| {
                    for s in &data.suppliers {
                        ui.selectable_value(
                            &mut form.supplier,
                            Some(s.name.clone()),
                            format!("{} ({})", s.name, words(Some(s.standing()))),
                        );
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label("Why (for the audit log)");
            ui.add(
                egui::TextEdit::singleline(&mut form.note)
                    .hint_text("e.g. customer agreed to a longer delivery")
                    .desired_width(360.0),
            )
            .labelled_by(l.id);
            ui.end_row();
        });
    ui.add_space(4.0);
    let ready = form.supplier.is_some();
    let button = ui
        .add_enabled(ready, egui::Button::new("Release to supplier…"))
        .on_disabled_hover_text("Choose a supplier first");
    if button.clicked()
        && let Some(supplier) = form.supplier.clone()
    {
        let id = &o.order.order_id;
        let demoted = if standing_of(&supplier) == Some(Standing::Demoted) {
            format!(" {supplier} is demoted: under the rules it receives no new orders.")
        } else {
            String::new()
        };
        let note = form.note.trim();
        let why = if note.is_empty() {
            "No note was given.".to_string()
        } else {
            format!("Your note: “{note}”.")
        };
        commands.push(Command::Confirm {
            title: format!("Release {id} to {supplier}?"),
            body: format!(
                "Order {id} ({} {} {} on {}) goes to {supplier} by hand, outside the routing rules.{demoted} It counts in the {} window like any routed order, so it moves that week's 40 % shares, and it is recorded in the audit log. {why}",
                count(o.order.quantity),
                o.order.tier,
                o.order.service,
                o.order.platform,
                Week::of(o.order.placed_at),
            ),
            action: "Release".to_string(),
            then: Box::new(Command::Release {
                order: id.clone(),
                supplier,
                note: note.to_string(),
            }),
        });
    }
}

/// The order's retention checks and what each one caused (SPEC §5).
fn checks_ui(ui: &mut egui::Ui, loaded: &Loaded, next: &mut Option<String>) {
    let o = &loaded.order;
    if let Some(original) = &o.order.refill_of {
        ui.horizontal_wrapped(|ui| {
            ui.label("Checks count the units of an order and its refills together, so they are recorded on the original order,");
            if ui.link(original).clicked() {
                *next = Some(original.clone());
            }
        });
        return;
    }
    if loaded.checks.is_empty() {
        ui.label(if o.delivered_at.is_some() {
            "No retention checks yet: import retention checks for this order."
        } else {
            "No retention checks yet: the order has not been delivered."
        });
        return;
    }
    let h = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    TableBuilder::new(ui)
        .id_salt("order_checks")
        .striped(true)
        .vscroll(false)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(95.0).clip(true))
        .column(Column::initial(130.0).clip(true))
        .column(Column::initial(80.0).clip(true))
        .column(Column::initial(80.0).clip(true))
        .column(Column::remainder().at_least(200.0).clip(true))
        .header(h, |mut header| {
            for title in [
                "Checked",
                "Day since delivery",
                "Retained",
                "Retention",
                "Refill",
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|mut body| {
            let outcomes: Vec<String> = loaded
                .checks
                .iter()
                .map(|(_, check)| outcome_words(&check.outcome))
                .collect();
            let heights = wrapped_heights(&mut body, outcomes.iter().map(String::as_str), h);
            body.heterogeneous_rows(heights.into_iter(), |mut row| {
                let Some((date, check)) = loaded.checks.get(row.index()) else {
                    return;
                };
                row.col(|ui| {
                    ui.label(date.to_string());
                });
                row.col(|ui| {
                    ui.label(
                        o.delivered_at.map_or_else(
                            || "–".to_string(),
                            |d| (*date - d).num_days().to_string(),
                        ),
                    );
                });
                row.col(|ui| {
                    ui.label(count(check.retained));
                });
                row.col(|ui| {
                    let r = (o.order.quantity > 0)
                        .then(|| check.retained as f64 / o.order.quantity as f64);
                    ui.label(r.map_or_else(|| "–".to_string(), percent));
                });
                let outcome = outcomes.get(row.index());
                row.col(|ui| {
                    if let Some(text) = outcome {
                        ui.add(egui::Label::new(text.as_str()).wrap());
                    }
                });
            });
        });
}

/// What a check caused, in words (the reason names the refill it created).
fn outcome_words(outcome: &CheckOutcome) -> String {
    match outcome {
        CheckOutcome::RefillCreated { reason, .. } => format!("Refill created: {reason}"),
        CheckOutcome::NoRefill { reason } => format!("No refill: {reason}"),
    }
}

/// The order's retention against days since delivery, with the 95 % line and the day-30
/// limit of the refill rule (SPEC §5).
fn curve_ui(ui: &mut egui::Ui, loaded: &Loaded) {
    if loaded.curve.is_empty() {
        ui.label(
            RichText::new("No curve yet: it needs a delivery and at least one retention check.")
                .weak(),
        );
        return;
    }
    ui.label(
        RichText::new(format!(
            "Share of the ordered units still there on each check day. A check below the 95 % line up to day {REFILL_WINDOW_DAYS} creates a refill; later checks are shown but never do."
        ))
        .weak(),
    );
    let points: Vec<[f64; 2]> = loaded
        .curve
        .iter()
        .map(|&(day, r)| [day as f64, r * 100.0])
        .collect();
    let lowest = points
        .iter()
        .map(|p| p[1])
        .fold(REFILL_LINE_PERCENT, f64::min);
    days_since_delivery_plot(
        (
            "order_retention_curve",
            loaded.order.order.order_id.as_str(),
        ),
        220.0,
        lowest,
    )
    .y_axis_label("Retained %")
    .label_formatter(|hover| match hover {
        HoverPosition::NearDataPoint {
            plot_name,
            position,
            ..
        } => Some(format!(
            "{plot_name}\nDay {:.0}: {:.1} %",
            position.x, position.y
        )),
        HoverPosition::Elsewhere { .. } => None,
    })
    .show(ui, |plot| {
        line_with_points(plot, "Retention", points, CURVE_COLOR);
        refill_limits(plot);
    });
}
