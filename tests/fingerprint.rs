//! End-to-end tests of `isnad fingerprint`: formats, schema, streaming and
//! whole-file paths agreeing, invariance of fingerprints, errors.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use predicates::prelude::*;
use support::{assert_valid, isnad, root, write};

fn json(args: &[&str]) -> serde_json::Value {
    let out = isnad()
        .arg("fingerprint")
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn json_output_matches_the_schema_and_the_library() {
    for example in ["examples/ar-article.txt", "examples/en-article.txt"] {
        let path = root().join(example);
        let doc = json(&["--format", "json", path.to_str().unwrap()]);
        assert_valid("fingerprint", &doc);
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = isnad_fingerprint::fingerprint_document(path.to_str().unwrap(), &text);
        assert_eq!(
            doc["document"]["fingerprint"],
            expected.document.fingerprint.as_str()
        );
        assert_eq!(doc["document"]["normalization"], "isnad-norm-1");
        assert_eq!(doc["document"]["length"], text.chars().count());
        let passages = doc["passages"].as_array().unwrap();
        assert_eq!(passages.len(), expected.passages.len());
        assert_eq!(passages[0]["id"], "p1");
        assert_eq!(passages[0]["kind"], "heading");
    }
}

#[test]
fn jsonl_has_one_document_per_line_and_table_ends_with_the_document() {
    let ar = root().join("examples/ar-article.txt");
    let en = root().join("examples/en-article.txt");
    let out = isnad()
        .args([
            "fingerprint",
            "--format",
            "jsonl",
            ar.to_str().unwrap(),
            en.to_str().unwrap(),
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<&[u8]> = out
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines.len(), 2);
    for line in lines {
        assert_valid("fingerprint", &serde_json::from_slice(line).unwrap());
    }
    isnad()
        .args(["fingerprint", ar.to_str().unwrap()])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("p1     heading")
                .and(predicate::str::contains("document sha256:")),
        );
}

#[test]
fn variants_of_a_text_have_one_fingerprint_and_stdin_utf16_agree() {
    let dir = tempfile::tempdir().unwrap();
    let plain = write(
        dir.path(),
        "plain.txt",
        "قال الرئيس: \"سنعلن الخطة عام 2019\".\n\nThe minister said \"yes\".\n",
    );
    let variant = write(
        dir.path(),
        "variant.txt",
        "\u{FEFF}قالَ الرئيسُ:  «سنعلن الخطة عام ٢٠١٩».\r\n\u{00A0}\r\nThe Minister said “yes”.\r\n",
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in
        "قال الرئيس: \"سنعلن الخطة عام 2019\".\n\nThe minister said \"yes\".\n".encode_utf16()
    {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let utf16 = write(dir.path(), "utf16.txt", utf16);
    let fp = |path: &std::path::Path| {
        json(&["--format", "json", path.to_str().unwrap()])["document"]["fingerprint"].clone()
    };
    let base = fp(&plain);
    let only = json(&[
        "--format",
        "json",
        "--document-only",
        variant.to_str().unwrap(),
    ]);
    assert_eq!(only["document"]["fingerprint"], base);
    assert_eq!(only["passages"].as_array().unwrap().len(), 0);
    assert_valid("fingerprint", &only);
    assert_eq!(fp(&variant), base);
    assert_eq!(fp(&utf16), base);
    let stdin = isnad()
        .args(["fingerprint", "--format", "json", "-"])
        .write_stdin(std::fs::read(&plain).unwrap())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let stdin: serde_json::Value = serde_json::from_slice(&stdin).unwrap();
    assert_eq!(stdin["document"]["fingerprint"], base);
    assert_eq!(stdin["document"]["source"], "-");
}

#[test]
fn bad_inputs_are_one_line_errors_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.txt", b"ok\nline \xff here".as_slice());
    isnad()
        .args(["fingerprint", bad.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.txt:2:6").and(predicate::str::contains("--lossy")));
    let binary = write(dir.path(), "bin.txt", b"\x7fELF\0\0".as_slice());
    isnad()
        .args(["fingerprint", binary.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("binary"));
    let good = root().join("examples/en-article.txt");
    // A batch with one bad input prints the good one and exits 2.
    isnad()
        .args([
            "fingerprint",
            "--format",
            "jsonl",
            bad.to_str().unwrap(),
            good.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("en-article.txt"))
        .stderr(predicate::str::contains("1 of 2 inputs failed"));
    isnad()
        .args(["fingerprint", "--lossy", bad.to_str().unwrap()])
        .assert()
        .success();
    isnad()
        .args(["fingerprint", "missing.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt"));
    isnad()
        .args(["fingerprint", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
}
