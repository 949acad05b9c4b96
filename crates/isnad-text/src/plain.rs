//! The normalizer's block path: plain text 32 bytes at a time.
//!
//! Most of a news text is ASCII and the basic Arabic letters separated by
//! single spaces, and each of those characters is its own matching form or
//! has a substitute of the same length in UTF-8: `A`–`Z` → `a`–`z`, `'` and
//! `` ` `` → `"`, `أ إ آ` → `ا`, `ة` → `ه`, `ى` → `ي`. [`prefix`] finds how
//! much of a 32-byte block is such *plain* text with byte-wise operations
//! written so that the compiler turns them into vector instructions (the
//! workspace forbids `unsafe`, so there are no intrinsics: the loops are
//! shaped for LLVM's vectorizer on the x86-64 baseline), and the normalizer
//! takes the whole prefix in one step instead of character by character
//! (that loop's per-character dependency chain was most of its time).
//!
//! The plain set and its substitutions are written here as byte ranges; a
//! test checks them, character by character, against the normalizer's
//! table (`plain_set_agrees_with_the_table`), so the two cannot drift
//! apart without a failing test.
//!
//! A *window* is the block with one byte of context on each side:
//! `b[i - 1 .. i + BLOCK + 1]` for a block starting at byte `i` (a character
//! boundary). The byte before tells whether a continuation byte belongs to
//! an Arabic letter; the byte after, whether a final `ة`'s lead byte changes.

/// Bytes of a block.
pub(crate) const BLOCK: usize = 32;

/// A block with one byte of context on each side (see the module docs).
pub(crate) type Window = [u8; BLOCK + 2];

/// The plain prefix of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Plain {
    /// Bytes of the prefix: whole characters, 0 if the block does not start
    /// with a plain character.
    pub bytes: usize,
    /// Characters of the prefix.
    pub chars: usize,
    /// Arabic letters of the prefix (every plain non-ASCII character is one).
    pub arabic: usize,
    /// ASCII letters of the prefix.
    pub latin: usize,
    /// UTF-8 length of the prefix's last character (1 or 2).
    pub last_len: usize,
    /// The script index of the last character (0 none, 1 Arabic, 2 Latin).
    pub last_script: u8,
    /// The prefix ends with a space.
    pub ends_in_space: bool,
    /// Some character of the prefix is not its own matching form (then the
    /// prefix must be copied through [`fold_into`]).
    pub changed: bool,
}

/// Whether `x` may be a byte of a plain character that changes in the
/// matching form. Exact inside a plain prefix, where a continuation byte
/// `A2 A3 A5 A9` always follows `D8` (`آ أ إ ة`) and `89` always follows
/// `D9` (`ى`): the lead byte of `ة`, which changes too, is not flagged, but
/// its continuation is, which is enough to know that the prefix changes.
#[inline(always)]
fn may_change(x: u8) -> bool {
    let upper = x.wrapping_sub(b'A') < 26;
    let quote = (x == b'\'') | (x == b'`');
    let arabic = (x == 0xA2) | (x == 0xA3) | (x == 0xA5) | (x == 0xA9) | (x == 0x89);
    upper | quote | arabic
}

// A byte's flags in [`prefix`] (bit 0: plain, bit 4: changes).
const CONT: u8 = 2;
const LEAD: u8 = 4;
const LATIN: u8 = 8;
const SPACE: u8 = 32;
/// The lowest bit of every byte of a `u64`.
const ONES: u64 = 0x0101_0101_0101_0101;

/// The plain prefix of the block of `window`. `prev_space`: the character
/// before the block became a space (a space right after it is not plain:
/// whitespace runs collapse on the normalizer's full path).
#[inline]
pub(crate) fn prefix(window: &Window, prev_space: bool) -> Plain {
    let w = window;
    // One byte of flags per byte of the block, computed with byte-wise
    // operations and no branches (vectorized), then read eight at a time.
    let mut flags = [0u8; BLOCK];
    for (k, f) in flags.iter_mut().enumerate() {
        let (p, x) = (w[k], w[k + 1]);
        let graphic = x.wrapping_sub(0x21) < 0x5E;
        let space = (x == b' ') & (p != b' ');
        let lead = (x == 0xD8) | (x == 0xD9);
        // U+0621–U+063A and U+0641–U+064A: the basic Arabic letters.
        let letter_d8 = (p == 0xD8) & (x.wrapping_sub(0xA1) < 0x1A);
        let letter_d9 = (p == 0xD9) & (x.wrapping_sub(0x81) < 0x0A);
        *f = u8::from(graphic | space | lead | letter_d8 | letter_d9)
            | (u8::from(x & 0xC0 == 0x80) << 1)
            | (u8::from(lead) << 2)
            | (u8::from((x | 0x20).wrapping_sub(b'a') < 26) << 3)
            | (u8::from(may_change(x)) << 4)
            | (u8::from(x == b' ') << 5);
    }
    let mut words = [0u64; BLOCK / 8];
    for (word, bytes) in words.iter_mut().zip(flags.chunks_exact(8)) {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(bytes);
        *word = u64::from_le_bytes(eight);
    }
    // The byte before the block (never a lead byte: a block starts at a
    // character) only matters as a space, and the character before it may
    // have become a space without being one: the first byte's plain flag
    // is set again from `prev_space`.
    if w[1] == b' ' {
        words[0] = (words[0] & !1) | u64::from(!prev_space);
    }
    let mut bytes = BLOCK;
    for (c, word) in words.iter().enumerate() {
        let not_plain = !word & ONES;
        if not_plain != 0 {
            bytes = c * 8 + not_plain.trailing_zeros() as usize / 8;
            break;
        }
    }
    // A lead byte whose continuation is not plain goes back with it.
    if bytes > 0 && flags[bytes - 1] & LEAD != 0 {
        bytes -= 1;
    }
    let Some(&last) = bytes.checked_sub(1).and_then(|k| flags.get(k)) else {
        return Plain {
            bytes: 0,
            chars: 0,
            arabic: 0,
            latin: 0,
            last_len: 0,
            last_script: 0,
            ends_in_space: false,
            changed: false,
        };
    };
    // Per-byte sums of the flags over the prefix (at most 4 a byte), then
    // one multiplication adds the bytes up (the x86-64 baseline has no
    // popcount instruction).
    let (mut arabic, mut latin, mut change) = (0u64, 0u64, 0u64);
    for (c, word) in words.iter().enumerate() {
        let keep = match bytes.saturating_sub(c * 8) {
            0 => break,
            r if r >= 8 => u64::MAX,
            r => (1u64 << (8 * r)) - 1,
        };
        let word = word & keep;
        // Every plain continuation byte belongs to an Arabic letter.
        arabic += (word >> 1) & ONES;
        latin += (word >> 3) & ONES;
        change |= (word >> 4) & ONES;
    }
    let sum = |x: u64| (x.wrapping_mul(ONES) >> 56) as usize;
    let arabic = sum(arabic);
    let last_is_cont = last & CONT != 0;
    Plain {
        bytes,
        chars: bytes - arabic,
        arabic,
        latin: sum(latin),
        last_len: if last_is_cont { 2 } else { 1 },
        last_script: if last_is_cont {
            1
        } else if last & LATIN != 0 {
            2
        } else {
            0
        },
        ends_in_space: last & SPACE != 0,
        changed: change != 0,
    }
}

/// Appends the matching form of the first `bytes` bytes of the block of
/// `window` (a plain prefix, see [`prefix`]) to `out`.
#[inline]
pub(crate) fn fold_into(window: &Window, bytes: usize, out: &mut Vec<u8>) {
    let mut folded = [0u8; BLOCK];
    for (k, y) in folded.iter_mut().enumerate() {
        let (p, x, next) = (window[k], window[k + 1], window[k + 2]);
        let after_d8 = p == 0xD8;
        *y = if x.wrapping_sub(b'A') < 26 {
            x | 0x20
        } else if (x == b'\'') | (x == b'`') {
            b'"'
        } else if after_d8 & ((x == 0xA2) | (x == 0xA3) | (x == 0xA5)) {
            0xA7 // ا
        } else if after_d8 & (x == 0xA9) {
            0x87 // ه, continuation
        } else if (x == 0xD8) & (next == 0xA9) {
            0xD9 // ه, lead
        } else if (p == 0xD9) & (x == 0x89) {
            0x8A // ي
        } else {
            x
        };
    }
    out.extend_from_slice(&folded[..bytes.min(BLOCK)]);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    /// `text` (at most a block) padded with `pad` into a window after the
    /// byte `before`.
    fn window(before: u8, text: &str, pad: u8) -> Window {
        let mut w = [pad; BLOCK + 2];
        w[0] = before;
        w[1..=text.len()].copy_from_slice(text.as_bytes());
        w
    }

    /// The characters the block path takes: printable ASCII, the space,
    /// and the basic Arabic letters.
    fn plain_chars() -> Vec<char> {
        (0x20u32..0x7F)
            .chain(0x621..=0x63A)
            .chain(0x641..=0x64A)
            .filter_map(char::from_u32)
            .collect()
    }

    #[test]
    fn plain_set_agrees_with_the_table() {
        for c in plain_chars() {
            let s = c.to_string();
            // Alone between two letters, so nothing collapses or trims.
            let text = format!("x{s}x");
            let expected = crate::normalize_str(&text);
            let w = window(b'x', &text, b'\n');
            let p = prefix(&w, false);
            assert_eq!(p.bytes, text.len(), "{c:?} must be plain");
            let mut out = Vec::new();
            fold_into(&w, p.bytes, &mut out);
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{c:?}");
            assert_eq!(p.chars, 3);
            let scripts = crate::ScriptCounts::of(text.chars());
            assert_eq!(p.arabic, scripts.arabic, "{c:?}");
            assert_eq!(p.latin, scripts.latin, "{c:?}");
            assert_eq!(scripts.other, 0, "{c:?}");
            assert_eq!(p.changed, expected != text, "{c:?}");
        }
    }

    #[test]
    fn every_other_two_byte_arabic_character_stops_the_prefix() {
        for u in (0x600u32..0x800).filter(|u| !(0x621..=0x63A).contains(u)) {
            if (0x641..=0x64A).contains(&u) {
                continue;
            }
            let Some(c) = char::from_u32(u) else { continue };
            let text = format!("ab{c}");
            let p = prefix(&window(b' ', &text, b' '), false);
            assert_eq!(p.bytes, 2, "U+{u:04X}");
        }
    }

    #[test]
    fn prefixes_end_where_plain_text_ends() {
        let check = |text: &str, prev_space: bool, bytes: usize, chars: usize| {
            let p = prefix(&window(b'x', text, 0xC2), prev_space);
            assert_eq!((p.bytes, p.chars), (bytes, chars), "{text:?}");
        };
        check("قال  x", false, 7, 4); // the second space collapses
        check(" قال", true, 0, 0); // a space after a space
        check("قالَ", false, 6, 3); // a diacritic may combine: stops
        check("a\tb", false, 1, 1);
        check("abc\u{A0}", false, 3, 3);
        check("و،", false, 2, 1); // Arabic comma
        check("ـا", false, 0, 0); // tatweel
        // A full block; the last character of a block cut inside a letter
        // goes back with its lead byte.
        let text = "ا".repeat(16);
        check(&text, false, 32, 16);
        let text = format!("a{}", "ب".repeat(15)); // 31 bytes ...
        let mut w = window(b' ', &text, 0);
        w[BLOCK] = 0xD8; // ... and a lead byte whose continuation is outside
        assert_eq!(prefix(&w, false).bytes, 31);
    }

    #[test]
    fn last_character_and_space_are_reported() {
        let p = prefix(&window(b'x', "ab ", b'\n'), false);
        assert_eq!((p.last_len, p.last_script, p.ends_in_space), (1, 0, true));
        let p = prefix(&window(b'x', "a ة", b'\n'), false);
        assert_eq!((p.last_len, p.last_script, p.changed), (2, 1, true));
        let p = prefix(&window(b'x', "ة b", b'\n'), false);
        assert_eq!((p.last_len, p.last_script, p.arabic, p.latin), (1, 2, 1, 1));
    }
}
