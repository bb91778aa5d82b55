//! End-to-end tests: the real `psdoc` binary on statement repositories
//! written by the tests.

// Each test binary uses a part of the shared harness.
#[path = "../support/mod.rs"]
#[allow(dead_code, unused_imports)]
mod support;

mod build;
mod cache;
mod cli;
mod config_errors;
mod docs;
mod documents;
mod evidence_rules;
mod example;
mod export;
mod github;
mod guidance;
mod history;
mod layouts;
mod linking;
mod online;
mod privacy;
mod references;
mod section_rules;
mod snapshots;
mod words;
