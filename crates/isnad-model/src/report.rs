//! What `isnad audit` and `isnad report` print, and the `isnad.toml`
//! configuration they read.
//!
//! Printed documents (audit, report, ClaimReview, Web Annotation) are open
//! to added fields; the configuration is closed, so that a typo is an error.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Attribution, Certainty, HedgeKind, Rating, Span, SpeakerKind, Stance};

/// The version of the audit document format (semantic versioning).
pub const AUDIT_SCHEMA_VERSION: &str = "1.0.0";
/// The version of the report document format (semantic versioning).
pub const REPORT_SCHEMA_VERSION: &str = "1.0.0";

// ---------------------------------------------------------------- audit

/// What an audit finding is about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum FindingKind {
    /// A claim whose certainty is hedged (ربما, قد, محتمل, may, reportedly).
    Speculative,
    /// A claim attributed to an unnamed or anonymous source («مصادر», "officials").
    Vague,
    /// A statement in the author's own voice that extraction reports as a claim.
    Unattributed,
}

impl FindingKind {
    /// Every kind, in a fixed order.
    pub const ALL: [FindingKind; 3] = [
        FindingKind::Speculative,
        FindingKind::Vague,
        FindingKind::Unattributed,
    ];

    /// The kind as written in JSON, in `isnad.toml` and on the command line.
    pub fn as_str(&self) -> &'static str {
        match self {
            FindingKind::Speculative => "speculative",
            FindingKind::Vague => "vague",
            FindingKind::Unattributed => "unattributed",
        }
    }
}

/// How serious a shown finding is: denied kinds are errors, warned kinds
/// warnings (allowed kinds are not shown).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A denied finding: `isnad audit` exits with 1.
    Error,
    /// A finding that is reported but does not fail the audit.
    Warning,
}

/// Which finding kinds fail an audit, warn, or are not reported.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AuditPolicy {
    /// Kinds reported as errors: any of them makes `isnad audit` exit with 1.
    pub deny: Vec<FindingKind>,
    /// Kinds reported as warnings.
    pub warn: Vec<FindingKind>,
    /// Kinds not reported.
    pub allow: Vec<FindingKind>,
}

/// What `isnad audit --format json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AuditDocument {
    /// Version of this document format, e.g. `1.0.0`.
    pub schema_version: String,
    /// The levels in force for this audit.
    pub policy: AuditPolicy,
    /// One entry per input file, in the order given.
    pub files: Vec<AuditFile>,
    /// Counts over all files.
    pub totals: AuditTotals,
}

/// The findings in one input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AuditFile {
    /// The path the text was read from, or `-` for standard input.
    pub source: String,
    /// The document's main language (`ar`, `en` ..., `und`).
    pub language: String,
    /// How many claims extraction found in the file.
    pub claims: usize,
    /// The findings, in text order.
    pub findings: Vec<Finding>,
}

/// One audit finding: a hedged, vaguely attributed or unattributed claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// What the finding is about.
    pub kind: FindingKind,
    /// `error` for a denied kind, `warning` for a warned one.
    pub severity: Severity,
    /// The id of the claim the finding is about.
    pub claim: String,
    /// One line naming the hedge or the missing source.
    pub message: String,
    /// What the writer can do about it.
    pub hint: String,
    /// The marked words: the hedge, the vague source, or the unattributed
    /// statement (half-open code points into the text).
    pub span: Span,
    /// The marked words as written.
    pub marked: String,
    /// Line of the span's start, counted from 1.
    pub line: usize,
    /// Column of the span's start in code points (characters), counted from 1.
    pub column: usize,
    /// Line of the span's last character, counted from 1.
    pub end_line: usize,
    /// Column just past the span's last character, in code points, counted from 1.
    pub end_column: usize,
    /// The span of the whole claim.
    pub claim_span: Span,
}

/// Counts over an audit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AuditTotals {
    /// Files audited.
    pub files: usize,
    /// Claims found in them.
    pub claims: usize,
    /// Findings reported as errors (denied kinds).
    pub errors: usize,
    /// Findings reported as warnings.
    pub warnings: usize,
}

// ---------------------------------------------------------------- report

/// What `isnad report --format json` prints: a summary of the claims in
/// some files or in a ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReportDocument {
    /// Version of this document format, e.g. `1.0.0`.
    pub schema_version: String,
    /// The documents the claims come from, in input order.
    pub sources: Vec<ReportSource>,
    /// Counts over all claims.
    pub totals: ReportTotals,
    /// Claims by attribution × certainty: all six cells, always present,
    /// attributed/vague/unattributed × asserted/hedged.
    pub matrix: Vec<MatrixCell>,
    /// Claims per speaker, grouped by `speaker.key`, most claims first.
    pub speakers: Vec<SpeakerSummary>,
    /// The hedges used, most frequent first.
    pub hedges: Vec<HedgeCount>,
    /// Reviewed claims per verdict, from true to unproven (only verdicts given).
    pub verdicts: Vec<VerdictCount>,
    /// Every claim, in source order then text order.
    pub claims: Vec<ReportClaim>,
}

/// One document a report covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReportSource {
    /// The path the text was read from (`-` for standard input), or the
    /// document's URL or path in the ledger.
    pub source: String,
    /// The document's main language (`ar`, `en` ..., `und`).
    pub language: String,
    /// `sha256:` and 64 hex digits over the normalized whole text, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// The document's title, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The document's URL, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How many of the report's claims come from this document.
    pub claims: usize,
}

/// Counts over a report's claims.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReportTotals {
    /// Every claim.
    pub claims: usize,
    /// Claims attributed to a named source.
    pub attributed: usize,
    /// Claims attributed to an unnamed or anonymous source.
    pub vague: usize,
    /// Claims in the author's own voice.
    pub unattributed: usize,
    /// Claims stated as fact.
    pub asserted: usize,
    /// Claims weakened by at least one hedge.
    pub hedged: usize,
    /// Claims whose attribution or certainty is not known (logged by hand).
    pub unclassified: usize,
    /// Claims with at least one verdict.
    pub reviewed: usize,
}

/// One cell of the attribution × certainty table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct MatrixCell {
    /// The attribution of the claims counted.
    pub attribution: Attribution,
    /// The certainty of the claims counted.
    pub certainty: Certainty,
    /// How many claims have both.
    pub claims: usize,
}

/// The claims of one speaker (one `speaker.key`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SpeakerSummary {
    /// The grouping key.
    pub key: String,
    /// The name as most often written (ties: the first in text order).
    pub name: String,
    /// Every distinct name written for this key, in first-seen order.
    pub names: Vec<String>,
    /// What kind of source this is, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SpeakerKind>,
    /// Claims attributed to this speaker.
    pub claims: usize,
    /// Of these, claims weakened by a hedge.
    pub hedged: usize,
    /// Of these, claims with a vague attribution (an unnamed source).
    pub vague: usize,
}

/// How often a hedge is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct HedgeCount {
    /// The hedge as written (lower-cased), e.g. `may`, «قد».
    pub text: String,
    /// What kind of hedge it is, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<HedgeKind>,
    /// How many times it occurs in the report's claims.
    pub count: usize,
}

/// How many reviewed claims got a verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct VerdictCount {
    /// The verdict.
    pub rating: Rating,
    /// Claims whose latest review gives it.
    pub claims: usize,
}

/// One claim in a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReportClaim {
    /// The claim's id (`c-...` from extraction, `k...` in a ledger).
    pub id: String,
    /// The document it is in (same as a `sources[].source`).
    pub source: String,
    /// Where the claim stands in the document text (code points, half-open),
    /// when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// Line of the claim's start, counted from 1, when the text is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Column of the claim's start in code points, counted from 1, when the
    /// text is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// Who the claim is attributed to, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The speaker's grouping key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_key: Option<String>,
    /// What kind of source the speaker is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_kind: Option<SpeakerKind>,
    /// The reporting cue as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// Who stands behind the claim, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Attribution>,
    /// Whether the claim is asserted or hedged, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certainty: Option<Certainty>,
    /// The speaker's stance, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
    /// What was said.
    pub content: String,
    /// The hedges in the claim, as written, in text order.
    pub hedges: Vec<String>,
    /// The latest verdict on the claim, when it was reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<ReportReview>,
}

/// A fact-checker's verdict as shown in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReportReview {
    /// The verdict.
    pub rating: Rating,
    /// The reasoning, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the full fact-check is published, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Who reviewed the claim.
    pub author: String,
    /// When the review was recorded: RFC 3339, UTC.
    pub recorded_at: String,
}

// ---------------------------------------------------------------- ClaimReview

/// What `isnad report --format claimreview` prints: schema.org ClaimReview
/// JSON-LD, one node per reviewed claim in `@graph`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ClaimReviewDocument {
    /// Always `https://schema.org`.
    #[serde(rename = "@context")]
    pub context: String,
    /// The ClaimReview nodes, one per reviewed claim.
    #[serde(rename = "@graph")]
    pub graph: Vec<ClaimReview>,
}

/// A schema.org ClaimReview: a fact-checker's review of one claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClaimReview {
    /// Always `ClaimReview`.
    #[serde(rename = "@type")]
    pub kind: String,
    /// Where the fact-check is published (the review's URL, else the
    /// organization's URL), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The claim as reviewed: its words.
    pub claim_reviewed: String,
    /// When the review was recorded: `YYYY-MM-DD`.
    pub date_published: String,
    /// The reviewing organization.
    pub author: ClaimReviewAuthor,
    /// The verdict.
    pub review_rating: ClaimReviewRating,
    /// The claim reviewed: who made it and where it appeared.
    pub item_reviewed: ReviewedClaim,
}

/// The organization that publishes a ClaimReview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ClaimReviewAuthor {
    /// Always `Organization`.
    #[serde(rename = "@type")]
    pub kind: String,
    /// The organization's name (`report.organization` in `isnad.toml`, or
    /// `--org-name`).
    pub name: String,
    /// The organization's web site, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A schema.org Rating as used by ClaimReview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClaimReviewRating {
    /// Always `Rating`.
    #[serde(rename = "@type")]
    pub kind: String,
    /// The verdict in words, e.g. `Mostly true`: what fact-check
    /// aggregators show.
    pub alternate_name: String,
    /// The verdict on the scale 1 (false) to 5 (true); absent for
    /// `unproven`, which has no place on the scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating_value: Option<u8>,
    /// Always 5.
    pub best_rating: u8,
    /// Always 1.
    pub worst_rating: u8,
    /// The reviewer's reasoning, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating_explanation: Option<String>,
}

/// A schema.org Claim: the claim a ClaimReview is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReviewedClaim {
    /// Always `Claim`.
    #[serde(rename = "@type")]
    pub kind: String,
    /// Who made the claim, when a source is named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<ClaimAuthor>,
    /// Where the claim appeared.
    pub appearance: Vec<ClaimAppearance>,
}

/// The person or organization that made a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ClaimAuthor {
    /// `Person` or `Organization` (places, groups and unnamed sources are
    /// given as `Organization`).
    #[serde(rename = "@type")]
    pub kind: String,
    /// The name as written in the source.
    pub name: String,
}

/// A schema.org CreativeWork in which a claim appeared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClaimAppearance {
    /// Always `CreativeWork`.
    #[serde(rename = "@type")]
    pub kind: String,
    /// The document's URL, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The document's title, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// When the document was published, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
}

// ---------------------------------------------------------------- Web Annotation

/// The unit in which text positions are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OffsetUnit {
    /// Unicode code points (scalar values): isnad's own unit.
    #[default]
    CodePoints,
    /// UTF-16 code units: what browsers and JavaScript annotation tools count.
    Utf16,
}

/// What `isnad report --format annotations` prints: a W3C Web Annotation
/// collection (JSON-LD), one annotation per claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AnnotationCollection {
    /// The Web Annotation context, and isnad's term `offsetUnit`.
    #[serde(rename = "@context")]
    pub context: Vec<serde_json::Value>,
    /// Always `AnnotationCollection`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A label for people.
    pub label: String,
    /// The unit of every TextPositionSelector's `start` and `end`:
    /// `code-points` (default) or `utf16` (`--offsets utf16`).
    pub offset_unit: OffsetUnit,
    /// Number of annotations.
    pub total: usize,
    /// The one page holding every annotation.
    pub first: AnnotationPage,
}

/// A page of annotations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AnnotationPage {
    /// Always `AnnotationPage`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The annotations, in source order then text order.
    pub items: Vec<Annotation>,
}

/// One W3C Web Annotation: a claim anchored in its source text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Annotation {
    /// `urn:isnad:claim:` and the claim id.
    pub id: String,
    /// Always `Annotation`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `assessing` for a reviewed claim, else `describing`.
    pub motivation: String,
    /// What isnad says about the claim: a description and tags.
    pub body: Vec<AnnotationBody>,
    /// The claim's place in its source.
    pub target: AnnotationTarget,
}

/// A textual body of an annotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AnnotationBody {
    /// Always `TextualBody`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `describing` (a sentence about the claim) or `tagging`
    /// (`attribution:vague`, `certainty:hedged`, `verdict:false` ...).
    pub purpose: String,
    /// The text.
    pub value: String,
    /// Always `text/plain`.
    pub format: String,
}

/// Where an annotated claim stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AnnotationTarget {
    /// The document: its URL when known, else the path it was read from.
    pub source: String,
    /// A TextQuoteSelector and a TextPositionSelector.
    pub selector: Vec<AnnotationSelector>,
}

/// A W3C selector: TextQuoteSelector (`exact`, `prefix`, `suffix`) or
/// TextPositionSelector (`start`, `end`, in the collection's `offsetUnit`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AnnotationSelector {
    /// `TextQuoteSelector` or `TextPositionSelector`.
    #[serde(rename = "type")]
    pub kind: String,
    /// TextQuoteSelector: the text as it stands in the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exact: Option<String>,
    /// TextQuoteSelector: up to 32 code points just before `exact`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// TextQuoteSelector: up to 32 code points just after `exact`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// TextPositionSelector: where the claim starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    /// TextPositionSelector: just past where the claim ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
}

// ---------------------------------------------------------------- config

/// `isnad.toml`: settings for `isnad audit` and `isnad report`. Read from
/// the working directory or `--config`; unknown keys are an error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Which finding kinds fail an audit (`[audit]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<AuditConfig>,
    /// Words to add to the built-in lexicons (`[lexicon]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lexicon: Option<LexiconConfig>,
    /// Settings of `isnad report` (`[report]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<ReportConfig>,
    /// A speaker alias file (schema `speakers`), relative to the working
    /// directory; `--speakers` wins over it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speakers: Option<String>,
    /// Who writes ledger entries when neither `--author` nor `ISNAD_AUTHOR`
    /// is given (before the login name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

/// `[audit]` in `isnad.toml`: the same lists as `--deny`, `--warn`,
/// `--allow` (flags win over the file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditConfig {
    /// Kinds that fail the audit (exit 1): `speculative`, `vague`, `unattributed`.
    #[serde(default)]
    pub deny: Vec<FindingKind>,
    /// Kinds reported as warnings (the default for every kind).
    #[serde(default)]
    pub warn: Vec<FindingKind>,
    /// Kinds not reported.
    #[serde(default)]
    pub allow: Vec<FindingKind>,
}

/// `[lexicon]` in `isnad.toml`: words a newsroom adds to the built-in lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LexiconConfig {
    /// Extra hedge words or phrases («يرجح», "supposedly"): a claim that
    /// contains one is reported as speculative.
    #[serde(default)]
    pub hedges: Vec<String>,
    /// Extra words for unnamed sources («مقربون», "insiders"): a claim whose
    /// speaker is one of them is reported as vague.
    #[serde(default)]
    pub vague_sources: Vec<String>,
}

/// `[report]` in `isnad.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {
    /// The reviewing organization's name, for ClaimReview (`--org-name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// The reviewing organization's web site, for ClaimReview (`--org-url`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_url: Option<String>,
    /// The unit of annotation offsets: `code-points` or `utf16` (`--offsets`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offsets: Option<OffsetUnit>,
}
