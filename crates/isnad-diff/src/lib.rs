//! Claim-level diff of two versions of a news article.
//!
//! News articles change after publication: a hedge is dropped, a named
//! source becomes "sources", a quote is reworded, a claim disappears. This
//! crate compares two extractions of the same article and names those
//! changes claim by claim, instead of showing a wall of text diff.
//!
//! The alignment works in two layers, both near-linear in the number of
//! passages and claims (hash maps and inverted word indexes, no all-pairs
//! comparison):
//!
//! 1. **Passages** are paired by fingerprint first (equal fingerprints:
//!    unchanged, or moved when they left the longest common order), then by
//!    word similarity (edited); the rest are added or removed.
//! 2. **Claims** are paired by their normalized words first (the same claim,
//!    perhaps moved or re-punctuated), then by a score over content words,
//!    speaker, cue and passage alignment; each pair is then compared field by
//!    field ([`isnad_model::FieldChange`]).
//!
//! Edits of whitespace, diacritics, quote style, alef forms, digit script
//! (equal fingerprints) or punctuation alone (the same words) are not claim
//! changes; they are kept in [`isnad_model::ClaimChange::formatting`] so a
//! `--strict` view can show them.
//!
//! **It does no IO and finds no claims itself**: it takes two texts with their
//! extraction documents. Rendering for people is in [`render`]; only the CLI
//! decides whether to colour.
//!
//! ```
//! use isnad_diff::{Version, diff};
//! use isnad_model::{DocumentInfo, ExtractionDocument};
//!
//! let empty = |source: &str| ExtractionDocument {
//!     schema_version: "1.0.0".into(),
//!     document: DocumentInfo {
//!         source: source.into(), language: "en".into(), fingerprint: "sha256:0".into(),
//!         normalization: "isnad-norm-1".into(), length: 0, text: None,
//!        ..Default::default()
//!     },
//!     passages: vec![],
//!     claims: vec![],
//! };
//! let (old, new) = (empty("old.txt"), empty("new.txt"));
//! let d = diff(Version::new(&old, ""), Version::new(&new, ""));
//! assert!(d.claims_unchanged);
//! ```
#![deny(missing_docs)]

mod align;
mod compare;
pub mod render;
mod words;

#[cfg(test)]
mod tests;

use isnad_model::{DIFF_SCHEMA_VERSION, DiffDocument, DiffSide, DiffSummary, ExtractionDocument};

pub use render::{RenderOptions, render_human};

/// One version of an article: its extraction and the text its spans point
/// into.
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    /// The extraction document of this version.
    pub extraction: &'a ExtractionDocument,
    /// The text the extraction's spans point into.
    pub text: &'a str,
}

impl<'a> Version<'a> {
    /// A version from its extraction and text.
    pub fn new(extraction: &'a ExtractionDocument, text: &'a str) -> Self {
        Version { extraction, text }
    }
}

/// Compares two versions of an article, claim by claim.
pub fn diff(old: Version<'_>, new: Version<'_>) -> DiffDocument {
    let old_view = words::DocView::new(old);
    let new_view = words::DocView::new(new);
    let passage_pairs = align::passages(&old_view, &new_view);
    let claim_pairs = align::claims(&old_view, &new_view, &passage_pairs);
    let passages = compare::passage_changes(&old_view, &new_view, &passage_pairs);
    let claims = compare::claim_changes(&old_view, &new_view, &claim_pairs);

    let mut summary = DiffSummary::default();
    for p in &passages {
        match p.status.as_str() {
            "unchanged" => summary.passages_unchanged += 1,
            "moved" => summary.passages_moved += 1,
            "edited" => summary.passages_edited += 1,
            "added" => summary.passages_added += 1,
            _ => summary.passages_removed += 1,
        }
    }
    for c in &claims {
        match c.status.as_str() {
            "unchanged" => summary.claims_unchanged += 1,
            "changed" => summary.claims_changed += 1,
            "added" => summary.claims_added += 1,
            _ => summary.claims_removed += 1,
        }
    }
    let side = |v: &Version<'_>| DiffSide {
        source: v.extraction.document.source.clone(),
        fingerprint: v.extraction.document.fingerprint.clone(),
        claims: v.extraction.claims.len(),
    };
    DiffDocument {
        schema_version: DIFF_SCHEMA_VERSION.to_string(),
        old: side(&old),
        new: side(&new),
        claims_unchanged: summary.claims_changed + summary.claims_added + summary.claims_removed
            == 0,
        summary,
        passages,
        claims,
    }
}
