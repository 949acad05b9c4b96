//! The lexicon's patterns as a trie over whole tokens.
//!
//! Every pattern is a sequence of tokens in their matching form (a surface
//! form with its clitic prefix, tokenized like the text), and a match always
//! covers whole tokens. So the text is matched token by token: each token's
//! matching form is looked up once in the vocabulary of the patterns' tokens
//! (one hash), and from each token the trie is walked over the following
//! tokens' word ids while an edge exists. A form of at most 16 bytes (most
//! of them) is looked up by its bytes as one integer
//! ([`isnad_text::short_key`]): no string hash, no byte-by-byte compare. This finds exactly the matches of
//! a multi-pattern automaton over the match string ` tok tok ... ` with
//! patterns ` form ` (no token holds a space, so such a match starts and
//! ends at token boundaries), without walking the string byte by byte, and
//! yields them by start token, which is the order the rules read them in.

use std::collections::HashMap;

use isnad_text::{ShortKey, short_key};
use rustc_hash::FxBuildHasher;

/// No word or no node.
const NONE: u32 = u32::MAX;

/// A trie over token sequences.
#[derive(Debug, Default)]
pub(crate) struct Trie {
    /// Word id of each token form that occurs in a pattern: forms of at
    /// most 16 bytes by their key, longer ones by their text.
    short: HashMap<ShortKey, u32, FxBuildHasher>,
    long: HashMap<Box<str>, u32, FxBuildHasher>,
    /// The root's child for each word id (`NONE` if none).
    root: Vec<u32>,
    /// The other edges: (node, word id) to node.
    edges: HashMap<(u32, u32), u32, FxBuildHasher>,
    /// Per node: the pattern that ends there (`NONE` if none).
    pattern: Vec<u32>,
    /// Per node: it has children.
    inner: Vec<bool>,
}

impl Trie {
    /// Adds pattern number `id`, given as its tokens' matching forms.
    pub(crate) fn insert<'a>(&mut self, tokens: impl IntoIterator<Item = &'a str>, id: u32) {
        if self.pattern.is_empty() {
            // node 0 is the root
            self.pattern.push(NONE);
            self.inner.push(false);
        }
        let mut node = 0u32;
        for tok in tokens {
            let next_word = (self.short.len() + self.long.len()) as u32;
            let w = match short_key(tok.as_bytes(), 0, tok.len()) {
                Some(k) => *self.short.entry(k).or_insert(next_word),
                None => *self.long.entry(tok.into()).or_insert(next_word),
            };
            if w as usize >= self.root.len() {
                self.root.resize(w as usize + 1, NONE);
            }
            let existing = if node == 0 {
                self.root[w as usize]
            } else {
                self.edges.get(&(node, w)).copied().unwrap_or(NONE)
            };
            let child = if existing != NONE {
                existing
            } else {
                let c = self.pattern.len() as u32;
                self.pattern.push(NONE);
                self.inner.push(false);
                if node == 0 {
                    self.root[w as usize] = c;
                } else {
                    self.edges.insert((node, w), c);
                }
                self.inner[node as usize] = true;
                c
            };
            node = child;
        }
        if node != 0 {
            self.pattern[node as usize] = id;
        }
    }

    /// The word id of a token form (`None` if no pattern has it).
    #[cfg(test)]
    pub(crate) fn word(&self, form: &str) -> Option<u32> {
        self.word_in(form, 0, form.len())
    }

    /// [`Trie::word`] of the form `text[start..end]` (the bytes after it in
    /// `text` let its key be read in one copy).
    #[inline]
    pub(crate) fn word_in(&self, text: &str, start: usize, end: usize) -> Option<u32> {
        match short_key(text.as_bytes(), start, end) {
            Some(k) => self.short.get(&k).copied(),
            None => self.long.get(text.get(start..end)?).copied(),
        }
    }

    /// The patterns that start at token 0 of `ids` (the word ids of the
    /// tokens from there on, `None` for a word no pattern has), each with
    /// its number of tokens, shortest first, appended to `out`.
    pub(crate) fn matches_at(
        &self,
        mut ids: impl Iterator<Item = Option<u32>>,
        out: &mut Vec<(u32, usize)>,
    ) {
        let Some(Some(w)) = ids.next() else {
            return;
        };
        let mut node = self.root.get(w as usize).copied().unwrap_or(NONE);
        let mut len = 1;
        while node != NONE {
            let n = node as usize;
            if let Some(&p) = self.pattern.get(n)
                && p != NONE
            {
                out.push((p, len));
            }
            if !self.inner.get(n).copied().unwrap_or(false) {
                break;
            }
            let Some(Some(w)) = ids.next() else {
                break;
            };
            node = self.edges.get(&(node, w)).copied().unwrap_or(NONE);
            len += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_pattern_that_starts_here() {
        let mut t = Trie::default();
        t.insert(["a"], 0);
        t.insert(["a", "b"], 1);
        t.insert(["a", "b", "c"], 2);
        t.insert(["b"], 3);
        let ids = |ws: &[&str]| ws.iter().map(|w| t.word(w)).collect::<Vec<_>>();
        let mut out = Vec::new();
        t.matches_at(ids(&["a", "b", "x"]).into_iter(), &mut out);
        assert_eq!(out, [(0, 1), (1, 2)]);
        out.clear();
        t.matches_at(ids(&["a", "b", "c"]).into_iter(), &mut out);
        assert_eq!(out, [(0, 1), (1, 2), (2, 3)]);
        out.clear();
        t.matches_at(ids(&["x", "a"]).into_iter(), &mut out);
        assert!(out.is_empty());
    }
}
