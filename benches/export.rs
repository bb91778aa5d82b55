//! In-process costs of the documents that reach the inspectorate: the
//! example statement as PDF and as Word, and a Word statement of about
//! 5,000 words imported back. Whole-process times: benches/export-timing.sh.

use std::path::{Path, PathBuf};

use psdoc_core::Project;
use psdoc_export::{Format, Options, document, export_document};

fn main() {
    divan::main();
}

fn example() -> Project {
    Project::open(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")).expect("example")
}

#[divan::bench]
fn pdf_of_the_example(bencher: divan::Bencher) {
    let project = example();
    bencher.bench(|| {
        let doc = document::build(&project);
        export_document(&doc, Format::Pdf, Options::default()).unwrap()
    });
}

#[divan::bench]
fn docx_of_the_example(bencher: divan::Bencher) {
    let project = example();
    bencher.bench(|| {
        let doc = document::build(&project);
        export_document(&doc, Format::Docx, Options::default()).unwrap()
    });
}

/// The example's Word file with its data section repeated until the
/// statement is about 5,000 words.
fn five_thousand_words(dir: &Path) -> PathBuf {
    let project = example();
    let mut doc = document::build(&project);
    let extra: Vec<_> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, document::Block::Paragraph(_)))
        .take(5)
        .cloned()
        .collect();
    while doc.words() < 5_000 {
        doc.blocks.extend(extra.iter().cloned());
    }
    let path = dir.join("statement.docx");
    std::fs::write(
        &path,
        export_document(&doc, Format::Docx, Options::default()).unwrap(),
    )
    .unwrap();
    path
}

#[divan::bench(sample_count = 30)]
fn import_of_a_5000_word_word_statement(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let file = five_thousand_words(dir.path());
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        let target = dir.path().join(format!("out-{n}"));
        psdoc_import::import(psdoc_import::Request {
            file: &file,
            dir: &target,
            log: None,
            name: Some("Benchmark Partnership"),
        })
        .unwrap()
    });
}
