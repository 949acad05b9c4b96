//! Hand-made extraction documents with realistic Arabic and English claims,
//! built by naming the words of each part so that spans are computed, not
//! typed.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use isnad_model::*;
use isnad_report::Article;

/// The code-point span of the first `needle` at or after code point `from`.
pub fn find(text: &str, needle: &str, from: usize) -> Span {
    let byte_from = text.char_indices().nth(from).map_or(text.len(), |(b, _)| b);
    let at = text[byte_from..]
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found after {from}"));
    let start = text[..byte_from + at].chars().count();
    Span::new(start, start + needle.chars().count())
}

/// A claim described by its words.
pub struct Spec<'a> {
    pub sentence: &'a str,
    pub speaker: Option<(&'a str, SpeakerKind, &'a str)>,
    pub cue: Option<(&'a str, &'a str)>,
    pub content: &'a str,
    pub quote: QuoteKind,
    pub attribution: Attribution,
    pub hedges: &'a [(&'a str, HedgeKind)],
    pub stance: Stance,
}

pub fn claim(text: &str, n: usize, spec: &Spec<'_>) -> Claim {
    let span = find(text, spec.sentence, 0);
    let content = find(text, spec.content, span.start);
    Claim {
        id: format!("c-{n:016x}"),
        passage: format!("p{n}"),
        span,
        speaker: spec.speaker.map(|(name, kind, key)| Speaker {
            name: name.into(),
            span: find(text, name, span.start),
            kind,
            key: key.into(),
            implicit: false,
        }),
        cue: spec.cue.map(|(words, lemma)| Cue {
            text: words.into(),
            lemma: lemma.into(),
            span: find(text, words, span.start),
        }),
        content: Content {
            text: spec.content.into(),
            span: content,
            quote: spec.quote,
        },
        attribution: spec.attribution,
        certainty: if spec.hedges.is_empty() {
            Certainty::Asserted
        } else {
            Certainty::Hedged
        },
        hedges: spec
            .hedges
            .iter()
            .map(|(words, kind)| Hedge {
                text: (*words).into(),
                span: find(text, words, span.start),
                kind: *kind,
            })
            .collect(),
        stance: spec.stance,
        rule: "test.hand-made".into(),
        explain: None,
    }
}

pub fn document(
    source: &str,
    language: &str,
    text: &str,
    claims: Vec<Claim>,
) -> ExtractionDocument {
    ExtractionDocument {
        schema_version: EXTRACTION_SCHEMA_VERSION.into(),
        document: DocumentInfo {
            source: source.into(),
            language: language.into(),
            fingerprint: format!("sha256:{}", "ab".repeat(32)),
            normalization: "isnad-norm-1".into(),
            length: text.chars().count(),
            text: None,
            ..Default::default()
        },
        passages: vec![],
        claims,
    }
}

pub const AR_TEXT: &str = "وزير المياه: السد الجديد سيحمي المدينة من الفيضانات

وقال وزير المياه سامر الخطيب إن السد \"سيحمي أكثر من مليون نسمة من خطر الفيضانات\".

في المقابل، قالت مصادر مطلعة إن التكلفة قد ترتفع إلى ضعف الميزانية المعلنة.

ويتوقع خبراء أن تتأخر الأعمال بسبب نقص المعدات، فيما نفت الشركة المنفذة وجود أي تأخير.

ويُعد المشروع الأكبر في تاريخ البلاد.

ويرى البعض أن صفقة محتملة مع شركة أجنبية ربما تسرع وتيرة العمل.
";

pub fn arabic() -> ExtractionDocument {
    let t = AR_TEXT;
    let specs = [
        Spec {
            sentence: "وقال وزير المياه سامر الخطيب إن السد \"سيحمي أكثر من مليون نسمة من خطر الفيضانات\"",
            speaker: Some((
                "وزير المياه سامر الخطيب",
                SpeakerKind::Person,
                "سامر الخطيب",
            )),
            cue: Some(("قال", "قال")),
            content: "السد \"سيحمي أكثر من مليون نسمة من خطر الفيضانات\"",
            quote: QuoteKind::Mixed,
            attribution: Attribution::Attributed,
            hedges: &[],
            stance: Stance::Asserts,
        },
        Spec {
            sentence: "قالت مصادر مطلعة إن التكلفة قد ترتفع إلى ضعف الميزانية المعلنة",
            speaker: Some(("مصادر مطلعة", SpeakerKind::Unnamed, "مصادر مطلعة")),
            cue: Some(("قالت", "قال")),
            content: "التكلفة قد ترتفع إلى ضعف الميزانية المعلنة",
            quote: QuoteKind::Indirect,
            attribution: Attribution::Vague,
            hedges: &[("قد", HedgeKind::Modal)],
            stance: Stance::Asserts,
        },
        Spec {
            sentence: "يتوقع خبراء أن تتأخر الأعمال بسبب نقص المعدات",
            speaker: Some(("خبراء", SpeakerKind::Unnamed, "خبراء")),
            cue: Some(("يتوقع", "توقع")),
            content: "تتأخر الأعمال بسبب نقص المعدات",
            quote: QuoteKind::Indirect,
            attribution: Attribution::Vague,
            hedges: &[("يتوقع", HedgeKind::Expectation)],
            stance: Stance::Predicts,
        },
        Spec {
            sentence: "نفت الشركة المنفذة وجود أي تأخير",
            speaker: Some((
                "الشركة المنفذة",
                SpeakerKind::Organization,
                "الشركة المنفذة",
            )),
            cue: Some(("نفت", "نفى")),
            content: "وجود أي تأخير",
            quote: QuoteKind::Indirect,
            attribution: Attribution::Attributed,
            hedges: &[],
            stance: Stance::Denies,
        },
        Spec {
            sentence: "ويُعد المشروع الأكبر في تاريخ البلاد.",
            speaker: None,
            cue: None,
            content: "ويُعد المشروع الأكبر في تاريخ البلاد.",
            quote: QuoteKind::None,
            attribution: Attribution::Unattributed,
            hedges: &[],
            stance: Stance::None,
        },
        Spec {
            sentence: "ويرى البعض أن صفقة محتملة مع شركة أجنبية ربما تسرع وتيرة العمل",
            speaker: Some(("البعض", SpeakerKind::Unnamed, "البعض")),
            cue: Some(("يرى", "رأى")),
            content: "صفقة محتملة مع شركة أجنبية ربما تسرع وتيرة العمل",
            quote: QuoteKind::Indirect,
            attribution: Attribution::Vague,
            hedges: &[
                ("محتملة", HedgeKind::Possibility),
                ("ربما", HedgeKind::Modal),
            ],
            stance: Stance::Believes,
        },
    ];
    let claims = specs
        .iter()
        .enumerate()
        .map(|(i, s)| claim(t, i + 1, s))
        .collect();
    document("examples/ar-article.txt", "ar", t, claims)
}

pub const EN_TEXT: &str = "Water minister: new dam will protect the city from floods

\"This dam will protect more than a million people from flooding,\" Water Minister Samer Khatib told reporters.

Sources familiar with the project said the cost could rise to twice the announced budget.

The dam is the largest in the country's history.

A possible deal with a foreign company may speed up the work, some analysts argue.

The minister said the funding was secured, and the minister added that work starts in May.
";

pub fn english() -> ExtractionDocument {
    let t = EN_TEXT;
    let specs = [
        Spec {
            sentence: "\"This dam will protect more than a million people from flooding,\" Water Minister Samer Khatib told reporters",
            speaker: Some((
                "Water Minister Samer Khatib",
                SpeakerKind::Person,
                "samer khatib",
            )),
            cue: Some(("told", "tell")),
            content: "\"This dam will protect more than a million people from flooding,\"",
            quote: QuoteKind::Direct,
            attribution: Attribution::Attributed,
            hedges: &[],
            stance: Stance::Asserts,
        },
        Spec {
            sentence: "Sources familiar with the project said the cost could rise to twice the announced budget",
            speaker: Some((
                "Sources familiar with the project",
                SpeakerKind::Unnamed,
                "sources familiar with the project",
            )),
            cue: Some(("said", "say")),
            content: "the cost could rise to twice the announced budget",
            quote: QuoteKind::Indirect,
            attribution: Attribution::Vague,
            hedges: &[("could", HedgeKind::Modal)],
            stance: Stance::Asserts,
        },
        Spec {
            sentence: "The dam is the largest in the country's history.",
            speaker: None,
            cue: None,
            content: "The dam is the largest in the country's history.",
            quote: QuoteKind::None,
            attribution: Attribution::Unattributed,
            hedges: &[],
            stance: Stance::None,
        },
        Spec {
            sentence: "A possible deal with a foreign company may speed up the work, some analysts argue",
            speaker: Some(("some analysts", SpeakerKind::Unnamed, "analysts")),
            cue: Some(("argue", "argue")),
            content: "A possible deal with a foreign company may speed up the work",
            quote: QuoteKind::Indirect,
            attribution: Attribution::Vague,
            hedges: &[
                ("possible", HedgeKind::Possibility),
                ("may", HedgeKind::Modal),
            ],
            stance: Stance::Asserts,
        },
        Spec {
            sentence: "The minister said the funding was secured",
            speaker: Some(("The minister", SpeakerKind::Person, "samer khatib")),
            cue: Some(("said", "say")),
            content: "the funding was secured",
            quote: QuoteKind::Indirect,
            attribution: Attribution::Attributed,
            hedges: &[],
            stance: Stance::Asserts,
        },
        Spec {
            sentence: "the minister added that work starts in May",
            speaker: Some(("the minister", SpeakerKind::Person, "samer khatib")),
            cue: Some(("added", "add")),
            content: "work starts in May",
            quote: QuoteKind::Indirect,
            attribution: Attribution::Attributed,
            hedges: &[],
            stance: Stance::Asserts,
        },
    ];
    let claims = specs
        .iter()
        .enumerate()
        .map(|(i, s)| claim(t, i + 11, s))
        .collect();
    document("examples/en-article.txt", "en", t, claims)
}

pub fn arabic_article() -> Article {
    Article::from_extraction(&arabic(), AR_TEXT).unwrap()
}

pub fn english_article() -> Article {
    Article::from_extraction(&english(), EN_TEXT).unwrap()
}

/// The English article with two reviewed claims, as a ledger would give it.
pub fn reviewed_english() -> Article {
    let mut article = english_article();
    article.url = Some("https://news.example/dam".into());
    article.title = Some("Water minister: new dam will protect the city from floods".into());
    article.published = Some("2026-11-24".into());
    article.claims[1].review = Some(ReportReview {
        rating: Rating::MostlyFalse,
        note: Some("The ministry's budget documents show a 12% overrun at most.".into()),
        url: Some("https://factcheck.example/dam-cost".into()),
        author: "ana".into(),
        recorded_at: "2026-11-25T09:30:00Z".into(),
    });
    article.claims[0].review = Some(ReportReview {
        rating: Rating::Unproven,
        note: None,
        url: None,
        author: "ana".into(),
        recorded_at: "2026-11-26T10:00:00Z".into(),
    });
    article
}
