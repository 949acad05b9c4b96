//! Other attribution rules: link lines, headline «X: ...», subject-verb
//! headings, and participle cues («مؤكدًا أن») that continue a speaker.

use isnad_model::{QuoteKind, Stance};

use super::{Carry, Doc, Draft, NONE};
use crate::compile::{Hit, bit};
use crate::lexicon::Order;
use crate::token::Kind;

impl Doc<'_> {
    pub(super) fn is_link_line(&self, a: usize) -> bool {
        if self.label_line(a) {
            return true;
        }
        // «اقرأ أيضا:» alone on its line: the lines after it in the same
        // block (no blank line between) are its links
        let mut s = self.line_start(a);
        for _ in 0..12 {
            if s == 0 || !matches!(self.t.toks[s - 1].kind, Kind::Break(false)) {
                return false;
            }
            let p = self.line_start(s - 1);
            if self.label_line(p) {
                // the label line holds nothing but the label
                let mut i = p;
                while i < self.n() && !self.is_word(i) {
                    i += 1;
                }
                let e = self.class_end(i, bit!("link_label")).unwrap_or(i + 1);
                let mut j = e;
                while j < self.n() && self.punct(j).is_some() {
                    j += 1;
                }
                return j >= self.n() || self.is_break(j);
            }
            s = p;
        }
        false
    }

    /// First token of the line that holds token `i`.
    fn line_start(&self, i: usize) -> usize {
        let mut s = i.min(self.n());
        while s > 0 && !self.is_break(s - 1) {
            s -= 1;
        }
        s
    }

    /// The line starting at `a` starts with a link label.
    fn label_line(&self, a: usize) -> bool {
        // the first word of the line carries a link label
        let mut i = a;
        while i < self.n() && !self.is_word(i) && !self.is_break(i) {
            i += 1;
        }
        self.has(i, bit!("link_label"))
            && self.class_end(i, bit!("link_label")).is_some_and(|e| {
                e >= self.n() || !self.is_word(e) || self.punct(e).is_some() || e - i >= 2
            })
    }

    /// Headline form «X: ...» on a line without a final full stop.
    pub(super) fn headline_colon(&self, a: usize, b: usize, carry: &mut Carry) -> Option<Draft> {
        // the line must be the whole sentence (a heading); checked first, as
        // most sentences are not
        if (a > 0 && !self.is_break(a - 1)) || (b < self.n() && !self.is_break(b)) {
            return None;
        }
        // the colon within the first 30 tokens (looked for before the line's
        // words are counted: most lines have none)
        let p = (a..b.min(a + 30)).find(|&i| self.punct(i) == Some(':'))?;
        let words_in_line = self.words_in(a, b);
        // an interview transcript: «PENCE: Well, ...»
        let transcript = (a..b.min(a + 3))
            .find(|&i| self.is_word(i))
            .is_some_and(|i| {
                self.punct(i + 1) == Some(':') && {
                    let w = self.text_of(i, i + 1);
                    w.chars().count() > 1
                        && w.chars().any(char::is_uppercase)
                        && w.chars().all(|c| !c.is_lowercase())
                }
            });
        if b <= a
            || (!transcript && words_in_line > 30)
            || (!transcript && words_in_line > 16 && self.punct(b - 1).is_some_and(|c| c == '.'))
        {
            return None;
        }
        // «الجنيه يتراجع.. ومسؤولون: ...»: the label follows the last
        // separator of a two-part heading
        let a0 = a;
        let a = match (a..p).rev().find(|&i| {
            self.punct(i)
                .is_some_and(|c| matches!(c, '.' | '|' | '-' | '–' | '—' | '…'))
        }) {
            Some(sep) if self.words_in(a, sep) >= 2 && self.is_word(sep + 1) => sep + 1,
            _ => a,
        };
        if p > a + 9 {
            return None;
        }
        let mut sp_end = p;
        for i in a..p {
            if self.t.toks[i].lam_tatweel || self.has(i, bit!("lam_outlet")) {
                sp_end = i;
                break;
            }
            if !self.is_word(i) && !self.punct(i).is_some_and(|c| self.is_quote(c)) {
                return None;
            }
            if self.cue_at[i] != NONE
                || self.has(i, bit!("complementizer") | bit!("boundary") | bit!("time"))
            {
                return None;
            }
        }
        let words = self.words_in(a, sp_end);
        if words == 0 || words > 6 || p + 1 >= b {
            return None;
        }
        let content_has = |bits: crate::compile::ClassSet| (p + 1..b).any(|i| self.has(i, bits));
        let quoted = (p + 1..b).any(|i| self.punct(i).is_some_and(|c| self.is_quote(c)));
        let first_person = content_has(bit!("first_person"))
            || (self.pack.grammar.order == Order::Vso
                && (p + 1..b).any(|i| {
                    self.is_word(i)
                        && self.norm(i).ends_with("نا")
                        && self.norm(i).chars().count() > 4
                }));
        let label_quoted = a + 2 < sp_end
            && self.punct(a).is_some_and(|c| self.is_open_quote(c))
            && self.qclose[a] as usize == sp_end - 1;
        let label_caps = (a..sp_end)
            .filter(|&i| self.is_word(i))
            .all(|i| self.t.toks[i].upper);
        if self.pack.grammar.order == Order::Svo
            && !label_caps
            && !(p + 1 < b
                && self
                    .punct(p + 1)
                    .is_some_and(|c| self.is_quote(c) || c == '‘'))
        {
            return None;
        }
        // a one-word label («سوريا: ...») is a topic unless the text makes
        // that word a speaker elsewhere («وقالت ميركل ...»)
        let w = (a..sp_end).find(|&i| self.is_word(i)).unwrap_or(a);
        let quote_first = self
            .punct(p + 1)
            .is_some_and(|c| self.is_quote(c) || c == '‘');
        // English: a capitalized one-word label is a speaker («Sanders: ...»,
        // a transcript's «PENCE: ...») unless the pack lists it as a section
        // label («Analysis:»)
        let en_label = self.pack.grammar.order == Order::Svo
            && label_caps
            && !self.has(w, bit!("not_speaker"));
        // «"الصحة": ...» (a ministry's short name in quotes) and institution
        // words («الأرصاد: ...») are speakers too
        let ar_label = self.pack.grammar.order == Order::Vso
            && (label_quoted || self.has(w, bit!("organization") | bit!("vague")));
        if words == 1
            && !quote_first
            && !first_person
            && !en_label
            && !ar_label
            && !transcript
            && !self.speaks_elsewhere(self.norm(w))
        {
            return None;
        }
        let mut d = self.new_draft("headline-colon", None, (p + 1, b));
        let (s, e) = self.span(p, p + 1);
        d.cue = Some((":".into(), ":".into(), (s, e)));
        d.stance = Stance::Asserts;
        d.cue_tok = p;
        d.quote = if quoted || first_person {
            QuoteKind::Direct
        } else {
            QuoteKind::Indirect
        };
        let sp_start = if label_quoted { a } else { w };
        let mut sp = self.speaker(sp_start, sp_end);
        d.steps.note(|| {
            format!(
                "a heading «X: ...»: the speaker is the {words}-word noun phrase before the colon"
            )
        });
        if a > a0 {
            d.steps
                .note(|| "the label follows the separator of a two-part heading".into());
            // «ومسؤولون»: the conjunction is not part of the name
            let nm = self.norm(sp_start);
            if self.pack.grammar.order == Order::Vso
                && nm.starts_with('و')
                && nm.chars().count() > 3
                && (self.has(sp_start, bit!("vague") | bit!("organization"))
                    || !self.speaks_elsewhere(nm))
            {
                self.drop_letters(&mut sp, 1);
            }
        }
        carry.last = Some(sp.clone());
        self.set_speaker(&mut d, sp);
        Some(d)
    }

    pub(super) fn subject_verb(
        &self,
        h: &Hit,
        ci: usize,
        a: usize,
        b: usize,
        carry: &mut Carry,
        prior: &[Draft],
    ) -> Option<Draft> {
        // the noun phrase before the verb, from the clause start
        let mut s = h.start;
        while s > a
            && self.is_word(s - 1)
            && !self.has(
                s - 1,
                bit!("complementizer")
                    | bit!("conjunction")
                    | bit!("boundary")
                    | bit!("soft_boundary")
                    | bit!("time")
                    | bit!("relative"),
            )
            && !self.is_cue_verb(s - 1)
        {
            s -= 1;
        }
        // «من جانبه، الناطق باسم الحكومة ... قال»: a comma after a
        // connective phrase also opens a clause
        let at_clause = s == a
            || self.has(s - 1, bit!("complementizer") | bit!("conjunction"))
            || (s >= a + 2
                && self.punct(s - 1).is_some_and(|c| matches!(c, '،' | ','))
                && self.ends_before(s - 1, bit!("conjunction") | bit!("time")));
        let words = h.start - s;
        let mut steps = self.new_steps();
        let _ = prior;
        if at_clause && (1..=6).contains(&words) && !self.looks_like_verb(s) {
            let mut cs_steps = self.new_steps();
            let k = h.end;
            let cs = self.content_start(k, b, &mut cs_steps);
            if cs >= self.trim_end(cs, b) {
                return None;
            }
            steps.note(|| format!(
                "subject-first: the {words}-word noun phrase from the clause start to the cue «{}»",
                self.text_of(h.start, h.end)
            ));
            steps.extend(cs_steps);
            let sp = self.speaker(s, h.start);
            let mut d = self.new_draft("subject-verb", Some((h, ci)), (cs, b));
            d.speaker_tok = Some(s);
            carry.last = Some(sp.clone());
            self.set_speaker(&mut d, sp);
            d.steps = steps;
            return Some(d);
        }
        // a vague source just before: «دفع البعض، بأن يتوقع»
        let lo = h.start.saturating_sub(4).max(a);
        if let Some(v) = (lo..h.start).rev().find(|&i| self.has(i, bit!("vague"))) {
            let mut cs_steps = self.new_steps();
            let cs = self.content_start(h.end, b, &mut cs_steps);
            if cs >= self.trim_end(cs, b) {
                return None;
            }
            let end = self.class_end(v, bit!("vague")).unwrap_or(v + 1);
            steps.note(|| {
                format!(
                    "a vague source «{}» just before the cue",
                    self.text_of(v, end)
                )
            });
            steps.extend(cs_steps);
            let sp = self.speaker(v, end);
            let mut d = self.new_draft("vague-subject-verb", Some((h, ci)), (cs, b));
            self.set_speaker(&mut d, sp);
            d.steps = steps;
            return Some(d);
        }
        None
    }

    pub(super) fn participle(
        &self,
        h: &Hit,
        ci: usize,
        b: usize,
        carry: &mut Carry,
        prior: &[Draft],
    ) -> Option<Draft> {
        // «منوهًا بجهود»: a participle that reports only in some senses
        // needs its content introduced, as its verb does
        if self.pack.cues[ci].needs_intro && !self.own_intro_within(h.end, b, 14) {
            return None;
        }
        let mut steps =
            self.steps_with(|| format!("secondary cue «{}»", self.text_of(h.start, h.end)));
        let cs = self.content_start(h.end, b, &mut steps);
        if cs >= self.trim_end(cs, b) {
            return None;
        }
        let mut d = self.new_draft("secondary-cue", Some((h, ci)), (cs, b));
        if let Some(p) = prior.iter().rev().find(|p| p.speaker.is_some()) {
            let sp = p.speaker.clone()?;
            steps.note(|| {
                format!(
                    "same speaker as the claim before it in the sentence: «{}»",
                    sp.name
                )
            });
            self.set_speaker(&mut d, sp);
        } else if self.pack.grammar.order == Order::Svo
            && let a = self.sentence_start_of(h.start)
            && self.has(a, bit!("pronoun"))
            && self.t.toks[a].upper
        {
            // "He defended the plan, saying ...": the pronoun that opens the sentence
            let mut sp = self.speaker(a, a + 1);
            if let Some(last) = carry.last.clone() {
                steps.note(|| {
                    format!(
                        "the pronoun «{}» that opens the sentence refers to «{}»",
                        sp.name, last.name
                    )
                });
                sp.refer_to(last);
            }
            self.set_speaker(&mut d, sp);
        } else if let Some(e) = self.leading_name(h.start) {
            // "Trump released ..., saying ...": the name that opens the sentence
            let a = self.sentence_start_of(h.start);
            let sp = self.speaker(a, e);
            steps.note(|| {
                format!(
                    "the subject is the name that opens the sentence: «{}»",
                    sp.name
                )
            });
            carry.last = Some(sp.clone());
            self.set_speaker(&mut d, sp);
        } else {
            let mut sp = carry.last.clone()?;
            sp.implicit = true;
            steps.note(|| {
                format!(
                    "first cue of its sentence: the speaker is carried from «{}»",
                    sp.name
                )
            });
            self.set_speaker(&mut d, sp);
        }
        d.steps = steps;
        Some(d)
    }
}
