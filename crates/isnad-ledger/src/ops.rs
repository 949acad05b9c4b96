//! Building entries: what `record`, `add`, `review` and withdrawals append.
//! Each `plan_*` function looks at the ledger as it stands under the append
//! lock and returns the entries to append (their chain fields are filled in
//! by the store), so decisions such as "version N+1" or "this id is free"
//! cannot race with another writer.

use chrono::{SecondsFormat, Utc};
use isnad_model::{
    ClaimEntry, ClaimOrigin, CorrectionAction, CorrectionEntry, DocumentEntry, ExtractionDocument,
    HeaderEntry, Rating, ReviewEntry, Span, Stance, TextQuoteSelector,
};
use sha2::{Digest, Sha256};

use crate::chain::sha256_tagged;
use crate::entry::Entry;
use crate::error::{LedgerError, Result};
use crate::index::{Index, normalize_path};

/// Code points of context kept on each side of a quote in its selector.
pub const SELECTOR_CONTEXT: usize = 32;

/// The current time as the ledger writes it: RFC 3339, UTC, milliseconds.
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A document's id: 64 hex digits of SHA-256 over `isnad:document:` and
/// its key, the same for every version.
pub fn document_id(key: &str) -> String {
    hex(&Sha256::digest(format!("isnad:document:{key}").as_bytes()))
}

/// What identifies a document across versions: its URL when given, else
/// the path it was read from; a text from standard input without a URL is
/// keyed by its own hash (every such text is its own document).
pub fn document_key(url: Option<&str>, source: &str, text_sha256: &str) -> String {
    match url {
        Some(u) if !u.trim().is_empty() => format!("url:{}", u.trim()),
        _ if source == "-" => format!("text:{text_sha256}"),
        _ => format!("path:{}", normalize_path(source)),
    }
}

/// A claim id, `k` and 16 hex digits, from the document, its version and a
/// discriminator (the extraction id, or `manual:SEQ`); bumped with a
/// counter in the (astronomically unlikely) case that the id is taken.
fn claim_id(
    index: &Index,
    taken: &[String],
    doc: &str,
    version: u32,
    discriminator: &str,
) -> String {
    for attempt in 0u32.. {
        let digest = Sha256::digest(
            format!("isnad:claim:{doc}:{version}:{discriminator}:{attempt}").as_bytes(),
        );
        let id = format!("k{}", hex(&digest[..8]));
        if !index.has_claim(&id) && !taken.contains(&id) {
            return id;
        }
    }
    String::new()
}

/// The header entry `init` writes.
pub fn header(author: &str, created_by: &str) -> Entry {
    Entry::Header(HeaderEntry {
        kind: "header".into(),
        schema_version: String::new(),
        seq: 0,
        prev: String::new(),
        hash: String::new(),
        author: author.into(),
        recorded_at: now(),
        format: "isnad-ledger".into(),
        created_by: created_by.into(),
    })
}

/// A document to record, with its extraction.
#[derive(Debug, Clone)]
pub struct DocumentDraft {
    /// The extraction of the text (document facts, passages, claims).
    pub extraction: ExtractionDocument,
    /// The text the extraction's spans point into.
    pub text: String,
    /// The URL, when given.
    pub url: Option<String>,
    /// The title, when given.
    pub title: Option<String>,
    /// The publication time as given.
    pub published: Option<String>,
    /// Keep the text in the ledger (false with `--no-text`).
    pub keep_text: bool,
}

/// What recording a document did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordOutcome {
    /// The document id.
    pub doc: String,
    /// The version recorded, or the unchanged latest version.
    pub version: u32,
    /// False when the text was already the latest version: nothing appended.
    pub appended: bool,
    /// Claims appended.
    pub claims: usize,
}

/// Plans the entries for one document: nothing when the latest version has
/// the same text, else a document entry (version N+1) and its claims.
pub fn plan_record(
    index: &Index,
    draft: &DocumentDraft,
    author: &str,
) -> (Vec<Entry>, RecordOutcome) {
    let text_sha256 = sha256_tagged(draft.text.as_bytes());
    let key = document_key(
        draft.url.as_deref(),
        &draft.extraction.document.source,
        &text_sha256,
    );
    let doc = document_id(&key);
    let latest = index.latest(&doc);
    if let Some(latest) = latest
        && latest.text_sha256 == text_sha256
    {
        let outcome = RecordOutcome {
            doc,
            version: latest.version,
            appended: false,
            claims: 0,
        };
        return (Vec::new(), outcome);
    }
    let version = latest.map_or(1, |l| l.version + 1);
    let recorded_at = now();
    let info = &draft.extraction.document;
    let document = DocumentEntry {
        kind: "document".into(),
        schema_version: String::new(),
        seq: 0,
        prev: String::new(),
        hash: String::new(),
        author: author.into(),
        recorded_at: recorded_at.clone(),
        doc: doc.clone(),
        key,
        version,
        supersedes: latest.map(|l| l.hash.clone()),
        source: info.source.clone(),
        url: draft.url.clone(),
        title: draft.title.clone(),
        published: draft.published.clone(),
        language: info.language.clone(),
        fingerprint: info.fingerprint.clone(),
        normalization: info.normalization.clone(),
        text_sha256,
        length: draft.text.chars().count(),
        passages: draft.extraction.passages.clone(),
        text: draft.keep_text.then(|| draft.text.clone()),
    };
    let mut entries = vec![Entry::Document(Box::new(document))];
    let mut taken = Vec::new();
    for claim in &draft.extraction.claims {
        let id = claim_id(index, &taken, &doc, version, &claim.id);
        taken.push(id.clone());
        let passage = draft
            .extraction
            .passages
            .iter()
            .find(|p| p.id == claim.passage);
        let exact = claim.span.slice(&draft.text);
        entries.push(Entry::Claim(Box::new(ClaimEntry {
            kind: "claim".into(),
            schema_version: String::new(),
            seq: 0,
            prev: String::new(),
            hash: String::new(),
            author: author.into(),
            recorded_at: recorded_at.clone(),
            id,
            extraction_id: Some(claim.id.clone()),
            origin: ClaimOrigin::Extracted,
            doc: doc.clone(),
            doc_version: version,
            speaker: claim.speaker.as_ref().map(|s| s.name.clone()),
            speaker_key: claim.speaker.as_ref().map(|s| s.key.clone()),
            speaker_kind: claim.speaker.as_ref().map(|s| s.kind),
            cue: claim.cue.as_ref().map(|c| c.text.clone()),
            attribution: Some(claim.attribution),
            certainty: Some(claim.certainty),
            stance: Some(claim.stance),
            quote: claim.content.text.clone(),
            span: exact.is_some().then_some(claim.span),
            selector: exact.map(|_| selector(&draft.text, claim.span)),
            passage: passage.map(|p| p.id.clone()),
            passage_fingerprint: passage.map(|p| p.fingerprint.clone()),
            verified: exact.is_some(),
            similarity: None,
            note: None,
            extraction: Some(claim.clone()),
        })));
    }
    let claims = entries.len() - 1;
    (
        entries,
        RecordOutcome {
            doc,
            version,
            appended: true,
            claims,
        },
    )
}

/// A W3C TextQuoteSelector for `span` of `text`, with up to
/// [`SELECTOR_CONTEXT`] code points of context on each side.
pub fn selector(text: &str, span: Span) -> TextQuoteSelector {
    let prefix_start = span.start.saturating_sub(SELECTOR_CONTEXT);
    let slice = |s: usize, e: usize| Span::new(s, e).slice(text).unwrap_or_default().to_string();
    let len = text.chars().count();
    TextQuoteSelector {
        kind: "TextQuoteSelector".into(),
        exact: slice(span.start, span.end),
        prefix: slice(prefix_start, span.start.min(len)),
        suffix: slice(span.end.min(len), (span.end + SELECTOR_CONTEXT).min(len)),
    }
}

/// Where a quote was found in a text, and how closely.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuoteMatch {
    /// The matched text's span in the original text.
    pub span: Span,
    /// Similarity from 0 to 1 (1: exact after normalization).
    pub similarity: f64,
}

/// A hand-logged claim (`isnad add`).
#[derive(Debug, Clone, Default)]
pub struct AddRequest {
    /// Document reference: id, id prefix, URL or path, with optional `@N`.
    pub doc: String,
    /// Who said it.
    pub speaker: String,
    /// What they said, as quoted.
    pub quote: String,
    /// The reporting verb, if given.
    pub cue: Option<String>,
    /// The stance, if given.
    pub stance: Option<Stance>,
    /// A note.
    pub note: Option<String>,
    /// Store the claim even when the quote is not found in the text.
    pub unverified: bool,
    /// The least similarity that counts as found (e.g. 0.85).
    pub min_similarity: f64,
}

/// What `plan_add` found.
#[derive(Debug, Clone, PartialEq)]
pub enum AddCheck {
    /// The quote was found.
    Verified(QuoteMatch),
    /// The quote was not found; stored unverified as asked.
    Unverified {
        /// The closest match, if any.
        closest: Option<QuoteMatch>,
        /// Why it could not be verified.
        reason: String,
    },
}

/// Plans a hand-logged claim. `locate(text, quote)` is the hasher's quote
/// locator (normalized exact match, then approximate); it returns the
/// closest match. A quote below `min_similarity` is refused with
/// [`LedgerError::QuoteNotFound`] unless the request is `unverified`.
pub fn plan_add(
    index: &Index,
    request: &AddRequest,
    author: &str,
    locate: &dyn Fn(&str, &str) -> Option<QuoteMatch>,
) -> Result<(Entry, AddCheck)> {
    if request.quote.trim().is_empty() {
        return Err(LedgerError::Invalid("the quote is empty".into()));
    }
    if request.speaker.trim().is_empty() {
        return Err(LedgerError::Invalid("the speaker is empty".into()));
    }
    let (doc, version) = index.resolve_document(&request.doc)?;
    let document = match version {
        Some(v) => index.version(&doc, v),
        None => index.latest(&doc),
    }
    .ok_or_else(|| LedgerError::UnknownDocument(request.doc.clone()))?;
    let short = index.short_doc_id(&doc);
    let (found, check) = match &document.text {
        None => {
            let reason = format!(
                "document {short} version {} was recorded without its text (--no-text): the quote cannot be checked",
                document.version
            );
            if !request.unverified {
                return Err(LedgerError::Invalid(format!(
                    "{reason}; log it with --unverified"
                )));
            }
            (
                None,
                AddCheck::Unverified {
                    closest: None,
                    reason,
                },
            )
        }
        Some(text) => {
            let best = locate(text, &request.quote);
            match best {
                Some(m) if m.similarity >= request.min_similarity => {
                    (Some((text, m)), AddCheck::Verified(m))
                }
                _ => {
                    let closest_text = best.map(|m| closest_passage(document, text, m.span));
                    if !request.unverified {
                        return Err(LedgerError::QuoteNotFound {
                            doc: short,
                            version: document.version,
                            closest: closest_text.unwrap_or_default(),
                            similarity: best.map_or(0.0, |m| m.similarity),
                        });
                    }
                    let reason = format!(
                        "the quote is not in document {short} version {} (closest similarity {:.2})",
                        document.version,
                        best.map_or(0.0, |m| m.similarity)
                    );
                    (
                        None,
                        AddCheck::Unverified {
                            closest: best,
                            reason,
                        },
                    )
                }
            }
        }
    };
    let seq = index.len() + 1;
    let id = claim_id(index, &[], &doc, document.version, &format!("manual:{seq}"));
    let passage = found.and_then(|(_, m)| {
        document
            .passages
            .iter()
            .find(|p| p.span.contains(&m.span))
            .or_else(|| document.passages.iter().find(|p| p.span.overlaps(&m.span)))
    });
    let entry = ClaimEntry {
        kind: "claim".into(),
        schema_version: String::new(),
        seq: 0,
        prev: String::new(),
        hash: String::new(),
        author: author.into(),
        recorded_at: now(),
        id,
        extraction_id: None,
        origin: ClaimOrigin::Manual,
        doc: doc.clone(),
        doc_version: document.version,
        speaker: Some(request.speaker.trim().to_string()),
        speaker_key: None,
        speaker_kind: None,
        cue: request.cue.clone(),
        attribution: None,
        certainty: None,
        stance: request.stance,
        quote: request.quote.clone(),
        span: found.map(|(_, m)| m.span),
        selector: found.map(|(text, m)| selector(text, m.span)),
        passage: passage.map(|p| p.id.clone()),
        passage_fingerprint: passage.map(|p| p.fingerprint.clone()),
        verified: found.is_some(),
        similarity: found.map(|(_, m)| (m.similarity * 1000.0).round() / 1000.0),
        note: request.note.clone(),
        extraction: None,
    };
    Ok((Entry::Claim(Box::new(entry)), check))
}

/// The passage around a match, or the matched text itself when no passage
/// holds it.
fn closest_passage(document: &DocumentEntry, text: &str, span: Span) -> String {
    let around = document
        .passages
        .iter()
        .find(|p| p.span.overlaps(&span) || p.span.contains(&span))
        .map(|p| p.span)
        .unwrap_or(span);
    around.slice(text).unwrap_or_default().to_string()
}

/// Plans a review of a claim.
pub fn plan_review(
    index: &Index,
    claim: &str,
    rating: Rating,
    note: Option<String>,
    url: Option<String>,
    author: &str,
) -> Result<Entry> {
    let claim = index.resolve_claim(claim)?;
    Ok(Entry::Review(ReviewEntry {
        kind: "review".into(),
        schema_version: String::new(),
        seq: 0,
        prev: String::new(),
        hash: String::new(),
        author: author.into(),
        recorded_at: now(),
        claim: claim.id.clone(),
        rating,
        note,
        url,
    }))
}

/// Plans the withdrawal or correction of a claim (by id) or of any entry
/// (by hash).
pub fn plan_correction(
    index: &Index,
    target: &str,
    action: CorrectionAction,
    note: &str,
    author: &str,
) -> Result<Entry> {
    let hash = if index.by_hash(target).is_some() {
        target.to_string()
    } else {
        index.resolve_claim(target)?.hash.clone()
    };
    Ok(Entry::Correction(CorrectionEntry {
        kind: "correction".into(),
        schema_version: String::new(),
        seq: 0,
        prev: String::new(),
        hash: String::new(),
        author: author.into(),
        recorded_at: now(),
        target: hash,
        action,
        note: note.into(),
    }))
}
