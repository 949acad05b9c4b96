//! The `isnad` command-line tool: a thin layer over the isnad library crates.
//!
//! It parses arguments (clap), reads inputs, calls the libraries and renders
//! their results. **Only this crate knows the terminal**: colour, progress
//! bars and exit codes live here, never in the libraries.
#![deny(missing_docs)]

mod commands;
mod config;
mod context;
mod error;
mod input;
mod pipeline;
mod schemas;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use context::{ColorChoice, Context, Outcome};
pub use error::CliError;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes, the same for every command.
const EXIT_CODES: &str = "\
Exit codes:
  0  ok
  1  findings you asked to fail on (audit with a denied finding, diff with a claim change)
  2  error: bad usage, unreadable or invalid input, a ledger that fails verify,
     a batch in which some inputs failed";

/// Track fact claims in news text and the sources they are attributed to.
#[derive(Debug, Parser)]
#[command(name = "isnad", version, about, long_about = None, after_help = EXIT_CODES, propagate_version = true)]
struct Cli {
    /// When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    /// A speaker alias file (TOML, schema `speakers`) used wherever claims are
    /// extracted; wins over `speakers` in isnad.toml.
    #[arg(long, global = true, value_name = "FILE")]
    speakers: Option<std::path::PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Find the claims in news texts: speaker, cue, content, attribution, certainty, hedges.
    #[command(after_help = commands::extract::EXAMPLES)]
    Extract(commands::extract::Args),
    /// Show what changed between two versions of an article, claim by claim.
    #[command(after_help = commands::diff::EXAMPLES)]
    Diff(commands::diff::Args),
    /// Fingerprint texts: each passage's span, kind and fingerprint, and the document's.
    #[command(after_help = commands::fingerprint::EXAMPLES)]
    Fingerprint(commands::fingerprint::Args),
    /// Print a published JSON Schema (extraction, fingerprint, ...).
    #[command(after_help = commands::schema::EXAMPLES)]
    Schema(commands::schema::Args),
    /// Print shell completions for bash, zsh, fish, elvish or powershell.
    #[command(after_help = commands::completions::EXAMPLES)]
    Completions(commands::completions::Args),
    /// Write the man pages (isnad.1 and one per subcommand) into a directory.
    #[command(after_help = commands::man::EXAMPLES)]
    Man(commands::man::Args),
    /// Create an empty claim ledger (refuses to overwrite one).
    #[command(after_help = commands::init::EXAMPLES)]
    Init(commands::init::Args),
    /// Extract documents and append their snapshots and claims to the ledger.
    #[command(after_help = commands::record::EXAMPLES)]
    Record(commands::record::Args),
    /// Log a claim by hand, its quote verified against the stored document text.
    #[command(after_help = commands::add::EXAMPLES)]
    Add(commands::add::Args),
    /// Record a fact-checker's verdict on a claim.
    #[command(after_help = commands::review::EXAMPLES)]
    Review(commands::review::Args),
    /// Correct or withdraw an earlier entry (a new entry; nothing is edited in place).
    #[command(after_help = commands::correct::EXAMPLES)]
    Correct(commands::correct::Args),
    /// List the claims in the ledger (filters; table, json, jsonl, csv).
    #[command(after_help = commands::list::EXAMPLES)]
    List(commands::list::Args),
    /// Show a claim (source passage, document versions, reviews) or a document.
    #[command(after_help = commands::show::EXAMPLES)]
    Show(commands::show::Args),
    /// Verify the ledger: hash chain, schemas, spans and fingerprints.
    #[command(after_help = commands::verify::EXAMPLES)]
    Verify(commands::verify::Args),
    /// Print the ledger's head hash and entry count, to publish.
    #[command(after_help = commands::head::EXAMPLES)]
    Head(commands::head::Args),
    /// Write the ledger as JSON Lines to standard output (from a file or PostgreSQL).
    #[command(after_help = commands::export::EXAMPLES)]
    Export(commands::export::Args),
    /// Load a JSON Lines ledger into an empty ledger (PostgreSQL or a new file), keeping its chain.
    #[command(after_help = commands::import::EXAMPLES)]
    Import(commands::import::Args),
    /// Check drafts like a compiler: speculative, vague and unattributed claims as diagnostics.
    #[command(after_help = commands::audit::EXAMPLES)]
    Audit(commands::audit::Args),
    /// Summaries for fact-checkers: table, md, csv, json, html, claimreview, annotations.
    #[command(after_help = commands::report::EXAMPLES)]
    Report(commands::report::Args),
    /// Speakers as entities: every spelling of one person, claim counts, suggested merges.
    #[command(after_help = commands::speakers::EXAMPLES)]
    Speakers(commands::speakers::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help/version to stdout (exit 0) and usage errors,
            // with its suggestions, to stderr (exit 2).
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let ctx = Context::new(cli.color);
    pipeline::set_speakers_flag(cli.speakers.clone());
    let result = match &cli.command {
        Command::Extract(args) => commands::extract::run(args, &ctx),
        Command::Diff(args) => commands::diff::run(args, &ctx),
        Command::Fingerprint(args) => commands::fingerprint::run(args, &ctx),
        Command::Schema(args) => commands::schema::run(args, &ctx),
        Command::Completions(args) => {
            commands::completions::run(args, &ctx, Cli::command_for_docs())
        }
        Command::Man(args) => commands::man::run(args, &ctx, Cli::command_for_docs()),
        Command::Init(args) => commands::init::run(args, &ctx),
        Command::Record(args) => commands::record::run(args, &ctx),
        Command::Add(args) => commands::add::run(args, &ctx),
        Command::Review(args) => commands::review::run(args, &ctx),
        Command::Correct(args) => commands::correct::run(args, &ctx),
        Command::List(args) => commands::list::run(args, &ctx),
        Command::Show(args) => commands::show::run(args, &ctx),
        Command::Verify(args) => commands::verify::run(args, &ctx),
        Command::Head(args) => commands::head::run(args, &ctx),
        Command::Export(args) => commands::export::run(args, &ctx),
        Command::Import(args) => commands::import::run(args, &ctx),
        Command::Audit(args) => commands::audit::run(args, &ctx),
        Command::Report(args) => commands::report::run(args, &ctx),
        Command::Speakers(args) => commands::speakers::run(args, &ctx),
    };
    match result {
        Ok(outcome) => outcome.exit_code(),
        Err(err) => {
            eprintln!("{}", err.render(&ctx));
            err.exit_code()
        }
    }
}

impl Cli {
    /// The clap command tree, for completions and man pages.
    fn command_for_docs() -> clap::Command {
        <Cli as clap::CommandFactory>::command()
    }
}
