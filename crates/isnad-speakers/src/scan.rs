//! Names introduced in running text, with their titles: every title word
//! (Arabic) or capitalized run (English) starts one.
//!
//! The scan is an iterator over the text's words, read as it goes and
//! dropped once it has passed them: its rules look back one word and ahead
//! at most one phrase, so it holds a small window of words however long the
//! document is, and the document pass takes each name when it reaches its
//! position instead of holding all of them.

use crate::mention::{Anatomy, anatomy_of_words, english_modifier, english_title};
use crate::rules::Rules;
use crate::words::{Cues, Word, Words};

/// The names of a text in order of position: (code point where the
/// mention starts, its anatomy).
pub(crate) struct Scan<'a, 't> {
    rules: &'a Rules,
    src: Words<'a, 't>,
    /// The window: `ws[i]` is the word being looked at, `ws[i - 1]` the one
    /// before; `ws[i]` is word number `dropped + i` of the text. Its first
    /// `ready` words are handed out; a last one may be pending (see
    /// [`Words::advance`]).
    ws: Vec<Word>,
    ready: usize,
    i: usize,
    dropped: usize,
}

/// Words the scan has passed that are kept before they are dropped in one
/// batch (a drain per word would move the window each time).
const WINDOW: usize = 64;

/// Words read past those a rule needs, while they are there.
const AHEAD: usize = 16;

/// What the scan has next: a name, nothing before the reading limit yet
/// (a streamed document whose claims are not all known there), or the end.
pub(crate) enum Poll {
    Name(usize, Anatomy),
    Pending,
    Done,
}

/// Scans `text`; `cues` are the reporting cues' spans (a cue is never part
/// of a name: the word before it ends one).
pub(crate) fn scan_text<'a, 't>(
    rules: &'a Rules,
    text: &'t str,
    cues: &[(usize, usize)],
) -> Scan<'a, 't> {
    Scan {
        rules,
        src: Words::new(rules, text, 0, Some(Cues::new(cues))).with_recent(),
        ws: Vec::new(),
        ready: 0,
        i: 0,
        dropped: 0,
    }
}

/// A scan of a text that comes in pieces ([`Scan::push_text`]).
pub(crate) fn scan_streamed(rules: &Rules) -> Scan<'_, 'static> {
    Scan {
        rules,
        src: Words::streamed(rules, Some(Cues::new(&[]))),
        ws: Vec::new(),
        ready: 0,
        i: 0,
        dropped: 0,
    }
}

impl Scan<'_, '_> {
    /// Adds the next piece of a streamed text.
    pub(crate) fn push_text(&mut self, piece: &str) {
        self.src.push(piece);
    }

    /// No more pieces come.
    pub(crate) fn end_text(&mut self) {
        self.src.end();
    }

    /// Reads words until the window holds `need` of them or the text ends;
    /// returns how many it holds. It reads [`AHEAD`] words more while they
    /// are there (the words a scan reads do not depend on when it reads
    /// them: see [`Words::limit`]), so the loop that reads them runs once
    /// for many words, not once a word.
    #[inline]
    fn fill(&mut self, need: usize) -> usize {
        if self.ready < need {
            self.read(need + AHEAD);
        }
        self.ready
    }

    /// [`Scan::fill`]'s loop.
    #[inline(never)]
    fn read(&mut self, want: usize) {
        while self.ready < want && self.src.advance(&mut self.ws) {
            self.ready += 1;
        }
    }

    /// The mention that starts at word `i` (Arabic), if any.
    fn arabic_at(&mut self, i: usize) -> Option<(usize, Anatomy)> {
        let rules = self.rules;
        // a title inside a chain («نائبة رئيس النادي ...») was read with
        // the chain's first title: the person is not its holder
        let ws = &self.ws;
        let in_chain =
            i > 0 && !ws[i - 1].break_after && ws[i - 1].head(self.dropped + i == 1).is_some();
        if in_chain || ws[i].head(true).is_none() {
            return None;
        }
        // up to 12 words of title phrase and name
        let end = (i + 12).min(self.fill(i + 12));
        let ws = &self.ws;
        let mut seg_end = i;
        while seg_end < end {
            seg_end += 1;
            if ws[seg_end - 1].break_after {
                break;
            }
        }
        let w = &ws[i];
        let a = anatomy_of_words(rules, &ws[i..seg_end], true);
        // after «إن/أن» a bare definite title is the subject of the
        // reported clause and the next word its verb («إن الوزير تجاهل
        // مطالب السكان»), not a name
        let clause_subject = i > 0
            && rules.complementizers_ar.contains(ws[i - 1].norm())
            && a.bare
            && !a.possessive
            && w.norm().starts_with("ال");
        // one word after an office with a complement («رئيس البلد يحذر»)
        // is as likely a verb as a name: two words are needed
        (!a.name.is_empty() && !clause_subject && (a.complement.is_empty() || a.name.len() >= 2))
            .then_some((w.start, a))
    }

    /// Adds a reporting cue (before the reading limit moves past it).
    pub(crate) fn add_cue(&mut self, cue: (usize, usize)) {
        if let Some(q) = self.src.cues.as_mut() {
            q.push(cue);
        }
    }

    /// Lets the scan read words that start before code point `limit`.
    pub(crate) fn set_limit(&mut self, limit: usize) {
        self.src.limit = limit;
    }

    /// True when the window holds `need` words or the text has no more.
    fn enough(&mut self, need: usize) -> bool {
        self.fill(need) >= need || self.src.finished()
    }

    /// The mention that starts at word `i` (English), if any, and the word
    /// after the run it read; None when the words it needs are not read yet.
    fn english_at(&mut self, i: usize) -> Option<(Option<(usize, Anatomy)>, usize)> {
        let rules = self.rules;
        let mut j = i;
        loop {
            if !self.enough(j + 1) {
                return None;
            }
            if j >= self.fill(j + 1) {
                break;
            }
            let w = &self.ws[j];
            let more =
                (w.upper || english_title(w) || english_modifier(w) && j > i && w.norm() != "and")
                    && !w.arabic()
                    && !(j > i && w.spelling.stop_en && !english_title(w));
            if !more {
                break;
            }
            j += 1;
            if w.break_after {
                break;
            }
        }
        let a = anatomy_of_words(rules, &self.ws[i..j], false);
        let found = (a.name.len() >= 2 || (!a.heads.is_empty() && !a.name.is_empty()))
            .then(|| (self.ws[i].start, a));
        Some((found, j))
    }

    /// The next name, or why there is none yet. A word is looked at only
    /// once every word its rules may read is there (12 ahead for Arabic, a
    /// capitalized run for English), so reading up to a limit and going on
    /// later finds the same names as reading the whole text at once.
    pub(crate) fn poll(&mut self) -> Poll {
        loop {
            if self.i > WINDOW {
                let done = self.i - 1;
                self.ws.drain(..done);
                self.ready -= done;
                self.dropped += done;
                self.i = 1;
            }
            let i = self.i;
            if self.fill(i + 1) <= i {
                return if self.src.finished() {
                    Poll::Done
                } else {
                    Poll::Pending
                };
            }
            let w = &self.ws[i];
            let found = if w.arabic() {
                // a word that heads no title starts no name, whatever
                // follows it: no need to wait for the words after it
                if w.head(true).is_none() {
                    self.i = i + 1;
                    continue;
                }
                if !self.enough(i + 12) {
                    return Poll::Pending;
                }
                self.i = i + 1;
                self.arabic_at(i)
            } else if (w.upper || english_title(w)) && !w.spelling.stop_en {
                let Some((found, j)) = self.english_at(i) else {
                    return Poll::Pending;
                };
                self.i = j.max(i + 1);
                found
            } else {
                self.i = i + 1;
                None
            };
            if let Some((at, a)) = found {
                return Poll::Name(at, a);
            }
        }
    }
}

impl Iterator for Scan<'_, '_> {
    type Item = (usize, Anatomy);

    /// The names of a text read without a limit (`Pending` never comes).
    fn next(&mut self) -> Option<(usize, Anatomy)> {
        match self.poll() {
            Poll::Name(at, a) => Some((at, a)),
            Poll::Pending | Poll::Done => None,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::Resolver;

    /// Where the window is cut must not change what is found: the same
    /// text after 1 to 150 filler words (each ending a phrase) gives the
    /// same names, shifted.
    #[test]
    fn the_window_cut_does_not_change_the_names() {
        let r = Resolver::builtin().unwrap();
        let body = "Foreign Minister Anna Berg met Prime Minister Jon Dahl and \
                    Senator Lisa Moe. قال وزير الخارجية سامي الحداد إن الرئيس \
                    عمر الخطيب سيزور المدينة، وقالت المتحدثة باسم الوزارة ليلى \
                    نور إن Dr. Karl Vik said so. ";
        let text = body.repeat(40);
        let scan = |k: usize| -> Vec<(usize, Anatomy)> {
            let filler = "x, ".repeat(k);
            let t = format!("{filler}{text}");
            scan_text(&r.rules, &t, &[])
                .map(|(at, mut a)| {
                    a.name_span = a.name_span.map(|(x, y)| (x - 3 * k, y - 3 * k));
                    (at - 3 * k, a)
                })
                .collect()
        };
        let want = scan(1);
        assert!(want.len() >= 40 * 5, "{}", want.len());
        for k in 2..150 {
            // not assert_eq: the lists are long
            assert!(scan(k) == want, "after {k} filler words");
        }
    }
}
