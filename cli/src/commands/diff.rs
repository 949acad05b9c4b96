//! `isnad diff OLD NEW`: what changed between two versions of an article,
//! claim by claim.

use std::path::PathBuf;

use isnad_diff::{RenderOptions, Version, diff, render_human};
use isnad_ingest::Decoding;

use super::ledger_opts::{LedgerOpts, ledger_error, load_with_warnings};
use crate::input::read_input;
use crate::pipeline::Pipeline;
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad diff old.txt new.txt                 the claim changes, for people
  isnad diff --format json old.txt new.txt   the diff document (see `isnad schema diff`)
  isnad diff --strict old.txt new.txt        also list formatting-only edits
  isnad diff 3fa9@1 3fa9@2                   two versions of a recorded document
  isnad diff https://example.com/story       its last two recorded versions
  isnad diff site-monday/ site-tuesday/      two directories: files paired by relative path,
                                             files on one side only reported (--keep-going)

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
    /// The older version: a file, `-` for standard input, or a recorded
    /// document (`DOC@N`; `DOC` is its id, id prefix, URL or recorded path).
    /// Alone, `DOC` compares its last two recorded versions.
    pub(super) old: String,
    /// The newer version: a file, `-`, or `DOC@N` (`DOC` alone: its latest version).
    pub(super) new: Option<String>,
    #[command(flatten)]
    ledger: LedgerOpts,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(super) format: Format,
    /// Also show claims whose text changed only in formatting.
    #[arg(long)]
    pub(super) strict: bool,
    /// Replace invalid UTF-8 with U+FFFD instead of refusing the file.
    #[arg(long)]
    pub(super) lossy: bool,
    /// Add or override lexicon entries from a TOML language pack (repeatable).
    #[arg(long, value_name = "FILE")]
    pub(super) lexicon: Vec<PathBuf>,
    /// With two directories: go on after a file fails to read (each
    /// failure is shown on one line; the exit code is still 2).
    #[arg(long)]
    pub(super) keep_going: bool,
}

/// Runs `isnad diff`.
pub fn run(args: &Args, ctx: &Context) -> Result<Outcome, CliError> {
    if args.old == "-" && args.new.as_deref() == Some("-") {
        return Err(CliError::Usage {
            message: "both versions cannot be read from standard input".into(),
            hint: Some("give at least one of them as a file".into()),
        });
    }
    if let Some(new) = &args.new
        && std::path::Path::new(&args.old).is_dir()
        && std::path::Path::new(new).is_dir()
    {
        return super::diff_dirs::run(args, &args.old, new, ctx);
    }
    if let Some(new) = &args.new
        && std::path::Path::new(&args.old).is_dir() != std::path::Path::new(new).is_dir()
    {
        return Err(CliError::Usage {
            message: "one side is a directory and the other is not".into(),
            hint: Some("give two files, or two directories to compare file by file".into()),
        });
    }
    let decoding = if args.lossy {
        Decoding::Lossy
    } else {
        Decoding::Strict
    };
    let (old, new) = match &args.new {
        Some(new) => (
            version(&args.old, decoding, &args.ledger, Latest)?,
            version(new, decoding, &args.ledger, Latest)?,
        ),
        None if args.old == "-" => {
            return Err(CliError::Usage {
                message: "diff needs two versions".into(),
                hint: Some(
                    "give OLD and NEW, or one recorded document to compare its last two versions"
                        .into(),
                ),
            });
        }
        None => (
            version(&args.old, decoding, &args.ledger, BeforeLatest)?,
            version(&args.old, decoding, &args.ledger, LatestRecorded)?,
        ),
    };
    let pipeline = Pipeline::new(&args.lexicon)?;
    let old_doc = pipeline.extract(&old.0, &old.1, false);
    let new_doc = pipeline.extract(&new.0, &new.1, false);
    let result = diff(
        Version::new(&old_doc, &old.1),
        Version::new(&new_doc, &new.1),
    );
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&result)
            .map(|s| s + "\n")
            .map_err(|e| CliError::library(e, None))?,
        Format::Human => render_human(
            &result,
            RenderOptions {
                color: ctx.color_stdout,
                strict: args.strict,
            },
        ),
    };
    super::print_stdout(&text)?;
    Ok(if result.claims_unchanged {
        Outcome::Ok
    } else {
        Outcome::Findings
    })
}

/// Which version a bare `DOC` (without `@N`) stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    /// A file, or the latest recorded version of a document.
    Latest,
    /// The latest recorded version (never a file).
    LatestRecorded,
    /// The version before the latest (never a file).
    BeforeLatest,
}
use Which::{BeforeLatest, Latest, LatestRecorded};

/// The source label and text of one side: a file (or `-`) when one exists
/// at that path, otherwise a document version from the ledger.
fn version(
    reference: &str,
    decoding: Decoding,
    ledger: &LedgerOpts,
    which: Which,
) -> Result<(String, String), CliError> {
    // A lone DOC always means the ledger's document, even when a file of
    // that name exists (it is usually the file it was recorded from).
    if which == Latest && (reference == "-" || std::path::Path::new(reference).exists()) {
        let input = read_input(reference, decoding)?;
        return Ok((input.source, input.text));
    }
    if !std::path::Path::new(&ledger.ledger).exists() {
        return Err(CliError::Input {
            location: reference.to_string(),
            message: format!(
                "no such file, and no ledger at {} to look it up in",
                ledger.ledger
            ),
            hint: Some("give a file, or a recorded document as DOC@N with --ledger".into()),
        });
    }
    let mut store = ledger.open()?;
    let index = load_with_warnings(store.as_mut())?;
    let (doc, asked) = index.resolve_document(reference).map_err(ledger_error)?;
    let versions = index.versions(&doc);
    let entry = match (asked, which) {
        (Some(n), _) => index.version(&doc, n),
        (None, Latest | LatestRecorded) => versions.last().copied(),
        (None, BeforeLatest) if versions.len() < 2 => {
            return Err(CliError::Usage {
                message: format!(
                    "document {} has only one recorded version",
                    index.short_doc_id(&doc)
                ),
                hint: Some("record a changed version first, or give two files".into()),
            });
        }
        (None, BeforeLatest) => versions.get(versions.len() - 2).copied(),
    };
    let Some(entry) = entry else {
        return Err(ledger_error(isnad_ledger::LedgerError::UnknownDocument(
            reference.into(),
        )));
    };
    let label = format!("{}@{}", index.short_doc_id(&doc), entry.version);
    match &entry.text {
        Some(text) => Ok((label, text.clone())),
        None => Err(CliError::Input {
            location: label,
            message: "was recorded with --no-text: only its fingerprints are stored, so its claims cannot be compared".into(),
            hint: Some("record the document again without --no-text".into()),
        }),
    }
}
