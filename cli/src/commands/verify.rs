//! `isnad verify`: check the ledger's hash chain, the schema of every
//! entry, and every claim's span and fingerprint against its stored text.

use isnad_ledger::VerifyOptions;

use super::ledger_opts::{LedgerOpts, ledger_error};
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad verify                                chain, schemas, spans and fingerprints
  isnad verify --expect-head sha256:3f...     and that a published head is still there
  isnad verify --repair                       move a torn tail (interrupted write) aside
  isnad verify --chain-only                   only the hash chain (fastest)

Exits 2 when anything is wrong, naming the first bad line and what is wrong.";

/// Arguments of `isnad verify`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    ledger: LedgerOpts,
    /// A head published earlier (`isnad head`): the ledger must still contain it.
    #[arg(long, value_name = "HASH")]
    expect_head: Option<String>,
    /// Move a torn tail (the incomplete last line of an interrupted write)
    /// to a side file, then verify.
    #[arg(long)]
    repair: bool,
    /// Check only the hash chain, not schemas, spans and fingerprints.
    #[arg(long)]
    chain_only: bool,
}

/// Runs `isnad verify`.
pub fn run(args: &Args, _ctx: &Context) -> Result<Outcome, CliError> {
    let mut store = args.ledger.open()?;
    let location = store.location();
    let mut out = String::new();
    if args.repair {
        match store.repair().map_err(ledger_error)? {
            Some(r) if r.side_file.is_empty() => out.push_str(&format!(
                "repaired: line {} was a complete entry without its final newline; added the newline\n",
                r.torn.line
            )),
            Some(r) => out.push_str(&format!(
                "repaired: moved the torn tail at line {} ({} bytes) to {}\n",
                r.torn.line, r.torn.bytes, r.side_file
            )),
            None => out.push_str("repair: no torn tail, nothing to move\n"),
        }
    }
    let fp = |text: &str| isnad_fingerprint::fingerprint(text);
    let options = VerifyOptions {
        full: !args.chain_only,
        expect_head: args.expect_head.clone(),
        fingerprint: Some(&fp),
    };
    let report = store.verify(&options).map_err(ledger_error)?;
    for note in &report.unchecked {
        out.push_str(&format!("note: {note}\n"));
    }
    if let Some(p) = report.problem.as_ref().or(report.torn.as_ref()) {
        super::print_stdout(&out)?;
        let hint = match p.kind {
            isnad_ledger::ProblemKind::TornTail => Some("run `isnad verify --repair`"),
            isnad_ledger::ProblemKind::HeadMissing => None,
            _ => Some(
                "the ledger was altered after it was written; compare with a backup or a published head",
            ),
        };
        return Err(CliError::Library {
            message: format!("{location}:{}: {}: {}", p.line, p.kind.as_str(), p.message),
            hint: hint.map(str::to_string),
        });
    }
    let what = if report.full {
        "chain, schemas, spans and fingerprints"
    } else {
        "chain"
    };
    out.push_str(&format!(
        "ok: {} entries, {} bytes; {what} verified; head {}\n",
        report.entries, report.bytes, report.head
    ));
    if let Some(line) = report.expect_head_line {
        out.push_str(&format!(
            "expected head found at line {line} of {}: the ledger holds it unchanged\n",
            report.entries
        ));
    }
    super::print_stdout(&out).map(|()| Outcome::Ok)
}
