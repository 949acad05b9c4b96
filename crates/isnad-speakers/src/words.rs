//! Words of a text, produced one at a time.
//!
//! The document pass used to split the whole text into word records up
//! front (a `Vec<char>` of the text and a `String` per word): on a 5 MB text
//! those records were most of the command's peak heap. [`Words`] walks the
//! `&str` in place and hands out one finished word at a time, so the scan
//! keeps only the few words its rules look at; the normalized form of a
//! word reuses a recycled buffer and, for ASCII words (most of English
//! text), skips the general normalizer.

use std::borrow::Cow;

use isnad_text::normalize::StreamNormalizer;

use crate::rules::is_arabic;

/// One word of a mention or a text: its normalized form, whether it starts
/// with a capital (Latin), whether it carries tanween alef (Arabic), and its
/// code-point offsets in the text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub norm: String,
    pub upper: bool,
    pub tanween: bool,
    /// `norm` has an Arabic letter (asked of every word by several rules:
    /// computed once).
    pub arabic: bool,
    pub start: usize,
    pub end: usize,
    /// Punctuation (other than hyphen, dot or apostrophe inside a word)
    /// follows this word before the next one.
    pub break_after: bool,
}

/// Splits `text` into words: letters, digits, combining marks, and the
/// joiners `-` `'` `’` `_` `.` inside a word. Offsets count code points from
/// `base`.
pub(crate) fn words(text: &str, base: usize) -> Vec<Word> {
    Words::new(text, base, None).collect()
}

/// Reporting cues sorted by start, with the furthest end reached so far:
/// one binary search per word tells whether a cue covers it (a scan of
/// every cue per word is quadratic on long documents). Cues can be added as
/// a streamed document's claims arrive, and those far behind the reader are
/// dropped, so the table holds the cues near the reader, not the document's.
pub(crate) struct Cues {
    sorted: Vec<(usize, usize)>,
    furthest: Vec<usize>,
    /// The furthest end of the cues dropped from the front.
    dropped_reach: usize,
}

/// How many cues behind the reader are kept before a batch is dropped.
const KEEP_CUES: usize = 1024;

impl Cues {
    pub(crate) fn new(cues: &[(usize, usize)]) -> Cues {
        let mut sorted = cues.to_vec();
        sorted.sort_unstable();
        let mut q = Cues {
            sorted,
            furthest: Vec::new(),
            dropped_reach: 0,
        };
        q.reach_from(0);
        q
    }

    /// Recomputes `furthest` from index `k` on.
    fn reach_from(&mut self, k: usize) {
        self.furthest.truncate(k);
        let mut reach = match k {
            0 => self.dropped_reach,
            _ => self.furthest[k - 1],
        };
        for &(_, b) in &self.sorted[k..] {
            reach = reach.max(b);
            self.furthest.push(reach);
        }
    }

    /// Adds a cue (they come nearly in order: the insertion is near the end).
    pub(crate) fn push(&mut self, cue: (usize, usize)) {
        let k = self.sorted.partition_point(|&c| c <= cue);
        self.sorted.insert(k, cue);
        self.reach_from(k);
    }

    /// True when a cue starts at or before `at` and ends after it. Calls
    /// come with `at` in increasing order.
    fn cover(&mut self, at: usize) -> bool {
        let mut n = self.sorted.partition_point(|&(a, _)| a <= at);
        if n > 2 * KEEP_CUES {
            // the reader never looks back: the cues behind it count only
            // through the furthest end they reached
            let cut = n - KEEP_CUES;
            self.dropped_reach = self.furthest[cut - 1];
            self.sorted.drain(..cut);
            self.furthest.drain(..cut);
            n -= cut;
        }
        match n {
            0 => self.dropped_reach > at,
            _ => self.furthest[n - 1] > at,
        }
    }
}

/// The words of a text in order. A word is handed out only once the next
/// one starts (or the text ends): the punctuation after it, and a cue that
/// covers the next word, still set its `break_after`.
pub(crate) struct Words<'a> {
    /// The text, or for a streamed document the part not yet read (pieces
    /// are added as they come, read ones dropped).
    text: Cow<'a, str>,
    /// No piece will be added: the end of `text` is the end of the text.
    ended: bool,
    /// Byte and code-point position of the next character to read.
    pos: usize,
    cp: usize,
    base: usize,
    /// When given, the word before one a cue covers ends a name.
    pub(crate) cues: Option<Cues>,
    /// Code point (counted from the text's start, as `base` is) where
    /// reading stops for now: a streamed document's cues are known only
    /// before it, so a word is handed out only once the next one starts
    /// before it (or the text ends). `usize::MAX`: the whole text.
    pub(crate) limit: usize,
    pending: Option<Word>,
    /// Buffers of words the caller is done with, reused for `norm`.
    spare: Vec<String>,
    /// One normalizer for every word, reset between words (a new one per
    /// word allocated its buffers each time).
    normalizer: StreamNormalizer,
}

/// How many recycled buffers are kept (the scan's window is far smaller).
const MAX_SPARE: usize = 256;

impl<'a> Words<'a> {
    pub(crate) fn new(text: &'a str, base: usize, cues: Option<Cues>) -> Words<'a> {
        Words {
            text: Cow::Borrowed(text),
            ended: true,
            pos: 0,
            cp: 0,
            base,
            cues,
            limit: usize::MAX,
            pending: None,
            spare: Vec::new(),
            normalizer: StreamNormalizer::new(),
        }
    }

    /// The words of a text that comes in pieces ([`Words::push`],
    /// [`Words::end`]).
    pub(crate) fn streamed(cues: Option<Cues>) -> Words<'a> {
        let mut w = Words::new("", 0, cues);
        w.ended = false;
        w
    }

    /// Adds the next piece of a streamed text (what was read is dropped).
    pub(crate) fn push(&mut self, piece: &str) {
        if self.pos >= 1 << 16 {
            self.text.to_mut().drain(..self.pos);
            self.pos = 0;
        }
        self.text.to_mut().push_str(piece);
    }

    /// No more pieces come.
    pub(crate) fn end(&mut self) {
        self.ended = true;
    }

    /// True when the text is read to its end and every word handed out
    /// (a `None` from `next` before that only means "not yet": see `limit`).
    pub(crate) fn finished(&self) -> bool {
        self.ended && self.pos >= self.text.len() && self.pending.is_none()
    }

    /// Gives a word's buffer back for a later word.
    pub(crate) fn recycle(&mut self, w: Word) {
        if self.spare.len() < MAX_SPARE {
            self.spare.push(w.norm);
        }
    }

    /// Reads the word starting at the current position (a word character).
    fn read_word(&mut self) -> Word {
        let (start_b, start_cp) = (self.pos, self.cp);
        while let Some(c) = self.text[self.pos..].chars().next() {
            // a joiner counts only between word characters (the first
            // character is a word character, so a joiner is never first)
            let ok = is_word_char(c)
                || (self.cp > start_cp
                    && matches!(c, '-' | '\'' | '’' | '_' | '.' | '\u{2010}' | '\u{2011}')
                    && self.text[self.pos + c.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(is_word_char));
            if !ok {
                break;
            }
            self.pos += c.len_utf8();
            self.cp += 1;
        }
        let raw = &self.text[start_b..self.pos];
        let mut norm = self.spare.pop().unwrap_or_default();
        norm.clear();
        normalize_word(&mut self.normalizer, raw, &mut norm);
        // "al-Suwaidi", "bin-Salman": a capital after a hyphen counts
        let upper = raw.chars().next().is_some_and(char::is_uppercase)
            || raw
                .split('-')
                .skip(1)
                .any(|p| p.chars().next().is_some_and(char::is_uppercase));
        Word {
            arabic: norm.chars().any(is_arabic),
            norm,
            upper,
            tanween: raw.contains('\u{064B}'),
            start: self.base + start_cp,
            end: self.base + self.cp,
            break_after: false,
        }
    }

    /// What a character between words says about the word before it.
    fn between(&mut self, c: char) {
        let at = self.base + self.cp;
        let Some(last) = self.pending.as_mut() else {
            return;
        };
        // quotation marks and hashtags wrap names without ending them:
        // «المبعوث "فلان الفلاني"», «#فلان_الفلاني»
        if !c.is_whitespace() && !matches!(c, '.' | '\u{0640}' | '#' | '"' | '«' | '»' | '“' | '”')
        {
            last.break_after = true;
        }
        // a full stop ends a sentence unless it closes a short abbreviation
        // ("Dr.", "Sen.")
        if c == '.' && last.end == at && last.norm.chars().count() > 3 {
            last.break_after = true;
        }
        if c == '\n' {
            last.break_after = true;
        }
    }
}

impl Iterator for Words<'_> {
    type Item = Word;

    fn next(&mut self) -> Option<Word> {
        loop {
            let Some(c) = self.text[self.pos..].chars().next() else {
                // a streamed text's last word may go on in the next piece
                return if self.ended {
                    self.pending.take()
                } else {
                    None
                };
            };
            if self.base + self.cp >= self.limit {
                return None;
            }
            if is_word_char(c) {
                let word = self.read_word();
                let covered = self.cues.as_mut().is_some_and(|q| q.cover(word.start));
                if let Some(mut prev) = self.pending.replace(word) {
                    // a reporting cue is never part of a name: the word
                    // before it ends one
                    prev.break_after |= covered;
                    return Some(prev);
                }
            } else {
                self.between(c);
                self.pos += c.len_utf8();
                self.cp += 1;
            }
        }
    }
}

/// `isnad_text::normalize_str` of one word, appended to `out`. An ASCII
/// word (letters, digits and the joiners `-` `'` `_` `.`) is only
/// lowercased with `'` → `"`, which is all the scheme does to those
/// characters (NFKC leaves ASCII alone); the test below holds the two equal.
fn normalize_word(n: &mut StreamNormalizer, raw: &str, out: &mut String) {
    if raw.is_ascii() {
        out.extend(raw.chars().map(|c| match c {
            '\'' => '"',
            c => c.to_ascii_lowercase(),
        }));
    } else {
        n.reset();
        n.feed(raw, true, out);
    }
}

fn is_word_char(c: char) -> bool {
    // ASCII first: no ASCII character is a combining mark, and ASCII's
    // alphanumerics are exactly the ASCII ones
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{0621}'..='\u{0669}').contains(&c) {
        // the Arabic letters, tatweel (a modifier letter), harakat
        // (combining) and Arabic-Indic digits: every one is a word
        // character, and Unicode's alphabetic table is slow to ask
        true
    } else {
        c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_words_normalize_like_the_scheme() {
        let alphabet = ['a', 'Z', 'q', '0', '9', '\'', '-', '_', '.'];
        let mut all = vec![String::new()];
        for _ in 0..4 {
            let next: Vec<String> = all
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            all.extend(next);
        }
        for w in &all {
            let mut out = String::new();
            normalize_word(&mut StreamNormalizer::new(), w, &mut out);
            assert_eq!(out, isnad_text::normalize_str(w), "{w:?}");
        }
    }

    #[test]
    fn word_char_fast_paths_match_on_every_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c),
                "{c:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn ascii_fast_path_matches(w in "[A-Za-z0-9'_.-]{1,12}") {
            let mut out = String::new();
            normalize_word(&mut StreamNormalizer::new(), &w, &mut out);
            prop_assert_eq!(out, isnad_text::normalize_str(&w));
        }

        #[test]
        fn cues_end_the_word_before(
            s in "[a-zA-Z .,\n]{0,60}",
            cues in proptest::collection::vec((0usize..60, 0usize..60), 0..4),
        ) {
            // the batch form: every word, then each word a cue covers ends
            // the one before it
            let mut want = words(&s, 0);
            for k in 1..want.len() {
                let at = want[k].start;
                if cues.iter().any(|&(a, b)| a <= at && at < b) {
                    want[k - 1].break_after = true;
                }
            }
            let index = Cues::new(&cues);
            let got: Vec<Word> = Words::new(&s, 0, Some(index)).collect();
            prop_assert_eq!(got, want);
        }

        #[test]
        fn spans_index_the_text(s in "[a-zA-Zء-يً-ٰﻻﷲＡ-Ｚ\u{0654}\u{0640}\u{200B}\u{00AD} .,'\\-\n]{0,60}") {
            let cps: Vec<char> = s.chars().collect();
            for w in words(&s, 0) {
                prop_assert!(w.start < w.end && w.end <= cps.len());
                let raw: String = cps[w.start..w.end].iter().collect();
                prop_assert_eq!(w.norm, isnad_text::normalize_str(&raw));
            }
        }
    }
}
