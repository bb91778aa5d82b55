//! Every input the fuzzers keep, replayed through the fuzz targets' own
//! functions in the ordinary test run (no cargo-fuzz needed): the seed corpora
//! (`fuzz/corpus/TARGET/`) and every crash found (`fuzz/regressions/TARGET/`),
//! so a crash fixed once stays fixed.

use std::path::{Path, PathBuf};

#[path = "../../fuzz/src/lib.rs"]
mod targets;

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|f| f.is_file());
    files.sort();
    files
}

#[test]
fn corpora_and_regressions_replay_without_a_crash() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    for (name, target) in targets::TARGETS {
        let corpus = files_in(&fuzz.join("corpus").join(name));
        assert!(!corpus.is_empty(), "fuzz/corpus/{name} has seeds");
        let regressions = files_in(&fuzz.join("regressions").join(name));
        for file in corpus.iter().chain(&regressions) {
            let bytes = std::fs::read(file).expect("read");
            let replay = std::panic::catch_unwind(|| target(&bytes));
            assert!(
                replay.is_ok(),
                "{} crashes the {name} target",
                file.display()
            );
        }
    }
}
