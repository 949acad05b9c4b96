//! Normalization with its offset map: idempotent, the map stays inside the
//! original and is monotone, and the streaming normalizer fed in arbitrary
//! chunks gives exactly the one-shot matching form and counts the text's
//! code points and letters.
#![no_main]

use isnad_text::{ScriptCounts, StreamNormalizer, normalize, normalize_str};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&split, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let n = normalize(text);
    let len = text.chars().count();
    assert_eq!(n.original_len(), len);
    assert_eq!(n.as_str(), normalize_str(text));
    assert_eq!(normalize_str(n.as_str()), n.as_str(), "not idempotent");
    let mut last = 0;
    for (b, _) in n.as_str().char_indices() {
        let o = n.original_offset(b);
        assert!(o <= len, "offset {o} past the end {len}");
        assert!(o >= last, "offsets go backwards");
        last = o;
        let span = n.original_span(b..n.len());
        assert!(span.start <= span.end && span.end <= len);
    }
    // Streaming in two chunks cut at an arbitrary char boundary.
    let mut cut = (usize::from(split) * text.len()) / 255;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut s = StreamNormalizer::new();
    let mut out = String::new();
    let used = s.feed(&text[..cut], false, &mut out);
    let carry = format!("{}{}", &text[used..cut], &text[cut..]);
    s.feed(&carry, true, &mut out);
    assert_eq!(out, n.as_str(), "streaming differs from one-shot");
    assert_eq!(s.code_points(), len);
    assert_eq!(s.scripts(), ScriptCounts::of(text.chars()), "letters miscounted");
});
