//! Property tests of the `isnad-norm-1` matching form.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use isnad_text::{ScriptCounts, StreamNormalizer, normalize, normalize_str};
use proptest::prelude::*;

/// Text drawn from the characters that matter: Arabic letters and marks,
/// Latin, quotes, dashes, digits, whitespace, invisible controls, combining
/// marks, presentation forms, and anything else.
fn texty() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        4 => prop::sample::select(vec![
            "ق", "ا", "ل", "أ", "إ", "آ", "ٱ", "ى", "ي", "ة", "ه", "ئ", "ؤ", "ء", "ـ", "\u{064E}", "\u{0651}", "\u{0652}",
            "\u{0654}", "\u{0655}", "\u{0653}", "\u{0670}", "\u{0610}", "\u{06D6}", "\u{06DD}", "٣", "۴", "،", "؟", "؛", "۔",
        ]).prop_map(str::to_string),
        3 => prop::sample::select(vec![
            "a", "B", "e", "İ", "Σ", "ς", "Ж", "ß", "ﬁ", "Ａ", "…", "1", ".", ",", "’", "«", "»", "“", "”", "„", "‹", "›", "\"",
            "'", "–", "—", "-", " ", "  ", "\n", "\n\n", "\t", "\u{00A0}", "\u{202F}", "\u{3000}",
        ]).prop_map(str::to_string),
        2 => prop::sample::select(vec![
            "\u{200B}", "\u{200C}", "\u{200D}", "\u{200E}", "\u{200F}", "\u{202B}", "\u{202E}", "\u{2067}", "\u{FEFF}",
            "\u{00AD}", "\u{034F}", "\u{0301}", "\u{0308}", "\u{0323}", "\u{0345}", "\u{FE0F}", "\u{FE71}", "\u{FC5E}",
            "\u{FEFB}", "\u{1100}", "\u{1161}", "\u{11A8}", "\u{3150}", "\u{0F73}", "\u{0344}", "\u{1E9E}", "\u{212B}",
        ]).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn idempotent(s in texty()) {
        let once = normalize_str(&s);
        prop_assert_eq!(normalize_str(&once), once.clone());
    }

    #[test]
    fn idempotent_on_arbitrary_unicode(s in any::<String>()) {
        let once = normalize_str(&s);
        prop_assert_eq!(normalize_str(&once), once.clone());
    }

    #[test]
    fn offsets_map_into_the_original_and_are_monotone(s in texty()) {
        let m = normalize(&s);
        let len = s.chars().count();
        prop_assert_eq!(m.original_len(), len);
        let mut last = 0;
        for (i, _) in m.as_str().char_indices() {
            let o = m.original_offset(i);
            prop_assert!(o < len.max(1));
            prop_assert!(o >= last);
            last = o;
            let span = m.original_span(i..i + 1);
            prop_assert!(span.end <= len && span.start <= span.end);
        }
        prop_assert!(m.original_offset(m.len()) <= len);
        let whole = m.original_span(0..m.len());
        prop_assert!(whole.end <= len);
    }

    #[test]
    fn map_version_equals_plain_version(s in texty()) {
        let m = normalize(&s);
        prop_assert_eq!(m.as_str(), normalize_str(&s));
    }

    #[test]
    fn streaming_in_any_chunks_equals_whole(s in texty(), cuts in prop::collection::vec(0usize..200, 0..6)) {
        prop_assert_eq!(stream_in_chunks(&s, cuts), normalize_str(&s));
    }
}

/// `s` normalized by a [`StreamNormalizer`] fed in the pieces cut at the
/// byte offsets `cuts` (moved back to character boundaries).
fn stream_in_chunks(s: &str, mut cuts: Vec<usize>) -> String {
    let mut out = String::new();
    let mut n = StreamNormalizer::new();
    let mut carry = String::new();
    let mut pos = 0;
    cuts.sort_unstable();
    for c in cuts {
        let mut c = c.min(s.len());
        while !s.is_char_boundary(c) {
            c -= 1;
        }
        if c <= pos {
            continue;
        }
        carry.push_str(&s[pos..c]);
        pos = c;
        let used = n.feed(&carry, false, &mut out);
        carry.drain(..used);
    }
    carry.push_str(&s[pos..]);
    n.feed(&carry, true, &mut out);
    out
}

/// Printable ASCII and the basic Arabic letters U+0621–U+063A,
/// U+0641–U+064A.
fn is_plain(c: char) -> bool {
    c.is_ascii_graphic()
        || ('\u{621}'..='\u{63A}').contains(&c)
        || ('\u{641}'..='\u{64A}').contains(&c)
}

/// The characters the normalizer takes 32 bytes at a time (printable
/// ASCII, single spaces, the basic Arabic letters, several of which change)
/// in long runs, broken now and then by any of [`texty`]'s pieces: runs
/// that start, end and break at every position of a block.
fn plainy() -> impl Strategy<Value = String> {
    let plain = prop::sample::select(
        (0x21u32..0x650)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain(c))
            .chain([' ', ' ', ' ', 'ا', 'أ', 'ة', 'ى', 'A', '\''])
            .collect::<Vec<_>>(),
    )
    .prop_map(|c| c.to_string());
    let piece = prop_oneof![30 => plain, 1 => texty()];
    prop::collection::vec(piece, 0..300).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn plain_runs_equal_the_reference(s in plainy(), cuts in prop::collection::vec(0usize..2000, 0..6)) {
        let expected = reference::normalize(&s);
        prop_assert_eq!(normalize_str(&s), expected.clone());
        prop_assert_eq!(normalize(&s).into_string(), expected.clone());
        prop_assert_eq!(stream_in_chunks(&s, cuts), expected);
        // Letters and code points are counted as the text is.
        let mut n = StreamNormalizer::new();
        n.feed(&s, true, &mut String::new());
        prop_assert_eq!(n.scripts(), ScriptCounts::of(s.chars()));
        prop_assert_eq!(n.code_points(), s.chars().count());
        // Every character of the matching form comes from a piece of the
        // original that gives it.
        let m = normalize(&s);
        let chars: Vec<char> = s.chars().collect();
        for (i, c) in m.as_str().char_indices() {
            let span = m.original_span(i..i + c.len_utf8());
            let piece: String = chars[span.start..span.end].iter().collect();
            prop_assert!(c == ' ' || normalize_str(&piece).contains(c), "{:?} from {:?}", c, piece);
        }
    }

    /// Text of plain characters and single spaces keeps its length, so
    /// the k-th character of the matching form comes from the k-th of the
    /// original.
    #[test]
    fn plain_runs_map_one_to_one(s in plainy()) {
        let s: String = s
            .chars()
            .filter(|&c| c == ' ' || is_plain(c))
            .collect::<String>()
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let m = normalize(&s);
        prop_assert_eq!(m.as_str().chars().count(), s.chars().count());
        for (k, (i, _)) in m.as_str().char_indices().enumerate() {
            prop_assert_eq!(m.original_span(i..i + 1), isnad_model::Span::new(k, k + 1));
        }
    }
}

#[test]
fn no_panic_on_huge_lines_and_lone_marks() {
    let marks = "\u{0301}".repeat(100_000);
    assert_eq!(normalize_str(&marks), marks);
    let line = "قالَ الرئيسُ \u{200F}«نعم»\u{200E} ".repeat(20_000);
    let m = normalize(&line);
    assert!(m.len() < line.len());
    let controls = "\u{202E}\u{2066}\u{200D}".repeat(10_000);
    assert_eq!(normalize_str(&controls), "");
}

mod segmentation {
    use isnad_text::{last_block_boundary, layout, segment, segment_part};
    use proptest::prelude::*;

    fn lines() -> impl Strategy<Value = String> {
        let line = prop_oneof![
            3 => prop::sample::select(vec![
                "وقال د. رائد العزاوي إن النمو بلغ 3.5 في المئة. وأضاف: «لن نتراجع. أبدا».",
                "The minister, Dr. J. Smith, said on Tuesday at 10.30 a.m. that the U.S. would help. \"We will. Soon.\" Then he left.",
                "عنوان الخبر: الرئيس يحذر",
                "نشر",
                "By the News Desk",
                "- first item",
                "2. second item",
                "الأحد 17 سبتمبر 2023 - 10:30",
                "\u{00A0}",
                "   ",
                "",
                "\u{200F}مرحبا\u{200E}",
                "اقرأ أيضا|",
                "a line that is wrapped over several lines of text in the source file",
            ]).prop_map(str::to_string),
            1 => any::<String>(),
        ];
        let sep = prop::sample::select(vec![
            "\n", "\r\n", "\n\n", "\r", "\u{2029}", "\u{2028}", "\u{85}",
        ]);
        prop::collection::vec((line, sep), 0..14)
            .prop_map(|v| v.into_iter().map(|(l, s)| l + s).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Blocks are ordered, trimmed, non-empty and inside the text;
        /// sentences lie inside their block, in order; the layout agrees
        /// with the blocks.
        #[test]
        fn blocks_and_sentences_are_well_formed(text in lines()) {
            let len = text.chars().count();
            let blocks = segment(&text);
            let laid = layout(&text, 0, true);
            prop_assert_eq!(blocks.len(), laid.len());
            let mut last = 0;
            for (b, l) in blocks.iter().zip(&laid) {
                prop_assert_eq!(b.span, l.span);
                prop_assert_eq!(b.kind, l.kind);
                prop_assert_eq!(b.span.slice(&text), Some(&text[l.bytes.clone()]));
                prop_assert!(b.span.start >= last && b.span.start < b.span.end && b.span.end <= len);
                last = b.span.end;
                let slice = b.span.slice(&text).unwrap();
                prop_assert!(!slice.starts_with(char::is_whitespace) && !slice.ends_with(char::is_whitespace));
                let mut s_last = b.span.start;
                for s in &b.sentences {
                    prop_assert!(b.span.contains(s) && s.start >= s_last && !s.is_empty());
                    s_last = s.end;
                }
            }
        }

        /// Cutting the text at block boundaries and segmenting the parts
        /// gives the blocks of the whole.
        #[test]
        fn parts_equal_the_whole(text in lines()) {
            let whole = segment(&text);
            let mut cuts = Vec::new();
            let mut rest = text.as_str();
            while let Some(b) = last_block_boundary(rest) {
                if b == 0 { break; }
                cuts.push(b);
                rest = &rest[..b - 1];
            }
            cuts.sort_unstable();
            let mut parts = Vec::new();
            let (mut prev, mut offset) = (0, 0);
            for c in cuts.into_iter().chain(std::iter::once(text.len())) {
                let part = &text[prev..c];
                let at_start = parts.is_empty();
                parts.extend(segment_part(part, offset, at_start));
                offset += part.chars().count();
                prev = c;
            }
            prop_assert_eq!(parts, whole);
        }
    }
}

/// The rules of `isnad-norm-1` as the module documentation states them,
/// written as plainly as possible (whole-text NFKC, one fold per
/// character, repeated to a fixed point, then whitespace collapsed): the
/// reference that the fast table-driven normalizer must equal exactly.
mod reference {
    use isnad_text::normalize::{is_dash, is_quote, is_removed};
    use isnad_text::normalize_str;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::canonical_combining_class;

    fn fold(c: char, out: &mut String) {
        match c {
            c if is_removed(c) => {}
            c if c.is_whitespace() || c == '\u{0B}' => out.push(' '),
            c if is_quote(c) => out.push('"'),
            c if is_dash(c) => out.push('-'),
            'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' => out.push('ا'),
            'ى' => out.push('ي'),
            'ة' => out.push('ه'),
            '٠'..='٩' => out.push(char::from(b'0' + (c as u32 - 0x0660) as u8)),
            '۰'..='۹' => out.push(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
            '،' => out.push(','),
            '؛' => out.push(';'),
            '؟' => out.push('?'),
            '۔' => out.push('.'),
            'ς' => out.push('σ'),
            c => out.extend(c.to_lowercase()),
        }
    }

    pub fn normalize(text: &str) -> String {
        // 1. Invisible characters (the removed ones that are not combining
        // marks) go first.
        let mut s: String = text
            .chars()
            .filter(|&c| !(is_removed(c) && canonical_combining_class(c) == 0))
            .collect();
        // 2.-4. NFKC and folding to a fixed point.
        for _ in 0..8 {
            let composed: String = s.nfkc().collect();
            let mut folded = String::with_capacity(composed.len());
            for c in composed.chars() {
                fold(c, &mut folded);
            }
            let settled = folded == composed;
            s = folded;
            if settled {
                break;
            }
        }
        // 5. Whitespace runs to one space, trimmed.
        s.split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn fast_path_equals_the_reference(s in super::texty()) {
            prop_assert_eq!(normalize_str(&s), normalize(&s));
        }

        #[test]
        fn fast_path_equals_the_reference_on_arbitrary_unicode(s in any::<String>()) {
            prop_assert_eq!(normalize_str(&s), normalize(&s));
        }
    }

    #[test]
    fn reference_on_examples() {
        for text in [
            "قالَ  «الرئيسُ»: نعم ٢٠١٩",
            "ΣΟΦΟΣ Москва ﬁne Ｆｕｌｌ… e\u{0301}\u{200B}x\u{00A0}\u{00A0}y",
            "e\u{0640}\u{0301} \u{0627}\u{0654} \u{064A}\u{0654} ﻻ ﷺ",
        ] {
            assert_eq!(normalize_str(text), normalize(text), "{text}");
        }
    }
}
