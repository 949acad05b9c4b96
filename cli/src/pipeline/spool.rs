//! Where a streamed document's claims wait for their speaker keys (and its
//! passages for the document's fingerprint, which is written before them):
//! in memory while there are few of them (every real article), on disk in
//! an anonymous temporary file past that, so a document of any length keeps
//! a bounded number of them in memory.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, Write};

use isnad_model::Claim;
use isnad_speakers::PendingKey;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// One claim and how its speaker was linked.
pub type Record = (Claim, PendingKey);

/// Values (claims with their links, passages) in the order pushed.
pub struct Spool<T = Record> {
    mem: Vec<T>,
    file: Option<BufWriter<File>>,
    len: usize,
    /// How many claims stay in memory before the spool moves to disk.
    limit: usize,
}

/// Claims kept in memory before the spool moves to disk (a few MB).
pub const IN_MEMORY: usize = 4096;

impl<T: Serialize + DeserializeOwned> Spool<T> {
    /// An empty spool that keeps up to `limit` values in memory.
    pub fn new(limit: usize) -> Spool<T> {
        Spool {
            mem: Vec::new(),
            file: None,
            len: 0,
            limit,
        }
    }

    /// A spool of values already in memory.
    pub fn from_vec(mem: Vec<T>) -> Spool<T> {
        Spool {
            len: mem.len(),
            limit: mem.len(),
            mem,
            file: None,
        }
    }

    /// The number of values pushed.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Adds a claim.
    pub fn push(&mut self, record: T) -> std::io::Result<()> {
        self.len += 1;
        if self.file.is_none() {
            if self.mem.len() < self.limit {
                self.mem.push(record);
                return Ok(());
            }
            let mut w = BufWriter::with_capacity(1 << 16, tempfile::tempfile()?);
            for r in self.mem.drain(..) {
                write_record(&mut w, &r)?;
            }
            self.file = Some(w);
        }
        match self.file.as_mut() {
            Some(w) => write_record(w, &record),
            None => Ok(()),
        }
    }

    /// The claims, in the order pushed.
    pub fn drain(self) -> std::io::Result<Drain<T>> {
        Ok(match self.file {
            None => Drain::Memory(self.mem.into_iter()),
            Some(w) => {
                let mut file = w.into_inner().map_err(|e| e.into_error())?;
                file.rewind()?;
                Drain::Disk {
                    reader: BufReader::with_capacity(1 << 16, file),
                    line: String::new(),
                }
            }
        })
    }
}

/// One JSON line per claim: serde's own format for the model, so a claim
/// read back equals the claim written.
fn write_record<T: Serialize>(w: &mut impl Write, record: &T) -> std::io::Result<()> {
    serde_json::to_writer(&mut *w, record)?;
    w.write_all(b"\n")
}

/// The values of a spool, in order.
pub enum Drain<T = Record> {
    /// Held in memory.
    Memory(std::vec::IntoIter<T>),
    /// Read back from the temporary file.
    Disk {
        /// The file, from its start.
        reader: BufReader<File>,
        /// The line being read (its buffer is reused).
        line: String,
    },
}

impl<T: DeserializeOwned> Iterator for Drain<T> {
    type Item = std::io::Result<T>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Drain::Memory(it) => it.next().map(Ok),
            Drain::Disk { reader, line } => {
                line.clear();
                match reader.read_line(line) {
                    Ok(0) => None,
                    Ok(_) => Some(serde_json::from_str(line).map_err(std::io::Error::from)),
                    Err(e) => Some(Err(e)),
                }
            }
        }
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

    /// On disk or in memory, the claims come back equal and in order.
    #[test]
    fn claims_come_back_as_pushed() {
        let want = claims(20);
        assert!(want.len() >= 20);
        for limit in [0, 5, 1000] {
            let r = isnad_speakers::Resolver::builtin().unwrap();
            let mut pass = r.document_pass("");
            let mut spool: Spool = Spool::new(limit);
            for c in want.clone() {
                pass.push(c);
            }
            let (rest, _) = pass.finish();
            for rec in rest {
                spool.push(rec).unwrap();
            }
            assert_eq!(spool.len(), want.len());
            let got: Vec<Claim> = spool.drain().unwrap().map(|r| r.unwrap().0).collect();
            assert_eq!(got, want, "limit {limit}");
        }
    }
}
