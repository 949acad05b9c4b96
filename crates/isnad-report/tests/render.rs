//! Snapshot tests of the human renderings, schema checks of the JSON ones,
//! and properties of the audit and the HTML page.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use isnad_model::schema::{Openness, schema_for};
use isnad_model::*;
use isnad_report::*;

fn audit(article: &Article, policy: &Policy) -> AuditFile {
    audit_article(article, policy, &Additions::default()).unwrap()
}

fn validate(schema: &serde_json::Value, value: &serde_json::Value) {
    let validator = jsonschema::draft202012::new(schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// The official SARIF 2.1.0 schema. Its `language` patterns,
/// `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, has a stray `]` that the
/// `jsonschema` crate's regex check refuses; it is replaced by its evident
/// intent before compiling (isnad never writes `run.language`).
fn sarif_validator() -> jsonschema::Validator {
    let mut official: serde_json::Value =
        serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).unwrap();
    fn fix(value: &mut serde_json::Value) -> usize {
        match value {
            serde_json::Value::Object(map) => {
                let mut n = 0;
                if let Some(p) = map.get_mut("pattern")
                    && p == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$"
                {
                    *p = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
                    n += 1;
                }
                n + map.values_mut().map(fix).sum::<usize>()
            }
            serde_json::Value::Array(items) => items.iter_mut().map(fix).sum(),
            _ => 0,
        }
    }
    assert!(fix(&mut official) > 0);
    jsonschema::draft7::new(&official).unwrap()
}

#[test]
fn arabic_diagnostics() {
    let article = arabic_article();
    let mut policy = Policy::default();
    policy.set(FindingKind::Vague, Level::Deny);
    let file = audit(&article, &policy);
    let shown = render_diagnostics(&file, AR_TEXT, false);
    insta::assert_snapshot!("arabic_diagnostics", shown);
    // Each diagnostic repeats the marked words and gives character columns.
    assert!(shown.contains("^^ «قد» (characters"), "{shown}");
    assert!(shown.contains("«محتملة»"));
    assert!(!shown.contains('\x1b'));
}

#[test]
fn english_diagnostics() {
    let article = english_article();
    let file = audit(&article, &Policy::default());
    let shown = render_diagnostics(&file, EN_TEXT, false);
    insta::assert_snapshot!("english_diagnostics", shown);
}

#[test]
fn finding_kinds_levels_and_positions() {
    let article = arabic_article();
    let file = audit(&article, &Policy::default());
    let kinds: Vec<&str> = file.findings.iter().map(|f| f.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "vague",
            "speculative",
            "speculative",
            "vague",
            "unattributed",
            "vague",
            "speculative"
        ]
    );
    assert!(
        file.findings
            .iter()
            .all(|f| f.severity == Severity::Warning)
    );
    let qad = file.findings.iter().find(|f| f.marked == "قد").unwrap();
    let line = AR_TEXT.lines().nth(qad.line - 1).unwrap();
    let col: String = line.chars().skip(qad.column - 1).take(2).collect();
    assert_eq!(col, "قد");
    assert_eq!(qad.end_column, qad.column + 2);

    let mut policy = Policy::default();
    policy.set(FindingKind::Speculative, Level::Allow);
    policy.set(FindingKind::Unattributed, Level::Deny);
    let file = audit(&article, &policy);
    assert!(
        file.findings
            .iter()
            .all(|f| f.kind != FindingKind::Speculative)
    );
    let errors: Vec<_> = file
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].kind, FindingKind::Unattributed);
    assert_eq!(
        policy.to_model(),
        AuditPolicy {
            deny: vec![FindingKind::Unattributed],
            warn: vec![FindingKind::Vague],
            allow: vec![FindingKind::Speculative],
        }
    );
}

#[test]
fn lexicon_additions_add_findings() {
    let article = english_article();
    let additions = Additions::new(&LexiconConfig {
        hedges: vec!["Largest".into(), "".into()],
        vague_sources: vec!["minister".into()],
    });
    let file = audit_article(&article, &Policy::default(), &additions).unwrap();
    let added = file
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::Speculative && f.marked == "largest")
        .unwrap();
    assert!(
        added.message.contains("added in isnad.toml"),
        "{}",
        added.message
    );
    // "The minister" is attributed by extraction; the newsroom calls it vague.
    assert!(
        file.findings
            .iter()
            .any(|f| f.kind == FindingKind::Vague && f.marked == "The minister")
    );
}

#[test]
fn audit_json_and_sarif_are_valid() {
    let policy = Policy::default();
    let files = vec![
        audit(&arabic_article(), &policy),
        audit(&english_article(), &policy),
    ];
    let doc = audit_document(files, &policy);
    assert_eq!(doc.totals.files, 2);
    assert_eq!(doc.totals.warnings, 12);
    let schema = schema_for::<AuditDocument>("audit", "t", "d", Openness::Output);
    validate(&schema, &serde_json::to_value(&doc).unwrap());

    let sarif = render_sarif(&doc, "0.1.0");
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(sarif["runs"][0]["columnKind"], "unicodeCodePoints");
    let first = &sarif["runs"][0]["results"][0];
    assert_eq!(
        first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "examples/ar-article.txt"
    );
    assert_eq!(
        render_totals(&doc, false),
        "audit: 2 files, 12 claims: 0 errors, 12 warnings\n"
    );
}

#[test]
fn uri_references_are_percent_encoded() {
    assert_eq!(
        uri_reference("drafts/my file#1.txt"),
        "drafts/my%20file%231.txt"
    );
    assert_eq!(uri_reference("مقال.txt"), "%D9%85%D9%82%D8%A7%D9%84.txt");
    assert_eq!(uri_reference("a\\b.txt"), "a/b.txt");
}

#[test]
fn table_report() {
    let articles = [arabic_article(), reviewed_english()];
    let shown = render(&articles, Format::Table, &Options::default()).unwrap();
    insta::assert_snapshot!("table", shown);
}

#[test]
fn markdown_report() {
    let articles = [arabic_article(), reviewed_english()];
    let shown = render(&articles, Format::Markdown, &Options::default()).unwrap();
    insta::assert_snapshot!("markdown", shown);
}

#[test]
fn summary_counts_and_speaker_groups() {
    let report = summarize(&[arabic_article(), reviewed_english()]);
    assert_eq!(report.totals.claims, 12);
    assert_eq!(report.totals.vague, 5);
    assert_eq!(report.totals.unattributed, 2);
    assert_eq!(report.totals.hedged, 5);
    assert_eq!(report.totals.reviewed, 2);
    assert_eq!(cell(&report, Attribution::Vague, Certainty::Hedged), 5);
    assert_eq!(report.matrix.len(), 6);
    let minister = report
        .speakers
        .iter()
        .find(|s| s.key == "samer khatib")
        .unwrap();
    assert_eq!(minister.claims, 3);
    assert_eq!(minister.name, "Water Minister Samer Khatib");
    assert_eq!(minister.names.len(), 3);
    assert_eq!(report.speakers[0].key, "samer khatib");
    assert_eq!(
        report
            .verdicts
            .iter()
            .map(|v| (v.rating, v.claims))
            .collect::<Vec<_>>(),
        [(Rating::MostlyFalse, 1), (Rating::Unproven, 1)]
    );
    let schema = schema_for::<ReportDocument>("report", "t", "d", Openness::Output);
    validate(&schema, &serde_json::to_value(&report).unwrap());
}

#[test]
fn csv_has_one_row_per_claim_and_quotes_fields() {
    let articles = [arabic_article(), reviewed_english()];
    let shown = render(&articles, Format::Csv, &Options::default()).unwrap();
    let mut reader = csv::Reader::from_reader(shown.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.get(0), Some("id"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 12);
    let content = headers.iter().position(|h| h == "content").unwrap();
    assert_eq!(
        &rows[0][content],
        "السد \"سيحمي أكثر من مليون نسمة من خطر الفيضانات\""
    );
    let verdict = headers.iter().position(|h| h == "verdict").unwrap();
    assert_eq!(&rows[7][verdict], "mostly-false");
}

#[test]
fn claimreview_needs_an_organization_and_is_valid() {
    let articles = [reviewed_english()];
    assert!(matches!(
        claim_review(&articles, &Options::default()),
        Err(ReportError::NoOrganization)
    ));
    let options = Options {
        organization: Some("Example Fact Check".into()),
        organization_url: Some("https://factcheck.example".into()),
        ..Options::default()
    };
    let doc = claim_review(&articles, &options).unwrap();
    assert_eq!(doc.graph.len(), 2);
    let value = serde_json::to_value(&doc).unwrap();
    let schema = schema_for::<ClaimReviewDocument>("claimreview", "t", "d", Openness::Output);
    validate(&schema, &value);
    let review = &value["@graph"][1];
    assert_eq!(review["@type"], "ClaimReview");
    assert_eq!(
        review["claimReviewed"],
        "the cost could rise to twice the announced budget"
    );
    assert_eq!(review["reviewRating"]["alternateName"], "Mostly false");
    assert_eq!(review["reviewRating"]["ratingValue"], 2);
    assert_eq!(review["datePublished"], "2026-11-25");
    assert_eq!(review["url"], "https://factcheck.example/dam-cost");
    assert_eq!(review["itemReviewed"]["@type"], "Claim");
    assert!(
        review["itemReviewed"].get("author").is_none(),
        "an unnamed source is no author"
    );
    assert_eq!(
        review["itemReviewed"]["appearance"][0]["url"],
        "https://news.example/dam"
    );
    let first = &value["@graph"][0];
    assert_eq!(first["itemReviewed"]["author"]["@type"], "Person");
    assert!(first["reviewRating"].get("ratingValue").is_none());
    // Files without reviews need no organization.
    assert!(
        claim_review(&[arabic_article()], &Options::default())
            .unwrap()
            .graph
            .is_empty()
    );
}

#[test]
fn annotations_anchor_claims_in_both_units() {
    // An emoji is one code point but two UTF-16 units.
    let text = "😀 Officials said the dam may fail.";
    let mut doc = english();
    let claim = common::claim(
        text,
        1,
        &Spec {
            sentence: "Officials said the dam may fail",
            speaker: Some(("Officials", SpeakerKind::Unnamed, "officials")),
            cue: Some(("said", "say")),
            content: "the dam may fail",
            quote: QuoteKind::Indirect,
            attribution: Attribution::Vague,
            hedges: &[("may", HedgeKind::Modal)],
            stance: Stance::Asserts,
        },
    );
    doc.claims = vec![claim];
    let article = Article::from_extraction(&doc, text).unwrap();
    let points = annotations(std::slice::from_ref(&article), OffsetUnit::CodePoints);
    let units = annotations(std::slice::from_ref(&article), OffsetUnit::Utf16);
    let schema = schema_for::<AnnotationCollection>("annotations", "t", "d", Openness::Output);
    for collection in [&points, &units] {
        validate(&schema, &serde_json::to_value(collection).unwrap());
    }
    let pos = |c: &AnnotationCollection| {
        let s = &c.first.items[0].target.selector[1];
        (s.start.unwrap(), s.end.unwrap())
    };
    assert_eq!(pos(&points), (2, 33));
    assert_eq!(pos(&units), (3, 34));
    assert_eq!(units.offset_unit, OffsetUnit::Utf16);
    let quote = &points.first.items[0].target.selector[0];
    assert_eq!(
        quote.exact.as_deref(),
        Some("Officials said the dam may fail")
    );
    assert_eq!(quote.prefix.as_deref(), Some("😀 "));
    assert_eq!(quote.suffix.as_deref(), Some("."));
    let json = serde_json::to_value(&units).unwrap();
    assert_eq!(json["offsetUnit"], "utf16");
    assert_eq!(json["type"], "AnnotationCollection");
}

#[test]
fn html_is_self_contained_escaped_and_right_to_left() {
    let mut articles = vec![arabic_article(), reviewed_english()];
    articles[1].claims[4].content.text = "<script>alert(1)</script>".into();
    let page = render(&articles, Format::Html, &Options::default()).unwrap();
    if let Some(path) = std::env::var_os("ISNAD_REPORT_HTML_OUT") {
        std::fs::write(path, &page).unwrap();
    }
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains("<script>alert"), "content must be escaped");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    for external in [
        "src=\"http",
        "href=\"http://",
        "<link",
        "@import",
        "url(http",
    ] {
        assert!(!page.contains(external), "{external}");
    }
    assert!(page.contains("dir=\"rtl\" lang=\"ar\""));
    assert!(page.contains("dir=\"ltr\" lang=\"en\""));
    assert!(
        page.contains("<span class=\"cl at-vague ct hg\""),
        "a hedge inside vague content"
    );
    assert!(page.contains("class=\"cl at-vague sp\""));
    assert!(page.contains("class=\"cl at-attributed cu\""));
    assert!(page.contains("<svg id=\"chart\""));
    assert!(page.contains("<section id=\"reviews\">"));
    assert!(page.contains("<a href=\"https://factcheck.example/dam-cost\">fact-check</a>"));
    assert!(page.contains("Content-Security-Policy"));
    assert_eq!(
        page.matches("<tr data-order=").count(),
        12 + summarize(&articles).speakers.len() + summarize(&articles).hedges.len()
    );
}

#[test]
fn spans_outside_the_text_are_an_error_not_a_panic() {
    let mut doc = arabic();
    doc.claims[0].span = Span::new(5, 100_000);
    let err = Article::from_extraction(&doc, AR_TEXT).unwrap_err();
    assert!(err.to_string().contains("lies outside the text"), "{err}");
    let mut article = arabic_article();
    article.text = None;
    assert!(matches!(
        audit_article(&article, &Policy::default(), &Additions::default()),
        Err(ReportError::NoText { .. })
    ));
}

#[test]
fn long_lines_are_windowed_and_controls_defused() {
    let filler = "word ".repeat(40);
    let text = format!("{filler}officials said it may\x1b[31m fail {filler}\n");
    let mut doc = english();
    doc.claims = vec![common::claim(
        &text,
        1,
        &Spec {
            sentence: "officials said it may",
            speaker: Some(("officials", SpeakerKind::Unnamed, "officials")),
            cue: Some(("said", "say")),
            content: "it may",
            quote: QuoteKind::Indirect,
            attribution: Attribution::Vague,
            hedges: &[("may", HedgeKind::Modal)],
            stance: Stance::Asserts,
        },
    )];
    let article = Article::from_extraction(&doc, &text).unwrap();
    let file = audit(&article, &Policy::default());
    let shown = render_diagnostics(&file, &text, false);
    assert!(!shown.contains('\x1b'), "{shown}");
    for line in shown.lines() {
        assert!(display_width(line) < 130, "{line}");
    }
    assert!(shown.contains("… word word"), "{shown}");
    insta::assert_snapshot!("windowed", shown);
}
