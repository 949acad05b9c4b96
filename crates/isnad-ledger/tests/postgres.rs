//! The PostgreSQL backend against a real server: the URL of a superuser
//! connection comes from `ISNAD_TEST_POSTGRES` (`.ci/postgres.sh start`
//! starts a throwaway cluster and prints it). Each test creates its own
//! database. Without a server the tests print a notice and skip, but they
//! fail when `CI=true`.
#![cfg(feature = "postgres")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Instant;

use isnad_ledger::{
    Entry, FileLedger, LedgerError, LedgerStore, PostgresLedger, ProblemKind, VerifyOptions, ops,
};
use postgres::{Client, NoTls};

/// A fresh database on the test server; dropped at the end.
struct TestDb {
    admin_url: String,
    name: String,
    url: String,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut admin) = Client::connect(&self.admin_url, NoTls) {
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

impl TestDb {
    fn superuser(&self) -> Client {
        Client::connect(&self.url, NoTls).unwrap()
    }
}

fn require(test: &str) -> Option<TestDb> {
    static N: AtomicU32 = AtomicU32::new(0);
    let Some(admin_url) = std::env::var("ISNAD_TEST_POSTGRES")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "{test}: ISNAD_TEST_POSTGRES is not set; CI must start PostgreSQL (.ci/postgres.sh)"
            );
        }
        eprintln!(
            "notice: skipping {test}: no PostgreSQL (set ISNAD_TEST_POSTGRES, e.g. from `.ci/postgres.sh start`)"
        );
        return None;
    };
    let name = format!(
        "isnad_t_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    );
    let mut admin = Client::connect(&admin_url, NoTls)
        .unwrap_or_else(|e| panic!("{test}: cannot connect to ISNAD_TEST_POSTGRES: {e}"));
    admin
        .batch_execute(&format!(
            "CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0"
        ))
        .unwrap();
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b.to_string())
        .unwrap();
    let url = format!("{base}/{name}");
    Some(TestDb {
        admin_url,
        name,
        url,
    })
}

fn note(who: &str) -> Vec<Entry> {
    vec![ops::header(who, "test")]
}

fn full() -> VerifyOptions<'static> {
    VerifyOptions {
        full: true,
        ..Default::default()
    }
}

#[test]
fn init_append_verify_export_import() {
    let Some(db) = require("init_append_verify_export_import") else {
        return;
    };
    let mut ledger = PostgresLedger::new(&db.url);
    // Not there yet: named, with what to do.
    assert!(matches!(ledger.load(), Err(LedgerError::NotFound { .. })));
    ledger.init("ana", "isnad test").unwrap();
    assert!(matches!(
        ledger.init("ana", "isnad test"),
        Err(LedgerError::Exists { .. })
    ));
    let written = ledger
        .append(&mut |index| {
            let head = index.head().to_string();
            Ok(vec![
                ops::plan_correction(
                    index,
                    &head,
                    isnad_model::CorrectionAction::Correct,
                    "typo",
                    "ana",
                )?,
                ops::header("b", "t"),
            ])
        })
        .unwrap();
    assert_eq!(written[1].seq(), 3);
    // Another client sees them, in order.
    let mut other = PostgresLedger::new(&db.url);
    assert_eq!(other.load().unwrap().len(), 3);
    assert_eq!(other.load().unwrap().head(), written[1].hash());
    let report = other.verify(&full()).unwrap();
    assert!(report.is_ok(), "{:?}", report.problem);
    assert_eq!(report.entries, 3);
    assert_eq!(report.head, written[1].hash());
    assert!(other.repair().unwrap().is_none());

    // Export: the same bytes verify with the file backend.
    let mut out = Vec::new();
    assert_eq!(other.export(&mut out).unwrap(), 3);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("exported.jsonl");
    std::fs::write(&path, &out).unwrap();
    let mut file = FileLedger::new(&path);
    let file_report = file.verify(&full()).unwrap();
    assert!(file_report.is_ok(), "{:?}", file_report.problem);
    assert_eq!(file_report.head, report.head);
    // A file ledger exports the same bytes.
    let mut again = Vec::new();
    file.export(&mut again).unwrap();
    assert_eq!(again, out);

    // Import into another empty database keeps the chain; a second import
    // into the same database is refused.
    let Some(db2) = require("init_append_verify_export_import") else {
        return;
    };
    let mut imported = PostgresLedger::new(&db2.url);
    assert_eq!(imported.import(&out).unwrap(), 3);
    assert!(imported.import(&out).is_err());
    let mut exported2 = Vec::new();
    imported.export(&mut exported2).unwrap();
    assert_eq!(exported2, out);
    // And appending goes on from the imported head.
    let more = imported.append(&mut |_| Ok(note("c"))).unwrap();
    assert_eq!(more[0].seq(), 4);
    assert!(imported.verify(&full()).unwrap().is_ok());

    // A file that does not verify is refused before anything is written.
    let Some(db3) = require("init_append_verify_export_import") else {
        return;
    };
    let mut bad = out.clone();
    let pos = bad.iter().position(|&b| b == b'"').unwrap();
    bad[pos + 1] ^= 1;
    let err = PostgresLedger::new(&db3.url).import(&bad).unwrap_err();
    assert!(err.to_string().contains("refusing to import"), "{err}");
    let mut check = db3.superuser();
    let none: bool = check
        .query_one("SELECT to_regclass('isnad_entries') IS NULL", &[])
        .unwrap()
        .get(0);
    assert!(none, "a refused import created tables");
}

/// 8 clients (threads, one connection each) × 200 appends by default;
/// `ISNAD_PG_CLIENTS` / `ISNAD_PG_EACH` raise it (the 16 × 1,000).
#[test]
fn concurrent_clients_lose_and_duplicate_nothing() {
    let Some(db) = require("concurrent_clients_lose_and_duplicate_nothing") else {
        return;
    };
    let clients: usize = std::env::var("ISNAD_PG_CLIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8);
    let each: usize = std::env::var("ISNAD_PG_EACH")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    PostgresLedger::new(&db.url).init("t", "t").unwrap();
    let started = Instant::now();
    std::thread::scope(|s| {
        for c in 0..clients {
            let url = db.url.clone();
            s.spawn(move || {
                let mut ledger = PostgresLedger::new(url);
                for i in 0..each {
                    ledger
                        .append(&mut |_| Ok(note(&format!("c{c}-{i}"))))
                        .unwrap();
                }
            });
        }
    });
    let elapsed = started.elapsed();
    let total = clients * each;
    eprintln!(
        "figure: postgres: {clients} clients x {each} appends: {total} in {:.2}s = {:.0} appends/s",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64()
    );
    let mut ledger = PostgresLedger::new(&db.url);
    let index = ledger.load().unwrap();
    assert_eq!(index.len() as usize, total + 1);
    let mut seen = HashSet::new();
    for e in &index.entries()[1..] {
        let Entry::Header(h) = e else {
            panic!("unexpected entry")
        };
        assert!(seen.insert(h.author.clone()), "{} twice", h.author);
    }
    assert_eq!(seen.len(), total);
    let started = Instant::now();
    let report = ledger.verify(&VerifyOptions::default()).unwrap();
    let secs = started.elapsed().as_secs_f64();
    assert!(report.is_ok(), "{:?}", report.problem);
    eprintln!(
        "figure: postgres: verify (read + chain) of {} entries, {} bytes: {:.1} MB/s, {:.0} entries/s",
        report.entries,
        report.bytes,
        report.bytes as f64 / 1e6 / secs,
        report.entries as f64 / secs
    );
    let started = Instant::now();
    let mut out = Vec::new();
    ledger.export(&mut out).unwrap();
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "figure: postgres: export of {} bytes: {:.1} MB/s",
        out.len(),
        out.len() as f64 / 1e6 / secs
    );
}

#[test]
fn the_database_refuses_update_delete_truncate() {
    let Some(db) = require("the_database_refuses_update_delete_truncate") else {
        return;
    };
    let mut ledger = PostgresLedger::new(&db.url);
    ledger.init("t", "t").unwrap();
    ledger.append(&mut |_| Ok(note("x"))).unwrap();
    let mut sql = db.superuser();
    for statement in [
        "UPDATE isnad_entries SET author = 'mallory' WHERE seq = 2",
        "DELETE FROM isnad_entries WHERE seq = 2",
        "TRUNCATE isnad_entries",
        "DELETE FROM isnad_head",
    ] {
        let err = sql.batch_execute(statement).unwrap_err();
        let db_err = err.as_db_error().unwrap();
        assert!(
            db_err.message().contains("append-only"),
            "{statement}: {db_err}"
        );
    }
    // A row that does not chain on the head is refused too (a writer that
    // skips isnad's lock cannot fork the chain).
    let err = sql
        .batch_execute(
            "INSERT INTO isnad_entries (seq, hash, prev, kind, line, author) \
             VALUES (3, 'sha256:x', 'sha256:not-the-previous-entry', 'header', '{}', 'm')",
        )
        .unwrap_err();
    let message = err.as_db_error().unwrap().message().to_string();
    assert!(message.contains("does not chain"), "{message}");
    assert!(ledger.verify(&full()).unwrap().is_ok());
    assert_eq!(PostgresLedger::new(&db.url).load().unwrap().len(), 2);
}

#[test]
fn a_row_rewritten_by_a_superuser_is_caught_by_verify() {
    let Some(db) = require("a_row_rewritten_by_a_superuser_is_caught_by_verify") else {
        return;
    };
    let mut ledger = PostgresLedger::new(&db.url);
    ledger.init("t", "t").unwrap();
    for i in 0..4 {
        ledger.append(&mut |_| Ok(note(&format!("w{i}")))).unwrap();
    }
    let mut sql = db.superuser();
    sql.batch_execute(
        "ALTER TABLE isnad_entries DISABLE TRIGGER isnad_entries_no_update;
         UPDATE isnad_entries SET line = replace(line, '\"w2\"', '\"w9\"') WHERE seq = 4;
         ALTER TABLE isnad_entries ENABLE TRIGGER isnad_entries_no_update;",
    )
    .unwrap();
    let report = PostgresLedger::new(&db.url)
        .verify(&VerifyOptions::default())
        .unwrap();
    let problem = report.problem.expect("tampering not detected");
    assert_eq!(problem.line, 4, "{problem:?}");
    assert_eq!(problem.kind, ProblemKind::Changed, "{problem:?}");
    // And appending to it is refused.
    let err = PostgresLedger::new(&db.url)
        .append(&mut |_| Ok(note("after")))
        .unwrap_err();
    assert!(matches!(err, LedgerError::Broken { line: 4, .. }), "{err}");

    // A deleted row is caught as well.
    sql.batch_execute(
        "ALTER TABLE isnad_entries DISABLE TRIGGER isnad_entries_no_update;
         DELETE FROM isnad_entries WHERE seq = 2;",
    )
    .unwrap();
    let report = PostgresLedger::new(&db.url)
        .verify(&VerifyOptions::default())
        .unwrap();
    assert_eq!(report.problem.map(|p| p.line), Some(2));
}

#[test]
fn entries_removed_from_the_end_are_caught_by_the_head_row() {
    let Some(db) = require("entries_removed_from_the_end_are_caught_by_the_head_row") else {
        return;
    };
    let mut ledger = PostgresLedger::new(&db.url);
    ledger.init("t", "t").unwrap();
    for i in 0..3 {
        ledger.append(&mut |_| Ok(note(&format!("w{i}")))).unwrap();
    }
    db.superuser()
        .batch_execute(
            "ALTER TABLE isnad_entries DISABLE TRIGGER isnad_entries_no_update;
             DELETE FROM isnad_entries WHERE seq = 4;",
        )
        .unwrap();
    let problem = PostgresLedger::new(&db.url)
        .verify(&VerifyOptions::default())
        .unwrap()
        .problem
        .expect("a removed last entry was not detected");
    assert_eq!(problem.line, 4, "{problem:?}");
    assert_eq!(problem.kind, ProblemKind::Removed, "{problem:?}");
}

#[test]
fn a_dropped_connection_leaves_no_half_written_entry() {
    let Some(db) = require("a_dropped_connection_leaves_no_half_written_entry") else {
        return;
    };
    let mut ledger = PostgresLedger::new(&db.url);
    ledger.init("t", "t").unwrap();
    ledger.append(&mut |_| Ok(note("before"))).unwrap();
    let pid = ledger.backend_pid_for_tests().unwrap();
    let mut sql = db.superuser();
    // The connection is terminated while the batch is being built, under
    // the lock, inside the transaction.
    let err = ledger
        .append(&mut |_| {
            sql.query_one("SELECT pg_terminate_backend($1)", &[&pid])
                .unwrap();
            std::thread::sleep(std::time::Duration::from_millis(100));
            Ok(vec![ops::header("lost-1", "t"), ops::header("lost-2", "t")])
        })
        .unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, LedgerError::Database { .. }), "{message}");
    assert!(message.contains("cannot append to"), "{message}");
    let mut fresh = PostgresLedger::new(&db.url);
    let index = fresh.load().unwrap();
    assert_eq!(index.len(), 2, "a half batch was written");
    // The same client reconnects and appends on the right head.
    let after = ledger.append(&mut |_| Ok(note("after"))).unwrap();
    assert_eq!(after[0].seq(), 3);
    assert!(fresh.verify(&full()).unwrap().is_ok());

    // A server that refuses the connection: a clear error.
    let err = PostgresLedger::new("postgres://nobody@127.0.0.1:1/none")
        .load()
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("postgres://nobody@127.0.0.1:1/none: cannot connect to"),
        "{err}"
    );
}

/// The README's team setup: an owner creates the tables, a writer with
/// SELECT and INSERT only appends (the chain trigger moves the head as the
/// owner) and has no right to change anything.
#[test]
fn a_writer_role_appends_and_cannot_change_anything() {
    let Some(db) = require("a_writer_role_appends_and_cannot_change_anything") else {
        return;
    };
    let mut sql = db.superuser();
    let owner = format!("{}_owner", db.name);
    let writer = format!("{}_writer", db.name);
    sql.batch_execute(&format!(
        "CREATE ROLE {owner} LOGIN; CREATE ROLE {writer} LOGIN;
         ALTER DATABASE {} OWNER TO {owner};
         GRANT CREATE ON SCHEMA public TO {owner};",
        db.name
    ))
    .unwrap();
    let with_user = |user: &str| db.url.replacen("postgres@", &format!("{user}@"), 1);
    assert_ne!(
        with_user(&owner),
        db.url,
        "the test URL names the postgres user"
    );
    PostgresLedger::new(with_user(&owner))
        .init("owner", "t")
        .unwrap();
    let mut as_owner = Client::connect(&with_user(&owner), NoTls).unwrap();
    as_owner
        .batch_execute(&format!(
            "GRANT SELECT, INSERT ON isnad_entries TO {writer};
             GRANT SELECT ON isnad_head, isnad_schema_migrations TO {writer};"
        ))
        .unwrap();
    let mut ledger = PostgresLedger::new(with_user(&writer));
    let written = ledger.append(&mut |_| Ok(note("writer"))).unwrap();
    assert_eq!(written[0].seq(), 2);
    let mut as_writer = Client::connect(&with_user(&writer), NoTls).unwrap();
    for statement in [
        "UPDATE isnad_head SET seq = 1",
        "ALTER TABLE isnad_entries DISABLE TRIGGER isnad_entries_no_update",
        "UPDATE isnad_entries SET author = 'x'",
    ] {
        let err = as_writer.batch_execute(statement).unwrap_err();
        assert!(err.as_db_error().is_some(), "{statement}: {err}");
    }
    assert!(ledger.verify(&full()).unwrap().is_ok());
    drop(as_owner);
    drop(as_writer);
    drop(ledger);
    // Roles outlive databases: drop them (after the database is gone).
    let TestDb {
        ref admin_url,
        ref name,
        ..
    } = db;
    let mut admin = Client::connect(admin_url, NoTls).unwrap();
    for statement in [
        format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        format!("DROP ROLE {writer}"),
        format!("DROP ROLE {owner}"),
    ] {
        admin.batch_execute(&statement).unwrap();
    }
}

/// Figures, not a check: `ISNAD_PG_BENCH=N` builds an N-entry ledger in a
/// file (batches of 1,000), imports it, and times `verify` and `export` on
/// both backends. Run with `--release -- --ignored --nocapture`.
#[test]
#[ignore = "benchmark; run with ISNAD_PG_BENCH=N --release -- --ignored --nocapture"]
fn bench_verify_and_export_beside_the_file_backend() {
    let Some(db) = require("bench_verify_and_export_beside_the_file_backend") else {
        return;
    };
    let n: usize = std::env::var("ISNAD_PG_BENCH")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.jsonl");
    let mut file = FileLedger::new(&path);
    file.init("bench", "t").unwrap();
    let mut done = 1;
    while done < n {
        let batch = (n - done).min(1000);
        file.append(&mut |_| {
            Ok((0..batch)
                .map(|i| ops::header(&format!("writer {}", done + i), "bench"))
                .collect())
        })
        .unwrap();
        done += batch;
    }
    let bytes = std::fs::read(&path).unwrap();
    let mb = bytes.len() as f64 / 1e6;
    let time = |f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        t.elapsed().as_secs_f64()
    };
    let mut pg = PostgresLedger::new(&db.url);
    let secs = time(&mut || {
        pg.import(&bytes).unwrap();
    });
    eprintln!(
        "figure: import of {n} entries ({mb:.1} MB) into postgres: {secs:.2}s = {:.1} MB/s, {:.0} entries/s",
        mb / secs,
        n as f64 / secs
    );
    for (name, store) in [
        ("file", &mut file as &mut dyn LedgerStore),
        ("postgres", &mut pg as &mut dyn LedgerStore),
    ] {
        let secs = time(&mut || {
            assert!(store.verify(&VerifyOptions::default()).unwrap().is_ok());
        });
        eprintln!(
            "figure: {name}: verify (chain) of {n} entries ({mb:.1} MB): {secs:.2}s = {:.1} MB/s, {:.0} entries/s",
            mb / secs,
            n as f64 / secs
        );
        let secs = time(&mut || {
            let mut out = Vec::with_capacity(bytes.len());
            store.export(&mut out).unwrap();
            assert_eq!(out.len(), bytes.len());
        });
        eprintln!(
            "figure: {name}: export of {n} entries: {secs:.2}s = {:.1} MB/s",
            mb / secs
        );
    }
}
