//! Short byte strings as integer hash-map keys.
//!
//! The words of a text are mostly short: an Arabic word with its clitics is
//! 8 to 14 bytes, an English one fewer. Tables keyed by a word's bytes (the
//! extraction lexicon's vocabulary, the speaker pass's spellings) look one
//! up per word of the text; with the bytes read as one `u128` and their
//! length, a lookup hashes and compares two integers instead of hashing a
//! string and comparing it byte by byte.

/// The key of a byte string of at most 16 bytes: its bytes as a
/// little-endian `u128` (zero past the end) and its length.
pub type ShortKey = (u128, u8);

/// The [`ShortKey`] of `text[start..end]`, or `None` when it is longer than
/// 16 bytes (or out of range). Where `text` has 16 bytes from `start` they
/// are read as one fixed-size copy and the bytes after `end` masked off, so
/// the key is the same whatever follows the word.
///
/// ```
/// use isnad_text::short_key;
/// let text = b"said the minister";
/// assert_eq!(short_key(text, 0, 4), short_key(b"said", 0, 4));
/// assert_ne!(short_key(text, 0, 4), short_key(b"sai", 0, 3));
/// assert_eq!(short_key(text, 0, 17), None);
/// ```
#[inline]
pub fn short_key(text: &[u8], start: usize, end: usize) -> Option<ShortKey> {
    let len = end.checked_sub(start).filter(|&n| n <= 16)?;
    let mut b = [0u8; 16];
    match text.get(start..start + 16) {
        Some(whole) => b.copy_from_slice(whole),
        None => b.get_mut(..len)?.copy_from_slice(text.get(start..end)?),
    }
    let mask = u128::MAX.checked_shr(8 * (16 - len) as u32).unwrap_or(0);
    Some((u128::from_le_bytes(b) & mask, u8::try_from(len).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A word's key is its bytes, whatever follows it in the text, and
        /// two words share a key only when they are the same bytes.
        #[test]
        fn the_short_key_is_the_words_bytes(
            word in "[a-zء-ي]{0,10}",
            after in "[a-z ء-ي]{0,20}",
            other in "[a-zء-ي]{0,10}",
        ) {
            let text = format!("{word}{after}");
            let key = short_key(text.as_bytes(), 0, word.len());
            prop_assert_eq!(key, short_key(word.as_bytes(), 0, word.len()));
            // two words too long for a key (both `None`) share nothing
            let same = key.is_some() && short_key(other.as_bytes(), 0, other.len()) == key;
            prop_assert_eq!(same, key.is_some() && other == word);
            prop_assert_eq!(key.is_some(), word.len() <= 16);
        }
    }
}
