//! Links `psdoc` on Linux as a position-dependent executable.
//!
//! A position-independent `psdoc` had 122,000 relative relocations (vtables, tables
//! of strings) for the dynamic loader to apply at every start, writing to some 600
//! pages: 1.3 ms of the 2.7 ms of `psdoc --version`, and of every command's start.
//! Linked with `-no-pie` the linker applies them once. The code is still compiled
//! position-independent (only the link changes); the executable itself no longer
//! loads at a random address, which the command, run by hand or in CI on a
//! repository's own files, does not rely on.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" && std::env::var_os("PSDOC_PIE").is_none() {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-env-changed=PSDOC_PIE");
}
