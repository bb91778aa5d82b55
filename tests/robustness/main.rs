//! Hostile and broken input (issue 8): statement repositories broken in every
//! way the tests can generate, each with its exact outcome. psdoc either stops
//! with exit 2 and one line naming the file (and line), or reports the right
//! finding; it never panics, hangs, dies of a signal or runs away with memory,
//! never reads outside the statement root, writes only what it is asked to,
//! and gives the same bytes run after run.
//!
//! Unix only: the cases plant symbolic links. Peak memory is read from /proc
//! (Linux; elsewhere the bound is not checked).

#![cfg(unix)]

// Each test binary uses a part of the shared harness.
#[path = "../support/mod.rs"]
#[allow(dead_code, unused_imports)]
mod support;

mod chapters;
mod config_files;
mod determinism;
mod evidence;
mod fuzz_regressions;
mod links;
mod log;
mod references;
mod safety;
mod sizes;
