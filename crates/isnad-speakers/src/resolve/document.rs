//! The document pass: names read from running text and claim speakers in
//! text order, each linked by the rules of the parent module, with the
//! implicit speakers (continuations, pronouns, channel nouns) and the
//! sentence `--explain` shows for each key.
//!
//! The pass takes the claims as a stream ([`DocPass::push`] in text order,
//! [`DocPass::settle`] when no claim will start before a point): it links
//! each speaker once the claims and names before it are known and hands the
//! claim back with its [`Linked`]; only the keys wait for the end of the
//! document ([`DocPass::finish`]), since a later mention can still give an
//! entity a longer name or join two of them. Its state is the entity table
//! (bounded by the distinct entities, not the claims) and windows of the
//! last [`BACK`] claims and mentions: a pronoun or continuation is linked
//! among those, which on any real text (far fewer claims) is all of them.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use isnad_model::{Claim, SpeakerKind};
use rustc_hash::FxHashMap;

use super::memo::{Memo, NameInfo};
use super::{Link, Pass};
use crate::Resolver;
use crate::agree::{self, Agree};
use crate::mention::{Anatomy, Pronoun};
use crate::scan::{Poll, Scan, scan_streamed, scan_text};
use crate::text_index::{CpText, KEEP};

/// How one claim's speaker was resolved: the entity's key, the rule, and a
/// sentence for `--explain`.
pub(crate) struct Resolved {
    pub key: String,
    pub how: Link,
    pub detail: String,
}

/// One claim's link before keys are final.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Linked {
    entity: usize,
    how: Link,
    /// The claim the speaker was carried from or found in (index).
    from: Option<usize>,
    /// The words that were linked (a surname, a title, a pronoun), for
    /// `--explain`: left empty by a streamed pass for a claim without an
    /// explanation (see [`DocPass::streamed`]).
    written: String,
    agree: Option<Agree>,
    skipped: Option<(usize, Agree)>,
}

/// How many recent claims (and mentions) a pronoun, continuation or channel
/// noun is linked among; older ones are dropped from the windows.
pub(crate) const BACK: usize = 4096;

/// A map that keeps about the last `BACK` to `2 * BACK` insertions: two
/// generations, the older dropped when the newer fills.
pub(crate) struct Recent<K, V> {
    new: FxHashMap<K, V>,
    old: FxHashMap<K, V>,
}

impl<K: std::hash::Hash + Eq, V> Recent<K, V> {
    pub(crate) fn new() -> Self {
        Recent {
            new: FxHashMap::default(),
            old: FxHashMap::default(),
        }
    }

    pub(crate) fn insert(&mut self, k: K, v: V) {
        if self.new.len() >= BACK {
            // the older generation's table is reused for the newer one
            // (its capacity kept: no regrowing every generation)
            std::mem::swap(&mut self.old, &mut self.new);
            self.new.clear();
        }
        self.new.insert(k, v);
    }

    pub(crate) fn get(&self, k: &K) -> Option<&V> {
        self.new.get(k).or_else(|| self.old.get(k))
    }
}

/// A claim pushed and not yet handed back.
struct Slot {
    claim: Claim,
    linked: Option<Linked>,
    /// Its speaker is linked (or it has none to link).
    done: bool,
    /// It is reported inside another claim's content.
    nested: bool,
}

/// A recent claim a pronoun may refer to: its index, entity and whether it
/// is nested.
#[derive(Clone, Copy)]
struct Back {
    i: usize,
    entity: usize,
    nested: bool,
}

/// The pass over one document's claims, in text order.
pub(crate) struct DocPass<'a, 't> {
    pass: Pass<'a, 't>,
    scan: Scan<'a, 't>,
    /// A name the scan found, not yet linked.
    name: Option<(usize, Anatomy)>,
    scan_done: bool,
    /// The claims pushed and not handed back; `waiting[k]` is claim
    /// `first + k`.
    waiting: VecDeque<Slot>,
    first: usize,
    /// Claims with a speaker to link, by (position, index).
    queue: BinaryHeap<Reverse<(usize, usize)>>,
    /// (start, content span) of the last claims pushed, for `nested`.
    /// (a ring: the claim pushed `k`-th is at `k % NEST_WINDOW`; a slot
    /// not yet filled, all zero, holds nothing)
    recent: [(usize, usize, usize); NEST_WINDOW],
    pushed: usize,
    /// The last claims linked, most recent last.
    last_claims: VecDeque<Back>,
    seen_claim: Recent<(usize, usize), usize>,
    /// Every link keeps the words it was made with (else only those of
    /// claims with an explanation: see [`DocPass::streamed`]).
    written_for_all: bool,
}

/// A claim reported inside another's content ("Carter said Washington
/// backed ...") is not what a following pronoun refers to; the claim that
/// holds it starts shortly before it, so only the few claims before each one
/// (in text order) are looked at, keeping the pass linear.
const NEST_WINDOW: usize = 16;

impl<'a> DocPass<'a, 'static> {
    /// The pass over a document whose text comes in pieces
    /// ([`DocPass::push_text`], each before the claims that start in it):
    /// it keeps the last megabyte or more of the text ([`KEEP`] code
    /// points), which is as far back as it reads on any real text. The
    /// words a link was made with, which only an explanation shows, are
    /// kept for the claims that carry one (`claim.explain`): copying them
    /// into every link, and a streaming caller spooling them, cost more
    /// than linking the claim.
    pub(crate) fn streamed(r: &'a Resolver) -> DocPass<'a, 'static> {
        let pass = Pass::new(r, CpText::streamed(KEEP));
        let mut scan = scan_streamed(&r.rules);
        scan.set_limit(0);
        let mut p = DocPass::with(pass, scan);
        p.written_for_all = false;
        p
    }
}

impl<'a, 't> DocPass<'a, 't> {
    pub(crate) fn new(r: &'a Resolver, text: &'t str) -> DocPass<'a, 't> {
        let pass = Pass::new(r, CpText::new(text));
        let mut scan = scan_text(&r.rules, text, &[]);
        scan.set_limit(0);
        DocPass::with(pass, scan)
    }

    fn with(pass: Pass<'a, 't>, scan: Scan<'a, 't>) -> DocPass<'a, 't> {
        DocPass {
            pass,
            scan,
            name: None,
            scan_done: false,
            waiting: VecDeque::new(),
            first: 0,
            queue: BinaryHeap::new(),
            recent: [(0, 0, 0); NEST_WINDOW],
            pushed: 0,
            last_claims: VecDeque::new(),
            seen_claim: Recent::new(),
            written_for_all: true,
        }
    }

    /// Adds the next piece of a streamed document's text (see
    /// [`DocPass::streamed`]).
    pub(crate) fn push_text(&mut self, piece: &str) {
        self.pass.text.push(piece);
        self.scan.push_text(piece);
    }

    /// Takes the next claim of the document (claims come in text order).
    pub(crate) fn push(&mut self, claim: Claim) {
        let i = self.first + self.waiting.len();
        let start = claim.span.start;
        let nested = self
            .recent
            .iter()
            .any(|&(o_start, c_start, c_end)| c_start <= start && start < c_end && o_start < start);
        self.recent[self.pushed % NEST_WINDOW] =
            (start, claim.content.span.start, claim.content.span.end);
        self.pushed += 1;
        if let Some(c) = &claim.cue {
            self.scan.add_cue((c.span.start, c.span.end));
        }
        let mut done = true;
        if let Some(sp) = &claim.speaker {
            let at = if sp.implicit {
                claim.span.start.max(sp.span.start)
            } else {
                sp.span.start
            };
            self.queue.push(Reverse((at, i)));
            done = false;
        }
        self.waiting.push_back(Slot {
            claim,
            linked: None,
            done,
            nested,
        });
    }

    /// Every claim that starts before `upto` has been pushed: links what
    /// comes before it (a claim's speaker is never before its start).
    pub(crate) fn settle(&mut self, upto: usize) {
        self.scan.set_limit(upto);
        loop {
            if self.name.is_none() && !self.scan_done {
                match self.scan.poll() {
                    Poll::Name(at, a) => self.name = Some((at, a)),
                    Poll::Done => self.scan_done = true,
                    Poll::Pending => {}
                }
            }
            let claim_at = self.queue.peek().map(|Reverse((at, _))| *at);
            // at one position a name comes before a claim speaker; a name
            // not yet read (the scan is pending) may still come before any
            // claim at or after the scan's limit
            let name_first = match (&self.name, claim_at) {
                (Some((n, _)), Some(c)) => *n <= c,
                (Some(_), None) => true,
                (None, _) => false,
            };
            if name_first {
                let Some((at, a)) = self.name.take() else {
                    break;
                };
                if at >= upto {
                    self.name = Some((at, a));
                    break;
                }
                self.scan_name(at, &a);
            } else if let Some(c) = claim_at {
                let scan_behind = self.name.is_none() && !self.scan_done;
                if c >= upto || scan_behind {
                    break;
                }
                let Some(Reverse((at, i))) = self.queue.pop() else {
                    break;
                };
                self.link_claim(at, i);
            } else {
                break;
            }
        }
    }

    /// The next claim whose speaker is linked, in text order.
    pub(crate) fn pop(&mut self) -> Option<(Claim, Option<Linked>)> {
        if !self.waiting.front()?.done {
            return None;
        }
        let slot = self.waiting.pop_front()?;
        self.first += 1;
        Some((slot.claim, slot.linked))
    }

    /// Links everything left (the document is read) and returns the keys.
    pub(crate) fn finish(mut self) -> (Vec<(Claim, Option<Linked>)>, Keys<'a>) {
        self.scan.end_text();
        self.settle(usize::MAX);
        let mut rest = Vec::new();
        while let Some(c) = self.waiting.pop_front() {
            rest.push((c.claim, c.linked));
        }
        self.pass.merge_forward();
        // the keys need the entities, not the text: they outlive it
        let pass = Pass {
            text: CpText::new(""),
            r: self.pass.r,
            entities: self.pass.entities,
            seen: self.pass.seen,
            by_key: self.pass.by_key,
            claim: self.pass.claim,
            by_word: self.pass.by_word,
            by_head: self.pass.by_head,
            by_alias: self.pass.by_alias,
            skipped: self.pass.skipped,
            memo: Memo::none(),
        };
        (rest, Keys { pass })
    }

    fn scan_name(&mut self, at: usize, a: &Anatomy) {
        let r = self.pass.r;
        if let Some(span) = a.name_span {
            self.pass.claim = false;
            let (e, _) = self.pass.link(a, "", SpeakerKind::Person, at, None);
            if let Some(g) = agree::mention(&r.rules, &a.heads, "")
                && let Some(ent) = self.pass.entities.get_mut(e)
            {
                ent.ev.add(g);
            }
            self.pass.seen.insert(span, e);
        }
    }

    fn link_claim(&mut self, at: usize, i: usize) {
        let Some(k) = i.checked_sub(self.first) else {
            return;
        };
        let DocPass {
            pass,
            waiting,
            last_claims,
            seen_claim,
            written_for_all,
            ..
        } = self;
        let Some(slot) = waiting.get_mut(k) else {
            return;
        };
        let nested = slot.nested;
        let linked = link_speaker(
            pass,
            (last_claims, seen_claim),
            &slot.claim,
            (at, i),
            *written_for_all,
        );
        slot.done = true;
        if let Some(l) = linked {
            last_claims.push_back(Back {
                i,
                entity: l.entity,
                nested,
            });
            if last_claims.len() > BACK {
                last_claims.pop_front();
            }
            slot.linked = Some(l);
        }
    }
}

/// The link of claim `i`'s speaker (None: an unnamed source, or no
/// speaker), with the entity's records updated.
fn link_speaker(
    pass: &mut Pass<'_, '_>,
    (last_claims, seen_claim): (&VecDeque<Back>, &mut Recent<(usize, usize), usize>),
    claim: &Claim,
    (at, i): (usize, usize),
    written_for_all: bool,
) -> Option<Linked> {
    let r = pass.r;
    let keep = written_for_all || claim.explain.is_some();
    let sp = claim.speaker.as_ref()?;
    if sp.kind == SpeakerKind::Unnamed {
        return None;
    }
    let cue_agree = claim
        .cue
        .as_ref()
        .and_then(|c| pass.memo.cue(&c.text, &c.lemma));
    let info = pass.memo.name(&r.rules, &sp.name);
    let NameInfo {
        a,
        norm: text_norm,
        said,
        channel,
    } = &*info;
    let said = *said;
    let span = (sp.span.start, sp.span.end);
    pass.claim = true;
    let linked = if sp.implicit {
        let written: String = pass
            .text
            .get(span.0, span.1.min(pass.text.len()))
            .map(str::to_string)
            .unwrap_or_default();
        let here = pass.memo.name(&r.rules, &written);
        let here = &here.a;
        let agree = here.pronoun.and_then(agree::pronoun).or(cue_agree);
        let ctx = Ctx {
            span,
            agree,
            last_claims,
            seen_claim,
        };
        // a pronoun is shown as written, a continuation by its cue
        let shown = if here.pronoun.is_some() {
            kept(keep, written.trim())
        } else {
            kept(keep, claim.cue.as_ref().map_or("", |c| &c.text))
        };
        carried(pass, here, &ctx).map(|mut l| {
            l.written = shown;
            l
        })
    } else {
        None
    };
    // «وجاء في البيان», "the statement said": a channel noun
    // alone stands for the last speaker that issued it
    let linked = linked.or_else(|| {
        if sp.implicit || !channel {
            return None;
        }
        let b = last_claims.iter().rev().find(|b| !b.nested)?;
        Some(Linked {
            entity: pass.root(b.entity),
            how: Link::Pronoun,
            from: Some(b.i),
            written: kept(keep, &sp.name),
            agree: None,
            skipped: None,
        })
    });
    let linked = match linked {
        Some(l) => l,
        None if sp.implicit && cue_agree.is_some() && !agreeing_seen(pass, span, cue_agree) => {
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
                written: kept(keep, claim.cue.as_ref().map_or("", |c| &c.text)),
                agree: cue_agree,
                skipped: None,
            }
        }
        None => {
            // the cue's inflection, else the mention's own words
            // ("Mr. Gharbawi", «النائبة»)
            let agree = cue_agree.or(said);
            let (e, how) = pass.link(a, text_norm, sp.kind, at, agree);
            Linked {
                entity: e,
                how,
                from: None,
                written: kept(keep, &sp.name),
                agree,
                skipped: pass.skipped,
            }
        }
    };
    let e = pass.root(linked.entity);
    let mut linked = linked;
    if linked.from.is_none() && !matches!(linked.how, Link::Carried | Link::Pronoun) {
        linked.from = pass.entities.get(e).and_then(|x| x.last_claim);
    }
    let mention_agree = if sp.implicit { None } else { said };
    if let Some(ent) = pass.entities.get_mut(e) {
        if ent.first_key.is_none() {
            ent.first_key = Some(sp.key.clone());
        }
        ent.last_seen = ent.last_seen.max(at);
        ent.last_claim = Some(i);
        // a verb before a plural subject stays singular («قال
        // قادة الحركة»): a group's verbs say nothing
        let cue_says = if sp.kind == SpeakerKind::Group && !sp.implicit {
            None
        } else {
            linked.agree
        };
        for g in [cue_says, mention_agree].into_iter().flatten() {
            ent.ev.add(g);
        }
    }
    pass.seen.insert(span, e);
    seen_claim.insert(span, i);
    Some(linked)
}

/// The entities of a finished document: each claim's key and explanation.
pub(crate) struct Keys<'a> {
    pass: Pass<'a, 'static>,
}

impl Keys<'_> {
    /// The key of a linked claim, how it was found and the sentence for
    /// `--explain`.
    pub(crate) fn resolved(&self, l: &Linked) -> Option<Resolved> {
        let key = self.pass.key(l.entity)?;
        let detail = detail(&self.pass, l, &key);
        Some(Resolved {
            key,
            how: l.how,
            detail,
        })
    }

    /// Only the key of a linked claim (no sentence is written).
    pub(crate) fn key(&self, l: &Linked) -> Option<String> {
        self.pass.key(l.entity)
    }
}

/// `s` as the words of a link, or nothing when they are not kept.
fn kept(keep: bool, s: &str) -> String {
    if keep { s.to_string() } else { String::new() }
}

/// True when the entity the extractor carried an implicit speaker from
/// agrees with the cue (or no entity is known there).
fn agreeing_seen(pass: &Pass<'_, '_>, span: (usize, usize), agree: Option<Agree>) -> bool {
    pass.seen
        .get(&span)
        .is_none_or(|&e| pass.agrees(pass.root(e), agree))
}

/// The sentence `--explain` shows for one claim's speaker key.
fn detail(pass: &Pass<'_, '_>, l: &Linked, key: &str) -> String {
    let claim = |c: Option<usize>| c.map_or(String::new(), |c| format!(" (claim {})", c + 1));
    let agree = l.agree.map_or(String::new(), |a| format!(" {}", a.label()));
    let mut s = match l.how {
        Link::Alias => format!("alias file entry {key}"),
        Link::FullName => match l.from {
            Some(c) => format!("name «{}» matches «{key}»{}", l.written, claim(Some(c))),
            None => format!("name «{}» matches «{key}» named in the text", l.written),
        },
        Link::Surname => format!("surname «{}» of «{key}»{}", l.written, claim(l.from)),
        Link::Title
            if !pass
                .entities
                .get(pass.root(l.entity))
                .is_some_and(|x| x.person) =>
        {
            format!(
                "«{}» → the body last named with it, «{key}»{}",
                l.written,
                claim(l.from)
            )
        }
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
            "«{}» → last{agree} speaker «{key}»{}",
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
    last_claims: &'a VecDeque<Back>,
    seen_claim: &'a Recent<(usize, usize), usize>,
}

/// The entity of an implicit speaker: the mention it was carried from when
/// it agrees with the cue, else (and for a pronoun) the last claim speaker
/// that agrees, skipping claims reported inside another claim's content.
fn carried(pass: &mut Pass<'_, '_>, a: &Anatomy, ctx: &Ctx<'_>) -> Option<Linked> {
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
    for b in ctx.last_claims.iter().rev() {
        if b.nested {
            continue;
        }
        let i = b.i;
        let e = pass.root(b.entity);
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
                Some(Agree::Plural) => ent.ev.plural > 0 && pass.agrees(e, ctx.agree),
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
