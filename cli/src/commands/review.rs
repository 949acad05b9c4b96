//! `isnad review CLAIM --rating RATING`: record a fact-checker's verdict.

use isnad_ledger::ops::plan_review;
use isnad_model::Rating;

use super::ledger_opts::{LedgerOpts, ledger_error};
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad review k3f2a9c1e04b7d2a0 --rating misleading --note 'the figure is from 2019'
  isnad review k3f2a9 --rating false --url https://example.org/factcheck/123

Ratings: true, mostly-true, half-true, misleading, mostly-false, false, unproven.";

/// Arguments of `isnad review`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The claim's id, or a unique prefix of it.
    claim: String,
    /// The verdict.
    #[arg(long, value_enum)]
    rating: RatingArg,
    /// The reasoning, in a sentence or two.
    #[arg(long)]
    note: Option<String>,
    /// Where the full fact-check is published.
    #[arg(long)]
    url: Option<String>,
    #[command(flatten)]
    ledger: LedgerOpts,
}

/// Ratings on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RatingArg {
    /// Accurate.
    True,
    /// Accurate but needs context.
    MostlyTrue,
    /// Partly accurate.
    HalfTrue,
    /// Gives a wrong impression.
    Misleading,
    /// Mostly not accurate.
    MostlyFalse,
    /// Not accurate.
    False,
    /// Cannot be established.
    Unproven,
}

impl From<RatingArg> for Rating {
    fn from(r: RatingArg) -> Rating {
        match r {
            RatingArg::True => Rating::True,
            RatingArg::MostlyTrue => Rating::MostlyTrue,
            RatingArg::HalfTrue => Rating::HalfTrue,
            RatingArg::Misleading => Rating::Misleading,
            RatingArg::MostlyFalse => Rating::MostlyFalse,
            RatingArg::False => Rating::False,
            RatingArg::Unproven => Rating::Unproven,
        }
    }
}

/// Runs `isnad review`.
pub fn run(args: &Args, _ctx: &Context) -> Result<Outcome, CliError> {
    let mut store = args.ledger.open()?;
    let author = args.ledger.author()?;
    let rating = Rating::from(args.rating);
    let written = store
        .append(&mut |index| {
            Ok(vec![plan_review(
                index,
                &args.claim,
                rating,
                args.note.clone(),
                args.url.clone(),
                &author,
            )?])
        })
        .map_err(ledger_error)?;
    let Some(isnad_ledger::Entry::Review(review)) = written.first() else {
        return Err(CliError::library("nothing was written", None));
    };
    super::print_stdout(&format!(
        "reviewed {}: {}\n",
        review.claim,
        review.rating.as_str()
    ))
    .map(|()| Outcome::Ok)
}
