//! `isnad speakers FILE...` / `isnad speakers --ledger`: who speaks, under
//! which names, how often and how hedged; and merges to consider.

use std::fmt::Write as _;
use std::path::PathBuf;

use isnad_ledger::ClaimQuery;
use isnad_model::{Attribution, Certainty, SpeakersReport};
use isnad_speakers::ClaimView;

use super::ledger_opts::{ledger_error, warn_state};
use crate::input::{InputArgs, run_batch};
use crate::pipeline::{Pipeline, speaker_resolver};
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad speakers article.txt                    entities, their spellings and claim counts
  isnad speakers --speakers aliases.toml a.txt b.txt
                                                with your alias file (it always wins)
  isnad speakers --ledger --format json         over the claim ledger (schema speakers-report)
  isnad speakers saved-pages/ scraped.jsonl     one grouping across every article of a batch

An alias file (TOML, schema `speakers`):
  [[entity]]
  name = \"Kim Jong Un\"
  wikidata = \"Q56226\"
  aliases = [\"كيم جونغ أون\", \"Kim Jong-un\", \"the North Korean leader\"]";

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A readable table.
    Table,
    /// The speakers report (schema `speakers-report`).
    Json,
}

/// Arguments of `isnad speakers`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("files", |a| a.required(false).required_unless_present("ledger").conflicts_with("ledger")))]
pub struct Args {
    /// What to read, grouped as one batch: files, directories, globs, JSON
    /// Lines batches or `-` (see `isnad extract --help`).
    #[command(flatten)]
    input: InputArgs,
    /// Read the claims of a ledger instead of files (default: ISNAD_LEDGER or isnad.ledger.jsonl).
    #[arg(long, value_name = "PATH", num_args = 0..=1, default_missing_value = "")]
    ledger: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Add or override extraction lexicon entries from a TOML language pack (repeatable).
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
}

/// Runs `isnad speakers`.
pub fn run(args: &Args, ctx: &Context) -> Result<Outcome, CliError> {
    let resolver = speaker_resolver()?;
    let mut batch = None;
    let report = match &args.ledger {
        Some(path) => {
            let (views, docs) = ledger_views(path, &resolver)?;
            resolver.summarize(&views, docs, "ledger")
        }
        None => {
            let pipeline = Pipeline::new(&args.lexicon)?;
            let mut views = Vec::new();
            let mut documents = 0usize;
            let mut report = run_batch(
                &args.input,
                ctx,
                |input| Ok(pipeline.extract(&input.source, &input.text, false)),
                |input, doc| {
                    documents += 1;
                    for claim in &doc.claims {
                        let Some(sp) = &claim.speaker else { continue };
                        views.push(ClaimView {
                            document: input.source.clone(),
                            name: sp.name.clone(),
                            key: sp.key.clone(),
                            kind: Some(sp.kind),
                            attribution: claim.attribution,
                            certainty: claim.certainty,
                        });
                    }
                    Ok(())
                },
            )?;
            if let Some(err) = report.take_stopped() {
                return Err(err);
            }
            batch = Some(report);
            resolver.summarize(&views, documents, "files")
        }
    };
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&report)
            .map(|s| s + "\n")
            .map_err(|e| CliError::library(e, None))?,
        Format::Table => table(&report, ctx),
    };
    super::print_stdout(&text)?;
    match batch {
        Some(batch) => {
            let extra = format!("{} entities", report.entities.len());
            batch.finish(ctx, &extra, Outcome::Ok)
        }
        None => Ok(Outcome::Ok),
    }
}

/// The ledger's claims with a speaker; the alias file re-keys them.
fn ledger_views(
    path: &str,
    resolver: &isnad_speakers::Resolver,
) -> Result<(Vec<ClaimView>, usize), CliError> {
    let location = if path.is_empty() {
        std::env::var("ISNAD_LEDGER")
            .ok()
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| isnad_ledger::DEFAULT_LEDGER.to_string())
    } else {
        path.to_string()
    };
    let mut store = isnad_ledger::open(&location).map_err(ledger_error)?;
    let mut views = Vec::new();
    let mut docs = std::collections::HashSet::new();
    // Streamed from the store: only the claims, never the documents.
    store
        .query_claims(&ClaimQuery::default(), &mut |record| {
            let claim = record.claim;
            let Some(name) = claim.speaker else {
                return Ok(());
            };
            let key = resolver
                .alias_key(&name)
                .or(claim.speaker_key)
                .unwrap_or_else(|| isnad_text_key(&name));
            docs.insert(claim.doc.clone());
            views.push(ClaimView {
                document: claim.doc,
                name,
                key,
                kind: claim.speaker_kind,
                attribution: claim.attribution.unwrap_or(Attribution::Attributed),
                certainty: claim.certainty.unwrap_or(Certainty::Asserted),
            });
            Ok(())
        })
        .map_err(ledger_error)?;
    warn_state(store.as_ref());
    Ok((views, docs.len()))
}

/// A key for a ledger claim logged without one: its name, lowercased.
fn isnad_text_key(name: &str) -> String {
    name.trim().to_lowercase()
}

fn table(report: &SpeakersReport, ctx: &Context) -> String {
    let bold = |s: &str| {
        if ctx.color_stdout {
            format!("\u{1b}[1m{s}\u{1b}[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} entities, {} claims with a speaker, {} documents ({})",
        report.entities.len(),
        report.claims,
        report.documents,
        report.source
    );
    for e in &report.entities {
        let mut head = e.name.clone();
        if let Some(q) = &e.wikidata {
            let _ = write!(head, " ({q})");
        }
        let kind = e
            .kind
            .map(|k| format!("{k:?}").to_lowercase())
            .unwrap_or_else(|| "-".into());
        let _ = writeln!(
            out,
            "\n{}  [{kind}]  key: {}{}",
            bold(&head),
            e.key,
            if e.from_alias_file {
                "  (alias file)"
            } else {
                ""
            }
        );
        let _ = writeln!(
            out,
            "  claims {} in {} document(s): attributed {}, vague {}, unattributed {}; asserted {}, hedged {}",
            e.claims,
            e.documents,
            e.attribution.attributed,
            e.attribution.vague,
            e.attribution.unattributed,
            e.certainty.asserted,
            e.certainty.hedged
        );
        let variants: Vec<String> = e
            .variants
            .iter()
            .map(|v| format!("{} ×{}", v.name, v.claims))
            .collect();
        let _ = writeln!(out, "  written as: {}", variants.join(" · "));
    }
    if !report.suggestions.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            bold("Suggested merges (not made; add an alias to merge them):")
        );
        for s in &report.suggestions {
            // a pair across scripts is only ever a suggestion: say why
            let basis = if s.basis == "transliteration" {
                "  (Arabic/Latin transliteration)"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "  {:.2}  {}  ~  {}{basis}",
                s.score, s.a_name, s.b_name
            );
        }
    }
    out
}
