//! The evidence rules: each with a case that must be found and a look-alike
//! that must not.

use crate::support::*;

const LOG: &str = "evidence/log.toml";

fn with_log(extra: &str) -> Repo {
    let log = format!(
        "[[document]]\nid = 1\ntitle = \"Data set report\"\nurl = \"https://example.org/a.pdf\"\ndate = 2025-12-01\n{extra}"
    );
    Repo::passing().file(LOG, &log)
}

fn messages(repo: &Repo, rule: &str) -> Vec<String> {
    repo.findings(rule)
        .iter()
        .map(|f| f["message"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn unknown_evidence_single_list_and_range() {
    let repo = Repo::passing().edit(
        "book/src/covid.md",
        "register [E1]",
        "register [E1, E7] and [E1-E100000000]",
    );
    let f = repo.findings("unknown-evidence");
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f[0]["file"], "book/src/covid.md");
    assert_eq!(f[0]["line"], 3);
    assert_eq!(f[0]["section"], "covid");
    assert!(
        f[0]["message"]
            .as_str()
            .unwrap()
            .contains("E7 is not in the document log")
    );
    assert!(
        f[1]["message"]
            .as_str()
            .unwrap()
            .contains("E2 to E100000000"),
        "{}",
        f[1]
    );
    // Inside code or an HTML comment a reference is not a reference.
    let repo = Repo::passing().edit(
        "book/src/covid.md",
        "register [E1]",
        "register [E1] `[E7]` <!-- [E8] -->\n\n```\n[E9]\n```\n",
    );
    assert!(repo.findings("unknown-evidence").is_empty());
}

#[test]
fn unknown_evidence_column_counts_characters() {
    let repo = Repo::passing().edit(
        "book/src/covid.md",
        "During the pandemic",
        "Children’s “services” [E7] during the pandemic",
    );
    let f = repo.findings("unknown-evidence");
    assert_eq!(f[0]["column"], 23, "{}", f[0]);
}

#[test]
fn malformed_references() {
    let repo = Repo::passing().edit(
        "book/src/covid.md",
        "register [E1]",
        "register [E1] [E] [E12a] [E5-E3]. See [Example] and [Edinburgh].",
    );
    assert_eq!(repo.findings("malformed-reference").len(), 3);
}

#[test]
fn unreferenced_evidence_but_not_core() {
    let repo = with_log(
        "\n[[document]]\nid = 2\ntitle = \"Youth forum report\"\nurl = \"https://example.org/b.pdf\"\ndate = 2025-12-01\n\n[[document]]\nid = 3\ntitle = \"CSWO report\"\nurl = \"https://example.org/c.pdf\"\ndate = 2025-12-01\ncore = 11\n",
    );
    let f = repo.findings("unreferenced-evidence");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["file"], LOG);
    assert_eq!(f[0]["line"], 8);
    // Cited inside a range counts.
    let cited = with_log("\n[[document]]\nid = 2\ntitle = \"Youth forum report\"\nurl = \"https://example.org/b.pdf\"\ndate = 2025-12-01\n")
        .edit("book/src/covid.md", "register [E1]", "register [E1-E2]");
    assert!(cited.findings("unreferenced-evidence").is_empty());
}

#[test]
fn duplicate_evidence_id_points_at_the_later_entry() {
    let repo = with_log(
        "\n[[document]]\nid = 1\ntitle = \"IRD audit\"\nurl = \"https://example.org/b.pdf\"\ndate = 2025-12-01\n",
    );
    let f = repo.findings("duplicate-evidence-id");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["line"], 8);
    repo.run(&["check"]).expect_code(1);
}

#[test]
fn evidence_files_missing_outside_and_present() {
    let repo = with_log("\n[[document]]\nid = 2\ntitle = \"Audit\"\nfile = \"audits/ird.md\"\ndate = 2025-12-01\n\n[[document]]\nid = 3\ntitle = \"Case file\"\nfile = \"../../secret.md\"\ndate = 2025-12-01\n\n[[document]]\nid = 4\ntitle = \"Present\"\nfile = \"audits/present.md\"\ndate = 2025-12-01\n")
        .file("secret.md", "outside\n")
        .file("evidence/files/audits/present.md", "An audit.\n")
        .edit("book/src/covid.md", "register [E1]", "register [E1-E4]");
    let missing = repo.findings("missing-evidence-file");
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0]["line"], 10, "points at the `file` key");
    assert!(
        missing[0]["message"]
            .as_str()
            .unwrap()
            .contains("evidence/files/audits/ird.md")
    );
    let outside = repo.findings("evidence-outside-folder");
    assert_eq!(outside.len(), 1);
    assert!(
        outside[0]["message"]
            .as_str()
            .unwrap()
            .contains("../../secret.md")
    );
}

#[cfg(unix)]
#[test]
fn evidence_link_out_of_the_folder() {
    let repo = with_log(
        "\n[[document]]\nid = 2\ntitle = \"Linked\"\nfile = \"linked.md\"\ndate = 2025-12-01\n",
    )
    .file("book/src/other.md", "not evidence\n")
    .file("evidence/files/README.md", "evidence\n")
    .edit("book/src/covid.md", "register [E1]", "register [E1, E2]");
    std::os::unix::fs::symlink(
        repo.path().join("book/src/other.md"),
        repo.path().join("evidence/files/linked.md"),
    )
    .unwrap();
    assert_eq!(repo.findings("evidence-outside-folder").len(), 1);
}

#[test]
fn public_without_link_and_invalid_links() {
    let repo = with_log("\n[[document]]\nid = 2\ntitle = \"CSWO report\"\npublic = true\nfile = \"x.md\"\n\n[[document]]\nid = 3\ntitle = \"Plan\"\nurl = \"www.lochard.gov.uk/plan.pdf\"\ndate = 2025-12-01\n")
        .file("evidence/files/x.md", "text\n")
        .edit("book/src/covid.md", "register [E1]", "register [E1-E3]");
    assert_eq!(messages(&repo, "public-evidence-without-link").len(), 1);
    let bad = repo.findings("invalid-evidence-link");
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0]["line"], 16, "points at `url`");
    assert!(with_log("").findings("invalid-evidence-link").is_empty());
}

#[test]
fn missing_core_documents_and_not_applicable() {
    let repo = Repo::passing();
    let f = repo.findings("missing-core-document");
    assert_eq!(f.len(), 13, "the fixture logs no core document");
    assert_eq!(f[0]["file"], LOG);
    assert_eq!(f[0]["line"], 1);
    let repo = Repo::passing().edit(
        "partnership.toml",
        "submission = 2026-03-20\n",
        "submission = 2026-03-20\n[evidence.not_applicable]\n1 = \"Not delegated to the IJB\"\n",
    );
    assert_eq!(repo.findings("missing-core-document").len(), 12);
}

#[test]
fn core_document_counts() {
    let mut extra = String::new();
    for (id, body) in [
        (2, "COG"),
        (3, "COG"),
        (4, "COG"),
        (5, "COG"),
        (6, "CPC"),
        (7, "CPC"),
        (8, "CPC"),
    ] {
        extra.push_str(&format!("\n[[document]]\nid = {id}\ntitle = \"Minutes {id}\"\nurl = \"https://example.org/{id}.pdf\"\ndate = 2025-12-01\ncore = 7\nbody = \"{body}\"\n"));
    }
    extra.push_str("\n[[document]]\nid = 9\ntitle = \"Data set Q1\"\nurl = \"https://example.org/9.pdf\"\ndate = 2025-12-01\ncore = 4\n");
    let repo = with_log(&extra);
    let m = messages(&repo, "core-document-count");
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(
        m.iter()
            .any(|s| s.contains("four sets of CPC minutes; the log has 3")),
        "{m:?}"
    );
    assert!(m.iter().any(|s| s.contains("item 4")), "{m:?}");
}

#[test]
fn stale_evidence_months_and_until() {
    // Submission 2026-03-20; 24 months back is 2024-03-20.
    let at_limit = with_log("").edit(LOG, "date = 2025-12-01", "date = 2024-03-20");
    assert!(
        at_limit.findings("stale-evidence").is_empty(),
        "exactly 24 months is not stale"
    );
    let stale = with_log("").edit(LOG, "date = 2025-12-01", "date = 2024-03-19");
    let f = stale.findings("stale-evidence");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["line"], 5, "points at `date`");
    let plan = with_log("").edit(
        LOG,
        "date = 2025-12-01",
        "date = 2023-04-01\nuntil = 2026-03-31",
    );
    assert!(
        plan.findings("stale-evidence").is_empty(),
        "a plan still in force"
    );
    let ended = with_log("").edit(
        LOG,
        "date = 2025-12-01",
        "date = 2023-04-01\nuntil = 2026-03-19",
    );
    assert_eq!(ended.findings("stale-evidence").len(), 1);
}

#[test]
fn superseded_versions_but_not_sets() {
    let repo = with_log("series = \"CPC annual report\"\n\n[[document]]\nid = 2\ntitle = \"CPC annual report 2024-25\"\nurl = \"https://example.org/b.pdf\"\ndate = 2026-01-10\nseries = \"CPC annual report\"\n")
        .edit("book/src/covid.md", "register [E1]", "register [E1, E2]");
    let f = repo.findings("superseded-evidence");
    assert_eq!(f.len(), 1);
    assert!(f[0]["message"].as_str().unwrap().starts_with("document 1 "));
    let sets = with_log(
        "core = 4\nseries = \"Data set\"\n\n[[document]]\nid = 2\ntitle = \"Data set Q2\"\nurl = \"https://example.org/b.pdf\"\ndate = 2026-01-10\nseries = \"Data set\"\ncore = 4\n",
    );
    assert!(sets.findings("superseded-evidence").is_empty());
}

#[test]
fn section_without_evidence_except_context() {
    let repo = Repo::passing().edit("book/src/involvement.md", " [E1]", "");
    let f = repo.findings("section-without-evidence");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["section"], "involvement");
    assert_eq!(f[0]["line"], 1);
    // Context cites nothing in the fixture and is not reported.
    assert!(
        Repo::passing()
            .findings("section-without-evidence")
            .is_empty()
    );
}

#[test]
fn unknown_quality_indicators_and_coverage() {
    let repo = Repo::passing().edit(
        "book/src/data.md",
        "QI 1.1 and QI 6.4",
        "QI 1.1, QI 6.7 and QIs 9.1-9.4",
    );
    let f = repo.findings("unknown-quality-indicator");
    assert_eq!(f.len(), 1);
    assert!(f[0]["message"].as_str().unwrap().contains("QI 6.7"));
    let json = repo.check_json();
    assert_eq!(
        json["summary"]["qi_coverage"]["9.2"],
        serde_json::json!(["data"])
    );
    assert_eq!(
        json["summary"]["qi_coverage"]["1.1"],
        serde_json::json!(["data"])
    );
    assert_eq!(
        json["summary"]["qi_coverage"]["10.1"],
        serde_json::json!(["improvement"])
    );
    assert_eq!(json["summary"]["qi_coverage"]["8.1"], serde_json::json!([]));
    // Percentages and section numbers are not QIs.
    let repo = Repo::passing().edit(
        "book/src/data.md",
        "We are guided",
        "Rates rose 6.7% (section 6.7). We are guided",
    );
    assert!(repo.findings("unknown-quality-indicator").is_empty());
}

#[test]
fn csv_log_works_like_toml() {
    let csv = "id,title,url,date,core\r\n1,Data set report,https://example.org/a.pdf,01/12/2025,\r\n2,CSWO report,https://example.org/c.pdf,01/12/2025,11;12\r\n";
    let repo = Repo::passing().log_file("evidence/log.csv", csv.as_bytes());
    repo.run(&["check"]).expect_code(0);
    assert_eq!(repo.findings("missing-core-document").len(), 11);
    let dup = Repo::passing()
        .log_file("evidence/log.csv", b"id,title,url,date\n1,A,https://example.org/a.pdf,2025-12-01\n1,B,https://example.org/b.pdf,2025-12-01\n");
    let f = dup.findings("duplicate-evidence-id");
    assert_eq!(
        (
            f[0]["file"].as_str().unwrap(),
            f[0]["line"].as_u64().unwrap()
        ),
        ("evidence/log.csv", 3)
    );
}

#[test]
fn log_errors_name_file_and_line() {
    let repo = with_log("\n[[document]]\nid = 2\ntitle = \"X\"\ndate = \"30 Sept\"\n");
    let run = repo.run(&["check"]).expect_code(2);
    assert!(
        run.stderr().contains("evidence/log.toml:10"),
        "{}",
        run.stderr()
    );
    let repo = Repo::passing().remove(LOG);
    let run = repo.run(&["check"]).expect_code(2);
    assert!(
        run.stderr().contains("evidence/log.toml"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("psdoc init"), "{}", run.stderr());
}

#[test]
fn qi_coverage_in_every_format() {
    let repo = Repo::passing();
    let human = repo.run(&["check"]).stdout();
    assert!(
        human.contains("QI 8.1") && human.contains("not addressed"),
        "{human}"
    );
    let github = repo.run(&["check", "--format", "github"]).stdout();
    assert!(github.contains("not addressed: QI 2.1"), "{github}");
    let sarif: serde_json::Value =
        serde_json::from_str(&repo.run(&["check", "--format", "sarif"]).stdout()).unwrap();
    assert_eq!(
        sarif["runs"][0]["properties"]["qiCoverage"]["6.4"],
        serde_json::json!(["data"])
    );
    let markdown = repo.run(&["check", "--format", "markdown"]).stdout();
    assert!(markdown.contains("6.4"), "{markdown}");
    assert_eq!(
        repo.check_json()["summary"]["qi_coverage"]["6.4"],
        serde_json::json!(["data"])
    );
}
