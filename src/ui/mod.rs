//! Drawing: one file per screen or widget, each a set of `*_ui` functions that read the
//! app's snapshot and push commands. Nothing here writes to the database.

pub mod accounts;
pub mod audit;
pub mod charts;
pub mod dialogs;
pub mod export;
pub mod format;
pub mod imports;
pub mod orders;
pub mod overview;
pub mod retention;
pub mod rubric;
pub mod suppliers;

use egui::{Key, KeyboardShortcut, Modifiers, RichText};

use crate::app::state::UiState;
use crate::app::{Command, Screen, StoreSlot, SupplyDeskApp};
use crate::store::Store;

/// State of the screens that is rebuilt, not persisted (tables, selections, edits).
#[derive(Default)]
pub struct ScreenStates {
    /// The accounts table.
    pub accounts: accounts::AccountsState,
    /// The orders screen.
    pub orders: orders::OrdersState,
    /// The rubric editor.
    pub rubric: rubric::RubricState,
    /// The suppliers screen.
    pub suppliers: suppliers::SuppliersState,
}

impl ScreenStates {
    /// Folds in background results (e.g. the accounts table being built).
    pub fn poll(
        &mut self,
        ctx: &egui::Context,
        store: Option<&std::sync::Arc<Store>>,
        state: &UiState,
    ) {
        self.accounts.poll(ctx, store, &state.accounts);
    }

    /// The database changed: derived tables must be rebuilt.
    pub fn invalidate(&mut self) {
        self.accounts.invalidate();
    }

    /// A new snapshot arrived.
    pub fn data_changed(&mut self) {
        self.rubric.data_changed();
    }
}

/// The whole window.
pub fn app_ui(ui: &mut egui::Ui, app: &mut SupplyDeskApp) {
    shortcuts(ui.ctx(), app);
    dropped_files(ui.ctx(), app);
    top_bar_ui(ui, app);
    status_bar_ui(ui, app);
    match &app.store {
        StoreSlot::Opening(_) => {
            egui::CentralPanel::default_margins().show(ui, |ui| {
                ui.centered_and_justified(|ui| {
                    ui.add(egui::Spinner::new());
                    ui.label("Opening the database…");
                });
            });
            return;
        }
        StoreSlot::Failed(why) => {
            let why = why.clone();
            egui::CentralPanel::default_margins().show(ui, |ui| {
                ui.add_space(40.0);
                ui.vertical_centered(|ui| {
                    ui.heading("The database could not be opened");
                    ui.add_space(8.0);
                    ui.label(why);
                });
            });
            return;
        }
        StoreSlot::Open(_) => {}
    }
    nav_ui(ui, app);
    egui::CentralPanel::default_margins().show(ui, |ui| {
        let data = std::sync::Arc::clone(&app.data);
        let dark = app.state.dark;
        match app.state.screen {
            Screen::Overview => overview::overview_ui(
                ui,
                &data,
                app.last_import.as_ref(),
                app.loaded,
                dark,
                &mut app.screens.suppliers,
                &mut app.commands,
            ),
            Screen::Suppliers => suppliers::suppliers_ui(
                ui,
                &data,
                &mut app.state,
                &mut app.screens.suppliers,
                &mut app.commands,
            ),
            Screen::Accounts => accounts::accounts_ui(
                ui,
                &data,
                &mut app.state.accounts,
                &mut app.screens.accounts,
                &mut app.commands,
            ),
            Screen::Orders => orders::orders_ui(
                ui,
                &data,
                &mut app.state.order,
                &mut app.screens.orders,
                app.store.as_open(),
                &mut app.commands,
            ),
            Screen::Retention => retention::retention_ui(ui, &data, &mut app.commands),
            Screen::Rubric => {
                rubric::rubric_ui(ui, &data, &mut app.screens.rubric, &mut app.commands)
            }
            Screen::Imports => imports::imports_ui(ui, &data, &mut app.commands),
            Screen::Audit => audit::audit_ui(ui, &data, &mut app.commands),
        }
    });
    dialogs::dialog_ui(ui.ctx(), app);
}

impl StoreSlot {
    /// The store when open.
    pub fn as_open(&self) -> Option<&Store> {
        match self {
            StoreSlot::Open(s) => Some(s),
            _ => None,
        }
    }
}

fn shortcuts(ctx: &egui::Context, app: &mut SupplyDeskApp) {
    let open = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
    if ctx.input_mut(|i| i.consume_shortcut(&open)) && !app.busy() {
        app.commands.push(Command::PickFiles);
    }
    let keys = [
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
    ];
    for (screen, key) in Screen::ALL.iter().zip(keys) {
        if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, key))) {
            app.commands.push(Command::Show(*screen));
        }
    }
}

fn dropped_files(ctx: &egui::Context, app: &mut SupplyDeskApp) {
    let paths: Vec<_> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .collect()
    });
    if !paths.is_empty() && !app.busy() {
        app.commands.push(Command::Preview(paths));
    }
}

fn top_bar_ui(ui: &mut egui::Ui, app: &mut SupplyDeskApp) {
    egui::Panel::top("top_bar").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.heading(RichText::new("Supply Desk").strong());
            ui.separator();
            let ready = matches!(app.store, StoreSlot::Open(_)) && !app.busy();
            if ui
                .add_enabled(ready, egui::Button::new("Import files…"))
                .on_hover_text("Import supplier dumps, orders, delivery reports or retention checks (Ctrl+O). You can also drop files on the window.")
                .clicked()
            {
                app.commands.push(Command::PickFiles);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let label = if app.state.dark { "Light theme" } else { "Dark theme" };
                if ui.button(label).clicked() {
                    app.state.dark = !app.state.dark;
                }
                if ui
                    .add_enabled(ready && !app.data.is_empty(), egui::Button::new("Weekly report…"))
                    .on_hover_text("Save the weekly review of the latest week as an HTML page you can read offline")
                    .clicked()
                {
                    app.commands.push(Command::Export(export::report_export(app.data.weeks.first().copied())));
                }
                if ui
                    .add_enabled(ready && !app.data.is_empty(), egui::Button::new("Export scorecards…"))
                    .clicked()
                {
                    app.commands.push(Command::Export(export::scorecards_export()));
                }
                if let Some(w) = app.data.routing_week {
                    ui.label(RichText::new(format!("Latest routing week: {w}")).weak());
                }
            });
        });
        ui.add_space(4.0);
    });
}

fn status_bar_ui(ui: &mut egui::Ui, app: &mut SupplyDeskApp) {
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            if let Some(job) = &app.work {
                ui.add(egui::Spinner::new());
                ui.label(&job.label);
                let fraction = job.progress.fraction();
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(240.0)
                        .show_percentage(),
                );
                if ui.button("Cancel").clicked() {
                    job.progress.cancel();
                }
            } else {
                if let StoreSlot::Open(s) = &app.store {
                    let name = crate::import::file_name(s.path());
                    ui.label(RichText::new(format!("Database: {name}")).weak())
                        .on_hover_text(s.path().display().to_string());
                }
            }
        });
    });
}

fn nav_ui(ui: &mut egui::Ui, app: &mut SupplyDeskApp) {
    egui::Panel::left("navigation")
        .resizable(false)
        .exact_size(170.0)
        .show(ui, |ui| {
            ui.add_space(8.0);
            for screen in Screen::ALL {
                let badge = match screen {
                    Screen::Suppliers => Some(app.data.suppliers.len()),
                    Screen::Orders => Some(app.data.held().count()).filter(|n| *n > 0),
                    _ => None,
                };
                let text = match (screen, badge) {
                    (Screen::Orders, Some(n)) => format!("{}  ({n} held)", screen.label()),
                    (_, Some(n)) => format!("{}  ({n})", screen.label()),
                    (_, None) => screen.label().to_string(),
                };
                let selected = app.state.screen == screen;
                let response = ui
                    .add_sized(
                        [ui.available_width(), 28.0],
                        egui::Button::selectable(selected, text),
                    )
                    .on_hover_text(format!("Ctrl+{}", screen.shortcut()));
                if response.clicked() {
                    app.commands.push(Command::Show(screen));
                }
            }
        });
}

/// A heading with a line of explanation under it, at the top of every screen.
pub fn screen_title_ui(ui: &mut egui::Ui, title: &str, subtitle: &str) {
    ui.heading(title);
    if !subtitle.is_empty() {
        ui.label(RichText::new(subtitle).weak());
    }
    ui.add_space(6.0);
}
