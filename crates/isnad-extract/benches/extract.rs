//! Extraction throughput on text built from the project's own examples.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use isnad_extract::{Extractor, Input};

mod common;
use common::corpus;

fn bench(c: &mut Criterion) {
    let ex = match Extractor::builtin() {
        Ok(ex) => ex,
        Err(e) => panic!("built-in packs: {e}"),
    };
    let mut g = c.benchmark_group("extract");
    for lang in ["ar", "en"] {
        let text = corpus(lang);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(lang, |b| {
            b.iter(|| {
                let mut input = Input::new(black_box(&text), "sha256:bench");
                input.language = Some(lang);
                black_box(ex.extract(&input).len())
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
