//! The audit log: every import, standing change, routing decision, hold, release, refill,
//! rubric change and undo, newest first (SPEC §7).

use egui_extras::{Column, TableBuilder};

use super::export::audit_export;
use super::screen_title_ui;
use crate::app::{Command, Data};

/// Draws the audit log.
pub fn audit_ui(ui: &mut egui::Ui, data: &Data, commands: &mut Vec<Command>) {
    screen_title_ui(
        ui,
        "Audit log",
        "What happened and why, newest first. Times are your computer's clock in UTC; decisions themselves only use dates from the data.",
    );
    if ui.button("Export to CSV…").clicked() {
        commands.push(Command::Export(audit_export()));
    }
    ui.add_space(4.0);
    let h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    TableBuilder::new(ui)
        .id_salt("audit_table")
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(50.0))
        .column(Column::initial(170.0))
        .column(Column::initial(80.0))
        .column(Column::remainder().clip(true))
        .header(h, |mut header| {
            for t in ["#", "When (UTC)", "What", "Details"] {
                header.col(|ui| {
                    ui.strong(t);
                });
            }
        })
        .body(|body| {
            body.rows(h, data.audit.len(), |mut row| {
                let e = &data.audit[row.index()];
                row.col(|ui| {
                    ui.label(e.id.to_string());
                });
                row.col(|ui| {
                    ui.label(&e.at);
                });
                row.col(|ui| {
                    ui.label(e.kind.label());
                });
                row.col(|ui| {
                    ui.label(&e.text).on_hover_text(&e.text);
                });
            });
        });
}
