//! Language packs: the documented TOML data files that hold every cue, hedge,
//! vague-source term and function word the rules use.
//!
//! The built-in packs (`lexicons/ar.toml`, `lexicons/en.toml`) are compiled in
//! with `include_str!`; a user file with the same `language` adds entries to a
//! built-in pack (an entry whose `lemma` already exists in the same section
//! replaces it), and a file for a new language stands on its own.

use std::collections::BTreeMap;

use isnad_model::{HedgeKind, Stance};
use serde::Deserialize;

use crate::Error;

/// The Arabic pack, compiled in.
pub const ARABIC: &str = include_str!("../lexicons/ar.toml");
/// The English pack, compiled in.
pub const ENGLISH: &str = include_str!("../lexicons/en.toml");

/// Word order of a language's reporting clauses: which rule set applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// Verb first («وقال الوزير إن ...»), as in Arabic news.
    #[default]
    Vso,
    /// Subject first ("the minister said ..."), as in English.
    Svo,
}

/// How a cue reports its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CueClass {
    /// A finite verb of saying, stance or belief: قال، أكد، said, warned.
    #[default]
    Verb,
    /// A participle that adds a cue to the same speaker: مضيفًا، مشددًا.
    Participle,
    /// A source phrase followed by the source: بحسب، وفقًا لـ، according to.
    Source,
    /// An impersonal or passive cue with no source words: يُعتقد، it is believed.
    Impersonal,
    /// A statement noun after its possessor, before «that»: "Trump's claim
    /// that ...", "his warning that ...".
    Noun,
}

/// One cue entry as written in a pack.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueEntry {
    /// Base form, shown as the claim's `cue.lemma`.
    pub lemma: String,
    /// Surface forms (inflections); clitic prefixes are generated.
    #[serde(default)]
    pub forms: Vec<String>,
    /// Stance the cue signals.
    #[serde(default = "default_stance")]
    pub stance: Stance,
    /// How the cue reports its content.
    #[serde(default)]
    pub class: CueClass,
    /// Which prefix set of `[prefixes]` to generate (default `verb`).
    #[serde(default)]
    pub prefixes: Option<String>,
    /// When set, the cue is also a hedge of this kind (يتوقع، يعتقد، alleged).
    #[serde(default)]
    pub hedge: Option<HedgeKind>,
    /// When set, the cue only counts right after one of these words
    /// (e.g. «عبر» only after «قد», where it means "expressed").
    #[serde(default)]
    pub after: Vec<String>,
    /// When set, the cue only counts right before one of these words or
    /// marks (e.g. «زاد» only before «:», where it means "added"). With
    /// both `after` and `before`, either context suffices.
    #[serde(default)]
    pub before: Vec<String>,
    /// When true, the cue counts only when a complementizer, colon or
    /// quotation introduces its content within reach («نقل X عنه قوله إن»,
    /// but not «نقل المصابين إلى المستشفى»), and, for a verb-first verb or a
    /// participle, before the next verb cue (which would own it): for verbs
    /// that are reporting cues only in some senses.
    #[serde(default)]
    pub needs_intro: bool,
    /// When true, the verb takes a direct object after its subject
    /// («اتهمت المعارضة الحكومة بـ»، «وصف الرئيس الاتفاق بأنه»): in a
    /// verb-first clause, a definite word right after a definite word of
    /// the subject starts the object unless it is an adjective (a nisba,
    /// or listed in `[words.adjective]`) or a title.
    #[serde(default)]
    pub object: bool,
}

fn default_stance() -> Stance {
    Stance::Asserts
}

/// One hedge entry as written in a pack.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HedgeEntry {
    /// Base form.
    pub lemma: String,
    /// Surface forms; clitic prefixes are generated.
    #[serde(default)]
    pub forms: Vec<String>,
    /// Kind of hedge.
    pub kind: HedgeKind,
    /// Which prefix set to generate (default `noun`).
    #[serde(default)]
    pub prefixes: Option<String>,
    /// When true, the hedge counts only when the next word is an imperfect
    /// verb (Arabic «قد»): see `[grammar] imperfect_prefixes`.
    #[serde(default)]
    pub needs_imperfect: bool,
    /// Words that, written with an initial capital as the first word of a
    /// form, are a name wherever they stand, even at a sentence's start: the
    /// month or surname "May" ("May 5 was ...", "May said ..."), not the
    /// modal. Any other form written with a capital after a word of its
    /// sentence is no hedge either ("in May", "Hope Hicks"); a title-case
    /// heading ("Port May Reopen in June, Officials Say") keeps them all.
    #[serde(default)]
    pub capitalized_names: Vec<String>,
}

/// A list of words of one class, as written in a pack.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordList {
    /// Which prefix set to generate (default `none`).
    #[serde(default)]
    pub prefixes: Option<String>,
    /// The words or phrases.
    #[serde(default)]
    pub words: Vec<String>,
}

/// Grammar settings of a pack.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Grammar {
    /// Word order of reporting clauses.
    #[serde(default)]
    pub order: Order,
    /// Longest speaker noun phrase, in words.
    #[serde(default = "default_max_speaker")]
    pub max_speaker_words: usize,
    /// First letters of an imperfect verb (for «قد» + imperfect).
    #[serde(default)]
    pub imperfect_prefixes: Vec<String>,
    /// Opening quotation marks.
    #[serde(default)]
    pub quote_open: Vec<String>,
    /// Closing quotation marks.
    #[serde(default)]
    pub quote_close: Vec<String>,
    /// Marks that both open and close a quote (the straight `"`).
    #[serde(default)]
    pub quote_both: Vec<String>,
}

fn default_max_speaker() -> usize {
    8
}

/// A language pack as written in its TOML file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// BCP 47 primary language tag (`ar`, `en`).
    pub language: String,
    /// Grammar settings; only the built-in or first file of a language
    /// needs them.
    #[serde(default)]
    pub grammar: Option<Grammar>,
    /// Named sets of clitic prefixes (`"" ` for none).
    #[serde(default)]
    pub prefixes: BTreeMap<String, Vec<String>>,
    /// Reporting cues.
    #[serde(default)]
    pub cue: Vec<CueEntry>,
    /// Hedge cues.
    #[serde(default)]
    pub hedge: Vec<HedgeEntry>,
    /// Word classes used by the rules (see the packs' comments).
    #[serde(default)]
    pub words: BTreeMap<String, WordList>,
}

impl PackFile {
    /// Parse a pack from TOML text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<PackFile, Error> {
        toml::from_str(text).map_err(|e| Error::Lexicon {
            origin: origin.to_string(),
            message: e.to_string(),
        })
    }

    /// Add the entries of `other` (same language) to this pack. A cue entry
    /// with the lemma and class of an existing one replaces it, and so does a
    /// hedge entry with an existing lemma; word lists are
    /// extended; prefix sets and grammar given in `other` replace these.
    pub fn merge(&mut self, other: PackFile) {
        if let Some(g) = other.grammar {
            self.grammar = Some(g);
        }
        for (k, v) in other.prefixes {
            self.prefixes.insert(k, v);
        }
        for c in other.cue {
            if let Some(old) = self
                .cue
                .iter_mut()
                .find(|o| o.lemma == c.lemma && o.class == c.class)
            {
                *old = c;
            } else {
                self.cue.push(c);
            }
        }
        for h in other.hedge {
            if let Some(old) = self.hedge.iter_mut().find(|o| o.lemma == h.lemma) {
                *old = h;
            } else {
                self.hedge.push(h);
            }
        }
        for (k, v) in other.words {
            match self.words.get_mut(&k) {
                Some(list) => {
                    list.words.extend(v.words);
                    if v.prefixes.is_some() {
                        list.prefixes = v.prefixes;
                    }
                }
                None => {
                    self.words.insert(k, v);
                }
            }
        }
    }

    /// The prefixes of the named set, or just `""` when the set is unknown.
    pub fn prefix_set(&self, name: Option<&str>, default: &str) -> Vec<String> {
        let name = name.unwrap_or(default);
        match self.prefixes.get(name) {
            Some(v) if !v.is_empty() => v.clone(),
            _ => vec![String::new()],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_packs_parse() {
        let ar = PackFile::parse(ARABIC, "ar.toml").unwrap();
        assert_eq!(ar.language, "ar");
        assert!(ar.cue.iter().any(|c| c.lemma == "قال"));
        let en = PackFile::parse(ENGLISH, "en.toml").unwrap();
        assert_eq!(en.language, "en");
        assert!(en.cue.iter().any(|c| c.lemma == "say"));
    }

    #[test]
    fn merge_replaces_by_lemma_and_extends_words() {
        let mut ar = PackFile::parse(ARABIC, "ar.toml").unwrap();
        let n = ar.cue.len();
        let user = PackFile::parse(
            "language = \"ar\"\n[[cue]]\nlemma = \"قال\"\nforms = [\"قال\"]\nstance = \"denies\"\n[[cue]]\nlemma = \"غرد\"\nforms = [\"غرد\", \"غردت\"]\n[words.boundary]\nwords = [\"حسبما\"]\n",
            "user.toml",
        )
        .unwrap();
        ar.merge(user);
        assert_eq!(ar.cue.len(), n + 1);
        assert_eq!(
            ar.cue.iter().find(|c| c.lemma == "قال").unwrap().stance,
            Stance::Denies
        );
        assert!(ar.words["boundary"].words.iter().any(|w| w == "حسبما"));
    }

    #[test]
    fn bad_toml_is_a_typed_error() {
        let e = PackFile::parse("language = 3", "x.toml").unwrap_err();
        assert!(e.to_string().contains("x.toml"));
        let e = PackFile::parse(
            "language = \"ar\"\n[[cue]]\nlemma = \"x\"\nstanse = \"asserts\"\n",
            "y.toml",
        )
        .unwrap_err();
        assert!(e.to_string().contains("stanse"));
    }
}
