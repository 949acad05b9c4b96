//! Code-point slices of a text without a `Vec<char>` copy of it.
//!
//! The document pass reads a few spans of the text by code-point offset
//! (a speaker's written words, whether a sentence ends between two
//! mentions). A `Vec<char>` of the text cost four bytes per character (4x an
//! English text, on a 200 MB input 800 MB); this keeps the byte offset of
//! every `STEP`th code point and walks at most `STEP - 1` characters from it.

use std::borrow::Cow;

/// A text with an index from code points to bytes: the whole text, or (for
/// a streamed document) a window of its last [`KEEP`] code points or more,
/// to which pieces are added as they are read.
pub(crate) struct CpText<'a> {
    text: Cow<'a, str>,
    /// Byte offset in `text` of code point `start + k * STEP`.
    marks: Vec<usize>,
    /// Code point of the document where `text` starts.
    start: usize,
    /// Code point of the document where `text` ends.
    len: usize,
    /// How many code points a streamed text keeps behind its end.
    keep: usize,
}

const STEP: usize = 64;

/// How much text a streamed document keeps behind its end (code points):
/// the speaker pass reads back only to a carried speaker's mention and
/// between two mentions of one name, never a megabyte on any real text.
pub(crate) const KEEP: usize = 1 << 20;

impl<'a> CpText<'a> {
    pub(crate) fn new(text: &'a str) -> CpText<'a> {
        let mut t = CpText {
            text: Cow::Borrowed(text),
            marks: Vec::with_capacity(text.len() / STEP + 1),
            start: 0,
            len: 0,
            keep: usize::MAX,
        };
        t.index_from(0);
        t
    }

    /// An empty streamed text that keeps at least `keep` code points
    /// behind its end (rounded up to a multiple of the index step).
    pub(crate) fn streamed(keep: usize) -> CpText<'a> {
        CpText {
            text: Cow::Owned(String::new()),
            marks: Vec::new(),
            start: 0,
            len: 0,
            keep,
        }
    }

    /// Indexes `text` from byte `from` (a character boundary) on. Every
    /// byte of the text passes here: eight bytes are taken at once when no
    /// mark falls among them (a byte starts a character unless it is a
    /// continuation byte, `10xxxxxx`).
    fn index_from(&mut self, from: usize) {
        let bytes = self.text.as_bytes();
        let mut k = self.len - self.start;
        let mut i = from;
        while let Some(&b) = bytes.get(i) {
            if let Some(chunk) = bytes
                .get(i..i + 8)
                .and_then(|c| <[u8; 8]>::try_from(c).ok())
            {
                let w = u64::from_le_bytes(chunk);
                let leads = ((!w >> 7) | (w >> 6)) & 0x0101_0101_0101_0101;
                // the bytes' sum (at most 8) in the top byte
                let n = (leads.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
                let r = k % STEP;
                if n == 0 || (r != 0 && r + n <= STEP) {
                    k += n;
                    i += 8;
                    continue;
                }
            }
            if b & 0xC0 != 0x80 {
                if k.is_multiple_of(STEP) {
                    self.marks.push(i);
                }
                k += 1;
            }
            i += 1;
        }
        self.len = self.start + k;
    }

    /// Adds the next piece of a streamed text, dropping what lies more than
    /// `keep` code points behind its end (in batches, so each code point is
    /// moved at most about once).
    pub(crate) fn push(&mut self, piece: &str) {
        let from = self.text.len();
        self.text.to_mut().push_str(piece);
        self.index_from(from);
        if self.len - self.start > self.keep.saturating_mul(2) {
            let k = (self.len - self.start - self.keep) / STEP;
            let cut = self.marks[k];
            self.text.to_mut().drain(..cut);
            self.marks.drain(..k);
            for m in &mut self.marks {
                *m -= cut;
            }
            self.start += k * STEP;
        }
    }

    /// Length in code points (of the document read so far).
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Byte offset in `text` of code point `cp` (`start <= cp <= len`).
    fn byte(&self, cp: usize) -> usize {
        if cp >= self.len {
            return self.text.len();
        }
        let cp = cp - self.start;
        let from = self
            .marks
            .get(cp / STEP)
            .copied()
            .unwrap_or(self.text.len());
        self.text[from..]
            .char_indices()
            .nth(cp % STEP)
            .map_or(self.text.len(), |(b, _)| from + b)
    }

    /// Code points `a..b`, or None when `a > b`, `b > len` (as
    /// `<[char]>::get` answers) or `a` lies before the window.
    pub(crate) fn get(&self, a: usize, b: usize) -> Option<&str> {
        if a > b || b > self.len || a < self.start {
            return None;
        }
        Some(&self.text[self.byte(a)..self.byte(b)])
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn slices_like_a_char_vector(s in "[a-zء-ي. \n]{0,200}", a in 0usize..220, b in 0usize..220) {
            let chars: Vec<char> = s.chars().collect();
            let t = CpText::new(&s);
            prop_assert_eq!(t.len(), chars.len());
            let want: Option<String> = chars.get(a..b).map(|c| c.iter().collect());
            prop_assert_eq!(t.get(a, b).map(str::to_string), want);
        }

        /// The marks fall where a walk over the characters puts them, for
        /// text of any script added in pieces of any length.
        #[test]
        fn marks_fall_on_every_step(
            pieces in proptest::collection::vec("[a-zء-ي\u{0800}-\u{0FFF}\u{10000}-\u{10100}. \n]{0,150}", 0..8),
        ) {
            let mut t = CpText::new("");
            for p in &pieces {
                t.push(p);
            }
            let whole: String = pieces.concat();
            let want: Vec<usize> = whole
                .char_indices()
                .enumerate()
                .filter(|(k, _)| k % STEP == 0)
                .map(|(_, (b, _))| b)
                .collect();
            prop_assert_eq!(&t.marks, &want);
            prop_assert_eq!(t.len(), whole.chars().count());
        }

        /// A streamed text answers like the whole text inside its window.
        #[test]
        fn a_window_slices_like_the_whole_text(
            pieces in proptest::collection::vec("[a-zء-ي. \n]{0,40}", 0..20),
            a in 0usize..800,
            b in 0usize..800,
        ) {
            let whole: String = pieces.concat();
            let mut w = CpText::new("");
            for p in &pieces {
                w.push(p);
            }
            let t = CpText::new(&whole);
            prop_assert_eq!(w.len(), t.len());
            prop_assert_eq!(w.get(a, b), t.get(a, b));
        }
    }
}
