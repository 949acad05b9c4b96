//! End-to-end tests of the `isnad` binary's frame: help, exit codes, error
//! lines, schemas.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use predicates::prelude::*;
use support::{isnad, require, root, schemas_dir};

#[test]
fn help_documents_exit_codes_and_every_subcommand_has_examples() {
    isnad()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes:"));
    for sub in ["extract", "schema", "completions", "man"] {
        isnad()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"));
    }
}

#[test]
fn unknown_subcommand_suggests_and_exits_2() {
    isnad()
        .arg("extrct")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("extract"));
    isnad().args(["schema", "--bogus"]).assert().code(2);
}

#[test]
fn schema_command_prints_the_committed_files() {
    let list = isnad()
        .args(["schema", "--list"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let names = String::from_utf8(list).unwrap();
    assert!(names.lines().any(|n| n == "extraction"));
    for name in names.lines() {
        let printed = isnad()
            .args(["schema", name])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let committed = std::fs::read(schemas_dir().join(format!("{name}.json"))).unwrap();
        assert_eq!(
            printed, committed,
            "isnad schema {name} differs from schemas/{name}.json"
        );
    }
}

#[test]
fn unknown_schema_is_a_usage_error_naming_the_known_ones() {
    isnad().args(["schema", "nope"]).assert().code(2).stderr(
        predicate::str::is_match(
            r"^isnad: error: no schema named 'nope' \(hint: the published schemas are: extraction",
        )
        .unwrap(),
    );
}

#[test]
fn schema_all_writes_every_file() {
    let dir = tempfile::tempdir().unwrap();
    isnad()
        .args(["schema", "--all", "--out-dir"])
        .arg(dir.path())
        .assert()
        .success();
    for entry in std::fs::read_dir(schemas_dir()).unwrap() {
        let entry = entry.unwrap();
        assert_eq!(
            std::fs::read(entry.path()).unwrap(),
            std::fs::read(dir.path().join(entry.file_name())).unwrap()
        );
    }
}

#[test]
fn missing_file_and_directory_are_one_line_errors() {
    let out = isnad()
        .args(["extract", "no/such/file.txt"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("isnad: error: no/such/file.txt: "), "{err}");
    assert!(err.contains("hint: check the path"), "{err}");
    // A directory is read recursively (tests/ingest.rs); one without
    // article files is a one-line error.
    let dir = tempfile::tempdir().unwrap();
    isnad()
        .arg("extract")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "holds no .txt, .md, .html or .jsonl files",
        ));
}

#[test]
fn invalid_utf8_names_line_column_and_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = support::write(dir.path(), "bad.txt", b"first line\nab\xffcd\n");
    isnad().arg("extract").arg(&path).assert().code(2).stderr(
        predicate::str::contains("bad.txt:2:3: invalid UTF-8 at byte 13")
            .and(predicate::str::contains("--lossy")),
    );
}

#[test]
fn binary_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = support::write(dir.path(), "x.bin", b"\x7fELF\x02\x01\0\0");
    isnad()
        .arg("extract")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("binary data"));
}

#[test]
fn completions_and_man_pages_are_generated() {
    isnad()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("isnad"));
    let dir = tempfile::tempdir().unwrap();
    isnad().arg("man").arg(dir.path()).assert().success();
    assert!(dir.path().join("isnad.1").is_file());
    assert!(dir.path().join("isnad-extract.1").is_file());
}

/// The schemas must load as tools load them: Ajv (2020-12, strict) and
/// Python's `jsonschema`. `.ci/run` installs both.
#[test]
fn schemas_load_in_ajv_and_python_jsonschema() {
    let schemas: Vec<_> = std::fs::read_dir(schemas_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let ajv_dir = root().join(".ci/schema-check");
    let ajv =
        ajv_dir.join("node_modules/ajv/package.json").is_file() && support::has_program("node");
    if require(
        ajv.then_some(()),
        "Ajv (run `npm ci --prefix .ci/schema-check`)",
    )
    .is_some()
    {
        let mut cmd = std::process::Command::new("node");
        cmd.arg(ajv_dir.join("ajv-check.mjs")).args(&schemas);
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "Ajv: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let python = std::process::Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    if require(
        python.then_some(()),
        "python3 with jsonschema (pip install jsonschema)",
    )
    .is_some()
    {
        let out = std::process::Command::new("python3")
            .arg(ajv_dir.join("python_check.py"))
            .args(&schemas)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "python jsonschema: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
