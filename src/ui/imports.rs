//! Import history, with undo after confirmation (SPEC §7).

use egui_extras::{Column, TableBuilder};

use super::format::count;
use super::screen_title_ui;
use crate::app::{Command, Data};
use crate::import::FileKind;

/// Draws the imports screen.
pub fn imports_ui(ui: &mut egui::Ui, data: &Data, commands: &mut Vec<Command>) {
    screen_title_ui(
        ui,
        "Imports",
        "Every file imported, newest first. A supplier dump or an orders file can be undone.",
    );
    if data.imports.is_empty() {
        ui.label("No file has been imported yet.");
        return;
    }
    let h = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    TableBuilder::new(ui)
        .id_salt("imports_table")
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(40.0))
        .column(Column::initial(160.0))
        .column(Column::initial(220.0).clip(true))
        .column(Column::initial(110.0))
        .column(Column::initial(180.0).clip(true))
        .columns(Column::initial(65.0), 3)
        .column(Column::remainder().at_least(70.0))
        .header(h, |mut header| {
            for t in ["#", "When (UTC)", "File", "Kind", "Supplier and week", "Rows", "Stored", "Left out", ""] {
                header.col(|ui| {
                    ui.strong(t);
                });
            }
        })
        .body(|body| {
            body.rows(h, data.imports.len(), |mut row| {
                let r = &data.imports[row.index()];
                row.col(|ui| {
                    ui.label(r.id.to_string());
                });
                row.col(|ui| {
                    ui.label(&r.imported_at);
                });
                row.col(|ui| {
                    ui.label(&r.file_name).on_hover_text(&r.file_name);
                });
                row.col(|ui| {
                    ui.label(r.kind.label());
                });
                row.col(|ui| {
                    if let Some((s, w)) = &r.supplier_week {
                        ui.label(format!("{s} {w}"));
                    }
                });
                row.col(|ui| {
                    ui.label(count(r.rows));
                });
                row.col(|ui| {
                    ui.label(count(r.stored));
                });
                row.col(|ui| {
                    ui.label(count(r.left_out));
                });
                row.col(|ui| {
                    let undoable = matches!(r.kind, FileKind::SupplierDump | FileKind::Orders);
                    let button = ui.add_enabled(undoable, egui::Button::new("Undo…"));
                    let button = if undoable {
                        button
                    } else {
                        button.on_disabled_hover_text(
                            "Delivery reports and retention checks change orders in place and may create refills, so they cannot be undone.",
                        )
                    };
                    if button.clicked() {
                        let what = match (&r.kind, &r.supplier_week) {
                            (FileKind::SupplierDump, Some((s, w))) => format!(
                                "{s}'s {w} scorecard and accounts will be removed and its standing recomputed."
                            ),
                            _ => "Its orders will be removed (refused if any was delivered or refilled).".into(),
                        };
                        commands.push(Command::Confirm {
                            title: format!("Undo import #{} ({})?", r.id, r.file_name),
                            body: format!("{what} The audit log keeps a record of the undo."),
                            action: "Undo import".into(),
                            then: Box::new(Command::Undo(r.id)),
                        });
                    }
                });
            });
        });
}
