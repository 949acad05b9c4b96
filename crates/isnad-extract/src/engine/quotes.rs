//! Quotation marks: which marks open and close, pairing them over the chunk,
//! and whether a content span is a direct, mixed or indirect quote.

use isnad_model::QuoteKind;

use super::{Doc, NONE};

impl Doc<'_> {
    pub(super) fn is_open_quote(&self, c: char) -> bool {
        let m = &self.pack.marks;
        m.quote_open.contains(&c) || m.quote_both.contains(&c)
    }

    pub(super) fn is_quote(&self, c: char) -> bool {
        let m = &self.pack.marks;
        m.quote_open.contains(&c) || m.quote_close.contains(&c) || m.quote_both.contains(&c)
    }

    /// Pair quotation marks inside each line: an opening mark with the next
    /// closing one, straight marks two by two.
    pub(super) fn pair_quotes(&mut self) {
        let g = &self.pack.marks;
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
                    if g.quote_both.contains(&c) {
                        // `“... the FBI," Chaffetz said`: a straight mark
                        // right after a sentence's punctuation closes an
                        // open curly one (mixed marks, common in copied text)
                        let after_stop = k > line_start
                            && self
                                .punct(k - 1)
                                .is_some_and(|p| matches!(p, ',' | '.' | '?' | '!' | '،' | '؟'));
                        let curly = if straight.is_none() && after_stop {
                            open.pop()
                        } else {
                            None
                        };
                        match curly.or(straight.take()) {
                            Some(o) => self.qclose[o] = k as u32,
                            None => straight = Some(k),
                        }
                    } else if g.quote_open.contains(&c) {
                        open.push(k);
                    } else if g.quote_close.contains(&c)
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

    /// A quotation opens at or after token `from` and before `i`, and
    /// closes after `i`.
    pub(super) fn quote_open_around(&self, from: usize, i: usize) -> bool {
        (from..i).any(|o| {
            self.punct(o).is_some_and(|c| self.is_open_quote(c))
                && self.qclose[o] != NONE
                && self.qclose[o] as usize > i
        })
    }

    pub(super) fn is_open_quote_here(&self, i: usize) -> bool {
        self.qclose.get(i).is_some_and(|&c| c != NONE)
    }

    pub(super) fn quote_kind(&self, a: usize, b: usize) -> QuoteKind {
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
}
