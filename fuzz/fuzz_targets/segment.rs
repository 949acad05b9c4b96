//! Segmentation: blocks are in order, inside the text, non-overlapping and
//! never start or end inside a character; sentences lie inside their block.
#![no_main]

use isnad_text::segment;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let len = text.chars().count();
    let mut end = 0;
    for block in segment(text) {
        assert!(block.span.start >= end, "blocks overlap or go backwards");
        assert!(block.span.start < block.span.end && block.span.end <= len);
        end = block.span.end;
        let mut s_end = block.span.start;
        for s in &block.sentences {
            assert!(s.start >= s_end && s.end <= block.span.end && s.start <= s.end);
            s_end = s.end;
        }
    }
});
