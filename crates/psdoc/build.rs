//! Links `psdoc` on Linux as a position-dependent executable when asked to
//! (`PSDOC_NO_PIE=1` at build time); by default it stays position-independent.
//!
//! A position-independent `psdoc` has about 122,000 relative relocations
//! (vtables, tables of strings) for the dynamic loader to apply at every start,
//! writing to some 600 pages: about 1.3 ms of the 2.7 ms of `psdoc --version`.
//! Linked with `-no-pie` the linker applies them once. But then the executable,
//! with the C code linked into it (libgit2, which reads a fork's git objects in
//! the comment workflow), always loads at the same address: address-space
//! randomisation is a defence against memory-corruption bugs in exactly that
//! kind of input, so the default keeps it, and a faster start is opt-in.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    let asked = std::env::var_os("PSDOC_NO_PIE").is_some_and(|v| v == "1");
    if os == "linux" && env == "gnu" && asked {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-env-changed=PSDOC_NO_PIE");
}
