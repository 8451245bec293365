//! Overview: every supplier at a glance and what needs attention (SPEC §7).

use super::format::warn_color;
use super::screen_title_ui;
use super::suppliers::{SuppliersState, table_ui};
use crate::app::{Command, Data, ImportReport, Screen};
use crate::domain::standing::Standing;
use egui::RichText;

/// Draws the Overview screen.
pub fn overview_ui(
    ui: &mut egui::Ui,
    data: &Data,
    last_import: Option<&ImportReport>,
    loaded: bool,
    dark: bool,
    suppliers: &mut SuppliersState,
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
        table_ui(ui, data, suppliers, dark, commands);
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
