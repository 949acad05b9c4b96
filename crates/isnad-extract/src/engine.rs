//! The rules: one pass over a tokenized chunk of text, sentence by sentence,
//! turning cue and hedge hits into claim drafts.

use isnad_model::{Attribution, HedgeKind, QuoteKind, SpeakerKind, Stance};

use crate::compile::{Compiled, Hit, Payload, bit};
use crate::lexicon::{CueClass, Order};
use crate::token::{Kind, Tokens};

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
    pub rule: String,
    pub lexicon: Vec<String>,
    pub steps: Vec<String>,
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
    bidx: Vec<usize>,
    t: Tokens,
    hits: Vec<Hit>,
    cls: Vec<u32>,
    /// class bits of class phrases that end right before each token
    cls_end: Vec<u32>,
    pack: &'a Compiled,
    cue_at: Vec<u32>,
    hedge_at: Vec<u32>,
    qclose: Vec<u32>,
    blocked: Vec<bool>,
    /// Keep the explanation steps.
    pub(crate) explain: bool,
    /// Matching forms of the words right after a verb cue (subjects).
    after_cue: std::collections::HashSet<String>,
}

const NONE: u32 = u32::MAX;

impl<'a> Doc<'a> {
    pub(crate) fn new(text: &'a str, base: usize, pack: &'a Compiled) -> Doc<'a> {
        let t = Tokens::new(text);
        let (hits, cls) = pack.scan(&t);
        let mut bidx: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bidx.push(text.len());
        let n = t.len();
        let mut cue_at = vec![NONE; n];
        let mut hedge_at = vec![NONE; n];
        let mut blocked = vec![false; n];
        let mut cls_end = vec![0u32; n + 1];
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
            qclose: vec![NONE; n],
            blocked,
            after_cue: std::collections::HashSet::new(),
            explain: false,
        };
        let after: std::collections::HashSet<String> = d
            .hits
            .iter()
            .filter(|h| matches!(h.payload, Payload::Cue(c) if pack.cues.get(c as usize).is_some_and(|e| e.class == CueClass::Verb)))
            .map(|h| d.t.norm(h.end).to_string())
            .collect();
        d.after_cue = after;
        d.pair_quotes();
        d
    }

    fn n(&self) -> usize {
        self.t.len()
    }

    fn norm(&self, i: usize) -> &str {
        self.t.norm(i)
    }

    fn has(&self, i: usize, b: u32) -> bool {
        self.cls.get(i).is_some_and(|c| c & b != 0)
    }

    /// A class phrase ends right before token `i`.
    fn ends_before(&self, i: usize, b: u32) -> bool {
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

    fn is_break(&self, i: usize) -> bool {
        matches!(self.t.toks.get(i).map(|t| t.kind), Some(Kind::Break(_)))
    }

    fn is_open_quote(&self, c: char) -> bool {
        let g = &self.pack.grammar;
        let s = c.to_string();
        g.quote_open.contains(&s) || g.quote_both.contains(&s)
    }

    fn is_quote(&self, c: char) -> bool {
        let g = &self.pack.grammar;
        let s = c.to_string();
        g.quote_open.contains(&s) || g.quote_close.contains(&s) || g.quote_both.contains(&s)
    }

    /// Pair quotation marks inside each line: an opening mark with the next
    /// closing one, straight marks two by two.
    fn pair_quotes(&mut self) {
        let g = &self.pack.grammar;
        let n = self.n();
        let mut line_start = 0;
        let mut i = 0;
        while i <= n {
            if i == n || self.is_break(i) {
                // pair inside [line_start, i)
                let mut open: Vec<usize> = Vec::new();
                let mut straight: Option<usize> = None;
                for k in line_start..i {
                    let Some(c) = self.punct(k) else { continue };
                    let s = c.to_string();
                    if g.quote_both.contains(&s) {
                        match straight.take() {
                            Some(o) => self.qclose[o] = k as u32,
                            None => straight = Some(k),
                        }
                    } else if g.quote_open.contains(&s) {
                        open.push(k);
                    } else if g.quote_close.contains(&s)
                        && let Some(o) = open.pop()
                    {
                        self.qclose[o] = k as u32;
                    }
                }
                line_start = i + 1;
            }
            i += 1;
        }
    }

    /// Sentences as token ranges: a line break ends one, and so does a
    /// terminal mark outside a paired quotation (closing marks right after it
    /// stay with the sentence).
    fn sentences(&self) -> Vec<(usize, usize)> {
        let n = self.n();
        let mut out = Vec::new();
        let mut a = 0;
        let mut i = 0;
        let mut quote_until: usize = 0;
        let mut paren = 0usize;
        while i < n {
            if self.is_break(i) {
                if i > a {
                    out.push((a, i));
                }
                a = i + 1;
                i += 1;
                paren = 0;
                continue;
            }
            match self.punct(i) {
                Some('(') => paren += 1,
                Some(')') => paren = paren.saturating_sub(1),
                _ => {}
            }
            if self.qclose[i] != NONE {
                quote_until = quote_until.max(self.qclose[i] as usize);
            }
            if let Some(c) = self.punct(i)
                && matches!(c, '.' | '!' | '?' | '؟' | '…')
                && i >= quote_until
                && paren == 0
                && !(c == '.' && i > a && self.is_abbrev(i - 1))
            {
                let mut j = i + 1;
                while j < n
                    && self.punct(j).is_some_and(|q| {
                        self.is_quote(q) && !self.is_open_quote_here(j)
                            || matches!(q, ')' | '.' | '!' | '?' | '’' | '\'')
                    })
                {
                    j += 1;
                }
                out.push((a, j));
                a = j;
                i = j;
                continue;
            }
            i += 1;
        }
        if a < n {
            out.push((a, n));
        }
        out
    }

    /// English: the end of a run of capitalized words that opens the
    /// sentence holding token `i` (a name as subject), if any.
    fn leading_name(&self, i: usize) -> Option<usize> {
        if self.pack.grammar.order != Order::Svo {
            return None;
        }
        let a = self.sentence_start_of(i);
        let mut e = a;
        while e < i
            && e - a < 5
            && self.is_word(e)
            && (self.t.toks[e].upper || self.has(e, bit!("abbreviation")))
            && !self.has(
                e,
                bit!("determiner")
                    | bit!("pronoun")
                    | bit!("clause_end")
                    | bit!("boundary")
                    | bit!("time")
                    | bit!("complementizer"),
            )
            && self.cue_at[e] == NONE
        {
            e += 1;
        }
        (e > a && self.is_word(e) && !self.t.toks[e].upper).then_some(e)
    }

    /// First token of the sentence that holds token `i` (back to a terminal
    /// mark or a line break).
    fn sentence_start_of(&self, i: usize) -> usize {
        let mut s = i;
        while s > 0
            && !self.is_break(s - 1)
            && !self
                .punct(s - 1)
                .is_some_and(|c| matches!(c, '.' | '!' | '?' | '؟'))
        {
            s -= 1;
        }
        s
    }

    fn is_open_quote_here(&self, i: usize) -> bool {
        self.qclose.get(i).is_some_and(|&c| c != NONE)
    }

    fn is_abbrev(&self, i: usize) -> bool {
        if !self.is_word(i) {
            return false;
        }
        if self.has(i, bit!("abbreviation")) {
            return true;
        }
        let t = self.t.toks[i];
        // a single capital letter: "J. Smith"
        t.end - t.start == 1 && t.upper
    }

    fn chars(&self, s: usize, e: usize) -> &str {
        let s = s.min(self.bidx.len().saturating_sub(1));
        let e = e.clamp(s, self.bidx.len().saturating_sub(1));
        self.text.get(self.bidx[s]..self.bidx[e]).unwrap_or("")
    }

    /// Code-point span (in the whole text) of tokens [a, b).
    fn span(&self, a: usize, b: usize) -> (usize, usize) {
        if b <= a || a >= self.n() {
            let p = self
                .t
                .toks
                .get(a)
                .map(|t| t.start)
                .unwrap_or_else(|| self.t.toks.last().map(|t| t.end).unwrap_or(0));
            return (self.base + p, self.base + p);
        }
        let b = b.min(self.n());
        (
            self.base + self.t.toks[a].start,
            self.base + self.t.toks[b - 1].end,
        )
    }

    fn text_of(&self, a: usize, b: usize) -> String {
        let (s, e) = self.span(a, b);
        self.chars(s - self.base, e - self.base).to_string()
    }

    fn key_of(&self, a: usize, b: usize) -> String {
        let mut k = String::new();
        for i in a..b {
            if self.is_word(i) {
                if !k.is_empty() {
                    k.push(' ');
                }
                k.push_str(self.norm(i));
            }
        }
        k
    }

    fn words_in(&self, a: usize, b: usize) -> usize {
        (a..b).filter(|&i| self.is_word(i)).count()
    }

    fn cue_hit(&self, i: usize) -> Option<(Hit, usize)> {
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

    fn is_cue_verb(&self, i: usize) -> bool {
        self.cue_hit(i).is_some_and(|(_, c)| {
            self.pack
                .cues
                .get(c)
                .is_some_and(|e| e.class == CueClass::Verb)
        })
    }

    /// The cue's text without its conjunction prefix, and its span.
    fn cue_text(&self, h: &Hit) -> (String, (usize, usize)) {
        let (s, e) = self.span(h.start, h.end);
        let mut s2 = s;
        if h.prefix > 0 {
            // skip the prefix letters (and any diacritics on them)
            let mut letters = 0;
            let mut p = s - self.base;
            let end = e - self.base;
            while p < end && letters < h.prefix as usize {
                let c = self.chars(p, p + 1).chars().next().unwrap_or(' ');
                if crate::token::fold(c).is_some() {
                    letters += 1;
                }
                p += 1;
            }
            // drop diacritics that still hang on the prefix
            while p < end
                && self
                    .chars(p, p + 1)
                    .chars()
                    .next()
                    .is_some_and(|c| crate::token::fold(c).is_none())
            {
                p += 1;
            }
            s2 = self.base + p;
        }
        (
            self.chars(s2 - self.base, e - self.base).to_string(),
            (s2, e),
        )
    }

    fn class_name(&self, i: usize) -> &'static str {
        for name in crate::compile::WORD_CLASSES {
            if let Some(b) = crate::compile::class_bit(name)
                && self.has(i, b)
            {
                return name;
            }
        }
        "word"
    }

    fn speaker(&self, a: usize, b: usize) -> SpeakerDraft {
        let vague = (a..b).any(|i| self.has(i, bit!("vague")))
            && match self.pack.grammar.order {
                Order::Vso => self.has(a, bit!("vague")),
                // "Republican officials": vague; "officials at Acme": named
                Order::Svo => !(a..b).any(|i| {
                    self.t.toks[i].upper
                        && !self.has(i, bit!("vague"))
                        && !self.has(i, bit!("determiner"))
                        && i != a
                }),
            };
        let kind = if vague {
            SpeakerKind::Unnamed
        } else if (a..b).any(|i| self.has(i, bit!("organization"))) {
            SpeakerKind::Organization
        } else if (a..b).any(|i| self.has(i, bit!("group"))) {
            SpeakerKind::Group
        } else {
            SpeakerKind::Person
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

    fn trim_end(&self, a: usize, mut b: usize) -> usize {
        while b > a
            && (self.is_break(b - 1)
                || self.punct(b - 1).is_some_and(|c| {
                    matches!(c, '.' | '،' | ',' | ':' | '؛' | ';' | '-' | '–' | '—' | '|')
                }))
        {
            b -= 1;
        }
        b
    }

    fn quote_kind(&self, a: usize, b: usize) -> QuoteKind {
        let b = self.trim_end(a, b);
        if b <= a {
            return QuoteKind::Indirect;
        }
        if let Some(c) = self.punct(a)
            && self.is_open_quote(c)
            && self.qclose[a] != NONE
            && self.qclose[a] as usize + 1 >= b
        {
            return QuoteKind::Direct;
        }
        if (a..b).any(|i| self.qclose[i] != NONE && (self.qclose[i] as usize) < b) {
            return QuoteKind::Mixed;
        }
        QuoteKind::Indirect
    }

    fn lex(&self, section: &str, entry: &str) -> String {
        format!("{}:{}:{}", self.pack.language, section, entry)
    }

    fn new_draft(&self, rule: &str, h: Option<(&Hit, usize)>, content: (usize, usize)) -> Draft {
        let (cue, stance, mut lexicon, cue_tok, mut hedges) = match h {
            Some((h, ci)) => {
                let e = &self.pack.cues[ci];
                let (text, span) = self.cue_text(h);
                let mut hedges = Vec::new();
                if let Some(k) = e.hedge {
                    hedges.push((span, k));
                }
                (
                    Some((text, e.lemma.clone(), span)),
                    e.stance,
                    vec![self.lex("cue", &e.lemma)],
                    h.start,
                    hedges,
                )
            }
            None => (None, Stance::None, Vec::new(), content.0, Vec::new()),
        };
        if !hedges.is_empty() {
            lexicon.push(self.lex(
                "cue.hedge",
                &cue.as_ref().map(|c| c.1.clone()).unwrap_or_default(),
            ));
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
            rule: format!("{}.{}", self.pack.language, rule),
            lexicon,
            steps: Vec::new(),
            cue_tok,
            speaker_tok: None,
            chained: true,
            ctoks: (content.0, self.trim_end(content.0, content.1)),
        }
    }

    fn set_speaker(&self, d: &mut Draft, sp: SpeakerDraft) {
        d.attribution = if sp.vague {
            Attribution::Vague
        } else {
            Attribution::Attributed
        };
        if sp.vague {
            d.lexicon.push(self.lex("words.vague", &sp.key));
        }
        d.speaker = Some(sp);
    }

    /// Skip from `k` to where the content starts: past outlets, channels,
    /// times and commas, to a complementizer, colon or quote (within reach);
    /// returns the first content token.
    fn content_start(&self, k: usize, b: usize, steps: &mut Vec<String>) -> usize {
        let reach = if self.pack.grammar.order == Order::Svo {
            5
        } else {
            14
        };
        let limit = (k + reach).min(b);
        let mut j = k;
        while j < limit {
            if self.has(j, bit!("complementizer")) {
                let end = self.class_end(j, bit!("complementizer")).unwrap_or(j + 1);
                // keep «أنه»: the pronoun is part of the content
                let bare = matches!(self.norm(j), "ان" | "بان" | "وان" | "that" | "فان" | "لان")
                    || end > j + 1;
                steps.push(format!(
                    "content starts at the complementizer «{}»",
                    self.text_of(j, end)
                ));
                // English content keeps its "that" (as PolNeAR marks it)
                return if bare && self.pack.grammar.order == Order::Vso {
                    end
                } else {
                    j
                };
            }
            if let Some(c) = self.punct(j) {
                if c == ':' {
                    steps.push("content starts after the colon".to_string());
                    return j + 1;
                }
                if self.is_open_quote(c) && self.qclose[j] != NONE {
                    steps.push("content starts at the quotation".to_string());
                    return j;
                }
            }
            j += 1;
        }
        let mut j = k;
        loop {
            while j < b
                && self
                    .punct(j)
                    .is_some_and(|c| matches!(c, '،' | ',' | '-' | '–' | '—'))
            {
                j += 1;
            }
            if self.pack.grammar.order == Order::Svo && j < b && self.has(j, bit!("time")) {
                j = self.class_end(j, bit!("time")).unwrap_or(j + 1);
                continue;
            }
            break;
        }
        steps.push("content: the rest of the sentence".to_string());
        j
    }

    /// A complementizer, colon or paired quote within reach of `k`.
    fn intro_within(&self, k: usize, b: usize, reach: usize) -> bool {
        (k..(k + reach).min(b)).any(|j| {
            self.has(j, bit!("complementizer"))
                || self
                    .punct(j)
                    .is_some_and(|c| c == ':' || (self.is_open_quote(c) && self.qclose[j] != NONE))
        })
    }

    /// Arabic: a definite nisba adjective («السوري», «الألمانية»).
    fn is_def_nisba(&self, i: usize) -> bool {
        let nm = self.norm(i);
        nm.starts_with("ال") && (nm.ends_with('ي') || nm.ends_with("يه")) && nm.chars().count() > 4
    }

    fn class_end(&self, i: usize, b: u32) -> Option<usize> {
        let lo = self.hits.partition_point(|h| h.start < i);
        self.hits[lo..]
            .iter()
            .take_while(|h| h.start == i)
            .filter(|h| h.payload == Payload::Class(b))
            .map(|h| h.end)
            .max()
    }

    /// Scan a verb-first subject from `from`; returns its end and why it
    /// ended there.
    fn scan_subject_vso(&self, from: usize, b: usize) -> (usize, String) {
        let max = self.pack.grammar.max_speaker_words.max(1);
        let mut k = from;
        let mut words = 0;
        while k < b {
            if self.is_break(k) {
                return (k, "a line break".into());
            }
            if let Some(c) = self.punct(k) {
                // a short quoted name: «وقال المتحدث "فلان" للصحفيين»
                if self.is_open_quote(c) && self.qclose[k] != NONE {
                    let close = self.qclose[k] as usize;
                    let inner = self.words_in(k + 1, close);
                    let after_ok = close + 1 < b
                        && (self
                            .punct(close + 1)
                            .is_some_and(|p| matches!(p, ':' | '،' | ','))
                            || self.has(close + 1, bit!("complementizer") | bit!("lam_outlet"))
                            || self.t.toks[close + 1].lam_tatweel
                            || self.norm(close + 1).starts_with("لل"));
                    if inner > 0 && inner <= 4 && close - k - 1 == inner && after_ok {
                        k = close + 1;
                        words += inner;
                        continue;
                    }
                    return (k, "a quotation mark".into());
                }
                return (k, format!("the punctuation «{c}»"));
            }
            let hard = bit!("complementizer")
                | bit!("boundary")
                | bit!("time")
                | bit!("lam_outlet")
                | bit!("content_start")
                | bit!("relative")
                | bit!("negation");
            if self.has(k, hard) {
                return (
                    k,
                    format!("the {} «{}»", self.class_name(k), self.text_of(k, k + 1)),
                );
            }
            if self.has(k, bit!("soft_boundary"))
                && (words == 0 || self.has(k + 1, bit!("channel") | bit!("time")))
            {
                return (
                    k,
                    format!(
                        "«{} {}» (a channel or time)",
                        self.text_of(k, k + 1),
                        self.text_of(k + 1, k + 2)
                    ),
                );
            }
            let tok = self.t.toks[k];
            let nm = self.norm(k);
            if tok.lam_tatweel {
                return (k, format!("«{}» (ل + outlet)", self.text_of(k, k + 1)));
            }
            if self.pack.grammar.order == Order::Vso
                && (nm.starts_with("لل") || nm.starts_with("بال"))
                && nm.chars().count() > 4
            {
                return (
                    k,
                    format!("«{}» (a prepositional phrase)", self.text_of(k, k + 1)),
                );
            }
            if k > from && (self.is_cue_verb(k) || self.hedge_at[k] != NONE) {
                return (k, format!("another cue «{}»", self.text_of(k, k + 1)));
            }
            // «أعلنت النقابة استعدادها»: a bare noun with a pronoun suffix
            // after the subject is the object
            if self.pack.grammar.order == Order::Vso
                && words >= 1
                && (nm.ends_with("ها") || nm.ends_with("هم") || nm.ends_with("هما"))
                && nm.chars().count() > 4
                && !nm.starts_with(['ب', 'ل', 'و', 'ف'])
            {
                return (
                    k,
                    format!(
                        "«{}», a noun with a pronoun suffix (the object)",
                        self.text_of(k, k + 1)
                    ),
                );
            }
            // «المستشارة الألمانية الدخول»: after a definite noun and its
            // nisba adjective, a definite non-adjective starts the object
            if self.pack.grammar.order == Order::Vso
                && words >= 2
                && nm.starts_with("ال")
                && !self.is_def_nisba(k)
                && self.is_def_nisba(k - 1)
                && self.norm(k - 2).starts_with("ال")
            {
                return (
                    k,
                    format!(
                        "«{}», a definite noun after the subject's adjective (the object)",
                        self.text_of(k, k + 1)
                    ),
                );
            }
            words += 1;
            k += 1;
            if words >= max {
                return (k, format!("the longest speaker ({max} words)"));
            }
        }
        (k, "the end of the sentence".into())
    }

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
                && prev.ctoks.1 + 8 >= a
            {
                prev.ctoks.1 = close + 1;
                prev.content = (prev.content.0, self.span(close, close + 1).1);
                prev.steps
                    .push("the quotation goes on in the next sentence".into());
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
            if !self.explain {
                d.steps = Vec::new();
                d.lexicon = Vec::new();
            }
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

    /// The word stands right after a cue verb somewhere in the chunk.
    fn speaks_elsewhere(&self, w: &str) -> bool {
        self.after_cue.contains(w)
    }

    fn is_link_line(&self, a: usize) -> bool {
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
    fn headline_colon(&self, a: usize, b: usize, carry: &mut Carry) -> Option<Draft> {
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
        // the line must be the whole sentence (a heading)
        if a > 0 && !self.is_break(a - 1) {
            return None;
        }
        if b < self.n() && !self.is_break(b) {
            return None;
        }
        let p = (a..b.min(a + 9)).find(|&i| self.punct(i) == Some(':'))?;
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
        let content_has = |bits: u32| (p + 1..b).any(|i| self.has(i, bits));
        let quoted = (p + 1..b).any(|i| self.punct(i).is_some_and(|c| self.is_quote(c)));
        let first_person = content_has(bit!("first_person"))
            || (self.pack.grammar.order == Order::Vso
                && (p + 1..b).any(|i| {
                    self.is_word(i)
                        && self.norm(i).ends_with("نا")
                        && self.norm(i).chars().count() > 4
                }));
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
        if words == 1
            && !quote_first
            && !first_person
            && !en_label
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
        let sp = self.speaker(w, sp_end);
        d.steps.push(format!(
            "a heading «X: ...»: the speaker is the {words}-word noun phrase before the colon"
        ));
        carry.last = Some(sp.clone());
        self.set_speaker(&mut d, sp);
        Some(d)
    }

    // ------------------------------------------------------------ verb-first

    fn sentence_vso(&self, a: usize, b: usize, carry: &mut Carry) -> Vec<Draft> {
        let mut ds: Vec<Draft> = Vec::new();
        if self.is_link_line(a) {
            return ds;
        }
        if let Some(d) = self.headline_colon(a, b, carry) {
            ds.push(d);
            return ds;
        }
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
            };
            if let Some(d) = made {
                ds.push(d);
            }
            i = next;
        }
        self.cut_chains(&mut ds);
        ds
    }

    fn cue_allowed(&self, h: &Hit, ci: usize, a: usize) -> bool {
        let after = &self.pack.cue_after[ci];
        if !after.is_empty() && (h.start == a || !after.iter().any(|w| w == self.norm(h.start - 1)))
        {
            return false;
        }
        let before = &self.pack.cue_before[ci];
        if !before.is_empty() && !before.iter().any(|w| w == self.norm(h.end)) {
            return false;
        }
        true
    }

    fn clause_start(&self, h: &Hit, a: usize) -> bool {
        if h.start == a || h.prefix > 0 {
            return true;
        }
        let p = h.start - 1;
        if let Some(c) = self.punct(p) {
            return !self.is_quote(c) || self.qclose[p] == NONE;
        }
        self.ends_before(h.start, bit!("conjunction") | bit!("time"))
    }

    fn vso_verb(
        &self,
        h: &Hit,
        ci: usize,
        a: usize,
        b: usize,
        carry: &mut Carry,
        prior: &[Draft],
    ) -> Option<Draft> {
        let prev = if h.start > a { Some(h.start - 1) } else { None };
        if let Some(p) = prev {
            if self.has(p, bit!("relative")) {
                return self.relative(h, ci, a, b, carry);
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
        let (k, _) = self.scan_subject_vso(h.end, b);
        if k > h.end && self.intro_within(k, b, 3) {
            return self.verb_subject(h, ci, b, carry);
        }
        None
    }

    fn verb_subject(&self, h: &Hit, ci: usize, b: usize, carry: &mut Carry) -> Option<Draft> {
        let e = &self.pack.cues[ci];
        let (k, why) = self.scan_subject_vso(h.end, b);
        let mut steps = vec![format!(
            "verb-first cue «{}»; the subject runs to {}",
            self.text_of(h.start, h.end),
            why
        )];
        if k == h.end {
            // no subject written
            let impersonal =
                e.hedge.is_some() && (self.t.toks[h.start].damma1 || carry.last.is_none());
            let cs = self.content_start(k, b, &mut steps);
            if cs >= self.trim_end(cs, b) {
                return None;
            }
            if impersonal {
                let mut d = self.new_draft("impersonal", Some((h, ci)), (cs, b));
                d.attribution = Attribution::Vague;
                steps.push(
                    "passive or impersonal verb: no source words (speaker null, vague)".into(),
                );
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
                steps.push(format!(
                    "no subject after the verb: the vague source «{}» earlier in the sentence",
                    self.text_of(v, end)
                ));
                let sp = self.speaker(v, end);
                self.set_speaker(&mut d, sp);
                d.steps = steps;
                return Some(d);
            }
            let last = carry.last.clone()?;
            let mut d = self.new_draft("continuation", Some((h, ci)), (cs, b));
            steps.push(format!(
                "no subject after the verb: the speaker is carried from «{}»",
                last.name
            ));
            let mut sp = last;
            sp.implicit = true;
            self.set_speaker(&mut d, sp);
            d.steps = steps;
            return Some(d);
        }
        let cs = self.content_start(k, b, &mut steps);
        if cs >= self.trim_end(cs, b) || self.words_in(cs, b) == 0 {
            return None;
        }
        let sp = self.speaker(h.end, k);
        let mut d = self.new_draft("verb-subject-content", Some((h, ci)), (cs, b));
        carry.last = Some(sp.clone());
        self.set_speaker(&mut d, sp);
        d.steps = steps;
        Some(d)
    }

    fn relative(&self, h: &Hit, ci: usize, a: usize, b: usize, carry: &mut Carry) -> Option<Draft> {
        let rel = h.start - 1;
        let mut steps = vec![format!(
            "cue «{}» in a relative clause after «{}»",
            self.text_of(h.start, h.end),
            self.text_of(rel, rel + 1)
        )];
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
        steps.push(format!(
            "the speaker is the noun phrase before the relative pronoun, back to «{}»",
            if s > a {
                self.text_of(s - 1, s)
            } else {
                "sentence start".into()
            }
        ));
        let sp = self.speaker(s, e);
        let mut d = self.new_draft("relative-clause", Some((h, ci)), (cs, b));
        d.chained = false;
        carry.last = Some(sp.clone());
        self.set_speaker(&mut d, sp);
        d.steps = steps;
        Some(d)
    }

    fn copula(&self, h: &Hit, ci: usize, a: usize, b: usize, carry: &mut Carry) -> Option<Draft> {
        let qad = h.start - 1;
        let lo = qad.saturating_sub(14).max(a);
        let cop = (lo..qad).rev().find(|&i| self.has(i, bit!("copula")))?;
        if (cop + 1..qad).any(|i| self.is_cue_verb(i)) {
            return None;
        }
        let mut steps = vec![format!(
            "«{} ... قد {}»: the subject stands between the copula and «قد»",
            self.text_of(cop, cop + 1),
            self.text_of(h.start, h.end)
        )];
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
            steps.push(format!("no subject: carried from «{}»", sp.name));
            self.set_speaker(&mut d, sp);
        } else {
            if e < qad {
                steps.push("an apposition after the comma is left out of the name".into());
            }
            let sp = self.speaker(cop + 1, e);
            carry.last = Some(sp.clone());
            self.set_speaker(&mut d, sp);
        }
        d.steps = steps;
        Some(d)
    }

    fn subject_verb(
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
        let at_clause = s == a || self.has(s - 1, bit!("complementizer") | bit!("conjunction"));
        let words = h.start - s;
        let mut steps = Vec::new();
        let _ = prior;
        if at_clause && (1..=6).contains(&words) && !self.looks_like_verb(s) {
            let mut cs_steps = Vec::new();
            let k = h.end;
            let cs = self.content_start(k, b, &mut cs_steps);
            if cs >= self.trim_end(cs, b) {
                return None;
            }
            steps.push(format!(
                "subject-first: the {words}-word noun phrase from the clause start to the cue «{}»",
                self.text_of(h.start, h.end)
            ));
            steps.extend(cs_steps);
            let sp = self.speaker(s, h.start);
            let mut d = self.new_draft("subject-verb", Some((h, ci)), (cs, b));
            carry.last = Some(sp.clone());
            self.set_speaker(&mut d, sp);
            d.steps = steps;
            return Some(d);
        }
        // a vague source just before: «دفع البعض، بأن يتوقع»
        let lo = h.start.saturating_sub(4).max(a);
        if let Some(v) = (lo..h.start).rev().find(|&i| self.has(i, bit!("vague"))) {
            let mut cs_steps = Vec::new();
            let cs = self.content_start(h.end, b, &mut cs_steps);
            if cs >= self.trim_end(cs, b) {
                return None;
            }
            let end = self.class_end(v, bit!("vague")).unwrap_or(v + 1);
            steps.push(format!(
                "a vague source «{}» just before the cue",
                self.text_of(v, end)
            ));
            steps.extend(cs_steps);
            let sp = self.speaker(v, end);
            let mut d = self.new_draft("vague-subject-verb", Some((h, ci)), (cs, b));
            self.set_speaker(&mut d, sp);
            d.steps = steps;
            return Some(d);
        }
        None
    }

    /// Arabic: a word that starts like an imperfect verb and is not a noun
    /// with the article.
    fn looks_like_verb(&self, i: usize) -> bool {
        if self.pack.grammar.order != Order::Vso {
            return false;
        }
        let nm = self.norm(i);
        let first = nm.chars().next().map(|c| c.to_string()).unwrap_or_default();
        self.pack.grammar.imperfect_prefixes.contains(&first) && !nm.starts_with("ال")
    }

    fn participle(
        &self,
        h: &Hit,
        ci: usize,
        b: usize,
        carry: &mut Carry,
        prior: &[Draft],
    ) -> Option<Draft> {
        let mut steps = vec![format!("secondary cue «{}»", self.text_of(h.start, h.end))];
        let cs = self.content_start(h.end, b, &mut steps);
        if cs >= self.trim_end(cs, b) {
            return None;
        }
        let mut d = self.new_draft("secondary-cue", Some((h, ci)), (cs, b));
        if let Some(p) = prior.iter().rev().find(|p| p.speaker.is_some()) {
            let sp = p.speaker.clone()?;
            steps.push(format!(
                "same speaker as the claim before it in the sentence: «{}»",
                sp.name
            ));
            self.set_speaker(&mut d, sp);
        } else if self.pack.grammar.order == Order::Svo
            && let a = self.sentence_start_of(h.start)
            && self.has(a, bit!("pronoun"))
            && self.t.toks[a].upper
        {
            // "He defended the plan, saying ...": the pronoun that opens the sentence
            let mut sp = self.speaker(a, a + 1);
            if let Some(last) = carry.last.clone() {
                steps.push(format!(
                    "the pronoun «{}» that opens the sentence refers to «{}»",
                    sp.name, last.name
                ));
                sp.name = last.name;
                sp.key = last.key;
                sp.kind = last.kind;
                sp.vague = last.vague;
                sp.implicit = true;
            }
            self.set_speaker(&mut d, sp);
        } else if let Some(e) = self.leading_name(h.start) {
            // "Trump released ..., saying ...": the name that opens the sentence
            let a = self.sentence_start_of(h.start);
            let sp = self.speaker(a, e);
            steps.push(format!(
                "the subject is the name that opens the sentence: «{}»",
                sp.name
            ));
            carry.last = Some(sp.clone());
            self.set_speaker(&mut d, sp);
        } else {
            let mut sp = carry.last.clone()?;
            sp.implicit = true;
            steps.push(format!(
                "first cue of its sentence: the speaker is carried from «{}»",
                sp.name
            ));
            self.set_speaker(&mut d, sp);
        }
        d.steps = steps;
        Some(d)
    }

    fn source_phrase(
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

    fn scan_source_np(&self, from: usize, b: usize) -> (usize, String) {
        let max = self.pack.grammar.max_speaker_words.max(1);
        let mut k = from;
        while k < b && k - from < max {
            if let Some(c) = self.punct(k) {
                if c == '(' {
                    // an acronym in brackets: «(سانا)»
                    if let Some(close) =
                        (k + 1..(k + 5).min(b)).find(|&j| self.punct(j) == Some(')'))
                    {
                        k = close + 1;
                        continue;
                    }
                }
                if self.is_open_quote(c)
                    && self.qclose[k] != NONE
                    && (self.qclose[k] as usize) < k + 5
                {
                    k = self.qclose[k] as usize + 1;
                    continue;
                }
                return (k, format!("the punctuation «{c}»"));
            }
            if self.is_break(k) {
                return (k, "a line break".into());
            }
            if k > from
                && self.has(
                    k,
                    bit!("complementizer") | bit!("time") | bit!("relative") | bit!("clause_end"),
                )
                || (self.pack.grammar.order == Order::Vso && self.has(k, bit!("boundary")))
            {
                return (
                    k,
                    format!("the {} «{}»", self.class_name(k), self.text_of(k, k + 1)),
                );
            }
            if k > from && self.is_cue_verb(k) {
                return (k, "another cue".into());
            }
            k += 1;
        }
        (k, "the end of the noun phrase".into())
    }

    fn impersonal(&self, h: &Hit, ci: usize, a: usize, b: usize) -> Option<Draft> {
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

    /// A later claim of the same sentence ends the content of the one
    /// before it.
    fn cut_chains(&self, ds: &mut [Draft]) {
        ds.sort_by_key(|d| d.cue_tok);
        for i in 0..ds.len() {
            if !ds[i].chained {
                continue;
            }
            let Some(next) = ds[i + 1..]
                .iter()
                .find(|n| {
                    n.chained
                        && n.cue_tok > ds[i].ctoks.0
                        && n.cue_tok < ds[i].ctoks.1
                        // English content holds nested attributions ("said he
                        // expected ..."); only a participle or a new clause
                        // after «;» ends it
                        && (self.pack.grammar.order == Order::Vso
                            || n.rule.ends_with("secondary-cue")
                            || n.ctoks.0 < n.cue_tok
                            || (n.cue_tok > 0 && self.punct(n.cue_tok - 1) == Some(';')))
                })
                .map(|n| {
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

    // ------------------------------------------------------------- hedges

    fn hedge_ok(&self, h: &Hit, hi: usize, a: usize) -> bool {
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

    fn hedges(&self, a: usize, b: usize, ds: &mut Vec<Draft>) {
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

    // ----------------------------------------------------------- subject-first

    fn sentence_svo(&self, a: usize, b: usize, carry: &mut Carry) -> Vec<Draft> {
        crate::svo::sentence(self, a, b, carry)
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
    pub(crate) fn cls(&self, i: usize, b: u32) -> bool {
        self.has(i, b)
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
        rule: &str,
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
    pub(crate) fn start_content(&self, k: usize, b: usize, steps: &mut Vec<String>) -> usize {
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
