//! The `supply-desk` binary: parses the command line, then opens the app or runs a
//! headless command.

use std::process::ExitCode;

use clap::Parser;
use supply_desk::cli::{self, Cli};

/// mimalloc: an import reads rows on one thread and judges them on another, and glibc's
/// allocator spends a third of that time on locks when memory moves between threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = Cli::parse();
    let Some(command) = args.command else {
        return open_app(args.db);
    };
    match cli::run(args.db, command) {
        Ok(code) => code,
        // The reader of the output went away (`supply-desk accounts | head`): everything it
        // asked for was written, and anything the command changed was committed before.
        Err(e) if closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            say(&format!("supply-desk: {e:#}"));
            ExitCode::FAILURE
        }
    }
}

fn closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Writes a line to standard error, ignoring a closed one (where `eprintln!` would panic).
fn say(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn open_app(db: Option<std::path::PathBuf>) -> ExitCode {
    let path = match db.map_or_else(cli::default_db_path, Ok) {
        Ok(p) => p,
        Err(e) => {
            say(&format!("supply-desk: {e:#}"));
            return ExitCode::FAILURE;
        }
    };
    match supply_desk::app::run(path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say(&format!("supply-desk: the window could not be opened: {e}"));
            ExitCode::FAILURE
        }
    }
}
