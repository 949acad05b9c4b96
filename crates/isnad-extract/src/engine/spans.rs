//! Sentences and spans: sentence boundaries over the tokens (abbreviations,
//! leading names), and turning token ranges into code-point spans and text.

use super::{Doc, NONE};
use crate::compile::bit;
use crate::lexicon::Order;

impl Doc<'_> {
    /// Sentences as token ranges: a line break ends one, and so does a
    /// terminal mark outside a paired quotation (closing marks right after it
    /// stay with the sentence).
    pub(super) fn sentences(&self) -> Vec<(usize, usize)> {
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
                // "Mitch McConnell, R-Ky., said": a comma after the dot
                // goes on with the sentence
                && !(c == '.' && self.punct(i + 1).is_some_and(|n| matches!(n, ',' | ';')))
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
    pub(super) fn leading_name(&self, i: usize) -> Option<usize> {
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
    pub(super) fn sentence_start_of(&self, i: usize) -> usize {
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

    /// A word a full stop after which does not end a sentence: a listed
    /// abbreviation ("Sen.", "Md."), a single capital ("J. Smith") or an
    /// initialism written with dots ("U.S.", "D.C."; the tokenizer joins
    /// capitals across inner dots, so a listed "u.s" could never match).
    pub(crate) fn is_abbrev(&self, i: usize) -> bool {
        if !self.is_word(i) {
            return false;
        }
        if self.has(i, bit!("abbreviation")) {
            return true;
        }
        let t = self.t.toks[i];
        t.upper && (t.end - t.start == 1 || is_initialism(self.nm(i)))
    }

    pub(super) fn chars(&self, s: usize, e: usize) -> &str {
        let s = s.min(self.bidx.len().saturating_sub(1));
        let e = e.clamp(s, self.bidx.len().saturating_sub(1));
        self.text
            .get(self.bidx[s] as usize..self.bidx[e] as usize)
            .unwrap_or("")
    }

    /// Code-point span (in the whole text) of tokens [a, b).
    pub(super) fn span(&self, a: usize, b: usize) -> (usize, usize) {
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

    pub(super) fn text_of(&self, a: usize, b: usize) -> String {
        let (s, e) = self.span(a, b);
        self.chars(s - self.base, e - self.base).to_string()
    }

    pub(super) fn key_of(&self, a: usize, b: usize) -> String {
        // sized first: growing the key word by word reallocated it each time
        let len = (a..b)
            .filter(|&i| self.is_word(i))
            .map(|i| self.norm(i).len() + 1)
            .sum();
        let mut k = String::with_capacity(len);
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

    pub(super) fn words_in(&self, a: usize, b: usize) -> usize {
        (a..b).filter(|&i| self.is_word(i)).count()
    }

    pub(super) fn trim_end(&self, a: usize, mut b: usize) -> usize {
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
}

/// Letters joined by single dots, one letter each ("u.s", "d.c", "u.a.e").
fn is_initialism(w: &str) -> bool {
    let mut parts = w.split('.');
    parts.clone().count() > 1
        && parts.all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}
