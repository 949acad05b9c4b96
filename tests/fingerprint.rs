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
    // A batch with one bad input prints the good one and exits 2
    // (with --keep-going; without it the first failure ends the run).
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
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("bad.txt:2:6"));
    isnad()
        .args([
            "fingerprint",
            "--keep-going",
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
        .args(["fingerprint", "-", "-"])
        .write_stdin("text")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("only once"));
    // An empty input is a document without passages.
    let empty = write(dir.path(), "empty.txt", "\u{FEFF}");
    let doc = json(&["--format", "json", empty.to_str().unwrap()]);
    assert_valid("fingerprint", &doc);
    assert_eq!(doc["passages"].as_array().unwrap().len(), 0);
    assert_eq!(
        doc["document"]["fingerprint"],
        isnad_fingerprint::fingerprint("").as_str()
    );
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

/// Directories, globs and JSON Lines batches go through the batch reader:
/// one document per article, in sorted order, each equal to the library's
/// fingerprint of its text; a JSON array when several documents come.
#[test]
fn directories_globs_and_json_lines_batches() {
    let dir = tempfile::tempdir().unwrap();
    let ar = "قالَ الرئيس: «سنعلن الخطة».\n\nوأضاف أن العمل بدأ.\n";
    let en = "The minister said \"yes\".\n\nShe added that work began.\n";
    write(dir.path(), "b.txt", ar);
    write(dir.path(), "a.txt", en);
    write(dir.path(), "notes.bin", "not an article");
    let docs = json(&["--format", "json", dir.path().to_str().unwrap()]);
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 2);
    for (doc, text) in docs.iter().zip([en, ar]) {
        assert_valid("fingerprint", doc);
        let expected = isnad_fingerprint::fingerprint_document("-", text);
        assert_eq!(
            doc["document"]["fingerprint"],
            expected.document.fingerprint.as_str()
        );
        let fps: Vec<&str> = doc["passages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["fingerprint"].as_str().unwrap())
            .collect();
        let want: Vec<&str> = expected
            .passages
            .iter()
            .map(|p| p.fingerprint.as_str())
            .collect();
        assert_eq!(fps, want);
    }
    assert!(
        docs[0]["document"]["source"]
            .as_str()
            .unwrap()
            .ends_with("a.txt")
    );
    // A glob gives the same documents.
    let pattern = format!("{}/*.txt", dir.path().display());
    let globbed = json(&["--format", "json", &pattern]);
    assert_eq!(globbed.as_array().unwrap(), docs);
    // JSON Lines: one document per record, its text in `document.text`.
    let batch = write(
        dir.path(),
        "batch.jsonl",
        format!(
            "{}\n{}\n",
            serde_json::json!({"url": "https://example.org/1", "text": ar}),
            serde_json::json!({"url": "https://example.org/2", "text": en}),
        ),
    );
    let out = isnad()
        .args([
            "fingerprint",
            "--format",
            "jsonl",
            "--input-format",
            "jsonl",
        ])
        .arg(&batch)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<serde_json::Value> = out
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    for (doc, text) in lines.iter().zip([ar, en]) {
        assert_valid("fingerprint", doc);
        assert_eq!(doc["document"]["text"], text);
        assert_eq!(
            doc["document"]["fingerprint"],
            isnad_fingerprint::fingerprint(text).as_str()
        );
    }
    assert_eq!(lines[1]["document"]["url"], "https://example.org/2");
    // The table lists both records, then a bad directory is an error.
    isnad()
        .args(["fingerprint"])
        .arg(&batch)
        .assert()
        .success()
        .stdout(predicate::str::contains(":2: ").and(predicate::str::contains("document sha256:")));
    let empty = tempfile::tempdir().unwrap();
    isnad()
        .args(["fingerprint", empty.path().to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no .txt"));
}

/// Streaming in parallel keeps the output in input order and equal to the
/// library's whole-text result, in every format, for a text of many parts.
#[test]
fn a_large_text_streams_in_order_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "وزارة الصحة: لا إصابات جديدة\nكتب: سامر الحلبي\n\nقالَ وزير الصحة إنّ الوضع «مستقر».\n\nThe ministry said \"the dam is finished.\"\n\n";
    let text = unit.repeat((3 << 20) / unit.len());
    let path = write(dir.path(), "big.txt", text.as_str());
    let expected = isnad_fingerprint::fingerprint_document(path.to_str().unwrap(), &text);
    let doc = json(&["--format", "json", path.to_str().unwrap()]);
    let again: isnad_model::FingerprintDocument = serde_json::from_value(doc).unwrap();
    assert!(again == expected);
    let out = isnad()
        .args(["fingerprint", "--format", "jsonl", path.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let again: isnad_model::FingerprintDocument = serde_json::from_slice(&out).unwrap();
    assert!(again == expected);
    let table = isnad()
        .args(["fingerprint", path.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let table = String::from_utf8(table).unwrap();
    let rows: Vec<&str> = table.lines().filter(|l| l.starts_with('p')).collect();
    assert_eq!(rows.len(), expected.passages.len());
    for (row, p) in rows.iter().zip(&expected.passages) {
        let cols: Vec<&str> = row.split_whitespace().take(5).collect();
        let span = format!("{}-{}", p.span.start, p.span.end);
        assert_eq!(
            cols,
            [
                p.id.as_str(),
                kind(p.kind),
                span.as_str(),
                p.language.as_str(),
                p.fingerprint.as_str()
            ]
        );
    }
    assert!(table.ends_with(&format!("document {}\n", expected.document.fingerprint)));
}

fn kind(kind: isnad_model::PassageKind) -> &'static str {
    match kind {
        isnad_model::PassageKind::Heading => "heading",
        isnad_model::PassageKind::Paragraph => "paragraph",
        isnad_model::PassageKind::Byline => "byline",
        isnad_model::PassageKind::Dateline => "dateline",
        isnad_model::PassageKind::Item => "item",
    }
}
