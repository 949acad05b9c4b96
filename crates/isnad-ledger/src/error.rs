use std::path::PathBuf;

use isnad_model::LEDGER_SCHEMA_VERSION;

/// Everything that can go wrong with a ledger. Each variant says what, where
/// (path and line when known) and, where there is one, what to do.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// An operating-system error while reading, writing, locking or syncing.
    #[error("{path}: cannot {action}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// What isnad was doing (`open`, `append to`, `lock` ...).
        action: &'static str,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// `init` (or `import`) on a path that already exists, or a database
    /// that already holds a ledger.
    #[error("{path}: a file or ledger already exists here; refusing to overwrite it")]
    Exists {
        /// The existing file.
        path: PathBuf,
    },
    /// A command that needs a ledger found none.
    #[error(
        "{path}: no ledger here; create one with `isnad init` (or point --ledger / ISNAD_LEDGER at one)"
    )]
    NotFound {
        /// Where the ledger was looked for.
        path: PathBuf,
    },
    /// A line that is not a readable entry.
    #[error("{path}:{line}: {message}")]
    Corrupt {
        /// The ledger.
        path: PathBuf,
        /// Line number, from 1.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// An entry written by a later, incompatible isnad.
    #[error(
        "{path}:{line}: entry format {found} is newer than this isnad reads ({LEDGER_SCHEMA_VERSION}); upgrade isnad"
    )]
    FutureVersion {
        /// The ledger.
        path: PathBuf,
        /// Line number, from 1.
        line: u64,
        /// The `schema_version` found.
        found: String,
    },
    /// The ledger ends in an incomplete line (a write that was interrupted).
    #[error(
        "{path}:{line}: torn tail: the last {bytes} bytes are an incomplete entry (an interrupted write); run `isnad verify --repair` to move them to a side file"
    )]
    TornTail {
        /// The ledger.
        path: PathBuf,
        /// Line number of the incomplete line.
        line: u64,
        /// Its length in bytes.
        bytes: u64,
    },
    /// Refusing to append to a ledger whose chain does not verify.
    #[error(
        "{path}:{line}: the ledger fails verification ({message}); run `isnad verify` before appending"
    )]
    Broken {
        /// The ledger.
        path: PathBuf,
        /// First bad line, from 1.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// No document matches what was asked for.
    #[error(
        "no document in the ledger matches `{0}` (give its id, a unique id prefix, its URL or its path)"
    )]
    UnknownDocument(String),
    /// A document reference that matches several documents.
    #[error("`{reference}` matches several documents: {candidates}; give more of the id")]
    AmbiguousDocument {
        /// What was asked for.
        reference: String,
        /// Short ids of the matches.
        candidates: String,
    },
    /// No claim matches what was asked for.
    #[error("no claim in the ledger has the id `{0}`")]
    UnknownClaim(String),
    /// A claim id prefix that matches several claims.
    #[error("`{reference}` matches several claims: {candidates}; give more of the id")]
    AmbiguousClaim {
        /// What was asked for.
        reference: String,
        /// The matching ids.
        candidates: String,
    },
    /// `add`: the quote is not in the document's text.
    #[error(
        "the quote is not in document {doc} version {version}: the closest passage (similarity {similarity:.2}) reads «{closest}»; check the quote, or log it anyway with --unverified"
    )]
    QuoteNotFound {
        /// Short document id.
        doc: String,
        /// Document version searched.
        version: u32,
        /// The passage around the closest match (empty when there is none).
        closest: String,
        /// Similarity of the closest match, from 0 to 1.
        similarity: f64,
    },
    /// A request that cannot be carried out as given.
    #[error("{0}")]
    Invalid(String),
    /// The database refused, dropped or failed a request (PostgreSQL
    /// backend). Nothing was written: every append is one transaction.
    #[error("{location}: cannot {action}: {message}")]
    Database {
        /// The database URL, without its password.
        location: String,
        /// What isnad was doing (`connect to`, `append to` ...).
        action: &'static str,
        /// The database's message (with its SQLSTATE code when it gave one).
        message: String,
    },
    /// An entry could not be serialized (a bug, reported rather than panicked).
    #[error("cannot serialize an entry: {0}")]
    Serialize(#[from] serde_json::Error),
}

/// Shorthand for results of this crate.
pub type Result<T, E = LedgerError> = std::result::Result<T, E>;

pub(crate) fn io(
    path: &std::path::Path,
    action: &'static str,
) -> impl FnOnce(std::io::Error) -> LedgerError {
    let path = path.to_path_buf();
    move |source| LedgerError::Io {
        path,
        action,
        source,
    }
}
