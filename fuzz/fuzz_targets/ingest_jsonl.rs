//! JSON Lines batches (isnad-ingest): never panics; records and errors come
//! in strictly increasing line order, every line number is within the
//! input, a record's body is never blank, and turning a record into an
//! article keeps the record's own URL and title.
#![no_main]

use isnad_ingest::{RecordBody, records};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = text.split('\n').count();
    let mut last = 0;
    for item in records(text) {
        let line = match &item {
            Ok(r) => r.line,
            Err(e) => e.line,
        };
        assert!(line > last && line <= lines, "line {line} after {last} of {lines}");
        last = line;
        if let Ok(record) = item {
            let (RecordBody::Text(b) | RecordBody::Html(b) | RecordBody::Markdown(b)) = &record.body;
            assert!(!b.trim().is_empty());
            let (url, title) = (record.url.clone(), record.title.clone());
            if let Ok(a) = record.into_article() {
                if url.is_some() {
                    assert_eq!(a.url, url);
                }
                if title.is_some() {
                    assert_eq!(a.title, title);
                }
            }
        }
    }
});
