//! The claim ledger's entries: the JSON objects that land, one per line, in
//! an isnad ledger (`isnad.ledger.jsonl`).
//!
//! Every entry is a plain object with a `kind` string field (`header`,
//! `document`, `claim`, `review`, `correction`) and the same chain fields:
//! `schema_version`, `seq`, `prev`, `hash`, `author`, `recorded_at`. Each
//! kind has its own published schema (`ledger-entry-KIND`, see [`entry_schema`]). How the chain
//! hash is computed is documented in the `isnad-ledger` crate.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::schema::{Openness, schema_for};
use crate::{Attribution, Certainty, Claim, Passage, Span, SpeakerKind, Stance};

/// The version of the ledger entry format (semantic versioning). A reader
/// accepts entries of the same major version and refuses a later major one.
pub const LEDGER_SCHEMA_VERSION: &str = "1.0.0";

/// The entry kinds, as written in each entry's `kind` field.
pub const ENTRY_KINDS: [&str; 5] = ["header", "document", "claim", "review", "correction"];

/// The first entry of a ledger, written by `isnad init`: it names the format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HeaderEntry {
    /// Always `header`.
    pub kind: String,
    /// Version of the entry format, e.g. `1.0.0`; a later major version is refused.
    pub schema_version: String,
    /// Position of the entry in the ledger, counted from 1 (equals its line number).
    pub seq: u64,
    /// `sha256:` and 64 hex digits: the `hash` of the previous entry, or the
    /// genesis value for the first entry.
    pub prev: String,
    /// `sha256:` and 64 hex digits over the RFC 8785 canonical JSON of this
    /// entry without its `hash` field.
    pub hash: String,
    /// Who wrote the entry (`--author`, `ISNAD_AUTHOR`, or the user name).
    pub author: String,
    /// When the entry was written: RFC 3339, UTC.
    pub recorded_at: String,
    /// Always `isnad-ledger`: what this file is.
    pub format: String,
    /// The isnad version that created the ledger.
    pub created_by: String,
}

/// A snapshot of one version of a source document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentEntry {
    /// Always `document`.
    pub kind: String,
    /// Version of the entry format, e.g. `1.0.0`; a later major version is refused.
    pub schema_version: String,
    /// Position of the entry in the ledger, counted from 1 (equals its line number).
    pub seq: u64,
    /// `sha256:` and 64 hex digits: the `hash` of the previous entry, or the
    /// genesis value for the first entry.
    pub prev: String,
    /// `sha256:` and 64 hex digits over the RFC 8785 canonical JSON of this
    /// entry without its `hash` field.
    pub hash: String,
    /// Who wrote the entry (`--author`, `ISNAD_AUTHOR`, or the user name).
    pub author: String,
    /// When the entry was written: RFC 3339, UTC.
    pub recorded_at: String,
    /// The document's id: 64 hex digits derived from its key (`url` when
    /// given, else the path), the same for every version. Shown shortened
    /// to a unique prefix, as git does.
    pub doc: String,
    /// What identifies the document across versions: `url:` and the URL, or
    /// `path:` and the path it was recorded from.
    pub key: String,
    /// Version of the document, counted from 1.
    pub version: u32,
    /// The `hash` of the entry of the previous version, absent for version 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<String>,
    /// The path the text was read from, or `-` for standard input.
    pub source: String,
    /// The document's URL, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The document's title, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The publication time as given (RFC 3339 or `YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The document's main language (`ar`, `en` ..., `und`).
    pub language: String,
    /// `sha256:` and 64 hex digits over the normalized whole text.
    pub fingerprint: String,
    /// The normalization scheme of the fingerprints, e.g. `isnad-norm-1`.
    pub normalization: String,
    /// `sha256:` and 64 hex digits over the exact UTF-8 text (BOM removed):
    /// two versions with the same `text_sha256` are the same text.
    pub text_sha256: String,
    /// Length of the text in code points.
    pub length: usize,
    /// The passages with their spans and fingerprints.
    pub passages: Vec<Passage>,
    /// The text itself, which the spans point into (for a page, Markdown
    /// or JSON Lines record: the extracted article text, as `isnad show`
    /// displays it); absent when recorded with `--no-text`, in which case
    /// only fingerprints can be checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// How a claim came into the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ClaimOrigin {
    /// Found by extraction when the document was recorded.
    Extracted,
    /// Logged by hand with `isnad add`.
    Manual,
}

/// A W3C Web Annotation TextQuoteSelector: the quoted text with a little
/// context on each side, enough to re-anchor it in a changed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TextQuoteSelector {
    /// Always `TextQuoteSelector`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The text as it stands in the document.
    pub exact: String,
    /// Up to 32 code points of text just before `exact`.
    pub prefix: String,
    /// Up to 32 code points of text just after `exact`.
    pub suffix: String,
}

/// One claim: extracted from a recorded document, or logged by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ClaimEntry {
    /// Always `claim`.
    pub kind: String,
    /// Version of the entry format, e.g. `1.0.0`; a later major version is refused.
    pub schema_version: String,
    /// Position of the entry in the ledger, counted from 1 (equals its line number).
    pub seq: u64,
    /// `sha256:` and 64 hex digits: the `hash` of the previous entry, or the
    /// genesis value for the first entry.
    pub prev: String,
    /// `sha256:` and 64 hex digits over the RFC 8785 canonical JSON of this
    /// entry without its `hash` field.
    pub hash: String,
    /// Who wrote the entry (`--author`, `ISNAD_AUTHOR`, or the user name).
    pub author: String,
    /// When the entry was written: RFC 3339, UTC.
    pub recorded_at: String,
    /// The claim's id, unique in the ledger: `k` and 16 hex digits.
    pub id: String,
    /// The extraction's claim id (`c-...`), for an extracted claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extraction_id: Option<String>,
    /// How the claim came into the ledger.
    pub origin: ClaimOrigin,
    /// The id of the document the claim is in.
    pub doc: String,
    /// The version of that document (an earlier `document` entry).
    pub doc_version: u32,
    /// Who the claim is attributed to, as written; absent when nobody is named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The speaker's normalized grouping key, when extraction gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_key: Option<String>,
    /// What kind of source the speaker is, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_kind: Option<SpeakerKind>,
    /// The reporting cue as written (`said`, «قال»), when known.
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
    /// What was said: the content of an extracted claim, or the quote given
    /// to `isnad add`.
    pub quote: String,
    /// Where the claim stands in the document text (code points, half-open);
    /// absent for an unverified claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// The quote with context, to re-anchor it; absent for an unverified claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<TextQuoteSelector>,
    /// The id of the passage that holds the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passage: Option<String>,
    /// The fingerprint of that passage when the claim was logged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passage_fingerprint: Option<String>,
    /// True when the quote was found in the stored text; false for a claim
    /// logged with `--unverified`.
    pub verified: bool,
    /// How closely the matched text resembles the quote, from 0 to 1
    /// (1: exact after normalization), for a hand-logged claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// A free note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The claim as extraction found it, for an extracted claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extraction: Option<Claim>,
}

/// A fact-checker's verdict.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Rating {
    /// Accurate, nothing significant missing.
    True,
    /// Accurate but needs clarification or context.
    MostlyTrue,
    /// Partly accurate, leaves out important details.
    HalfTrue,
    /// Contains accurate elements but gives a wrong impression.
    Misleading,
    /// Contains some truth but ignores facts that change the impression.
    MostlyFalse,
    /// Not accurate.
    False,
    /// Cannot be established either way with the evidence available.
    Unproven,
}

impl Rating {
    /// The rating as written in JSON and on the command line.
    pub fn as_str(&self) -> &'static str {
        match self {
            Rating::True => "true",
            Rating::MostlyTrue => "mostly-true",
            Rating::HalfTrue => "half-true",
            Rating::Misleading => "misleading",
            Rating::MostlyFalse => "mostly-false",
            Rating::False => "false",
            Rating::Unproven => "unproven",
        }
    }

    /// Every rating, from true to unproven.
    pub const ALL: [Rating; 7] = [
        Rating::True,
        Rating::MostlyTrue,
        Rating::HalfTrue,
        Rating::Misleading,
        Rating::MostlyFalse,
        Rating::False,
        Rating::Unproven,
    ];
}

/// A fact-checker's verdict on a claim (exported later as schema.org ClaimReview).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReviewEntry {
    /// Always `review`.
    pub kind: String,
    /// Version of the entry format, e.g. `1.0.0`; a later major version is refused.
    pub schema_version: String,
    /// Position of the entry in the ledger, counted from 1 (equals its line number).
    pub seq: u64,
    /// `sha256:` and 64 hex digits: the `hash` of the previous entry, or the
    /// genesis value for the first entry.
    pub prev: String,
    /// `sha256:` and 64 hex digits over the RFC 8785 canonical JSON of this
    /// entry without its `hash` field.
    pub hash: String,
    /// Who wrote the entry (`--author`, `ISNAD_AUTHOR`, or the user name).
    pub author: String,
    /// When the entry was written: RFC 3339, UTC.
    pub recorded_at: String,
    /// The ledger id of the claim reviewed.
    pub claim: String,
    /// The verdict.
    pub rating: Rating,
    /// The reasoning, in a sentence or two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the full fact-check is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// What a correction does to its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CorrectionAction {
    /// The target entry is withdrawn: it stays in the ledger, marked as withdrawn.
    Withdraw,
    /// The target entry is corrected by the note (and by any later entry
    /// that the note names).
    Correct,
}

/// A correction or withdrawal of an earlier entry: entries are never edited
/// or deleted in place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CorrectionEntry {
    /// Always `correction`.
    pub kind: String,
    /// Version of the entry format, e.g. `1.0.0`; a later major version is refused.
    pub schema_version: String,
    /// Position of the entry in the ledger, counted from 1 (equals its line number).
    pub seq: u64,
    /// `sha256:` and 64 hex digits: the `hash` of the previous entry, or the
    /// genesis value for the first entry.
    pub prev: String,
    /// `sha256:` and 64 hex digits over the RFC 8785 canonical JSON of this
    /// entry without its `hash` field.
    pub hash: String,
    /// Who wrote the entry (`--author`, `ISNAD_AUTHOR`, or the user name).
    pub author: String,
    /// When the entry was written: RFC 3339, UTC.
    pub recorded_at: String,
    /// The `hash` of the entry corrected or withdrawn.
    pub target: String,
    /// What the correction does.
    pub action: CorrectionAction,
    /// Why, and what is correct instead.
    pub note: String,
}

/// The published schema of the entry kind `kind` (one of [`ENTRY_KINDS`]),
/// named `ledger-entry-KIND`; `None` for an unknown kind.
pub fn entry_schema(kind: &str) -> Option<serde_json::Value> {
    let name = format!("ledger-entry-{kind}");
    let open = Openness::Output;
    Some(match kind {
        "header" => schema_for::<HeaderEntry>(
            &name,
            "isnad ledger entry: header",
            "The first line of an isnad ledger (JSON Lines), written by `isnad init`. Every entry carries `kind`, `schema_version`, `seq`, `prev` and `hash`: `hash` is `sha256:` over the RFC 8785 canonical JSON of the entry without `hash`; `prev` is the previous entry's hash (`sha256:` and 64 zeros for the first).",
            open,
        ),
        "document" => schema_for::<DocumentEntry>(
            &name,
            "isnad ledger entry: document",
            "A snapshot of one version of a source document in an isnad ledger: where it came from, its fingerprints, its passages and (unless recorded with `--no-text`) its text. Spans are half-open Unicode code-point offsets into the text.",
            open,
        ),
        "claim" => schema_for::<ClaimEntry>(
            &name,
            "isnad ledger entry: claim",
            "A claim in an isnad ledger, extracted when its document was recorded or logged by hand with `isnad add`, with its span, W3C TextQuoteSelector and passage fingerprint.",
            open,
        ),
        "review" => schema_for::<ReviewEntry>(
            &name,
            "isnad ledger entry: review",
            "A fact-checker's verdict on a claim in an isnad ledger (exported as schema.org ClaimReview).",
            open,
        ),
        "correction" => schema_for::<CorrectionEntry>(
            &name,
            "isnad ledger entry: correction",
            "A correction or withdrawal of an earlier entry of an isnad ledger: entries are never edited or deleted in place.",
            open,
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::undocumented_properties;

    fn property_names(value: &serde_json::Value, depth: usize, out: &mut Vec<(usize, String)>) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                    out.extend(props.keys().map(|k| (depth, k.clone())));
                }
                for (k, v) in map {
                    let nested = if k == "properties" || k == "$defs" {
                        depth + 1
                    } else {
                        depth
                    };
                    property_names(v, nested, out);
                }
            }
            serde_json::Value::Array(items) => {
                items.iter().for_each(|v| property_names(v, depth, out))
            }
            _ => {}
        }
    }

    #[test]
    fn every_entry_schema_is_documented_and_reserves_the_chain_names() {
        for kind in ENTRY_KINDS {
            let schema = entry_schema(kind).unwrap();
            assert_eq!(
                undocumented_properties(&schema),
                Vec::<String>::new(),
                "{kind}"
            );
            let mut names = Vec::new();
            property_names(&schema, 0, &mut names);
            for (depth, name) in names {
                // The ledger's fast chain check finds `prev`, `seq` and
                // `hash` by search: no nested object may use these names.
                if depth > 1 {
                    assert!(
                        !["prev", "seq", "hash"].contains(&name.as_str()),
                        "{kind}: nested `{name}`"
                    );
                }
            }
        }
        assert!(entry_schema("nope").is_none());
    }
}
