//! Source phrases («بحسب», "according to") and impersonal cues («يُقال»,
//! "it is believed").

use isnad_model::Attribution;

use super::{Carry, Doc, Draft, reason};
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
        let mut steps =
            self.steps_with(|| format!("source phrase «{}»", self.text_of(h.start, h.end)));
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
                self.note_lex(&mut lexicon, "cue", &self.pack.cues[vci].lemma);
                steps.note(|| {
                    format!(
                        "«{}» is the reporting verb of the source",
                        self.text_of(vh.start, vh.end)
                    )
                });
                k = vh.end;
            } else {
                k += 1;
            }
            // «حسبما أفادت به مصادر»: the pronoun after the verb
            while k < b && self.has(k, bit!("resumptive")) {
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
                    steps.note(|| {
                        format!(
                            "the source ends before «{}» (a word after its definite phrase)",
                            self.text_of(i, i + 1)
                        )
                    });
                    e = i;
                    break;
                }
                seen_def |= nm.starts_with("ال") || nm.starts_with("لل");
            }
        }
        steps.note(|| format!("the source runs to {why}"));
        // «بحسب الأرقام التي أوردتها وزارة التخطيط»، «وفقا لمذكرة صادرة عن
        // بنك الاستثمار»، «بحسب تقرير للبنك الدولي»: the author of a document
        let author = self.document_author(k, e, b);
        if let Some((s0, e0, why)) = author {
            steps.note(|| why);
            let mut sp = self.speaker(s0, e0);
            // «للبنك الدولي»: the key is «البنك الدولي» (the name keeps the
            // text as written)
            if self.pack.grammar.order == Order::Vso && sp.key.starts_with("لل") {
                sp.key = format!("ا{}", sp.key.chars().skip(1).collect::<String>());
            }
            let (cs, ce) = if opens {
                let mut s = e0.max(e);
                while s < b && self.punct(s).is_some_and(|c| matches!(c, '،' | ',' | '-')) {
                    s += 1;
                }
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
                (a, s)
            };
            if self.words_in(cs, ce) == 0 {
                return None;
            }
            let mut d = self.new_draft("source-phrase", Some((h, ci)), (cs, ce));
            d.lexicon.extend(lexicon);
            d.chained = false;
            carry.last = Some(sp.clone());
            self.set_speaker(&mut d, sp);
            d.steps = steps;
            return Some(d);
        }
        let (cs, ce) = if opens {
            let mut s = e;
            while s < b && self.punct(s).is_some_and(|c| matches!(c, '،' | ',' | '-')) {
                s += 1;
            }
            steps.note(|| "the phrase opens the sentence: the content follows the source".into());
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
            steps.note(|| "the content is the clause before the phrase".into());
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
            steps.note(|| {
                format!(
                    "the source is a statement: its author is the last speaker «{}»",
                    sp.name
                )
            });
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

    /// The author named after a document noun phrase starting at `k` (the
    /// noun phrase ends at `e`): «X صادرة عن Y», «X التي أوردتها Y» (a verb
    /// with an object pronoun after a relative), «تقرير للبنك الدولي» (a
    /// statement noun with «لل»). Returns the author's token range and why.
    fn document_author(&self, k: usize, e: usize, b: usize) -> Option<(usize, usize, String)> {
        if self.pack.grammar.order != Order::Vso {
            return None;
        }
        // «صادرة عن»: the issuing phrase (the scan stopped at its «عن»)
        if let Some(i) = (k + 1..(e + 1).min(b)).find(|&i| self.has(i, bit!("issuer"))) {
            let s2 = self.class_end(i, bit!("issuer")).unwrap_or(i + 1);
            let (e2, _) = self.scan_source_np(s2, b);
            if e2 > s2 {
                return Some((
                    s2,
                    e2,
                    reason(self.explain, || {
                        format!(
                            "the document is «{}»: its issuer is the source",
                            self.text_of(i, s2)
                        )
                    }),
                ));
            }
        }
        if e < b
            && self.has(e, bit!("relative"))
            && e + 2 < b
            && self.is_word(e + 1)
            && !self.norm(e + 1).starts_with("ال")
            && (self.norm(e + 1).ends_with("ها") || self.norm(e + 1).ends_with('ه'))
            && self.is_word(e + 2)
        {
            let (e2, _) = self.scan_source_np(e + 2, b);
            if e2 > e + 2 {
                return Some((
                    e + 2,
                    e2,
                    reason(self.explain, || {
                        format!(
                            "«{} {}»: the subject of the relative clause is the source",
                            self.text_of(e, e + 1),
                            self.text_of(e + 1, e + 2)
                        )
                    }),
                ));
            }
        }
        if self.has(k, bit!("channel")) && e > k + 1 && self.norm(k + 1).starts_with("لل") {
            return Some((
                k + 1,
                e,
                reason(self.explain, || {
                    format!(
                        "a statement of «{}»: its author is the source",
                        self.text_of(k + 1, e)
                    )
                }),
            ));
        }
        None
    }

    pub(super) fn impersonal(&self, h: &Hit, ci: usize, a: usize, b: usize) -> Option<Draft> {
        let mut steps = self.steps_with(|| {
            format!(
                "impersonal cue «{}»: no source words",
                self.text_of(h.start, h.end)
            )
        });
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
            steps.note(|| "the content is the clause before the cue".into());
            (a, s)
        };
        if self.words_in(cs, ce) == 0 {
            return None;
        }
        let mut d = self.new_draft("impersonal", Some((h, ci)), (cs, ce));
        d.attribution = Attribution::Vague;
        d.chained = false;
        // «ويُقال في الأوساط السياسية إن»: the circles where it is said are
        // the (vague) source
        if opens && self.has(h.end, bit!("soft_boundary")) && self.has(h.end + 1, bit!("vague")) {
            let (e, why) = self.scan_source_np(h.end + 1, b);
            if e > h.end + 1 && e <= cs {
                steps.note(|| {
                    format!(
                        "«{} ...»: the vague source runs to {why}",
                        self.text_of(h.end, h.end + 1)
                    )
                });
                let sp = self.speaker(h.end + 1, e);
                self.set_speaker(&mut d, sp);
                d.attribution = Attribution::Vague;
            }
        }
        d.steps = steps;
        Some(d)
    }
}
