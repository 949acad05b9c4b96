//! The isnad claim ledger: an append-only, hash-chained, crash-safe log of
//! document snapshots, claims, reviews and corrections.
//!
//! This crate owns storage ([`LedgerStore`], with the JSON Lines file
//! backend [`FileLedger`] and, with the default `postgres` feature, the
//! PostgreSQL backend `PostgresLedger` for a team's shared ledger), the hash chain ([`chain`]), verification
//! ([`verify`]), document versions and ids, claim ids, and the queries that
//! `list`, `show`, `report` and `speakers` need ([`ClaimQuery`], answered by
//! each store: SQL on PostgreSQL, a streaming scan of a file, [`Index`] in
//! memory). The entry types themselves are part
//! of the data contract in `isnad-model`.
//!
//! **The ledger knows no extraction rules, no text normalization and no
//! terminal**: callers hand it an extraction to record and a quote locator
//! or fingerprint function to check with; it never prints.
//!
//! Guarantees of the file backend: one entry per line; a batch is appended
//! with one `write` and one sync under an exclusive OS file lock, so
//! concurrent writers never interleave, lose or duplicate entries; an
//! interrupted write leaves a torn last line that is reported (never
//! dropped silently) and that [`LedgerStore::repair`] moves to a side file;
//! a failed write (full disk, read-only file) is cut back so the ledger is
//! left as it was.
//!
//! ```
//! use isnad_ledger::{FileLedger, LedgerStore, VerifyOptions, ops};
//! use isnad_model::Rating;
//!
//! let dir = tempfile::tempdir().unwrap();
//! let mut ledger = FileLedger::new(dir.path().join("isnad.ledger.jsonl"));
//! ledger.init("ana", "isnad 0.1.0").unwrap();
//! assert!(ledger.init("ana", "isnad 0.1.0").is_err()); // never overwrites
//!
//! // Entries are appended under the lock; here a withdrawal of the header.
//! let written = ledger
//!     .append(&mut |index| {
//!         let head = index.head().to_string();
//!         Ok(vec![ops::plan_correction(index, &head, isnad_model::CorrectionAction::Correct, "typo", "ana")?])
//!     })
//!     .unwrap();
//! assert_eq!(written[0].seq(), 2);
//!
//! let report = ledger.verify(&VerifyOptions { full: true, ..Default::default() }).unwrap();
//! assert!(report.is_ok());
//! assert_eq!(report.entries, 2);
//! assert_eq!(report.head, written[0].hash());
//! # let _ = Rating::True;
//! ```
#![deny(missing_docs)]

pub mod chain;
mod entry;
mod error;
mod file;
mod index;
pub mod ops;
#[cfg(feature = "postgres")]
pub mod postgres;
mod query;
mod scan;
mod store;
pub mod verify;

pub use chain::GENESIS;
pub use entry::{Entry, EntryProblem, Envelope};
pub use error::{LedgerError, Result};
pub use file::FileLedger;
pub use index::{ClaimFilter, Index, SHORT_ID_MIN, normalize_path};
#[cfg(feature = "postgres")]
pub use postgres::PostgresLedger;
pub use query::{ClaimQuery, ClaimRecord, DocumentRecord, Each, ReviewRecord};
pub use store::{Build, LedgerStore, Repaired, TornTail};
pub use verify::{Problem, ProblemKind, VerifyOptions, VerifyReport};

/// The default ledger path, relative to the working directory.
pub const DEFAULT_LEDGER: &str = "isnad.ledger.jsonl";

/// Whether `location` names a PostgreSQL ledger (`postgres://` or
/// `postgresql://`) rather than a file.
pub fn is_database_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// Opens the ledger at `location`: a `postgres://` or `postgresql://` URL
/// opens the PostgreSQL backend ([`PostgresLedger`]; nothing is connected
/// until it is used), anything else is a file path ([`FileLedger`]).
pub fn open(location: &str) -> Result<Box<dyn LedgerStore>> {
    if is_database_url(location) {
        #[cfg(feature = "postgres")]
        return Ok(Box::new(PostgresLedger::new(location)));
        #[cfg(not(feature = "postgres"))]
        return Err(LedgerError::Invalid(
            "this isnad was built without PostgreSQL support (cargo feature `postgres`); use a file path".into(),
        ));
    }
    Ok(Box::new(FileLedger::new(location)))
}
