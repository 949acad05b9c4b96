//! `isnad man DIR`: write roff man pages.

use std::path::PathBuf;

use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad man target/man && man target/man/isnad.1";

/// Arguments of `isnad man`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directory to write isnad.1 and isnad-SUBCOMMAND.1 into (created if missing).
    out_dir: PathBuf,
}

/// Runs `isnad man`.
pub fn run(args: &Args, _ctx: &Context, command: clap::Command) -> Result<Outcome, CliError> {
    std::fs::create_dir_all(&args.out_dir).map_err(|e| CliError::io(&args.out_dir, e))?;
    write_page(&args.out_dir, "isnad", command.clone())?;
    for sub in command.get_subcommands() {
        let name = format!("isnad-{}", sub.get_name());
        write_page(&args.out_dir, &name, sub.clone().name(name.clone()))?;
    }
    Ok(Outcome::Ok)
}

fn write_page(dir: &std::path::Path, name: &str, command: clap::Command) -> Result<(), CliError> {
    let path = dir.join(format!("{name}.1"));
    let mut buffer = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut buffer)
        .map_err(|e| CliError::io(&path, e))?;
    std::fs::write(&path, buffer).map_err(|e| CliError::io(&path, e))
}
