//! `isnad record FILE...`: extract each document and append its snapshot
//! and claims to the ledger.

use std::io::IsTerminal;

use isnad_ingest::Decoding;
use isnad_ledger::ops::{DocumentDraft, plan_record};
use rayon::prelude::*;

use super::ledger_opts::{LedgerOpts, ledger_error, parse_time};
use crate::input::read_input;
use crate::pipeline::Pipeline;
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad record article.txt --url https://example.org/a --title 'Talks resume'
  isnad record articles/*.txt              many files: in parallel, with a progress bar
  curl -s URL | isnad record - --url URL   standard input
  isnad record --no-text article.txt       keep fingerprints only, not the text

Recording an unchanged document again appends nothing; a changed one (same URL
or path) becomes its next version.";

/// Arguments of `isnad record`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Text files to record; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// The document's URL (one file only): versions are keyed by it.
    #[arg(long)]
    url: Option<String>,
    /// The document's title (one file only).
    #[arg(long)]
    title: Option<String>,
    /// When the document was published: YYYY-MM-DD or RFC 3339 (one file only).
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Keep only fingerprints, not the text: quotes and spans cannot be
    /// checked later.
    #[arg(long)]
    no_text: bool,
    /// Replace invalid UTF-8 with U+FFFD instead of refusing the file.
    #[arg(long)]
    lossy: bool,
    #[command(flatten)]
    ledger: LedgerOpts,
}

/// Runs `isnad record`.
pub fn run(args: &Args, ctx: &Context) -> Result<Outcome, CliError> {
    if args.files.len() > 1
        && (args.url.is_some() || args.title.is_some() || args.published.is_some())
    {
        return Err(CliError::Usage {
            message:
                "--url, --title and --published describe one document, but several files were given"
                    .into(),
            hint: Some("record the files one at a time".into()),
        });
    }
    if let Some(p) = &args.published {
        parse_time(p, false)?;
    }
    let decoding = if args.lossy {
        Decoding::Lossy
    } else {
        Decoding::Strict
    };
    let pipeline = Pipeline::new(&[])?;
    let mut store = args.ledger.open()?;
    let author = args.ledger.author();

    let bar = (args.files.len() > 1 && ctx.stderr_is_terminal && std::io::stderr().is_terminal())
        .then(|| {
            let bar = indicatif::ProgressBar::new(args.files.len() as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        });
    // Extraction runs in parallel; appends are one per document, in the
    // order given, each under the ledger's lock.
    let drafts: Vec<Result<DocumentDraft, CliError>> = args
        .files
        .par_iter()
        .map(|file| {
            let input = read_input(file, decoding)?;
            let doc = pipeline.extract(&input.source, &input.text, false);
            if let Some(bar) = &bar {
                bar.inc(1);
            }
            Ok(DocumentDraft {
                extraction: doc,
                text: input.text,
                url: args.url.clone(),
                title: args.title.clone(),
                published: args.published.clone(),
                keep_text: !args.no_text,
            })
        })
        .collect();
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let mut out = String::new();
    let mut failed = 0;
    for (file, draft) in args.files.iter().zip(drafts) {
        let draft = match draft {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{}", e.render(ctx));
                failed += 1;
                continue;
            }
        };
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
            if o.appended {
                out.push_str(&format!(
                    "recorded {short} v{} {file}: {} claims\n",
                    o.version, o.claims
                ));
            } else {
                out.push_str(&format!("unchanged {short} v{} {file}: same text as the latest version, nothing appended\n", o.version));
            }
        }
    }
    super::print_stdout(&out)?;
    if failed > 0 {
        return Err(CliError::Usage {
            message: format!(
                "{failed} of {} inputs could not be recorded",
                args.files.len()
            ),
            hint: None,
        });
    }
    Ok(Outcome::Ok)
}
