//! Document and passage fingerprints, from a text or from a reader.

use std::io::Read;

use isnad_model::{DocumentInfo, FingerprintDocument, Passage};
use isnad_text::{
    NORMALIZATION_SCHEME, ScriptCounts, StreamNormalizer, last_block_boundary, layout,
};

use crate::{FINGERPRINT_SCHEMA_VERSION, ShaSink, hex_digest, push_utf8, scheme_sha};

/// Why a reader could not be fingerprinted.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading failed.
    #[error("read error: {0}")]
    Io(#[from] std::io::Error),
    /// The input holds a NUL byte: binary data, not text.
    #[error("binary data (a NUL byte at byte {offset}), not text")]
    Binary {
        /// Byte offset of the first NUL byte in the input.
        offset: u64,
    },
    /// The input is not valid UTF-8.
    #[error("invalid UTF-8 at byte {offset} (line {line}, column {column})")]
    InvalidUtf8 {
        /// Byte offset of the first invalid byte in the input.
        offset: u64,
        /// Line of the first invalid byte, counted from 1.
        line: u64,
        /// Column (in characters) of the first invalid byte, counted from 1.
        column: u64,
    },
}

/// A part of a text without a blank line in this many bytes is cut at a
/// line break anyway when read from a stream (see [`fingerprint_reader`]).
pub const MAX_PART: usize = 4 << 20;

const READ_SIZE: usize = 1 << 20;

/// The state of fingerprinting one document part by part.
struct DocState {
    doc: ShaSink,
    doc_any: bool,
    counts: ScriptCounts,
    cp: usize,
    passages: usize,
    pbuf: Vec<u8>,
    norm: StreamNormalizer,
}

struct VecSink<'a>(&'a mut Vec<u8>);

impl isnad_text::NormalizedSink for VecSink<'_> {
    const ORIGINS: bool = false;

    fn push_run(&mut self, run: &str, _start: usize) {
        self.0.extend_from_slice(run.as_bytes());
    }

    fn push_run_bytes(&mut self, run: &[u8], _start: usize) {
        self.0.extend_from_slice(run);
    }

    #[inline]
    fn push(&mut self, c: char, _start: usize, _end: usize) {
        push_utf8(self.0, c);
    }
}

impl DocState {
    fn new() -> Self {
        DocState {
            doc: ShaSink::new(),
            doc_any: false,
            counts: ScriptCounts::default(),
            cp: 0,
            passages: 0,
            pbuf: Vec::new(),
            norm: StreamNormalizer::new(),
        }
    }

    /// One part of the text that ends at a block boundary (or the end).
    ///
    /// The document's matching form is the matching forms of its passages
    /// joined by single spaces (blank lines and line breaks between blocks
    /// are whitespace, which collapses to one space, and every non-blank
    /// character belongs to a passage), so each passage is normalized once
    /// and hashed into both its own and the document's SHA-256.
    fn part(&mut self, part: &str, on_passage: &mut dyn FnMut(Passage, &str)) {
        for block in layout(part, self.cp, self.passages == 0) {
            let slice = &part[block.bytes.clone()];
            self.pbuf.clear();
            self.norm.reset();
            self.norm.feed(slice, true, &mut VecSink(&mut self.pbuf));
            let scripts = self.norm.scripts();
            self.counts += scripts;
            let mut sha = scheme_sha();
            sha2::Digest::update(&mut sha, &self.pbuf);
            let fingerprint = hex_digest(sha);
            if !self.pbuf.is_empty() {
                if self.doc_any {
                    self.doc.buf.push(b' ');
                }
                if self.doc.buf.len() + self.pbuf.len() > 1 << 16 {
                    self.doc.flush();
                    sha2::Digest::update(&mut self.doc.sha, &self.pbuf);
                } else {
                    self.doc.buf.extend_from_slice(&self.pbuf);
                }
                self.doc_any = true;
            }
            self.passages += 1;
            on_passage(
                Passage {
                    id: format!("p{}", self.passages),
                    span: block.span,
                    fingerprint,
                    kind: block.kind,
                    language: scripts.language().to_string(),
                },
                slice,
            );
        }
        self.cp += part.chars().count();
    }

    fn finish(self, source: &str) -> DocumentInfo {
        DocumentInfo {
            source: source.to_string(),
            language: self.counts.language().to_string(),
            fingerprint: self.doc.finish(),
            normalization: NORMALIZATION_SCHEME.to_string(),
            length: self.cp,
            text: None,
            ..Default::default()
        }
    }
}

/// The fingerprint document of `text`: the document's facts (fingerprint,
/// normalization scheme, length, language) and each passage with its id,
/// span, kind, language and fingerprint. `source` is what the document's
/// `source` field says (a path, or `-` for standard input). Offsets count
/// the code points of `text`; a caller that read a file removes a leading
/// BOM first.
pub fn fingerprint_document(source: &str, text: &str) -> FingerprintDocument {
    let mut passages = Vec::new();
    let mut state = DocState::new();
    state.part(text, &mut |p, _| passages.push(p));
    FingerprintDocument {
        schema_version: FINGERPRINT_SCHEMA_VERSION.to_string(),
        document: state.finish(source),
        passages,
    }
}

/// The passages of `text` (`p1`, `p2` ... with span, kind, language and
/// fingerprint), as the data contract's `passages[]`.
pub fn passages(text: &str) -> Vec<Passage> {
    fingerprint_document("-", text).passages
}

/// Fingerprints UTF-8 text from `reader` in flat memory: each passage is
/// handed to `on_passage` with its text as soon as it is complete, and the
/// document's facts are returned at the end. Invalid UTF-8 and NUL bytes
/// (binary data) are refused with their position. A leading BOM is removed (offsets count
/// from after it). The result is the same as [`fingerprint_document`] on the
/// whole text, except for pathological layouts: a stretch of more than
/// [`MAX_PART`] bytes without a blank line is cut at its last line break
/// (so two lines on either side of the cut are never joined into one
/// wrapped paragraph).
pub fn fingerprint_reader<R: Read>(
    source: &str,
    mut reader: R,
    mut on_passage: impl FnMut(Passage, &str),
) -> Result<DocumentInfo, Error> {
    let mut state = DocState::new();
    let mut buf: Vec<u8> = Vec::with_capacity(READ_SIZE * 2);
    let mut consumed: u64 = 0;
    let mut first = true;
    let mut line_pos = LinePos::default();
    loop {
        let old = buf.len();
        let n = read_more(&mut reader, &mut buf, READ_SIZE)?;
        let eof = n == 0;
        if let Some(nul) = memchr::memchr(0, &buf[old..]) {
            return Err(Error::Binary {
                offset: consumed + (old + nul) as u64,
            });
        }
        if first {
            if buf.len() < 3 && !eof {
                continue;
            }
            if buf.starts_with(b"\xEF\xBB\xBF") {
                buf.drain(..3);
                consumed += 3;
            }
            first = false;
        }
        let boundary = if eof { buf.len() } else { char_boundary(&buf) };
        let text = match std::str::from_utf8(&buf[..boundary]) {
            Ok(t) => t,
            Err(e) => {
                let (line, column) = line_pos.locate(&buf[..e.valid_up_to()]);
                return Err(Error::InvalidUtf8 {
                    offset: consumed + e.valid_up_to() as u64,
                    line,
                    column,
                });
            }
        };
        let cut = if eof {
            text.len()
        } else {
            match last_block_boundary(text) {
                Some(c) if c > 0 => c,
                _ if text.len() > MAX_PART => {
                    memchr::memrchr(b'\n', text.as_bytes()).map_or(text.len(), |i| i + 1)
                }
                _ => continue,
            }
        };
        state.part(&text[..cut], &mut on_passage);
        line_pos.advance(&buf[..cut]);
        consumed += cut as u64;
        buf.drain(..cut);
        if eof {
            break;
        }
    }
    Ok(state.finish(source))
}

/// The document's facts only (fingerprint, scheme, length, language), from
/// UTF-8 text on `reader`: the fastest path, normalizing straight into one
/// SHA-256 state without segmenting, in flat memory. The result equals the
/// `document` of [`fingerprint_document`] and [`fingerprint_reader`]. A
/// leading BOM is removed; invalid UTF-8 and NUL bytes are refused.
pub fn document_reader<R: Read>(source: &str, mut reader: R) -> Result<DocumentInfo, Error> {
    let mut norm = StreamNormalizer::new();
    let mut sink = ShaSink::new();
    let mut buf: Vec<u8> = Vec::with_capacity(READ_SIZE * 2);
    let mut consumed: u64 = 0;
    let mut first = true;
    let mut line_pos = LinePos::default();
    loop {
        let old = buf.len();
        let n = read_more(&mut reader, &mut buf, READ_SIZE)?;
        let eof = n == 0;
        if let Some(nul) = memchr::memchr(0, &buf[old..]) {
            return Err(Error::Binary {
                offset: consumed + (old + nul) as u64,
            });
        }
        if first {
            if buf.len() < 3 && !eof {
                continue;
            }
            if buf.starts_with(b"\xEF\xBB\xBF") {
                buf.drain(..3);
                consumed += 3;
            }
            first = false;
        }
        let boundary = if eof { buf.len() } else { char_boundary(&buf) };
        let text = match std::str::from_utf8(&buf[..boundary]) {
            Ok(t) => t,
            Err(e) => {
                let (line, column) = line_pos.locate(&buf[..e.valid_up_to()]);
                return Err(Error::InvalidUtf8 {
                    offset: consumed + e.valid_up_to() as u64,
                    line,
                    column,
                });
            }
        };
        let used = norm.feed(text, eof, &mut sink);
        line_pos.advance(&buf[..used]);
        consumed += used as u64;
        buf.drain(..used);
        if eof {
            break;
        }
    }
    Ok(DocumentInfo {
        source: source.to_string(),
        language: norm.scripts().language().to_string(),
        fingerprint: sink.finish(),
        normalization: NORMALIZATION_SCHEME.to_string(),
        length: norm.code_points(),
        text: None,
        ..Default::default()
    })
}

/// Line and column bookkeeping for error messages.
#[derive(Default)]
struct LinePos {
    line: u64,
    column: u64,
}

impl LinePos {
    fn advance(&mut self, bytes: &[u8]) {
        let newlines = memchr::memchr_iter(b'\n', bytes).count() as u64;
        if newlines > 0 {
            self.line += newlines;
            let last = memchr::memrchr(b'\n', bytes).map_or(0, |i| i + 1);
            self.column = chars_in(&bytes[last..]);
        } else {
            self.column += chars_in(bytes);
        }
    }

    fn locate(&self, valid: &[u8]) -> (u64, u64) {
        let mut p = LinePos {
            line: self.line,
            column: self.column,
        };
        p.advance(valid);
        (p.line + 1, p.column + 1)
    }
}

fn chars_in(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64
}

/// The length of the longest prefix of `buf` that does not end inside a
/// multi-byte UTF-8 sequence.
fn char_boundary(buf: &[u8]) -> usize {
    let n = buf.len();
    for back in 1..=4.min(n) {
        let b = buf[n - back];
        if b & 0xC0 != 0x80 {
            let len = match b {
                0x00..=0x7F => 1,
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            return if back >= len { n } else { n - back };
        }
    }
    n
}

/// Appends up to `max` bytes from `reader` to `buf` (fewer only at the
/// end of the input), without zero-filling the buffer first.
fn read_more<R: Read>(reader: &mut R, buf: &mut Vec<u8>, max: usize) -> std::io::Result<usize> {
    let mut total = 0;
    while total < max {
        match reader.by_ref().take((max - total) as u64).read_to_end(buf) {
            Ok(0) => break,
            Ok(n) => total += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint;

    #[test]
    fn reader_equals_whole_text_in_any_read_size() {
        let text = "\u{FEFF}رئيس مجلس الإدارة\nد. رائد العزاوي\n\nقالَ «الرئيس» إن ٣.٥٪ نمو.\n\u{00A0}\n\nThe minister said \"yes.\"\n\n\n";
        let body = text.strip_prefix('\u{FEFF}').unwrap();
        let whole = fingerprint_document("x", body);
        assert_eq!(whole.document.fingerprint, fingerprint(body));
        assert_eq!(whole.document.length, body.chars().count());
        for size in [1, 2, 3, 5, 7, 64, 4096] {
            let reader = Trickle {
                data: text.as_bytes(),
                size,
            };
            let mut got = Vec::new();
            let info = fingerprint_reader("x", reader, |p, t| {
                assert_eq!(p.span.slice(body), Some(t));
                got.push(p);
            })
            .unwrap();
            assert_eq!(info, whole.document, "read size {size}");
            let only = document_reader(
                "x",
                Trickle {
                    data: text.as_bytes(),
                    size,
                },
            )
            .unwrap();
            assert_eq!(only, whole.document, "document only, read size {size}");
            assert_eq!(got, whole.passages, "read size {size}");
        }
    }

    #[test]
    fn invalid_utf8_is_reported_with_its_position() {
        let data = b"ok\nline \xff here";
        let err = fingerprint_reader("x", &data[..], |_, _| {}).unwrap_err();
        match err {
            Error::InvalidUtf8 {
                offset,
                line,
                column,
            } => assert_eq!((offset, line, column), (8, 2, 6)),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn nul_bytes_are_binary() {
        let data = b"\xEF\xBB\xBFtext\x00more";
        let err = fingerprint_reader("x", &data[..], |_, _| {}).unwrap_err();
        assert!(matches!(err, Error::Binary { offset: 7 }), "{err}");
    }

    /// A reader that hands out at most `size` bytes per read.
    struct Trickle<'a> {
        data: &'a [u8],
        size: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.size.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }
}
