//! Compiling a language pack into one multi-pattern matcher over the
//! tokens, and running it: every lexicon surface form (with its generated
//! clitic prefixes) becomes one pattern, a sequence of whole tokens in their
//! matching form (`trie.rs`).

use std::collections::HashMap;

mod trie;

use crate::Error;
use crate::lexicon::{CueEntry, Grammar, HedgeEntry, PackFile};
use crate::token::{Tokens, phrase_key};

/// Word classes the rules know, one bit each. The names are the
/// `[words.NAME]` sections of a pack.
pub(crate) const WORD_CLASSES: &[&str] = &[
    "vague",          // heads of vague sources: مصادر، sources
    "boundary",       // words that end a speaker noun phrase: prepositions
    "soft_boundary",  // «في»: ends a speaker only before a channel or time word
    "complementizer", // إن، أن، بأن، that
    "relative",       // الذي، التي، who, which
    "copula",         // كان، كانت (كان X قد قال)
    "time",           // اليوم، الأحد، on Tuesday
    "channel",        // بيان، مقابلة، statement, interview
    "conjunction",    // كما، فيما، بينما: a clause may start after them
    "link_label",     // قد يهمك، اقرأ أيضا: a line that starts so is a link
    "lam_outlet",     // لوكالة، لصحيفة: ل + outlet ends a speaker
    "not_speaker",    // وصفه، قوله: not a source after بحسب
    "pronoun",        // he, she, they, هو
    "aux",            // has, also, would: between subject and verb
    "organization",   // وزارة، وكالة، ministry: speaker kind
    "group",          // الحوثيين، protesters: speaker kind
    "content_start",  // ضرورة: a word that starts content, not a speaker
    "not_cue",        // يذكر أن: looks like a cue but is narrative
    "negation",       // لا، لم، not
    "first_person",   // نحن، we, our
    "abbreviation",   // mr, sen, د: a dot after them does not end a sentence
    "determiner",     // the, a: start of an English noun phrase
    "ma",             // ما، لما: after بحسب, a verb follows before the source
    "clause_end",     // English: and, but, because ... end a backward speaker scan
    "partitive",      // عدد، أحد، بعض، one of: an indefinite head, «من» stays in the source
    "naming",         // تدعى، يدعى، named: gives a name to the noun phrase before it
    "resumptive",     // به، عنه: a pronoun after a verb, not part of a source
    "indefinite",     // سيدة، رجل: a singular noun that makes a vague source when indefinite
    "issuer",         // صادرة عن: a document's issuer follows (the source)
    "title",          // الدكتور، المهندس: a title inside a speaker's name
    "adjective",      // العام، المتحدة: a definite adjective that is not a nisba
    "relay",          // قوله: «نقلت الوكالة عن X قوله»: X's words, relayed
    "office",         // وزير، المتحدث: an office that heads a speaker's phrase (a person)
                      // (a class is a bit of a `ClassSet`: up to 64)
];

/// A set of word classes, one bit each (see [`WORD_CLASSES`]).
pub(crate) type ClassSet = u64;

/// Bit of a word class by name.
pub(crate) const fn class_bit(name: &str) -> Option<ClassSet> {
    let mut i = 0;
    while i < WORD_CLASSES.len() {
        if str_eq(WORD_CLASSES[i], name) {
            return Some(1 << i);
        }
        i += 1;
    }
    None
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The bit of a word class, checked when the crate compiles.
macro_rules! bit {
    ($name:literal) => {
        const {
            match crate::compile::class_bit($name) {
                Some(b) => b,
                None => panic!(concat!("unknown word class ", $name)),
            }
        }
    };
}
pub(crate) use bit;

/// What a pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Payload {
    /// Index into `Compiled::cues`.
    Cue(u32),
    /// Index into `Compiled::hedges`.
    Hedge(u32),
    /// A word class bit.
    Class(ClassSet),
}

/// One match of the lexicon's trie, in tokens.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// What matched.
    pub payload: Payload,
    /// Number of letters of the generated clitic prefix on the first token.
    pub prefix: u8,
}

/// A compiled language pack.
#[derive(Debug)]
pub(crate) struct Compiled {
    /// Language tag.
    pub language: String,
    /// Grammar settings.
    pub grammar: Grammar,
    /// Cue entries.
    pub cues: Vec<CueEntry>,
    /// Hedge entries.
    pub hedges: Vec<HedgeEntry>,
    /// `after` words of each cue, as match forms.
    pub cue_after: Vec<Vec<String>>,
    /// `before` words of each cue, as match forms.
    pub cue_before: Vec<Vec<String>>,
    /// The grammar's marks as characters, for lookups without allocating.
    pub marks: Marks,
    /// The patterns.
    trie: trie::Trie,
    /// What each pattern stands for, with its prefix's number of letters,
    /// in hit order (prefix, then payload).
    payloads: Vec<Vec<(Payload, u8)>>,
}

/// The pack's quotation marks and imperfect-verb prefixes as characters (the
/// grammar lists them as strings; a string of more than one character never
/// equals the one character the rules compare, so it is left out).
#[derive(Debug, Default)]
pub(crate) struct Marks {
    /// `quote_open`.
    pub quote_open: Vec<char>,
    /// `quote_close`.
    pub quote_close: Vec<char>,
    /// `quote_both`.
    pub quote_both: Vec<char>,
    /// `imperfect_prefixes`.
    imperfect: Vec<char>,
    /// `imperfect_prefixes` holds the empty string (which an empty word's
    /// missing first letter equals).
    imperfect_empty: bool,
}

impl Marks {
    fn new(g: &Grammar) -> Marks {
        let chars = |v: &[String]| -> Vec<char> {
            v.iter()
                .filter_map(|s| {
                    let mut cs = s.chars();
                    match (cs.next(), cs.next()) {
                        (Some(c), None) => Some(c),
                        _ => None,
                    }
                })
                .collect()
        };
        Marks {
            quote_open: chars(&g.quote_open),
            quote_close: chars(&g.quote_close),
            quote_both: chars(&g.quote_both),
            imperfect: chars(&g.imperfect_prefixes),
            imperfect_empty: g.imperfect_prefixes.iter().any(String::is_empty),
        }
    }

    /// The word's first letter is one of the imperfect-verb prefixes.
    pub(crate) fn imperfect_start(&self, word: &str) -> bool {
        match word.chars().next() {
            Some(c) => self.imperfect.contains(&c),
            None => self.imperfect_empty,
        }
    }
}

impl Compiled {
    /// Compile a pack.
    pub(crate) fn new(pack: &PackFile, origins: Vec<String>) -> Result<Compiled, Error> {
        let mut keys: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut payloads: Vec<Vec<(Payload, u8)>> = Vec::new();
        // letters of each prefix, tokenized once per prefix, not once per
        // form (a pack has a few prefixes and thousands of forms)
        let mut prefix_letters: HashMap<String, u8> = HashMap::new();
        let mut add = |form: &str, prefix: &str, payload: Payload| {
            let raw = format!("{prefix}{form}");
            let key = phrase_key(&raw);
            if key.trim().is_empty() {
                return;
            }
            let plen = match prefix_letters.get(prefix) {
                Some(&n) => n,
                None => {
                    let n = phrase_key(prefix).trim().chars().count() as u8;
                    prefix_letters.insert(prefix.to_string(), n);
                    n
                }
            };
            let idx = *keys.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                payloads.push(Vec::new());
                patterns.len() - 1
            });
            if !payloads[idx].contains(&(payload, plen)) {
                payloads[idx].push((payload, plen));
            }
        };
        for (ci, c) in pack.cue.iter().enumerate() {
            let prefixes = pack.prefix_set(c.prefixes.as_deref(), "verb");
            let mut forms = c.forms.clone();
            if forms.is_empty() {
                forms.push(c.lemma.clone());
            }
            for f in &forms {
                for p in &prefixes {
                    add(f, p, Payload::Cue(ci as u32));
                }
            }
        }
        for (hi, h) in pack.hedge.iter().enumerate() {
            let prefixes = pack.prefix_set(h.prefixes.as_deref(), "noun");
            let mut forms = h.forms.clone();
            if forms.is_empty() {
                forms.push(h.lemma.clone());
            }
            for f in &forms {
                for p in &prefixes {
                    add(f, p, Payload::Hedge(hi as u32));
                }
            }
        }
        for (name, list) in &pack.words {
            let Some(b) = class_bit(name) else {
                return Err(Error::Lexicon {
                    origin: origins.join(" + "),
                    message: format!(
                        "unknown word class [words.{name}]; known: {}",
                        WORD_CLASSES.join(", ")
                    ),
                });
            };
            let prefixes = pack.prefix_set(list.prefixes.as_deref(), "none");
            for w in &list.words {
                for p in &prefixes {
                    add(w, p, Payload::Class(b));
                }
            }
        }
        let mut trie = trie::Trie::default();
        for (id, key) in patterns.iter().enumerate() {
            trie.insert(key.split(' ').filter(|t| !t.is_empty()), id as u32);
        }
        for ps in &mut payloads {
            ps.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        }
        let cue_after = pack
            .cue
            .iter()
            .map(|c| {
                c.after
                    .iter()
                    .map(|a| phrase_key(a).trim().to_string())
                    .collect()
            })
            .collect();
        let cue_before = pack
            .cue
            .iter()
            .map(|c| {
                c.before
                    .iter()
                    .map(|a| phrase_key(a).trim().to_string())
                    .collect()
            })
            .collect();
        let grammar = pack.grammar.clone().unwrap_or_default();
        Ok(Compiled {
            language: pack.language.clone(),
            marks: Marks::new(&grammar),
            grammar,
            cues: pack.cue.clone(),
            hedges: pack.hedge.clone(),
            cue_after,
            cue_before,
            trie,
            payloads,
        })
    }

    /// Run the matcher over a tokenized text: all hits in token order
    /// (start ascending, longer first, then prefix and payload) into `hits`,
    /// and each token's class bits (of the class phrases that start at it)
    /// into `classes`. The buffers are the caller's (cleared first; `ids`
    /// holds each token's word id), so a chunk's pass reuses the previous
    /// chunk's.
    pub(crate) fn scan_into(
        &self,
        t: &Tokens,
        hits: &mut Vec<Hit>,
        classes: &mut Vec<ClassSet>,
        ids: &mut Vec<Option<u32>>,
    ) {
        hits.clear();
        classes.clear();
        classes.resize(t.len(), 0);
        ids.clear();
        ids.extend(t.toks.iter().map(|tok| {
            let (s, e) = tok.ms;
            self.trie.word_in(&t.ms, s as usize, e as usize)
        }));
        let mut found = Vec::new();
        for start in 0..t.len() {
            if ids[start].is_none() {
                continue;
            }
            found.clear();
            self.trie
                .matches_at(ids[start..].iter().copied(), &mut found);
            // longer matches first; one pattern per span, its payloads in order
            for &(pid, len) in found.iter().rev() {
                let Some(ps) = self.payloads.get(pid as usize) else {
                    continue;
                };
                for &(payload, prefix) in ps {
                    if let Payload::Class(b) = payload {
                        classes[start] |= b;
                    }
                    hits.push(Hit {
                        start,
                        end: start + len,
                        payload,
                        prefix,
                    });
                }
            }
        }
    }
}
