//! `isnad audit FILE...`: check drafts like a compiler checks code:
//! speculative, vaguely attributed and unattributed claims as diagnostics.

use std::path::PathBuf;

use isnad_model::{Config, FindingKind};
use isnad_report::{
    Additions, Article, Level, Policy, audit_article, audit_document, render_diagnostics,
    render_sarif, render_totals,
};

use crate::input::{BatchReport, InputArgs, run_batch};
use crate::pipeline::Pipeline;
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad audit draft.txt                          every finding as a warning (exit 0)
  isnad audit --deny vague,unattributed draft.txt   fail (exit 1) on vague or unattributed claims
  isnad audit --allow speculative drafts/*.txt   do not report hedged claims
  isnad audit --format sarif draft.txt > isnad.sarif   for code-review and CI tools
  isnad audit --format json draft.txt            the audit document (see `isnad schema audit`)
  isnad audit --deny vague drafts/               every article under a directory, file:line:col each
  isnad audit --keep-going 'pages/*.html'        go on past unreadable inputs (then exit 2)

Settings can also come from isnad.toml in the working directory (or --config):
  [audit]
  deny = [\"unattributed\"]
  [lexicon]
  hedges = [\"supposedly\"]
  vague_sources = [\"insiders\"]
Flags win over the file. Columns count characters (Unicode code points).";

/// Output formats of `isnad audit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style diagnostics.
    Human,
    /// The audit document (`isnad schema audit`).
    Json,
    /// SARIF 2.1.0 (columns in Unicode code points).
    Sarif,
}

/// Finding kinds on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    /// A claim whose certainty is hedged.
    Speculative,
    /// A claim attributed to an unnamed source.
    Vague,
    /// A statement in the author's own voice.
    Unattributed,
}

impl From<KindArg> for FindingKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Speculative => FindingKind::Speculative,
            KindArg::Vague => FindingKind::Vague,
            KindArg::Unattributed => FindingKind::Unattributed,
        }
    }
}

/// Arguments of `isnad audit`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to audit: files, directories, globs, JSON Lines batches or `-`
    /// (see `isnad extract --help`). Extraction documents with their text
    /// (`isnad extract --format json|jsonl --with-text`) are read as is.
    #[command(flatten)]
    input: InputArgs,
    /// Finding kinds that fail the audit (exit 1), comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KINDS")]
    deny: Vec<KindArg>,
    /// Finding kinds reported as warnings (the default for every kind).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KINDS")]
    warn: Vec<KindArg>,
    /// Finding kinds not reported.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KINDS")]
    allow: Vec<KindArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The settings file (default: isnad.toml in the working directory, when present).
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Add or override extraction lexicon entries from a TOML language pack (repeatable).
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
}

/// The policy from the configuration, then the flags (a kind given to two
/// flags is a usage error).
fn policy(args: &Args, config: &Config) -> Result<Policy, CliError> {
    let mut policy = Policy::default();
    if let Some(audit) = &config.audit {
        for (kinds, level) in [
            (&audit.allow, Level::Allow),
            (&audit.warn, Level::Warn),
            (&audit.deny, Level::Deny),
        ] {
            for kind in kinds {
                policy.set(*kind, level);
            }
        }
    }
    let mut given: Vec<(FindingKind, &str)> = Vec::new();
    for (kinds, level, flag) in [
        (&args.allow, Level::Allow, "--allow"),
        (&args.warn, Level::Warn, "--warn"),
        (&args.deny, Level::Deny, "--deny"),
    ] {
        for kind in kinds.iter().map(|k| FindingKind::from(*k)) {
            if let Some((_, other)) = given.iter().find(|(k, f)| *k == kind && *f != flag) {
                return Err(CliError::Usage {
                    message: format!("`{}` is given to both {other} and {flag}", kind.as_str()),
                    hint: Some("give each finding kind to one of --deny, --warn, --allow".into()),
                });
            }
            given.push((kind, flag));
            policy.set(kind, level);
        }
    }
    Ok(policy)
}

/// Reads every input of `input` as an article, in input order (see
/// [`run_batch`]): an extraction document with its text is taken as is;
/// any other input (text, page, Markdown, JSON Lines record) is extracted by
/// the shared pipeline and keeps what it declared (title, URL, date).
pub fn read_articles(
    input: &InputArgs,
    ctx: &Context,
    lexicons: &[PathBuf],
) -> Result<(Vec<Article>, BatchReport), CliError> {
    let mut input = input.clone();
    input.extractions = true;
    let pipeline = Pipeline::new(lexicons)?;
    let mut articles = Vec::new();
    let mut report = run_batch(
        &input,
        ctx,
        |input| {
            let doc = match &input.extraction {
                Some(doc) => doc.clone(),
                None => {
                    let mut doc = pipeline.extract(&input.source, &input.text, false);
                    input.describe(&mut doc.document, false);
                    doc
                }
            };
            Article::from_extraction(&doc, &input.text).map_err(|e| CliError::Input {
                location: input.source.clone(),
                message: e.to_string(),
                hint: Some("the extraction document does not match its text".into()),
            })
        },
        |_, article| {
            articles.push(article);
            Ok(())
        },
    )?;
    if let Some(err) = report.take_stopped() {
        return Err(err);
    }
    Ok((articles, report))
}

/// Runs `isnad audit`.
pub fn run(args: &Args, ctx: &Context) -> Result<Outcome, CliError> {
    let config = crate::config::load(args.config.as_deref())?;
    let policy = policy(args, &config)?;
    let additions = config
        .lexicon
        .as_ref()
        .map(Additions::new)
        .unwrap_or_default();
    let (articles, batch) = read_articles(&args.input, ctx, &args.lexicon)?;
    let mut files = Vec::with_capacity(articles.len());
    for article in &articles {
        files.push(
            audit_article(article, &policy, &additions).map_err(|e| CliError::library(e, None))?,
        );
    }
    let doc = audit_document(files, &policy);
    let text = match args.format {
        Format::Human => {
            let mut out = String::new();
            for (file, article) in doc.files.iter().zip(&articles) {
                // Lines and columns of a page count in its extracted text,
                // not in the markup: say so once per file.
                if let Some(format) = &article.input_format
                    && !file.findings.is_empty()
                {
                    out.push_str(&format!(
                        "note: {}: lines and columns count in the text extracted from this {format} input (`isnad extract --format json` prints it as document.text)\n",
                        file.source
                    ));
                }
                out.push_str(&render_diagnostics(
                    file,
                    article.text.as_deref().unwrap_or(""),
                    ctx.color_stdout,
                ));
            }
            out.push_str(&render_totals(&doc, ctx.color_stdout));
            out
        }
        Format::Json => pretty(&doc)?,
        Format::Sarif => pretty(&render_sarif(&doc, env!("CARGO_PKG_VERSION")))?,
    };
    super::print_stdout(&text)?;
    let outcome = if doc.totals.errors > 0 {
        Outcome::Findings
    } else {
        Outcome::Ok
    };
    let findings = doc.files.iter().map(|f| f.findings.len()).sum::<usize>();
    batch.finish(ctx, &format!("{findings} findings"), outcome)
}

fn pretty<T: serde::Serialize>(value: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| CliError::library(e, None))
}
