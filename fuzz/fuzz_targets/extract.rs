//! Extraction: every span lies inside the text, every text field equals the
//! text its span covers, claims come in text order with unique ids, and the
//! output is the same on a second run.
#![no_main]

use std::sync::LazyLock;

use isnad_extract::{Extractor, Input};
use libfuzzer_sys::fuzz_target;

static EXTRACTOR: LazyLock<Option<Extractor>> = LazyLock::new(|| Extractor::builtin().ok());

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(extractor) = EXTRACTOR.as_ref() else { panic!("built-in lexicons do not compile") };
    let fp = isnad_fingerprint::fingerprint_document("-", text);
    let input = Input {
        text,
        fingerprint: &fp.document.fingerprint,
        passages: &fp.passages,
        language: None,
        explain: true,
    };
    let claims = extractor.extract(&input);
    let chars: Vec<char> = text.chars().collect();
    let slice = |s: isnad_model::Span| -> String {
        assert!(s.start <= s.end && s.end <= chars.len(), "span {s:?} outside 0..{}", chars.len());
        chars[s.start..s.end].iter().collect()
    };
    let mut ids = std::collections::HashSet::new();
    for c in &claims {
        assert!(ids.insert(c.id.clone()), "duplicate claim id {}", c.id);
        slice(c.span);
        assert_eq!(slice(c.content.span), c.content.text);
        if let Some(cue) = &c.cue {
            assert_eq!(slice(cue.span), cue.text);
        }
        if let Some(s) = &c.speaker {
            slice(s.span);
        }
        for h in &c.hedges {
            assert_eq!(slice(h.span), h.text);
        }
    }
    assert_eq!(claims, extractor.extract(&input), "not deterministic");
});
