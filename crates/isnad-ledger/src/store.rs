//! The storage interface. Every backend keeps the same lines (the
//! canonical entry bytes) with the same chain hashes, so a ledger moved
//! between backends verifies the same way. The JSONL file backend
//! ([`crate::FileLedger`]) is the default; a PostgreSQL backend (issue 11)
//! implements the same trait.

use crate::entry::Entry;
use crate::error::{LedgerError, Result};
use crate::index::Index;
use crate::query::{ClaimQuery, ClaimRecord, DocumentRecord, Each};
use crate::verify::{VerifyOptions, VerifyReport};

/// An incomplete last line left by an interrupted write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TornTail {
    /// Its line number, from 1.
    pub line: u64,
    /// Byte offset where it starts (the length of the ledger's complete lines).
    pub offset: u64,
    /// Its length in bytes.
    pub bytes: u64,
}

/// What `repair` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired {
    /// The torn tail that was moved.
    pub torn: TornTail,
    /// Where its bytes were saved; empty when the tail was a complete,
    /// correctly chained entry that only lacked its newline, which was
    /// then added instead (nothing moved).
    pub side_file: String,
}

/// A builder of entries to append, called under the append lock with the
/// ledger as it then stands.
pub type Build<'a> = dyn FnMut(&Index) -> Result<Vec<Entry>> + 'a;

/// A ledger backend: append-only, hash-chained storage of entries.
pub trait LedgerStore {
    /// Where the ledger lives, for messages (a path or a URL without password).
    fn location(&self) -> String;

    /// Creates an empty ledger holding one header entry; refuses to touch
    /// one that exists.
    fn init(&mut self, author: &str, created_by: &str) -> Result<Entry>;

    /// Reads the ledger (under a shared lock) and returns it indexed. A
    /// torn tail is not an error here: see [`LedgerStore::torn`].
    fn load(&mut self) -> Result<&Index>;

    /// The torn tail found by the last `load` or `append`, if any.
    fn torn(&self) -> Option<&TornTail>;

    /// The first chain problem found while loading, if any (line, message):
    /// reading still works, appending is refused.
    fn broken(&self) -> Option<(u64, &str)>;

    /// Appends what `build` returns, atomically with respect to other
    /// writers: under an exclusive lock the ledger is brought up to date,
    /// `build` sees it, and its entries get their `seq`, `prev` and `hash`
    /// and are written in one write followed by one sync. On any error the
    /// ledger is left as it was. Returns the entries as written.
    fn append(&mut self, build: &mut Build<'_>) -> Result<Vec<Entry>>;

    /// Checks the chain (and, with `full`, everything else).
    fn verify(&mut self, options: &VerifyOptions<'_>) -> Result<VerifyReport>;

    /// Writes the ledger's complete lines, byte for byte as the JSONL file
    /// backend keeps them, to `out` (`isnad export`); returns the number of
    /// entries. The result verifies with the file backend's `verify`.
    fn export(&mut self, out: &mut dyn std::io::Write) -> Result<u64>;

    /// Loads a JSONL ledger (its bytes) into this backend, which must hold
    /// no ledger yet (`isnad import`). The bytes are verified first (chain
    /// and entry formats; a torn tail or any problem refuses the import) and
    /// are stored unchanged, so the chain and its head stay the same.
    /// Returns the number of entries.
    fn import(&mut self, bytes: &[u8]) -> Result<u64>;

    /// Moves a torn tail to a side file so that the ledger ends at its last
    /// complete entry. `None` when there was nothing to repair.
    fn repair(&mut self) -> Result<Option<Repaired>>;

    // The queries of `list`, `show`, `report` and `speakers`. The defaults
    // answer from the loaded [`Index`]; the PostgreSQL backend runs them in
    // the database, the file backend streams `query_claims`.

    /// Calls `each` with every claim that matches `query`, in ledger order,
    /// with its reviews and withdrawals; returns how many.
    fn query_claims(
        &mut self,
        query: &ClaimQuery,
        each: &mut Each<'_, ClaimRecord>,
    ) -> Result<u64> {
        self.load()?.query(query, each)
    }

    /// Finds a document by id, unique id prefix, URL or recorded path, with
    /// an optional `@N` version (see [`Index::resolve_document`]).
    fn resolve_document(&mut self, reference: &str) -> Result<(String, Option<u32>)> {
        self.load()?.resolve_document(reference)
    }

    /// The shortest unambiguous prefix of a document id (see [`Index::short_doc_id`]).
    fn short_doc_id(&mut self, doc: &str) -> Result<String> {
        Ok(self.load()?.short_doc_id(doc))
    }

    /// Every version of a document, oldest first, with withdrawals.
    fn document_versions(&mut self, doc: &str) -> Result<Vec<DocumentRecord>> {
        Ok(self.load()?.document_records(doc))
    }

    /// The claim with this id, or the only claim whose id starts with it,
    /// with its reviews and withdrawals.
    fn resolve_claim(&mut self, reference: &str) -> Result<ClaimRecord> {
        let index = self.load()?;
        let claim = index.resolve_claim(reference)?;
        Ok(index.claim_record(claim))
    }
}

/// Checks that `bytes` are a whole, valid ledger before an import: every
/// line chains and reads as an entry, no torn tail. Returns the entry count.
pub(crate) fn check_import(bytes: &[u8]) -> Result<u64> {
    let report = crate::verify::verify_bytes(bytes, &VerifyOptions::default());
    if let Some(p) = report.problem.as_ref().or(report.torn.as_ref()) {
        return Err(LedgerError::Invalid(format!(
            "refusing to import: line {}: {} ({}); nothing was imported",
            p.line,
            p.message,
            p.kind.as_str()
        )));
    }
    if report.entries == 0 {
        return Err(LedgerError::Invalid(
            "refusing to import: the file holds no entries".into(),
        ));
    }
    Ok(report.entries)
}
