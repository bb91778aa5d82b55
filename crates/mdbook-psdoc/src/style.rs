//! The little CSS psdoc adds, carried in the chapters themselves so that a
//! plain `mdbook build` and `psdoc build` give the same book with no theme
//! files to install.
//!
//! It also mends the places where mdBook 0.5's default themes fall short of
//! WCAG 2.2 AA, which public sector websites in Scotland must meet: the
//! sidebar's links are smaller than the 24 px minimum target size (2.5.8);
//! the sidebar toggle is a `<label>` carrying a button's ARIA attributes,
//! which cannot take keyboard focus (4.1.2, 2.1.1); in the dark theme
//! readers get by default (`navy`), links are too dim against the page and
//! the sidebar (1.4.3), and links in prose are told from text by colour
//! alone (1.4.1): prose links are underlined, as GOV.UK does.
//!
//! mdBook's print page (`print.html`, which becomes the submitted PDF) is
//! the only page with `<meta name="robots" content="noindex">`: that is how
//! the rules below find it.

/// A `<style>` and a `<script>` block for chapters with a word count or
/// the document log (mdBook's search index skips both).
pub const STYLE: &str = r#"<style>
.psdoc-word-count { margin: 0 0 1.5em; padding: 0.4em 1em; border-inline-start: 0.4em solid var(--quote-border); background: var(--quote-bg); color: var(--fg); font-size: 0.9em; }
.psdoc-word-count p { margin: 0.2em 0; }
.psdoc-document-log tr:has(:target) { outline: 2px solid var(--links); outline-offset: -2px; }
.psdoc-document-log td { vertical-align: top; }
.psdoc-document-log td:nth-child(3) { white-space: nowrap; }
.psdoc-document-log td a { overflow-wrap: anywhere; }
@media print { .psdoc-word-count { display: none !important; } }
.psdoc-print-cover { display: none; }
html:has(meta[name="robots"][content="noindex"]) .psdoc-print-cover { display: block; break-after: page; margin: 6em 0 2em; }
.psdoc-print-cover .psdoc-cover-title { font-size: 2.2em; font-weight: bold; margin: 0.2em 0 0.6em; }
html:has(meta[name="robots"][content="noindex"]) .psdoc-word-count,
html:has(meta[name="robots"][content="noindex"]) .psdoc-screen-only,
html:has(meta[name="robots"][content="noindex"]) div[style*="break-before"]:has(+ .psdoc-screen-only) { display: none !important; }
#mdbook-sidebar .chapter li a { display: inline-block; min-height: 24px; }
.content :is(p, li, td, dd, blockquote) a { text-decoration: underline; text-underline-offset: 0.15em; }
html.navy { --links: #5fa8d3; --sidebar-active: #5fa8d3; }
</style>
<script>
(function () {
  var toggle = document.getElementById("mdbook-sidebar-toggle");
  if (!toggle || toggle.getAttribute("role")) return;
  toggle.setAttribute("role", "button");
  toggle.tabIndex = 0;
  toggle.addEventListener("keydown", function (e) {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle.click(); }
  });
})();
</script>
"#;

/// The print page's cover, the same block the exported PDF opens with:
/// the partnership, "Position statement", the submission date and the
/// words against the limit, and where the submission copy comes from.
/// Shown on `print.html` only.
pub fn print_cover(config: &psdoc_core::Config, words: usize) -> String {
    let date = config
        .partnership
        .submission
        .unwrap_or_else(psdoc_evidence::Date::today);
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    format!(
        "<div class=\"psdoc-print-cover\">\n<p>{}</p>\n<p class=\"psdoc-cover-title\">Position statement</p>\n<p>Submitted to the Care Inspectorate on {}</p>\n<p>{} words of the {}-word limit</p>\n<p><small>This is the book's print page. The copy to submit, an accessible PDF or a Word file with a contents list and page numbers, is made by <code>psdoc export</code>.</small></p>\n</div>\n\n",
        escape(&config.partnership.name),
        date.written_out(),
        psdoc_core::text::thousands(words),
        psdoc_core::text::thousands(config.statement.word_limit as usize),
    )
}
