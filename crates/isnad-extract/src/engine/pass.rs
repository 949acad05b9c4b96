//! The pass over a chunk: sentence by sentence, the verb-first rules then the
//! subject-first ones (`svo.rs`), and cutting chained contents.

use isnad_model::QuoteKind;

use super::{Carry, Doc, Draft, NONE, PRONOUN_MA};
use crate::compile::bit;
use crate::lexicon::{CueClass, Order};

impl Doc<'_> {
    /// Run the rules over every sentence of the chunk.
    pub(crate) fn run(&self, carry: &mut Carry) -> Vec<Draft> {
        let mut out = Vec::new();
        let mut skip_until = 0;
        for (a, b) in self.sentences() {
            if a < skip_until {
                continue;
            }
            // a heading «X: ...» is one line, whatever marks it holds
            if a == 0 || self.is_break(a - 1) {
                let mut le = a;
                while le < self.n() && !self.is_break(le) {
                    le += 1;
                }
                if !self.is_link_line(a)
                    && let Some(d) = self.headline_colon(a, le, carry)
                {
                    let mut ds = vec![d];
                    self.hedges(a, le, &mut ds);
                    out.append(&mut ds);
                    skip_until = le;
                    continue;
                }
            }
            let mut ds = match self.pack.grammar.order {
                Order::Vso => self.sentence_vso(a, b, carry),
                Order::Svo => self.sentence_svo(a, b, carry),
            };
            // a quotation that goes on in the next sentence without a cue
            // belongs to the claim before it
            if ds.is_empty()
                && let Some(close) = self
                    .qclose
                    .get(a)
                    .copied()
                    .filter(|&c| c != NONE)
                    .map(|c| c as usize)
                && close < b
                && self.words_in(close + 1, b) == 0
                && let Some(prev) = out.last_mut()
                && prev.speaker.is_some()
                && matches!(prev.quote, QuoteKind::Direct | QuoteKind::Mixed)
                // the quotation follows the claim's own sentence: «"A," said X,
                // speaking of Y. "B."»
                && prev.ctoks.1 + 40 >= a
                && (!self.paragraph_between(prev.ctoks.1, a) || prev.ctoks.1 + 3 >= a)
            {
                prev.ctoks.1 = close + 1;
                prev.content = (prev.content.0, self.span(close, close + 1).1);
                prev.steps
                    .note(|| "the quotation goes on in the next sentence".into());
                self.hedges(a, b, &mut ds);
                if let Some(prev) = out.last_mut() {
                    // hedges of the continuation belong to the claim
                    for d in ds.drain(..) {
                        prev.hedges.extend(d.hedges);
                    }
                }
                continue;
            }
            self.hedges(a, b, &mut ds);
            out.append(&mut ds);
        }
        for d in out.iter_mut() {
            // (lexicon entries are noted only under `--explain`)
            d.content_text = self
                .chars(d.content.0 - self.base, d.content.1 - self.base)
                .to_string();
            d.hedge_texts = d
                .hedges
                .iter()
                .map(|(h, _)| self.chars(h.0 - self.base, h.1 - self.base).to_string())
                .collect();
        }
        out
    }

    /// A paragraph break stands between tokens `x` and `y`.
    fn paragraph_between(&self, x: usize, y: usize) -> bool {
        (x..y).any(|i| {
            matches!(
                self.t.toks.get(i).map(|t| t.kind),
                Some(crate::token::Kind::Break(true))
            )
        })
    }

    pub(super) fn sentence_vso(&self, a: usize, b: usize, carry: &mut Carry) -> Vec<Draft> {
        let mut ds: Vec<Draft> = Vec::new();
        if self.is_link_line(a) {
            return ds;
        }
        // no heading «X: ...» here: a heading is a whole line, and `run`
        // tried each line before its sentences (a sentence that is not a
        // whole line is no heading)
        let mut i = a;
        while i < b {
            let Some((h, ci)) = self.cue_hit(i) else {
                i += 1;
                continue;
            };
            let e = &self.pack.cues[ci];
            let next = h.end.max(i + 1);
            if self.blocked[i] || !self.cue_allowed(&h, ci, a) {
                i = next;
                continue;
            }
            let made = match e.class {
                CueClass::Verb => self.vso_verb(&h, ci, a, b, carry, &ds),
                // «وتابع قائلًا: ...»: a participle right after the verb of
                // a claim says the same thing through the same cue
                CueClass::Participle
                    if ds.last().is_some_and(|d| {
                        d.cue_tok + 1 == h.start && self.is_cue_verb(d.cue_tok)
                    }) =>
                {
                    None
                }
                CueClass::Participle => self.participle(&h, ci, b, carry, &ds),
                CueClass::Source => {
                    // «وأكدت الهيئة ... على لسان المتحدث أن»: the phrase sits
                    // between a claim's cue and its content
                    if ds
                        .iter()
                        .any(|d| d.cue_tok < h.start && d.ctoks.0 > h.start)
                    {
                        None
                    } else {
                        self.source_phrase(&h, ci, a, b, carry)
                    }
                }
                CueClass::Impersonal => self.impersonal(&h, ci, a, b),
                // no verb-first pack has statement nouns yet
                CueClass::Noun => None,
            };
            if let Some(d) = made {
                ds.push(d);
            }
            i = next;
        }
        self.cut_chains(&mut ds);
        ds
    }

    pub(super) fn sentence_svo(&self, a: usize, b: usize, carry: &mut Carry) -> Vec<Draft> {
        crate::svo::sentence(self, a, b, carry)
    }

    /// A verb-first claim whose subject or cue follows a complementizer
    /// («وأن بعضهم ادعى»): it is part of the content around it.
    fn nested_clause(&self, n: &Draft) -> bool {
        let t = n.speaker_tok.unwrap_or(n.cue_tok).min(n.cue_tok);
        self.pack.grammar.order == Order::Vso
            && t > 0
            && self.has(t - 1, bit!("complementizer"))
            && !n.rule.ends_with("secondary-cue")
    }

    /// "Critics argue X, while supporters say Y": the claim's speaker
    /// opens a clause of its own after a comma and a word that ends a
    /// clause (`clause_end`: "while", "but" ...), so it is not part of the
    /// content before it.
    fn after_contrast(&self, n: &Draft) -> bool {
        n.speaker_tok.is_some_and(|s| {
            s >= 2
                && s < n.cue_tok
                && self.has(s - 1, bit!("clause_end"))
                && matches!(self.punct(s - 2), Some(',' | ';'))
        })
    }

    /// A later claim of the same sentence ends the content of the one
    /// before it.
    pub(super) fn cut_chains(&self, ds: &mut [Draft]) {
        ds.sort_by_key(|d| d.cue_tok);
        for i in 0..ds.len() {
            if !ds[i].chained {
                continue;
            }
            let Some(next) = ds[i + 1..]
                .iter()
                .find(|n| {
                    // «اتهمت المعارضة الحكومة بـ...، وهو ما نفته الوزارة»:
                    // the clause of «وهو ما» is the next claim's, which
                    // reports the one before it (not chained to it)
                    (n.chained || n.rule == PRONOUN_MA)
                        && n.cue_tok > ds[i].ctoks.0
                        && n.cue_tok < ds[i].ctoks.1
                        // English content holds nested attributions ("said he
                        // expected ..."); only a participle or a new clause
                        // after «;» ends it
                        // «أوضحت النيابة أن ...، وأن بعضهم ادعى ...»: a claim
                        // inside a complementizer clause is nested, not next
                        && !self.nested_clause(n)
                        // a claim inside a quotation that the content opens
                        // is part of it («قال: «أُبلغ الشعب أننا ...»»)
                        && !self.quote_open_around(ds[i].ctoks.0, n.cue_tok)
                        && (self.pack.grammar.order == Order::Vso
                            || n.rule.ends_with("secondary-cue")
                            || n.ctoks.0 < n.cue_tok
                            || (n.cue_tok > 0 && self.punct(n.cue_tok - 1) == Some(';'))
                            || self.after_contrast(n))
                })
                .map(|n| {
                    if n.rule == PRONOUN_MA {
                        // its content ends before the pronoun
                        return n.ctoks.1.max(ds[i].ctoks.0 + 1);
                    }
                    n.cue_tok
                        .min(n.speaker_tok.unwrap_or(usize::MAX))
                        .max(ds[i].ctoks.0 + 1)
                })
            else {
                continue;
            };
            let mut e = next;
            while e > ds[i].ctoks.0
                && (self.punct(e - 1).is_some()
                    && !self.punct(e - 1).is_some_and(|c| self.is_quote(c))
                    || self.has(e - 1, bit!("conjunction"))
                    || self.has(e - 1, bit!("clause_end"))
                    || matches!(self.norm(e - 1), "و" | "كما" | "and"))
            {
                e -= 1;
            }
            if e > ds[i].ctoks.0 {
                ds[i].ctoks.1 = e;
                ds[i].content = self.span(ds[i].ctoks.0, e);
                ds[i].quote = self.quote_kind(ds[i].ctoks.0, e);
            }
        }
    }
}
