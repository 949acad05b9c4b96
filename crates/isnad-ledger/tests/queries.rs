//! The query API on both backends: one generated ledger (documents with
//! versions, claims of every class, reviews, withdrawals of claims and of
//! reviews) is written to a file and imported into PostgreSQL; every query
//! must give the same records on the file backend (streaming scan), on
//! PostgreSQL (SQL) and on the in-memory index. PostgreSQL must use its
//! indexes for a document filter, and `verify` must catch a derived
//! column changed behind isnad's back. Without a server the PostgreSQL
//! parts print a notice and skip, but fail when `CI=true`.
#![cfg(feature = "postgres")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{DateTime, Utc};
use isnad_ledger::{
    ClaimQuery, ClaimRecord, Entry, FileLedger, LedgerError, LedgerStore, PostgresLedger,
    ProblemKind, VerifyOptions,
};
use isnad_model::{Attribution, Certainty, ClaimOrigin};
use postgres::{Client, NoTls};
use serde_json::json;

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

fn database(test: &str) -> Option<TestDb> {
    static N: AtomicU32 = AtomicU32::new(0);
    let Some(admin_url) = std::env::var("ISNAD_TEST_POSTGRES")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        assert!(
            !std::env::var("CI").is_ok_and(|v| v == "true"),
            "{test}: ISNAD_TEST_POSTGRES is not set; CI must start PostgreSQL (.ci/postgres.sh)"
        );
        eprintln!("notice: skipping {test}: no PostgreSQL (set ISNAD_TEST_POSTGRES)");
        return None;
    };
    let name = format!(
        "isnad_q_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    );
    let mut admin = Client::connect(&admin_url, NoTls).unwrap();
    admin
        .batch_execute(&format!(
            "CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0"
        ))
        .unwrap();
    let base = admin_url.rsplit_once('/').unwrap().0.to_string();
    Some(TestDb {
        url: format!("{base}/{name}"),
        admin_url,
        name,
    })
}

const SPEAKERS: [(&str, &str); 5] = [
    ("Defence Minister Karim Salem", "karim salem"),
    ("ÉLISE Durand", "élise durand"),
    ("وزير الخارجية", "وزير الخارجية"),
    ("a spokesperson", "spokesperson"),
    ("Nadia Salem", "nadia salem"),
];

const ATTRIBUTIONS: [&str; 3] = ["attributed", "vague", "unattributed"];
const CERTAINTIES: [&str; 2] = ["asserted", "hedged"];

/// `docs` documents (every third with a second version) and `per_doc`
/// claims per version, with reviews and withdrawals sprinkled in; the
/// entries of one document in one batch, as `record` writes them.
fn generate(file: &mut FileLedger, docs: usize, per_doc: usize) {
    file.init("gen", "test").unwrap();
    let mut claim_no = 0usize;
    for d in 0..docs {
        let doc = format!("{:064x}", (d as u128 + 1) * 0x9e37_79b9_7f4a_7c15);
        let versions = if d % 3 == 0 { 2 } else { 1 };
        for v in 1..=versions {
            let mut batch = vec![
                Entry::from_value(json!({
                    "kind": "document", "schema_version": "1.0.0", "seq": 0, "prev": "", "hash": "",
                    "author": "gen", "recorded_at": format!("2026-11-{:02}T10:00:{:02}.500Z", 1 + d % 28, v),
                    "doc": doc, "key": format!("url:https://news.example/{d}"), "version": v,
                    "source": format!("pages/{d}.html"), "url": format!("https://news.example/{d}"),
                    "language": "en", "fingerprint": format!("sha256:{doc}"), "normalization": "isnad-norm-1",
                    "text_sha256": format!("sha256:{doc}"), "length": 0, "passages": [], "text": ""
                }))
                .unwrap(),
            ];
            for _ in 0..per_doc {
                claim_no += 1;
                let (name, key) = SPEAKERS[claim_no % SPEAKERS.len()];
                let mut claim = json!({
                    "kind": "claim", "schema_version": "1.0.0", "seq": 0, "prev": "", "hash": "",
                    "author": if claim_no.is_multiple_of(4) { "ana" } else { "gen" },
                    "recorded_at": format!("2026-11-{:02}T{:02}:00:00.250Z", 1 + d % 28, claim_no % 24),
                    "id": format!("k{claim_no:016x}"),
                    "origin": if claim_no.is_multiple_of(5) { "manual" } else { "extracted" },
                    "doc": doc, "doc_version": v,
                    "attribution": ATTRIBUTIONS[claim_no % 3],
                    "certainty": CERTAINTIES[claim_no % 2],
                    "quote": format!("claim number {claim_no}"), "verified": true
                });
                if !claim_no.is_multiple_of(7) {
                    claim["speaker"] = name.into();
                    claim["speaker_key"] = key.into();
                }
                batch.push(Entry::from_value(claim).unwrap());
            }
            file.append(&mut |_| Ok(batch.clone())).unwrap();
        }
    }
    // Reviews of some claims, withdrawals of some claims and reviews.
    let index = file.load().unwrap().clone();
    let mut extra = Vec::new();
    let claims: Vec<_> = index
        .entries()
        .iter()
        .filter_map(|e| match e {
            Entry::Claim(c) => Some(c.as_ref().clone()),
            _ => None,
        })
        .collect();
    for (i, c) in claims.iter().enumerate() {
        if i % 3 == 0 {
            extra.push(
                isnad_ledger::ops::plan_review(
                    &index,
                    &c.id,
                    isnad_model::Rating::Misleading,
                    None,
                    None,
                    "rev",
                )
                .unwrap(),
            );
        }
        if i % 11 == 0 {
            extra.push(
                isnad_ledger::ops::plan_correction(
                    &index,
                    &c.hash,
                    isnad_model::CorrectionAction::Withdraw,
                    "wrong",
                    "rev",
                )
                .unwrap(),
            );
        }
    }
    let written = file.append(&mut |_| Ok(extra.clone())).unwrap();
    // Withdraw every fourth review.
    let index = file.load().unwrap().clone();
    let withdrawals: Vec<Entry> = written
        .iter()
        .filter(|e| matches!(e, Entry::Review(_)))
        .step_by(4)
        .map(|r| {
            isnad_ledger::ops::plan_correction(
                &index,
                r.hash(),
                isnad_model::CorrectionAction::Withdraw,
                "retracted",
                "rev",
            )
            .unwrap()
        })
        .collect();
    file.append(&mut |_| Ok(withdrawals.clone())).unwrap();
}

fn collect(store: &mut dyn LedgerStore, q: &ClaimQuery) -> Vec<ClaimRecord> {
    let mut out = Vec::new();
    let n = store
        .query_claims(q, &mut |r| {
            out.push(r);
            Ok(())
        })
        .unwrap();
    assert_eq!(n as usize, out.len());
    out
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn queries(doc: &str) -> Vec<ClaimQuery> {
    let q = ClaimQuery::default;
    vec![
        q(),
        ClaimQuery {
            include_withdrawn: true,
            ..q()
        },
        ClaimQuery {
            doc: Some(doc.into()),
            ..q()
        },
        ClaimQuery {
            doc: Some(doc.into()),
            doc_version: Some(2),
            include_withdrawn: true,
            ..q()
        },
        ClaimQuery {
            speaker: Some("salem".into()),
            ..q()
        },
        // Unicode lower case on both sides (not the database's locale).
        ClaimQuery {
            speaker: Some("élise".into()),
            limit: Some(7),
            offset: 3,
            ..q()
        },
        ClaimQuery {
            speaker_key: Some("وزير الخارجية".into()),
            ..q()
        },
        ClaimQuery {
            attribution: Some(Attribution::Vague),
            certainty: Some(Certainty::Hedged),
            ..q()
        },
        ClaimQuery {
            origin: Some(ClaimOrigin::Manual),
            author: Some("ana".into()),
            ..q()
        },
        ClaimQuery {
            since: Some(at("2026-11-05T00:00:00Z")),
            until: Some(at("2026-11-09T12:00:00.2500001Z")),
            ..q()
        },
        ClaimQuery {
            since: Some(at("2026-11-05T05:00:00.25Z")),
            until: Some(at("2026-11-05T05:00:00.25Z")),
            include_withdrawn: true,
            ..q()
        },
        ClaimQuery {
            attribution: Some(Attribution::Attributed),
            limit: Some(5),
            offset: 10,
            ..q()
        },
        ClaimQuery {
            limit: Some(0),
            ..q()
        },
    ]
}

#[test]
fn every_query_answers_the_same_on_both_backends_and_in_memory() {
    let Some(db) = database("every_query_answers_the_same_on_both_backends_and_in_memory") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.jsonl");
    let mut file = FileLedger::new(&path);
    generate(&mut file, 12, 9);
    let bytes = std::fs::read(&path).unwrap();
    let mut pg = PostgresLedger::new(&db.url);
    pg.import(&bytes).unwrap();
    let mut fresh_file = FileLedger::new(&path);
    let index = file.load().unwrap().clone();
    let doc = match &index.entries()[1] {
        Entry::Document(d) => d.doc.clone(),
        _ => panic!("entry 2 is a document"),
    };
    for q in queries(&doc) {
        let mut expected = Vec::new();
        index
            .query(&q, &mut |r| {
                expected.push(r);
                Ok(())
            })
            .unwrap();
        let on_file = collect(&mut fresh_file, &q);
        let on_pg = collect(&mut pg, &q);
        assert_eq!(on_file, expected, "file backend, {q:?}");
        assert_eq!(on_pg, expected, "postgres, {q:?}");
        // The queries are not trivial: most return some claims and not all.
        eprintln!("{} claims for {q:?}", expected.len());
    }
    let all = collect(&mut pg, &ClaimQuery::default()).len();
    let withdrawn = collect(
        &mut pg,
        &ClaimQuery {
            include_withdrawn: true,
            ..ClaimQuery::default()
        },
    );
    assert!(
        withdrawn.len() > all
            && withdrawn
                .iter()
                .any(|r| r.reviews.iter().any(|v| v.withdrawn))
    );

    // Lookups: documents by id prefix, URL and path, versions, claim prefixes.
    for reference in [
        doc[..6].to_string(),
        format!("{}@2", &doc[..10]),
        "https://news.example/0".to_string(),
        "pages/3.html".to_string(),
        "https://news.example/99".to_string(),
        format!("{}@9", &doc[..10]),
        "0000".to_string(),
    ] {
        let want = index
            .resolve_document(&reference)
            .map_err(|e| e.to_string());
        let got_file = fresh_file
            .resolve_document(&reference)
            .map_err(|e| e.to_string());
        let got_pg = pg.resolve_document(&reference).map_err(|e| e.to_string());
        assert_eq!(got_file, want, "{reference}");
        assert_eq!(got_pg, want, "{reference}");
    }
    for d in index.documents().map(str::to_string).collect::<Vec<_>>() {
        assert_eq!(pg.short_doc_id(&d).unwrap(), index.short_doc_id(&d));
        assert_eq!(fresh_file.short_doc_id(&d).unwrap(), index.short_doc_id(&d));
        assert_eq!(
            pg.document_versions(&d).unwrap(),
            index.document_records(&d)
        );
    }
    for reference in [
        "k0000000000000001",
        "k000000000000000",
        "k00000000000000a",
        "knothing",
    ] {
        let want = index
            .resolve_claim(reference)
            .map(|c| index.claim_record(c))
            .map_err(|e| e.to_string());
        let got = pg.resolve_claim(reference).map_err(|e| e.to_string());
        assert_eq!(got, want, "{reference}");
    }
}

#[test]
fn a_document_filter_is_answered_from_an_index() {
    let Some(db) = database("a_document_filter_is_answered_from_an_index") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.jsonl");
    let mut file = FileLedger::new(&path);
    generate(&mut file, 300, 20);
    let mut pg = PostgresLedger::new(&db.url);
    pg.import(&std::fs::read(&path).unwrap()).unwrap();
    Client::connect(&db.url, NoTls)
        .unwrap()
        .batch_execute("ANALYZE isnad_entries")
        .unwrap();
    let doc = format!("{:064x}", 7u128 * 0x9e37_79b9_7f4a_7c15);
    let q = ClaimQuery {
        doc: Some(doc),
        ..ClaimQuery::default()
    };
    let plan = pg.explain_for_tests(&q).unwrap();
    assert!(
        plan.contains("isnad_claims_doc") && !plan.contains("Seq Scan on isnad_entries c"),
        "the document filter does not use its index:\n{plan}"
    );
    // And only that document's claims come back, as from the file.
    let from_pg = collect(&mut pg, &q);
    assert!(!from_pg.is_empty() && from_pg.iter().all(|r| Some(&r.claim.doc) == q.doc.as_ref()));
    assert_eq!(from_pg, collect(&mut FileLedger::new(&path), &q));
}

#[test]
fn a_derived_column_changed_behind_isnads_back_is_caught_by_verify() {
    let Some(db) = database("a_derived_column_changed_behind_isnads_back_is_caught_by_verify")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.jsonl");
    let mut file = FileLedger::new(&path);
    generate(&mut file, 3, 4);
    let mut pg = PostgresLedger::new(&db.url);
    pg.import(&std::fs::read(&path).unwrap()).unwrap();
    assert!(pg.verify(&VerifyOptions::default()).unwrap().is_ok());
    let mut sql = Client::connect(&db.url, NoTls).unwrap();
    let seq_of = |sql: &mut Client, kind: &str| -> i64 {
        sql.query_one(
            "SELECT min(seq) FROM isnad_entries WHERE kind = $1",
            &[&kind],
        )
        .unwrap()
        .get(0)
    };
    let claim = seq_of(&mut sql, "claim");
    let correction = seq_of(&mut sql, "correction");
    for (statement, seq, column) in [
        (
            "UPDATE isnad_entries SET attribution = 'attributed', certainty = 'asserted' WHERE seq = $1",
            claim + 1,
            "attribution",
        ),
        (
            "UPDATE isnad_entries SET speaker_key = 'someone else' WHERE seq = $1",
            claim + 2,
            "speaker_key",
        ),
        (
            "UPDATE isnad_entries SET recorded_at = recorded_at + interval '1 day' WHERE seq = $1",
            claim,
            "recorded_at",
        ),
        (
            "UPDATE isnad_entries SET action = 'correct' WHERE seq = $1",
            correction,
            "action",
        ),
        (
            "UPDATE isnad_entries SET doc = NULL WHERE seq = $1",
            claim + 3,
            "doc",
        ),
    ] {
        let before: String = sql
            .query_one("SELECT line FROM isnad_entries WHERE seq = $1", &[&seq])
            .unwrap()
            .get(0);
        sql.batch_execute("ALTER TABLE isnad_entries DISABLE TRIGGER isnad_entries_no_update")
            .unwrap();
        let changed = sql.execute(statement, &[&seq]).unwrap();
        sql.batch_execute("ALTER TABLE isnad_entries ENABLE TRIGGER isnad_entries_no_update")
            .unwrap();
        assert_eq!(changed, 1);
        let problem = PostgresLedger::new(&db.url)
            .verify(&VerifyOptions::default())
            .unwrap()
            .problem
            .unwrap_or_else(|| panic!("`{column}` changed and not caught"));
        assert_eq!(problem.line, u64::try_from(seq).unwrap(), "{problem:?}");
        assert_eq!(problem.kind, ProblemKind::Mismatch, "{problem:?}");
        assert!(
            problem.message.contains(&format!("`{column}`")),
            "{problem:?}"
        );
        // Put it back (from the line) before the next change.
        sql.batch_execute("ALTER TABLE isnad_entries DISABLE TRIGGER isnad_entries_no_update")
            .unwrap();
        sql.execute(
            "UPDATE isnad_entries SET attribution = line::jsonb ->> 'attribution', \
             certainty = line::jsonb ->> 'certainty', speaker_key = line::jsonb ->> 'speaker_key', \
             recorded_at = (line::jsonb ->> 'recorded_at')::timestamptz, \
             action = line::jsonb ->> 'action', doc = line::jsonb ->> 'doc' WHERE seq = $1",
            &[&seq],
        )
        .unwrap();
        sql.batch_execute("ALTER TABLE isnad_entries ENABLE TRIGGER isnad_entries_no_update")
            .unwrap();
        let after: String = sql
            .query_one("SELECT line FROM isnad_entries WHERE seq = $1", &[&seq])
            .unwrap()
            .get(0);
        assert_eq!(before, after);
        let report = PostgresLedger::new(&db.url)
            .verify(&VerifyOptions::default())
            .unwrap();
        assert!(report.is_ok(), "{:?}", report.problem);
    }
    // A missing database answers queries with a clear error.
    let err = PostgresLedger::new("postgres://nobody@127.0.0.1:1/none")
        .query_claims(&ClaimQuery::default(), &mut |_| Ok(()))
        .unwrap_err();
    assert!(matches!(err, LedgerError::Database { .. }), "{err}");
}

/// A database made by the previous isnad (schema version 1, without the
/// columns of version 2) is refused until `init` migrates it; the migration
/// fills the new columns from the entries exactly as appends fill them
/// (`verify` compares every column with its line) and the queries then
/// answer as on the file.
#[test]
fn a_version_1_database_is_migrated_and_its_columns_filled() {
    let Some(db) = database("a_version_1_database_is_migrated_and_its_columns_filled") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.jsonl");
    let mut file = FileLedger::new(&path);
    generate(&mut file, 4, 5);
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut old = PostgresLedger::new(&db.url);
    assert_eq!(old.migrate_to(1).unwrap(), vec![1]);
    // The rows as version 1 wrote them.
    Client::connect(&db.url, NoTls)
        .unwrap()
        .execute(
            "INSERT INTO isnad_entries (seq, hash, prev, kind, line, author, recorded_at, doc, \
             claim_id, speaker, speaker_key, attribution, certainty, target) \
             SELECT (j->>'seq')::bigint, j->>'hash', j->>'prev', j->>'kind', l, j->>'author', \
             (j->>'recorded_at')::timestamptz, \
             CASE WHEN j->>'kind' IN ('document', 'claim') THEN j->>'doc' END, \
             CASE WHEN j->>'kind' = 'claim' THEN j->>'id' END, j->>'speaker', j->>'speaker_key', \
             j->>'attribution', j->>'certainty', \
             CASE j->>'kind' WHEN 'review' THEN j->>'claim' WHEN 'correction' THEN j->>'target' END \
             FROM (SELECT l, l::jsonb AS j, n FROM unnest($1::text[]) WITH ORDINALITY AS t(l, n)) s \
             ORDER BY n",
            &[&lines],
        )
        .unwrap();
    let err = PostgresLedger::new(&db.url).load().unwrap_err().to_string();
    assert!(
        err.contains("older than this isnad") && err.contains("isnad init"),
        "{err}"
    );
    let mut pg = PostgresLedger::new(&db.url);
    assert!(matches!(pg.init("t", "t"), Err(LedgerError::Exists { .. })));
    let report = pg.verify(&VerifyOptions::default()).unwrap();
    assert!(report.is_ok(), "{:?}", report.problem);
    assert_eq!(report.entries as usize, lines.len());
    let mut fresh_file = FileLedger::new(&path);
    let doc: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    for q in queries(doc["doc"].as_str().unwrap()) {
        assert_eq!(collect(&mut pg, &q), collect(&mut fresh_file, &q), "{q:?}");
    }
}
