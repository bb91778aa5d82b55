//! The example book in a real browser: `psdoc build` into a temporary
//! folder, then `book.mjs` (node, playwright-core, axe-core) drives
//! headless Debian Chromium over it on 127.0.0.1.
//!
//! Needs `/usr/bin/chromium` (`apt-get install chromium`; or `CHROMIUM=PATH`)
//! and the node modules (`npm ci` in tests/browser). Without them the test
//! says by name that it did not run, and passes, except in CI (`CI` set),
//! where it must run.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Says, past the test harness's capture, that the test did not run; fails
/// in CI.
fn not_run(reason: &str) {
    let line = format!("browser test NOT RUN: {reason}\n");
    // Straight to the terminal: `cargo test` hides a passing test's output.
    let _ = std::io::stderr().write_all(line.as_bytes());
    let in_ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(!in_ci, "{}in CI the browser test must run", line);
}

#[test]
fn example_book_in_chromium() {
    let chromium = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if !chromium.is_file() {
        return not_run("chromium not found (install: apt-get install chromium)");
    }
    if Command::new("node")
        .arg("--version")
        .output()
        .map_or(true, |o| !o.status.success())
    {
        return not_run("node not found (install: apt-get install nodejs npm)");
    }
    let dir = project_root().join("tests/browser");
    for module in ["playwright-core", "axe-core"] {
        if !dir
            .join("node_modules")
            .join(module)
            .join("package.json")
            .is_file()
        {
            return not_run(&format!(
                "node module {module} not installed (install: cd tests/browser && npm ci)"
            ));
        }
    }

    let psdoc = env!("CARGO_BIN_EXE_psdoc");
    let tmp = tempfile::tempdir().unwrap();
    let book = tmp.path().join("book");
    let build = Command::new(psdoc)
        .args(["build", "-q", "-o"])
        .arg(&book)
        .current_dir(project_root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "psdoc build failed:\n{}{}",
        String::from_utf8_lossy(&build.stdout),
        String::from_utf8_lossy(&build.stderr)
    );
    let count = Command::new(psdoc)
        .args(["count", "--format", "json"])
        .current_dir(project_root())
        .output()
        .unwrap();
    let count: serde_json::Value = serde_json::from_slice(&count.stdout).unwrap();
    let total = count["total"].as_u64().unwrap();

    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| project_root().join("target"), PathBuf::from);
    let shots = target.join("browser");
    let mut child = Command::new("node")
        .arg(dir.join("book.mjs"))
        .arg(&book)
        .arg(&shots)
        .arg(total.to_string())
        .env("CHROMIUM", &chromium)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // book.mjs stops itself after 240 s; this is the backstop.
    let deadline = Instant::now() + Duration::from_secs(300);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("browser test: all checks passed"),
        "{stdout}"
    );
    assert!(shots.join("document-log.png").is_file());
}
