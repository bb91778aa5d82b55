//! The real binaries, run as a user runs them: the command, and what a run
//! gave.

use std::process::Output;

use assert_cmd::Command;

/// The `psdoc` binary this test was built with, as a command to add
/// arguments, a folder and environment to.
pub fn psdoc_command() -> Command {
    Command::cargo_bin("psdoc").expect("psdoc binary")
}

pub struct Run {
    pub output: Output,
}

impl Run {
    pub fn code(&self) -> i32 {
        self.output
            .status
            .code()
            .expect("exited normally (no signal)")
    }

    pub fn stdout(&self) -> String {
        String::from_utf8(self.output.stdout.clone()).expect("UTF-8 stdout")
    }

    pub fn stderr(&self) -> String {
        String::from_utf8(self.output.stderr.clone()).expect("UTF-8 stderr")
    }

    /// Asserts the exit code, showing the output when it differs.
    pub fn expect_code(self, code: i32) -> Self {
        assert_eq!(
            self.code(),
            code,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
}
