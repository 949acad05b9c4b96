//! Claim assembly: cue lookup, speaker and draft construction, where the
//! content starts after a cue.

use isnad_model::{Attribution, SpeakerKind, Stance};

use super::{Doc, Draft, NONE, SpeakerDraft, Steps};
use crate::compile::{Hit, Payload, bit};
use crate::lexicon::{CueClass, Order};

impl Doc<'_> {
    pub(super) fn cue_hit(&self, i: usize) -> Option<(Hit, usize)> {
        let hi = *self.cue_at.get(i)?;
        if hi == NONE {
            return None;
        }
        let h = *self.hits.get(hi as usize)?;
        match h.payload {
            Payload::Cue(c) => Some((h, c as usize)),
            _ => None,
        }
    }

    pub(super) fn is_cue_verb(&self, i: usize) -> bool {
        self.cue_hit(i).is_some_and(|(_, c)| {
            self.pack
                .cues
                .get(c)
                .is_some_and(|e| e.class == CueClass::Verb)
        })
    }

    /// The cue's text without its conjunction prefix, and its span.
    pub(super) fn cue_text(&self, h: &Hit) -> (String, (usize, usize)) {
        let (s, e) = self.span(h.start, h.end);
        let mut s2 = s;
        if h.prefix > 0 {
            // skip the prefix letters (and any diacritics on them), reading
            // the cue's characters once
            let mut cs = self.chars(s - self.base, e - self.base).chars().peekable();
            let mut letters = 0;
            while letters < h.prefix as usize {
                let Some(c) = cs.next() else { break };
                if crate::token::fold(c).is_some() {
                    letters += 1;
                }
                s2 += 1;
            }
            // drop diacritics that still hang on the prefix
            while cs.next_if(|&c| crate::token::fold(c).is_none()).is_some() {
                s2 += 1;
            }
        }
        (
            self.chars(s2 - self.base, e - self.base).to_string(),
            (s2, e),
        )
    }

    pub(super) fn class_name(&self, i: usize) -> &'static str {
        for name in crate::compile::WORD_CLASSES {
            if let Some(b) = crate::compile::class_bit(name)
                && self.has(i, b)
            {
                return name;
            }
        }
        "word"
    }

    pub(super) fn speaker(&self, a: usize, b: usize) -> SpeakerDraft {
        let vague = !self.named_after(b)
            && (self.indefinite_head(a, b)
                || (a..b).any(|i| self.has(i, bit!("vague")))
                    && match self.pack.grammar.order {
                        Order::Vso => self.has(a, bit!("vague")),
                        // "Republican officials", "two U.S. officials", "one
                        // Democratic source": vague (a capital after a
                        // lower-case word of the phrase only describes
                        // the head); "White House officials", "Jeffrey
                        // Trimble, a senior official", "officials at
                        // Acme": named
                        Order::Svo => {
                            let head = (a..b).find(|&i| self.has(i, bit!("vague"))).unwrap_or(a);
                            let name = |i: usize| {
                                self.t.toks[i].upper
                                    && !self.has(i, bit!("vague"))
                                    && !self.has(i, bit!("determiner"))
                            };
                            let leading = (a..head)
                                .take_while(|&i| {
                                    self.t.toks[i].upper && !self.has(i, bit!("determiner"))
                                })
                                .count();
                            // "Smith, a spokesman": a capitalized word set off
                            // by a comma is a name in apposition
                            let apposed = leading > 0
                                && a + leading < head
                                && matches!(self.punct(a + leading), Some(',' | '،'));
                            !(apposed || (a + 1..a + leading).any(name) || (head + 1..b).any(name))
                        }
                    });
        let kind = if vague {
            SpeakerKind::Unnamed
        } else {
            self.kind_of(a, b)
        };
        SpeakerDraft {
            name: self.text_of(a, b),
            span: self.span(a, b),
            kind,
            key: self.key_of(a, b),
            implicit: false,
            vague,
        }
    }

    /// A named speaker's kind, told by the head of its noun phrase [a, b):
    /// the first word in Arabic (an office there is a person: «وزير
    /// الخارجية»، «المتحدث باسم الحكومة»; an institution before any
    /// preposition an organization: «قوات الجيش», not «أستاذ في جامعة
    /// القاهرة»), the last word before a preposition, relative or mark in
    /// English ("the National Weather Service", "the Federal Bureau of
    /// Prisons", not "a fund manager at a firm" or "House Speaker Paul
    /// Ryan").
    fn kind_of(&self, a: usize, b: usize) -> SpeakerKind {
        let ends_head = |i: usize| {
            !self.is_word(i)
                || self.has(
                    i,
                    bit!("boundary") | bit!("soft_boundary") | bit!("relative"),
                )
        };
        let organization = match self.pack.grammar.order {
            Order::Vso => {
                if self.has(a, bit!("office") | bit!("title")) {
                    return SpeakerKind::Person;
                }
                (a..b)
                    .take_while(|&i| !ends_head(i))
                    .any(|i| self.has(i, bit!("organization")))
            }
            Order::Svo => {
                let mut head = (a..b).take_while(|&i| !ends_head(i)).last().unwrap_or(a);
                // "a memo seen by", "records reviewed by": past a participle
                while head > a && self.participle_after_noun(head) {
                    head -= 1;
                }
                self.has(head, bit!("organization"))
            }
        };
        if organization {
            SpeakerKind::Organization
        } else if (a..b).any(|i| self.has(i, bit!("group"))) {
            SpeakerKind::Group
        } else {
            SpeakerKind::Person
        }
    }

    /// English: word `i` is a lower-case past participle no list names
    /// ("published", "seen"), describing the noun before it.
    fn participle_after_noun(&self, i: usize) -> bool {
        let w = self.norm(i);
        !self.t.toks[i].upper
            && self.cls_of(i) == 0
            && self.is_word(i - 1)
            && (w.ends_with("ed") || w.ends_with("en"))
    }

    /// The noun phrase [a, b) starts with an indefinite head: a partitive
    /// («أحد المطورين»، «عدد من المحللين», "one of"), or a singular noun
    /// with no definite word after it («سيدة من المودعين»).
    pub(super) fn indefinite_head(&self, a: usize, b: usize) -> bool {
        if a >= b {
            return false;
        }
        if self.has(a, bit!("partitive")) {
            return true;
        }
        self.has(a, bit!("indefinite")) && (a + 1 >= b || !self.norm(a + 1).starts_with("ال"))
    }

    /// A naming word follows the noun phrase that ends before `b`: «سيدة من
    /// المودعين، تدعى منى» names the source. Folded «تدعى» is also «تدعي»
    /// ("she claims"): the naming word must follow a comma.
    pub(super) fn named_after(&self, b: usize) -> bool {
        b < self.n()
            && self.punct(b).is_some_and(|c| matches!(c, '،' | ','))
            && self.has(b + 1, bit!("naming"))
            && self.is_word(b + 2)
            && !self.has(b + 2, bit!("ma"))
    }

    /// A naming word right after a comma («، تدعى منى فتحي»), not the verb
    /// «تدعي» ("claims") nor its hedge.
    pub(super) fn naming_at(&self, i: usize) -> bool {
        i > 0 && self.has(i, bit!("naming")) && self.named_after(i - 1)
    }

    /// Drop the first `n` letters (a clitic: «و»، «ل») from a speaker's name,
    /// span and key, with any diacritics on them.
    pub(super) fn drop_letters(&self, sp: &mut SpeakerDraft, n: usize) {
        let (s0, s1) = sp.span;
        let word: Vec<char> = self.chars(s0 - self.base, s1 - self.base).chars().collect();
        let mut letters = 0;
        let mut skip = 0;
        for &c in &word {
            if letters == n && (crate::token::fold(c).is_some() && c != '\u{0640}') {
                break;
            }
            if crate::token::fold(c).is_some() && c != '\u{0640}' {
                letters += 1;
            }
            skip += 1;
        }
        if s1 > s0 + skip {
            sp.span = (s0 + skip, s1);
            sp.name = self
                .chars(s0 + skip - self.base, s1 - self.base)
                .to_string();
            sp.key = sp.key.chars().skip(n).collect();
        }
    }

    pub(super) fn lex(&self, section: &str, entry: &str) -> String {
        format!("{}:{}:{}", self.pack.language, section, entry)
    }

    /// Notes a lexicon entry in `lexicon` under `--explain` (the entries
    /// are shown nowhere else, so they are not formatted otherwise).
    pub(super) fn note_lex(&self, lexicon: &mut Vec<String>, section: &str, entry: &str) {
        if self.explain {
            lexicon.push(self.lex(section, entry));
        }
    }

    pub(super) fn new_draft(
        &self,
        rule: &'static str,
        h: Option<(&Hit, usize)>,
        content: (usize, usize),
    ) -> Draft {
        let (cue, stance, mut lexicon, cue_tok, mut hedges) = match h {
            Some((h, ci)) => {
                let e = &self.pack.cues[ci];
                let (text, span) = self.cue_text(h);
                let mut hedges = Vec::new();
                if let Some(k) = e.hedge {
                    hedges.push((span, k));
                }
                let mut lexicon = Vec::new();
                self.note_lex(&mut lexicon, "cue", &e.lemma);
                (
                    Some((text, e.lemma.clone(), span)),
                    e.stance,
                    lexicon,
                    h.start,
                    hedges,
                )
            }
            None => (None, Stance::None, Vec::new(), content.0, Vec::new()),
        };
        if !hedges.is_empty() {
            let lemma = cue.as_ref().map(|c| c.1.as_str()).unwrap_or_default();
            self.note_lex(&mut lexicon, "cue.hedge", lemma);
        }
        hedges.sort_by_key(|h| h.0);
        Draft {
            speaker: None,
            cue,
            content: self.span(content.0, self.trim_end(content.0, content.1)),
            content_text: String::new(),
            hedge_texts: Vec::new(),
            quote: self.quote_kind(content.0, content.1),
            attribution: Attribution::Attributed,
            stance,
            hedges,
            rule,
            lexicon,
            steps: self.new_steps(),
            cue_tok,
            speaker_tok: None,
            chained: true,
            ctoks: (content.0, self.trim_end(content.0, content.1)),
        }
    }

    pub(super) fn set_speaker(&self, d: &mut Draft, sp: SpeakerDraft) {
        d.attribution = if sp.vague {
            Attribution::Vague
        } else {
            Attribution::Attributed
        };
        if sp.vague {
            self.note_lex(&mut d.lexicon, "words.vague", &sp.key);
        }
        d.speaker = Some(sp);
    }

    /// Skip from `k` to where the content starts: past outlets, channels,
    /// times and commas, to a complementizer, colon or quote (within reach);
    /// returns the first content token.
    pub(super) fn content_start(&self, k: usize, b: usize, steps: &mut Steps) -> usize {
        let reach = if self.pack.grammar.order == Order::Svo {
            5
        } else {
            14
        };
        let limit = (k + reach).min(b);
        // «نفى المتحدث وجود ...»: the subject ended at a word that starts
        // the content; a complementizer further on belongs to a later clause
        if k < b && self.has(k, bit!("content_start")) {
            steps.note(|| {
                format!(
                    "content starts at «{}», an object that opens the content",
                    self.text_of(k, k + 1)
                )
            });
            return k;
        }
        let mut j = k;
        // where the content starts when nothing introduces it: after the
        // subject, or after a quoted audience («أكد شهود لـ"رويترز" سماع»)
        let mut after = k;
        while j < limit {
            if self.has(j, bit!("complementizer")) {
                let end = self.class_end(j, bit!("complementizer")).unwrap_or(j + 1);
                // keep «أنه»: the pronoun is part of the content
                let bare = matches!(self.norm(j), "ان" | "بان" | "وان" | "that" | "فان" | "لان")
                    || end > j + 1;
                steps.note(|| {
                    format!(
                        "content starts at the complementizer «{}»",
                        self.text_of(j, end)
                    )
                });
                // English content keeps its "that" (as PolNeAR marks it)
                return if bare && self.pack.grammar.order == Order::Vso {
                    end
                } else {
                    j
                };
            }
            if let Some(c) = self.punct(j) {
                if c == ':' {
                    steps.note(|| "content starts after the colon".to_string());
                    return j + 1;
                }
                if self.is_open_quote(c) && self.qclose[j] != NONE {
                    let close = self.qclose[j] as usize;
                    if self.quoted_audience(j, close, b) {
                        j = close + 1;
                        after = j;
                        continue;
                    }
                    steps.note(|| "content starts at the quotation".to_string());
                    return j;
                }
            }
            j += 1;
        }
        let mut j = after;
        loop {
            while j < b
                && self
                    .punct(j)
                    .is_some_and(|c| matches!(c, '،' | ',' | '-' | '–' | '—'))
            {
                j += 1;
            }
            // «وأعلنت الشركة أمس عن أرباح»: a time word after the subject is
            // when it was said, not what
            if j < b && self.has(j, bit!("time")) {
                j = self.class_end(j, bit!("time")).unwrap_or(j + 1);
                continue;
            }
            break;
        }
        steps.note(|| "content: the rest of the sentence".to_string());
        j
    }

    /// «وقالت مصادر لـ"العربية" إن»: the quotation `open..=close` is a
    /// short name after «لـ» (or an outlet word), with words after it: it
    /// names who the words were said to, and the content starts after it.
    fn quoted_audience(&self, open: usize, close: usize, b: usize) -> bool {
        open > 0
            && (self.t.toks[open - 1].lam_tatweel || self.has(open - 1, bit!("lam_outlet")))
            && (1..=4).contains(&self.words_in(open + 1, close))
            && close + 1 < b
    }

    /// `intro_within` for a cue that needs its content introduced: the
    /// introduction must come before the next verb cue, which would own it
    /// («وندد العمال بالتأخير، وهدد الاتحاد بأنه ...»: «بأنه» is «هدد»'s).
    pub(super) fn own_intro_within(&self, k: usize, b: usize, reach: usize) -> bool {
        let end = (k..(k + reach).min(b))
            .find(|&j| {
                self.cue_hit(j).is_some_and(|(h, c)| {
                    self.pack
                        .cues
                        .get(c)
                        .is_some_and(|e| e.class == CueClass::Verb)
                        && self.cue_allowed(&h, c, k)
                })
            })
            .unwrap_or(b);
        self.intro_within(k, end, reach)
    }

    /// A complementizer, colon or paired quote within reach of `k`.
    pub(super) fn intro_within(&self, k: usize, b: usize, reach: usize) -> bool {
        (k..(k + reach).min(b)).any(|j| {
            self.has(j, bit!("complementizer"))
                || self
                    .punct(j)
                    .is_some_and(|c| c == ':' || (self.is_open_quote(c) && self.qclose[j] != NONE))
        })
    }
}
