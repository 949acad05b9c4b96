//! isnad's hasher: fingerprints of passages and documents, a streaming
//! hasher for inputs of any size, and fuzzy locating of passages and quotes.
//!
//! - A **fingerprint** is `sha256:` and 64 hex digits: SHA-256 over the
//!   normalization scheme's name ([`NORMALIZATION_SCHEME`], `isnad-norm-1`),
//!   a NUL byte, and the text's matching form ([`isnad_text::normalize`]).
//!   Two texts that differ only by diacritics, whitespace, quote style, alef
//!   forms, digit script or invisible characters have the same
//!   fingerprint; a changed word changes it. Hashing the scheme's name in
//!   means that a later scheme (`isnad-norm-2`) gives different fingerprints
//!   instead of silently changing what an old one meant.
//! - The **document fingerprint** is the fingerprint of the whole text; the
//!   **passage fingerprints** are those of the blocks that
//!   [`isnad_text::segment`] finds. [`fingerprint_document`] builds the
//!   data contract's [`FingerprintDocument`] ([`DocumentInfo`] and
//!   [`Passage`]s `p1`, `p2` ...) from a text; [`fingerprint_reader`] does
//!   the same from a reader in flat memory, passage by passage.
//! - [`winnow`] computes k-gram winnowing fingerprints (Schleimer, Wilkerson
//!   and Aiken, *Winnowing: local algorithms for document fingerprinting*,
//!   SIGMOD 2003) over the matching form, and [`locate`] finds a quote or a
//!   passage in a (possibly changed) text: exactly on the matching form when
//!   it can, else the best approximate window with a similarity score, as a
//!   span of the original text.
//!
//! **It does no IO beyond the reader it is handed and never prints**; it
//! knows nothing of claims or the ledger.
//!
//! ```
//! use isnad_fingerprint::{fingerprint, fingerprint_document, locate};
//!
//! // Diacritics, quote style, alef forms and digits do not change it ...
//! assert_eq!(fingerprint("قالَ «الرئيس» عام ٢٠١٩"), fingerprint("قال \"الرئيس\"  عام 2019"));
//! // ... a changed word does.
//! assert_ne!(fingerprint("قال الرئيس"), fingerprint("قال الوزير"));
//!
//! let text = "Water minister: new dam\n\nThe ministry said the dam is finished.";
//! let doc = fingerprint_document("-", text);
//! assert_eq!(doc.passages.len(), 2);
//! assert_eq!(doc.passages[1].id, "p2");
//! assert_eq!(doc.document.fingerprint, fingerprint(text));
//!
//! let found = locate(text, "the Ministry said the dam was finished").unwrap();
//! assert!(found.similarity > 0.8 && !found.exact);
//! assert_eq!(found.span.slice(text), Some("The ministry said the dam is finished"));
//! ```
#![deny(missing_docs)]

mod document;
mod input;
mod locate;
mod pipeline;
mod winnow;

use sha2::{Digest, Sha256};

pub use document::{
    Error, MAX_PART, Part, RawPassage, document_reader, fingerprint_bytes, fingerprint_document,
    fingerprint_reader, passage_id, passages, write_fingerprint,
};
pub use input::read_text;
pub use isnad_model::{DocumentInfo, FingerprintDocument, Passage};
pub use isnad_text::NORMALIZATION_SCHEME;
pub use locate::{QuoteMatch, locate, locate_in};
pub use pipeline::fingerprint_parts;
pub use winnow::{Mark, Winnowing, containment, resemblance, winnow};

/// The version of the `isnad fingerprint --format json` document format.
pub const FINGERPRINT_SCHEMA_VERSION: &str = "1.0.0";

/// The fingerprint of `text`: `sha256:` and 64 hex digits over the scheme
/// name and the matching form.
pub fn fingerprint(text: &str) -> String {
    let mut h = Hasher::new();
    h.update(text);
    h.finish()
}

/// The fingerprint of a text that is already in matching form (the output
/// of [`isnad_text::normalize`]); `fingerprint(t) ==
/// fingerprint_normalized(normalize(t).as_str())`.
pub fn fingerprint_normalized(normalized: &str) -> String {
    let mut sha = scheme_sha();
    sha.update(normalized.as_bytes());
    hex_digest(sha)
}

/// A SHA-256 state with the scheme's name and the NUL separator hashed in.
pub(crate) fn scheme_sha() -> Sha256 {
    let mut sha = Sha256::new();
    sha.update(NORMALIZATION_SCHEME.as_bytes());
    sha.update([0u8]);
    sha
}

/// `sha256:` and the lowercase hex digest.
pub(crate) fn hex_digest(sha: Sha256) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = sha.finalize();
    let mut out = [0u8; 71];
    out[..7].copy_from_slice(b"sha256:");
    for (k, b) in digest.iter().enumerate() {
        out[7 + 2 * k] = HEX[usize::from(b >> 4)];
        out[8 + 2 * k] = HEX[usize::from(b & 15)];
    }
    std::str::from_utf8(&out)
        .map(str::to_owned)
        .unwrap_or_default()
}

/// Collects normalized characters as UTF-8 bytes and feeds them to SHA-256
/// in large pieces.
pub(crate) struct ShaSink {
    pub(crate) sha: Sha256,
    pub(crate) buf: Vec<u8>,
}

const SINK_FLUSH: usize = 1 << 16;

impl ShaSink {
    pub(crate) fn new() -> Self {
        ShaSink {
            sha: scheme_sha(),
            buf: Vec::with_capacity(SINK_FLUSH + 8),
        }
    }

    pub(crate) fn flush(&mut self) {
        self.sha.update(&self.buf);
        self.buf.clear();
    }

    pub(crate) fn finish(mut self) -> String {
        self.flush();
        hex_digest(self.sha)
    }
}

impl isnad_text::NormalizedSink for ShaSink {
    const ORIGINS: bool = false;

    fn push_run(&mut self, run: &str, start: usize) {
        self.push_run_bytes(run.as_bytes(), start);
    }

    fn push_run_bytes(&mut self, run: &[u8], _start: usize) {
        if self.buf.len() + run.len() > SINK_FLUSH {
            self.flush();
            self.sha.update(run);
        } else {
            self.buf.extend_from_slice(run);
        }
    }

    #[inline]
    fn push(&mut self, c: char, _start: usize, _end: usize) {
        push_utf8(&mut self.buf, c);
        if self.buf.len() >= SINK_FLUSH {
            self.flush();
        }
    }
}

#[inline]
pub(crate) fn push_utf8(buf: &mut Vec<u8>, c: char) {
    if c.is_ascii() {
        buf.push(c as u8);
    } else {
        let mut tmp = [0u8; 4];
        buf.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
    }
}

/// A streaming fingerprint: normalizes text fed in pieces of any size
/// (split anywhere between characters) straight into the SHA-256 state,
/// without building the offset map. `finish` gives the same fingerprint as
/// [`fingerprint`] of the concatenated text.
///
/// ```
/// use isnad_fingerprint::{Hasher, fingerprint};
///
/// let mut h = Hasher::new();
/// h.update("قالَ الرئيسُ ");
/// h.update("«نعم»");
/// assert_eq!(h.finish(), fingerprint("قال الرئيس \"نعم\""));
/// ```
pub struct Hasher {
    norm: isnad_text::StreamNormalizer,
    sink: ShaSink,
    carry: String,
}

impl Default for Hasher {
    fn default() -> Self {
        Self::new()
    }
}

impl Hasher {
    /// A hasher at the start of a text.
    pub fn new() -> Self {
        Hasher {
            norm: isnad_text::StreamNormalizer::new(),
            sink: ShaSink::new(),
            carry: String::new(),
        }
    }

    /// Feeds the next piece of the text.
    pub fn update(&mut self, piece: &str) {
        if self.carry.is_empty() {
            let used = self.norm.feed(piece, false, &mut self.sink);
            self.carry.push_str(&piece[used..]);
        } else {
            self.carry.push_str(piece);
            let used = self.norm.feed(&self.carry, false, &mut self.sink);
            self.carry.drain(..used);
        }
    }

    /// Code points of text fed so far.
    pub fn code_points(&self) -> usize {
        self.norm.code_points() + self.carry.chars().count()
    }

    /// The fingerprint of everything fed.
    pub fn finish(mut self) -> String {
        self.norm.feed(&self.carry, true, &mut self.sink);
        self.sink.finish()
    }
}
