//! Decoding bytes into text: UTF-8 (BOM removed), UTF-16 with a BOM, and
//! the refusal of binary data and invalid UTF-8 with its exact location.

/// How to treat bytes that are not valid text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoding {
    /// Refuse invalid UTF-8 and binary data.
    Strict,
    /// Replace invalid UTF-8 sequences with U+FFFD (still refuses binary data).
    Lossy,
}

/// Why bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Invalid UTF-8 at a byte offset; `line` and `column` (1-based, column in
    /// code points) locate the first bad byte.
    #[error("invalid UTF-8 at byte {byte} (line {line}, column {column})")]
    InvalidUtf8 {
        /// Offset of the first invalid byte.
        byte: usize,
        /// 1-based line of that byte.
        line: usize,
        /// 1-based column (in code points) of that byte.
        column: usize,
    },
    /// The data looks binary (it holds NUL bytes outside a UTF-16 text).
    #[error("binary data (a NUL byte at byte {byte}), not text")]
    Binary {
        /// Offset of the first NUL byte.
        byte: usize,
    },
    /// A UTF-16 text (with BOM) that holds an unpaired surrogate.
    #[error("invalid UTF-16 at byte {byte}")]
    InvalidUtf16 {
        /// Offset of the bad code unit.
        byte: usize,
    },
}

impl DecodeError {
    /// What the user can do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            DecodeError::InvalidUtf8 { .. } => {
                "convert the file to UTF-8, or pass --lossy to replace bad bytes"
            }
            DecodeError::Binary { .. } => "give a text file",
            DecodeError::InvalidUtf16 { .. } => "convert the file to UTF-8",
        }
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes `bytes` into text: UTF-8 with an optional BOM (removed), or
/// UTF-16 LE/BE when it starts with the matching BOM. Line endings are kept.
pub fn decode(bytes: &[u8], decoding: Decoding) -> Result<String, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    let (body, offset) = match bytes.strip_prefix(UTF8_BOM) {
        Some(rest) => (rest, UTF8_BOM.len()),
        None => (bytes, 0),
    };
    if let Some(nul) = memchr_nul(body) {
        return Err(DecodeError::Binary { byte: offset + nul });
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_string()),
        Err(_) if decoding == Decoding::Lossy => Ok(String::from_utf8_lossy(body).into_owned()),
        Err(err) => {
            let valid = err.valid_up_to();
            // The prefix is valid UTF-8 by construction; fall back to 0 columns
            // rather than panic if that ever changes.
            let prefix = std::str::from_utf8(&body[..valid]).unwrap_or("");
            let line = prefix.matches('\n').count() + 1;
            let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
            let column = prefix[line_start..].chars().count() + 1;
            Err(DecodeError::InvalidUtf8 {
                byte: offset + valid,
                line,
                column,
            })
        }
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

fn decode_utf16(body: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    let units = body.chunks(2).map(|pair| match pair {
        [a, b] => unit([*a, *b]),
        // An odd trailing byte cannot be a code unit: make it a lone
        // surrogate so that decoding reports it.
        _ => 0xD800,
    });
    let mut out = String::with_capacity(body.len() / 2);
    for (i, decoded) in char::decode_utf16(units).enumerate() {
        match decoded {
            Ok(c) => out.push(c),
            Err(_) => return Err(DecodeError::InvalidUtf16 { byte: 2 + 2 * i }),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("قال said".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le, Decoding::Strict).unwrap(), "قال said");
        let mut be = vec![0xFE, 0xFF];
        be.extend("نعم".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be, Decoding::Strict).unwrap(), "نعم");
    }

    #[test]
    fn odd_utf16_is_an_error_not_a_panic() {
        assert!(matches!(
            decode(&[0xFF, 0xFE, 0x41], Decoding::Strict),
            Err(DecodeError::InvalidUtf16 { .. })
        ));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = decode(
            "سطر\nقا\u{644}"
                .as_bytes()
                .iter()
                .copied()
                .chain([0xC3])
                .collect::<Vec<_>>()
                .as_slice(),
            Decoding::Strict,
        )
        .unwrap_err();
        assert_eq!(
            err,
            DecodeError::InvalidUtf8 {
                byte: 13,
                line: 2,
                column: 4
            }
        );
        assert_eq!(decode(b"a\xffb", Decoding::Lossy).unwrap(), "a\u{fffd}b");
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode(b"\x7fELF\0\0", Decoding::Lossy),
            Err(DecodeError::Binary { byte: 4 })
        );
    }

    #[test]
    fn crlf_is_kept_and_bom_removed() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFa\r\nb", Decoding::Strict).unwrap(),
            "a\r\nb"
        );
    }

    proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let _ = decode(&bytes, Decoding::Strict);
            let _ = decode(&bytes, Decoding::Lossy);
        }

        #[test]
        fn valid_text_round_trips(text in "\\PC*") {
            prop_assume!(!text.contains('\0') && !text.starts_with('\u{feff}'));
            prop_assert_eq!(decode(text.as_bytes(), Decoding::Strict).unwrap(), text);
        }
    }
}
