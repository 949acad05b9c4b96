//! No input makes the renderers panic: arbitrary texts (Arabic, emoji,
//! combining marks, tabs, control and bidi characters, CRLF) with arbitrary
//! spans either build an article or give an error, and every article
//! renders in every format.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use isnad_model::*;
use isnad_report::*;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "قال",
        "مصادر",
        " ",
        "\n",
        "\r\n",
        "\t",
        "قد",
        "😀",
        "ُ",
        "\u{202E}",
        "\u{1b}[31m",
        "may",
        "\"",
        "<b>",
        "&",
        "لا",
        "x",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn span(max: usize) -> impl Strategy<Value = Span> {
    (0..max + 3, 0..max + 3).prop_map(|(a, b)| Span { start: a, end: b })
}

fn claim(max: usize) -> impl Strategy<Value = Claim> {
    (
        span(max),
        span(max),
        span(max),
        span(max),
        prop::sample::select(vec![
            Attribution::Attributed,
            Attribution::Vague,
            Attribution::Unattributed,
        ]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(whole, speaker, content, hedge, attribution, hedged, implicit)| Claim {
                id: format!("c-{:016x}", whole.start * 1000 + whole.end),
                passage: "p1".into(),
                span: whole,
                speaker: Some(Speaker {
                    name: "مصادر".into(),
                    span: speaker,
                    kind: SpeakerKind::Unnamed,
                    key: "مصادر".into(),
                    implicit,
                }),
                cue: Some(Cue {
                    text: "قال".into(),
                    lemma: "قال".into(),
                    span: speaker,
                }),
                content: Content {
                    text: "x".into(),
                    span: content,
                    quote: QuoteKind::Indirect,
                },
                attribution,
                certainty: if hedged {
                    Certainty::Hedged
                } else {
                    Certainty::Asserted
                },
                hedges: if hedged {
                    vec![Hedge {
                        text: "قد".into(),
                        span: hedge,
                        kind: HedgeKind::Modal,
                    }]
                } else {
                    vec![]
                },
                stance: Stance::Asserts,
                rule: "prop".into(),
                explain: None,
            },
        )
}

fn document() -> impl Strategy<Value = (ExtractionDocument, String)> {
    text()
        .prop_flat_map(|t| {
            let len = t.chars().count();
            (Just(t), prop::collection::vec(claim(len), 0..6))
        })
        .prop_map(|(t, claims)| {
            let doc = ExtractionDocument {
                schema_version: EXTRACTION_SCHEMA_VERSION.into(),
                document: DocumentInfo {
                    source: "p.txt".into(),
                    language: "ar".into(),
                    fingerprint: String::new(),
                    normalization: String::new(),
                    length: t.chars().count(),
                    text: None,
                    ..Default::default()
                },
                passages: vec![],
                claims,
            };
            (doc, t)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn renderers_never_panic((doc, text) in document()) {
        let Ok(mut article) = Article::from_extraction(&doc, &text) else {
            return Ok(());
        };
        if let Some(c) = article.claims.first_mut() {
            c.review = Some(ReportReview {
                rating: Rating::False,
                note: Some("<n>".into()),
                url: Some("https://x.example/\"".into()),
                author: "a".into(),
                recorded_at: "2026".into(),
            });
        }
        let articles = [article];
        let options = Options { organization: Some("O".into()), ..Options::default() };
        for format in [Format::Table, Format::Markdown, Format::Csv, Format::Json, Format::Html, Format::ClaimReview, Format::Annotations] {
            render(&articles, format, &options).unwrap();
        }
        let additions = Additions::new(&LexiconConfig { hedges: vec!["x".into(), "قال".into()], vague_sources: vec!["مصادر".into()] });
        let file = audit_article(&articles[0], &Policy::default(), &additions).unwrap();
        let shown = render_diagnostics(&file, &text, true);
        prop_assert!(!shown.contains('\u{202E}'), "a bidi override reached the terminal");
        for f in &file.findings {
            prop_assert!(f.span.start <= f.span.end && f.span.end <= text.chars().count());
        }
        render_sarif(&audit_document(vec![file], &Policy::default()), "0");
        annotations(&articles, OffsetUnit::Utf16);
    }
}
