//! Code-point slices of a text without a `Vec<char>` copy of it.
//!
//! The document pass reads a few spans of the text by code-point offset
//! (a speaker's written words, whether a sentence ends between two
//! mentions). A `Vec<char>` of the text cost four bytes per character (4x an
//! English text, on a 200 MB input 800 MB); this keeps, for every
//! [`BLOCK`]-byte block of the text, the number of code points that start
//! before it, and walks at most one block from there. Counting a block's
//! code points takes a few word operations per eight bytes (a byte starts a
//! character unless it is a continuation byte, `10xxxxxx`), where an index
//! by code point had to find the byte of every 64th one.

use std::borrow::Cow;

/// A text with an index from code points to bytes: the whole text, or (for
/// a streamed document) a window of its last [`KEEP`] code points or more,
/// to which pieces are added as they are read.
pub(crate) struct CpText<'a> {
    text: Cow<'a, str>,
    /// `marks[i]`: how many code points of the document start before its
    /// byte `(first + i) * BLOCK` (for every block start up to the end of
    /// the text read so far).
    marks: Vec<usize>,
    /// Block of the document that `marks[0]` is about.
    first: usize,
    /// Byte of the document where `text` starts.
    skip: usize,
    /// Code point of the document where `text` starts.
    start: usize,
    /// Code point of the document where `text` ends.
    len: usize,
    /// How many code points a streamed text keeps behind its end.
    keep: usize,
}

/// Bytes of a block of the index.
const BLOCK: usize = 128;

/// The window of a streamed text starts at a multiple of this many code
/// points (where the pass's view of "before the window" begins: kept as it
/// was when the index was by code point).
const STEP: usize = 64;

/// How much text a streamed document keeps behind its end (code points):
/// the speaker pass reads back only to a carried speaker's mention and
/// between two mentions of one name, never a megabyte on any real text.
pub(crate) const KEEP: usize = 1 << 20;

/// How many bytes of `bytes` start a character (are not continuation
/// bytes `10xxxxxx`): eight at a time, a continuation byte being one whose
/// top bit is set and the next one clear. Each byte lane of `lanes` counts
/// the continuation bytes of its column, up to 16 chunks (one block) at a
/// time, so that their sum fits the top byte of one multiplication.
fn leads(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let sum = |lanes: u64| (lanes.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
    let word = |c: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let w = u64::from_le_bytes(w);
        (w & !(w << 1) & HIGH) >> 7
    };
    let mut conts = 0;
    let mut blocks = bytes.chunks_exact(BLOCK);
    for block in blocks.by_ref() {
        conts += sum(block.chunks_exact(8).map(word).sum());
    }
    let rest = blocks.remainder();
    let mut chunks = rest.chunks_exact(8);
    conts += sum(chunks.by_ref().map(word).sum());
    conts += chunks
        .remainder()
        .iter()
        .filter(|&&b| b & 0xC0 == 0x80)
        .count();
    bytes.len() - conts
}

impl<'a> CpText<'a> {
    pub(crate) fn new(text: &'a str) -> CpText<'a> {
        let mut t = CpText {
            text: Cow::Borrowed(text),
            marks: Vec::with_capacity(text.len() / BLOCK + 1),
            first: 0,
            skip: 0,
            start: 0,
            len: 0,
            keep: usize::MAX,
        };
        t.marks.push(0);
        t.index_from(0);
        t
    }

    /// An empty streamed text that keeps at least `keep` code points
    /// behind its end (rounded up to a multiple of [`STEP`]).
    pub(crate) fn streamed(keep: usize) -> CpText<'a> {
        CpText {
            text: Cow::Owned(String::new()),
            marks: vec![0],
            first: 0,
            skip: 0,
            start: 0,
            len: 0,
            keep,
        }
    }

    /// Indexes `text` from byte `from` (where the text read before ended,
    /// a character boundary; the marks up to it are there) to its end.
    fn index_from(&mut self, from: usize) {
        let bytes = self.text.as_bytes();
        let end = bytes.len();
        let mut at = from;
        let mut cp = self.len;
        // the next block start after `from`, in `text`'s bytes
        let mut next = (self.first + self.marks.len()) * BLOCK - self.skip;
        while next <= end {
            cp += leads(bytes.get(at..next).unwrap_or_default());
            self.marks.push(cp);
            at = next;
            next += BLOCK;
        }
        cp += leads(bytes.get(at..end).unwrap_or_default());
        self.len = cp;
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
            let new_start = self.start + k * STEP;
            let cut = self.byte(new_start);
            // the marks of blocks that start at or before the cut go, but
            // the last of them (the walk to the new start begins there)
            let i = self.block_of(new_start);
            self.text.to_mut().drain(..cut);
            self.marks.drain(..i);
            self.first += i;
            self.skip += cut;
            self.start = new_start;
        }
    }

    /// Length in code points (of the document read so far).
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Index in `marks` of the block the character at code point `cp`
    /// starts in (`start <= cp < len`) or, for the window's first
    /// character, a block that starts before the window.
    fn block_of(&self, cp: usize) -> usize {
        self.marks.partition_point(|&m| m <= cp).saturating_sub(1)
    }

    /// Byte offset in `text` of code point `cp` (`start <= cp <= len`).
    fn byte(&self, cp: usize) -> usize {
        if cp >= self.len {
            return self.text.len();
        }
        let i = self.block_of(cp);
        let bytes = self.text.as_bytes();
        // the block's start, or the window's when the block starts before it
        let (mut b, n) = match ((self.first + i) * BLOCK).checked_sub(self.skip) {
            Some(b) if b > 0 => (b, self.marks.get(i).copied().unwrap_or(self.start)),
            _ => (0, self.start),
        };
        // the block may start inside a character: the first one that
        // starts in it is code point `n`
        while bytes.get(b).is_some_and(|&x| x & 0xC0 == 0x80) {
            b += 1;
        }
        self.text
            .get(b..)
            .and_then(|t| t.char_indices().nth(cp - n))
            .map_or(self.text.len(), |(o, _)| b + o)
    }

    /// Code points `a..b`, or None when `a > b`, `b > len` (as
    /// `<[char]>::get` answers) or `a` lies before the window.
    pub(crate) fn get(&self, a: usize, b: usize) -> Option<&str> {
        if a > b || b > self.len || a < self.start {
            return None;
        }
        self.text.get(self.byte(a)..self.byte(b))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn slices_like_a_char_vector(s in "[a-zء-ي. \n]{0,400}", a in 0usize..420, b in 0usize..420) {
            let chars: Vec<char> = s.chars().collect();
            let t = CpText::new(&s);
            prop_assert_eq!(t.len(), chars.len());
            let want: Option<String> = chars.get(a..b).map(|c| c.iter().collect());
            prop_assert_eq!(t.get(a, b).map(str::to_string), want);
        }

        /// The marks count the code points before every block start, for
        /// text of any script added in pieces of any length.
        #[test]
        fn marks_count_the_code_points_before_each_block(
            pieces in proptest::collection::vec("[a-zء-ي\u{0800}-\u{0FFF}\u{10000}-\u{10100}. \n]{0,150}", 0..8),
        ) {
            let mut t = CpText::new("");
            for p in &pieces {
                t.push(p);
            }
            let whole: String = pieces.concat();
            let want: Vec<usize> = (0..=whole.len() / BLOCK)
                .map(|k| whole.char_indices().filter(|&(b, _)| b < k * BLOCK).count())
                .collect();
            prop_assert_eq!(&t.marks, &want);
            prop_assert_eq!(t.len(), whole.chars().count());
        }

        /// The count of lead bytes, word by word, is a count byte by byte.
        #[test]
        fn leads_count_the_characters(s in "[a-zء-ي\u{0800}-\u{0FFF}\u{10000}-\u{10100}. \n]{0,300}", from in 0usize..600) {
            let b = s.as_bytes();
            let from = from.min(b.len());
            let want = b[from..].iter().filter(|&&x| x & 0xC0 != 0x80).count();
            prop_assert_eq!(leads(&b[from..]), want);
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

        /// A streamed text that keeps a short window answers like the whole
        /// text for spans inside it, and its window starts where an index
        /// by code point put it (a multiple of `STEP`, `keep` or more
        /// behind the end).
        #[test]
        fn a_short_window_slices_like_the_whole_text(
            pieces in proptest::collection::vec("[a-zء-ي\u{10000}-\u{10100}. \n]{0,90}", 0..30),
            keep in 1usize..300,
            a in 0usize..2000,
            len in 0usize..300,
        ) {
            let whole: String = pieces.concat();
            let t = CpText::new(&whole);
            let mut w = CpText::streamed(keep);
            let mut start = 0;
            for p in &pieces {
                w.push(p);
                let n = w.len();
                if n - start > 2 * keep {
                    start += (n - start - keep) / STEP * STEP;
                }
                prop_assert_eq!(w.start, start);
                let a = a.min(n);
                let b = (a + len).min(n);
                let want = if a < start { None } else { t.get(a, b) };
                prop_assert_eq!(w.get(a, b), want);
            }
        }
    }
}
