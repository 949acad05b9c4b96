//! Article extraction on the saved pages in `tests/fixtures/ingest/`, each
//! with the text it must give, and properties that hold for any input.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use isnad_ingest::{
    Decoding, Direction, Format, IngestError, RecordBody, article, decode, detect_format, records,
};
use proptest::prelude::*;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/ingest")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    decode(&bytes, Decoding::Strict).unwrap()
}

fn extract(name: &str) -> isnad_ingest::Article {
    let text = fixture(name);
    article(&text, detect_format(Some(name), &text)).unwrap()
}

#[test]
fn arabic_news_page() {
    let a = extract("ar-news.html");
    assert_eq!(a.text, fixture("ar-news.expected.txt"));
    assert_eq!(a.format, Format::Html);
    assert_eq!(
        a.title.as_deref(),
        Some("وزير المياه: محطة التحلية الجديدة تعمل قبل الصيف")
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://alwadi.example/economy/2026/03/14/desalination-plant")
    );
    assert_eq!(a.published.as_deref(), Some("2026-03-14T08:30:00+03:00"));
    assert_eq!(a.modified.as_deref(), Some("2026-03-14T11:05:00+03:00"));
    assert_eq!(a.author.as_deref(), Some("سلمى الحداد"));
    assert_eq!(a.site.as_deref(), Some("صحيفة الوادي"));
    assert_eq!(a.language.as_deref(), Some("ar"));
    assert_eq!(a.direction, Some(Direction::Rtl));
}

#[test]
fn english_news_page_with_opengraph() {
    let a = extract("en-news.html");
    assert_eq!(a.text, fixture("en-news.expected.txt"));
    assert_eq!(
        a.title.as_deref(),
        Some("Port authority says new cranes will halve waiting times")
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://harbourpost.example/news/2026/02/port-cranes")
    );
    assert_eq!(a.published.as_deref(), Some("2026-02-09T14:00:00Z"));
    assert_eq!(a.modified.as_deref(), Some("2026-02-09T16:20:00Z"));
    assert_eq!(a.author.as_deref(), Some("Daniel Okafor"));
    assert_eq!(a.language.as_deref(), Some("en-GB"));
    assert_eq!(a.primary_language().as_deref(), Some("en"));
    assert_eq!(a.direction, None);
}

#[test]
fn legacy_page_with_br_paragraphs() {
    let a = extract("legacy-cms.htm");
    assert_eq!(a.text, fixture("legacy-cms.expected.txt"));
    assert_eq!(a.title.as_deref(), Some("Local council approves budget"));
    assert_eq!(a.published.as_deref(), Some("2025-11-30"));
}

#[test]
fn page_without_article_body_is_an_error() {
    let text = fixture("section-front.html");
    let err = article(&text, Format::Html).unwrap_err();
    assert_eq!(
        err,
        IngestError::NoArticleBody {
            title: Some("Business".into())
        }
    );
    assert_eq!(
        err.to_string(),
        "no article body found in the HTML page «Business»"
    );
    assert!(article("", Format::Html).is_err());
    assert!(
        article(
            "<html><body><script>x()</script></body></html>",
            Format::Html
        )
        .is_err()
    );
}

#[test]
fn json_ld_article_body_is_the_fallback() {
    let page = r#"<html><head><script type="application/ld+json">
      {"@type": ["NewsArticle"], "headline": "Rates held",
       "articleBody": "The central bank kept its main rate unchanged, officials said.\n\nMarkets had expected the decision."}
    </script></head><body><div id="app"></div></body></html>"#;
    let a = article(page, Format::Html).unwrap();
    assert_eq!(
        a.text,
        "Rates held\n\nThe central bank kept its main rate unchanged, officials said.\n\nMarkets had expected the decision."
    );
}

#[test]
fn markdown_article() {
    let a = extract("ar-opinion.md");
    assert_eq!(a.text, fixture("ar-opinion.expected.txt"));
    assert_eq!(a.format, Format::Markdown);
    assert_eq!(a.title.as_deref(), Some("هل تكفي محطة واحدة؟"));
    assert_eq!(a.published.as_deref(), Some("2026-03-15"));
    assert_eq!(a.author.as_deref(), Some("ليلى منصور"));
    assert_eq!(a.language.as_deref(), Some("ar"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://alwadi.example/opinion/one-plant")
    );
}

#[test]
fn jsonl_batch_with_a_broken_line() {
    let text = fixture("batch.jsonl");
    assert_eq!(detect_format(Some("batch.jsonl"), &text), Format::Jsonl);
    assert_eq!(detect_format(None, &text), Format::Jsonl);
    let all: Vec<_> = records(&text).collect();
    assert_eq!(all.len(), 4);
    let bad = all[2].as_ref().unwrap_err();
    assert_eq!(bad.line, 3);
    assert!(bad.message.starts_with("not valid JSON"), "{}", bad.message);
    let html = all[1].as_ref().unwrap().clone();
    assert!(matches!(html.body, RecordBody::Html(_)));
    let a = html.into_article().unwrap();
    assert_eq!(
        a.text,
        "Ferry timetable changes\n\nThe ferry operator said winter sailings would start two weeks earlier this year."
    );
    assert_eq!(
        a.title.as_deref(),
        Some("Ferry timetable"),
        "the record's title wins"
    );
    assert_eq!(a.url.as_deref(), Some("https://harbourpost.example/b/9"));
    let last = all[3].as_ref().unwrap().clone().into_article().unwrap();
    assert_eq!(last.format, Format::Text);
    assert_eq!(last.published.as_deref(), Some("2026-03-17"));
}

#[test]
fn extraction_is_deterministic() {
    let page = fixture("ar-news.html");
    let first = article(&page, Format::Html).unwrap();
    for _ in 0..5 {
        assert_eq!(article(&page, Format::Html).unwrap(), first);
    }
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    // html5ever itself is quadratic in nesting depth (its scope checks walk
    // the stack of open elements), so the depth stays moderate here.
    let depth = 3_000;
    let page = format!(
        "<html><body>{}<p>The minister said the plan would start next month.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let _ = article(&page, Format::Html);
    let md = format!("{}text", "> ".repeat(3_000));
    let _ = article(&md, Format::Markdown);
}

const TAGS: &[&str] = &[
    "p",
    "div",
    "span",
    "article",
    "nav",
    "li",
    "ul",
    "h1",
    "h2",
    "a",
    "br",
    "table",
    "td",
    "tr",
    "pre",
    "header",
    "footer",
    "aside",
    "section",
    "figure",
    "figcaption",
    "time",
    "main",
    "b",
];

fn html_strategy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z ،,.ء-ي]{0,40}",
        proptest::sample::select(TAGS).prop_map(|t| format!("<{t}>")),
        proptest::sample::select(TAGS).prop_map(|t| format!("</{t}>")),
        Just("<script>var SCRIPTMARK = 1; </p> <div>".to_string()),
        Just("<style>.STYLEMARK { color: red }</style>".to_string()),
        Just("<p class=\"share\">".to_string()),
        Just("<div hidden>".to_string()),
        Just("<noscript>NOSCRIPTMARK</noscript>".to_string()),
        Just("&amp;&lt;&#x645;".to_string()),
        Just("<!-- comment -->".to_string()),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn html_never_panics_and_never_leaks_scripts(body in html_strategy()) {
        let page = format!("<html><body>{body}</body></html>");
        if let Ok(a) = article(&page, Format::Html) {
            prop_assert!(!a.text.contains("SCRIPTMARK"));
            prop_assert!(!a.text.contains("STYLEMARK"));
            prop_assert!(!a.text.contains("NOSCRIPTMARK"));
            prop_assert!(!a.text.starts_with([' ', '\n']));
            prop_assert!(!a.text.ends_with([' ', '\n']));
            prop_assert!(!a.text.contains("\n\n\n"));
        }
    }

    #[test]
    fn any_bytes_in_any_format_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let text = decode(&bytes, Decoding::Lossy).unwrap_or_default();
        for format in [Format::Text, Format::Markdown, Format::Html, Format::Jsonl] {
            let _ = article(&text, format);
        }
        let _ = detect_format(None, &text);
        for record in records(&text).flatten() {
            let _ = record.into_article();
        }
    }

    #[test]
    fn any_text_in_any_format_never_panics(text in "\\PC{0,300}") {
        let _ = detect_format(Some("x"), &text);
        let _ = article(&text, Format::Html);
        let _ = article(&text, Format::Markdown);
        let _ = records(&text).count();
    }

    #[test]
    fn plain_text_is_kept_exactly(text in "\\PC{0,200}") {
        prop_assert_eq!(article(&text, Format::Text).unwrap().text, text);
    }
}

#[test]
fn other_page_shapes() {
    // Teaser <article>s beside the story; paragraphs as <div>s; an Arabic
    // article (lang/dir on <article>) on an English site.
    for name in ["en-more-stories", "en-div-paragraphs", "ar-in-english-site"] {
        let a = extract(&format!("{name}.html"));
        assert_eq!(a.text, fixture(&format!("{name}.expected.txt")), "{name}");
    }
    let a = extract("ar-in-english-site.html");
    assert_eq!(a.language.as_deref(), Some("ar"));
    assert_eq!(a.direction, Some(Direction::Rtl));
    let a = extract("en-more-stories.html");
    assert_eq!(a.published.as_deref(), Some("2026-04-02"));
}

#[test]
fn text_of_raw_text_elements_never_reaches_the_article() {
    // Found by fuzzing: a <title> inside the body (RCDATA) swallowed a
    // script tag as text.
    let page = "<html><body><p>The minister said the plan would start next month.</p><title>x <script>var LEAK;</script></body></html>";
    let a = article(page, Format::Html).unwrap();
    assert_eq!(a.text, "The minister said the plan would start next month.");
    let page = "<body><p>Officials said talks would resume next week in the capital.</p><xmp>LEAK</xmp><noembed>LEAK</noembed><plaintext>LEAK";
    assert!(!article(page, Format::Html).unwrap().text.contains("LEAK"));
}
