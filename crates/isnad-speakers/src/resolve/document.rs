//! The document pass: names read from running text and claim speakers in
//! text order, each linked by the rules of the parent module, with the
//! implicit speakers (continuations, pronouns, channel nouns) and the
//! sentence `--explain` shows for each key.

use std::collections::HashMap;

use isnad_model::{ExtractionDocument, SpeakerKind};

use super::{Link, Pass, strip_al};
use crate::Resolver;
use crate::agree::{self, Agree};
use crate::mention::{Anatomy, Pronoun, anatomy};
use crate::rules::Rules;
use crate::scan::scan_text;
use crate::text_index::CpText;

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
        text: CpText::new(text),
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
    let cues: Vec<(usize, usize)> = doc
        .claims
        .iter()
        .filter_map(|c| c.cue.as_ref().map(|q| (q.span.start, q.span.end)))
        .collect();
    let mut claims: Vec<(usize, usize)> = Vec::new();
    for (i, c) in doc.claims.iter().enumerate() {
        if let Some(sp) = &c.speaker {
            let at = if sp.implicit {
                c.span.start.max(sp.span.start)
            } else {
                sp.span.start
            };
            claims.push((at, i));
        }
    }
    claims.sort_unstable();
    // the names of the text come from the scan as it reaches them (it holds
    // a small window, not every name), merged with the claims in text order;
    // at one position a name comes before a claim speaker
    let mut names = scan_text(&r.rules, text, &cues).peekable();
    let mut claims = claims.into_iter().peekable();
    let events = std::iter::from_fn(move || {
        let name_first = match (names.peek(), claims.peek()) {
            (Some(&(n, _)), Some(&(c, _))) => n <= c,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if name_first {
            names.next().map(|(at, a)| (at, Ev::Scan(a)))
        } else {
            claims.next().map(|(at, i)| (at, Ev::Claim(i)))
        }
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
    for (at, ev) in events {
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
                        .get(span.0, span.1.min(pass.text.len()))
                        .map(str::to_string)
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
                    // a pronoun is shown as written, a continuation by its cue
                    let shown = if here.pronoun.is_some() {
                        written.trim().to_string()
                    } else {
                        claim
                            .cue
                            .as_ref()
                            .map(|c| c.text.clone())
                            .unwrap_or_default()
                    };
                    carried(&mut pass, &here, &ctx).map(|mut l| {
                        l.written = shown;
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
                        // the cue's inflection, else the mention's own words
                        // ("Mr. Gharbawi", «النائبة»)
                        let agree =
                            cue_agree.or_else(|| agree::mention(&r.rules, &a.heads, &sp.name));
                        let (e, how) = pass.link(&a, &text_norm, sp.kind, at, agree);
                        Linked {
                            entity: e,
                            how,
                            from: None,
                            written: sp.name.clone(),
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
