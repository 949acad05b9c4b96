//! Verb-first rules: a verb cue followed by its subject and content
//! («وقال الوزير إن ...», "said X"), relative clauses and copulas.

use isnad_model::Attribution;

use super::{Carry, Doc, Draft, NONE, PRONOUN_MA};
use crate::compile::{Hit, bit};
use crate::lexicon::Order;

impl Doc<'_> {
    pub(super) fn cue_allowed(&self, h: &Hit, ci: usize, a: usize) -> bool {
        let after = &self.pack.cue_after[ci];
        let after_ok = h.start > a && after.iter().any(|w| w == self.norm(h.start - 1));
        let before = &self.pack.cue_before[ci];
        let before_ok = before.iter().any(|w| w == self.norm(h.end));
        // with both lists, either context suffices («قد رد»، «رد قائلًا»)
        match (after.is_empty(), before.is_empty()) {
            (true, true) => true,
            (false, true) => after_ok,
            (true, false) => before_ok,
            (false, false) => after_ok || before_ok,
        }
    }

    pub(super) fn clause_start(&self, h: &Hit, a: usize) -> bool {
        if h.start == a || h.prefix > 0 {
            return true;
        }
        let p = h.start - 1;
        if let Some(c) = self.punct(p) {
            return !self.is_quote(c) || self.qclose[p] == NONE;
        }
        self.ends_before(h.start, bit!("conjunction") | bit!("time"))
    }

    pub(super) fn vso_verb(
        &self,
        h: &Hit,
        ci: usize,
        a: usize,
        b: usize,
        carry: &mut Carry,
        prior: &[Draft],
    ) -> Option<Draft> {
        let prev = if h.start > a { Some(h.start - 1) } else { None };
        // «، تدعى منى»: naming, not the verb «تدعي»
        if self.naming_at(h.start) {
            return None;
        }
        // a cue that reports only in some senses needs its content introduced
        if self.pack.cues[ci].needs_intro && !self.own_intro_within(h.end, b, 14) {
            return None;
        }
        if let Some(p) = prev {
            if self.has(p, bit!("relative")) {
                return self.relative(h, ci, a, b, carry);
            }
            // «وهو ما نفته الوزارة»: the subject follows the verb, the content
            // is the clause before «وهو ما»
            if self.has(p, bit!("ma")) && p > a && self.has(p - 1, bit!("pronoun")) {
                return self.denied_before(h, ci, a, p - 1, b, carry);
            }
            if self.has(p, bit!("ma")) || self.has(p, bit!("determiner")) {
                return None;
            }
            if matches!(self.norm(p), "قد" | "وقد" | "فقد")
                && let Some(d) = self.copula(h, ci, a, b, carry)
            {
                return Some(d);
            }
        }
        if self.clause_start(h, a) {
            return self.verb_subject(h, ci, b, carry);
        }
        if let Some(d) = self.subject_verb(h, ci, a, b, carry, prior) {
            return Some(d);
        }
        // «وفي حديث لوكالة ... قال المتحدث إن»: verb-first after a phrase,
        // when a complementizer, colon or quote follows the subject
        let (k, _) = self.scan_subject_vso(h.end, b, self.pack.cues[ci].object);
        if k > h.end && self.intro_within(k, b, 3) {
            return self.verb_subject(h, ci, b, carry);
        }
        None
    }

    pub(super) fn verb_subject(
        &self,
        h: &Hit,
        ci: usize,
        b: usize,
        carry: &mut Carry,
    ) -> Option<Draft> {
        let e = &self.pack.cues[ci];
        // a perfect verb written passive («وأُعلن عن»، «ذُكر أن») has no
        // speaker, whatever came before, and what follows it is not one (a
        // damma on an imperfect's prefix is also active: «يُشير»)
        // (inside a quotation «أُ» is rather «I»: «أُبلغ الشعب أننا»)
        let passive_perfect =
            self.passive_form(h) && !self.imperfect_cue(h) && !self.quoted(h.start);
        // «لكنه أكد استعداده»: the pronoun before the verb is its subject
        let pronoun_subject = h.start > 0 && self.has(h.start - 1, bit!("pronoun"));
        let (k, why) = if passive_perfect {
            (h.end, "nothing: the verb is passive".to_string())
        } else if pronoun_subject {
            (
                h.end,
                "nothing: the pronoun before the verb is its subject".to_string(),
            )
        } else {
            self.scan_subject_vso(h.end, b, self.pack.cues[ci].object)
        };
        let mut steps = self.steps_with(|| {
            format!(
                "verb-first cue «{}»; the subject runs to {}",
                self.text_of(h.start, h.end),
                why
            )
        });
        if k == h.end {
            // no subject written
            let impersonal = passive_perfect
                || (e.hedge.is_some() && (self.passive_form(h) || carry.last.is_none()));
            let cs = self.content_start(k, b, &mut steps);
            if cs >= self.trim_end(cs, b) {
                return None;
            }
            if impersonal {
                let mut d = self.new_draft("impersonal", Some((h, ci)), (cs, b));
                d.attribution = Attribution::Vague;
                steps.note(|| {
                    "passive or impersonal verb: no source words (speaker null, vague)".into()
                });
                d.steps = steps;
                return Some(d);
            }
            // «... مخاوف نشطاء ...، إذ رأوا أن»: a vague group earlier in the
            // sentence is the subject
            let sa = self.sentence_start_of(h.start);
            let after_conj = h.prefix == 0 && self.ends_before(h.start, bit!("conjunction"));
            if let Some(v) = (sa..h.start)
                .rev()
                .find(|&i| after_conj && self.has(i, bit!("vague")))
            {
                let end = self.class_end(v, bit!("vague")).unwrap_or(v + 1);
                let mut d = self.new_draft("vague-subject-verb", Some((h, ci)), (cs, b));
                steps.note(|| {
                    format!(
                        "no subject after the verb: the vague source «{}» earlier in the sentence",
                        self.text_of(v, end)
                    )
                });
                let sp = self.speaker(v, end);
                self.set_speaker(&mut d, sp);
                d.steps = steps;
                return Some(d);
            }
            let last = carry.last.clone()?;
            let mut d = self.new_draft("continuation", Some((h, ci)), (cs, b));
            steps.note(|| {
                format!(
                    "no subject after the verb: the speaker is carried from «{}»",
                    last.name
                )
            });
            let mut sp = last;
            sp.implicit = true;
            self.set_speaker(&mut d, sp);
            d.steps = steps;
            return Some(d);
        }
        // «وأكد X، الذي قال ...، أن»: the relative clause between commas is
        // not the content
        let from = match self.relative_aside(k, b) {
            Some(m) => {
                steps.note(|| {
                    "a relative clause between commas after the subject is skipped".into()
                });
                m
            }
            None => k,
        };
        let cs = self.content_start(from, b, &mut steps);
        if cs >= self.trim_end(cs, b) || self.words_in(cs, b) == 0 {
            return None;
        }
        let sp = match self.relayed_source(k, cs) {
            Some((s, e)) => {
                steps.note(|| {
                    format!(
                        "«{} {}»: the subject relays the words of «{}», the source",
                        self.text_of(k, k + 1),
                        self.text_of(e, e + 1),
                        self.text_of(s, e)
                    )
                });
                self.speaker(s, e)
            }
            None => self.speaker(h.end, k),
        };
        if self.named_after(k) {
            steps.note(|| {
                format!(
                    "a naming word after «{}» («، تدعى X»): the source is named",
                    sp.name
                )
            });
        }
        let mut d = self.new_draft("verb-subject-content", Some((h, ci)), (cs, b));
        carry.last = Some(sp.clone());
        self.set_speaker(&mut d, sp);
        d.steps = steps;
        Some(d)
    }

    pub(super) fn relative(
        &self,
        h: &Hit,
        ci: usize,
        a: usize,
        b: usize,
        carry: &mut Carry,
    ) -> Option<Draft> {
        let rel = h.start - 1;
        let mut steps = self.steps_with(|| {
            format!(
                "cue «{}» in a relative clause after «{}»",
                self.text_of(h.start, h.end),
                self.text_of(rel, rel + 1)
            )
        });
        // content needs a complementizer, colon or quote right after the cue
        let cs = self.content_start(h.end, b, &mut steps);
        let found = cs > h.end
            || self.has(h.end, bit!("complementizer"))
            || self
                .punct(h.end)
                .is_some_and(|c| c == ':' || self.is_open_quote(c));
        if !found || cs >= self.trim_end(cs, b) || cs > h.end + 6 {
            return None;
        }
        let mut e = rel;
        while e > a && self.punct(e - 1).is_some_and(|c| matches!(c, '،' | ',')) {
            e -= 1;
        }
        let mut s = e;
        while s > a
            && self.is_word(s - 1)
            && e - s < 6
            && !self.has(
                s - 1,
                bit!("complementizer") | bit!("boundary") | bit!("soft_boundary") | bit!("time"),
            )
            && !self.is_cue_verb(s - 1)
        {
            s -= 1;
        }
        if s == e {
            return None;
        }
        steps.note(|| {
            format!(
                "the speaker is the noun phrase before the relative pronoun, back to «{}»",
                if s > a {
                    self.text_of(s - 1, s)
                } else {
                    "sentence start".into()
                }
            )
        });
        let sp = self.speaker(s, e);
        // «X، الذي قال إن ...، أن»: the clause ends at its closing comma
        let end = match self.relative_aside(e, b) {
            Some(m) if m > cs && self.pack.grammar.order == Order::Vso => {
                steps.note(|| "the relative clause ends at its closing comma".into());
                m - 1
            }
            _ => b,
        };
        let mut d = self.new_draft("relative-clause", Some((h, ci)), (cs, end));
        d.chained = false;
        carry.last = Some(sp.clone());
        self.set_speaker(&mut d, sp);
        d.steps = steps;
        Some(d)
    }

    pub(super) fn copula(
        &self,
        h: &Hit,
        ci: usize,
        a: usize,
        b: usize,
        carry: &mut Carry,
    ) -> Option<Draft> {
        let qad = h.start - 1;
        let lo = qad.saturating_sub(14).max(a);
        let cop = (lo..qad).rev().find(|&i| self.has(i, bit!("copula")))?;
        if (cop + 1..qad).any(|i| self.is_cue_verb(i)) {
            return None;
        }
        let mut steps = self.steps_with(|| {
            format!(
                "«{} ... قد {}»: the subject stands between the copula and «قد»",
                self.text_of(cop, cop + 1),
                self.text_of(h.start, h.end)
            )
        });
        let mut e = cop + 1;
        while e < qad && !self.punct(e).is_some_and(|c| matches!(c, '،' | ',')) {
            e += 1;
        }
        let cs = self.content_start(h.end, b, &mut steps);
        if cs >= self.trim_end(cs, b) {
            return None;
        }
        let mut d = self.new_draft("copula-subject-verb", Some((h, ci)), (cs, b));
        if e == cop + 1 {
            let mut sp = carry.last.clone()?;
            sp.implicit = true;
            steps.note(|| format!("no subject: carried from «{}»", sp.name));
            self.set_speaker(&mut d, sp);
        } else {
            if e < qad {
                steps.note(|| "an apposition after the comma is left out of the name".into());
            }
            let sp = self.speaker(cop + 1, e);
            carry.last = Some(sp.clone());
            self.set_speaker(&mut d, sp);
        }
        d.steps = steps;
        Some(d)
    }

    /// «X، الذي ...،» at `k`: the token after the clause's closing comma.
    pub(super) fn relative_aside(&self, k: usize, b: usize) -> Option<usize> {
        if self.pack.grammar.order != Order::Vso
            || !self.punct(k).is_some_and(|c| matches!(c, '،' | ','))
            || !self.has(k + 1, bit!("relative"))
        {
            return None;
        }
        let mut j = k + 2;
        while j < b {
            if let Some(c) = self.punct(j) {
                if self.is_open_quote(c) && self.qclose[j] != NONE {
                    j = self.qclose[j] as usize + 1;
                    continue;
                }
                if matches!(c, '،' | ',') {
                    return (j + 1 < b).then_some(j + 1);
                }
            }
            j += 1;
        }
        None
    }

    /// The cue word, past any conjunction prefix, starts like an imperfect
    /// verb.
    fn imperfect_cue(&self, h: &Hit) -> bool {
        let word = self.norm(h.start);
        let rest = word
            .char_indices()
            .nth(h.prefix as usize)
            .map_or("", |(at, _)| &word[at..]);
        self.pack.marks.imperfect_start(rest)
    }

    /// Token `i` is inside a quotation (one that opens within 80 tokens
    /// before it and closes after it).
    fn quoted(&self, i: usize) -> bool {
        self.quote_open_around(i.saturating_sub(80), i)
    }

    /// The cue is written passive: a damma on its first letter after any
    /// conjunction prefix («يُعتقد»، «ويُرجح»).
    pub(super) fn passive_form(&self, h: &Hit) -> bool {
        if h.prefix == 0 {
            return self.t.toks[h.start].damma1;
        }
        let (s, e) = self.span(h.start, h.end);
        let word: Vec<char> = self.chars(s - self.base, e - self.base).chars().collect();
        let mut letters = 0;
        for (i, &c) in word.iter().enumerate() {
            if crate::token::fold(c).is_some() {
                letters += 1;
                if letters == h.prefix as usize + 1 {
                    return word.get(i + 1) == Some(&'\u{064F}');
                }
            }
        }
        false
    }

    /// «ونقلت الوكالة عن المتحدث قوله إن»، «ونسبت الرسالة إلى X قوله»: the
    /// subject ends at a preposition (`k`, a boundary word) and a relay word
    /// («قوله», `[words.relay]`) follows a short noun phrase before the
    /// content (`cs`): that phrase is the source whose words are relayed.
    fn relayed_source(&self, k: usize, cs: usize) -> Option<(usize, usize)> {
        if self.pack.grammar.order != Order::Vso || !self.has(k, bit!("boundary")) {
            return None;
        }
        let max = self.pack.grammar.max_speaker_words.max(1);
        let end = (k + 1..cs.min(k + 2 + max)).find(|&j| self.has(j, bit!("relay")))?;
        let words = (k + 1..end).all(|j| self.is_word(j));
        (end > k + 1 && words).then_some((k + 1, end))
    }

    /// «..., وهو ما نفته الوزارة»: a cue after «هو ما»; the speaker follows
    /// the verb and the content is the clause before the pronoun.
    fn denied_before(
        &self,
        h: &Hit,
        ci: usize,
        a: usize,
        pron: usize,
        b: usize,
        carry: &mut Carry,
    ) -> Option<Draft> {
        let (k, why) = self.scan_subject_vso(h.end, b, self.pack.cues[ci].object);
        if k == h.end {
            return None;
        }
        let mut e = pron;
        while e > a && self.punct(e - 1).is_some() {
            e -= 1;
        }
        if self.words_in(a, e) == 0 {
            return None;
        }
        let sp = self.speaker(h.end, k);
        let mut d = self.new_draft(PRONOUN_MA, Some((h, ci)), (a, e));
        d.chained = false;
        d.steps.note(|| {
            format!(
                "«{} ما {}»: the subject follows the verb and runs to {why}",
                self.text_of(pron, pron + 1),
                self.text_of(h.start, h.end)
            )
        });
        d.steps
            .note(|| "the content is the clause before the pronoun".into());
        carry.last = Some(sp.clone());
        self.set_speaker(&mut d, sp);
        Some(d)
    }

    /// Arabic: a word that starts like an imperfect verb and is not a noun
    /// with the article.
    pub(super) fn looks_like_verb(&self, i: usize) -> bool {
        if self.pack.grammar.order != Order::Vso {
            return false;
        }
        let nm = self.norm(i);
        self.pack.marks.imperfect_start(nm) && !nm.starts_with("ال")
    }
}
