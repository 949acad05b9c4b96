//! Throughput of article extraction.
#![allow(missing_docs)]
fn main() {}
