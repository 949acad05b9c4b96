//! `isnad correct TARGET --note N [--withdraw]`: correct or withdraw an
//! earlier entry. Entries are never edited or deleted in place: the
//! correction is a new entry in the chain that names its target.

use isnad_ledger::ops::plan_correction;
use isnad_model::CorrectionAction;

use super::ledger_opts::{LedgerOpts, ledger_error};
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad correct k3f2a9 --note 'the speaker was the deputy minister, not the minister'
  isnad correct k3f2a9 --withdraw --note 'logged from the wrong article'
  isnad correct sha256:5d1c... --withdraw --note 'duplicate review'

TARGET is a claim id (or a unique prefix) or the hash of any entry. Withdrawn
claims drop out of `isnad list` and `isnad report`; `isnad show` marks them.";

/// Arguments of `isnad correct`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The claim id (or a unique prefix of it), or the `sha256:` hash of any entry.
    target: String,
    /// Why, and what is correct instead.
    #[arg(long)]
    note: String,
    /// Withdraw the target instead of correcting it.
    #[arg(long)]
    withdraw: bool,
    #[command(flatten)]
    ledger: LedgerOpts,
}

/// Runs `isnad correct`.
pub fn run(args: &Args, _ctx: &Context) -> Result<Outcome, CliError> {
    if args.note.trim().is_empty() {
        return Err(CliError::Usage {
            message: "a correction needs a note that says why".into(),
            hint: Some("give --note 'what is wrong and what is right'".into()),
        });
    }
    let action = if args.withdraw {
        CorrectionAction::Withdraw
    } else {
        CorrectionAction::Correct
    };
    let mut store = args.ledger.open()?;
    let author = args.ledger.author()?;
    let written = store
        .append(&mut |index| {
            Ok(vec![plan_correction(
                index,
                &args.target,
                action,
                &args.note,
                &author,
            )?])
        })
        .map_err(ledger_error)?;
    let Some(isnad_ledger::Entry::Correction(entry)) = written.first() else {
        return Err(CliError::library("nothing was written", None));
    };
    let verb = if args.withdraw {
        "withdrew"
    } else {
        "corrected"
    };
    super::print_stdout(&format!("{verb} {} (entry {})\n", entry.target, entry.seq))
        .map(|()| Outcome::Ok)
}
