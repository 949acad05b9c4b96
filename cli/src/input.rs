//! Reading the inputs named on the command line and turning each into an
//! article (isnad-ingest): files, `-` for standard input, directories (read
//! recursively, in sorted order), glob patterns, and JSON Lines batches.
//!
//! Commands that read articles flatten [`InputArgs`] into their arguments
//! and hand [`run_batch`] two closures: `work`, run in parallel on each
//! article (extraction; no side effects), and `emit`, run on the results
//! one at a time in input order (printing, appending to the ledger). Output
//! is therefore the same whatever the number of threads.
//!
//! Failures: without `--keep-going` the batch stops at the first input that
//! fails (earlier inputs are emitted) and that error ends the command; with
//! it, each failure is shown on one line (`isnad: error: PATH[:LINE]: ...`)
//! and the rest are processed. Either way the exit code is 2.

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use isnad_ingest::{
    Article, DecodeError, Decoding, Format, IngestError, Record, RecordError, decode,
    detect_format, is_article_file, records,
};
use isnad_model::{DocumentInfo, ExtractionDocument};
use rayon::prelude::*;

use crate::{CliError, Context, Outcome};

mod jsonl;

use jsonl::{LinesFrom, Pieces};

/// One input, decoded and read as its format: the text that spans point
/// into, and what the input declared about itself.
#[derive(Debug, Clone)]
pub struct InputText {
    /// Where the text came from: the path as given (or as found in a
    /// directory), `-` for standard input, `PATH:LINE` for a record of a
    /// JSON Lines batch.
    pub source: String,
    /// The text isnad works on: the decoded file for plain text, the
    /// extracted article for HTML and Markdown.
    pub text: String,
    /// The format the input was read as.
    pub format: Format,
    /// What the input declared: title, URL, publication time, author,
    /// language (its `text` is empty: the text is [`InputText::text`]).
    pub meta: Article,
    /// The line of the record, for a record of a JSON Lines batch.
    pub record: Option<usize>,
    /// An extraction document read as it is (`isnad extract --format
    /// json|jsonl --with-text` output, for commands that set
    /// [`InputArgs::extractions`]); [`InputText::text`] is its text.
    pub extraction: Option<ExtractionDocument>,
}

impl InputText {
    fn new(source: String, mut article: Article) -> Self {
        let text = std::mem::take(&mut article.text);
        InputText {
            source,
            text,
            format: article.format,
            meta: article,
            record: None,
            extraction: None,
        }
    }

    /// Fills `info` with what the input declared (title, URL, publication
    /// time, author, declared language, input format), and with the text
    /// when the input was not plain text or `with_text` asks for it: the
    /// spans of an extracted article or of a JSON Lines record do not point
    /// into the file as it is.
    pub fn describe(&self, info: &mut DocumentInfo, with_text: bool) {
        if let Some(text) = self.text_shown(with_text) {
            info.text = Some(text.to_string());
        }
        self.describe_source(info);
    }

    /// The text, when [`InputText::describe`] puts it in the document.
    pub fn text_shown(&self, with_text: bool) -> Option<&str> {
        (with_text || self.format != Format::Text || self.record.is_some())
            .then_some(self.text.as_str())
    }

    /// [`InputText::describe`] without the text.
    pub fn describe_source(&self, info: &mut DocumentInfo) {
        if self.format != Format::Text {
            info.input_format = Some(self.format.as_str().to_string());
        } else if self.record.is_some() {
            info.input_format = Some(Format::Jsonl.as_str().to_string());
        }
        info.title = self.meta.title.clone();
        info.url = self.meta.url.clone();
        info.published = self.meta.published.clone();
        info.author = self.meta.author.clone();
        info.declared_language = self.meta.language.clone();
    }
}

/// Reads and decodes `path` (`-` reads standard input) as one article: an
/// HTML page or Markdown (told by the extension, then by the content) is
/// turned into its article text; anything else is kept as it is.
///
/// This is the reader for commands that take single files; batches,
/// directories and `--input-format` go through [`InputArgs`] and
/// [`run_batch`].
pub fn read_input(path: &str, decoding: Decoding) -> Result<InputText, CliError> {
    let bytes = read_bytes(path)?;
    let text = decode(&bytes, decoding).map_err(|err| decode_error(path, &err))?;
    let name = (path != "-").then_some(path);
    match detect_format(name, &text) {
        format @ (Format::Html | Format::Markdown) => to_input(path.to_string(), &text, format),
        _ => Ok(InputText::new(path.to_string(), Article::plain(text))),
    }
}

/// A copy of standard input that `-` reads instead (see [`replace_stdin`]).
static STDIN_COPY: std::sync::Mutex<Option<std::fs::File>> = std::sync::Mutex::new(None);

/// Makes `-` read `copy` (from its start) instead of standard input: for a
/// command that has already read standard input into a temporary file.
pub(crate) fn replace_stdin(copy: std::fs::File) {
    if let Ok(mut slot) = STDIN_COPY.lock() {
        *slot = Some(copy);
    }
}

/// Reads the raw bytes of `path` (`-` reads standard input).
pub fn read_bytes(path: &str) -> Result<Vec<u8>, CliError> {
    let mut bytes = Vec::new();
    if path == "-" {
        if let Some(mut copy) = STDIN_COPY.lock().ok().and_then(|mut s| s.take()) {
            use std::io::Seek as _;
            copy.rewind()
                .and_then(|()| copy.read_to_end(&mut bytes))
                .map_err(|e| CliError::io("-", e))?;
            return Ok(bytes);
        }
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| CliError::io("-", e))?;
        return Ok(bytes);
    }
    let metadata = std::fs::metadata(path).map_err(|e| CliError::io(path, e))?;
    if metadata.is_dir() {
        return Err(CliError::Input {
            location: path.to_string(),
            message: "is a directory".into(),
            hint: Some("give the files inside it, e.g. DIR/*.txt".into()),
        });
    }
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| CliError::io(path, e))?;
    Ok(bytes)
}

fn decode_error(path: &str, err: &DecodeError) -> CliError {
    let location = match err {
        DecodeError::InvalidUtf8 { line, column, .. } => format!("{path}:{line}:{column}"),
        _ => path.to_string(),
    };
    CliError::Input {
        location,
        message: err.to_string(),
        hint: Some(err.hint().to_string()),
    }
}

fn ingest_error(location: String, err: &IngestError) -> CliError {
    CliError::Input {
        location,
        message: err.to_string(),
        hint: Some(err.hint().to_string()),
    }
}

fn record_error(source: &str, err: &RecordError) -> CliError {
    let location = match err.column {
        Some(column) => format!("{source}:{}:{column}", err.line),
        None => format!("{source}:{}", err.line),
    };
    CliError::Input {
        location,
        message: err.message.clone(),
        hint: Some(err.hint().to_string()),
    }
}

/// Turns decoded `text` into an input read as `format` (not JSON Lines).
fn to_input(source: String, text: &str, format: Format) -> Result<InputText, CliError> {
    let article =
        isnad_ingest::article(text, format).map_err(|e| ingest_error(source.clone(), &e))?;
    Ok(InputText::new(source, article))
}

/// `--input-format`: how to read the inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// From the file extension, then from the content.
    Auto,
    /// Plain text, used as it is.
    Text,
    /// Markdown: markup stripped, headings and paragraphs kept.
    #[value(alias = "markdown")]
    Md,
    /// A saved web page: the article is extracted.
    #[value(alias = "htm")]
    Html,
    /// JSON Lines: one `{url, title, published, text|html}` record per line.
    #[value(alias = "ndjson")]
    Jsonl,
}

impl InputFormat {
    fn fixed(self) -> Option<Format> {
        match self {
            InputFormat::Auto => None,
            InputFormat::Text => Some(Format::Text),
            InputFormat::Md => Some(Format::Markdown),
            InputFormat::Html => Some(Format::Html),
            InputFormat::Jsonl => Some(Format::Jsonl),
        }
    }
}

/// The input options shared by every command that reads articles
/// (`#[command(flatten)]`).
#[derive(Debug, Clone, clap::Args)]
pub struct InputArgs {
    /// Inputs: files, directories (read recursively: .txt .md .html .jsonl
    /// and their variants), glob patterns (quoted, e.g. 'corpus/**/*.html'),
    /// or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub files: Vec<String>,
    /// How to read the inputs: auto (from the extension, then the content),
    /// text, md, html, or jsonl (one {url, title, published, text|html}
    /// record per line).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// Replace invalid UTF-8 with U+FFFD instead of refusing the file.
    #[arg(long)]
    pub lossy: bool,
    /// Go on after an input fails (each failure is shown on one line); the
    /// exit code is still 2. Without it the command stops at the first.
    #[arg(long)]
    pub keep_going: bool,
    /// Read an input that holds extraction documents (`isnad extract
    /// --format json|jsonl --with-text`) as those documents, each with its
    /// text, instead of as text (set by `audit` and `report`).
    #[arg(skip)]
    pub extractions: bool,
}

impl InputArgs {
    /// Reads `files` with default options but `lossy` and `keep_going`
    /// (for commands that name their inputs themselves, such as `diff`).
    pub fn of(files: Vec<String>, lossy: bool, keep_going: bool) -> InputArgs {
        InputArgs {
            files,
            input_format: InputFormat::Auto,
            lossy,
            keep_going,
            extractions: false,
        }
    }

    /// How to decode bytes.
    pub fn decoding(&self) -> Decoding {
        if self.lossy {
            Decoding::Lossy
        } else {
            Decoding::Strict
        }
    }
}

/// One thing to read, found by expanding the command line.
#[derive(Debug, Clone)]
enum Source {
    Stdin,
    File(String),
}

/// Expands the command line into sources, in a deterministic order: the
/// arguments in the order given; a directory's article files sorted by
/// path; a glob's matches sorted. A bad argument becomes a failed entry in
/// its place.
fn expand(args: &InputArgs) -> (Vec<Result<Source, CliError>>, bool) {
    let mut out = Vec::new();
    let mut batch = false;
    let mut stdin_used = false;
    for arg in &args.files {
        if arg == "-" {
            if stdin_used {
                out.push(Err(CliError::Usage {
                    message: "standard input (-) can be read only once".into(),
                    hint: Some("give `-` once".into()),
                }));
            } else {
                stdin_used = true;
                out.push(Ok(Source::Stdin));
            }
            continue;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            batch = true;
            walk_dir(arg, &mut out);
        } else if !path.exists() && arg.contains(['*', '?', '[']) {
            batch = true;
            expand_glob(arg, &mut out);
        } else {
            out.push(Ok(Source::File(arg.clone())));
        }
    }
    (out, batch)
}

fn walk_dir(dir: &str, out: &mut Vec<Result<Source, CliError>>) {
    let before = out.len();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let path = e.path().display().to_string();
                if is_article_file(&path) {
                    out.push(Ok(Source::File(path)));
                }
            }
            Ok(_) => {}
            Err(e) => {
                let location = e
                    .path()
                    .map_or_else(|| dir.to_string(), |p| p.display().to_string());
                out.push(Err(CliError::Input {
                    location,
                    message: e
                        .io_error()
                        .map_or_else(|| e.to_string(), ToString::to_string),
                    hint: Some("check the directory's permissions and links".into()),
                }));
            }
        }
    }
    if out.len() == before {
        out.push(Err(CliError::Input {
            location: dir.to_string(),
            message: "the directory holds no .txt, .md, .html or .jsonl files".into(),
            hint: Some("give the files themselves, or a glob such as 'DIR/**/*.EXT'".into()),
        }));
    }
}

fn expand_glob(pattern: &str, out: &mut Vec<Result<Source, CliError>>) {
    let options = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: true,
    };
    let paths = match glob::glob_with(pattern, options) {
        Ok(paths) => paths,
        Err(e) => {
            out.push(Err(CliError::Usage {
                message: format!("{pattern}: not a valid glob pattern: {e}"),
                hint: Some("quote the pattern; `**` matches any depth of directories".into()),
            }));
            return;
        }
    };
    let mut found: Vec<std::path::PathBuf> = Vec::new();
    for entry in paths {
        match entry {
            Ok(p) => found.push(p),
            Err(e) => out.push(Err(CliError::io(
                e.path(),
                std::io::Error::other(e.to_string()),
            ))),
        }
    }
    found.sort();
    if found.is_empty() {
        out.push(Err(CliError::Input {
            location: pattern.to_string(),
            message: "no file matches this pattern".into(),
            hint: Some("check the pattern; `**` matches any depth of directories".into()),
        }));
        return;
    }
    for p in found {
        let shown = p.display().to_string();
        if p.is_dir() {
            walk_dir(&shown, out);
        } else {
            out.push(Ok(Source::File(shown)));
        }
    }
}

/// An input read and decoded, not yet turned into an article (that runs in
/// parallel).
enum Pending {
    Article {
        source: String,
        text: String,
        format: Format,
    },
    Record {
        source: String,
        record: Record,
    },
    Extraction {
        source: String,
        doc: Box<ExtractionDocument>,
    },
}

impl Pending {
    fn into_input(self) -> Result<InputText, CliError> {
        match self {
            Pending::Article {
                source,
                text,
                format,
            } => to_input(source, &text, format),
            Pending::Record { source, record } => {
                let line = record.line;
                record
                    .into_article()
                    .map(|a| InputText {
                        record: Some(line),
                        ..InputText::new(source.clone(), a)
                    })
                    .map_err(|e| ingest_error(source, &e))
            }
            Pending::Extraction { source, doc } => {
                let Some(text) = doc.document.text.clone() else {
                    return Err(CliError::Input {
                        location: source,
                        message: "this extraction document does not hold the text its spans point into".into(),
                        hint: Some("write it with `isnad extract --format json --with-text`, or give the text file".into()),
                    });
                };
                Ok(InputText {
                    source,
                    text,
                    format: Format::Text,
                    meta: Article::plain(String::new()),
                    record: None,
                    extraction: Some(*doc),
                })
            }
        }
    }
}

/// The extraction documents an input holds, when it holds any: one
/// document (`extract --format json`), an array of them (several files), or
/// one per line (`--format jsonl`). Anything else is not one.
pub fn as_extraction(text: &str) -> Option<Vec<ExtractionDocument>> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        if let Ok(doc) = serde_json::from_str::<ExtractionDocument>(trimmed) {
            return Some(vec![doc]);
        }
        return trimmed
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(serde_json::from_str::<ExtractionDocument>)
            .collect::<Result<Vec<_>, _>>()
            .ok();
    }
    if trimmed.starts_with('[') {
        return serde_json::from_str::<Vec<ExtractionDocument>>(trimmed).ok();
    }
    None
}

/// Reads one source: one pending article, or one per record of a batch.
fn load(source: &Source, args: &InputArgs) -> Vec<Result<Pending, CliError>> {
    let (name, bytes) = match source {
        Source::Stdin => ("-".to_string(), read_bytes("-")),
        Source::File(path) => (path.clone(), read_bytes(path)),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => return vec![Err(e)],
    };
    let text = match decode(&bytes, args.decoding()) {
        Ok(t) => t,
        Err(e) => return vec![Err(decode_error(&name, &e))],
    };
    drop(bytes);
    let hint_name = matches!(source, Source::File(_)).then_some(name.as_str());
    let format = args
        .input_format
        .fixed()
        .unwrap_or_else(|| detect_format(hint_name, &text));
    // Extraction documents are JSON (Lines), or text to the sniffer when
    // pretty-printed; a forced html/md/text format reads them as such.
    if args.extractions
        && matches!(args.input_format, InputFormat::Auto | InputFormat::Jsonl)
        && matches!(format, Format::Jsonl | Format::Text)
        && let Some(docs) = as_extraction(&text)
    {
        let several = docs.len() > 1;
        return docs
            .into_iter()
            .enumerate()
            .map(|(i, doc)| {
                let source = if several {
                    format!("{name}#{}", i + 1)
                } else {
                    name.clone()
                };
                Ok(Pending::Extraction {
                    source,
                    doc: Box::new(doc),
                })
            })
            .collect();
    }
    if format != Format::Jsonl {
        return vec![Ok(Pending::Article {
            source: name,
            text,
            format,
        })];
    }
    let mut out = record_units(&name, &text, 0);
    if out.is_empty() {
        out.push(Err(no_records(name)));
    }
    out
}

/// The records of JSON Lines `text` from source `name`, whose first line
/// is line `1 + offset` of the source.
fn record_units(name: &str, text: &str, offset: usize) -> Vec<Result<Pending, CliError>> {
    records(text)
        .map(|r| match r {
            Ok(mut record) => {
                record.line += offset;
                Ok(Pending::Record {
                    source: format!("{name}:{}", record.line),
                    record,
                })
            }
            Err(mut e) => {
                e.line += offset;
                Err(record_error(name, &e))
            }
        })
        .collect()
}

fn no_records(name: String) -> CliError {
    CliError::Input {
        location: name,
        message: "the JSON Lines batch holds no records".into(),
        hint: Some("each line must be a JSON object with `text` or `html`".into()),
    }
}

/// How a batch went.
#[derive(Debug)]
pub struct BatchReport {
    /// Inputs processed and emitted.
    pub documents: usize,
    /// Inputs that failed.
    pub failed: usize,
    /// Wall time of the batch.
    pub elapsed: Duration,
    /// True when the inputs were expanded from a directory, a glob or a
    /// JSON Lines batch (the summary line is then shown).
    pub expanded: bool,
    /// The error that stopped the batch (without `--keep-going`).
    stopped: Option<CliError>,
}

impl BatchReport {
    /// `N documents, N failed, in N.N s` followed by `extra`, e.g. a count
    /// of claims.
    pub fn summary(&self, extra: &str) -> String {
        let plural = if self.documents == 1 { "" } else { "s" };
        let mut line = format!("{} document{plural}", self.documents);
        if !extra.is_empty() {
            line.push_str(", ");
            line.push_str(extra);
        }
        if self.failed > 0 {
            line.push_str(&format!(", {} failed", self.failed));
        }
        line.push_str(&format!(", in {:.1} s", self.elapsed.as_secs_f64()));
        line
    }

    /// The error that stopped the batch (without `--keep-going`), taken out
    /// so that a command can end with it before printing anything.
    pub fn take_stopped(&mut self) -> Option<CliError> {
        self.stopped.take()
    }

    /// Shows the summary line on stderr (for batches from a directory, glob
    /// or JSON Lines, after failures, or on a terminal), then ends the
    /// command: exit 2 when any input failed, else `outcome`.
    pub fn finish(self, ctx: &Context, extra: &str, outcome: Outcome) -> Result<Outcome, CliError> {
        if let Some(err) = self.stopped {
            return Err(err);
        }
        let total = self.documents + self.failed;
        if self.expanded || self.failed > 0 || (ctx.stderr_is_terminal && total > 1) {
            eprintln!("isnad: {}", self.summary(extra));
        }
        if self.failed > 0 {
            return Err(CliError::Library {
                message: format!("{} of {total} inputs failed", self.failed),
                hint: Some("see the errors above".into()),
            });
        }
        Ok(outcome)
    }
}

/// Where a source is, for [`Pieces::open`].
fn lines_from(source: &Source) -> LinesFrom {
    match source {
        Source::Stdin => LinesFrom::Stdin,
        Source::File(path) => LinesFrom::File(path.clone()),
    }
}

/// How many sources are read and processed together: enough to keep every
/// core busy, few enough to bound memory on a large directory.
const CHUNK: usize = 64;

/// Reads every input of `args`, runs `work` on each article in parallel and
/// `emit` on each result in input order. See the module documentation for
/// what happens on failure.
///
/// `work` must not have effects outside its result: without `--keep-going`
/// the results of inputs after the first failure are dropped.
pub fn run_batch<T, W, E>(
    args: &InputArgs,
    ctx: &Context,
    work: W,
    emit: E,
) -> Result<BatchReport, CliError>
where
    T: Send,
    W: Fn(&InputText) -> Result<T, CliError> + Sync,
    E: FnMut(InputText, T) -> Result<(), CliError>,
{
    run_batch_streaming(args, ctx, None::<fn(&str) -> Option<T>>, work, emit)
}

/// An input of a batch: read (or failed), a plain text file left for the
/// command to read as a stream, or a JSON Lines batch to read in pieces.
enum Unit {
    Read(Result<Pending, CliError>),
    Stream(String),
    /// A JSON Lines batch read in pieces.
    Lines(Box<Pieces>),
}

/// [`run_batch`] for a command that can read a plain text file as a
/// stream: `stream` is handed the path of each regular file that the batch
/// reader would read as plain text ([`plain_file`]) instead of its text,
/// in parallel like `work`, so no such file is ever held whole. When it
/// declines (`None`: the file is not UTF-8, or could not be read), the file
/// is read whole and goes to `work`, which reports its trouble as for any
/// input. The article handed to `emit` for a streamed file is empty.
///
/// A JSON Lines batch of a megabyte or more is read a piece (about a
/// megabyte of records, 2,048 lines at most) at a time, in its place among
/// the sources: `work` runs on a piece's records while `emit` runs on the
/// piece before, so neither the batch's text nor its results are held
/// whole.
pub fn run_batch_streaming<T, S, W, E>(
    args: &InputArgs,
    ctx: &Context,
    stream: Option<S>,
    work: W,
    mut emit: E,
) -> Result<BatchReport, CliError>
where
    T: Send,
    S: Fn(&str) -> Option<T> + Sync,
    W: Fn(&InputText) -> Result<T, CliError> + Sync,
    E: FnMut(InputText, T) -> Result<(), CliError>,
{
    let start = Instant::now();
    let (sources, expanded) = expand(args);
    let bar = (ctx.stderr_is_terminal && (sources.len() > 1 || expanded)).then(|| {
        let bar = indicatif::ProgressBar::new(sources.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let mut report = BatchReport {
        documents: 0,
        failed: 0,
        elapsed: Duration::ZERO,
        expanded,
        stopped: None,
    };
    // a source read whole, one unit per article (the records of a JSON
    // Lines batch are several)
    let read = |source: &Source| {
        let units = load(source, args);
        if let Some(bar) = &bar {
            bar.inc_length(units.len().saturating_sub(1) as u64);
        }
        units
    };
    let process = |unit: Result<Pending, CliError>| {
        unit.and_then(Pending::into_input).and_then(|input| {
            let t = work(&input)?;
            Ok((input, t))
        })
    };
    // the results of units, in their order: those read run on rayon's
    // pool, the streams on threads of their own
    let run = |units: Vec<Unit>| -> Vec<Result<(InputText, T), CliError>> {
        let mut slots: Vec<Slot<T>> = units
            .into_par_iter()
            .map(|unit| match unit {
                Unit::Read(unit) => {
                    if let Some(bar) = &bar {
                        bar.inc(1);
                    }
                    Slot::Done(vec![process(unit)])
                }
                Unit::Stream(path) => Slot::Stream(path),
                // read a piece at a time instead (see `next_group`)
                Unit::Lines(_) => Slot::Done(Vec::new()),
            })
            .collect();
        // the streams run on threads of their own, not rayon's: each one's
        // fingerprinting hands its hashing to rayon's pool and waits for
        // it, which never comes if the streams fill the pool themselves
        let paths: Vec<String> = slots
            .iter_mut()
            .filter_map(|slot| match slot {
                Slot::Stream(path) => Some(std::mem::take(path)),
                Slot::Done(_) => None,
            })
            .collect();
        let mut streamed = on_threads(paths, STREAMS, |path| {
            let out = match stream.as_ref().and_then(|s| s(&path)) {
                Some(t) => vec![Ok((InputText::new(path, Article::plain(String::new())), t))],
                // declined: read whole, any trouble reported as for any input
                None => read(&Source::File(path)).into_iter().map(process).collect(),
            };
            if let Some(bar) = &bar {
                bar.inc(out.len() as u64);
            }
            out
        })
        .into_iter();
        slots
            .into_iter()
            .flat_map(|slot| match slot {
                Slot::Done(out) => out,
                Slot::Stream(_) => streamed.next().unwrap_or_default(),
            })
            .collect()
    };
    // emits results in order; false once the batch stops
    let mut emit_all = |results: Vec<Result<(InputText, T), CliError>>| -> bool {
        for result in results {
            match result.and_then(|(input, t)| emit(input, t)) {
                Ok(()) => report.documents += 1,
                Err(err) if args.keep_going => {
                    report.failed += 1;
                    let line = err.render(ctx);
                    match &bar {
                        Some(bar) => bar.suspend(|| eprintln!("{line}")),
                        None => eprintln!("{line}"),
                    }
                }
                Err(err) => {
                    report.failed += 1;
                    report.stopped = Some(err);
                    return false;
                }
            }
        }
        true
    };
    // a chunk of sources, read (in parallel) or left to stream
    let load_chunk = |chunk: &[Result<Source, CliError>]| -> Vec<Unit> {
        let loaded: Vec<Vec<Unit>> = chunk
            .par_iter()
            .map(|s| match s {
                Ok(Source::File(path))
                    if stream.is_some() && worth_streaming(path) && plain_file(path, args) =>
                {
                    vec![Unit::Stream(path.clone())]
                }
                Ok(source) => match Pieces::open(&lines_from(source), args) {
                    Some(pieces) => vec![Unit::Lines(Box::new(pieces))],
                    None => read(source).into_iter().map(Unit::Read).collect(),
                },
                Err(e) => vec![Unit::Read(Err(clone_error(e)))],
            })
            .collect();
        loaded.into_iter().flatten().collect()
    };
    // the units still to run: what is left of the chunk being run, and the
    // JSON Lines batch being read in pieces (with whether its first piece
    // is still to come)
    let mut chunks = sources.chunks(CHUNK);
    let mut left = std::collections::VecDeque::new();
    let mut lines: Option<(Box<Pieces>, bool)> = None;
    // the next units that run together: those of a chunk up to a JSON
    // Lines batch read in pieces, then that batch a piece at a time
    let mut next_group = || -> Option<Vec<Unit>> {
        loop {
            if let Some((pieces, first)) = &mut lines {
                if let Some(units) = pieces.next_units() {
                    // the batch was counted as one input (a piece of
                    // blank lines has no record)
                    let mut more = units.len();
                    if *first && more > 0 {
                        more -= 1;
                        *first = false;
                    }
                    if let Some(bar) = &bar {
                        bar.inc_length(more as u64);
                    }
                    return Some(units.into_iter().map(Unit::Read).collect());
                }
                lines = None;
            }
            if left.is_empty() {
                left = load_chunk(chunks.next()?).into();
            }
            let mut group = Vec::new();
            while let Some(unit) = left.pop_front() {
                match unit {
                    Unit::Lines(pieces) => {
                        lines = Some((pieces, true));
                        break;
                    }
                    unit => group.push(unit),
                }
            }
            if !group.is_empty() {
                return Some(group);
            }
        }
    };
    // the next group is read and run on a thread of its own while the one
    // before is emitted (written out), so the pool does not wait for the
    // writing, nor the writing for the pool; without `--keep-going`, the
    // results after a failure are dropped unemitted
    let mut ready = None;
    loop {
        let (next, go_on) = std::thread::scope(|scope| {
            let job = scope.spawn(|| next_group().map(&run));
            let go_on = ready.take().is_none_or(&mut emit_all);
            let next = job.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            (next, go_on)
        });
        match next {
            Some(results) if go_on => ready = Some(results),
            _ => break,
        }
    }
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    report.elapsed = start.elapsed();
    Ok(report)
}

/// A plain text file of a batch at least this long is streamed; a shorter
/// one (every real article) is read whole like any other input. Streaming
/// holds the text of a long file in flat memory, but costs per file what
/// an article does not need: two reads of the file, a thread to link its
/// speakers and a handover between them, its hashing sent to the pool;
/// on a directory of thousands of articles that cost more CPU than the
/// extraction itself. Both give the same document (the tests of
/// `Pipeline::extract_reader` hold them equal).
const STREAM_FROM: u64 = 1 << 20;

/// Whether `path` is long enough to stream (see [`STREAM_FROM`]).
fn worth_streaming(path: &str) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() >= STREAM_FROM)
}

/// How many plain text files of a batch are streamed at once (at most; one
/// a core): each keeps about three threads busy (reading and extracting,
/// linking speakers, hashing) and some tens of megabytes, whatever its size.
const STREAMS: usize = 4;

/// Where an input of a chunk stands: its results, or a plain text file to
/// stream.
enum Slot<T> {
    Done(Vec<Result<(InputText, T), CliError>>),
    Stream(String),
}

/// `job` run on each of `jobs` by up to `threads` scoped threads (no more
/// than the cores), each taking the next job as it finishes one; the
/// results in the order of `jobs`.
fn on_threads<I: Send, O: Send>(
    jobs: Vec<I>,
    threads: usize,
    job: impl Fn(I) -> O + Sync,
) -> Vec<O> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(threads)
        .min(jobs.len());
    if threads <= 1 {
        return jobs.into_iter().map(job).collect();
    }
    let queue = std::sync::Mutex::new(jobs.into_iter().enumerate());
    let next = || queue.lock().ok().and_then(|mut q| q.next());
    let mut done: Vec<(usize, O)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    while let Some((i, item)) = next() {
                        mine.push((i, job(item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, out)| out).collect()
}

/// Errors found while expanding the command line are kept in the list of
/// sources, which is shared by the reading threads: they are rebuilt rather
/// than moved.
fn clone_error(err: &CliError) -> CliError {
    match err {
        CliError::Io { path, source } => CliError::Io {
            path: path.clone(),
            source: std::io::Error::new(source.kind(), source.to_string()),
        },
        CliError::Input {
            location,
            message,
            hint,
        } => CliError::Input {
            location: location.clone(),
            message: message.clone(),
            hint: hint.clone(),
        },
        CliError::Usage { message, hint } => CliError::Usage {
            message: message.clone(),
            hint: hint.clone(),
        },
        other => CliError::Library {
            message: other.to_string(),
            hint: None,
        },
    }
}

/// Whether the batch reader would read `path` as a plain text file that
/// can be streamed: a regular file, read as text by `--input-format text`
/// or by [`sniff`], strictly decoded (not `--lossy`) and not looked into
/// for extraction documents.
pub(crate) fn plain_file(path: &str, args: &InputArgs) -> bool {
    if args.lossy || args.extractions {
        return false;
    }
    match args.input_format {
        InputFormat::Text => Path::new(path).is_file(),
        InputFormat::Auto => sniff(path) == Some(Format::Text),
        _ => false,
    }
}

/// The format of a regular file from its extension, then its first
/// kilobytes, as the batch reader would tell it: what `extract` and
/// `fingerprint` ask before they stream a plain text file. `None` when it
/// is not a regular file, cannot be opened, is UTF-16, or opens with `{`
/// without being told JSON Lines by its head (a JSON Lines record longer
/// than the head is not recognized by its first line: such a file is left to
/// the batch reader, and one whose whole head is one line that opens with
/// `{` is taken for JSON Lines).
pub(crate) fn sniff(path: &str) -> Option<Format> {
    if !Path::new(path).is_file() {
        return None;
    }
    sniff_file(&std::fs::File::open(path).ok()?, Some(path))
}

/// [`sniff`] for an open file, told by `name`'s extension if any, then by
/// its first kilobytes (read from its start; standard input, copied to a
/// temporary file, has no name).
pub(crate) fn sniff_file(file: &std::fs::File, name: Option<&str>) -> Option<Format> {
    use std::io::Seek as _;
    const HEAD: u64 = 64 << 10;
    let mut head = Vec::new();
    let mut file = file;
    file.rewind()
        .and_then(|()| file.take(HEAD).read_to_end(&mut head))
        .ok()?;
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    let valid = match std::str::from_utf8(&head) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
    };
    let kind = detect_format(name, valid);
    let opens_json = valid
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .starts_with('{');
    if kind != Format::Text || !opens_json {
        return Some(kind);
    }
    (head.len() as u64 == HEAD && !valid.contains('\n')).then_some(Format::Jsonl)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// The results come back in the order of the jobs, whatever the
    /// threads and however long each job takes, and a job may wait on
    /// rayon's pool from a thread of its own (as a stream's hashing stage
    /// does) even with every job running at once.
    #[test]
    fn jobs_on_threads_come_back_in_order() {
        for threads in [1, 2, 4, 16] {
            let jobs: Vec<usize> = (0..24).collect();
            let got = on_threads(jobs, threads, |i| {
                std::thread::sleep(Duration::from_millis((i % 5) as u64));
                std::thread::scope(|s| {
                    s.spawn(|| (0..1000usize).into_par_iter().map(|x| x * i).sum::<usize>())
                        .join()
                        .unwrap()
                })
            });
            let want: Vec<usize> = (0..24).map(|i| 499_500 * i).collect();
            assert_eq!(got, want, "{threads} threads");
        }
    }
}
