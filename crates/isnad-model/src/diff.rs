use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Span, Stance};

/// The version of the diff document format.
pub const DIFF_SCHEMA_VERSION: &str = "1.0.0";

/// What `isnad diff OLD NEW --format json` prints: how the claims of an
/// article changed between two versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DiffDocument {
    /// Version of this document format, e.g. `1.0.0`.
    pub schema_version: String,
    /// The older version.
    pub old: DiffSide,
    /// The newer version.
    pub new: DiffSide,
    /// True when no claim changed (edits of whitespace, diacritics, quote
    /// style or punctuation alone do not count).
    pub claims_unchanged: bool,
    /// Counts of passage and claim changes.
    pub summary: DiffSummary,
    /// How each passage of either version was aligned, in the new
    /// version's order followed by the removed passages.
    pub passages: Vec<PassageChange>,
    /// Every claim of either version with what happened to it: in the new
    /// version's order, removed claims after the claim they preceded.
    pub claims: Vec<ClaimChange>,
}

/// What `isnad diff OLD_DIR NEW_DIR --format json` prints: the files of
/// two directories paired by their path relative to each directory, each
/// pair with its diff document. A file on one side only is compared with an
/// empty version, so each of its claims is `added` or `removed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DiffBatchDocument {
    /// Version of this document format, e.g. `1.0.0`.
    pub schema_version: String,
    /// The older directory, as given.
    pub old: String,
    /// The newer directory, as given.
    pub new: String,
    /// True when no claim changed in any file (a file on one side only
    /// with claims counts as a change).
    pub claims_unchanged: bool,
    /// The files, sorted by relative path.
    pub files: Vec<DiffFile>,
}

/// One file of a directory diff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DiffFile {
    /// The path relative to both directories; for a record of a JSON Lines
    /// batch, `PATH#URL` (records are paired by their URL), or `PATH:LINE`
    /// for a record without one.
    pub path: String,
    /// `both`, `old_only` (removed from the newer directory) or `new_only`
    /// (added to it).
    pub presence: String,
    /// The diff of the two versions; the missing side of a file on one side
    /// only is an empty text, whose `source` is the path the file would have.
    pub diff: DiffDocument,
}

/// One version of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DiffSide {
    /// The path (or ledger reference `DOC@N`) the version was read from.
    pub source: String,
    /// `sha256:` fingerprint of the whole normalized text.
    pub fingerprint: String,
    /// Number of claims found in this version.
    pub claims: usize,
}

/// Counts of changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DiffSummary {
    /// Passages with the same fingerprint in the same order.
    pub passages_unchanged: usize,
    /// Passages with the same fingerprint that moved.
    pub passages_moved: usize,
    /// Passages aligned by fuzzy similarity (edited).
    pub passages_edited: usize,
    /// Passages only in the new version.
    pub passages_added: usize,
    /// Passages only in the old version.
    pub passages_removed: usize,
    /// Claims present in both versions with nothing changed but, possibly,
    /// formatting.
    pub claims_unchanged: usize,
    /// Claims present in both versions with at least one change (moves
    /// included).
    pub claims_changed: usize,
    /// Claims only in the new version.
    pub claims_added: usize,
    /// Claims only in the old version.
    pub claims_removed: usize,
}

/// How one passage was aligned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PassageChange {
    /// `unchanged`, `moved`, `edited`, `added` or `removed`.
    pub status: String,
    /// The passage's `id` in the old version, null when added.
    pub old: Option<String>,
    /// The passage's `id` in the new version, null when removed.
    pub new: Option<String>,
    /// Similarity of the two passages' normalized words (0 to 1); 1 for
    /// equal fingerprints, null when added or removed.
    pub similarity: Option<f64>,
    /// True when the passage's text differs but only in formatting
    /// (whitespace, diacritics, quote style, alef forms, digits), so the
    /// fingerprints are equal.
    pub formatting_only: bool,
}

/// What happened to one claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ClaimChange {
    /// `unchanged`, `changed`, `added` or `removed`.
    pub status: String,
    /// The claim in the old version, null when added.
    pub old: Option<ClaimSnapshot>,
    /// The claim in the new version, null when removed.
    pub new: Option<ClaimSnapshot>,
    /// Each named change, empty for unchanged, added and removed claims.
    pub changes: Vec<FieldChange>,
    /// Word-level diff of the content, present when the content was
    /// reworded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content_diff: Vec<WordEdit>,
    /// Why an unchanged claim counts as unchanged although its text differs:
    /// `equal fingerprints` or `same words` (punctuation-only edit); null
    /// when the text is the same.
    pub formatting: Option<String>,
}

/// The fields of a claim that a diff compares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ClaimSnapshot {
    /// The claim's `id` in its extraction.
    pub id: String,
    /// The `id` of its passage.
    pub passage: String,
    /// The whole claim's span in its version's text.
    pub span: Span,
    /// The claim's text (speaker, cue and content) as written.
    pub text: String,
    /// The speaker's name as written, null when none.
    pub speaker: Option<String>,
    /// The cue as written, null when none.
    pub cue: Option<String>,
    /// The content as written.
    pub content: String,
    /// `direct`, `indirect`, `mixed` or `none`.
    pub quote: String,
    /// `attributed`, `vague` or `unattributed`.
    pub attribution: String,
    /// `asserted` or `hedged`.
    pub certainty: String,
    /// The stance signalled by the cue.
    pub stance: Stance,
    /// The hedges as written.
    pub hedges: Vec<String>,
}

/// One named change of a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FieldChange {
    /// What changed: `moved`, `speaker`, `cue`, `stance`, `content`, `quote`,
    /// `hedge_added`, `hedge_removed`, `attribution` or `certainty`.
    pub kind: String,
    /// The old value (null for `hedge_added`).
    pub old: Option<String>,
    /// The new value (null for `hedge_removed`).
    pub new: Option<String>,
}

/// One step of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct WordEdit {
    /// `equal`, `insert` or `delete`.
    pub op: String,
    /// The words (with the spaces between them) as written.
    pub text: String,
}
