//! Rendering a report and an audit over 10,000 synthetic claims (half
//! Arabic, half English; a fifth vague and hedged, some unattributed, a few
//! reviewed), in every format. Run with `cargo bench -p isnad-report`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use isnad_model::*;
use isnad_report::*;

const CLAIMS: usize = 10_000;

struct Template {
    speaker: Option<(&'static str, SpeakerKind)>,
    cue: Option<&'static str>,
    content: &'static str,
    hedge: Option<(&'static str, HedgeKind)>,
    attribution: Attribution,
}

const TEMPLATES: [Template; 6] = [
    Template {
        speaker: Some(("وزير المياه سامر الخطيب", SpeakerKind::Person)),
        cue: Some("قال"),
        content: "إن السد سيحمي أكثر من مليون نسمة من خطر الفيضانات",
        hedge: None,
        attribution: Attribution::Attributed,
    },
    Template {
        speaker: Some(("مصادر مطلعة", SpeakerKind::Unnamed)),
        cue: Some("قالت"),
        content: "إن التكلفة قد ترتفع إلى ضعف الميزانية المعلنة",
        hedge: Some(("قد", HedgeKind::Modal)),
        attribution: Attribution::Vague,
    },
    Template {
        speaker: None,
        cue: None,
        content: "ويعد المشروع الأكبر في تاريخ البلاد",
        hedge: None,
        attribution: Attribution::Unattributed,
    },
    Template {
        speaker: Some(("Water Minister Samer Khatib", SpeakerKind::Person)),
        cue: Some("said"),
        content: "the dam will protect more than a million people",
        hedge: None,
        attribution: Attribution::Attributed,
    },
    Template {
        speaker: Some(("Sources familiar with the project", SpeakerKind::Unnamed)),
        cue: Some("said"),
        content: "the cost could rise to twice the announced budget",
        hedge: Some(("could", HedgeKind::Modal)),
        attribution: Attribution::Vague,
    },
    Template {
        speaker: Some(("The World Bank", SpeakerKind::Organization)),
        cue: Some("reported"),
        content: "the project is among the largest in the region",
        hedge: None,
        attribution: Attribution::Attributed,
    },
];

/// One article of `n` claims, one sentence per line.
fn article(n: usize) -> Article {
    let mut text = String::new();
    let mut claims = Vec::with_capacity(n);
    let mut at = 0usize;
    fn push(text: &mut String, at: &mut usize, s: &str) -> Span {
        let len = s.chars().count();
        text.push_str(s);
        let span = Span::new(*at, *at + len);
        *at += len;
        span
    }
    for i in 0..n {
        let t = &TEMPLATES[i % TEMPLATES.len()];
        let start = at;
        let speaker = t.speaker.map(|(name, kind)| {
            let span = push(&mut text, &mut at, name);
            push(&mut text, &mut at, " ");
            (name, kind, span)
        });
        let cue = t.cue.map(|c| {
            let span = push(&mut text, &mut at, c);
            push(&mut text, &mut at, " ");
            (c, span)
        });
        let content = push(&mut text, &mut at, t.content);
        let end = at;
        push(&mut text, &mut at, ".\n");
        let hedges = t
            .hedge
            .map(|(h, kind)| {
                let offset = t
                    .content
                    .find(h)
                    .map_or(0, |b| t.content[..b].chars().count());
                let s = content.start + offset;
                vec![HedgeView {
                    text: h.into(),
                    kind: Some(kind),
                    span: Some(Span::new(s, s + h.chars().count())),
                }]
            })
            .unwrap_or_default();
        claims.push(ClaimView {
            id: format!("c-{i:016x}"),
            span: Some(Span::new(start, end)),
            speaker: speaker.map(|(name, kind, span)| SpeakerView {
                name: name.into(),
                key: name.to_lowercase(),
                kind: Some(kind),
                span: Some(span),
                implicit: false,
            }),
            cue: cue.map(|(c, span)| Mark {
                text: c.into(),
                span: Some(span),
            }),
            content: Mark {
                text: t.content.into(),
                span: Some(content),
            },
            quote: Some(QuoteKind::Indirect),
            attribution: Some(t.attribution),
            certainty: Some(if hedges.is_empty() {
                Certainty::Asserted
            } else {
                Certainty::Hedged
            }),
            stance: Some(Stance::Asserts),
            hedges,
            review: (i % 50 == 0).then(|| ReportReview {
                rating: Rating::ALL[i / 50 % Rating::ALL.len()],
                note: Some("checked against the budget documents".into()),
                url: Some(format!("https://factcheck.example/{i}")),
                author: "ana".into(),
                recorded_at: "2026-11-28T10:00:00Z".into(),
            }),
        });
    }
    Article {
        source: "synthetic.txt".into(),
        language: "ar".into(),
        fingerprint: None,
        title: None,
        url: Some("https://news.example/synthetic".into()),
        published: None,
        text: Some(text),
        input_format: None,
        claims,
    }
}

fn bench(c: &mut Criterion) {
    let articles = vec![article(CLAIMS)];
    let options = Options {
        organization: Some("Example Fact Check".into()),
        ..Options::default()
    };
    let mut group = c.benchmark_group("report_10k_claims");
    group.sample_size(10);
    group.bench_function("summarize", |b| b.iter(|| summarize(&articles)));
    for (name, format) in [
        ("table", Format::Table),
        ("md", Format::Markdown),
        ("csv", Format::Csv),
        ("json", Format::Json),
        ("html", Format::Html),
        ("claimreview", Format::ClaimReview),
        ("annotations", Format::Annotations),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| render(&articles, format, &options).unwrap())
        });
    }
    let policy = Policy::default();
    group.bench_function("audit_human", |b| {
        b.iter(|| {
            let file = audit_article(&articles[0], &policy, &Additions::default()).unwrap();
            render_diagnostics(&file, articles[0].text.as_deref().unwrap(), false)
        })
    });
    group.bench_function("audit_sarif", |b| {
        b.iter(|| {
            let file = audit_article(&articles[0], &policy, &Additions::default()).unwrap();
            render_sarif(&audit_document(vec![file], &policy), "0.1.0")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
