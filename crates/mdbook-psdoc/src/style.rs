//! The little CSS psdoc adds, carried in the chapters themselves so that a
//! plain `mdbook build` and `psdoc build` give the same book with no theme
//! files to install.
//!
//! mdBook's print page (`print.html`, which becomes the submitted PDF) is
//! the only page with `<meta name="robots" content="noindex">`: that is how
//! the rules below find it.

/// A `<style>` block for chapters with a word count or the document log.
pub const STYLE: &str = r#"<style>
.psdoc-word-count { margin: 0 0 1.5em; padding: 0.4em 1em; border-inline-start: 0.4em solid var(--quote-border); background: var(--quote-bg); color: var(--fg); font-size: 0.9em; }
.psdoc-word-count p { margin: 0.2em 0; }
.psdoc-document-log tr:has(:target) { outline: 2px solid var(--links); outline-offset: -2px; }
.psdoc-document-log td { vertical-align: top; }
.psdoc-document-log td a { overflow-wrap: anywhere; }
@media print { .psdoc-word-count { display: none !important; } }
html:has(meta[name="robots"][content="noindex"]) .psdoc-word-count,
html:has(meta[name="robots"][content="noindex"]) .psdoc-screen-only,
html:has(meta[name="robots"][content="noindex"]) div[style*="break-before"]:has(+ .psdoc-screen-only) { display: none !important; }
</style>
"#;
