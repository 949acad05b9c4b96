//! Linking one mention to an entity: the entities of a document, their
//! titles, and the rules (alias, full name, surname, title, body) with the
//! agreement checks; `document` runs the pass over a document.

use std::collections::BTreeSet;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use isnad_model::SpeakerKind;

use crate::Resolver;
use crate::agree::{Agree, Evidence};
use crate::mention::Anatomy;
use crate::rules::Rules;
use crate::text_index::CpText;
use memo::{Memo, Skeleton};

/// One entity of a document.
#[derive(Debug, Clone)]
pub(crate) struct Entity {
    /// Person-like (persons and names found in running text).
    person: bool,
    kind: Option<SpeakerKind>,
    /// Names (normalized words), in first-seen order.
    names: Vec<Vec<String>>,
    /// Their skeletons.
    skels: Vec<Vec<String>>,
    /// Whether each name was a claim's speaker (else read from running text).
    claimed: Vec<bool>,
    /// The titles it was given.
    titles: Vec<Arc<TitleRec>>,
    /// Where it was last mentioned (code points).
    last_seen: usize,
    /// The alias file's entity, when one matched.
    alias: Option<usize>,
    /// The extractor's key of its first claim mention (non-persons keep it).
    first_key: Option<String>,
    /// Merged into another entity.
    merged_into: Option<usize>,
    /// The first title phrase as normalized (with its articles).
    first_title: Option<String>,
    /// What its cues, pronouns and titles said about gender and number.
    ev: Evidence,
    /// The last claim (index) it was the speaker of.
    last_claim: Option<usize>,
}

/// A title a person was given: «الرئيس الروسي» is head رئيس with the
/// modifier روسي; «رئيس كوريا الجنوبية» has a complement.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TitleRec {
    key: String,
    head: String,
    mods: BTreeSet<String>,
    /// The genitive complement's words, by skeleton (empty: none).
    complement: Vec<String>,
}

impl TitleRec {
    fn of(rules: &Rules, a: &Anatomy) -> Option<TitleRec> {
        let mut head = rules.modifier(a.heads.first()?);
        let mut complement = a.complement.clone();
        // «رئيس الوزراء» is an office of its own (see `compounds`)
        if let Some(first) = complement.first()
            && rules.compounds_ar.contains(first)
        {
            head = format!("{head} {first}");
            complement.remove(0);
        }
        Some(TitleRec {
            key: title_key(&a.title),
            head,
            // modifiers compare by skeleton, without linking prepositions
            // («إلى اليمن» = «لليمن»), and by the synonyms of `variants.toml`
            // («الأممي» = «الدولي», «الأمريكي» = «الأميركي»)
            mods: a
                .mods
                .iter()
                .filter(|m| !rules.loose.contains(*m) && !rules.loose_after_al.contains(*m))
                .filter(|m| !rules.links_ar.contains(*m))
                .map(|m| rules.modifier(m))
                .collect(),
            complement: complement.iter().map(|w| rules.modifier(w)).collect(),
        })
    }

    /// True when a mention with title `self` may refer to a person given
    /// title `given`: the same head, and either the mention is the bare
    /// title («الوزير» → «وزير الداخلية»; "the president"), or neither has a
    /// complement and one's modifiers lie within the other's («الرئيس
    /// الجنوبي» → «الرئيس»; «الرئيس الجنوبي» ↛ «الرئيس الروسي»), or both have
    /// the same complement and the same holds («مدير الدفاع المدني» →
    /// «مدير الدفاع المدني العقيد ...»; «رئيس كوريا الجنوبية» ↛ «رئيس كوريا
    /// الشمالية»).
    fn may_refer_to(&self, given: &TitleRec) -> bool {
        if self.head != given.head {
            return false;
        }
        if self.mods.is_empty() && self.complement.is_empty() {
            return true;
        }
        // «رئيس النقابة» → «رئيس نقابة عمال الميناء»: a shortened complement
        let complement = self.complement == given.complement
            || (!self.complement.is_empty() && given.complement.starts_with(&self.complement));
        complement && (self.mods.is_subset(&given.mods) || given.mods.is_subset(&self.mods))
    }
}

/// The entity of a resolved mention and how it was found (for tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Link {
    Alias,
    FullName,
    Surname,
    Title,
    Carried,
    Pronoun,
    New,
    Ambiguous,
    /// An implicit speaker whose cue agrees with no earlier speaker.
    Unresolved,
}

fn title_key(title: &str) -> String {
    title
        .split(' ')
        .map(|w| {
            w.strip_prefix("ال")
                .filter(|r| r.chars().count() > 1)
                .unwrap_or(w)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The key of a name in `by_key`: its skeleton's words sorted, joined
/// (sorted as borrowed words: no copy of each).
fn sorted_key(skel: &[String]) -> String {
    let mut words: Vec<&str> = skel.iter().map(String::as_str).collect();
    words.sort_unstable();
    words.join(" ")
}

fn strip_al(w: &str) -> &str {
    w.strip_prefix("ال")
        .filter(|r| r.chars().count() > 1)
        .unwrap_or(w)
}

fn is_personlike(kind: SpeakerKind) -> bool {
    kind == SpeakerKind::Person
}

struct Pass<'a, 't> {
    r: &'a Resolver,
    text: CpText<'t>,
    entities: Vec<Entity>,
    /// The entity of the last mention at each span (the recent ones).
    seen: Recent<(usize, usize), usize>,
    /// Entities by the matching key of each of their names.
    by_key: FxHashMap<String, Vec<usize>>,
    /// The mention being linked is a claim's speaker.
    claim: bool,
    /// Entities by the first two letters of each word of their names
    /// (candidates for a name are looked up here, not scanned).
    by_word: FxHashMap<u64, Vec<usize>>,
    /// Entities by the heads of their titles.
    by_head: FxHashMap<String, Vec<usize>>,
    /// The entity of each alias-file entry met so far.
    by_alias: FxHashMap<usize, usize>,
    /// The most recent candidate the last `link` passed over because it did
    /// not agree in gender or number (for explanations).
    skipped: Option<(usize, Agree)>,
    /// What names and cues say, kept per thread across documents.
    memo: Memo,
}

impl<'a, 't> Pass<'a, 't> {
    /// A pass at the start of a document, over `text`.
    fn new(r: &'a Resolver, text: CpText<'t>) -> Self {
        Pass {
            r,
            text,
            entities: Vec::new(),
            seen: Recent::new(),
            by_key: FxHashMap::default(),
            claim: false,
            by_word: FxHashMap::default(),
            by_head: FxHashMap::default(),
            by_alias: FxHashMap::default(),
            skipped: None,
            memo: Memo::take(&r.rules),
        }
    }
}

/// How many recently named candidates a name is compared with by score (an
/// identical matching key is found among all of them).
const MAX_FUZZY: usize = 64;

/// The index key of a skeleton word: its first two letters (each letter
/// plus one, so that a one-letter word has a key of its own).
fn block(word: &str) -> u64 {
    let mut c = word.chars().map(|c| u64::from(c) + 1);
    let first = c.next().unwrap_or(0);
    (first << 32) | c.next().unwrap_or(0)
}

impl Pass<'_, '_> {
    /// True when entity `e` may be the subject of a cue or pronoun that
    /// says `agree` (nothing known against it).
    fn agrees(&self, e: usize, agree: Option<Agree>) -> bool {
        let Some(a) = agree else {
            return true;
        };
        self.entities.get(e).is_none_or(|ent| {
            // a named group is plural whatever verb came first («قال قادة
            // الحركة ... وأضافوا»)
            (a == Agree::Plural && ent.kind == Some(SpeakerKind::Group))
                || ent.ev.agrees(
                    a,
                    ent.person && !(ent.names.is_empty() && ent.titles.is_empty()),
                )
        })
    }

    /// Keeps the candidates that agree; notes the first one passed over.
    fn keep_agreeing(&mut self, cands: &mut Vec<usize>, agree: Option<Agree>) {
        let Some(first) = cands.first().copied() else {
            return;
        };
        cands.retain(|&e| self.agrees(e, agree));
        if cands.first() != Some(&first)
            && let Some(a) = agree
        {
            self.skipped = Some((first, a));
        }
    }

    fn root(&self, mut e: usize) -> usize {
        while let Some(n) = self.entities.get(e).and_then(|x| x.merged_into) {
            e = n;
        }
        e
    }

    fn new_entity(&mut self, person: bool, kind: Option<SpeakerKind>, at: usize) -> usize {
        self.entities.push(Entity {
            person,
            kind,
            names: Vec::new(),
            skels: Vec::new(),
            claimed: Vec::new(),
            titles: Vec::new(),
            last_seen: at,
            alias: None,
            first_key: None,
            merged_into: None,
            first_title: None,
            ev: Evidence::default(),
            last_claim: None,
        });
        self.entities.len() - 1
    }

    fn note(&mut self, e: usize, a: &Anatomy, at: usize) {
        let rules = &self.r.rules;
        let skels = self.skeletons(&a.name, self.entities.get(e).is_none_or(|x| x.person));
        let title = self.memo.title(rules, a);
        self.note_with(e, a, at, &skels, title.as_ref());
    }

    /// `Rules::skeletons_for` of a name, worked out once per name and kind
    /// (a document names the same people again and again).
    fn skeletons(&mut self, name: &[String], person: bool) -> Arc<Skeleton> {
        self.memo.skeletons(&self.r.rules, name, person)
    }

    /// [`Pass::note`] with the name's skeletons (as a person's when entity
    /// `e` is person-like, else as a body's) and its title worked out (once
    /// for the indexes and the entity's records, and once for `link` too).
    fn note_with(
        &mut self,
        e: usize,
        a: &Anatomy,
        at: usize,
        skels: &[String],
        title: Option<&Arc<TitleRec>>,
    ) {
        for w in skels {
            let list = self.by_word.entry(block(w)).or_default();
            if list.last() != Some(&e) && !list.contains(&e) {
                list.push(e);
            }
        }
        if let Some(t) = title {
            if !self.by_head.contains_key(&t.head) {
                self.by_head.insert(t.head.clone(), Vec::new());
            }
            if let Some(list) = self.by_head.get_mut(&t.head)
                && !list.contains(&e)
            {
                list.push(e);
            }
        }
        let Some(ent) = self.entities.get_mut(e) else {
            return;
        };
        if !a.name.is_empty() {
            match ent.names.iter().position(|n| *n == a.name) {
                Some(k) => {
                    if let Some(c) = ent.claimed.get_mut(k) {
                        *c |= self.claim;
                    }
                }
                None => {
                    let sk = skels.to_vec();
                    let list = self.by_key.entry(sorted_key(&sk)).or_default();
                    if !list.contains(&e) {
                        list.push(e);
                    }
                    ent.skels.push(sk);
                    ent.names.push(a.name.clone());
                    ent.claimed.push(self.claim);
                }
            }
        }
        if let Some(t) = title
            && !ent.titles.contains(t)
        {
            ent.titles.push(Arc::clone(t));
        }
        if !a.title.is_empty() && ent.first_title.is_none() {
            ent.first_title = Some(a.title.clone());
        }
        ent.last_seen = ent.last_seen.max(at);
    }

    /// True when a sentence ends between code points `a` and `b` (a stretch
    /// that begins before a streamed text's window, a megabyte back, is
    /// taken to hold one: prose has sentence ends far more often).
    fn sentence_between(&self, a: usize, b: usize) -> bool {
        let (a, b) = (a.min(b), a.max(b));
        match self.text.get(a, b.min(self.text.len())) {
            Some(s) => s.chars().any(|c| matches!(c, '.' | '!' | '?' | '؟' | '\n')),
            None => true,
        }
    }

    fn link(
        &mut self,
        a: &Anatomy,
        text_norm: &str,
        kind: SpeakerKind,
        at: usize,
        agree: Option<Agree>,
    ) -> (usize, Link) {
        self.skipped = None;
        // «المتحدثة باسم الحكومة ليلى عمران», «المتحدث باسم اللجنة»: a
        // person's title makes a person, whatever the extractor's kind
        let kind = if !a.heads.is_empty() && kind != SpeakerKind::Unnamed {
            SpeakerKind::Person
        } else {
            kind
        };
        let person = is_personlike(kind);
        // 1. the alias file always wins
        if let Some(ai) = self.r.alias_for(a, text_norm) {
            let e = match self.by_alias.get(&ai) {
                Some(&e) => self.root(e),
                None => {
                    let e = self.new_entity(person, Some(kind), at);
                    self.entities[e].alias = Some(ai);
                    self.by_alias.insert(ai, e);
                    e
                }
            };
            self.note(e, a, at);
            return (e, Link::Alias);
        }
        // a body described in lower case ("the foreign ministry") is named
        // by its words, without articles
        let described;
        // so is any body's name read by a claim: the person-name rules (a
        // name ends at a second ال word) would cut «البعثة السويدية» short
        let a = if !person && (a.name.is_empty() || !text_norm.is_empty()) && a.pronoun.is_none() {
            let mut d = a.clone();
            d.name = text_norm
                .split(['(', '['])
                .next()
                .unwrap_or("")
                .split([' ', '-'])
                .filter(|w| !w.is_empty() && !matches!(*w, "the" | "a" | "an"))
                .map(str::to_string)
                .collect();
            // «تقديرات الأمم المتحدة» is the UN's: what a body issued
            // stands for the body
            if d.name.len() >= 2 && self.r.rules.channels.contains(strip_al(&d.name[0])) {
                d.name.remove(0);
            }
            described = d;
            &described
        } else {
            a
        };
        let skeleton = self.skeletons(&a.name, person);
        let skel: &Vec<String> = &skeleton;
        // worked out once for the rules below and the entity's records
        let title = self.memo.title(&self.r.rules, a);
        // candidates: entities that share a word's first letters with this
        // name, or a title head with this title
        let mut pool: Vec<usize> = Vec::new();
        for w in skel {
            if let Some(list) = self.by_word.get(&block(w)) {
                pool.extend(list);
            }
        }
        if let Some(t) = &title
            && let Some(list) = self.by_head.get(&t.head)
        {
            pool.extend(list);
        }
        pool.sort_unstable();
        pool.dedup();
        let live: Vec<usize> = pool
            .into_iter()
            .filter(|&e| self.entities[e].merged_into.is_none())
            .filter(|&e| {
                let ent = &self.entities[e];
                if person {
                    ent.person
                } else {
                    !ent.person && ent.kind == Some(kind)
                }
            })
            .collect();
        // 2a. a definite noun alone («الوزارة», "the agency") stands for the
        // last body named with it («وزارة الخارجية», "the news agency")
        if !person && a.name.len() == 1 {
            let w = &a.name[0];
            if w.starts_with("ال") || text_norm.starts_with("the ") {
                let bare = self.r.rules.body_token(strip_al(w));
                let mut cands: Vec<usize> = live
                    .iter()
                    .copied()
                    .filter(|&e| {
                        self.entities[e].names.iter().any(|n| {
                            n.len() >= 2
                                && n.iter()
                                    .any(|t| self.r.rules.body_token(strip_al(t)) == bare)
                        })
                    })
                    .collect();
                cands.sort_by_key(|&e| std::cmp::Reverse(self.entities[e].last_seen));
                if let Some(&first) = cands.first() {
                    self.entities[first].last_seen = self.entities[first].last_seen.max(at);
                    return (first, Link::Title);
                }
            }
        }
        // 2. a full name: the same person under another spelling
        if skel.len() >= 2 || (!person && !skel.is_empty()) {
            let exact = self.by_key.get(&skeleton.key).and_then(|list| {
                list.iter()
                    .map(|&e| self.root(e))
                    // `live` is sorted (the pool was)
                    .filter(|e| live.binary_search(e).is_ok())
                    .max_by_key(|&e| self.entities[e].last_seen)
            });
            if let Some(e) = exact {
                self.note_with(e, a, at, skel, title.as_ref());
                return (e, Link::FullName);
            }
            // fuzzy matches among the most recently named candidates only, so
            // that a document of any length stays linear
            let mut recent = live.clone();
            recent.sort_by_key(|&e| std::cmp::Reverse(self.entities[e].last_seen));
            recent.truncate(MAX_FUZZY);
            let mut best: Option<(f64, usize)> = None;
            for &e in &recent {
                for s in &self.entities[e].skels {
                    if !person && s.len() != skel.len() {
                        continue;
                    }
                    // a person's name of two or more words that ends or
                    // begins another one: «ولد الشيخ أحمد» in «إسماعيل ولد
                    // الشيخ أحمد»; a name read from running text with a word
                    // too many («ستيفان كوفالسكي جولة»)
                    let (short, long) = if s.len() < skel.len() {
                        (s, skel)
                    } else {
                        (skel, s)
                    };
                    let suffix = person
                        && short.len() >= 2
                        && long.len() > short.len()
                        && (long.ends_with(short) || long.starts_with(short));
                    let score = if suffix {
                        self.r.rules.merge
                    } else {
                        self.r.rules.similarity(skel, s)
                    };
                    if score >= self.r.rules.merge && best.is_none_or(|(b, _)| score > b) {
                        best = Some((score, e));
                    }
                }
            }
            let e = match best {
                Some((_, e)) => e,
                None => self.new_entity(person, Some(kind), at),
            };
            let how = if best.is_some() {
                Link::FullName
            } else {
                Link::New
            };
            self.note_with(e, a, at, skel, title.as_ref());
            return (e, how);
        }
        // 3. a surname (one word): the last person named with it
        if skel.len() == 1 && person {
            let word = &skel[0];
            let mut cands: Vec<usize> = live
                .iter()
                .copied()
                .filter(|&e| self.entities[e].skels.iter().any(|s| s.contains(word)))
                .collect();
            // a surname spelled another way ("Christenson" for "Johannes
            // Christensen"): a word of a full name at the merge threshold
            if cands.is_empty() && word.chars().count() >= 5 {
                cands = live
                    .iter()
                    .copied()
                    .filter(|&e| {
                        self.entities[e].skels.iter().any(|s| {
                            s.len() >= 2
                                && s.iter().any(|t| {
                                    self.r.rules.token_similarity(t, word) >= self.r.rules.merge
                                })
                        })
                    })
                    .collect();
            }
            cands.sort_by_key(|&e| std::cmp::Reverse(self.entities[e].last_seen));
            // «وقالت العطار» is not the minister «طارق العطار»
            self.keep_agreeing(&mut cands, agree);
            // "Marsh, the governor": a title given with the surname must
            // agree with the titles a candidate was given, if any
            if let Some(rec) = &title
                && !self.r.rules.honorifics.contains(&rec.head)
            {
                cands.retain(|&e| {
                    let ts = &self.entities[e].titles;
                    ts.is_empty()
                        || ts
                            .iter()
                            .any(|t| rec.may_refer_to(t) || t.may_refer_to(rec))
                });
            }
            if let Some(&first) = cands.first() {
                let full: Vec<usize> = cands
                    .iter()
                    .copied()
                    .filter(|&e| self.entities[e].skels.iter().any(|s| s.len() >= 2))
                    .collect();
                if full.len() >= 2
                    && !self.sentence_between(
                        self.entities[full[0]].last_seen,
                        self.entities[full[1]].last_seen,
                    )
                {
                    // two people with this name in one sentence: the text
                    // does not say which one is meant
                    let e = self.new_entity(person, Some(kind), at);
                    self.note_with(e, a, at, skel, title.as_ref());
                    return (e, Link::Ambiguous);
                }
                // a title given with the surname must agree
                self.note_with(first, a, at, skel, title.as_ref());
                return (first, Link::Surname);
            }
            let e = self.new_entity(person, Some(kind), at);
            self.note_with(e, a, at, skel, title.as_ref());
            return (e, Link::New);
        }
        // 4. a title alone: the last person introduced with it
        if a.name.is_empty()
            && person
            && let Some(rec) = &title
        {
            // the same title first, then a compatible one; the last named
            let recent = |v: &mut Vec<usize>, ents: &[Entity]| {
                v.sort_by_key(|&e| std::cmp::Reverse(ents[e].last_seen));
            };
            let mut exact: Vec<usize> = live
                .iter()
                .copied()
                .filter(|&e| self.entities[e].titles.iter().any(|t| t.key == rec.key))
                .collect();
            recent(&mut exact, &self.entities);
            let mut loose: Vec<usize> = live
                .iter()
                .copied()
                .filter(|&e| self.entities[e].titles.iter().any(|t| rec.may_refer_to(t)))
                .collect();
            recent(&mut loose, &self.entities);
            self.keep_agreeing(&mut exact, agree);
            self.keep_agreeing(&mut loose, agree);
            if let Some(&first) = exact.first().or(loose.first()) {
                self.note_with(first, a, at, skel, title.as_ref());
                return (first, Link::Title);
            }
            let e = self.new_entity(person, Some(kind), at);
            self.note_with(e, a, at, skel, title.as_ref());
            return (e, Link::New);
        }
        let e = self.new_entity(person, Some(kind), at);
        self.note_with(e, a, at, skel, title.as_ref());
        (e, Link::New)
    }

    /// Single-name entities whose name belongs to exactly one full name in
    /// the document (named in full only later, as after a headline) join it.
    fn merge_forward(&mut self) {
        for e in 0..self.entities.len() {
            let ent = &self.entities[e];
            if ent.merged_into.is_some() || ent.alias.is_some() || !ent.person {
                continue;
            }
            if ent.skels.is_empty() || ent.skels.iter().any(|s| s.len() != 1) {
                continue;
            }
            let words: Vec<&String> = ent.skels.iter().filter_map(|s| s.first()).collect();
            let mut pool: Vec<usize> = words
                .iter()
                .filter_map(|w| self.by_word.get(&block(w)))
                .flatten()
                .copied()
                .collect();
            pool.sort_unstable();
            pool.dedup();
            let targets: Vec<usize> = pool
                .into_iter()
                .filter(|&o| {
                    o != e && self.entities[o].merged_into.is_none() && self.entities[o].person
                })
                .filter(|&o| {
                    self.entities[o]
                        .skels
                        .iter()
                        .any(|s| s.len() >= 2 && words.iter().all(|w| s.contains(w)))
                })
                .collect();
            if let [t] = targets[..] {
                if !agree_evidence(&self.entities[e].ev, &self.entities[t].ev) {
                    continue;
                }
                self.absorb(e, t);
            }
        }
        // a title alone before anyone was given it (a headline: «المبعوث
        // الأممي: ...») joins the one person given a compatible title later
        for e in 0..self.entities.len() {
            let ent = &self.entities[e];
            if ent.merged_into.is_some()
                || ent.alias.is_some()
                || !ent.person
                || !ent.names.is_empty()
                || ent.titles.is_empty()
            {
                continue;
            }
            let targets: Vec<usize> = (0..self.entities.len())
                .filter(|&o| {
                    let x = &self.entities[o];
                    o != e
                        && x.merged_into.is_none()
                        && x.person
                        && !x.names.is_empty()
                        && self.entities[e]
                            .titles
                            .iter()
                            .any(|r| x.titles.iter().any(|t| r.may_refer_to(t)))
                })
                .collect();
            if let [t] = targets[..]
                && agree_evidence(&self.entities[e].ev, &self.entities[t].ev)
            {
                self.absorb(e, t);
            }
        }
        // an entity with no alias of its own takes the one its names match
        for e in 0..self.entities.len() {
            if self.entities[e].merged_into.is_some() || self.entities[e].alias.is_some() {
                continue;
            }
            let mut found: BTreeSet<usize> = BTreeSet::new();
            for name in &self.entities[e].names {
                let a = Anatomy {
                    name: name.clone(),
                    ..Anatomy::default()
                };
                if name.len() >= 2
                    && let Some(ai) = self.r.alias_for(&a, "")
                {
                    found.insert(ai);
                }
            }
            if found.len() == 1 {
                self.entities[e].alias = found.into_iter().next();
            }
        }
    }

    /// Moves entity `e`'s names, titles and evidence into `t`.
    fn absorb(&mut self, e: usize, t: usize) {
        let moved = self.entities[e].clone();
        if let Some(target) = self.entities.get_mut(t) {
            for ((n, s), c) in moved.names.into_iter().zip(moved.skels).zip(moved.claimed) {
                if !target.names.contains(&n) {
                    target.names.push(n);
                    target.skels.push(s);
                    target.claimed.push(c);
                }
            }
            for t in moved.titles {
                if !target.titles.contains(&t) {
                    target.titles.push(t);
                }
            }
            if target.first_key.is_none() {
                target.first_key = moved.first_key;
            }
            target.ev.masc += moved.ev.masc;
            target.ev.fem += moved.ev.fem;
            target.ev.plural += moved.ev.plural;
        }
        self.entities[e].merged_into = Some(t);
    }

    fn key(&self, e: usize) -> Option<String> {
        let ent = self.entities.get(self.root(e))?;
        if let Some(ai) = ent.alias {
            return self.r.aliases.get(ai).map(|a| a.key.clone());
        }
        if !ent.person {
            return ent.first_key.clone();
        }
        // the longest name a claim gave (first seen among the longest),
        // else the longest read from running text
        let mut best: Option<(bool, &Vec<String>)> = None;
        for (n, &c) in ent.names.iter().zip(&ent.claimed) {
            let rank = |c: bool, n: &Vec<String>| (n.len() >= 2, c, n.len());
            if best.is_none_or(|(bc, b)| rank(c, n) > rank(bc, b)) {
                best = Some((c, n));
            }
        }
        let best = best.map(|(_, n)| n);
        if let Some(n) = best {
            return Some(n.join(" "));
        }
        if let Some(t) = &ent.first_title {
            return Some(t.clone());
        }
        ent.first_key.clone()
    }
}

/// True unless one entity was seen only as feminine and the other only as
/// masculine (or the reverse): they may be one person.
fn agree_evidence(a: &Evidence, b: &Evidence) -> bool {
    let only = |e: &Evidence, g: Agree| match g {
        Agree::Fem => e.fem > 0 && e.masc == 0,
        Agree::Masc => e.masc > 0 && e.fem == 0,
        Agree::Plural => false,
    };
    !((only(a, Agree::Fem) && only(b, Agree::Masc))
        || (only(a, Agree::Masc) && only(b, Agree::Fem)))
}

mod document;
mod memo;

pub(crate) use document::{DocPass, Keys, Linked, Recent, Resolved};
