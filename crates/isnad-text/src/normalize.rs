//! Normalization for matching: the `isnad-norm-1` scheme.
//!
//! This module is **the one place where the scheme is defined**. Every
//! fingerprint isnad prints hashes the scheme name ([`NORMALIZATION_SCHEME`])
//! in front of the normalized text, and names it in the output's
//! `normalization` field; a change to any rule below must bump the name
//! (`isnad-norm-2`), so that an old fingerprint never silently changes its
//! meaning.
//!
//! # The rules of `isnad-norm-1`
//!
//! The matching form of a text is obtained as follows.
//!
//! 1. **Invisible characters are removed first**, before anything else looks
//!    at the text: zero-width characters (U+200B–U+200D, U+2060–U+2064, word
//!    joiner), bidirectional controls (LRM, RLM, ALM U+061C, U+202A–U+202E,
//!    U+2066–U+2069, U+206A–U+206F), the byte order mark / ZWNBSP U+FEFF, the
//!    soft hyphen U+00AD, the combining grapheme joiner U+034F, variation
//!    selectors (U+FE00–U+FE0F, U+E0100–U+E01EF), Mongolian free variation
//!    selectors and vowel separator (U+180B–U+180F), shorthand format
//!    controls (U+1BCA0–U+1BCA3) and tag characters (U+E0000–U+E007F).
//!    Together with them go the *spacing* Arabic characters that the rules
//!    below remove: tatweel U+0640 and the Quranic signs U+06DD, U+06DE,
//!    U+06E5, U+06E6, U+06E9. Because they are removed first, a combining mark
//!    after them attaches to the letter before them, as if they had never
//!    been there.
//! 2. **Unicode NFKC** (compatibility composition): presentation forms,
//!    ligatures, full-width letters, `…` (→ `...`), NBSP (→ space) and the
//!    like become their ordinary characters; a decomposed letter and its
//!    precomposed form become the same.
//! 3. **Character folding**, after NFKC:
//!    - Arabic diacritics are removed: tashkeel U+064B–U+065F (which includes
//!      hamza above/below U+0654/U+0655 when they stand alone), superscript
//!      alef U+0670, Quranic marks U+0610–U+061A and U+06D6–U+06ED.
//!    - Alef forms `أ إ آ ٱ` (and U+0672, U+0673) → `ا`; alef maksura `ى` →
//!      `ي`; **teh marbuta `ة` → `ه`**. The last one merges two letters that
//!      differ in writing (`مدرسة`/`مدرسه`), which is what matching needs:
//!      news sites and keyboards swap them freely, and the project's scorer
//!      (`shared/tools/score.py`) folds them the same way. The original text
//!      is never changed: spans point into it.
//!    - Arabic-Indic (U+0660–U+0669) and Extended Arabic-Indic / Persian
//!      (U+06F0–U+06F9) digits → ASCII `0`–`9`.
//!    - Arabic punctuation → its Latin counterpart: `،` → `,`, `؛` → `;`,
//!      `؟` → `?`, the Arabic full stop `۔` → `.`.
//!    - Every quotation mark → `"`: `" ' `` ` `` « » ‘ ’ ‚ ‛ “ ” „ ‟ ‹ › ⹂
//!      「 」 『 』 〝 〞 〟` (so the apostrophe in `Putin's` becomes `"` too:
//!      the matching form is for matching, not for reading).
//!    - Every dash and hyphen → `-`: U+2010–U+2015, minus U+2212, U+2E3A,
//!      U+2E3B, U+2E17, U+FE31, U+FE32, U+FE58, U+FE63, U+FF0D, U+058A,
//!      U+05BE, U+1806.
//!    - Letters are lowercased (Unicode's lowercase mapping: Latin, Greek,
//!      Cyrillic and every other cased script); the Greek final sigma `ς`
//!      becomes `σ`.
//!    - Every whitespace character (Unicode `White_Space`: space, tab, line
//!      and paragraph breaks, NBSP, U+202F, ideographic space ...) → space.
//! 4. Steps 2 and 3 are repeated until nothing changes (removing a mark can
//!    let two other characters compose), so the result is a fixed point:
//!    **normalizing twice gives the same text as normalizing once**.
//! 5. **Whitespace runs collapse to one space, and leading and trailing
//!    whitespace is dropped.** Newlines are not kept: the matching form is
//!    one line. Segmentation works on the original text (see
//!    [`crate::segment`]), never on the matching form, so nothing is lost.
//!
//! # Offsets
//!
//! [`normalize`] returns a [`Normalized`] that remembers, for every byte of
//! the matching form, the code-point range of the original text it came
//! from, so a match found on the matching form is reported as a
//! [`Span`] of the original. The map is built per *segment*: a character
//! that can start a new composition unit (a starter that cannot combine with
//! what precedes it), together with the combining marks and invisible
//! characters after it. Every normalized character of a segment maps to the
//! segment's whole original range: the letter `ق` of `قَالَ` maps to `قَ`,
//! diacritic included, so a match on `قال` covers `قَالَ` exactly. A
//! collapsed whitespace run maps to its first whitespace character. Lookups
//! are O(1) ([`Normalized::original_offset`], [`Normalized::original_span`])
//! or O(log n) ([`Normalized::normalized_offset`]).
//!
//! Offsets count the code points of the `&str` that was passed in. The data
//! contract counts code points after a leading BOM is removed: callers that
//! read files remove it before normalizing (a BOM inside the text is just an
//! invisible character and is dropped).
//!
//! # Streaming
//!
//! [`StreamNormalizer`] produces exactly the same matching form chunk by
//! chunk, without the offset map, for hashing inputs of any size in flat
//! memory. A pathological input with more than [`MAX_CARRY`] bytes without
//! any point where a segment can start (a megabyte of combining marks) is
//! cut there anyway; no real text comes near this.
//!
//! # Speed
//!
//! NFKC is the expensive step, and most characters do not need it: a
//! precomputed table for U+0000–U+2FFF says, for each character, whether it
//! is a stable starter whose whole treatment is "emit this one character"
//! (ASCII, Arabic letters, Latin, Greek and Cyrillic letters, punctuation),
//! an invisible character or a removable Arabic diacritic that never
//! composes (dropped without NFKC), or something that needs the full path
//! (NFKC on the segment, folding, repeat). Only the last kind pays for NFKC.
//! Runs of the commonest characters (printable ASCII, single spaces, the
//! basic Arabic letters) are taken 32 bytes at a time with vectorized byte
//! operations (`crate::plain`), not character by character.

use std::ops::Range;
use std::sync::LazyLock;

use isnad_model::Span;

use crate::lang::ScriptCounts;
use crate::plain::{self, BLOCK, Window};
use unicode_normalization::char::{canonical_combining_class, decompose_compatible};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// The name and version of the normalization scheme defined in this module.
/// It is hashed into every fingerprint and printed in every output's
/// `normalization` field.
pub const NORMALIZATION_SCHEME: &str = "isnad-norm-1";

/// A streaming input with no segment start in this many bytes is cut anyway
/// (see the module documentation).
pub const MAX_CARRY: usize = 1 << 20;

/// True for the characters the scheme removes (invisible characters, Arabic
/// diacritics and tatweel).
pub fn is_removed(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}'
        | '\u{00AD}'
        | '\u{034F}'
        | '\u{061C}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{E0000}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}')
}

/// True for the quotation marks that fold to `"`.
pub fn is_quote(c: char) -> bool {
    matches!(c,
        '"' | '\'' | '`'
        | '\u{00AB}' | '\u{00BB}'
        | '\u{2018}'..='\u{201F}'
        | '\u{2039}' | '\u{203A}'
        | '\u{2E42}'
        | '\u{300C}'..='\u{300F}'
        | '\u{301D}'..='\u{301F}'
        | '\u{FF02}' | '\u{FF07}')
}

/// True for the dashes and hyphens that fold to `-`.
pub fn is_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'
            ..='\u{2015}'
                | '\u{2212}'
                | '\u{2E17}'
                | '\u{2E3A}'
                | '\u{2E3B}'
                | '\u{FE31}'
                | '\u{FE32}'
                | '\u{FE58}'
                | '\u{FE63}'
                | '\u{FF0D}'
                | '\u{058A}'
                | '\u{05BE}'
                | '\u{1806}'
    )
}

/// What step 3 of the scheme does with one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fold {
    Drop,
    To(char),
    Lower,
}

fn fold(c: char) -> Fold {
    if c.is_ascii() {
        return match c {
            '\'' | '`' => Fold::To('"'),
            c if c.is_ascii_whitespace() || c == '\u{0B}' => Fold::To(' '),
            c => Fold::To(c.to_ascii_lowercase()),
        };
    }
    match c {
        c if is_removed(c) => Fold::Drop,
        c if c.is_whitespace() => Fold::To(' '),
        c if is_quote(c) => Fold::To('"'),
        c if is_dash(c) => Fold::To('-'),
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' | '\u{0672}' | '\u{0673}' => {
            Fold::To('\u{0627}')
        }
        '\u{0649}' => Fold::To('\u{064A}'),
        '\u{0629}' => Fold::To('\u{0647}'),
        '\u{0660}'..='\u{0669}' => Fold::To(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '\u{06F0}'..='\u{06F9}' => Fold::To(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        '\u{060C}' => Fold::To(','),
        '\u{061B}' => Fold::To(';'),
        '\u{061F}' => Fold::To('?'),
        '\u{06D4}' => Fold::To('.'),
        '\u{03C2}' => Fold::To('\u{03C3}'),
        _ => Fold::Lower,
    }
}

fn fold_into(c: char, out: &mut Vec<char>) {
    match fold(c) {
        Fold::Drop => {}
        Fold::To(x) => out.push(x),
        Fold::Lower => out.extend(c.to_lowercase()),
    }
}

/// NFKC, fold, repeated until nothing changes: the treatment of one segment
/// (invisible characters already removed). Appends to `out`.
fn settle(input: &[char], out: &mut Vec<char>) {
    let mut current: Vec<char> = input.to_vec();
    for _ in 0..8 {
        let composed: Vec<char> = current.iter().copied().nfkc().collect();
        let mut folded = Vec::with_capacity(composed.len());
        for &c in &composed {
            fold_into(c, &mut folded);
        }
        if folded == composed {
            out.extend(folded);
            return;
        }
        current = folded;
    }
    // Not reached on any known input; keep the last state rather than loop.
    out.extend(current);
}

fn quick(c: char) -> IsNormalized {
    is_nfkc_quick(std::iter::once(c))
}

/// What the fast path knows about one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A stable starter whose whole treatment is to emit `out`.
    Emit,
    /// An invisible starter, removed before NFKC (transparent to segments).
    Hidden,
    /// A removed combining mark that never composes (dropped without NFKC).
    DropMark,
    /// Needs the full path.
    Slow,
}

#[derive(Debug, Clone, Copy)]
struct Class {
    kind: Kind,
    /// A segment may start at this character: nothing before it can combine
    /// with it or with what follows it.
    split: bool,
    /// The character's script for language identification (see
    /// [`script_index`]).
    script: u8,
    /// `char::is_alphanumeric`.
    alnum: bool,
    /// Length of `out` in UTF-8.
    out_len: u8,
    /// `out` in UTF-8.
    out_utf8: [u8; 4],
    /// An `Emit` character that stands for itself (its bytes are copied
    /// as they are).
    ident: bool,
    out: char,
}

/// The fast path counts letters of the three scripts in one `u64`, this
/// many bits each (one addition per character instead of three compares:
/// the compares were a quarter of the normalizer's time); a fast run is at
/// most [`MAX_RUN`] bytes, so no count overflows into the next.
const SCRIPT_BITS: u32 = 18;
const SCRIPT_MASK: u64 = (1 << SCRIPT_BITS) - 1;
const MAX_RUN: usize = 1 << 17;

/// The fast path's entry of a character ([`FAST`]): these flags in the low
/// byte, and above them its [`script_inc`] (so that one load and one
/// addition per character serve the whole loop).
const FAST_EMIT: u64 = 1;
const FAST_SPACE: u64 = 2;
const FAST_IDENT: u64 = 4;
const FAST_SWALLOW: u64 = 8;
const FAST_FLAGS: u32 = 8;

/// A letter of `script` (see [`script_index`]) as an increment of the fast
/// path's packed letter counts.
fn script_inc(script: u8) -> u64 {
    match script {
        0 => 0,
        s => 1 << (SCRIPT_BITS * u32::from(s - 1)),
    }
}

/// [`TABLE`] condensed for the fast path: one `u64` a character.
static FAST: LazyLock<Vec<u64>> = LazyLock::new(|| {
    TABLE
        .iter()
        .map(|k| {
            let mut e = script_inc(k.script) << FAST_FLAGS;
            if k.kind == Kind::Emit {
                e |= FAST_EMIT;
                if k.out == ' ' {
                    e |= FAST_SPACE;
                }
                if k.ident {
                    e |= FAST_IDENT;
                }
            }
            if matches!(k.kind, Kind::Hidden | Kind::DropMark) {
                e |= FAST_SWALLOW;
            }
            e
        })
        .collect()
});

/// 0: not a letter, 1: Arabic, 2: Latin, 3: another script.
fn script_index(c: char) -> u8 {
    if c.is_alphabetic() {
        letter_index(c)
    } else {
        0
    }
}

/// [`script_index`] of a letter.
fn letter_index(c: char) -> u8 {
    match crate::lang::letter_script(c) {
        crate::lang::Script::Arabic => 1,
        crate::lang::Script::Latin => 2,
        crate::lang::Script::Other => 3,
    }
}

/// A starter that is its own matching form and can start a segment.
/// `c_quick`: the NFKC quick check of `c`, a starter, which `x` often is.
fn is_settled_starter(x: char, c: char, c_quick: IsNormalized) -> bool {
    let (ccc, qc) = if x == c {
        (0, c_quick)
    } else {
        (canonical_combining_class(x), quick(x))
    };
    ccc == 0
        && qc == IsNormalized::Yes
        && match fold(x) {
            Fold::Drop => false,
            Fold::To(y) => y == x,
            Fold::Lower => {
                let mut l = x.to_lowercase();
                l.next() == Some(x) && l.next().is_none()
            }
        }
}

fn compute_class(c: char) -> Class {
    let mut k = compute_kind(c);
    // `is_alphanumeric` is `is_alphabetic || is_numeric`: the alphabetic
    // table is searched once for both (the search is slow, and the table
    // is built for every character below `TABLE_LEN` at start-up)
    let alphabetic = c.is_alphabetic();
    k.script = if alphabetic { letter_index(c) } else { 0 };
    k.alnum = alphabetic || c.is_numeric();
    k.out_len = k.out.encode_utf8(&mut k.out_utf8).len() as u8;
    k.ident = k.kind == Kind::Emit && k.out == c;
    k
}

/// The code points of valid UTF-8 `bytes` (the bytes that do not continue a
/// character), counted 32 bytes at a time in byte lanes: an iterator's
/// `filter().count()` sums into 64-bit lanes, four bytes a step, which made
/// counting a visible share of a fingerprint run.
///
/// ```
/// assert_eq!(isnad_text::count_chars("قال: yes".as_bytes()), 8);
/// ```
pub fn count_chars(bytes: &[u8]) -> usize {
    let starts = |x: u8| u8::from((x as i8) >= -0x40);
    let mut blocks = bytes.chunks_exact(32);
    let mut n = 0;
    for block in &mut blocks {
        n += usize::from(block.iter().fold(0u8, |sum, &x| sum + starts(x)));
    }
    n + blocks
        .remainder()
        .iter()
        .map(|&x| usize::from(starts(x)))
        .sum::<usize>()
}

/// The character at byte `i` of `bytes` (a UTF-8 string, `i` on a
/// character boundary) and its length in bytes: the decoding loops of the
/// tokenizers, which read a `&str` as bytes to take their fast paths on
/// ASCII and Arabic letters without decoding.
#[inline]
pub fn char_at(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let b0 = *bytes.get(i)?;
    if b0 < 0x80 {
        return Some((char::from(b0), 1));
    }
    // a well-formed string: the lead byte says how many follow
    let more = |k: usize| bytes.get(i + k).map(|&b| u32::from(b & 0x3F));
    let (code, len) = match b0 {
        0xC0..=0xDF => ((u32::from(b0 & 0x1F) << 6) | more(1)?, 2),
        0xE0..=0xEF => ((u32::from(b0 & 0x0F) << 12) | (more(1)? << 6) | more(2)?, 3),
        _ => (
            (u32::from(b0 & 0x07) << 18) | (more(1)? << 12) | (more(2)? << 6) | more(3)?,
            4,
        ),
    };
    char::from_u32(code).map(|c| (c, len))
}

/// The length of the longest prefix of `bytes` that does not end inside a
/// multi-byte UTF-8 sequence (whether the sequences are valid is left to
/// whoever checks the prefix): where to cut text read in pieces.
///
/// ```
/// let b = "قال".as_bytes();
/// assert_eq!(isnad_text::char_boundary(&b[..3]), 2);
/// assert_eq!(isnad_text::char_boundary(b), 6);
/// ```
pub fn char_boundary(bytes: &[u8]) -> usize {
    let n = bytes.len();
    for back in 1..=n.min(4) {
        let b = bytes[n - back];
        if b & 0xC0 != 0x80 {
            let len = match b {
                0x00..=0x7F => 1,
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            return if back >= len { n } else { n - back };
        }
    }
    n
}

/// Counts the words of `line`: runs of non-whitespace characters that hold
/// a letter or a digit.
pub(crate) fn count_words(line: &str) -> usize {
    count_words_upto(line, usize::MAX)
}

/// [`count_words`], but it stops at `cap` words and says `cap` (callers
/// that only compare the count with a threshold need not read a long
/// paragraph to its end).
///
/// Decoded by hand over the bytes with a table of one byte per character
/// ([`WORD_TABLE`]): segmentation counts the words of nearly every line, and
/// `chars()` with the normalizer's wide table was a tenth of
/// `isnad fingerprint`.
pub(crate) fn count_words_upto(line: &str, cap: usize) -> usize {
    let table: &[u8] = &WORD_TABLE;
    let b = line.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let (class, len) = if x < 0x80 {
            (table[usize::from(x)], 1)
        } else if x < 0xE0 {
            let y = b.get(i + 1).copied().unwrap_or(0x80);
            let idx = (usize::from(x & 0x1F) << 6) | usize::from(y & 0x3F);
            (table.get(idx).copied().unwrap_or(0), 2)
        } else {
            let c = line[i..].chars().next().unwrap_or(' ');
            (
                table
                    .get(c as usize)
                    .copied()
                    .unwrap_or_else(|| word_class_wide(&TABLE, c)),
                c.len_utf8(),
            )
        };
        i += len;
        if class == WORD_SPACE {
            in_word = false;
        } else if class == WORD_ALNUM && !in_word {
            in_word = true;
            words += 1;
            if words >= cap {
                return cap;
            }
        }
    }
    words
}

/// `char::is_alphanumeric`, from [`WORD_TABLE`] below U+3000 (the standard
/// library's lookup for Arabic letters showed in profiles of segmentation).
pub(crate) fn is_alphanumeric(c: char) -> bool {
    match WORD_TABLE.get(c as usize) {
        Some(&class) => class == WORD_ALNUM,
        None => c.is_alphanumeric(),
    }
}

/// [`WORD_TABLE`]'s class of a character: whitespace after matching
/// (folded to a space).
const WORD_SPACE: u8 = 1;
/// A letter or digit (`char::is_alphanumeric`).
const WORD_ALNUM: u8 = 2;

/// The word class of every character below the normalizer's table end:
/// [`WORD_SPACE`], [`WORD_ALNUM`] or 0 (neither).
static WORD_TABLE: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let table: &[Class] = &TABLE;
    (0..TABLE_LEN as u32)
        .map(|u| char::from_u32(u).map_or(0, |c| word_class_wide(table, c)))
        .collect()
});

fn word_class_wide(table: &[Class], c: char) -> u8 {
    let (white, alnum) = if c.is_ascii() {
        (
            c.is_ascii_whitespace() || c == '\u{0B}',
            c.is_ascii_alphanumeric(),
        )
    } else {
        match table.get(c as usize) {
            Some(k) => (k.kind == Kind::Emit && k.out == ' ', k.alnum),
            None => (c.is_whitespace(), c.is_alphanumeric()),
        }
    };
    if white {
        WORD_SPACE
    } else if alnum {
        WORD_ALNUM
    } else {
        0
    }
}

/// The script index of `c` (see [`script_index`]), from the table for the
/// common scripts.
#[inline]
pub(crate) fn script_of(c: char) -> u8 {
    match TABLE.get(c as usize) {
        Some(k) => k.script,
        None => script_index(c),
    }
}

fn compute_kind(c: char) -> Class {
    let ccc = canonical_combining_class(c);
    let qc = quick(c);
    if is_removed(c) {
        let kind = if ccc == 0 {
            Kind::Hidden
        } else if qc == IsNormalized::Yes {
            Kind::DropMark
        } else {
            Kind::Slow
        };
        return Class {
            kind,
            split: false,
            script: 0,
            alnum: false,
            out_len: 0,
            out_utf8: [0; 4],
            ident: false,
            out: c,
        };
    }
    if ccc != 0 {
        return Class {
            kind: Kind::Slow,
            split: false,
            script: 0,
            alnum: false,
            out_len: 0,
            out_utf8: [0; 4],
            ident: false,
            out: c,
        };
    }
    let mut first = None;
    decompose_compatible(c, |d| {
        if first.is_none() {
            first = Some(d);
        }
    });
    let first = first.unwrap_or(c);
    // `c` is a starter (ccc 0, see above) and often its own first
    // character: its checks are not made again
    let split = qc != IsNormalized::Maybe
        && (first == c
            || (canonical_combining_class(first) == 0 && quick(first) != IsNormalized::Maybe))
        && !is_removed(first);
    if split && c.is_whitespace() {
        // NFKC maps every whitespace character to a space or leaves it as
        // it is, and folding makes it a space: NBSP, U+202F, U+3000 ...
        return Class {
            kind: Kind::Emit,
            split,
            script: 0,
            alnum: false,
            out_len: 0,
            out_utf8: [0; 4],
            ident: false,
            out: ' ',
        };
    }
    if split && qc == IsNormalized::Yes {
        let single = match fold(c) {
            Fold::Drop => None,
            Fold::To(x) => Some(x),
            Fold::Lower => {
                let mut l = c.to_lowercase();
                match (l.next(), l.next()) {
                    (Some(x), None) => Some(x),
                    _ => None,
                }
            }
        };
        if let Some(x) = single
            && is_settled_starter(x, c, qc)
        {
            return Class {
                kind: Kind::Emit,
                split,
                script: 0,
                alnum: false,
                out_len: 0,
                out_utf8: [0; 4],
                ident: false,
                out: x,
            };
        }
    }
    Class {
        kind: Kind::Slow,
        split,
        script: 0,
        alnum: false,
        out_len: 0,
        out_utf8: [0; 4],
        ident: false,
        out: c,
    }
}

const TABLE_LEN: usize = 0x3000;

static TABLE: LazyLock<Vec<Class>> = LazyLock::new(|| {
    (0..TABLE_LEN as u32)
        .map(|u| match char::from_u32(u) {
            Some(c) => compute_class(c),
            None => Class {
                kind: Kind::Slow,
                split: false,
                script: 0,
                alnum: false,
                out_len: 0,
                out_utf8: [0; 4],
                ident: false,
                out: '\u{FFFD}',
            },
        })
        .collect()
});

#[inline]
fn class(table: &[Class], c: char) -> Class {
    match table.get(c as usize) {
        Some(k) => *k,
        None => compute_class(c),
    }
}

/// Decodes the char starting at byte `i` of valid UTF-8 `b`.
#[inline]
fn decode(b: &[u8], i: usize) -> (char, usize) {
    let x = b[i];
    if x < 0x80 {
        return (char::from(x), 1);
    }
    let (len, init) = if x < 0xE0 {
        (2, u32::from(x & 0x1F))
    } else if x < 0xF0 {
        (3, u32::from(x & 0x0F))
    } else {
        (4, u32::from(x & 0x07))
    };
    let mut v = init;
    for k in 1..len {
        v = (v << 6) | u32::from(b.get(i + k).copied().unwrap_or(0x80) & 0x3F);
    }
    (char::from_u32(v).unwrap_or('\u{FFFD}'), len)
}

/// Receives the matching form one character at a time, with the code-point
/// range `[start, end)` of the original text it came from.
pub trait NormalizedSink {
    /// Whether the sink uses the original ranges. A sink that does not (a
    /// hasher) lets the normalizer take faster paths that do not track them.
    const ORIGINS: bool = true;

    /// One character of the matching form.
    fn push(&mut self, c: char, start: usize, end: usize);

    /// A run of the matching form whose `k`-th character came from the
    /// single original code point `start + k` (when [`Self::ORIGINS`] is
    /// false, `start` is only approximate).
    fn push_run(&mut self, run: &str, start: usize) {
        for (k, c) in run.chars().enumerate() {
            self.push(c, start + k, start + k + 1);
        }
    }

    /// [`Self::push_run`] with the run as UTF-8 bytes (always valid UTF-8):
    /// sinks that only need bytes (hashers) take them as they are.
    fn push_run_bytes(&mut self, run: &[u8], start: usize) {
        if let Ok(run) = std::str::from_utf8(run) {
            self.push_run(run, start);
        }
    }
}

impl NormalizedSink for String {
    const ORIGINS: bool = false;

    fn push(&mut self, c: char, _start: usize, _end: usize) {
        String::push(self, c);
    }

    fn push_run(&mut self, run: &str, _start: usize) {
        self.push_str(run);
    }
}

/// Step 5: whitespace collapsing and trimming, between the segments' output
/// and the sink.
#[derive(Debug, Default, Clone)]
struct Collapse {
    pending_space: Option<(usize, usize)>,
    any: bool,
}

impl Collapse {
    #[inline]
    fn emit<S: NormalizedSink>(&mut self, c: char, start: usize, end: usize, sink: &mut S) {
        if c == ' ' {
            if self.any && self.pending_space.is_none() {
                self.pending_space = Some((start, end));
            }
            return;
        }
        if let Some((s, e)) = self.pending_space.take() {
            sink.push(' ', s, e);
        }
        self.any = true;
        sink.push(c, start, end);
    }

    /// A run that neither starts nor ends with a space and has no two
    /// spaces in a row.
    #[inline]
    fn emit_run<S: NormalizedSink>(&mut self, run: &[u8], start: usize, sink: &mut S) {
        if let Some((s, e)) = self.pending_space.take() {
            sink.push(' ', s, e);
        }
        self.any = true;
        sink.push_run_bytes(run, start);
    }
}

/// Normalizes text chunk by chunk into a [`NormalizedSink`], with the same
/// result as [`normalize`] on the whole text.
///
/// ```
/// use isnad_text::StreamNormalizer;
///
/// let text = "قالَ «الرئيسُ»:  نعم";
/// let mut out = String::new();
/// let mut n = StreamNormalizer::new();
/// let (a, b) = text.split_at(9);
/// let used = n.feed(a, false, &mut out);
/// let rest = format!("{}{}", &a[used..], b);
/// n.feed(&rest, true, &mut out);
/// assert_eq!(out, isnad_text::normalize(text).as_str());
/// ```
#[derive(Debug, Default)]
pub struct StreamNormalizer {
    collapse: Collapse,
    cp: usize,
    scratch: Vec<char>,
    settled: Vec<char>,
    run: Vec<u8>,
    /// Letters consumed, by script index (none, Arabic, Latin, other).
    scripts: [usize; 4],
}

impl StreamNormalizer {
    /// A normalizer at the start of a text.
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a new text, keeping the buffers (cheaper than a new
    /// normalizer for many short texts).
    pub fn reset(&mut self) {
        self.collapse = Collapse::default();
        self.cp = 0;
        self.scripts = [0; 4];
    }

    /// Code points of the original consumed so far.
    pub fn code_points(&self) -> usize {
        self.cp
    }

    /// The letters of the original consumed so far, by script: the same as
    /// [`ScriptCounts::of`] on the consumed text.
    pub fn scripts(&self) -> ScriptCounts {
        ScriptCounts {
            arabic: self.scripts[1],
            latin: self.scripts[2],
            other: self.scripts[3],
        }
    }

    /// Normalizes a prefix of `text` into `sink` and returns its length in
    /// bytes. Unless `last` is set, the end of `text` after the last point
    /// where a segment may start is left over (usually a few bytes: every
    /// ASCII character, a space for example, is such a point); pass it again
    /// in front of the next chunk. With `last`, all of `text` is consumed
    /// and the text ends (trailing whitespace is dropped).
    pub fn feed<S: NormalizedSink>(&mut self, text: &str, last: bool, sink: &mut S) -> usize {
        let table: &[Class] = &TABLE;
        let fast: &[u64] = &FAST;
        let b = text.as_bytes();
        let limit = if last { b.len() } else { last_split(table, b) };
        self.run(table, fast, &b[..limit], sink);
        limit
    }

    fn run<S: NormalizedSink>(&mut self, table: &[Class], fast: &[u64], b: &[u8], sink: &mut S) {
        let n = b.len();
        let mut i = 0;
        let mut cp = self.cp;
        while i < n {
            // The fast path: a run of characters that each stand for
            // themselves or one other character (ASCII, Arabic letters ...),
            // with single spaces, copied into `self.run` and handed over in
            // one piece. Hashing sinks also let the run swallow removable
            // marks and invisible characters.
            self.run.clear();
            let run_cp = cp;
            // Letter counts by script, packed in a register (an array here
            // costs store-forwarding stalls on every character).
            let mut packed = 0u64;
            let (mut back_i, mut back_cp, mut back_len, mut back_packed) = (i, cp, 0, 0u64);
            let end = n.min(i + MAX_RUN);
            let mut prev_space = false;
            // The run is `self.run` followed by the input bytes `b[span..i]`
            // of characters that stand for themselves, copied in one piece
            // when another character comes.
            let mut span = i;
            // Whether the next character may start a block (see
            // [`crate::plain`]): not right after a block that ended early,
            // which ended at a character that is not plain.
            let mut try_block = false;
            while i < end {
                let run_len = self.run.len() + (i - span);
                if try_block
                    && i + BLOCK < end
                    && let Some(w) = b
                        .get(i.wrapping_sub(1)..i + BLOCK + 1)
                        .and_then(|w| <&Window>::try_from(w).ok())
                {
                    let p = plain::prefix(w, prev_space);
                    try_block = p.bytes == BLOCK;
                    if p.bytes > 0 {
                        let last = p.bytes - p.last_len;
                        let grown = packed
                            + p.arabic as u64 * script_inc(1)
                            + p.latin as u64 * script_inc(2);
                        (back_i, back_cp, back_len, back_packed) = (
                            i + last,
                            cp + p.chars - 1,
                            run_len + last,
                            grown - script_inc(p.last_script),
                        );
                        if p.changed {
                            self.run.extend_from_slice(&b[span..i]);
                            plain::fold_into(w, p.bytes, &mut self.run);
                            span = i + p.bytes;
                        }
                        packed = grown;
                        prev_space = p.ends_in_space;
                        i += p.bytes;
                        cp += p.chars;
                        continue;
                    }
                }
                try_block = true;
                // Decoding by hand: only characters of the table (below
                // U+3000, at most three bytes) take this path.
                let x = b[i];
                let (idx, len) = if x < 0x80 {
                    (usize::from(x), 1)
                } else if x < 0xE0 {
                    match b.get(i + 1) {
                        Some(&y) => ((usize::from(x & 0x1F) << 6) | usize::from(y & 0x3F), 2),
                        None => break,
                    }
                } else if x < 0xF0 {
                    match (b.get(i + 1), b.get(i + 2)) {
                        (Some(&y), Some(&z)) => (
                            (usize::from(x & 0x0F) << 12)
                                | (usize::from(y & 0x3F) << 6)
                                | usize::from(z & 0x3F),
                            3,
                        ),
                        _ => break,
                    }
                } else {
                    break;
                };
                let Some(&e) = fast.get(idx) else {
                    break;
                };
                // Branches, not a jump table: nearly every character takes
                // the first one.
                if e & FAST_EMIT != 0 {
                    let space = e & FAST_SPACE != 0;
                    if space && (prev_space || run_len == 0) {
                        break;
                    }
                    prev_space = space;
                    (back_i, back_cp, back_len, back_packed) = (i, cp, run_len, packed);
                    if e & FAST_IDENT == 0 {
                        let k = &table[idx];
                        self.run.extend_from_slice(&b[span..i]);
                        if k.out_len == 1 {
                            self.run.push(k.out_utf8[0]);
                        } else {
                            self.run
                                .extend_from_slice(&k.out_utf8[..usize::from(k.out_len)]);
                        }
                        span = i + len;
                    }
                } else if S::ORIGINS || run_len == 0 || e & FAST_SWALLOW == 0 {
                    break;
                } else {
                    self.run.extend_from_slice(&b[span..i]);
                    span = i + len;
                }
                packed += e >> FAST_FLAGS;
                i += len;
                cp += 1;
            }
            self.run.extend_from_slice(&b[span..i]);
            if !self.run.is_empty() {
                // The last character goes back to the full path when a
                // character that may combine with it follows, and a final
                // space goes back so that whitespace runs collapse.
                let follows_split = i >= n || {
                    let (c, _) = decode(b, i);
                    class(table, c).split
                };
                if prev_space || !follows_split {
                    self.run.truncate(back_len);
                    (i, cp) = (back_i, back_cp);
                    packed = back_packed;
                }
                if !self.run.is_empty() {
                    self.collapse.emit_run(&self.run, run_cp, sink);
                }
                for (k, total) in self.scripts[1..].iter_mut().enumerate() {
                    *total += ((packed >> (SCRIPT_BITS * k as u32)) & SCRIPT_MASK) as usize;
                }
            }
            if i >= n {
                break;
            }
            let (c, len) = decode(b, i);
            let k = class(table, c);
            if k.kind == Kind::Emit {
                // Skip the invisible characters and removable marks that
                // belong to this segment; it is simple if the next
                // character may start a segment.
                let mut j = i + len;
                let mut cj = cp + 1;
                let mut simple = true;
                let mut marks = [0usize; 4];
                while j < n {
                    let x = b[j];
                    if x < 0x80 {
                        break;
                    }
                    let (d, dl) = decode(b, j);
                    let kd = class(table, d);
                    match kd.kind {
                        Kind::Hidden | Kind::DropMark => {
                            marks[usize::from(kd.script)] += 1;
                            j += dl;
                            cj += 1;
                        }
                        _ => {
                            simple = kd.split;
                            break;
                        }
                    }
                }
                if simple {
                    self.scripts[usize::from(k.script)] += 1;
                    for (total, m) in self.scripts.iter_mut().zip(marks) {
                        *total += m;
                    }
                    self.collapse.emit(k.out, cp, cj, sink);
                    i = j;
                    cp = cj;
                    continue;
                }
            }
            // The full path: this character and everything up to the next
            // segment start.
            let start = cp;
            self.scratch.clear();
            let mut j = i;
            loop {
                let (d, dl) = decode(b, j);
                let kd = class(table, d);
                self.scripts[usize::from(kd.script)] += 1;
                if kd.kind != Kind::Hidden {
                    self.scratch.push(d);
                }
                j += dl;
                cp += 1;
                if j >= n {
                    break;
                }
                let (e, _) = decode(b, j);
                if class(table, e).split {
                    break;
                }
            }
            self.settled.clear();
            settle(&self.scratch, &mut self.settled);
            for &c in &self.settled {
                self.collapse.emit(c, start, cp, sink);
            }
            i = j;
        }
        self.cp = cp;
    }
}

/// The byte offset of the last segment start in `b` (0 if there is none),
/// or `b.len()` when a pathological input has none within [`MAX_CARRY`].
fn last_split(table: &[Class], b: &[u8]) -> usize {
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        let x = b[i];
        if x < 0x80 {
            return i;
        }
        if x & 0xC0 == 0x80 {
            continue;
        }
        let (c, _) = decode(b, i);
        if class(table, c).split {
            return i;
        }
        if b.len() - i > MAX_CARRY {
            return b.len();
        }
    }
    if b.len() > MAX_CARRY { b.len() } else { 0 }
}

/// The matching form of a text with its map back to the original. See the
/// [module documentation](self) for the rules.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Normalized {
    text: String,
    /// For each byte of `text`: first code point of the original segment.
    starts: Vec<u32>,
    /// For each byte of `text`: one past the last code point of the segment.
    ends: Vec<u32>,
    original_len: usize,
}

struct MapSink<'a>(&'a mut Normalized);

impl NormalizedSink for MapSink<'_> {
    fn push_run(&mut self, run: &str, start: usize) {
        self.0.text.push_str(run);
        for (k, c) in run.chars().enumerate() {
            let s = u32::try_from(start + k).unwrap_or(u32::MAX);
            for _ in 0..c.len_utf8() {
                self.0.starts.push(s);
                self.0.ends.push(s.saturating_add(1));
            }
        }
    }

    #[inline]
    fn push(&mut self, c: char, start: usize, end: usize) {
        let s = u32::try_from(start).unwrap_or(u32::MAX);
        let e = u32::try_from(end).unwrap_or(u32::MAX);
        self.0.text.push(c);
        for _ in 0..c.len_utf8() {
            self.0.starts.push(s);
            self.0.ends.push(e);
        }
    }
}

impl Normalized {
    /// The matching form.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The matching form, owned.
    pub fn into_string(self) -> String {
        self.text
    }

    /// Length of the matching form in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// True when the matching form is empty (the original had nothing but
    /// whitespace and invisible characters).
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Length of the original text in code points.
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// The code-point offset in the original text of the normalized
    /// character that holds normalized byte `byte`. `byte >= len()` maps to
    /// the original end of the last normalized character (0 for an empty
    /// matching form). O(1).
    pub fn original_offset(&self, byte: usize) -> usize {
        match self.starts.get(byte) {
            Some(&s) => s as usize,
            None => self.ends.last().map_or(0, |&e| e as usize),
        }
    }

    /// The half-open span of the original text that the normalized byte
    /// range covers: from the start of the original segment of its first
    /// character to the end of the original segment of its last character.
    /// An empty range gives an empty span at [`Self::original_offset`]. O(1).
    pub fn original_span(&self, bytes: Range<usize>) -> Span {
        let start = self.original_offset(bytes.start);
        if bytes.end <= bytes.start || self.ends.is_empty() {
            return Span::new(start, start);
        }
        let last = bytes.end.min(self.ends.len()) - 1;
        let end = self.ends[last] as usize;
        Span::new(start, end.max(start))
    }

    /// The first normalized byte offset whose original character starts at
    /// or after code point `original` (`len()` when none does). O(log n).
    /// This is the inverse of [`Self::original_offset`] for mapping spans of
    /// the original (a passage, a sentence) into the matching form.
    pub fn normalized_offset(&self, original: usize) -> usize {
        let target = u32::try_from(original).unwrap_or(u32::MAX);
        let mut i = self.starts.partition_point(|&s| s < target);
        while i < self.text.len() && !self.text.is_char_boundary(i) {
            i += 1;
        }
        i
    }

    /// The normalized byte range of the characters that come from inside
    /// `span` of the original.
    pub fn normalized_range(&self, span: Span) -> Range<usize> {
        let start = self.normalized_offset(span.start);
        let end = self.normalized_offset(span.end).max(start);
        start..end
    }
}

/// The matching form of `original` with its offset map.
///
/// ```
/// use isnad_text::normalize;
///
/// let n = normalize("قالَ  «الرئيسُ»");
/// assert_eq!(n.as_str(), "قال \"الرئيس\"");
/// // The normalized `"الرئيس"` covers the original «الرئيسُ», with its
/// // final damma.
/// let at = n.as_str().find('"').unwrap();
/// assert_eq!(n.original_span(at..n.len()), isnad_model::Span::new(6, 15));
/// ```
pub fn normalize(original: &str) -> Normalized {
    let mut out = Normalized {
        text: String::with_capacity(original.len()),
        starts: Vec::with_capacity(original.len()),
        ends: Vec::with_capacity(original.len()),
        original_len: 0,
    };
    let mut n = StreamNormalizer::new();
    n.feed(original, true, &mut MapSink(&mut out));
    out.original_len = n.code_points();
    out
}

/// The matching form of `original`, without the offset map.
pub fn normalize_str(original: &str) -> String {
    let mut out = String::with_capacity(original.len());
    StreamNormalizer::new().feed(original, true, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words counted character by character, as first written: the
    /// reference for the byte-level [`count_words_upto`].
    fn reference_count_words(line: &str) -> usize {
        let mut words = 0;
        let mut in_word = false;
        for c in line.chars() {
            if word_class_wide(&TABLE, c) == WORD_SPACE {
                in_word = false;
            } else if c.is_alphanumeric() && !in_word {
                in_word = true;
                words += 1;
            }
        }
        words
    }

    /// The table's letter facts, worked out from one search of the
    /// alphabetic table a character, are the standard library's.
    #[test]
    fn the_table_knows_letters_and_scripts() {
        for c in (0..TABLE_LEN as u32).filter_map(char::from_u32) {
            let k = &TABLE[c as usize];
            assert_eq!(k.alnum, c.is_alphanumeric(), "{c:?}");
            let script = match crate::lang::script(c) {
                None => 0,
                Some(crate::lang::Script::Arabic) => 1,
                Some(crate::lang::Script::Latin) => 2,
                Some(crate::lang::Script::Other) => 3,
            };
            assert_eq!(k.script, script, "{c:?}");
        }
    }

    #[test]
    fn char_at_decodes_every_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("{c}x");
            assert_eq!(char_at(s.as_bytes(), 0), Some((c, c.len_utf8())), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn word_counts_equal_the_reference(line in "(\\PC|[ \\t\\u{A0}\\u{3000}\\u{2028}\\u{64B}٣a-z])*", cap in 1usize..30) {
            let all = reference_count_words(&line);
            proptest::prop_assert_eq!(count_words(&line), all);
            proptest::prop_assert_eq!(count_words_upto(&line, cap), all.min(cap));
            for c in line.chars() {
                proptest::prop_assert_eq!(is_alphanumeric(c), c.is_alphanumeric());
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn chars_are_counted(text in "\\PC{0,200}") {
            proptest::prop_assert_eq!(count_chars(text.as_bytes()), text.chars().count());
        }
    }

    #[test]
    fn words_are_counted_in_any_script() {
        assert_eq!(
            count_words("قالَ  الرئيس\u{00A0}إن ٣ «نقاط» - and 2 more"),
            8
        );
        assert_eq!(count_words(" — … "), 0);
        assert_eq!(count_words_upto("a b c d", 2), 2);
    }

    fn n(s: &str) -> String {
        normalize_str(s)
    }

    #[test]
    fn arabic_diacritics_tatweel_and_letter_forms() {
        assert_eq!(n("قَالَ"), "قال");
        assert_eq!(n("الرئيــــس"), "الرئيس");
        assert_eq!(n("أحمد إبراهيم آمال ٱلله"), "احمد ابراهيم امال الله");
        assert_eq!(n("مصطفى"), "مصطفي");
        assert_eq!(n("مدرسة"), "مدرسه");
        assert_eq!(n("عام ٢٠١٩ و۱۴۰۲"), "عام 2019 و1402");
        assert_eq!(n("هل؟ نعم، لا؛ بلى"), "هل? نعم, لا; بلي");
        assert!(n("ﷺ").chars().count() > 1);
    }

    #[test]
    fn decomposed_hamza_forms_compose_first() {
        // ي + hamza above is ئ, which stays; alef + hamza above is أ → ا.
        assert_eq!(n("\u{064A}\u{0654}"), "\u{0626}");
        assert_eq!(n("\u{0627}\u{0654}"), "\u{0627}");
        assert_eq!(n("\u{0626}"), "\u{0626}");
    }

    #[test]
    fn quotes_dashes_whitespace_case() {
        assert_eq!(
            n("«Hello» “World” „x“ ‹y› 'z' ‘w’"),
            "\"hello\" \"world\" \"x\" \"y\" \"z\" \"w\""
        );
        assert_eq!(n("a–b—c‐d−e"), "a-b-c-d-e");
        assert_eq!(n("  a \u{00A0}\t\n\n b\u{202F}c  "), "a b c");
        assert_eq!(n("ΣΟΦΟΣ Москва"), "σοφοσ москва");
        assert_eq!(n("ﬁne Ｆｕｌｌ…"), "fine full...");
    }

    #[test]
    fn invisible_characters_are_removed_and_transparent() {
        assert_eq!(
            n("a\u{200B}b\u{200F}c\u{202B}d\u{2067}e\u{FEFF}f\u{00AD}g"),
            "abcdefg"
        );
        // A mark after a removed character attaches to the letter before it.
        assert_eq!(n("e\u{200D}\u{0301}"), "\u{00E9}");
        assert_eq!(n("e\u{0640}\u{0301}"), "\u{00E9}");
        assert_eq!(n("\u{200E}"), "");
    }

    #[test]
    fn offsets_map_back_with_diacritics_included() {
        let text = "وقالَ: «نعم»";
        let m = normalize(text);
        assert_eq!(m.as_str(), "وقال: \"نعم\"");
        let q = m.as_str().find("قال").unwrap();
        let span = m.original_span(q..q + "قال".len());
        assert_eq!(span.slice(text), Some("قالَ"));
        assert_eq!(m.original_offset(m.len()), text.chars().count());
        assert_eq!(m.original_offset(0), 0);
        assert_eq!(m.normalized_range(span), q..q + "قال".len());
    }

    #[test]
    fn streaming_equals_whole() {
        let text = "د. رائد العزاوي\n\nقالَ الرئيس «إنّ» ٢٠١٩… e\u{0301} Ünïcödé ﻻ";
        let whole = n(text);
        for cut in 0..=text.len() {
            if !text.is_char_boundary(cut) {
                continue;
            }
            let mut out = String::new();
            let mut s = StreamNormalizer::new();
            let used = s.feed(&text[..cut], false, &mut out);
            let rest = &text[used..];
            s.feed(rest, true, &mut out);
            assert_eq!(out, whole, "cut at {cut}");
        }
    }
}
