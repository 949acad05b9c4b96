//! A JSON Lines batch read a piece at a time: some thousands of records
//! are read, turned into articles, extracted and emitted before the next
//! piece is read, so neither the text of a large batch nor its results are
//! ever held whole.
//!
//! The records, their sources (`NAME:LINE`) and their errors are those of
//! the batch read whole: pieces are cut after a line break (which is never
//! inside a UTF-8 sequence, so `--lossy` replaces the same bytes), and a
//! file that could fail as a whole (not UTF-8, binary, UTF-16) is left to
//! the whole-file reader, which reports it before any of its records is
//! emitted, as it always did.

use std::fs::File;
use std::io::{BufRead as _, BufReader, Read as _, Seek as _};
use std::path::Path;

use isnad_ingest::{Decoding, Format, detect_format};

use super::{CliError, InputArgs, InputFormat, Pending, STDIN_COPY, no_records, record_units};

/// Bytes of a batch read at a time (whole lines: a longer record is read
/// whole). A batch shorter than this is read whole like any other input,
/// so that a directory's small batches are processed together.
pub(super) const PIECE: u64 = 1 << 20;

/// Lines of a batch read at a time at most: a piece of very short records
/// (a headline each) would hold some ten thousand documents' results at
/// once, each with its speaker tables, far more memory than its bytes
/// (tests/batch.rs puts a bad record where the second piece starts).
const PIECE_LINES: usize = 2048;

/// A JSON Lines source read in pieces.
pub(super) struct Pieces {
    /// The source's name: its path, or `-`.
    name: String,
    reader: BufReader<File>,
    decoding: Decoding,
    /// The line of the source that the next piece starts on (1-based).
    line: usize,
    /// Records and bad record lines read so far.
    records: usize,
    done: bool,
}

/// Where a [`Pieces`] source is.
#[derive(Debug, Clone)]
pub(super) enum LinesFrom {
    /// A file.
    File(String),
    /// Standard input's copy (see [`super::replace_stdin`]).
    Stdin,
}

impl Pieces {
    /// `from` as a JSON Lines batch read in pieces, when it is one that the
    /// batch reader would read as JSON Lines and that can be read so: a
    /// regular file (or standard input's copy) of at least [`PIECE`]
    /// bytes, not read for extraction documents, UTF-8 without a NUL byte
    /// (valid UTF-8 unless `--lossy`), and JSON Lines by `--input-format`,
    /// its extension or its first piece. `None` leaves it to the
    /// whole-file reader.
    pub(super) fn open(from: &LinesFrom, args: &InputArgs) -> Option<Pieces> {
        if args.extractions {
            return None;
        }
        let (name, file) = match from {
            LinesFrom::File(path) => {
                let by_name = Path::new(path)
                    .extension()
                    .and_then(|e| e.to_str())
                    .and_then(Format::from_extension);
                let told = match args.input_format {
                    InputFormat::Jsonl => true,
                    InputFormat::Auto if by_name == Some(Format::Jsonl) => true,
                    InputFormat::Auto if by_name.is_none() => false,
                    _ => return None,
                };
                if !Path::new(path).is_file() {
                    return None;
                }
                let file = File::open(path).ok()?;
                (path.clone(), (file, told))
            }
            LinesFrom::Stdin => {
                let copy = STDIN_COPY.lock().ok()?.as_ref()?.try_clone().ok()?;
                let told = args.input_format == InputFormat::Jsonl;
                if !matches!(args.input_format, InputFormat::Jsonl | InputFormat::Auto) {
                    return None;
                }
                ("-".to_string(), (copy, told))
            }
        };
        let (mut file, told) = file;
        if file.metadata().ok()?.len() < PIECE || !clean(&mut file, args.decoding()) {
            return None;
        }
        file.rewind().ok()?;
        let mut pieces = Pieces {
            name,
            reader: BufReader::with_capacity(1 << 16, file),
            decoding: args.decoding(),
            line: 1,
            records: 0,
            done: false,
        };
        if !told {
            // the first non-blank line decides, as for the whole text: a
            // piece ends after a line break, so that line is whole in it
            let (text, _) = pieces.read_text().ok()??;
            let name = matches!(from, LinesFrom::File(_)).then_some(pieces.name.as_str());
            if detect_format(name, &text) != Format::Jsonl {
                return None;
            }
            pieces = pieces.restart().ok()?;
        }
        Some(pieces)
    }

    /// The same source from its start.
    fn restart(mut self) -> std::io::Result<Pieces> {
        self.reader.rewind()?;
        self.line = 1;
        Ok(self)
    }

    /// The records of the next piece (with a failed entry for each bad
    /// record line, or one for a read error, which ends the source), or,
    /// at the end, one failed entry when the source held no record;
    /// `None` after that.
    pub(super) fn next_units(&mut self) -> Option<Vec<Result<Pending, CliError>>> {
        if self.done {
            return None;
        }
        let units = match self.read_text() {
            Ok(Some((text, offset))) => record_units(&self.name, &text, offset),
            Ok(None) => {
                self.done = true;
                if self.records > 0 {
                    return None;
                }
                vec![Err(no_records(self.name.clone()))]
            }
            Err(e) => {
                self.done = true;
                vec![Err(CliError::io(&self.name, e))]
            }
        };
        self.records += units.len();
        Some(units)
    }

    /// The next piece's text and the offset to add to the lines that
    /// `records` counts in it; `None` at the end of the source.
    fn read_text(&mut self) -> std::io::Result<Option<(String, usize)>> {
        let first = self.line == 1;
        let mut bytes = Vec::with_capacity(PIECE as usize + (PIECE as usize >> 4));
        if !first {
            // `records` takes a byte order mark off the start of what it
            // is given: a piece after the first starts with an empty line,
            // so that a mark that opens one of its lines stays, as in the
            // whole text
            bytes.push(b'\n');
        }
        let start = bytes.len();
        let mut lines = 0;
        while bytes.len() - start < PIECE as usize && lines < PIECE_LINES {
            match self.reader.read_until(b'\n', &mut bytes)? {
                0 => break,
                _ => lines += 1,
            }
        }
        if lines == 0 {
            return Ok(None);
        }
        if first && bytes.starts_with(UTF8_BOM) {
            bytes.drain(..UTF8_BOM.len());
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) if self.decoding == Decoding::Lossy => {
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
            Err(e) => return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
        };
        let offset = self.line - 1 - usize::from(!first);
        self.line += lines;
        Ok(Some((text, offset)))
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether `file` decodes as a whole without an error, as
/// [`isnad_ingest::decode`] would decode it: not UTF-16 (by its byte
/// order mark), no NUL byte, valid UTF-8 unless `decoding` is lossy. Read
/// from its start, a piece at a time.
fn clean(file: &mut File, decoding: Decoding) -> bool {
    if file.rewind().is_err() {
        return false;
    }
    let mut buf = vec![0u8; 1 << 16];
    // the bytes of a UTF-8 sequence cut by the end of the last read
    let mut carry = 0;
    let mut at_start = true;
    loop {
        let n = match file.read(&mut buf[carry..]) {
            Ok(0) => return carry == 0 || decoding == Decoding::Lossy,
            Ok(n) => carry + n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return false,
        };
        let read = &buf[..n];
        if at_start && n < 2 {
            // too short to tell a UTF-16 mark yet
            carry = n;
            continue;
        }
        if at_start && (read.starts_with(&[0xFF, 0xFE]) || read.starts_with(&[0xFE, 0xFF])) {
            return false;
        }
        at_start = false;
        if read.contains(&0) {
            return false;
        }
        carry = match std::str::from_utf8(read) {
            Ok(_) => 0,
            Err(e) if e.error_len().is_none() => n - e.valid_up_to(),
            Err(_) if decoding == Decoding::Lossy => 0,
            Err(_) => return false,
        };
        buf.copy_within(n - carry..n, 0);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use std::io::Write as _;

    use super::*;

    fn file(bytes: &[u8]) -> File {
        let mut f = tempfile::tempfile().unwrap();
        f.write_all(bytes).unwrap();
        f
    }

    /// `clean` says what `decode` says of the whole file, also for a
    /// character or a bad sequence cut by the end of a read (every place
    /// around the first read's end, for characters of 2, 3 and 4 bytes).
    #[test]
    fn clean_agrees_with_decoding_the_whole_file() {
        let read = 1 << 16;
        for c in ['é', 'ق', '€', '😀'] {
            let mut utf8 = [0; 4];
            let c = c.encode_utf8(&mut utf8).as_bytes();
            for at in read - 4..read + 1 {
                let mut good = vec![b'a'; at];
                good.extend_from_slice(c);
                good.extend_from_slice(b"\nmore\n");
                // a character cut short, then a character cut short at the end
                let mut cut = vec![b'a'; at];
                cut.extend_from_slice(&c[..c.len() - 1]);
                cut.push(b'a');
                let mut end = vec![b'a'; at];
                end.extend_from_slice(&c[..c.len() - 1]);
                let mut nul = good.clone();
                nul[at - 1] = 0;
                for (bytes, decoding) in [
                    (&good, Decoding::Strict),
                    (&cut, Decoding::Strict),
                    (&cut, Decoding::Lossy),
                    (&end, Decoding::Strict),
                    (&end, Decoding::Lossy),
                    (&nul, Decoding::Lossy),
                ] {
                    let want = isnad_ingest::decode(bytes, decoding).is_ok();
                    assert_eq!(clean(&mut file(bytes), decoding), want, "{at} {c:?}");
                }
            }
        }
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("{}".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(!clean(&mut file(&utf16), Decoding::Lossy));
        assert!(clean(&mut file(b"\xEF\xBB\xBF{}\n"), Decoding::Strict));
    }
}
