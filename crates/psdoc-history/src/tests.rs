//! The diff's alignment and accounting on statements held in memory (the
//! git side is tested end to end in `tests/e2e/history.rs`).

use super::diff::{BlockChange, Status, diff_projects};
use super::*;
use psdoc_core::testing::TestStatement;

/// A project from chapters (file, text), listed in SUMMARY.md in order.
fn project(chapters: &[(&str, &str)]) -> Project {
    chapters
        .iter()
        .fold(TestStatement::new(), |st, (file, text)| {
            st.chapter(file, text)
        })
        .project()
}

fn section<'a>(d: &'a StatementDiff, key: &str) -> &'a SectionDiff {
    d.sections
        .iter()
        .find(|s| s.key.key() == key)
        .unwrap_or_else(|| panic!("no {key}"))
}

/// The diff's equations (docs/json.md#psdoc-diff---format-json): for every
/// section and the rest, `after - before == inserted - deleted + moved_in - moved_out`; the
/// statement's inserted and deleted words are the sums of the rows; what
/// moves in somewhere moved out somewhere; the statement's moved words count
/// each moved paragraph once.
pub(crate) fn assert_balanced(d: &StatementDiff) {
    let o = &d.other;
    let rows: Vec<(String, [usize; 7])> = d
        .sections
        .iter()
        .map(|s| {
            (
                s.key.key().to_owned(),
                [
                    s.words_before,
                    s.words_after,
                    s.inserted_words,
                    s.deleted_words,
                    s.moved_in,
                    s.moved_out,
                    s.moved_words,
                ],
            )
        })
        .chain([(
            "other".to_owned(),
            [
                o.words_before,
                o.words_after,
                o.inserted_words,
                o.deleted_words,
                o.moved_in,
                o.moved_out,
                o.moved_words,
            ],
        )])
        .collect();
    let mut sums = [0usize; 7];
    for (key, row) in &rows {
        let [before, after, inserted, deleted, moved_in, moved_out, moved] = *row;
        assert_eq!(
            after as i64 - before as i64,
            inserted as i64 - deleted as i64 + moved_in as i64 - moved_out as i64,
            "{key}: {row:?}"
        );
        assert!(moved >= moved_in + moved_out, "{key}: {row:?}");
        for (sum, n) in sums.iter_mut().zip(row) {
            *sum += n;
        }
    }
    let [before, after, inserted, deleted, moved_in, moved_out, moved] = sums;
    assert_eq!((before, after), (d.total_before, d.total_after));
    assert_eq!((inserted, deleted), (d.inserted_words, d.deleted_words));
    assert_eq!(moved_in, moved_out);
    assert_eq!(moved_in, d.moved_between_sections());
    // A paragraph moved between sections is in both sections' moved words.
    assert_eq!(d.moved_words, moved - moved_in);
    assert_eq!(
        d.total_after as i64 - d.total_before as i64,
        d.inserted_words as i64 - d.deleted_words as i64
    );
}

/// A figure as the renderers write it: `1,234`, `+7`, `−7`, `**12**`.
fn figure(cell: &str) -> i64 {
    let cell = cell.trim().trim_matches('*');
    let (sign, digits) = match cell.strip_prefix('\u{2212}') {
        Some(rest) => (-1, rest),
        None => (1, cell.trim_start_matches('+')),
    };
    sign * digits
        .replace(',', "")
        .parse::<i64>()
        .unwrap_or_else(|_| panic!("not a figure: {cell:?}"))
}

/// Every row of a table as shown: (before, after, change, inserted,
/// deleted, moved in, moved out) adds up, and the total row is the sum of
/// the others.
fn assert_rows_add_up(format: &str, rows: &[[i64; 7]]) {
    assert!(rows.len() >= 2, "{format}: {rows:?}");
    let (total, parts) = rows.split_last().unwrap();
    for row in rows {
        let [
            before,
            after,
            change,
            inserted,
            deleted,
            moved_in,
            moved_out,
        ] = *row;
        assert_eq!(after - before, change, "{format}: {row:?}");
        assert_eq!(
            change,
            inserted - deleted + moved_in - moved_out,
            "{format}: {row:?}"
        );
    }
    for k in 0..7 {
        assert_eq!(
            parts.iter().map(|r| r[k]).sum::<i64>(),
            total[k],
            "{format}: column {k} of {rows:?}"
        );
    }
}

/// The tables of the term, Markdown and HTML diffs add up as shown.
fn assert_tables_add_up(d: &StatementDiff) {
    let term = render_term(d, false);
    let rows: Vec<[i64; 7]> = term
        .lines()
        .skip_while(|l| !l.starts_with("Section "))
        .skip(2)
        .take_while(|l| !l.is_empty())
        .filter(|l| !l.starts_with("---"))
        .map(|l| {
            let cells: Vec<&str> = l
                .split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            let n = cells.len();
            let (ins, del) = cells[n - 3].split_once('/').unwrap();
            [
                figure(cells[n - 6]),
                figure(cells[n - 5]),
                figure(cells[n - 4]),
                figure(ins),
                -figure(del),
                figure(cells[n - 2]),
                -figure(cells[n - 1]),
            ]
        })
        .collect();
    assert_rows_add_up("term", &rows);

    let md = render_markdown(d, GITHUB_COMMENT_LIMIT);
    let rows: Vec<[i64; 7]> = md
        .lines()
        .skip_while(|l| !l.starts_with("| Section |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let (before, after) = cells[3]
                .trim_matches('*')
                .split_once(" \u{2192} ")
                .unwrap_or_else(|| panic!("{l}"));
            [
                figure(before),
                figure(after),
                figure(cells[4]),
                figure(cells[5]),
                figure(cells[6]),
                figure(cells[7]),
                figure(cells[8]),
            ]
        })
        .collect();
    assert_rows_add_up("markdown", &rows);

    let html = render_html(d);
    let table = &html[html.find("<caption>Words and evidence").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    let rows: Vec<[i64; 7]> = table
        .split("<tr>")
        .skip(2)
        .map(|row| {
            let numbers: Vec<i64> = row
                .split("<td class=\"n\">")
                .skip(1)
                .map(|c| figure(&c[..c.find("</td>").unwrap()]))
                .collect();
            numbers
                .try_into()
                .unwrap_or_else(|n| panic!("html: {n:?} in {row}"))
        })
        .collect();
    assert_rows_add_up("html", &rows);
}

const DATA: &str = "# What your data is telling you\n\nReferrals rose by 12% over two years [E1].\n\nRe-registrations fell, which we read with care.\n\nWe track outcomes after deregistration for a year.\n";
const INVOLVEMENT: &str = "# Children and young people's involvement and feedback\n\nChildren attend their own meetings [E1].\n\nAdvocacy is offered to every child on the register.\n";

#[test]
fn an_edit_counts_words_in_the_contracts_sense() {
    let before = project(&[("data.md", DATA)]);
    let after = project(&[(
        "data.md",
        &DATA.replace(
            "rose by 12% over two years",
            "rose by 15%\u{2013}20% over three well-being years",
        ),
    )]);
    let d = diff_projects("a", &before, "b", &after);
    let s = section(&d, "data");
    assert_eq!(s.status, Status::Changed);
    // "12%" "two" out; "15%" "20%" (an en dash splits) "three" "well-being" in.
    assert_eq!(
        (s.deleted_words, s.inserted_words, s.moved_words),
        (2, 4, 0)
    );
    assert_eq!(s.words_after, s.words_before + 2);
    assert_balanced(&d);
    assert!(s.blocks.iter().any(|b| b.change == BlockChange::Edited));
}

#[test]
fn a_paragraph_rewritten_on_another_subject_is_replaced_not_patched() {
    // The new paragraph shares half its words with the old one ("the", "and",
    // "children", "services"...), but hardly a phrase: the reader sees the old
    // paragraph deleted and the new one inserted, not a patchwork of both.
    let old = "We audited the chronologies of children on the register and found that most were complete and up to date.";
    let new = "Children and families told us that the services on the register were up to date but most were hard to find.";
    let before = project(&[(
        "data.md",
        &format!("# What your data is telling you\n\n{old}\n"),
    )]);
    let after = project(&[(
        "data.md",
        &format!("# What your data is telling you\n\n{new}\n"),
    )]);
    let d = diff_projects("a", &before, "b", &after);
    let s = section(&d, "data");
    let changes: Vec<&BlockChange> = s.blocks.iter().map(|b| &b.change).collect();
    assert!(changes.contains(&&BlockChange::Deleted), "{changes:?}");
    assert!(changes.contains(&&BlockChange::Inserted), "{changes:?}");
    assert!(!changes.contains(&&BlockChange::Edited), "{changes:?}");
    assert_eq!((s.deleted_words, s.inserted_words), (19, 21));
    assert_balanced(&d);

    // The same paragraph with a phrase changed is still one edited paragraph.
    let edited = old.replace(
        "complete and up to date",
        "complete, current and signed off",
    );
    let after = project(&[(
        "data.md",
        &format!("# What your data is telling you\n\n{edited}\n"),
    )]);
    let d = diff_projects("a", &before, "b", &after);
    let s = section(&d, "data");
    assert!(s.blocks.iter().any(|b| b.change == BlockChange::Edited));
    assert_eq!((s.deleted_words, s.inserted_words), (4, 4));
}

#[test]
fn a_paragraph_moved_within_a_section_is_moved_only() {
    let before = project(&[("data.md", DATA)]);
    let moved = "# What your data is telling you\n\nWe track outcomes after deregistration for a year.\n\nReferrals rose by 12% over two years [E1].\n\nRe-registrations fell, which we read with care.\n";
    let d = diff_projects("a", &before, "b", &project(&[("data.md", moved)]));
    let s = section(&d, "data");
    assert_eq!(s.status, Status::Changed);
    assert_eq!((s.inserted_words, s.deleted_words), (0, 0));
    assert_eq!(s.moved_words, 8);
    assert_eq!(d.moved_words, 8);
    assert_balanced(&d);
}

/// A section's words (deleted, inserted, moved, moved in, moved out).
fn figures(s: &SectionDiff) -> (usize, usize, usize, usize, usize) {
    (
        s.deleted_words,
        s.inserted_words,
        s.moved_words,
        s.moved_in,
        s.moved_out,
    )
}

/// The data section's last paragraph ("We track outcomes after
/// deregistration for a year.") moved to the end of the involvement
/// section, where it reads `moved`.
fn moved_to_involvement(moved: &str) -> StatementDiff {
    let before = project(&[("data.md", DATA), ("involvement.md", INVOLVEMENT)]);
    let data = DATA.replace("\nWe track outcomes after deregistration for a year.\n", "");
    let involvement = format!("{INVOLVEMENT}\n{moved}\n");
    diff_projects(
        "a",
        &before,
        "b",
        &project(&[("data.md", &data), ("involvement.md", &involvement)]),
    )
}

#[test]
fn a_paragraph_moved_between_sections_balances_both() {
    let d = moved_to_involvement("We track outcomes after deregistration for a whole year.");
    let (data, inv) = (section(&d, "data"), section(&d, "involvement"));
    // The move is a move in both, the word added on the way an insertion
    // where it arrived.
    assert_eq!(figures(data), (0, 0, 8, 0, 8));
    assert_eq!(figures(inv), (0, 1, 8, 8, 0));
    // Statement-wide, the move is a move and one inserted word.
    assert_eq!(
        (d.inserted_words, d.deleted_words, d.moved_words),
        (1, 0, 8)
    );
    assert_balanced(&d);
    assert!(
        inv.blocks
            .iter()
            .any(|b| matches!(b.change, BlockChange::MovedIn { edited: true, .. }))
    );
    assert!(
        data.blocks
            .iter()
            .any(|b| matches!(b.change, BlockChange::MovedOut { .. }))
    );
}

#[test]
fn a_paragraph_moved_between_sections_and_edited_counts_each_word_where_it_is() {
    let d = moved_to_involvement("We track outcomes after deregistration for one whole year.");
    let (data, inv) = (section(&d, "data"), section(&d, "involvement"));
    // Seven words moved; "a" was deleted from the data section, where it
    // was; "one whole" inserted into involvement, where it is.
    assert_eq!(data.words_before - data.words_after, 8);
    assert_eq!(figures(data), (1, 0, 7, 0, 7));
    assert_eq!(inv.words_after - inv.words_before, 9);
    assert_eq!(figures(inv), (0, 2, 7, 7, 0));
    assert_eq!(
        (d.inserted_words, d.deleted_words, d.moved_words),
        (2, 1, 7)
    );
    assert_balanced(&d);
    assert_tables_add_up(&d);
    // What each renderer shows adds up too.
    let term = render_term(&d, false);
    assert!(
        term.contains("2 words inserted, 1 deleted, 7 moved (7 to another section)."),
        "{term}"
    );
    let json: serde_json::Value = serde_json::from_str(&render_json(&d)).unwrap();
    assert_eq!(json["sections"][0]["moved_out"], 7, "{json:#}");
    assert_eq!(json["sections"][1]["moved_in"], 7, "{json:#}");
    assert_eq!(json["other"]["moved_in"], 0, "{json:#}");
}

#[test]
fn a_paragraph_moved_within_a_section_and_between_them_at_once() {
    let before = project(&[("data.md", DATA), ("involvement.md", INVOLVEMENT)]);
    // Within data: the last paragraph first; from involvement to data: the
    // advocacy paragraph.
    let data = "# What your data is telling you\n\nWe track outcomes after deregistration for a year.\n\nReferrals rose by 12% over two years [E1].\n\nRe-registrations fell, which we read with care.\n\nAdvocacy is offered to every child on the register.\n";
    let involvement = INVOLVEMENT.replace(
        "\nAdvocacy is offered to every child on the register.\n",
        "",
    );
    let d = diff_projects(
        "a",
        &before,
        "b",
        &project(&[("data.md", data), ("involvement.md", &involvement)]),
    );
    let (data, inv) = (section(&d, "data"), section(&d, "involvement"));
    assert_eq!(
        (data.moved_in, data.moved_out, data.moved_words),
        (9, 0, 17)
    );
    assert_eq!((inv.moved_in, inv.moved_out, inv.moved_words), (0, 9, 9));
    assert_eq!(d.moved_words, 17, "each moved paragraph once");
    assert_eq!(d.moved_between_sections(), 9);
    assert_balanced(&d);
    assert_tables_add_up(&d);
    let term = render_term(&d, false);
    assert!(
        term.contains("17 moved (9 to another section).")
            && term.contains("0 inserted, 0 deleted, 9 moved in, 0 moved out (8 moved within it)"),
        "{term}"
    );
    let html = render_html(&d);
    assert!(
        html.contains("<td>no change</td><td>no change</td>"),
        "{html}"
    );
}

#[test]
fn sections_match_by_key_across_files_numbering_and_variants() {
    let before = project(&[("data.md", DATA)]);
    let renamed = DATA.replace(
        "# What your data is telling you",
        "# 3. What Your Data Is Telling You",
    );
    let d = diff_projects(
        "a",
        &before,
        "b",
        &project(&[
            ("intro.md", "# Introduction\n\nHello there.\n"),
            ("part-two.md", &renamed),
        ]),
    );
    assert_eq!(d.sections.len(), 1);
    let s = section(&d, "data");
    assert_eq!(s.title, "3. What Your Data Is Telling You");
    // The heading was edited; every paragraph stayed.
    assert_eq!(s.blocks.iter().filter(|b| b.change.is_change()).count(), 1);
    assert_eq!(d.other.inserted_words, 3);
    assert_balanced(&d);
}

#[test]
fn evidence_and_quality_indicators_added_and_removed() {
    let before = project(&[("data.md", DATA)]);
    let after = project(&[(
        "data.md",
        &DATA
            .replace("[E1]", "[E2], guided by QI 6.4 and QIs 9.1-9.2")
            .replace("with care.", "with care [E1-E2]."),
    )]);
    let d = diff_projects("a", &before, "b", &after);
    let s = section(&d, "data");
    assert_eq!(s.evidence_added, vec![2]);
    assert!(s.evidence_removed.is_empty());
    assert_eq!(s.qi_added, vec!["6.4", "9.1", "9.2"]);
    let d = diff_projects("b", &after, "a", &before);
    let s = section(&d, "data");
    assert_eq!(s.evidence_removed, vec![2]);
    assert_eq!(s.qi_removed, vec!["6.4", "9.1", "9.2"]);
}

#[test]
fn added_and_removed_sections_count_from_zero() {
    let before = project(&[("data.md", DATA)]);
    let after = project(&[("data.md", DATA), ("involvement.md", INVOLVEMENT)]);
    let d = diff_projects("a", &before, "b", &after);
    let s = section(&d, "involvement");
    assert_eq!(
        (s.status, s.words_before, s.inserted_words),
        (Status::Added, 0, s.words_after)
    );
    let d = diff_projects("b", &after, "a", &before);
    let s = section(&d, "involvement");
    assert_eq!(
        (s.status, s.words_after, s.deleted_words),
        (Status::Removed, 0, s.words_before)
    );
    assert_eq!(
        d.sections.iter().map(|s| s.key.key()).collect::<Vec<_>>(),
        vec!["data", "involvement"]
    );
}

#[test]
fn every_edit_balances() {
    // Many pseudo-random edits: words dropped, duplicated and swapped,
    // paragraphs moved between sections.
    let base: Vec<&str> = vec![
        "# What your data is telling you",
        "Referrals rose by 12% over two years [E1].",
        "Re-registrations fell, which we read with care \u{2013} and caution.",
        "We track outcomes after deregistration for a year.",
        "# Children and young people's involvement and feedback",
        "Children attend their own meetings [E1].",
        "Advocacy is offered to every child on the register.",
        "# Key achievements and areas for improvement",
        "Our Bairns' Hoose opened in 2024.",
        "## Areas for improvement",
        "We will improve chronologies; capacity for improvement is good.",
    ];
    let mut seed: u64 = 0x5eed;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n.max(1)
    };
    let before = project(&[("s.md", &base.join("\n\n"))]);
    for _ in 0..60 {
        let mut paras: Vec<String> = base.iter().map(|s| s.to_string()).collect();
        for _ in 0..1 + next(4) {
            let i = next(paras.len());
            if paras[i].starts_with('#') {
                continue;
            }
            match next(4) {
                0 => {
                    let mut words: Vec<&str> = paras[i].split(' ').collect();
                    let k = next(words.len());
                    words.remove(k);
                    paras[i] = words.join(" ");
                }
                1 => paras[i] = format!("{} extra words here", paras[i]),
                2 => {
                    let p = paras.remove(i);
                    let j = 1 + next(paras.len() - 1);
                    paras.insert(j, p);
                }
                _ => paras[i] = paras[i].replacen(' ', " \u{2014} ", 1),
            }
        }
        let after = project(&[("s.md", &paras.join("\n\n"))]);
        let d = diff_projects("a", &before, "b", &after);
        assert_balanced(&d);
        assert_tables_add_up(&d);
    }
}

#[test]
fn markdown_stays_under_its_limit_and_says_it_was_shortened() {
    let long: String = (0..400)
        .map(|i| format!("Sentence {i} about children and their plans."))
        .collect::<Vec<_>>()
        .join(" ");
    let before = project(&[(
        "data.md",
        &format!("# What your data is telling you\n\n{long}\n"),
    )]);
    let after = project(&[(
        "data.md",
        &format!(
            "# What your data is telling you\n\n{}\n",
            long.replace("plans", "families")
        ),
    )]);
    let d = diff_projects("v1", &before, "v2", &after);
    let full = render_markdown(&d, GITHUB_COMMENT_LIMIT);
    assert!(!full.contains("shortened"));
    for limit in [6000, 2500, 900] {
        let short = render_markdown(&d, limit);
        assert!(
            short.chars().count() < limit,
            "{limit}: {}",
            short.chars().count()
        );
        assert!(short.contains("shortened"), "{short}");
        assert!(
            short.contains("| What your data is telling you |"),
            "the table stays: {short}"
        );
    }
}

#[test]
fn identifiers_are_masked_in_every_format() {
    let before = project(&[(
        "data.md",
        &format!("{DATA}\nA case: CHI 1904851231 was written here by mistake.\n"),
    )]);
    let after = project(&[(
        "data.md",
        &format!(
            "{DATA}\nA case: CHI 1904851231 was written here in error.\n\nAnd again 1904851231 here.\n"
        ),
    )]);
    let d = diff_projects("v1", &before, "v2", &after);
    for (name, out) in [
        ("term", render_term(&d, false)),
        ("term colour", render_term(&d, true)),
        ("markdown", render_markdown(&d, GITHUB_COMMENT_LIMIT)),
        ("html", render_html(&d)),
        ("json", render_json(&d)),
    ] {
        assert!(
            !out.contains("1904851231"),
            "{name} shows the CHI number:\n{out}"
        );
        if name != "json" {
            assert!(
                out.contains("19••••••31"),
                "{name} shows the masked form:\n{out}"
            );
        }
    }
}

#[test]
fn output_is_deterministic() {
    let before = project(&[("data.md", DATA), ("involvement.md", INVOLVEMENT)]);
    let after = project(&[
        ("involvement.md", INVOLVEMENT),
        ("data.md", &DATA.replace("care", "great care")),
    ]);
    let a = render_html(&diff_projects("a", &before, "b", &after));
    let b = render_html(&diff_projects("a", &before, "b", &after));
    assert_eq!(a, b);
}

#[test]
fn markdown_text_is_inert() {
    let text = "# What your data is telling you\n\nPing @someone about `<b>x</b>` and \\*this\\* | that $5 and $6.\n";
    let before = project(&[("data.md", DATA)]);
    let after = project(&[("data.md", text)]);
    let md = render_markdown(
        &diff_projects("a", &before, "b", &after),
        GITHUB_COMMENT_LIMIT,
    );
    assert!(!md.contains("@someone"), "{md}");
    assert!(!md.contains("<b>x"), "{md}");
    assert!(md.contains("\\*this\\*"), "{md}");
    assert!(md.contains("\\$5"), "{md}");
}
