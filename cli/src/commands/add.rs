//! `isnad add`: log a claim by hand, with its quote verified against the
//! stored document text.

use isnad_ledger::LedgerError;
use isnad_ledger::ops::{AddCheck, AddRequest, QuoteMatch, plan_add};
use isnad_model::Stance;

use super::ledger_opts::{LedgerOpts, ledger_error};
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad add --doc 3f2a9c1e --speaker 'Foreign Minister' --quote 'talks may resume next week'
  isnad add --doc https://example.org/a --speaker 'وزير الخارجية' --quote 'المحادثات قد تستأنف' --cue قال
  isnad add --doc article.txt@2 --speaker Police --quote 'no arrests' --unverified --note 'from a phone call'

The quote is looked up in the stored text (normalized exact match first, then an
approximate match); a quote that is not there is refused (exit 2) with the
closest passage, unless --unverified.";

/// Arguments of `isnad add`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document: its id or a unique prefix, its URL or path; `@N` for a version.
    #[arg(long, value_name = "DOC")]
    doc: String,
    /// Who made the claim.
    #[arg(long)]
    speaker: String,
    /// The claim as quoted in the document.
    #[arg(long)]
    quote: String,
    /// The reporting verb (said, قال ...).
    #[arg(long, value_name = "VERB")]
    cue: Option<String>,
    /// The speaker's stance.
    #[arg(long, value_enum)]
    stance: Option<StanceArg>,
    /// A free note.
    #[arg(long)]
    note: Option<String>,
    /// Store the claim even if the quote is not found (flagged unverified).
    #[arg(long)]
    unverified: bool,
    /// The least similarity (0 to 1) that counts as found.
    #[arg(long, default_value_t = 0.85, value_name = "S")]
    min_similarity: f64,
    #[command(flatten)]
    ledger: LedgerOpts,
}

/// Stances on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StanceArg {
    /// States something as true.
    Asserts,
    /// Denies something.
    Denies,
    /// Warns.
    Warns,
    /// Predicts.
    Predicts,
    /// Alleges.
    Alleges,
    /// Questions.
    Questions,
    /// Describes.
    Describes,
    /// Demands.
    Demands,
    /// Accuses.
    Accuses,
    /// Praises.
    Praises,
    /// Promises.
    Promises,
    /// Believes.
    Believes,
}

impl From<StanceArg> for Stance {
    fn from(s: StanceArg) -> Stance {
        match s {
            StanceArg::Asserts => Stance::Asserts,
            StanceArg::Denies => Stance::Denies,
            StanceArg::Warns => Stance::Warns,
            StanceArg::Predicts => Stance::Predicts,
            StanceArg::Alleges => Stance::Alleges,
            StanceArg::Questions => Stance::Questions,
            StanceArg::Describes => Stance::Describes,
            StanceArg::Demands => Stance::Demands,
            StanceArg::Accuses => Stance::Accuses,
            StanceArg::Praises => Stance::Praises,
            StanceArg::Promises => Stance::Promises,
            StanceArg::Believes => Stance::Believes,
        }
    }
}

/// The hasher's quote locator (`isnad-fingerprint`): an exact match on the
/// normalized text first, then an approximate search with an error budget.
fn locate(text: &str, quote: &str) -> Option<QuoteMatch> {
    isnad_fingerprint::locate(text, quote).map(|m| QuoteMatch {
        span: m.span,
        similarity: m.similarity,
    })
}

/// Runs `isnad add`.
pub fn run(args: &Args, _ctx: &Context) -> Result<Outcome, CliError> {
    if !(0.0..=1.0).contains(&args.min_similarity) {
        return Err(CliError::Usage {
            message: "--min-similarity must be between 0 and 1".into(),
            hint: None,
        });
    }
    let mut store = args.ledger.open()?;
    let author = args.ledger.author()?;
    let request = AddRequest {
        doc: args.doc.clone(),
        speaker: args.speaker.clone(),
        quote: args.quote.clone(),
        cue: args.cue.clone(),
        stance: args.stance.map(Stance::from),
        note: args.note.clone(),
        unverified: args.unverified,
        min_similarity: args.min_similarity,
    };
    let mut check = None;
    let written = store
        .append(&mut |index| {
            let (entry, c) = plan_add(index, &request, &author, &locate)?;
            check = Some(c);
            Ok(vec![entry])
        })
        .map_err(|e| match e {
            LedgerError::QuoteNotFound { .. } => CliError::library(e, None),
            other => ledger_error(other),
        })?;
    let Some(isnad_ledger::Entry::Claim(claim)) = written.first() else {
        return Err(CliError::library("nothing was written", None));
    };
    let text = match check {
        Some(AddCheck::Verified(m)) => format!(
            "added {} (verified: similarity {:.2}, span {}..{} of document {} v{})\n",
            claim.id,
            m.similarity,
            m.span.start,
            m.span.end,
            claim.doc.get(..8).unwrap_or(&claim.doc),
            claim.doc_version
        ),
        Some(AddCheck::Unverified { reason, .. }) => {
            format!("added {} UNVERIFIED: {reason}\n", claim.id)
        }
        None => format!("added {}\n", claim.id),
    };
    super::print_stdout(&text).map(|()| Outcome::Ok)
}
