//! The PostgreSQL backend: a team's shared ledger (`postgres://` URLs).
//!
//! The same guarantees as the JSONL file, kept by the database:
//!
//! - **Same bytes, same chain.** Each entry is stored as its canonical line
//!   (the exact bytes the file backend writes, in a `text` column: `jsonb`
//!   would reorder keys and change the hash) beside its `seq`, `hash` and
//!   `prev`, so [`LedgerStore::export`] gives a JSONL file that the file
//!   backend verifies, and [`LedgerStore::import`] keeps a file's chain.
//!   The derived columns (document, claim id, speaker key, attribution,
//!   certainty, recorded time, review/correction target) are indexed for
//!   queries; they are copies, and the line is what is hashed and verified.
//! - **A linear chain under concurrency.** An append is one transaction:
//!   it takes a transaction-scoped advisory lock (one per database), reads
//!   what other clients appended since, builds its entries on that head,
//!   inserts them and commits. A trigger on insert checks in the database
//!   that every new row links to the row before it (`seq` - 1 holds `prev`;
//!   entry 1 starts from genesis), so even a client that skips the lock
//!   cannot fork the chain: `seq` is the primary key and `hash` is unique.
//!   A statement trigger moves the one-row head table to the last entry;
//!   `verify` checks that it agrees (rows cut from the end are caught).
//! - **Nothing half-written.** A refused or dropped connection aborts the
//!   transaction: either the whole batch is committed or none of it.
//! - **Append-only in the database.** Triggers refuse `UPDATE`, `DELETE`
//!   and `TRUNCATE` on the entries (and deleting the head); a writer role
//!   needs only `SELECT`, `INSERT` (README, "Team setup (PostgreSQL)"). A
//!   superuser can still disable a trigger and rewrite a row: `verify`
//!   then names the entry, as it does for an edited file.
//! - **Versioned schema.** `init` creates and migrates the tables
//!   (`isnad_schema_migrations` records the versions applied); other
//!   commands refuse a database whose schema is older or newer than this
//!   isnad's, with what to do.
//!
//! - **TLS** as libpq's `sslmode` in the URL says (`disable`, `prefer` by
//!   default, `require`, `verify-ca` and `verify-full` with `sslrootcert`),
//!   through OpenSSL (`tls.rs`).
//! - **Queries in the database.** `list`, `show`, `report` and `speakers`
//!   ask for the claims they show (`sql_query.rs`): SQL over the derived
//!   columns, each filter backed by a partial index; the rows stream in
//!   ledger order with their reviews and withdrawals.

use std::borrow::Cow;
use std::io::Write;

use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, NoTls};

use crate::chain;
use crate::entry::{Entry, EntryProblem};
use crate::error::{LedgerError, Result};
use crate::file::{chain_entries, chain_problem};
use crate::index::Index;
use crate::query::{self, ClaimQuery, ClaimRecord, DocumentRecord, Each};
use crate::store::{Build, LedgerStore, Repaired, TornTail, check_import};
use crate::verify::{self, VerifyOptions, VerifyReport};

mod sql_query;
mod tls;

/// The schema version this isnad writes and reads.
pub const SCHEMA_VERSION: i32 = 2;

/// Key of the advisory lock that serializes appends (and migrations).
const APPEND_LOCK: i64 = 0x6973_6e61_6401; // "isnad" 1
const MIGRATE_LOCK: i64 = 0x6973_6e61_6402;

/// Rows per insert statement when importing.
const IMPORT_CHUNK: usize = 2000;

/// The migrations, in order: (version, description, SQL). `GENESIS` in the
/// SQL is replaced by the chain's genesis value.
const MIGRATIONS: &[(i32, &str, &str)] = &[
    (
        1,
        "entries, head, indexes, append-only and chain triggers",
        r#"
CREATE TABLE isnad_entries (
    seq         bigint PRIMARY KEY CHECK (seq > 0),
    hash        text NOT NULL UNIQUE,
    prev        text NOT NULL,
    kind        text NOT NULL,
    line        text NOT NULL,
    author      text NOT NULL,
    recorded_at timestamptz,
    doc         text,
    claim_id    text,
    speaker     text,
    speaker_key text,
    attribution text,
    certainty   text,
    target      text
);
CREATE INDEX isnad_entries_kind ON isnad_entries (kind, seq);
CREATE INDEX isnad_entries_doc ON isnad_entries (doc, seq);
CREATE INDEX isnad_entries_claim_id ON isnad_entries (claim_id);
CREATE INDEX isnad_entries_speaker_key ON isnad_entries (speaker_key);
CREATE INDEX isnad_entries_attribution ON isnad_entries (attribution);
CREATE INDEX isnad_entries_certainty ON isnad_entries (certainty);
CREATE INDEX isnad_entries_recorded_at ON isnad_entries (recorded_at);
CREATE INDEX isnad_entries_target ON isnad_entries (target);

CREATE TABLE isnad_head (
    one  boolean PRIMARY KEY DEFAULT true CHECK (one),
    seq  bigint NOT NULL,
    hash text NOT NULL
);

CREATE FUNCTION isnad_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'isnad ledger entries are append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER isnad_entries_no_update BEFORE UPDATE OR DELETE ON isnad_entries
    FOR EACH ROW EXECUTE FUNCTION isnad_refuse_change();
CREATE TRIGGER isnad_entries_no_truncate BEFORE TRUNCATE ON isnad_entries
    FOR EACH STATEMENT EXECUTE FUNCTION isnad_refuse_change();
CREATE TRIGGER isnad_head_no_delete BEFORE DELETE ON isnad_head
    FOR EACH ROW EXECUTE FUNCTION isnad_refuse_change();
CREATE TRIGGER isnad_head_no_truncate BEFORE TRUNCATE ON isnad_head
    FOR EACH STATEMENT EXECUTE FUNCTION isnad_refuse_change();

-- Every new entry must link to the entry before it (looked up by primary
-- key, so a large batch stays linear in time) or start the chain; with
-- `seq` unique, the chain cannot fork even for SQL that skips isnad's lock.
CREATE FUNCTION isnad_chain_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.seq = 1 THEN
        IF NEW.prev <> 'GENESIS' THEN
            RAISE EXCEPTION 'isnad: entry 1 does not start the chain'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    ELSIF NOT EXISTS (SELECT 1 FROM isnad_entries WHERE seq = NEW.seq - 1 AND hash = NEW.prev) THEN
        RAISE EXCEPTION 'isnad: entry % does not chain on entry %', NEW.seq, NEW.seq - 1
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER isnad_entries_chain BEFORE INSERT ON isnad_entries
    FOR EACH ROW EXECUTE FUNCTION isnad_chain_insert();

-- The head row follows the last entry, once per statement. Runs as the
-- owner, so a writer role needs no UPDATE right on the head.
CREATE FUNCTION isnad_move_head() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO isnad_head (one, seq, hash)
        SELECT true, seq, hash FROM isnad_entries ORDER BY seq DESC LIMIT 1
        ON CONFLICT (one) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash
        WHERE isnad_head.seq < EXCLUDED.seq;
    RETURN NULL;
END $$;

CREATE TRIGGER isnad_entries_head AFTER INSERT ON isnad_entries
    FOR EACH STATEMENT EXECUTE FUNCTION isnad_move_head();
"#,
    ),
    (
        2,
        "derived columns and indexes for the queries of list, show, report and speakers",
        r#"
ALTER TABLE isnad_entries
    ADD COLUMN doc_version integer,
    ADD COLUMN origin      text,
    ADD COLUMN action      text,
    ADD COLUMN doc_key     text,
    ADD COLUMN source      text;

-- Fill the new copies of rows written before this version from their
-- lines (the append-only trigger is lifted for this one statement, inside
-- the migration's transaction).
ALTER TABLE isnad_entries DISABLE TRIGGER isnad_entries_no_update;
UPDATE isnad_entries SET
    doc_version = CASE kind WHEN 'document' THEN (line::jsonb ->> 'version')::integer
                            WHEN 'claim' THEN (line::jsonb ->> 'doc_version')::integer END,
    origin  = CASE WHEN kind = 'claim' THEN line::jsonb ->> 'origin' END,
    action  = CASE WHEN kind = 'correction' THEN line::jsonb ->> 'action' END,
    doc_key = CASE WHEN kind = 'document' THEN line::jsonb ->> 'key' END,
    source  = CASE WHEN kind = 'document' THEN line::jsonb ->> 'source' END
WHERE kind IN ('document', 'claim', 'correction');
ALTER TABLE isnad_entries ENABLE TRIGGER isnad_entries_no_update;

-- Claims by their filters, in ledger order.
CREATE INDEX isnad_claims_doc ON isnad_entries (doc, doc_version, seq) WHERE kind = 'claim';
CREATE INDEX isnad_claims_speaker_key ON isnad_entries (speaker_key, seq) WHERE kind = 'claim';
CREATE INDEX isnad_claims_attribution ON isnad_entries (attribution, seq) WHERE kind = 'claim';
CREATE INDEX isnad_claims_certainty ON isnad_entries (certainty, seq) WHERE kind = 'claim';
CREATE INDEX isnad_claims_recorded_at ON isnad_entries (recorded_at, seq) WHERE kind = 'claim';
CREATE INDEX isnad_claims_author ON isnad_entries (author, seq) WHERE kind = 'claim';
-- Ids and prefixes in byte order, whatever the database's collation.
CREATE INDEX isnad_claims_id ON isnad_entries ((claim_id COLLATE "C")) WHERE kind = 'claim';
CREATE INDEX isnad_documents_id ON isnad_entries ((doc COLLATE "C"), seq) WHERE kind = 'document';
CREATE INDEX isnad_documents_key ON isnad_entries (doc_key, seq) WHERE kind = 'document';
CREATE INDEX isnad_documents_source ON isnad_entries (source) WHERE kind = 'document';
-- The state of a claim: its reviews, and withdrawals of it or of them.
CREATE INDEX isnad_reviews_claim ON isnad_entries (target, seq) WHERE kind = 'review';
CREATE INDEX isnad_withdrawals ON isnad_entries (target) WHERE kind = 'correction' AND action = 'withdraw';
-- No ANALYZE here: statistics of a new, empty table would make the chain
-- trigger's cached plan scan the table for every row of a large import.
"#,
    ),
];

/// A ledger in a PostgreSQL database.
pub struct PostgresLedger {
    url: String,
    location: String,
    client: Option<Client>,
    index: Index,
    broken: Option<(u64, String)>,
    /// The schema version was found right once (it does not change under
    /// a running isnad: migrations take the same database).
    schema_ok: bool,
    /// Short document ids already looked up (cleared by appends).
    short_ids: std::collections::HashMap<String, String>,
}

impl std::fmt::Debug for PostgresLedger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresLedger")
            .field("location", &self.location)
            .field("entries", &self.index.len())
            .finish_non_exhaustive()
    }
}

/// The URL with its password masked, for messages.
pub fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return url.to_string();
    };
    let userinfo = &rest[..at];
    match userinfo.find(':') {
        Some(colon) => format!(
            "{}{}:***{}",
            &url[..scheme_end + 3],
            &userinfo[..colon],
            &rest[at..]
        ),
        None => url.to_string(),
    }
}

fn db_message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} (SQLSTATE {})", db.message(), db.code().code()),
        None => {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                message.push_str(": ");
                message.push_str(&s.to_string());
                source = s.source();
            }
            if e.is_closed() && !message.contains("closed") {
                message.push_str(" (the connection was closed)");
            }
            if message.contains("server does not support TLS") {
                message.push_str(
                    " (the URL's sslmode asks for TLS: turn ssl on in the server's settings, or use sslmode=prefer or disable on a trusted network)",
                );
            } else if message.contains("certificate verify failed") {
                message.push_str(
                    " (the server's certificate is not signed by the CA in sslrootcert, or, with verify-full, does not name this host)",
                );
            }
            message
        }
    }
}

/// The columns derived from an entry line: copies for the indexes, filled
/// at append time from the canonical line and checked against it by
/// `verify`.
#[derive(Debug, PartialEq)]
struct Row {
    seq: i64,
    hash: String,
    prev: String,
    kind: String,
    line: String,
    author: String,
    recorded_at: Option<String>,
    doc: Option<String>,
    claim_id: Option<String>,
    speaker: Option<String>,
    speaker_key: Option<String>,
    attribution: Option<String>,
    certainty: Option<String>,
    target: Option<String>,
    doc_version: Option<i32>,
    origin: Option<String>,
    action: Option<String>,
    doc_key: Option<String>,
    source: Option<String>,
}

/// The fields of a line that columns are derived from (the rest of the
/// line, e.g. a document's text, is skipped without being copied).
#[derive(serde::Deserialize)]
struct Fields<'a> {
    #[serde(borrow)]
    kind: Option<Cow<'a, str>>,
    seq: Option<u64>,
    #[serde(borrow)]
    hash: Option<Cow<'a, str>>,
    #[serde(borrow)]
    prev: Option<Cow<'a, str>>,
    #[serde(borrow)]
    author: Option<Cow<'a, str>>,
    #[serde(borrow)]
    recorded_at: Option<Cow<'a, str>>,
    #[serde(borrow)]
    doc: Option<Cow<'a, str>>,
    #[serde(borrow)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    speaker: Option<Cow<'a, str>>,
    #[serde(borrow)]
    speaker_key: Option<Cow<'a, str>>,
    #[serde(borrow)]
    attribution: Option<Cow<'a, str>>,
    #[serde(borrow)]
    certainty: Option<Cow<'a, str>>,
    #[serde(borrow)]
    claim: Option<Cow<'a, str>>,
    #[serde(borrow)]
    target: Option<Cow<'a, str>>,
    version: Option<u64>,
    doc_version: Option<u64>,
    #[serde(borrow)]
    origin: Option<Cow<'a, str>>,
    #[serde(borrow)]
    action: Option<Cow<'a, str>>,
    #[serde(borrow)]
    key: Option<Cow<'a, str>>,
    #[serde(borrow)]
    source: Option<Cow<'a, str>>,
}

/// The derived columns as `verify` reads them back (`seq`, `hash`, `prev`,
/// then the copies), each as text; `recorded_at` in microseconds since
/// the epoch. Same order as [`Row::columns`].
const DERIVED_SQL: &str = "seq::text, hash, prev, kind, author, \
    ((extract(epoch FROM recorded_at) * 1000000)::bigint)::text, doc, claim_id, speaker, \
    speaker_key, attribution, certainty, target, doc_version::text, origin, action, doc_key, source";

const DERIVED_NAMES: [&str; 18] = [
    "seq",
    "hash",
    "prev",
    "kind",
    "author",
    "recorded_at",
    "doc",
    "claim_id",
    "speaker",
    "speaker_key",
    "attribution",
    "certainty",
    "target",
    "doc_version",
    "origin",
    "action",
    "doc_key",
    "source",
];

impl Row {
    fn from_line(line: &[u8]) -> std::result::Result<Row, String> {
        Self::derive(line, true)
    }

    /// The row for `line`; with `keep_line` false the line itself is not
    /// copied into it (for checking the columns only).
    fn derive(line: &[u8], keep_line: bool) -> std::result::Result<Row, String> {
        let text = std::str::from_utf8(line).map_err(|e| format!("not UTF-8: {e}"))?;
        let f: Fields<'_> =
            serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
        let own = |v: Option<Cow<'_, str>>| v.map(Cow::into_owned);
        let kind = own(f.kind).ok_or("no `kind`")?;
        let seq = f
            .seq
            .and_then(|n| i64::try_from(n).ok())
            .ok_or("no `seq`")?;
        let recorded_at = own(f.recorded_at).filter(|t| query::parse_time(t).is_some());
        let version = |v: Option<u64>| v.and_then(|n| i32::try_from(n).ok());
        let (mut doc, mut claim_id, mut target, mut doc_version) = (None, None, None, None);
        let (mut origin, mut action, mut doc_key, mut source) = (None, None, None, None);
        match kind.as_str() {
            "document" => {
                doc = own(f.doc);
                doc_version = version(f.version);
                doc_key = own(f.key);
                source = own(f.source);
            }
            "claim" => {
                doc = own(f.doc);
                claim_id = own(f.id);
                doc_version = version(f.doc_version);
                origin = own(f.origin);
            }
            "review" => target = own(f.claim),
            "correction" => {
                target = own(f.target);
                action = own(f.action);
            }
            _ => {}
        }
        Ok(Row {
            seq,
            hash: own(f.hash).ok_or("no `hash`")?,
            prev: own(f.prev).ok_or("no `prev`")?,
            author: own(f.author).unwrap_or_default(),
            recorded_at,
            doc,
            claim_id,
            speaker: own(f.speaker),
            speaker_key: own(f.speaker_key),
            attribution: own(f.attribution),
            certainty: own(f.certainty),
            target,
            doc_version,
            origin,
            action,
            doc_key,
            source,
            kind,
            line: if keep_line {
                text.to_string()
            } else {
                String::new()
            },
        })
    }

    /// The derived columns as [`DERIVED_SQL`] reads them.
    fn columns(&self) -> [Option<String>; 18] {
        [
            Some(self.seq.to_string()),
            Some(self.hash.clone()),
            Some(self.prev.clone()),
            Some(self.kind.clone()),
            Some(self.author.clone()),
            self.recorded_at
                .as_deref()
                .and_then(query::parse_time)
                .map(|t| t.timestamp_micros().to_string()),
            self.doc.clone(),
            self.claim_id.clone(),
            self.speaker.clone(),
            self.speaker_key.clone(),
            self.attribution.clone(),
            self.certainty.clone(),
            self.target.clone(),
            self.doc_version.map(|v| v.to_string()),
            self.origin.clone(),
            self.action.clone(),
            self.doc_key.clone(),
            self.source.clone(),
        ]
    }
}

const INSERT: &str = "INSERT INTO isnad_entries \
    (seq, hash, prev, kind, line, author, recorded_at, doc, claim_id, speaker, speaker_key, attribution, certainty, target, \
    doc_version, origin, action, doc_key, source) \
    SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], \
    $7::text[]::timestamptz[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], \
    $15::integer[], $16::text[], $17::text[], $18::text[], $19::text[]) \
    ORDER BY 1";

fn insert_rows(
    tx: &mut postgres::Transaction<'_>,
    rows: &[Row],
) -> std::result::Result<u64, postgres::Error> {
    let col = |f: fn(&Row) -> Option<String>| rows.iter().map(f).collect::<Vec<_>>();
    let seqs: Vec<i64> = rows.iter().map(|r| r.seq).collect();
    let hashes: Vec<&str> = rows.iter().map(|r| r.hash.as_str()).collect();
    let prevs: Vec<&str> = rows.iter().map(|r| r.prev.as_str()).collect();
    let kinds: Vec<&str> = rows.iter().map(|r| r.kind.as_str()).collect();
    let lines: Vec<&str> = rows.iter().map(|r| r.line.as_str()).collect();
    let authors: Vec<&str> = rows.iter().map(|r| r.author.as_str()).collect();
    let recorded = col(|r| r.recorded_at.clone());
    let docs = col(|r| r.doc.clone());
    let claims = col(|r| r.claim_id.clone());
    let speakers = col(|r| r.speaker.clone());
    let keys = col(|r| r.speaker_key.clone());
    let attributions = col(|r| r.attribution.clone());
    let certainties = col(|r| r.certainty.clone());
    let targets = col(|r| r.target.clone());
    let versions: Vec<Option<i32>> = rows.iter().map(|r| r.doc_version).collect();
    let origins = col(|r| r.origin.clone());
    let actions = col(|r| r.action.clone());
    let doc_keys = col(|r| r.doc_key.clone());
    let sources = col(|r| r.source.clone());
    tx.execute(
        INSERT,
        &[
            &seqs,
            &hashes,
            &prevs,
            &kinds,
            &lines,
            &authors,
            &recorded,
            &docs,
            &claims,
            &speakers,
            &keys,
            &attributions,
            &certainties,
            &targets,
            &versions,
            &origins,
            &actions,
            &doc_keys,
            &sources,
        ],
    )
}

impl PostgresLedger {
    /// A ledger in the database at `url` (`postgres://user[:password]@host[:port]/db`
    /// or any libpq-style URL the `postgres` crate accepts). Nothing is
    /// connected until it is used.
    pub fn new(url: impl Into<String>) -> Self {
        let url = url.into();
        PostgresLedger {
            location: redact(&url),
            url,
            client: None,
            index: Index::new(),
            broken: None,
            schema_ok: false,
            short_ids: std::collections::HashMap::new(),
        }
    }

    fn err(&self, action: &'static str) -> impl Fn(postgres::Error) -> LedgerError + use<> {
        let location = self.location.clone();
        move |e| LedgerError::Database {
            location: location.clone(),
            action,
            message: db_message(&e),
        }
    }

    fn not_found(&self) -> LedgerError {
        LedgerError::NotFound {
            path: self.location.clone().into(),
        }
    }

    /// Connects (again, when the last connection was closed).
    fn client(&mut self) -> Result<&mut Client> {
        if self.client.as_ref().is_none_or(Client::is_closed) {
            self.client = None;
            let location = self.location.clone();
            let invalid = |m: String| LedgerError::Invalid(format!("{location}: {m}"));
            let choice = tls::choose(&self.url).map_err(invalid)?;
            let client = if choice.mode == "disable" {
                Client::connect(&choice.url, NoTls)
            } else {
                Client::connect(&choice.url, tls::connector(&choice).map_err(invalid)?)
            }
            .map_err(self.err("connect to"))?;
            self.client = Some(client);
        }
        self.client
            .as_mut()
            .ok_or_else(|| LedgerError::Invalid("no database connection".into()))
    }

    /// The server process id of this ledger's connection (for the
    /// dropped-connection test).
    #[doc(hidden)]
    pub fn backend_pid_for_tests(&mut self) -> Result<i32> {
        let err = self.err("query");
        let row = self
            .client()?
            .query_one("SELECT pg_backend_pid()", &[])
            .map_err(err)?;
        Ok(row.get(0))
    }

    /// The schema version of the database: `None` when isnad's tables are
    /// not there.
    fn schema_version(&mut self) -> Result<Option<i32>> {
        let err = self.err("read the schema version of");
        let client = self.client()?;
        let exists: bool = client
            .query_one(
                "SELECT to_regclass('isnad_schema_migrations') IS NOT NULL",
                &[],
            )
            .map_err(&err)?
            .get(0);
        if !exists {
            return Ok(None);
        }
        let row = client
            .query_one("SELECT max(version) FROM isnad_schema_migrations", &[])
            .map_err(&err)?;
        Ok(row.get::<_, Option<i32>>(0))
    }

    /// Refuses a database without isnad's tables, or with a schema of
    /// another version.
    fn check_schema(&mut self) -> Result<()> {
        if self.schema_ok {
            return self.client().map(|_| ());
        }
        match self.schema_version()? {
            None => Err(self.not_found()),
            Some(v) if v == SCHEMA_VERSION => {
                self.schema_ok = true;
                Ok(())
            }
            Some(v) if v > SCHEMA_VERSION => Err(LedgerError::Invalid(format!(
                "{}: the ledger schema is version {v}, newer than this isnad's ({SCHEMA_VERSION}); upgrade isnad",
                self.location
            ))),
            Some(v) => Err(LedgerError::Invalid(format!(
                "{}: the ledger schema is version {v}, older than this isnad's ({SCHEMA_VERSION}); run `isnad init --ledger URL` to migrate it",
                self.location
            ))),
        }
    }

    /// Creates isnad's tables, or brings them to [`SCHEMA_VERSION`]: each
    /// missing migration in one transaction, under an advisory lock so that
    /// two `init`s do not race. Returns the versions applied.
    pub fn migrate(&mut self) -> Result<Vec<i32>> {
        self.migrate_to(SCHEMA_VERSION)
    }

    /// Applies the migrations up to `target` only: for the test that
    /// migrates a database made by an older isnad.
    #[doc(hidden)]
    pub fn migrate_to(&mut self, target: i32) -> Result<Vec<i32>> {
        let err = self.err("migrate the schema of");
        let location = self.location.clone();
        let client = self.client()?;
        let encoding: String = client
            .query_one("SHOW server_encoding", &[])
            .map_err(&err)?
            .get(0);
        if encoding != "UTF8" {
            return Err(LedgerError::Invalid(format!(
                "{location}: the database encoding is {encoding}; isnad needs UTF8 (CREATE DATABASE ... ENCODING 'UTF8')"
            )));
        }
        let mut tx = client.transaction().map_err(&err)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATE_LOCK])
            .map_err(&err)?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS isnad_schema_migrations (
                version     integer PRIMARY KEY,
                description text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            )",
        )
        .map_err(&err)?;
        let current: Option<i32> = tx
            .query_one("SELECT max(version) FROM isnad_schema_migrations", &[])
            .map_err(&err)?
            .get(0);
        let current = current.unwrap_or(0);
        if current > SCHEMA_VERSION {
            return Err(LedgerError::Invalid(format!(
                "{location}: the ledger schema is version {current}, newer than this isnad's ({SCHEMA_VERSION}); upgrade isnad"
            )));
        }
        let mut applied = Vec::new();
        for (version, description, sql) in MIGRATIONS {
            if *version <= current || *version > target {
                continue;
            }
            tx.batch_execute(&sql.replace("GENESIS", chain::GENESIS))
                .map_err(&err)?;
            tx.execute(
                "INSERT INTO isnad_schema_migrations (version, description) VALUES ($1, $2)",
                &[version, description],
            )
            .map_err(&err)?;
            applied.push(*version);
        }
        tx.commit().map_err(&err)?;
        Ok(applied)
    }

    /// Reads the entries after those already indexed (all of them the
    /// first time) with `client`, in order, and indexes them.
    fn catch_up(
        client: &mut impl postgres::GenericClient,
        index: &mut Index,
        broken: &mut Option<(u64, String)>,
        location: &str,
        err: &dyn Fn(postgres::Error) -> LedgerError,
    ) -> Result<()> {
        let after = i64::try_from(index.len()).unwrap_or(i64::MAX);
        let rows = client
            .query(
                "SELECT seq, line FROM isnad_entries WHERE seq > $1 ORDER BY seq",
                &[&after],
            )
            .map_err(err)?;
        for row in rows {
            let line: &str = row.get(1);
            let n = index.len() + 1;
            let entry = Entry::from_line(line.as_bytes()).map_err(|p| match p {
                EntryProblem::FutureVersion(found) => LedgerError::FutureVersion {
                    path: location.into(),
                    line: n,
                    found,
                },
                EntryProblem::WrongSchema(message) => LedgerError::Corrupt {
                    path: location.into(),
                    line: n,
                    message,
                },
            })?;
            if broken.is_none() {
                *broken = chain_problem(index.head(), n, line.as_bytes(), &entry).map(|m| (n, m));
            }
            index.push(entry);
        }
        Ok(())
    }

    /// All lines in order, each followed by a newline, and the first row
    /// whose derived columns do not match its line.
    fn read_checked(&mut self) -> Result<(Vec<u8>, Option<verify::Problem>)> {
        self.check_schema()?;
        let err = self.err("read");
        let client = self.client()?;
        let params: [i64; 0] = [];
        let mut rows = client
            .query_raw(
                // By the column: the text copy of `seq` is also named `seq`.
                &format!("SELECT line, {DERIVED_SQL} FROM isnad_entries e ORDER BY e.seq"),
                params,
            )
            .map_err(&err)?;
        let mut bytes = Vec::new();
        let mut problem = None;
        let mut n = 0u64;
        while let Some(row) = rows.next().map_err(&err)? {
            n += 1;
            let line: &str = row.get(0);
            bytes.extend_from_slice(line.as_bytes());
            bytes.push(b'\n');
            if problem.is_some() {
                continue;
            }
            // A line that is not an entry is the chain check's to report.
            let Ok(expected) = Row::derive(line.as_bytes(), false) else {
                continue;
            };
            let expected = expected.columns();
            for (i, name) in DERIVED_NAMES.iter().enumerate() {
                let stored: Option<&str> = row.get(i + 1);
                if stored != expected[i].as_deref() {
                    problem = Some(verify::Problem {
                        line: n,
                        kind: verify::ProblemKind::Mismatch,
                        message: format!(
                            "the database column `{name}` of entry {n} holds {} but the entry says {} (changed behind isnad's back; queries would read the wrong value)",
                            shown(stored),
                            shown(expected[i].as_deref())
                        ),
                    });
                    break;
                }
            }
        }
        Ok((bytes, problem))
    }
}

impl LedgerStore for PostgresLedger {
    fn location(&self) -> String {
        self.location.clone()
    }

    fn init(&mut self, author: &str, created_by: &str) -> Result<Entry> {
        self.migrate()?;
        let err = self.err("initialize");
        let location = self.location.clone();
        let client = self.client()?;
        let mut tx = client.transaction().map_err(&err)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&APPEND_LOCK])
            .map_err(&err)?;
        let count: i64 = tx
            .query_one("SELECT count(*) FROM isnad_head", &[])
            .map_err(&err)?
            .get(0);
        if count > 0 {
            return Err(LedgerError::Exists {
                path: location.into(),
            });
        }
        let mut entries = vec![crate::ops::header(author, created_by)];
        let bytes = chain_entries(&mut entries, 1, chain::GENESIS)?;
        let rows = rows_of(&bytes, &location)?;
        insert_rows(&mut tx, &rows).map_err(&err)?;
        tx.commit().map_err(&err)?;
        self.index = Index::new();
        self.broken = None;
        self.load()?;
        entries
            .pop()
            .ok_or_else(|| LedgerError::Invalid("no header written".into()))
    }

    fn load(&mut self) -> Result<&Index> {
        self.check_schema()?;
        let err = self.err("read");
        let location = self.location.clone();
        let client = self
            .client
            .as_mut()
            .ok_or_else(|| LedgerError::Invalid("no database connection".into()))?;
        Self::catch_up(client, &mut self.index, &mut self.broken, &location, &err)?;
        Ok(&self.index)
    }

    fn torn(&self) -> Option<&TornTail> {
        // A transaction commits whole or not at all: no torn entries.
        None
    }

    fn broken(&self) -> Option<(u64, &str)> {
        self.broken.as_ref().map(|(n, m)| (*n, m.as_str()))
    }

    fn append(&mut self, build: &mut Build<'_>) -> Result<Vec<Entry>> {
        self.check_schema()?;
        let err = self.err("append to");
        let location = self.location.clone();
        let client = self
            .client
            .as_mut()
            .ok_or_else(|| LedgerError::Invalid("no database connection".into()))?;
        let mut tx = client.transaction().map_err(&err)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&APPEND_LOCK])
            .map_err(&err)?;
        // Entries are only ever appended, so what this client indexed is
        // still a prefix of the ledger: read what others appended since.
        let mut index = std::mem::take(&mut self.index);
        let mut broken = self.broken.take();
        let caught = Self::catch_up(&mut tx, &mut index, &mut broken, &location, &err);
        self.index = index;
        self.broken = broken;
        caught?;
        if let Some((line, message)) = &self.broken {
            return Err(LedgerError::Broken {
                path: location.into(),
                line: *line,
                message: message.clone(),
            });
        }
        let mut entries = build(&self.index)?;
        if entries.is_empty() {
            return Ok(entries);
        }
        let bytes = chain_entries(&mut entries, self.index.len() + 1, self.index.head())?;
        let rows = rows_of(&bytes, &location)?;
        insert_rows(&mut tx, &rows).map_err(&err)?;
        tx.commit().map_err(&err)?;
        self.short_ids.clear();
        for entry in &entries {
            self.index.push(entry.clone());
        }
        Ok(entries)
    }

    fn verify(&mut self, options: &VerifyOptions<'_>) -> Result<VerifyReport> {
        let (bytes, derived) = self.read_checked()?;
        let mut report = verify::verify_bytes(&bytes, options);
        // A column that disagrees with its line (an UPDATE behind isnad's
        // back to a copy, not to the line) misleads every query; a problem
        // of the line itself at the same entry is the one reported.
        if let Some(p) = derived
            && report.problem.as_ref().is_none_or(|q| p.line < q.line)
        {
            report.problem = Some(p);
        }
        // The head row moves with every insert and cannot be deleted: rows
        // removed from the end (by a superuser, triggers disabled) leave it
        // ahead of the entries.
        let err = self.err("read");
        let head = self
            .client()?
            .query_opt("SELECT seq, hash FROM isnad_head", &[])
            .map_err(err)?;
        let (seq, hash) = match &head {
            Some(row) => (
                u64::try_from(row.get::<_, i64>(0)).unwrap_or(0),
                row.get::<_, String>(1),
            ),
            None => (0, chain::GENESIS.to_string()),
        };
        if report.problem.is_none() && (seq != report.entries || hash != report.head) {
            report.problem = Some(verify::Problem {
                line: report.entries.min(seq) + 1,
                kind: verify::ProblemKind::Removed,
                message: format!(
                    "the database's head row names entry {seq} ({hash}) but the ledger holds {} entries ending in {}",
                    report.entries, report.head
                ),
            });
        }
        Ok(report)
    }

    fn export(&mut self, out: &mut dyn Write) -> Result<u64> {
        self.check_schema()?;
        let err = self.err("export");
        let client = self.client()?;
        let params: [i64; 0] = [];
        let mut rows = client
            .query_raw("SELECT line FROM isnad_entries ORDER BY seq", params)
            .map_err(&err)?;
        let mut count = 0u64;
        let mut buf = Vec::with_capacity(1 << 20);
        let write_err = |source| LedgerError::Io {
            path: "-".into(),
            action: "write the export to",
            source,
        };
        while let Some(row) = rows.next().map_err(&err)? {
            let line: &str = row.get(0);
            buf.extend_from_slice(line.as_bytes());
            buf.push(b'\n');
            count += 1;
            if buf.len() >= 1 << 20 {
                out.write_all(&buf).map_err(write_err)?;
                buf.clear();
            }
        }
        out.write_all(&buf).map_err(write_err)?;
        Ok(count)
    }

    fn import(&mut self, bytes: &[u8]) -> Result<u64> {
        let count = check_import(bytes)?;
        let location = self.location.clone();
        let rows = rows_of(bytes, &location)?;
        self.migrate()?;
        let err = self.err("import into");
        let client = self.client()?;
        let mut tx = client.transaction().map_err(&err)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&APPEND_LOCK])
            .map_err(&err)?;
        let existing: i64 = tx
            .query_one("SELECT count(*) FROM isnad_head", &[])
            .map_err(&err)?
            .get(0);
        if existing > 0 {
            return Err(LedgerError::Exists {
                path: location.into(),
            });
        }
        for chunk in rows.chunks(IMPORT_CHUNK) {
            insert_rows(&mut tx, chunk).map_err(&err)?;
        }
        tx.commit().map_err(&err)?;
        self.index = Index::new();
        self.broken = None;
        Ok(count)
    }

    fn query_claims(
        &mut self,
        query: &ClaimQuery,
        each: &mut Each<'_, ClaimRecord>,
    ) -> Result<u64> {
        self.sql_query_claims(query, each)
    }

    fn resolve_document(&mut self, reference: &str) -> Result<(String, Option<u32>)> {
        self.sql_resolve_document(reference)
    }

    fn short_doc_id(&mut self, doc: &str) -> Result<String> {
        self.sql_short_doc_id(doc)
    }

    fn document_versions(&mut self, doc: &str) -> Result<Vec<DocumentRecord>> {
        self.sql_document_versions(doc)
    }

    fn resolve_claim(&mut self, reference: &str) -> Result<ClaimRecord> {
        self.sql_resolve_claim(reference)
    }

    fn repair(&mut self) -> Result<Option<Repaired>> {
        // Nothing can be torn: make sure the ledger is there, then say so.
        self.check_schema()?;
        Ok(None)
    }
}

/// A column value for a message.
fn shown(value: Option<&str>) -> String {
    match value {
        Some(v) => format!("{:?}", v.chars().take(80).collect::<String>()),
        None => "NULL".into(),
    }
}

/// The rows for the complete lines of `bytes`.
fn rows_of(bytes: &[u8], location: &str) -> Result<Vec<Row>> {
    let (lines, _) = verify::split_lines(bytes);
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            Row::from_line(line).map_err(|message| LedgerError::Corrupt {
                path: location.into(),
                line: i as u64 + 1,
                message,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_masked() {
        assert_eq!(
            redact("postgres://ana:secret@db.example:5432/isnad"),
            "postgres://ana:***@db.example:5432/isnad"
        );
        assert_eq!(
            redact("postgres://ana@localhost/isnad"),
            "postgres://ana@localhost/isnad"
        );
        assert_eq!(
            redact("postgresql://localhost/isnad?user=a"),
            "postgresql://localhost/isnad?user=a"
        );
    }
}
