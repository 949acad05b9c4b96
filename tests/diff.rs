//! End-to-end tests of `isnad diff` on our own article versions
//! (tests/fixtures/diff/README.md says what each pair changes).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use predicates::prelude::*;
use serde_json::Value;
use support::{assert_valid, isnad, root};

fn fixture(name: &str) -> String {
    root()
        .join("tests/fixtures/diff")
        .join(name)
        .display()
        .to_string()
}

/// Runs `isnad diff --format json`, checks the exit code and the schema, and
/// returns the document.
fn diff_json(old: &str, new: &str, code: i32) -> Value {
    let out = isnad()
        .args(["diff", "--format", "json", &fixture(old), &fixture(new)])
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_valid("diff", &doc);
    doc
}

/// Every `kind(old>new)` change of the document, and the statuses.
fn changes(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for c in doc["claims"].as_array().unwrap() {
        let status = c["status"].as_str().unwrap();
        if status == "added" || status == "removed" {
            out.push(status.to_string());
        }
        for f in c["changes"].as_array().unwrap() {
            out.push(format!(
                "{}({}>{})",
                f["kind"].as_str().unwrap(),
                f["old"].as_str().unwrap_or(""),
                f["new"].as_str().unwrap_or("")
            ));
        }
    }
    out
}

fn assert_has(all: &[String], wanted: &[&str]) {
    for w in wanted {
        assert!(all.iter().any(|c| c == w), "missing change {w} in {all:#?}");
    }
}

#[test]
fn english_versions_name_each_change() {
    let doc = diff_json("en-v1.txt", "en-v2.txt", 1);
    assert_eq!(doc["claims_unchanged"], false);
    let all = changes(&doc);
    assert_has(
        &all,
        &[
            "cue(said>claimed)",
            "stance(asserts>alleges)",
            "hedge_removed(possible>)",
            "attribution(attributed>vague)",
            "removed",
            "added",
        ],
    );
}

#[test]
fn arabic_versions_name_each_change() {
    let doc = diff_json("ar-v1.txt", "ar-v2.txt", 1);
    let all = changes(&doc);
    assert_has(
        &all,
        &[
            "cue(قال>زعم)",
            "stance(asserts>alleges)",
            "hedge_removed(محتملة>)",
            "attribution(attributed>vague)",
            "removed",
            "added",
        ],
    );
    let speaker = all.iter().find(|c| c.starts_with("speaker(")).unwrap();
    assert!(speaker.contains("مصادر مطلعة"), "{speaker}");
}

#[test]
fn formatting_only_edits_are_no_claim_change() {
    for lang in ["ar", "en"] {
        let doc = diff_json(
            &format!("{lang}-v1.txt"),
            &format!("{lang}-v1-formatting.txt"),
            0,
        );
        assert_eq!(doc["claims_unchanged"], true);
        assert!(changes(&doc).is_empty());
        isnad()
            .args([
                "diff",
                "--strict",
                &fixture(&format!("{lang}-v1.txt")),
                &fixture(&format!("{lang}-v1-formatting.txt")),
            ])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("no claim change"));
    }
}

#[test]
fn reordered_paragraphs_are_moves() {
    for lang in ["ar", "en"] {
        let doc = diff_json(
            &format!("{lang}-v1.txt"),
            &format!("{lang}-v1-reordered.txt"),
            1,
        );
        let all = changes(&doc);
        assert!(
            !all.is_empty() && all.iter().all(|c| c.starts_with("moved(")),
            "{all:?}"
        );
        assert_eq!(doc["summary"]["passages_moved"], 1);
    }
}

#[test]
fn identical_files_exit_0() {
    let doc = diff_json("ar-v1.txt", "ar-v1.txt", 0);
    assert_eq!(doc["summary"]["claims_changed"], 0);
    assert!(doc["summary"]["claims_unchanged"].as_u64().unwrap() > 0);
}

#[test]
fn empty_old_version_makes_every_claim_added() {
    let dir = tempfile::tempdir().unwrap();
    let empty = support::write(dir.path(), "empty.txt", "");
    let out = isnad()
        .args(["diff", "--format", "json"])
        .arg(&empty)
        .arg(fixture("en-v1.txt"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_valid("diff", &doc);
    assert!(
        doc["claims"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["status"] == "added")
    );
}

#[test]
fn missing_side_is_a_clear_error() {
    isnad()
        .args(["diff", &fixture("en-v1.txt"), "no-such-version.txt"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::starts_with("isnad: error: no-such-version.txt: ")
                .and(predicate::str::contains("hint")),
        );
    isnad()
        .args(["diff", &fixture("en-v1.txt")])
        .assert()
        .code(2);
}

#[test]
fn human_view_is_plain_off_a_terminal_and_coloured_on_request() {
    let plain = isnad()
        .args(["diff", &fixture("ar-v1.txt"), &fixture("ar-v2.txt")])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let plain = String::from_utf8(plain).unwrap();
    assert!(!plain.contains('\x1b'));
    assert!(
        plain.contains("hedge removed: «\u{2068}محتملة\u{2069}»"),
        "{plain}"
    );
    let coloured = isnad()
        .args([
            "--color",
            "always",
            "diff",
            &fixture("ar-v1.txt"),
            &fixture("ar-v2.txt"),
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(coloured).unwrap().contains("\x1b["));
}

#[test]
fn recorded_versions_are_compared_from_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("l.jsonl");
    let story = dir.path().join("story.txt");
    let run = |args: &[&str]| {
        let mut cmd = isnad();
        cmd.current_dir(dir.path())
            .env("ISNAD_LEDGER", &ledger)
            .env("ISNAD_AUTHOR", "tester")
            .args(args);
        cmd
    };
    run(&["init"]).assert().success();
    std::fs::copy(fixture("ar-v1.txt"), &story).unwrap();
    run(&["record", "story.txt"]).assert().success();
    // Only one version so far: a lone DOC cannot be compared.
    run(&["diff", "story.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("only one recorded version"));
    std::fs::copy(fixture("ar-v2.txt"), &story).unwrap();
    run(&["record", "story.txt"]).assert().success();

    let lone = run(&["diff", "--format", "json", "story.txt"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let explicit = run(&["diff", "--format", "json", "story.txt@1", "story.txt@2"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let (lone, explicit): (Value, Value) = (
        serde_json::from_slice(&lone).unwrap(),
        serde_json::from_slice(&explicit).unwrap(),
    );
    assert_valid("diff", &lone);
    assert_eq!(lone["claims"], explicit["claims"]);
    assert!(lone["old"]["source"].as_str().unwrap().ends_with("@1"));
    assert_has(&changes(&lone), &["cue(قال>زعم)"]);
    // A recorded version against a file: the same text, no claim change.
    run(&["diff", "story.txt@2", "story.txt"]).assert().code(0);
    run(&["diff", "story.txt@7", "story.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no version 7"));
}

#[test]
fn a_document_recorded_without_text_cannot_be_compared() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("l.jsonl");
    let mut init = isnad();
    init.env("ISNAD_LEDGER", &ledger)
        .arg("init")
        .assert()
        .success();
    let mut record = isnad();
    record
        .env("ISNAD_LEDGER", &ledger)
        .args(["record", "--no-text", &fixture("en-v1.txt")])
        .assert()
        .success();
    let mut diff = isnad();
    diff.env("ISNAD_LEDGER", &ledger)
        .args([
            "diff",
            &format!("{}@1", fixture("en-v1.txt")),
            &fixture("en-v2.txt"),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--no-text"));
}
