//! Fingerprints pinned to their published values. `isnad-norm-1` is a
//! versioned scheme: a fingerprint logged today must be found again by any
//! later build, so a change of any value below is a broken promise (a new
//! rule needs a new scheme name), never a test to update.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use isnad_fingerprint::{fingerprint, fingerprint_document, fingerprint_reader};

/// Texts and the fingerprints `isnad-norm-1` gave them when it was published.
const PINNED: &[(&str, &str)] = &[
    (
        "",
        "sha256:40d47839d984dc4870b22c42e91b5a9c85735c2ea05863201d605201647fdc44",
    ),
    (
        "قالَ «الرئيس» عام ٢٠١٩",
        "sha256:1afd355af3f7918896019adc7f9afbbfa3fe577e90b7cd4578c50f2752a2bcd1",
    ),
    (
        "قال \"الرئيس\"  عام 2019",
        "sha256:1afd355af3f7918896019adc7f9afbbfa3fe577e90b7cd4578c50f2752a2bcd1",
    ),
    (
        "أعلنت وزارة الصحة، اليوم الأحد، عن إصابات جديدة بالحمى في المحافظة.",
        "sha256:e43c1969a41b4c6dffc3caf6123c6348056e4f3b63ef557d24dac3c6f32eb6ae",
    ),
    (
        "مصطفى في المدرسة؟ نعم؛ الرئيــــس قالَ: «لا»",
        "sha256:676ff2d5f734d3b1cfdcc90c2313c264ec823ee87492154f117e44a1964c7ead",
    ),
    (
        "The minister said: “We will not resign.” — Reuters, 3.5% growth",
        "sha256:c4bf0148de9bbfcc00faed5639cf095171e9e86919e581f15b526ac467f0c092",
    ),
    (
        "ΣΟΦΟΣ Москва ﬁne Ｆｕｌｌ… e\u{0301}\u{200B}x\u{00A0}\u{00A0}y",
        "sha256:c1f0eb3c79f8b54b18a9728aea84988d8e6c9abf708edc2dba8fa757375b19c2",
    ),
    (
        "د. رائد العزاوي\n\nقالَ الرئيس «إنّ» ٢٠١٩… ﻻ ﷺ \u{0627}\u{0654}",
        "sha256:e766dace0b3001fa2fbab6fd54df61cd933319a0c7943c433c05a0692ad3a13a",
    ),
];

/// A short article: its document fingerprint and its passages'.
const ARTICLE: &str = "وزارة الصحة: لا إصابات جديدة\nكتب: سامر الحلبي\n\nقالَ وزير الصحة إنّ الوضع «مستقر تمامًا».\n\nThe ministry said the dam is finished.\n";

#[test]
fn fingerprints_are_pinned() {
    let mut got = Vec::new();
    for (text, _) in PINNED {
        got.push(fingerprint(text));
    }
    let expected: Vec<&str> = PINNED.iter().map(|(_, f)| *f).collect();
    assert_eq!(got, expected);
}

#[test]
fn document_and_passage_fingerprints_are_pinned() {
    let doc = fingerprint_document("-", ARTICLE);
    let mut got: Vec<String> = vec![doc.document.fingerprint.clone()];
    for p in &doc.passages {
        got.push(format!(
            "{} {} {:?} {} {}",
            p.id, p.span.start, p.kind, p.language, p.fingerprint
        ));
    }
    let expected: Vec<&str> = vec![
        "sha256:51a2f3349e71f3fc96e9db18ad088523c36a31fbad77049c03e9926fb3420920",
        "p1 0 Heading ar sha256:0f290b088e1134b162c1f2ec6135b3986a9134932ea80aaba392cd170b1d317a",
        "p2 29 Byline ar sha256:90edb0cbc8669a246021a797f6acd71d2013ff82a3671c2cda0e8d2fe16b3b73",
        "p3 47 Paragraph ar sha256:13b9fc763caf8f5cb64fb299e3969de7bdf12e556bab3fbef91c9b721430c0a5",
        "p4 90 Paragraph en sha256:f649ffdbdc697b9daff5f78f8c6ebffbf28a032c670895ba1a3cf291ed28aea9",
    ];
    assert_eq!(got, expected);
    let mut streamed = Vec::new();
    let info = fingerprint_reader("-", ARTICLE.as_bytes(), |p, _| streamed.push(p)).unwrap();
    assert_eq!(info, doc.document);
    assert_eq!(streamed, doc.passages);
}
