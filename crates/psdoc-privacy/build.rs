//! Compiles the identifier prefilter (`src/triggers.rs`) into a forward and a reverse DFA,
//! serialised for the target's byte order, which `src/prefilter.rs` embeds and loads.
//! Building them takes a few seconds once; it saves every run of psdoc compiling the
//! prefilter (about a millisecond) and building DFA states while it searches.

use std::path::Path;

use regex_automata::dfa::{StartKind, dense, regex::Regex};
use regex_automata::nfa::thompson::{self, WhichCaptures};

#[path = "src/triggers.rs"]
#[allow(dead_code)]
mod triggers;

fn main() {
    println!("cargo::rerun-if-changed=src/triggers.rs");
    println!("cargo::rerun-if-changed=build.rs");
    let prefilter = Regex::builder()
        .dense(dense::Config::new().start_kind(StartKind::Unanchored))
        .thompson(thompson::Config::new().which_captures(WhichCaptures::None))
        .build_many(&triggers::parts())
        .unwrap_or_else(|e| {
            panic!("the prefilter in src/triggers.rs does not compile to a DFA: {e}")
        });
    let big_endian = std::env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() == Ok("big");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    for (name, dfa) in [
        ("forward", prefilter.forward()),
        ("reverse", prefilter.reverse()),
    ] {
        let (bytes, padding) = if big_endian {
            dfa.to_bytes_big_endian()
        } else {
            dfa.to_bytes_little_endian()
        };
        // What the binary embeds passes the full check here, so that a release
        // build may load it unchecked (src/prefilter.rs). The check needs the
        // target's byte order; a cross-build to the other order is checked by that
        // target's debug builds and tests.
        if big_endian == cfg!(target_endian = "big") {
            check(&bytes[padding..])
                .unwrap_or_else(|e| panic!("the {name} prefilter DFA fails its own check: {e}"));
        }
        let path = Path::new(&out).join(format!("prefilter.{name}.dfa"));
        std::fs::write(&path, &bytes[padding..])
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}

/// Reads serialised DFA bytes with every check, from a copy aligned as the
/// binary aligns them.
fn check(bytes: &[u8]) -> Result<(), regex_automata::util::wire::DeserializeError> {
    let mut buffer = vec![0u8; bytes.len() + 3];
    let start = buffer.as_ptr().align_offset(4);
    let copy = &mut buffer[start..start + bytes.len()];
    copy.copy_from_slice(bytes);
    dense::DFA::from_bytes(copy).map(|_| ())
}
