//! One entry of any kind, and reading an entry from a line.

use isnad_model::{
    ClaimEntry, CorrectionEntry, DocumentEntry, HeaderEntry, LEDGER_SCHEMA_VERSION, ReviewEntry,
};
use serde::Serialize;
use serde_json::Value;

/// A ledger entry of any kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// The header written by `init`.
    Header(HeaderEntry),
    /// A document snapshot.
    Document(Box<DocumentEntry>),
    /// A claim.
    Claim(Box<ClaimEntry>),
    /// A review.
    Review(ReviewEntry),
    /// A correction or withdrawal.
    Correction(CorrectionEntry),
}

/// The chain fields every entry carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Envelope<'a> {
    /// `kind`.
    pub kind: &'a str,
    /// `schema_version`.
    pub schema_version: &'a str,
    /// `seq`.
    pub seq: u64,
    /// `prev`.
    pub prev: &'a str,
    /// `hash`.
    pub hash: &'a str,
    /// `author`.
    pub author: &'a str,
    /// `recorded_at`.
    pub recorded_at: &'a str,
}

macro_rules! each {
    ($self:expr, $e:ident => $body:expr) => {
        match $self {
            Entry::Header($e) => $body,
            Entry::Document($e) => $body,
            Entry::Claim($e) => $body,
            Entry::Review($e) => $body,
            Entry::Correction($e) => $body,
        }
    };
}

/// Why a JSON value is not an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryProblem {
    /// Not an object, no `kind`, an unknown kind, or fields that do not fit
    /// the kind's schema.
    WrongSchema(String),
    /// A `schema_version` whose major version is later than this reader's.
    FutureVersion(String),
}

impl Entry {
    /// The chain fields.
    pub fn envelope(&self) -> Envelope<'_> {
        each!(self, e => Envelope {
            kind: &e.kind,
            schema_version: &e.schema_version,
            seq: e.seq,
            prev: &e.prev,
            hash: &e.hash,
            author: &e.author,
            recorded_at: &e.recorded_at,
        })
    }

    /// The entry's hash.
    pub fn hash(&self) -> &str {
        each!(self, e => &e.hash)
    }

    /// The entry's position, from 1.
    pub fn seq(&self) -> u64 {
        each!(self, e => e.seq)
    }

    /// Sets the chain fields that the store fills in when it appends.
    pub(crate) fn set_chain(&mut self, seq: u64, prev: &str) {
        each!(self, e => {
            e.seq = seq;
            e.prev = prev.to_string();
            e.schema_version = LEDGER_SCHEMA_VERSION.to_string();
            e.hash = String::new();
        })
    }

    pub(crate) fn set_hash(&mut self, hash: String) {
        each!(self, e => e.hash = hash)
    }

    /// The entry as a JSON value.
    pub fn to_value(&self) -> Result<Value, serde_json::Error> {
        each!(self, e => serde_json::to_value(e))
    }

    /// Reads an entry from a JSON value: checks `kind` and the major
    /// version, then the kind's fields.
    pub fn from_value(value: Value) -> Result<Entry, EntryProblem> {
        let kind = value
            .get("kind")
            .and_then(Value::as_str)
            .map(str::to_string);
        let Some(kind) = kind else {
            return Err(EntryProblem::WrongSchema(
                "not an entry: no `kind` string".into(),
            ));
        };
        check_version(&value)?;
        let wrong =
            |e: serde_json::Error| EntryProblem::WrongSchema(format!("`{kind}` entry: {e}"));
        Ok(match kind.as_str() {
            "header" => Entry::Header(serde_json::from_value(value).map_err(wrong)?),
            "document" => Entry::Document(Box::new(serde_json::from_value(value).map_err(wrong)?)),
            "claim" => Entry::Claim(Box::new(serde_json::from_value(value).map_err(wrong)?)),
            "review" => Entry::Review(serde_json::from_value(value).map_err(wrong)?),
            "correction" => Entry::Correction(serde_json::from_value(value).map_err(wrong)?),
            other => {
                return Err(EntryProblem::WrongSchema(format!(
                    "unknown entry kind `{other}` (known: header, document, claim, review, correction)"
                )));
            }
        })
    }

    /// Reads an entry from the bytes of one line.
    pub fn from_line(line: &[u8]) -> Result<Entry, EntryProblem> {
        let value: Value = serde_json::from_slice(line)
            .map_err(|e| EntryProblem::WrongSchema(format!("not valid JSON: {e}")))?;
        Entry::from_value(value)
    }
}

impl Serialize for Entry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        each!(self, e => e.serialize(serializer))
    }
}

/// Checks `schema_version`: present, and of a major version this reader knows.
pub(crate) fn check_version(value: &Value) -> Result<(), EntryProblem> {
    let Some(version) = value.get("schema_version").and_then(Value::as_str) else {
        return Err(EntryProblem::WrongSchema(
            "no `schema_version` string".into(),
        ));
    };
    let major = |v: &str| v.split('.').next().and_then(|m| m.parse::<u64>().ok());
    match (major(version), major(LEDGER_SCHEMA_VERSION)) {
        (Some(found), Some(ours)) if found > ours => {
            Err(EntryProblem::FutureVersion(version.to_string()))
        }
        (Some(found), Some(ours)) if found == ours => Ok(()),
        _ => Err(EntryProblem::WrongSchema(format!(
            "`schema_version` {version:?} is not a version this isnad reads"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn future_and_foreign_versions_are_told_apart() {
        let v = json!({"kind": "review", "schema_version": "2.0.0"});
        assert_eq!(
            Entry::from_value(v),
            Err(EntryProblem::FutureVersion("2.0.0".into()))
        );
        let v = json!({"kind": "review", "schema_version": "0.9"});
        assert!(matches!(
            Entry::from_value(v),
            Err(EntryProblem::WrongSchema(_))
        ));
        let v = json!({"kind": "nonsense", "schema_version": "1.0.0"});
        assert!(
            matches!(Entry::from_value(v), Err(EntryProblem::WrongSchema(m)) if m.contains("unknown entry kind"))
        );
        assert!(matches!(
            Entry::from_line(b"\xff\xfe"),
            Err(EntryProblem::WrongSchema(_))
        ));
    }
}
