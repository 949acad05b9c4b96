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
//! Connections are plain TCP or Unix sockets (`NoTls`); for TLS to a remote
//! server, build the client with `postgres-native-tls` or `postgres-openssl`
//! instead of `NoTls` in [`PostgresLedger::connect`] (not needed on
//! loopback or a trusted network).

use std::io::Write;

use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, NoTls};
use serde_json::Value;

use crate::chain;
use crate::entry::{Entry, EntryProblem};
use crate::error::{LedgerError, Result};
use crate::file::{chain_entries, chain_problem};
use crate::index::Index;
use crate::store::{Build, LedgerStore, Repaired, TornTail, check_import};
use crate::verify::{self, VerifyOptions, VerifyReport};

/// The schema version this isnad writes and reads.
pub const SCHEMA_VERSION: i32 = 1;

/// Key of the advisory lock that serializes appends (and migrations).
const APPEND_LOCK: i64 = 0x6973_6e61_6401; // "isnad" 1
const MIGRATE_LOCK: i64 = 0x6973_6e61_6402;

/// Rows per insert statement when importing.
const IMPORT_CHUNK: usize = 2000;

/// The migrations, in order: (version, description, SQL). `GENESIS` in the
/// SQL is replaced by the chain's genesis value.
const MIGRATIONS: &[(i32, &str, &str)] = &[(
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
)];

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
            message
        }
    }
}

/// The columns derived from an entry line.
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
}

impl Row {
    fn from_line(line: &[u8]) -> std::result::Result<Row, String> {
        let text = std::str::from_utf8(line).map_err(|e| format!("not UTF-8: {e}"))?;
        let value: Value =
            serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
        let s = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
        let kind = s("kind").ok_or("no `kind`")?;
        let seq = value
            .get("seq")
            .and_then(Value::as_u64)
            .and_then(|n| i64::try_from(n).ok())
            .ok_or("no `seq`")?;
        let recorded_at =
            s("recorded_at").filter(|t| chrono::DateTime::parse_from_rfc3339(t).is_ok());
        let (doc, claim_id, target) = match kind.as_str() {
            "document" => (s("doc"), None, None),
            "claim" => (s("doc"), s("id"), None),
            "review" => (None, None, s("claim")),
            "correction" => (None, None, s("target")),
            _ => (None, None, None),
        };
        Ok(Row {
            seq,
            hash: s("hash").ok_or("no `hash`")?,
            prev: s("prev").ok_or("no `prev`")?,
            author: s("author").unwrap_or_default(),
            recorded_at,
            doc,
            claim_id,
            speaker: s("speaker"),
            speaker_key: s("speaker_key"),
            attribution: s("attribution"),
            certainty: s("certainty"),
            target,
            kind,
            line: text.to_string(),
        })
    }
}

const INSERT: &str = "INSERT INTO isnad_entries \
    (seq, hash, prev, kind, line, author, recorded_at, doc, claim_id, speaker, speaker_key, attribution, certainty, target) \
    SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], \
    $7::text[]::timestamptz[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[]) \
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
            let client = Client::connect(&self.url, NoTls).map_err(self.err("connect to"))?;
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
            if *version <= current {
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
                *broken = chain_problem(index, n, line.as_bytes(), &entry).map(|m| (n, m));
            }
            index.push(entry);
        }
        Ok(())
    }

    /// All lines in order, each followed by a newline.
    fn read_all(&mut self) -> Result<Vec<u8>> {
        self.check_schema()?;
        let err = self.err("read");
        let client = self.client()?;
        let params: [i64; 0] = [];
        let mut rows = client
            .query_raw("SELECT line FROM isnad_entries ORDER BY seq", params)
            .map_err(&err)?;
        let mut bytes = Vec::new();
        while let Some(row) = rows.next().map_err(&err)? {
            let line: &str = row.get(0);
            bytes.extend_from_slice(line.as_bytes());
            bytes.push(b'\n');
        }
        Ok(bytes)
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
        for entry in &entries {
            self.index.push(entry.clone());
        }
        Ok(entries)
    }

    fn verify(&mut self, options: &VerifyOptions<'_>) -> Result<VerifyReport> {
        let bytes = self.read_all()?;
        let mut report = verify::verify_bytes(&bytes, options);
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

    fn repair(&mut self) -> Result<Option<Repaired>> {
        // Nothing can be torn: make sure the ledger is there, then say so.
        self.check_schema()?;
        Ok(None)
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
