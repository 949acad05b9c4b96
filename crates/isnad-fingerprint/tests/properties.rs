//! Property tests of fingerprints, the streaming reader and the locator.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use isnad_fingerprint::{fingerprint, fingerprint_document, fingerprint_reader, locate};
use isnad_text::{detect_language, normalize_str};
use proptest::prelude::*;

const AR_WORDS: &[&str] = &[
    "قال",
    "الرئيس",
    "إن",
    "الحكومة",
    "ستعلن",
    "أمس",
    "مصادر",
    "مطلعة",
    "السد",
    "الجديد",
    "سيحمي",
    "المدينة",
    "على",
    "إلى",
    "مدرسة",
    "مصطفى",
    "آمال",
    "الأمم",
    "المتحدة",
    "بيان",
    "وأضاف",
    "كوريا",
    "روسيا",
    "تعاون",
    "عام",
];
const EN_WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "dam",
    "will",
    "protect",
    "city",
    "sources",
    "familiar",
    "with",
    "project",
    "cost",
    "could",
    "rise",
    "Reuters",
    "Tuesday",
    "officials",
    "denied",
    "report",
    "year",
];
const DIGITS: &[&str] = &["2019", "3", "12", "450"];

#[derive(Debug, Clone)]
enum Token {
    Word(&'static str),
    Digits(&'static str),
    Quoted(Vec<&'static str>),
    Break,
    Paragraph,
}

fn tokens() -> impl Strategy<Value = Vec<Token>> {
    let token = prop_oneof![
        8 => prop::sample::select(AR_WORDS).prop_map(Token::Word),
        5 => prop::sample::select(EN_WORDS).prop_map(Token::Word),
        1 => prop::sample::select(DIGITS).prop_map(Token::Digits),
        1 => prop::collection::vec(prop::sample::select(AR_WORDS), 1..4).prop_map(Token::Quoted),
        1 => Just(Token::Break),
        1 => Just(Token::Paragraph),
    ];
    prop::collection::vec(token, 1..40)
}

/// How a text is written: the variations that must not change a
/// fingerprint.
#[derive(Debug, Clone)]
struct Style {
    diacritics: bool,
    tatweel: bool,
    alef: usize,
    digits: usize,
    quotes: usize,
    space: usize,
    invisible: bool,
    upper: bool,
}

fn style() -> impl Strategy<Value = Style> {
    (
        any::<bool>(),
        any::<bool>(),
        0..4usize,
        0..3usize,
        0..4usize,
        0..4usize,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(diacritics, tatweel, alef, digits, quotes, space, invisible, upper)| Style {
                diacritics,
                tatweel,
                alef,
                digits,
                quotes,
                space,
                invisible,
                upper,
            },
        )
}

fn write_word(out: &mut String, word: &str, s: &Style) {
    let n = word.chars().count();
    for (i, c) in word.chars().enumerate() {
        let c = match (c, s.alef) {
            ('ا', 1) if i == 0 => 'أ',
            ('ا', 2) => 'إ',
            ('ا', 3) if i == 0 => 'آ',
            ('ي', _) if s.alef == 1 && i + 1 == n => 'ى',
            ('ه', _) if s.alef == 2 && i + 1 == n => 'ة',
            (c, _) if s.upper && c.is_ascii_lowercase() && i == 0 => c.to_ascii_uppercase(),
            (c, _) => c,
        };
        out.push(c);
        let arabic = ('\u{0621}'..='\u{064A}').contains(&c);
        if arabic && s.diacritics && i % 2 == 0 {
            out.push('\u{064E}');
        }
        if arabic && s.tatweel && i == 1 && i + 1 < n {
            out.push('\u{0640}');
        }
        if s.invisible && i == 0 {
            out.push('\u{200C}');
        }
    }
}

fn write_digits(out: &mut String, digits: &str, s: &Style) {
    for d in digits.chars() {
        let v = d as u32 - '0' as u32;
        out.push(match s.digits {
            1 => char::from_u32(0x0660 + v).unwrap(),
            2 => char::from_u32(0x06F0 + v).unwrap(),
            _ => d,
        });
    }
}

fn space(s: &Style) -> &'static str {
    match s.space {
        1 => "  ",
        2 => " \u{00A0}",
        3 => "\t",
        _ => " ",
    }
}

fn render(tokens: &[Token], s: &Style) -> String {
    let (open, close) = match s.quotes {
        1 => ("«", "»"),
        2 => ("“", "”"),
        3 => ("„", "“"),
        _ => ("\"", "\""),
    };
    let mut out = String::new();
    if s.invisible {
        out.push('\u{200F}');
    }
    for t in tokens {
        match t {
            Token::Word(w) => write_word(&mut out, w, s),
            Token::Digits(d) => write_digits(&mut out, d, s),
            Token::Quoted(ws) => {
                out.push_str(open);
                for (k, w) in ws.iter().enumerate() {
                    if k > 0 {
                        out.push_str(space(s));
                    }
                    write_word(&mut out, w, s);
                }
                out.push_str(close);
            }
            Token::Break => out.push('\n'),
            Token::Paragraph => out.push_str(if s.space == 2 { "\n\u{00A0}\n" } else { "\n\n" }),
        }
        out.push_str(space(s));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Diacritics, tatweel, alef forms, alef maksura, teh marbuta, digit
    /// script, quote style, whitespace, invisible controls and letter case
    /// do not change a fingerprint.
    #[test]
    fn fingerprints_are_invariant_under_spelling_variations(t in tokens(), a in style(), b in style()) {
        let (x, y) = (render(&t, &a), render(&t, &b));
        prop_assert_eq!(fingerprint(&x), fingerprint(&y), "{:?} vs {:?}", x, y);
    }

    /// Changing one word changes it.
    #[test]
    fn a_changed_word_changes_the_fingerprint(t in tokens(), s in style(), at in any::<prop::sample::Index>(), w in prop::sample::select(AR_WORDS)) {
        let words: Vec<usize> = t.iter().enumerate().filter(|(_, t)| matches!(t, Token::Word(_))).map(|(i, _)| i).collect();
        prop_assume!(!words.is_empty());
        let i = words[at.index(words.len())];
        let Token::Word(old) = t[i] else { unreachable!() };
        prop_assume!(normalize_str(old) != normalize_str(w));
        let mut changed = t.clone();
        changed[i] = Token::Word(w);
        prop_assert_ne!(fingerprint(&render(&t, &s)), fingerprint(&render(&changed, &s)));
    }

    /// The document's fingerprint is the fingerprint of the whole text, its
    /// passages tile the text's non-blank characters in order, each passage's
    /// fingerprint is the fingerprint of its text, and the streaming reader
    /// agrees with the whole-text path whatever the read size.
    #[test]
    fn document_passages_and_reader_agree(t in tokens(), s in style(), read in 1usize..64) {
        let text = render(&t, &s);
        let doc = fingerprint_document("-", &text);
        prop_assert_eq!(&doc.document.fingerprint, &fingerprint(&text));
        prop_assert_eq!(doc.document.length, text.chars().count());
        prop_assert_eq!(doc.document.language.as_str(), detect_language(&text));
        let mut last = 0;
        for (k, p) in doc.passages.iter().enumerate() {
            prop_assert_eq!(&p.id, &format!("p{}", k + 1));
            prop_assert!(p.span.start >= last && p.span.end > p.span.start);
            last = p.span.end;
            let slice = p.span.slice(&text).unwrap();
            prop_assert_eq!(&p.fingerprint, &fingerprint(slice));
            prop_assert_eq!(p.language.as_str(), detect_language(slice));
        }
        let mut streamed = Vec::new();
        let info = fingerprint_reader("-", Trickle { data: text.as_bytes(), size: read }, |p, _| streamed.push(p)).unwrap();
        prop_assert_eq!(&info, &doc.document);
        prop_assert_eq!(streamed, doc.passages);
        let only = isnad_fingerprint::document_reader("-", Trickle { data: text.as_bytes(), size: read }).unwrap();
        prop_assert_eq!(&only, &doc.document);
    }

    /// A stretch of the text, respelled, is found exactly, and its span
    /// covers the same words.
    #[test]
    fn respelled_quotes_are_found_exactly(t in tokens(), a in style(), b in style(), from in any::<prop::sample::Index>(), len in 2usize..6) {
        let words: Vec<Token> = t.iter().filter(|t| matches!(t, Token::Word(_))).cloned().collect();
        prop_assume!(words.len() >= 2);
        let start = from.index(words.len() - 1);
        let quote: Vec<Token> = words[start..(start + len).min(words.len())].to_vec();
        let text = render(&t, &a);
        let q = render(&quote, &b);
        if let Some(m) = locate(&text, &q) {
            if m.exact {
                prop_assert_eq!(normalize_str(m.span.slice(&text).unwrap()), normalize_str(&q));
            }
        } else {
            // Words of the quote that are not adjacent in the text (a
            // break or digits between them) are not an exact match, but
            // a similar window exists.
            prop_assert!(false, "quote {:?} not located in {:?}", q, text);
        }
    }

    /// Nothing panics on arbitrary Unicode.
    #[test]
    fn no_panic_on_arbitrary_text(s in any::<String>(), q in any::<String>()) {
        let doc = fingerprint_document("-", &s);
        prop_assert_eq!(&doc.document.fingerprint, &fingerprint(&s));
        let _ = locate(&s, &q);
    }
}

struct Trickle<'a> {
    data: &'a [u8],
    size: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.size.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

#[test]
fn hand_written_variants() {
    let base = fingerprint("قال الرئيس: \"سنعلن الخطة عام 2019\"، وأضاف أن مدرسة مصطفى جاهزة.");
    for variant in [
        "قالَ الرئيسُ: «سنعلن الخطة عام ٢٠١٩»، وأضاف أنّ مدرسه مصطفي جاهزة.",
        "قــال   الرئيس:\n“سنعلن الخطة عام ۲۰۱۹”، وأضاف أن مدرسة مصطفى جاهزة.",
        "\u{200F}قال الرئيس: „سنعلن الخطة عام 2019“، وأضاف إن مدرسة مصطفى جاهزة.",
    ] {
        assert_eq!(fingerprint(variant), base, "{variant}");
    }
    assert_ne!(
        fingerprint("قال الرئيس: \"سنعلن الخطة عام 2020\""),
        fingerprint("قال الرئيس: \"سنعلن الخطة عام 2019\"")
    );
    assert_eq!(
        fingerprint("\u{201C}This dam will protect us,\u{201D} he said \u{2014} twice."),
        fingerprint("\"this dam will  protect us,\" He said - twice.")
    );
}
