//! Unit tests of the rules on small hand-written sentences (none from the
//! corpus), and properties over arbitrary input.

use super::*;
use isnad_model::{Attribution, Certainty, HedgeKind, QuoteKind, Stance};
use proptest::prelude::*;

fn ex() -> Extractor {
    Extractor::builtin().unwrap()
}

/// One compiled extractor shared by the property tests.
fn shared() -> &'static Extractor {
    static EX: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    EX.get_or_init(ex)
}

fn run(text: &str) -> Vec<Claim> {
    let ex = ex();
    let mut input = Input::new(text, "sha256:test");
    input.explain = true;
    ex.extract(&input)
}

fn speaker(c: &Claim) -> &str {
    c.speaker.as_ref().map(|s| s.name.as_str()).unwrap_or("")
}

fn cue(c: &Claim) -> &str {
    c.cue.as_ref().map(|s| s.text.as_str()).unwrap_or("")
}

#[test]
fn arabic_verb_subject_content() {
    let c = run("وقال رئيس الوزراء، إن الحكومة ستعلن خطة جديدة.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(speaker(&c[0]), "رئيس الوزراء");
    assert_eq!(cue(&c[0]), "قال");
    assert_eq!(c[0].cue.as_ref().unwrap().lemma, "قال");
    assert_eq!(c[0].rule, "ar.verb-subject-content");
    assert_eq!(c[0].content.quote, QuoteKind::Indirect);
    assert_eq!(c[0].content.text, "الحكومة ستعلن خطة جديدة");
    assert_eq!(c[0].certainty, Certainty::Asserted);
    let e = c[0].explain.as_ref().unwrap();
    assert!(e.lexicon.iter().any(|l| l == "ar:cue:قال"), "{e:?}");
    assert!(e.steps.iter().any(|s| s.contains("«،»")), "{e:?}");
}

#[test]
fn arabic_statement_channel_and_continuation() {
    let c = run("وذكرت الوزارة في بيان أن الطريق سيفتح غدا.\n\nوأضافت أن الأعمال انتهت.");
    assert_eq!(c.len(), 2, "{c:#?}");
    assert_eq!(speaker(&c[0]), "الوزارة");
    assert!(!c[0].speaker.as_ref().unwrap().implicit);
    assert_eq!(speaker(&c[1]), "الوزارة");
    assert!(c[1].speaker.as_ref().unwrap().implicit);
    assert_eq!(c[1].rule, "ar.continuation");
    // the implicit speaker's span is the earlier mention
    assert_eq!(
        c[1].speaker.as_ref().unwrap().span,
        c[0].speaker.as_ref().unwrap().span
    );
}

#[test]
fn arabic_headline_colon_and_subject_verb() {
    let c = run("وزير الداخلية: لن نسمح بالفوضى\n\nالوزير يحذر من الشائعات\n");
    assert_eq!(c.len(), 2, "{c:#?}");
    assert_eq!(c[0].rule, "ar.headline-colon");
    assert_eq!(speaker(&c[0]), "وزير الداخلية");
    assert_eq!(cue(&c[0]), ":");
    assert_eq!(c[1].rule, "ar.subject-verb");
    assert_eq!(c[1].stance, Stance::Warns);
}

#[test]
fn arabic_one_word_label_is_a_topic() {
    let c = run("الاقتصاد: تراجع الصادرات في الربع الأول\n\nوارتفعت الأسعار.");
    assert!(c.is_empty(), "{c:#?}");
}

#[test]
fn arabic_participle_joins_the_speaker() {
    let c = run("وقال المتحدث إن الاجتماع انتهى، مشددا على أن الحوار مستمر.");
    assert_eq!(c.len(), 2, "{c:#?}");
    assert_eq!(speaker(&c[1]), "المتحدث");
    assert_eq!(cue(&c[1]), "مشددا");
    // the first claim's content stops before the participle
    assert_eq!(c[0].content.text, "الاجتماع انتهى");
}

#[test]
fn arabic_vague_and_impersonal_sources() {
    let c = run("وقالت مصادر مطلعة إن الاتفاق قريب.\n\nيُعتقد أن المفاوضات ستطول.");
    assert_eq!(c.len(), 2, "{c:#?}");
    assert_eq!(c[0].attribution, Attribution::Vague);
    assert_eq!(speaker(&c[0]), "مصادر مطلعة");
    assert_eq!(
        c[0].speaker.as_ref().unwrap().kind,
        isnad_model::SpeakerKind::Unnamed
    );
    assert_eq!(c[1].attribution, Attribution::Vague);
    assert!(c[1].speaker.is_none());
    assert_eq!(c[1].certainty, Certainty::Hedged);
}

#[test]
fn arabic_source_phrase() {
    let c = run("ارتفع عدد المصابين إلى عشرة، وفقا لوزارة الصحة.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].rule, "ar.source-phrase");
    assert_eq!(speaker(&c[0]), "وزارة الصحة");
    assert_eq!(c[0].content.text, "ارتفع عدد المصابين إلى عشرة");
}

#[test]
fn arabic_qad_perfect_is_not_a_hedge_but_imperfect_is() {
    let c = run("وقد أعلنت الشركة أرباحا كبيرة.\n\nوكان المصنع قد توقف عن العمل.");
    assert!(c.iter().all(|c| c.hedges.is_empty()), "{c:#?}");
    let c = run("قد تتأخر الرحلات بسبب العاصفة.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].attribution, Attribution::Unattributed);
    assert_eq!(c[0].hedges[0].text, "قد");
    assert_eq!(c[0].hedges[0].kind, HedgeKind::Modal);
    assert!(c[0].speaker.is_none() && c[0].cue.is_none());
    assert_eq!(c[0].stance, Stance::None);
    assert_eq!(c[0].content.quote, QuoteKind::None);
}

#[test]
fn arabic_link_labels_and_relative_negatives() {
    let c = run("قد يهمك| أسعار النفط تتراجع\n\nأثار ما قاله المدرب جدلا واسعا.\n");
    assert!(c.is_empty(), "{c:#?}");
    let c = run("وتحدث الوزير، الذي قال إن الخطة جاهزة، عن الميزانية.");
    assert!(
        c.iter()
            .any(|c| c.rule == "ar.relative-clause" && speaker(c) == "الوزير"),
        "{c:#?}"
    );
}

#[test]
fn arabic_clitic_hedge_forms() {
    let c = run("ومن المحتمل أن يرتفع سعر الوقود.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].hedges[0].text, "المحتمل");
    assert_eq!(c[0].hedges[0].kind, HedgeKind::Possibility);
}

#[test]
fn english_said_forms() {
    let c = run("The mayor said the bridge would reopen in May.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(speaker(&c[0]), "The mayor");
    assert_eq!(c[0].content.text, "the bridge would reopen in May");
    let c = run("“We are ready,” said Maria Lopez, the team’s coach.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].content.quote, QuoteKind::Direct);
    assert!(speaker(&c[0]).starts_with("Maria Lopez"));
    let c = run("The said contract expired in March.");
    assert!(c.is_empty(), "{c:#?}");
}

#[test]
fn english_who_clause_pronoun_and_according_to() {
    let c = run(
        "Senator Ana Ruiz, who leads the panel, said the vote would wait.\n\n\"We need more time,\" she added.",
    );
    assert_eq!(c.len(), 2, "{c:#?}");
    assert_eq!(speaker(&c[0]), "Senator Ana Ruiz");
    let sp = c[1].speaker.as_ref().unwrap();
    assert_eq!(sp.name, "Senator Ana Ruiz");
    assert!(sp.implicit);
    let c = run("According to the weather service, the storm will weaken.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(speaker(&c[0]), "the weather service");
    assert_eq!(c[0].content.text, "the storm will weaken");
}

#[test]
fn english_vague_and_hedged() {
    let c = run("Officials said the plant may close next year.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].attribution, Attribution::Vague);
    assert_eq!(c[0].certainty, Certainty::Hedged);
    let c = run("Sales are expected to fall this winter.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].attribution, Attribution::Unattributed);
    assert_eq!(c[0].hedges[0].kind, HedgeKind::Expectation);
}

#[test]
fn user_lexicon_adds_a_cue() {
    let text = "وغرد الوزير أن الاجتماع ناجح.";
    assert!(run(text).is_empty());
    let ex = ex()
        .with_lexicon(
            "language = \"ar\"\n[[cue]]\nlemma = \"غرد\"\nforms = [\"غرد\", \"غردت\"]\n",
            "user.toml",
        )
        .unwrap();
    let c = ex.extract(&Input::new(text, "sha256:x"));
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(speaker(&c[0]), "الوزير");
    assert_eq!(c[0].cue.as_ref().unwrap().lemma, "غرد");
}

#[test]
fn lexicon_errors_are_typed() {
    let e = ex()
        .with_lexicon(
            "language = \"ar\"\n[words.nonsense]\nwords = [\"x\"]\n",
            "bad.toml",
        )
        .unwrap_err();
    assert!(e.to_string().contains("unknown word class"), "{e}");
    let e = ex()
        .with_lexicon_file(Path::new("/nonexistent/pack.toml"))
        .unwrap_err();
    assert!(matches!(e, Error::Io { .. }), "{e}");
}

#[test]
fn ids_are_stable_and_unique() {
    let text = "وقال الوزير إن الخطة جاهزة.\n\nوأضاف أن التنفيذ سيبدأ قريبا.";
    let a = run(text);
    let b = run(text);
    assert_eq!(a, b);
    assert_eq!(a[0].id, claim_id("sha256:test", a[0].span));
    assert!(a[0].id.starts_with("c-") && a[0].id.len() == 18);
    let mut ids: Vec<_> = a.iter().map(|c| c.id.clone()).collect();
    ids.dedup();
    assert_eq!(ids.len(), a.len());
}

#[test]
fn language_detection() {
    assert_eq!(detect_language("قال الوزير"), "ar");
    assert_eq!(detect_language("The minister said"), "en");
    assert_eq!(detect_language("123 ..."), "und");
}

fn check_spans(text: &str, claims: &[Claim]) {
    let n = text.chars().count();
    for c in claims {
        assert!(c.span.end <= n, "{c:?}");
        assert_eq!(
            Span::new(c.content.span.start, c.content.span.end).slice(text),
            Some(c.content.text.as_str())
        );
        if let Some(cue) = &c.cue {
            assert_eq!(cue.span.slice(text), Some(cue.text.as_str()));
        }
        if let Some(sp) = &c.speaker
            && !sp.implicit
        {
            assert_eq!(sp.span.slice(text), Some(sp.name.as_str()));
        }
        for h in &c.hedges {
            assert_eq!(h.span.slice(text), Some(h.text.as_str()));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn never_panics_and_spans_point_into_the_text(s in "\\PC{0,300}") {
        let claims = shared().extract(&Input::new(&s, "sha256:p"));
        check_spans(&s, &claims);
    }

    #[test]
    fn news_like_input_keeps_spans_exact(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("وقال الوزير، إن "), Just("«"), Just("»"), Just("\""), Just("، مضيفا أن "),
                Just("قد يتأخر "), Just("بحسب مصادر "), Just(". "), Just("\n\n"), Just(": "),
                Just("المشروع "), Just("said "), Just("The mayor "), Just("“"), Just("”"),
                Just("according to "), Just("may "), Just("وَقَالَ "), Just("ـ"), Just("(")
            ],
            0..40,
        )
    ) {
        let s: String = parts.concat();
        let a = shared().extract(&Input::new(&s, "sha256:p"));
        check_spans(&s, &a);
        // deterministic
        let b = shared().extract(&Input::new(&s, "sha256:p"));
        prop_assert_eq!(a, b);
    }
}
