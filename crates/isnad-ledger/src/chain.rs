//! The hash chain: how an entry's `hash` is computed, how a line is laid
//! out, and the fast check of one line.
//!
//! * An entry's `hash` is `sha256:` and the lowercase hex SHA-256 of the
//!   RFC 8785 (JSON Canonicalization Scheme) serialization of the entry
//!   **without its `hash` member**. RFC 8785 fixes key order (UTF-16 code
//!   units), whitespace (none), string escapes and number formatting, so any
//!   tool in any language can recompute it. We use the maintained
//!   `serde_json_canonicalizer` crate rather than a hand-written one: it
//!   implements the ECMAScript number formatting that RFC 8785 requires
//!   (the `similarity` score is a float) and is tested against the RFC's
//!   examples.
//! * `prev` is the `hash` of the previous entry; the first entry's `prev` is
//!   [`GENESIS`]: `sha256:` and 64 zeros.
//! * A line as isnad writes it is the canonical body with
//!   `,"hash":"sha256:<64 hex>"` spliced in before the closing brace. So the
//!   canonical bytes are the line minus that fixed 82-byte tail plus `}`,
//!   and checking a line needs no JSON parsing (the fast path). A line laid
//!   out otherwise (a tool re-serialized it) is still valid when its
//!   canonical form hashes to its `hash`: the slow path parses it.
//! * The names `prev`, `seq` and `hash` are reserved: no object nested in an
//!   entry uses them, so the fast path finds the top-level ones by search.

use std::sync::LazyLock;

use memchr::memmem::Finder;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The `prev` of the first entry of every ledger: `sha256:` and 64 zeros.
pub const GENESIS: &str = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

static PREV: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"\"prev\":\""));
static SEQ: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"\"seq\":"));

/// Length of `,"hash":"sha256:` + 64 hex digits + `"}`.
const HASH_TAIL: usize = 16 + 64 + 2;

/// `sha256:` and the lowercase hex SHA-256 of `bytes`.
pub fn sha256_tagged(bytes: &[u8]) -> String {
    tagged(&Sha256::digest(bytes))
}

fn tagged(digest: &[u8]) -> String {
    let mut out = String::with_capacity(71);
    out.push_str("sha256:");
    push_hex(&mut out, digest);
    out
}

fn push_hex(out: &mut String, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for b in bytes {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
}

fn hex_eq(digest: &[u8], hex: &[u8]) -> bool {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    hex.len() == digest.len() * 2
        && digest
            .iter()
            .zip(hex.chunks_exact(2))
            .all(|(b, h)| h[0] == HEX[usize::from(b >> 4)] && h[1] == HEX[usize::from(b & 15)])
}

/// The canonical (RFC 8785) bytes of an entry given as a JSON object,
/// without its `hash` member.
pub fn canonical_body(entry: &Value) -> Result<Vec<u8>, serde_json::Error> {
    match entry {
        Value::Object(map) if map.contains_key("hash") => {
            let mut map = map.clone();
            map.remove("hash");
            serde_json_canonicalizer::to_vec(&Value::Object(map))
        }
        other => serde_json_canonicalizer::to_vec(other),
    }
}

/// The hash an entry must carry: over its canonical form without `hash`.
pub fn entry_hash(entry: &Value) -> Result<String, serde_json::Error> {
    Ok(sha256_tagged(&canonical_body(entry)?))
}

/// Lays out a line (without its newline) from an entry's canonical body
/// and returns it with the entry's hash.
pub fn line_from_body(body: &[u8]) -> Option<(Vec<u8>, String)> {
    let hash = sha256_tagged(body);
    let (last, head) = body.split_last()?;
    if *last != b'}' || head.len() < 2 {
        return None;
    }
    let mut line = Vec::with_capacity(body.len() + HASH_TAIL);
    line.extend_from_slice(head);
    line.extend_from_slice(b",\"hash\":\"");
    line.extend_from_slice(hash.as_bytes());
    line.extend_from_slice(b"\"}");
    Some((line, hash))
}

/// What the fast path read from one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineFacts<'a> {
    /// The stored `hash` (`sha256:` + 64 hex).
    pub hash: &'a str,
    /// The stored `prev`.
    pub prev: &'a str,
    /// The stored `seq`.
    pub seq: u64,
}

/// The result of checking one line on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineCheck<'a> {
    /// The line hashes to its stored `hash`.
    Valid(LineFacts<'a>),
    /// The line is in isnad's layout but its content does not hash to its
    /// stored `hash`: it was changed.
    Changed(LineFacts<'a>),
    /// The line is not in isnad's layout; the caller must parse it.
    Unusual,
}

/// Checks one line (without its newline) without parsing JSON.
pub fn check_line(line: &[u8]) -> LineCheck<'_> {
    let Some(facts) = line_facts(line) else {
        return LineCheck::Unusual;
    };
    let cut = line.len() - HASH_TAIL;
    let mut hasher = Sha256::new();
    hasher.update(&line[..cut]);
    hasher.update(b"}");
    let digest = hasher.finalize();
    if hex_eq(&digest, &line[line.len() - 66..line.len() - 2]) {
        LineCheck::Valid(facts)
    } else {
        LineCheck::Changed(facts)
    }
}

fn line_facts(line: &[u8]) -> Option<LineFacts<'_>> {
    if line.len() < HASH_TAIL + 2 {
        return None;
    }
    let cut = line.len() - HASH_TAIL;
    let tail = &line[cut..];
    if !tail.starts_with(b",\"hash\":\"sha256:") || !tail.ends_with(b"\"}") {
        return None;
    }
    let hex = &tail[16..80];
    if !hex
        .iter()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
    {
        return None;
    }
    let hash = std::str::from_utf8(&tail[9..80]).ok()?;
    let body = &line[..cut];
    let p = PREV.find(body)? + 8;
    let prev = std::str::from_utf8(body.get(p..p + 71)?).ok()?;
    if body.get(p + 71) != Some(&b'"') || !prev.starts_with("sha256:") {
        return None;
    }
    let s = SEQ.find(body)? + 6;
    let digits = body
        .get(s..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let seq = std::str::from_utf8(body.get(s..s + digits)?)
        .ok()?
        .parse()
        .ok()?;
    Some(LineFacts { hash, prev, seq })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_written_line_checks_valid_and_an_edit_is_caught() {
        let entry =
            json!({"kind": "review", "seq": 3, "prev": GENESIS, "note": "سيء \"جدا\"", "a": 1.5});
        let body = canonical_body(&entry).unwrap();
        let (line, hash) = line_from_body(&body).unwrap();
        assert_eq!(hash, entry_hash(&entry).unwrap());
        match check_line(&line) {
            LineCheck::Valid(f) => {
                assert_eq!(f.seq, 3);
                assert_eq!(f.prev, GENESIS);
                assert_eq!(f.hash, hash);
            }
            other => panic!("{other:?}"),
        }
        let mut edited = line.clone();
        let at = edited.iter().position(|&b| b == b'1').unwrap();
        edited[at] = b'2';
        assert!(matches!(check_line(&edited), LineCheck::Changed(_)));
        // The stored line parses back to the entry with its hash.
        let back: Value = serde_json::from_slice(&line).unwrap();
        assert_eq!(back["hash"], Value::from(hash.clone()));
        assert_eq!(entry_hash(&back).unwrap(), hash);
    }

    #[test]
    fn rfc8785_examples() {
        // RFC 8785 section 3.2.2 / appendix B: key order by UTF-16 code
        // units, ECMAScript number formatting, minimal escapes.
        let v: Value = serde_json::from_str(
            r#"{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
                "literals": [null, true, false]}"#,
        )
        .unwrap();
        let out = String::from_utf8(canonical_body(&v).unwrap()).unwrap();
        assert_eq!(
            out,
            r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        );
        let sorted: Value = serde_json::from_str(
            r#"{"\u20ac":1,"\r":2,"1":3,"\u0080":4,"\ud83d\ude00":5,"\ufb33":6,"\u00f6":7}"#,
        )
        .unwrap();
        let out = String::from_utf8(canonical_body(&sorted).unwrap()).unwrap();
        assert_eq!(
            out,
            "{\"\\r\":2,\"1\":3,\"\u{80}\":4,\"ö\":7,\"€\":1,\"😀\":5,\"\u{fb33}\":6}"
        );
    }

    #[test]
    fn odd_lines_are_unusual_not_a_panic() {
        for line in [
            &b""[..],
            b"{}",
            b"not json",
            &[0xff; 200][..],
            b",\"hash\":\"sha256:",
        ] {
            assert_eq!(check_line(line), LineCheck::Unusual);
        }
    }
}
