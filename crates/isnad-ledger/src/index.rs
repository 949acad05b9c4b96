//! The in-memory view of a ledger: entries in order, with the maps that
//! queries need (documents and their versions, claims, reviews,
//! withdrawals), and the queries themselves.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;

use isnad_model::{ClaimEntry, CorrectionAction, CorrectionEntry, DocumentEntry, ReviewEntry};

use crate::chain::GENESIS;
use crate::entry::Entry;
use crate::error::{LedgerError, Result};
use crate::query::ClaimQuery;

/// Shortest document id prefix shown, in hex digits.
pub const SHORT_ID_MIN: usize = 8;

/// The ledger's entries in order, indexed for queries.
#[derive(Debug, Clone, Default)]
pub struct Index {
    entries: Vec<Entry>,
    /// Document id → positions (in `entries`) of its versions, in order.
    docs: BTreeMap<String, Vec<usize>>,
    /// Document key (`url:...`, `path:...`) → document id.
    keys: HashMap<String, String>,
    /// Entry hash → position.
    hashes: HashMap<String, usize>,
    /// Claim id → position.
    claims: BTreeMap<String, usize>,
    /// Claim id → positions of its reviews.
    reviews: HashMap<String, Vec<usize>>,
    /// Target hash → positions of corrections of it.
    corrections: HashMap<String, Vec<usize>>,
}

/// Which claims `list` shows: the same filters as [`ClaimQuery`], which
/// the stores answer themselves (kept under this name for callers of
/// [`Index::claims`]).
pub type ClaimFilter = ClaimQuery;

impl Index {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the next entry (in ledger order).
    pub fn push(&mut self, entry: Entry) {
        let at = self.entries.len();
        self.hashes.insert(entry.hash().to_string(), at);
        match &entry {
            Entry::Document(d) => {
                self.docs.entry(d.doc.clone()).or_default().push(at);
                self.keys.insert(d.key.clone(), d.doc.clone());
            }
            Entry::Claim(c) => {
                self.claims.insert(c.id.clone(), at);
            }
            Entry::Review(r) => self.reviews.entry(r.claim.clone()).or_default().push(at),
            Entry::Correction(c) => self
                .corrections
                .entry(c.target.clone())
                .or_default()
                .push(at),
            Entry::Header(_) => {}
        }
        self.entries.push(entry);
    }

    /// All entries, in ledger order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> u64 {
        self.entries.len() as u64
    }

    /// True when the ledger has no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The current head: the hash of the last entry, or the genesis value.
    pub fn head(&self) -> &str {
        self.entries.last().map_or(GENESIS, Entry::hash)
    }

    /// The entry with this hash.
    pub fn by_hash(&self, hash: &str) -> Option<&Entry> {
        self.hashes.get(hash).and_then(|&i| self.entries.get(i))
    }

    /// The document id for a key (`url:...` / `path:...`), if recorded.
    pub fn doc_for_key(&self, key: &str) -> Option<&str> {
        self.keys.get(key).map(String::as_str)
    }

    /// Every version of a document, oldest first.
    pub fn versions(&self, doc: &str) -> Vec<&DocumentEntry> {
        self.docs
            .get(doc)
            .map(|at| {
                at.iter()
                    .filter_map(|&i| match self.entries.get(i) {
                        Some(Entry::Document(d)) => Some(d.as_ref()),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The latest version of a document.
    pub fn latest(&self, doc: &str) -> Option<&DocumentEntry> {
        self.versions(doc).pop()
    }

    /// A given version of a document.
    pub fn version(&self, doc: &str, version: u32) -> Option<&DocumentEntry> {
        self.versions(doc)
            .into_iter()
            .find(|d| d.version == version)
    }

    /// Document ids, sorted.
    pub fn documents(&self) -> impl Iterator<Item = &str> {
        self.docs.keys().map(String::as_str)
    }

    /// The shortest prefix (at least [`SHORT_ID_MIN`] hex digits) that
    /// tells `doc` apart from every other document id, as git shortens.
    pub fn short_doc_id(&self, doc: &str) -> String {
        let before = self
            .docs
            .range::<str, _>((Bound::Unbounded, Bound::Excluded(doc)))
            .next_back()
            .map(|(k, _)| k.as_str());
        let after = self
            .docs
            .range::<str, _>((Bound::Excluded(doc), Bound::Unbounded))
            .next()
            .map(|(k, _)| k.as_str());
        short_id(doc, before, after)
    }

    /// Finds a document by id, unique id prefix (4 hex digits or more), URL,
    /// or the path it was recorded from, with an optional `@N` version.
    /// Returns the document id and the version asked for, if any.
    pub fn resolve_document(&self, reference: &str) -> Result<(String, Option<u32>)> {
        let (base, version) = split_reference(reference)?;
        let found = self.find_document(base)?;
        if let Some(v) = version
            && self.version(&found, v).is_none()
        {
            return Err(LedgerError::Invalid(format!(
                "document {} has no version {v} (it has {})",
                self.short_doc_id(&found),
                self.versions(&found).len()
            )));
        }
        Ok((found, version))
    }

    fn find_document(&self, base: &str) -> Result<String> {
        for key in [
            format!("url:{base}"),
            format!("path:{}", normalize_path(base)),
        ] {
            if let Some(doc) = self.keys.get(&key) {
                return Ok(doc.clone());
            }
        }
        let lower = base.to_ascii_lowercase();
        if lower.len() >= 4 && lower.bytes().all(|b| b.is_ascii_hexdigit()) {
            let hits: Vec<&String> = self
                .docs
                .range::<str, _>((Bound::Included(lower.as_str()), Bound::Unbounded))
                .map(|(k, _)| k)
                .take_while(|k| k.starts_with(&lower))
                .collect();
            match hits.as_slice() {
                [one] => return Ok((*one).clone()),
                [] => {}
                many => {
                    return Err(LedgerError::AmbiguousDocument {
                        reference: base.into(),
                        candidates: many
                            .iter()
                            .map(|d| self.short_doc_id(d))
                            .collect::<Vec<_>>()
                            .join(", "),
                    });
                }
            }
        }
        // A document recorded from a path but keyed by its URL: match the source.
        let by_source: Vec<&String> = self
            .docs
            .iter()
            .filter(|(id, _)| self.versions(id).iter().any(|d| d.source == base))
            .map(|(id, _)| id)
            .collect();
        match by_source.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(LedgerError::UnknownDocument(base.into())),
            many => Err(LedgerError::AmbiguousDocument {
                reference: base.into(),
                candidates: many
                    .iter()
                    .map(|d| self.short_doc_id(d))
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }

    /// The claim with this id, or the only claim whose id starts with it.
    pub fn resolve_claim(&self, reference: &str) -> Result<&ClaimEntry> {
        let hits: Vec<usize> = match self.claims.get(reference) {
            Some(&at) => vec![at],
            None => self
                .claims
                .range::<str, _>((Bound::Included(reference), Bound::Unbounded))
                .take_while(|(k, _)| k.starts_with(reference))
                .map(|(_, &at)| at)
                .collect(),
        };
        match hits.as_slice() {
            [one] => match self.entries.get(*one) {
                Some(Entry::Claim(c)) => Ok(c),
                _ => Err(LedgerError::UnknownClaim(reference.into())),
            },
            [] => Err(LedgerError::UnknownClaim(reference.into())),
            many => Err(LedgerError::AmbiguousClaim {
                reference: reference.into(),
                candidates: many
                    .iter()
                    .take(5)
                    .filter_map(|&i| match self.entries.get(i) {
                        Some(Entry::Claim(c)) => Some(c.id.clone()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }

    /// True when a claim with this id exists.
    pub fn has_claim(&self, id: &str) -> bool {
        self.claims.contains_key(id)
    }

    /// Reviews of a claim, oldest first.
    pub fn reviews_of(&self, claim: &str) -> Vec<&ReviewEntry> {
        self.reviews
            .get(claim)
            .map(|at| {
                at.iter()
                    .filter_map(|&i| match self.entries.get(i) {
                        Some(Entry::Review(r)) => Some(r),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Corrections and withdrawals of the entry with this hash, oldest first.
    pub fn corrections_of(&self, hash: &str) -> Vec<&CorrectionEntry> {
        self.corrections
            .get(hash)
            .map(|at| {
                at.iter()
                    .filter_map(|&i| match self.entries.get(i) {
                        Some(Entry::Correction(c)) => Some(c),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// True when the entry with this hash has been withdrawn.
    pub fn is_withdrawn(&self, hash: &str) -> bool {
        self.corrections_of(hash)
            .iter()
            .any(|c| c.action == CorrectionAction::Withdraw)
    }

    /// The claims that pass `filter`, in ledger order (offset and limit
    /// are applied too).
    pub fn claims(&self, filter: &ClaimFilter) -> Vec<&ClaimEntry> {
        let mut pager = filter.pager();
        self.entries
            .iter()
            .filter_map(|e| match e {
                Entry::Claim(c) => Some(c.as_ref()),
                _ => None,
            })
            .filter(|c| {
                filter.matches(c) && (filter.include_withdrawn || !self.is_withdrawn(&c.hash))
            })
            .filter(|_| pager.take())
            .collect()
    }
}

/// A document reference split at a trailing `@N` version.
pub(crate) fn split_reference(reference: &str) -> Result<(&str, Option<u32>)> {
    match reference.rsplit_once('@') {
        Some((b, v)) if !b.is_empty() && !v.is_empty() && v.bytes().all(|c| c.is_ascii_digit()) => {
            let version = v
                .parse::<u32>()
                .map_err(|_| LedgerError::UnknownDocument(reference.into()))?;
            Ok((b, Some(version)))
        }
        _ => Ok((reference, None)),
    }
}

/// The shortest prefix of `doc` (at least [`SHORT_ID_MIN`] digits) that
/// tells it apart from its neighbours in sorted order, `before` and `after`.
pub(crate) fn short_id(doc: &str, before: Option<&str>, after: Option<&str>) -> String {
    let common = |other: &str| {
        doc.bytes()
            .zip(other.bytes())
            .take_while(|(a, b)| a == b)
            .count()
    };
    let longest = before.map_or(0, common).max(after.map_or(0, common));
    let len = (longest + 1).max(SHORT_ID_MIN).min(doc.len());
    doc.get(..len).unwrap_or(doc).to_string()
}

/// A path as a document key: `./` prefixes and backslashes do not make a
/// different document.
pub fn normalize_path(path: &str) -> String {
    let mut p = path.replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.to_string();
    }
    p
}
