//! The same repository gives the same bytes, run after run, in every format
//! of check, count and log, and in the package: findings in a fixed order,
//! no timestamps, whatever order the evidence is scanned in (in parallel)
//! and whatever the files' modification times.

use std::time::{Duration, SystemTime};

use crate::evidence::{docx, pdf};
use crate::support::Repo;
use crate::support::watched::psdoc;

/// A statement with findings of many rules, in several files, and evidence
/// of every kind psdoc reads.
fn statement() -> Repo {
    let mut repo = Repo::passing()
        .edit(
            "book/src/data.md",
            "re-registrations fell [E1]",
            "re-registrations fell [E1, E9] [E] (QI 6.7); contact jo.bloggs@example.com",
        )
        .edit(
            "evidence/log.toml",
            "date = 2025-12-01\n",
            "date = 2025-12-01\n\n[[document]]\nid = 2\ntitle = \"Audit of chronologies, 2019\"\nfile = \"audit.pdf\"\ndate = 2019-06-01\ncore = 5\n\n[[document]]\nid = 2\ntitle = \"Minutes\"\nfile = \"missing.docx\"\n",
        )
        .file(
            "evidence/files/data.csv",
            "Measure,Children\nRegistered,3\nReferred,40\n",
        )
        .bytes(
            "evidence/files/audit.pdf",
            &pdf(&[
                "BT /F1 12 Tf 72 720 Td (Audit) Tj ET",
                "BT /F1 12 Tf 72 720 Td (Call 07700 900123) Tj ET",
            ]),
        )
        .file("evidence/files/broken.docx", "not a zip");
    for i in 0..40 {
        repo = repo.bytes(
            &format!("evidence/files/minutes-{i:02}.docx"),
            &docx(&["Attendees by role.", &format!("Call 07700 9001{i:02}")]),
        );
    }
    repo
}

fn same_twice(repo: &Repo, args: &[&str], output: Option<&str>) -> Vec<u8> {
    let mut runs = Vec::new();
    for _ in 0..2 {
        let run = psdoc(repo.path(), args);
        assert!(run.code <= 1, "psdoc {args:?}: {}", run.stderr);
        runs.push(match output {
            Some(file) => std::fs::read(repo.path().join(file)).expect("output"),
            None => run.stdout,
        });
        touch_everything(repo);
    }
    assert!(!runs[0].is_empty(), "psdoc {args:?} gave nothing");
    assert!(
        runs[0] == runs[1],
        "psdoc {args:?} differs between two runs"
    );
    runs.swap_remove(0)
}

/// Moves every file's modification time, as a checkout would.
fn touch_everything(repo: &Repo) {
    let later = SystemTime::now() + Duration::from_secs(3600);
    for entry in walk(repo.path()) {
        let file = std::fs::File::options()
            .append(true)
            .open(&entry)
            .expect("open");
        file.set_modified(later).expect("set time");
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn every_format_is_the_same_run_after_run() {
    let repo = statement();
    for format in ["human", "json", "sarif", "github", "markdown"] {
        same_twice(&repo, &["check", "--format", format], None);
        same_twice(&repo, &["scan", "--format", format], None);
    }
    for format in ["human", "json"] {
        same_twice(&repo, &["count", "--format", format], None);
    }
    for format in ["markdown", "csv", "json"] {
        same_twice(&repo, &["log", "--format", format], None);
    }
    same_twice(
        &repo,
        &["log", "--format", "xlsx", "-o", "log.xlsx"],
        Some("log.xlsx"),
    );
}

#[test]
fn the_package_is_the_same_run_after_run() {
    let repo = Repo::passing()
        .edit("book/src/data.md", "[E1]", "[E1, E2, E3]")
        .edit(
            "evidence/log.toml",
            "date = 2025-12-01\n",
            "date = 2025-12-01\n\n[[document]]\nid = 2\ntitle = \"Audit: chronologies?\"\nfile = \"audit.pdf\"\ndate = 2025-06-01\n\n[[document]]\nid = 3\ntitle = \"Minutes\"\nfile = \"minutes/cpc.docx\"\ndate = 2025-06-01\n",
        )
        .bytes(
            "evidence/files/audit.pdf",
            &pdf(&["BT /F1 12 Tf 72 720 Td (Audit) Tj ET"]),
        )
        .bytes(
            "evidence/files/minutes/cpc.docx",
            &docx(&["Attendees by role."]),
        );
    let zip = same_twice(
        &repo,
        &["package", "-o", "out/statement.zip"],
        Some("out/statement.zip"),
    );
    assert!(zip.starts_with(b"PK"));
}
