//! `isnad extract FILE...`: find the claims in news texts.

use std::fmt::Write as _;
use std::io::{Seek as _, Write as _};
use std::path::PathBuf;

use isnad_model::Claim;

use isnad_ingest::Format as InputKind;

use crate::input::{self, InputArgs, InputFormat, plain_file, run_batch_streaming, sniff_file};
use crate::pipeline::render::{self, Style};
use crate::pipeline::spool;
use crate::pipeline::{Pipeline, Streamed, TextFrom};
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
    // only the table shows each claim's line and column
    let pipeline = Pipeline::new(&args.lexicon)?.with_places(args.format == Format::Table);
    // a plain text file read as a stream; `text` is where `--with-text`
    // reads the text again as the document is written; `None` when it
    // cannot be streamed, or should not be: a stretch without a blank
    // line so long that the streaming reader may cut a passage in it
    // gives other passages than the whole text, which is what a batch
    // (`alone` false) and `--with-text` gave before they were streamed
    let with_text = args.with_text && args.format != Format::Table;
    let extract = |source: &str, file: &std::fs::File, text: TextFrom, alone: bool| {
        // each read starts over from the start of the file
        let open = || {
            let mut f = file.try_clone()?;
            f.rewind()?;
            Ok(f)
        };
        let mut doc = pipeline
            .extract_reader(
                source,
                open,
                args.explain,
                style(args.format),
                spool::IN_MEMORY,
            )
            .ok()?;
        if doc.long_stretch && (with_text || !alone) {
            return None;
        }
        if with_text {
            doc.text = Some(text);
        }
        Some(doc)
    };
    match streamable(args) {
        Some(Streamable::File(path)) => {
            // one plain text file: read from the file as it goes, in flat
            // memory; any trouble reading it (not UTF-8, binary) goes to
            // the batch reader below, which reports it as for any input
            if let Ok(file) = std::fs::File::open(path)
                && let Some(doc) = extract(path, &file, TextFrom::Path(path.into()), true)
            {
                write_one(args, doc)?;
                return Ok(Outcome::Ok);
            }
        }
        Some(Streamable::Stdin) => {
            // standard input is copied to a temporary file as it is read
            // (it can be read only once), which is then read as a file
            let copy = stdin_copy()?;
            let plain = match args.input.input_format {
                InputFormat::Text => true,
                _ => sniff_file(&copy, None) == Some(InputKind::Text),
            };
            if plain
                && let Ok(text) = copy.try_clone()
                && let Some(doc) = extract("-", &copy, TextFrom::File(text), true)
            {
                write_one(args, doc)?;
                return Ok(Outcome::Ok);
            }
            // anything else is read by the batch reader, from the copy
            input::replace_stdin(copy);
        }
        None => {}
    }
    // each document is written as soon as it is emitted (in input order),
    // then dropped: without `--keep-going` into a spool (memory up to
    // OUT_IN_MEMORY, then an anonymous temporary file), copied to standard
    // output only once every input succeeded, since a failed input means
    // nothing is printed; with it, straight to standard output, since
    // every input that succeeds is printed whatever fails
    let mut out = if args.input.keep_going {
        Writer::new(args, Sink::Stdout(stdout_buffered()))
    } else {
        Writer::new(args, Sink::Spool(spool::Bytes::new(OUT_IN_MEMORY)))
    };
    // each plain text file of a batch is streamed as the one file above is
    // (in parallel, each in flat memory); one that cannot be is read whole
    let stream = |path: &str| {
        let file = std::fs::File::open(path).ok()?;
        extract(path, &file, TextFrom::Path(path.into()), false)
            .map(|doc| Ready::Spooled(Box::new(doc)))
    };
    let mut report = run_batch_streaming(
        &args.input,
        ctx,
        Some(stream),
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
            input.describe_source(&mut doc.doc.document);
            let shown = input.text_shown(args.with_text);
            Ready::new(doc, shown, args.format, args.explain)
                .map_err(|e| CliError::io(std::env::temp_dir(), e))
        },
        |_, doc| {
            out.push(doc);
            Ok(())
        },
    )?;
    if let Some(err) = report.take_stopped() {
        return Err(err);
    }
    let claims = out.claims;
    out.finish()?;
    report.finish(ctx, &format!("{claims} claims"), Outcome::Ok)
}

/// Output kept in memory (without `--keep-going`) before the rest goes to
/// a temporary file: the output of some thousands of short articles.
const OUT_IN_MEMORY: usize = 4 << 20;

/// The one input of a run that is read as a stream.
enum Streamable<'a> {
    /// A regular file of plain text (by `--input-format text`, its
    /// extension or its first kilobytes, as the batch reader tells it).
    File(&'a str),
    /// Standard input (`-`), plain text by `--input-format text` or by its
    /// first kilobytes (told once it is copied).
    Stdin,
}

/// The input of a run with one input, when it can be read as a stream:
/// neither `--lossy` nor read as extraction documents (with `--with-text`,
/// `document.text` is read from the file again as it is written).
fn streamable(args: &Args) -> Option<Streamable<'_>> {
    let [file] = &args.input.files[..] else {
        return None;
    };
    if file != "-" {
        return plain_file(file, &args.input).then_some(Streamable::File(file));
    }
    let stdin_plain = !args.input.lossy
        && !args.input.extractions
        && matches!(
            args.input.input_format,
            InputFormat::Text | InputFormat::Auto
        );
    stdin_plain.then_some(Streamable::Stdin)
}

/// Standard input, copied to an anonymous temporary file (deleted when it
/// is closed), read in pieces: memory stays flat however long the input.
fn stdin_copy() -> Result<std::fs::File, CliError> {
    let mut copy = tempfile::tempfile().map_err(|e| CliError::io(std::env::temp_dir(), e))?;
    std::io::copy(&mut std::io::stdin().lock(), &mut copy).map_err(|e| CliError::io("-", e))?;
    Ok(copy)
}

/// Writes the one document of a run to standard output.
fn write_one(args: &Args, doc: Streamed<'_>) -> Result<(), CliError> {
    let mut out = Writer::new(args, Sink::Stdout(stdout_buffered()));
    out.push(Ready::Spooled(Box::new(doc)));
    out.finish()
}

/// A document as the [`Writer`] gets it.
enum Ready<'p> {
    /// Written out already, by the thread that extracted it (an article,
    /// whose spools are in memory): its JSON Lines line, its table, or its
    /// pretty JSON one level in, as an element of an array.
    Written {
        /// The bytes.
        bytes: Vec<u8>,
        /// Its claims.
        claims: usize,
    },
    /// Still spooled (a long text, or one whose text is read again from
    /// its file): written as its spools are read back.
    Spooled(Box<Streamed<'p>>),
}

impl<'p> Ready<'p> {
    /// `doc` written out in `format` when that reads no file, so that a
    /// batch's documents are written on the threads that extract them,
    /// in parallel, and their claims, spools and speaker tables are freed
    /// there, where they were made and are still in the CPU's cache,
    /// instead of on the one thread that writes the output. `shown` is its
    /// `document.text`, written from where it is.
    fn new(
        mut doc: Streamed<'p>,
        shown: Option<&str>,
        format: Format,
        explain: bool,
    ) -> std::io::Result<Ready<'p>> {
        if !doc.in_memory() {
            if let Some(text) = shown {
                doc.doc.document.text = Some(text.to_string());
            }
            return Ok(Ready::Spooled(Box::new(doc)));
        }
        let claims = doc.claims.len();
        // about what it is written as: no growing and copying on the way
        let size =
            1024 + 2 * shown.map_or(0, str::len) + doc.passages.bytes.held() + doc.claims.held();
        let mut bytes = Vec::with_capacity(size);
        let written = match format {
            Format::Json => doc.write_json_with(&mut bytes, 1, shown),
            Format::Jsonl => doc
                .write_json_with(&mut bytes, 0, shown)
                .map(|()| bytes.push(b'\n')),
            Format::Table => table(&mut bytes, doc, explain),
        };
        written.map(|()| Ready::Written { bytes, claims })
    }

    /// Its claims.
    fn claims(&self) -> usize {
        match self {
            Ready::Written { claims, .. } => *claims,
            Ready::Spooled(doc) => doc.claims.len(),
        }
    }

    /// Writes it as `--format json` does at nesting `level` (0: the one
    /// document of the run, 1: an element of the array).
    fn write_json(self, out: &mut impl std::io::Write, level: usize) -> std::io::Result<()> {
        match self {
            Ready::Written { bytes, .. } if level == 1 => out.write_all(&bytes),
            // one level out: the two spaces after each line break go (a line
            // break in pretty JSON is always layout, see `render::Indent`)
            Ready::Written { bytes, .. } => render::dedent(out, &bytes),
            Ready::Spooled(doc) => doc.write_json(out, level),
        }
    }
}

/// Where the documents' bytes go.
enum Sink {
    /// Standard output, through a buffer.
    Stdout(std::io::BufWriter<Box<dyn std::io::Write>>),
    /// A spool copied to standard output at the end.
    Spool(spool::Bytes),
}

impl std::io::Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(bytes),
            Sink::Spool(spool) => spool.write(bytes).map(|()| bytes.len()),
        }
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::Stdout(out) => out.write_all(bytes),
            Sink::Spool(spool) => spool.write(bytes),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::Spool(_) => Ok(()),
        }
    }
}

/// Writes documents one at a time as they come, in the order given, each
/// dropped once written: each one's passages and claims were written as
/// JSON when they were found, and wait in spools, so neither the output
/// nor the claims of a long text are ever held whole (the JSON of a long
/// text is about nine times its size); the claims get their speaker keys
/// as they are copied out, and the table reads each claim's place from its
/// spool, so no text is kept for it. The bytes are those of serializing
/// whole `ExtractionDocument`s with serde_json.
struct Writer<'p> {
    out: Sink,
    format: Format,
    explain: bool,
    /// `--format json`: the first document, held until it is known whether
    /// it is the only one (an object at level 0) or the first of several
    /// (an array, each one level in).
    first: Option<Ready<'p>>,
    /// Documents pushed.
    documents: usize,
    /// Claims of the documents pushed (for the summary line).
    claims: usize,
    /// The first write error: later documents are dropped unwritten and
    /// [`Writer::finish`] reports it (a closed pipe ends the output
    /// quietly, as `head` expects).
    failed: Option<std::io::Error>,
}

impl<'p> Writer<'p> {
    fn new(args: &Args, out: Sink) -> Writer<'p> {
        Writer {
            out,
            format: args.format,
            explain: args.explain,
            first: None,
            documents: 0,
            claims: 0,
            failed: None,
        }
    }

    /// Writes `doc` (or holds it: the first of `--format json`).
    fn push(&mut self, doc: Ready<'p>) {
        self.documents += 1;
        self.claims += doc.claims();
        if self.failed.is_some() {
            return;
        }
        if let Err(e) = self.write(doc) {
            self.failed = Some(e);
        }
    }

    /// [`Writer::push`]'s writing, once `doc` is counted.
    fn write(&mut self, doc: Ready<'p>) -> std::io::Result<()> {
        match (self.format, doc) {
            // a line or a table written by the thread that extracted it
            (Format::Jsonl | Format::Table, Ready::Written { bytes, .. }) => {
                self.out.write_all(&bytes)
            }
            (Format::Jsonl, Ready::Spooled(doc)) => {
                doc.write_json(&mut self.out, 0)?;
                self.out.write_all(b"\n")
            }
            (Format::Table, Ready::Spooled(doc)) => table(&mut self.out, *doc, self.explain),
            (Format::Json, doc) if self.documents == 1 => {
                self.first = Some(doc);
                Ok(())
            }
            (Format::Json, doc) => {
                // serde_json's pretty array: each document one level in
                if let Some(first) = self.first.take() {
                    self.out.write_all(b"[\n  ")?;
                    first.write_json(&mut self.out, 1)?;
                }
                self.out.write_all(b",\n  ")?;
                doc.write_json(&mut self.out, 1)
            }
        }
    }

    /// Ends the output and writes what was spooled to standard output
    /// (after the first write error, reports it instead).
    fn finish(mut self) -> Result<(), CliError> {
        let written = match self.failed.take() {
            Some(e) => Err(e),
            None => self.end(),
        };
        match written {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(|e| CliError::io("-", e)),
        }
    }

    /// `--format json`: the one document, or the end of the array; then
    /// the spool, if any, copied out.
    fn end(mut self) -> std::io::Result<()> {
        if self.format == Format::Json {
            match self.first.take() {
                Some(doc) => {
                    doc.write_json(&mut self.out, 0)?;
                    self.out.write_all(b"\n")?;
                }
                None if self.documents == 0 => self.out.write_all(b"[]\n")?,
                None => self.out.write_all(b"\n]\n")?,
            }
        }
        match self.out {
            Sink::Stdout(mut out) => out.flush(),
            Sink::Spool(spool) => {
                let mut out = stdout_buffered();
                spool.copy_to(&mut out)?;
                out.flush()
            }
        }
    }
}

/// [`stdout`] through a buffer of its own.
fn stdout_buffered() -> std::io::BufWriter<Box<dyn std::io::Write>> {
    std::io::BufWriter::with_capacity(1 << 16, stdout())
}

/// Standard output for [`Writer`], which has its own buffer:
/// std's `Stdout` is line-buffered, so each 64 KiB handed to it would be
/// searched for its last line break (a `memrchr` over the whole output).
/// A duplicate of the descriptor is written to instead (nothing has been
/// written to standard output before); `Stdout` where there is none.
fn stdout() -> Box<dyn std::io::Write> {
    let out = std::io::stdout();
    #[cfg(unix)]
    {
        use std::os::fd::AsFd as _;
        if let Ok(fd) = out.as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(out.lock())
}

/// How `format` writes passages and claims (the table reads them back).
fn style(format: Format) -> Style {
    match format {
        Format::Json => Style::PRETTY,
        Format::Jsonl | Format::Table => Style::COMPACT,
    }
}

/// One block per claim: location, classes, speaker, cue, content, hedges.
fn table(out: &mut impl std::io::Write, doc: Streamed<'_>, explain: bool) -> std::io::Result<()> {
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
        let (claim, (line, col)) = claim?;
        block.clear();
        let _ = writeln!(
            block,
            "\n{}:{line}:{col}  {} · {} · {}",
            d.source,
            claim.attribution.as_str(),
            claim.certainty.as_str(),
            claim.stance.as_str()
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
            s.kind.as_str()
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
        claim.content.quote.as_str()
    );
    if !claim.hedges.is_empty() {
        let hedges: Vec<String> = claim
            .hedges
            .iter()
            .map(|h| format!("{} ({})", isolate(&h.text), h.kind.as_str()))
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
