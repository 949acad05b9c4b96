//! Helpers shared by the end-to-end tests of the `isnad` binary.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A command that runs the `isnad` binary built for these tests, with colour
/// and user configuration switched off.
pub fn isnad() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_isnad"));
    cmd.env("NO_COLOR", "1")
        .env_remove("ISNAD_LEDGER")
        .env_remove("ISNAD_AUTHOR");
    cmd
}

/// True when running under CI (`CI=true`), where a missing part is a failure.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Skips the calling test (returns `None`) with a notice when `part` is
/// missing, but panics under CI, where every part must be present.
pub fn require<T>(part: Option<T>, what: &str) -> Option<T> {
    if part.is_none() {
        assert!(!in_ci(), "{what} is required under CI=true but is missing");
        eprintln!("notice: skipping: {what} is not available");
    }
    part
}

/// The shared corpus: `ISNAD_CORPUS`, or `../shared/corpus` beside the workspace.
pub fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("ISNAD_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/corpus"));
    dir.join("README.md").is_file().then_some(dir)
}

/// True when `program --version` runs.
pub fn has_program(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The schemas directory.
pub fn schemas_dir() -> PathBuf {
    root().join("schemas")
}

/// Parses and validates `json` against the published schema `name`,
/// panicking with every error.
pub fn assert_valid(name: &str, json: &serde_json::Value) {
    let path = schemas_dir().join(format!("{name}.json"));
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(json)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "output does not match schema {name}: {errors:#?}"
    );
}

/// Writes `content` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

/// Runs `cmd`, asserts it succeeded and returns its standard output.
pub fn stdout_of_success(mut cmd: assert_cmd::Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

/// Runs `cmd`, asserts it exited 2 (usage or input error) and returns its
/// standard error.
pub fn stderr_of_error(mut cmd: assert_cmd::Command) -> String {
    let out = cmd.assert().code(2).get_output().stderr.clone();
    String::from_utf8(out).unwrap()
}
