//! Document and passage fingerprints, from a text or from a reader.

use std::io::Read;
use std::ops::Range;

use isnad_model::{DocumentInfo, FingerprintDocument, Passage, PassageKind, Span};
use isnad_text::{Layout, NORMALIZATION_SCHEME, ScriptCounts, StreamNormalizer, layout_into};
use sha2::{Digest, Sha256};

use crate::pipeline::fingerprint_parts;
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
    /// Writing the output failed (`emit` of [`fingerprint_parts`]).
    #[error("write error: {0}")]
    Output(std::io::Error),
}

/// A part of a text without a blank line in this many bytes is cut at its
/// last line break anyway when read from a stream (see
/// [`fingerprint_reader`]).
pub const MAX_PART: usize = 4 << 20;

/// A passage as the hasher found it, before it is numbered: what
/// [`fingerprint_parts`] hands to its `format` closure (in parallel), and
/// what becomes a [`Passage`] with [`RawPassage::passage`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawPassage {
    /// Code points of the whole text.
    pub span: Span,
    /// Bytes of the part's text ([`Part::text`]).
    pub bytes: Range<usize>,
    /// Heading, paragraph, byline ...
    pub kind: PassageKind,
    /// `ar`, `en` or `und`, by script.
    pub language: &'static str,
    /// SHA-256 over the scheme name, a NUL and the matching form.
    pub digest: [u8; 32],
}

impl RawPassage {
    /// The fingerprint, `sha256:` and 64 hex digits.
    pub fn fingerprint(&self) -> String {
        let mut out = Vec::with_capacity(71);
        write_fingerprint(&self.digest, &mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// The data contract's passage, numbered `number` (`p1` is 1).
    pub fn passage(&self, number: usize) -> Passage {
        Passage {
            id: passage_id(number),
            span: self.span,
            fingerprint: self.fingerprint(),
            kind: self.kind,
            language: self.language.to_string(),
        }
    }
}

/// A passage's id: `p` and the decimal `number` (without the formatting
/// machinery: it is built for every passage of every document).
pub fn passage_id(number: usize) -> String {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    let mut n = number;
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut id = String::with_capacity(1 + digits.len() - k);
    id.push('p');
    id.extend(digits[k..].iter().map(|&d| char::from(d)));
    id
}

/// Appends `sha256:` and the lowercase hex of `digest` to `out`.
pub fn write_fingerprint(digest: &[u8; 32], out: &mut Vec<u8>) {
    out.extend_from_slice(&fingerprint_bytes(digest));
}

/// `sha256:` and the lowercase hex of `digest`, as ASCII bytes (on the
/// stack: no allocation per passage).
pub fn fingerprint_bytes(digest: &[u8; 32]) -> [u8; 71] {
    let mut out = [0u8; 71];
    out[..7].copy_from_slice(b"sha256:");
    for (pair, b) in out[7..].chunks_exact_mut(2).zip(digest) {
        pair.copy_from_slice(&HEX_PAIRS[usize::from(*b)]);
    }
    out
}

/// The two lowercase hex digits of every byte (one lookup a byte instead
/// of two: the hex of each passage's digest showed in profiles).
const HEX_PAIRS: [[u8; 2]; 256] = {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut table = [[0u8; 2]; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = [HEX[b >> 4], HEX[b & 15]];
        b += 1;
    }
    table
};

/// One part of a text as [`fingerprint_parts`] cut it, with its passages.
#[derive(Debug, Clone, Copy)]
pub struct Part<'a> {
    /// The part's text.
    pub text: &'a str,
    /// Its passages, in order (none with `segment` off).
    pub passages: &'a [RawPassage],
    /// The number of its first passage in the document (`p1` is 1).
    pub first_number: usize,
}

/// What hashing one part gives, and the buffers that give it (kept from
/// part to part: fresh ones would cost allocations and page faults).
#[derive(Debug, Default)]
pub(crate) struct Hashed {
    pub(crate) passages: Vec<RawPassage>,
    /// The part's matching form: its passages' joined by single spaces.
    normalized: Vec<u8>,
    scripts: ScriptCounts,
    /// Code points of the part.
    chars: usize,
    norm: StreamNormalizer,
    blocks: Vec<Layout>,
}

impl Hashed {
    /// Code points of the part.
    pub(crate) fn chars(&self) -> usize {
        self.chars
    }

    /// Moves the passages' spans `cp` code points on (a part hashed before
    /// the code points in front of it were counted).
    pub(crate) fn shift(&mut self, cp: usize) {
        if cp > 0 {
            for p in &mut self.passages {
                p.span = Span::new(p.span.start + cp, p.span.end + cp);
            }
        }
    }
}

/// Normalizes and hashes one part that ends at a block boundary (or the
/// end), starting at code point `cp` of the text, into `out`.
///
/// The document's matching form is the matching forms of its passages
/// joined by single spaces (blank lines and line breaks between blocks are
/// whitespace, which collapses to one space, and every non-blank character
/// belongs to a passage), so each passage is normalized once, straight
/// into the part's matching form, and hashed from there; the document's
/// SHA-256 takes the part's matching form afterwards.
pub(crate) fn hash_part_into(
    out: &mut Hashed,
    text: &str,
    cp: usize,
    at_start: bool,
    segment: bool,
) {
    hash_part_sharing(out, text, cp, at_start, segment, None);
}

/// [`hash_part_into`]; with `doc` (the document's SHA-256 with nothing
/// hashed after the scheme, for a part that starts the document), the
/// part's matching form is hashed into `doc` too, and the first passage
/// with a matching form, which starts it, takes its digest from a copy of
/// `doc`'s state: its blocks are compressed once for both.
fn hash_part_sharing(
    out: &mut Hashed,
    text: &str,
    cp: usize,
    at_start: bool,
    segment: bool,
    mut doc: Option<&mut Sha256>,
) {
    let Hashed {
        passages,
        normalized,
        scripts: total,
        chars,
        norm,
        blocks,
    } = out;
    norm.reset();
    passages.clear();
    normalized.clear();
    normalized.reserve(text.len());
    if !segment {
        norm.feed(text, true, &mut VecSink(normalized));
        *total = norm.scripts();
        *chars = norm.code_points();
        if let Some(doc) = doc {
            doc.update(&normalized[..]);
        }
        return;
    }
    *total = ScriptCounts::default();
    blocks.clear();
    *chars = layout_into(text, cp, at_start, blocks);
    let base = scheme_sha();
    // Bytes of `normalized` already in `doc`.
    let mut shared = 0;
    for block in blocks.drain(..) {
        let slice = &text[block.bytes.clone()];
        let sep = !normalized.is_empty();
        if sep {
            normalized.push(b' ');
        }
        let start = normalized.len();
        norm.reset();
        norm.feed(slice, true, &mut VecSink(normalized));
        let body = if normalized.len() == start {
            if sep {
                normalized.pop();
            }
            &[][..]
        } else {
            &normalized[start..]
        };
        let digest = match doc.as_deref_mut() {
            Some(doc) if start == 0 && !body.is_empty() => {
                doc.update(body);
                shared = body.len();
                doc.clone().finalize()
            }
            _ => {
                let mut sha = base.clone();
                sha.update(body);
                sha.finalize()
            }
        };
        let scripts = norm.scripts();
        *total += scripts;
        passages.push(RawPassage {
            span: block.span,
            bytes: block.bytes,
            kind: block.kind,
            language: scripts.language(),
            digest: digest.into(),
        });
    }
    if let Some(doc) = doc {
        doc.update(&normalized[shared..]);
    }
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

/// The document's facts once every part has been hashed.
pub(crate) struct DocState {
    doc: ShaSink,
    doc_any: bool,
    counts: ScriptCounts,
    pub(crate) cp: usize,
}

impl DocState {
    pub(crate) fn new() -> Self {
        DocState {
            doc: ShaSink::new(),
            doc_any: false,
            counts: ScriptCounts::default(),
            cp: 0,
        }
    }

    /// Adds a part's matching form and counts (in input order).
    /// `glued`: the part continues the previous part's last word (a forced
    /// cut without whitespace), so no space joins their matching forms.
    pub(crate) fn add(&mut self, part: &Hashed, glued: bool) {
        self.counts += part.scripts;
        if part.normalized.is_empty() {
            return;
        }
        if self.doc_any && !glued {
            self.doc.buf.push(b' ');
        }
        self.doc.flush();
        self.doc.sha.update(&part.normalized);
        self.doc_any = true;
    }

    pub(crate) fn finish(self, source: &str) -> DocumentInfo {
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
    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut hashed) => {
            let doc = document_with(&mut hashed, source, text);
            // A thread keeps the buffers of ordinary documents only.
            if hashed.normalized.capacity() > KEEP
                || hashed.passages.capacity().max(hashed.blocks.capacity()) > KEEP_PASSAGES
            {
                *hashed = Hashed::default();
            }
            doc
        }
        Err(_) => document_with(&mut Hashed::default(), source, text),
    })
}

/// Bytes of matching form whose buffers a thread keeps for the next
/// [`fingerprint_document`].
const KEEP: usize = 1 << 20;

/// Passages whose buffers a thread keeps for the next
/// [`fingerprint_document`].
const KEEP_PASSAGES: usize = 1 << 14;

thread_local! {
    /// The buffers of this thread's last [`fingerprint_document`]: a batch
    /// of articles is fingerprinted one short document after another.
    static SCRATCH: std::cell::RefCell<Hashed> = std::cell::RefCell::new(Hashed::default());
}

fn document_with(hashed: &mut Hashed, source: &str, text: &str) -> FingerprintDocument {
    let mut doc = scheme_sha();
    hash_part_sharing(hashed, text, 0, true, true, Some(&mut doc));
    FingerprintDocument {
        schema_version: FINGERPRINT_SCHEMA_VERSION.to_string(),
        document: DocumentInfo {
            source: source.to_string(),
            language: hashed.scripts.language().to_string(),
            fingerprint: hex_digest(doc),
            normalization: NORMALIZATION_SCHEME.to_string(),
            length: hashed.chars,
            text: None,
            ..Default::default()
        },
        passages: hashed
            .passages
            .iter()
            .enumerate()
            .map(|(k, p)| p.passage(k + 1))
            .collect(),
    }
}

/// The passages of `text` (`p1`, `p2` ... with span, kind, language and
/// fingerprint), as the data contract's `passages[]`.
pub fn passages(text: &str) -> Vec<Passage> {
    fingerprint_document("-", text).passages
}

/// Fingerprints UTF-8 text from `reader` in flat memory: each passage is
/// handed to `on_passage` with its text, in order, soon after it is read,
/// and the document's facts are returned at the end. Invalid UTF-8 and NUL
/// bytes (binary data) are refused with their position. A leading BOM is
/// removed (offsets count from after it). The result is the same as
/// [`fingerprint_document`] on the whole text, except for the passages of
/// pathological layouts: a stretch of more than [`MAX_PART`] bytes without
/// a blank line is cut at its last line break within them (so two lines on
/// either side of the cut are never joined into one wrapped paragraph), a
/// longer line at its last space or tab, and a run of that many bytes
/// without whitespace inside it. The document's facts are the whole text's
/// even then.
pub fn fingerprint_reader<R: Read + Send>(
    source: &str,
    reader: R,
    mut on_passage: impl FnMut(Passage, &str),
) -> Result<DocumentInfo, Error> {
    fingerprint_parts(
        source,
        reader,
        true,
        |part| {
            part.passages
                .iter()
                .enumerate()
                .map(|(k, p)| (p.passage(part.first_number + k), p.bytes.clone()))
                .collect::<Vec<_>>()
        },
        |part, passages| {
            for (p, bytes) in passages {
                on_passage(p, &part[bytes]);
            }
            Ok(())
        },
    )
}

/// The document's facts only (fingerprint, scheme, length, language), from
/// UTF-8 text on `reader`: the fastest path, without segmenting, in flat
/// memory. The result equals the `document` of [`fingerprint_document`] and
/// [`fingerprint_reader`]. A leading BOM is removed; invalid UTF-8 and NUL
/// bytes are refused.
pub fn document_reader<R: Read + Send>(source: &str, reader: R) -> Result<DocumentInfo, Error> {
    fingerprint_parts(source, reader, false, |_| (), |_, ()| Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint;
    use crate::input::READ_SIZE;
    use crate::pipeline::{BATCH, PART};
    use isnad_text::layout;

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

    /// A text of many parts (several batches): the parallel reader gives
    /// the passages and the document of the whole text, whatever the reads.
    #[test]
    fn many_parts_equal_the_whole_text() {
        let unit = "وزارة الصحة: لا إصابات جديدة\nكتب: سامر الحلبي\n\nقالَ وزير الصحة إنّ الوضع «مستقر تمامًا».\nوأضاف أن ٣.٥٪ من الحالات شفيت.\n\n- first item\n- second item\n\nThe ministry said \"the dam is finished.\"\n\n\n";
        let text = unit.repeat((BATCH + 3 * PART) / unit.len());
        let whole = fingerprint_document("x", &text);
        let slices: Vec<&str> = layout(&text, 0, true)
            .into_iter()
            .map(|b| &text[b.bytes])
            .collect();
        for size in [READ_SIZE, 100_003] {
            let mut got = Vec::new();
            let mut texts = Vec::new();
            let info = fingerprint_reader(
                "x",
                Trickle {
                    data: text.as_bytes(),
                    size,
                },
                |p, t| {
                    got.push(p);
                    texts.push(t.to_string());
                },
            )
            .unwrap();
            assert_eq!(info, whole.document, "read size {size}");
            assert!(got == whole.passages, "read size {size}");
            assert!(texts == slices, "read size {size}");
            let only = document_reader(
                "x",
                Trickle {
                    data: text.as_bytes(),
                    size,
                },
            )
            .unwrap();
            assert_eq!(only, whole.document);
        }
    }

    /// Without blank lines the cuts are forced, but where depends on the
    /// text only: any read size gives the same passages.
    #[test]
    fn forced_cuts_do_not_depend_on_reads() {
        let text = "a short line\n".repeat(MAX_PART / 6);
        let run = |size| {
            let mut got = Vec::new();
            let info = fingerprint_reader(
                "x",
                Trickle {
                    data: text.as_bytes(),
                    size,
                },
                |p, _| got.push(p),
            )
            .unwrap();
            (info, got)
        };
        let (info, got) = run(READ_SIZE);
        assert_eq!(info.length, text.chars().count());
        assert_eq!(got.len(), text.lines().count());
        assert!(run(77_777) == (info, got));
    }

    /// One line longer than a part is cut at a space, a run without any
    /// whitespace inside a word: either way the document is the whole
    /// text's, whatever the reads.
    #[test]
    fn forced_cuts_inside_a_line_keep_the_document_fingerprint() {
        let spaced = "قالَ الوزير إن السد اكتمل ".repeat(MAX_PART / 20);
        let unspaced = "x".repeat(MAX_PART + MAX_PART / 2);
        for text in [spaced, unspaced] {
            let whole = fingerprint_document("x", &text).document;
            for size in [READ_SIZE, 99_991] {
                let reader = Trickle {
                    data: text.as_bytes(),
                    size,
                };
                let mut passages = 0;
                let info = fingerprint_reader("x", reader, |_, _| passages += 1).unwrap();
                assert_eq!(info, whole, "read size {size}");
                assert!(passages >= 2, "the line was cut");
                let reader = Trickle {
                    data: text.as_bytes(),
                    size,
                };
                assert_eq!(document_reader("x", reader).unwrap(), whole);
            }
        }
    }

    /// One thread's documents one after another (its buffers reused), a
    /// first passage whose matching form is empty (a line of diacritics) and
    /// one without text after it: each fingerprint is that of its own text.
    #[test]
    fn each_document_and_passage_is_hashed_from_its_own_text() {
        let texts = [
            "\u{064E}\u{064E}\n\nقالَ الوزير «نعم».\n\nThe minister said yes.",
            "Water minister: new dam\n\nThe ministry said the dam is finished.",
            "",
            "\n\n \n",
            "عنوان واحد فقط",
            "\u{064E}",
        ];
        let first = fingerprint_document("x", texts[0]).passages;
        assert_eq!(first.len(), 3);
        assert_eq!(first[0].fingerprint, fingerprint(""));
        for text in texts.iter().chain(texts.iter().rev()) {
            let doc = fingerprint_document("x", text);
            assert_eq!(doc.document.fingerprint, fingerprint(text), "{text:?}");
            assert_eq!(doc.document.length, text.chars().count(), "{text:?}");
            for p in &doc.passages {
                let slice = p.span.slice(text).unwrap();
                assert_eq!(p.fingerprint, fingerprint(slice), "{slice:?}");
            }
        }
    }

    #[test]
    fn passage_ids_are_decimal() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX] {
            assert_eq!(passage_id(n), format!("p{n}"));
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
