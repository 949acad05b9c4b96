//! The ledger commands end to end on both backends: the same scenario
//! (init, record, re-record, add verified / refused, review, list filters,
//! show, head, verify, export → verify with the file backend, import) runs
//! against a JSONL file and against PostgreSQL (`ISNAD_TEST_POSTGRES`, a
//! superuser URL; each run gets its own database). Without a server the
//! PostgreSQL run prints a notice and is skipped, but it fails under CI.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use postgres::{Client, NoTls};
use support::{isnad, require, root};

/// Where a scenario's ledger lives.
struct Desk {
    dir: tempfile::TempDir,
    ledger: String,
    /// (admin URL, database name) to drop at the end.
    database: Option<(String, String)>,
}

impl Drop for Desk {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.database
            && let Ok(mut c) = Client::connect(admin, NoTls)
        {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

fn new_database() -> Option<(String, String, String)> {
    static N: AtomicU32 = AtomicU32::new(0);
    let admin = require(
        std::env::var("ISNAD_TEST_POSTGRES")
            .ok()
            .filter(|u| !u.is_empty()),
        "PostgreSQL (ISNAD_TEST_POSTGRES, see .ci/postgres.sh)",
    )?;
    let name = format!(
        "isnad_e2e_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    );
    let mut c = Client::connect(&admin, NoTls).expect("connect to ISNAD_TEST_POSTGRES");
    c.batch_execute(&format!(
        "CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0"
    ))
    .unwrap();
    let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap();
    Some((format!("{base}/{name}"), admin, name))
}

impl Desk {
    fn file() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("isnad.ledger.jsonl").display().to_string();
        Desk {
            dir,
            ledger,
            database: None,
        }
    }

    fn postgres() -> Option<Desk> {
        let (url, admin, name) = new_database()?;
        Some(Desk {
            dir: tempfile::tempdir().unwrap(),
            ledger: url,
            database: Some((admin, name)),
        })
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = isnad();
        cmd.current_dir(self.dir.path())
            .env("ISNAD_AUTHOR", "tester")
            .env("ISNAD_LEDGER", &self.ledger);
        cmd
    }

    fn run(&self, args: &[&str]) -> String {
        let mut cmd = self.cmd();
        cmd.args(args);
        support::stdout_of_success(cmd)
    }

    fn fails(&self, args: &[&str]) -> String {
        let mut cmd = self.cmd();
        cmd.args(args);
        support::stderr_of_error(cmd)
    }

    fn copy_example(&self, name: &str) {
        std::fs::copy(root().join("examples").join(name), self.path(name)).unwrap();
    }
}

fn claim_ids(desk: &Desk) -> Vec<String> {
    desk.run(&["list", "--format", "jsonl"])
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// The scenario; returns the exported JSONL.
fn scenario(desk: &Desk) -> Vec<u8> {
    let created = desk.run(&["init"]);
    assert!(created.starts_with("created "), "{created}");
    let again = desk.fails(&["init"]);
    assert!(again.contains("refusing to overwrite"), "{again}");

    desk.copy_example("en-article.txt");
    let out = desk.run(&[
        "record",
        "en-article.txt",
        "--url",
        "https://example.org/dam",
        "--title",
        "Dam",
    ]);
    let doc = out.split_whitespace().nth(1).unwrap().to_string();
    let unchanged = desk.run(&[
        "record",
        "en-article.txt",
        "--url",
        "https://example.org/dam",
    ]);
    assert!(unchanged.contains("unchanged"), "{unchanged}");
    desk.copy_example("ar-article.txt");
    desk.run(&["record", "ar-article.txt"]);

    let ids = claim_ids(desk);
    assert!(ids.len() >= 2, "{ids:?}");
    let en_count = desk
        .run(&["list", "--format", "jsonl", "--doc", &doc])
        .lines()
        .count();
    assert!(en_count > 0 && en_count < ids.len());
    assert_eq!(
        desk.run(&["list", "--format", "jsonl", "--until", "2000-01-01"])
            .lines()
            .count(),
        0
    );

    let refused = desk.fails(&[
        "add",
        "--doc",
        &doc,
        "--speaker",
        "Someone",
        "--quote",
        "words that appear nowhere in this article at all",
    ]);
    assert!(refused.contains("not in document"), "{refused}");

    let reviewed = desk.run(&["review", &ids[0], "--rating", "misleading", "--note", "n"]);
    assert!(reviewed.contains("misleading"), "{reviewed}");
    let shown = desk.run(&["show", &ids[0]]);
    assert!(shown.contains("misleading"), "{shown}");

    let head = desk.run(&["head"]);
    let hash = head.split_whitespace().next().unwrap().to_string();
    let verified = desk.run(&["verify", "--expect-head", &hash]);
    assert!(!verified.is_empty());

    // Export, then the file backend verifies it with the same head.
    let exported = desk
        .cmd()
        .arg("export")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let file = desk.path("exported.jsonl");
    std::fs::write(&file, &exported).unwrap();
    let mut check = isnad();
    check
        .args([
            "verify",
            "--ledger",
            file.to_str().unwrap(),
            "--expect-head",
            &hash,
        ])
        .assert()
        .success();
    let mut head_of_file = isnad();
    let out = head_of_file
        .args(["head", "--ledger", file.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(out).unwrap(), head);
    exported
}

#[test]
fn the_same_scenario_on_a_file() {
    let desk = Desk::file();
    let exported = scenario(&desk);
    // Import into a new file keeps the chain; into an existing one is refused.
    let source = desk.path("exported.jsonl");
    let target = desk.path("copy.jsonl");
    let mut cmd = isnad();
    cmd.args([
        "import",
        source.to_str().unwrap(),
        "--ledger",
        target.to_str().unwrap(),
    ])
    .assert()
    .success();
    assert_eq!(std::fs::read(&target).unwrap(), exported);
    let mut cmd = isnad();
    cmd.args([
        "import",
        source.to_str().unwrap(),
        "--ledger",
        target.to_str().unwrap(),
    ])
    .assert()
    .code(2);
}

#[test]
fn the_same_scenario_on_postgres() {
    let Some(desk) = Desk::postgres() else {
        return;
    };
    let exported = scenario(&desk);
    // Import the export into a fresh database: same bytes, same head.
    let Some(other) = Desk::postgres() else {
        return;
    };
    let source = desk.path("exported.jsonl");
    let out = other.run(&["import", source.to_str().unwrap()]);
    assert!(out.starts_with("imported "), "{out}");
    let again = other
        .cmd()
        .arg("export")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(again, exported);
    assert_eq!(other.run(&["head"]), desk.run(&["head"]));
    // A second import is refused; a file with an edited byte is refused.
    other.fails(&["import", source.to_str().unwrap()]);
    // A server that is not there: a clear error, exit 2.
    let mut cmd = isnad();
    let err = cmd
        .args(["list", "--ledger", "postgres://nobody@127.0.0.1:1/none"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("cannot connect to"), "{err}");
}

/// The reading commands give the same output on both backends for the same
/// ledger: the scenario's export is imported into PostgreSQL and every
/// query-backed command runs against the file and the database.
#[test]
fn reading_commands_answer_the_same_on_both_backends() {
    let file = Desk::file();
    scenario(&file);
    let Some(pg) = Desk::postgres() else {
        return;
    };
    let exported = file.path("exported.jsonl");
    pg.run(&["import", exported.to_str().unwrap()]);
    let ids = claim_ids(&file);
    // Withdraw one claim on both, so the withdrawn filters have work.
    for desk in [&file, &pg] {
        desk.run(&["correct", &ids[1], "--withdraw", "--note", "duplicate"]);
    }
    let doc_line = file.run(&["list", "--format", "csv"]);
    let doc = doc_line
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(1)
        .unwrap()
        .to_string();
    let commands: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "--format", "json"],
        vec!["list", "--format", "csv", "--withdrawn"],
        vec!["list", "--format", "jsonl", "--doc", &doc],
        vec![
            "list",
            "--attribution",
            "attributed",
            "--certainty",
            "asserted",
        ],
        vec!["list", "--speaker", "a", "--since", "2000-01-01"],
        vec!["show", &ids[0]],
        vec!["show", &ids[1]],
        vec!["show", &doc],
        vec!["report", "--ledger", "--format", "json"],
        vec!["report", "--ledger", "--format", "csv", "--doc", &doc],
        vec!["speakers", "--ledger", "--format", "json"],
    ];
    for args in commands {
        let on_file = file.run(&args);
        let on_pg = pg.run(&args);
        assert_eq!(on_pg, on_file, "isnad {}", args.join(" "));
        assert!(!on_file.trim().is_empty(), "isnad {}", args.join(" "));
    }
}

/// The commands over TLS: `sslmode=verify-full` with the test server's CA
/// (`ISNAD_TEST_POSTGRES_CA`, from `.ci/postgres.sh`) works end to end; a
/// CA that did not sign the server's certificate is one clear error line.
#[test]
fn the_commands_work_over_verified_tls() {
    let Some(desk) = Desk::postgres() else {
        return;
    };
    let Some(ca) = require(
        std::env::var("ISNAD_TEST_POSTGRES_CA")
            .ok()
            .filter(|c| !c.is_empty()),
        "the test server's CA (ISNAD_TEST_POSTGRES_CA, see .ci/postgres.sh)",
    ) else {
        return;
    };
    let tls = format!("{}?sslmode=verify-full&sslrootcert={ca}", desk.ledger);
    let run = |args: &[&str]| {
        let out = desk
            .cmd()
            .env("ISNAD_LEDGER", &tls)
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    run(&["init"]);
    desk.copy_example("en-article.txt");
    run(&["record", "en-article.txt"]);
    assert!(run(&["list"]).lines().count() > 2);
    assert_eq!(
        run(&["list", "--format", "jsonl"]),
        desk.run(&["list", "--format", "jsonl"])
    );
    // A CA that did not sign the server's certificate.
    let other = std::env::var("ISNAD_TEST_POSTGRES_OTHER_CA").unwrap_or_default();
    let wrong = format!("{}?sslmode=verify-full&sslrootcert={other}", desk.ledger);
    let err = desk
        .cmd()
        .env("ISNAD_LEDGER", &wrong)
        .arg("list")
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.starts_with("isnad: error: ")
            && err.contains("cannot connect to")
            && err.lines().count() == 1,
        "{err}"
    );
}
