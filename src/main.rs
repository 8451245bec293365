//! The `supply-desk` binary: parses the command line and runs a headless command.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use supply_desk::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    let Some(command) = args.command else {
        // The desktop app is built in its own issue; until then the binary explains itself.
        let _ = Cli::command().print_help();
        return ExitCode::from(2);
    };
    match cli::run(args.db, command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("supply-desk: {e:#}");
            ExitCode::FAILURE
        }
    }
}
