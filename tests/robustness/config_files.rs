//! Broken configuration: partnership.toml, book.toml and the document log,
//! each malformed, mistyped or holding keys psdoc does not know. Each stops
//! psdoc with exit 2 and one line naming the file, line and column.

use crate::support::Repo;
use crate::support::watched::{check_json, fails, one_finding, psdoc};

fn partnership(extra: &str) -> Repo {
    Repo::passing().file(
        "partnership.toml",
        &format!("[partnership]\nname = \"Test Partnership\"\nsubmission = 2026-03-20\n{extra}"),
    )
}

#[test]
fn partnership_toml_malformed_table_header() {
    let repo = Repo::passing().file("partnership.toml", "[partnership\nname = \"x\"\n");
    fails(
        repo.path(),
        &["check"],
        "partnership.toml:1:13",
        "expected `]`",
    );
}

#[test]
fn partnership_toml_unterminated_string() {
    let repo = Repo::passing().edit(
        "partnership.toml",
        "name = \"Test Partnership\"",
        "name = \"Test Partnership",
    );
    fails(
        repo.path(),
        &["check"],
        "partnership.toml:2:25",
        "invalid basic string",
    );
}

#[test]
fn partnership_toml_wrong_types() {
    let repo = partnership("[statement]\nword_limit = \"5000\"\n");
    fails(
        repo.path(),
        &["count"],
        "partnership.toml:5:14",
        "`statement.word_limit`",
    );
    let repo = partnership("[limits]\nmax_file_mb = 1.5\n");
    fails(
        repo.path(),
        &["check"],
        "partnership.toml:5:15",
        "`limits.max_file_mb`",
    );
    let repo = partnership("[privacy]\nallow = \"EH1 1AA\"\n");
    fails(
        repo.path(),
        &["scan"],
        "partnership.toml:5:9",
        "`privacy.allow`",
    );
}

#[test]
fn partnership_toml_values_out_of_range() {
    let repo = partnership("[statement]\nword_limit = 99999999999\n");
    fails(
        repo.path(),
        &["check"],
        "partnership.toml:5:14",
        "`statement.word_limit`",
    );
    let repo = partnership("[limits]\nmax_member_mb = 0\n");
    fails(
        repo.path(),
        &["check"],
        "partnership.toml:5:17",
        "from 1 to 1048576",
    );
}

#[test]
fn partnership_toml_unknown_keys() {
    let repo = partnership("[limits]\nmax_mb = 1\n");
    fails(
        repo.path(),
        &["check"],
        "partnership.toml:5:1",
        "unknown field `max_mb`",
    );
    let repo = partnership("[statment]\nword_limit = 4000\n");
    fails(
        repo.path(),
        &["check"],
        "partnership.toml:4:2",
        "unknown field `statment`",
    );
}

#[test]
fn partnership_toml_privacy_patterns_psdoc_cannot_use() {
    // Compiles, but matches empty text: reported at its line like any bad value.
    let repo = partnership("[[privacy.pattern]]\nname = \"case\"\nregex = 'x*'\n");
    fails(
        repo.path(),
        &["check"],
        "partnership.toml:6:9",
        "matches empty text",
    );
    // A built-in kind's name.
    let repo = partnership("[[privacy.pattern]]\nname = \"chi\"\nregex = 'SW-\\d{6}'\n");
    fails(
        repo.path(),
        &["scan"],
        "partnership.toml:6:9",
        "built-in kind",
    );
    // A regex too big to compile.
    let repo = partnership("[[privacy.pattern]]\nname = \"big\"\nregex = 'a{1000}{1000}{1000}'\n");
    fails(
        repo.path(),
        &["check"],
        "partnership.toml:6:9",
        "does not compile",
    );
}

#[test]
fn partnership_toml_not_utf8() {
    let repo = Repo::passing().bytes(
        "partnership.toml",
        b"[partnership]\nname = \"Comhairle nan Eilean Siar \xe0\"\n",
    );
    fails(repo.path(), &["check"], "partnership.toml", "not UTF-8");
}

#[test]
fn partnership_toml_with_bom_and_crlf_reads_with_right_lines() {
    let text =
        "\u{feff}[partnership]\r\nname = \"Test Partnership\"\r\nsubmission = 2026-03-20\r\n";
    let repo = Repo::passing().file("partnership.toml", text);
    psdoc(repo.path(), &["check"]);
    let bad = format!("{text}\r\n[statement]\r\nword_limit = \"many\"\r\n");
    let repo = Repo::passing().file("partnership.toml", &bad);
    fails(
        repo.path(),
        &["check"],
        "partnership.toml:6:14",
        "`statement.word_limit`",
    );
}

#[test]
fn book_toml_malformed() {
    let repo = Repo::passing().file("book/book.toml", "[book\ntitle = \"Test\"\n");
    fails(
        repo.path(),
        &["check"],
        "book/book.toml:1:6",
        "expected `]`",
    );
}

#[test]
fn book_toml_src_of_the_wrong_type() {
    let repo = Repo::passing().file("book/book.toml", "[book]\ntitle = \"Test\"\nsrc = 1\n");
    fails(repo.path(), &["check"], "book/book.toml:3:7", "`book.src`");
}

#[test]
fn book_toml_unknown_key_in_book() {
    // mdBook 0.5 refuses it, so `psdoc build` would fail: check says so first.
    let repo = Repo::passing().file(
        "book/book.toml",
        "[book]\ntitle = \"Test\"\ntitel = \"Test\"\n",
    );
    fails(
        repo.path(),
        &["check"],
        "book/book.toml:3:1",
        "unknown field `titel`",
    );
    // Other tables are mdBook's and its plugins' business.
    let repo = Repo::passing().file(
        "book/book.toml",
        "[book]\ntitle = \"Test\"\nlanguage = \"en\"\ntext-direction = \"ltr\"\n\n[output.html]\nno-such-key = 1\n\n[preprocessor.other]\nx = 1\n",
    );
    assert_eq!(psdoc(repo.path(), &["check"]).code, 0);
}

#[test]
fn book_toml_src_leaving_the_book() {
    let repo = Repo::passing().file("book/book.toml", "[book]\nsrc = \"../../elsewhere\"\n");
    fails(
        repo.path(),
        &["count"],
        "book/book.toml:2:7",
        "`book.src` must be a folder inside the book",
    );
}

#[test]
fn log_toml_malformed() {
    let repo = Repo::passing().file(
        "evidence/log.toml",
        "[[document]]\nid = 1\ntitle = \"Data set report\n",
    );
    let line = fails(
        repo.path(),
        &["check"],
        "evidence/log.toml:3:25",
        "not valid TOML",
    );
    assert_eq!(
        line.matches("not valid TOML").count(),
        1,
        "said once: {line}"
    );
}

#[test]
fn log_toml_wrong_types_and_values() {
    for (entry, place, gist) in [
        (
            "id = \"one\"\ntitle = \"x\"\n",
            "evidence/log.toml:2:6",
            "`id` must be a whole number",
        ),
        (
            "id = 99999999999999999999999\ntitle = \"x\"\n",
            "evidence/log.toml:2:6",
            "`id` is too large",
        ),
        (
            "id = -3\ntitle = \"x\"\n",
            "evidence/log.toml:2:6",
            "`id` must be 1 or more",
        ),
        (
            "id = 1\ntitle = \"x\"\ncore = 99\n",
            "evidence/log.toml:4:8",
            "from 1 to 13",
        ),
        (
            "id = 1\ntitle = \"x\"\ndate = \"yesterday\"\n",
            "evidence/log.toml:4:8",
            "`date` must be a date",
        ),
    ] {
        let repo = Repo::passing().file("evidence/log.toml", &format!("[[document]]\n{entry}"));
        let line = fails(repo.path(), &["check"], place, gist);
        assert_eq!(line.matches(gist).count(), 1, "said once: {line}");
    }
}

#[test]
fn log_toml_unknown_key() {
    let repo = Repo::passing().file(
        "evidence/log.toml",
        "[[document]]\nid = 1\ntitle = \"x\"\ncolour = \"red\"\n",
    );
    fails(
        repo.path(),
        &["log"],
        "evidence/log.toml:4:1",
        "unknown key `colour`",
    );
}

#[test]
fn log_toml_not_utf8() {
    let repo = Repo::passing().bytes(
        "evidence/log.toml",
        b"[[document]]\nid = 1\ntitle = \"Caf\xe9 audit\"\n",
    );
    fails(repo.path(), &["check"], "evidence/log.toml", "not UTF-8");
}

#[test]
fn log_csv_with_an_unknown_column() {
    let repo = Repo::passing().log_file(
        "evidence/log.csv",
        "id,title,url,colour\n1,Data set report,https://example.org/a.pdf,red\n".as_bytes(),
    );
    fails(repo.path(), &["check"], "evidence/log.csv:1", "colour");
}

#[test]
fn log_csv_in_windows_1252_with_crlf_keeps_its_rows() {
    // Excel's "CSV" on a Windows machine: cp1252, CRLF, a bad link on row 3.
    let csv = b"id,title,url,date\r\n1,Data set report,https://example.org/a.pdf,01/12/2025\r\n2,Caf\xe9 audit \x96 2025,htps:/broken,01/12/2025\r\n";
    let repo = Repo::passing().log_file("evidence/log.csv", csv).edit(
        "book/src/data.md",
        "re-registrations fell [E1]",
        "re-registrations fell [E1, E2]",
    );
    let json = check_json(repo.path());
    one_finding(&json, "invalid-evidence-link", "evidence/log.csv", 3);
}

#[test]
fn log_xlsx_that_is_not_a_workbook() {
    let repo = Repo::passing().log_file(
        "evidence/log.xlsx",
        "id,title\n1,A text file named .xlsx\n".as_bytes(),
    );
    fails(
        repo.path(),
        &["check"],
        "evidence/log.xlsx",
        "cannot read the workbook",
    );
}

#[test]
fn log_csv_with_mac_line_endings_keeps_its_rows() {
    // Excel for Mac's "CSV (Macintosh)": lone CRs end the lines.
    let repo = Repo::passing()
        .log_file(
            "evidence/log.csv",
            "id,title,url\r1,Data set report,https://example.org/a.pdf\r\r2,Audit,htps:/broken\r"
                .as_bytes(),
        )
        .edit(
            "book/src/data.md",
            "re-registrations fell [E1]",
            "re-registrations fell [E1, E2]",
        );
    let json = check_json(repo.path());
    one_finding(&json, "invalid-evidence-link", "evidence/log.csv", 4);
}

/// An `.xlsx` workbook whose one sheet has `rows` (sheetData XML).
fn log_workbook(rows: &str) -> Vec<u8> {
    let part = |xml: &str| format!(r#"<?xml version="1.0" encoding="UTF-8"?>{xml}"#).into_bytes();
    crate::evidence::zip_of(&[
        (
            "[Content_Types].xml",
            part(
                r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            ),
        ),
        (
            "_rels/.rels",
            part(
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
        ),
        (
            "xl/workbook.xml",
            part(
                r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Log" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            part(
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            part(&format!(
                r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
            )),
        ),
    ])
}

#[test]
fn log_xlsx_with_a_value_in_excels_last_cell() {
    // A grid from A1 to XFD1048576 would be 17 billion cells: the stray value
    // is reported at its row, within the memory bound.
    let rows = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>title</t></is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>Data set report</t></is></c></row>"#;
    let stray = r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#;
    let repo = Repo::passing().log_file(
        "evidence/log.xlsx",
        &log_workbook(&format!("{rows}{stray}")),
    );
    fails(
        repo.path(),
        &["check"],
        "evidence/log.xlsx:1048576:16384",
        "a value in column XFD, which has no name in the header row",
    );
    // Without it, the same workbook is read.
    let repo = repo.bytes("evidence/log.xlsx", &log_workbook(rows));
    assert_eq!(psdoc(repo.path(), &["check"]).code, 0);
}
