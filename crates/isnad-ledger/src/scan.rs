//! The file backend's queries: one streaming pass over the lines under a
//! shared lock, keeping only what the answer needs (the matching claims,
//! reviews, withdrawals and the document ids), never the documents' texts
//! or the whole ledger. Every line is still read as an entry and
//! chain-checked, so a changed, future or torn line is reported as `load`
//! reports it.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use isnad_model::{ClaimEntry, ReviewEntry};

use crate::chain::GENESIS;
use crate::entry::{Entry, EntryProblem};
use crate::error::{LedgerError, Result, io};
use crate::file::chain_problem;
use crate::query::{ClaimQuery, ClaimRecord, Each, ReviewRecord, withdraws};
use crate::store::TornTail;

/// What a scan saw besides the answer.
pub(crate) struct Scanned {
    /// Claims returned.
    pub count: u64,
    /// An incomplete last line.
    pub torn: Option<TornTail>,
    /// The first chain problem (line, message).
    pub broken: Option<(u64, String)>,
    /// Every document id, sorted (for short ids).
    pub docs: BTreeSet<String>,
}

/// Streams the ledger file `file` (already locked) and answers `query`.
pub(crate) fn scan_claims(
    path: &Path,
    file: &File,
    query: &ClaimQuery,
    each: &mut Each<'_, ClaimRecord>,
) -> Result<Scanned> {
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut line = Vec::new();
    let mut head = GENESIS.to_string();
    let mut n = 0u64;
    let mut offset = 0u64;
    let mut torn = None;
    let mut broken = None;
    let mut docs = BTreeSet::new();
    let mut claims: Vec<ClaimEntry> = Vec::new();
    let mut reviews: HashMap<String, Vec<ReviewEntry>> = HashMap::new();
    let mut withdrawn: HashSet<String> = HashSet::new();
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(io(path, "read"))?;
        if read == 0 {
            break;
        }
        if line.last() != Some(&b'\n') {
            torn = Some(TornTail {
                line: n + 1,
                offset,
                bytes: read as u64,
            });
            break;
        }
        line.pop();
        n += 1;
        offset += read as u64;
        let entry = Entry::from_line(&line).map_err(|p| match p {
            EntryProblem::FutureVersion(found) => LedgerError::FutureVersion {
                path: path.into(),
                line: n,
                found,
            },
            EntryProblem::WrongSchema(message) => LedgerError::Corrupt {
                path: path.into(),
                line: n,
                message,
            },
        })?;
        if broken.is_none() {
            broken = chain_problem(&head, n, &line, &entry).map(|m| (n, m));
        }
        head = entry.hash().to_string();
        match entry {
            Entry::Claim(c) if query.matches(&c) => claims.push(*c),
            Entry::Review(r) => reviews.entry(r.claim.clone()).or_default().push(r),
            Entry::Correction(c) if withdraws(c.action) => {
                withdrawn.insert(c.target);
            }
            Entry::Document(d) => {
                docs.insert(d.doc);
            }
            _ => {}
        }
    }
    let mut pager = query.pager();
    let mut count = 0;
    for claim in claims {
        if pager.done() {
            break;
        }
        let is_withdrawn = withdrawn.contains(&claim.hash);
        if (!query.include_withdrawn && is_withdrawn) || !pager.take() {
            continue;
        }
        let reviews = reviews
            .get(&claim.id)
            .map(|rs| {
                rs.iter()
                    .map(|r| ReviewRecord {
                        withdrawn: withdrawn.contains(&r.hash),
                        review: r.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        each(ClaimRecord {
            claim,
            withdrawn: is_withdrawn,
            reviews,
        })?;
        count += 1;
    }
    Ok(Scanned {
        count,
        torn,
        broken,
        docs,
    })
}
