//! Overview: every supplier at a glance and what needs attention (SPEC §7).

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::format::{count, score, share, standing_text, warn_color};
use super::screen_title_ui;
use crate::app::{Command, Data, ImportReport, Screen};
use crate::domain::standing::Standing;

/// Draws the Overview screen.
pub fn overview_ui(
    ui: &mut egui::Ui,
    data: &Data,
    last_import: Option<&ImportReport>,
    loaded: bool,
    dark: bool,
    commands: &mut Vec<Command>,
) {
    if loaded && data.is_empty() {
        empty_ui(ui, commands);
        return;
    }
    screen_title_ui(
        ui,
        "Overview",
        "Each supplier's latest scorecard, and what needs your attention.",
    );
    egui::ScrollArea::vertical().show(ui, |ui| {
        attention_ui(ui, data, last_import, dark, commands);
        ui.add_space(12.0);
        ui.label(RichText::new("Suppliers").strong().size(16.0));
        ui.add_space(4.0);
        suppliers_table_ui(ui, data, dark, commands);
    });
}

fn empty_ui(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    ui.add_space(60.0);
    ui.vertical_centered(|ui| {
        ui.heading("Welcome to Supply Desk");
        ui.add_space(8.0);
        ui.label("The database is empty. Import this week's supplier dumps to start the review,");
        ui.label("or fill the database with demo data to see every screen at work.");
        ui.add_space(16.0);
        ui.horizontal(|ui| {
            ui.add_space((ui.available_width() - 340.0).max(0.0) / 2.0);
            if ui.button("Import files… (Ctrl+O)").clicked() {
                commands.push(Command::PickFiles);
            }
            ui.add_space(12.0);
            if ui.button("Load demo data").clicked() {
                commands.push(Command::Demo);
            }
        });
    });
}

fn attention_ui(
    ui: &mut egui::Ui,
    data: &Data,
    last_import: Option<&ImportReport>,
    dark: bool,
    commands: &mut Vec<Command>,
) {
    let mut items: Vec<(String, Command)> = Vec::new();
    for s in &data.suppliers {
        if let Some(change) = &s.latest.standing_change {
            items.push((
                format!("{}: {change}", s.name),
                Command::ShowSupplier(s.name.clone()),
            ));
        } else if s.standing() == Standing::Demoted {
            items.push((
                format!("{} is demoted and receives no new orders.", s.name),
                Command::ShowSupplier(s.name.clone()),
            ));
        }
    }
    let held: Vec<_> = data.held().collect();
    if !held.is_empty() {
        let first = held[0].order.order_id.clone();
        items.push((
            format!(
                "{} held order(s) wait for a supplier, oldest {} (placed {}).",
                held.len(),
                first,
                held[0].order.placed_at
            ),
            Command::ShowOrder(first),
        ));
    }
    if let Some(report) = last_import {
        let refills: usize = report
            .files
            .iter()
            .filter_map(|(_, r)| r.as_ref().ok())
            .map(|s| s.refills.len())
            .sum();
        if refills > 0 {
            items.push((
                format!("The last import created {refills} refill(s)."),
                Command::Show(Screen::Orders),
            ));
        }
    }
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("Needs attention").strong().size(16.0));
        if items.is_empty() {
            ui.label("Nothing: every supplier is in good standing and no order is held.");
        }
        for (text, command) in items {
            ui.horizontal(|ui| {
                ui.label(RichText::new("•").color(warn_color(dark)));
                if ui.link(text).clicked() {
                    commands.push(command);
                }
            });
        }
    });
}

/// The supplier table shared by the Overview and the Suppliers screen.
pub fn suppliers_table_ui(ui: &mut egui::Ui, data: &Data, dark: bool, commands: &mut Vec<Command>) {
    let text_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    TableBuilder::new(ui)
        .id_salt("overview_suppliers")
        .striped(true)
        .vscroll(false)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(180.0).at_least(120.0))
        .column(Column::initial(130.0))
        .columns(Column::initial(90.0), 6)
        .column(Column::remainder())
        .header(text_height, |mut h| {
            for title in [
                "Supplier",
                "Standing",
                "Week",
                "Quality",
                "Retention",
                "Composite",
                "Eligible",
                "Capacity",
                "Routing share",
            ] {
                h.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(text_height, data.suppliers.len(), |mut row| {
                let s = &data.suppliers[row.index()];
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
                        "Share of this week's routed orders. The cap: no supplier's share exceeds 40 % by more than the order just given to it.",
                    );
                });
            });
        });
}
