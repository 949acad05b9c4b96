//! `isnad import`: load a JSON Lines ledger into an empty ledger (a
//! PostgreSQL database, or a new file), keeping its chain.

use std::io::Read;

use super::ledger_opts::{LedgerOpts, ledger_error};
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad import desk.ledger.jsonl --ledger postgres://isnad@db/desk
  isnad export --ledger old.jsonl | isnad import - --ledger postgres://isnad@db/desk

The file is verified first (chain and entry formats; a torn tail or any problem
refuses it) and stored unchanged: the head stays the same. The target must hold
no ledger yet.";

/// Arguments of `isnad import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The JSON Lines ledger to load (`-` for standard input).
    #[arg(value_name = "FILE")]
    file: String,
    #[command(flatten)]
    ledger: LedgerOpts,
}

/// Runs `isnad import`.
pub fn run(args: &Args, _ctx: &Context) -> Result<Outcome, CliError> {
    let bytes = if args.file == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| CliError::io("-", e))?;
        bytes
    } else {
        std::fs::read(&args.file).map_err(|e| CliError::io(&args.file, e))?
    };
    let mut store = args.ledger.open()?;
    let count = store.import(&bytes).map_err(ledger_error)?;
    let head = store.load().map_err(ledger_error)?.head().to_string();
    super::print_stdout(&format!(
        "imported {count} entries into {} (head {head})\n",
        store.location()
    ))
    .map(|()| Outcome::Ok)
}
