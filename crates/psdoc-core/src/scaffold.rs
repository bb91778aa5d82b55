//! `psdoc init`: the files of a new statement repository.

use psdoc_guidance::Profile;

use crate::heading::SectionKey;

/// A file `psdoc init` writes, relative to the new repository's root.
pub struct ScaffoldFile {
    pub path: String,
    pub contents: String,
}

fn chapter_file(key: SectionKey) -> String {
    format!("{}.md", key.key())
}

/// The GitHub workflows a new statement repository gets, and the
/// Dependabot configuration that keeps their pinned actions up to date.
pub const WORKFLOWS: &[(&str, &str)] = &[
    (
        ".github/workflows/statement.yml",
        include_str!("../../../.github/workflows/statement.yml"),
    ),
    (
        ".github/workflows/statement-comment.yml",
        include_str!("../../../.github/workflows/statement-comment.yml"),
    ),
    // Keeps the workflows' pinned actions up to date.
    (
        ".github/dependabot.yml",
        include_str!("../../../.github/dependabot.yml"),
    ),
];

/// How `partnership.toml` names the profile a new statement follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen<'a> {
    /// The default profile: nothing to write.
    Default,
    /// A built-in profile, by name.
    BuiltIn(&'a str),
    /// A profile file in the repository (root-relative path).
    File(&'a str),
}

/// Every file of a new statement repository for `name`, following
/// `profile`: its chapters are the profile's required sections, each with
/// the guidance's heading and prompt, and `partnership.toml` names the
/// profile as `chosen` says.
pub fn files(name: &str, profile: &Profile, chosen: Chosen<'_>) -> Vec<ScaffoldFile> {
    let mut files = vec![
        ScaffoldFile {
            path: "partnership.toml".into(),
            contents: partnership_toml(name, profile, chosen),
        },
        ScaffoldFile {
            path: "book/book.toml".into(),
            contents: format!(
                "[book]\n# The title comes from partnership.toml: `psdoc build` writes\n# \"{}: position statement\" on every page.\nlanguage = \"en\"\nsrc = \"src\"\n\n\
# psdoc's preprocessor: `psdoc build` runs it in-process; a plain `mdbook build`\n\
# needs `mdbook-psdoc` on PATH. It checks the statement, links each [E12] to the\n\
# document log, shows word counts on screen and keeps drafting notes out.\n\
[preprocessor.psdoc]\n\
after = [\"links\"]\n\
fail-on = \"error\"     # or \"warning\", or \"never\" for a draft\n\
word-counts = true\n",
                escape(name)
            ),
        },
        ScaffoldFile {
            path: "book/src/SUMMARY.md".into(),
            contents: summary(profile),
        },
        ScaffoldFile {
            path: "evidence/log.toml".into(),
            contents: log_toml(profile),
        },
        ScaffoldFile {
            path: "evidence/files/README.md".into(),
            contents: "Local copies of non-public supporting evidence go in this folder.\nPublic documents are linked from the log with `url` instead.\nNo personal or identifiable information: psdoc checks every file here.\n".into(),
        },
        ScaffoldFile {
            path: ".gitignore".into(),
            contents: "/book/book\n/target\n*.zip\n~$*\n".into(),
        },
    ];
    // The pull-request check and the book's publishing: the same files as
    // this project's own, so they never drift.
    for (path, contents) in WORKFLOWS {
        files.push(ScaffoldFile {
            path: (*path).into(),
            contents: (*contents).into(),
        });
    }
    for spec in profile.required() {
        files.push(ScaffoldFile {
            path: format!("book/src/{}", chapter_file(spec.key)),
            contents: if spec.prompt.is_empty() {
                format!("# {}\n", spec.heading)
            } else {
                format!("# {}\n\n<!-- Guidance: {} -->\n", spec.heading, spec.prompt)
            },
        });
    }
    files
}

fn summary(profile: &Profile) -> String {
    let mut s = String::from("# Summary\n\n");
    for spec in profile.required() {
        s.push_str(&format!(
            "- [{}]({})\n",
            spec.heading,
            chapter_file(spec.key)
        ));
    }
    s
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn partnership_toml(name: &str, profile: &Profile, chosen: Chosen<'_>) -> String {
    let guidance = match chosen {
        Chosen::BuiltIn(p) => format!("profile = \"{}\"", escape(p)),
        Chosen::File(f) => format!("file = \"{}\"", escape(f)),
        Chosen::Default => {
            "# profile = \"children-at-risk-six-areas\"   # `psdoc guidance --list` names them"
                .into()
        }
    };
    format!(
        r#"# psdoc settings for this position statement. `psdoc check` reads only this
# file, the book and the evidence. Dates are written 2026-03-20 (no quotes).

[partnership]
name = "{}"
# submission = 2026-03-20       # the submission date the Care Inspectorate gave you

[statement]
book = "book"                    # the mdBook folder
word_limit = {}                # the guidance's limit
# [statement.budgets]            # optional word budgets per section
# data = 900

[evidence]
log = "evidence/log.toml"        # the document log (.toml, .csv or .xlsx)
files = "evidence/files"         # local copies of non-public evidence
prefix = "E"                     # references are written [E12]
reference_style = "any"          # also (E12), E12, E3 to E5 in the text; "brackets": [E12] only
max_age_months = 24              # older evidence is stale unless its `until` is ahead
# [evidence.not_applicable]      # core documents that do not apply, with the reason
# 1 = "Children's services are not delegated to the IJB"

[privacy]
# allow = ["exact text"]         # exact strings never reported (a public switchboard)
small_number_threshold = 5       # counts 1 to 4 in tables are flagged; 0 switches off
# [[privacy.pattern]]            # local identifiers, e.g. a case reference
# name = "case reference"
# regex = '\bSW-\d{{6}}\b'
# [[privacy.allow]]              # allow findings inside one file (a spreadsheet cannot
# file = "evidence/files/q4.xlsx"  # hold a comment); with `allow = [...]` above, write
# rule = "small-number"          # these as inline tables in that list instead
# reason = "published CPC figure"

[guidance]                       # the guidance the statement follows (`psdoc guidance`)
{}
# [guidance.sections.covid]      # adjust a section: required, heading, variants, prompt
# required = false

[rules]                          # "error", "warning" or "off" per rule
# stale-evidence = "off"

# [limits]                       # how much of an evidence file psdoc reads
# max_file_mb = 50               # larger files are reported, not read
# max_member_mb = 100            # the most one part of a .docx/.xlsx may expand to
# max_archive_mb = 200           # the most a whole .docx/.xlsx may expand to
# max_pdf_pages = 500
"#,
        escape(name),
        profile.word_limit,
        guidance
    )
}

const LOG: &str = r#"# The document log: every document the statement cites, numbered.
# Cite a document in the statement as [E12]; several as [E3, E12]; a run as [E3-E5].
#
# [[document]]
# id = 12                          # the document number, unique
# title = "Child protection committee annual report 2023-24"
# url = "https://example.org/cpc-annual-report.pdf"   # public documents: a link
# date = 2024-09-30                # date of this version
# until = 2026-03-31               # optional: end of the period a plan covers
# core = 6                         # Appendix 2 item (listed below), or a list [6, 8]
# series = "CPC annual report"     # optional: versions of one document
#
# For a document that is not public, give `file = "audits/ird-audit.pdf"`
# (inside evidence/files) and `public = false` instead of `url`.
#
"#;

/// `evidence/log.toml`: how to write an entry, and the profile's core
/// document request (Appendix 2) as a checklist.
fn log_toml(profile: &Profile) -> String {
    let mut out = String::from(LOG);
    out.push_str(
        "# Appendix 2 of the guidance: the core documents the inspection team requires.\n",
    );
    for item in &profile.core_documents {
        let mut text: String = item
            .title
            .chars()
            .map(|c| match c {
                '\u{2018}' | '\u{2019}' => '\'',
                '\u{201C}' | '\u{201D}' => '"',
                '\u{2013}' | '\u{2014}' => '-',
                c => c,
            })
            .collect();
        if !item.bodies.is_empty() {
            let bodies: Vec<String> = item
                .bodies
                .iter()
                .map(|b| format!("`body = \"{b}\"`"))
                .collect();
            text.push_str(&format!(" (give each {})", bodies.join(" or ")));
        }
        let mut line = format!("# {:>2}.", item.item);
        for word in text.split_whitespace() {
            if line.chars().count() + 1 + word.chars().count() > 86 {
                out.push_str(&line);
                out.push('\n');
                line = "#    ".into();
            }
            line.push(' ');
            line.push_str(word);
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}
