//! Hedges: which hedge hits count (e.g. «قد» + imperfect only) and attaching
//! them to the claims of a sentence, or to an author-voice claim.

use isnad_model::{Attribution, HedgeKind, QuoteKind, Stance};

use super::{Doc, Draft};
use crate::compile::{Hit, Payload, bit};

impl Doc<'_> {
    pub(super) fn hedge_ok(&self, h: &Hit, hi: usize, a: usize) -> bool {
        let e = &self.pack.hedges[hi];
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
            let first = nm.chars().next().map(|c| c.to_string()).unwrap_or_default();
            if !self.pack.grammar.imperfect_prefixes.contains(&first) {
                return false;
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

    pub(super) fn hedges(&self, a: usize, b: usize, ds: &mut Vec<Draft>) {
        if self.is_link_line(a) {
            return;
        }
        let mut found: Vec<((usize, usize), HedgeKind, String)> = Vec::new();
        let lo = self.hits.partition_point(|h| h.start < a);
        let mut last_end = a;
        for h in self.hits[lo..].iter().take_while(|h| h.start < b) {
            let Payload::Hedge(hi) = h.payload else {
                continue;
            };
            if h.start < last_end || h.end > b {
                continue;
            }
            if !self.hedge_ok(h, hi as usize, a) {
                continue;
            }
            last_end = h.end;
            let (_, span) = self.cue_text(h);
            let e = &self.pack.hedges[hi as usize];
            found.push((span, e.kind, self.lex("hedge", &e.lemma)));
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
            let owner = ds
                .iter()
                .position(|d| d.content.0 <= span.0 && span.1 <= d.content.1)
                .or_else(|| {
                    ds.iter()
                        .position(|d| d.cue.as_ref().is_some_and(|c| c.2.0 <= span.0))
                })
                .or(if ds.is_empty() { None } else { Some(0) });
            match owner {
                Some(o) => {
                    ds[o].hedges.push((span, kind));
                    ds[o].lexicon.push(lex);
                }
                None => loose.push((span, kind, lex)),
            }
        }
        for d in ds.iter_mut() {
            d.hedges.sort_by_key(|h| h.0);
            d.hedges.dedup_by_key(|h| h.0);
        }
        if !loose.is_empty() {
            let e = self.trim_end(a, b);
            let mut d = self.new_draft("author-hedge", None, (a, e));
            d.attribution = Attribution::Unattributed;
            d.quote = QuoteKind::None;
            d.stance = Stance::None;
            d.chained = false;
            d.steps
                .push("a hedged sentence with no reporting cue: the author's own voice".into());
            for (span, kind, lex) in loose {
                d.hedges.push((span, kind));
                d.lexicon.push(lex);
            }
            ds.push(d);
        }
    }
}
