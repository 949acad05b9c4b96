//! Prints the article extracted from a file, with its metadata and the time
//! it took: `cargo run --release -p isnad-ingest --example extract FILE`.
#![allow(missing_docs)]

use std::time::Instant;

use isnad_ingest::{Decoding, article, decode, detect_format};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: extract FILE")?;
    let bytes = std::fs::read(&path)?;
    let start = Instant::now();
    let text = decode(&bytes, Decoding::Lossy)?;
    let a = article(&text, detect_format(Some(&path), &text))?;
    let took = start.elapsed();
    println!("{}", a.text);
    eprintln!(
        "format={} title={:?} url={:?} published={:?} author={:?} language={:?} direction={:?} ({} bytes in {:.3?})",
        a.format,
        a.title,
        a.url,
        a.published,
        a.author,
        a.language,
        a.direction,
        bytes.len(),
        took
    );
    Ok(())
}
