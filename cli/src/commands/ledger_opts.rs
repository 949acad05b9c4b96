//! What the ledger commands share: `--ledger` / `ISNAD_LEDGER`,
//! `--author` / `ISNAD_AUTHOR`, opening the store, turning ledger errors
//! into one-line CLI errors, dates on the command line.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use isnad_ledger::{LedgerError, LedgerStore};

use crate::CliError;

/// Where the ledger is and who writes to it.
#[derive(Debug, Clone, clap::Args)]
pub struct LedgerOpts {
    /// The ledger: a JSON Lines file, or a PostgreSQL database
    /// (`postgres://user@host/db`, a team's shared ledger; TLS by
    /// `?sslmode=verify-full&sslrootcert=CA.pem`, see the README).
    #[arg(long, env = "ISNAD_LEDGER", default_value = isnad_ledger::DEFAULT_LEDGER, value_name = "PATH|URL")]
    pub ledger: String,
    /// Who writes the entries (default: the user name).
    #[arg(long, env = "ISNAD_AUTHOR", value_name = "NAME")]
    pub author: Option<String>,
}

impl LedgerOpts {
    /// Opens the store.
    pub fn open(&self) -> Result<Box<dyn LedgerStore>, CliError> {
        isnad_ledger::open(&self.ledger).map_err(ledger_error)
    }

    /// The author's name: `--author`, `ISNAD_AUTHOR`, `author` in
    /// `./isnad.toml`, the login name, or `unknown`.
    pub fn author(&self) -> Result<String, CliError> {
        if let Some(author) = self.author.clone().filter(|a| !a.trim().is_empty()) {
            return Ok(author);
        }
        let configured = crate::config::load(None)?
            .author
            .filter(|a| !a.trim().is_empty());
        Ok(configured
            .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
            .or_else(|| std::env::var("USERNAME").ok().filter(|u| !u.is_empty()))
            .unwrap_or_else(|| "unknown".into()))
    }
}

/// A ledger error as a CLI error, with a hint where one helps.
pub fn ledger_error(err: LedgerError) -> CliError {
    let hint = match &err {
        LedgerError::TornTail { .. } => Some("run `isnad verify --repair`"),
        LedgerError::Broken { .. } => Some("run `isnad verify` to see what is wrong"),
        LedgerError::UnknownDocument(_) => Some("`isnad list` shows the documents' short ids"),
        LedgerError::UnknownClaim(_) => Some("`isnad list` shows the claim ids"),
        LedgerError::Io { source, .. } if source.kind() == std::io::ErrorKind::PermissionDenied => {
            Some("check the ledger's permissions; nothing was written")
        }
        LedgerError::Io {
            action: "append to",
            ..
        } => Some("the ledger was left as it was"),
        LedgerError::Database {
            action: "connect to",
            ..
        } => Some("check that the server is running and the URL, user and password are right"),
        LedgerError::Database {
            action: "append to",
            ..
        } => Some("the transaction was rolled back: nothing was written"),
        _ => None,
    };
    CliError::library(err, hint)
}

/// Loads the ledger and warns (stderr) about a torn tail or a broken
/// chain, which do not stop reading.
pub fn load_with_warnings(store: &mut dyn LedgerStore) -> Result<&isnad_ledger::Index, CliError> {
    store.load().map_err(ledger_error)?;
    let location = store.location();
    if let Some(t) = store.torn() {
        eprintln!(
            "isnad: warning: {location}:{}: torn tail ({} bytes of an interrupted write) (hint: run `isnad verify --repair`)",
            t.line, t.bytes
        );
    }
    if let Some((line, message)) = store.broken() {
        eprintln!(
            "isnad: warning: {location}:{line}: the ledger fails verification: {message} (hint: run `isnad verify`)"
        );
    }
    store.load().map_err(ledger_error)
}

/// Warns (stderr) about a torn tail or a broken chain that the store's
/// last read found; they do not stop reading.
pub fn warn_state(store: &dyn LedgerStore) {
    let location = store.location();
    if let Some(t) = store.torn() {
        eprintln!(
            "isnad: warning: {location}:{}: torn tail ({} bytes of an interrupted write) (hint: run `isnad verify --repair`)",
            t.line, t.bytes
        );
    }
    if let Some((line, message)) = store.broken() {
        eprintln!(
            "isnad: warning: {location}:{line}: the ledger fails verification: {message} (hint: run `isnad verify`)"
        );
    }
}

/// Parses a time given on the command line: RFC 3339, or a date
/// (`YYYY-MM-DD`, taken as the start of that day, or its end with `end_of_day`).
pub fn parse_time(value: &str, end_of_day: bool) -> Result<DateTime<Utc>, CliError> {
    if let Ok(t) = DateTime::parse_from_rfc3339(value) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(d) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        let time = if end_of_day {
            NaiveTime::from_hms_milli_opt(23, 59, 59, 999)
        } else {
            NaiveTime::from_hms_opt(0, 0, 0)
        };
        if let Some(time) = time {
            return Ok(d.and_time(time).and_utc());
        }
    }
    Err(CliError::Usage {
        message: format!("`{value}` is not a date or time"),
        hint: Some("give YYYY-MM-DD or an RFC 3339 time such as 2026-11-28T14:00:00Z".into()),
    })
}

/// Shortens `text` to at most `max` characters, with an ellipsis.
pub fn clip(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let mut s: String = flat.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_parse() {
        assert!(parse_time("2026-11-28", false).is_ok());
        assert!(parse_time("2026-11-28T10:00:00+03:00", false).is_ok());
        assert!(parse_time("yesterday", false).is_err());
    }
}
