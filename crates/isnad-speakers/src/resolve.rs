//! The document pass: mentions in text order, each linked to an entity.

use std::collections::{BTreeSet, HashMap};

use isnad_model::{ExtractionDocument, SpeakerKind};

use crate::Resolver;
use crate::agree::{self, Agree, Evidence};
use crate::mention::{Anatomy, Pronoun, anatomy, scan_text};
use crate::rules::Rules;

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
    titles: Vec<TitleRec>,
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
                .filter(|m| !rules.loose.contains(*m) && !rules.loose.contains(&format!("ال{m}")))
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

fn strip_al(w: &str) -> &str {
    w.strip_prefix("ال")
        .filter(|r| r.chars().count() > 1)
        .unwrap_or(w)
}

fn is_personlike(kind: SpeakerKind) -> bool {
    kind == SpeakerKind::Person
}

struct Pass<'a> {
    r: &'a Resolver,
    text: Vec<char>,
    entities: Vec<Entity>,
    /// The entity of the last mention at each span.
    seen: HashMap<(usize, usize), usize>,
    /// Entities by the matching key of each of their names.
    by_key: HashMap<String, Vec<usize>>,
    /// The mention being linked is a claim's speaker.
    claim: bool,
    /// Entities by the first two letters of each word of their names
    /// (candidates for a name are looked up here, not scanned).
    by_word: HashMap<String, Vec<usize>>,
    /// Entities by the heads of their titles.
    by_head: HashMap<String, Vec<usize>>,
    /// The entity of each alias-file entry met so far.
    by_alias: HashMap<usize, usize>,
    /// The most recent candidate the last `link` passed over because it did
    /// not agree in gender or number (for explanations).
    skipped: Option<(usize, Agree)>,
}

/// How many recently named candidates a name is compared with by score (an
/// identical matching key is found among all of them).
const MAX_FUZZY: usize = 64;

/// The index key of a skeleton word.
fn block(word: &str) -> String {
    word.chars().take(2).collect()
}

impl Pass<'_> {
    /// True when entity `e` may be the subject of a cue or pronoun that
    /// says `agree` (nothing known against it).
    fn agrees(&self, e: usize, agree: Option<Agree>) -> bool {
        let Some(a) = agree else {
            return true;
        };
        self.entities.get(e).is_none_or(|ent| {
            ent.ev.agrees(
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
        for w in rules.skeletons_for(&a.name, self.entities.get(e).is_none_or(|x| x.person)) {
            let list = self.by_word.entry(block(&w)).or_default();
            if list.last() != Some(&e) && !list.contains(&e) {
                list.push(e);
            }
        }
        if let Some(t) = TitleRec::of(rules, a) {
            let list = self.by_head.entry(t.head).or_default();
            if !list.contains(&e) {
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
                    let sk = rules.skeletons_for(&a.name, ent.person);
                    let mut sorted = sk.clone();
                    sorted.sort();
                    let list = self.by_key.entry(sorted.join(" ")).or_default();
                    if !list.contains(&e) {
                        list.push(e);
                    }
                    ent.skels.push(sk);
                    ent.names.push(a.name.clone());
                    ent.claimed.push(self.claim);
                }
            }
        }
        if let Some(t) = TitleRec::of(rules, a)
            && !ent.titles.contains(&t)
        {
            ent.titles.push(t);
        }
        if !a.title.is_empty() && ent.first_title.is_none() {
            ent.first_title = Some(a.title.clone());
        }
        ent.last_seen = ent.last_seen.max(at);
    }

    /// True when a sentence ends between code points `a` and `b`.
    fn sentence_between(&self, a: usize, b: usize) -> bool {
        let (a, b) = (a.min(b), a.max(b));
        self.text
            .get(a..b.min(self.text.len()))
            .is_some_and(|s| s.iter().any(|c| matches!(c, '.' | '!' | '?' | '؟' | '\n')))
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
        let skel = self.r.rules.skeletons_for(&a.name, person);
        // candidates: entities that share a word's first letters with this
        // name, or a title head with this title
        let mut pool: Vec<usize> = Vec::new();
        for w in &skel {
            if let Some(list) = self.by_word.get(&block(w)) {
                pool.extend(list);
            }
        }
        if let Some(t) = TitleRec::of(&self.r.rules, a)
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
            let mut sorted = skel.clone();
            sorted.sort();
            let exact = self.by_key.get(&sorted.join(" ")).and_then(|list| {
                list.iter()
                    .map(|&e| self.root(e))
                    .filter(|e| live.contains(e))
                    .max_by_key(|&e| self.entities[e].last_seen)
            });
            if let Some(e) = exact {
                self.note(e, a, at);
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
                        (s, &skel)
                    } else {
                        (&skel, s)
                    };
                    let suffix = person
                        && short.len() >= 2
                        && long.len() > short.len()
                        && (long.ends_with(short) || long.starts_with(short));
                    let score = if suffix {
                        self.r.rules.merge
                    } else {
                        self.r.rules.similarity(&skel, s)
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
            self.note(e, a, at);
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
            if let Some(rec) = TitleRec::of(&self.r.rules, a)
                && !self.r.rules.honorifics.contains(&rec.head)
            {
                cands.retain(|&e| {
                    let ts = &self.entities[e].titles;
                    ts.is_empty()
                        || ts
                            .iter()
                            .any(|t| rec.may_refer_to(t) || t.may_refer_to(&rec))
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
                    self.note(e, a, at);
                    return (e, Link::Ambiguous);
                }
                // a title given with the surname must agree
                self.note(first, a, at);
                return (first, Link::Surname);
            }
            let e = self.new_entity(person, Some(kind), at);
            self.note(e, a, at);
            return (e, Link::New);
        }
        // 4. a title alone: the last person introduced with it
        if a.name.is_empty()
            && person
            && let Some(rec) = TitleRec::of(&self.r.rules, a)
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
                self.note(first, a, at);
                return (first, Link::Title);
            }
            let e = self.new_entity(person, Some(kind), at);
            self.note(e, a, at);
            return (e, Link::New);
        }
        let e = self.new_entity(person, Some(kind), at);
        self.note(e, a, at);
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

/// How one claim's speaker was resolved: the entity's key, the rule, and a
/// sentence for `--explain`.
pub(crate) struct Resolved {
    pub key: String,
    pub how: Link,
    pub detail: String,
}

/// One claim's link before keys are final.
#[derive(Clone)]
struct Linked {
    entity: usize,
    how: Link,
    /// The claim the speaker was carried from or found in (index).
    from: Option<usize>,
    /// The words that were linked (a surname, a title, a pronoun).
    written: String,
    agree: Option<Agree>,
    skipped: Option<(usize, Agree)>,
}

/// The resolution of one document's claims: for each claim, its entity's
/// key and how it was linked (None: keep the extractor's key).
pub(crate) fn resolve(r: &Resolver, doc: &ExtractionDocument, text: &str) -> Vec<Option<Resolved>> {
    let mut pass = Pass {
        r,
        text: text.chars().collect(),
        entities: Vec::new(),
        seen: HashMap::new(),
        by_key: HashMap::new(),
        claim: false,
        by_word: HashMap::new(),
        by_head: HashMap::new(),
        by_alias: HashMap::new(),
        skipped: None,
    };
    // events: names introduced in running text, and claim speakers
    enum Ev {
        Scan(Anatomy),
        Claim(usize),
    }
    let mut events: Vec<(usize, u8, Ev)> = Vec::new();
    let cues: Vec<(usize, usize)> = doc
        .claims
        .iter()
        .filter_map(|c| c.cue.as_ref().map(|q| (q.span.start, q.span.end)))
        .collect();
    for (at, a) in scan_text(&r.rules, text, &cues) {
        events.push((at, 0, Ev::Scan(a)));
    }
    for (i, c) in doc.claims.iter().enumerate() {
        if let Some(sp) = &c.speaker {
            let at = if sp.implicit {
                c.span.start.max(sp.span.start)
            } else {
                sp.span.start
            };
            events.push((at, 1, Ev::Claim(i)));
        }
    }
    events.sort_by_key(|(at, order, ev)| {
        (
            *at,
            *order,
            match ev {
                Ev::Claim(i) => *i,
                Ev::Scan(_) => 0,
            },
        )
    });
    // a claim reported inside another's content ("Carter said Washington
    // backed ...") is not what a following pronoun refers to; the claim
    // that holds it starts shortly before it, so only the few claims before
    // each one (in text order) are looked at, keeping the pass linear
    const NEST_WINDOW: usize = 16;
    let mut order: Vec<usize> = (0..doc.claims.len()).collect();
    order.sort_by_key(|&i| (doc.claims[i].span.start, i));
    let mut nested: Vec<bool> = vec![false; doc.claims.len()];
    for (k, &i) in order.iter().enumerate() {
        let c = &doc.claims[i];
        nested[i] = order[k.saturating_sub(NEST_WINDOW)..k].iter().any(|&j| {
            let o = &doc.claims[j];
            o.content.span.start <= c.span.start
                && c.span.start < o.content.span.end
                && o.span.start < c.span.start
        });
    }
    let mut out: Vec<Option<Linked>> = vec![None; doc.claims.len()];
    let mut last_claims: Vec<usize> = Vec::new();
    let mut seen_claim: HashMap<(usize, usize), usize> = HashMap::new();
    for (at, _, ev) in events {
        match ev {
            Ev::Scan(a) => {
                if let Some(span) = a.name_span {
                    pass.claim = false;
                    let (e, _) = pass.link(&a, "", SpeakerKind::Person, at, None);
                    if let Some(g) = agree::mention(&r.rules, &a.heads, "")
                        && let Some(ent) = pass.entities.get_mut(e)
                    {
                        ent.ev.add(g);
                    }
                    pass.seen.insert(span, e);
                }
            }
            Ev::Claim(i) => {
                let Some(claim) = doc.claims.get(i) else {
                    continue;
                };
                let Some(sp) = claim.speaker.as_ref() else {
                    continue;
                };
                if sp.kind == SpeakerKind::Unnamed {
                    continue;
                }
                let cue_agree = claim
                    .cue
                    .as_ref()
                    .and_then(|c| agree::cue(&c.text, &c.lemma));
                let a = anatomy(&r.rules, &sp.name);
                let span = (sp.span.start, sp.span.end);
                let text_norm = isnad_text::normalize_str(&sp.name);
                pass.claim = true;
                let linked = if sp.implicit {
                    let written: String = pass
                        .text
                        .get(span.0..span.1.min(pass.text.len()))
                        .map(|s| s.iter().collect())
                        .unwrap_or_default();
                    let here = anatomy(&r.rules, &written);
                    let agree = here.pronoun.and_then(agree::pronoun).or(cue_agree);
                    let ctx = Ctx {
                        span,
                        agree,
                        last_claims: &last_claims,
                        out: &out,
                        nested: &nested,
                        seen_claim: &seen_claim,
                    };
                    carried(&mut pass, &here, &ctx).map(|mut l| {
                        l.written = written.trim().to_string();
                        l
                    })
                } else {
                    None
                };
                // «وجاء في البيان», "the statement said": a channel noun
                // alone stands for the last speaker that issued it
                let linked = linked.or_else(|| {
                    if sp.implicit || !is_channel(&r.rules, &text_norm) {
                        return None;
                    }
                    let &j = last_claims
                        .iter()
                        .rev()
                        .find(|&&j| !nested.get(j).copied().unwrap_or(false))?;
                    let l = out.get(j)?.as_ref()?;
                    Some(Linked {
                        entity: pass.root(l.entity),
                        how: Link::Pronoun,
                        from: Some(j),
                        written: sp.name.clone(),
                        agree: None,
                        skipped: None,
                    })
                });
                let linked = match linked {
                    Some(l) => l,
                    None if sp.implicit
                        && cue_agree.is_some()
                        && !agreeing_seen(&pass, span, cue_agree) =>
                    {
                        // the cue agrees with nobody the text offers: a
                        // speaker of its own, not a wrong one
                        let e = pass.new_entity(false, Some(sp.kind), at);
                        if let Some(ent) = pass.entities.get_mut(e) {
                            ent.first_key = Some(format!("unresolved:{}", claim.id));
                        }
                        Linked {
                            entity: e,
                            how: Link::Unresolved,
                            from: None,
                            written: claim
                                .cue
                                .as_ref()
                                .map(|c| c.text.clone())
                                .unwrap_or_default(),
                            agree: cue_agree,
                            skipped: None,
                        }
                    }
                    None => {
                        let (e, how) = pass.link(&a, &text_norm, sp.kind, at, cue_agree);
                        Linked {
                            entity: e,
                            how,
                            from: None,
                            written: sp.name.clone(),
                            agree: cue_agree,
                            skipped: pass.skipped,
                        }
                    }
                };
                let e = pass.root(linked.entity);
                let mut linked = linked;
                if linked.from.is_none() && !matches!(linked.how, Link::Carried | Link::Pronoun) {
                    linked.from = pass.entities.get(e).and_then(|x| x.last_claim);
                }
                let mention_agree = if sp.implicit {
                    None
                } else {
                    agree::mention(&r.rules, &a.heads, &sp.name)
                };
                if let Some(ent) = pass.entities.get_mut(e) {
                    if ent.first_key.is_none() {
                        ent.first_key = Some(sp.key.clone());
                    }
                    ent.last_seen = ent.last_seen.max(at);
                    ent.last_claim = Some(i);
                    for g in [linked.agree, mention_agree].into_iter().flatten() {
                        ent.ev.add(g);
                    }
                }
                pass.seen.insert(span, e);
                seen_claim.insert(span, i);
                out[i] = Some(linked);
                last_claims.push(i);
            }
        }
    }
    pass.merge_forward();
    out.into_iter()
        .map(|o| {
            let l = o?;
            let key = pass.key(l.entity)?;
            let detail = detail(&pass, &l, &key);
            Some(Resolved {
                key,
                how: l.how,
                detail,
            })
        })
        .collect()
}

/// True when a speaker's words are one channel noun («البيان», "the
/// statement").
fn is_channel(rules: &Rules, text_norm: &str) -> bool {
    let words: Vec<&str> = text_norm
        .split(' ')
        .filter(|w| !w.is_empty() && !matches!(*w, "the" | "a" | "an" | "its" | "his" | "her"))
        .collect();
    matches!(words[..], [w] if rules.channels.contains(strip_al(w)) && (w.starts_with("ال") || text_norm.starts_with("the ") || !w.chars().any(crate::rules::is_arabic)))
}

/// True when the entity the extractor carried an implicit speaker from
/// agrees with the cue (or no entity is known there).
fn agreeing_seen(pass: &Pass<'_>, span: (usize, usize), agree: Option<Agree>) -> bool {
    pass.seen
        .get(&span)
        .is_none_or(|&e| pass.agrees(pass.root(e), agree))
}

/// The sentence `--explain` shows for one claim's speaker key.
fn detail(pass: &Pass<'_>, l: &Linked, key: &str) -> String {
    let claim = |c: Option<usize>| c.map_or(String::new(), |c| format!(" (claim {})", c + 1));
    let agree = l.agree.map_or(String::new(), |a| format!(" {}", a.label()));
    let mut s = match l.how {
        Link::Alias => format!("alias file entry {key}"),
        Link::FullName => match l.from {
            Some(c) => format!("name «{}» matches «{key}»{}", l.written, claim(Some(c))),
            None => format!("name «{}» matches «{key}» named in the text", l.written),
        },
        Link::Surname => format!("surname «{}» of «{key}»{}", l.written, claim(l.from)),
        Link::Title => format!(
            "title «{}» → last with that title, «{key}»{}",
            l.written,
            claim(l.from)
        ),
        Link::Carried => match l.from {
            Some(c) => format!("continuation of claim {}", c + 1),
            None => "continuation of an earlier mention".to_string(),
        },
        Link::Pronoun => format!(
            "pronoun or cue «{}» → last{agree} speaker «{key}»{}",
            l.written,
            claim(l.from)
        ),
        Link::New => format!("first mention of «{key}»"),
        Link::Ambiguous => format!(
            "surname «{}» shared by two people named in one sentence: left on its own",
            l.written
        ),
        Link::Unresolved => format!(
            "cue «{}» is{agree} and no earlier speaker agrees: left on its own",
            l.written
        ),
    };
    if let Some((e, a)) = l.skipped
        && let Some(other) = pass.key(e)
    {
        s.push_str(&format!(" (skipped «{other}»: not {})", a.label()));
    }
    s
}

/// What `carried` needs to know about the claims linked so far.
struct Ctx<'a> {
    span: (usize, usize),
    agree: Option<Agree>,
    last_claims: &'a [usize],
    out: &'a [Option<Linked>],
    nested: &'a [bool],
    seen_claim: &'a HashMap<(usize, usize), usize>,
}

/// The entity of an implicit speaker: the mention it was carried from when
/// it agrees with the cue, else (and for a pronoun) the last claim speaker
/// that agrees, skipping claims reported inside another claim's content.
fn carried(pass: &mut Pass<'_>, a: &Anatomy, ctx: &Ctx<'_>) -> Option<Linked> {
    let mut skipped = None;
    if let Some(&e) = pass.seen.get(&ctx.span) {
        let e = pass.root(e);
        if pass.agrees(e, ctx.agree) {
            return Some(Linked {
                entity: e,
                how: Link::Carried,
                from: ctx.seen_claim.get(&ctx.span).copied(),
                written: String::new(),
                agree: ctx.agree,
                skipped: None,
            });
        }
        skipped = ctx.agree.map(|g| (e, g));
    } else {
        a.pronoun?;
    }
    let person_only = matches!(a.pronoun, Some(Pronoun::Masc | Pronoun::Fem));
    for &i in ctx.last_claims.iter().rev() {
        if ctx.nested.get(i).copied().unwrap_or(false) {
            continue;
        }
        let Some(l) = ctx.out.get(i).and_then(Option::as_ref) else {
            continue;
        };
        let e = pass.root(l.entity);
        let Some(ent) = pass.entities.get(e) else {
            continue;
        };
        let ok = match a.pronoun {
            Some(Pronoun::Thing) => !ent.person,
            _ if person_only => {
                ent.person
                    && (!ent.names.is_empty() || !ent.titles.is_empty())
                    && pass.agrees(e, ctx.agree)
            }
            // a verb's inflection alone is weak evidence: the speaker it
            // falls back to must have been seen with that inflection
            _ => match ctx.agree {
                Some(Agree::Masc) => ent.ev.masc > 0 && pass.agrees(e, ctx.agree),
                Some(Agree::Fem) => ent.ev.fem > 0 && pass.agrees(e, ctx.agree),
                Some(Agree::Plural) => {
                    pass.agrees(e, ctx.agree)
                        && (ent.ev.plural > 0 || ent.kind == Some(SpeakerKind::Group))
                }
                None => true,
            },
        };
        if ok {
            return Some(Linked {
                entity: e,
                how: Link::Pronoun,
                from: Some(i),
                written: String::new(),
                agree: ctx.agree,
                skipped,
            });
        }
        // noted only when agreement was what failed
        if skipped.is_none() && !pass.agrees(e, ctx.agree) {
            skipped = ctx.agree.map(|g| (e, g));
        }
    }
    None
}
