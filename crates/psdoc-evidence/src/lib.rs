//! The evidence side of a position statement: the document log, evidence references in
//! the prose, and quality indicator references (resolved against the guidance profile's
//! framework; the framework and Appendix 2 themselves are data of `psdoc-guidance`).
//!
//! A library only: it never prints and never exits. Rules are built on top of it.
//!
//! # Decisions the rules rely on
//!
//! - **Log errors vs findings.** [`load_log`] fails (exit 2 for the CLI) on: invalid
//!   TOML/CSV/XLSX, unknown keys or columns (with a "did you mean"), wrong types, a
//!   missing or empty `id`/`title`, `id` < 1, `core` outside the profile's Appendix 2
//!   items (1 to 13 in the 2021 guidance), a date that is not a
//!   date, an empty string value in TOML, both `url` and `file`, a value in an unnamed
//!   column, a path outside the statement root. It *accepts*, keeping line numbers, what
//!   the rules report: duplicate ids, malformed urls, a public document with no url, a
//!   `file` that is missing or escapes `evidence.files` (never touched here). The first
//!   error carries the others in [`LogError::more`]; its `Display` is one line.
//! - **Positions.** [`Document::line`] is the `[[document]]` line (TOML), the row's first
//!   line (CSV, quoted multi-line cells counted), the row number (XLSX);
//!   [`Document::line_of`] gives a key's line, falling back to the entry's.
//! - **Dates.** TOML dates, or quoted `YYYY-MM-DD` / `DD/MM/YYYY`; CSV/XLSX text in either
//!   form (a trailing time is dropped) or real Excel dates. [`Date::months_until`] counts
//!   whole calendar months with the day clamped at month ends (2024-01-31 to 2024-02-29
//!   is 1; 2024-02-29 to 2026-02-28 is 24), so `stale-evidence` is
//!   `date.months_until(submission) > max_age_months`, exactly the maximum not stale.
//! - **CSV/XLSX.** Header names any case, any order; up to 10 title/note rows above the
//!   header are skipped; blank rows skipped; `core` split on `;` (or `,`); `public` is
//!   true/false/yes/no; an XLSX `url` cell showing a name uses its hyperlink, and a title
//!   hyperlinked to a web page is the `url` when the row has neither `url` nor `file`.
//! - **References.** A square bracket is a reference when its content starts with the
//!   prefix and a digit; `[E]`, `[E 12]`, `[e12]`, `[E-12]` and anything after a number
//!   that is not a list separator (`,` `;` `&` `and`) or a range (`-` `–` `to`) are
//!   [`ReferenceKind::Malformed`] with a reason that says how to fix it. Later list items
//!   may omit the prefix (`[E3, 12]`); an em dash is malformed. Round brackets holding
//!   only references (`(E6)`) and whole-token references in running text (`see E6`,
//!   `E6-E9`, `E6 to E9`) count too; `Document 6`, `Doc 6`, `Evidence 6` are always
//!   malformed, with the reference as [`ReferenceKind::Malformed`]'s `fix`. Under
//!   [`ReferenceStyle::Brackets`] only the square-bracket forms of
//!   docs/evidence.md#references count.
//!   [`Cited::Range`] is never expanded; test with [`Cited::contains`] or
//!   [`ReferenceKind::cites`].
//! - **Quality indicators.** One [`QiReference`] per number or range (`9.1-9.4` is one
//!   entry resolving to four QIs; en dashes are normalised to `-` in `written`).
//!   `resolved: None` is `unknown-quality-indicator`. Its `range` covers the number,
//!   not the word "QI".

pub mod date;
pub mod link;
pub mod log;
pub mod quality;
pub mod reference;

pub use date::Date;
pub use log::{
    CORE_ITEMS, Document, DocumentLog, FIELDS, LogError, line_col, load_log, parse_csv_log,
    parse_csv_log_with_items, parse_toml_log, parse_toml_log_with_items, parse_xlsx_log,
    parse_xlsx_log_with_items,
};
pub use psdoc_guidance::{CoreDocument, QualityIndicator};
pub use quality::{QiReference, find_qi_references};
pub use reference::{
    Cited, Form, LinkParts, Reference, ReferenceKind, ReferenceStyle, bracketed, find_references,
    find_references_with, number_tokens,
};
