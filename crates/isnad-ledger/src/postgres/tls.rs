//! TLS to the database, chosen by the URL's `sslmode` as libpq does:
//! `disable` (plain TCP), `prefer` (the default: TLS when the server offers
//! it, without checking its certificate), `require` (TLS or no connection,
//! certificate checked only when `sslrootcert` names a CA, as libpq does), `verify-ca` (the certificate must chain to the
//! CA file in `sslrootcert`) and `verify-full` (and name the host). The
//! `postgres` crate knows only the first three, so the last two and
//! `sslrootcert` are taken out of the URL here and kept by the connector.
//! The TLS itself is OpenSSL's (`postgres-openssl`).

use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
use postgres_openssl::MakeTlsConnector;

/// What the URL asks of TLS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TlsChoice {
    /// The URL as the `postgres` crate reads it.
    pub url: String,
    /// `sslmode` as given (`prefer` when absent).
    pub mode: String,
    /// `sslrootcert`, decoded.
    pub root_cert: Option<String>,
}

/// Decodes `%XX` escapes (a CA file path in a URL).
fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = value.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits the TLS parameters off `url`.
pub(super) fn choose(url: &str) -> Result<TlsChoice, String> {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, q),
        None => (url, ""),
    };
    let mut mode = None;
    let mut root_cert = None;
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "sslmode" => mode = Some(percent_decode(value)),
            "sslrootcert" => root_cert = Some(percent_decode(value)),
            _ => kept.push(pair),
        }
    }
    let mode = mode.unwrap_or_else(|| "prefer".into());
    let passed = match mode.as_str() {
        "disable" | "prefer" | "require" => mode.clone(),
        "verify-ca" | "verify-full" => {
            if root_cert.is_none() {
                return Err(format!(
                    "sslmode={mode} needs the CA certificate that signed the server's: add sslrootcert=PATH to the URL"
                ));
            }
            "require".into()
        }
        other => {
            return Err(format!(
                "sslmode={other} is not one of disable, prefer, require, verify-ca, verify-full"
            ));
        }
    };
    kept.push(match passed.as_str() {
        "disable" => "sslmode=disable",
        "require" => "sslmode=require",
        _ => "sslmode=prefer",
    });
    Ok(TlsChoice {
        url: format!("{base}?{}", kept.join("&")),
        mode,
        root_cert,
    })
}

/// The connector for `choice`.
pub(super) fn connector(choice: &TlsChoice) -> Result<MakeTlsConnector, String> {
    let mut builder = SslConnector::builder(SslMethod::tls_client())
        .map_err(|e| format!("cannot set up TLS: {e}"))?;
    // libpq: "if a root CA file exists, the behavior of sslmode=require will
    // be the same as that of verify-ca" — a user who names a CA expects it
    // to be checked.
    let verify = matches!(choice.mode.as_str(), "verify-ca" | "verify-full")
        || (choice.mode == "require" && choice.root_cert.is_some());
    if verify {
        if let Some(ca) = &choice.root_cert {
            builder
                .set_ca_file(ca)
                .map_err(|e| format!("cannot read the CA certificate sslrootcert={ca}: {e}"))?;
        }
        builder.set_verify(SslVerifyMode::PEER);
    } else {
        // prefer, and require without sslrootcert: encrypted, but anyone's
        // certificate is taken (libpq's meaning without a root certificate).
        builder.set_verify(SslVerifyMode::NONE);
    }
    let mut connector = MakeTlsConnector::new(builder.build());
    let check_host = choice.mode == "verify-full";
    connector.set_callback(move |config, _domain| {
        config.set_verify_hostname(check_host);
        Ok(())
    });
    Ok(connector)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn verify_modes_and_the_ca_file_are_taken_out_of_the_url() {
        let c = choose("postgres://a@db.example/desk?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&application_name=x").unwrap();
        assert_eq!(
            c.url,
            "postgres://a@db.example/desk?application_name=x&sslmode=require"
        );
        assert_eq!(c.mode, "verify-full");
        assert_eq!(c.root_cert.as_deref(), Some("/etc/ca.pem"));
        let c = choose("postgres://a@localhost/desk").unwrap();
        assert_eq!(c.url, "postgres://a@localhost/desk?sslmode=prefer");
        assert_eq!(c.mode, "prefer");
        let c = choose("postgres://a@localhost/desk?sslmode=disable").unwrap();
        assert!(c.url.ends_with("?sslmode=disable"));
        assert!(
            choose("postgres://a@h/d?sslmode=verify-ca")
                .unwrap_err()
                .contains("sslrootcert")
        );
        assert!(
            choose("postgres://a@h/d?sslmode=allow")
                .unwrap_err()
                .contains("not one of")
        );
    }
}
