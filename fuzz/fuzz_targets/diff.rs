//! Diff of two versions (the input split at its first NUL byte): every claim
//! of either version is accounted for exactly once, and the summary counts
//! agree with the listing.
#![no_main]

use std::sync::LazyLock;

use isnad_diff::{Version, diff};
use isnad_extract::{Extractor, Input};
use isnad_model::{EXTRACTION_SCHEMA_VERSION, ExtractionDocument};
use libfuzzer_sys::fuzz_target;

static EXTRACTOR: LazyLock<Option<Extractor>> = LazyLock::new(|| Extractor::builtin().ok());

fn extract(text: &str) -> ExtractionDocument {
    let Some(extractor) = EXTRACTOR.as_ref() else { panic!("built-in lexicons do not compile") };
    let fp = isnad_fingerprint::fingerprint_document("-", text);
    let claims = extractor.extract(&Input {
        text,
        fingerprint: &fp.document.fingerprint,
        passages: &fp.passages,
        language: None,
        explain: false,
    });
    ExtractionDocument { schema_version: EXTRACTION_SCHEMA_VERSION.into(), document: fp.document, passages: fp.passages, claims }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (old, new) = text.split_once('\0').unwrap_or((text, ""));
    let (o, n) = (extract(old), extract(new));
    let d = diff(Version::new(&o, old), Version::new(&n, new));
    let olds = d.claims.iter().filter(|c| c.old.is_some()).count();
    let news = d.claims.iter().filter(|c| c.new.is_some()).count();
    assert_eq!(olds, o.claims.len());
    assert_eq!(news, n.claims.len());
    let s = &d.summary;
    assert_eq!(s.claims_unchanged + s.claims_changed + s.claims_added + s.claims_removed, d.claims.len());
    assert_eq!(d.claims_unchanged, s.claims_changed + s.claims_added + s.claims_removed == 0);
    let passages_old = d.passages.iter().filter(|p| p.old.is_some()).count();
    assert_eq!(passages_old, o.passages.len());
});
