//! Segmentation of the original text into blocks (passages) and sentences.
//!
//! Segmentation always works on the original text, never on the matching
//! form, and every span it returns counts code points of the original.
//!
//! # Blocks
//!
//! - A **blank line** (a line holding only whitespace, NBSP or invisible
//!   characters; real news files have lines with a lone NBSP) separates
//!   blocks. Lines end at LF, CR LF, CR, VT, FF, NEL, U+2028; U+2029 (the
//!   paragraph separator) also ends a block.
//! - A group of non-blank lines is one **paragraph** when it looks like
//!   running text wrapped over several lines (the lines before the last are
//!   long and of similar length). Otherwise each line is its own passage:
//!   mastheads, a byline under a site name, «نشر» above the outlet's name,
//!   related-link lines, lists.
//! - A line's kind:
//!   - `item`: it starts with a bullet (`•`, `-`, `*`, `–` ...) or a number
//!     (`1.`, `2)`, `٣-`) and a space;
//!   - `dateline`: a short line that holds only a date or a time (digits,
//!     `10:30`, `17/09/2023`, month and weekday names, a few other words);
//!   - `byline`: a short line that starts with a byline word (`By`,
//!     `Reporting by`, `كتب`, `بقلم`, `إعداد`, `متابعة` ...) or a title
//!     abbreviation (`د.`, `Dr.`), or a name-like line of at most two words
//!     (four inside a group of short lines) without a colon or quotes: site
//!     names, «نشر», «رئيس مجلس الإدارة» in a masthead;
//!   - `heading`: any other short line without final punctuation (up to 25
//!     words: headlines, subheadings, link labels, tag lists), and the
//!     document's first line when it is a single short sentence even with a
//!     final period;
//!   - `paragraph`: everything else.
//!
//! # Sentences
//!
//! Paragraphs and items are split into sentences after `. ! ? ؟ … ۔` (and
//! runs of them such as `..` or `?!`, with any closing quotes or brackets
//! after them) when whitespace or the end follows, except:
//! - after an abbreviation or an initial: a single letter (`د. رائد`,
//!   `J. Smith`), a dotted abbreviation (`U.S.`, `e.g.`, `a.m.`, `أ.د.`),
//!   a listed title or short form (`Dr.`, `Mr.`, `Gen.`, `Inc.`, `Sept.`,
//!   `No. 5` ...), or a list number at the start of a sentence;
//! - before a lowercase Latin letter (`e.g. the`, `"Wow!" she said`);
//! - inside a quotation: text between matching `« »`, `“ ”`, `„ “` or a pair
//!   of `"` stays one unit, however many sentences it holds; the sentence
//!   may end right after the closing mark (`"We will win." Then ...`).
//!
//! Decimals (`3.5`) and times (`10.30`) never split, because no whitespace
//! follows the point. Headings, bylines and datelines are one sentence.

use std::ops::Range;

use isnad_model::{PassageKind, Span};

use crate::lang::ScriptCounts;
use crate::normalize::{is_removed, normalize_str};

/// One block of the text: a passage with its kind, sentences and language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What kind of block this is.
    pub kind: PassageKind,
    /// Where the block stands in the original text, without surrounding
    /// whitespace and blank lines.
    pub span: Span,
    /// The sentences of the block, in order, each trimmed of whitespace;
    /// together they cover every non-blank character of the block.
    pub sentences: Vec<Span>,
    /// The block's language by script: `ar`, `en` or `und`.
    pub language: &'static str,
}

/// Splits `text` into blocks and sentences. See the [module
/// documentation](self) for the rules.
///
/// ```
/// use isnad_model::PassageKind;
/// use isnad_text::segment;
///
/// let text = "رئيس التحرير\nد. رائد العزاوي\n\nقال د. رائد إن النمو بلغ 3.5 في المئة. وأضاف: «نعم. لا».\n";
/// let blocks = segment(text);
/// let kinds: Vec<_> = blocks.iter().map(|b| b.kind).collect();
/// assert_eq!(kinds, [PassageKind::Byline, PassageKind::Byline, PassageKind::Paragraph]);
/// let p = &blocks[2];
/// let sentences: Vec<_> = p.sentences.iter().map(|s| s.slice(text).unwrap()).collect();
/// assert_eq!(sentences, ["قال د. رائد إن النمو بلغ 3.5 في المئة.", "وأضاف: «نعم. لا»."]);
/// assert_eq!(p.language, "ar");
/// ```
pub fn segment(text: &str) -> Vec<Block> {
    segment_part(text, 0, true)
}

/// Segments one part of a longer text, for reading a large input piece by
/// piece. `offset` is the code-point offset of the part in the whole text
/// (added to every span) and `at_start` says whether no block came before
/// it. When the whole text is cut at [`last_block_boundary`] positions,
/// the parts' blocks together are exactly [`segment`]'s blocks of the
/// whole, provided `at_start` is true only until a part produced a block.
pub fn segment_part(text: &str, offset: usize, at_start: bool) -> Vec<Block> {
    layout(text, offset, at_start)
        .into_iter()
        .map(|l| {
            let chars: Vec<char> = text[l.bytes.clone()].chars().collect();
            let sentences = if matches!(l.kind, PassageKind::Paragraph | PassageKind::Item) {
                split_sentences(&chars, 0, chars.len())
                    .into_iter()
                    .map(|sp| Span::new(sp.start + l.span.start, sp.end + l.span.start))
                    .collect()
            } else {
                vec![l.span]
            };
            Block {
                kind: l.kind,
                span: l.span,
                sentences,
                language: ScriptCounts::of(chars.iter().copied()).language(),
            }
        })
        .collect()
}

/// A block's kind and place, without sentences or language: what
/// fingerprinting needs, found fast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// What kind of block this is.
    pub kind: PassageKind,
    /// Where the block stands, in code points (shifted by the `offset`
    /// given to [`layout`]).
    pub span: Span,
    /// Where the block stands in the `text` given to [`layout`], in bytes
    /// (not shifted).
    pub bytes: Range<usize>,
}

/// The blocks of a part of a text, as [`segment_part`] finds them, without
/// splitting sentences or identifying languages.
pub fn layout(text: &str, offset: usize, at_start: bool) -> Vec<Layout> {
    let mut out = Vec::new();
    layout_into(text, offset, at_start, &mut out);
    out
}

/// [`layout`] appended to `out` (a caller that segments many texts keeps
/// one buffer), returning the number of code points of `text`, which the
/// walk over its lines counts anyway.
pub fn layout_into(text: &str, offset: usize, at_start: bool, out: &mut Vec<Layout>) -> usize {
    let b = text.as_bytes();
    let n = b.len();
    let mut group: Vec<Line> = Vec::new();
    let mut first = at_start;
    let mut i = 0;
    let mut cp = 0;
    let mut breaks = Breaks::new(b);
    loop {
        let j = breaks.next(i);
        let line = &text[i..j];
        let count = crate::normalize::count_chars(line.as_bytes());
        let mut lead_b = 0;
        let mut lead_c = 0;
        for c in line.chars() {
            if !is_blank_char(c) {
                break;
            }
            lead_b += c.len_utf8();
            lead_c += 1;
        }
        if lead_b < line.len() {
            let mut trail_b = 0;
            let mut trail_c = 0;
            for c in line.chars().rev() {
                if !is_blank_char(c) {
                    break;
                }
                trail_b += c.len_utf8();
                trail_c += 1;
            }
            group.push(line_info(
                text,
                i + lead_b,
                j - trail_b,
                cp + lead_c,
                cp + count - trail_c,
            ));
        } else {
            flush(text, &mut group, out, &mut first, offset);
        }
        cp += count;
        if j >= n {
            break;
        }
        let (c, mut len) = decode_at(text, j);
        cp += 1;
        if c == '\u{2029}' {
            flush(text, &mut group, out, &mut first, offset);
        }
        if c == '\r' && b.get(j + 1) == Some(&b'\n') {
            len += 1;
            cp += 1;
        }
        i = j + len;
    }
    flush(text, &mut group, out, &mut first, offset);
    cp
}

fn decode_at(text: &str, i: usize) -> (char, usize) {
    text[i..]
        .chars()
        .next()
        .map_or(('\0', 1), |c| (c, c.len_utf8()))
}

/// Finds line breaks: `memchr` finds the candidates, LF, CR and the lead
/// byte 0xE2 of U+2028 and U+2029 in one set; VT, FF and the lead byte 0xC2
/// of NEL in the other. The next candidate of each set is kept, so each
/// byte is searched once.
struct Breaks<'a> {
    b: &'a [u8],
    a: Option<usize>,
    c: Option<usize>,
}

impl<'a> Breaks<'a> {
    fn new(b: &'a [u8]) -> Self {
        Breaks {
            b,
            a: None,
            c: None,
        }
    }

    /// The byte offset of the next line break at or after `i` (or the end).
    fn next(&mut self, i: usize) -> usize {
        let b = self.b;
        let n = b.len();
        loop {
            let a = match self.a {
                Some(a) if a >= i => a,
                _ => next_candidate(b, i, b'\n', b'\r', 0xE2),
            };
            let c = match self.c {
                Some(c) if c >= i => c,
                _ => next_candidate(b, i, 0x0B, 0x0C, 0xC2),
            };
            self.a = Some(a);
            self.c = Some(c);
            let k = a.min(c);
            if k >= n {
                return n;
            }
            let hit = match b[k] {
                b'\n' | b'\r' | 0x0B | 0x0C => true,
                0xC2 => b.get(k + 1) == Some(&0x85),
                _ => b.get(k + 1) == Some(&0x80) && matches!(b.get(k + 2), Some(0xA8 | 0xA9)),
            };
            if hit {
                return k;
            }
            // A false candidate: search on after it.
            if a == k {
                self.a = Some(next_candidate(b, k + 1, b'\n', b'\r', 0xE2));
            }
            if c == k {
                self.c = Some(next_candidate(b, k + 1, 0x0B, 0x0C, 0xC2));
            }
        }
    }
}

fn next_candidate(b: &[u8], from: usize, x: u8, y: u8, z: u8) -> usize {
    memchr::memchr3(x, y, z, &b[from..]).map_or(b.len(), |k| from + k)
}

/// The byte offset of a position in `text` where it can be cut into parts
/// that segment independently (see [`segment_part`]): the start of the last
/// complete blank line that follows a line break. `None` when there is no
/// such line.
pub fn last_block_boundary(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    // Walk back over line breaks: a blank line is the text between two
    // consecutive '\n' that holds only blank characters.
    let mut end = b.len();
    let mut next_nl = None;
    while let Some(nl) = b[..end].iter().rposition(|&x| x == b'\n') {
        if let Some(after) = next_nl {
            let line = &text[nl + 1..after];
            if line.chars().all(is_blank_char) {
                return Some(nl + 1);
            }
        }
        next_nl = Some(nl);
        end = nl;
    }
    None
}

/// Whitespace and invisible characters: what blank lines are made of and
/// what spans are trimmed of.
pub fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || (is_removed(c) && !matches!(c, '\u{0610}'..='\u{06ED}'))
}

/// Sentence-final punctuation.
pub fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '\u{061F}' | '\u{2026}' | '\u{06D4}' | '\u{203C}' | '\u{2047}'
            ..='\u{2049}'
    )
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{00BB}'
            | '\u{201D}'
            | '\u{2019}'
            | '\u{201C}'
            | '\u{203A}'
            | ')'
            | ']'
            | '}'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{00AB}' | '\u{201C}' | '\u{201E}' | '\u{2039}' | '\u{2018}' | '(' | '[' | '{'
    )
}

fn trim(chars: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && is_blank_char(chars[s]) {
        s += 1;
    }
    while e > s && is_blank_char(chars[e - 1]) {
        e -= 1;
    }
    (s, e)
}

/// Lines longer than this many characters are paragraphs (or list items):
/// the heading, byline and dateline rules look only at shorter lines.
const LONG_LINE: usize = 220;

/// Lines up to this many characters may stand alone in a group of lines.
const SHORT_LINE: usize = 90;

/// `Line::words` of a line that is not counted in `line_info`: longer than
/// [`SHORT_LINE`], or ending with a final point.
const UNCOUNTED: usize = usize::MAX;

/// Whether `line` holds an ASCII, Arabic-Indic or Persian digit (by bytes:
/// U+0660–U+0669 are D9 A0–A9, U+06F0–U+06F9 are DB B0–B9). It reads every
/// line of running text, so it tests 32 bytes at a time without a branch
/// per byte: each block is a fixed-size array with the 32 bytes before
/// each of its bytes beside it, which the compiler turns into vector
/// instructions (slices of `chunks` have no known length, and the loop over
/// them ran a byte at a time).
fn has_digit(line: &str) -> bool {
    let b = line.as_bytes();
    // Non-short-circuit operators, so that each block of 32 is tested with
    // vector instructions.
    let digit = |prev: u8, x: u8| {
        (x.wrapping_sub(b'0') < 10)
            | ((prev == 0xD9) & (x.wrapping_sub(0xA0) < 10))
            | ((prev == 0xDB) & (x.wrapping_sub(0xB0) < 10))
    };
    let Some(&first) = b.first() else {
        return false;
    };
    if first.is_ascii_digit() {
        return true;
    }
    // the pairs (b[k - 1], b[k]) for k from 1, a block of 32 at a time
    let mut k = 1;
    while let (Some(prevs), Some(bytes)) = (
        b.get(k - 1..k + 31)
            .and_then(|s| <&[u8; 32]>::try_from(s).ok()),
        b.get(k..k + 32).and_then(|s| <&[u8; 32]>::try_from(s).ok()),
    ) {
        if prevs
            .iter()
            .zip(bytes)
            .fold(false, |any, (&prev, &x)| any | digit(prev, x))
        {
            return true;
        }
        k += 32;
    }
    // the last pairs the same way, in a block padded with zero bytes
    // (no digit, and no lead byte of one)
    let rest = &b[k - 1..];
    let mut padded = [0u8; 33];
    padded[..rest.len()].copy_from_slice(rest);
    padded[..32]
        .iter()
        .zip(&padded[1..])
        .fold(false, |any, (&prev, &x)| any | digit(prev, x))
}

#[derive(Debug, Clone, Copy)]
struct Line {
    /// Trimmed byte range in the part.
    bs: usize,
    be: usize,
    /// Trimmed code-point range in the part.
    cs: usize,
    ce: usize,
    /// Words (runs with a letter or digit); [`UNCOUNTED`] for a long line
    /// or one with a final point.
    words: usize,
    terminal: bool,
    item: bool,
}

impl Line {
    fn len(&self) -> usize {
        self.ce - self.cs
    }
    fn standalone(&self) -> bool {
        self.item || (self.words <= 12 && self.len() <= SHORT_LINE && !self.terminal)
    }
}

fn line_info(text: &str, bs: usize, be: usize, cs: usize, ce: usize) -> Line {
    let line = &text[bs..be];
    let terminal = line
        .chars()
        .rev()
        .find(|&c| !is_closer(c))
        .is_some_and(is_terminal);
    // Only the lines that may stand alone (short, without a final point)
    // are counted here; `classify` counts the others when it needs to,
    // which for a sentence of running text is never.
    let words = if ce - cs <= SHORT_LINE && !terminal {
        crate::normalize::count_words(line)
    } else {
        UNCOUNTED
    };
    let mut head = ['\0'; 6];
    let mut k = 0;
    for c in line.chars().take(6) {
        head[k] = c;
        k += 1;
    }
    let head = &head[..k];
    Line {
        bs,
        be,
        cs,
        ce,
        words,
        terminal,
        item: is_item(head),
    }
}

fn is_item(line: &[char]) -> bool {
    let followed_by_space = |i: usize| line.get(i).is_some_and(|c| c.is_whitespace());
    match line.first() {
        Some('•' | '·' | '▪' | '■' | '●' | '◦' | '‣' | '-' | '*' | '–' | '—') => {
            followed_by_space(1)
        }
        Some(&c) if is_digit(c) => {
            let digits = line.iter().take_while(|&&c| is_digit(c)).count();
            digits <= 3
                && matches!(line.get(digits), Some('.' | ')' | '-'))
                && followed_by_space(digits + 1)
        }
        _ => false,
    }
}

/// Words of a line, lowercased and normalized, without surrounding
/// punctuation.
fn words_of(line: &[char]) -> Vec<String> {
    let s: String = line.iter().collect();
    normalize_str(&s)
        .split(' ')
        .map(|w| {
            w.trim_matches(|c: char| !crate::normalize::is_alphanumeric(c))
                .to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

const BYLINE_STARTS: &[&[&str]] = &[
    &["by"],
    &["reporting", "by"],
    &["written", "by"],
    &["edited", "by"],
    &["additional", "reporting"],
    &["photo"],
    &["photos"],
    &["credit"],
    &["كتب"],
    &["كتبت"],
    &["بقلم"],
    &["اعداد"],
    &["تحرير"],
    &["متابعه"],
    &["مراسل"],
    &["ترجمه"],
    &["تصوير"],
    &["حوار"],
];

/// Whether the first word of `line` opens a byline marker or is a name
/// title (a cheap test on one normalized word).
fn first_word_may_be_byline(line: &str) -> bool {
    let token = line.split(char::is_whitespace).next().unwrap_or_default();
    let token = token.get(..token.len().min(24)).unwrap_or(token);
    let first = normalize_str(token);
    let word = first.trim_matches(|c: char| !crate::normalize::is_alphanumeric(c));
    let title = first.ends_with('.')
        && NAME_TITLES.contains(&first.trim_end_matches('.').replace('.', "").as_str());
    title || BYLINE_STARTS.iter().any(|m| m[0] == word)
}

/// Title abbreviations that open a name line (`د. رائد العزاوي`).
const NAME_TITLES: &[&str] = &["د", "ا", "اد", "م", "dr", "prof", "mr", "mrs", "ms"];

/// `words`: the line's first (normalized) words; `count`: how many words
/// the line has.
fn has_byline_marker(line: &[char], count: usize, words: &[String]) -> bool {
    if BYLINE_STARTS
        .iter()
        .any(|m| words.len() >= m.len() && m.iter().zip(words).all(|(a, b)| a == b))
    {
        return true;
    }
    // A title abbreviation with its point, then a name: «د. رائد العزاوي».
    let first: String = line.iter().take_while(|c| !c.is_whitespace()).collect();
    let first = normalize_str(&first);
    (2..=5).contains(&count)
        && first.ends_with('.')
        && NAME_TITLES.contains(&first.trim_end_matches('.').replace('.', "").as_str())
}

const DATE_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "am",
    "pm",
    "gmt",
    "utc",
    "updated",
    "published",
    "يناير",
    "فبراير",
    "مارس",
    "ابريل",
    "مايو",
    "يونيو",
    "يونيه",
    "يوليو",
    "يوليه",
    "اغسطس",
    "سبتمبر",
    "اكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون",
    "الثاني",
    "الاول",
    "شباط",
    "اذار",
    "نيسان",
    "ايار",
    "حزيران",
    "تموز",
    "اب",
    "ايلول",
    "تشرين",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "السبت",
    "ص",
    "م",
    "نشر",
    "في",
    "تحديث",
    "اخر",
    "بتوقيت",
    "غرينتش",
    "مكه",
];

fn is_dateline(line: &[char], words: &[String]) -> bool {
    if words.is_empty() || words.len() > 10 {
        return false;
    }
    let numeric = |w: &String| w.chars().any(|c| c.is_ascii_digit());
    if !words.iter().any(numeric) {
        return false;
    }
    let has_time_or_date = line
        .windows(3)
        .any(|w| w[0].is_numeric() && matches!(w[1], ':' | '/' | '-' | '.') && w[2].is_numeric());
    let date_words = words
        .iter()
        .filter(|w| DATE_WORDS.contains(&w.as_str()))
        .count();
    let other = words
        .iter()
        .filter(|w| !numeric(w) && !DATE_WORDS.contains(&w.as_str()))
        .count();
    (has_time_or_date || date_words > 0) && other <= 2
}

/// ASCII, Arabic-Indic and Persian digits.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// Whether a line may start with a byline marker or a name title (see
/// [`BYLINE_STARTS`] and [`NAME_TITLES`]): a cheap test before the words
/// are normalized.
fn may_start_byline(c: char) -> bool {
    matches!(
        c.to_ascii_lowercase(),
        'b' | 'r'
            | 'w'
            | 'e'
            | 'a'
            | 'p'
            | 'c'
            | 'd'
            | 'm'
            | 'ك'
            | 'ب'
            | 'ا'
            | 'أ'
            | 'إ'
            | 'آ'
            | 'ٱ'
            | 'ت'
            | 'م'
            | 'ح'
            | 'د'
    )
}

fn classify(whole: &str, line: &Line, in_short_group: bool, first: bool) -> PassageKind {
    if line.item {
        return PassageKind::Item;
    }
    if line.len() > LONG_LINE {
        return PassageKind::Paragraph;
    }
    let line_text = &whole[line.bs..line.be];
    let words = if line.words == UNCOUNTED {
        let maybe_first = first && !in_short_group;
        if line.terminal && !maybe_first {
            // A sentence of running text that cannot be the heading is a
            // paragraph, unless it is a short dateline (it has a digit) or
            // a short byline (its first letter may open one): only
            // `words > 10` is asked of its count.
            let head = line_text.chars().next().is_some_and(may_start_byline);
            if !head && !has_digit(line_text) {
                return PassageKind::Paragraph;
            }
            crate::normalize::count_words_upto(line_text, 11)
        } else {
            // Only `words > 25` is asked of a count above 25.
            crate::normalize::count_words_upto(line_text, 26)
        }
    } else {
        line.words
    };
    if words > 25 {
        return PassageKind::Paragraph;
    }
    // Running text ends here without looking at its characters again.
    let may_head = first && words <= 20 && !in_short_group;
    if words > 10 {
        if !line.terminal {
            return PassageKind::Heading;
        }
        if !may_head {
            return PassageKind::Paragraph;
        }
    }
    // The character lists and word lists are built only for the few lines
    // that may need them: a dateline has a digit, a byline marker stands in
    // the first words, a heading with a final point is one sentence.
    if words <= 10 && has_digit(line_text) {
        let chars: Vec<char> = line_text.chars().collect();
        if is_dateline(&chars, &words_of(&chars)) {
            return PassageKind::Dateline;
        }
    }
    if words <= 8
        && line_text.chars().next().is_some_and(may_start_byline)
        && first_word_may_be_byline(line_text)
    {
        let chars: Vec<char> = line_text.chars().collect();
        let head: Vec<char> = chars.iter().copied().take(40).collect();
        let mut first_words = words_of(&head);
        first_words.truncate(3);
        if has_byline_marker(&chars, words, &first_words) {
            return PassageKind::Byline;
        }
    }
    if line.terminal {
        if !may_head {
            return PassageKind::Paragraph;
        }
        if surely_one_sentence(line_text) {
            return PassageKind::Heading;
        }
        let chars: Vec<char> = line_text.chars().collect();
        return if split_sentences(&chars, 0, chars.len()).len() == 1 {
            PassageKind::Heading
        } else {
            PassageKind::Paragraph
        };
    }
    let colon_or_quote = line_text.contains([':', '"', '«', '»', '“', '”', '|']);
    let limit = if in_short_group { 4 } else { 2 };
    if words <= limit && !colon_or_quote {
        return PassageKind::Byline;
    }
    PassageKind::Heading
}

/// Whether `line` has no terminal character before the run of terminals
/// and closers it ends with: then it is one sentence, since every sentence
/// end but the text's own follows a terminal character and whitespace
/// (most titles take this short cut instead of [`split_sentences`]).
fn surely_one_sentence(line: &str) -> bool {
    !has_terminal(line.trim_end_matches(|c| is_terminal(c) || is_closer(c)))
}

/// Whether `text` holds an [`is_terminal`] character, read as bytes: `.`,
/// `!`, `?`, and the UTF-8 of U+061F (D8 9F), U+06D4 (DB 94), U+2026 and
/// U+203C (E2 80 A6, E2 80 BC), U+2047–U+2049 (E2 81 87–89).
fn has_terminal(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr3(b'.', b'!', b'?', b).is_some()
        || memchr::memchr3_iter(0x9F, 0x94, 0xE2, b).any(|k| match b[k] {
            0x9F => k > 0 && b[k - 1] == 0xD8,
            0x94 => k > 0 && b[k - 1] == 0xDB,
            _ => matches!(
                (b.get(k + 1), b.get(k + 2)),
                (Some(0x80), Some(0xA6 | 0xBC)) | (Some(0x81), Some(0x87..=0x89))
            ),
        })
}

fn looks_wrapped(lines: &[Line]) -> bool {
    if lines.iter().any(|l| l.item) {
        return false;
    }
    let max = lines.iter().map(Line::len).max().unwrap_or(0);
    max >= 40
        && lines[..lines.len() - 1]
            .iter()
            .all(|l| l.len() * 10 >= max * 6)
}

fn flush(
    text: &str,
    group: &mut Vec<Line>,
    out: &mut Vec<Layout>,
    first: &mut bool,
    offset: usize,
) {
    if group.is_empty() {
        return;
    }
    let mut push = |kind: PassageKind, a: &Line, b: &Line| {
        out.push(Layout {
            kind,
            span: Span::new(a.cs + offset, b.ce + offset),
            bytes: a.bs..b.be,
        });
    };
    if group.len() == 1 {
        let line = group[0];
        push(classify(text, &line, false, *first), &line, &line);
    } else {
        let all_short = group.iter().all(Line::standalone);
        if !all_short && looks_wrapped(group) {
            push(PassageKind::Paragraph, &group[0], &group[group.len() - 1]);
        } else {
            for (k, line) in group.iter().enumerate() {
                push(
                    classify(text, line, all_short, *first && k == 0),
                    line,
                    line,
                );
            }
        }
    }
    *first = false;
    group.clear();
}

/// Abbreviations (lowercase, without their point) after which a point does
/// not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "sen", "rep", "gov", "gen", "col", "lt",
    "sgt", "capt", "cmdr", "adm", "maj", "rev", "hon", "pres", "supt", "det", "insp", "messrs",
    "mme", "mlle", "mt", "ft", "ave", "blvd", "rd", "dept", "univ", "assn", "bros", "inc", "ltd",
    "co", "corp", "llc", "plc", "vs", "al", "approx", "est", "cf", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu",
    "thur", "thurs", "fri", "sat", "sun",
];

/// Abbreviations that hold only before a number (`No. 5`, `Fig. 3`).
const NUMBER_ABBREVIATIONS: &[&str] = &["no", "nos", "fig", "vol", "pp", "p", "art"];

/// The spans of the sentences of `chars[s..e]`.
fn split_sentences(chars: &[char], s: usize, e: usize) -> Vec<Span> {
    let (inside, closes) = quotations(chars, s, e);
    let mut out = Vec::new();
    let mut start = s;
    let mut i = s;
    while i < e {
        let c = chars[i];
        let mut boundary = None;
        if is_terminal(c) && !inside[i - s] {
            let mut j = i + 1;
            while j < e && is_terminal(chars[j]) {
                j += 1;
            }
            let run = j - i;
            while j < e && is_closer(chars[j]) {
                j += 1;
            }
            if (j == e || chars[j].is_whitespace()) && !suppressed(chars, start, i, run, j, e) {
                boundary = Some(j);
            } else {
                i = j;
                continue;
            }
        } else if closes[i - s] {
            let mut k = i;
            while k > start && is_closer(chars[k - 1]) {
                k -= 1;
            }
            if k > start && is_terminal(chars[k - 1]) {
                let mut j = i + 1;
                while j < e && is_closer(chars[j]) {
                    j += 1;
                }
                if (j == e || chars[j].is_whitespace()) && !lowercase_next(chars, j, e) {
                    boundary = Some(j);
                }
            }
        }
        match boundary {
            Some(j) => {
                let (ts, te) = trim(chars, start, j);
                if ts < te {
                    out.push(Span::new(ts, te));
                }
                start = j;
                i = j;
            }
            None => i += 1,
        }
    }
    let (ts, te) = trim(chars, start, e);
    if ts < te {
        out.push(Span::new(ts, te));
    }
    out
}

fn lowercase_next(chars: &[char], j: usize, e: usize) -> bool {
    let mut k = j;
    while k < e && (chars[k].is_whitespace() || is_opener(chars[k])) {
        k += 1;
    }
    k < e && chars[k].is_lowercase()
}

/// Whether the terminal run at `i` (of length `run`, ending with closers at
/// `j`) is not a sentence end.
fn suppressed(chars: &[char], start: usize, i: usize, run: usize, j: usize, e: usize) -> bool {
    if lowercase_next(chars, j, e) {
        return true;
    }
    if chars[i] != '.' || run > 1 {
        return false;
    }
    let mut t = i;
    while t > start && !chars[t - 1].is_whitespace() && !is_opener(chars[t - 1]) {
        t -= 1;
    }
    let token = &chars[t..i];
    if token.is_empty() {
        return false;
    }
    let letters = token.iter().filter(|&&c| is_alphabetic(c)).count();
    // An initial: «د. رائد», "J. Smith", «هـ.».
    if letters == 1 && token.iter().all(|&c| is_alphabetic(c) || c == '\u{0640}') {
        return true;
    }
    // A dotted abbreviation: U.S., e.g., a.m., أ.د.
    if letters > 0 && token.contains(&'.') {
        return true;
    }
    // A list number at the start of a sentence: "1. ..."
    if t == start && token.len() <= 3 && token.iter().all(|c| c.is_numeric()) {
        return true;
    }
    // The listed abbreviations are ASCII, and a letter of the Arabic block
    // is its own lowercase: a token with one is none of them (most tokens
    // before a point in Arabic text, read here without building a word).
    if letters == token.len()
        && token.len() <= 6
        && !token.iter().any(|c| matches!(c, '\u{0600}'..='\u{06FF}'))
    {
        let word: String = token.iter().flat_map(|c| c.to_lowercase()).collect();
        if ABBREVIATIONS.contains(&word.as_str()) {
            return true;
        }
        if NUMBER_ABBREVIATIONS.contains(&word.as_str()) {
            let mut k = j;
            while k < e && chars[k].is_whitespace() {
                k += 1;
            }
            return k < e && chars[k].is_numeric();
        }
    }
    false
}

/// `char::is_alphabetic`, without the standard library's table search for
/// ASCII and the basic Arabic letters (U+0621–U+063A, U+0641–U+064A),
/// which are most of the letters of the tokens it is asked about.
#[inline]
fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') || c.is_alphabetic()
    }
}

/// For `chars[s..e]`: which characters lie inside a matched quotation, and
/// which are the closing marks of one.
fn quotations(chars: &[char], s: usize, e: usize) -> (Vec<bool>, Vec<bool>) {
    let mut inside = vec![false; e - s];
    let mut closes = vec![false; e - s];
    let mut guillemets: Vec<usize> = Vec::new();
    let mut curly: Vec<(usize, char)> = Vec::new();
    let mut straight: Option<usize> = None;
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, &c) in chars.iter().enumerate().take(e).skip(s) {
        match c {
            '\u{00AB}' => guillemets.push(i),
            '\u{00BB}' => {
                if let Some(o) = guillemets.pop() {
                    pairs.push((o, i));
                }
            }
            '\u{201E}' => curly.push((i, '\u{201E}')),
            '\u{201C}' => {
                if curly.last().is_some_and(|&(_, k)| k == '\u{201E}') {
                    if let Some((o, _)) = curly.pop() {
                        pairs.push((o, i));
                    }
                } else {
                    curly.push((i, '\u{201C}'));
                }
            }
            '\u{201D}' => {
                if let Some((o, _)) = curly.pop() {
                    pairs.push((o, i));
                }
            }
            '"' => match straight.take() {
                Some(o) => pairs.push((o, i)),
                None => straight = Some(i),
            },
            _ => {}
        }
    }
    for (o, c) in pairs {
        for flag in &mut inside[o + 1 - s..c - s] {
            *flag = true;
        }
        closes[c - s] = true;
    }
    (inside, closes)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn digits_are_found_in_any_script(line in "(\\PC|[0-9٠-٩۰-۹ـ])*") {
            let expected = line.chars().any(|c| c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}'));
            proptest::prop_assert_eq!(has_digit(&line), expected);
        }

        /// Lines of running text (longer than a block of 32 bytes), with
        /// digits anywhere or none.
        #[test]
        fn digits_are_found_in_long_lines(
            line in "[a-z\u{0621}-\u{064A} ]{0,90}([0-9\u{0660}-\u{0669}\u{06F0}-\u{06F9}\u{0600}-\u{06FF}]{0,2}[a-z\u{0621}-\u{064A} ]{0,40}){0,3}",
        ) {
            let expected = line.chars().any(|c| c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}'));
            proptest::prop_assert_eq!(has_digit(&line), expected);
        }
    }

    proptest::proptest! {
        /// The short cut of [`surely_one_sentence`] agrees with
        /// [`split_sentences`].
        #[test]
        fn the_one_sentence_short_cut_agrees_with_the_split(
            line in "[a-zA-Z\u{0627}-\u{0648} ]{1,12}([.!?\u{061F}…\"»”)' ]{0,3}[a-zA-Z\u{0627}-\u{0648} ]{0,12}){0,3}[.!?\u{061F}…]{1,2}[\"»”)']{0,2}",
        ) {
            let line = line.trim();
            let chars: Vec<char> = line.chars().collect();
            if !chars.is_empty() && surely_one_sentence(line) {
                proptest::prop_assert_eq!(split_sentences(&chars, 0, chars.len()).len(), 1, "{:?}", line);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn terminal_bytes_are_terminal_characters(
            text in "(\\PC|[.!?\u{061F}\u{06D4}\u{2026}\u{203C}\u{2047}-\u{2049}\u{061E}\u{06D5}\u{2025}\u{2046}\u{204A}])*",
        ) {
            proptest::prop_assert_eq!(has_terminal(&text), text.contains(is_terminal));
        }
    }

    #[test]
    fn one_sentence_short_cut_examples() {
        for (line, one) in [
            ("Minister resigns.", true),
            ("«الوزير يستقيل».", true),
            ("He said \"no.\"", true),
            ("It rained. Then it stopped.", false),
            ("Dr. Smith resigns.", false),
        ] {
            assert_eq!(surely_one_sentence(line), one, "{line}");
        }
    }

    #[test]
    fn the_fast_alphabetic_test_is_the_standard_one() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    /// Segments `input` and compares each block's kind and text with
    /// `expected` (`"kind: text"`), and checks the spans' invariants.
    fn check(input: &str, expected: &[&str]) {
        let blocks = segment(input);
        let got: Vec<String> = blocks
            .iter()
            .map(|b| format!("{}: {}", b.kind.as_str(), b.span.slice(input).unwrap()))
            .collect();
        assert_eq!(got, expected, "blocks of {input:?}");
        for b in &blocks {
            for s in &b.sentences {
                assert!(b.span.contains(s));
            }
        }
    }

    /// Sentences of the single block of `input`.
    fn check_sentences(input: &str, expected: &[&str]) {
        let blocks = segment(input);
        let got: Vec<&str> = blocks
            .iter()
            .flat_map(|b| b.sentences.iter().map(|s| s.slice(input).unwrap()))
            .collect();
        assert_eq!(got, expected, "sentences of {input:?}");
    }

    #[test]
    fn masthead_byline_and_site_lines_are_separate_passages() {
        check(
            "رئيس مجلس الإدارة\nد. رائد العزاوي\n\nكوريا الشمالية: علاقتنا مع روسيا تعكس صداقة تاريخية بين \"رفاق سلاح\"\n\nنشر\nالأمصار\n\nوصفت كوريا الشمالية اللقاء بأنه تاريخي.\n\n\u{00A0}\n\nوقال كيم إنه مسرور.",
            &[
                "byline: رئيس مجلس الإدارة",
                "byline: د. رائد العزاوي",
                "heading: كوريا الشمالية: علاقتنا مع روسيا تعكس صداقة تاريخية بين \"رفاق سلاح\"",
                "byline: نشر",
                "byline: الأمصار",
                "paragraph: وصفت كوريا الشمالية اللقاء بأنه تاريخي.",
                "paragraph: وقال كيم إنه مسرور.",
            ],
        );
    }

    #[test]
    fn english_heading_byline_paragraphs() {
        check(
            "Water minister: new dam will protect the city\n\nBy the News Desk\n\nThe ministry said on Tuesday that the dam is done. It cost $3.5 million.\n",
            &[
                "heading: Water minister: new dam will protect the city",
                "byline: By the News Desk",
                "paragraph: The ministry said on Tuesday that the dam is done. It cost $3.5 million.",
            ],
        );
    }

    #[test]
    fn first_line_title_with_a_period_is_a_heading() {
        check(
            "Stealth Over Health: Clinton Was Headed to ER But Diverted.\n\nThe Post reports that the team avoided the room.",
            &[
                "heading: Stealth Over Health: Clinton Was Headed to ER But Diverted.",
                "paragraph: The Post reports that the team avoided the room.",
            ],
        );
    }

    #[test]
    fn wrapped_paragraph_is_one_block_and_lists_are_items() {
        check(
            "The minister said on Tuesday that the new dam on the river\nwould be finished before the next rainy season, and that\nthe funding was secured.\n\n- first point here\n- second point\n1. numbered\n",
            &[
                "paragraph: The minister said on Tuesday that the new dam on the river\nwould be finished before the next rainy season, and that\nthe funding was secured.",
                "item: - first point here",
                "item: - second point",
                "item: 1. numbered",
            ],
        );
    }

    #[test]
    fn datelines_links_and_crlf() {
        check(
            "الأحد 17 سبتمبر 2023 - 10:30\r\n\r\nاقرأ أيضا|\r\n\r\nUpdated Sept. 12, 2016 8:00 AM\r\n\r\n\"مصالحة أم استسلام\"\r\n",
            &[
                "dateline: الأحد 17 سبتمبر 2023 - 10:30",
                "heading: اقرأ أيضا|",
                "dateline: Updated Sept. 12, 2016 8:00 AM",
                "heading: \"مصالحة أم استسلام\"",
            ],
        );
    }

    #[test]
    fn heading_then_paragraph_without_blank_line() {
        check(
            "رئيس كوريا الجنوبية يحذر من التعاون\nعلق رئيس كوريا الجنوبية، اليوم الأحد، على حدوث التعاون العسكري بين روسيا وكوريا الشمالية، مشددًا على أن ذلك غير قانوني.",
            &[
                "heading: رئيس كوريا الجنوبية يحذر من التعاون",
                "paragraph: علق رئيس كوريا الجنوبية، اليوم الأحد، على حدوث التعاون العسكري بين روسيا وكوريا الشمالية، مشددًا على أن ذلك غير قانوني.",
            ],
        );
    }

    #[test]
    fn sentences_do_not_split_on_abbreviations_initials_decimals_times() {
        check_sentences(
            "قال د. رائد العزاوي إن النمو 3.5 في المئة عند الساعة 10.30 صباحا. وأضاف أن ذلك جيد.",
            &[
                "قال د. رائد العزاوي إن النمو 3.5 في المئة عند الساعة 10.30 صباحا.",
                "وأضاف أن ذلك جيد.",
            ],
        );
        check_sentences(
            "Dr. Smith met Mr. J. Brown in the U.S. capital at 9 a.m. on Monday. Officials, e.g. the mayor, agreed! Did they? Yes.",
            &[
                "Dr. Smith met Mr. J. Brown in the U.S. capital at 9 a.m. on Monday.",
                "Officials, e.g. the mayor, agreed!",
                "Did they?",
                "Yes.",
            ],
        );
        check_sentences(
            "He lives at No. 5 Main St. in town. He said no. Then left.",
            &[
                "He lives at No. 5 Main St. in town.",
                "He said no.",
                "Then left.",
            ],
        );
        check_sentences(
            "هل انتهى؟ نعم… ربما.. لا.",
            &["هل انتهى؟", "نعم…", "ربما..", "لا."],
        );
    }

    #[test]
    fn quotations_stay_one_unit() {
        check_sentences(
            "وقال: «لن نتراجع. سنواصل العمل حتى النهاية». وأضاف أن الحكومة مستعدة.",
            &[
                "وقال: «لن نتراجع. سنواصل العمل حتى النهاية».",
                "وأضاف أن الحكومة مستعدة.",
            ],
        );
        check_sentences(
            "\"This dam will protect us. It is safe,\" the minister said. \"We will win.\" Then he left.",
            &[
                "\"This dam will protect us. It is safe,\" the minister said.",
                "\"We will win.\"",
                "Then he left.",
            ],
        );
        check_sentences(
            "“Wow! Really?” she asked. „Ja. Nein.“ Ende.",
            &["“Wow! Really?” she asked.", "„Ja. Nein.“", "Ende."],
        );
        // An unmatched quote does not swallow the paragraph.
        check_sentences(
            "He said \"yes. Then no. End.",
            &["He said \"yes.", "Then no.", "End."],
        );
    }

    #[test]
    fn language_per_block() {
        let blocks =
            segment("مسؤول سعودي لـCNN: المملكة لم تتورط\n\nThe ministry said so.\n\n2019\n");
        let langs: Vec<_> = blocks.iter().map(|b| b.language).collect();
        assert_eq!(langs, ["ar", "en", "und"]);
    }

    #[test]
    fn parts_cut_at_block_boundaries_equal_the_whole() {
        let text = "عنوان الخبر\n\nنشر\nالأمصار\n \nفقرة أولى. وجملة ثانية.\n\u{00A0}\n\nفقرة ثانية هنا.\n\n";
        let whole = segment(text);
        let mut parts = Vec::new();
        let mut rest = text;
        let mut offset = 0;
        let mut cuts = Vec::new();
        while let Some(b) = last_block_boundary(rest) {
            if b == 0 {
                break;
            }
            cuts.push(b);
            rest = &rest[..b - 1];
        }
        cuts.sort_unstable();
        let mut prev = 0;
        for c in cuts.into_iter().chain(std::iter::once(text.len())) {
            let part = &text[prev..c];
            let at_start = parts.is_empty();
            parts.extend(segment_part(part, offset, at_start));
            offset += part.chars().count();
            prev = c;
        }
        assert_eq!(parts, whole);
    }
}
