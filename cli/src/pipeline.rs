//! The one composition of the libraries that every command reading an
//! article uses: fingerprints and passages (isnad-fingerprint), then claims
//! (isnad-extract), as one `ExtractionDocument`. `extract`, `diff`,
//! `record`, `audit` and `report` all go through here, so they agree on
//! every span and id.

use std::collections::VecDeque;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use isnad_extract::{Extractor, Input};
use isnad_model::{EXTRACTION_SCHEMA_VERSION, ExtractionDocument, PassageKind};
use isnad_speakers::{Resolver, SpeakerKeys};

use crate::CliError;

pub mod lines;
pub mod render;
pub mod spool;

use lines::{LineCursor, Place};
use render::Style;
use spool::Claims;

/// A document extracted for `isnad extract` to write out: its facts
/// (`passages` and `claims` empty), its passages and its claims in text
/// order, already written as JSON in the style asked for, the claims
/// waiting in a spool for their speaker keys (each with the line and
/// column of its start, for the table), and the keys.
pub struct Streamed<'p> {
    /// The document without its passages and claims.
    pub doc: ExtractionDocument,
    /// The passages, in order.
    pub passages: spool::Passages,
    /// The claims, keys not yet set.
    pub claims: Claims,
    /// The speaker keys, set as the claims are read back.
    pub keys: SpeakerKeys<'p>,
    /// How the passages and claims are written.
    pub style: Style,
    /// Where `document.text` is read from as the JSON is written (for
    /// `--with-text` on a file that was read as a stream; `None` writes
    /// `doc`'s `text` as it is).
    pub text: Option<TextFrom>,
    /// Read from a file with a stretch of more than [`LONG_STRETCH`] bytes
    /// without a blank line, where the streaming reader's passages may
    /// differ from the whole text's (see [`Pipeline::extract_reader`]).
    pub long_stretch: bool,
}

/// A stretch of text without a blank line this long (no real text has
/// one) may be where `isnad-fingerprint`'s streaming reader cuts a
/// passage: it cuts only where [`isnad_fingerprint::MAX_PART`] bytes have
/// no blank line, and then some part it hands over is at least half that
/// long.
pub const LONG_STRETCH: usize = isnad_fingerprint::MAX_PART / 4;

/// A plain text file read once more when its document is written, for
/// `document.text`: the text is never held.
#[derive(Debug)]
pub enum TextFrom {
    /// The file at this path, opened again.
    Path(PathBuf),
    /// This open file (standard input's copy), from its start.
    File(std::fs::File),
}

impl TextFrom {
    /// Writes the file's text (as [`isnad_fingerprint::read_text`] reads
    /// it: the text the spans point into) as the inside of a JSON string,
    /// escaped as serde_json escapes it, piece by piece; fails if it is
    /// not `length` code points long (the file changed since it was read).
    fn write_escaped(&self, out: &mut impl std::io::Write, length: usize) -> std::io::Result<()> {
        use std::io::Seek as _;
        let file = match self {
            TextFrom::Path(path) => std::fs::File::open(path)?,
            TextFrom::File(file) => {
                let mut file = file.try_clone()?;
                file.rewind()?;
                file
            }
        };
        let mut buf = Vec::with_capacity(TEXT_PIECE + TEXT_PIECE / 4);
        let read = isnad_fingerprint::read_text(file, TEXT_PIECE, |piece, _| {
            buf.clear();
            render::escaped(&mut buf, piece);
            out.write_all(&buf)
        })?;
        if read != length {
            return Err(std::io::Error::other("the file changed while it was read"));
        }
        Ok(())
    }
}

/// What `document.text` holds while the facts are serialized, when the
/// text is written from its file: NUL, which serde_json writes `\u0000`
/// and no path holds; found by its key (a `"` inside a string is escaped,
/// so the key's bytes cannot stand inside another string).
const TEXT_MARK: &str = "\0";

/// Where the mark's escape (`\u0000`) starts in the serialized facts.
fn text_mark(head: &[u8], pretty: bool) -> Option<usize> {
    let key: &[u8] = if pretty {
        b"\"text\": \"\\u0000\""
    } else {
        b"\"text\":\"\\u0000\""
    };
    head.windows(key.len())
        .position(|w| w == key)
        .map(|i| i + key.len() - 7)
}

impl Streamed<'_> {
    /// Whether its passages and claims are all in memory (every article;
    /// not a long text, whose spools went to temporary files), and its
    /// text is not read again from a file: writing it out then reads no
    /// file, so it can be done anywhere (on the thread that extracted it).
    pub fn in_memory(&self) -> bool {
        self.text.is_none() && self.passages.bytes.in_memory() && self.claims.in_memory()
    }

    /// Writes the document as JSON, with the bytes of serializing the
    /// `ExtractionDocument` it stands for with serde_json (compact, or
    /// pretty in the style's pretty form) and the claims' keys in place.
    /// `level` is the pretty form's nesting level of the document (1 in an
    /// array of documents; the passages and claims were written for level
    /// 0, so their lines are indented as they are copied). The spools are
    /// read once.
    pub fn write_json(self, out: &mut impl std::io::Write, level: usize) -> std::io::Result<()> {
        self.write_json_with(out, level, None)
    }

    /// [`Streamed::write_json`] with `shown` as `document.text` (the text
    /// the spans point into, borrowed from the input instead of copied
    /// into the document), escaped straight into the output.
    pub fn write_json_with(
        self,
        out: &mut impl std::io::Write,
        level: usize,
        shown: Option<&str>,
    ) -> std::io::Result<()> {
        let Streamed {
            mut doc,
            passages,
            claims,
            keys,
            style,
            text,
            ..
        } = self;
        let marked = text.is_some() || shown.is_some();
        if marked {
            doc.document.text = Some(TEXT_MARK.to_string());
        }
        let mut out = render::Indent::new(out, if style.pretty { level } else { 0 });
        let mut head = Vec::new();
        let (sep, colon) = if style.pretty {
            (&b",\n  "[..], &b": "[..])
        } else {
            (&b","[..], &b":"[..])
        };
        head.extend_from_slice(if style.pretty { b"{\n  " } else { b"{" });
        head.extend_from_slice(b"\"schema_version\"");
        head.extend_from_slice(colon);
        render::string(&mut head, &doc.schema_version);
        head.extend_from_slice(sep);
        head.extend_from_slice(b"\"document\"");
        head.extend_from_slice(colon);
        if style.pretty {
            // serde's pretty form of the facts, one level in
            let facts = serde_json::to_vec_pretty(&doc.document)?;
            render::Indent::new(&mut head, 1).write_all(&facts)?;
        } else {
            serde_json::to_writer(&mut head, &doc.document)?;
        }
        head.extend_from_slice(sep);
        head.extend_from_slice(b"\"passages\"");
        head.extend_from_slice(colon);
        head.push(b'[');
        // looked for only when there is a mark: the facts of an article
        // read whole hold its text, which would be searched for nothing
        match marked.then(|| text_mark(&head, style.pretty)).flatten() {
            Some(at) => {
                out.write_all(&head[..at])?;
                match (&text, shown) {
                    (Some(from), _) => from.write_escaped(&mut out, doc.document.length)?,
                    (None, Some(shown)) => {
                        let mut buf = Vec::with_capacity(shown.len() + 64);
                        render::escaped(&mut buf, shown);
                        out.write_all(&buf)?;
                    }
                    // not marked
                    (None, None) => {}
                }
                out.write_all(&head[at + 6..])?;
            }
            None => out.write_all(&head)?,
        }
        let n = passages.len;
        passages.bytes.copy_to(&mut out)?;
        head.clear();
        render::close_array(&mut head, style, n);
        head.extend_from_slice(sep);
        head.extend_from_slice(b"\"claims\"");
        head.extend_from_slice(colon);
        head.push(b'[');
        out.write_all(&head)?;
        let n = claims.len();
        let mut drain = claims.drain()?;
        while let Some(written) = drain.write_next(&keys, &mut out) {
            written?;
        }
        head.clear();
        render::close_array(&mut head, style, n);
        head.extend_from_slice(if style.pretty { b"\n}" } else { b"}" });
        out.write_all(&head)
    }
}

/// Compiled language packs and speaker rules, ready to extract documents.
#[derive(Debug)]
pub struct Pipeline {
    extractor: Extractor,
    speakers: Resolver,
    /// Whether streamed claims get the line and column of their start.
    places: bool,
}

/// The speaker alias file of this run: `--speakers` (set by `main`) wins over
/// the `speakers` key of the configuration that a command loaded
/// (`config::load` records it), which wins over `./isnad.toml`.
static SPEAKERS_FLAG: Mutex<Option<PathBuf>> = Mutex::new(None);
static SPEAKERS_CONFIG: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Records `--speakers FILE` (called once by `main`).
pub fn set_speakers_flag(path: Option<PathBuf>) {
    if let Ok(mut slot) = SPEAKERS_FLAG.lock() {
        *slot = path;
    }
}

/// Records the `speakers` key of a loaded `isnad.toml`.
pub fn set_speakers_config(path: Option<PathBuf>) {
    if let Ok(mut slot) = SPEAKERS_CONFIG.lock() {
        *slot = path;
    }
}

/// The speaker alias file in effect, if any.
pub fn speakers_file() -> Result<Option<PathBuf>, CliError> {
    if let Some(p) = SPEAKERS_FLAG.lock().ok().and_then(|s| s.clone()) {
        return Ok(Some(p));
    }
    if let Some(p) = SPEAKERS_CONFIG.lock().ok().and_then(|s| s.clone()) {
        return Ok(Some(p));
    }
    if Path::new(crate::config::DEFAULT_CONFIG).is_file() {
        let config = crate::config::load(None)?;
        return Ok(config.speakers.map(PathBuf::from));
    }
    Ok(None)
}

/// The speaker resolver: the built-in variant rules and the alias file in
/// effect.
pub fn speaker_resolver() -> Result<Resolver, CliError> {
    let resolver = Resolver::builtin().map_err(|e| {
        CliError::library(
            e,
            Some("this is a bug in isnad's built-in variant rules; please report it"),
        )
    })?;
    let Some(path) = speakers_file()? else {
        return Ok(resolver);
    };
    let text = std::fs::read_to_string(&path).map_err(|e| CliError::io(&path, e))?;
    let location = path.display().to_string();
    let hint = Some("see `isnad schema speakers` for the alias file's format");
    let file =
        Resolver::parse_alias_file(&text, &location).map_err(|e| CliError::library(e, hint))?;
    resolver
        .with_aliases(&file, &location)
        .map_err(|e| CliError::library(e, hint))
}

impl Pipeline {
    /// The built-in packs, extended by the user's lexicon files (in order).
    pub fn new(lexicons: &[PathBuf]) -> Result<Self, CliError> {
        let mut extractor = Extractor::builtin().map_err(|e| {
            CliError::library(
                e,
                Some("this is a bug in isnad's built-in lexicons; please report it"),
            )
        })?;
        for path in lexicons {
            extractor = extractor.with_lexicon_file(path).map_err(|e| {
                CliError::library(
                    e,
                    Some("fix the lexicon file; its format is documented in the built-in packs"),
                )
            })?;
        }
        Ok(Pipeline {
            extractor,
            speakers: speaker_resolver()?,
            places: true,
        })
    }

    /// Whether [`Pipeline::extract_reader`] and
    /// [`Pipeline::extract_streamed`] work out the line and column of each
    /// claim's start (on by default): only the table shows them, and they
    /// take a pass over the text (the places of the claims read back are
    /// then `(0, 0)`).
    pub fn with_places(mut self, places: bool) -> Self {
        self.places = places;
        self
    }

    /// The extraction document of `text` read from `source`.
    pub fn extract(&self, source: &str, text: &str, explain: bool) -> ExtractionDocument {
        let fingerprinted = isnad_fingerprint::fingerprint_document(source, text);
        let language = Some(fingerprinted.document.language.as_str()).filter(|l| *l != "und");
        let claims = self.extractor.extract(&Input {
            text,
            fingerprint: &fingerprinted.document.fingerprint,
            passages: &fingerprinted.passages,
            language,
            explain,
        });
        let mut doc = ExtractionDocument {
            schema_version: EXTRACTION_SCHEMA_VERSION.to_string(),
            document: fingerprinted.document,
            passages: fingerprinted.passages,
            claims,
        };
        // one person, many spellings: speaker keys name entities (isnad-speakers)
        self.speakers.resolve(&mut doc, text);
        doc
    }

    /// [`Pipeline::extract`] for a caller that writes the claims out one by
    /// one: the extractor hands over each chunk's claims, the speaker pass
    /// links them as far as the text is settled, and linked claims are
    /// written as JSON in `style` to a spool (memory, then disk past
    /// `in_memory` bytes), so no step holds the document's claims. Reading
    /// them back with their keys gives [`Pipeline::extract`]'s claims, and
    /// [`Streamed::write_json`] its JSON (tests hold them equal).
    pub fn extract_streamed(
        &self,
        source: &str,
        text: &str,
        explain: bool,
        style: Style,
        in_memory: usize,
    ) -> std::io::Result<Streamed<'_>> {
        let fingerprinted = isnad_fingerprint::fingerprint_document(source, text);
        let language = Some(fingerprinted.document.language.as_str()).filter(|l| *l != "und");
        // the speaker pass is handed the text piece by piece, as far as the
        // claims are settled: it keeps a window of it, not the whole text
        let mut linker = Linker::new(self, style, in_memory);
        let mut rest = text;
        let mut at = 0;
        self.extractor.extract_batches(
            &Input {
                text,
                fingerprint: &fingerprinted.document.fingerprint,
                passages: &fingerprinted.passages,
                language,
                explain,
            },
            |batch, settled| {
                let cut = if settled == usize::MAX {
                    rest.len()
                } else {
                    rest.char_indices()
                        .nth(settled - at)
                        .map_or(rest.len(), |(b, _)| b)
                };
                let (piece, after) = rest.split_at(cut);
                rest = after;
                at = settled;
                linker.take(piece, batch, settled);
            },
        );
        let (claims, keys) = linker.finish()?;
        let mut passages = spool::Passages::new(style, in_memory);
        for p in &fingerprinted.passages {
            passages.push(p)?;
        }
        Ok(Streamed {
            doc: ExtractionDocument {
                schema_version: EXTRACTION_SCHEMA_VERSION.to_string(),
                document: fingerprinted.document,
                passages: Vec::new(),
                claims: Vec::new(),
            },
            passages,
            claims,
            keys,
            style,
            text: None,
            long_stretch: false,
        })
    }

    /// [`Pipeline::extract_streamed`] for a plain UTF-8 text file that is
    /// never held whole: it is read twice (`open` gives a reader from its
    /// start each time). The first read fingerprints it: the document's
    /// fingerprint and language (claim ids and the language pack need them
    /// before the first claim) and its passages, which are written to a
    /// spool as JSON, with where each one is for the extractor. The second
    /// read only decodes the text, which the extractor and the speaker pass
    /// take piece by piece while claims go to a spool. Memory stays flat in
    /// the size of the file. The result equals
    /// [`Pipeline::extract_streamed`] on the whole text, except where
    /// `isnad-fingerprint`'s streaming reader cuts a stretch of more than
    /// 4 MB without a blank line (its passages there are cut too; such a
    /// file sets [`Streamed::long_stretch`]).
    pub fn extract_reader<R: std::io::Read + Send>(
        &self,
        source: &str,
        open: impl Fn() -> std::io::Result<R>,
        explain: bool,
        style: Style,
        in_memory: usize,
    ) -> Result<Streamed<'_>, isnad_fingerprint::Error> {
        let mut passages = spool::Passages::new(style, in_memory);
        let mut places = spool::Bytes::new(in_memory);
        let mut long_stretch = false;
        let document = isnad_fingerprint::fingerprint_parts(
            source,
            open()?,
            true,
            // written here, on the hashing stage's threads, in parallel
            |part| {
                let mut json = Vec::with_capacity(200 * part.passages.len());
                let mut at = Vec::with_capacity(PLACE * part.passages.len());
                for (k, p) in part.passages.iter().enumerate() {
                    let number = part.first_number + k;
                    render::raw_passage(&mut json, p, number, style, number == 1);
                    at.extend_from_slice(&place(p));
                }
                (json, at, part.passages.len())
            },
            |part, (json, at, n)| {
                long_stretch |= part.len() > LONG_STRETCH;
                passages.push_rendered(&json, n)?;
                places.write(&at)
            },
        )?;
        let language = Some(document.language.as_str()).filter(|l| *l != "und");
        let Some(mut stream) = self
            .extractor
            .stream(&document.fingerprint, language, explain)
        else {
            return Err(isnad_fingerprint::Error::Io(std::io::Error::other(
                "no language pack",
            )));
        };
        let mut places = Places::new(places.reader()?);
        // Two stages on two threads: this one reads the text and extracts
        // the claims, the other links their speakers and spools them. They
        // hand over chunk by chunk through a short queue, so at most a few
        // chunks' text and claims are in flight (memory stays flat) and the
        // output is the same as one thread's: the linking stage takes the
        // chunks in order.
        let (to_linker, chunks) = std::sync::mpsc::sync_channel::<Handover>(LINK_QUEUE);
        let (read, linked) = std::thread::scope(|scope| {
            let linking = scope.spawn(move || {
                let mut linker = Linker::new(self, style, in_memory);
                for (piece, batch, settled) in chunks {
                    linker.take(&piece, batch, settled);
                }
                linker.finish()
            });
            let mut take = |piece: &str, batch: Vec<isnad_model::Claim>, settled: usize| {
                // a send fails only when the linking stage is gone, which
                // its join below reports
                let _ = to_linker.send((piece.to_string(), batch, settled));
            };
            let read = (|| {
                let length = isnad_fingerprint::read_text(open()?, TEXT_PIECE, |piece, end| {
                    // the passages that start in the text so far come first
                    places.push_before(end, &mut stream)?;
                    stream.push_text(piece, &mut take);
                    Ok(())
                })?;
                if length != document.length {
                    return Err(isnad_fingerprint::Error::Io(std::io::Error::other(
                        "the file changed while it was read",
                    )));
                }
                places.push_before(usize::MAX, &mut stream)?;
                stream.finish(&mut take);
                Ok(())
            })();
            drop(to_linker);
            let linked = linking
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("the speaker linking stage failed")));
            (read, linked)
        });
        read?;
        let (claims, keys) = linked?;
        Ok(Streamed {
            doc: ExtractionDocument {
                schema_version: EXTRACTION_SCHEMA_VERSION.to_string(),
                document,
                passages: Vec::new(),
                claims: Vec::new(),
            },
            passages,
            claims,
            keys,
            style,
            text: None,
            long_stretch,
        })
    }
}

/// Bytes of a passage's place for the extractor: its span's ends (u64,
/// little-endian) and its kind.
const PLACE: usize = 17;

/// The kinds of passage, numbered for [`place`].
const KINDS: [PassageKind; 5] = [
    PassageKind::Heading,
    PassageKind::Paragraph,
    PassageKind::Byline,
    PassageKind::Dateline,
    PassageKind::Item,
];

fn place(p: &isnad_fingerprint::RawPassage) -> [u8; PLACE] {
    let mut out = [0u8; PLACE];
    out[..8].copy_from_slice(&(p.span.start as u64).to_le_bytes());
    out[8..16].copy_from_slice(&(p.span.end as u64).to_le_bytes());
    out[16] = KINDS.iter().position(|k| *k == p.kind).unwrap_or(0) as u8;
    out
}

/// The passages' places read back in order, handed to the extractor as
/// the text reaches them. The extractor reads a passage's id, span and
/// kind (to give each claim its passage and drop claims in bylines and
/// datelines); the fingerprint and language are in the JSON already.
struct Places {
    reader: spool::Reader,
    next: Option<isnad_model::Passage>,
    number: usize,
}

impl Places {
    fn new(reader: spool::Reader) -> Self {
        Places {
            reader,
            next: None,
            number: 0,
        }
    }

    /// Hands `stream` every passage that starts before code point `end`.
    fn push_before(
        &mut self,
        end: usize,
        stream: &mut isnad_extract::ExtractStream<'_>,
    ) -> std::io::Result<()> {
        use std::io::Read as _;
        loop {
            if self.next.is_none() {
                let mut b = [0u8; PLACE];
                match self.reader.read_exact(&mut b) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(()),
                    Err(e) => return Err(e),
                }
                let word = |at: usize| {
                    let mut w = [0u8; 8];
                    w.copy_from_slice(&b[at..at + 8]);
                    usize::try_from(u64::from_le_bytes(w)).unwrap_or(usize::MAX)
                };
                self.number += 1;
                self.next = Some(isnad_model::Passage {
                    id: isnad_fingerprint::passage_id(self.number),
                    span: isnad_model::Span::new(word(0), word(8)),
                    fingerprint: String::new(),
                    kind: KINDS.get(usize::from(b[16])).copied().unwrap_or(KINDS[0]),
                    language: String::new(),
                });
            }
            match self.next.take() {
                Some(p) if p.span.start < end => stream.push_passage(p),
                other => {
                    self.next = other;
                    return Ok(());
                }
            }
        }
    }
}

/// Bytes of text the second read hands on at a time.
const TEXT_PIECE: usize = 64 << 10;

/// What the extracting stage hands the linking stage: a chunk's text, the
/// claims it settles, and the code point up to which claims are settled.
type Handover = (String, Vec<isnad_model::Claim>, usize);

/// Chunks that may wait between the two stages of
/// [`Pipeline::extract_reader`] (each a few tens of kilobytes of text and
/// its claims).
const LINK_QUEUE: usize = 8;

/// A document's claims on their way from the extractor to the spool: each
/// chunk's text goes to the speaker pass and to the line count, the chunk's
/// claims get the line and column of their start and go to the pass, and
/// the claims the pass has linked are spooled with their places.
struct Linker<'p> {
    pass: isnad_speakers::SpeakerPass<'p, 'static>,
    claims: Claims,
    lines: LineCursor,
    /// The places of the claims in the pass, in the order pushed (the
    /// order the pass hands them back in).
    places: VecDeque<Place>,
    /// The starts of a batch's claims (the buffer is reused).
    starts: Vec<usize>,
    /// The first write error (the extractor's callback cannot return one).
    failed: Option<std::io::Error>,
    /// Whether the places are worked out ([`Pipeline::with_places`]).
    with_places: bool,
}

impl<'p> Linker<'p> {
    fn new(pipeline: &'p Pipeline, style: Style, in_memory: usize) -> Self {
        Linker {
            pass: pipeline.speakers.streamed_pass(),
            claims: Claims::new(style, in_memory),
            lines: LineCursor::new(),
            places: VecDeque::new(),
            starts: Vec::new(),
            failed: None,
            with_places: pipeline.places,
        }
    }

    /// Takes the text up to the point where claims are settled and the
    /// claims found there (each of which starts in `piece`).
    fn take(&mut self, piece: &str, batch: Vec<isnad_model::Claim>, settled: usize) {
        self.pass.push_text(piece);
        if self.with_places {
            self.starts.clear();
            self.starts.extend(batch.iter().map(|c| c.span.start));
            self.lines.place(piece, &self.starts, &mut self.places);
        }
        for claim in batch {
            self.pass.push(claim);
        }
        self.pass.settle(settled);
        while let Some(record) = self.pass.pop() {
            let place = self.places.pop_front().unwrap_or_default();
            if let Err(e) = self.claims.push(record, place) {
                self.failed.get_or_insert(e);
            }
        }
    }

    /// Links and spools the claims left once the text is read; the claims
    /// and the document's speaker keys.
    fn finish(mut self) -> std::io::Result<(Claims, SpeakerKeys<'p>)> {
        let (rest, keys) = self.pass.finish();
        for record in rest {
            let place = self.places.pop_front().unwrap_or_default();
            self.claims.push(record, place)?;
        }
        match self.failed {
            Some(e) => Err(e),
            None => Ok((self.claims, keys)),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use proptest::prelude::*;

    /// The example articles of the repository (never corpus articles).
    fn examples() -> &'static [String] {
        static TEXTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        TEXTS.get_or_init(|| {
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/examples");
            let mut texts = Vec::new();
            for lang in ["ar", "en"] {
                let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(lang))
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                    .collect();
                paths.sort();
                for p in paths {
                    texts.push(std::fs::read_to_string(p).unwrap());
                }
            }
            assert!(texts.len() >= 24, "{} examples", texts.len());
            texts
        })
    }

    fn pipeline() -> &'static Pipeline {
        static P: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
        P.get_or_init(|| Pipeline::new(&[]).unwrap())
    }

    /// The passages and claims of a streamed document (written in the
    /// compact style), read back with their keys applied, and the claims'
    /// places.
    fn streamed_claims(
        s: Streamed<'_>,
    ) -> (ExtractionDocument, Vec<isnad_model::Claim>, Vec<Place>) {
        use std::io::Read as _;
        let Streamed {
            mut doc,
            passages,
            claims,
            keys,
            style,
            ..
        } = s;
        assert_eq!(style, Style::COMPACT);
        let mut json = b"[".to_vec();
        passages
            .bytes
            .reader()
            .unwrap()
            .read_to_end(&mut json)
            .unwrap();
        json.push(b']');
        doc.passages = serde_json::from_slice(&json).unwrap();
        assert_eq!(doc.passages.len(), passages.len);
        let mut drain = claims.drain().unwrap();
        let (mut got, mut places) = (Vec::new(), Vec::new());
        while let Some(c) = drain.next_claim(&keys) {
            let (claim, place) = c.unwrap();
            got.push(claim);
            places.push(place);
        }
        (doc, got, places)
    }

    /// A reader that gives at most `size` bytes a read.
    struct Trickle<'a> {
        data: &'a [u8],
        size: usize,
    }

    impl<'a> Trickle<'a> {
        fn new(data: &'a str, size: usize) -> Self {
            Trickle {
                data: data.as_bytes(),
                size,
            }
        }
    }

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.size).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    /// The second read gives the text the fingerprinting reader gives:
    /// whole characters, the BOM removed, in any read and piece size.
    #[test]
    fn text_is_read_whole_in_any_piece_size() {
        let text = "قالَ «الرئيس» 😀 é\n\nThe minister said \"yes.\"";
        for bom in ["", "\u{FEFF}"] {
            let file = format!("{bom}{text}");
            for size in [1, 2, 3, 5, 7, 64, 4096] {
                for read in [1, 2, 3, 1000] {
                    let mut got = String::new();
                    let mut ends = Vec::new();
                    let n = isnad_fingerprint::read_text(
                        Trickle::new(&file, read),
                        size,
                        |piece, end| {
                            got.push_str(piece);
                            ends.push(end);
                            Ok(())
                        },
                    )
                    .unwrap();
                    assert_eq!(got, text, "piece {size}, read {read}");
                    assert_eq!(n, text.chars().count());
                    assert_eq!(ends.last(), Some(&n));
                }
            }
        }
        // invalid, cut short, a BOM cut short
        for bad in [&b"ab\xffcd"[..], b"ab\xd8", b"\xef\xbb"] {
            for size in [1, 2, 64] {
                assert!(
                    isnad_fingerprint::read_text(bad, size, |_, _| Ok(())).is_err(),
                    "{bad:?}"
                );
            }
        }
    }

    /// `Streamed::write_json` at `level` (1: as the only element of a
    /// pretty array).
    fn written(s: Streamed<'_>, level: usize) -> Vec<u8> {
        let mut out = Vec::new();
        if level == 1 {
            out.extend_from_slice(b"[\n  ");
        }
        s.write_json(&mut out, level).unwrap();
        if level == 1 {
            out.extend_from_slice(b"\n]");
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// The speaker pass fed in small pieces (cut after a space or line
        /// break, as chunks are), each piece's claims pushed and settled
        /// before the next, links every speaker as the pass over the whole
        /// document does.
        #[test]
        fn speakers_in_small_pieces_equal_the_whole_pass(
            picks in proptest::collection::vec(any::<proptest::sample::Index>(), 1..12),
            cuts in proptest::collection::vec(1usize..400, 1..200),
        ) {
            let texts = examples();
            let text = picks.iter().map(|i| i.get(texts).trim()).collect::<Vec<_>>().join("\n\n");
            let p = pipeline();
            let whole = p.extract("x.txt", &text, true);
            let mut raw = whole.clone();
            raw.claims = p.extractor.extract(&Input {
                text: &text,
                fingerprint: &whole.document.fingerprint,
                passages: &whole.passages,
                language: Some(whole.document.language.as_str()),
                explain: true,
            });
            let mut pass = p.speakers.streamed_pass();
            let mut claims = raw.claims.into_iter().peekable();
            let mut out = Vec::new();
            let (mut byte, mut cp) = (0, 0);
            for size in cuts.iter().cycle() {
                if byte >= text.len() {
                    break;
                }
                // the piece ends after the first space or line break past
                // `size` characters
                let mut end = byte;
                let mut n = 0;
                for (b, c) in text[byte..].char_indices() {
                    end = byte + b + c.len_utf8();
                    n += 1;
                    if n >= *size && c.is_whitespace() {
                        break;
                    }
                }
                pass.push_text(&text[byte..end]);
                cp += n;
                byte = end;
                while let Some(c) = claims.next_if(|c| c.span.start < cp) {
                    pass.push(c);
                }
                pass.settle(cp);
                while let Some(r) = pass.pop() {
                    out.push(r);
                }
            }
            for c in claims {
                pass.push(c);
            }
            let (rest, keys) = pass.finish();
            out.extend(rest);
            let got: Vec<isnad_model::Claim> = out
                .into_iter()
                .map(|(mut c, k)| {
                    keys.apply(&mut c, &k);
                    c
                })
                .collect();
            prop_assert!(got == whole.claims);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// `document.text` read from the file as the JSON is written
        /// (`--with-text` on a streamed file) gives the bytes of
        /// serializing the document with its text held, in each style and
        /// level, whatever the text holds (quotes, backslashes, control
        /// characters, CRLF, any script) and however it is cut into pieces.
        #[test]
        fn text_from_the_file_equals_the_text_held(
            pick in any::<proptest::sample::Index>(),
            odd in "(\\PC|[\u{1}-\u{1f}\"\\\\\u{7f}\r\n\u{2028}]){0,30}",
            repeat in 1usize..40,
            bom in any::<bool>(),
            read in prop_oneof![Just(usize::MAX), 1usize..300],
        ) {
            use std::io::Write as _;
            let text = format!("{}\n\n{}", pick.get(examples()), odd.repeat(repeat));
            let mut whole = pipeline().extract("x.txt", &text, false);
            whole.document.text = Some(text.clone());
            let content = if bom { format!("\u{FEFF}{text}") } else { text.clone() };
            let mut file = tempfile::tempfile().unwrap();
            file.write_all(content.as_bytes()).unwrap();
            for (style, level) in [(Style::COMPACT, 0), (Style::PRETTY, 0), (Style::PRETTY, 1)] {
                let mut s = pipeline()
                    .extract_reader("x.txt", || Ok(Trickle::new(&content, read)), false, style, spool::IN_MEMORY)
                    .unwrap();
                s.text = Some(TextFrom::File(file.try_clone().unwrap()));
                let want = match (style.pretty, level) {
                    (false, _) => serde_json::to_vec(&whole).unwrap(),
                    (true, 0) => serde_json::to_vec_pretty(&whole).unwrap(),
                    _ => serde_json::to_vec_pretty(&[&whole]).unwrap(),
                };
                prop_assert!(written(s, level) == want, "style {style:?} level {level}");
            }
            // a file that changed since it was read is an error, not a
            // wrong text
            let mut s = pipeline()
                .extract_reader("x.txt", || Ok(Trickle::new(&content, read)), false, Style::COMPACT, spool::IN_MEMORY)
                .unwrap();
            file.write_all(b" more").unwrap();
            s.text = Some(TextFrom::File(file));
            prop_assert!(s.write_json(&mut Vec::new(), 0).is_err());
        }
    }

    /// Without the places (every format but the table), the JSON written
    /// is the same, in each style.
    #[test]
    fn json_is_the_same_without_places() {
        let text = examples().join("\n\n").repeat(3);
        let without = Pipeline::new(&[]).unwrap().with_places(false);
        for style in [Style::COMPACT, Style::PRETTY] {
            for in_memory in [0, spool::IN_MEMORY] {
                let with = pipeline()
                    .extract_reader("x.txt", || Ok(text.as_bytes()), true, style, in_memory)
                    .unwrap();
                let no_places = without
                    .extract_reader("x.txt", || Ok(text.as_bytes()), true, style, in_memory)
                    .unwrap();
                assert!(no_places.claims.len() > 100);
                assert!(written(with, 0) == written(no_places, 0), "{style:?}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]

        /// Streaming (claims handed over chunk by chunk, speakers linked as
        /// the text settles, claims spooled in memory or on disk, keys
        /// applied at the end) gives the whole-document extraction, on
        /// texts of many chunks made of the examples in any order, as
        /// paragraphs or run together on one line.
        #[test]
        fn streamed_equals_whole_document(
            picks in proptest::collection::vec(any::<proptest::sample::Index>(), 1..400),
            one_line in any::<bool>(),
            bom in any::<bool>(),
            read in prop_oneof![Just(usize::MAX), 1usize..3000],
            explain in any::<bool>(),
            in_memory in prop_oneof![Just(0usize), Just(3000), Just(spool::IN_MEMORY)],
        ) {
            let texts = examples();
            let sep = if one_line { " " } else { "\n\n" };
            let text = picks
                .iter()
                .map(|i| {
                    let t = i.get(texts).trim();
                    if one_line { t.split_whitespace().collect::<Vec<_>>().join(" ") } else { t.to_string() }
                })
                .collect::<Vec<_>>()
                .join(sep);
            let whole = pipeline().extract("x.txt", &text, explain);
            let file = if bom { format!("\u{FEFF}{text}") } else { text.clone() };
            let s = pipeline()
                .extract_streamed("x.txt", &text, explain, Style::COMPACT, in_memory)
                .unwrap();
            prop_assert_eq!(s.claims.len(), whole.claims.len());
            // and read from a file, never held whole
            let from_file = pipeline()
                .extract_reader("x.txt", || Ok(Trickle::new(&file, read)), explain, Style::COMPACT, in_memory)
                .unwrap();
            // each claim's place is its start's line and column in the
            // whole text
            let index = lines::LineIndex::new(&text);
            let want: Vec<Place> = whole.claims.iter().map(|c| index.line_col(c.span.start)).collect();
            for streamed in [s, from_file] {
                let (doc, claims, places) = streamed_claims(streamed);
                prop_assert_eq!(&doc.document, &whole.document);
                prop_assert_eq!(&doc.passages, &whole.passages);
                prop_assert!(claims == whole.claims, "claims differ ({} bytes)", text.len());
                prop_assert_eq!(&places, &want);
            }
            // the JSON written from the spools is serde_json's of the
            // whole document, in each style, also one level in (several
            // documents)
            let compact = pipeline()
                .extract_reader("x.txt", || Ok(Trickle::new(&file, read)), explain, Style::COMPACT, in_memory)
                .unwrap();
            prop_assert!(written(compact, 0) == serde_json::to_vec(&whole).unwrap());
            let pretty = pipeline()
                .extract_reader("x.txt", || Ok(Trickle::new(&file, read)), explain, Style::PRETTY, in_memory)
                .unwrap();
            prop_assert!(written(pretty, 0) == serde_json::to_vec_pretty(&whole).unwrap());
            let nested = pipeline()
                .extract_streamed("x.txt", &text, explain, Style::PRETTY, in_memory)
                .unwrap();
            prop_assert!(written(nested, 1) == serde_json::to_vec_pretty(&[&whole]).unwrap());
        }
    }
}
