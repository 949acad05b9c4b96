//! Source phrases («بحسب», "according to") and impersonal cues («يُقال»,
//! "it is believed").

use isnad_model::Attribution;

use super::{Carry, Doc, Draft};
use crate::compile::{Hit, bit};
use crate::lexicon::Order;

impl Doc<'_> {
    pub(super) fn source_phrase(
        &self,
        h: &Hit,
        ci: usize,
        a: usize,
        b: usize,
        carry: &mut Carry,
    ) -> Option<Draft> {
        // «أكد على لسان المتحدث»: the phrase belongs to the verb's claim
        let lo = h.start.saturating_sub(3).max(a);
        if (lo..h.start).any(|i| self.is_cue_verb(i)) {
            return None;
        }
        let mut steps = vec![format!("source phrase «{}»", self.text_of(h.start, h.end))];
        let mut k = h.end;
        let mut lexicon = Vec::new();
        // «لـ»/«ل» alone after «وفقا»
        while k < b && matches!(self.norm(k), "ل" | "لـ") {
            k += 1;
        }
        // «بحسب ما أعلنته X», «حسبما أفاد X»: skip «ما» and its verb
        if k < b && self.has(k, bit!("ma")) {
            k += 1;
        }
        let ends_ma = {
            let nm = self.norm(h.end - 1);
            nm.ends_with("ما") || nm == "لما"
        };
        if k < b && (k > h.end || ends_ma) && self.is_word(k) {
            if let Some((vh, vci)) = self.cue_hit(k) {
                lexicon.push(self.lex("cue", &self.pack.cues[vci].lemma));
                steps.push(format!(
                    "«{}» is the reporting verb of the source",
                    self.text_of(vh.start, vh.end)
                ));
                k = vh.end;
            } else {
                k += 1;
            }
        }
        if k >= b || self.has(k, bit!("not_speaker")) {
            return None;
        }
        // content: before the phrase, or after it when the phrase opens the clause
        let opens = h.start == a
            || self.ends_before(h.start, bit!("conjunction"))
            || (h.start > a && self.punct(h.start - 1).is_some() && h.start - a <= 2);
        let (mut e, why) = self.scan_source_np(k, b);
        if e == k {
            return None;
        }
        if opens && self.pack.grammar.order == Order::Vso {
            // «وبحسب تقديرات الأمم المتحدة لقي ...»: a bare word after a
            // definite phrase starts the clause
            let mut seen_def = false;
            for i in k..e {
                let nm = self.norm(i);
                if seen_def
                    && self.is_word(i)
                    && !nm.starts_with("ال")
                    && !nm.starts_with('ل')
                    && !nm.starts_with("بال")
                {
                    steps.push(format!(
                        "the source ends before «{}» (a word after its definite phrase)",
                        self.text_of(i, i + 1)
                    ));
                    e = i;
                    break;
                }
                seen_def |= nm.starts_with("ال") || nm.starts_with("لل");
            }
        }
        steps.push(format!("the source runs to {why}"));
        let (cs, ce) = if opens {
            let mut s = e;
            while s < b && self.punct(s).is_some_and(|c| matches!(c, '،' | ',' | '-')) {
                s += 1;
            }
            steps.push("the phrase opens the sentence: the content follows the source".into());
            (s, b)
        } else {
            let mut s = h.start;
            while s > a
                && self
                    .punct(s - 1)
                    .is_some_and(|c| matches!(c, '،' | ',' | '-' | '–' | '—' | '('))
            {
                s -= 1;
            }
            steps.push("the content is the clause before the phrase".into());
            (a, s)
        };
        if self.words_in(cs, ce) == 0 {
            return None;
        }
        let mut d = self.new_draft("source-phrase", Some((h, ci)), (cs, ce));
        d.lexicon.extend(lexicon);
        d.chained = false;
        if self.has(k, bit!("channel")) {
            // «وفقا لبيان حصلت عليه CNN»: the statement is the last speaker's
            let mut sp = carry.last.clone()?;
            steps.push(format!(
                "the source is a statement: its author is the last speaker «{}»",
                sp.name
            ));
            sp.implicit = true;
            self.set_speaker(&mut d, sp);
            d.steps = steps;
            return Some(d);
        }
        let mut sp = self.speaker(k, e);
        // «وفقا لوكالة ...»: the preposition lam is not part of the name
        let nm = self.norm(k);
        if self.pack.grammar.order == Order::Vso && nm.starts_with('ل') && !nm.starts_with("لل")
        {
            let lemma = &self.pack.cues[ci].lemma;
            if lemma == "وفقا" {
                let (s0, s1) = sp.span;
                let skip = if self.t.toks[k].lam_tatweel { 2 } else { 1 };
                if s1 > s0 + skip {
                    sp.span = (s0 + skip, s1);
                    sp.name = self
                        .chars(s0 + skip - self.base, s1 - self.base)
                        .to_string();
                    sp.key = sp.key.chars().skip(1).collect();
                }
            }
        }
        carry.last = Some(sp.clone());
        self.set_speaker(&mut d, sp);
        d.steps = steps;
        Some(d)
    }

    pub(super) fn impersonal(&self, h: &Hit, ci: usize, a: usize, b: usize) -> Option<Draft> {
        let mut steps = vec![format!(
            "impersonal cue «{}»: no source words",
            self.text_of(h.start, h.end)
        )];
        let opens = h.start == a
            || self.has(h.start - 1, bit!("conjunction"))
            || self.punct(h.start - 1).is_some()
            || h.prefix > 0;
        let (cs, ce) = if opens {
            (self.content_start(h.end, b, &mut steps), b)
        } else {
            let mut s = h.start;
            while s > a
                && self
                    .punct(s - 1)
                    .is_some_and(|c| matches!(c, '،' | ',' | '-' | '('))
            {
                s -= 1;
            }
            steps.push("the content is the clause before the cue".into());
            (a, s)
        };
        if self.words_in(cs, ce) == 0 {
            return None;
        }
        let mut d = self.new_draft("impersonal", Some((h, ci)), (cs, ce));
        d.attribution = Attribution::Vague;
        d.chained = false;
        d.steps = steps;
        Some(d)
    }
}
