//! Modal dialogs: the import preview, the import summary, confirmations and messages.

use egui::{Id, Modal, RichText};
use egui_extras::{Column, TableBuilder};

use super::format::{count, share, warn_color};
use crate::app::{Command, Dialog, FilePreview, ImportReport, SupplyDeskApp};
use crate::import::values::parse_date;

/// Shows the open dialog, if any.
pub fn dialog_ui(ctx: &egui::Context, app: &mut SupplyDeskApp) {
    let Some(mut dialog) = app.dialog.take() else {
        return;
    };
    let dark = app.state.dark;
    let busy = app.busy();
    let keep = match &mut dialog {
        Dialog::Preview(files) => preview_ui(ctx, files, busy, dark, &mut app.commands),
        Dialog::ImportDone(report) => import_done_ui(ctx, report, &mut app.commands),
        Dialog::Confirm {
            title,
            body,
            action,
            then,
        } => {
            let mut keep = true;
            Modal::new(Id::unique("confirm")).show(ctx, |ui| {
                ui.set_max_width(460.0);
                ui.heading(title.as_str());
                ui.add_space(6.0);
                ui.label(body.as_str());
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    if ui.button(action.as_str()).clicked() {
                        app.commands.push((**then).clone());
                        keep = false;
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
            });
            keep
        }
        Dialog::Message { title, body } => {
            let mut keep = true;
            Modal::new(Id::unique("message")).show(ctx, |ui| {
                ui.set_max_width(460.0);
                ui.heading(title.as_str());
                ui.add_space(6.0);
                ui.label(body.as_str());
                ui.add_space(10.0);
                if ui.button("OK").clicked() {
                    keep = false;
                }
            });
            keep
        }
    };
    if keep && app.dialog.is_none() {
        app.dialog = Some(dialog);
    }
}

fn preview_ui(
    ctx: &egui::Context,
    files: &mut [FilePreview],
    busy: bool,
    dark: bool,
    commands: &mut Vec<Command>,
) -> bool {
    let mut keep = true;
    Modal::new(Id::unique("import_preview")).show(ctx, |ui| {
        ui.set_width(860.0_f32.min(ctx.content_rect().width() - 80.0));
        ui.heading("Import preview");
        ui.label(RichText::new("Nothing is written until you press Import.").weak());
        ui.add_space(6.0);
        egui::ScrollArea::vertical()
            .max_height(ctx.content_rect().height() - 220.0)
            .show(ui, |ui| {
                for (i, file) in files.iter_mut().enumerate() {
                    file_ui(ui, i, file, dark, commands);
                    ui.separator();
                }
            });
        let ready = files.iter().filter(|f| f.blocker().is_none()).count();
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let label = format!("Import {ready} of {} file(s)", files.len());
            if ui
                .add_enabled(ready > 0 && !busy, egui::Button::new(label))
                .clicked()
            {
                commands.push(Command::ConfirmImport);
            }
            if ui.button("Cancel").clicked() {
                keep = false;
            }
        });
    });
    keep
}

fn file_ui(
    ui: &mut egui::Ui,
    index: usize,
    file: &mut FilePreview,
    dark: bool,
    commands: &mut Vec<Command>,
) {
    let name = crate::import::file_name(&file.path);
    ui.label(RichText::new(&name).strong().size(15.0));
    let preview = match &file.preview {
        Ok(p) => p,
        Err(e) => {
            ui.colored_label(warn_color(dark), e);
            return;
        }
    };
    let kind = preview.kind.map_or("not recognised", |k| k.label());
    ui.label(format!(
        "{} · {} · {} row(s){}",
        preview.format,
        kind,
        count(preview.rows),
        if preview.left_out > 0 {
            format!(", {} will be left out", count(preview.left_out))
        } else {
            String::new()
        }
    ));
    if let Some(plan) = &preview.dump {
        let platforms: Vec<String> = plan
            .platforms
            .iter()
            .map(|(p, n)| format!("{p} {}", count(*n)))
            .collect();
        ui.label(format!(
            "Supplier {} · snapshot {} (week {}) · {}{}",
            plan.supplier,
            plan.as_of,
            plan.week(),
            platforms.join(", "),
            if plan.flags_provided {
                ""
            } else {
                " · flags not provided: D2 will not be applied"
            }
        ));
    }
    let matched: Vec<String> = preview
        .columns
        .iter()
        .map(|c| match c.matched {
            Some(m) if m != c.header => format!("{} as {m}", c.header),
            Some(m) => m.to_string(),
            None => format!("{} (ignored)", c.header),
        })
        .collect();
    ui.label(RichText::new(format!("Columns: {}", matched.join(", "))).weak());
    if !preview.missing.is_empty() {
        ui.colored_label(
            warn_color(dark),
            format!("Missing columns: {}", preview.missing.join(", ")),
        );
    }
    // Supplier and snapshot date, when the file does not say.
    let needs_options = preview
        .rejection
        .as_deref()
        .is_some_and(|r| r.contains("--supplier") || r.contains("--as-of"));
    if needs_options || file.options.supplier.is_some() || file.options.as_of.is_some() {
        ui.horizontal(|ui| {
            let mut supplier = file.options.supplier.clone().unwrap_or_default();
            let label = ui.label("Supplier:");
            if ui
                .add(egui::TextEdit::singleline(&mut supplier).desired_width(180.0))
                .labelled_by(label.id)
                .changed()
            {
                file.options.supplier = Some(supplier.trim().to_string()).filter(|s| !s.is_empty());
            }
            let mut date = file
                .options
                .as_of
                .map(|d| d.to_string())
                .unwrap_or_default();
            let label = ui.label("Snapshot date (YYYY-MM-DD):");
            if ui
                .add(egui::TextEdit::singleline(&mut date).desired_width(110.0))
                .labelled_by(label.id)
                .changed()
            {
                file.options.as_of = parse_date(date.trim());
            }
            if ui.button("Read again").clicked() {
                commands.push(Command::Repreview(index));
            }
        });
    }
    if let Some(id) = file.already_imported {
        ui.checkbox(
            &mut file.force,
            format!("Import again (this exact file was import #{id})"),
        );
    }
    if file.week_exists {
        ui.checkbox(
            &mut file.replace,
            "Replace the week (this supplier already has a scorecard for it)",
        );
    }
    if let Some(why) = file.blocker() {
        ui.colored_label(warn_color(dark), why);
    }
    if preview.problems.count > 0 {
        ui.label(format!(
            "{} problem(s){}:",
            count(preview.problems.count),
            if preview.problems.count > preview.problems.list.len() as u64 {
                format!(", the first {} shown", preview.problems.list.len())
            } else {
                String::new()
            }
        ));
        let h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        TableBuilder::new(ui)
            .id_salt(("problems", index))
            .striped(true)
            .max_scroll_height(160.0)
            .column(Column::initial(60.0))
            .column(Column::initial(130.0))
            .column(Column::initial(150.0))
            .column(Column::remainder())
            .header(h, |mut header| {
                for t in ["Row", "Column", "Value", "Problem"] {
                    header.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|body| {
                body.rows(h, preview.problems.list.len(), |mut row| {
                    let p = &preview.problems.list[row.index()];
                    row.col(|ui| {
                        ui.label(p.row.to_string());
                    });
                    row.col(|ui| {
                        ui.label(&p.column);
                    });
                    row.col(|ui| {
                        ui.label(&p.value);
                    });
                    row.col(|ui| {
                        ui.label(&p.message);
                    });
                });
            });
    }
}

fn import_done_ui(ctx: &egui::Context, report: &ImportReport, commands: &mut Vec<Command>) -> bool {
    let mut keep = true;
    Modal::new(Id::unique("import_done")).show(ctx, |ui| {
        ui.set_width(680.0_f32.min(ctx.content_rect().width() - 80.0));
        ui.heading(if report.cancelled {
            "Import cancelled"
        } else {
            "Import finished"
        });
        ui.add_space(6.0);
        egui::ScrollArea::vertical()
            .max_height(420.0)
            .show(ui, |ui| {
                for (name, result) in &report.files {
                    ui.label(RichText::new(name).strong());
                    match result {
                        Ok(s) => {
                            let mut line = format!(
                                "{}: {} rows, {} recorded",
                                s.kind,
                                count(s.rows),
                                count(s.stored)
                            );
                            if s.left_out > 0 {
                                line.push_str(&format!(", {} left out", count(s.left_out)));
                            }
                            if s.unchanged > 0 {
                                line.push_str(&format!(
                                    ", {} already recorded",
                                    count(s.unchanged)
                                ));
                            }
                            ui.label(line);
                            if let Some(card) = &s.scorecard {
                                ui.label(format!(
                                    "{} {}: {} of {} eligible ({}), quality {:.1}, standing {}{}",
                                    card.supplier,
                                    card.week,
                                    count(card.eligible),
                                    count(card.accounts),
                                    share(Some(card.eligible_share())),
                                    card.quality,
                                    card.standing.as_str(),
                                    if s.replaced {
                                        ", replacing the earlier dump"
                                    } else {
                                        ""
                                    }
                                ));
                            }
                            for line in s.standing_changes.iter().chain(&s.refills) {
                                ui.label(format!("• {line}"));
                            }
                            for p in s.db_problems.iter().take(10) {
                                ui.label(RichText::new(format!("• {p}")).weak());
                            }
                        }
                        Err(e) => {
                            ui.label(e);
                        }
                    }
                    ui.add_space(4.0);
                }
                if let Some(r) = report
                    .routing
                    .as_ref()
                    .filter(|r| !r.routed.is_empty() || !r.held.is_empty())
                {
                    ui.separator();
                    ui.label(format!(
                        "Routing: {} order(s) routed, {} held.",
                        r.routed.len(),
                        r.held.len()
                    ));
                    for (id, why) in r.held.iter().take(8) {
                        ui.label(RichText::new(format!("• {id} held: {why}")).weak());
                    }
                }
            });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("OK").clicked() {
                keep = false;
            }
            if report.routing.as_ref().is_some_and(|r| !r.held.is_empty())
                && ui.button("Show orders").clicked()
            {
                commands.push(Command::Show(crate::app::Screen::Orders));
                keep = false;
            }
        });
    });
    keep
}
