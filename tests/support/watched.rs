//! psdoc run as a user runs it, but watched: a time limit (a hang fails the
//! test), no panic (exit 101), no signal, a bound on peak memory, and a canary
//! outside the statement root that no output may ever show.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::outside::{CANARY, CANARY_2, CANARY_2_MASKED};

/// Every command must finish in this time, or the test fails as a hang. The
/// slowest command of the robustness tests takes up to a minute on a loaded
/// machine (a debug build); a hang runs on for ever.
pub const TIMEOUT: Duration = Duration::from_secs(180);

/// The peak memory allowed to an ordinary command (debug build).
pub const MAX_RSS: u64 = 300 << 20;

/// What a run of psdoc gave.
pub struct Ran {
    pub args: Vec<String>,
    pub code: i32,
    pub stdout: Vec<u8>,
    pub stderr: String,
    /// Peak resident memory, when the system tells (Linux: VmHWM).
    pub peak_rss: Option<u64>,
}

/// `psdoc ARGS` in `dir`, within [`TIMEOUT`] and [`MAX_RSS`].
pub fn psdoc(dir: &Path, args: &[&str]) -> Ran {
    psdoc_within(dir, args, MAX_RSS)
}

/// `psdoc ARGS` in `dir`, within [`TIMEOUT`] and `max_rss` bytes.
pub fn psdoc_within(dir: &Path, args: &[&str], max_rss: u64) -> Ran {
    let path = std::env::var_os("PATH").unwrap_or_default();
    watch(&super::run::binary("psdoc"), dir, args, max_rss, &path)
}

/// `program ARGS` in `dir` (a copy of psdoc placed elsewhere), with `path` as
/// its PATH, within [`TIMEOUT`] and [`MAX_RSS`].
pub fn psdoc_copy(program: &Path, dir: &Path, args: &[&str], path: &std::ffi::OsStr) -> Ran {
    watch(program, dir, args, MAX_RSS, path)
}

fn watch(program: &Path, dir: &Path, args: &[&str], max_rss: u64, path: &std::ffi::OsStr) -> Ran {
    // A clean environment: no GitHub step files to write, no colour.
    let mut child = Command::new(program)
        .current_dir(dir)
        .args(args)
        .env_clear()
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start psdoc");
    let pid = child.id();
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        out.read_to_end(&mut v).map(|_| v)
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        err.read_to_end(&mut v).map(|_| v)
    });
    let start = Instant::now();
    let mut peak: Option<u64> = None;
    let status = loop {
        if let Some(now) = high_water_mark(pid) {
            peak = Some(peak.map_or(now, |p| p.max(now)));
        }
        if let Some(status) = child.try_wait().expect("wait for psdoc") {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("psdoc {args:?} did not finish in {TIMEOUT:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let stdout = out.join().expect("stdout thread").expect("read stdout");
    let stderr = err.join().expect("stderr thread").expect("read stderr");
    let stderr = String::from_utf8_lossy(&stderr).into_owned();
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    let Some(code) = status.code() else {
        panic!("psdoc {args:?} was killed by a signal ({status}); stderr:\n{stderr}");
    };
    assert_ne!(code, 101, "psdoc {args:?} panicked:\n{stderr}");
    assert!(
        code <= 2,
        "psdoc {args:?} exited {code}, not 0, 1 or 2:\n{stderr}"
    );
    if let Some(peak) = peak {
        assert!(
            peak <= max_rss,
            "psdoc {args:?} used {} MiB at its peak, over the bound of {} MiB",
            peak >> 20,
            max_rss >> 20
        );
    }
    let ran = Ran {
        args,
        code,
        stdout,
        stderr,
        peak_rss: peak,
    };
    ran.assert_no_canary();
    ran
}

/// The peak resident memory of a running process (Linux), in bytes.
fn high_water_mark(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

impl Ran {
    pub fn stdout(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("UTF-8 stdout")
    }

    fn assert_no_canary(&self) {
        let out = String::from_utf8_lossy(&self.stdout);
        for text in [out.as_ref(), self.stderr.as_str()] {
            assert!(
                !text.contains(CANARY)
                    && !text.contains(CANARY_2)
                    && !text.contains(CANARY_2_MASKED),
                "psdoc {:?} shows the canary planted outside the statement root",
                self.args
            );
        }
    }

    /// Asserts "psdoc could not do its job": exit 2, nothing on stdout and
    /// exactly one line on stderr. Returns that line without `psdoc: error: `.
    pub fn error(&self) -> String {
        assert_eq!(
            self.code,
            2,
            "psdoc {:?}: expected exit 2\nstdout:\n{}\nstderr:\n{}",
            self.args,
            String::from_utf8_lossy(&self.stdout),
            self.stderr
        );
        assert!(self.stdout.is_empty(), "nothing on stdout");
        assert!(
            self.stderr.ends_with('\n') && self.stderr.matches('\n').count() == 1,
            "one line on stderr: {:?}",
            self.stderr
        );
        self.stderr
            .trim_end()
            .strip_prefix("psdoc: error: ")
            .unwrap_or_else(|| panic!("starts with `psdoc: error: `: {}", self.stderr))
            .to_owned()
    }

    /// The JSON on stdout of a run that did its job (exit 0 or 1).
    pub fn json(&self) -> Value {
        assert!(
            self.code <= 1,
            "psdoc {:?} exited {}: {}",
            self.args,
            self.code,
            self.stderr
        );
        serde_json::from_slice(&self.stdout).expect("JSON on stdout")
    }
}

/// Asserts that `psdoc ARGS` fails with one line starting `PLACE: ` (a file,
/// and its line where there is one) and holding `gist`.
pub fn fails(dir: &Path, args: &[&str], place: &str, gist: &str) -> String {
    let line = psdoc(dir, args).error();
    assert!(
        line.starts_with(&format!("{place}: ")),
        "the error names {place}: {line}"
    );
    assert!(line.contains(gist), "the error says {gist:?}: {line}");
    line
}

/// `psdoc check --format json`, parsed, with its findings checked for
/// places: every one inside the statement root.
pub fn check_json(dir: &Path) -> Value {
    let json = psdoc(dir, &["check", "--format", "json"]).json();
    for d in json["diagnostics"].as_array().expect("diagnostics") {
        let file = d["file"].as_str().expect("file");
        assert!(
            !file.starts_with('/') && !file.split('/').any(|p| p == ".."),
            "a finding points outside the statement root: {d}"
        );
    }
    json
}

/// The findings of `rule`, each as `(file, line, field)`.
fn of_rule<'a, T>(
    json: &'a Value,
    rule: &'a str,
    field: impl Fn(&'a Value) -> T + 'a,
) -> impl Iterator<Item = (String, u64, T)> + 'a {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(move |d| d["rule"] == rule)
        .map(move |d| {
            (
                d["file"].as_str().expect("file").to_owned(),
                d["line"].as_u64().expect("line"),
                field(d),
            )
        })
}

/// The findings of `rule` as `(file, line, message)`.
pub fn findings(json: &Value, rule: &str) -> Vec<(String, u64, String)> {
    of_rule(json, rule, |d| {
        d["message"].as_str().expect("message").to_owned()
    })
    .collect()
}

/// The findings of `rule` as `(file, line, column)`.
pub fn places(json: &Value, rule: &str) -> Vec<(String, u64, u64)> {
    of_rule(json, rule, |d| d["column"].as_u64().expect("column")).collect()
}

/// The one finding of `rule`, asserted at `file:line`; returns its message.
pub fn one_finding(json: &Value, rule: &str, file: &str, line: u64) -> String {
    let found = findings(json, rule);
    assert_eq!(found.len(), 1, "one {rule} finding: {found:?}");
    let (f, l, message) = found.into_iter().next().expect("one");
    assert_eq!((f.as_str(), l), (file, line), "{rule}: {message}");
    message
}
