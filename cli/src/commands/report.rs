//! `isnad report FILE...` or `isnad report --ledger`: summaries for
//! fact-checkers in seven formats.

use std::collections::BTreeMap;
use std::path::PathBuf;

use isnad_ledger::{ClaimRecord, DocumentRecord};
use isnad_model::{ClaimEntry, OffsetUnit, ReviewEntry};
use isnad_report::{Article, Format as ReportFormat, Options, render};

use super::audit::read_articles;
use super::ledger_opts::ledger_error;
use super::list::FilterArgs;
use crate::input::InputArgs;
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad report article.txt                      a summary table of the claims
  isnad report --format html a.txt b.txt > report.html   one self-contained page
  isnad report --format csv drafts/*.txt > claims.csv
  isnad report --format html saved-pages/ > week.html   one report over every page of a directory
  isnad report --ledger --attribution vague     the claims of the ledger, filtered as in `list`
  isnad report --ledger --format claimreview --org-name \"Example Fact Check\" --org-url https://factcheck.example
  isnad report --format annotations --offsets utf16 article.txt   W3C Web Annotations for browser tools

JSON formats: json (`isnad schema report`), claimreview (`isnad schema claimreview`),
annotations (`isnad schema annotations`; `offsetUnit` says whether positions count
code points or UTF-16 units). The organization and the offset unit can also come
from the [report] table of isnad.toml.";

/// Output formats of `isnad report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text for a terminal.
    Table,
    /// Markdown.
    Md,
    /// One row per claim.
    Csv,
    /// The report document.
    Json,
    /// One self-contained HTML page.
    Html,
    /// schema.org ClaimReview JSON-LD for the reviewed claims.
    Claimreview,
    /// W3C Web Annotation JSON-LD, one annotation per claim.
    Annotations,
}

/// Offset units on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OffsetArg {
    /// Unicode code points (isnad's unit).
    CodePoints,
    /// UTF-16 code units (what browsers count).
    Utf16,
}

/// Arguments of `isnad report`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("files", |a| a.required(false).required_unless_present("ledger").conflicts_with("ledger")))]
pub struct Args {
    /// What to report on, as one report: files, directories, globs, JSON
    /// Lines batches or `-` (see `isnad extract --help`). An extraction
    /// document with its text is read as is.
    #[command(flatten)]
    input: InputArgs,
    /// Report on the claims of a ledger instead of files (default: ISNAD_LEDGER or isnad.ledger.jsonl).
    #[arg(long, value_name = "PATH", num_args = 0..=1, default_missing_value = "")]
    ledger: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// The unit of annotation positions (default: code points, or [report] offsets in isnad.toml).
    #[arg(long, value_enum)]
    offsets: Option<OffsetArg>,
    /// The reviewing organization's name, for ClaimReview.
    #[arg(long, value_name = "NAME")]
    org_name: Option<String>,
    /// The reviewing organization's web site, for ClaimReview.
    #[arg(long, value_name = "URL")]
    org_url: Option<String>,
    /// The HTML page's title.
    #[arg(long)]
    title: Option<String>,
    /// The settings file (default: isnad.toml in the working directory, when present).
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Add or override extraction lexicon entries from a TOML language pack (repeatable).
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    /// With --ledger: which claims to report (the filters of `isnad list`).
    #[command(flatten)]
    filters: FilterArgs,
}

/// Runs `isnad report`.
pub fn run(args: &Args, ctx: &Context) -> Result<Outcome, CliError> {
    let filtered = args.filters.is_set();
    if filtered && args.ledger.is_none() {
        return Err(CliError::Usage {
            message: "--speaker, --attribution, --certainty, --doc, --since, --until and --withdrawn filter the claims of a ledger".into(),
            hint: Some("add --ledger, or give files without filters".into()),
        });
    }
    let config = crate::config::load(args.config.as_deref())?;
    let report_config = config.report.unwrap_or_default();
    let (articles, batch) = match &args.ledger {
        Some(path) => (ledger_articles(args, path)?, None),
        None => {
            let (articles, batch) = read_articles(&args.input, ctx, &args.lexicon)?;
            (articles, Some(batch))
        }
    };
    let options = Options {
        color: ctx.color_stdout,
        organization: args.org_name.clone().or(report_config.organization),
        organization_url: args.org_url.clone().or(report_config.organization_url),
        offsets: match args.offsets {
            Some(OffsetArg::CodePoints) => OffsetUnit::CodePoints,
            Some(OffsetArg::Utf16) => OffsetUnit::Utf16,
            None => report_config.offsets.unwrap_or_default(),
        },
        title: args.title.clone(),
    };
    let format = match args.format {
        Format::Table => ReportFormat::Table,
        Format::Md => ReportFormat::Markdown,
        Format::Csv => ReportFormat::Csv,
        Format::Json => ReportFormat::Json,
        Format::Html => ReportFormat::Html,
        Format::Claimreview => ReportFormat::ClaimReview,
        Format::Annotations => ReportFormat::Annotations,
    };
    let text = render(&articles, format, &options).map_err(|e| match e {
        isnad_report::ReportError::NoOrganization => CliError::Usage {
            message: "ClaimReview needs the reviewing organization's name".into(),
            hint: Some("give --org-name (and --org-url), or set organization in the [report] table of isnad.toml".into()),
        },
        other => CliError::library(other, None),
    })?;
    super::print_stdout(&text)?;
    match batch {
        Some(batch) => {
            let claims: usize = articles.iter().map(|a| a.claims.len()).sum();
            batch.finish(ctx, &format!("{claims} claims"), Outcome::Ok)
        }
        None => Ok(Outcome::Ok),
    }
}

/// The ledger's claims that pass the filters, one article per document
/// version, in ledger order; withdrawn reviews are left out.
fn ledger_articles(args: &Args, path: &str) -> Result<Vec<Article>, CliError> {
    let location = if path.is_empty() {
        std::env::var("ISNAD_LEDGER")
            .ok()
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| isnad_ledger::DEFAULT_LEDGER.to_string())
    } else {
        path.to_string()
    };
    let mut store = isnad_ledger::open(&location).map_err(ledger_error)?;
    let query = args.filters.to_query(store.as_mut())?;
    let records = super::list::query_claims(store.as_mut(), &query)?;
    super::ledger_opts::warn_state(store.as_ref());
    // Group by document version, keeping the order in which versions first appear.
    let mut order: Vec<(String, u32)> = Vec::new();
    let mut groups: BTreeMap<(String, u32), Vec<&ClaimRecord>> = BTreeMap::new();
    for record in &records {
        let key = (record.claim.doc.clone(), record.claim.doc_version);
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(record);
    }
    let mut versions: BTreeMap<String, Vec<DocumentRecord>> = BTreeMap::new();
    let mut articles = Vec::new();
    for key in order {
        if !versions.contains_key(&key.0) {
            let found = store.document_versions(&key.0).map_err(ledger_error)?;
            versions.insert(key.0.clone(), found);
        }
        let Some(document) = versions
            .get(&key.0)
            .and_then(|vs| vs.iter().find(|d| d.document.version == key.1))
            .map(|d| &d.document)
        else {
            return Err(CliError::Input {
                location: location.clone(),
                message: format!(
                    "a claim names version {} of document {}, which the ledger does not hold",
                    key.1,
                    store.short_doc_id(&key.0).map_err(ledger_error)?
                ),
                hint: Some("run `isnad verify` to see what is wrong".into()),
            });
        };
        let records = groups.remove(&key).unwrap_or_default();
        let claims: Vec<&ClaimEntry> = records.iter().map(|r| &r.claim).collect();
        let reviews: Vec<&ReviewEntry> =
            records.iter().flat_map(|r| r.standing_reviews()).collect();
        let mut article =
            Article::from_ledger(document, &claims, &reviews).map_err(|e| CliError::Input {
                location: location.clone(),
                message: e.to_string(),
                hint: Some("run `isnad verify` to see what is wrong".into()),
            })?;
        if article.url.is_none() {
            article.source = document.source.clone();
        }
        articles.push(article);
    }
    Ok(articles)
}
