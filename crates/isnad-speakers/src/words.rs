//! Words of a text, produced one at a time.
//!
//! The document pass used to split the whole text into word records up
//! front (a `Vec<char>` of the text and a `String` per word): on a 5 MB text
//! those records were most of the command's peak heap. [`Words`] walks the
//! `&str` in place and hands out one finished word at a time, so the scan
//! keeps only the few words its rules look at.
//!
//! What a word's letters say (its normalized form, capital, tanween, the
//! title it heads) depends on its spelling alone, and a text repeats its
//! spellings: each is worked out once ([`Spelling`], kept per thread in a
//! bounded table) and shared by every word written that way, so reading a
//! word costs one hash lookup, not a normalization and several set lookups.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use isnad_text::normalize::StreamNormalizer;
use isnad_text::{ShortKey, char_at, short_key};
use rustc_hash::FxHashMap;

use crate::mention::find_arabic_head;
use crate::rules::{Rules, is_arabic};

/// What one spelling of a word says, for the rules in force.
#[derive(Debug)]
pub(crate) struct Spelling {
    /// The normalized form.
    pub norm: Box<str>,
    /// Starts with a capital (Latin), or has one after a hyphen.
    pub upper: bool,
    /// Carries tanween alef (Arabic).
    pub tanween: bool,
    /// `norm` has an Arabic letter.
    pub arabic: bool,
    /// Its Arabic head title ([`find_arabic_head`]) without and with the
    /// conjunction prefixes.
    heads: [Option<(Box<str>, bool)>; 2],
    /// An English title, modifier, stop word (`[titles]`, `[modifiers]`,
    /// `[stops]`).
    pub title_en: bool,
    pub modifier_en: bool,
    pub stop_en: bool,
    /// `norm` is more than three characters long (a full stop after it
    /// ends a sentence, not an abbreviation).
    long: bool,
}

impl Spelling {
    fn new(rules: &Rules, raw: &str, normalizer: &mut StreamNormalizer) -> Spelling {
        let mut norm = String::new();
        normalize_word(normalizer, raw, &mut norm);
        // "al-Suwaidi", "bin-Salman": a capital after a hyphen counts
        let upper = raw.chars().next().is_some_and(char::is_uppercase)
            || raw
                .split('-')
                .skip(1)
                .any(|p| p.chars().next().is_some_and(char::is_uppercase));
        let bare = norm.trim_end_matches('.');
        let prefixed = find_arabic_head(rules, &norm, true);
        // without the prefixes the candidates are fewer: no head with them,
        // none without
        let plain = match &prefixed {
            None => None,
            Some(_) => find_arabic_head(rules, &norm, false),
        };
        Spelling {
            upper,
            tanween: raw.contains('\u{064B}'),
            arabic: norm.chars().any(is_arabic),
            heads: [plain, prefixed].map(|h| h.map(|(w, d)| (w.into_boxed_str(), d))),
            title_en: rules.titles_en.contains(bare),
            modifier_en: rules.modifiers_en.contains(bare),
            stop_en: rules.stops_en.contains(&*norm),
            long: norm.chars().count() > 3,
            norm: norm.into_boxed_str(),
        }
    }
}

/// The spellings met so far on this thread, for one set of rules.
struct Table {
    rules: u64,
    /// Spellings of at most 16 bytes (most words), by their bytes and
    /// length: looking one up compares two integers, not two strings.
    short: FxHashMap<ShortKey, Rc<Spelling>>,
    long: FxHashMap<Box<str>, Rc<Spelling>>,
    /// One normalizer for every new spelling, reset between them.
    normalizer: StreamNormalizer,
}

/// Spellings kept per thread (a few MB at most); the table starts over
/// when it is full (the words being read keep theirs).
const MAX_SPELLINGS: usize = 1 << 16;

/// Slots of [`Words`]'s table of recent spellings (a power of two).
const RECENT: usize = 1 << 12;

/// A slot of the table of recent spellings: a [`ShortKey`] as two 64-bit
/// halves and its length, and the spelling. 32 bytes (a `(u128, u8)` key
/// is aligned to 16 and took 48): the table is read once a word at a
/// random slot, and a third less of it to hold in the CPU's caches showed
/// in the time of reading words.
#[derive(Debug)]
struct Slot {
    lo: u64,
    hi: u64,
    len: u8,
    spelling: Option<Rc<Spelling>>,
}

const _: () = assert!(std::mem::size_of::<Slot>() == 32);

impl Slot {
    const EMPTY: Slot = Slot {
        lo: 0,
        hi: 0,
        len: 0,
        spelling: None,
    };
}

/// A table of recent spellings.
type Recent = [Slot; RECENT];

thread_local! {
    /// The table of the last text's scan on this thread, under the rules
    /// of that id, for the next scan: setting up and dropping 1,024 slots
    /// for every text cost a batch of short articles more than reading
    /// their words. Its spellings stay right under the same rules (a key
    /// is a word's own bytes).
    static SPARE_RECENT: RefCell<Option<(u64, Box<Recent>)>> = const { RefCell::new(None) };
}

/// The slot of a spelling's key (its halves and length) in the table of
/// recent spellings.
#[inline]
fn recent_slot(lo: u64, hi: u64, len: u8) -> usize {
    let h = (lo ^ hi ^ u64::from(len)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - RECENT.trailing_zeros())) as usize
}

/// The spelling of `text[start..end]` (a word as read from the text)
/// under `rules`; `key` is its [`short_key`].
fn spelling(
    rules: &Rules,
    text: &str,
    start: usize,
    end: usize,
    key: Option<ShortKey>,
) -> Rc<Spelling> {
    let raw = text.get(start..end).unwrap_or("");
    thread_local! {
        static TABLE: RefCell<Table> = RefCell::new(Table {
            rules: u64::MAX,
            short: FxHashMap::default(),
            long: FxHashMap::default(),
            normalizer: StreamNormalizer::new(),
        });
    }
    TABLE.with(|t| {
        let mut t = t.borrow_mut();
        if t.rules != rules.id() {
            t.short.clear();
            t.long.clear();
            t.rules = rules.id();
        }
        let found = match key {
            Some(k) => t.short.get(&k),
            None => t.long.get(raw),
        };
        if let Some(s) = found {
            return Rc::clone(s);
        }
        let s = Rc::new(Spelling::new(rules, raw, &mut t.normalizer));
        if t.short.len() + t.long.len() >= MAX_SPELLINGS {
            t.short.clear();
            t.long.clear();
        }
        match key {
            Some(k) => t.short.insert(k, Rc::clone(&s)),
            None => t.long.insert(raw.into(), Rc::clone(&s)),
        };
        s
    })
}

/// One word of a mention or a text: its spelling, whether it counts as
/// capitalized (a copy of the spelling's, which a name typed without
/// capitals changes), and its code-point offsets in the text it came from.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub spelling: Rc<Spelling>,
    pub upper: bool,
    pub start: usize,
    pub end: usize,
    /// Punctuation (other than hyphen, dot or apostrophe inside a word)
    /// follows this word before the next one.
    pub break_after: bool,
}

impl PartialEq for Word {
    fn eq(&self, o: &Word) -> bool {
        self.norm() == o.norm()
            && self.upper == o.upper
            && self.tanween() == o.tanween()
            && (self.start, self.end, self.break_after) == (o.start, o.end, o.break_after)
    }
}

impl Eq for Word {}

impl Word {
    /// The normalized form.
    pub(crate) fn norm(&self) -> &str {
        &self.spelling.norm
    }

    /// Has an Arabic letter.
    pub(crate) fn arabic(&self) -> bool {
        self.spelling.arabic
    }

    /// Carries tanween alef.
    pub(crate) fn tanween(&self) -> bool {
        self.spelling.tanween
    }

    /// The head title of an Arabic word ([`find_arabic_head`]): without
    /// ال, a conjunction prefix (when `prefixed`) or a possessive suffix;
    /// (head, definite or possessive).
    pub(crate) fn head(&self, prefixed: bool) -> Option<(&str, bool)> {
        self.spelling.heads[usize::from(prefixed)]
            .as_ref()
            .map(|(h, d)| (&**h, *d))
    }
}

/// Splits `text` into words: letters, digits, combining marks, and the
/// joiners `-` `'` `’` `_` `.` inside a word. Offsets count code points from
/// `base`.
pub(crate) fn words(rules: &Rules, text: &str, base: usize) -> Vec<Word> {
    Words::new(rules, text, base, None).collect()
}

/// Reporting cues sorted by start, with the furthest end reached so far:
/// a cursor that moves with the reader tells whether a cue covers a word (a
/// scan of every cue per word is quadratic on long documents). Cues can be
/// added as a streamed document's claims arrive, and those far behind the
/// reader are dropped, so the table holds the cues near the reader, not the
/// document's.
pub(crate) struct Cues {
    sorted: Vec<(usize, usize)>,
    furthest: Vec<usize>,
    /// The furthest end of the cues dropped from the front.
    dropped_reach: usize,
    /// How many cues start at or before `last` (the last position asked).
    n: usize,
    last: usize,
    /// Where the next cue after those `n` starts, and the furthest end of
    /// those `n`: until the reader gets there, the answer is known without
    /// looking at the table (0 when a cue was added since).
    next_start: usize,
    reach: usize,
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
            n: 0,
            last: 0,
            next_start: 0,
            reach: 0,
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
        if self.sorted.last().is_none_or(|&last| last <= cue) {
            // after every cue (most often): appended, and the cursor's view
            // stays right but for where the next cue starts
            let reach = self.furthest.last().map_or(self.dropped_reach, |&r| r);
            self.sorted.push(cue);
            self.furthest.push(reach.max(cue.1));
            self.next_start = self.next_start.min(cue.0);
            return;
        }
        let k = self.sorted.partition_point(|&c| c <= cue);
        self.sorted.insert(k, cue);
        self.reach_from(k);
        // inside the counted prefix (it starts before a cue counted): one
        // more; after it, the cursor reaches it when it gets there
        if k < self.n {
            self.n += 1;
        }
        self.next_start = 0;
    }

    /// True when a cue starts at or before `at` and ends after it. Calls
    /// come with `at` in increasing order.
    #[inline]
    fn cover(&mut self, at: usize) -> bool {
        // most words: no cue starts between the last word and this one
        if self.last <= at && at < self.next_start {
            self.last = at;
            return self.reach > at;
        }
        self.cover_slow(at)
    }

    /// [`Cues::cover`] from the table.
    fn cover_slow(&mut self, at: usize) -> bool {
        if at < self.last {
            // not expected: start over from a search
            self.n = self.sorted.partition_point(|&(a, _)| a <= at);
        }
        self.last = at;
        while self.sorted.get(self.n).is_some_and(|&(a, _)| a <= at) {
            self.n += 1;
        }
        if self.n > 2 * KEEP_CUES {
            // the reader never looks back: the cues behind it count only
            // through the furthest end they reached
            let cut = self.n - KEEP_CUES;
            self.dropped_reach = self.furthest[cut - 1];
            self.sorted.drain(..cut);
            self.furthest.drain(..cut);
            self.n -= cut;
        }
        self.reach = match self.n {
            0 => self.dropped_reach,
            n => self.furthest[n - 1],
        };
        self.next_start = self.sorted.get(self.n).map_or(usize::MAX, |&(a, _)| a);
        self.reach > at
    }
}

/// The words of a text in order. A word is handed out only once the next
/// one starts (or the text ends): the punctuation after it, and a cue that
/// covers the next word, still set its `break_after`.
pub(crate) struct Words<'r, 't> {
    rules: &'r Rules,
    /// The spellings read last, by their key's hash: a small table in
    /// front of the thread's (which holds tens of thousands, mostly out of
    /// the CPU cache), so the words a text keeps using (particles,
    /// pronouns, its names) are found without going there. Only a text's
    /// scan has one (not the few words of a name).
    recent: Option<Box<Recent>>,
    /// The text, or for a streamed document the part not yet read (pieces
    /// are added as they come, read ones dropped).
    text: Cow<'t, str>,
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
    /// The last word of the caller's list (see [`Words::advance`]) is read
    /// but not handed out yet.
    pending: bool,
    /// That list when `Words` is used as an iterator.
    buf: Vec<Word>,
}

impl Drop for Words<'_, '_> {
    /// Leaves the table of recent spellings to the thread's next scan.
    fn drop(&mut self) {
        if let Some(recent) = self.recent.take() {
            let id = self.rules.id();
            // a thread being torn down keeps nothing
            let _ = SPARE_RECENT.try_with(|spare| *spare.borrow_mut() = Some((id, recent)));
        }
    }
}

impl<'r, 't> Words<'r, 't> {
    pub(crate) fn new(
        rules: &'r Rules,
        text: &'t str,
        base: usize,
        cues: Option<Cues>,
    ) -> Words<'r, 't> {
        Words {
            rules,
            recent: None,
            text: Cow::Borrowed(text),
            ended: true,
            pos: 0,
            cp: 0,
            base,
            cues,
            limit: usize::MAX,
            pending: false,
            buf: Vec::new(),
        }
    }

    /// Keeps a table of the spellings read last (for a whole text's scan).
    pub(crate) fn with_recent(mut self) -> Self {
        let id = self.rules.id();
        let spare = SPARE_RECENT
            .try_with(|spare| spare.borrow_mut().take())
            .ok()
            .flatten()
            .filter(|(rules, _)| *rules == id);
        self.recent =
            Some(spare.map_or_else(|| Box::new([const { Slot::EMPTY }; RECENT]), |(_, r)| r));
        self
    }

    /// The words of a text that comes in pieces ([`Words::push`],
    /// [`Words::end`]).
    pub(crate) fn streamed(rules: &'r Rules, cues: Option<Cues>) -> Words<'r, 't> {
        let mut w = Words::new(rules, "", 0, cues).with_recent();
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
        self.ended && self.pos >= self.text.len() && !self.pending
    }

    /// Reads the word starting at the current position (a word character).
    #[inline(always)]
    fn read_word(&mut self) -> Word {
        let (start_b, start_cp) = (self.pos, self.cp);
        let bytes = self.text.as_bytes();
        let mut pos = self.pos;
        let mut cp = self.cp;
        loop {
            // Arabic letters and harakat (U+0621..U+0669, see
            // `is_word_char`: bytes D8 A1..D9 A9) and ASCII letters and
            // digits, the bulk of any word, without decoding; a space or an
            // ASCII character that is no joiner ends a word at once
            let rest = bytes.get(pos..).unwrap_or_default();
            let run = arabic_run(rest);
            pos += 2 * run;
            cp += run;
            let Some(&b) = bytes.get(pos) else {
                break;
            };
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    pos += 1;
                    cp += 1;
                    continue;
                }
                if !matches!(b, b'-' | b'\'' | b'_' | b'.') {
                    break;
                }
            }
            let Some((c, len)) = char_at(bytes, pos) else {
                break;
            };
            // a joiner counts only between word characters (the first
            // character is a word character, so a joiner is never first)
            let ok = is_word_char(c)
                || (cp > start_cp
                    && matches!(c, '-' | '\'' | '’' | '_' | '.' | '\u{2010}' | '\u{2011}')
                    && char_at(bytes, pos + len).is_some_and(|(n, _)| is_word_char(n)));
            if !ok {
                break;
            }
            pos += len;
            cp += 1;
        }
        (self.pos, self.cp) = (pos, cp);
        let key = word_key(bytes, start_b, pos);
        let spelling = match (key, &mut self.recent) {
            (Some(key), Some(recent)) => {
                let (lo, hi, len) = (key.0 as u64, (key.0 >> 64) as u64, key.1);
                let slot = &mut recent[recent_slot(lo, hi, len)];
                match &slot.spelling {
                    Some(s) if (slot.lo, slot.hi, slot.len) == (lo, hi, len) => Rc::clone(s),
                    _ => {
                        let s = spelling(self.rules, &self.text, start_b, pos, Some(key));
                        *slot = Slot {
                            lo,
                            hi,
                            len,
                            spelling: Some(Rc::clone(&s)),
                        };
                        s
                    }
                }
            }
            _ => spelling(self.rules, &self.text, start_b, pos, key),
        };
        Word {
            upper: spelling.upper,
            spelling,
            start: self.base + start_cp,
            end: self.base + cp,
            break_after: false,
        }
    }

    /// What a character between words says about the word before it.
    #[inline]
    fn between(&mut self, c: char, out: &mut [Word]) {
        let at = self.base + self.cp;
        let Some(last) = out.last_mut().filter(|_| self.pending) else {
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
        if c == '.' && last.end == at && last.spelling.long {
            last.break_after = true;
        }
        if c == '\n' {
            last.break_after = true;
        }
    }
}

impl Words<'_, '_> {
    /// Reads on until one more word of `out` is handed out (true), or
    /// none can be yet (false: the limit or, for now, the end of the text).
    /// The word read last is kept as `out`'s last element while it is
    /// pending (the punctuation after it, or a cue over the next word, may
    /// still end it); the caller takes `out`'s words but that one. Words go
    /// straight into the caller's list: handing each out through an
    /// `Option` moved it three times.
    #[inline(always)]
    pub(crate) fn advance(&mut self, out: &mut Vec<Word>) -> bool {
        loop {
            let bytes = self.text.as_bytes();
            let Some(&b) = bytes.get(self.pos) else {
                // a streamed text's last word may go on in the next piece
                return self.hand_out_last();
            };
            if self.base + self.cp >= self.limit {
                return false;
            }
            if b == b' ' {
                // says nothing about the word before it (see `between`)
                self.pos += 1;
                self.cp += 1;
                continue;
            }
            // an Arabic letter starts a word (see `is_word_char`): no need
            // to decode it
            let (c, len) = if b < 0x80 {
                (char::from(b), 1)
            } else if let Some(&n) = bytes.get(self.pos + 1)
                && (0xD8A1..=0xD9A9).contains(&u16::from_be_bytes([b, n]))
            {
                ('\u{0621}', 2)
            } else {
                match char_at(bytes, self.pos) {
                    Some(x) => x,
                    None => return self.hand_out_last(),
                }
            };
            if is_word_char(c) {
                let word = self.read_word();
                let covered = self.cues.as_mut().is_some_and(|q| q.cover(word.start));
                let handed = self.pending;
                if let Some(prev) = out.last_mut().filter(|_| handed) {
                    // a reporting cue is never part of a name: the word
                    // before it ends one
                    prev.break_after |= covered;
                }
                out.push(word);
                self.pending = true;
                if handed {
                    return true;
                }
            } else {
                self.between(c, out);
                self.pos += len;
                self.cp += 1;
            }
        }
    }

    /// At the end of what is read: the pending word is handed out if the
    /// text ends there.
    fn hand_out_last(&mut self) -> bool {
        let last = self.ended && self.pending;
        if last {
            self.pending = false;
        }
        last
    }
}

impl Iterator for Words<'_, '_> {
    type Item = Word;

    fn next(&mut self) -> Option<Word> {
        let mut buf = std::mem::take(&mut self.buf);
        let word = self.advance(&mut buf).then(|| buf.remove(0));
        self.buf = buf;
        word
    }
}

/// How many characters U+0621..U+0669 (bytes D8 A1..D9 A9: Arabic
/// letters, tatweel, harakat, digits) `bytes`, a string's bytes from a
/// character on, starts with. Four at a time: in each 16-bit lane of eight
/// bytes read little-endian, the low byte must be D8 or D9 and the high
/// byte (then a continuation byte, 80..BF) at least A1 after D8, at most A9
/// after D9: its low seven bits plus 5F (after D9: 56) carry into bit 7
/// exactly when the first holds (when the second does not).
#[inline(always)]
fn arabic_run(bytes: &[u8]) -> usize {
    const LOW: u64 = 0x0001_0001_0001_0001;
    let mut n = 0;
    let mut rest = bytes;
    while let Some((chunk, tail)) = rest.split_first_chunk::<8>() {
        let w = u64::from_le_bytes(*chunk);
        let lead = (w ^ (0xD8 * LOW)) & (0xFE * LOW);
        // bit 8 of a lane: its low byte is neither D8 nor D9
        let lead_bad = (lead + 0xFF * LOW) & (0x100 * LOW);
        let d9 = w & LOW;
        let sum = ((w >> 8) & (0x7F * LOW)) + (0x5F * LOW - 9 * d9);
        // bit 7 of a lane: its high byte is out of range
        let cont_bad = (sum ^ (d9 << 7) ^ (0x80 * LOW)) & (0x80 * LOW);
        let bad = lead_bad | cont_bad;
        if bad != 0 {
            return n + (bad.trailing_zeros() / 16) as usize;
        }
        n += 4;
        rest = tail;
    }
    while let [b, c, tail @ ..] = rest
        && (0xD8A1..=0xD9A9).contains(&u16::from_be_bytes([*b, *c]))
    {
        n += 1;
        rest = tail;
    }
    n
}

/// [`short_key`] of a word (`start < end`), as two 64-bit halves: the
/// 128-bit mask took a dozen instructions, once per word of the text.
#[inline(always)]
fn word_key(bytes: &[u8], start: usize, end: usize) -> Option<ShortKey> {
    let len = end.checked_sub(start)?;
    let (Some(whole), 1..=16) = (bytes.get(start..start.wrapping_add(16)), len) else {
        return short_key(bytes, start, end);
    };
    let half = |k: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(whole.get(k..k + 8).unwrap_or(&[0; 8]));
        u64::from_le_bytes(b)
    };
    let bits = 8 * len as u32;
    let lo = match bits {
        64.. => half(0),
        _ => half(0) & (u64::MAX >> (64 - bits)),
    };
    let hi = match bits {
        ..=64 => 0,
        _ => half(8) & (u64::MAX >> (128 - bits)),
    };
    Some(((u128::from(hi) << 64) | u128::from(lo), len as u8))
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

#[inline]
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
    } else if matches!(
        c,
        '،' | '؛' | '؟' | '«' | '»' | '“' | '”' | '‘' | '’' | '–' | '—' | '…' | '\u{00A0}'
    ) {
        // the punctuation between words of Arabic and English news
        false
    } else {
        c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use proptest::prelude::*;

    fn rules() -> Rules {
        Rules::parse(crate::rules::VARIANTS).unwrap()
    }

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
        /// Four characters at a time, the run of Arabic letters is the one
        /// read a character at a time.
        #[test]
        fn arabic_runs_are_counted_as_one_by_one(
            s in "([\u{0621}-\u{0669}]{0,9}[\u{0620}\u{066A}\u{0621}\u{0669}\u{0600}\u{06FF}\u{05FF}\u{0700}\u{0750}a. \u{00E9}\u{0800}\u{10000}]{0,2}){0,6}",
            from in 0usize..40,
        ) {
            let from = s.char_indices().nth(from).map_or(s.len(), |(b, _)| b);
            let want = s[from..]
                .chars()
                .take_while(|c| ('\u{0621}'..='\u{0669}').contains(c))
                .count();
            prop_assert_eq!(arabic_run(&s.as_bytes()[from..]), want);
        }

        /// A word's key is [`short_key`]'s, wherever it lies in the text.
        #[test]
        fn word_keys_are_short_keys(
            text in proptest::collection::vec(proptest::num::u8::ANY, 0..40),
            start in 0usize..45,
            len in 0usize..20,
        ) {
            let end = start + len;
            prop_assert_eq!(word_key(&text, start, end), short_key(&text, start, end));
        }

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
            let r = rules();
            let mut want = words(&r, &s, 0);
            for k in 1..want.len() {
                let at = want[k].start;
                if cues.iter().any(|&(a, b)| a <= at && at < b) {
                    want[k - 1].break_after = true;
                }
            }
            let index = Cues::new(&cues);
            let got: Vec<Word> = Words::new(&r, &s, 0, Some(index)).collect();
            prop_assert_eq!(got, want);
        }

        #[test]
        fn spans_index_the_text(s in "[a-zA-Zء-يً-ٰﻻﷲＡ-Ｚ\u{0654}\u{0640}\u{200B}\u{00AD} .,'\\-\n]{0,60}") {
            let cps: Vec<char> = s.chars().collect();
            let r = rules();
            for w in words(&r, &s, 0) {
                prop_assert!(w.start < w.end && w.end <= cps.len());
                let raw: String = cps[w.start..w.end].iter().collect();
                prop_assert_eq!(w.norm(), isnad_text::normalize_str(&raw));
            }
        }
            /// The cursor answers as a search of every cue known so far, with
        /// cues added between the questions (as a streamed document's
        /// claims arrive).
        #[test]
        fn the_cue_cursor_answers_as_a_search(
            first in proptest::collection::vec((0usize..80, 0usize..80), 0..6),
            ops in proptest::collection::vec((proptest::bool::ANY, 0usize..80, 0usize..20), 0..40),
        ) {
            let mut q = Cues::new(&first);
            let mut all = first.clone();
            let mut at = 0;
            for (push, x, len) in ops {
                if push {
                    q.push((x, x + len));
                    all.push((x, x + len));
                } else {
                    at = at.max(x);
                    let want = all.iter().any(|&(a, b)| a <= at && at < b);
                    prop_assert_eq!(q.cover(at), want, "at {}", at);
                }
            }
        }
    }
}
