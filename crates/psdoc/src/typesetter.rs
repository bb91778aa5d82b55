//! PDFs are typeset by `psdoc-typeset`, the helper installed beside
//! `psdoc`: the job (markup, date, identifier) goes to it as JSON on its
//! standard input and the PDF comes back on its standard output. Keeping
//! Typst in its own program means that `psdoc check`, `count`, `diff` and
//! the rest do not load it: it is half of the code, and two thirds of the
//! relocations the loader would apply at every start.
//!
//! The helper is only ever the file beside this executable (its real path,
//! links resolved): never one found on `PATH` or in the statement's folder.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, ExitStatus, Stdio};

use psdoc_export::error::{Error, Result};
use psdoc_export::pdf::Job;

/// The helper's name, without the platform's suffix.
const HELPER: &str = "psdoc-typeset";

/// Typesets `job` with the helper beside this executable: a
/// [`psdoc_export::pdf::Typesetter`].
pub fn typeset(job: &Job) -> Result<Vec<u8>> {
    let failed = |reason: String| Error::Typesetter {
        what: job.what.clone(),
        reason,
    };
    let path = helper_path().map_err(|e| {
        failed(format!(
            "psdoc cannot tell which folder it was run from ({e}), so it cannot find {HELPER} beside it; run psdoc by its full path"
        ))
    })?;
    if !path.is_file() {
        return Err(Error::TypesetterMissing {
            what: job.what.clone(),
            path: path.display().to_string(),
        });
    }
    let mut child = Command::new(&path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            failed(if e.kind() == std::io::ErrorKind::PermissionDenied {
                format!(
                    "{} is not allowed to run ({e}): make it executable (`chmod +x`), or on macOS allow it under System Settings, Privacy & Security",
                    path.display()
                )
            } else {
                format!("{} could not be started: {e}", path.display())
            })
        })?;
    let input = serde_json::to_vec(job).map_err(|e| failed(e.to_string()))?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // Written from a thread while the PDF is read, so neither pipe can fill
    // and stall the other.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child
        .wait_with_output()
        .map_err(|e| failed(format!("psdoc could not read what {HELPER} wrote: {e}")))?;
    let written = writer.join();
    if output.status.success() && output.stdout.starts_with(b"%PDF-") {
        return Ok(output.stdout);
    }
    let said = String::from_utf8_lossy(&output.stderr).trim().to_owned();
    if output.status.code() == Some(2) && !said.is_empty() {
        return Err(Error::Helper(said.replace('\n', " ")));
    }
    let last_words = said
        .lines()
        .last()
        .map(|line| format!(", saying \"{line}\""))
        .unwrap_or_default();
    let unsent = match written {
        Ok(Err(e)) => format!("; the job could not be passed to it: {e}"),
        _ => String::new(),
    };
    Err(failed(match stopped_by(output.status) {
        Some(signal) => format!(
            "{} was stopped (signal {signal}){last_words}{unsent}: if the machine ran out of memory, close other programs and try again; otherwise please report it",
            path.display()
        ),
        None => format!(
            "{} stopped without writing it ({}){last_words}{unsent}: this is a bug in psdoc, please report it",
            path.display(),
            output.status
        ),
    }))
}

/// The signal that ended the helper, where the platform has them.
fn stopped_by(status: ExitStatus) -> Option<i32> {
    #[cfg(unix)]
    {
        std::os::unix::process::ExitStatusExt::signal(&status)
    }
    #[cfg(not(unix))]
    {
        let _ = status;
        None
    }
}

/// The helper in the folder of this executable's real file: links are
/// resolved, so a `psdoc` linked into a `bin` folder finds the helper where
/// it was installed.
fn helper_path() -> std::io::Result<PathBuf> {
    let exe = std::fs::canonicalize(std::env::current_exe()?)?;
    Ok(exe.with_file_name(format!("{HELPER}{}", std::env::consts::EXE_SUFFIX)))
}
