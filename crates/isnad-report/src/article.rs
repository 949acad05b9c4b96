//! What every report renders from: a document with its text (when known)
//! and its claims, built from an extraction or from ledger entries.

use isnad_model::{
    Attribution, Certainty, ClaimEntry, DocumentEntry, ExtractionDocument, HedgeKind, QuoteKind,
    ReportReview, ReviewEntry, Span, SpeakerKind, Stance,
};

use crate::ReportError;
use crate::text::TextIndex;

/// One document and its claims, as reports see them.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The path it was read from (`-` for standard input), or its ledger key.
    pub source: String,
    /// Main language (`ar`, `en` ..., `und`).
    pub language: String,
    /// Fingerprint of the normalized whole text, when known.
    pub fingerprint: Option<String>,
    /// Title, when known.
    pub title: Option<String>,
    /// URL, when known.
    pub url: Option<String>,
    /// Publication time as given, when known.
    pub published: Option<String>,
    /// The text the spans point into; absent for a ledger document recorded
    /// without its text. For a page, Markdown or JSON Lines record, the
    /// article text extracted from it (see `input_format`).
    pub text: Option<String>,
    /// What the text was extracted from (`html`, `markdown`, `jsonl`), or
    /// `None` for plain text used as it is.
    pub input_format: Option<String>,
    /// The claims, in text order.
    pub claims: Vec<ClaimView>,
}

/// One claim, with whatever is known about it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimView {
    /// The claim's id.
    pub id: String,
    /// The whole claim, when known.
    pub span: Option<Span>,
    /// Its source, when words stand for one.
    pub speaker: Option<SpeakerView>,
    /// The reporting cue, when known.
    pub cue: Option<Mark>,
    /// What was said.
    pub content: Mark,
    /// How the content is reported, when known.
    pub quote: Option<QuoteKind>,
    /// Who stands behind the claim, when known.
    pub attribution: Option<Attribution>,
    /// Asserted or hedged, when known.
    pub certainty: Option<Certainty>,
    /// The speaker's stance, when known.
    pub stance: Option<Stance>,
    /// The hedges, in text order.
    pub hedges: Vec<HedgeView>,
    /// The latest verdict, when reviewed.
    pub review: Option<ReportReview>,
}

/// Words in the text, with their place when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The words as written.
    pub text: String,
    /// Where they stand.
    pub span: Option<Span>,
}

/// A claim's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerView {
    /// The name as written.
    pub name: String,
    /// The grouping key.
    pub key: String,
    /// What kind of source, when known.
    pub kind: Option<SpeakerKind>,
    /// Where the name stands (for an implicit speaker: where it was named).
    pub span: Option<Span>,
    /// True when carried from an earlier sentence.
    pub implicit: bool,
}

/// A hedge in a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HedgeView {
    /// The hedge as written.
    pub text: String,
    /// What kind, when known.
    pub kind: Option<HedgeKind>,
    /// Where it stands, when known.
    pub span: Option<Span>,
}

impl Article {
    /// An article from an extraction document and the text its spans point
    /// into. Fails when a span lies outside the text.
    pub fn from_extraction(doc: &ExtractionDocument, text: &str) -> Result<Article, ReportError> {
        let index = TextIndex::new(text);
        let source = &doc.document.source;
        let claims = doc
            .claims
            .iter()
            .map(|c| {
                let view = ClaimView {
                    id: c.id.clone(),
                    span: Some(c.span),
                    speaker: c.speaker.as_ref().map(|s| SpeakerView {
                        name: s.name.clone(),
                        key: s.key.clone(),
                        kind: Some(s.kind),
                        span: Some(s.span),
                        implicit: s.implicit,
                    }),
                    cue: c.cue.as_ref().map(|cue| Mark {
                        text: cue.text.clone(),
                        span: Some(cue.span),
                    }),
                    content: Mark {
                        text: c.content.text.clone(),
                        span: Some(c.content.span),
                    },
                    quote: Some(c.content.quote),
                    attribution: Some(c.attribution),
                    certainty: Some(c.certainty),
                    stance: Some(c.stance),
                    hedges: c
                        .hedges
                        .iter()
                        .map(|h| HedgeView {
                            text: h.text.clone(),
                            kind: Some(h.kind),
                            span: Some(h.span),
                        })
                        .collect(),
                    review: None,
                };
                check_spans(&view, &index, source)?;
                Ok(view)
            })
            .collect::<Result<Vec<_>, ReportError>>()?;
        Ok(Article {
            source: source.clone(),
            language: doc.document.language.clone(),
            fingerprint: Some(doc.document.fingerprint.clone()),
            title: doc.document.title.clone(),
            url: doc.document.url.clone(),
            published: doc.document.published.clone(),
            text: Some(text.to_string()),
            input_format: doc.document.input_format.clone(),
            claims,
        })
    }

    /// An article from a ledger document, its claims and their reviews (in
    /// ledger order: the last review of a claim is its verdict). Claims of
    /// other documents are ignored. Fails when a span lies outside the
    /// stored text.
    pub fn from_ledger(
        document: &DocumentEntry,
        claims: &[&ClaimEntry],
        reviews: &[&ReviewEntry],
    ) -> Result<Article, ReportError> {
        let source = document
            .url
            .clone()
            .unwrap_or_else(|| document.source.clone());
        let index = document.text.as_deref().map(TextIndex::new);
        let mut views = Vec::new();
        for entry in claims.iter().filter(|c| c.doc == document.doc) {
            let mut view = match &entry.extraction {
                Some(c) => ClaimView {
                    id: entry.id.clone(),
                    span: entry.span.or(Some(c.span)),
                    speaker: c.speaker.as_ref().map(|s| SpeakerView {
                        name: s.name.clone(),
                        key: s.key.clone(),
                        kind: Some(s.kind),
                        span: Some(s.span),
                        implicit: s.implicit,
                    }),
                    cue: c.cue.as_ref().map(|cue| Mark {
                        text: cue.text.clone(),
                        span: Some(cue.span),
                    }),
                    content: Mark {
                        text: c.content.text.clone(),
                        span: Some(c.content.span),
                    },
                    quote: Some(c.content.quote),
                    attribution: Some(c.attribution),
                    certainty: Some(c.certainty),
                    stance: Some(c.stance),
                    hedges: c
                        .hedges
                        .iter()
                        .map(|h| HedgeView {
                            text: h.text.clone(),
                            kind: Some(h.kind),
                            span: Some(h.span),
                        })
                        .collect(),
                    review: None,
                },
                None => ClaimView {
                    id: entry.id.clone(),
                    span: entry.span,
                    speaker: entry.speaker.as_ref().map(|name| SpeakerView {
                        name: name.clone(),
                        key: entry
                            .speaker_key
                            .clone()
                            .unwrap_or_else(|| name.trim().to_lowercase()),
                        kind: entry.speaker_kind,
                        span: None,
                        implicit: false,
                    }),
                    cue: entry.cue.as_ref().map(|text| Mark {
                        text: text.clone(),
                        span: None,
                    }),
                    content: Mark {
                        text: entry.quote.clone(),
                        span: entry.span,
                    },
                    quote: None,
                    attribution: entry.attribution,
                    certainty: entry.certainty,
                    stance: entry.stance,
                    hedges: Vec::new(),
                    review: None,
                },
            };
            view.review =
                reviews
                    .iter()
                    .rev()
                    .find(|r| r.claim == entry.id)
                    .map(|r| ReportReview {
                        rating: r.rating,
                        note: r.note.clone(),
                        url: r.url.clone(),
                        author: r.author.clone(),
                        recorded_at: r.recorded_at.clone(),
                    });
            if let Some(index) = &index {
                check_spans(&view, index, &source)?;
            }
            views.push(view);
        }
        Ok(Article {
            source,
            language: document.language.clone(),
            fingerprint: Some(document.fingerprint.clone()),
            title: document.title.clone(),
            url: document.url.clone(),
            published: document.published.clone(),
            text: document.text.clone(),
            input_format: format_of_source(&document.source),
            claims: views,
        })
    }

    /// True when the text is right-to-left (Arabic, Persian, Urdu, Hebrew ...).
    pub fn is_rtl(&self) -> bool {
        is_rtl_language(&self.language)
    }
}

impl ClaimView {
    /// Every span of the claim that points into the text.
    fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        self.span
            .into_iter()
            .chain(self.speaker.as_ref().and_then(|s| s.span))
            .chain(self.cue.as_ref().and_then(|c| c.span))
            .chain(self.content.span)
            .chain(self.hedges.iter().filter_map(|h| h.span))
    }
}

fn check_spans(view: &ClaimView, index: &TextIndex<'_>, source: &str) -> Result<(), ReportError> {
    match view.spans().find(|s| !index.contains(*s)) {
        Some(span) => Err(ReportError::SpanOutOfText {
            document: source.to_string(),
            claim: view.id.clone(),
            span,
            length: index.len(),
        }),
        None => Ok(()),
    }
}

/// True for a language tag whose script is right-to-left.
pub fn is_rtl_language(tag: &str) -> bool {
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    matches!(
        primary.to_ascii_lowercase().as_str(),
        "ar" | "fa" | "ur" | "he" | "yi" | "ps" | "ckb" | "sd" | "ug" | "dv"
    )
}

/// True when `s` holds a right-to-left letter (Hebrew, Arabic, Syriac,
/// Thaana, N'Ko and their presentation forms).
pub fn has_rtl(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c as u32,
            0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
    })
}

/// What a ledger document's text was extracted from, told by the path it
/// was recorded from (the ledger keeps the extracted text, not the format):
/// `html`, `markdown` or `jsonl` (a record, `PATH:LINE`), else `None`.
pub(crate) fn format_of_source(source: &str) -> Option<String> {
    let name = source.rsplit(['/', '\\']).next().unwrap_or(source);
    let (stem, ext) = name.rsplit_once('.')?;
    if stem.is_empty() {
        return None;
    }
    let ext = ext.to_ascii_lowercase();
    let ext = ext.split(':').next().unwrap_or(&ext);
    let format = match ext {
        "html" | "htm" | "xhtml" | "shtml" => "html",
        "md" | "markdown" | "mdown" | "mkd" => "markdown",
        "jsonl" | "ndjson" => "jsonl",
        _ => return None,
    };
    Some(format.to_string())
}
