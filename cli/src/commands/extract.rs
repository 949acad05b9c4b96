//! `isnad extract FILE...`: find the claims in news texts.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

use isnad_model::Claim;

use isnad_ingest::Format as InputKind;

use crate::input::{InputArgs, InputFormat, run_batch, sniff};
use crate::pipeline::render::Style;
use crate::pipeline::spool;
use crate::pipeline::{Pipeline, Streamed};
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad extract article.txt                  a table of the claims
  isnad extract --format json article.txt    the extraction document (see `isnad schema extraction`)
  isnad extract --format jsonl a.txt b.txt   one extraction document per line
  isnad extract --explain article.txt        why each claim was found
  cat article.txt | isnad extract -          read standard input
  isnad extract --format json page.html      a saved web page: the article is extracted (document.text)
  isnad extract --format jsonl corpus/       every .txt .md .html .jsonl file under a directory
  isnad extract --keep-going 'news/*.html'   go on past bad inputs (exit 2 if any failed)
  isnad extract --input-format jsonl scraped.ndjson   one {url, title, published, text|html} per line";

/// Output formats of `isnad extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A readable table of the claims.
    Table,
    /// One extraction document (pretty JSON); with several inputs, a JSON array.
    Json,
    /// One extraction document per line.
    Jsonl,
}

/// Arguments of `isnad extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Include the text that the spans point into as `document.text` (always
    /// there when the input was not plain text).
    #[arg(long)]
    with_text: bool,
    /// Show, per claim, the rule, the lexicon entries that fired and why the
    /// speaker boundary fell where it did (fills `explain` in JSON).
    #[arg(long)]
    explain: bool,
    /// Add or override lexicon entries from a TOML language pack (repeatable).
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
}

/// Runs `isnad extract`.
pub fn run(args: &Args, ctx: &Context) -> Result<Outcome, CliError> {
    let pipeline = Pipeline::new(&args.lexicon)?;
    if let Some(path) = streamable(args) {
        // one plain text file in JSON: read from the file as it goes, in
        // flat memory; any trouble reading it (not UTF-8, binary) goes to
        // the batch reader below, which reports it as for any input
        let open = || std::fs::File::open(path);
        if let Ok(doc) = pipeline.extract_reader(
            path,
            open,
            args.explain,
            style(args.format),
            spool::IN_MEMORY,
        ) {
            write_documents(args, vec![doc], &[])?;
            return Ok(Outcome::Ok);
        }
    }
    let mut documents = Vec::new();
    // the texts are kept only for the table's line numbers: a batch in JSON
    // would otherwise hold every input twice
    let mut texts = Vec::new();
    let keep_texts = args.format == Format::Table;
    let mut report = run_batch(
        &args.input,
        ctx,
        |input| {
            let mut doc = pipeline
                .extract_streamed(
                    &input.source,
                    &input.text,
                    args.explain,
                    style(args.format),
                    spool::IN_MEMORY,
                )
                .map_err(|e| CliError::io(std::env::temp_dir(), e))?;
            input.describe(&mut doc.doc.document, args.with_text);
            Ok(doc)
        },
        |input, doc| {
            documents.push(doc);
            if keep_texts {
                texts.push(input.text);
            }
            Ok(())
        },
    )?;
    if let Some(err) = report.take_stopped() {
        return Err(err);
    }
    let claims: usize = documents.iter().map(|d| d.claims.len()).sum();
    write_documents(args, documents, &texts)?;
    report.finish(ctx, &format!("{claims} claims"), Outcome::Ok)
}

/// The one input of a run that is read as a stream: a single regular file of
/// plain text (by `--input-format text`, its extension or its first
/// kilobytes, as the batch reader tells it), written as JSON or JSON Lines
/// without `--with-text` (the table and `document.text` need the text).
fn streamable(args: &Args) -> Option<&str> {
    let [file] = &args.input.files[..] else {
        return None;
    };
    let path = std::path::Path::new(file);
    let plain = match args.input.input_format {
        InputFormat::Text => true,
        InputFormat::Auto => sniff(file) == Some(InputKind::Text),
        _ => false,
    };
    (plain
        && file != "-"
        && path.is_file()
        && !args.input.lossy
        && !args.input.extractions
        && !args.with_text
        && args.format != Format::Table)
        .then_some(file.as_str())
}

/// Writes the documents to standard output through a buffer: each one's
/// passages and claims were written as JSON when they were found, and wait
/// in spools, so neither the output nor the claims of a long text are ever
/// held whole (the JSON of a long text is about nine times its size); the
/// claims get their speaker keys as they are copied out. The bytes are
/// those of serializing whole `ExtractionDocument`s with serde_json.
/// Documents are written only once every input succeeded, since without
/// `--keep-going` a failed input means nothing is printed.
fn write_documents(
    args: &Args,
    documents: Vec<Streamed<'_>>,
    texts: &[String],
) -> Result<(), CliError> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = (|| -> std::io::Result<()> {
        match args.format {
            Format::Json if documents.len() == 1 => {
                for doc in documents {
                    doc.write_json(&mut out, 0)?;
                }
                out.write_all(b"\n")?;
            }
            Format::Json => {
                // serde_json's pretty array: each document one level in
                let mut first = true;
                for doc in documents {
                    out.write_all(if first { b"[\n  " } else { b",\n  " })?;
                    first = false;
                    doc.write_json(&mut out, 1)?;
                }
                out.write_all(if first { b"[]\n" } else { b"\n]\n" })?;
            }
            Format::Jsonl => {
                for doc in documents {
                    doc.write_json(&mut out, 0)?;
                    out.write_all(b"\n")?;
                }
            }
            Format::Table => {
                for (d, t) in documents.into_iter().zip(texts) {
                    table(&mut out, d, t, args.explain)?;
                }
            }
        }
        out.flush()
    })();
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| CliError::io("-", e)),
    }
}

/// How `format` writes passages and claims (the table reads them back).
fn style(format: Format) -> Style {
    match format {
        Format::Json => Style::PRETTY,
        Format::Jsonl | Format::Table => Style::COMPACT,
    }
}

/// One block per claim: location, classes, speaker, cue, content, hedges.
fn table(
    out: &mut impl std::io::Write,
    doc: Streamed<'_>,
    text: &str,
    explain: bool,
) -> std::io::Result<()> {
    let lines = LineIndex::new(text);
    let d = &doc.doc.document;
    writeln!(
        out,
        "{} ({}, {} passages, {} claims)",
        d.source,
        d.language,
        doc.passages.len,
        doc.claims.len()
    )?;
    let mut block = String::new();
    let mut claims = doc.claims.drain()?;
    while let Some(claim) = claims.next_claim(&doc.keys) {
        let claim = claim?;
        block.clear();
        let (line, col) = lines.line_col(claim.span.start);
        let _ = writeln!(
            block,
            "\n{}:{line}:{col}  {} · {} · {}",
            d.source,
            label(&claim.attribution),
            label(&claim.certainty),
            label(&claim.stance)
        );
        claim_lines(&mut block, &claim);
        if explain && let Some(e) = &claim.explain {
            let _ = writeln!(block, "  rule     {}", e.rule);
            for entry in &e.lexicon {
                let _ = writeln!(block, "  lexicon  {entry}");
            }
            for step in &e.steps {
                let _ = writeln!(block, "  why      {step}");
            }
        }
        out.write_all(block.as_bytes())?;
    }
    Ok(())
}

fn claim_lines(out: &mut String, claim: &Claim) {
    if let Some(s) = &claim.speaker {
        let implicit = if s.implicit {
            " (carried from an earlier sentence)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  speaker  {} [{}]{implicit}",
            isolate(&s.name),
            label(&s.kind)
        );
    }
    if let Some(c) = &claim.cue {
        let _ = writeln!(
            out,
            "  cue      {} ({})",
            isolate(&c.text),
            isolate(&c.lemma)
        );
    }
    let _ = writeln!(
        out,
        "  content  {} [{}]",
        isolate(&shorten(&claim.content.text, 160)),
        label(&claim.content.quote)
    );
    if !claim.hedges.is_empty() {
        let hedges: Vec<String> = claim
            .hedges
            .iter()
            .map(|h| format!("{} ({})", isolate(&h.text), label(&h.kind)))
            .collect();
        let _ = writeln!(out, "  hedges   {}", hedges.join(", "));
    }
}

/// Wraps text in FSI … PDI so right-to-left words do not reorder the
/// left-to-right labels around them.
fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

fn shorten(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    format!("{cut}…")
}

fn label<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Code-point offset → 1-based line and column (in code points).
struct LineIndex {
    /// Code-point offset at which each line starts.
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        for (i, c) in text.chars().enumerate() {
            if c == '\n' {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        (line.max(1), offset - start + 1)
    }
}
