//! Throughput of normalization and fingerprinting on Arabic and English news
//! text written by the team (never corpus articles).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const AR: &str = "وزير المياه: السد الجديد سيحمي المدينة من الفيضانات\n\nكتب: فريق التحرير\n\nأعلنت وزارة المياه في بيان، اليوم الثلاثاء، أن أعمال بناء السدّ الجديد على النهر ستنتهي قبل موسم الأمطار المقبل، وأن نسبة الإنجاز بلغت ٨٥٪.\n\nوقال وزير المياه سامر الخطيب إن السد «سيحمي أكثر من مليون نسمة من خطر الفيضانات»، مشدّدًا على أن التمويل مضمون بالكامل.\n\nوأضاف أن الحكومة تدرس إنشاء سدّين آخرين في الجنوب، وأنّ الدراسات ستُنشر في نهاية العام.\n\nفي المقابل، قالت مصادر مطلعة إن التكلفة قد ترتفع إلى ضعف الميزانية المعلنة البالغة 3.5 مليار.\n\n";
const EN: &str = "Water minister: new dam will protect the city from floods\n\nBy the News Desk\n\nThe Ministry of Water said in a statement on Tuesday that construction of the new dam on the river would be finished before the next rainy season.\n\n\u{201C}This dam will protect more than a million people from flooding,\u{201D} Water Minister Samer Khatib told reporters, adding that the funding was fully secured.\n\nSources familiar with the project said the cost could rise to twice the announced budget of $3.5 billion.\n\n";

fn corpus(unit: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + unit.len());
    while s.len() < bytes {
        s.push_str(unit);
    }
    s
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("fingerprint");
    for (name, unit) in [("ar", AR), ("en", EN)] {
        let text = corpus(unit, 4 << 20);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("normalize_with_map", name),
            &text,
            |b, t| b.iter(|| black_box(isnad_text::normalize(t)).len()),
        );
        group.bench_with_input(BenchmarkId::new("normalize_str", name), &text, |b, t| {
            b.iter(|| black_box(isnad_text::normalize_str(t)).len())
        });
        group.bench_with_input(
            BenchmarkId::new("normalize_fingerprint", name),
            &text,
            |b, t| b.iter(|| black_box(isnad_fingerprint::fingerprint(t))),
        );
        group.bench_with_input(
            BenchmarkId::new("document_and_passages", name),
            &text,
            |b, t| {
                b.iter(|| {
                    black_box(isnad_fingerprint::fingerprint_document("-", t))
                        .passages
                        .len()
                })
            },
        );
        // The hashing limit: the sha2 crate alone over the same bytes (its
        // SHA-NI backend, chosen at run time; compare `openssl speed -evp
        // sha256`).
        group.bench_with_input(BenchmarkId::new("sha256_only", name), &text, |b, t| {
            b.iter(|| black_box(<sha2::Sha256 as sha2::Digest>::digest(t.as_bytes())))
        });
        // The streaming engine (parallel over parts), every passage.
        group.bench_with_input(BenchmarkId::new("reader_passages", name), &text, |b, t| {
            b.iter(|| {
                isnad_fingerprint::fingerprint_parts(
                    "-",
                    t.as_bytes(),
                    true,
                    |part| part.passages.len(),
                    |_, n| {
                        black_box(n);
                        Ok(())
                    },
                )
                .map(|d| d.length)
                .unwrap_or_default()
            })
        });
        group.bench_with_input(BenchmarkId::new("segment", name), &text, |b, t| {
            b.iter(|| black_box(isnad_text::segment(t)).len())
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
