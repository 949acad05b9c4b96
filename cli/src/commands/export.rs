//! `isnad export`: write the ledger as JSON Lines (from either backend).

use super::ledger_opts::{LedgerOpts, ledger_error};
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad export --ledger postgres://isnad@db/desk > desk.ledger.jsonl
  isnad verify --ledger desk.ledger.jsonl        the same chain and head

The output is byte for byte the ledger's lines as the file backend keeps them,
so the file verifies with `isnad verify` and has the same head.";

/// Arguments of `isnad export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    ledger: LedgerOpts,
}

/// Runs `isnad export`.
pub fn run(args: &Args, _ctx: &Context) -> Result<Outcome, CliError> {
    let mut store = args.ledger.open()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    match store.export(&mut out) {
        Ok(_) => {}
        Err(isnad_ledger::LedgerError::Io { source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            return Ok(Outcome::Ok);
        }
        Err(e) => return Err(ledger_error(e)),
    }
    match std::io::Write::flush(&mut out) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Outcome::Ok),
        other => other
            .map(|()| Outcome::Ok)
            .map_err(|e| CliError::io("-", e)),
    }
}
