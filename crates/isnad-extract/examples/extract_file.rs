//! The extraction engine alone over one file, for `bench/extract.sh`: reads
//! the file, extracts with the built-in packs (language given or detected)
//! and prints the number of claims. No fingerprints, speaker pass or JSON,
//! so the benchmark can tell the engine's share of `isnad extract`.
//!
//!   cargo run --release -p isnad-extract --example extract_file -- FILE [ar|en]

use isnad_extract::{Extractor, Input};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: extract_file FILE [LANG]")?;
    let language = args.next();
    let text = std::fs::read_to_string(&path)?;
    let extractor = Extractor::builtin()?;
    let mut input = Input::new(&text, "sha256:bench");
    input.language = language.as_deref();
    println!("{}", extractor.extract(&input).len());
    Ok(())
}
