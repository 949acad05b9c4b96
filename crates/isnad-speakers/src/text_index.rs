//! Code-point slices of a text without a `Vec<char>` copy of it.
//!
//! The document pass reads a few spans of the text by code-point offset
//! (a speaker's written words, whether a sentence ends between two
//! mentions). A `Vec<char>` of the text cost four bytes per character (4x an
//! English text, on a 200 MB input 800 MB); this keeps the byte offset of
//! every `STEP`th code point and walks at most `STEP - 1` characters from it.

/// A text with an index from code points to bytes.
pub(crate) struct CpText<'a> {
    text: &'a str,
    /// Byte offset of code point `k * STEP`.
    marks: Vec<usize>,
    /// Length in code points.
    len: usize,
}

const STEP: usize = 64;

impl<'a> CpText<'a> {
    pub(crate) fn new(text: &'a str) -> CpText<'a> {
        let mut marks = Vec::with_capacity(text.len() / STEP + 1);
        let mut len = 0;
        for (b, _) in text.char_indices() {
            if len % STEP == 0 {
                marks.push(b);
            }
            len += 1;
        }
        CpText { text, marks, len }
    }

    /// Length in code points.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Byte offset of code point `cp` (`cp <= len`).
    fn byte(&self, cp: usize) -> usize {
        if cp >= self.len {
            return self.text.len();
        }
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

    /// Code points `a..b`, or None when `a > b` or `b > len` (as
    /// `<[char]>::get` answers).
    pub(crate) fn get(&self, a: usize, b: usize) -> Option<&'a str> {
        if a > b || b > self.len {
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
    }
}
