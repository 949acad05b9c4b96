//! Where a streamed document's claims wait for their speaker keys (and its
//! passages for the document's fingerprint, which is written before them):
//! already written as the JSON they will be printed as, in memory while
//! they are few (every real article), in an anonymous temporary file past
//! that, so a document of any length keeps a bounded number of bytes in
//! memory. A claim is written once, when the speaker pass hands it over,
//! with holes where its speaker key (and, with `--explain`, the step saying
//! why) go once the document's keys are known ([`render::Holes`]); nothing
//! is parsed back on the way out.

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read, Seek, Write};

use isnad_model::{Claim, Explanation, Span, Speaker, SpeakerKind};
use isnad_speakers::{PendingKey, SpeakerKeys};

use super::lines::Place;
use super::render::{self, Style};

/// One claim and how its speaker was linked.
pub type Record = (Claim, PendingKey);

/// Bytes kept in memory by each spool before it moves to disk: the JSON of
/// the claims of an article of a few hundred kilobytes.
pub const IN_MEMORY: usize = 1 << 20;

/// Bytes written to (and read from) the temporary file at a time once a
/// spool is there. Larger writes cost the kernel less a byte: 256 KiB
/// took 3-4% less CPU for the whole command than 64 KiB (1 MiB no
/// measurable more), the memory a quarter of what a spool may hold before
/// it moves to the file.
const FLUSH: usize = 1 << 18;

/// Bytes in the order written: in memory up to a limit, then in an
/// anonymous temporary file. Records are put together in place, at the
/// end of the buffer (no copy on the way to the file but the file's own).
pub struct Bytes {
    /// The bytes not in the file yet: all of them while there is no file.
    buf: Vec<u8>,
    file: Option<File>,
    limit: usize,
}

impl Bytes {
    /// An empty spool that keeps up to `limit` bytes in memory.
    pub fn new(limit: usize) -> Bytes {
        Bytes {
            buf: Vec::new(),
            file: None,
            limit,
        }
    }

    /// Whether every byte is still in memory (no temporary file yet).
    pub fn in_memory(&self) -> bool {
        self.file.is_none()
    }

    /// The bytes held in memory.
    pub fn held(&self) -> usize {
        self.buf.len()
    }

    /// Appends `bytes`.
    pub fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.buf.extend_from_slice(bytes);
        self.settle()
    }

    /// Moves the bytes to the file when there are more than the limit in
    /// memory, and then whenever [`FLUSH`] bytes have gathered.
    fn settle(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            None if self.buf.len() > self.limit => {
                let mut file = tempfile::tempfile()?;
                file.write_all(&self.buf)?;
                self.buf.clear();
                self.buf.shrink_to(2 * FLUSH);
                self.file = Some(file);
            }
            Some(file) if self.buf.len() >= FLUSH => {
                file.write_all(&self.buf)?;
                self.buf.clear();
            }
            _ => {}
        }
        Ok(())
    }

    /// The bytes as they stand once written: in memory, or the whole
    /// temporary file positioned at its start.
    fn stored(self) -> std::io::Result<Stored> {
        Ok(match self.file {
            None => Stored::Memory(self.buf),
            Some(mut file) => {
                file.write_all(&self.buf)?;
                file.rewind()?;
                Stored::File(file)
            }
        })
    }

    /// The bytes, from the start.
    pub fn reader(self) -> std::io::Result<Reader> {
        Ok(match self.stored()? {
            Stored::Memory(buf) => Reader::Memory(Cursor::new(buf)),
            Stored::File(file) => Reader::Disk(BufReader::with_capacity(FLUSH, file)),
        })
    }

    /// Writes the bytes to `out`, from the start.
    pub fn copy_to(self, out: &mut impl Write) -> std::io::Result<()> {
        match self.stored()? {
            Stored::Memory(buf) => out.write_all(&buf),
            Stored::File(mut file) => {
                let mut piece = vec![0; FLUSH];
                loop {
                    match file.read(&mut piece) {
                        Ok(0) => return Ok(()),
                        Ok(n) => out.write_all(&piece[..n])?,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(e) => return Err(e),
                    }
                }
            }
        }
    }
}

/// Where the bytes of a finished [`Bytes`] spool are.
enum Stored {
    Memory(Vec<u8>),
    /// The temporary file, at its start.
    File(File),
}

/// The bytes of a [`Bytes`] spool.
pub enum Reader {
    /// Held in memory.
    Memory(Cursor<Vec<u8>>),
    /// Read back from the temporary file.
    Disk(BufReader<File>),
}

impl Read for Reader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Reader::Memory(c) => c.read(buf),
            Reader::Disk(r) => r.read(buf),
        }
    }
}

impl BufRead for Reader {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        match self {
            Reader::Memory(c) => c.fill_buf(),
            Reader::Disk(r) => r.fill_buf(),
        }
    }

    fn consume(&mut self, amount: usize) {
        match self {
            Reader::Memory(c) => c.consume(amount),
            Reader::Disk(r) => r.consume(amount),
        }
    }
}

/// The passages of a document as the elements of its `passages` array.
pub struct Passages {
    /// The elements, each with its separator.
    pub bytes: Bytes,
    /// How many.
    pub len: usize,
    style: Style,
}

impl Passages {
    /// An empty list written in `style`, `limit` bytes of it in memory.
    pub fn new(style: Style, limit: usize) -> Passages {
        Passages {
            bytes: Bytes::new(limit),
            len: 0,
            style,
        }
    }

    /// Appends a passage.
    pub fn push(&mut self, p: &isnad_model::Passage) -> std::io::Result<()> {
        let mut buf = Vec::with_capacity(256);
        render::passage(&mut buf, p, self.style, self.len == 0);
        self.push_rendered(&buf, 1)
    }

    /// Appends `count` passages written with [`render::passage`] (the first
    /// of the list with `first` set).
    pub fn push_rendered(&mut self, bytes: &[u8], count: usize) -> std::io::Result<()> {
        self.len += count;
        self.bytes.write(bytes)
    }
}

/// The claims of a document, written as the elements of its `claims`
/// array, each with the link its speaker key will be read from.
pub struct Claims {
    bytes: Bytes,
    len: usize,
    style: Style,
}

/// A record: this header, the pending link (postcard's compact binary
/// form of its serde derive: JSON here cost a few percent of `isnad
/// extract`), the claim's bytes.
/// Header fields (little-endian u64): the link's length, the claim's
/// length, the key hole's start and end, the step hole, the line and
/// column of the claim's start (for the table, which has no text); then a
/// byte of flags.
const HEADER: usize = 7 * 8 + 1;
const HAS_KEY: u8 = 1;
const HAS_STEP: u8 = 2;
const HAD_STEPS: u8 = 4;

impl Claims {
    /// An empty list written in `style`, `limit` bytes of it in memory.
    pub fn new(style: Style, limit: usize) -> Claims {
        Claims {
            bytes: Bytes::new(limit),
            len: 0,
            style,
        }
    }

    /// The number of claims pushed.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether every claim is still in memory (no temporary file yet).
    pub fn in_memory(&self) -> bool {
        self.bytes.in_memory()
    }

    /// The bytes held in memory (about those the claims are written as).
    pub fn held(&self) -> usize {
        self.bytes.held()
    }

    /// Writes a claim (its key not yet set) and keeps it with its link and
    /// the place of its start.
    pub fn push(&mut self, (claim, pending): Record, place: Place) -> std::io::Result<()> {
        // the record is put together at the end of the spool's buffer
        let r = &mut self.bytes.buf;
        let start = r.len();
        r.resize(start + HEADER, 0);
        if let Err(e) = postcard::to_io(&pending, &mut *r) {
            r.truncate(start);
            return Err(spool_error(e));
        }
        let link = r.len() - start - HEADER;
        let holes = render::claim(r, &claim, self.style, self.len == 0);
        let body = r.len() - start - HEADER - link;
        let (key_from, key_to) = holes.key.unwrap_or_default();
        let (step_at, had_steps) = holes.step.unwrap_or_default();
        let mut flags = 0;
        if holes.key.is_some() {
            flags |= HAS_KEY;
        }
        if holes.step.is_some() {
            flags |= HAS_STEP;
        }
        if had_steps {
            flags |= HAD_STEPS;
        }
        let header = &mut r[start..start + HEADER];
        for (k, v) in [link, body, key_from, key_to, step_at, place.0, place.1]
            .into_iter()
            .enumerate()
        {
            header[8 * k..8 * k + 8].copy_from_slice(&(v as u64).to_le_bytes());
        }
        header[HEADER - 1] = flags;
        self.len += 1;
        self.bytes.settle()
    }

    /// The claims, in the order pushed, to be given their keys.
    pub fn drain(self) -> std::io::Result<ClaimDrain> {
        Ok(ClaimDrain {
            window: Window::new(self.bytes.stored()?),
            style: self.style,
            left: self.len,
            filled: Vec::new(),
            late: Vec::new(),
            probe: probe(),
        })
    }
}

/// The records of a spool read back: what is in memory as it is, the
/// file in pieces into one buffer, so that each record's bytes are one
/// slice, written out from there without another copy.
struct Window {
    /// The file, while there is more of it to read.
    file: Option<File>,
    buf: Vec<u8>,
    /// The unread bytes are `buf[at..end]`.
    at: usize,
    end: usize,
}

impl Window {
    fn new(stored: Stored) -> Window {
        match stored {
            Stored::Memory(buf) => Window {
                file: None,
                end: buf.len(),
                buf,
                at: 0,
            },
            Stored::File(file) => Window {
                file: Some(file),
                buf: Vec::new(),
                at: 0,
                end: 0,
            },
        }
    }

    /// The next `len` unread bytes (not yet consumed), read from the file
    /// as needed; an error if the spool ends first.
    fn peek(&mut self, len: usize) -> std::io::Result<&[u8]> {
        if self.end - self.at < len {
            let Some(file) = self.file.as_mut() else {
                return Err(corrupt());
            };
            self.buf.copy_within(self.at..self.end, 0);
            self.end -= self.at;
            self.at = 0;
            if self.buf.len() < len {
                self.buf.resize(len.max(FLUSH), 0);
            }
            while self.end < len {
                match file.read(&mut self.buf[self.end..]) {
                    Ok(0) => return Err(corrupt()),
                    Ok(n) => self.end += n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        self.buf.get(self.at..self.at + len).ok_or_else(corrupt)
    }

    /// Marks `len` bytes read.
    fn consume(&mut self, len: usize) {
        self.at = (self.at + len).min(self.end);
    }
}

/// A claim with a speaker (and an explanation when the spooled claim has a
/// hole for its step), to read what [`SpeakerKeys::set_key`] sets (the
/// key, the step) without building the spooled claim.
fn probe() -> Claim {
    let span = Span::new(0, 0);
    Claim {
        id: String::new(),
        passage: String::new(),
        span,
        speaker: Some(Speaker {
            name: String::new(),
            span,
            kind: SpeakerKind::Person,
            key: String::new(),
            implicit: false,
        }),
        cue: None,
        content: isnad_model::Content {
            text: String::new(),
            span,
            quote: isnad_model::QuoteKind::None,
        },
        attribution: isnad_model::Attribution::Unattributed,
        certainty: isnad_model::Certainty::Asserted,
        hedges: Vec::new(),
        stance: isnad_model::Stance::None,
        rule: String::new(),
        explain: Some(Explanation {
            rule: String::new(),
            lexicon: Vec::new(),
            steps: Vec::new(),
        }),
    }
}

/// The claims of a [`Claims`] spool, read back in order.
pub struct ClaimDrain {
    window: Window,
    style: Style,
    left: usize,
    /// A claim written out for [`ClaimDrain::next_claim`].
    filled: Vec<u8>,
    /// The key and step written into a claim.
    late: Vec<u8>,
    probe: Claim,
}

impl ClaimDrain {
    /// Writes the next claim's bytes to `out` with its speaker key (and
    /// `--explain` step) in place: an element of the `claims` array,
    /// separator first. `None` when every claim has been read.
    pub fn write_next(
        &mut self,
        keys: &SpeakerKeys<'_>,
        out: &mut impl Write,
    ) -> Option<std::io::Result<()>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        Some(self.read(keys, out).map(|_| ()))
    }

    /// The next claim with its key set, and the place of its start (for
    /// the table, which reads the fields).
    pub fn next_claim(
        &mut self,
        keys: &SpeakerKeys<'_>,
    ) -> Option<std::io::Result<(Claim, Place)>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let mut bytes = std::mem::take(&mut self.filled);
        bytes.clear();
        let place = match self.read(keys, &mut bytes) {
            Ok(place) => place,
            Err(e) => return Some(Err(e)),
        };
        let json = bytes.strip_prefix(b",").unwrap_or(&bytes);
        let claim = serde_json::from_slice(json).map_err(std::io::Error::from);
        self.filled = bytes;
        Some(claim.map(|c| (c, place)))
    }

    /// Writes the next claim to `out` and returns its place.
    fn read(&mut self, keys: &SpeakerKeys<'_>, out: &mut impl Write) -> std::io::Result<Place> {
        let header = self.window.peek(HEADER)?;
        let field = |k: usize| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&header[8 * k..8 * k + 8]);
            usize::try_from(u64::from_le_bytes(b)).unwrap_or(usize::MAX)
        };
        let (link, body, key_from, key_to, step_at) =
            (field(0), field(1), field(2), field(3), field(4));
        let place = (field(5), field(6));
        let flags = header[HEADER - 1];
        let len = link
            .checked_add(body)
            .and_then(|n| n.checked_add(HEADER))
            .ok_or_else(corrupt)?;
        let record = self.window.peek(len)?;
        let (link, body) = record[HEADER..].split_at(link);
        let written = fill(
            (link, body),
            (key_from, key_to, step_at, flags),
            keys,
            &mut self.probe,
            &mut self.late,
            self.style,
            out,
        );
        self.window.consume(len);
        written.map(|()| place)
    }
}

/// Writes a spooled claim's `body` to `out` with the key that its `link`
/// gives in the hole at `key_from..key_to` (and, with a step hole, the
/// step at `step_at`); `probe` and `late` are scratch space.
fn fill(
    (link, body): (&[u8], &[u8]),
    (key_from, key_to, step_at, flags): (usize, usize, usize, u8),
    keys: &SpeakerKeys<'_>,
    probe: &mut Claim,
    late: &mut Vec<u8>,
    style: Style,
    out: &mut impl Write,
) -> std::io::Result<()> {
    if flags & HAS_KEY == 0 {
        return out.write_all(body);
    }
    let pending = read_link(link)?;
    if let Some(s) = probe.speaker.as_mut() {
        s.key.clear();
    }
    // the explanation's step is worked out only for a claim with a hole
    // for it (under --explain), not for every claim
    if flags & HAS_STEP == 0 {
        probe.explain = None;
    } else if let Some(e) = probe.explain.as_mut() {
        e.steps.clear();
    } else {
        probe.explain = Some(Explanation {
            rule: String::new(),
            lexicon: Vec::new(),
            steps: Vec::new(),
        });
    }
    if !keys.set_key(probe, &pending) {
        return out.write_all(body);
    }
    let (Some(key), Some(before_key), Some(before_step), Some(rest)) = (
        probe.speaker.as_ref().map(|s| s.key.as_str()),
        body.get(..key_from),
        body.get(key_to..step_at.max(key_to)),
        body.get(step_at.max(key_to)..),
    ) else {
        return Err(corrupt());
    };
    out.write_all(before_key)?;
    late.clear();
    render::escaped(late, key);
    if flags & HAS_STEP != 0
        && let Some(step) = probe.explain.as_ref().and_then(|e| e.steps.last())
    {
        late.extend_from_slice(before_step);
        render::step(late, style, flags & HAD_STEPS != 0, step);
        out.write_all(late)?;
    } else {
        out.write_all(late)?;
        out.write_all(before_step)?;
    }
    out.write_all(rest)
}

fn corrupt() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        "the claim spool was cut short",
    )
}

/// A spool record that cannot be written or read back.
fn spool_error(e: postcard::Error) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("spool record: {e}"),
    )
}

/// The pending link of a record, which must fill `bytes`.
fn read_link(bytes: &[u8]) -> std::io::Result<PendingKey> {
    match postcard::take_from_bytes::<PendingKey>(bytes).map_err(spool_error)? {
        (pending, []) => Ok(pending),
        _ => Err(spool_error(postcard::Error::DeserializeBadEncoding)),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn claims(n: usize) -> Vec<Claim> {
        let ex = isnad_extract::Extractor::builtin().unwrap();
        let text =
            "The mayor said the bridge would reopen. \"We may wait,\" she added.\n\n".repeat(n);
        ex.extract(&isnad_extract::Input::new(&text, "sha256:spool"))
    }

    /// A speaker's pending link comes back as written; a cut or padded
    /// record is refused.
    #[test]
    fn pending_links_come_back_as_written() {
        let ex = isnad_extract::Extractor::builtin().unwrap();
        let text = "The mayor said the bridge would reopen. \"We may wait,\" she added. \
                    Officials said. Mayor Jones said more.";
        let claims = ex.extract(&isnad_extract::Input::new(text, "sha256:x"));
        let r = isnad_speakers::Resolver::builtin().unwrap();
        let mut pass = r.document_pass(text);
        for c in claims {
            pass.push(c);
        }
        let (rest, _) = pass.finish();
        assert!(rest.len() >= 3);
        for (_, pending) in rest {
            let mut out = Vec::new();
            postcard::to_io(&pending, &mut out).unwrap();
            let back = read_link(&out).unwrap();
            assert_eq!(format!("{back:?}"), format!("{pending:?}"));
            assert!(read_link(&out[..out.len() - 1]).is_err());
            out.push(0);
            assert!(read_link(&out).is_err());
        }
    }

    /// On disk or in memory, the claims come back equal, in order, with
    /// their places (enough of them for records to straddle the pieces
    /// the file is read back in).
    #[test]
    fn claims_come_back_as_pushed() {
        let want = claims(150);
        assert!(want.len() >= 150);
        for limit in [0, 500, 1 << 20] {
            let r = isnad_speakers::Resolver::builtin().unwrap();
            let mut pass = r.document_pass("");
            let mut spool = Claims::new(Style::COMPACT, limit);
            for c in want.clone() {
                pass.push(c);
            }
            let (rest, keys) = pass.finish();
            for (i, rec) in rest.into_iter().enumerate() {
                spool.push(rec, (i + 1, 3 * i + 2)).unwrap();
            }
            assert_eq!(spool.len(), want.len());
            let mut drain = spool.drain().unwrap();
            let mut got = Vec::new();
            while let Some(c) = drain.next_claim(&keys) {
                let (claim, place) = c.unwrap();
                let i = got.len();
                assert_eq!(place, (i + 1, 3 * i + 2), "limit {limit}");
                got.push(claim);
            }
            let mut keyed = want.clone();
            let r2 = isnad_speakers::Resolver::builtin().unwrap();
            let mut pass = r2.document_pass("");
            for c in keyed.drain(..) {
                pass.push(c);
            }
            let (rest, keys2) = pass.finish();
            let keyed: Vec<Claim> = rest
                .into_iter()
                .map(|(mut c, k)| {
                    keys2.apply(&mut c, &k);
                    c
                })
                .collect();
            assert_eq!(got, keyed, "limit {limit}");
        }
    }

    /// Bytes come back as written, across the move to disk.
    #[test]
    fn bytes_come_back_as_written() {
        for limit in [0, 3, 10, 1000] {
            let mut b = Bytes::new(limit);
            for piece in [&b"abc"[..], b"", b"defgh", b"ij"] {
                b.write(piece).unwrap();
            }
            let mut got = Vec::new();
            b.reader().unwrap().read_to_end(&mut got).unwrap();
            assert_eq!(got, b"abcdefghij", "limit {limit}");
        }
        // written in pieces past the size the file is written and read in
        let want: Vec<u8> = (0..5 * FLUSH).map(|i| (i % 251) as u8).collect();
        for limit in [0, 1000, FLUSH, 10 * FLUSH] {
            for piece in [1, 999, FLUSH + 1] {
                let spool = || {
                    let mut b = Bytes::new(limit);
                    for part in want.chunks(piece) {
                        b.write(part).unwrap();
                    }
                    b
                };
                let mut got = Vec::new();
                spool().reader().unwrap().read_to_end(&mut got).unwrap();
                assert!(got == want, "limit {limit}, piece {piece}");
                let mut copied = Vec::new();
                spool().copy_to(&mut copied).unwrap();
                assert!(copied == want, "limit {limit}, piece {piece}");
            }
        }
    }
}
