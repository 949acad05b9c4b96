//! Data-driven tests: two versions of a text, their claims described
//! compactly, and the expected changes as one line per claim change.

use isnad_model::{
    Claim, Content, Cue, DocumentInfo, ExtractionDocument, Hedge, HedgeKind, Passage, PassageKind,
    Span, Speaker, SpeakerKind, Stance,
};

use crate::{Version, diff};

/// A claim described by substrings of its text: `speaker|cue|content|attribution|certainty|hedge,hedge|stance|quote`.
/// Empty speaker or cue means none.
fn build(text: &str, claims: &[&str]) -> ExtractionDocument {
    let chars: Vec<char> = text.chars().collect();
    let find = |needle: &str, from: usize| -> Span {
        let hay: String = chars[from..].iter().collect();
        let byte = hay
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in text"));
        let start = from + hay[..byte].chars().count();
        Span::new(start, start + needle.chars().count())
    };
    // Passages: blocks separated by blank lines.
    let mut passages = Vec::new();
    let mut offset = 0;
    for block in text.split("\n\n") {
        let len = block.chars().count();
        if !block.trim().is_empty() {
            passages.push(Passage {
                id: format!("p{}", passages.len() + 1),
                span: Span::new(offset, offset + len),
                fingerprint: isnad_text::normalize_str(block),
                kind: PassageKind::Paragraph,
                language: "und".into(),
            });
        }
        offset += len + 2;
    }
    let claims = claims
        .iter()
        .enumerate()
        .map(|(n, line)| {
            let f: Vec<&str> = line.split('|').collect();
            let content = find(f[2], 0);
            let home = passages.iter().find(|p| p.span.contains(&content));
            let passage = home.map(|p| p.id.clone()).unwrap_or_default();
            let from = home.map_or(0, |p| p.span.start);
            let speaker = (!f[0].is_empty()).then(|| {
                let span = find(f[0], from);
                Speaker {
                    name: f[0].into(),
                    span,
                    kind: SpeakerKind::Person,
                    key: isnad_text::normalize_str(f[0]),
                    implicit: false,
                }
            });
            let cue = (!f[1].is_empty()).then(|| Cue {
                text: f[1].into(),
                lemma: f[1].into(),
                span: find(f[1], from),
            });
            let mut span = content;
            for s in speaker
                .iter()
                .map(|s| s.span)
                .chain(cue.iter().map(|c| c.span))
            {
                span = span.cover(&s);
            }
            let hedges = f[5]
                .split(',')
                .filter(|h| !h.is_empty())
                .map(|h| Hedge {
                    text: h.into(),
                    span: find(h, from),
                    kind: HedgeKind::Possibility,
                })
                .collect();
            Claim {
                id: format!("c{n}"),
                passage,
                span,
                speaker,
                cue,
                content: Content {
                    text: f[2].into(),
                    span: content,
                    quote: parse(f[7]),
                },
                attribution: parse(f[3]),
                certainty: parse(f[4]),
                hedges,
                stance: parse::<Stance>(f[6]),
                rule: "test".into(),
                explain: None,
            }
        })
        .collect();
    ExtractionDocument {
        schema_version: "1.0.0".into(),
        document: DocumentInfo {
            source: "t".into(),
            language: "und".into(),
            fingerprint: isnad_text::normalize_str(text),
            normalization: "isnad-norm-1".into(),
            length: chars.len(),
            text: None,
            ..Default::default()
        },
        passages,
        claims,
    }
}

fn parse<T: serde::de::DeserializeOwned>(s: &str) -> T {
    serde_json::from_value(serde_json::Value::String(s.into())).unwrap()
}

/// One line per non-unchanged claim: `status kind(old>new) kind(...)`.
fn check(old: (&str, &[&str]), new: (&str, &[&str]), expect: &[&str]) {
    let (old_doc, new_doc) = (build(old.0, old.1), build(new.0, new.1));
    let d = diff(Version::new(&old_doc, old.0), Version::new(&new_doc, new.0));
    let got: Vec<String> = d
        .claims
        .iter()
        .filter(|c| c.status != "unchanged")
        .map(|c| {
            let mut line = c.status.clone();
            for f in &c.changes {
                line.push_str(&format!(
                    " {}({}>{})",
                    f.kind,
                    f.old.as_deref().unwrap_or(""),
                    f.new.as_deref().unwrap_or("")
                ));
            }
            line
        })
        .collect();
    assert_eq!(
        got,
        expect,
        "\n{}",
        crate::render_human(&d, Default::default())
    );
    assert_eq!(d.claims_unchanged, expect.is_empty());
}

const AR_OLD: &str = "قالت الوزارة إن صفقة محتملة ستوقع قريبا.\n\nوأكد المتحدث أن الاجتماع ناجح.";
const AR_CLAIMS: &[&str] = &[
    "الوزارة|قالت|صفقة محتملة ستوقع قريبا|attributed|hedged|محتملة|asserts|indirect",
    "المتحدث|أكد|الاجتماع ناجح|attributed|asserted||asserts|indirect",
];

#[test]
fn identical_versions_have_no_change() {
    check((AR_OLD, AR_CLAIMS), (AR_OLD, AR_CLAIMS), &[]);
}

#[test]
fn dropped_hedge_is_named() {
    let new = "قالت الوزارة إن صفقة ستوقع قريبا.\n\nوأكد المتحدث أن الاجتماع ناجح.";
    check(
        (AR_OLD, AR_CLAIMS),
        (
            new,
            &[
                "الوزارة|قالت|صفقة ستوقع قريبا|attributed|asserted||asserts|indirect",
                "المتحدث|أكد|الاجتماع ناجح|attributed|asserted||asserts|indirect",
            ],
        ),
        &[
            "changed content(صفقة محتملة ستوقع قريبا>صفقة ستوقع قريبا) hedge_removed(محتملة>) certainty(hedged>asserted)",
        ],
    );
}

#[test]
fn cue_and_stance_change_said_to_alleged() {
    let old = "The minister said the budget was balanced.";
    let new = "The minister alleged the budget was balanced.";
    check(
        (
            old,
            &["The minister|said|the budget was balanced|attributed|asserted||asserts|indirect"],
        ),
        (
            new,
            &[
                "The minister|alleged|the budget was balanced|attributed|hedged|alleged|alleges|indirect",
            ],
        ),
        &[
            "changed cue(said>alleged) stance(asserts>alleges) hedge_added(>alleged) certainty(asserted>hedged)",
        ],
    );
}

#[test]
fn named_source_becomes_vague() {
    let old = "Minister Jane Roe said the plant will close.";
    let new = "Officials said the plant will close.";
    check(
        (
            old,
            &["Minister Jane Roe|said|the plant will close|attributed|asserted||asserts|indirect"],
        ),
        (
            new,
            &["Officials|said|the plant will close|vague|asserted||asserts|indirect"],
        ),
        &["changed speaker(Minister Jane Roe>Officials) attribution(attributed>vague)"],
    );
}

#[test]
fn quote_kind_change_and_rewording() {
    let old = "He said the talks were \"very productive\".";
    let new = "He said the talks were productive and long.";
    check(
        (
            old,
            &["He|said|the talks were \"very productive\"|attributed|asserted||asserts|mixed"],
        ),
        (
            new,
            &["He|said|the talks were productive and long|attributed|asserted||asserts|indirect"],
        ),
        &[
            "changed content(the talks were \"very productive\">the talks were productive and long) quote(mixed>indirect)",
        ],
    );
}

#[test]
fn added_and_removed_claims() {
    let old = "Ann said the road is open.\n\nBob said taxes will rise.";
    let new = "Ann said the road is open.\n\nCara warned the bridge is weak.";
    check(
        (
            old,
            &[
                "Ann|said|the road is open|attributed|asserted||asserts|indirect",
                "Bob|said|taxes will rise|attributed|asserted||asserts|indirect",
            ],
        ),
        (
            new,
            &[
                "Ann|said|the road is open|attributed|asserted||asserts|indirect",
                "Cara|warned|the bridge is weak|attributed|asserted||warns|indirect",
            ],
        ),
        &["removed", "added"],
    );
}

#[test]
fn reordered_paragraphs_are_moves_not_rewrites() {
    let old = "Ann said the road is open.\n\nBob said taxes will rise.\n\nCara said rain is due.";
    let new = "Cara said rain is due.\n\nAnn said the road is open.\n\nBob said taxes will rise.";
    let claims = [
        "Ann|said|the road is open|attributed|asserted||asserts|indirect",
        "Bob|said|taxes will rise|attributed|asserted||asserts|indirect",
        "Cara|said|rain is due|attributed|asserted||asserts|indirect",
    ];
    let reordered = [claims[2], claims[0], claims[1]];
    check((old, &claims), (new, &reordered), &["changed moved(p3>p1)"]);
}

#[test]
fn formatting_only_edits_are_no_claim_change() {
    let old = "قالَ الوزيرُ إن «الخطة» ناجحة.";
    let new = "قال  الوزير، إن \"الخطة\" ناجحة";
    let (o, n) = (
        build(
            old,
            &["الوزيرُ|قالَ|«الخطة» ناجحة|attributed|asserted||asserts|mixed"],
        ),
        build(
            new,
            &["الوزير|قال|\"الخطة\" ناجحة|attributed|asserted||asserts|mixed"],
        ),
    );
    let d = diff(Version::new(&o, old), Version::new(&n, new));
    assert!(d.claims_unchanged);
    assert_eq!(d.claims[0].formatting.as_deref(), Some("same words"));
    // Diacritics and quote marks alone: equal fingerprints.
    let plain = "قال الوزير إن \"الخطة\" ناجحة.";
    let p = build(
        plain,
        &["الوزير|قال|\"الخطة\" ناجحة|attributed|asserted||asserts|mixed"],
    );
    let d = diff(Version::new(&o, old), Version::new(&p, plain));
    assert_eq!(
        d.claims[0].formatting.as_deref(),
        Some("equal fingerprints")
    );
    let strict = crate::render_human(
        &d,
        crate::RenderOptions {
            color: false,
            strict: true,
        },
    );
    assert!(strict.contains("formatting only"), "{strict}");
}

#[test]
fn fully_rewritten_text_is_all_added_and_removed() {
    let old = "Ann said the road is open.";
    let new = "Zed warned that flooding would worsen overnight.";
    check(
        (
            old,
            &["Ann|said|the road is open|attributed|asserted||asserts|indirect"],
        ),
        (
            new,
            &["Zed|warned|flooding would worsen overnight|attributed|asserted||warns|indirect"],
        ),
        &["removed", "added"],
    );
}

#[test]
fn empty_versions() {
    check(("", &[]), ("", &[]), &[]);
    check(
        ("", &[]),
        (
            "Ann said the road is open.",
            &["Ann|said|the road is open|attributed|asserted||asserts|indirect"],
        ),
        &["added"],
    );
}

#[test]
fn human_view_isolates_arabic_and_marks_words() {
    let new = "قالت الوزارة إن صفقة ستوقع قريبا.\n\nوأكد المتحدث أن الاجتماع ناجح.";
    let (o, n) = (
        build(AR_OLD, AR_CLAIMS),
        build(
            new,
            &[
                "الوزارة|قالت|صفقة ستوقع قريبا|attributed|asserted||asserts|indirect",
                "المتحدث|أكد|الاجتماع ناجح|attributed|asserted||asserts|indirect",
            ],
        ),
    );
    let d = diff(Version::new(&o, AR_OLD), Version::new(&n, new));
    let human = crate::render_human(&d, Default::default());
    assert!(
        human.contains("hedge removed: «\u{2068}محتملة\u{2069}»"),
        "{human}"
    );
    assert!(human.contains("[-محتملة -]"), "{human}");
    assert!(!human.contains('\x1b'));
    let colored = crate::render_human(
        &d,
        crate::RenderOptions {
            color: true,
            strict: false,
        },
    );
    assert!(colored.contains("\x1b[31m"));
}

mod properties {
    use isnad_extract::{Extractor, Input};
    use isnad_model::{EXTRACTION_SCHEMA_VERSION, ExtractionDocument};
    use proptest::prelude::*;

    use crate::{Version, diff};

    const PARAGRAPHS: &[&str] = &[
        "قال وزير النقل إن الطريق سيفتح الشهر المقبل.",
        "وأكدت الوزارة في بيان أن صفقة محتملة ستخفض التكلفة.",
        "ونفت الشركة وجود أي عيوب في الجسور.",
        "وقالت مصادر مطلعة إن التكلفة قد ترتفع.",
        "The minister said the road would open next month.",
        "Sources said the cost could rise, while the contractor denied any delay.",
        "\"We are ready,\" the mayor told reporters.",
        "A possible deal may speed up the work.",
    ];

    /// Compiling the packs takes a while: once for all cases.
    static EXTRACTOR: std::sync::LazyLock<Extractor> =
        std::sync::LazyLock::new(|| Extractor::builtin().unwrap());

    fn extract(text: &str) -> ExtractionDocument {
        let extractor = &*EXTRACTOR;
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

    fn article(picks: &[usize]) -> String {
        picks
            .iter()
            .map(|&i| PARAGRAPHS[i % PARAGRAPHS.len()])
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Every claim of either version is listed exactly once, and the
        /// summary agrees with the listing.
        #[test]
        fn every_claim_is_accounted_for(old in proptest::collection::vec(0usize..8, 0..7), new in proptest::collection::vec(0usize..8, 0..7)) {
            let (old_text, new_text) = (article(&old), article(&new));
            let (o, n) = (extract(&old_text), extract(&new_text));
            let d = diff(Version::new(&o, &old_text), Version::new(&n, &new_text));
            let mut old_ids: Vec<&str> = d.claims.iter().filter_map(|c| c.old.as_ref()).map(|c| c.id.as_str()).collect();
            let mut new_ids: Vec<&str> = d.claims.iter().filter_map(|c| c.new.as_ref()).map(|c| c.id.as_str()).collect();
            old_ids.sort_unstable();
            new_ids.sort_unstable();
            let mut want_old: Vec<&str> = o.claims.iter().map(|c| c.id.as_str()).collect();
            let mut want_new: Vec<&str> = n.claims.iter().map(|c| c.id.as_str()).collect();
            want_old.sort_unstable();
            want_new.sort_unstable();
            prop_assert_eq!(old_ids, want_old);
            prop_assert_eq!(new_ids, want_new);
            let s = &d.summary;
            prop_assert_eq!(s.claims_changed + s.claims_unchanged + s.claims_added + s.claims_removed, d.claims.len());
        }

        /// A version compared with itself has no claim change.
        #[test]
        fn a_version_equals_itself(picks in proptest::collection::vec(0usize..8, 0..7)) {
            let text = article(&picks);
            let doc = extract(&text);
            let d = diff(Version::new(&doc, &text), Version::new(&doc, &text));
            prop_assert!(d.claims_unchanged);
            prop_assert_eq!(d.summary.claims_unchanged, doc.claims.len());
        }
    }
}
