//! The buffers of a chunk's pass, kept from one chunk to the next.
//!
//! A chunk's tables (byte offsets, tokens, match string, hits,
//! per-token marks) are a few hundred kilobytes; allocating and freeing them
//! for every 16 KB chunk cost more than filling them (large frees also make
//! the allocator consolidate its free lists). A `Doc` takes the thread's
//! buffers when it is made and gives them back when it is dropped, so the
//! engine's entry points stay as they are and each thread (the command line
//! extracts in parallel) keeps one set.

use std::cell::Cell;

use crate::compile::Hit;
use crate::token::Tokens;

/// One set of buffers (their contents are stale; every user clears them).
#[derive(Default)]
pub(super) struct Scratch {
    pub bidx: Vec<u32>,
    pub t: Tokens,
    pub hits: Vec<Hit>,
    pub cls: Vec<crate::compile::ClassSet>,
    pub cls_end: Vec<crate::compile::ClassSet>,
    pub cue_at: Vec<u32>,
    pub hedge_at: Vec<u32>,
    pub qclose: Vec<u32>,
    pub blocked: Vec<bool>,
    pub ids: Vec<Option<u32>>,
}

thread_local! {
    static SPARE: Cell<Option<Box<Scratch>>> = const { Cell::new(None) };
}

/// The thread's spare buffers, or new ones.
pub(super) fn take() -> Box<Scratch> {
    SPARE.with(Cell::take).unwrap_or_default()
}

/// Gives buffers back for the next chunk on this thread.
pub(super) fn give(s: Box<Scratch>) {
    SPARE.with(|c| c.set(Some(s)));
}

/// Resets `v` to `n` copies of `x`, keeping its allocation.
pub(super) fn fill<T: Clone>(v: &mut Vec<T>, n: usize, x: T) {
    v.clear();
    v.resize(n, x);
}
