//! HTML article extraction (isnad-ingest): never panics; the text is
//! deterministic and well formed (no blank run of more than one line, no
//! leading or trailing white space, no NUL); script and style content never
//! reaches it (checked with markers planted in a script and a style before
//! the fuzzed body).
#![no_main]

use isnad_ingest::{Format, article, detect_format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    let _ = detect_format(None, body);
    // The markers go before the fuzzed body: an unclosed tag or quote at its
    // end would otherwise turn a script after it into text, as HTML parsing
    // says it should.
    let page = format!(
        "<html><head><style>.ZZSTYLEZZ{{}}</style><script>var ZZSCRIPTZZ;</script></head><body><script>var ZZSCRIPTZZ;</script>{body}</body></html>"
    );
    for input in [body, page.as_str()] {
        let first = article(input, Format::Html);
        assert_eq!(first, article(input, Format::Html), "extraction is not deterministic");
        if let Ok(a) = first {
            assert!(!a.text.contains("\n\n\n"));
            assert_eq!(a.text.trim_matches([' ', '\n', '\t', '\r']), a.text);
            if !body.contains("ZZSCRIPTZZ") && !body.contains("ZZSTYLEZZ") {
                assert!(!a.text.contains("ZZSCRIPTZZ") && !a.text.contains("ZZSTYLEZZ"));
            }
        }
    }
    let _ = article(body, Format::Markdown);
});
