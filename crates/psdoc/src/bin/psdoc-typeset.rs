//! `psdoc-typeset`: the PDF typesetter that `psdoc export --format pdf`,
//! `psdoc log --format pdf` and `psdoc package` run. It reads one job
//! (a document's Typst markup, its date and identifier) as JSON on standard
//! input and writes the accessible PDF on standard output; a job it cannot
//! typeset gets one line on standard error and exit code 2. It stays a
//! program of its own so that Typst is loaded only when a PDF is written.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use psdoc_export::pdf::{Job, typeset};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--version" || a == "-V") {
        println!("psdoc-typeset {}", Job::VERSION);
        return ExitCode::SUCCESS;
    }
    if !args.is_empty() || std::io::stdin().is_terminal() {
        eprintln!(
            "psdoc-typeset: psdoc runs this program to write PDFs; it is not meant to be run by hand: use `psdoc export --format pdf`, `psdoc log --format pdf` or `psdoc package`"
        );
        return ExitCode::from(2);
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{}", message.replace('\n', " "));
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut input = Vec::new();
    std::io::stdin()
        .read_to_end(&mut input)
        .map_err(|e| format!("psdoc-typeset: cannot read the job: {e}"))?;
    let job: Job = serde_json::from_slice(&input).map_err(|e| {
        format!("psdoc-typeset: the job is not one psdoc {} writes: {e}; use a psdoc and psdoc-typeset of the same version", Job::VERSION)
    })?;
    if job.version != Job::VERSION {
        return Err(format!(
            "psdoc-typeset {} was given a job by psdoc {}: the two programs come from different installations; install psdoc again so that both are the same version",
            Job::VERSION,
            job.version
        ));
    }
    let pdf = typeset(&job).map_err(|e| e.to_string())?;
    let mut out = std::io::stdout().lock();
    out.write_all(&pdf)
        .and_then(|()| out.flush())
        .map_err(|e| format!("psdoc-typeset: cannot write the PDF: {e}"))
}
