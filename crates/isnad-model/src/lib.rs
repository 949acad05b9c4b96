//! The isnad data contract.
//!
//! This crate owns the types that users and tools see as JSON: the extraction
//! document (`isnad extract --format json`) with its passages and claims, the
//! fingerprint listing, and the helpers that turn these types into the
//! published JSON Schemas in `schemas/`.
//!
//! **It knows nothing about how claims are found, stored or shown**: no text
//! processing, no IO, no terminal. Field names here are the public interface;
//! fields may be added within a major schema version, never renamed.
//!
//! ```
//! use isnad_model::{Attribution, Certainty, Span};
//!
//! let span = Span::new(3, 7);
//! assert_eq!(span.len(), 4);
//! assert_eq!(serde_json::to_string(&Attribution::Vague).unwrap(), "\"vague\"");
//! assert_eq!(serde_json::to_string(&Certainty::Hedged).unwrap(), "\"hedged\"");
//! ```
#![deny(missing_docs)]

mod claim;
mod diff;
mod document;
mod ledger;
mod report;
pub mod schema;
mod span;
mod speakers;

pub use claim::{
    Attribution, Certainty, Claim, Content, Cue, Explanation, Hedge, HedgeKind, QuoteKind, Speaker,
    SpeakerKind, Stance,
};
pub use diff::{
    ClaimChange, ClaimSnapshot, DIFF_SCHEMA_VERSION, DiffBatchDocument, DiffDocument, DiffFile,
    DiffSide, DiffSummary, FieldChange, PassageChange, WordEdit,
};
pub use document::{
    DocumentInfo, EXTRACTION_SCHEMA_VERSION, ExtractionDocument, FingerprintDocument, Passage,
    PassageKind,
};
pub use ledger::{
    ClaimEntry, ClaimOrigin, CorrectionAction, CorrectionEntry, DocumentEntry, ENTRY_KINDS,
    HeaderEntry, LEDGER_SCHEMA_VERSION, Rating, ReviewEntry, TextQuoteSelector, entry_schema,
};
pub use report::{
    AUDIT_SCHEMA_VERSION, Annotation, AnnotationBody, AnnotationCollection, AnnotationPage,
    AnnotationSelector, AnnotationTarget, AuditConfig, AuditDocument, AuditFile, AuditPolicy,
    AuditTotals, ClaimAppearance, ClaimAuthor, ClaimReview, ClaimReviewAuthor, ClaimReviewDocument,
    ClaimReviewRating, Config, Finding, FindingKind, HedgeCount, LexiconConfig, MatrixCell,
    OffsetUnit, REPORT_SCHEMA_VERSION, ReportClaim, ReportConfig, ReportDocument, ReportReview,
    ReportSource, ReportTotals, ReviewedClaim, Severity, SpeakerSummary, VerdictCount,
};
pub use span::Span;
pub use speakers::{
    AliasEntity, AliasFile, AttributionCounts, CertaintyCounts, MergeSuggestion,
    SPEAKERS_SCHEMA_VERSION, SpeakerEntity, SpeakerVariant, SpeakersReport,
};
