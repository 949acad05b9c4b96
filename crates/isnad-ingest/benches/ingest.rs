//! Throughput of article extraction: saved news pages (the fixtures, and a
//! long page made by repeating the Arabic article's paragraphs), Markdown,
//! and a JSON Lines batch. Run with `cargo bench -p isnad-ingest`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use isnad_ingest::{Format, article, records};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/ingest")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// The Arabic page with its article body repeated `n` times: a long page
/// with the same furniture around it.
fn long_page(n: usize) -> String {
    let page = fixture("ar-news.html");
    let start = page.find("<div class=\"article-body\">").unwrap();
    let end = start + page[start..].find("</div>").unwrap();
    let body = &page[start..end];
    format!("{}{}{}", &page[..start], body.repeat(n), &page[end..])
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("ingest");
    let pages = [
        ("html/ar-news", fixture("ar-news.html"), Format::Html),
        ("html/en-news", fixture("en-news.html"), Format::Html),
        ("html/ar-long", long_page(200), Format::Html),
        (
            "markdown/ar-opinion",
            fixture("ar-opinion.md"),
            Format::Markdown,
        ),
    ];
    for (name, text, format) in &pages {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| article(black_box(text), *format).unwrap())
        });
    }
    let batch: String = (0..100)
        .map(|i| {
            serde_json::json!({"url": format!("https://x.example/{i}"), "html": fixture("en-news.html")})
                .to_string()
                + "\n"
        })
        .collect();
    group.throughput(Throughput::Elements(100));
    group.bench_function("jsonl/100-html-records", |b| {
        b.iter(|| {
            records(black_box(&batch))
                .map(|r| r.unwrap().into_article().unwrap().text.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
