//! The stages of `isnad extract` on the same text, side by side: where the
//! time of the whole command goes (fingerprints and passages, the
//! extraction engine, the speaker post-pass, JSON serialization).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use isnad_extract::{Extractor, Input};
use isnad_model::{EXTRACTION_SCHEMA_VERSION, ExtractionDocument};

mod common;
use common::corpus;

fn bench(c: &mut Criterion) {
    let ex = match Extractor::builtin() {
        Ok(ex) => ex,
        Err(e) => panic!("built-in packs: {e}"),
    };
    let resolver = match isnad_speakers::Resolver::builtin() {
        Ok(r) => r,
        Err(e) => panic!("built-in speaker rules: {e}"),
    };
    for lang in ["ar", "en"] {
        let text = corpus(lang);
        let mut g = c.benchmark_group(format!("pipeline-{lang}"));
        g.sample_size(10);
        g.throughput(Throughput::Bytes(text.len() as u64));
        let fp = isnad_fingerprint::fingerprint_document("bench.txt", &text);
        let input = Input {
            text: &text,
            fingerprint: &fp.document.fingerprint,
            passages: &fp.passages,
            language: Some(lang),
            explain: false,
        };
        let doc = ExtractionDocument {
            schema_version: EXTRACTION_SCHEMA_VERSION.to_string(),
            document: fp.document.clone(),
            passages: fp.passages.clone(),
            claims: ex.extract(&input),
        };
        g.bench_function("fingerprint-passages", |b| {
            b.iter(|| isnad_fingerprint::fingerprint_document("bench.txt", black_box(&text)))
        });
        g.bench_function("extract", |b| {
            b.iter(|| ex.extract(black_box(&input)).len())
        });
        g.bench_function("speakers", |b| {
            b.iter(|| {
                let mut d = doc.clone();
                resolver.resolve(&mut d, &text).len()
            })
        });
        g.bench_function("json", |b| {
            b.iter(|| {
                let mut sink = std::io::sink();
                serde_json::to_writer_pretty(&mut sink, black_box(&doc)).is_ok()
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
