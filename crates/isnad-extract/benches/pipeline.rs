//! The stages of `isnad extract` on the same text, side by side: where the
//! time of the whole command goes (fingerprints and passages, the
//! extraction engine, the speaker post-pass, JSON serialization).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use isnad_extract::{Extractor, Input};
use isnad_model::{EXTRACTION_SCHEMA_VERSION, ExtractionDocument};

/// About 1 MB of the project's own example texts of one language.
fn corpus(lang: &str) -> String {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/examples/"
    );
    let mut paths: Vec<_> = std::fs::read_dir(format!("{dir}{lang}"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    paths.sort();
    let mut text = String::new();
    for p in paths {
        if let Ok(t) = std::fs::read_to_string(&p) {
            text.push_str(&t);
            text.push_str("\n\n");
        }
    }
    if text.is_empty() {
        text.push_str("وقال الوزير إن المحادثات قد تستأنف قريبا.\n\n");
    }
    let mut big = String::with_capacity(1 << 20);
    while big.len() < 1 << 20 {
        big.push_str(&text);
    }
    big
}

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
