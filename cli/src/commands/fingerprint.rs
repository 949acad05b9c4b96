//! `isnad fingerprint INPUT...`: each passage's span, kind and fingerprint,
//! and the document's fingerprint.
//!
//! Plain UTF-8 text (files and standard input) is streamed: the hasher
//! reads it in batches, hashes and formats the parts of a batch in
//! parallel, and the output of each part is written in input order as soon
//! as it is ready, in every format (JSON documents are written
//! incrementally: `passages` first, `document` last), so memory does not
//! grow with the input. An input refused after its first batch (invalid
//! UTF-8 deep inside it) leaves the passages printed so far. Everything else (directories, globs, JSON Lines
//! batches, HTML, Markdown, UTF-16, `--lossy`) goes through the shared
//! batch reader (`input::run_batch`), one whole document at a time.

use std::io::{BufWriter, Read, Write};
use std::sync::Mutex;
use std::time::Instant;

use isnad_fingerprint::{
    Error as FpError, FINGERPRINT_SCHEMA_VERSION, Part, fingerprint_bytes, fingerprint_document,
    fingerprint_parts,
};
use isnad_ingest::Format as InputKind;
use isnad_model::{DocumentInfo, PassageKind, Span};

use crate::input::{InputArgs, InputFormat, run_batch, sniff};
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad fingerprint article.txt                  each passage's span, kind and fingerprint
  isnad fingerprint --format json article.txt    the fingerprint document (see `isnad schema fingerprint`)
  isnad fingerprint --format jsonl a.txt b.txt   one fingerprint document per line
  isnad fingerprint --format jsonl corpus/       every article of a directory (sorted), one per line
  isnad fingerprint 'news/**/*.html'             a glob (quoted): the article text of each page
  isnad fingerprint --input-format jsonl batch.jsonl   one document per JSON Lines record
  isnad fingerprint --document-only big.txt      only the document's fingerprint (fastest)
  cat article.txt | isnad fingerprint -          read standard input (as plain text)

A fingerprint is `sha256:` and 64 hex digits over the normalization scheme's
name (`isnad-norm-1`) and the text's matching form: texts that differ only by
diacritics, whitespace, quote style, alef forms or digit script have the same
fingerprint; a changed word changes it.

In JSON the passages come before the document's facts, so that a document
of any size is written as it is read.";

/// Output formats of `isnad fingerprint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per passage, then the document's fingerprint.
    Table,
    /// One fingerprint document (JSON, one passage a line); with several
    /// inputs, a JSON array.
    Json,
    /// One fingerprint document per line.
    Jsonl,
}

/// Arguments of `isnad fingerprint`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Only the document's fingerprint, without segmenting it into passages
    /// (faster; `passages` is empty in JSON).
    #[arg(long)]
    document_only: bool,
}

/// How one command-line input is read.
enum Plan {
    /// Plain UTF-8 text, streamed (a path, or `-`).
    Stream(String),
    /// Inputs for the shared batch reader, in order.
    Batch(Vec<String>),
    /// An input that cannot be read (standard input a second time).
    Fail(CliError),
}

/// Runs `isnad fingerprint`.
pub fn run(args: &Args, ctx: &Context) -> Result<Outcome, CliError> {
    let start = Instant::now();
    let (plans, several) = plan(&args.input);
    let stdout = std::io::stdout();
    let mut out = Out {
        w: BufWriter::with_capacity(1 << 16, stdout.lock()),
        format: args.format,
        array: several,
        docs: 0,
        passages: 0,
        open: false,
    };
    let (mut documents, mut failed) = (0usize, 0usize);
    for plan in plans {
        // An input that failed on its own (the batch reader reports its
        // own failures).
        let failure = match plan {
            Plan::Stream(path) => match stream(&path, args, &mut out) {
                Ok(()) => {
                    documents += 1;
                    None
                }
                Err(err) if is_broken_pipe(&err) => return Ok(Outcome::Ok),
                Err(err) => Some(err),
            },
            Plan::Fail(err) => Some(err),
            Plan::Batch(files) => {
                let mut input = args.input.clone();
                input.files = files;
                let document_only = args.document_only;
                let result = run_batch(
                    &input,
                    ctx,
                    |text| {
                        let mut doc = fingerprint_document(&text.source, &text.text);
                        text.describe(&mut doc.document, false);
                        if document_only {
                            doc.passages.clear();
                        }
                        Ok(doc)
                    },
                    |text, doc| out.whole(&doc.document, &doc.passages, &text.text),
                );
                let mut report = match result {
                    Ok(report) => report,
                    Err(err) if is_broken_pipe(&err) => return Ok(Outcome::Ok),
                    Err(err) => return Err(err),
                };
                documents += report.documents;
                failed += report.failed;
                if let Some(err) = report.take_stopped() {
                    if is_broken_pipe(&err) {
                        return Ok(Outcome::Ok);
                    }
                    out.flush()?;
                    return Err(err);
                }
                None
            }
        };
        if let Some(err) = failure {
            failed += 1;
            out.flush()?;
            if !args.input.keep_going {
                return Err(err);
            }
            eprintln!("{}", err.render(ctx));
        }
    }
    out.finish()?;
    if several && (failed > 0 || documents + failed > 1) {
        let plural = if documents == 1 { "" } else { "s" };
        let mut line = format!("isnad: {documents} document{plural}");
        if failed > 0 {
            line.push_str(&format!(", {failed} failed"));
        }
        line.push_str(&format!(", in {:.1} s", start.elapsed().as_secs_f64()));
        if ctx.stderr_is_terminal || failed > 0 {
            eprintln!("{line}");
        }
    }
    if failed > 0 {
        return Err(CliError::Input {
            location: "fingerprint".into(),
            message: format!("{failed} of {} inputs failed", documents + failed),
            hint: Some("see the errors above".into()),
        });
    }
    Ok(Outcome::Ok)
}

fn is_broken_pipe(err: &CliError) -> bool {
    matches!(err, CliError::Io { path, source }
        if path == "-" && source.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Decides, per command-line input, whether it is streamed (plain UTF-8
/// text: told by `--input-format text`, the extension, or the first
/// kilobytes) or read by the batch reader (everything else, and every
/// input that fails to open, so that its error is the batch reader's).
/// Also tells whether more than one document may come (a JSON array).
fn plan(input: &InputArgs) -> (Vec<Plan>, bool) {
    let mut plans: Vec<Plan> = Vec::new();
    let mut several = input.files.len() > 1;
    let mut stdin_used = false;
    for file in &input.files {
        if file == "-" && std::mem::replace(&mut stdin_used, true) {
            plans.push(Plan::Fail(CliError::Usage {
                message: "standard input (-) can be read only once".into(),
                hint: Some("give `-` once".into()),
            }));
            continue;
        }
        let streamed = !input.lossy
            && match input.input_format {
                InputFormat::Text => file == "-" || std::path::Path::new(file).is_file(),
                InputFormat::Auto => file == "-" || sniff(file) == Some(InputKind::Text),
                _ => false,
            };
        if streamed {
            plans.push(Plan::Stream(file.clone()));
            continue;
        }
        let path = std::path::Path::new(file);
        if file != "-"
            && (path.is_dir()
                || input.input_format == InputFormat::Jsonl
                || (!path.exists() && file.contains(['*', '?', '[']))
                || (path.is_file() && sniff(file) == Some(InputKind::Jsonl)))
        {
            several = true;
        }
        if let Some(Plan::Batch(files)) = plans.last_mut() {
            files.push(file.clone());
        } else {
            plans.push(Plan::Batch(vec![file.clone()]));
        }
    }
    (plans, several)
}

/// Opens `path` for streaming (`-` is standard input). A UTF-16 byte order
/// mark on standard input is refused (files with one are not streamed).
fn open(path: &str) -> Result<Box<dyn Read + Send>, CliError> {
    if path != "-" {
        let file = std::fs::File::open(path).map_err(|e| CliError::io(path, e))?;
        return Ok(Box::new(file));
    }
    // `Stdin`, not its lock: the hasher reads on a thread of its own.
    let mut reader = std::io::stdin();
    let mut head = [0u8; 2];
    let mut got = 0;
    while got < 2 {
        match reader.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(k) => got += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(CliError::io(path, e)),
        }
    }
    if got == 2 && (head == [0xFF, 0xFE] || head == [0xFE, 0xFF]) {
        return Err(CliError::Input {
            location: "-".into(),
            message: "UTF-16 text on standard input".into(),
            hint: Some("give it as a file, or convert it to UTF-8".into()),
        });
    }
    Ok(Box::new(
        std::io::Cursor::new(head[..got].to_vec()).chain(reader),
    ))
}

fn stream_error(path: &str, err: FpError) -> CliError {
    match err {
        FpError::Io(e) => CliError::io(path, e),
        FpError::Output(e) => CliError::io("-", e),
        FpError::InvalidUtf8 { line, column, .. } => CliError::Input {
            location: format!("{path}:{line}:{column}"),
            message: err.to_string(),
            hint: Some(
                "convert the file to UTF-8, or pass --lossy to replace invalid bytes".into(),
            ),
        },
        FpError::Binary { .. } => CliError::Input {
            location: path.to_string(),
            message: err.to_string(),
            hint: Some("give a text file".into()),
        },
    }
}

/// Streams one plain-text input through the hasher into `out`.
fn stream(path: &str, args: &Args, out: &mut Out<impl Write>) -> Result<(), CliError> {
    let reader = open(path)?;
    let format = args.format;
    let segment = !args.document_only;
    // Output buffers go back to this pool once written (fresh buffers for
    // every part would cost page faults).
    let pool: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());
    let info = fingerprint_parts(
        path,
        reader,
        segment,
        |part: &Part<'_>| {
            let mut buf = pool
                .lock()
                .ok()
                .and_then(|mut p| p.pop())
                .unwrap_or_default();
            buf.clear();
            for (k, p) in part.passages.iter().enumerate() {
                let fp = fingerprint_bytes(&p.digest);
                let row = Row {
                    number: part.first_number + k,
                    span: p.span,
                    kind: p.kind,
                    language: p.language,
                    fingerprint: &fp,
                    text: &part.text[p.bytes.clone()],
                };
                row.write(format, &mut buf);
            }
            (buf, part.passages.len())
        },
        |_, (buf, n)| {
            if !out.open {
                // Opened with the first output: an input refused in its
                // first batch leaves no output behind.
                out.begin().map_err(|e| match e {
                    CliError::Io { source, .. } => source,
                    other => std::io::Error::other(other.to_string()),
                })?;
            }
            out.passages += n;
            let written = out.w.write_all(&buf);
            if let Ok(mut p) = pool.lock() {
                p.push(buf);
            }
            written
        },
    )
    .map_err(|e| stream_error(path, e))?;
    if !out.open {
        out.begin()?;
    }
    out.end(&info)
}

/// One passage as printed.
struct Row<'a> {
    number: usize,
    span: Span,
    kind: PassageKind,
    language: &'a str,
    /// `sha256:` and 64 hex digits.
    fingerprint: &'a [u8],
    text: &'a str,
}

impl Row<'_> {
    /// Appends the row: a table line, or the passage's JSON object (after
    /// a comma unless it is the document's first passage).
    fn write(&self, format: Format, out: &mut Vec<u8>) {
        let mut cells = Cells::default();
        match format {
            Format::Table => {
                cells.bytes(b"p");
                cells.decimal(self.number);
                cells.pad_to(0, 7);
                let at = cells.len;
                cells.bytes(self.kind.as_str().as_bytes());
                cells.pad_to(at, 10);
                let at = cells.len;
                cells.decimal(self.span.start);
                cells.bytes(b"-");
                cells.decimal(self.span.end);
                cells.pad_to(at, 16);
                let at = cells.len;
                cells.bytes(self.language.as_bytes());
                cells.pad_to(at, 4);
                out.extend_from_slice(cells.as_slice());
                out.extend_from_slice(self.fingerprint);
                out.extend_from_slice(b"  ");
                preview(out, self.text);
                out.push(b'\n');
            }
            Format::Json | Format::Jsonl => {
                if self.number > 1 {
                    cells.bytes(b",");
                }
                if format == Format::Json {
                    cells.bytes(b"\n    ");
                }
                cells.bytes(b"{\"id\":\"p");
                cells.decimal(self.number);
                cells.bytes(b"\",\"span\":{\"start\":");
                cells.decimal(self.span.start);
                cells.bytes(b",\"end\":");
                cells.decimal(self.span.end);
                cells.bytes(b"},\"fingerprint\":\"");
                out.extend_from_slice(cells.as_slice());
                out.extend_from_slice(self.fingerprint);
                let mut cells = Cells::default();
                cells.bytes(b"\",\"kind\":\"");
                cells.bytes(self.kind.as_str().as_bytes());
                cells.bytes(b"\",\"language\":\"");
                cells.bytes(self.language.as_bytes());
                cells.bytes(b"\"}");
                out.extend_from_slice(cells.as_slice());
            }
        }
    }
}

/// The short ASCII cells of a row (numbers, labels, padding), put together
/// on the stack and appended in one copy: a `memcpy` call for each few
/// bytes cost more than the bytes. What does not fit (never, for numbers of
/// at most 20 digits) is left out rather than panicking.
struct Cells {
    buf: [u8; 160],
    len: usize,
}

impl Default for Cells {
    fn default() -> Self {
        Cells {
            buf: [b' '; 160],
            len: 0,
        }
    }
}

impl Cells {
    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if let Some(slot) = self.buf.get_mut(self.len) {
                *slot = b;
                self.len += 1;
            }
        }
    }

    fn decimal(&mut self, n: usize) {
        self.bytes(itoa::Buffer::new().format(n).as_bytes());
    }

    /// Spaces after the column that starts at `from`, up to `width`
    /// columns (at least one space).
    fn pad_to(&mut self, from: usize, width: usize) {
        let used = self.len - from;
        for _ in 0..width.saturating_sub(used).max(1) {
            self.bytes(b" ");
        }
    }

    fn as_slice(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// The output: documents in the chosen format, one after another.
struct Out<W: Write> {
    w: W,
    format: Format,
    /// JSON: the documents go into an array.
    array: bool,
    /// Documents begun so far.
    docs: usize,
    /// Passages of the current document written so far.
    passages: usize,
    /// A document is open (begun, not ended).
    open: bool,
}

impl<W: Write> Out<W> {
    fn put(&mut self, bytes: &[u8]) -> Result<(), CliError> {
        self.w.write_all(bytes).map_err(|e| CliError::io("-", e))
    }

    /// Opens a document.
    fn begin(&mut self) -> Result<(), CliError> {
        self.passages = 0;
        self.open = true;
        let first = self.docs == 0;
        self.docs += 1;
        match self.format {
            Format::Table => {
                if !first {
                    self.put(b"\n")?;
                }
            }
            Format::Json => {
                if self.array {
                    self.put(if first { b"[\n" } else { b",\n" })?;
                }
                let head = format!(
                    "{{\n  \"schema_version\": \"{FINGERPRINT_SCHEMA_VERSION}\",\n  \"passages\": ["
                );
                self.put(head.as_bytes())?;
            }
            Format::Jsonl => {
                let head =
                    format!("{{\"schema_version\":\"{FINGERPRINT_SCHEMA_VERSION}\",\"passages\":[");
                self.put(head.as_bytes())?;
            }
        }
        Ok(())
    }

    /// Closes a document with its facts.
    fn end(&mut self, info: &DocumentInfo) -> Result<(), CliError> {
        self.open = false;
        let json = |pretty: bool| {
            if pretty {
                serde_json::to_string_pretty(info)
            } else {
                serde_json::to_string(info)
            }
            .map_err(|e| CliError::library(e, None))
        };
        let tail = match self.format {
            Format::Table => format!(
                "{}: {}, {} code points, {}\ndocument {}\n",
                info.source, info.language, info.length, info.normalization, info.fingerprint
            ),
            Format::Json => {
                let close = if self.passages > 0 { "\n  ]" } else { "]" };
                let doc = json(true)?.replace('\n', "\n  ");
                let end = if self.array { "" } else { "\n" };
                format!("{close},\n  \"document\": {doc}\n}}{end}")
            }
            Format::Jsonl => format!("],\"document\":{}}}\n", json(false)?),
        };
        self.put(tail.as_bytes())
    }

    /// A whole document (from the batch reader).
    fn whole(
        &mut self,
        info: &DocumentInfo,
        passages: &[isnad_model::Passage],
        text: &str,
    ) -> Result<(), CliError> {
        self.begin()?;
        let mut buf = Vec::new();
        for (k, p) in passages.iter().enumerate() {
            Row {
                number: k + 1,
                span: p.span,
                kind: p.kind,
                language: &p.language,
                fingerprint: p.fingerprint.as_bytes(),
                text: p.span.slice(text).unwrap_or_default(),
            }
            .write(self.format, &mut buf);
        }
        self.passages = passages.len();
        self.put(&buf)?;
        self.end(info)
    }

    /// Closes the output (the JSON array) and flushes it.
    fn finish(&mut self) -> Result<(), CliError> {
        if self.format == Format::Json && self.array {
            self.put(if self.docs == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.flush()
    }

    fn flush(&mut self) -> Result<(), CliError> {
        match self.w.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(|e| CliError::io("-", e)),
        }
    }
}

/// The passage's first words on one line, isolated (FSI … PDI) so that
/// right-to-left text does not reorder the columns around it: at most
/// [`PREVIEW`] characters, each run of whitespace, control and direction
/// characters shown as one space (none at the ends), `…` when cut.
///
/// By hand over the bytes, copying runs of shown characters in one piece:
/// a character-by-character loop was a sixth of `isnad fingerprint`.
fn preview(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice("\u{2068}".as_bytes());
    if let Some((end, more)) = plain_preview(text) {
        out.extend_from_slice(&text.as_bytes()[..end]);
        out.extend_from_slice(more.as_bytes());
        out.extend_from_slice("\u{2069}".as_bytes());
        return;
    }
    let b = text.as_bytes();
    let mut count = 0;
    let mut gap = false;
    let mut any = false;
    // The shown characters not copied yet: `b[run..i]`.
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let len = match x {
            0x00..=0x7F => 1,
            0x80..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        // Only these lead bytes start a whitespace, control or direction
        // character: ASCII ones, U+0080–U+00A0, U+1680, U+2000–U+206F and
        // U+3000.
        let hidden = match x {
            0x00..=0x20 | 0x7F => true,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => text[i..].chars().next().is_some_and(is_preview_gap),
            _ => false,
        };
        if hidden {
            out.extend_from_slice(&b[run..i]);
            gap = any;
            i += len;
            run = i;
            continue;
        }
        if gap {
            out.extend_from_slice(&b[run..i]);
            run = i;
            out.push(b' ');
            count += 1;
            gap = false;
        }
        if count >= PREVIEW {
            out.extend_from_slice(&b[run..i]);
            out.extend_from_slice("…".as_bytes());
            run = b.len();
            break;
        }
        any = true;
        count += 1;
        i += len;
    }
    out.extend_from_slice(&b[run.min(b.len())..]);
    out.extend_from_slice("\u{2069}".as_bytes());
}

/// The preview of the common passage, whose first [`PREVIEW`] characters
/// (and the two after them) are words with single ASCII spaces between
/// them: the byte length of its shown start, and what follows it (` …` or
/// `…` when more text follows), as [`preview`]'s general loop would show
/// them. `None` for any other text (a whitespace run, a control or
/// direction character, a space at either end), which takes that loop.
fn plain_preview(text: &str) -> Option<(usize, &'static str)> {
    let b = text.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return None;
    }
    let window = &b[..b.len().min(4 * (PREVIEW + 2))];
    // Gap characters (see `is_preview_gap`) and two spaces in a row, by
    // their bytes, tested without branches over the whole window.
    let ascii = window
        .iter()
        .fold(false, |any, &x| any | (x < 0x20) | (x == 0x7F));
    // Shifted slices zipped, not `windows`, which the compiler does not
    // vectorize.
    let next = window.get(1..).unwrap_or_default();
    let after = window.get(2..).unwrap_or_default();
    let pairs = window.iter().zip(next).fold(false, |any, (&x, &y)| {
        // Two spaces; U+0080–U+00A0 (C1 controls, NEL, NBSP).
        any | ((x == b' ') & (y == b' ')) | ((x == 0xC2) & (y <= 0xA0))
    });
    let triples = window
        .iter()
        .zip(next)
        .zip(after)
        .fold(false, |any, ((&x, &y), &z)| {
            // U+2000–U+200A, U+200E, U+200F, U+2028–U+202F; U+205F,
            // U+2066–U+2069; U+1680; U+3000.
            let general = (x == 0xE2)
                & (((y == 0x80)
                    & ((z <= 0x8A) | (z == 0x8E) | (z == 0x8F) | (z.wrapping_sub(0xA8) < 8)))
                    | ((y == 0x81) & ((z == 0x9F) | (z.wrapping_sub(0xA6) < 4))));
            any | general
                | ((x == 0xE1) & (y == 0x9A) & (z == 0x80))
                | ((x == 0xE3) & (y == 0x80) & (z == 0x80))
        });
    if ascii || pairs || triples {
        return None;
    }
    // The byte where character PREVIEW starts (the window holds it and the
    // next character whole: four bytes a character at most).
    let Some(end) = nth_char_start(window, PREVIEW) else {
        return Some((b.len(), ""));
    };
    // A space after the last shown character is shown before the `…` (the
    // text does not end with one, so a word follows it).
    Some((end, if b[end] == b' ' { " …" } else { "…" }))
}

/// The byte where character `n` (from 0) of the UTF-8 in `b` starts, if
/// `b` has one: lead bytes counted 16 at a time (a character-by-character
/// walk was the costliest step of a table row), then byte by byte in the
/// block where it lies.
fn nth_char_start(b: &[u8], n: usize) -> Option<usize> {
    let is_lead = |x: u8| (x as i8) >= -0x40;
    let mut seen = 0;
    let mut start = 0;
    for block in b.chunks(16) {
        // Summed in a byte (a `filter().count()` sums in 64-bit lanes).
        let leads = usize::from(block.iter().fold(0u8, |sum, &x| sum + u8::from(is_lead(x))));
        if seen + leads > n {
            break;
        }
        seen += leads;
        start += block.len();
    }
    for (i, &x) in b.iter().enumerate().skip(start) {
        if is_lead(x) {
            if seen == n {
                return Some(i);
            }
            seen += 1;
        }
    }
    None
}

/// Characters of the table's previews: this many at most.
const PREVIEW: usize = 48;

/// Whitespace, control and direction characters: a gap in a preview.
fn is_preview_gap(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written passage JSON is what serde writes for the contract's
    /// `Passage`, and the table row has the columns of the old formatter.
    #[test]
    fn rows_match_serde_and_the_table_layout() {
        let text = "وزارة الصحة: لا إصابات\n\nThe ministry said so.";
        let doc = fingerprint_document("-", text);
        for (k, p) in doc.passages.iter().enumerate() {
            let row = Row {
                number: k + 1,
                span: p.span,
                kind: p.kind,
                language: &p.language,
                fingerprint: p.fingerprint.as_bytes(),
                text: p.span.slice(text).unwrap_or_default(),
            };
            let mut json = Vec::new();
            row.write(Format::Jsonl, &mut json);
            let json = String::from_utf8(json).unwrap_or_default();
            let expected = serde_json::to_string(p).unwrap_or_default();
            assert_eq!(json.trim_start_matches(','), expected);
            let mut line = Vec::new();
            row.write(Format::Table, &mut line);
            let line = String::from_utf8(line).unwrap_or_default();
            let span = format!("{}-{}", p.span.start, p.span.end);
            let expected = format!(
                "{:<7}{:<10}{span:<16}{:<4}{}  ",
                p.id,
                p.kind.as_str(),
                p.language,
                p.fingerprint
            );
            assert!(line.starts_with(&expected), "{line:?} / {expected:?}");
        }
    }

    /// The preview as first written, character by character: the reference
    /// that the fast [`preview`] must equal.
    fn reference_preview(out: &mut Vec<u8>, text: &str) {
        const MAX: usize = 48;
        out.extend_from_slice("\u{2068}".as_bytes());
        let mut count = 0;
        let mut space = false;
        let mut any = false;
        let bytes = text.as_bytes();
        for (i, c) in text.char_indices() {
            if c.is_whitespace()
                || c.is_control()
                || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
            {
                space = any;
                continue;
            }
            if space {
                out.push(b' ');
                count += 1;
                space = false;
            }
            if count >= MAX {
                out.extend_from_slice("…".as_bytes());
                break;
            }
            // Byte by byte: a call to memcpy per character cost more than the
            // rest of the row.
            for &b in &bytes[i..i + c.len_utf8()] {
                out.push(b);
            }
            any = true;
            count += 1;
        }
        out.extend_from_slice("\u{2069}".as_bytes());
    }

    proptest::proptest! {
        #[test]
        fn plain_previews_equal_the_reference(text in "([a-zأبتة«».،\u{201C}\u{2026}]{1,7} ){0,20}[a-zأبت\u{2028}\u{A0}]{0,3}") {
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            preview(&mut fast, &text);
            reference_preview(&mut slow, &text);
            proptest::prop_assert_eq!(fast, slow);
        }

        #[test]
        fn preview_equals_the_reference(text in "(\\PC|[ \\t\\n\\u{85}\\u{A0}\\u{200E}\\u{2028}\\u{2067}\\u{3000}\\u{1680}\\u{9F}]){0,80}") {
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            preview(&mut fast, &text);
            reference_preview(&mut slow, &text);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    proptest::proptest! {
        #[test]
        fn nth_char_starts_are_char_indices(text in "\\PC{0,60}", n in 0usize..70) {
            proptest::prop_assert_eq!(
                nth_char_start(text.as_bytes(), n),
                text.char_indices().nth(n).map(|(i, _)| i)
            );
        }
    }

    #[test]
    fn previews_collapse_whitespace_and_stop_at_48_characters() {
        let show = |text: &str| {
            let mut out = Vec::new();
            preview(&mut out, text);
            String::from_utf8(out).unwrap_or_default()
        };
        assert_eq!(
            show(" قالَ \u{200F} «نعم»\n\tyes "),
            "\u{2068}قالَ «نعم» yes\u{2069}"
        );
        let long = "كلمة ".repeat(20);
        let shown = show(&long);
        assert_eq!(shown.chars().count(), 48 + 3);
        assert!(shown.ends_with("…\u{2069}"));
    }
}
