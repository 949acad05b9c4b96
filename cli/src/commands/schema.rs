//! `isnad schema NAME`: print a published JSON Schema.

use crate::{CliError, Context, Outcome, schemas};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad schema extraction            print the extraction document's schema
  isnad schema --list                the names of every published schema
  isnad schema --all --out-dir DIR   write every schema to DIR/NAME.json";

/// Arguments of `isnad schema`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The schema to print (see --list).
    #[arg(required_unless_present_any = ["list", "all"])]
    name: Option<String>,
    /// List the names of the published schemas.
    #[arg(long, conflicts_with_all = ["name", "all"])]
    list: bool,
    /// Write every schema as NAME.json into --out-dir.
    #[arg(long, requires = "out_dir", conflicts_with = "name")]
    all: bool,
    /// The directory that --all writes into.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<std::path::PathBuf>,
}

/// Runs `isnad schema`.
pub fn run(args: &Args, _ctx: &Context) -> Result<Outcome, CliError> {
    if args.list {
        let names: Vec<&str> = schemas::all().iter().map(|s| s.name).collect();
        return super::print_stdout(&(names.join("\n") + "\n")).map(|()| Outcome::Ok);
    }
    if let (true, Some(dir)) = (args.all, &args.out_dir) {
        for schema in schemas::all() {
            let path = dir.join(format!("{}.json", schema.name));
            std::fs::write(&path, schemas::render(&(schema.build)()))
                .map_err(|e| CliError::io(&path, e))?;
        }
        return Ok(Outcome::Ok);
    }
    let name = args.name.as_deref().unwrap_or_default();
    let Some(schema) = schemas::find(name) else {
        let known: Vec<&str> = schemas::all().iter().map(|s| s.name).collect();
        return Err(CliError::Usage {
            message: format!("no schema named '{name}'"),
            hint: Some(format!("the published schemas are: {}", known.join(", "))),
        });
    };
    super::print_stdout(&schemas::render(&(schema.build)())).map(|()| Outcome::Ok)
}
