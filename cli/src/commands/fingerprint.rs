//! `isnad fingerprint FILE...`: each passage's span, kind and fingerprint,
//! and the document's fingerprint.
//!
//! UTF-8 files and standard input are read as a stream, in flat memory,
//! however large they are (`table` prints each passage as soon as it is
//! read); UTF-16 files and `--lossy` go through the whole-file decoder.

use std::fmt::Write as _;
use std::io::{BufWriter, Read, Write};

use isnad_fingerprint::{
    Error as FpError, FINGERPRINT_SCHEMA_VERSION, document_reader, fingerprint_document,
    fingerprint_reader,
};
use isnad_ingest::Decoding;
use isnad_model::{DocumentInfo, FingerprintDocument, Passage, PassageKind};

use crate::input::read_input;
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad fingerprint article.txt                  each passage's span, kind and fingerprint
  isnad fingerprint --format json article.txt    the fingerprint document (see `isnad schema fingerprint`)
  isnad fingerprint --format jsonl a.txt b.txt   one fingerprint document per line
  isnad fingerprint --document-only big.txt      only the document's fingerprint (fastest)
  cat article.txt | isnad fingerprint -          read standard input

A fingerprint is `sha256:` and 64 hex digits over the normalization scheme's
name (`isnad-norm-1`) and the text's matching form: texts that differ only by
diacritics, whitespace, quote style, alef forms or digit script have the same
fingerprint; a changed word changes it.";

/// Output formats of `isnad fingerprint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per passage, then the document's fingerprint.
    Table,
    /// One fingerprint document (pretty JSON); with several inputs, a JSON array.
    Json,
    /// One fingerprint document per line.
    Jsonl,
}

/// Arguments of `isnad fingerprint`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Text files to read; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Replace invalid UTF-8 with U+FFFD instead of refusing the file.
    #[arg(long)]
    lossy: bool,
    /// Only the document's fingerprint, without segmenting it into passages
    /// (faster; `passages` is empty in JSON).
    #[arg(long)]
    document_only: bool,
}

/// Runs `isnad fingerprint`.
pub fn run(args: &Args, ctx: &Context) -> Result<Outcome, CliError> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut failed = 0;
    let many = args.files.len() > 1;
    if args.format == Format::Json && many {
        write(&mut out, "[\n")?;
    }
    for (n, file) in args.files.iter().enumerate() {
        let result = match args.format {
            Format::Table => {
                if n > 0 {
                    write(&mut out, "\n")?;
                }
                table(file, args.lossy, args.document_only, &mut out)
            }
            Format::Json | Format::Jsonl => document(file, args.lossy, args.document_only)
                .and_then(|doc| {
                    let text = if args.format == Format::Jsonl {
                        serde_json::to_string(&doc).map(|s| s + "\n")
                    } else {
                        let sep = if many && n > 0 { ",\n" } else { "" };
                        serde_json::to_string_pretty(&doc).map(|s| format!("{sep}{s}"))
                    };
                    let text = text.map_err(|e| CliError::library(e, None))?;
                    write(&mut out, &text)
                }),
        };
        if let Err(err) = result {
            if let CliError::Io { path, source } = &err
                && path == "-"
                && source.kind() == std::io::ErrorKind::BrokenPipe
            {
                return Ok(Outcome::Ok);
            }
            failed += 1;
            flush(&mut out)?;
            if !many {
                return Err(err);
            }
            eprintln!("{}", err.render(ctx));
        }
    }
    if args.format == Format::Json {
        write(&mut out, if many { "\n]\n" } else { "\n" })?;
    }
    flush(&mut out)?;
    if failed > 0 {
        return Err(CliError::Input {
            location: "fingerprint".into(),
            message: format!("{failed} of {} inputs failed", args.files.len()),
            hint: Some("see the errors above".into()),
        });
    }
    Ok(Outcome::Ok)
}

fn write(out: &mut impl Write, text: &str) -> Result<(), CliError> {
    out.write_all(text.as_bytes())
        .map_err(|e| CliError::io("-", e))
}

fn flush(out: &mut impl Write) -> Result<(), CliError> {
    match out.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| CliError::io("-", e)),
    }
}

/// Opens `path` for streaming, or `None` when it must go through the
/// whole-file decoder (UTF-16, `--lossy`).
fn open_stream(path: &str, lossy: bool) -> Result<Option<Box<dyn Read>>, CliError> {
    if lossy {
        return Ok(None);
    }
    let mut reader: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let metadata = std::fs::metadata(path).map_err(|e| CliError::io(path, e))?;
        if metadata.is_dir() {
            return Err(CliError::Input {
                location: path.to_string(),
                message: "is a directory".into(),
                hint: Some("give the files inside it, e.g. DIR/*.txt".into()),
            });
        }
        Box::new(std::fs::File::open(path).map_err(|e| CliError::io(path, e))?)
    };
    // A UTF-16 byte order mark sends the file to the decoder.
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
        if path == "-" {
            return Err(CliError::Input {
                location: "-".into(),
                message: "UTF-16 text on standard input".into(),
                hint: Some("give it as a file, or convert it to UTF-8".into()),
            });
        }
        return Ok(None);
    }
    Ok(Some(Box::new(
        std::io::Cursor::new(head[..got].to_vec()).chain(reader),
    )))
}

fn stream_error(path: &str, err: FpError) -> CliError {
    match err {
        FpError::Io(e) => CliError::io(path, e),
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

/// The whole fingerprint document of one input.
fn document(path: &str, lossy: bool, document_only: bool) -> Result<FingerprintDocument, CliError> {
    match open_stream(path, lossy)? {
        Some(reader) if document_only => {
            let document = document_reader(path, reader).map_err(|e| stream_error(path, e))?;
            Ok(FingerprintDocument {
                schema_version: FINGERPRINT_SCHEMA_VERSION.to_string(),
                document,
                passages: Vec::new(),
            })
        }
        Some(reader) => {
            let mut passages = Vec::new();
            let document = fingerprint_reader(path, reader, |p, _| passages.push(p))
                .map_err(|e| stream_error(path, e))?;
            Ok(FingerprintDocument {
                schema_version: FINGERPRINT_SCHEMA_VERSION.to_string(),
                document,
                passages,
            })
        }
        None => {
            let decoding = if lossy {
                Decoding::Lossy
            } else {
                Decoding::Strict
            };
            let input = read_input(path, decoding)?;
            let mut doc = fingerprint_document(&input.source, &input.text);
            if document_only {
                doc.passages.clear();
            }
            Ok(doc)
        }
    }
}

/// Prints one input as a table, passage by passage as they are read.
fn table(
    path: &str,
    lossy: bool,
    document_only: bool,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let mut line = String::new();
    let mut write_error = None;
    let mut emit = |p: &Passage, text: &str| {
        if write_error.is_some() {
            return;
        }
        line.clear();
        pad(&mut line, &p.id, 7);
        pad(&mut line, kind_label(p.kind), 10);
        let span_start = line.len();
        let _ = write!(line, "{}-{}", p.span.start, p.span.end);
        let width = line.len() - span_start;
        line.extend(std::iter::repeat_n(
            ' ',
            16usize.saturating_sub(width).max(1),
        ));
        pad(&mut line, &p.language, 4);
        line.push_str(&p.fingerprint);
        line.push_str("  ");
        preview(&mut line, text);
        line.push('\n');
        if let Err(e) = out.write_all(line.as_bytes()) {
            write_error = Some(e);
        }
    };
    let info: DocumentInfo = match open_stream(path, lossy)? {
        Some(reader) if document_only => {
            document_reader(path, reader).map_err(|e| stream_error(path, e))?
        }
        Some(reader) => fingerprint_reader(path, reader, |p, t| emit(&p, t))
            .map_err(|e| stream_error(path, e))?,
        None => {
            let decoding = if lossy {
                Decoding::Lossy
            } else {
                Decoding::Strict
            };
            let input = read_input(path, decoding)?;
            let doc = fingerprint_document(&input.source, &input.text);
            if !document_only {
                for p in &doc.passages {
                    emit(p, p.span.slice(&input.text).unwrap_or_default());
                }
            }
            doc.document
        }
    };
    if let Some(e) = write_error {
        return Err(CliError::io("-", e));
    }
    let summary = format!(
        "{}: {}, {} code points, {}\ndocument {}\n",
        info.source, info.language, info.length, info.normalization, info.fingerprint
    );
    write(out, &summary)
}

fn kind_label(kind: PassageKind) -> &'static str {
    match kind {
        PassageKind::Heading => "heading",
        PassageKind::Paragraph => "paragraph",
        PassageKind::Byline => "byline",
        PassageKind::Dateline => "dateline",
        PassageKind::Item => "item",
    }
}

/// `text` and spaces up to `width` columns (at least one space).
fn pad(line: &mut String, text: &str, width: usize) {
    line.push_str(text);
    let n = text.chars().count();
    line.extend(std::iter::repeat_n(' ', width.saturating_sub(n).max(1)));
}

/// The passage's first words on one line, isolated (FSI … PDI) so that
/// right-to-left text does not reorder the columns around it.
fn preview(out: &mut String, text: &str) {
    const MAX: usize = 48;
    out.push('\u{2068}');
    let mut count = 0;
    let mut space = false;
    let mut any = false;
    for c in text.chars() {
        if c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        {
            space = any;
            continue;
        }
        if space {
            out.push(' ');
            count += 1;
            space = false;
        }
        if count >= MAX {
            out.push('…');
            break;
        }
        out.push(c);
        any = true;
        count += 1;
    }
    out.push('\u{2069}');
}
