//! `isnad head`: print the ledger's head hash and entry count, to publish.

use super::ledger_opts::{LedgerOpts, ledger_error, load_with_warnings};
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad head                          sha256:... and the number of entries
  isnad head > head-2026-11-28.txt    keep it; later: isnad verify --expect-head HASH

Publish the head (post it, e-mail it, commit it): `isnad verify --expect-head HASH`
then proves that the ledger still holds that head and everything before it unchanged.";

/// Arguments of `isnad head`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    ledger: LedgerOpts,
}

/// Runs `isnad head`.
pub fn run(args: &Args, _ctx: &Context) -> Result<Outcome, CliError> {
    let mut store = args.ledger.open()?;
    let index = load_with_warnings(store.as_mut())?;
    let (head, count) = (index.head().to_string(), index.len());
    if let Some((line, message)) = store.broken() {
        return Err(ledger_error(isnad_ledger::LedgerError::Broken {
            path: store.location().into(),
            line,
            message: message.to_string(),
        }));
    }
    super::print_stdout(&format!("{head} {count}\n")).map(|()| Outcome::Ok)
}
