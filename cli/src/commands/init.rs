//! `isnad init`: create an empty ledger.

use super::ledger_opts::{LedgerOpts, ledger_error};
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad init                                  create ./isnad.ledger.jsonl
  isnad init --ledger desk.ledger.jsonl       create it elsewhere
  ISNAD_LEDGER=~/desk.jsonl isnad init        the same, from the environment";

/// Arguments of `isnad init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    ledger: LedgerOpts,
}

/// Runs `isnad init`.
pub fn run(args: &Args, _ctx: &Context) -> Result<Outcome, CliError> {
    let mut store = args.ledger.open()?;
    let header = store
        .init(
            &args.ledger.author()?,
            concat!("isnad ", env!("CARGO_PKG_VERSION")),
        )
        .map_err(ledger_error)?;
    super::print_stdout(&format!(
        "created {} (head {}, 1 entry)\n",
        store.location(),
        header.hash()
    ))
    .map(|()| Outcome::Ok)
}
