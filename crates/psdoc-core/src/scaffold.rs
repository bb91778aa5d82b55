//! `psdoc init`: the files of a new statement repository.

use crate::heading::SectionKey;

/// A file `psdoc init` writes, relative to the new repository's root.
pub struct ScaffoldFile {
    pub path: String,
    pub contents: String,
}

/// The guidance's prompt for each section, kept as a drafting note.
pub fn guidance_prompt(key: SectionKey) -> &'static str {
    match key {
        SectionKey::Context => {
            "Please provide a brief description of the context within which children's services are being delivered within your area. This need not be overly detailed as inspectors will have oversight of the partnership's children's service plan and other publicly accessible documents. Please outline the governance arrangements for child protection in the partnership in this section, including links to other boards and strategic oversight."
        }
        SectionKey::Covid => {
            "The position statement will reflect the impact of COVID-19 and the partnership's adaptation and response to government guidance and progress/constraints on recovery planning. If you have any examples of practice you want to highlight that came to the fore during this period, please include them here."
        }
        SectionKey::Data => {
            "Demonstrate the difference that services are making to the lives of at-risk children, young people and families based on information relating to outcomes, performance, and trends. The emphasis should be on the tangible results partners are achieving in relation to keeping children and young people safe. Be guided by quality indicator 1.1; links to QI 6.4 (performance management and quality assurance) will be useful."
        }
        SectionKey::Involvement => {
            "Your approach to involving children and young people in all the stages of protection processes and the impact this has had; how you gather feedback and what you do with it; how children and young people take part in discussions about service delivery and improvement; information sharing and complaints processes; how you comply with the broader remit of the UNCRC."
        }
        SectionKey::QualityAssurance => {
            "Your performance framework and the agreed set of standards and outcome indicators and how senior leaders oversee this; how partners identify best practice and improvement areas; audits completed and how practice has developed as a result; how you have used feedback from children, young people and families to improve services."
        }
        SectionKey::Leadership => {
            "Arrangements for leadership at a strategic and operational level across the partnership and their impact on children at risk of harm. Focus on QI 6.2 (planning and improving services) and 9.2 (leadership of strategy and direction); QIs 9.1-9.4 will inform your submission. How plans reflect strategic priorities for child protection and a rights-based approach; how you manage and mitigate emerging risks."
        }
        SectionKey::Achievements => {
            "Three to five key achievements over the last two years which have had the most positive impact on children and young people in need of protection. Give each achievement its own sub-heading (## ...)."
        }
        SectionKey::Improvement => {
            "Your priority areas for improvement over the next three years. Comment on your capacity for improvement, informed by quality indicator 10 within the quality framework."
        }
    }
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

/// Every file of a new statement repository for `name`.
pub fn files(name: &str) -> Vec<ScaffoldFile> {
    let mut files = vec![
        ScaffoldFile {
            path: "partnership.toml".into(),
            contents: partnership_toml(name),
        },
        ScaffoldFile {
            path: "book/book.toml".into(),
            contents: format!(
                "[book]\ntitle = \"{}: position statement\"\nlanguage = \"en\"\nsrc = \"src\"\n\n\
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
            contents: summary(),
        },
        ScaffoldFile {
            path: "evidence/log.toml".into(),
            contents: LOG.into(),
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
    for key in SectionKey::ALL {
        files.push(ScaffoldFile {
            path: format!("book/src/{}", chapter_file(key)),
            contents: format!(
                "# {}\n\n<!-- Guidance: {} -->\n",
                key.heading(),
                guidance_prompt(key)
            ),
        });
    }
    files
}

fn summary() -> String {
    let mut s = String::from("# Summary\n\n");
    for key in SectionKey::ALL {
        s.push_str(&format!("- [{}]({})\n", key.heading(), chapter_file(key)));
    }
    s
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn partnership_toml(name: &str) -> String {
    format!(
        r#"# psdoc settings for this position statement. `psdoc check` reads only this
# file, the book and the evidence. Dates are written 2026-03-20 (no quotes).

[partnership]
name = "{}"
# submission = 2026-03-20       # the submission date the Care Inspectorate gave you

[statement]
book = "book"                    # the mdBook folder
word_limit = 5000                # the guidance's limit
# [statement.budgets]            # optional word budgets per section
# data = 900

[evidence]
log = "evidence/log.toml"        # the document log (.toml, .csv or .xlsx)
files = "evidence/files"         # local copies of non-public evidence
prefix = "E"                     # references are written [E12]
max_age_months = 24              # older evidence is stale unless its `until` is ahead
# [evidence.not_applicable]      # core documents that do not apply, with the reason
# 1 = "Children's services are not delegated to the IJB"

[privacy]
allow = []                       # exact strings never reported (a public switchboard)
small_number_threshold = 5       # counts 1 to 4 in tables are flagged; 0 switches off
# [[privacy.pattern]]            # local identifiers, e.g. a case reference
# name = "case reference"
# regex = '\bSW-\d{{6}}\b'

[rules]                          # "error", "warning" or "off" per rule
# stale-evidence = "off"

# [limits]                       # how much of an evidence file psdoc reads
# max_file_mb = 50               # larger files are reported, not read
# max_member_mb = 100            # the most one part of a .docx/.xlsx may expand to
# max_archive_mb = 200           # the most a whole .docx/.xlsx may expand to
# max_pdf_pages = 500
"#,
        escape(name)
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
# core = 6                         # Appendix 2 item (1-13), or a list [6, 8]
# series = "CPC annual report"     # optional: versions of one document
#
# For a document that is not public, give `file = "audits/ird-audit.pdf"`
# (inside evidence/files) and `public = false` instead of `url`.
#
# Appendix 2 of the guidance: the core documents the inspection team requires.
#  1. Health and Social Care Partnership/Integration Joint Board (where children's
#     services are delegated to the IJB) and annual report
#  2. Performance framework (or equivalent) - children's services
#  3. Multi-agency governance arrangements for protection
#  4. The previous four data set reports to the CPC
#  5. Recent audit reports
#  6. Child protection committee plan and annual report
#  7. The previous four sets of minutes of the Chief Officers' group and the child
#     protection committee (give each `body = "COG"` or `body = "CPC"`)
#  8. Children's services plan and progress updates
#  9. Strategic needs assessment for children's services
# 10. Results of any large surveys of the views of children, young people and families
# 11. Chief social work officer's report
# 12. Quality assurance/self-evaluation framework or equivalent
# 13. Local poverty action plan
"#;
