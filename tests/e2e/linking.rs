//! How the binaries are linked on Linux: always position-independent (loaded
//! at a random address, a defence against memory-corruption bugs in the C
//! code that reads a fork's git objects), and, as released for x64
//! (`.ci/build-release`, which CI's run of these tests on the release build
//! points `PSDOC_TEST_BINARIES` at), static: no dynamic loader, no shared
//! libraries to find and bind at every start.

#![cfg(all(target_os = "linux", target_env = "gnu"))]

use crate::support::{binary, test_binaries};

/// What the ELF header and program headers of `program` say: whether it is
/// position-independent (`ET_DYN`) and whether it names a dynamic loader
/// (a `PT_INTERP` program header).
fn linking(program: &str) -> (bool, bool) {
    let elf = std::fs::read(binary(program)).unwrap();
    assert_eq!(&elf[..4], b"\x7fELF", "{program} is not an ELF file");
    assert_eq!(elf[4], 2, "{program} is not a 64-bit ELF file");
    assert_eq!(elf[5], 1, "{program} is not a little-endian ELF file");
    let u16_at = |at: usize| u16::from_le_bytes(elf[at..at + 2].try_into().unwrap());
    let u64_at = |at: usize| u64::from_le_bytes(elf[at..at + 8].try_into().unwrap());
    const ET_DYN: u16 = 3;
    const PT_INTERP: u32 = 3;
    let position_independent = u16_at(0x10) == ET_DYN;
    let (table, size, count) = (u64_at(0x20) as usize, u16_at(0x36), u16_at(0x38));
    let interpreter = (0..usize::from(count)).any(|k| {
        let at = table + k * usize::from(size);
        u32::from_le_bytes(elf[at..at + 4].try_into().unwrap()) == PT_INTERP
    });
    (position_independent, interpreter)
}

#[test]
fn every_build_is_position_independent() {
    for program in ["psdoc", "psdoc-typeset"] {
        assert!(linking(program).0, "{program} is not position-independent");
    }
}

#[cfg(target_arch = "x86_64")]
#[test]
fn the_released_binaries_need_no_dynamic_loader() {
    if test_binaries().is_none() {
        // `cargo test`'s own build links glibc dynamically (proc-macros
        // cannot be built static without `--target`); CI runs this test
        // again on the release build.
        return;
    }
    for program in ["psdoc", "psdoc-typeset"] {
        assert!(
            !linking(program).1,
            "{program} names a dynamic loader: it was not linked static (.ci/build-release)"
        );
    }
}
