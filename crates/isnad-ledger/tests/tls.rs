//! TLS to the database, for real: `.ci/postgres.sh start` runs the test
//! server with `ssl=on` and a certificate signed by a throwaway CA
//! (`ISNAD_TEST_POSTGRES_CA`; `ISNAD_TEST_POSTGRES_OTHER_CA` signed nothing
//! there). Each `sslmode` is checked on the server's side (`pg_stat_ssl`),
//! and a server without TLS is stood in for by a socket that answers the
//! TLS request with "no", as PostgreSQL with `ssl=off` does. Without a
//! server the tests print a notice and skip, but fail when `CI=true`.
#![cfg(feature = "postgres")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::net::TcpListener;

use isnad_ledger::{LedgerStore, PostgresLedger};
use postgres::{Client, NoTls};

struct Server {
    admin_url: String,
    ca: String,
    other_ca: String,
}

fn server(test: &str) -> Option<Server> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    match (
        var("ISNAD_TEST_POSTGRES"),
        var("ISNAD_TEST_POSTGRES_CA"),
        var("ISNAD_TEST_POSTGRES_OTHER_CA"),
    ) {
        (Some(admin_url), Some(ca), Some(other_ca)) => Some(Server {
            admin_url,
            ca,
            other_ca,
        }),
        _ => {
            assert!(
                !std::env::var("CI").is_ok_and(|v| v == "true"),
                "{test}: ISNAD_TEST_POSTGRES and its CA files are not set; CI must start PostgreSQL with TLS (.ci/postgres.sh)"
            );
            eprintln!("notice: skipping {test}: no PostgreSQL with TLS (see .ci/postgres.sh)");
            None
        }
    }
}

/// Whether the server sees the connection of `ledger` as TLS.
fn uses_tls(admin: &mut Client, ledger: &mut PostgresLedger) -> bool {
    let pid = ledger.backend_pid_for_tests().unwrap();
    admin
        .query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = $1", &[&pid])
        .unwrap()
        .get(0)
}

fn with_query(url: &str, query: &str) -> String {
    format!("{url}?{query}")
}

#[test]
fn each_sslmode_connects_as_it_says() {
    let Some(s) = server("each_sslmode_connects_as_it_says") else {
        return;
    };
    let mut admin = Client::connect(&s.admin_url, NoTls).unwrap();
    for (query, tls) in [
        ("sslmode=disable".to_string(), false),
        ("sslmode=prefer".to_string(), true),
        ("sslmode=require".to_string(), true),
        (format!("sslmode=verify-ca&sslrootcert={}", s.ca), true),
        (format!("sslmode=verify-full&sslrootcert={}", s.ca), true),
    ] {
        let mut ledger = PostgresLedger::new(with_query(&s.admin_url, &query));
        assert_eq!(uses_tls(&mut admin, &mut ledger), tls, "{query}");
    }
    // verify-full by host name too (the certificate names localhost).
    let by_name = s.admin_url.replacen("127.0.0.1", "localhost", 1);
    let mut ledger = PostgresLedger::new(with_query(
        &by_name,
        &format!("sslmode=verify-full&sslrootcert={}", s.ca),
    ));
    assert!(uses_tls(&mut admin, &mut ledger));
}

#[test]
fn a_certificate_from_another_ca_is_refused() {
    let Some(s) = server("a_certificate_from_another_ca_is_refused") else {
        return;
    };
    // require with a CA file checks it, as libpq does
    for mode in ["require", "verify-ca", "verify-full"] {
        let url = with_query(
            &s.admin_url,
            &format!("sslmode={mode}&sslrootcert={}", s.other_ca),
        );
        let err = PostgresLedger::new(&url).load().unwrap_err().to_string();
        assert!(
            err.contains("cannot connect to")
                && err.contains("not signed by the CA in sslrootcert"),
            "{mode}: {err}"
        );
    }
    let err = PostgresLedger::new(with_query(&s.admin_url, "sslmode=verify-full"))
        .load()
        .unwrap_err()
        .to_string();
    assert!(err.contains("add sslrootcert=PATH"), "{err}");
    let err = PostgresLedger::new(with_query(
        &s.admin_url,
        "sslmode=verify-full&sslrootcert=/nonexistent/ca.pem",
    ))
    .load()
    .unwrap_err()
    .to_string();
    assert!(err.contains("cannot read the CA certificate"), "{err}");
}

#[test]
fn a_server_without_tls_and_sslmode_require_give_a_clear_error() {
    // Runs without a database: the stand-in answers the TLS request "N".
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let answer = std::thread::spawn(move || {
        {
            let (mut socket, _) = listener.accept().unwrap();
            let mut request = [0u8; 8];
            socket.read_exact(&mut request).unwrap();
            // SSLRequest: length 8, code 80877103.
            assert_eq!(request, [0, 0, 0, 8, 4, 210, 22, 47]);
            socket.write_all(b"N").unwrap();
        }
    });
    {
        let url = format!("postgres://isnad@127.0.0.1:{port}/desk?sslmode=require");
        let err = PostgresLedger::new(&url).load().unwrap_err().to_string();
        assert!(
            err.contains("cannot connect to")
                && err.contains("server does not support TLS")
                && err.contains("turn ssl on"),
            "{err}"
        );
    }
    answer.join().unwrap();
}
