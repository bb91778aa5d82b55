//! End-to-end tests: the real `psdoc` binary on statement repositories
//! written by the tests.

mod harness;

mod cli;
mod config_errors;
mod evidence_rules;
mod example;
mod export;
mod layouts;
mod online;
mod section_rules;
mod words;
