//! `mdbook-psdoc`: the preprocessor as mdBook runs it.
//!
//! - `mdbook-psdoc supports RENDERER`: exit 0 (every renderer is supported).
//! - `mdbook-psdoc`: reads `[context, book]` as JSON on stdin, checks the
//!   statement, prints the findings on stderr in mdBook's log style, and
//!   writes the book as JSON on stdout; exits 1 when `fail-on` says the
//!   findings fail the build, 2 when the statement cannot be read.

use std::io::Write;
use std::process::ExitCode;

use mdbook_psdoc::{Checked, Settings, render_book, statement};

const USAGE: &str = "\
mdbook-psdoc: psdoc's checks as an mdBook preprocessor

Add it to book.toml and run `mdbook build` (or run `psdoc build`, which needs
neither mdbook nor mdbook-psdoc on PATH):

    [preprocessor.psdoc]
    after = [\"links\"]
    fail-on = \"error\"        # \"error\" | \"warning\" | \"never\"
    word-counts = true
    log-chapter = \"document-log.md\"
    print-log = false

Usage:
    mdbook-psdoc supports RENDERER   exit 0 when RENDERER is supported
    mdbook-psdoc                     [context, book] JSON on stdin, book on stdout
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("supports") => return ExitCode::SUCCESS,
        Some("-h" | "--help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some("-V" | "--version") => {
            println!("mdbook-psdoc {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Some(other) => {
            eprintln!(
                "{}",
                error_line(&format!(
                    "mdbook-psdoc: unknown argument `{other}`; run `mdbook-psdoc --help`"
                ))
            );
            return ExitCode::from(2);
        }
        None => {}
    }
    match run() {
        Ok(code) => code,
        Err(e) => {
            anstream::eprintln!("{}", error_line(&e));
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode, String> {
    let stdin = std::io::stdin().lock();
    let (ctx, book) = mdbook_preprocessor::parse_input(stdin).map_err(|e| {
        format!("mdbook-psdoc: {e:#}: it reads what mdBook sends; run it through `mdbook build`")
    })?;
    if ctx.mdbook_version.split('.').take(2).collect::<Vec<_>>() != ["0", "5"] {
        eprintln!(
            " WARN mdbook-psdoc is built for mdBook 0.5, but mdBook {} is running it",
            ctx.mdbook_version
        );
    }
    let settings = Settings::from_config(&ctx.config, &ctx.root).map_err(|e| e.to_string())?;
    let checked = Checked::for_book(&ctx.root).map_err(|e| e.to_string())?;
    let mut err = anstream::stderr().lock();
    let title = mdbook_psdoc::book_title(&checked.config);
    match ctx.config.book.title.as_deref() {
        Some(t) if t == title => {}
        Some(_) => {
            let _ = writeln!(
                err,
                " WARN book.toml's title is not the partnership's: `psdoc build` titles the book \"{title}\" from partnership.toml; remove `title` from book.toml, or build with `psdoc build`"
            );
        }
        None => {
            let _ = writeln!(
                err,
                " INFO the book has no title here: `psdoc build` titles it \"{title}\" from partnership.toml"
            );
        }
    }
    for line in checked.log_lines() {
        let _ = writeln!(err, "{line}");
    }
    if statement::fails(&checked.report.diagnostics, settings.fail_on) {
        let failure = statement::failure(&checked.report.diagnostics, settings.fail_on);
        let _ = writeln!(err, "{}", error_line(&failure));
        return Ok(ExitCode::from(1));
    }
    drop(err);
    let book = render_book(book, checked.source(), &settings, &ctx.renderer);
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, &book)
        .map_err(|e| format!("mdbook-psdoc: cannot write the book: {e}"))?;
    out.flush()
        .map_err(|e| format!("mdbook-psdoc: cannot write the book: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

/// "ERROR message" on one line, the level in red where colour is wanted
/// (written through `anstream`).
fn error_line(e: &dyn std::fmt::Display) -> String {
    let red = anstyle::AnsiColor::Red.on_default();
    format!("{red}ERROR{red:#} {}", e.to_string().replace('\n', " "))
}
