//! Background jobs: the UI thread never waits on the database or the file system.
//!
//! A job is a closure run on its own thread. It reports progress through shared atomics
//! (read by the UI every frame), can be cancelled, and sends its single result over a
//! channel; every report wakes the UI with `request_repaint`. One job of a kind runs at a
//! time, so a second import cannot start while one is running.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::import::Progress;

/// The kinds of job, each with at most one running.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lane {
    /// Work a reviewer started and waits for (imports, re-scores, exports …), shown with a
    /// progress bar and Cancel.
    Work,
    /// Reloading the dashboards after a change.
    Data,
    /// Building the accounts table for the current filter.
    Accounts,
}

/// Progress shared between a job and the UI.
pub struct JobProgress {
    done: AtomicU64,
    total: AtomicU64,
    cancel: AtomicBool,
    ctx: egui::Context,
}

impl JobProgress {
    /// Fraction done, 0 to 1 (0 while the total is unknown).
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed);
        if total == 0 {
            0.0
        } else {
            (self.done.load(Ordering::Relaxed) as f64 / total as f64).clamp(0.0, 1.0) as f32
        }
    }

    /// Asks the job to stop; it stops at its next check and writes nothing.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether Cancel was pressed.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

impl Progress for JobProgress {
    fn update(&self, done: u64, total: u64) {
        self.done.store(done, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.ctx.request_repaint();
    }

    fn cancelled(&self) -> bool {
        self.is_cancelled()
    }
}

/// A job that is running.
pub struct Running<T> {
    /// What it is doing, in words, for the status bar.
    pub label: String,
    /// Its progress.
    pub progress: Arc<JobProgress>,
    rx: Receiver<T>,
}

impl<T: Send + 'static> Running<T> {
    /// Starts `work` on a new thread.
    pub fn start(
        ctx: &egui::Context,
        label: impl Into<String>,
        work: impl FnOnce(&JobProgress) -> T + Send + 'static,
    ) -> Running<T> {
        let progress = Arc::new(JobProgress {
            done: AtomicU64::new(0),
            total: AtomicU64::new(0),
            cancel: AtomicBool::new(false),
            ctx: ctx.clone(),
        });
        let (tx, rx) = channel();
        let shared = Arc::clone(&progress);
        let label = label.into();
        let thread_name = format!("job: {label}");
        let spawned = std::thread::Builder::new()
            .name(thread_name)
            .spawn(move || {
                let out = work(&shared);
                // The receiver is gone only if the app closed; nothing to report then.
                let _ = tx.send(out);
                shared.ctx.request_repaint();
            });
        if let Err(e) = spawned {
            // Without a thread the job cannot run; report it as its own failure.
            log_spawn_failure(&label, &e);
        }
        Running {
            label,
            progress,
            rx,
        }
    }

    /// The result, once the job has finished. `Some(Err(()))` if the job died without one.
    pub fn poll(&self) -> Option<Result<T, ()>> {
        match self.rx.try_recv() {
            Ok(v) => Some(Ok(v)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(())),
        }
    }
}

fn log_spawn_failure(label: &str, e: &std::io::Error) {
    eprintln!("supply-desk: could not start the background job “{label}”: {e}");
}
