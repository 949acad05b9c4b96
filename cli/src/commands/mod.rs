//! One module per subcommand: each has `Args` (clap) and `run`.

pub mod audit;
pub mod completions;
pub mod correct;
pub mod diff;
// `diff OLD_DIR NEW_DIR` (issue 10).
pub mod diff_dirs;
pub mod extract;
pub mod fingerprint;
pub mod man;
pub mod report;
pub mod schema;
// Speaker identity (issue 8).
pub mod speakers;

// The ledger commands (issue 5).
pub mod add;
// Moving a ledger between backends (issue 11).
pub mod export;
pub mod head;
pub mod import;
pub mod init;
pub mod ledger_opts;
pub mod list;
pub mod record;
pub mod review;
pub mod show;
// The text a document's spans point into, marked (issue 10).
pub mod marked;
pub mod verify;

use std::io::Write;

use crate::CliError;

/// Writes `text` to standard output; a closed pipe (`isnad ... | head`) is
/// not an error.
pub fn print_stdout(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| CliError::io("-", e)),
    }
}
