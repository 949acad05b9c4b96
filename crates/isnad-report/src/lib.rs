//! Reports for fact-checkers and audits for editors.
//!
//! This crate owns everything isnad shows about claims that were already
//! found: the audit findings (speculative, vague, unattributed) rendered as
//! compiler-style diagnostics, the audit JSON document and SARIF 2.1.0; and
//! the report summary (attribution × certainty, speakers, hedges, verdicts)
//! rendered as a terminal table, Markdown, CSV, JSON, one self-contained
//! HTML page, schema.org ClaimReview and W3C Web Annotation JSON-LD.
//!
//! It renders from `isnad-model` values only: an [`Article`] is built from
//! an extraction document and its text, or from ledger entries.
//! **It must not know how claims are found, stored or read**: no extraction
//! rules, no ledger IO, no file or terminal IO. It returns strings and
//! values; colour is a `bool` the caller decides (only the CLI knows the
//! terminal).
//!
//! ```
//! use isnad_model::*;
//! use isnad_report::{Additions, Article, Policy, audit_article, render_diagnostics};
//!
//! let text = "Officials said the dam may fail.";
//! let claim = Claim {
//!     id: "c-0000000000000001".into(),
//!     passage: "p1".into(),
//!     span: Span::new(0, 32),
//!     speaker: Some(Speaker {
//!         name: "Officials".into(),
//!         span: Span::new(0, 9),
//!         kind: SpeakerKind::Unnamed,
//!         key: "officials".into(),
//!         implicit: false,
//!     }),
//!     cue: Some(Cue { text: "said".into(), lemma: "say".into(), span: Span::new(10, 14) }),
//!     content: Content { text: "the dam may fail".into(), span: Span::new(15, 31), quote: QuoteKind::Indirect },
//!     attribution: Attribution::Vague,
//!     certainty: Certainty::Hedged,
//!     hedges: vec![Hedge { text: "may".into(), span: Span::new(23, 26), kind: HedgeKind::Modal }],
//!     stance: Stance::Asserts,
//!     rule: "en.subject-verb-content".into(),
//!     explain: None,
//! };
//! let doc = ExtractionDocument {
//!     schema_version: EXTRACTION_SCHEMA_VERSION.into(),
//!     document: DocumentInfo {
//!         source: "draft.txt".into(),
//!         language: "en".into(),
//!         fingerprint: format!("sha256:{}", "0".repeat(64)),
//!         normalization: "isnad-norm-1".into(),
//!         length: 32,
//!         text: None,
//!         ..Default::default()
//!     },
//!     passages: vec![],
//!     claims: vec![claim],
//! };
//! let article = Article::from_extraction(&doc, text).unwrap();
//! let audit = audit_article(&article, &Policy::default(), &Additions::default()).unwrap();
//! assert_eq!(audit.findings.len(), 2); // speculative ("may") and vague ("Officials")
//! let shown = render_diagnostics(&audit, text, false);
//! assert!(shown.starts_with("draft.txt:1:1: warning[vague]: vague source: “Officials” is not named"));
//! assert!(shown.contains("^^^ “may” (characters 24–26 of line 1)"));
//! ```
#![deny(missing_docs)]

mod article;
mod audit;
mod render;
mod style;
mod summary;
mod text;

pub use article::{Article, ClaimView, HedgeView, Mark, SpeakerView, has_rtl, is_rtl_language};
pub use audit::{
    Additions, Level, Policy, audit_article, audit_document, quote_words, render_diagnostics,
    render_sarif, render_totals, uri_reference,
};
pub use render::{Format, Options, annotations, claim_review, escape_html, rating_label, render};
pub use style::{display_width, sanitize};
pub use summary::{cell, summarize};
pub use text::TextIndex;

use isnad_model::Span;

/// What can go wrong while building or rendering a report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A claim's span points outside the text it belongs to.
    #[error("{document}: claim {claim}: span {}..{} lies outside the text ({length} characters)", span.start, span.end)]
    SpanOutOfText {
        /// The document.
        document: String,
        /// The claim's id.
        claim: String,
        /// The offending span.
        span: Span,
        /// The text's length in code points.
        length: usize,
    },
    /// The document's text is needed but not known.
    #[error("{document}: the document's text is not available (it was recorded without its text)")]
    NoText {
        /// The document.
        document: String,
    },
    /// ClaimReview needs the reviewing organization's name.
    #[error("ClaimReview needs the reviewing organization's name")]
    NoOrganization,
    /// JSON serialization failed.
    #[error("cannot write JSON: {0}")]
    Json(serde_json::Error),
    /// CSV serialization failed.
    #[error("cannot write CSV: {0}")]
    Csv(csv::Error),
}
