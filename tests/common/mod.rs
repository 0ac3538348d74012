//! Helpers shared by the CLI tests (`mod common;` in each test file).

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `clausealign` binary.
pub fn cmd() -> Command {
    Command::cargo_bin("clausealign").expect("binary builds")
}

/// Run `check --format json` with `args` and parse the output; the exit
/// status must be 0 or 1 (findings or not), never an error.
pub fn check_json(args: &[&std::ffi::OsStr]) -> Value {
    let out = cmd()
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "exit {code}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}
