//! `psdoc check` on the example statement, in-process: loading and parsing
//! the book, assembling sections and running every rule.
//!
//! Run with `cargo bench -p psdoc-core --bench check`. The whole-process
//! figure in the README comes from hyperfine (see there).

use std::path::{Path, PathBuf};

fn example_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn main() {
    divan::main();
}

#[divan::bench]
fn check_example_statement(bencher: divan::Bencher) {
    let root = example_root();
    bencher.bench(|| {
        let report = psdoc_core::Report::check(divan::black_box(&root)).expect("example loads");
        divan::black_box(report.diagnostics.len())
    });
}

#[divan::bench]
fn count_words_of_example_statement(bencher: divan::Bencher) {
    let root = example_root();
    let project = psdoc_core::Project::open(&root).expect("example loads");
    let text: String = project
        .statement
        .units()
        .map(|(_, u)| u.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| psdoc_core::words::count_words(divan::black_box(&text)));
}

/// The evidence-reference finder alone, on every unit of text of the
/// example statement, as `Citations::find` runs it (once per paragraph,
/// list item, table cell and heading).
#[divan::bench]
fn find_references_in_example_statement(bencher: divan::Bencher) {
    let root = example_root();
    let project = psdoc_core::Project::open(&root).expect("example loads");
    let units: Vec<String> = project
        .statement
        .units()
        .map(|(_, u)| u.text.clone())
        .collect();
    let bytes: usize = units.iter().map(String::len).sum();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            units
                .iter()
                .map(|u| psdoc_evidence::find_references(divan::black_box(u), "E").len())
                .sum::<usize>()
        });
}
