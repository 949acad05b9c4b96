//! Standard output for a run that prints all or nothing (a batch in which
//! one input fails prints none of the others).
//!
//! Such a run must hold its output until every input has succeeded. Held
//! in a spool, the output is written three times: into the spool, out of
//! it, and to standard output. When standard output is a regular file
//! (`isnad extract batch.jsonl > out.jsonl`) that is not needed: the
//! output is written to it as it comes, and cut back to the length the
//! file had at the start if the run fails, which leaves the file as it
//! was. When it is the null device, nothing written can be seen anyway.
//! Anything else (a pipe, a terminal) cannot take bytes back, and keeps
//! the spool.

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};

/// Standard output written as it comes, undone unless [`Direct::keep`] is
/// called: a regular file is cut back to its length at the start (and its
/// offset, shared with the shell, set back there) when this is dropped
/// unkept. Anyone reading the file while the run is going on sees the
/// output grow, and vanish if the run fails.
pub struct Direct {
    /// `None` once kept.
    out: Option<BufWriter<File>>,
    /// The length to cut the file back to; `None` for the null device.
    start: Option<u64>,
}

impl Direct {
    /// Standard output, when it is a regular file that is written at its
    /// end (so that cutting it back loses nothing that was there: `>`
    /// or a file opened at its end) or the null device; `None` for
    /// anything else, which keeps the spool.
    pub fn stdout() -> Option<Direct> {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd as _;
            use std::os::unix::fs::FileTypeExt as _;
            use std::os::unix::fs::MetadataExt as _;
            let fd = std::io::stdout().as_fd().try_clone_to_owned().ok()?;
            let mut file = File::from(fd);
            let meta = file.metadata().ok()?;
            let start = if meta.is_file() {
                // `>>` leaves the offset at 0 before the first write, and a
                // file opened for reading and writing may be written in its
                // middle: neither can be cut back safely
                let at = file.stream_position().ok()?;
                (at == meta.len()).then_some(Some(at))?
            } else {
                let null = std::fs::metadata("/dev/null").ok()?;
                let is_null = meta.file_type().is_char_device() && meta.rdev() == null.rdev();
                is_null.then_some(None)?
            };
            Some(Direct {
                out: Some(BufWriter::with_capacity(1 << 16, file)),
                start,
            })
        }
        #[cfg(not(unix))]
        None
    }

    /// Keeps what was written: flushes it, and no longer undoes it when
    /// dropped. A failed flush still undoes it.
    pub fn keep(&mut self) -> std::io::Result<()> {
        if let Some(mut out) = self.out.take()
            && let Err(e) = out.flush()
        {
            self.out = Some(out);
            return Err(e);
        }
        Ok(())
    }

    /// The writer, or an error once kept.
    fn out(&mut self) -> std::io::Result<&mut BufWriter<File>> {
        self.out
            .as_mut()
            .ok_or_else(|| std::io::Error::other("output written after it was kept"))
    }
}

impl Write for Direct {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.out()?.write(bytes)
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out()?.write_all(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out()?.flush()
    }
}

impl Drop for Direct {
    fn drop(&mut self) {
        let Some(out) = self.out.take() else {
            return;
        };
        // the bytes still in the buffer are dropped unwritten
        let (mut file, _unwritten) = out.into_parts();
        if let Some(start) = self.start {
            // nothing more can be done about a failure here: the run is
            // failing already, and says why
            let _ = file.set_len(start);
            let _ = file.seek(SeekFrom::Start(start));
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use std::io::Read as _;

    fn direct_over(file: &File, start: u64) -> Direct {
        Direct {
            out: Some(BufWriter::with_capacity(8, file.try_clone().unwrap())),
            start: Some(start),
        }
    }

    fn contents(file: &mut File) -> String {
        let mut s = String::new();
        file.rewind().unwrap();
        file.read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn dropped_unkept_cuts_the_file_back_to_its_start() {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(b"before\n").unwrap();
        let mut out = direct_over(&file, 7);
        out.write_all(b"a long line of output\n").unwrap();
        out.write_all(b"more").unwrap();
        drop(out);
        // the offset (shared, like the shell's) is back where output began
        assert_eq!(file.stream_position().unwrap(), 7);
        assert_eq!(contents(&mut file), "before\n");
    }

    #[test]
    fn kept_output_stays_whole() {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(b"before\n").unwrap();
        let mut out = direct_over(&file, 7);
        out.write_all(b"a long line of output\n").unwrap();
        out.write_all(b"more").unwrap();
        out.keep().unwrap();
        assert!(out.write_all(b"after").is_err());
        drop(out);
        assert_eq!(contents(&mut file), "before\na long line of output\nmore");
    }
}
