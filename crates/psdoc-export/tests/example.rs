//! The example statement at the repository's root, exported in every
//! format, in-process: the words match `psdoc count`, the output is the
//! same byte for byte run after run, and Typst accepts the markup.

use std::path::Path;

use psdoc_core::Project;
use psdoc_export::{Format, Options, document, export};

fn example() -> Project {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    Project::open(&root).expect("the example statement opens")
}

#[test]
fn the_document_has_the_counted_words() {
    let project = example();
    let doc = document::build(&project);
    assert_eq!(doc.words(), project.statement.total_words());
}

#[test]
fn pdf_and_docx_are_reproducible() {
    let project = example();
    for format in [Format::Pdf, Format::Docx, Format::Html] {
        let a = export(&project, format, Options::default()).unwrap();
        let b = export(&project, format, Options::default()).unwrap();
        assert_eq!(a, b, "{format:?} differs between two runs");
        if let Ok(dir) = std::env::var("PSDOC_EXPORT_DIR") {
            std::fs::write(
                Path::new(&dir).join(format!("statement.{}", format.extension())),
                &a,
            )
            .unwrap();
        }
    }
}
