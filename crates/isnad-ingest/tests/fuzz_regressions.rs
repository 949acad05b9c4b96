//! Every input the `ingest_html` fuzz target once failed on
//! (`fuzz/regressions/ingest_html-*`), checked with the target's own
//! properties, so a fixed finding stays fixed without a nightly toolchain.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use isnad_ingest::{Format, article};

/// The properties of `fuzz/fuzz_targets/ingest_html.rs`.
fn check(name: &str, body: &str) {
    let page = format!(
        "<html><head><style>.ZZSTYLEZZ{{}}</style><script>var ZZSCRIPTZZ;</script></head><body><script>var ZZSCRIPTZZ;</script>{body}</body></html>"
    );
    for input in [body, page.as_str()] {
        let first = article(input, Format::Html);
        assert_eq!(
            first,
            article(input, Format::Html),
            "{name}: not deterministic"
        );
        if let Ok(a) = first {
            assert!(!a.text.contains("\n\n\n"), "{name}: {:?}", a.text);
            assert_eq!(
                a.text.trim_matches([' ', '\n', '\t', '\r']),
                a.text,
                "{name}"
            );
            if !body.contains("ZZSCRIPTZZ") && !body.contains("ZZSTYLEZZ") {
                assert!(
                    !a.text.contains("ZZSCRIPTZZ") && !a.text.contains("ZZSTYLEZZ"),
                    "{name}: script or style text in the article: {:?}",
                    a.text
                );
            }
        }
    }
    let _ = article(body, Format::Markdown);
}

#[test]
fn ingest_html_regressions_hold_the_target_properties() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("ingest_html-") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        // The target skips inputs that are not UTF-8.
        if let Ok(body) = std::str::from_utf8(&bytes) {
            check(&name, body);
            checked += 1;
        }
    }
    assert!(
        checked > 0,
        "no ingest_html regression in {}",
        dir.display()
    );
}
