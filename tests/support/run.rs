//! The real binaries, run as a user runs them: the command, and what a run
//! gave.

use std::path::PathBuf;
use std::process::Output;

use assert_cmd::Command;

/// The folder named by `PSDOC_TEST_BINARIES`, when it is set: the binaries
/// to test instead of cargo's. CI points it at the release build, linked as it
/// is shipped (`.ci/build-release`), so the same tests run the binaries users
/// get.
pub fn test_binaries() -> Option<PathBuf> {
    std::env::var_os("PSDOC_TEST_BINARIES")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
}

/// The program `name` (`psdoc`, `psdoc-typeset`) the tests of `tests/e2e` and
/// `tests/robustness` run: the one cargo built with this test, or the one in
/// [`test_binaries`]. (The browser test and mdbook-psdoc's own tests run
/// cargo's.)
pub fn binary(name: &str) -> PathBuf {
    match test_binaries() {
        Some(dir) => {
            let path = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
            assert!(
                path.is_file(),
                "PSDOC_TEST_BINARIES names a folder without {name}: {}",
                path.display()
            );
            path
        }
        None => assert_cmd::cargo::cargo_bin(name),
    }
}

/// The `psdoc` binary the tests run ([`binary`]), as a command to add
/// arguments, a folder and environment to.
pub fn psdoc_command() -> Command {
    Command::new(binary("psdoc"))
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
