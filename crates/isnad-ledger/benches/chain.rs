//! The chain check of `verify` over a synthetic ledger.
#![allow(clippy::unwrap_used, missing_docs)]
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use isnad_ledger::{FileLedger, LedgerStore, VerifyOptions, ops, verify};
use isnad_model::CorrectionAction;

fn chain_check(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.ledger.jsonl");
    let mut ledger = FileLedger::new(&path);
    ledger.init("bench", "bench").unwrap();
    ledger
        .append(&mut |index| {
            let target = index.head().to_string();
            (0..20_000)
                .map(|i| {
                    ops::plan_correction(
                        index,
                        &target,
                        CorrectionAction::Correct,
                        &format!("note {i}: «قال» the minister"),
                        "bench",
                    )
                })
                .collect()
        })
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let mut group = c.benchmark_group("verify");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("chain", |b| {
        b.iter(|| {
            let report = verify::verify_bytes(&bytes, &VerifyOptions::default());
            assert!(report.is_ok());
        })
    });
    group.sample_size(10);
    group.bench_function("full", |b| {
        b.iter(|| {
            let report = verify::verify_bytes(
                &bytes,
                &VerifyOptions {
                    full: true,
                    ..Default::default()
                },
            );
            assert!(report.is_ok());
        })
    });
    group.finish();
}

criterion_group!(benches, chain_check);
criterion_main!(benches);
