//! Re-resolves the speaker keys of an extraction document:
//! `isnad extract --format json FILE | cargo run --example resolve -- FILE`
//! prints the document with keys from this build of isnad-speakers and one
//! line per claim on stderr saying how its key was found.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: resolve TEXT_FILE < extraction.json");
    let text = std::fs::read_to_string(path).expect("the text file");
    let mut json = String::new();
    std::io::stdin().read_to_string(&mut json).expect("stdin");
    let mut doc: isnad_model::ExtractionDocument =
        serde_json::from_str(&json).expect("extraction JSON");
    let r = isnad_speakers::Resolver::builtin().expect("rules");
    for res in r.resolve(&mut doc, &text) {
        eprintln!(
            "claim {}: {} [{}] {}",
            res.claim + 1,
            res.key,
            res.rule,
            res.detail
        );
    }
    println!("{}", serde_json::to_string(&doc).expect("JSON"));
}
