//! Extraction throughput on text built from the project's own examples.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use isnad_extract::{Extractor, Input};

fn corpus(lang: &str) -> String {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/examples/"
    );
    let mut text = String::new();
    if let Ok(rd) = std::fs::read_dir(format!("{dir}{lang}")) {
        let mut paths: Vec<_> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            if let Ok(t) = std::fs::read_to_string(&p) {
                text.push_str(&t);
                text.push_str("\n\n");
            }
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
