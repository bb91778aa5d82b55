//! `psdoc log` and `psdoc package`.

use std::io::Read;

use crate::support::*;

fn with_files() -> Repo {
    Repo::passing()
        .file(
            "evidence/log.toml",
            "[[document]]\nid = 1\ntitle = \"Data set report\"\nurl = \"https://example.org/a.pdf\"\ndate = 2025-12-01\ncore = [4, 6]\n\n[[document]]\nid = 12\ntitle = \"IRD audit: 2025/26?\"\nfile = \"audits/ird.md\"\npublic = false\ndate = 2025-11-01\ncore = 5\n",
        )
        .file("evidence/files/audits/ird.md", "# IRD audit\n\nForty IRDs were audited.\n")
        .edit("book/src/covid.md", "register [E1]", "register [E1, E12]")
}

#[test]
fn log_formats() {
    let repo = with_files();
    let md = repo.run(&["log"]).expect_code(0).stdout();
    assert!(
        md.contains(
            "| E12 | IRD audit: 2025/26? | 2025-11-01 | 5: Recent audit reports | supplied file |"
        ),
        "{md}"
    );
    assert!(
        md.contains("4: The previous four data set reports to the CPC; 6:"),
        "{md}"
    );
    let csv = repo
        .run(&["log", "--format", "csv"])
        .expect_code(0)
        .stdout();
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lines.next().unwrap(),
        "Document number,Document name,Date,Core document (Appendix 2),Link or supplied file"
    );
    assert!(
        lines.any(|l| l.starts_with("12,IRD audit: 2025/26?,2025-11-01,")),
        "{csv}"
    );
    let json: serde_json::Value = serde_json::from_str(
        &repo
            .run(&["log", "--format", "json"])
            .expect_code(0)
            .stdout(),
    )
    .unwrap();
    assert_eq!(json[1]["number"], 12);
    assert_eq!(json[1]["link_or_file"], "supplied file");
}

#[test]
fn xlsx_reads_back() {
    use calamine::{Reader, Xlsx};
    let repo = with_files();
    let out = repo.path().join("log.xlsx");
    repo.run(&["log", "--format", "xlsx", "-o", out.to_str().unwrap()])
        .expect_code(0);
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let range = book.worksheet_range("Document log").unwrap();
    let cell = |r: u32, c: u32| {
        range
            .get_value((r, c))
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    assert_eq!(cell(0, 0), "Document number");
    assert_eq!(cell(2, 0), "12");
    assert_eq!(cell(2, 1), "IRD audit: 2025/26?");
    assert_eq!(cell(1, 4), "https://example.org/a.pdf");
    let first = std::fs::read(&out).unwrap();
    repo.run(&["log", "--format", "xlsx", "-o", out.to_str().unwrap()])
        .expect_code(0);
    assert_eq!(first, std::fs::read(&out).unwrap(), "byte-identical");
}

fn unzip(path: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().unwrap().to_string(), bytes)
        })
        .collect()
}

#[test]
fn package_is_complete_and_reproducible() {
    let repo = with_files().edit(
        "book/src/covid.md",
        "During the pandemic",
        "<!-- secret drafting note -->\nDuring the pandemic",
    );
    let a = repo.path().join("out/a.zip");
    let b = repo.path().join("out/b.zip");
    repo.run(&["package", "-o", a.to_str().unwrap()])
        .expect_code(0);
    repo.run(&["package", "-o", b.to_str().unwrap()])
        .expect_code(0);
    assert_eq!(
        std::fs::read(&a).unwrap(),
        std::fs::read(&b).unwrap(),
        "byte-identical"
    );
    let files = unzip(&a);
    let names: Vec<_> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "manifest.json",
            "document-log.csv",
            "document-log.pdf",
            "document-log.xlsx",
            "evidence/E12 - IRD audit- 2025-26-.md",
            "statement.docx",
            "statement.pdf",
        ]
    );
    // Every entry dated the submission date (not 1980, never the clock).
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&a).unwrap()).unwrap();
    for i in 0..zip.len() {
        let time = zip.by_index(i).unwrap().last_modified().unwrap();
        assert_eq!((time.year(), time.month(), time.day()), (2026, 3, 20));
    }
    let get =
        |n: &str| String::from_utf8(files.iter().find(|(f, _)| f == n).unwrap().1.clone()).unwrap();
    let pdf = &files.iter().find(|(f, _)| f == "statement.pdf").unwrap().1;
    assert!(pdf.starts_with(b"%PDF-"));
    let docx = &files.iter().find(|(f, _)| f == "statement.docx").unwrap().1;
    let mut word = zip::ZipArchive::new(std::io::Cursor::new(docx.clone())).unwrap();
    let mut body = String::new();
    word.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut body)
        .unwrap();
    assert!(body.contains("Response to Covid-19"));
    assert!(!body.contains("secret drafting note"), "notes stripped");
    let manifest: serde_json::Value = serde_json::from_str(&get("manifest.json")).unwrap();
    let evidence = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["document"] == 12)
        .unwrap();
    assert_eq!(evidence["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(evidence["bytes"], 38);
}

#[test]
fn package_refuses_while_errors_stand() {
    let repo = with_files().edit(
        "book/src/covid.md",
        "register [E1, E12]",
        "register [E1, E99]",
    );
    let out = repo.path().join("p.zip");
    let run = repo
        .run(&["package", "-o", out.to_str().unwrap()])
        .expect_code(1);
    assert!(
        run.stdout().contains("unknown-evidence"),
        "{}",
        run.stdout()
    );
    assert!(run.stdout().contains("package refused"), "{}", run.stdout());
    assert!(!out.exists(), "nothing written");
}

#[test]
fn package_says_what_warnings_travel_with_it() {
    // A stale audit in the evidence folder: a warning about a file it sends.
    let repo = with_files().edit(
        "evidence/log.toml",
        "date = 2025-11-01",
        "date = 2019-11-01",
    );
    let out = repo.path().join("out/p.zip");
    let run = repo
        .run(&["package", "-o", out.to_str().unwrap()])
        .expect_code(0);
    let text = run.stdout();
    assert!(text.contains("warning(s) stand"), "{text}");
    assert!(text.contains("about files in the package:"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("  evidence/log.toml:") && l.ends_with("[stale-evidence]")),
        "{text}"
    );
}

#[test]
fn log_reports_a_supplied_file_that_is_not_there() {
    let repo = with_files().remove("evidence/files/audits/ird.md");
    let run = repo.run(&["log", "--format", "csv"]).expect_code(1);
    // The log is still written; the missing file is said as check says it.
    assert!(
        run.stdout().contains("IRD audit: 2025/26?"),
        "{}",
        run.stdout()
    );
    let err = run.stderr();
    assert!(err.contains("missing-evidence-file"), "{err}");
    assert!(err.contains("audits/ird.md does not exist"), "{err}");
    with_files().run(&["log", "--format", "csv"]).expect_code(0);
}

/// A copy of `psdoc` alone in a folder, without the `psdoc-typeset` that
/// is installed beside it.
fn psdoc_without_typesetter(dir: &std::path::Path) -> std::path::PathBuf {
    let psdoc = binary("psdoc");
    let lone = dir.join(psdoc.file_name().unwrap());
    std::fs::copy(&psdoc, &lone).unwrap();
    lone
}

/// `lone ARGS` in `dir`: its exit code and standard error.
fn run_lone(lone: &std::path::Path, dir: &std::path::Path, args: &[&str]) -> Lone {
    let out = std::process::Command::new(lone)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    Lone {
        code: out.status.code().expect("exited normally (no signal)"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// What a run of a lone psdoc gave.
struct Lone {
    code: i32,
    stderr: String,
}

/// `script` written to `path` as an executable shell script.
#[cfg(unix)]
fn script(path: &std::path::Path, script: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, script).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// What the built psdoc-typeset does with `job` on its standard input.
fn typesetter_given(job: &[u8]) -> std::process::Output {
    let mut child = std::process::Command::new(binary("psdoc-typeset"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), job).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn pdfs_are_typeset_by_the_helper_beside_psdoc() {
    let repo = with_files();
    // Every command that writes a PDF: the statement, the log, the package.
    let pdf = repo.path().join("out/statement.pdf");
    repo.run(&["export", "--format", "pdf", "-o", pdf.to_str().unwrap()])
        .expect_code(0);
    let log = repo.path().join("out/log.pdf");
    repo.run(&["log", "--format", "pdf", "-o", log.to_str().unwrap()])
        .expect_code(0);
    for file in [&pdf, &log] {
        let bytes = std::fs::read(file).unwrap();
        assert!(bytes.starts_with(b"%PDF-1.7"), "{}", file.display());
        assert!(
            String::from_utf8_lossy(&bytes).contains("pdfuaid:part"),
            "{} is not tagged PDF/UA",
            file.display()
        );
    }
    // Without the helper, each says what is missing, where it looked and
    // what to do, and writes nothing.
    let bin = tempfile::tempdir().unwrap();
    let lone = psdoc_without_typesetter(bin.path());
    for (args, wrote) in [
        (
            vec!["export", "--format", "pdf", "-o", "lone.pdf"],
            "lone.pdf",
        ),
        (
            vec!["log", "--format", "pdf", "-o", "lone-log.pdf"],
            "lone-log.pdf",
        ),
        (vec!["package", "-o", "lone.zip"], "lone.zip"),
    ] {
        let out = run_lone(&lone, repo.path(), &args);
        let stderr = &out.stderr;
        assert_eq!(out.code, 2, "{args:?}: {stderr}");
        assert!(
            stderr.contains("psdoc's typesetter is not installed beside psdoc")
                && stderr.contains(&bin.path().join("psdoc-typeset").display().to_string())
                && stderr.contains("put psdoc-typeset in the same folder as psdoc"),
            "{args:?}: {stderr}"
        );
        assert!(!repo.path().join(wrote).exists(), "{args:?} wrote {wrote}");
    }
    // The other formats and commands do not need it.
    let out = run_lone(
        &lone,
        repo.path(),
        &["export", "--format", "docx", "-o", "lone.docx"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(repo.path().join("lone.docx").is_file());
}

#[test]
fn the_typesetter_run_by_hand_says_what_it_is() {
    let helper = binary("psdoc-typeset");
    let out = std::process::Command::new(&helper)
        .arg("statement.md")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("psdoc export --format pdf"), "{stderr}");
    // A job it cannot read: one line, exit 2, no PDF.
    let out = typesetter_given(b"{\"what\": 1}");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the job is not one psdoc") && stderr.lines().count() == 1,
        "{stderr}"
    );
    // A job from another version of psdoc is refused, not guessed at.
    let out = typesetter_given(
        br#"{"version": "0.0.1", "what": "statement", "source": "Hello", "date": "2025-01-01", "ident": "x"}"#,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("was given a job by psdoc 0.0.1") && stderr.contains("install psdoc again"),
        "{stderr}"
    );
    let version = std::process::Command::new(helper)
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("psdoc-typeset {}", env!("CARGO_PKG_VERSION"))
    );
}

/// What the typesetter says when it cannot typeset reaches the user as one
/// line with exit code 2; a typesetter that writes no PDF is a bug reported as
/// such; either way no file is written.
#[cfg(unix)]
#[test]
fn what_the_typesetter_says_reaches_the_user() {
    let repo = with_files();
    let bin = tempfile::tempdir().unwrap();
    let lone = psdoc_without_typesetter(bin.path());
    for (fake, expected) in [
        (
            "#!/bin/sh\ncat >/dev/null\necho 'cannot typeset the statement as PDF: no room' >&2\nexit 2\n",
            "psdoc: error: cannot typeset the statement as PDF: no room",
        ),
        (
            "#!/bin/sh\ncat >/dev/null\necho 'not a PDF'\n",
            "psdoc-typeset stopped without writing it (exit status: 0)",
        ),
    ] {
        script(&bin.path().join("psdoc-typeset"), fake);
        let out = run_lone(
            &lone,
            repo.path(),
            &["export", "--format", "pdf", "-o", "fake.pdf"],
        );
        let stderr = &out.stderr;
        assert_eq!(out.code, 2, "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(!repo.path().join("fake.pdf").exists());
    }
}

/// Typst is in psdoc-typeset only: the fonts it embeds in every PDF are in that
/// program's bytes and not in psdoc's.
#[test]
fn typst_is_linked_into_the_typesetter_only() {
    let holds_fonts = |path: &std::path::Path| {
        let bytes = std::fs::read(path).unwrap();
        bytes.windows(14).any(|w| w == b"LiberationSans")
    };
    assert!(holds_fonts(&binary("psdoc-typeset")));
    assert!(!holds_fonts(&binary("psdoc")));
}

/// Only the typesetter beside psdoc is ever run: not one in the statement's
/// folder or on PATH, which a pull request or a machine's owner controls.
/// And a large job with a typesetter that writes before it reads stalls
/// neither program (a hang fails the watched run).
#[cfg(unix)]
#[test]
fn only_the_typesetter_beside_psdoc_runs_and_pipes_never_stall() {
    // A chapter of about 86 KB: a job larger than a pipe holds (64 KB).
    let long = "Families told us that plans were clearer. ".repeat(2_000);
    let repo = with_files().file("book/src/covid.md", &format!("# Covid\n\n{long}\n"));
    let bin = tempfile::tempdir().unwrap();
    let lone = psdoc_without_typesetter(bin.path());
    let elsewhere = tempfile::tempdir().unwrap();
    let marker = elsewhere.path().join("ran");
    let impostor = format!("#!/bin/sh\ntouch {}\n", marker.display());
    for dir in [repo.path(), elsewhere.path()] {
        script(&dir.join("psdoc-typeset"), &impostor);
    }
    let path = format!(
        "{}:{}",
        elsewhere.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let export = ["export", "--format", "pdf", "-o", "out.pdf"];
    let out = watched::psdoc_copy(&lone, repo.path(), &export, path.as_ref());
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("is not installed beside psdoc"),
        "{}",
        out.stderr
    );
    assert!(
        !marker.exists(),
        "a psdoc-typeset other than psdoc's own ran"
    );
    // A typesetter that writes 200 KB before reading its job.
    let beside = bin.path().join("psdoc-typeset");
    script(
        &beside,
        "#!/bin/sh\nhead -c 200000 /dev/zero\ncat >/dev/null\nexit 3\n",
    );
    let out = watched::psdoc_copy(&lone, repo.path(), &export, path.as_ref());
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("stopped without writing it (exit status: 3)"),
        "{}",
        out.stderr
    );
    assert!(!repo.path().join("out.pdf").exists());
    // The real typesetter, given the same large job, writes the PDF.
    std::fs::copy(binary("psdoc-typeset"), &beside).unwrap();
    let out = watched::psdoc_copy(&lone, repo.path(), &export, path.as_ref());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        std::fs::read(repo.path().join("out.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
}
