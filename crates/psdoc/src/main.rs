//! The `psdoc` command: parses the command line, runs one command, and maps
//! the outcome to the documented exit codes (0 passed, 1 findings that fail,
//! 2 psdoc could not do its job).

mod cache;
mod cli;
mod cmd;
mod name_services;
mod output;
mod typesetter;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

fn main() -> ExitCode {
    let cli = parse_command_line();
    output::init_color(cli.global.color);
    name_services::use_built_in_only();
    match cmd::run(&cli) {
        Ok(outcome) => ExitCode::from(outcome as u8),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            // One line: the reason, with its causes.
            let mut line = format!("psdoc: error: {err}");
            for cause in err.chain().skip(1) {
                line.push_str(&format!(": {cause}"));
            }
            eprintln!("{}", line.replace('\n', " "));
            ExitCode::from(2)
        }
    }
}

/// The command line, as `clap::Parser::parse` reads it (its errors and help
/// alike, each formatted as clap formats it), except that the command tree it is checked against, every command's
/// arguments and help, is left for the exit to free: freeing it one allocation at
/// a time was a tenth of the work of `psdoc --version`, and every command paid it.
fn parse_command_line() -> cli::Cli {
    let mut command = cli::Cli::command();
    let mut matches = command
        .try_get_matches_from_mut(std::env::args_os())
        .unwrap_or_else(|e| e.exit());
    let cli = cli::Cli::from_arg_matches_mut(&mut matches)
        .unwrap_or_else(|e| e.format(&mut cli::Cli::command()).exit());
    // Deliberately never freed (a leak checker will say so): the process ends soon.
    std::mem::forget(command);
    cli
}

/// `psdoc check | head` closes the pipe early: exit quietly, like ripgrep.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
