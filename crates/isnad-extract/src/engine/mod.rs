//! The rules: one pass over a tokenized chunk of text, sentence by sentence,
//! turning cue and hedge hits into claim drafts.

use isnad_model::{Attribution, HedgeKind, QuoteKind, SpeakerKind, Stance};

use crate::compile::{ClassSet, Compiled, Hit, Payload, bit};
use crate::lexicon::CueClass;
use crate::token::{Kind, Tokens};
pub(crate) use explain::{Steps, reason};

mod assemble;
mod explain;
mod hedges;
mod pass;
mod quotes;
mod rules;
mod scratch;
mod sources;
mod spans;
mod speaker;
mod verb_first;

/// A speaker as found.
#[derive(Debug, Clone)]
pub(crate) struct SpeakerDraft {
    pub name: String,
    pub span: (usize, usize),
    pub kind: SpeakerKind,
    pub key: String,
    pub implicit: bool,
    pub vague: bool,
}

impl SpeakerDraft {
    /// This mention (a pronoun, a possessive) stands for `last`: it keeps
    /// its own span and takes the other's name, key, kind and vagueness.
    pub(crate) fn refer_to(&mut self, last: SpeakerDraft) {
        self.name = last.name;
        self.key = last.key;
        self.kind = last.kind;
        self.vague = last.vague;
        self.implicit = true;
    }
}

/// A claim before ids and passages are attached.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub speaker: Option<SpeakerDraft>,
    /// (text, lemma, span)
    pub cue: Option<(String, String, (usize, usize))>,
    pub content: (usize, usize),
    /// The content's text (filled at the end of the chunk's pass).
    pub content_text: String,
    /// Each hedge's text, in the order of `hedges`.
    pub hedge_texts: Vec<String>,
    pub quote: QuoteKind,
    pub attribution: Attribution,
    pub stance: Stance,
    pub hedges: Vec<((usize, usize), HedgeKind)>,
    /// The rule's name, without the pack's language (added on output).
    pub rule: &'static str,
    /// Lexicon entries used (`lang:section:entry`), only under `--explain`.
    pub lexicon: Vec<String>,
    pub steps: Steps,
    /// Token index of the cue start (for ordering inside a sentence).
    cue_tok: usize,
    /// Token index of the speaker's first word, when it is in this sentence.
    pub speaker_tok: Option<usize>,
    /// Whether a later claim in the same sentence may cut this content.
    chained: bool,
    /// Content token range.
    ctoks: (usize, usize),
}

/// State carried across sentences and chunks.
#[derive(Debug, Default, Clone)]
pub(crate) struct Carry {
    pub last: Option<SpeakerDraft>,
}

pub(crate) struct Doc<'a> {
    text: &'a str,
    /// code point offset of the chunk in the whole text
    base: usize,
    /// byte index of each code point of the chunk (and one past the end)
    bidx: Vec<u32>,
    t: Tokens,
    hits: Vec<Hit>,
    cls: Vec<ClassSet>,
    /// class bits of class phrases that end right before each token
    cls_end: Vec<ClassSet>,
    pack: &'a Compiled,
    cue_at: Vec<u32>,
    hedge_at: Vec<u32>,
    qclose: Vec<u32>,
    blocked: Vec<bool>,
    /// Each token's word id in the pack's patterns (kept for the buffer).
    ids: Vec<Option<u32>>,
    /// Keep the explanation steps.
    pub(crate) explain: bool,
    /// The words right after a verb cue (subjects), as (hash of the
    /// matching form, token index) sorted; built when first asked for.
    after_cue: std::cell::OnceCell<Vec<(u64, u32)>>,
}

const NONE: u32 = u32::MAX;

/// The rule of «..., وهو ما نفته الوزارة»: its claim's content is the clause
/// before the pronoun, which ends the content of a claim there.
const PRONOUN_MA: &str = "pronoun-ma-verb";

impl Drop for Doc<'_> {
    /// The chunk's buffers go back to the thread for the next chunk.
    fn drop(&mut self) {
        use std::mem::take;
        scratch::give(Box::new(scratch::Scratch {
            bidx: take(&mut self.bidx),
            t: take(&mut self.t),
            hits: take(&mut self.hits),
            cls: take(&mut self.cls),
            cls_end: take(&mut self.cls_end),
            cue_at: take(&mut self.cue_at),
            hedge_at: take(&mut self.hedge_at),
            qclose: take(&mut self.qclose),
            blocked: take(&mut self.blocked),
            ids: take(&mut self.ids),
        }));
    }
}

impl<'a> Doc<'a> {
    pub(crate) fn new(text: &'a str, base: usize, pack: &'a Compiled) -> Doc<'a> {
        let scratch::Scratch {
            mut bidx,
            mut t,
            mut hits,
            mut cls,
            mut cls_end,
            mut cue_at,
            mut hedge_at,
            mut qclose,
            mut blocked,
            mut ids,
        } = *scratch::take();
        t.refill(text, &mut bidx);
        pack.scan_into(&t, &mut hits, &mut cls, &mut ids);
        let n = t.len();
        scratch::fill(&mut cue_at, n, NONE);
        scratch::fill(&mut hedge_at, n, NONE);
        scratch::fill(&mut blocked, n, false);
        scratch::fill(&mut cls_end, n + 1, 0);
        scratch::fill(&mut qclose, n, NONE);
        for (hi, h) in hits.iter().enumerate() {
            if let Payload::Class(b) = h.payload
                && let Some(c) = cls_end.get_mut(h.end)
            {
                *c |= b;
            }
            match h.payload {
                Payload::Cue(_) => {
                    if cue_at[h.start] == NONE {
                        cue_at[h.start] = hi as u32;
                    }
                }
                Payload::Hedge(_) => {
                    if hedge_at[h.start] == NONE {
                        hedge_at[h.start] = hi as u32;
                    }
                }
                Payload::Class(b) if b == bit!("not_cue") => {
                    for x in blocked.iter_mut().take(h.end).skip(h.start) {
                        *x = true;
                    }
                }
                Payload::Class(_) => {}
            }
        }
        let mut d = Doc {
            text,
            base,
            bidx,
            t,
            hits,
            cls,
            cls_end,
            pack,
            cue_at,
            hedge_at,
            qclose,
            blocked,
            ids,
            after_cue: std::cell::OnceCell::new(),
            explain: false,
        };
        d.pair_quotes();
        d
    }

    fn n(&self) -> usize {
        self.t.len()
    }

    fn norm(&self, i: usize) -> &str {
        self.t.norm(i)
    }

    fn has(&self, i: usize, b: ClassSet) -> bool {
        self.cls.get(i).is_some_and(|c| c & b != 0)
    }

    /// A class phrase ends right before token `i`.
    fn ends_before(&self, i: usize, b: ClassSet) -> bool {
        self.cls_end.get(i).is_some_and(|c| c & b != 0)
    }

    fn is_word(&self, i: usize) -> bool {
        self.t.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.t.toks.get(i).map(|t| t.kind) {
            Some(Kind::Punct(c)) => Some(c),
            _ => None,
        }
    }

    /// An empty explanation trail (kept only under `--explain`).
    pub(crate) fn new_steps(&self) -> Steps {
        Steps::new(self.explain)
    }

    /// A trail whose first step is `text` (built only under `--explain`).
    pub(crate) fn steps_with(&self, text: impl FnOnce() -> String) -> Steps {
        let mut s = self.new_steps();
        s.note(text);
        s
    }

    fn is_break(&self, i: usize) -> bool {
        matches!(self.t.toks.get(i).map(|t| t.kind), Some(Kind::Break(_)))
    }
}

/// Accessors used by the subject-first rules (`svo.rs`).
impl Doc<'_> {
    pub(crate) fn w(&self, i: usize) -> bool {
        self.is_word(i)
    }
    pub(crate) fn nm(&self, i: usize) -> &str {
        self.norm(i)
    }
    pub(crate) fn pu(&self, i: usize) -> Option<char> {
        self.punct(i)
    }
    pub(crate) fn cls(&self, i: usize, b: ClassSet) -> bool {
        self.has(i, b)
    }
    /// Every word class of token `i` (0: a word no list names).
    pub(crate) fn cls_of(&self, i: usize) -> ClassSet {
        self.cls.get(i).copied().unwrap_or(0)
    }
    /// The cue reports only when its content is introduced («needs_intro»)
    /// and nothing introduces it within `reach` tokens after `k`.
    pub(crate) fn lacks_intro(&self, ci: usize, k: usize, b: usize, reach: usize) -> bool {
        self.pack.cues.get(ci).is_some_and(|c| c.needs_intro) && !self.intro_within(k, b, reach)
    }
    /// The end of a capitalized name that opens the sentence holding `i`.
    pub(crate) fn leading_name_end(&self, i: usize) -> Option<usize> {
        self.leading_name(i)
    }
    /// A phrase of the class ends right before token `i`.
    pub(crate) fn cls_ends_before(&self, i: usize, b: ClassSet) -> bool {
        self.ends_before(i, b)
    }
    /// The end of the longest class phrase that starts at token `i`.
    pub(crate) fn cls_end(&self, i: usize, b: ClassSet) -> Option<usize> {
        self.class_end(i, b)
    }
    pub(crate) fn upper(&self, i: usize) -> bool {
        self.t.toks.get(i).is_some_and(|t| t.upper)
    }
    pub(crate) fn qclose_of(&self, i: usize) -> Option<usize> {
        self.qclose
            .get(i)
            .and_then(|&c| if c == NONE { None } else { Some(c as usize) })
    }
    pub(crate) fn quote_mark(&self, c: char) -> bool {
        self.is_quote(c)
    }
    pub(crate) fn open_mark(&self, c: char) -> bool {
        self.is_open_quote(c)
    }
    pub(crate) fn cue_of(&self, i: usize) -> Option<(Hit, usize)> {
        if self.blocked.get(i).copied().unwrap_or(true) {
            return None;
        }
        let (h, ci) = self.cue_hit(i)?;
        if !self.cue_allowed(&h, ci, 0) {
            return None;
        }
        Some((h, ci))
    }
    /// The lemma of cue entry `ci`.
    pub(crate) fn cue_lemma(&self, ci: usize) -> &str {
        self.pack.cues.get(ci).map_or("", |c| c.lemma.as_str())
    }
    /// The stance of cue entry `ci`.
    pub(crate) fn cue_stance(&self, ci: usize) -> isnad_model::Stance {
        self.pack
            .cues
            .get(ci)
            .map_or(isnad_model::Stance::None, |c| c.stance)
    }
    pub(crate) fn cue_class(&self, ci: usize) -> CueClass {
        self.pack.cues.get(ci).map(|c| c.class).unwrap_or_default()
    }
    pub(crate) fn link_line(&self, a: usize) -> bool {
        self.is_link_line(a)
    }
    pub(crate) fn headline(&self, a: usize, b: usize, carry: &mut Carry) -> Option<Draft> {
        self.headline_colon(a, b, carry)
    }
    pub(crate) fn draft(
        &self,
        rule: &'static str,
        h: Option<(&Hit, usize)>,
        content: (usize, usize),
    ) -> Draft {
        self.new_draft(rule, h, content)
    }
    pub(crate) fn make_speaker(&self, a: usize, b: usize) -> SpeakerDraft {
        self.speaker(a, b)
    }
    pub(crate) fn put_speaker(&self, d: &mut Draft, sp: SpeakerDraft) {
        self.set_speaker(d, sp)
    }
    pub(crate) fn txt(&self, a: usize, b: usize) -> String {
        self.text_of(a, b)
    }
    pub(crate) fn tspan(&self, a: usize, b: usize) -> (usize, usize) {
        self.span(a, b)
    }
    pub(crate) fn start_content(&self, k: usize, b: usize, steps: &mut Steps) -> usize {
        self.content_start(k, b, steps)
    }
    pub(crate) fn tend(&self, a: usize, b: usize) -> usize {
        self.trim_end(a, b)
    }
    pub(crate) fn qkind(&self, a: usize, b: usize) -> QuoteKind {
        self.quote_kind(a, b)
    }
    pub(crate) fn words(&self, a: usize, b: usize) -> usize {
        self.words_in(a, b)
    }
    pub(crate) fn cue_verb(&self, i: usize) -> bool {
        self.is_cue_verb(i)
    }
    pub(crate) fn chains(&self, ds: &mut [Draft]) {
        self.cut_chains(ds)
    }
    pub(crate) fn impersonal_at(&self, h: &Hit, ci: usize, a: usize, b: usize) -> Option<Draft> {
        self.impersonal(h, ci, a, b)
    }
    pub(crate) fn n_tokens(&self) -> usize {
        self.n()
    }
    pub(crate) fn is_break_tok(&self, i: usize) -> bool {
        self.is_break(i)
    }
    pub(crate) fn participle_at(
        &self,
        h: &Hit,
        ci: usize,
        b: usize,
        carry: &mut Carry,
        prior: &[Draft],
    ) -> Option<Draft> {
        self.participle(h, ci, b, carry, prior)
    }
    pub(crate) fn source_at(
        &self,
        h: &Hit,
        ci: usize,
        a: usize,
        b: usize,
        carry: &mut Carry,
    ) -> Option<Draft> {
        self.source_phrase(h, ci, a, b, carry)
    }
}

impl Draft {
    /// First code point of the claim: its speaker (when written in this
    /// sentence), cue or content.
    pub(crate) fn claim_start(&self) -> usize {
        let mut s = self.content.0;
        if let Some(c) = &self.cue {
            s = s.min(c.2.0);
        }
        if let Some(sp) = &self.speaker
            && !sp.implicit
        {
            s = s.min(sp.span.0);
        }
        s
    }

    pub(crate) fn set_content(&mut self, doc: &Doc<'_>, a: usize, b: usize) {
        let e = doc.tend(a, b);
        self.ctoks = (a, e);
        self.content = doc.tspan(a, e);
        self.quote = doc.qkind(a, b);
    }
    pub(crate) fn set_chained(&mut self, c: bool) {
        self.chained = c;
    }
}
