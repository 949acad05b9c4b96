//! Bad and strange input: every case gets a clear one-line error or a
//! correct result, never a panic (issue 9). The huge inputs (200 MB on one
//! line, a million lines) run in release from `bench/robustness.sh`, not in
//! this debug suite.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use serde_json::Value;
use support::{assert_valid, isnad, write};

/// Inputs that must give a correct extraction (exit 0, schema-valid JSON,
/// every span inside the text and every span's text equal to the field that
/// carries it).
const ODD_TEXTS: &[(&str, &str)] = &[
    ("empty", ""),
    ("only-newlines", "\n\n\n\r\n"),
    (
        "only-diacritics",
        "\u{064e}\u{064f}\u{0650}\u{0651}\u{0652}\u{064b}\u{0670}\u{0640}",
    ),
    (
        "only-bidi-controls",
        "\u{200f}\u{200e}\u{202b}\u{202c}\u{2067}\u{2069}\u{061c}",
    ),
    (
        "lone-combining-marks",
        "\u{0301}\u{0651} قال\u{0301} \u{0300}",
    ),
    (
        "unbalanced-quotes",
        "قال الوزير «إن الخطة ناجحة.\n\nوأضاف \"أن العمل مستمر.\n\nHe said \"yes.",
    ),
    (
        "nested-quotes",
        "قال «إن \"الخطة «الجديدة» ناجحة\" فعلا»، مضيفا أن \"المرحلة 'الثانية' تبدأ\".",
    ),
    (
        "closing-quotes-first",
        "» قال الوزير « إن \" الخطة ” ناجحة “.",
    ),
    (
        "mixed-scripts-digits",
        "قال CEO شركة Acme إن أرباح Q3 بلغت ٣٫٥ مليار $ (3.5bn) في 2024، وfuture قد يتغير.",
    ),
    (
        "crlf-lines",
        "قال الوزير إن الخطة ناجحة.\r\n\r\nThe minister said the plan works.\r\n",
    ),
    ("no-final-newline", "The minister said the plan works"),
    (
        "emoji-and-astral",
        "قال 👍🏽 الوزير 𝕏 إن «الخطة 🚀» ناجحة. He said \"𝒜\" may win.",
    ),
    (
        "replacement-chars",
        "قال \u{fffd}\u{fffd} الوزير إن الخطة ناجحة.",
    ),
    (
        "tabs-and-nbsp",
        "قال\tالوزير\u{00a0}إن\u{202f}الخطة\u{3000}ناجحة.",
    ),
    ("single-colon", ":"),
    ("headline-colon-only", "الوزير:"),
    ("one-letter", "ب"),
];

/// Runs `isnad ARGS PATH`, asserts exit 0, and returns its standard output.
fn stdout_of(args: &[&str], path: &std::path::Path) -> Vec<u8> {
    isnad()
        .args(args)
        .arg(path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

fn check_extraction(name: &str, text: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), &format!("{name}.txt"), text);
    let out = stdout_of(&["extract", "--format", "json"], &path);
    let doc: Value =
        serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{name}: not JSON: {e}"));
    assert_valid("extraction", &doc);
    let chars: Vec<char> = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .chars()
        .collect();
    assert_eq!(doc["document"]["length"], chars.len(), "{name}: length");
    let slice = |span: &Value| -> String {
        let (s, e) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        assert!(
            s <= e && e <= chars.len(),
            "{name}: span {s}..{e} outside 0..{}",
            chars.len()
        );
        chars[s..e].iter().collect()
    };
    for p in doc["passages"].as_array().unwrap() {
        slice(&p["span"]);
    }
    for c in doc["claims"].as_array().unwrap() {
        slice(&c["span"]);
        assert_eq!(
            slice(&c["content"]["span"]),
            c["content"]["text"].as_str().unwrap(),
            "{name}: content text"
        );
        if c["cue"].is_object() {
            slice(&c["cue"]["span"]);
        }
        if c["speaker"].is_object() {
            slice(&c["speaker"]["span"]);
        }
        for h in c["hedges"].as_array().unwrap() {
            assert_eq!(
                slice(&h["span"]),
                h["text"].as_str().unwrap(),
                "{name}: hedge text"
            );
        }
    }
    // The same input twice gives the same bytes.
    let again = stdout_of(&["extract", "--format", "json"], &path);
    assert_eq!(out, again, "{name}: output is not deterministic");
}

#[test]
fn odd_texts_extract_cleanly() {
    for (name, text) in ODD_TEXTS {
        check_extraction(name, text);
    }
    check_extraction("long-word", &"ب".repeat(20_000));
    check_extraction("many-quotes", &"«".repeat(5_000));
    check_extraction("many-colons", &"الوزير: ".repeat(2_000));
}

#[test]
fn odd_texts_fingerprint_and_diff_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (name, text) in ODD_TEXTS {
        let path = write(dir.path(), &format!("{name}.txt"), text);
        let out = stdout_of(&["fingerprint", "--format", "json"], &path);
        let doc: Value = serde_json::from_slice(&out).unwrap();
        assert_valid("fingerprint", &doc);
        paths.push(path);
    }
    for pair in paths.windows(2) {
        let assert = isnad()
            .args(["diff", "--format", "json"])
            .arg(&pair[0])
            .arg(&pair[1])
            .assert();
        let code = assert.get_output().status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "diff {:?}: exit {code:?}",
            pair
        );
        let doc: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
        assert_valid("diff", &doc);
    }
}

#[test]
fn utf16_with_bom_is_decoded_and_spans_count_its_characters() {
    let text = "قال الوزير إن الخطة ناجحة.";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "utf16.txt", bytes);
    let out = stdout_of(&["extract", "--format", "json"], &path);
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["document"]["length"], text.chars().count());
}

#[test]
fn utf8_bom_is_not_counted() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "bom.txt",
        "\u{feff}The minister said the plan works.",
    );
    let out = stdout_of(&["extract", "--format", "json"], &path);
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        doc["document"]["length"],
        "The minister said the plan works.".chars().count()
    );
}

#[test]
fn lossy_replaces_invalid_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "bad.txt",
        b"The minister said \xff the plan works.",
    );
    isnad().arg("extract").arg(&path).assert().code(2);
    let out = stdout_of(&["extract", "--lossy", "--format", "json"], &path);
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_valid("extraction", &doc);
}

#[test]
fn unwritable_destination_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no/such/dir");
    let out = isnad()
        .args(["schema", "--all", "--out-dir"])
        .arg(&missing)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("isnad: error: "), "{err}");
}

#[test]
fn a_closed_stdout_is_not_an_error() {
    // `isnad schema extraction | head -c 10`: the pipe closes early.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["schema", "extraction"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.code() == Some(0),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}
