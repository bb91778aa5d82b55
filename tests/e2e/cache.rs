//! The evidence cache of `psdoc check` (docs/cache.md): a second check reads what
//! the first found in unchanged evidence files and an unchanged statement, and says
//! exactly the same.

use std::path::{Path, PathBuf};

use crate::support::*;

/// A statement in a git repository, with evidence files holding identifiers (one
/// of them allowed by its exact text), a small count and an unreadable file.
fn repo() -> Repo {
    let repo = Repo::passing()
        .bytes(
            "evidence/files/minutes.docx",
            &docx(&[
                "Attendees by role.",
                "Her CHI 1904851231 was discussed.",
                "The office is on 0131 496 0000.",
            ]),
        )
        .file(
            "evidence/files/notes.txt",
            "Write to rory.mcneill@example.org.\nThe family moved to KY99 9ZZ.\n",
        )
        .file(
            "evidence/files/counts.csv",
            "Area,Children registered\nNorth,3\nSouth,40\n",
        )
        .bytes("evidence/files/broken.docx", b"this is not a zip")
        .edit(
            "partnership.toml",
            "submission = 2026-03-20\n",
            "submission = 2026-03-20\n\n[[privacy.allow]]\nfile = \"evidence/files/minutes.docx\"\ntext = \"0131 496 0000\"\nreason = \"the council's switchboard\"\n",
        );
    git2::Repository::init(repo.path()).expect("git init");
    repo
}

/// `repo` with `text` as a paragraph of its context chapter (and nothing else added).
fn with_context(repo: Repo, text: &str) -> Repo {
    repo.file("book/src/context.md", &format!("{CONTEXT}\n{text}\n"))
}

fn cache_dir(repo: &Repo) -> PathBuf {
    repo.path().join(".git/psdoc/evidence-cache")
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    found.sort();
    found
}

/// `psdoc check` in every format a person or a program reads.
fn outputs(repo: &Repo) -> Vec<(i32, String)> {
    ["human", "json", "sarif", "markdown"]
        .iter()
        .map(|format| {
            let run = repo.run(&["check", "--format", format]);
            (run.code(), run.stdout())
        })
        .collect()
}

#[test]
fn a_second_check_reads_the_cache_and_says_the_same() {
    let repo = repo();
    let first = outputs(&repo);
    let json: serde_json::Value = serde_json::from_str(&first[1].1).unwrap();
    let rules: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    for rule in [
        "personal-identifier",
        "small-number",
        "evidence-not-scanned",
    ] {
        assert!(rules.contains(&rule), "no {rule} finding: {rules:?}");
    }
    let in_minutes = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["rule"] == "personal-identifier" && d["file"] == "evidence/files/minutes.docx"
        })
        .count();
    assert_eq!(in_minutes, 1, "the CHI; the switchboard is allowed");
    let cached = entries(&cache_dir(&repo));
    assert!(
        cached.len() >= 4,
        "an entry per evidence file (the damaged one too): {cached:?}"
    );
    assert_eq!(outputs(&repo), first, "the same findings from the cache");
    assert_eq!(entries(&cache_dir(&repo)), cached, "nothing written again");
}

#[test]
fn a_changed_file_is_read_again() {
    let repo = repo();
    let before = repo.findings("personal-identifier").len();
    let repo = repo.file(
        "evidence/files/notes.txt",
        "Nothing personal here any more.\n",
    );
    assert_eq!(repo.findings("personal-identifier").len(), before - 2);
}

#[test]
fn a_damaged_entry_is_ignored_and_written_again() {
    let repo = repo();
    let first = outputs(&repo);
    let cached = entries(&cache_dir(&repo));
    assert!(!cached.is_empty());
    for (i, entry) in cached.iter().enumerate() {
        let damaged: &[u8] = match i % 3 {
            0 => b"",
            1 => b"psdoc evidence cache 1\n{\"findings\": [{\"rule\": \"personal-identifier\"",
            _ => b"psdoc evidence cache 1\n{\"findings\": [{\"rule\": \"no-such-rule\", \"message\": \"\", \"line\": 1, \"column\": 1, \"length\": 0, \"help\": null, \"kind\": null, \"masked\": null, \"page\": null, \"sheet\": null, \"cell\": null, \"place\": null, \"allows\": []}]}",
        };
        std::fs::write(entry, damaged).unwrap();
    }
    assert_eq!(outputs(&repo), first, "damaged entries are not believed");
    for entry in entries(&cache_dir(&repo)) {
        let text = std::fs::read_to_string(&entry).unwrap();
        assert!(
            text.starts_with("psdoc evidence cache 1\n{")
                || text.starts_with("psdoc statement cache 1\n{"),
            "{entry:?} written again: {text:?}"
        );
    }
}

#[test]
fn the_cache_holds_no_identifier_in_clear() {
    let repo = with_context(repo(), "Contact jo.bloggs@example.org for the figures.");
    let run = repo.run(&["check", "--format", "json"]);
    assert!(run.stdout().contains("19••••••31"), "{}", run.stdout());
    let mut all = String::new();
    for entry in entries(&cache_dir(&repo)) {
        all.push_str(&std::fs::read_to_string(entry).unwrap());
    }
    assert!(all.contains("19••••••31"), "the masked CHI is kept: {all}");
    for clear in [
        "1904851231",
        "048512",
        "rory.mcneill",
        "mcneill@",
        "KY99 9ZZ",
        "0131 496 0000",
        "1314960000",
        "jo.bloggs",
    ] {
        assert!(!all.contains(clear), "{clear:?} in the cache: {all}");
    }
}

fn in_chapter(repo: &Repo, rule: &str) -> usize {
    repo.findings(rule)
        .iter()
        .filter(|d| d["file"] == "book/src/context.md")
        .count()
}

/// The statement's entry: how many texts it knows.
fn statement_texts(repo: &Repo) -> Vec<usize> {
    entries(&cache_dir(repo))
        .into_iter()
        .filter_map(|e| {
            let text = std::fs::read_to_string(e).ok()?;
            let json = text.strip_prefix("psdoc statement cache 1\n")?;
            let entry: serde_json::Value = serde_json::from_str(json).unwrap();
            Some(entry["texts"].as_object().unwrap().len())
        })
        .collect()
}

#[test]
fn an_unchanged_statement_is_read_from_the_cache_and_a_changed_chapter_is_scanned_again() {
    let phone = "Her father's mobile is 07700 900123.";
    let repo = with_context(repo(), phone);
    let first = outputs(&repo);
    assert_eq!(
        in_chapter(&repo, "personal-identifier"),
        1,
        "the phone number"
    );
    let cached = entries(&cache_dir(&repo));
    let texts = statement_texts(&repo);
    assert_eq!(texts.len(), 1, "one entry for the statement: {cached:?}");
    assert!(
        texts[0] >= 10,
        "the chapters, SUMMARY.md, partnership.toml, the log: {texts:?}"
    );
    assert_eq!(outputs(&repo), first, "the same findings from the cache");
    assert_eq!(entries(&cache_dir(&repo)), cached, "nothing written again");

    let repo = with_context(repo, "Nothing personal here.");
    assert_eq!(
        in_chapter(&repo, "personal-identifier"),
        0,
        "the edit is scanned"
    );
    let repo = with_context(repo, phone);
    assert_eq!(in_chapter(&repo, "personal-identifier"), 1, "and again");
    assert_eq!(outputs(&repo), first);
    assert_eq!(statement_texts(&repo), texts, "old drafts are not kept");
}

#[test]
fn a_chapter_with_an_indirect_identifier_is_scanned_every_time() {
    let plain = with_context(repo(), "Nothing personal here.");
    plain.findings("indirect-identifier");
    let all_texts = statement_texts(&plain);
    let repo = with_context(
        plain,
        "A 14-year-old girl at Loch Ard High School was excluded three times.",
    );
    let first = repo.findings("indirect-identifier");
    assert!(!first.is_empty(), "the age and the school");
    assert_eq!(repo.findings("indirect-identifier"), first, "found again");
    assert_eq!(
        statement_texts(&repo),
        [all_texts[0] - 1],
        "every text but that chapter is kept"
    );
    for entry in entries(&cache_dir(&repo)) {
        let text = std::fs::read_to_string(&entry).unwrap();
        assert!(
            !text.contains("Loch Ard High") && !text.contains("14-year-old"),
            "{entry:?} keeps an indirect identifier's details: {text}"
        );
    }
}

#[test]
fn two_checks_at_once_both_succeed() {
    let repo = repo();
    let expected = repo.run(&["check", "--format", "json"]).stdout();
    std::fs::remove_dir_all(cache_dir(&repo)).unwrap();
    let runs: Vec<Run> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(|| repo.run(&["check", "--format", "json"])))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for run in runs {
        assert_eq!(run.code(), 1, "{}", run.stderr());
        assert_eq!(run.stdout(), expected);
    }
    assert_eq!(repo.run(&["check", "--format", "json"]).stdout(), expected);
    let leftovers: Vec<_> = entries(&cache_dir(&repo))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn psdoc_no_cache_reads_every_file() {
    let repo = repo();
    let output = psdoc_command()
        .current_dir(repo.path())
        .env("PSDOC_NO_CACHE", "1")
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!cache_dir(&repo).exists());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        repo.run(&["check", "--format", "json"]).stdout()
    );
}
