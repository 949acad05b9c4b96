//! The hasher's input: bytes read, checked (NUL bytes, UTF-8, a leading
//! BOM) and turned into text, with the line and column bookkeeping that
//! error messages need.

use std::io::Read;

use crate::document::Error;

/// Bytes asked of the reader at a time.
pub(crate) const READ_SIZE: usize = 1 << 20;

/// The byte order mark, removed from the start of every input.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The input: bytes read, checked (NUL bytes, UTF-8) and turned into text
/// that has not been hashed yet.
pub(crate) struct Input<R> {
    reader: R,
    /// Bytes read but not checked yet (the start of a character cut by a
    /// read).
    raw: Vec<u8>,
    /// Checked text not hashed yet.
    pub(crate) text: String,
    /// Bytes of the input before `text` (with a BOM).
    consumed: u64,
    /// Line and column of the start of `text`.
    line_pos: LinePos,
    first: bool,
    eof: bool,
}

impl<R: Read> Input<R> {
    pub(crate) fn new(reader: R) -> Self {
        Input {
            reader,
            raw: Vec::with_capacity(READ_SIZE + 4),
            text: String::with_capacity(crate::pipeline::BATCH + READ_SIZE),
            consumed: 0,
            line_pos: LinePos::default(),
            first: true,
            eof: false,
        }
    }

    /// Reads until at least `min_len` bytes of text are waiting, or the
    /// end; returns whether the input has ended.
    pub(crate) fn fill(&mut self, min_len: usize) -> Result<bool, Error> {
        while !self.eof && self.text.len() < min_len {
            let old = self.raw.len();
            let n = read_more(&mut self.reader, &mut self.raw, READ_SIZE)?;
            self.eof = n == 0;
            let at = self.consumed + self.text.len() as u64;
            if let Some(nul) = memchr::memchr(0, &self.raw[old..]) {
                return Err(Error::Binary {
                    offset: at + (old + nul) as u64,
                });
            }
            if self.first {
                if self.raw.len() < 3 && !self.eof {
                    continue;
                }
                if self.raw.starts_with(BOM) {
                    self.raw.drain(..3);
                    self.consumed += 3;
                }
                self.first = false;
            }
            let at = self.consumed + self.text.len() as u64;
            let boundary = if self.eof {
                self.raw.len()
            } else {
                isnad_text::char_boundary(&self.raw)
            };
            // simdutf8 checks Arabic text (two-byte characters) several
            // times faster than `std::str::from_utf8`, with the same answer.
            match simdutf8::compat::from_utf8(&self.raw[..boundary]) {
                Ok(t) => self.text.push_str(t),
                Err(e) => {
                    let mut pos = LinePos {
                        line: self.line_pos.line,
                        column: self.line_pos.column,
                    };
                    pos.advance(self.text.as_bytes());
                    let (line, column) = pos.locate(&self.raw[..e.valid_up_to()]);
                    return Err(Error::InvalidUtf8 {
                        offset: at + e.valid_up_to() as u64,
                        line,
                        column,
                    });
                }
            }
            self.raw.drain(..boundary);
        }
        Ok(self.eof)
    }

    /// Takes the first `n` bytes of the waiting text out as a batch of its
    /// own, leaving the rest waiting; `spare` (an emptied batch handed
    /// back, so that no fresh buffer costs page faults) holds the rest.
    pub(crate) fn take(&mut self, n: usize, mut spare: String) -> String {
        self.line_pos.advance(&self.text.as_bytes()[..n]);
        self.consumed += n as u64;
        spare.clear();
        spare.push_str(&self.text[n..]);
        let mut batch = std::mem::replace(&mut self.text, spare);
        batch.truncate(n);
        batch
    }
}

/// Line and column bookkeeping for error messages.
#[derive(Default)]
struct LinePos {
    line: u64,
    column: u64,
}

impl LinePos {
    fn advance(&mut self, bytes: &[u8]) {
        let newlines = memchr::memchr_iter(b'\n', bytes).count() as u64;
        if newlines > 0 {
            self.line += newlines;
            let last = memchr::memrchr(b'\n', bytes).map_or(0, |i| i + 1);
            self.column = chars_in(&bytes[last..]);
        } else {
            self.column += chars_in(bytes);
        }
    }

    fn locate(&self, valid: &[u8]) -> (u64, u64) {
        let mut p = LinePos {
            line: self.line,
            column: self.column,
        };
        p.advance(valid);
        (p.line + 1, p.column + 1)
    }
}

fn chars_in(bytes: &[u8]) -> u64 {
    isnad_text::count_chars(bytes) as u64
}

/// Reads UTF-8 text from `reader` as the hasher reads it (a leading BOM
/// removed, cut at character boundaries), in pieces of about `size` bytes,
/// and hands each to `piece` with the code point where it ends; returns
/// the text's length in code points. For a second read of a file already
/// checked by the hasher (`isnad extract` reads the text for the engine
/// this way): NUL bytes are not looked for, and invalid UTF-8 is an
/// [`std::io::ErrorKind::InvalidData`] error without a position.
pub fn read_text<R: Read>(
    mut reader: R,
    size: usize,
    mut piece: impl FnMut(&str, usize) -> std::io::Result<()>,
) -> std::io::Result<usize> {
    let size = size.max(1);
    let mut buf = Vec::with_capacity(size + 4);
    let mut first = true;
    let mut cp = 0;
    loop {
        let eof = read_more(&mut reader, &mut buf, size)? < size;
        if first {
            if buf.len() < BOM.len() && !eof {
                continue;
            }
            first = false;
            if buf.starts_with(BOM) {
                buf.drain(..BOM.len());
            }
        }
        // the text up to the last whole character (all of it at the end),
        // checked once (simdutf8: std's check is slow on Arabic letters)
        let whole = if eof {
            buf.len()
        } else {
            isnad_text::char_boundary(&buf)
        };
        let text = simdutf8::compat::from_utf8(&buf[..whole])
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        if !text.is_empty() {
            cp += isnad_text::count_chars(text.as_bytes());
            piece(text, cp)?;
        }
        buf.drain(..whole);
        if eof {
            return Ok(cp);
        }
    }
}

/// Appends up to `max` bytes from `reader` to `buf` (fewer only at the
/// end of the input), without zero-filling the buffer first.
fn read_more<R: Read>(reader: &mut R, buf: &mut Vec<u8>, max: usize) -> std::io::Result<usize> {
    let mut total = 0;
    while total < max {
        match reader.by_ref().take((max - total) as u64).read_to_end(buf) {
            Ok(0) => break,
            Ok(n) => total += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(total)
}
