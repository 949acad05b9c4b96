//! Claim extraction for isnad: from a news text, find every reported claim,
//! who it is attributed to, through which cue, what was said and how hedged
//! it is, and the author's own hedged statements.
//!
//! This crate owns the extraction rules and the language packs
//! (`lexicons/ar.toml`, `lexicons/en.toml`: documented data files compiled
//! in; a user pack adds to them). Extraction is one linear pass: the text is
//! tokenized once into a matching form, every lexicon surface form (with its
//! generated clitic prefixes) is found by one multi-pattern matcher over the
//! tokens, and the rules walk the sentences with the hits.
//!
//! Matching is on lowercase forms, so the original capitals decide what a
//! hedge word is: written with a capital after a word of its sentence, a
//! hedge or auxiliary is a name or a title ("in May", "Theresa May said"),
//! and the words a hedge entry lists in `capitalized_names` (English "May")
//! are names even at a sentence's start ("May 5 was ..."). A title-case
//! heading capitalizes every word, so there only a preposition before or a
//! number after makes the word a name ("Talks to Resume in May"). The packs'
//! headers (`lexicons/en.toml`) document the rule.
//!
//! **It must not know** about files beyond the optional lexicon loader
//! ([`Extractor::with_lexicon_file`]), terminals, output formats, the ledger
//! or how passages and fingerprints are computed: the caller passes the
//! document fingerprint and the passages, and gets [`isnad_model::Claim`]s.
//!
//! ```
//! use isnad_extract::{Extractor, Input};
//! use isnad_model::Attribution;
//!
//! let ex = Extractor::builtin().unwrap();
//! let text = "وقال وزير الخارجية إن المحادثات قد تستأنف الأسبوع المقبل.";
//! let claims = ex.extract(&Input::new(text, "sha256:00"));
//! assert_eq!(claims.len(), 1);
//! let c = &claims[0];
//! assert_eq!(c.speaker.as_ref().unwrap().name, "وزير الخارجية");
//! assert_eq!(c.cue.as_ref().unwrap().text, "قال");
//! assert_eq!(c.attribution, Attribution::Attributed);
//! assert_eq!(c.hedges[0].text, "قد");
//! ```
#![deny(missing_docs)]

mod compile;
mod engine;
mod lexicon;
mod svo;
mod token;

use std::path::Path;

use isnad_model::{
    Certainty, Claim, Content, Cue, Explanation, Hedge, Passage, PassageKind, Span, Speaker,
};
use sha2::{Digest, Sha256};

pub use lexicon::{ARABIC, ENGLISH, PackFile};

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A language pack could not be read or compiled.
    #[error("lexicon {origin}: {message}")]
    Lexicon {
        /// The file (or built-in pack) the error is in.
        origin: String,
        /// What is wrong.
        message: String,
    },
    /// A lexicon file could not be read.
    #[error("cannot read lexicon {path}: {source}")]
    Io {
        /// The path given.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// One document to extract from.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    /// The text (BOM already removed); spans point into it.
    pub text: &'a str,
    /// The document fingerprint (`sha256:...`): claim ids derive from it.
    pub fingerprint: &'a str,
    /// The passages of the document, in text order; claims name the passage
    /// that holds their start. Claims that start in a byline or dateline
    /// passage are dropped.
    pub passages: &'a [Passage],
    /// The language to use (`ar`, `en`); `None` detects it from the letters.
    pub language: Option<&'a str>,
    /// Fill each claim's `explain`.
    pub explain: bool,
}

impl<'a> Input<'a> {
    /// A text with its fingerprint, no passages, language detected.
    pub fn new(text: &'a str, fingerprint: &'a str) -> Input<'a> {
        Input {
            text,
            fingerprint,
            passages: &[],
            language: None,
            explain: false,
        }
    }
}

/// The claim extractor: compiled language packs.
#[derive(Debug)]
pub struct Extractor {
    packs: Vec<PackFile>,
    origins: Vec<Vec<String>>,
    compiled: Vec<compile::Compiled>,
}

impl Extractor {
    /// The built-in Arabic and English packs.
    pub fn builtin() -> Result<Extractor, Error> {
        let ar = PackFile::parse(ARABIC, "built-in ar.toml")?;
        let en = PackFile::parse(ENGLISH, "built-in en.toml")?;
        let mut ex = Extractor {
            packs: vec![ar, en],
            origins: vec![
                vec!["built-in ar.toml".into()],
                vec!["built-in en.toml".into()],
            ],
            compiled: Vec::new(),
        };
        ex.recompile()?;
        Ok(ex)
    }

    fn recompile(&mut self) -> Result<(), Error> {
        self.compiled = self
            .packs
            .iter()
            .zip(&self.origins)
            .map(|(p, o)| compile::Compiled::new(p, o.clone()))
            .collect::<Result<_, _>>()?;
        Ok(())
    }

    /// Add a user pack (TOML text): it extends the built-in pack of the same
    /// `language`, or adds a new language.
    pub fn with_lexicon(mut self, toml_text: &str, origin: &str) -> Result<Extractor, Error> {
        let pack = PackFile::parse(toml_text, origin)?;
        match self.packs.iter().position(|p| p.language == pack.language) {
            Some(i) => {
                self.packs[i].merge(pack);
                self.origins[i].push(origin.to_string());
            }
            None => {
                self.packs.push(pack);
                self.origins.push(vec![origin.to_string()]);
            }
        }
        self.recompile()?;
        Ok(self)
    }

    /// Read a user pack from a file (the only IO of this crate).
    pub fn with_lexicon_file(self, path: &Path) -> Result<Extractor, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        self.with_lexicon(&text, &path.display().to_string())
    }

    /// The languages this extractor has packs for.
    pub fn languages(&self) -> Vec<&str> {
        self.packs.iter().map(|p| p.language.as_str()).collect()
    }

    /// Extract the claims of one document, in text order.
    pub fn extract(&self, input: &Input<'_>) -> Vec<Claim> {
        let mut claims = Vec::new();
        self.extract_each(input, |c| claims.push(c));
        claims
    }

    /// [`Extractor::extract`] as a stream: each claim is handed to `emit`,
    /// in the same order and with the same fields, as soon as it is final
    /// (when the chunk after it has been read), so a caller that writes
    /// claims out as they come holds one chunk's claims, not the document's.
    pub fn extract_each(&self, input: &Input<'_>, mut emit: impl FnMut(Claim)) {
        self.extract_batches(input, |batch, _| batch.into_iter().for_each(&mut emit));
    }

    /// [`Extractor::extract_each`] a chunk at a time: `emit` gets the claims
    /// that became final and the code point before which no later claim
    /// starts (`usize::MAX` with the last batch), which a caller that links
    /// claims to text (the speaker pass) needs to know how far it may go.
    pub fn extract_batches(&self, input: &Input<'_>, emit: impl FnMut(Vec<Claim>, usize)) {
        self.extract_chunked(input, CHUNK, emit);
    }

    /// [`Extractor::extract_batches`] with chunks of about `size` bytes
    /// (tests compare sizes: the cut must not change the claims).
    fn extract_chunked(
        &self,
        input: &Input<'_>,
        size: usize,
        mut emit: impl FnMut(Vec<Claim>, usize),
    ) {
        let lang = input
            .language
            .map(str::to_string)
            .unwrap_or_else(|| detect_language(input.text).to_string());
        let Some(pack) = self
            .compiled
            .iter()
            .find(|c| c.language == lang)
            .or_else(|| self.compiled.first())
        else {
            return;
        };
        let mut carry = engine::Carry::default();
        let mut pending = Vec::new();
        // each chunk's drafts become claims before the next chunk is read:
        // only one chunk's tokens, hits and drafts are alive at a time
        for (base, chunk) in chunks(input.text, size) {
            let mut doc = engine::Doc::new(chunk, base, pack);
            doc.explain = input.explain;
            let drafts = doc.run(&mut carry);
            to_claims(input, &pack.language, drafts, &mut pending);
            // A claim's span is made of its chunk's tokens (a speaker carried
            // from an earlier chunk is implicit and stays out of the span),
            // so no later claim starts before the end of this chunk: the
            // claims before it are final and leave in text order.
            let settled = base + chunk.chars().count();
            release(&mut pending, Some(settled), &mut emit);
        }
        release(&mut pending, None, &mut emit);
    }
}

impl Extractor {
    /// [`Extractor::extract_batches`] for a text that is not held whole:
    /// [`ExtractStream::push_passage`] the passages and
    /// [`ExtractStream::push_text`] the text as they are read (each passage
    /// before the text it covers), then [`ExtractStream::finish`]. The
    /// chunks are cut where the whole text would be cut (a cut looks at most
    /// `5 * CHUNK` bytes ahead, which the stream keeps before cutting), so
    /// the claims are the same; `emit` gets each chunk's text with the
    /// claims it settles. `language` is the document's (as
    /// `isnad-fingerprint` tells it); `None` takes the first pack, as
    /// [`Extractor::extract`] does for a text without letters.
    pub fn stream<'e>(
        &'e self,
        fingerprint: &str,
        language: Option<&str>,
        explain: bool,
    ) -> Option<ExtractStream<'e>> {
        let pack = language
            .and_then(|l| self.compiled.iter().find(|c| c.language == l))
            .or_else(|| self.compiled.first())?;
        Some(ExtractStream {
            pack,
            fingerprint: fingerprint.to_string(),
            explain,
            carry: engine::Carry::default(),
            buf: String::new(),
            at: 0,
            base: 0,
            passages: Vec::new(),
            passages_from: 0,
            pending: Vec::new(),
        })
    }
}

/// Extraction over a text read piece by piece (see [`Extractor::stream`]):
/// it holds the text not yet cut into chunks (a few chunks), the passages
/// that reach into it, and the claims not yet settled.
pub struct ExtractStream<'e> {
    pack: &'e compile::Compiled,
    fingerprint: String,
    explain: bool,
    carry: engine::Carry,
    /// The text read and not yet dropped; the next chunk starts at byte
    /// `at` (the chunks before it are dropped when more text comes, all
    /// at once: dropping each one from the front moved the rest each time).
    buf: String,
    at: usize,
    /// Code point of the text where the next chunk starts.
    base: usize,
    /// Passages that may hold the start of a later claim, in order, from
    /// `passages_from` on (the passages before it are dropped all at once
    /// when they are half of the vector: draining them for every chunk
    /// moved all the document's later passages each time).
    passages: Vec<Passage>,
    passages_from: usize,
    pending: Vec<Claim>,
}

impl ExtractStream<'_> {
    /// Adds the next passage (passages come in text order).
    pub fn push_passage(&mut self, passage: Passage) {
        self.passages.push(passage);
    }

    /// Adds the next piece of the text and extracts every chunk that can
    /// be cut now.
    pub fn push_text(&mut self, piece: &str, mut emit: impl FnMut(&str, Vec<Claim>, usize)) {
        self.buf.drain(..self.at);
        self.at = 0;
        self.buf.push_str(piece);
        // a cut needs `size` bytes and a window of `4 * size` after them
        // (and a little more, so that the window never ends at the end of
        // what was read, which only the end of the text may do)
        while self.buf.len() - self.at > 5 * CHUNK + 8 {
            let end = self.at + chunk_end(&self.buf[self.at..], CHUNK, CHUNK);
            self.run_chunk(end, &mut emit);
        }
    }

    /// Extracts the rest of the text (cut as the end of a whole text is).
    pub fn finish(mut self, mut emit: impl FnMut(&str, Vec<Claim>, usize)) {
        while self.at < self.buf.len() {
            let rest = &self.buf[self.at..];
            let end = self.at
                + if rest.len() > CHUNK {
                    chunk_end(rest, CHUNK, CHUNK)
                } else {
                    rest.len()
                };
            self.run_chunk(end, &mut emit);
        }
        release(&mut self.pending, None, &mut |batch, settled| {
            emit("", batch, settled)
        });
    }

    /// Extracts the chunk `buf[at..end]` and moves past it.
    fn run_chunk(&mut self, end: usize, emit: &mut impl FnMut(&str, Vec<Claim>, usize)) {
        // taken while the chunk is read, which borrows it
        let buf = std::mem::take(&mut self.buf);
        let Some(chunk) = buf.get(self.at..end) else {
            self.buf = buf;
            self.at = self.buf.len();
            return;
        };
        let base = self.base;
        // passages wholly before this chunk hold no later claim's start
        let live = self.passages.get(self.passages_from..).unwrap_or_default();
        self.passages_from += live.partition_point(|p| p.span.end.max(p.span.start + 1) <= base);
        if self.passages_from > self.passages.len() / 2 {
            self.passages.drain(..self.passages_from);
            self.passages_from = 0;
        }
        let drafts = {
            let mut doc = engine::Doc::new(chunk, base, self.pack);
            doc.explain = self.explain;
            doc.run(&mut self.carry)
        };
        let input = Input {
            text: "",
            fingerprint: &self.fingerprint,
            passages: self.passages.get(self.passages_from..).unwrap_or_default(),
            language: None,
            explain: self.explain,
        };
        to_claims(&input, &self.pack.language, drafts, &mut self.pending);
        let settled = base + chunk.chars().count();
        release(&mut self.pending, Some(settled), &mut |batch, settled| {
            emit(chunk, batch, settled)
        });
        self.buf = buf;
        self.at = end;
        self.base = settled;
    }
}

/// Orders the pending claims and hands `emit` those that start before
/// `settled` (all of them when `None`), keeping the rest.
fn release(
    pending: &mut Vec<Claim>,
    settled: Option<usize>,
    emit: &mut impl FnMut(Vec<Claim>, usize),
) {
    sort_claims(pending);
    let cut = match settled {
        Some(at) => pending.partition_point(|c| c.span.start < at),
        None => pending.len(),
    };
    // claims that share a start (the only ones `order` compares with each
    // other) are on the same side of the cut; most often every pending
    // claim is done, and the vector is handed over as it is
    let done: Vec<Claim> = if cut == pending.len() {
        std::mem::take(pending)
    } else {
        pending.drain(..cut).collect()
    };
    emit(order(done), settled.unwrap_or(usize::MAX));
}

/// The chunk size: big enough that nearly every cut falls on a paragraph
/// break (so chunking does not change the claims), small enough that the
/// per-chunk tables stay in the CPU cache and memory stays flat however long
/// the text.
const CHUNK: usize = 1 << 14;

/// Split the text at paragraph breaks into chunks of about `size` bytes,
/// with each chunk's code-point offset.
fn chunks(text: &str, size: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut base = 0;
    while start < text.len() {
        let end = if text.len() - start > size {
            chunk_end(text, start + size, size)
        } else {
            text.len()
        };
        let Some(chunk) = text.get(start..end) else {
            break;
        };
        out.push((base, chunk));
        base += chunk.chars().count();
        start = end;
    }
    out
}

/// Where a chunk that should end near byte `from` ends: after the first
/// paragraph break in the next `4 * size` bytes (or at the end of the text
/// when it is within them), else after a line break,
/// else after a sentence end, else at a space, else at a character
/// boundary. The search window is bounded, so one huge paragraph or line
/// (a scraped page without breaks) is still cut into pieces and the whole
/// pass stays linear; a cut inside a paragraph only costs the claims that
/// straddle it.
fn chunk_end(text: &str, from: usize, size: usize) -> usize {
    let mut from = from.min(text.len());
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut limit = (from + 4 * size).min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &text[from..limit];
    let after = |needles: &[&str]| {
        needles
            .iter()
            .filter_map(|n| window.find(n).map(|p| from + p + n.len()))
            .min()
    };
    after(&["\n\n"])
        // the end of the text ends a paragraph too: a last paragraph that
        // fits in the window stays whole
        .or_else(|| (limit == text.len()).then_some(limit))
        .or_else(|| after(&["\n"]))
        .or_else(|| after(&[". ", "! ", "? ", "؟ ", "۔ "]))
        .or_else(|| after(&[" "]))
        .unwrap_or(if limit > from { limit } else { text.len() })
}

/// The main language of a text from its letters: `ar` when Arabic letters
/// lead, `en` when Latin ones do, `und` otherwise. This is isnad-text's
/// detection, the one that names a fingerprinted document's language, so a
/// library caller and the command line pick the same pack.
pub fn detect_language(text: &str) -> &'static str {
    isnad_text::detect_language(text)
}

/// A stable claim id: `c-` and 16 hex digits of sha256 over the document
/// fingerprint and the claim's span.
pub fn claim_id(fingerprint: &str, span: Span) -> String {
    id_after(&fingerprint_hasher(fingerprint), span)
}

/// The hasher of [`claim_id`] after the fingerprint: hashed once per chunk,
/// so that each claim's id hashes only its span (a fingerprint of 71 bytes
/// fills a whole SHA-256 block, which every id compressed again).
fn fingerprint_hasher(fingerprint: &str) -> Sha256 {
    let mut h = Sha256::new();
    h.update(fingerprint.as_bytes());
    h
}

/// [`claim_id`] from the hasher after the fingerprint.
fn id_after(prefix: &Sha256, span: Span) -> String {
    let mut h = prefix.clone();
    // ":START:END", written without formatting a String (one id per claim)
    let mut buf = [0u8; 20];
    h.update(b":");
    h.update(decimal(span.start, &mut buf));
    h.update(b":");
    h.update(decimal(span.end, &mut buf));
    hex16(&h.finalize())
}

/// The decimal digits of `n`, written into the end of `buf`.
fn decimal(mut n: usize, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[i..];
        }
    }
}

/// `c-` and the first 8 bytes of a digest in hex.
fn hex16(d: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(18);
    s.push_str("c-");
    for b in d.iter().take(8) {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

/// Turns a chunk's drafts into claims (passage, id, certainty), appended to
/// `claims`; drafts that start in a byline or dateline are dropped.
fn to_claims(
    input: &Input<'_>,
    pack_language: &str,
    drafts: Vec<engine::Draft>,
    claims: &mut Vec<Claim>,
) {
    let ids = fingerprint_hasher(input.fingerprint);
    claims.reserve(drafts.len());
    for d in drafts {
        let content_span = Span::new(d.content.0, d.content.1);
        let mut span = content_span;
        if let Some(c) = &d.cue {
            span = span.cover(&Span::new(c.2.0, c.2.1));
        }
        if let Some(sp) = &d.speaker {
            // an implicit speaker named sentences before stays out of the span
            if !sp.implicit {
                span = span.cover(&Span::new(sp.span.0, sp.span.1));
            }
        }
        // Passages are in text order: binary search keeps this linear in
        // the number of claims (a scan per claim was quadratic on long texts).
        let passage = input
            .passages
            .partition_point(|p| p.span.start <= span.start)
            .checked_sub(1)
            .map(|i| &input.passages[i])
            .filter(|p| span.start < p.span.end.max(p.span.start + 1));
        if passage.is_some_and(|p| matches!(p.kind, PassageKind::Byline | PassageKind::Dateline)) {
            continue;
        }
        let hedges: Vec<Hedge> = d
            .hedges
            .iter()
            .zip(d.hedge_texts)
            .map(|((s, k), text)| Hedge {
                text,
                span: Span::new(s.0, s.1),
                kind: *k,
            })
            .collect();
        let certainty = if hedges.is_empty() {
            Certainty::Asserted
        } else {
            Certainty::Hedged
        };
        // the pack's language prefixes the rule's name only here, once per
        // claim kept (drafts carry the bare `&'static str`)
        let mut rule = String::with_capacity(pack_language.len() + 1 + d.rule.len());
        rule.push_str(pack_language);
        rule.push('.');
        rule.push_str(d.rule);
        let explain = input.explain.then(|| Explanation {
            rule: rule.clone(),
            lexicon: dedup(d.lexicon),
            steps: d.steps.into_vec(),
        });
        claims.push(Claim {
            id: id_after(&ids, span),
            passage: passage.map(|p| p.id.clone()).unwrap_or_default(),
            span,
            speaker: d.speaker.map(|s| Speaker {
                name: s.name,
                span: Span::new(s.span.0, s.span.1),
                kind: s.kind,
                key: s.key,
                implicit: s.implicit,
            }),
            cue: d.cue.map(|(text, lemma, s)| Cue {
                text,
                lemma,
                span: Span::new(s.0, s.1),
            }),
            content: Content {
                text: d.content_text,
                span: content_span,
                quote: d.quote,
            },
            attribution: d.attribution,
            certainty,
            hedges,
            stance: d.stance,
            rule,
            explain,
        });
    }
}

/// Sorts claims into text order: span, then cue span, then rule.
fn sort_claims(claims: &mut [Claim]) {
    claims.sort_by(|a, b| {
        a.span
            .cmp(&b.span)
            .then(
                a.cue
                    .as_ref()
                    .map(|c| c.span)
                    .cmp(&b.cue.as_ref().map(|c| c.span)),
            )
            .then(a.rule.cmp(&b.rule))
    });
}

/// One claim per span and cue, and distinct ids for claims over the same
/// words, of claims in text order (`release` sorted them).
fn order(mut claims: Vec<Claim>) -> Vec<Claim> {
    claims.dedup_by(|b, a| {
        a.span == b.span && a.cue.as_ref().map(|c| c.span) == b.cue.as_ref().map(|c| c.span)
    });
    // two claims over the same words (a nested attribution): the id also
    // takes the cue's offset
    for i in 1..claims.len() {
        if claims[i].span == claims[i - 1].span
            && let Some(c) = &claims[i].cue
        {
            let mut h = Sha256::new();
            h.update(claims[i].id.as_bytes());
            h.update(format!(":cue:{}", c.span.start).as_bytes());
            claims[i].id = hex16(&h.finalize());
        }
    }
    claims
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    v.retain(|x| seen.insert(x.clone()));
    v
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod chunk_tests {
    use super::{Extractor, Input, chunks};
    use proptest::prelude::*;

    /// News-style sentences (written for this test) with cues, quotes,
    /// continuations and hedges, so that claims and carried speakers cross
    /// the paragraph breaks where chunks are cut.
    const SENTENCES: &[&str] = &[
        "وقال وزير المالية إن العجز قد يتراجع العام المقبل.",
        "وأضاف أن الحكومة ستواصل الإصلاحات.",
        "وذكرت الوزارة في بيان أن المحادثات ستستأنف، مشددة على أن الاتفاق قريب.",
        "ونقلت الوكالة عن مصادر مطلعة أن الوفد وصل.",
        "وبحسب محللين، فإن الأسعار ربما ترتفع.",
        "«لن نتراجع عن الخطة»، قال رئيس الوزراء.",
        "الرئيس: علاقتنا مع الجيران جيدة",
        "ويُعتقد أن الخلاف سيتسع.",
        "The mayor said the bridge would reopen next week.",
        "He added that the costs may rise.",
        "\"We will not back down,\" the minister told reporters.",
        "According to officials, the talks could resume on Monday.",
        "Critics argue the plan is likely to fail.",
        "The company, which employs 300 people, denied the report.",
    ];

    fn extractor() -> &'static Extractor {
        static EX: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
        EX.get_or_init(|| match Extractor::builtin() {
            Ok(ex) => ex,
            Err(e) => panic!("built-in packs: {e}"),
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Cutting the text into chunks (at paragraph breaks, as every text
        /// whose paragraphs are shorter than the search window is cut) gives
        /// the same claims as one pass over the whole text.
        #[test]
        fn chunked_extraction_equals_one_pass(
            paragraphs in proptest::collection::vec(
                proptest::collection::vec(0..SENTENCES.len(), 1..4), 1..40),
            size in 200usize..3000,
            explain in any::<bool>(),
        ) {
            let text: String = paragraphs
                .iter()
                .map(|p| p.iter().map(|&i| SENTENCES[i]).collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join("\n\n");
            let mut input = Input::new(&text, "sha256:chunks");
            input.explain = explain;
            let run = |size: usize| {
                let mut claims = Vec::new();
                extractor().extract_chunked(&input, size, |batch, _| claims.extend(batch));
                claims
            };
            let whole = run(text.len() + 1);
            let chunked = run(size);
            prop_assert_eq!(whole, chunked);
        }
    }

    /// Chunks cover the text in order, start on character boundaries, carry
    /// the right code-point offsets, and a text without any break is still cut.
    #[test]
    fn chunks_cover_the_text_and_cut_long_lines() {
        let one_line = "قال الوزير إن الخطة ناجحة. ".repeat(2_000);
        let paragraphs = "The minister said it works.\n\n".repeat(2_000);
        let no_spaces = "ب".repeat(50_000);
        for text in [
            one_line.as_str(),
            paragraphs.as_str(),
            no_spaces.as_str(),
            "",
            "short",
        ] {
            let parts = chunks(text, 1 << 10);
            let joined: String = parts.iter().map(|(_, c)| *c).collect();
            assert_eq!(joined, text);
            let mut base = 0;
            for (offset, chunk) in &parts {
                assert_eq!(*offset, base);
                base += chunk.chars().count();
            }
            if text.len() > 8 << 10 {
                assert!(
                    parts.len() > 4,
                    "{} bytes in {} chunks",
                    text.len(),
                    parts.len()
                );
            }
        }
    }
}
