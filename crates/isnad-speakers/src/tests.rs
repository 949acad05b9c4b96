//! Unit tests: every rule, in Arabic and English, through [`check`].
//!
//! A case is a text in which each claim speaker is marked `[words|label]`
//! (the words as written, the entity's label); `[words|label:place]` gives
//! the kind (person by default), `[he|label*]` marks a pronoun subject, and
//! `{label}` a continuation («وأضاف», "he added") carried from the last
//! marked speaker. A label may end in `@CUE/LEMMA`, the claim's cue as
//! written and its lexicon lemma (`[العطار|r@قالت/قال]`, `{r@أضافت/أضاف}`). Speakers with one label must get one key, speakers with
//! different labels different keys. Unmarked names are running text.

use std::collections::BTreeMap;

use isnad_model::{AliasFile, ExtractionDocument};
use serde_json::json;

use crate::{ClaimView, Resolver};

struct Mark {
    label: String,
    name: String,
    start: usize,
    end: usize,
    kind: String,
    implicit: bool,
    claim_at: usize,
    cue: Option<(String, String)>,
}

/// Splits `label@cue/lemma`.
fn split_cue(label: &str) -> (String, Option<(String, String)>) {
    match label.split_once('@') {
        Some((l, c)) => {
            let (text, lemma) = c.split_once('/').unwrap_or((c, c));
            (l.to_string(), Some((text.to_string(), lemma.to_string())))
        }
        None => (label.to_string(), None),
    }
}

fn parse(markup: &str) -> (String, Vec<Mark>) {
    let mut text = String::new();
    let mut n = 0usize;
    let mut marks: Vec<Mark> = Vec::new();
    let mut chars = markup.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '[' => {
                let mut inner = String::new();
                for d in chars.by_ref() {
                    if d == ']' {
                        break;
                    }
                    inner.push(d);
                }
                let (words, label) = inner.split_once('|').unwrap();
                let (label, cue) = split_cue(label);
                let label = label.as_str();
                let (label, pronoun) = match label.strip_suffix('*') {
                    Some(l) => (l, true),
                    None => (label, false),
                };
                let (label, kind) = label.split_once(':').unwrap_or((label, "person"));
                let start = n;
                text.push_str(words);
                n += words.chars().count();
                let (name, kind) = if pronoun {
                    let last = marks.last().unwrap();
                    (last.name.clone(), last.kind.clone())
                } else {
                    (words.to_string(), kind.to_string())
                };
                marks.push(Mark {
                    label: label.to_string(),
                    name,
                    start,
                    end: n,
                    kind,
                    implicit: pronoun,
                    claim_at: start,
                    cue,
                });
            }
            '{' => {
                let mut label = String::new();
                for d in chars.by_ref() {
                    if d == '}' {
                        break;
                    }
                    label.push(d);
                }
                let (label, cue) = split_cue(&label);
                let last = marks.iter().rev().find(|m| !m.implicit).unwrap();
                marks.push(Mark {
                    label,
                    name: last.name.clone(),
                    start: last.start,
                    end: last.end,
                    kind: last.kind.clone(),
                    implicit: true,
                    claim_at: n,
                    cue,
                });
            }
            _ => {
                text.push(c);
                n += 1;
            }
        }
    }
    (text, marks)
}

fn document(text: &str, marks: &[Mark]) -> ExtractionDocument {
    let claims: Vec<_> = marks
        .iter()
        .enumerate()
        .map(|(i, m)| {
            json!({
                "id": format!("c-{i:016x}"), "passage": "p-1",
                "span": {"start": m.claim_at, "end": m.claim_at + 1},
                "speaker": {"name": m.name, "span": {"start": m.start, "end": m.end},
                            "kind": m.kind, "key": isnad_text::normalize_str(&m.name), "implicit": m.implicit},
                "cue": m.cue.as_ref().map(|(t, l)| json!({"text": t, "lemma": l, "span": {"start": m.claim_at, "end": m.claim_at}})),
                "content": {"text": "", "span": {"start": m.claim_at, "end": m.claim_at}, "quote": "none"},
                "attribution": "attributed", "certainty": "asserted", "hedges": [],
                "stance": "asserts", "rule": "test"
            })
        })
        .collect();
    serde_json::from_value(json!({
        "schema_version": "1.0.0",
        "document": {"source": "t", "language": "und", "fingerprint": "sha256:0", "normalization": "isnad-norm-1", "length": text.chars().count()},
        "passages": [],
        "claims": claims,
    }))
    .unwrap()
}

fn check_with(markup: &str, aliases: &str) -> Vec<String> {
    let (text, marks) = parse(markup);
    let mut doc = document(&text, &marks);
    let file: AliasFile = Resolver::parse_alias_file(aliases, "aliases.toml").unwrap();
    let r = Resolver::builtin()
        .unwrap()
        .with_aliases(&file, "aliases.toml")
        .unwrap();
    let how = r.resolve(&mut doc, &text);
    let keys: Vec<String> = doc
        .claims
        .iter()
        .map(|c| c.speaker.as_ref().unwrap().key.clone())
        .collect();
    let mut by_label: BTreeMap<&str, &str> = BTreeMap::new();
    let mut by_key: BTreeMap<&str, &str> = BTreeMap::new();
    for (m, k) in marks.iter().zip(&keys) {
        let explain = || format!("{markup}\nkeys: {keys:?}\nrules: {how:?}");
        if let Some(prev) = by_label.insert(&m.label, k) {
            assert_eq!(prev, k, "label {} has two keys\n{}", m.label, explain());
        }
        if let Some(prev) = by_key.insert(k, &m.label) {
            assert_eq!(prev, m.label, "key {k} has two labels\n{}", explain());
        }
    }
    keys
}

fn check(markup: &str) -> Vec<String> {
    check_with(markup, "")
}

// ---- across spellings -------------------------------------------------

#[test]
fn arabic_transliteration_variants_share_a_key() {
    let r = Resolver::builtin().unwrap();
    for (a, b) in [
        ("كيم جونج وون", "كيم جونغ أون"), // ج/غ and و/أو
        ("بوتين", "بوتن"),                // optional long vowel
        ("فلاديمير بوتين", "فلاديمر بوتين"),
        ("عبدالملك الحوثي", "عبد الملك الحوثي"), // spaces
    ] {
        assert_eq!(r.matching_key(a), r.matching_key(b), "{a} / {b}");
        assert!((r.similarity(a, b) - 1.0).abs() < 1e-9, "{a} / {b}");
    }
    // ج/ي is a soft variant: close enough to merge when the rest agrees
    assert!(r.similarity("كيم جونغ أون", "كيم يونج أون") >= r.merge_threshold());
    // a hyphen is a space
    assert_eq!(r.matching_key("بيونغ-يانغ"), r.matching_key("بيونغ يانغ"));
}

#[test]
fn english_spelling_variants_share_a_key() {
    let r = Resolver::builtin().unwrap();
    for (a, b) in [
        ("Kim Jong Un", "Kim Jong-un"),
        ("Kim Jong-un", "Jong Un Kim"),
        ("KIM JONG UN", "kim jong un"),
        ("José Pérez", "Jose Perez"),
        ("Dr. Jane Roe", "Jane Roe"),
        ("President Jane Roe", "Mrs Jane Roe"),
    ] {
        assert_eq!(r.matching_key(a), r.matching_key(b), "{a} / {b}");
    }
    assert!((r.similarity("Kim Jongun", "Kim Jong Un") - 1.0).abs() < 1e-9);
    assert!(r.similarity("Volodymyr Zelenskyy", "Volodymyr Zelenskiy") >= r.merge_threshold());
}

#[test]
fn arabic_and_latin_spellings_are_suggested_by_transliteration() {
    let r = Resolver::builtin().unwrap();
    for (ar, la) in [
        ("يوهانس كريستنسن", "Johannes Christensen"),
        ("ليلى الشامي", "Laila al-Shami"),
        ("غاري ميلر", "Gary Miller"),
        ("أحمد الخطيب", "Ahmed Khatib"),
    ] {
        let s = r.transliteration_similarity(ar, la);
        assert!(s >= r.suggest_threshold(), "{ar} / {la}: {s}");
        // never merged silently
        assert!(s < r.merge_threshold(), "{ar} / {la}: {s}");
    }
    for (ar, la) in [
        ("غاري ميلر", "James Carter"),
        ("ليلى الشامي", "Laila Haddad"),
        ("طارق العطار", "Reem Haddad"),
    ] {
        let s = r.transliteration_similarity(ar, la);
        assert!(s < r.suggest_threshold(), "{ar} / {la}: {s}");
    }
}

#[test]
fn titles_are_stripped_in_arabic() {
    let r = Resolver::builtin().unwrap();
    assert_eq!(
        r.matching_key("الرئيس الروسي فلاديمير بوتين"),
        r.matching_key("فلاديمير بوتين")
    );
    assert_eq!(
        r.matching_key("الوزير سامي فارس"),
        r.matching_key("سامي فارس")
    );
    assert_eq!(
        r.matching_key("رئيسها كيم جونج وون"),
        r.matching_key("كيم جونغ أون")
    );
    assert_eq!(
        r.matching_key("وزير المالية الألماني هانس براون"),
        r.matching_key("هانس براون")
    );
    // an office without a name has no name key
    assert_eq!(r.matching_key("رئيس كوريا الجنوبية"), "");
}

#[test]
fn different_people_do_not_share_a_key() {
    let r = Resolver::builtin().unwrap();
    for (a, b) in [
        ("Ahmad Saleh", "Mahmoud Saleh"),
        ("Kim Jong Un", "Kim Yo Jong"),
        ("Kim Jong Un", "Kim Jong Il"),
        ("أحمد صالح", "محمد صالح"),
        ("سامي فارس", "رامي فارس"),
        ("كيم جونغ أون", "كيم يو جونغ"),
    ] {
        assert_ne!(r.matching_key(a), r.matching_key(b), "{a} / {b}");
        assert!(
            r.similarity(a, b) < r.merge_threshold(),
            "{a} / {b}: {}",
            r.similarity(a, b)
        );
    }
}

// ---- within a document ------------------------------------------------

#[test]
fn arabic_spellings_surname_and_possessive_title_in_one_article() {
    let keys = check(
        "وصفت [كوريا الشمالية|k:place] اللقاء بين رئيسها كيم جونج وون والرئيس الروسي فلاديمير بوتين بأنه تاريخي.\n\
         وقال [كيم|a] إنه مسرور بالزيارة.\n\
         وصل الزعيم الكوري الشمالي كيم جونغ أون إلى روسيا الأسبوع الماضي.\n\
         وأكد [الزعيم الكوري الشمالي|a] أن العلاقات قوية.{a}\n\
         وقال [بوتين|p] إن المحادثات مثمرة.\n\
         وقال [زعيم كوريا الشمالية كيم يونج أون|a] إن التعاون مستمر.",
    );
    // the key is the longest name a claim gave
    assert_eq!(keys[1], "كيم يونج اون");
}

#[test]
fn an_arabic_clitic_on_a_latin_word_is_no_name() {
    // «لـCNN» after a title says whom the words were for: not a name
    let keys = check(
        "وقال [الوزير|m] لـCNN إن الاجتماع تأجل.\n\
         وأضاف [الوزير|m] أن الموعد الجديد لم يحدد.",
    );
    assert!(!keys[0].contains("cnn"), "{keys:?}");
}

#[test]
fn english_spellings_surname_and_title_in_one_article() {
    check(
        "North Korean leader Kim Jong Un met Russian President Vladimir Putin on Tuesday.\n\
         [Kim|a] said the talks were historic. {a}\n\
         [The North Korean leader|a] added that ties were strong.\n\
         [Putin|p] said the meeting was useful.\n\
         [Kim Jong-un|a] later told reporters he was pleased.\n\
         [The president|p] said he would visit.",
    );
}

#[test]
fn a_pronoun_takes_the_last_compatible_speaker() {
    check(
        "[Acme Corp|o:organization] said profits rose. [Jane Roe|j] said costs fell. [It|o*] added that sales grew.",
    );
    check(
        "[Jane Roe|j] said costs fell. [The ministry|m:organization] said so too. [She|j*] added more.",
    );
}

#[test]
fn a_feminine_or_plural_cue_skips_speakers_that_cannot_agree() {
    // «وقالت العطار» is the MP, «وقال العطار» the minister; «وأضافت»
    // carried from the minister is the MP's
    check(
        "قالت [النائبة ريم العطار|r@قالت/قال] إن القانون ظالم. وقال [وزير الإسكان طارق العطار|t@قال/قال] إن القانون عادل.\n\
         وقالت [العطار|r@قالت/قال] إن الوزير أخطأ. وقال [العطار|t@قال/قال] إن التعديل ممكن.",
    );
    // a continuation the extractor carried from a man, with a feminine cue,
    // goes to the last woman who spoke
    check(
        "قالت [الوزيرة ليلى الشامي|l@قالت/قال] إن الحوار ممكن. وقال [السفير جيمس كارتر|j@قال/قال] إن بلاده مستعدة. وأضافت{l@أضافت/أضاف} أن الاجتماع الخميس.",
    );
    // English pronouns: she is not the brother, he is not the senator
    check(
        "[Senator Ellen Marsh|e] said the dam was risky. [Her brother, Governor Thomas Marsh|t] said it was safe.\n\
         [She|e*] added that the review was rushed. [Marsh, the governor|t] said it was not. [He|t*] said work would start.",
    );
    // a named group's first verb is singular; its continuation plural
    check(
        "قال [قادة الحركة|g:group@قال/قال] إن الهدنة صامدة. وأضافوا{g@أضافوا/أضاف} أن الحوار مستمر.",
    );
    // a dual cue that agrees with nobody keeps a key of its own
    let keys = check(
        "قالت [البعثة|b:organization@قالت/قال] إن المساعدات وصلت. وأعلنتا{x@أعلنتا/أعلن} أن الحدود مغلقة.",
    );
    assert!(keys[1].starts_with("unresolved:"), "{keys:?}");
}

#[test]
fn a_pronoun_skips_a_speaker_reported_inside_another_claim() {
    let (text, marks) = parse(
        "[US envoy James Carter|c] said [Washington|w] backed the effort. [He|c*] added more.",
    );
    let mut doc = document(&text, &marks);
    // the second claim lies inside the first one's content
    doc.claims[0].content.span = isnad_model::Span::new(marks[1].start, text.chars().count());
    doc.claims[0].span = isnad_model::Span::new(0, text.chars().count());
    let r = Resolver::builtin().unwrap();
    r.resolve(&mut doc, &text);
    let key = |i: usize| doc.claims[i].speaker.as_ref().unwrap().key.clone();
    assert_eq!(key(2), key(0));
    assert_ne!(key(1), key(0));
}

#[test]
fn a_headline_title_joins_the_one_person_given_it_later() {
    check(
        "[المبعوث الأممي|e]: الحرب طويلة.\nكشف [المبعوث الدولي إلى اليمن إسماعيل ولد الشيخ أحمد|e] أن المحادثات مستمرة. وأضاف [المبعوث الأممي لليمن|e] أن الحل قريب.",
    );
}

#[test]
fn a_nisba_and_its_noun_name_one_body() {
    check(
        "قالت [البعثة السويدية لدى الأمم المتحدة|b:organization] إن الاجتماع مهم. وقالت [بعثة السويد لدى الأمم المتحدة|b:organization] إن التصويت غدا. وقالت [الأمم المتحدة|u:organization] إن الأرقام دقيقة.",
    );
}

#[test]
fn explanations_say_how_the_key_was_found() {
    let (text, marks) = parse(
        "قالت [النائبة ريم العطار|r@قالت/قال] إن القانون ظالم. وقال [وزير الإسكان طارق العطار|t@قال/قال] إن القانون عادل. وقالت [العطار|r@قالت/قال] إن الوزير أخطأ.",
    );
    let mut doc = document(&text, &marks);
    let r = Resolver::builtin().unwrap();
    let how = r.resolve(&mut doc, &text);
    assert_eq!(how[2].rule, "surname");
    assert!(how[2].detail.contains("(claim 1)"), "{how:?}");
    assert!(how[2].detail.contains("not feminine"), "{how:?}");
}

/// `set_key` leaves a claim as `apply` does: the same key, and the same
/// `--explain` step when the claim has an explanation (none without).
#[test]
fn set_key_equals_apply_with_and_without_an_explanation() {
    let (text, marks) = parse(
        "قالت [النائبة ريم العطار|r@قالت/قال] إن القانون ظالم. وقال [وزير الإسكان طارق العطار|t@قال/قال] إن القانون عادل. وقالت [العطار|r@قالت/قال] إن الوزير أخطأ. Senator [Anna Berg|a] said so, and [Berg|a] added more.",
    );
    let r = Resolver::builtin().unwrap();
    for explain in [false, true] {
        let mut doc = document(&text, &marks);
        let mut pass = r.document_pass(&text);
        for mut claim in std::mem::take(&mut doc.claims) {
            if explain {
                claim.explain = Some(isnad_model::Explanation {
                    rule: "test".into(),
                    lexicon: Vec::new(),
                    steps: vec!["found".into()],
                });
            }
            pass.push(claim);
        }
        let (rest, keys) = pass.finish();
        assert_eq!(rest.len(), marks.len());
        for (claim, pending) in rest {
            let (mut by_apply, mut by_set) = (claim.clone(), claim);
            let applied = keys.apply(&mut by_apply, &pending).is_some();
            assert_eq!(keys.set_key(&mut by_set, &pending), applied);
            assert!(applied);
            assert_eq!(by_set, by_apply);
            let steps = by_set.explain.map_or(0, |e| e.steps.len());
            assert_eq!(steps, if explain { 2 } else { 0 });
        }
    }
}

/// A streamed pass keeps the words a speaker was linked by only for
/// claims with an explanation: with one, `apply` gives what the whole pass
/// gives (key, rule, step); without, the same key and rule.
#[test]
fn a_streamed_pass_keeps_the_linked_words_for_explained_claims() {
    let (text, marks) = parse(
        "قالت [النائبة ريم العطار|r@قالت/قال] إن القانون ظالم. وقال [وزير الإسكان طارق العطار|t@قال/قال] إن القانون عادل. وقالت [العطار|r@قالت/قال] إن الوزير أخطأ. Senator [Anna Berg|a] said so, and [Berg|a] added more.",
    );
    let r = Resolver::builtin().unwrap();
    for explain in [false, true] {
        let mut doc = document(&text, &marks);
        let claims: Vec<_> = std::mem::take(&mut doc.claims)
            .into_iter()
            .map(|mut claim| {
                if explain {
                    claim.explain = Some(isnad_model::Explanation {
                        rule: "test".into(),
                        lexicon: Vec::new(),
                        steps: Vec::new(),
                    });
                }
                claim
            })
            .collect();
        let mut whole = r.document_pass(&text);
        let mut streamed = r.streamed_pass();
        streamed.push_text(&text);
        for claim in &claims {
            whole.push(claim.clone());
            streamed.push(claim.clone());
        }
        let (a, keys_a) = whole.finish();
        let (b, keys_b) = streamed.finish();
        assert_eq!(a.len(), b.len());
        let mut words_left_out = 0;
        for ((mut ca, pa), (mut cb, pb)) in a.into_iter().zip(b) {
            let ra = keys_a.apply(&mut ca, &pa).unwrap();
            let rb = keys_b.apply(&mut cb, &pb).unwrap();
            assert_eq!((&ra.key, ra.rule), (&rb.key, rb.rule));
            assert_eq!(ca, cb);
            if explain {
                assert_eq!(ra.detail, rb.detail);
            } else if ra.detail != rb.detail {
                words_left_out += 1;
                assert!(rb.detail.contains("«»"), "{}", rb.detail);
            }
        }
        assert_eq!(words_left_out > 0, !explain);
    }
}

#[test]
fn offices_and_their_holders_stay_apart() {
    // the ministry and its minister, the presidency and the president
    check(
        "قالت [وزارة الخارجية|m:organization] إن السفير سيغادر. وقال [وزير الخارجية سامي الخطيب|s] إن القرار نهائي.\n\
         وأضافت [الخارجية|m:organization] أن الحوار ممكن. وقال [الوزير|s] إن الباب مفتوح.\n\
         وقالت [الرئاسة|p:organization] إنها تتابع. وقال [الرئيس منير داود|d] إن العلاقات متينة.",
    );
    check(
        "[The State Department|s:organization] said the envoy was recalled. [Secretary of State Lena Ortiz|o] said it was no punishment.\n\
         [The department|s:organization] added that talks would go on. [The secretary|o] said no sanctions were planned.",
    );
}

#[test]
fn a_verb_after_a_title_in_a_reported_clause_is_not_a_name() {
    check(
        "قال [وزير الإسكان طارق العطار|t] إن القانون عادل. وقالت [النائبة ريم العطار|r@قالت/قال] إن الوزير تجاهل مطالب السكان.\n\
         وأكد [الوزير|t] أن التعديلات قادمة.",
    );
}

#[test]
fn a_surname_spelled_another_way_joins_the_full_name() {
    check(
        "[Johannes Christensen|j] said work would stop. [Christenson|j] said the strike caused it. [Laila al-Shami|l] said talks would start.",
    );
}

#[test]
fn a_channel_noun_stands_for_the_last_speaker() {
    check(
        "قالت [وزارة الخارجية الروسية|m:organization] إن النشاطات استفزازية. وجاء في [البيان|m:organization] أن الرد سيكون حازما.",
    );
    check(
        "[The Mine Workers Union|u:organization] said the strike would go on. [The statement|u:organization] said wages were too low.",
    );
}

#[test]
fn a_body_named_after_a_title_is_not_part_of_the_name() {
    let r = Resolver::builtin().unwrap();
    assert_eq!(
        r.matching_key("المدير التنفيذي لشركة نوردستال يوهانس كريستنسن"),
        r.matching_key("يوهانس كريستنسن")
    );
}

#[test]
fn a_title_with_a_complement_refers_to_its_holder() {
    // the extractor may stop at the title: the name after it in the text
    check(
        "وقال [مدير الدفاع المدني|y] العقيد يوسف برهوم إن فرقه تعمل. وأشار [برهوم|y] إلى أن الحصيلة قد ترتفع.",
    );
    check(
        "قال [رئيس كوريا الجنوبية مون هي|s] إن الحوار ممكن. وقال [رئيس كوريا الشمالية كيم سون|n] إن الحوار مستحيل.\n\
         وأكد [رئيس كوريا الجنوبية|s] أن الباب مفتوح.",
    );
}

#[test]
fn a_verbs_object_after_a_family_name_is_not_part_of_the_name() {
    let r = Resolver::builtin().unwrap();
    assert_eq!(
        r.matching_key("رئيسة الوزراء سعاد المصري حالة الطوارئ في ثلاث محافظات"),
        r.matching_key("سعاد المصري")
    );
    // connectors keep a name going
    assert_ne!(
        r.matching_key("عبد الله الثاني بن الحسين"),
        r.matching_key("عبد الله الثاني")
    );
}

#[test]
fn a_shortened_office_and_a_courtesy_title_find_their_holder() {
    check(
        "قال [رئيس نقابة عمال الميناء سمير الحلبي|s] إن الإضراب مستمر. وقالت [مديرة الميناء رنا الحلبي|r] إن الخسائر كبيرة.\n\
         وقال [رئيس النقابة|s] إن العرض لا يكفي.",
    );
    check(
        "[Samir Halabi, head of the port workers' union|s] said the strike would go on. [Port director Rana Halabi|r] said losses grew.\n\
         [Ms. Halabi|r] said the offer stood. [The union leader|s] said it was not enough.",
    );
}

#[test]
fn a_title_inside_a_chain_is_not_the_persons_and_mr_is_not_a_woman() {
    // «نائبة رئيس النادي» is the vice-president, not the president
    check(
        "قال [رئيس نادي الشروق مصطفى الغرباوي|m@قال/قال] إن النادي لن يبيع لاعبيه. وقالت [نائبة رئيس النادي هدى الغرباوي|h@قالت/قال] إن العقود جاهزة.\n\
         وقال [رئيسها|m@قال/قال] إن الجماهير تستحق الأفضل.",
    );
    check(
        "Club president [Mustafa Gharbawi|m] said the stars would stay. Vice president [Huda Gharbawi|h] said deals were near.\n\
         [She|h*] said talks went on. [Mr. Gharbawi|m] said the fans deserved the best.",
    );
    check(
        "Portuguese coach [João Almeida|j] said he was happy. [The coach|j] said the title was the goal.",
    );
}

#[test]
fn a_final_heh_in_a_transliterated_name_is_optional() {
    let r = Resolver::builtin().unwrap();
    assert_eq!(r.matching_key("هانز كلوغه"), r.matching_key("هانز كلوج"));
    assert_eq!(r.matching_key("عبدالله"), r.matching_key("عبد الله"));
}

#[test]
fn continuation_cues_carry_the_speaker() {
    check(
        "قال [الوزير سامي فارس|s] إن الوضع مستقر. وأضاف{s} أن المحادثات مستمرة. وتابع{s} أن الحل قريب.",
    );
    check("[Jane Roe|j] said the plan works. She added{j} that it was cheap.");
}

#[test]
fn two_ministers_sharing_a_family_name_stay_apart() {
    check(
        "قال [وزير الخارجية سامي فارس|s] إن الحوار ممكن. وقال [وزير الدفاع رامي فارس|r] إن الجيش جاهز.\n\
         وأكد [وزير الخارجية|s] أن الحل سياسي.",
    );
    check(
        "[Foreign Minister Ahmad Saleh|a] said talks would resume. [Defence Minister Mahmoud Saleh|m] said troops were ready.\n\
         Later, [Mahmoud Saleh|m] said the border was calm. [Saleh|m] added that no shots were fired.",
    );
}

#[test]
fn a_surname_two_people_share_in_one_sentence_is_left_alone() {
    let keys = check(
        "Kim Jong Un met his sister Kim Yo Jong in the capital.\n\
         [Kim Jong Un|a] said the talks went well. [Kim Yo Jong|b] said the talks failed.\n\
         Both Kim Jong Un and Kim Yo Jong attended the parade. [Kim|x] said the parade was large.",
    );
    assert_eq!(keys[2], "kim");
    // when the text says which one: the last one named
    check(
        "[Kim Jong Un|a] said the talks went well. Later, [Kim Yo Jong|b] spoke to reporters.\n\
         [Kim|b] said the talks had failed.",
    );
    check(
        "قال [كيم جونغ أون|a] إن المحادثات نجحت. ثم تحدثت [كيم يو جونغ|b] إلى الصحفيين.\n\
         وقالت [كيم|b] إن المحادثات فشلت.",
    );
}

#[test]
fn an_office_without_a_name_is_its_own_entity() {
    check(
        "وصف [رئيس كوريا الجنوبية|s] التعاون بأنه خطير. وقال [كيم جونغ أون|k] إن التعاون مفيد.\n\
         وأوضح [رئيس كوريا الجنوبية|s] أنه سيثير القضية.",
    );
}

#[test]
fn a_surname_before_the_full_name_joins_it_when_unique() {
    check(
        "[Kim|a]: the talks were historic.\nNorth Korean leader [Kim Jong Un|a] said on Monday that ties were strong.",
    );
}

#[test]
fn organizations_group_by_spelling_only() {
    check(
        "[Acme Corp|o:organization] said one thing. [ACME corp|o:organization] said another. [Acme Group|g:organization] said a third.",
    );
}

// ---- the alias file ---------------------------------------------------

const ALIASES: &str = r#"
[[entity]]
name = "Jane Roe"
wikidata = "Q1"
aliases = ["جين رو", "the chief executive"]

[[entity]]
name = "Sam Roe"
aliases = ["Samuel Roe"]
"#;

#[test]
fn the_alias_file_wins_and_gives_the_key() {
    let keys = check_with(
        "[Jane Roe|j] said costs fell. [The chief executive|j] said sales rose. [Samuel Roe|s] said nothing. [Sam Roe|s] agreed.",
        ALIASES,
    );
    assert_eq!(keys[0], "Q1");
    assert_eq!(keys[2], "sam roe");
    let keys = check_with(
        "قالت [جين رو|j] إن التكاليف انخفضت. وقالت [رو|j] إن المبيعات ارتفعت.",
        ALIASES,
    );
    assert_eq!(keys[0], "Q1");
    assert_eq!(keys[1], "Q1");
    // and the explanation names the entry
    let (text, marks) = parse("[Jane Roe|j] said costs fell.");
    let mut doc = document(&text, &marks);
    let file = Resolver::parse_alias_file(ALIASES, "a.toml").unwrap();
    let r = Resolver::builtin()
        .unwrap()
        .with_aliases(&file, "a.toml")
        .unwrap();
    let how = r.resolve(&mut doc, &text);
    assert_eq!(how[0].detail, "alias file entry Q1");
}

#[test]
fn alias_files_are_checked() {
    assert!(Resolver::parse_alias_file("[[entity]]\nnam = \"x\"\n", "a.toml").is_err());
    let err =
        Resolver::parse_alias_file("[[entity]]\nname = \"x\"\nbogus = 1\n", "a.toml").unwrap_err();
    assert!(err.to_string().starts_with("a.toml:3:1"), "{err}");
    let file =
        Resolver::parse_alias_file("[[entity]]\nname = \"x\"\nwikidata = \"56226\"\n", "a.toml")
            .unwrap();
    assert!(
        Resolver::builtin()
            .unwrap()
            .with_aliases(&file, "a.toml")
            .is_err()
    );
}

// ---- the report -------------------------------------------------------

#[test]
fn the_report_merges_across_documents_and_suggests_the_rest() {
    use crate::ClaimView;
    use isnad_model::{Attribution, Certainty, SpeakerKind};
    let r = Resolver::builtin().unwrap();
    let view = |doc: &str, name: &str, key: &str, hedged: bool| ClaimView {
        document: doc.into(),
        name: name.into(),
        key: key.into(),
        kind: Some(SpeakerKind::Person),
        attribution: Attribution::Attributed,
        certainty: if hedged {
            Certainty::Hedged
        } else {
            Certainty::Asserted
        },
    };
    let claims = vec![
        view("a", "كيم جونج وون", "كيم جونج وون", false),
        view("a", "كيم", "كيم جونج وون", true),
        view(
            "b",
            "الزعيم الكوري الشمالي كيم جونغ أون",
            "كيم جونغ اون",
            false,
        ),
        view("b", "Ahmad Saleh", "ahmad saleh", false),
        view("b", "Mahmoud Saleh", "mahmoud saleh", false),
    ];
    let report = r.summarize(&claims, 2, "files");
    assert_eq!(report.entities.len(), 3, "{report:#?}");
    let kim = &report.entities[0];
    assert_eq!(kim.claims, 3);
    assert_eq!(kim.documents, 2);
    assert_eq!(kim.certainty.hedged, 1);
    assert_eq!(kim.variants.len(), 3);
    assert_eq!(report.suggestions.len(), 1, "{report:#?}");
    assert_eq!(report.suggestions[0].a, "ahmad saleh");
}

#[test]
fn the_report_suggests_one_person_across_scripts_and_never_merges() {
    let r = Resolver::builtin().unwrap();
    let view = |doc: &str, name: &str| ClaimView {
        document: doc.into(),
        name: name.into(),
        key: isnad_text::normalize_str(name),
        kind: Some(isnad_model::SpeakerKind::Person),
        attribution: isnad_model::Attribution::Attributed,
        certainty: isnad_model::Certainty::Asserted,
    };
    let claims = vec![
        view("ar.txt", "يوهانس كريستنسن"),
        view("ar.txt", "ليلى الشامي"),
        view("en.txt", "Johannes Christensen"),
        view("en.txt", "Laila al-Shami"),
    ];
    let report = r.summarize(&claims, 2, "files");
    assert_eq!(report.entities.len(), 4, "{report:#?}");
    let pairs: Vec<(&str, &str, &str)> = report
        .suggestions
        .iter()
        .map(|s| (s.a_name.as_str(), s.b_name.as_str(), s.basis.as_str()))
        .collect();
    for (a, b) in [
        ("Johannes Christensen", "يوهانس كريستنسن"),
        ("Laila al-Shami", "ليلى الشامي"),
    ] {
        assert!(
            pairs.contains(&(a, b, "transliteration"))
                || pairs.contains(&(b, a, "transliteration")),
            "{pairs:?}"
        );
    }
    assert_eq!(pairs.len(), 2, "{pairs:?}");
}

#[test]
fn no_panic_on_odd_input() {
    let r = Resolver::builtin().unwrap();
    for name in [
        "", " ", "-", "«»", "ال", "د.", "The", "\u{200f}", "ـــ", "Mr.",
    ] {
        let _ = r.matching_key(name);
        let _ = r.similarity(name, "x");
    }
    check("[-|a] said x. [ال|b] said y.");
}

#[test]
fn a_title_makes_a_person_whatever_the_kind() {
    check(
        "وقال [المتحدث باسم اللجنة العليا|f:organization] للانتخابات فادي عيسى إن اللجنة ستنشر النتائج.\n\nوأوضح [عيسى|f] أن عدد الناخبين كبير.",
    );
}

proptest::proptest! {
    /// Any names, texts and spans (inside, across or outside the text, or
    /// reversed): no panic, and a key for every named speaker.
    #[test]
    fn never_panics(
        text in "[a-zA-Z \\-.,'\u{0621}-\u{064A}\u{064B}-\u{0652}\u{200f}«»\n]{0,120}",
        names in proptest::collection::vec("[a-zA-Z \\-.\u{0621}-\u{064A}\u{0640}«»#_]{0,24}", 0..6),
        spans in proptest::collection::vec((0usize..200, 0usize..200, proptest::bool::ANY), 0..6),
    ) {
        let r = Resolver::builtin().unwrap();
        let marks: Vec<Mark> = names
            .iter()
            .zip(&spans)
            .map(|(n, &(a, b, implicit))| Mark {
                label: String::new(),
                name: n.clone(),
                start: a,
                end: b,
                kind: "person".into(),
                implicit,
                claim_at: a.min(b),
                // random cues too: the agreement rules read any word
                cue: n.split_whitespace().next().map(|w| (w.to_string(), n.clone())),
            })
            .collect();
        let mut doc = document(&text, &marks);
        let _ = r.resolve(&mut doc, &text);
        for c in &doc.claims {
            let _ = &c.speaker.as_ref().unwrap().key;
        }
        let _ = r.matching_key(&text);
        let _ = r.similarity(&text, names.first().map_or("", String::as_str));
    }
}
