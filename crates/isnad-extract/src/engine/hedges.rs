//! Hedges: which hedge hits count (e.g. «قد» + imperfect only) and attaching
//! them to the claims of a sentence, or to an author-voice claim.

use isnad_model::{Attribution, HedgeKind, QuoteKind, Stance};

use super::{Doc, Draft};
use crate::compile::{Hit, Payload, bit};
use crate::lexicon::CueClass;
use crate::token::fold;

impl Doc<'_> {
    /// Tokens `a..b` are a title-case heading ("Trump Could Address Clean
    /// Energy, Graham Says"): four words or more, four in five capitalized.
    /// Such a heading capitalizes its cues and hedges; elsewhere a capital
    /// inside a sentence marks a name.
    pub(crate) fn title_case(&self, a: usize, b: usize) -> bool {
        let words = self.words(a, b);
        words >= 4 && (a..b).filter(|&k| self.w(k) && self.upper(k)).count() * 5 >= words * 4
    }

    /// A hedge written with an initial capital is a name or a title, not a
    /// hedge, outside a title-case heading: after a word of its sentence
    /// ("in May", "Theresa May said", "the film Maybe Tomorrow"), or
    /// anywhere when its first word is one of the entry's
    /// `capitalized_names` ("May 5 was ...", "May said ..."). At a
    /// sentence's start, after a quotation mark or a colon, any other
    /// capital is the sentence's own ("Perhaps," she said; "Could the port
    /// reopen?"). In a title-case heading only a preposition before it or
    /// a number after it makes it a name: no modal follows "in" or comes
    /// before a day ("Talks to Resume in May", "Vote Set for May 5").
    fn capitalized_name(&self, h: &Hit, hi: usize, a: usize, heading: bool) -> bool {
        if !self.upper(h.start) {
            return false;
        }
        let after_word = h.start > a && self.is_word(h.start - 1);
        if heading {
            return (after_word && self.has(h.start - 1, bit!("boundary")))
                || (self.is_word(h.end)
                    && self.norm(h.end).starts_with(|c: char| c.is_ascii_digit()))
                || self.inflected_cue_at(h.end);
        }
        after_word || self.listed_name(hi, h.start)
    }

    /// Token `i` is a verb cue inflected with "-s" ("Says", "Warns"), which
    /// no modal comes before: the capitalized modal or auxiliary before it
    /// in a title-case heading is a name ("Theresa May Says", not "May
    /// Say"; "-ss" is no inflection: "May Pass").
    fn inflected_cue_at(&self, i: usize) -> bool {
        let w = self.norm(i);
        self.pack.grammar.order == crate::lexicon::Order::Svo
            && self.is_word(i)
            && w.ends_with('s')
            && !w.ends_with("ss")
            && self.cue_hit(i).is_some_and(|(_, c)| {
                self.pack
                    .cues
                    .get(c)
                    .is_some_and(|e| e.class == CueClass::Verb)
            })
    }

    /// Token `i` is a word the hedge entry `hi` lists in
    /// `capitalized_names`.
    fn listed_name(&self, hi: usize, i: usize) -> bool {
        let first = self.norm(i);
        self.pack.hedges[hi]
            .capitalized_names
            .iter()
            .any(|n| n.to_lowercase() == first)
    }

    /// Token `i` of the sentence `a..b`, an auxiliary ("may", "will") written
    /// with a capital, is a name by the rule hedges follow: after a word of
    /// the sentence ("Theresa May said"), or listed in `capitalized_names`
    /// at its start ("May said"); never in a title-case heading ("Graham
    /// Has Said"). A sentence's own capital is no name ("Now tell us").
    pub(crate) fn capitalized_aux_name(&self, i: usize, a: usize, b: usize) -> bool {
        if !self.upper(i) {
            return false;
        }
        if self.title_case(a, b) {
            return self.inflected_cue_at(i + 1);
        }
        if i > a && self.is_word(i - 1) {
            return true;
        }
        let hx = self.hedge_at.get(i).copied().unwrap_or(super::NONE);
        match self.hits.get(hx as usize).map(|h| h.payload) {
            Some(Payload::Hedge(hi)) => self.listed_name(hi as usize, i),
            _ => false,
        }
    }

    pub(super) fn hedge_ok(&self, h: &Hit, hi: usize, a: usize, heading: bool) -> bool {
        let e = &self.pack.hedges[hi];
        // «، تدعى منى فتحي»: naming, not «تدعي» ("claims")
        if self.naming_at(h.start) {
            return false;
        }
        if self.capitalized_name(h, hi, a, heading) {
            return false;
        }
        if e.needs_imperfect {
            let nx = h.end;
            if !self.is_word(nx) {
                return false;
            }
            // «كان (X) قد فعل»: a past perfect, not a hedge
            let lo = h.start.saturating_sub(5).max(a);
            if (lo..h.start).any(|i| self.has(i, bit!("copula"))) {
                return false;
            }
            let nm = self.norm(nx);
            if !self.pack.marks.imperfect_start(nm) {
                return false;
            }
            // «وقد نفت الوزارة»، «وقد ناشدت»: a verb cue's form that begins
            // as its lemma (the perfect) is a perfect, although its first
            // letter looks like an imperfect prefix (not «تتوقع»، «ينقل»)
            if let Some((_, c)) = self.cue_hit(nx)
                && let Some(ce) = self.pack.cues.get(c)
                && ce.class == CueClass::Verb
            {
                let stem: String = ce.lemma.chars().filter_map(fold).take(2).collect();
                if stem.chars().count() == 2 && nm.starts_with(&stem) {
                    return false;
                }
            }
            // تفاعل/تفعّل perfect: «قد تضاعف»
            let cs: Vec<char> = nm.chars().collect();
            if cs.first() == Some(&'ت')
                && cs.len() == 5
                && cs.get(2) == Some(&'ا')
                && cs.get(1) != Some(&'ت')
            {
                return false;
            }
            // «قد تعرضت»، «قد تراجعت»: a perfect with the feminine «ت» at both
            // ends (form V/VI), not an imperfect
            if cs.first() == Some(&'ت') && cs.last() == Some(&'ت') && cs.len() >= 5 {
                return false;
            }
            if self.has(nx, bit!("link_label")) {
                return false;
            }
        }
        if e.kind == HedgeKind::Possibility
            && h.start > a
            && self.has(h.start - 1, bit!("negation"))
        {
            return false;
        }
        true
    }

    /// A comma, «؛» or a conjunction stands between tokens (as code points
    /// `from` .. `to`): the hedge is in a clause of its own.
    fn clause_break_between(&self, from: usize, to: usize) -> bool {
        let lo = self.t.toks.partition_point(|t| self.base + t.start < from);
        let hi = self.t.toks.partition_point(|t| self.base + t.start < to);
        (lo..hi).any(|i| {
            self.punct(i)
                .is_some_and(|c| matches!(c, '،' | ',' | '؛' | ';'))
                || self.has(i, bit!("conjunction"))
        })
    }

    pub(super) fn hedges(&self, a: usize, b: usize, ds: &mut Vec<Draft>) {
        if self.is_link_line(a) {
            return;
        }
        // (span, kind, hedge entry): the entry's `lang:hedge:lemma` is
        // written only under `--explain`
        let mut found: Vec<((usize, usize), HedgeKind, usize)> = Vec::new();
        let lo = self.hits.partition_point(|h| h.start < a);
        let mut last_end = a;
        // whether the sentence is a title-case heading matters only for a
        // hedge written with a capital (`capitalized_name`), so it is
        // counted only for one (most sentences have none)
        let mut title_case = None;
        for h in self.hits[lo..].iter().take_while(|h| h.start < b) {
            let Payload::Hedge(hi) = h.payload else {
                continue;
            };
            if h.start < last_end || h.end > b {
                continue;
            }
            let heading =
                self.upper(h.start) && *title_case.get_or_insert_with(|| self.title_case(a, b));
            if !self.hedge_ok(h, hi as usize, a, heading) {
                continue;
            }
            last_end = h.end;
            let (_, span) = self.cue_text(h);
            let e = &self.pack.hedges[hi as usize];
            found.push((span, e.kind, hi as usize));
        }
        // hedges carried by cues of this sentence's claims
        let cue_hedges: Vec<(usize, usize)> = ds
            .iter()
            .flat_map(|d| d.hedges.iter().map(|h| h.0))
            .collect();
        let mut loose = Vec::new();
        for (span, kind, lex) in found {
            if cue_hedges.iter().any(|c| c.0 < span.1 && span.0 < c.1) {
                continue;
            }
            // «ويبدو أن ...، إذ يتوقع محللون»: a hedge in a clause before every
            // claim of the sentence is the author's
            let first = ds
                .iter()
                .map(|d| d.claim_start())
                .min()
                .unwrap_or(usize::MAX);
            let before_all = span.1 <= first
                && ds.iter().all(|d| d.content.0 > span.0)
                && self.clause_break_between(span.1, first);
            // the innermost content that holds the hedge
            let owner = ds
                .iter()
                .enumerate()
                .filter(|(_, d)| d.content.0 <= span.0 && span.1 <= d.content.1)
                .min_by_key(|(i, d)| (d.content.1 - d.content.0, *i))
                .map(|(i, _)| i)
                .or_else(|| {
                    ds.iter()
                        .position(|d| d.cue.as_ref().is_some_and(|c| c.2.0 <= span.0))
                })
                .or(if ds.is_empty() || before_all {
                    None
                } else {
                    Some(0)
                });
            match owner {
                Some(o) => {
                    ds[o].hedges.push((span, kind));
                    self.note_lex(&mut ds[o].lexicon, "hedge", &self.pack.hedges[lex].lemma);
                }
                None => loose.push((span, kind, lex)),
            }
        }
        for d in ds.iter_mut() {
            d.hedges.sort_by_key(|h| h.0);
            d.hedges.dedup_by_key(|h| h.0);
        }
        // a claim nested in another's content («أوضحت النيابة أن ...، وأن
        // بعضهم ادعى ...»): its cue's hedge is in the outer content too
        let nested: Vec<(usize, (usize, usize), HedgeKind)> = ds
            .iter()
            .enumerate()
            .flat_map(|(i, d)| {
                let cue = d.cue.as_ref().map(|c| c.2);
                ds.iter()
                    .enumerate()
                    .filter_map(move |(j, o)| {
                        let c = cue?;
                        (i != j && o.content.0 <= c.0 && c.1 <= o.content.1).then_some(j)
                    })
                    .flat_map(move |j| d.hedges.iter().map(move |h| (j, h.0, h.1)))
            })
            .collect();
        for (j, span, kind) in nested {
            ds[j].hedges.push((span, kind));
        }
        for d in ds.iter_mut() {
            d.hedges.sort_by_key(|h| h.0);
            d.hedges.dedup_by_key(|h| h.0);
        }
        if !loose.is_empty() {
            // before the first claim: the author's clause ends where it starts
            let first = ds
                .iter()
                .map(|d| d.claim_start())
                .min()
                .map(|cp| self.t.toks.partition_point(|t| self.base + t.start < cp))
                .unwrap_or(b);
            let mut e = self.trim_end(a, first.clamp(a, b));
            while e > a && self.has(e - 1, bit!("conjunction")) {
                e = self.trim_end(a, e - 1);
            }
            let mut d = self.new_draft("author-hedge", None, (a, e));
            d.attribution = Attribution::Unattributed;
            d.quote = QuoteKind::None;
            d.stance = Stance::None;
            d.chained = false;
            // "The company reportedly removed ...": hearsay with no source is
            // a vague attribution, the rumor word its cue
            if ds.is_empty()
                && let Some((span, _, lex)) = loose.iter().find(|l| l.1 == HedgeKind::Rumor)
            {
                let text = self
                    .chars(span.0 - self.base, span.1 - self.base)
                    .to_string();
                // the lemma as the entry `lang:hedge:lemma` ends
                let lemma = self.pack.hedges[*lex]
                    .lemma
                    .rsplit(':')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                d.rule = "rumor-hedge";
                d.cue = Some((text, lemma, *span));
                d.attribution = Attribution::Vague;
                d.stance = Stance::Asserts;
                d.quote = QuoteKind::Indirect;
                d.steps.note(|| {
                    "a rumor word with no source in the sentence: a vague attribution".into()
                });
            } else {
                d.steps.note(|| {
                    "a hedged sentence with no reporting cue: the author's own voice".into()
                });
            }
            for (span, kind, lex) in loose {
                d.hedges.push((span, kind));
                self.note_lex(&mut d.lexicon, "hedge", &self.pack.hedges[lex].lemma);
            }
            ds.push(d);
        }
    }
}
