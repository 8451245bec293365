//! Suppliers: the sortable table and one supplier's detail: score history with floors and
//! standing changes, failures per reason per week, its imports and its accounts by reason
//! (SPEC §7).

use egui::{Color32, RichText};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart, Corner, HLine, HoverPosition, Legend, VLine};

use super::charts::{Chart, chart_section_ui, line_with_points, week_plot, week_x, x_week_label};
use super::format::{count, reason_words, score, share, standing_text};
use super::screen_title_ui;
use crate::app::data::SupplierSummary;
use crate::app::state::{AccountFilter, UiState};
use crate::app::{Command, Data};
use crate::domain::scorecard::Scorecard;
use crate::domain::standing::Standing;

/// How the suppliers table is sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortKey {
    /// By name.
    #[default]
    Name,
    /// Standing (demoted first).
    Standing,
    /// Week of the latest scorecard.
    Week,
    /// Quality score.
    Quality,
    /// Retention score.
    Retention,
    /// Composite score.
    Composite,
    /// Eligible share.
    Eligible,
    /// Capacity.
    Capacity,
    /// This week's routing share.
    Share,
}

/// The suppliers screen's own state.
#[derive(Default)]
pub struct SuppliersState {
    /// Sort column.
    pub sort: SortKey,
    /// Descending order.
    pub descending: bool,
}

/// Draws the Suppliers screen: the table, or the selected supplier's detail.
pub fn suppliers_ui(
    ui: &mut egui::Ui,
    data: &Data,
    state: &mut UiState,
    screen: &mut SuppliersState,
    commands: &mut Vec<Command>,
) {
    let dark = state.dark;
    if let Some(name) = state.supplier.clone() {
        if let Some(summary) = data.suppliers.iter().find(|s| s.name == name) {
            if ui.button("« All suppliers").clicked() {
                state.supplier = None;
                return;
            }
            detail_ui(ui, data, summary, dark, commands);
            return;
        }
        state.supplier = None;
    }
    screen_title_ui(
        ui,
        "Suppliers",
        "Latest scorecard of every supplier. Click a column to sort, a name to open its history.",
    );
    table_ui(ui, data, screen, dark, commands);
}

fn sorted<'a>(data: &'a Data, screen: &SuppliersState) -> Vec<&'a SupplierSummary> {
    let mut rows: Vec<&SupplierSummary> = data.suppliers.iter().collect();
    let key = |s: &SupplierSummary| -> f64 {
        match screen.sort {
            SortKey::Name => 0.0,
            SortKey::Standing => f64::from(u8::from(s.standing() == Standing::Good)),
            SortKey::Week => f64::from(s.latest.week.key()),
            SortKey::Quality => s.latest.quality,
            SortKey::Retention => s.latest.retention.unwrap_or(-1.0),
            SortKey::Composite => s.latest.composite,
            SortKey::Eligible => s.latest.eligible_share(),
            SortKey::Capacity => s.capacity() as f64,
            SortKey::Share => s.routing_share.unwrap_or(-1.0),
        }
    };
    rows.sort_by(|a, b| key(a).total_cmp(&key(b)).then_with(|| a.name.cmp(&b.name)));
    if screen.descending {
        rows.reverse();
    }
    rows
}

/// The suppliers table, sortable by any column; shared by the Overview and the Suppliers
/// screen.
pub fn table_ui(
    ui: &mut egui::Ui,
    data: &Data,
    screen: &mut SuppliersState,
    dark: bool,
    commands: &mut Vec<Command>,
) {
    let rows = sorted(data, screen);
    let h = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let columns = [
        ("Supplier", SortKey::Name),
        ("Standing", SortKey::Standing),
        ("Week", SortKey::Week),
        ("Quality", SortKey::Quality),
        ("Retention", SortKey::Retention),
        ("Composite", SortKey::Composite),
        ("Eligible share", SortKey::Eligible),
        ("Capacity", SortKey::Capacity),
        ("Routing share", SortKey::Share),
    ];
    TableBuilder::new(ui)
        .id_salt("suppliers_table")
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(150.0).at_least(110.0).clip(true))
        .column(Column::initial(110.0))
        .column(Column::initial(75.0))
        .columns(Column::initial(70.0), 3)
        .column(Column::initial(90.0))
        .column(Column::initial(70.0))
        .column(Column::remainder().at_least(120.0))
        .header(h, |mut header| {
            for (title, key) in columns {
                header.col(|ui| {
                    let arrow = match (screen.sort == key, screen.descending, key) {
                        (true, false, SortKey::Name) => " (A–Z)",
                        (true, true, SortKey::Name) => " (Z–A)",
                        (true, false, _) => " (low first)",
                        (true, true, _) => " (high first)",
                        _ => "",
                    };
                    if ui
                        .add(
                            egui::Button::new(RichText::new(format!("{title}{arrow}")).strong())
                                .frame(false),
                        )
                        .on_hover_text(format!("Sort by {}", title.to_lowercase()))
                        .clicked()
                    {
                        if screen.sort == key {
                            screen.descending = !screen.descending;
                        } else {
                            screen.sort = key;
                            screen.descending = key != SortKey::Name;
                        }
                    }
                });
            }
        })
        .body(|body| {
            body.rows(h, rows.len(), |mut row| {
                let s = rows[row.index()];
                row.col(|ui| {
                    if ui.link(&s.name).clicked() {
                        commands.push(Command::ShowSupplier(s.name.clone()));
                    }
                });
                row.col(|ui| {
                    ui.label(standing_text(s.standing(), dark));
                });
                row.col(|ui| {
                    ui.label(s.latest.week.to_string());
                });
                row.col(|ui| {
                    ui.label(score(s.latest.quality));
                });
                row.col(|ui| {
                    ui.label(share(s.latest.retention));
                });
                row.col(|ui| {
                    ui.label(score(s.latest.composite));
                });
                row.col(|ui| {
                    ui.label(share(Some(s.latest.eligible_share())));
                });
                row.col(|ui| {
                    ui.label(count(s.capacity()));
                });
                row.col(|ui| {
                    ui.label(match s.routing_share {
                        Some(x) => format!("{} ({} orders)", share(Some(x)), s.orders_this_week),
                        None => "no orders yet".into(),
                    })
                    .on_hover_text(
                        "Share of the latest week's routed orders. The cap: no supplier's share exceeds 40 % by more than the order just given to it.",
                    );
                });
            });
        });
}

fn detail_ui(
    ui: &mut egui::Ui,
    data: &Data,
    s: &SupplierSummary,
    dark: bool,
    commands: &mut Vec<Command>,
) {
    let cards: &[Scorecard] = data.history.get(&s.name).map_or(&[], Vec::as_slice);
    ui.horizontal(|ui| {
        ui.heading(&s.name);
        ui.label(standing_text(s.standing(), dark));
    });
    ui.label(
        RichText::new(format!(
            "Latest week {}: {} of {} accounts eligible ({}), quality {}, retention {}, composite {}, capacity {}.",
            s.latest.week,
            count(s.latest.eligible),
            count(s.latest.accounts),
            share(Some(s.latest.eligible_share())),
            score(s.latest.quality),
            share(s.latest.retention),
            score(s.latest.composite),
            count(s.capacity())
        ))
        .weak(),
    );
    if !s.latest.flags_provided {
        ui.label(
            RichText::new("Flags not provided in the latest dump: D2 was not applied.").weak(),
        );
    }
    ui.add_space(6.0);
    egui::ScrollArea::vertical().show(ui, |ui| {
        chart_section_ui(
            ui,
            Chart {
                key: "score_history",
                title: "Score history",
                explanation: "Quality, eligible share and retention week by week, with the floors a scorecard must clear; red lines mark demotions, green lines reinstatements.",
                what: "score history chart",
                file_name: "score-history.png",
                empty: None,
            },
            commands,
            |ui| history_chart_ui(ui, data, cards),
        );
        ui.add_space(10.0);
        chart_section_ui(
            ui,
            Chart {
                key: "failures_per_week",
                title: "Accounts failing each reason, per week",
                explanation: "How many accounts failed each criterion in each week's dump (an account failing two criteria counts under both).",
                what: "failures chart",
                file_name: "failures-per-week.png",
                empty: cards
                    .iter()
                    .all(|c| c.failures.is_empty())
                    .then_some("No account failed any criterion."),
            },
            commands,
            |ui| failures_chart_ui(ui, cards),
        );
        ui.add_space(10.0);
        weeks_table_ui(ui, &s.name, cards, commands);
        ui.add_space(10.0);
        imports_ui(ui, data, &s.name, commands);
    });
}

fn history_chart_ui(ui: &mut egui::Ui, data: &Data, cards: &[Scorecard]) {
    let quality: Vec<[f64; 2]> = cards.iter().map(|c| [week_x(c.week), c.quality]).collect();
    let eligible: Vec<[f64; 2]> = cards
        .iter()
        .map(|c| [week_x(c.week), c.eligible_share() * 100.0])
        .collect();
    let retention: Vec<[f64; 2]> = cards
        .iter()
        .filter_map(|c| c.retention.map(|r| [week_x(c.week), r * 100.0]))
        .collect();
    let demotions: Vec<(f64, bool)> = cards
        .iter()
        .filter(|c| c.standing_change.is_some())
        .map(|c| (week_x(c.week), c.standing == Standing::Demoted))
        .collect();
    let rubric = &data.rubric;
    let (first, last) = x_span(cards);
    week_plot("score_history", 260.0)
        .include_x(first)
        .include_x(last)
        .legend(Legend::default().position(Corner::LeftBottom))
        .include_y(0.0)
        .include_y(100.0)
        .y_axis_formatter(|m, _| format!("{:.0}", m.value))
        .label_formatter(|hover| match hover {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => Some(format!(
                "{plot_name}\n{}: {:.1}",
                x_week_label(position.x),
                position.y
            )),
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            let series = [
                ("Quality", quality, Color32::from_rgb(0x1f, 0x77, 0xb4)),
                (
                    "Eligible share %",
                    eligible,
                    Color32::from_rgb(0xe0, 0x7b, 0x10),
                ),
                (
                    "Retention %",
                    retention,
                    Color32::from_rgb(0x2c, 0xa0, 0x2c),
                ),
            ];
            for (name, points, color) in series {
                if points.is_empty() {
                    continue;
                }
                line_with_points(plot, name, points, color);
            }
            plot.hline(
                HLine::new("Eligible share floor", rubric.eligible_share_floor * 100.0)
                    .color(Color32::from_rgb(0xe0, 0x7b, 0x10))
                    .style(egui_plot::LineStyle::dashed_loose()),
            );
            plot.hline(
                HLine::new("Retention floor", rubric.retention_floor * 100.0)
                    .color(Color32::from_rgb(0x2c, 0xa0, 0x2c))
                    .style(egui_plot::LineStyle::dotted_loose()),
            );
            for (x, demoted) in demotions {
                let (name, color) = if demoted {
                    ("Demoted", Color32::from_rgb(0xd0, 0x3a, 0x2f))
                } else {
                    ("Reinstated", Color32::from_rgb(0x2e, 0x9d, 0x57))
                };
                plot.vline(VLine::new(name, x).color(color).width(2.0));
            }
        });
}

fn failures_chart_ui(ui: &mut egui::Ui, cards: &[Scorecard]) {
    let mut reasons: Vec<&String> = cards.iter().flat_map(|c| c.failures.keys()).collect();
    reasons.sort();
    reasons.dedup();
    // Room above the tallest bar keeps the legend (top right) clear of the data.
    let tallest = cards
        .iter()
        .map(|c| c.failures.values().sum::<u64>())
        .max()
        .unwrap_or(0) as f64;
    let mut charts: Vec<BarChart> = Vec::new();
    for reason in reasons {
        let bars: Vec<Bar> = cards
            .iter()
            .map(|c| {
                Bar::new(
                    week_x(c.week),
                    c.failures.get(reason).copied().unwrap_or(0) as f64,
                )
                .width(4.5)
            })
            .collect();
        let chart = BarChart::new(reason_words(reason), bars);
        let refs: Vec<&BarChart> = charts.iter().collect();
        let chart = chart.stack_on(&refs);
        charts.push(chart);
    }
    let (first, last) = x_span(cards);
    week_plot("failures_per_week", 240.0)
        .include_x(first)
        .include_x(last)
        .legend(Legend::default())
        .include_y(0.0)
        .include_y(tallest * 3.2)
        .show(ui, |plot| {
            for chart in charts {
                plot.bar_chart(chart);
            }
        });
}

/// The supplier's dump imports, newest first, with a link to the Imports screen.
fn imports_ui(ui: &mut egui::Ui, data: &Data, supplier: &str, commands: &mut Vec<Command>) {
    ui.label(RichText::new("Its imports").strong());
    let mine: Vec<_> = data
        .imports
        .iter()
        .filter(|r| r.supplier_week.as_ref().is_some_and(|(s, _)| s == supplier))
        .collect();
    if mine.is_empty() {
        ui.label("None: its scorecards came from imports that were undone.");
        return;
    }
    egui::Grid::new("supplier_imports")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for t in ["#", "When (UTC)", "File", "Week", "Rows"] {
                ui.strong(t);
            }
            ui.end_row();
            for r in mine {
                ui.label(r.id.to_string());
                ui.label(&r.imported_at);
                ui.label(&r.file_name);
                ui.label(
                    r.supplier_week
                        .as_ref()
                        .map_or_else(String::new, |(_, w)| w.to_string()),
                );
                ui.label(format!(
                    "{} stored{}{}",
                    count(r.stored),
                    if r.left_out > 0 {
                        format!(", {} left out", count(r.left_out))
                    } else {
                        String::new()
                    },
                    if r.replaced.is_some() {
                        ", replaced an earlier dump"
                    } else {
                        ""
                    }
                ));
                ui.end_row();
            }
        });
    if ui.link("All imports, with undo").clicked() {
        commands.push(Command::Show(crate::app::Screen::Imports));
    }
}

/// The x range of a supplier's weeks, widened by half a week on each side so a single week
/// still gets an axis with its label.
fn x_span(cards: &[Scorecard]) -> (f64, f64) {
    let xs = cards.iter().map(|c| week_x(c.week));
    let first = xs.clone().fold(f64::INFINITY, f64::min);
    let last = xs.fold(f64::NEG_INFINITY, f64::max);
    if first.is_finite() {
        (first - 3.5, last + 3.5)
    } else {
        (0.0, 7.0)
    }
}

fn weeks_table_ui(
    ui: &mut egui::Ui,
    supplier: &str,
    cards: &[Scorecard],
    commands: &mut Vec<Command>,
) {
    ui.label(RichText::new("Weekly scorecards").strong());
    let h = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    TableBuilder::new(ui)
        .id_salt("supplier_weeks")
        .striped(true)
        .vscroll(false)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(90.0))
        .columns(Column::initial(80.0), 5)
        .column(Column::initial(170.0))
        .column(Column::remainder().clip(true))
        .header(h, |mut header| {
            for t in ["Week", "Accounts", "Eligible", "Quality", "Retention", "Rubric", "Actions", "Top reasons"] {
                header.col(|ui| {
                    ui.strong(t);
                });
            }
        })
        .body(|body| {
            body.rows(h, cards.len(), |mut row| {
                let c = &cards[cards.len() - 1 - row.index()];
                row.col(|ui| {
                    ui.label(c.week.to_string());
                });
                row.col(|ui| {
                    ui.label(count(c.accounts));
                });
                row.col(|ui| {
                    ui.label(share(Some(c.eligible_share())));
                });
                row.col(|ui| {
                    ui.label(score(c.quality));
                });
                row.col(|ui| {
                    ui.label(share(c.retention));
                });
                row.col(|ui| {
                    ui.label(format!("v{}", c.rubric_version));
                });
                row.col(|ui| {
                    if ui.button("Show accounts").clicked() {
                        commands.push(Command::ShowAccounts(AccountFilter {
                            supplier: Some(supplier.to_string()),
                            week: Some(c.week.to_string()),
                            reason: None,
                            search: String::new(),
                        }));
                    }
                    if ui
                        .button("Re-score")
                        .on_hover_text("Judge this week again with today's rubric and known supplier accounts")
                        .clicked()
                    {
                        commands.push(Command::Confirm {
                            title: format!("Re-score {supplier} {}?", c.week),
                            body: "Every account of this week is judged again against the rubric in force and the supplier accounts known today. The scorecard and standing are recomputed; the audit log records it.".into(),
                            action: "Re-score".into(),
                            then: Box::new(Command::Rescore(supplier.to_string(), c.week)),
                        });
                    }
                });
                row.col(|ui| {
                    let mut top: Vec<(&String, &u64)> = c.failures.iter().collect();
                    top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                    for (reason, n) in top.into_iter().take(3) {
                        let link = ui.link(format!("{} {}", count(*n), reason_words(reason)));
                        if link.clicked() {
                            commands.push(Command::ShowAccounts(AccountFilter {
                                supplier: Some(supplier.to_string()),
                                week: Some(c.week.to_string()),
                                reason: Some(reason.clone()),
                                search: String::new(),
                            }));
                        }
                        link.on_hover_text(format!("Show these accounts ({reason})"));
                    }
                });
            });
        });
    if let Some(change) = cards.iter().rev().find_map(|c| c.standing_change.as_ref()) {
        ui.add_space(6.0);
        ui.label(RichText::new(format!("Last standing change: {change}")).italics());
    }
}
