//! PDFs are typeset by `psdoc-typeset`, the helper installed beside
//! `psdoc`: the job (markup, date, identifier) goes to it as JSON on its
//! standard input and the PDF comes back on its standard output. Keeping
//! Typst in its own program means that `psdoc check`, `count`, `diff` and
//! the rest do not load it: it is half of the code, and two thirds of the
//! relocations the loader would apply at every start.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use psdoc_export::error::{Error, Result};
use psdoc_export::pdf::Job;

/// The helper's file name on this platform.
const HELPER: &str = if cfg!(windows) {
    "psdoc-typeset.exe"
} else {
    "psdoc-typeset"
};

/// Typesets `job` with the helper beside this executable: a
/// [`psdoc_export::pdf::Typesetter`].
pub fn typeset(job: &Job) -> Result<Vec<u8>> {
    let path = helper_path();
    if !path.is_file() {
        return Err(Error::TypesetterMissing {
            what: job.what.clone(),
            path: path.display().to_string(),
        });
    }
    let failed = |reason: String| Error::Typesetter {
        what: job.what.clone(),
        reason,
    };
    let mut child = Command::new(&path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| failed(format!("{} could not be started: {e}", path.display())))?;
    let input = serde_json::to_vec(job).map_err(|e| failed(e.to_string()))?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // Written from a thread while the PDF is read, so neither pipe can fill
    // and stall the other.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child
        .wait_with_output()
        .map_err(|e| failed(format!("could not be read: {e}")))?;
    let written = writer.join();
    if output.status.success() && output.stdout.starts_with(b"%PDF-") {
        return Ok(output.stdout);
    }
    let said = String::from_utf8_lossy(&output.stderr).trim().to_owned();
    if output.status.code() == Some(2) && !said.is_empty() {
        return Err(Error::Helper(said.replace('\n', " ")));
    }
    let how = match written {
        Ok(Err(e)) => format!("; the job could not be passed to it: {e}"),
        _ => String::new(),
    };
    Err(failed(format!(
        "{} stopped without writing it ({}){how}: this is a bug in psdoc, please report it",
        path.display(),
        output.status
    )))
}

/// `psdoc-typeset` in the folder this `psdoc` was run from (symbolic
/// links followed, as the operating system reports the executable).
fn helper_path() -> PathBuf {
    match std::env::current_exe() {
        Ok(exe) => exe.with_file_name(HELPER),
        Err(_) => PathBuf::from(HELPER),
    }
}
