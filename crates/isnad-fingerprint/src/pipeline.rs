//! The streaming engine under [`crate::fingerprint_reader`] and
//! [`crate::document_reader`]: three stages that run at the same time.
//!
//! ```text
//!  reader thread            hashing thread (+ rayon)       caller's thread
//!  read, check UTF-8,  -->  normalize, segment, hash  -->  document SHA-256,
//!  cut into parts           and format each part           emit in order
//! ```
//!
//! Each stage hands whole batches (a few megabytes of text cut into parts
//! at blank lines) to the next through a channel that holds one batch, so
//! reading and the document's hash (both sequential by nature) overlap the
//! parallel work instead of waiting for it, and memory stays flat: a
//! handful of batches are alive at any time, whatever the input's size.
//! Emptied buffers travel back to the stage that fills them (fresh buffers
//! for every batch would cost page faults).
//!
//! **Architecture Invariant:** the output does not depend on timing, read
//! sizes or the number of threads: where the text is cut depends on the
//! text only, and every part is emitted in input order.

use std::io::Read;
use std::ops::Range;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use isnad_model::DocumentInfo;
use isnad_text::{is_blank_char, last_block_boundary};
use rayon::prelude::*;

use crate::document::{DocState, Error, Hashed, MAX_PART, Part, hash_part_into};
use crate::input::{Input, READ_SIZE};

/// Parts are cut at the last blank line within this many bytes (when there
/// is one): small enough to give every core several parts of a batch, large
/// enough that the per-part costs vanish.
pub(crate) const PART: usize = 256 << 10;

/// Text read before the batch is cut into parts and hashed in parallel.
pub(crate) const BATCH: usize = 4 << 20;

/// One part of a batch: its bytes and whether it is the text's first part
/// with content. Where it starts in code points is known once the parts
/// before it are hashed (hashing counts them: the reader does not).
struct Cut {
    bytes: Range<usize>,
    at_start: bool,
    /// The part goes on with the previous part's last word (see
    /// [`next_cut`]).
    glued: bool,
}

/// A batch as the reader hands it on.
struct Batch {
    text: String,
    cuts: Vec<Cut>,
}

/// A batch with its parts hashed and formatted.
struct Done<T> {
    batch: Batch,
    hashed: Vec<Hashed>,
    outputs: Vec<T>,
    /// Code points of the whole text up to the end of this batch.
    end_cp: usize,
}

/// The engine under [`crate::fingerprint_reader`] and
/// [`crate::document_reader`]: reads UTF-8 text from `reader` in batches of
/// a few megabytes on a thread of its own, cuts each batch into parts at
/// blank lines, normalizes, segments (with `segment`) and hashes the parts
/// in parallel (rayon), runs `format` on each part in parallel (turning its
/// passages into output, say), and hands the results to `emit` with the
/// part's text one at a time **in input order**, on the caller's thread, so
/// the output is the same whatever the number of threads. Reading, hashing
/// and emitting overlap; memory stays flat (a few batches are alive at a
/// time). An error from `emit` (a closed output) stops the run as
/// [`Error::Output`].
pub fn fingerprint_parts<R, T, F, E>(
    source: &str,
    reader: R,
    segment: bool,
    format: F,
    mut emit: E,
) -> Result<DocumentInfo, Error>
where
    R: Read + Send,
    T: Send,
    F: Fn(&Part<'_>) -> T + Sync,
    E: FnMut(&str, T) -> std::io::Result<()>,
{
    let (to_hasher, batches) = sync_channel::<Result<Batch, Error>>(1);
    let (to_caller, done) = sync_channel::<Result<Done<T>, Error>>(1);
    let (spare_text, texts_back) = sync_channel::<String>(4);
    let (spare_hashed, hashed_back) = sync_channel::<Vec<Hashed>>(4);
    std::thread::scope(|s| {
        s.spawn(move || read_batches(reader, &to_hasher, &texts_back));
        let format = &format;
        s.spawn(move || hash_batches(segment, format, &batches, &to_caller, &hashed_back));
        let mut state = DocState::new();
        for message in done {
            let Done {
                batch,
                hashed,
                outputs,
                end_cp,
            } = message?;
            for (h, cut) in hashed.iter().zip(&batch.cuts) {
                state.add(h, cut.glued);
            }
            for (cut, out) in batch.cuts.iter().zip(outputs) {
                emit(&batch.text[cut.bytes.clone()], out).map_err(Error::Output)?;
            }
            state.cp = end_cp;
            // A full return channel only means the buffer is dropped.
            let _ = spare_text.try_send(batch.text);
            let _ = spare_hashed.try_send(hashed);
        }
        Ok(state.finish(source))
    })
}

/// The reader stage: fills batches, cuts them into parts and sends them on
/// until the input ends, fails (the error is sent on) or the next stage has
/// stopped.
fn read_batches<R: Read>(
    reader: R,
    to_hasher: &SyncSender<Result<Batch, Error>>,
    texts_back: &Receiver<String>,
) {
    let mut input = Input::new(reader);
    let mut seen_content = false;
    let mut want = BATCH;
    let mut glued = false;
    loop {
        let eof = match input.fill(want) {
            Ok(eof) => eof,
            Err(e) => {
                let _ = to_hasher.send(Err(e));
                return;
            }
        };
        let text = input.text.as_str();
        let mut cuts = Vec::new();
        let mut pos = 0;
        while let Some((len, glues)) = next_cut(&text[pos..], eof) {
            let part = &text[pos..pos + len];
            let at_start = !seen_content;
            if !seen_content {
                seen_content = part.chars().any(|c| !is_blank_char(c));
            }
            cuts.push(Cut {
                bytes: pos..pos + len,
                at_start,
                glued,
            });
            glued = glues;
            pos += len;
        }
        if cuts.is_empty() && !eof {
            want = input.text.len() + READ_SIZE;
            continue;
        }
        want = BATCH;
        let spare = texts_back.try_recv().unwrap_or_default();
        let batch = Batch {
            text: input.take(pos, spare),
            cuts,
        };
        if to_hasher.send(Ok(batch)).is_err() || eof {
            return;
        }
    }
}

/// The hashing stage: normalizes, segments, hashes and formats the parts of
/// each batch in parallel and sends the batch on, numbering the passages as
/// it goes.
fn hash_batches<T, F>(
    segment: bool,
    format: &F,
    batches: &Receiver<Result<Batch, Error>>,
    to_caller: &SyncSender<Result<Done<T>, Error>>,
    hashed_back: &Receiver<Vec<Hashed>>,
) where
    T: Send,
    F: Fn(&Part<'_>) -> T + Sync,
{
    let mut passages = 0;
    let mut cp = 0;
    for message in batches {
        let batch = match message {
            Ok(batch) => batch,
            Err(e) => {
                let _ = to_caller.send(Err(e));
                return;
            }
        };
        let mut hashed = hashed_back.try_recv().unwrap_or_default();
        hashed.resize_with(batch.cuts.len(), Hashed::default);
        let text = batch.text.as_str();
        // Spans count from the part's start until the parts before it are
        // counted: the parts' code points come from hashing them.
        hashed.par_iter_mut().zip(&batch.cuts).for_each(|(h, cut)| {
            hash_part_into(h, &text[cut.bytes.clone()], 0, cut.at_start, segment);
        });
        let mut firsts = Vec::with_capacity(hashed.len());
        for h in &hashed {
            firsts.push((passages + 1, cp));
            passages += h.passages.len();
            cp += h.chars();
        }
        let outputs = batch
            .cuts
            .par_iter()
            .zip(hashed.par_iter_mut())
            .zip(&firsts)
            .map(|((cut, h), &(first_number, start))| {
                h.shift(start);
                format(&Part {
                    text: &text[cut.bytes.clone()],
                    passages: &h.passages,
                    first_number,
                })
            })
            .collect();
        let done = Done {
            batch,
            hashed,
            outputs,
            end_cp: cp,
        };
        if to_caller.send(Ok(done)).is_err() {
            return;
        }
    }
}

/// The length of the next part at the start of `rest`: up to the last
/// blank line within [`PART`] bytes, else within [`MAX_PART`] bytes, else
/// (a stretch without blank lines) after the last line break within
/// [`MAX_PART`] bytes, else (one line) after its last space or tab there.
/// Every such cut falls on whitespace, which the matching form turns into
/// the one space that joins the parts' matching forms, so the document's
/// fingerprint is the whole text's. Only a run of [`MAX_PART`] bytes
/// without any whitespace is cut inside a word; the flag says so, and the
/// parts' matching forms are then joined without a space. `None` when more
/// text must be read to decide. The cuts depend on the text only, never on
/// how it was read.
fn next_cut(rest: &str, eof: bool) -> Option<(usize, bool)> {
    if rest.is_empty() {
        return None;
    }
    if eof && rest.len() <= PART {
        return Some((rest.len(), false));
    }
    let window = &rest[..floor_char_boundary(rest, PART)];
    if let Some(b) = last_block_boundary(window).filter(|&b| b > 0) {
        return Some((b, false));
    }
    let wide = &rest[..floor_char_boundary(rest, MAX_PART)];
    if wide.len() > window.len()
        && let Some(b) = last_block_boundary(wide).filter(|&b| b > 0)
    {
        return Some((b, false));
    }
    if rest.len() > MAX_PART {
        let bytes = wide.as_bytes();
        if let Some(i) =
            memchr::memrchr(b'\n', bytes).or_else(|| memchr::memrchr2(b' ', b'\t', bytes))
        {
            return Some((i + 1, false));
        }
        return Some((wide.len(), true));
    }
    eof.then_some((rest.len(), false))
}

fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
