use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Span;

/// One reported claim: who said what, through which cue, how hedged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Claim {
    /// Stable identifier derived from the document fingerprint and the claim's
    /// span (`c-` and 16 hex digits): re-running isnad on the same text gives
    /// the same id.
    pub id: String,
    /// The `id` of the passage that holds the start of the claim.
    pub passage: String,
    /// The whole claim: speaker, cue and content together.
    pub span: Span,
    /// The source the claim is attributed to. A vague source keeps the words
    /// that stand for it as its name ("officials", «مصادر مطلعة») with kind
    /// `unnamed`; null only when no words stand for a source (impersonal
    /// «يُعتقد», "it is believed", or the author's own voice).
    pub speaker: Option<Speaker>,
    /// The reporting cue (a verb of saying, a statement noun, a source phrase,
    /// a headline colon), or null for the author's own voice.
    pub cue: Option<Cue>,
    /// What was said.
    pub content: Content,
    /// Who stands behind the claim: a named source, a vague one, or nobody
    /// but the author.
    pub attribution: Attribution,
    /// Whether the claim is asserted or weakened by a hedge.
    pub certainty: Certainty,
    /// Every hedge cue inside the claim (cue or content), in text order.
    pub hedges: Vec<Hedge>,
    /// The speaker's stance as signalled by the cue.
    pub stance: Stance,
    /// The extraction rule that found the claim, e.g. `ar.verb-subject-content`.
    pub rule: String,
    /// Why the claim was found, present with `isnad extract --explain`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explanation>,
}

/// The source of a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Speaker {
    /// The words that name the source, as written in the text (for an
    /// implicit speaker: the name as written where it was last named).
    pub name: String,
    /// Where the name stands in the text; for an implicit speaker, the
    /// earlier mention it was carried from.
    pub span: Span,
    /// What kind of source this is.
    pub kind: SpeakerKind,
    /// A normalized grouping key: mentions with the same key are taken to be
    /// the same source.
    pub key: String,
    /// True when the speaker is carried from an earlier sentence, as with
    /// «وأضاف» or "he added", rather than named in the claim's own sentence.
    pub implicit: bool,
}

/// What kind of source a speaker is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// A named person, or a person identified by a unique office.
    Person,
    /// A named organization, institution, party, outlet or government body.
    Organization,
    /// A country, city or capital standing for its government.
    Place,
    /// A named group of people.
    Group,
    /// An unnamed or anonymous source: "sources", «مصادر», "officials".
    Unnamed,
}

/// The cue through which a claim is reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Cue {
    /// The cue as written, without a leading conjunction (و/ف).
    pub text: String,
    /// The lexicon entry's base form, e.g. `قال` for «قالت», `say` for "said".
    pub lemma: String,
    /// Where the cue stands in the text.
    pub span: Span,
}

/// What was said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Content {
    /// The reported proposition as written (without the cue and speaker).
    pub text: String,
    /// Where the content stands in the text.
    pub span: Span,
    /// How the content is reported.
    pub quote: QuoteKind,
}

/// How the content of a claim is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// The speaker's own words, in quotation marks.
    Direct,
    /// Reported speech in the writer's words.
    Indirect,
    /// Reported speech that contains a quoted fragment.
    Mixed,
    /// No reported speech: the author's own voice.
    None,
}

/// Who stands behind a claim.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Attribution {
    /// A named, identifiable source.
    Attributed,
    /// An unnamed or anonymous source: "sources", "some", البعض, مصادر.
    Vague,
    /// The author's own voice.
    Unattributed,
}

/// Whether a claim is asserted or weakened.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    /// Stated as fact.
    Asserted,
    /// Weakened by at least one hedge cue.
    Hedged,
}

/// A hedge cue: a word or phrase that weakens a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Hedge {
    /// The hedge as written.
    pub text: String,
    /// Where the hedge stands in the text.
    pub span: Span,
    /// What kind of hedge it is.
    pub kind: HedgeKind,
}

/// Kinds of hedge cue.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum HedgeKind {
    /// Possibility: محتمل, احتمال, possibly, possible.
    Possibility,
    /// Modal particles and verbs: قد + imperfect, ربما, may, might, could.
    Modal,
    /// Likelihood: المرجح, likely, probably.
    Likelihood,
    /// Expectation: يتوقع, is expected to.
    Expectation,
    /// Belief: يعتقد, believed, thinks.
    Belief,
    /// Appearance: يبدو, appears to, seems.
    Appearance,
    /// Suspicion: يُشتبه, suspected.
    Suspicion,
    /// Distancing from the source's claim: زعم, ادعى, allegedly, claimed.
    Distancing,
    /// Rumour and hearsay: يُقال, أفادت تقارير, reportedly.
    Rumor,
}

/// The stance a cue signals.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// States something as true: قال, أكد, said, confirmed.
    Asserts,
    /// Denies something: نفى, denied.
    Denies,
    /// Warns: حذر, warned.
    Warns,
    /// Predicts or expects: توقع, predicted, expects.
    Predicts,
    /// Alleges or claims without proof: زعم, ادعى, alleged, claimed.
    Alleges,
    /// Questions or doubts: تساءل, شكك, questioned.
    Questions,
    /// Describes or characterizes: وصف, described.
    Describes,
    /// Demands or calls for: دعا, طالب, called for, urged.
    Demands,
    /// Accuses or criticizes: اتهم, انتقد, accused, criticized.
    Accuses,
    /// Praises or welcomes: أشاد, رحب, praised.
    Praises,
    /// Promises or vows: تعهد, وعد, vowed.
    Promises,
    /// Believes or thinks: يعتقد, رأى, believes.
    Believes,
    /// No reporting cue: the author's own voice.
    None,
}

/// Why a claim was found: the rule, the lexicon entries that fired, and how
/// the speaker's boundary was decided (`isnad extract --explain`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Explanation {
    /// The rule that found the claim (same as the claim's `rule`).
    pub rule: String,
    /// Lexicon entries that fired, as `lexicon:section:entry`.
    pub lexicon: Vec<String>,
    /// Human-readable steps: why the speaker boundary fell where it did,
    /// where the content starts and ends, why the attribution class.
    pub steps: Vec<String>,
}

impl SpeakerKind {
    /// The kind's name in JSON (`"person"` ...), for writers that do not go through serde.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Organization => "organization",
            SpeakerKind::Place => "place",
            SpeakerKind::Group => "group",
            SpeakerKind::Unnamed => "unnamed",
        }
    }
}

impl QuoteKind {
    /// The quote kind's name in JSON (`"direct"` ...), for writers that do not go through serde.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
            QuoteKind::None => "none",
        }
    }
}

impl Attribution {
    /// The class's name in JSON (`"attributed"` ...), for writers that do not go through serde.
    pub fn as_str(self) -> &'static str {
        match self {
            Attribution::Attributed => "attributed",
            Attribution::Vague => "vague",
            Attribution::Unattributed => "unattributed",
        }
    }
}

impl Certainty {
    /// The class's name in JSON (`"asserted"` ...), for writers that do not go through serde.
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Asserted => "asserted",
            Certainty::Hedged => "hedged",
        }
    }
}

impl HedgeKind {
    /// The kind's name in JSON (`"modal"` ...), for writers that do not go through serde.
    pub fn as_str(self) -> &'static str {
        match self {
            HedgeKind::Possibility => "possibility",
            HedgeKind::Modal => "modal",
            HedgeKind::Likelihood => "likelihood",
            HedgeKind::Expectation => "expectation",
            HedgeKind::Belief => "belief",
            HedgeKind::Appearance => "appearance",
            HedgeKind::Suspicion => "suspicion",
            HedgeKind::Distancing => "distancing",
            HedgeKind::Rumor => "rumor",
        }
    }
}

impl Stance {
    /// The stance's name in JSON (`"asserts"` ...), for writers that do not go through serde.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Asserts => "asserts",
            Stance::Denies => "denies",
            Stance::Warns => "warns",
            Stance::Predicts => "predicts",
            Stance::Alleges => "alleges",
            Stance::Questions => "questions",
            Stance::Describes => "describes",
            Stance::Demands => "demands",
            Stance::Accuses => "accuses",
            Stance::Praises => "praises",
            Stance::Promises => "promises",
            Stance::Believes => "believes",
            Stance::None => "none",
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::PassageKind;

    /// Each enum value's name is serde's.
    #[test]
    fn enum_names_are_serde_names() {
        fn same<T: serde::Serialize>(value: T, name: &str) {
            assert_eq!(serde_json::to_value(value).unwrap(), name);
        }
        for k in [
            SpeakerKind::Person,
            SpeakerKind::Organization,
            SpeakerKind::Place,
            SpeakerKind::Group,
            SpeakerKind::Unnamed,
        ] {
            same(k, k.as_str());
        }
        for k in [
            QuoteKind::Direct,
            QuoteKind::Indirect,
            QuoteKind::Mixed,
            QuoteKind::None,
        ] {
            same(k, k.as_str());
        }
        for a in [
            Attribution::Attributed,
            Attribution::Vague,
            Attribution::Unattributed,
        ] {
            same(a, a.as_str());
        }
        for c in [Certainty::Asserted, Certainty::Hedged] {
            same(c, c.as_str());
        }
        for k in [
            HedgeKind::Possibility,
            HedgeKind::Modal,
            HedgeKind::Likelihood,
            HedgeKind::Expectation,
            HedgeKind::Belief,
            HedgeKind::Appearance,
            HedgeKind::Suspicion,
            HedgeKind::Distancing,
            HedgeKind::Rumor,
        ] {
            same(k, k.as_str());
        }
        for s in [
            Stance::Asserts,
            Stance::Denies,
            Stance::Warns,
            Stance::Predicts,
            Stance::Alleges,
            Stance::Questions,
            Stance::Describes,
            Stance::Demands,
            Stance::Accuses,
            Stance::Praises,
            Stance::Promises,
            Stance::Believes,
            Stance::None,
        ] {
            same(s, s.as_str());
        }
        for k in [
            PassageKind::Heading,
            PassageKind::Paragraph,
            PassageKind::Byline,
            PassageKind::Dateline,
            PassageKind::Item,
        ] {
            same(k, k.as_str());
        }
    }
}
