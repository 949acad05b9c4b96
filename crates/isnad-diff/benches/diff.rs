//! Criterion bench of the alignment alone (extraction done beforehand):
//! two versions of a long article built from the repository's diff fixtures,
//! at two sizes, so the growth with the number of claims shows.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use isnad_diff::{Version, diff};
use isnad_extract::{Extractor, Input};
use isnad_model::{EXTRACTION_SCHEMA_VERSION, ExtractionDocument};

const V1: [&str; 2] = [
    include_str!("../../../tests/fixtures/diff/ar-v1.txt"),
    include_str!("../../../tests/fixtures/diff/en-v1.txt"),
];
const V2: [&str; 2] = [
    include_str!("../../../tests/fixtures/diff/ar-v2.txt"),
    include_str!("../../../tests/fixtures/diff/en-v2.txt"),
];

/// `copies` numbered copies of the fixtures' paragraphs, from version 1 or 2.
fn article(versions: &[&str; 2], copies: usize) -> String {
    let mut out = String::new();
    for i in 0..copies {
        for text in versions {
            for para in text.split("\n\n").skip(1) {
                out.push_str(para.trim());
                out.push_str(&format!(" ({i})\n\n"));
            }
        }
    }
    out
}

fn extract(extractor: &Extractor, text: &str) -> ExtractionDocument {
    let fp = isnad_fingerprint::fingerprint_document("-", text);
    let claims = extractor.extract(&Input {
        text,
        fingerprint: &fp.document.fingerprint,
        passages: &fp.passages,
        language: None,
        explain: false,
    });
    ExtractionDocument {
        schema_version: EXTRACTION_SCHEMA_VERSION.into(),
        document: fp.document,
        passages: fp.passages,
        claims,
    }
}

fn bench(c: &mut Criterion) {
    let Ok(extractor) = Extractor::builtin() else {
        return;
    };
    let mut group = c.benchmark_group("diff");
    group.sample_size(10);
    for copies in [60, 600] {
        let (old, new) = (article(&V1, copies), article(&V2, copies));
        let (o, n) = (extract(&extractor, &old), extract(&extractor, &new));
        group.bench_with_input(
            BenchmarkId::new("claims", o.claims.len()),
            &(o, n),
            |b, (o, n)| b.iter(|| diff(Version::new(o, &old), Version::new(n, &new))),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
