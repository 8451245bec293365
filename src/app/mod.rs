//! The desktop app (SPEC §7): state, commands and background jobs. Drawing lives in
//! `ui/`; this module decides what happens.
//!
//! Screens never touch the database while drawing: they read the latest [`Data`] snapshot
//! and push [`Command`]s; after each frame the app turns commands into background jobs
//! (imports, re-scores, exports, file dialogs) and folds finished jobs back into its state.

pub mod data;
pub mod jobs;
pub mod state;

use std::path::PathBuf;
use std::sync::Arc;

use crate::domain::rubric::Rubric;
use crate::domain::week::Week;
use crate::import::{ImportOptions, Preview};
use crate::ops::{self, ImportRequest, ImportSummary, OpError, RoutingReport};
use crate::store::{Reader, Store};
use crate::ui;

pub use data::Data;
use jobs::{JobProgress, Running};
pub use state::{Screen, UiState};

/// Where the database stands.
pub enum StoreSlot {
    /// Being opened on a background thread (a large or interrupted file can take a moment).
    Opening(Running<Result<Store, String>>),
    /// Open.
    Open(Arc<Store>),
    /// Could not be opened: the sentence to show.
    Failed(String),
}

/// One file of an import, as previewed and as the reviewer decided.
pub struct FilePreview {
    /// The file.
    pub path: PathBuf,
    /// Supplier and snapshot date chosen for it.
    pub options: ImportOptions,
    /// The preview, or why the file could not be read.
    pub preview: Result<Preview, String>,
    /// The import that already brought this exact file, if any.
    pub already_imported: Option<u64>,
    /// Whether the supplier already has a scorecard for the dump's week.
    pub week_exists: bool,
    /// Import even though the same file was imported before.
    pub force: bool,
    /// Replace the existing week.
    pub replace: bool,
}

impl FilePreview {
    /// Whether the file will be imported on confirmation, and if not, why.
    pub fn blocker(&self) -> Option<String> {
        match &self.preview {
            Err(e) => Some(e.clone()),
            Ok(p) => {
                if let Some(r) = &p.rejection {
                    Some(r.clone())
                } else if self.already_imported.is_some() && !self.force {
                    Some("This exact file was imported before. Tick “Import again” to import it anyway.".into())
                } else if self.week_exists && !self.replace {
                    Some("This supplier already has a scorecard for this week. Tick “Replace the week” to replace it.".into())
                } else {
                    None
                }
            }
        }
    }
}

/// What one import action did, for the summary and the Overview.
#[derive(Default, Clone)]
pub struct ImportReport {
    /// Per file: its name and what happened.
    pub files: Vec<(String, Result<ImportSummary, String>)>,
    /// The routing run at the end.
    pub routing: Option<RoutingReport>,
    /// Whether the reviewer cancelled part-way (files before the cancel stay imported).
    pub cancelled: bool,
}

/// Modal dialogs.
pub enum Dialog {
    /// The import preview: confirm or cancel.
    Preview(Vec<FilePreview>),
    /// What the last import did.
    ImportDone(ImportReport),
    /// A question before something irreversible.
    Confirm {
        /// The question.
        title: String,
        /// What will happen, in words.
        body: String,
        /// The button that goes ahead.
        action: String,
        /// The command run on confirmation.
        then: Box<Command>,
    },
    /// A message with an OK button.
    Message {
        /// Title.
        title: String,
        /// Text.
        body: String,
    },
}

/// Everything a screen can ask for.
#[derive(Clone, Debug)]
pub enum Command {
    /// Show a screen.
    Show(Screen),
    /// Open a supplier's detail.
    ShowSupplier(String),
    /// Open an order on the Orders screen.
    ShowOrder(String),
    /// Show the accounts of a supplier (and week and reason).
    ShowAccounts(state::AccountFilter),
    /// Open the native file dialog.
    PickFiles,
    /// Preview these files.
    Preview(Vec<PathBuf>),
    /// Preview one file again with other options (index into the open preview).
    Repreview(usize),
    /// Import the previewed files.
    ConfirmImport,
    /// Re-score one supplier's week.
    Rescore(String, Week),
    /// Release a held order to a supplier.
    Release {
        /// The order.
        order: String,
        /// The supplier.
        supplier: String,
        /// Why, for the audit log.
        note: String,
    },
    /// Save a new rubric version.
    SaveRubric(Box<Rubric>),
    /// Undo an import.
    Undo(u64),
    /// Derive score centres from a week's eligible accounts and save them as a new rubric
    /// version (SPEC §2).
    DeriveCentres(Week),
    /// Fill the empty database with demo data.
    Demo,
    /// Ask a question first, then run the command.
    Confirm {
        /// Title.
        title: String,
        /// Body.
        body: String,
        /// Button.
        action: String,
        /// The command.
        then: Box<Command>,
    },
    /// Run a prepared job that writes a file (exports, reports, chart images).
    Export(ExportJob),
    /// Show a message.
    Tell(String, String),
}

/// Makes an export's bytes from the database, on the job thread.
pub type Produce = dyn Fn(&Store) -> Result<Vec<u8>, String> + Send + Sync;

/// A file to write in the background, chosen by the reviewer with a save dialog.
#[derive(Clone)]
pub struct ExportJob {
    /// What it is, for the status bar ("accounts CSV").
    pub what: String,
    /// Suggested file name.
    pub file_name: String,
    /// File-type filter: (description, extensions).
    pub filter: (String, Vec<String>),
    /// Produces the bytes, on the job thread.
    pub produce: Arc<Produce>,
}

impl std::fmt::Debug for ExportJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExportJob")
            .field("what", &self.what)
            .field("file_name", &self.file_name)
            .finish_non_exhaustive()
    }
}

/// The result of a Work job.
pub enum WorkDone {
    /// Files chosen in the dialog (none when cancelled).
    Picked(Vec<PathBuf>),
    /// Previews of files.
    Previewed(Vec<FilePreview>),
    /// One preview redone.
    Repreviewed(usize, Box<FilePreview>),
    /// An import action finished.
    Imported(ImportReport),
    /// Something finished with a message (title, text), or failed with one.
    Said(Result<(String, String), String>),
}

/// The application.
pub struct SupplyDeskApp {
    /// Persisted UI state.
    pub state: UiState,
    /// The database.
    pub store: StoreSlot,
    /// The latest snapshot of what the screens show.
    pub data: Arc<Data>,
    /// Reloading the snapshot.
    data_job: Option<Running<Result<Data, String>>>,
    /// Whether a reload is needed after the current one.
    stale: bool,
    /// The running reviewer job.
    pub work: Option<Running<WorkDone>>,
    /// The open dialog.
    pub dialog: Option<Dialog>,
    /// What the last import action did, for the Overview.
    pub last_import: Option<ImportReport>,
    /// Commands pushed while drawing, run after the frame.
    pub commands: Vec<Command>,
    /// Per-screen state that is not persisted.
    pub screens: ui::ScreenStates,
    /// Whether the first snapshot has arrived (the demo offer waits for it).
    pub loaded: bool,
    theme_applied: Option<bool>,
}

impl SupplyDeskApp {
    /// Creates the app and starts opening the database in the background, so the first
    /// frame never waits on the file.
    pub fn new(ctx: &egui::Context, db: PathBuf, state: UiState) -> SupplyDeskApp {
        let opening = Running::start(ctx, "Opening the database", move |_| {
            Store::open(&db).map_err(|e| e.to_string())
        });
        SupplyDeskApp {
            state,
            store: StoreSlot::Opening(opening),
            data: Arc::new(Data::default()),
            data_job: None,
            stale: false,
            work: None,
            dialog: None,
            last_import: None,
            commands: Vec::new(),
            screens: ui::ScreenStates::default(),
            loaded: false,
            theme_applied: None,
        }
    }

    /// The open store, if it is open.
    pub fn store(&self) -> Option<Arc<Store>> {
        match &self.store {
            StoreSlot::Open(s) => Some(Arc::clone(s)),
            _ => None,
        }
    }

    /// Whether a reviewer job is running (imports and the like wait for it).
    pub fn busy(&self) -> bool {
        self.work.is_some()
    }

    /// One frame: fold finished jobs in, draw, run the commands the drawing pushed.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.theme_applied != Some(self.state.dark) {
            ctx.set_theme(if self.state.dark {
                egui::ThemePreference::Dark
            } else {
                egui::ThemePreference::Light
            });
            self.theme_applied = Some(self.state.dark);
        }
        self.poll(&ctx);
        ui::app_ui(ui, self);
        let commands = std::mem::take(&mut self.commands);
        for command in commands {
            self.run(&ctx, command);
        }
    }

    /// Folds finished background work into the state.
    fn poll(&mut self, ctx: &egui::Context) {
        if let StoreSlot::Opening(job) = &self.store {
            match job.poll() {
                Some(Ok(Ok(store))) => {
                    self.store = StoreSlot::Open(Arc::new(store));
                    self.reload(ctx);
                }
                Some(Ok(Err(e))) => self.store = StoreSlot::Failed(e),
                Some(Err(())) => {
                    self.store = StoreSlot::Failed("The database could not be opened.".into())
                }
                None => {}
            }
        }
        if let Some(result) = self.data_job.as_ref().and_then(Running::poll) {
            self.data_job = None;
            match result {
                Ok(Ok(data)) => {
                    self.data = Arc::new(data);
                    self.loaded = true;
                    self.screens.data_changed();
                }
                Ok(Err(e)) => self.tell("Could not read the database", e),
                Err(()) => self.tell(
                    "Could not read the database",
                    "The reading stopped unexpectedly.".into(),
                ),
            }
            if std::mem::take(&mut self.stale) {
                self.reload(ctx);
            }
        }
        if let Some(result) = self.work.as_ref().and_then(Running::poll) {
            self.work = None;
            match result {
                Ok(done) => self.finish(ctx, done),
                Err(()) => self.tell(
                    "The job stopped",
                    "It ended without a result; nothing was written.".into(),
                ),
            }
        }
        self.screens.poll(ctx, self.store().as_ref(), &self.state);
    }

    /// Reloads the snapshot in the background (again after the current load, if one runs).
    pub fn reload(&mut self, ctx: &egui::Context) {
        let Some(store) = self.store() else { return };
        if self.data_job.is_some() {
            self.stale = true;
            return;
        }
        self.data_job = Some(Running::start(ctx, "Reading the database", move |_| {
            Data::load(&store).map_err(|e| e.to_string())
        }));
        self.screens.invalidate();
    }

    fn tell(&mut self, title: &str, body: String) {
        self.dialog = Some(Dialog::Message {
            title: title.to_string(),
            body,
        });
    }

    fn start_work(
        &mut self,
        ctx: &egui::Context,
        label: &str,
        work: impl FnOnce(&JobProgress) -> WorkDone + Send + 'static,
    ) {
        if self.work.is_some() {
            self.tell(
                "Please wait",
                "Another task is still running. It can be cancelled from the status bar.".into(),
            );
            return;
        }
        self.work = Some(Running::start(ctx, label, work));
    }

    /// Runs one command.
    pub fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Show(screen) => self.state.screen = screen,
            Command::ShowSupplier(name) => {
                self.state.supplier = Some(name);
                self.state.screen = Screen::Suppliers;
            }
            Command::ShowOrder(id) => {
                self.state.order = Some(id);
                self.state.screen = Screen::Orders;
            }
            Command::ShowAccounts(filter) => {
                self.state.accounts = filter;
                self.state.screen = Screen::Accounts;
                self.screens.invalidate();
            }
            Command::Tell(title, body) => self.tell(&title, body),
            Command::Confirm {
                title,
                body,
                action,
                then,
            } => {
                self.dialog = Some(Dialog::Confirm {
                    title,
                    body,
                    action,
                    then,
                })
            }
            Command::PickFiles => self.start_work(ctx, "Choosing files", |_| {
                let picked = rfd::FileDialog::new()
                    .set_title("Import supplier dumps, orders, deliveries or checks")
                    .add_filter(
                        "Data files",
                        &["csv", "tsv", "txt", "json", "jsonl", "ndjson", "xlsx"],
                    )
                    .add_filter("All files", &["*"])
                    .pick_files();
                WorkDone::Picked(picked.unwrap_or_default())
            }),
            Command::Preview(paths) => {
                let Some(store) = self.store() else { return };
                self.start_work(ctx, "Reading files", move |progress| {
                    let previews = paths
                        .into_iter()
                        .map(|path| preview_file(&store, path, ImportOptions::default(), progress))
                        .collect();
                    WorkDone::Previewed(previews)
                });
            }
            Command::Repreview(index) => {
                let Some(store) = self.store() else { return };
                let Some(Dialog::Preview(files)) = &self.dialog else {
                    return;
                };
                let Some(file) = files.get(index) else { return };
                let (path, options) = (file.path.clone(), file.options.clone());
                self.start_work(ctx, "Reading the file again", move |progress| {
                    WorkDone::Repreviewed(
                        index,
                        Box::new(preview_file(&store, path, options, progress)),
                    )
                });
            }
            Command::ConfirmImport => {
                let Some(store) = self.store() else { return };
                let Some(Dialog::Preview(files)) = self.dialog.take() else {
                    return;
                };
                self.start_work(ctx, "Importing", move |progress| {
                    WorkDone::Imported(import_previews(&store, files, progress))
                });
            }
            Command::Rescore(supplier, week) => {
                let Some(store) = self.store() else { return };
                self.start_work(ctx, "Re-scoring", move |_| {
                    said("Re-scored", ops::rescore(&store, &supplier, week), |card| {
                        format!(
                            "{supplier} {week}: {} of {} accounts eligible ({}), quality {:.1}, standing {}.",
                            card.eligible,
                            card.accounts,
                            crate::domain::scorecard::percent(card.eligible_share()),
                            card.quality,
                            card.standing.as_str()
                        )
                    })
                });
            }
            Command::Release {
                order,
                supplier,
                note,
            } => {
                let Some(store) = self.store() else { return };
                self.start_work(ctx, "Releasing the order", move |_| {
                    said("Order released", ops::release(&store, &order, &supplier, &note), |()| {
                        format!("Order {order} was released to {supplier}; the audit log records it.")
                    })
                });
            }
            Command::SaveRubric(rubric) => {
                let Some(store) = self.store() else { return };
                self.start_work(ctx, "Saving the rubric", move |_| {
                    said("Rubric saved", ops::rubric::save(&store, *rubric), |r| {
                        format!(
                            "Rubric version {} is now in force for new imports and re-scores.",
                            r.version
                        )
                    })
                });
            }
            Command::DeriveCentres(week) => {
                let Some(store) = self.store() else { return };
                self.start_work(ctx, "Deriving score centres", move |_| {
                    said("Score centres derived", ops::rubric::derive_from_week(&store, week), |r| {
                        format!(
                            "Rubric version {} holds centres for {} platform and niche groups from {week}.",
                            r.version,
                            r.centres.len()
                        )
                    })
                });
            }
            Command::Undo(id) => {
                let Some(store) = self.store() else { return };
                self.start_work(ctx, "Undoing the import", move |_| {
                    said(
                        "Import undone",
                        ops::undo::undo_import(&store, id),
                        |text| text,
                    )
                });
            }
            Command::Demo => {
                let Some(store) = self.store() else { return };
                self.start_work(ctx, "Filling the demo", move |progress| {
                    said("Demo data ready", ops::demo::fill(&store, progress), |s| {
                        format!(
                            "{} files over {} weeks were imported: five suppliers, one demoted and reinstated, held orders and refills.",
                            s.files, s.weeks
                        )
                    })
                });
            }
            Command::Export(job) => {
                let Some(store) = self.store() else { return };
                self.start_work(ctx, &format!("Exporting {}", job.what), move |_| {
                    let (desc, exts) = &job.filter;
                    let exts: Vec<&str> = exts.iter().map(String::as_str).collect();
                    let Some(path) = rfd::FileDialog::new()
                        .set_file_name(&job.file_name)
                        .add_filter(desc, &exts)
                        .save_file()
                    else {
                        return WorkDone::Said(Ok((String::new(), String::new())));
                    };
                    let result = (job.produce)(&store).and_then(|bytes| {
                        std::fs::write(&path, bytes)
                            .map_err(|e| format!("Could not write {}: {e}", path.display()))
                    });
                    WorkDone::Said(result.map(|()| {
                        (
                            "Exported".to_string(),
                            format!("The {} was saved to {}.", job.what, path.display()),
                        )
                    }))
                });
            }
        }
    }

    /// Folds a finished reviewer job into the state.
    fn finish(&mut self, ctx: &egui::Context, done: WorkDone) {
        match done {
            WorkDone::Picked(paths) => {
                if !paths.is_empty() {
                    self.run(ctx, Command::Preview(paths));
                }
            }
            WorkDone::Previewed(files) => self.dialog = Some(Dialog::Preview(files)),
            WorkDone::Repreviewed(index, file) => {
                if let Some(Dialog::Preview(files)) = &mut self.dialog
                    && let Some(slot) = files.get_mut(index)
                {
                    *slot = *file;
                }
            }
            WorkDone::Imported(report) => {
                self.last_import = Some(report.clone());
                self.dialog = Some(Dialog::ImportDone(report));
                self.reload(ctx);
            }
            WorkDone::Said(Ok((title, body))) => {
                if !title.is_empty() {
                    self.tell(&title, body);
                }
                self.reload(ctx);
            }
            WorkDone::Said(Err(e)) => self.tell("That did not work", e),
        }
    }
}

/// The outcome of an operation as a titled message, or its error in words.
fn said<T>(title: &str, result: Result<T, OpError>, text: impl FnOnce(T) -> String) -> WorkDone {
    WorkDone::Said(
        result
            .map(|value| (title.to_string(), text(value)))
            .map_err(|e| e.to_string()),
    )
}

/// Previews one file and looks up what the database says about it.
pub fn preview_file(
    store: &Store,
    path: PathBuf,
    options: ImportOptions,
    progress: &JobProgress,
) -> FilePreview {
    let preview = crate::import::preview(&path, &options, progress).map_err(|e| e.to_string());
    let (mut already_imported, mut week_exists) = (None, false);
    if let (Ok(p), Ok(view)) = (&preview, store.read()) {
        already_imported = view.import_of_hash(&p.hash).ok().flatten();
        if let Some(plan) = &p.dump {
            week_exists = view
                .scorecard(&plan.supplier, plan.week())
                .ok()
                .flatten()
                .is_some();
        }
    }
    FilePreview {
        path,
        options,
        preview,
        already_imported,
        week_exists,
        force: false,
        replace: false,
    }
}

/// Imports previewed files in order, each in its own transaction, then routes once.
pub fn import_previews(
    store: &Store,
    files: Vec<FilePreview>,
    progress: &JobProgress,
) -> ImportReport {
    let mut report = ImportReport::default();
    for file in files {
        let name = crate::import::file_name(&file.path);
        if progress.is_cancelled() {
            report.cancelled = true;
            break;
        }
        if let Some(why) = file.blocker() {
            report
                .files
                .push((name, Err(format!("Not imported: {why}"))));
            continue;
        }
        let Ok(preview) = &file.preview else { continue };
        let request = ImportRequest {
            force: file.force,
            replace: file.replace,
        };
        match ops::commit_preview(store, preview, request, progress) {
            Ok(summary) => report.files.push((name, Ok(summary))),
            Err(OpError::Cancelled) => {
                report.cancelled = true;
                report.files.push((
                    name,
                    Err("Cancelled: nothing of this file was written.".into()),
                ));
                break;
            }
            Err(e) => report.files.push((name, Err(e.to_string()))),
        }
    }
    if report.files.iter().any(|(_, r)| r.is_ok()) {
        match ops::route(store) {
            Ok(routing) => report.routing = Some(routing),
            Err(e) => report.files.push(("routing".into(), Err(e.to_string()))),
        }
    }
    report
}

/// Opens the desktop app on a database (SPEC §8: `supply-desk` with no command).
pub fn run(db: PathBuf) -> eframe::Result {
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")).ok();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Supply Desk")
        .with_app_id("supply-desk")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([960.0, 600.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Supply Desk",
        options,
        Box::new(move |cc| {
            let state = cc
                .storage
                .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
                .unwrap_or_default();
            Ok(Box::new(DesktopApp(SupplyDeskApp::new(
                &cc.egui_ctx,
                db,
                state,
            ))))
        }),
    )
}

/// The eframe wrapper: persistence and the frame entry point.
pub struct DesktopApp(pub SupplyDeskApp);

impl eframe::App for DesktopApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.0.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.0.state);
    }
}
