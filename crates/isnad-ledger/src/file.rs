//! The JSON Lines file backend: one entry per line, appended under an
//! exclusive OS file lock (`File::lock`, flock on Unix), each batch written
//! with one `write` and made durable with one `fdatasync` (which also
//! persists the new file length). Readers take a shared lock, so they never
//! see half a write of a live writer.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::chain::{self, LineCheck};
use crate::entry::{Entry, EntryProblem};
use crate::error::{LedgerError, Result, io};
use crate::index::Index;
use crate::query::{ClaimQuery, ClaimRecord, Each};
use crate::store::{Build, LedgerStore, Repaired, TornTail};
use crate::verify::{self, VerifyOptions, VerifyReport};

/// A ledger in a JSON Lines file.
#[derive(Debug)]
pub struct FileLedger {
    path: PathBuf,
    index: Index,
    /// Bytes of complete lines already indexed.
    known_len: u64,
    torn: Option<TornTail>,
    broken: Option<(u64, String)>,
    split_writes: bool,
    fail_writes: bool,
    /// Document ids seen by the last streaming query (for short ids
    /// without loading the ledger).
    scanned_docs: Option<std::collections::BTreeSet<String>>,
}

impl FileLedger {
    /// A ledger at `path` (nothing is read until it is used).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        FileLedger {
            path: path.into(),
            index: Index::new(),
            known_len: 0,
            torn: None,
            broken: None,
            split_writes: false,
            fail_writes: false,
            scanned_docs: None,
        }
    }

    /// The ledger's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Fault injection for the crash tests only: write each batch in two
    /// `write` calls with a pause between, so that a process killed at a
    /// random moment can leave a torn line. Never use otherwise.
    #[doc(hidden)]
    pub fn split_writes_for_crash_tests(&mut self, on: bool) {
        self.split_writes = on;
    }

    /// Fault injection for tests only: every batch writes its first half
    /// and then fails as a full disk would (ENOSPC), to check that the
    /// ledger is cut back to what it was. Never use otherwise.
    #[doc(hidden)]
    pub fn fail_writes_for_tests(&mut self, on: bool) {
        self.fail_writes = on;
    }

    fn open(&self, write: bool) -> Result<File> {
        let mut options = OpenOptions::new();
        options.read(true);
        if write {
            options.append(true);
        }
        options.open(&self.path).map_err(|e| match e.kind() {
            ErrorKind::NotFound => LedgerError::NotFound {
                path: self.path.clone(),
            },
            _ => LedgerError::Io {
                path: self.path.clone(),
                action: if write { "open for appending" } else { "open" },
                source: e,
            },
        })
    }

    /// Reads what was appended since the last look (all of it when the file
    /// shrank, as after a repair) and indexes the complete lines.
    fn refresh(&mut self, file: &mut File) -> Result<()> {
        let len = file
            .metadata()
            .map_err(io(&self.path, "read the size of"))?
            .len();
        if len < self.known_len {
            self.index = Index::new();
            self.known_len = 0;
            self.broken = None;
        }
        self.torn = None;
        if len == self.known_len {
            return Ok(());
        }
        file.seek(SeekFrom::Start(self.known_len))
            .map_err(io(&self.path, "read"))?;
        let mut bytes = Vec::with_capacity(usize::try_from(len - self.known_len).unwrap_or(0));
        file.take(len - self.known_len)
            .read_to_end(&mut bytes)
            .map_err(io(&self.path, "read"))?;
        let (lines, tail) = verify::split_lines(&bytes);
        for line in &lines {
            let n = self.index.len() + 1;
            self.index_line(n, line)?;
            self.known_len += line.len() as u64 + 1;
        }
        if !tail.is_empty() {
            self.torn = Some(TornTail {
                line: self.index.len() + 1,
                offset: self.known_len,
                bytes: tail.len() as u64,
            });
        }
        Ok(())
    }

    fn index_line(&mut self, n: u64, line: &[u8]) -> Result<()> {
        let entry = Entry::from_line(line).map_err(|p| match p {
            EntryProblem::FutureVersion(found) => LedgerError::FutureVersion {
                path: self.path.clone(),
                line: n,
                found,
            },
            EntryProblem::WrongSchema(message) => LedgerError::Corrupt {
                path: self.path.clone(),
                line: n,
                message,
            },
        })?;
        if self.broken.is_none() {
            self.broken = chain_problem(self.index.head(), n, line, &entry).map(|m| (n, m));
        }
        self.index.push(entry);
        Ok(())
    }

    fn read_all(&self) -> Result<Vec<u8>> {
        let mut file = self.open(false)?;
        file.lock_shared().map_err(io(&self.path, "lock"))?;
        let len = file
            .metadata()
            .map_err(io(&self.path, "read the size of"))?
            .len();
        let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
        file.read_to_end(&mut bytes)
            .map_err(io(&self.path, "read"))?;
        Ok(bytes)
    }

    /// Writes `bytes` at the end; on failure cuts the file back to
    /// `old_len` so that the ledger is as it was.
    fn write_batch(&self, file: &mut File, bytes: &[u8], old_len: u64) -> Result<()> {
        let written = if self.fail_writes {
            let (a, _) = bytes.split_at(bytes.len() / 2);
            file.write_all(a)
                .and_then(|()| Err(std::io::Error::from_raw_os_error(28)))
        } else if self.split_writes && bytes.len() > 1 {
            let (a, b) = bytes.split_at(bytes.len() / 2);
            file.write_all(a).and_then(|()| {
                std::thread::sleep(std::time::Duration::from_millis(2));
                file.write_all(b)
            })
        } else {
            file.write_all(bytes)
        };
        let synced = written.and_then(|()| file.sync_data());
        if let Err(source) = synced {
            // Leave the ledger as it was: drop whatever part was written.
            let _ = file.set_len(old_len);
            let _ = file.sync_data();
            return Err(LedgerError::Io {
                path: self.path.clone(),
                action: "append to",
                source,
            });
        }
        Ok(())
    }
}

fn sync_dir(path: &Path) {
    // Make a new or truncated file's directory entry durable. Best effort:
    // not every platform can open a directory.
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

/// What is wrong with the chain at line `n` (its bytes `line`, read as
/// `entry`) given the entries before it in `index`; `None` when it chains.
/// Shared by the backends, so that both report the same problems.
pub(crate) fn chain_problem(head: &str, n: u64, line: &[u8], entry: &Entry) -> Option<String> {
    let intact = match chain::check_line(line) {
        LineCheck::Valid(_) => true,
        LineCheck::Changed(_) => false,
        LineCheck::Unusual => {
            entry
                .to_value()
                .ok()
                .and_then(|v| chain::entry_hash(&v).ok())
                .as_deref()
                == Some(entry.hash())
        }
    };
    let env = entry.envelope();
    if !intact {
        Some(format!("entry {} does not match its hash", env.seq))
    } else if env.seq != n {
        Some(format!("line {n} holds entry {}", env.seq))
    } else if env.prev != head {
        Some(format!(
            "`prev` of line {n} does not match the hash of line {}",
            n - 1
        ))
    } else {
        None
    }
}

/// Gives `entries` their chain fields after `head` (entry `seq - 1`) and
/// lays them out as lines.
pub(crate) fn chain_entries(entries: &mut [Entry], mut seq: u64, head: &str) -> Result<Vec<u8>> {
    let mut prev = head.to_string();
    let mut out = Vec::new();
    for entry in entries.iter_mut() {
        entry.set_chain(seq, &prev);
        let body = chain::canonical_body(&entry.to_value()?)?;
        let (line, hash) = chain::line_from_body(&body).ok_or_else(|| {
            LedgerError::Invalid("an entry serialized to something other than an object".into())
        })?;
        entry.set_hash(hash.clone());
        out.extend_from_slice(&line);
        out.push(b'\n');
        prev = hash;
        seq += 1;
    }
    Ok(out)
}

impl LedgerStore for FileLedger {
    fn location(&self) -> String {
        self.path.display().to_string()
    }

    fn init(&mut self, author: &str, created_by: &str) -> Result<Entry> {
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create_new(true)
            .open(&self.path)
            .map_err(|e| match e.kind() {
                ErrorKind::AlreadyExists => LedgerError::Exists {
                    path: self.path.clone(),
                },
                _ => LedgerError::Io {
                    path: self.path.clone(),
                    action: "create",
                    source: e,
                },
            })?;
        file.lock().map_err(io(&self.path, "lock"))?;
        let mut entries = vec![crate::ops::header(author, created_by)];
        let bytes = chain_entries(&mut entries, 1, chain::GENESIS)?;
        if let Err(e) = self.write_batch(&mut file, &bytes, 0) {
            let _ = std::fs::remove_file(&self.path);
            return Err(e);
        }
        sync_dir(&self.path);
        self.index = Index::new();
        self.known_len = 0;
        self.refresh(&mut file)?;
        entries
            .pop()
            .ok_or_else(|| LedgerError::Invalid("no header written".into()))
    }

    fn load(&mut self) -> Result<&Index> {
        let mut file = self.open(false)?;
        file.lock_shared().map_err(io(&self.path, "lock"))?;
        self.refresh(&mut file)?;
        Ok(&self.index)
    }

    fn torn(&self) -> Option<&TornTail> {
        self.torn.as_ref()
    }

    fn broken(&self) -> Option<(u64, &str)> {
        self.broken.as_ref().map(|(n, m)| (*n, m.as_str()))
    }

    fn append(&mut self, build: &mut Build<'_>) -> Result<Vec<Entry>> {
        let mut file = self.open(true)?;
        file.lock().map_err(io(&self.path, "lock"))?;
        self.refresh(&mut file)?;
        if let Some(t) = &self.torn {
            return Err(LedgerError::TornTail {
                path: self.path.clone(),
                line: t.line,
                bytes: t.bytes,
            });
        }
        if let Some((line, message)) = &self.broken {
            return Err(LedgerError::Broken {
                path: self.path.clone(),
                line: *line,
                message: message.clone(),
            });
        }
        let mut entries = build(&self.index)?;
        if entries.is_empty() {
            return Ok(entries);
        }
        let bytes = chain_entries(&mut entries, self.index.len() + 1, self.index.head())?;
        self.write_batch(&mut file, &bytes, self.known_len)?;
        self.known_len += bytes.len() as u64;
        for entry in &entries {
            self.index.push(entry.clone());
        }
        Ok(entries)
        // The lock is released when `file` is closed.
    }

    fn verify(&mut self, options: &VerifyOptions<'_>) -> Result<VerifyReport> {
        let bytes = self.read_all()?;
        Ok(verify::verify_bytes(&bytes, options))
    }

    fn export(&mut self, out: &mut dyn Write) -> Result<u64> {
        let bytes = self.read_all()?;
        let (lines, _) = verify::split_lines(&bytes);
        let complete: usize = lines.iter().map(|l| l.len() + 1).sum();
        out.write_all(&bytes[..complete])
            .map_err(io(Path::new("-"), "write the export to"))?;
        Ok(lines.len() as u64)
    }

    fn import(&mut self, bytes: &[u8]) -> Result<u64> {
        let count = crate::store::check_import(bytes)?;
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create_new(true)
            .open(&self.path)
            .map_err(|e| match e.kind() {
                ErrorKind::AlreadyExists => LedgerError::Exists {
                    path: self.path.clone(),
                },
                _ => LedgerError::Io {
                    path: self.path.clone(),
                    action: "create",
                    source: e,
                },
            })?;
        file.lock().map_err(io(&self.path, "lock"))?;
        if let Err(e) = self.write_batch(&mut file, bytes, 0) {
            let _ = std::fs::remove_file(&self.path);
            return Err(e);
        }
        sync_dir(&self.path);
        self.index = Index::new();
        self.known_len = 0;
        self.refresh(&mut file)?;
        Ok(count)
    }

    fn query_claims(
        &mut self,
        query: &ClaimQuery,
        each: &mut Each<'_, ClaimRecord>,
    ) -> Result<u64> {
        let file = self.open(false)?;
        file.lock_shared().map_err(io(&self.path, "lock"))?;
        let scanned = crate::scan::scan_claims(&self.path, &file, query, each)?;
        self.torn = scanned.torn;
        self.broken = scanned.broken;
        self.scanned_docs = Some(scanned.docs);
        Ok(scanned.count)
    }

    fn short_doc_id(&mut self, doc: &str) -> Result<String> {
        use std::ops::Bound;
        let Some(docs) = &self.scanned_docs else {
            return Ok(self.load()?.short_doc_id(doc));
        };
        let before = docs
            .range::<str, _>((Bound::Unbounded, Bound::Excluded(doc)))
            .next_back();
        let after = docs
            .range::<str, _>((Bound::Excluded(doc), Bound::Unbounded))
            .next();
        Ok(crate::index::short_id(
            doc,
            before.map(String::as_str),
            after.map(String::as_str),
        ))
    }

    fn repair(&mut self) -> Result<Option<Repaired>> {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(&self.path)
            .map_err(|e| match e.kind() {
                ErrorKind::NotFound => LedgerError::NotFound {
                    path: self.path.clone(),
                },
                _ => LedgerError::Io {
                    path: self.path.clone(),
                    action: "open for repair",
                    source: e,
                },
            })?;
        file.lock().map_err(io(&self.path, "lock"))?;
        self.refresh(&mut file)?;
        if let Some((line, message)) = &self.broken {
            return Err(LedgerError::Broken {
                path: self.path.clone(),
                line: *line,
                message: format!(
                    "{message}; repair only moves a torn tail and cannot mend a broken chain"
                ),
            });
        }
        let Some(torn) = self.torn.clone() else {
            return Ok(None);
        };
        let mut tail = Vec::new();
        file.seek(SeekFrom::Start(torn.offset))
            .map_err(io(&self.path, "read"))?;
        file.read_to_end(&mut tail)
            .map_err(io(&self.path, "read"))?;
        // A complete entry that only lacks its newline (an editor that
        // strips the final newline) is kept: the newline is added.
        if let LineCheck::Valid(f) = chain::check_line(&tail)
            && f.seq == self.index.len() + 1
            && f.prev == self.index.head()
            && Entry::from_line(&tail).is_ok()
        {
            file.seek(SeekFrom::End(0))
                .map_err(io(&self.path, "append to"))?;
            file.write_all(b"\n")
                .and_then(|()| file.sync_data())
                .map_err(io(&self.path, "append to"))?;
            self.torn = None;
            self.refresh(&mut file)?;
            return Ok(Some(Repaired {
                torn,
                side_file: String::new(),
            }));
        }
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
        let side = PathBuf::from(format!(
            "{}.torn-{stamp}-line{}",
            self.path.display(),
            torn.line
        ));
        let mut side_file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&side)
            .map_err(io(&side, "create"))?;
        side_file
            .write_all(&tail)
            .and_then(|()| side_file.sync_all())
            .map_err(io(&side, "write"))?;
        file.set_len(torn.offset)
            .and_then(|()| file.sync_all())
            .map_err(io(&self.path, "truncate"))?;
        sync_dir(&self.path);
        self.torn = None;
        Ok(Some(Repaired {
            torn,
            side_file: side.display().to_string(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops;

    #[test]
    fn a_failed_write_leaves_the_ledger_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.jsonl");
        let mut ledger = FileLedger::new(&path);
        ledger.init("a", "t").unwrap();
        let before = std::fs::read(&path).unwrap();
        ledger.fail_writes_for_tests(true);
        let err = ledger
            .append(&mut |_| Ok(vec![ops::header("a", "t"), ops::header("b", "t")]))
            .unwrap_err();
        assert!(
            matches!(
                &err,
                LedgerError::Io {
                    action: "append to",
                    ..
                }
            ),
            "{err}"
        );
        assert!(
            err.to_string().contains("l.jsonl: cannot append to"),
            "{err}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);
        // And the next append works and chains on the old head.
        ledger.fail_writes_for_tests(false);
        let mut fresh = FileLedger::new(&path);
        fresh
            .append(&mut |_| Ok(vec![ops::header("c", "t")]))
            .unwrap();
        let report = fresh
            .verify(&crate::VerifyOptions {
                full: true,
                ..Default::default()
            })
            .unwrap();
        assert!(report.is_ok(), "{:?}", report.problem);
        assert_eq!(report.entries, 2);
    }

    #[test]
    fn a_complete_last_entry_without_newline_is_kept_by_repair() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.jsonl");
        let mut ledger = FileLedger::new(&path);
        ledger.init("a", "t").unwrap();
        ledger
            .append(&mut |_| Ok(vec![ops::header("b", "t")]))
            .unwrap();
        let full = std::fs::read(&path).unwrap();
        std::fs::write(&path, &full[..full.len() - 1]).unwrap();
        let mut ledger = FileLedger::new(&path);
        ledger.load().unwrap();
        assert_eq!(ledger.torn().map(|t| t.line), Some(2));
        let repaired = ledger.repair().unwrap().unwrap();
        assert!(repaired.side_file.is_empty());
        assert_eq!(std::fs::read(&path).unwrap(), full);
        assert!(
            ledger
                .verify(&crate::VerifyOptions::default())
                .unwrap()
                .is_ok()
        );
    }

    #[test]
    fn dev_full_gives_a_clear_error() {
        let full = Path::new("/dev/full");
        if !full.exists() {
            eprintln!("notice: skipping: no /dev/full");
            return;
        }
        let mut ledger = FileLedger::new(full);
        let err = ledger
            .append(&mut |_| Ok(vec![ops::header("a", "t")]))
            .unwrap_err();
        assert!(
            err.to_string().starts_with("/dev/full: cannot append to"),
            "{err}"
        );
    }

    #[test]
    fn init_refuses_an_existing_file_and_a_missing_ledger_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.jsonl");
        std::fs::write(&path, b"").unwrap();
        assert!(matches!(
            FileLedger::new(&path).init("a", "t"),
            Err(LedgerError::Exists { .. })
        ));
        let missing = dir.path().join("none.jsonl");
        assert!(matches!(
            FileLedger::new(&missing).load(),
            Err(LedgerError::NotFound { .. })
        ));
    }
}
