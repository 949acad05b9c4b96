//! `isnad list`: the claims in the ledger, filtered.

use std::collections::HashMap;

use isnad_ledger::{ClaimQuery, ClaimRecord, LedgerStore};
use isnad_model::{Attribution, Certainty};

use super::ledger_opts::{LedgerOpts, clip, ledger_error, parse_time, warn_state};
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad list                                   every claim, as a table
  isnad list --speaker minister --certainty hedged
  isnad list --attribution vague --since 2026-11-01 --format csv > vague.csv
  isnad list --doc 3f2a9c1e --format jsonl     ledger claim entries, one per line";

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A readable table.
    Table,
    /// A JSON array of claim entries (schema `ledger-entry-claim`).
    Json,
    /// One claim entry per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

/// Attribution classes on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AttributionArg {
    /// A named source.
    Attributed,
    /// An unnamed or anonymous source.
    Vague,
    /// The author's own voice.
    Unattributed,
}

/// Certainty on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CertaintyArg {
    /// Stated as fact.
    Asserted,
    /// Weakened by a hedge.
    Hedged,
}

/// The claim filters of the ledger, shared by `list` and `report --ledger`.
#[derive(Debug, Clone, clap::Args)]
pub struct FilterArgs {
    /// Only claims whose speaker's name or key contains this (case-insensitive).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only claims of this attribution class.
    #[arg(long, value_enum)]
    pub attribution: Option<AttributionArg>,
    /// Only claims of this certainty.
    #[arg(long, value_enum)]
    pub certainty: Option<CertaintyArg>,
    /// Only claims of this document (id, id prefix, URL or path).
    #[arg(long, value_name = "DOC")]
    pub doc: Option<String>,
    /// Only claims logged at or after this time (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only claims logged at or before this time (a date counts to its end).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Also show withdrawn claims.
    #[arg(long)]
    pub withdrawn: bool,
}

impl FilterArgs {
    /// True when any filter is given.
    pub fn is_set(&self) -> bool {
        self.speaker.is_some()
            || self.attribution.is_some()
            || self.certainty.is_some()
            || self.doc.is_some()
            || self.since.is_some()
            || self.until.is_some()
            || self.withdrawn
    }

    /// The ledger's query; the document reference is resolved by the store.
    pub fn to_query(&self, store: &mut dyn LedgerStore) -> Result<ClaimQuery, CliError> {
        Ok(ClaimQuery {
            speaker: self.speaker.clone(),
            attribution: self.attribution.map(|a| match a {
                AttributionArg::Attributed => Attribution::Attributed,
                AttributionArg::Vague => Attribution::Vague,
                AttributionArg::Unattributed => Attribution::Unattributed,
            }),
            certainty: self.certainty.map(|c| match c {
                CertaintyArg::Asserted => Certainty::Asserted,
                CertaintyArg::Hedged => Certainty::Hedged,
            }),
            doc: match &self.doc {
                Some(d) => Some(store.resolve_document(d).map_err(ledger_error)?.0),
                None => None,
            },
            since: self
                .since
                .as_deref()
                .map(|s| parse_time(s, false))
                .transpose()?,
            until: self
                .until
                .as_deref()
                .map(|s| parse_time(s, true))
                .transpose()?,
            include_withdrawn: self.withdrawn,
            ..ClaimQuery::default()
        })
    }
}

/// The claims that match `query`, asked of the store (in the database for
/// PostgreSQL, a streaming scan for a file). Callers then warn with
/// [`warn_state`].
pub fn query_claims(
    store: &mut dyn LedgerStore,
    query: &ClaimQuery,
) -> Result<Vec<ClaimRecord>, CliError> {
    let mut records = Vec::new();
    store
        .query_claims(query, &mut |r| {
            records.push(r);
            Ok(())
        })
        .map_err(ledger_error)?;
    Ok(records)
}

/// Arguments of `isnad list`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    filters: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    ledger: LedgerOpts,
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn name<T: serde::Serialize>(v: &Option<T>) -> String {
    v.as_ref()
        .and_then(|v| serde_json::to_value(v).ok())
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Runs `isnad list`.
pub fn run(args: &Args, _ctx: &Context) -> Result<Outcome, CliError> {
    let mut store = args.ledger.open()?;
    let query = args.filters.to_query(store.as_mut())?;
    let records = query_claims(store.as_mut(), &query)?;
    warn_state(store.as_ref());
    let mut short_ids: HashMap<String, String> = HashMap::new();
    for r in &records {
        if !short_ids.contains_key(&r.claim.doc) {
            let short = store.short_doc_id(&r.claim.doc).map_err(ledger_error)?;
            short_ids.insert(r.claim.doc.clone(), short);
        }
    }
    let short = |doc: &str| short_ids.get(doc).cloned().unwrap_or_default();
    let claims: Vec<_> = records.iter().map(|r| &r.claim).collect();
    let rating = |r: &ClaimRecord| r.latest_rating().unwrap_or_default().to_string();
    let text = match args.format {
        Format::Json => {
            let mut s =
                serde_json::to_string_pretty(&claims).map_err(|e| CliError::library(e, None))?;
            s.push('\n');
            s
        }
        Format::Jsonl => {
            let mut s = String::new();
            for c in &claims {
                s.push_str(&serde_json::to_string(c).map_err(|e| CliError::library(e, None))?);
                s.push('\n');
            }
            s
        }
        Format::Csv => {
            let mut s = String::from(
                "id,doc,version,speaker,attribution,certainty,stance,origin,verified,rating,recorded_at,author,quote\n",
            );
            for r in &records {
                let c = &r.claim;
                let row = [
                    c.id.clone(),
                    short(&c.doc),
                    c.doc_version.to_string(),
                    c.speaker.clone().unwrap_or_default(),
                    name(&c.attribution),
                    name(&c.certainty),
                    name(&c.stance),
                    name(&Some(c.origin)),
                    c.verified.to_string(),
                    rating(r),
                    c.recorded_at.clone(),
                    c.author.clone(),
                    c.quote.clone(),
                ];
                s.push_str(
                    &row.iter()
                        .map(|f| csv_field(f))
                        .collect::<Vec<_>>()
                        .join(","),
                );
                s.push('\n');
            }
            s
        }
        Format::Table => {
            let mut s = format!(
                "{:<17}  {:<12}  {:<20}  {:<12}  {:<8}  {:<11}  {}\n",
                "CLAIM", "DOC", "SPEAKER", "ATTRIBUTION", "CERTAIN", "REVIEW", "QUOTE"
            );
            for r in &records {
                let c = &r.claim;
                let doc = format!("{}@{}", short(&c.doc), c.doc_version);
                let mut quote = clip(&c.quote, 60);
                if !c.verified {
                    quote = format!("[unverified] {quote}");
                }
                s.push_str(&format!(
                    "{:<17}  {:<12}  {:<20}  {:<12}  {:<8}  {:<11}  {}\n",
                    c.id,
                    doc,
                    clip(c.speaker.as_deref().unwrap_or("—"), 20),
                    name(&c.attribution),
                    name(&c.certainty),
                    rating(r),
                    quote
                ));
            }
            s.push_str(&format!("{} claims\n", claims.len()));
            s
        }
    };
    super::print_stdout(&text).map(|()| Outcome::Ok)
}
