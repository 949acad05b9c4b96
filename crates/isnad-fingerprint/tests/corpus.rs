//! Normalization, segmentation, fingerprints and the locator on real news
//! articles: the shared corpus (`ISNAD_CORPUS`, default `../shared/corpus`
//! beside the workspace). Without it the tests print a notice and pass,
//! except under `CI=true`, where a missing corpus fails.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use std::path::{Path, PathBuf};

use isnad_fingerprint::{fingerprint, fingerprint_document, fingerprint_reader, locate};
use isnad_model::PassageKind;
use isnad_text::{normalize, normalize_str, segment};

fn corpus() -> Option<PathBuf> {
    let path = std::env::var_os("ISNAD_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
    if path.is_dir() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "the shared corpus is missing at {} (set ISNAD_CORPUS)",
            path.display()
        );
    }
    eprintln!(
        "notice: no corpus at {} (set ISNAD_CORPUS); corpus tests skipped",
        path.display()
    );
    None
}

fn texts(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn read(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    text.strip_prefix('\u{FEFF}')
        .map(str::to_string)
        .unwrap_or(text)
}

#[test]
fn every_corpus_text_normalizes_segments_and_fingerprints_consistently() {
    let Some(dir) = corpus() else { return };
    let files = texts(&dir);
    assert!(
        files.len() >= 9,
        "expected the corpus texts, found {}",
        files.len()
    );
    for path in files {
        let text = read(&path);
        let name = path.display();
        let m = normalize(&text);
        assert_eq!(
            normalize_str(m.as_str()),
            m.as_str(),
            "{name}: not idempotent"
        );
        let len = text.chars().count();
        let mut last = 0;
        for (i, _) in m.as_str().char_indices() {
            let o = m.original_offset(i);
            assert!(o >= last && o < len, "{name}: offset {o} at {i}");
            last = o;
        }
        let doc = fingerprint_document(&name.to_string(), &text);
        assert_eq!(doc.document.fingerprint, fingerprint(&text), "{name}");
        assert_eq!(doc.document.length, len);
        let mut streamed = Vec::new();
        let info = fingerprint_reader(
            &name.to_string(),
            std::fs::File::open(&path).unwrap(),
            |p, _| streamed.push(p),
        )
        .unwrap();
        assert_eq!(info, doc.document, "{name}: reader");
        assert_eq!(streamed, doc.passages, "{name}: reader passages");
        // Every non-blank line lies inside a passage; every passage's
        // sentences lie inside it.
        let blocks = segment(&text);
        assert_eq!(blocks.len(), doc.passages.len());
        let mut offset = 0;
        for line in text.split('\n') {
            let n = line.chars().count();
            if line.chars().any(|c| !isnad_text::is_blank_char(c)) {
                assert!(
                    blocks
                        .iter()
                        .any(|b| b.span.start < offset + n && offset < b.span.end),
                    "{name}: line at {offset} outside every passage"
                );
            }
            offset += n + 1;
        }
        for b in &blocks {
            assert!(!b.sentences.is_empty());
            assert!(b.sentences.iter().all(|s| b.span.contains(s)));
        }
    }
}

#[test]
fn every_gold_anchor_is_located_exactly() {
    let Some(dir) = corpus() else { return };
    let mut checked = 0;
    for path in texts(&dir.join("ar")) {
        let gold = path.with_extension("gold.json");
        let Ok(json) = std::fs::read_to_string(&gold) else {
            continue;
        };
        let gold: serde_json::Value = serde_json::from_str(&json).unwrap();
        let text = read(&path);
        let n = normalize(&text);
        for claim in gold["claims"].as_array().unwrap() {
            let anchor = claim["anchor"].as_str().unwrap();
            let m = isnad_fingerprint::locate_in(&n, anchor).unwrap();
            assert!(m.exact, "{}: {anchor}", path.display());
            let found = m.span.slice(&text).unwrap();
            assert_eq!(normalize_str(found), normalize_str(anchor));
            assert!(found.contains(anchor.trim()) || normalize_str(found) == normalize_str(anchor));
            // With a word changed the anchor is still found, approximately.
            let words: Vec<&str> = anchor.split_whitespace().collect();
            if words.len() >= 4 {
                let changed = format!("{} كذلك {}", words[..2].join(" "), words[2..].join(" "));
                let m = locate(&text, &changed).unwrap();
                assert!(
                    !m.exact && m.similarity > 0.6,
                    "{}: {changed}: {m:?}",
                    path.display()
                );
                assert!(m.span.overlaps(&isnad_model::Span::new(
                    text[..text.find(anchor).unwrap()].chars().count(),
                    text[..text.find(anchor).unwrap()].chars().count() + anchor.chars().count()
                )));
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} anchors");
}

#[test]
fn mastheads_bylines_and_headlines_of_the_arabic_articles() {
    let Some(dir) = corpus() else { return };
    let path = dir.join("ar/amsar-kim-putin.txt");
    let text = read(&path);
    let blocks = segment(&text);
    let show: Vec<(PassageKind, &str)> = blocks
        .iter()
        .take(5)
        .map(|b| (b.kind, b.span.slice(&text).unwrap()))
        .collect();
    assert_eq!(
        show,
        [
            (PassageKind::Byline, "رئيس مجلس الإدارة"),
            (PassageKind::Byline, "د. رائد العزاوي"),
            (
                PassageKind::Heading,
                "كوريا الشمالية: علاقتنا مع روسيا تعكس صداقة تاريخية بين \"رفاق سلاح\""
            ),
            (PassageKind::Byline, "نشر"),
            (PassageKind::Byline, "الأمصار"),
        ]
    );
    assert!(blocks.iter().all(|b| b.language == "ar"));
    for path in texts(&dir.join("ar/dev")) {
        let text = read(&path);
        let blocks = segment(&text);
        assert_eq!(blocks[0].kind, PassageKind::Heading, "{}", path.display());
        assert!(
            blocks
                .iter()
                .filter(|b| b.kind == PassageKind::Paragraph)
                .count()
                >= 1
        );
        assert_eq!(isnad_text::detect_language(&text), "ar");
    }
}

#[test]
fn english_articles_are_english_and_their_sentences_split_sensibly() {
    let Some(dir) = corpus() else { return };
    let files = texts(&dir.join("en"));
    assert!(!files.is_empty());
    for path in files {
        let text = read(&path);
        assert_eq!(
            isnad_text::detect_language(&text),
            "en",
            "{}",
            path.display()
        );
        for b in segment(&text) {
            // The last sentence of a block may end with an abbreviation.
            for s in b.sentences.iter().rev().skip(1) {
                let sentence = s.slice(&text).unwrap();
                // No sentence ends on a title or an initial.
                for abbr in [" Mr.", " Mrs.", " Dr.", " Sen.", " Gov.", " U.S.", " Gen."] {
                    assert!(!sentence.ends_with(abbr), "{}: {sentence}", path.display());
                }
            }
        }
    }
}
