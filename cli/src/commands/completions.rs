//! `isnad completions SHELL`: shell completion scripts.

use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad completions bash > ~/.local/share/bash-completion/completions/isnad
  isnad completions zsh > ~/.zfunc/_isnad";

/// Arguments of `isnad completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to write completions for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Runs `isnad completions`.
pub fn run(args: &Args, _ctx: &Context, mut command: clap::Command) -> Result<Outcome, CliError> {
    let mut buffer = Vec::new();
    clap_complete::generate(args.shell, &mut command, "isnad", &mut buffer);
    super::print_stdout(&String::from_utf8_lossy(&buffer)).map(|()| Outcome::Ok)
}
