//! The `psdoc` command: parses the command line, runs one command, and maps
//! the outcome to the documented exit codes (0 passed, 1 findings that fail,
//! 2 psdoc could not do its job).

mod cache;
mod cli;
mod cmd;
mod output;
mod typesetter;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    output::init_color(cli.global.color);
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

/// `psdoc check | head` closes the pipe early: exit quietly, like ripgrep.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
