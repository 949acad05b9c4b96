//! Speaker identity for isnad: one person, many spellings.
//!
//! This crate owns **grouping speakers into entities**. It runs after
//! extraction on an [`ExtractionDocument`] and its text, and sets each
//! claim's `speaker.key` to the key of the entity the speaker is (the
//! `speaker.name` stays as written):
//!
//! - **within a document**, a short mention is linked to the full name it
//!   refers to when the text makes that clear: a surname to the last person
//!   named in full with it («كيم», "Kim"), a title alone or with a possessive
//!   («الرئيس», «رئيسها», "the president", "the North Korean leader") to the
//!   last person introduced with that title, a continuation («وأضاف», "he
//!   added") to the mention it was carried from, a pronoun to the last
//!   speaker of a compatible kind. People who share a surname stay apart, and
//!   a surname shared by two people named in the same sentence is left
//!   unlinked, since the text does not say which one is meant;
//! - **across spellings**, names are compared by a documented matching key
//!   (a skeleton of the name after isnad-text normalization, with the
//!   variant rules of `variants.toml`: ج/غ/ك/ق, و/أو, optional long vowels,
//!   hyphens and spaces, Latin diacritics, case and word order, titles
//!   removed) and a similarity score; pairs at or above the merge threshold
//!   are one entity, pairs between the suggestion and merge thresholds are
//!   only suggested ([`Resolver::summarize`]);
//! - a user **alias file** ([`AliasFile`]) always wins over automatic
//!   grouping.
//!
//! It must **not** know how claims are found (isnad-extract), stored
//! (isnad-ledger) or shown (isnad-report), nor any terminal or file system:
//! callers hand it documents, texts and alias-file text. It never names a
//! person, place or outlet in code; names belong in the alias file.
//!
//! ```
//! use isnad_speakers::Resolver;
//!
//! let resolver = Resolver::builtin().unwrap();
//! // spellings of one transliterated name share a matching key ...
//! assert_eq!(resolver.matching_key("كيم جونج وون"), resolver.matching_key("كيم جونغ أون"));
//! assert_eq!(resolver.matching_key("Kim Jong-un"), resolver.matching_key("Jong Un Kim"));
//! // ... titles do not count, and two given names keep two people apart
//! assert_eq!(resolver.matching_key("President Émile Durand"), resolver.matching_key("emile durand"));
//! assert!(resolver.similarity("Ahmad Saleh", "Mahmoud Saleh") < resolver.merge_threshold());
//! ```
#![deny(missing_docs)]

mod agree;
mod mention;
mod resolve;
mod rules;
mod scan;
mod summary;
mod text_index;
mod words;

use isnad_model::{AliasFile, Claim, ExtractionDocument};

pub use summary::ClaimView;

use mention::{Anatomy, anatomy};
use rules::Rules;

/// What can go wrong.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The built-in variant rules do not parse (a bug in isnad).
    #[error("variants.toml: {message}")]
    Variants {
        /// What is wrong.
        message: String,
    },
    /// An alias file does not parse or breaks a rule.
    #[error("{location}: {message}")]
    AliasFile {
        /// The file, with `:line:col` when known.
        location: String,
        /// What is wrong.
        message: String,
    },
}

/// One alias-file entity, compiled.
#[derive(Debug, Clone)]
struct CompiledAlias {
    key: String,
    name: String,
    wikidata: Option<String>,
    kind: Option<isnad_model::SpeakerKind>,
    /// Whole normalized texts of the name and aliases.
    texts: Vec<String>,
    /// Skeletons of their names (titles removed).
    skels: Vec<Vec<String>>,
}

/// Groups speakers into entities: the variant rules and the user's aliases.
#[derive(Debug, Clone)]
pub struct Resolver {
    rules: Rules,
    aliases: Vec<CompiledAlias>,
}

/// How one claim's speaker was linked (for explanations and tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// The index of the claim in the document.
    pub claim: usize,
    /// The entity's key.
    pub key: String,
    /// Which rule linked it: `alias`, `full-name`, `surname`, `title`,
    /// `carried`, `pronoun`, `new` (a first mention), `ambiguous` (a
    /// surname two people share in one sentence, left on its own) or
    /// `unresolved` (a continuation whose cue agrees in gender or number
    /// with no earlier speaker, left on its own).
    pub rule: &'static str,
    /// One sentence saying how, e.g. `surname «العطار» of «ريم العطار»
    /// (claim 1)`; also added to the claim's `explain.steps` when the
    /// claim has an explanation.
    pub detail: String,
}

impl Resolver {
    /// The built-in variant rules (`variants.toml`), no aliases.
    pub fn builtin() -> Result<Resolver, Error> {
        Ok(Resolver {
            rules: Rules::parse(rules::VARIANTS)?,
            aliases: Vec::new(),
        })
    }

    /// Adds the entities of an alias file; later files' entities come after
    /// earlier ones (the first entity that matches a mention wins).
    pub fn with_aliases(mut self, file: &AliasFile, location: &str) -> Result<Resolver, Error> {
        for (i, ent) in file.entity.iter().enumerate() {
            let place = format!("{location}: entity {}", i + 1);
            if ent.name.trim().is_empty() {
                return Err(Error::AliasFile {
                    location: place,
                    message: "`name` is empty".into(),
                });
            }
            if let Some(q) = &ent.wikidata
                && !(q.len() > 1
                    && q.starts_with('Q')
                    && q[1..].chars().all(|c| c.is_ascii_digit()))
            {
                return Err(Error::AliasFile {
                    location: place,
                    message: format!("wikidata `{q}` is not a Wikidata item id such as Q56226"),
                });
            }
            let mut texts = Vec::new();
            let mut skels = Vec::new();
            for alias in std::iter::once(&ent.name).chain(&ent.aliases) {
                let norm = isnad_text::normalize_str(alias);
                if norm.is_empty() {
                    continue;
                }
                let a = anatomy(&self.rules, alias);
                let sk = self.rules.skeletons(&a.name);
                if !sk.is_empty() {
                    skels.push(sk);
                }
                texts.push(norm);
            }
            let key = ent
                .key
                .clone()
                .filter(|k| !k.trim().is_empty())
                .or_else(|| ent.wikidata.clone())
                .unwrap_or_else(|| isnad_text::normalize_str(&ent.name));
            self.aliases.push(CompiledAlias {
                key,
                name: ent.name.clone(),
                wikidata: ent.wikidata.clone(),
                kind: ent.kind,
                texts,
                skels,
            });
        }
        Ok(self)
    }

    /// Parses the text of an alias file (TOML) read from `location`.
    pub fn parse_alias_file(text: &str, location: &str) -> Result<AliasFile, Error> {
        toml::from_str::<AliasFile>(text).map_err(|err| {
            let place = err
                .span()
                .map(|span| {
                    let before = text.get(..span.start).unwrap_or("");
                    let line = before.matches('\n').count() + 1;
                    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    format!("{location}:{line}:{col}")
                })
                .unwrap_or_else(|| location.to_string());
            Error::AliasFile {
                location: place,
                message: err.message().trim().replace('\n', " "),
            }
        })
    }

    /// The merge threshold: names at least this similar are one entity.
    pub fn merge_threshold(&self) -> f64 {
        self.rules.merge
    }

    /// The suggestion threshold: names at least this similar (and below
    /// the merge threshold) are suggested merges.
    pub fn suggest_threshold(&self) -> f64 {
        self.rules.suggest
    }

    /// The matching key of a name: its skeleton tokens (titles removed,
    /// variant rules applied) in sorted order.
    pub fn matching_key(&self, name: &str) -> String {
        let a = anatomy(&self.rules, name);
        self.rules.key_of_tokens(&a.name)
    }

    /// The similarity of two names, 0..=1 (1: the same matching key, or the
    /// same skeleton once spaces and hyphens are ignored).
    pub fn similarity(&self, a: &str, b: &str) -> f64 {
        let a = self.rules.skeletons(&anatomy(&self.rules, a).name);
        let b = self.rules.skeletons(&anatomy(&self.rules, b).name);
        self.rules.similarity(&a, &b)
    }

    /// The similarity of two names written in different scripts (Arabic and
    /// Latin) by their transliteration skeletons (consonant classes, see
    /// `[[translit]]` in `variants.toml`), 0..=1, capped below the merge
    /// threshold: a pair across scripts is only ever suggested.
    pub fn transliteration_similarity(&self, a: &str, b: &str) -> f64 {
        let a = self.rules.translit_skeletons(&anatomy(&self.rules, a).name);
        let b = self.rules.translit_skeletons(&anatomy(&self.rules, b).name);
        self.rules.translit_similarity(&a, &b)
    }

    /// The alias entity a mention matches: its whole text equals an alias,
    /// or its name matches an alias's name at the merge threshold.
    fn alias_for(&self, a: &Anatomy, text_norm: &str) -> Option<usize> {
        if self.aliases.is_empty() {
            return None;
        }
        if !text_norm.is_empty()
            && let Some(i) = self
                .aliases
                .iter()
                .position(|al| al.texts.iter().any(|t| t == text_norm))
        {
            return Some(i);
        }
        let skel = self.rules.skeletons(&a.name);
        if skel.is_empty() {
            return None;
        }
        self.aliases.iter().position(|al| {
            al.skels.iter().any(|s| {
                // one word matches one word exactly; longer names by score
                if s.len() == 1 || skel.len() == 1 {
                    *s == skel
                } else {
                    self.rules.similarity(&skel, s) >= self.rules.merge
                }
            })
        })
    }

    /// The key of the alias-file entity that a speaker's name matches, if
    /// any (for claims resolved without their text, as in a ledger).
    pub fn alias_key(&self, name: &str) -> Option<String> {
        let a = anatomy(&self.rules, name);
        let i = self.alias_for(&a, &isnad_text::normalize_str(name))?;
        self.aliases.get(i).map(|al| al.key.clone())
    }

    /// Sets each claim's `speaker.key` to its entity's key; `text` is the
    /// document's text (the one its spans point into). Unnamed sources keep
    /// the extractor's key. Returns how each speaker was linked.
    pub fn resolve(&self, doc: &mut ExtractionDocument, text: &str) -> Vec<Resolution> {
        let claims = std::mem::take(&mut doc.claims);
        let mut pass = self.document_pass(text);
        for claim in claims {
            pass.push(claim);
        }
        let (rest, keys) = pass.finish();
        let mut out = Vec::new();
        for (i, (mut claim, pending)) in rest.into_iter().enumerate() {
            if let Some(mut resolution) = keys.apply(&mut claim, &pending) {
                resolution.claim = i;
                out.push(resolution);
            }
            doc.claims.push(claim);
        }
        out
    }

    /// The speaker pass over one document as a stream, for callers that
    /// write claims out as they come instead of holding the document:
    /// [`SpeakerPass::push`] the claims in text order, [`SpeakerPass::settle`]
    /// when no claim will start before a point, take each linked claim with
    /// [`SpeakerPass::pop`] (and keep it, with its [`PendingKey`], where it
    /// costs no memory), then [`SpeakerPass::finish`] and set the keys with
    /// [`SpeakerKeys::apply`]. The keys wait for the end, since a later
    /// mention can give an entity a longer name; the pass holds the entity
    /// table and a window of recent claims, not the document's claims. The
    /// result is [`Resolver::resolve`]'s (which runs on it).
    pub fn document_pass<'a, 't>(&'a self, text: &'t str) -> SpeakerPass<'a, 't> {
        SpeakerPass {
            inner: resolve::DocPass::new(self, text),
        }
    }
}

impl Resolver {
    /// [`Resolver::document_pass`] for a text that is not held whole: hand
    /// each piece to [`SpeakerPass::push_text`] before the claims that start
    /// in it. The pass keeps the last megabyte or more of the text, which is
    /// as far back as it reads on any real text (a carried speaker's words,
    /// whether a sentence ends between two mentions of a name). The words a
    /// speaker was linked by, which only an explanation shows, are kept for
    /// claims that carry one (`claim.explain`): for another claim,
    /// [`SpeakerKeys::apply`]'s `Resolution::detail` leaves them out.
    pub fn streamed_pass(&self) -> SpeakerPass<'_, 'static> {
        SpeakerPass {
            inner: resolve::DocPass::streamed(self),
        }
    }
}

/// The speaker pass over one document, claim by claim (see
/// [`Resolver::document_pass`]).
pub struct SpeakerPass<'a, 't> {
    inner: resolve::DocPass<'a, 't>,
}

/// How one claim's speaker was linked, until the document's keys are known
/// (serializable, so a caller can keep it on disk with its claim).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PendingKey(Option<resolve::Linked>);

/// The entity keys of a finished document.
pub struct SpeakerKeys<'a> {
    keys: resolve::Keys<'a>,
}

impl<'a> SpeakerPass<'a, '_> {
    /// Adds the next piece of the text of a pass made by
    /// [`Resolver::streamed_pass`].
    pub fn push_text(&mut self, piece: &str) {
        self.inner.push_text(piece);
    }

    /// Takes the next claim (claims come in the extractor's order).
    pub fn push(&mut self, claim: Claim) {
        self.inner.push(claim);
    }

    /// Every claim that starts before code point `upto` has been pushed.
    pub fn settle(&mut self, upto: usize) {
        self.inner.settle(upto);
    }

    /// The next claim whose speaker is linked, in the order pushed.
    pub fn pop(&mut self) -> Option<(Claim, PendingKey)> {
        self.inner.pop().map(|(c, l)| (c, PendingKey(l)))
    }

    /// Links what is left and returns the claims not yet popped, with the
    /// document's keys.
    pub fn finish(self) -> (Vec<(Claim, PendingKey)>, SpeakerKeys<'a>) {
        let (rest, keys) = self.inner.finish();
        let rest = rest.into_iter().map(|(c, l)| (c, PendingKey(l))).collect();
        (rest, SpeakerKeys { keys })
    }
}

impl SpeakerKeys<'_> {
    /// Sets `claim`'s `speaker.key` to its entity's key and adds the
    /// `--explain` step saying why; returns what was decided (`claim` is
    /// left to the caller to number). A claim without a linked speaker is
    /// left as it is.
    pub fn apply(&self, claim: &mut Claim, pending: &PendingKey) -> Option<Resolution> {
        let resolved = self.keys.resolved(pending.0.as_ref()?)?;
        let sp = claim.speaker.as_mut()?;
        let resolve::Resolved { key, how, detail } = resolved;
        sp.key = key.clone();
        if let Some(explain) = claim.explain.as_mut() {
            explain.steps.push(format!("speaker key «{key}»: {detail}"));
        }
        Some(Resolution {
            claim: 0,
            key,
            detail,
            rule: match how {
                resolve::Link::Alias => "alias",
                resolve::Link::FullName => "full-name",
                resolve::Link::Surname => "surname",
                resolve::Link::Title => "title",
                resolve::Link::Carried => "carried",
                resolve::Link::Pronoun => "pronoun",
                resolve::Link::New => "new",
                resolve::Link::Ambiguous => "ambiguous",
                resolve::Link::Unresolved => "unresolved",
            },
        })
    }

    /// [`SpeakerKeys::apply`] for a caller that needs only the claim: sets
    /// its key and, when it has an explanation, the step saying why (the
    /// sentence is worked out only then, not for every claim). False for a
    /// claim without a linked speaker, which is left as it is.
    pub fn set_key(&self, claim: &mut Claim, pending: &PendingKey) -> bool {
        if claim.explain.is_some() {
            return self.apply(claim, pending).is_some();
        }
        let key = pending.0.as_ref().and_then(|l| self.keys.key(l));
        match (key, claim.speaker.as_mut()) {
            (Some(key), Some(sp)) => {
                sp.key = key;
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests;
