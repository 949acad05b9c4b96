//! Speaker identity: the user's alias file (read, closed schema `speakers`)
//! and the `isnad speakers` report (printed, open schema `speakers-report`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::SpeakerKind;

/// Version of the `isnad speakers --format json` document.
pub const SPEAKERS_SCHEMA_VERSION: &str = "1.0.0";

/// A speaker alias file (TOML, `--speakers FILE` or `speakers = "FILE"` in
/// `isnad.toml`): the people and bodies a newsroom has identified, each with
/// the names it is written under. An entry here always wins over automatic
/// grouping. Unknown keys are an error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AliasFile {
    /// The entities, as `[[entity]]` tables.
    #[serde(default)]
    pub entity: Vec<AliasEntity>,
}

/// One identified person or body in an alias file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AliasEntity {
    /// The canonical name, as it should be shown (any language), e.g.
    /// `Kim Jong Un`. It is also matched like an alias.
    pub name: String,
    /// The entity's Wikidata item, `Q` and digits (e.g. `Q56226`). When
    /// given, it is the entity's grouping key (`speaker.key`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// An explicit grouping key; wins over `wikidata` and the name. Use it
    /// to keep a key stable when the canonical name changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// What kind of source this is, when you want to say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SpeakerKind>,
    /// Other names, spellings and references in any language, e.g.
    /// `كيم جونغ أون`, `Kim Jong-un`, `the North Korean leader`. A mention
    /// matches when its name (titles removed) has the same matching key as
    /// an alias, or its whole text equals an alias after normalization.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// What `isnad speakers --format json` prints: every entity found in the
/// inputs with the names it is written under, its claims counted by
/// attribution and certainty, and merges suggested but not made.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SpeakersReport {
    /// Version of this document's format, e.g. `1.0.0`.
    pub schema_version: String,
    /// Where the claims came from: `files` or `ledger`.
    pub source: String,
    /// How many input documents were read.
    pub documents: usize,
    /// How many claims with a speaker were counted.
    pub claims: usize,
    /// Every entity, most claims first (ties: by key).
    pub entities: Vec<SpeakerEntity>,
    /// Pairs of entities that may be one, with a score below the merge
    /// threshold: shown for a person to decide (add an alias to merge them).
    pub suggestions: Vec<MergeSuggestion>,
}

/// One speaker entity in a speakers report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SpeakerEntity {
    /// The grouping key (`speaker.key` of its claims).
    pub key: String,
    /// The name shown: the alias file's canonical name, else the longest
    /// name written (ties: the first seen).
    pub name: String,
    /// The Wikidata item from the alias file, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// What kind of source this is, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SpeakerKind>,
    /// True when the alias file identified this entity.
    pub from_alias_file: bool,
    /// Every distinct name written for this entity, with its claim count, in
    /// first-seen order.
    pub variants: Vec<SpeakerVariant>,
    /// Claims attributed to this entity.
    pub claims: usize,
    /// In how many input documents it speaks.
    pub documents: usize,
    /// Claims by attribution class.
    pub attribution: AttributionCounts,
    /// Claims by certainty.
    pub certainty: CertaintyCounts,
}

/// One way an entity's name is written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SpeakerVariant {
    /// The name as written in the text.
    pub name: String,
    /// Claims whose speaker is written this way.
    pub claims: usize,
}

/// Claims counted by attribution class.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AttributionCounts {
    /// Claims with a named source.
    pub attributed: usize,
    /// Claims with an unnamed or anonymous source.
    pub vague: usize,
    /// Claims in the author's own voice.
    pub unattributed: usize,
}

/// Claims counted by certainty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CertaintyCounts {
    /// Claims stated as fact.
    pub asserted: usize,
    /// Claims weakened by a hedge.
    pub hedged: usize,
}

/// Two entities that may be one person or body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MergeSuggestion {
    /// The first entity's key.
    pub a: String,
    /// The second entity's key.
    pub b: String,
    /// The first entity's shown name.
    pub a_name: String,
    /// The second entity's shown name.
    pub b_name: String,
    /// Similarity of their names, from 0 to 1 (1: same matching key).
    pub score: f64,
    /// What the score compares: `spelling` (the matching keys of names in
    /// one script) or `transliteration` (an Arabic and a Latin name by
    /// consonant classes; such a pair is only ever suggested).
    #[serde(default)]
    pub basis: String,
}
