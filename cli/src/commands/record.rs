//! `isnad record FILE...`: extract each document and append its snapshot
//! and claims to the ledger.

use isnad_ledger::ops::{DocumentDraft, plan_record};

use super::ledger_opts::{LedgerOpts, ledger_error, parse_time};
use crate::input::{InputArgs, InputFormat, run_batch};
use crate::pipeline::Pipeline;
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad record article.txt --url https://example.org/a --title 'Talks resume'
  isnad record articles/*.txt              many files: in parallel, with a progress bar
  isnad record page.html                   a saved web page: its article, URL, title and date
  isnad record corpus/ --keep-going        a directory (recursive), going on past bad files
  isnad record scraped.jsonl               one {url, title, published, text|html} record per line
  curl -s URL | isnad record - --url URL   standard input
  isnad record --no-text article.txt       keep fingerprints only, not the text

Recording an unchanged document again appends nothing; a changed one (same URL
or path) becomes its next version.";

/// Arguments of `isnad record`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// The document's URL (one file only): versions are keyed by it. By
    /// default, the URL a page or JSON Lines record declares.
    #[arg(long)]
    url: Option<String>,
    /// The document's title (one file only). By default, the title the
    /// input declares.
    #[arg(long)]
    title: Option<String>,
    /// When the document was published: YYYY-MM-DD or RFC 3339 (one file
    /// only). By default, the time the input declares, when it is in one of
    /// these forms.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Keep only fingerprints, not the text: quotes and spans cannot be
    /// checked later.
    #[arg(long)]
    no_text: bool,
    #[command(flatten)]
    ledger: LedgerOpts,
}

/// Runs `isnad record`.
pub fn run(args: &Args, ctx: &Context) -> Result<Outcome, CliError> {
    let files = &args.input.files;
    let one_document = files.len() == 1
        && !std::path::Path::new(&files[0]).is_dir()
        && !files[0].ends_with(".jsonl")
        && !files[0].ends_with(".ndjson")
        && args.input.input_format != InputFormat::Jsonl;
    if !one_document && (args.url.is_some() || args.title.is_some() || args.published.is_some()) {
        return Err(CliError::Usage {
            message:
                "--url, --title and --published describe one document, but several were given"
                    .into(),
            hint: Some(
                "record the files one at a time; pages and JSON Lines records give their own URL, title and date"
                    .into(),
            ),
        });
    }
    if let Some(p) = &args.published {
        parse_time(p, false)?;
    }
    let pipeline = Pipeline::new(&[])?;
    let mut store = args.ledger.open()?;
    let author = args.ledger.author()?;

    // Extraction runs in parallel; appends are one per document, in input
    // order, each under the ledger's lock.
    let mut out = String::new();
    let mut claims = 0usize;
    let mut report = run_batch(
        &args.input,
        ctx,
        |input| {
            let declared = input
                .meta
                .published
                .clone()
                .filter(|p| parse_time(p, false).is_ok());
            Ok(DocumentDraft {
                extraction: pipeline.extract(&input.source, &input.text, false),
                text: input.text.clone(),
                url: args.url.clone().or_else(|| input.meta.url.clone()),
                title: args.title.clone().or_else(|| input.meta.title.clone()),
                published: args.published.clone().or(declared),
                keep_text: !args.no_text,
            })
        },
        |input, draft| {
            let mut outcome = None;
            store
                .append(&mut |index| {
                    let (entries, o) = plan_record(index, &draft, &author);
                    outcome = Some(o);
                    Ok(entries)
                })
                .map_err(ledger_error)?;
            let index = store.load().map_err(ledger_error)?;
            if let Some(o) = outcome {
                let short = index.short_doc_id(&o.doc);
                let file = &input.source;
                if o.appended {
                    claims += o.claims;
                    out.push_str(&format!(
                        "recorded {short} v{} {file}: {} claims\n",
                        o.version, o.claims
                    ));
                } else {
                    out.push_str(&format!("unchanged {short} v{} {file}: same text as the latest version, nothing appended\n", o.version));
                }
            }
            Ok(())
        },
    )?;
    // What was appended before a failure is in the ledger: say so.
    super::print_stdout(&out)?;
    if let Some(err) = report.take_stopped() {
        return Err(err);
    }
    report.finish(ctx, &format!("{claims} claims appended"), Outcome::Ok)
}
