//! `isnad diff OLD NEW`: what changed between two versions of an article,
//! claim by claim.

use std::path::PathBuf;

use isnad_diff::{RenderOptions, Version, diff, render_human};
use isnad_ingest::Decoding;

use crate::input::read_input;
use crate::pipeline::Pipeline;
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad diff old.txt new.txt                 the claim changes, for people
  isnad diff --format json old.txt new.txt   the diff document (see `isnad schema diff`)
  isnad diff --strict old.txt new.txt        also list formatting-only edits

Exit status, like diff(1): 0 when no claim changed, 1 when claims changed, 2 on error.
Edits of whitespace, diacritics, quote style or punctuation alone are not claim changes.";

/// Output formats of `isnad diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The claim changes, for people (coloured on a terminal).
    Human,
    /// The diff document as JSON.
    Json,
}

/// Arguments of `isnad diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The older version (a file, or `-` for standard input).
    old: String,
    /// The newer version (a file, or `-` for standard input).
    new: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also show claims whose text changed only in formatting.
    #[arg(long)]
    strict: bool,
    /// Replace invalid UTF-8 with U+FFFD instead of refusing the file.
    #[arg(long)]
    lossy: bool,
    /// Add or override lexicon entries from a TOML language pack (repeatable).
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
}

/// Runs `isnad diff`.
pub fn run(args: &Args, ctx: &Context) -> Result<Outcome, CliError> {
    if args.old == "-" && args.new == "-" {
        return Err(CliError::Usage {
            message: "both versions cannot be read from standard input".into(),
            hint: Some("give at least one of them as a file".into()),
        });
    }
    let decoding = if args.lossy { Decoding::Lossy } else { Decoding::Strict };
    let old = read_input(&args.old, decoding)?;
    let new = read_input(&args.new, decoding)?;
    let pipeline = Pipeline::new(&args.lexicon)?;
    let old_doc = pipeline.extract(&old.source, &old.text, false);
    let new_doc = pipeline.extract(&new.source, &new.text, false);
    let result = diff(Version::new(&old_doc, &old.text), Version::new(&new_doc, &new.text));
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&result).map(|s| s + "\n").map_err(|e| CliError::library(e, None))?,
        Format::Human => render_human(&result, RenderOptions { color: ctx.color_stdout, strict: args.strict }),
    };
    super::print_stdout(&text)?;
    Ok(if result.claims_unchanged { Outcome::Ok } else { Outcome::Findings })
}
