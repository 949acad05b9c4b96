//! The name-variant rules of `variants.toml`: matching keys (skeletons) and
//! the similarity score.

use std::collections::BTreeMap;

/// A set of normalized words, looked up by `contains` only (never
/// iterated into output): hashed, since the scan asks it for nearly every
/// word of a text and a tree of strings compares several of them per ask.
pub(crate) type WordSet = rustc_hash::FxHashSet<String>;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::Error;

/// The built-in rules, compiled in.
pub(crate) const VARIANTS: &str = include_str!("../variants.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    scores: RawScores,
    arabic: RawScript,
    latin: RawScript,
    titles: RawLangs,
    possessives: RawLangs,
    modifiers: RawModifiers,
    stops: RawLangs,
    joins: RawLangs,
    compounds: RawLangs,
    particles: RawLangs,
    loose: RawLangs,
    feminine: RawLangs,
    masculine: RawLangs,
    #[serde(default)]
    complementizers: RawLangs,
    #[serde(default)]
    channels: RawLangs,
    #[serde(default)]
    bodies: RawLangs,
    #[serde(default)]
    connectors: RawLangs,
    #[serde(default)]
    honorifics: RawLangs,
    #[serde(default)]
    synonyms: Vec<RawSynonyms>,
    #[serde(default)]
    translit: Vec<RawTranslit>,
    #[serde(default)]
    translit_soft: Vec<RawTranslitSoft>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTranslit {
    class: String,
    arabic: String,
    latin: Vec<String>,
    #[allow(dead_code)]
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTranslitSoft {
    classes: String,
    #[allow(dead_code)]
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSynonyms {
    words: Vec<String>,
    #[allow(dead_code)]
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScores {
    merge: f64,
    suggest: f64,
    soft: f64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScript {
    #[serde(default)]
    classes: Vec<RawClass>,
    #[serde(default)]
    soft: Vec<RawClass>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClass {
    letters: String,
    #[allow(dead_code)]
    why: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLangs {
    #[serde(default)]
    ar: Vec<String>,
    #[serde(default)]
    en: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModifiers {
    #[serde(default)]
    en: Vec<String>,
    #[serde(default)]
    ar_links: Vec<String>,
}

/// The compiled rules.
#[derive(Debug, Clone)]
pub(crate) struct Rules {
    /// Tells the rules of one parse from another's in the skeleton cache.
    id: u64,
    /// Merge threshold.
    pub merge: f64,
    /// Suggestion threshold.
    pub suggest: f64,
    soft_cost: f64,
    fold: BTreeMap<char, char>,
    soft: BTreeMap<char, usize>,
    /// `soft` for the characters below [`SOFT_LOW`] (Latin and Arabic), by
    /// code point, [`NO_GROUP`] for none: looked up for every character of
    /// every token compared, where the map's search showed.
    soft_low: Box<[u32]>,
    pub titles_ar: WordSet,
    pub titles_en: WordSet,
    pub possessives_ar: Vec<String>,
    pub modifiers_en: WordSet,
    pub links_ar: WordSet,
    pub stops_ar: WordSet,
    pub stops_en: WordSet,
    joins: WordSet,
    pub compounds_ar: WordSet,
    pub compounds_en: WordSet,
    particles_en: WordSet,
    pub loose: WordSet,
    /// The `loose` words that begin with ال, without it (a modifier written
    /// without its article is loose when «ال» + it is).
    pub loose_after_al: WordSet,
    /// Arabic letters to their transliteration class.
    tr_arabic: BTreeMap<char, char>,
    /// Latin letters and digraphs to their class, longest first.
    tr_latin: Vec<(String, char)>,
    /// Classes that may stand for one another (a cheap substitution).
    tr_soft: BTreeMap<char, Vec<usize>>,
    /// Nouns for what a source issued («البيان», "the statement"), see `[channels]`.
    pub channels: WordSet,
    /// Titles of courtesy that name no office ("Ms.", «الدكتور»), by
    /// skeleton, see `[honorifics]`.
    pub honorifics: WordSet,
    /// Arabic name connectors («بن», «ولد»), see `[connectors]`.
    pub connectors_ar: WordSet,
    /// Arabic nouns that head a body's name («شركة», «وزارة»), see `[bodies]`.
    pub bodies_ar: WordSet,
    /// Words before a clause's subject («إن الوزير ...»), see `[complementizers]`.
    pub complementizers_ar: WordSet,
    /// Title modifiers that mean the same, by skeleton, to the first one.
    synonyms: BTreeMap<String, String>,
    /// Words that make a mention feminine (`[feminine]`).
    pub gender_fem: WordSet,
    /// Words that make a mention masculine (`[masculine]`).
    pub gender_masc: WordSet,
}

fn norm_all(words: &[String]) -> WordSet {
    words
        .iter()
        .map(|w| isnad_text::normalize_str(w))
        .filter(|w| !w.is_empty())
        .collect()
}

impl Rules {
    /// Parses rules from the text of a variants file.
    pub fn parse(text: &str) -> Result<Rules, Error> {
        let raw: RawRules = toml::from_str(text).map_err(|e| Error::Variants {
            message: e.message().trim().to_string(),
        })?;
        let s = &raw.scores;
        if !(0.0..=1.0).contains(&s.merge)
            || !(0.0..=1.0).contains(&s.suggest)
            || s.suggest > s.merge
            || !(0.0..=1.0).contains(&s.soft)
        {
            return Err(Error::Variants {
                message: "scores must lie in 0..=1 with suggest <= merge".into(),
            });
        }
        let mut fold = BTreeMap::new();
        for class in raw.arabic.classes.iter().chain(&raw.latin.classes) {
            let letters: Vec<char> = isnad_text::normalize_str(&class.letters).chars().collect();
            if let Some(&first) = letters.first() {
                for &c in &letters {
                    fold.insert(c, first);
                }
            }
        }
        let mut soft = BTreeMap::new();
        for (i, class) in raw.arabic.soft.iter().chain(&raw.latin.soft).enumerate() {
            for c in isnad_text::normalize_str(&class.letters).chars() {
                let c = *fold.get(&c).unwrap_or(&c);
                soft.insert(c, i);
            }
        }
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let mut rules = Rules {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            merge: s.merge,
            suggest: s.suggest,
            soft_cost: s.soft,
            fold,
            soft_low: (0..SOFT_LOW as u32)
                .map(|u| {
                    char::from_u32(u)
                        .and_then(|c| soft.get(&c))
                        .map_or(NO_GROUP, |&g| g as u32)
                })
                .collect(),
            soft,
            titles_ar: norm_all(&raw.titles.ar),
            titles_en: norm_all(&raw.titles.en),
            possessives_ar: norm_all(&raw.possessives.ar).into_iter().collect(),
            modifiers_en: norm_all(&raw.modifiers.en),
            links_ar: norm_all(&raw.modifiers.ar_links),
            stops_ar: norm_all(&raw.stops.ar),
            stops_en: norm_all(&raw.stops.en),
            joins: norm_all(&raw.joins.ar),
            compounds_ar: norm_all(&raw.compounds.ar),
            compounds_en: norm_all(&raw.compounds.en),
            particles_en: norm_all(&raw.particles.en),
            loose: norm_all(&raw.loose.ar)
                .into_iter()
                .chain(norm_all(&raw.loose.en))
                .collect(),
            loose_after_al: WordSet::default(),
            gender_fem: norm_all(&raw.feminine.ar)
                .into_iter()
                .chain(norm_all(&raw.feminine.en))
                .collect(),
            gender_masc: norm_all(&raw.masculine.ar)
                .into_iter()
                .chain(norm_all(&raw.masculine.en))
                .collect(),
            complementizers_ar: norm_all(&raw.complementizers.ar),
            bodies_ar: norm_all(&raw.bodies.ar),
            connectors_ar: norm_all(&raw.connectors.ar),
            honorifics: WordSet::default(),
            channels: norm_all(&raw.channels.ar)
                .into_iter()
                .chain(norm_all(&raw.channels.en))
                .collect(),
            synonyms: BTreeMap::new(),
            tr_arabic: BTreeMap::new(),
            tr_latin: Vec::new(),
            tr_soft: BTreeMap::new(),
        };
        for t in &raw.translit {
            let Some(class) = t.class.chars().next() else {
                return Err(Error::Variants {
                    message: "a [[translit]] class is empty".into(),
                });
            };
            for c in t.arabic.chars() {
                rules.tr_arabic.insert(c, class);
            }
            for l in &t.latin {
                rules.tr_latin.push((l.to_lowercase(), class));
            }
        }
        rules.tr_latin.sort_by(|a, b| {
            b.0.chars()
                .count()
                .cmp(&a.0.chars().count())
                .then(a.0.cmp(&b.0))
        });
        for (i, g) in raw.translit_soft.iter().enumerate() {
            for c in g.classes.chars() {
                rules.tr_soft.entry(c).or_default().push(i);
            }
        }
        for group in &raw.synonyms {
            let skels: Vec<String> = group
                .words
                .iter()
                .map(|w| rules.skeleton_token(&isnad_text::normalize_str(w)))
                .filter(|w| !w.is_empty())
                .collect();
            if let Some(first) = skels.first().cloned() {
                for w in skels {
                    rules.synonyms.insert(w, first.clone());
                }
            }
        }
        rules.loose_after_al = rules
            .loose
            .iter()
            .filter_map(|w| w.strip_prefix("ال"))
            .map(str::to_string)
            .collect();
        rules.honorifics = norm_all(&raw.honorifics.ar)
            .into_iter()
            .chain(norm_all(&raw.honorifics.en))
            .map(|w| rules.modifier(&w))
            .collect();
        Ok(rules)
    }

    /// The comparable form of a title modifier: a leading «لل» (ل + ال)
    /// removed, its skeleton, then its synonym group's first word.
    pub fn modifier(&self, word: &str) -> String {
        let w = word
            .strip_prefix("لل")
            .filter(|r| r.chars().count() > 1)
            .unwrap_or(word);
        let sk = self.skeleton_token(w);
        self.synonyms.get(&sk).cloned().unwrap_or(sk)
    }

    /// Tells these rules from another parse's (for per-thread caches).
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The skeleton of one normalized token (see `variants.toml`). Names
    /// and titles recur through a document (and a batch), so skeletons are
    /// kept per thread, up to a bound, by token.
    pub fn skeleton_token(&self, token: &str) -> String {
        thread_local! {
            static CACHE: std::cell::RefCell<(u64, rustc_hash::FxHashMap<String, String>)> =
                std::cell::RefCell::new((u64::MAX, rustc_hash::FxHashMap::default()));
        }
        /// Tokens kept per thread (a few MB at most).
        const MAX: usize = 1 << 15;
        CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            if cache.0 != self.id {
                cache.1.clear();
                cache.0 = self.id;
            }
            if let Some(sk) = cache.1.get(token) {
                return sk.clone();
            }
            let sk = self.compute_skeleton(token);
            if cache.1.len() >= MAX {
                cache.1.clear();
            }
            cache.1.insert(token.to_string(), sk.clone());
            sk
        })
    }

    fn compute_skeleton(&self, token: &str) -> String {
        let latin: String = token
            .nfd()
            .filter(|c| !is_combining_mark(*c))
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let mut chars: Vec<char> = latin
            .chars()
            .map(|c| *self.fold.get(&c).unwrap_or(&c))
            .collect();
        if chars.iter().any(|c| is_arabic(*c)) {
            // «للمرصد» is ل + «المرصد»; the article is optional: «الحداد» = «حداد»
            if chars.len() > 3 && matches!(chars[0], 'ل' | 'ا') && chars[1] == 'ل' {
                chars.drain(..2);
            }
            // token-initial ا before و: أون = وون
            if chars.len() > 1 && chars[0] == 'ا' && chars[1] == 'و' {
                chars.remove(0);
            }
            // a final ه (teh marbuta, or a foreign final e/a) is optional:
            // «كلوغه» = «كلوغ», «عبدالله» = «عبد الله»
            if chars.len() > 3 && chars.last() == Some(&'ه') {
                chars.pop();
            }
            let mut out = Vec::with_capacity(chars.len());
            for (i, &c) in chars.iter().enumerate() {
                if i > 0 && matches!(c, 'ا' | 'و' | 'ي') {
                    continue;
                }
                // a doubled letter (a shadda written out) counts once
                if out.last() == Some(&c) && i > 0 {
                    continue;
                }
                out.push(c);
            }
            chars = out;
        }
        chars.into_iter().collect()
    }

    /// True for a name part joined to the next word («عبد»).
    pub fn is_join(&self, word: &str) -> bool {
        self.joins.contains(word)
    }

    /// `tokens` without English particles, a joining part («عبد») glued to
    /// the word after it: the units both skeletons are taken of.
    fn joined_tokens(&self, tokens: &[String]) -> Vec<String> {
        let mut joined: Vec<String> = Vec::with_capacity(tokens.len());
        let mut join_next = false;
        for t in tokens
            .iter()
            .filter(|t| !self.particles_en.contains(t.as_str()))
        {
            match joined.last_mut() {
                Some(last) if join_next => last.push_str(t),
                _ => joined.push(t.clone()),
            }
            join_next = self.joins.contains(t.as_str());
        }
        joined
    }

    /// Skeletons of every token of `name` (already split into tokens).
    pub fn skeletons(&self, tokens: &[String]) -> Vec<String> {
        self.joined_tokens(tokens)
            .iter()
            .map(|t| self.skeleton_token(t))
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// The skeleton of a word of a body's name: as a person's, and a final
    /// ه (teh marbuta after normalization) dropped, so that a nisba
    /// adjective and its noun match («البعثة السويدية» = «بعثة السويد»).
    pub fn body_token(&self, token: &str) -> String {
        let sk = self.skeleton_token(token);
        match sk.strip_suffix('ه') {
            Some(rest) if rest.chars().count() >= 2 => rest.to_string(),
            _ => sk,
        }
    }

    /// Skeletons of a person's name, or of a body's (see [`Rules::body_token`]).
    pub fn skeletons_for(&self, tokens: &[String], person: bool) -> Vec<String> {
        let sk = self.skeletons(tokens);
        if person {
            return sk;
        }
        sk.into_iter()
            .map(|t| match t.strip_suffix('ه') {
                Some(rest) if rest.chars().count() >= 2 && t.chars().any(is_arabic) => {
                    rest.to_string()
                }
                _ => t,
            })
            .collect()
    }

    /// The transliteration skeleton of one normalized token (Arabic or
    /// Latin): its consonant classes (see `[[translit]]` in `variants.toml`).
    pub fn translit_token(&self, token: &str) -> String {
        let chars: Vec<char> = token
            .nfd()
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .filter(|c| c.is_alphanumeric())
            .collect();
        let arabic = chars.iter().any(|c| is_arabic(*c));
        let mut out: Vec<char> = Vec::new();
        let mut i = 0;
        if arabic && chars.len() > 3 && chars[0] == 'ا' && chars[1] == 'ل' {
            i = 2;
        }
        let first = i;
        while i < chars.len() {
            let c = chars[i];
            let class = if arabic {
                i += 1;
                // a long vowel or glottal letter after the first is a vowel
                if i - 1 > first
                    && matches!(c, 'ا' | 'و' | 'ي' | 'ى' | 'ء' | 'ع' | 'ئ' | 'ؤ' | 'ه')
                    && !(c == 'ه' && i < chars.len())
                {
                    continue;
                }
                self.tr_arabic.get(&c).copied()
            } else {
                // y after the first letter is a vowel ("Zelenskyy")
                if c == 'y' && i > first {
                    i += 1;
                    continue;
                }
                let rest: String = chars[i..].iter().collect();
                match self
                    .tr_latin
                    .iter()
                    .find(|(l, _)| rest.starts_with(l.as_str()))
                {
                    Some((l, class)) => {
                        i += l.chars().count();
                        Some(*class)
                    }
                    None => {
                        i += 1;
                        None
                    }
                }
            };
            if let Some(k) = class
                && out.last() != Some(&k)
            {
                out.push(k);
            }
        }
        out.into_iter().collect()
    }

    /// Transliteration skeletons of a name's tokens (particles dropped,
    /// joined parts joined, as for [`Rules::skeletons`]).
    pub fn translit_skeletons(&self, tokens: &[String]) -> Vec<String> {
        self.joined_tokens(tokens)
            .iter()
            .map(|t| self.translit_token(t))
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// Similarity of two names in different scripts by their
    /// transliteration skeletons, capped just below the merge threshold:
    /// such a pair is only ever suggested.
    pub fn translit_similarity(&self, a: &[String], b: &[String]) -> f64 {
        let cap = (self.merge - 0.01).max(self.suggest);
        self.score_tokens(a, b, &|x, y| self.translit_token_similarity(x, y))
            .min(cap)
    }

    fn translit_token_similarity(&self, a: &str, b: &str) -> f64 {
        let soft = |x: char, y: char| {
            self.tr_soft
                .get(&x)
                .zip(self.tr_soft.get(&y))
                .is_some_and(|(gx, gy)| gx.iter().any(|g| gy.contains(g)))
        };
        similarity_by(a, b, &|x, y| {
            if x == y {
                0.0
            } else if soft(x, y) {
                self.soft_cost
            } else {
                1.0
            }
        })
    }

    /// The matching key: skeletons in sorted order, joined by spaces.
    pub fn key_of_tokens(&self, tokens: &[String]) -> String {
        let mut sk = self.skeletons(tokens);
        sk.sort();
        sk.join(" ")
    }

    /// Edit distance with cheaper substitutions inside a soft group; each
    /// character comes with its soft group (looked up once a character,
    /// not once a cell: the map lookups were most of a comparison). The two
    /// rows are on the stack for a token of up to [`SHORT_TOKEN`]
    /// characters.
    fn distance(&self, a: &[Grouped], b: &[Grouped]) -> f64 {
        let w = b.len() + 1;
        let mut stack = [0.0f64; 2 * (SHORT_TOKEN + 1)];
        let mut heap = Vec::new();
        let rows: &mut [f64] = match stack.get_mut(..2 * w) {
            Some(rows) => rows,
            None => {
                heap.resize(2 * w, 0.0);
                &mut heap
            }
        };
        let (mut prev, mut cur) = rows.split_at_mut(w);
        for (j, p) in prev.iter_mut().enumerate() {
            *p = j as f64;
        }
        for (i, &(ca, ga)) in a.iter().enumerate() {
            cur[0] = (i + 1) as f64;
            for (j, &(cb, gb)) in b.iter().enumerate() {
                let sub = if ca == cb {
                    0.0
                } else if ga != NO_GROUP && ga == gb {
                    self.soft_cost
                } else {
                    1.0
                };
                cur[j + 1] = (prev[j] + sub).min(prev[j + 1] + 1.0).min(cur[j] + 1.0);
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        prev[b.len()]
    }

    /// The soft group of `c` ([`NO_GROUP`] for none).
    #[inline]
    fn soft_group(&self, c: char) -> u32 {
        match self.soft_low.get(c as usize) {
            Some(&g) => g,
            None => self.soft.get(&c).map_or(NO_GROUP, |&g| g as u32),
        }
    }

    /// The characters of `s` with their soft groups, in `stack` when there
    /// are at most [`SHORT_TOKEN`] of them (nearly every name word), else
    /// in `heap`.
    fn grouped<'b>(
        &self,
        s: &str,
        stack: &'b mut [Grouped; SHORT_TOKEN],
        heap: &'b mut Vec<Grouped>,
    ) -> &'b [Grouped] {
        let mut n = 0;
        for c in s.chars() {
            let g = (c, self.soft_group(c));
            match stack.get_mut(n) {
                Some(slot) => *slot = g,
                None => {
                    if heap.is_empty() {
                        heap.extend_from_slice(&stack[..]);
                    }
                    heap.push(g);
                }
            }
            n += 1;
        }
        match stack.get(..n) {
            Some(short) => short,
            None => heap,
        }
    }

    /// Similarity of two skeleton tokens, 0..=1.
    pub fn token_similarity(&self, a: &str, b: &str) -> f64 {
        if a == b {
            return 1.0;
        }
        let (mut sa, mut sb) = ([('\0', 0); SHORT_TOKEN], [('\0', 0); SHORT_TOKEN]);
        let (mut ha, mut hb) = (Vec::new(), Vec::new());
        let a = self.grouped(a, &mut sa, &mut ha);
        let b = self.grouped(b, &mut sb, &mut hb);
        let longest = a.len().max(b.len());
        if longest == 0 {
            return 1.0;
        }
        (1.0 - self.distance(a, b) / longest as f64).max(0.0)
    }

    /// Similarity of two names given as skeleton tokens: 1 when their keys
    /// or their joined skeletons (spaces and hyphens ignored) are equal;
    /// else tokens are paired greedily, best pairs first, and the score is
    /// the sum of the pairs' similarities over the longer name's token count,
    /// capped by the weakest pair (one different given name keeps two people
    /// apart however much the rest agrees).
    pub fn similarity(&self, a: &[String], b: &[String]) -> f64 {
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        // the joined tokens compared without joining them, the sorted ones
        // without copying them
        let joined_eq = |x: &[&str], y: &[&str]| {
            x.iter()
                .flat_map(|t| t.bytes())
                .eq(y.iter().flat_map(|t| t.bytes()))
        };
        let mut sa: Vec<&str> = a.iter().map(String::as_str).collect();
        let mut sb: Vec<&str> = b.iter().map(String::as_str).collect();
        if joined_eq(&sa, &sb) {
            return 1.0;
        }
        sa.sort_unstable();
        sb.sort_unstable();
        if sa == sb || joined_eq(&sa, &sb) {
            return 1.0;
        }
        self.score_tokens(a, b, &|x, y| self.token_similarity(x, y))
    }

    /// Pairs tokens greedily, best pairs first: the sum of the pairs'
    /// similarities over the longer name's token count, capped below the
    /// merge threshold when one pair is weak.
    fn score_tokens(&self, a: &[String], b: &[String], sim: &dyn Fn(&str, &str) -> f64) -> f64 {
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
        for (i, x) in a.iter().enumerate() {
            for (j, y) in b.iter().enumerate() {
                pairs.push((sim(x, y), i, j));
            }
        }
        pairs.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
        let mut used_a = vec![false; a.len()];
        let mut used_b = vec![false; b.len()];
        let mut total = 0.0;
        let mut weakest: f64 = 1.0;
        for (s, i, j) in pairs {
            if used_a[i] || used_b[j] {
                continue;
            }
            used_a[i] = true;
            used_b[j] = true;
            total += s;
            weakest = weakest.min(s);
        }
        let score = total / a.len().max(b.len()) as f64;
        // a weak pair caps the score: below the merge threshold
        if weakest < 0.5 {
            score.min(self.suggest.max(self.merge - 0.01))
        } else {
            score
        }
    }
}

/// A character of a skeleton token and its soft group ([`NO_GROUP`] for
/// none).
type Grouped = (char, u32);

/// No soft group.
const NO_GROUP: u32 = u32::MAX;

/// Characters whose soft group is looked up in a table (see
/// `Rules::soft_low`).
const SOFT_LOW: usize = 0x700;

/// Characters of a token that [`Rules::token_similarity`] keeps on the
/// stack (a longer token goes to the heap).
const SHORT_TOKEN: usize = 32;

/// Edit distance with a substitution cost function.
/// One minus the edit distance of two tokens (substitutions costing
/// `sub`) over the longer one's length, at least 0; equal tokens are 1.
fn similarity_by(a: &str, b: &str, sub: &dyn Fn(char, char) -> f64) -> f64 {
    if a == b {
        return 1.0;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    (1.0 - edit_distance(&a, &b, sub) / longest as f64).max(0.0)
}

fn edit_distance(a: &[char], b: &[char], sub: &dyn Fn(char, char) -> f64) -> f64 {
    let mut prev: Vec<f64> = (0..=b.len()).map(|j| j as f64).collect();
    let mut cur = vec![0.0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = (i + 1) as f64;
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + sub(ca, cb))
                .min(prev[j + 1] + 1.0)
                .min(cur[j] + 1.0);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// True for Arabic letters.
pub(crate) fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_parse() {
        let r = Rules::parse(VARIANTS).unwrap();
        assert!(r.merge > r.suggest);
        assert!(r.titles_ar.contains("رييس") || r.titles_ar.contains("رئيس"));
    }

    /// The edit distance of skeleton tokens, short (on the stack) or long
    /// (on the heap), is the reference one with the soft groups looked up
    /// in every cell.
    #[test]
    fn token_similarity_is_the_reference_edit_distance() {
        let r = Rules::parse(VARIANTS).unwrap();
        let reference = |a: &str, b: &str| {
            similarity_by(a, b, &|x, y| {
                if x == y {
                    0.0
                } else if r.soft.get(&x).is_some_and(|g| r.soft.get(&y) == Some(g)) {
                    r.soft_cost
                } else {
                    1.0
                }
            })
        };
        let words = [
            "",
            "جك",
            "غك",
            "قدفي",
            "كذافي",
            "mhmd",
            "muhammad",
            "ابوبكرالبغدادي",
        ];
        for x in words {
            for y in words {
                for (a, b) in [
                    (x.to_string(), y.to_string()),
                    (x.repeat(6), y.repeat(5)),
                    (x.repeat(9), y.to_string()),
                ] {
                    let (got, want) = (r.token_similarity(&a, &b), reference(&a, &b));
                    assert!(got.to_bits() == want.to_bits(), "{a} {b}: {got} {want}");
                }
            }
        }
    }

    #[test]
    fn broken_rules_are_an_error() {
        assert!(Rules::parse("[scores]\nmerge = 2\n").is_err());
    }
}
