//! End-to-end tests of the `isnad` binary's frame: help, exit codes, error
//! lines, schemas, and the `extract` table from every kind of input.
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

/// A text of `n` paragraphs made of `sentences` (cycled), numbered so no
/// two are alike, with `\n` or `\r\n` line ends and some lines broken
/// inside paragraphs: long enough to be read in many chunks.
fn long_text(sentences: &[&str], n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        let eol = if i % 3 == 0 { "\r\n" } else { "\n" };
        let a = sentences[i % sentences.len()];
        let b = sentences[(i + 1) % sentences.len()];
        let inside = if i % 4 == 0 { eol } else { " " };
        text.push_str(&format!("{i}. {a}{inside}{b}{eol}{eol}"));
    }
    text
}

const EN: &[&str] = &[
    "Mayor Lina Haddad said on Monday that the bridge would probably reopen in June.",
    "\"We may need more time,\" she added, citing delays in steel deliveries.",
    "Officials reportedly expect the work to cost twice the estimate.",
    "According to the port authority, the cranes could be repaired within weeks.",
];

const AR: &[&str] = &[
    "قال وزير النقل سامي العلي إن الطريق الساحلي قد يُفتتح الشهر المقبل.",
    "وأضاف أن الأعمال ربما تتأخر بسبب الأمطار.",
    "وبحسب مصادر مطلعة، فإن الكلفة تجاوزت التقديرات.",
    "وأكدت الوزارة في بيان أن العمال سيعودون إلى الموقع الأسبوع المقبل.",
];

/// `isnad extract ARGS` (a table) run in `dir`, with `stdin` as standard
/// input.
fn extract_table(dir: &std::path::Path, args: &[&str], stdin: Option<&str>) -> String {
    let mut cmd = isnad();
    cmd.current_dir(dir).arg("extract").args(args);
    if let Some(text) = stdin {
        cmd.write_stdin(text.as_bytes().to_vec());
    }
    support::stdout_of_success(cmd)
}

/// The table is the same whether its text is read from a file (streamed,
/// never held whole), from standard input (copied to a temporary file and
/// streamed) or in a batch of several files (each streamed too), and
/// each claim's `line:col` is its start's place in the text, counted over
/// the whole text, on texts of many chunks with `\n` and `\r\n` lines.
#[test]
fn extract_table_is_the_same_from_a_file_stdin_and_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        ("en.txt", long_text(EN, 900)),
        ("ar.txt", long_text(AR, 900)),
    ];
    let mut tables = String::new();
    for (name, text) in &texts {
        assert!(text.len() > 100_000);
        support::write(dir.path(), name, text);
        let from_file = extract_table(dir.path(), &[name], None);
        let from_stdin = extract_table(dir.path(), &["-"], Some(text));
        // the same table, with `-` for the file's name
        let renamed: Vec<String> = from_file
            .lines()
            .map(|l| match l.strip_prefix(name) {
                Some(rest) => format!("-{rest}"),
                None => l.to_string(),
            })
            .collect();
        assert_eq!(from_stdin.lines().collect::<Vec<_>>(), renamed, "{name}");
        assert!(from_stdin.ends_with('\n'));
        // each location is the claim's start in the whole text
        let json = support::stdout_of_success({
            let mut cmd = isnad();
            cmd.current_dir(dir.path())
                .args(["extract", "--format", "json", name]);
            cmd
        });
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        let mut line_starts = vec![0];
        for (i, c) in text.chars().enumerate() {
            if c == '\n' {
                line_starts.push(i + 1);
            }
        }
        let want: Vec<String> = doc["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let start = c["span"]["start"].as_u64().unwrap() as usize;
                let line = line_starts.partition_point(|&s| s <= start);
                format!("{name}:{line}:{}", start - line_starts[line - 1] + 1)
            })
            .collect();
        let got: Vec<&str> = from_file
            .lines()
            .filter(|l| l.starts_with(&format!("{name}:")))
            .map(|l| l.split_once("  ").unwrap().0)
            .collect();
        assert!(want.len() > 1000, "{name}: {} claims", want.len());
        assert_eq!(got, want, "{name}");
        tables.push_str(&from_file);
    }
    // a batch writes each document's table in turn
    assert_eq!(
        extract_table(dir.path(), &["en.txt", "ar.txt"], None),
        tables
    );
}

/// The table of a short English and a short Arabic text (a batch of two):
/// locations, classes, a speaker carried from an earlier sentence, cues,
/// contents and hedges, with right-to-left words isolated.
#[test]
fn extract_table_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    support::write(
        dir.path(),
        "en.txt",
        "Mayor Lina Haddad said on Monday that the bridge would probably reopen in June.\n\
         \"We may need more time,\" she added, citing delays in steel deliveries.\n\n\
         Officials reportedly expect the work to cost twice the estimate.\n",
    );
    support::write(
        dir.path(),
        "ar.txt",
        "قال وزير النقل سامي العلي إن الطريق الساحلي قد يُفتتح الشهر المقبل.\r\n\
         وأضاف أن الأعمال ربما تتأخر بسبب الأمطار.\r\n\r\n\
         وبحسب مصادر مطلعة، فإن الكلفة تجاوزت التقديرات.\r\n",
    );
    let table = extract_table(dir.path(), &["en.txt", "ar.txt"], None);
    insta::assert_snapshot!(table);
}
