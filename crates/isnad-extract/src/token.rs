//! The token layer: one pass over the original text that yields words and
//! punctuation with their code-point spans, and a *match string* in which
//! every token stands in its matching form (diacritics and tatweel removed,
//! alef and ya and ta marbuta folded, digits ASCII, lowercase, quote marks
//! folded to `"`), separated by single spaces and framed by spaces, so that a
//! lexicon phrase ` w1 w2 ` matches whole tokens only.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A word (letters, digits, marks, inner apostrophes and dots).
    Word,
    /// One punctuation character (its folded form is in the match string).
    Punct(char),
    /// A line break; `true` when it ends a paragraph (blank line follows).
    Break(bool),
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    /// First code point in the original text.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Byte range of the matching form inside the match string.
    pub ms: (u32, u32),
    /// What it is.
    pub kind: Kind,
    /// The original word starts with an upper-case letter.
    pub upper: bool,
    /// The original word has a damma on its first letter (Arabic passive
    /// «يُعتقد»), or is written «لـ» with tatweel after a leading lam.
    pub damma1: bool,
    /// Written with a tatweel right after a leading lam: «لـCNN».
    pub lam_tatweel: bool,
}

/// A tokenized text.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    /// The tokens in order.
    pub toks: Vec<Token>,
    /// The match string: ` tok tok tok `.
    pub ms: String,
}

/// The tokenizer's place in the text: byte and code-point position, and
/// the byte offsets of the code points read so far.
struct Reader<'a> {
    text: &'a str,
    pos: usize,
    i: usize,
    bidx: &'a mut Vec<u32>,
}

impl Reader<'_> {
    /// The character at the position.
    #[inline]
    fn peek(&self) -> Option<char> {
        isnad_text::char_at(self.text.as_bytes(), self.pos).map(|(c, _)| c)
    }

    /// The character after `c`, the one at the position.
    #[inline]
    fn peek_after(&self, c: char) -> Option<char> {
        isnad_text::char_at(self.text.as_bytes(), self.pos + c.len_utf8()).map(|(c, _)| c)
    }

    /// Moves past `c`, the character at the position.
    #[inline]
    fn bump(&mut self, c: char) {
        self.bidx.push(self.pos as u32);
        self.pos += c.len_utf8();
        self.i += 1;
    }
}

fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

/// The matching form of one character, or `None` to drop it.
#[inline]
pub(crate) fn fold(c: char) -> Option<char> {
    if is_diacritic(c) || c == '\u{200C}' || c == '\u{200D}' || c == '\u{200F}' || c == '\u{200E}' {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        '٠'..='٩' => char::from_u32(c as u32 - '٠' as u32 + '0' as u32).unwrap_or(c),
        '۰'..='۹' => char::from_u32(c as u32 - '۰' as u32 + '0' as u32).unwrap_or(c),
        '’' | '‘' | 'ʼ' => '\'',
        '\u{0600}'..='\u{06FF}' => c,
        'A'..='Z' => c.to_ascii_lowercase(),
        _ if c.is_ascii() => c,
        _ if c.is_uppercase() => c.to_lowercase().next().unwrap_or(c),
        _ => c,
    })
}

/// `fold` of the Arabic letters U+0621..=U+064A (tatweel U+0640 is not a
/// letter and takes the slow path), as a table: a `match` on the letter
/// compiled to an indirect jump that the branch predictor kept missing.
const ARABIC_FOLD: [char; 42] = {
    let mut t = ['\0'; 42];
    let mut k = 0;
    while k < 42 {
        t[k] = match char::from_u32(0x0621 + k as u32) {
            Some('أ' | 'إ' | 'آ') => 'ا',
            Some('ى') => 'ي',
            Some('ة') => 'ه',
            Some(c) => c,
            None => '\0',
        };
        k += 1;
    }
    t
};

/// The folded form of punctuation in the match string.
fn fold_punct(c: char) -> char {
    match c {
        '«' | '»' | '“' | '”' | '„' | '"' | '″' | '‟' => '"',
        '،' | ',' => ',',
        '؛' | ';' => ';',
        '؟' | '?' => '?',
        '–' | '—' | '‐' | '‑' | '−' => '-',
        _ => c,
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // fast path for the Arabic letters and digits (the block's punctuation
    // «، ؛ ؟ ٪» is not a word character)
    if matches!(c, '\u{0621}'..='\u{064A}' | '\u{0660}'..='\u{0669}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}')
    {
        return true;
    }
    // the other two-byte characters (quotation marks «», the Arabic comma)
    // from a table, and the General Punctuation block (“” – —), which holds
    // no letter: the Unicode lookup of `is_alphanumeric` cost hundreds of
    // instructions per mark
    if let Some(&bits) = WORD_CHARS.get(c as usize / 64) {
        return bits >> (c as usize % 64) & 1 == 1;
    }
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return false;
    }
    slow_word_char(c)
}

/// The definition `is_word_char` answers from its table.
fn slow_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_diacritic(c)
}

/// `slow_word_char` of U+0000..U+07FF (the one- and two-byte characters),
/// one bit per code point, computed once.
static WORD_CHARS: std::sync::LazyLock<Box<[u64]>> = std::sync::LazyLock::new(|| {
    (0..0x800u32 / 64)
        .map(|w| {
            (0..64).fold(0u64, |bits, k| {
                let hit = char::from_u32(w * 64 + k).is_some_and(slow_word_char);
                bits | u64::from(hit) << k
            })
        })
        .collect()
});

/// A two-byte Arabic letter (U+0621..=U+064A) that folds to itself: not
/// tatweel, not «أ إ آ ى ة». Its bytes go to the match string as they are.
#[inline]
fn plain_arabic(b0: u8, b1: u8) -> bool {
    // one bit per continuation byte 0x80..=0xBF: D8 A1..=BF without A2 A3
    // A5 A9, D9 81..=8A without 89
    const D8: u64 = 0xFFFF_FFFE_0000_0000 & !(1 << 0x22 | 1 << 0x23 | 1 << 0x25 | 1 << 0x29);
    const D9: u64 = 0x7FE & !(1 << 0x09);
    let mask = match b0 {
        0xD8 => D8,
        0xD9 => D9,
        _ => return false,
    };
    b1 & 0xC0 == 0x80 && mask >> (b1 & 0x3F) & 1 == 1
}

impl Tokens {
    /// Tokenize `text`.
    pub(crate) fn new(text: &str) -> Tokens {
        let mut t = Tokens::default();
        t.refill(text, &mut Vec::new());
        t
    }

    /// Tokenize `text` into this value, reusing its buffers (the engine
    /// keeps them from one chunk to the next instead of allocating them
    /// anew), and set `bidx` to the byte offset of each code point of
    /// `text` and one past its end. The text is read once, as UTF-8 bytes
    /// (no `Vec<char>` of it is made: filling one and reading it back cost
    /// as much as tokenizing).
    pub(crate) fn refill(&mut self, text: &str, bidx: &mut Vec<u32>) {
        let t = self;
        t.toks.clear();
        t.ms.clear();
        bidx.clear();
        t.toks.reserve(text.len() / 8);
        t.ms.reserve(text.len() + 16);
        bidx.reserve(text.len() + 1);
        t.ms.push(' ');
        let mut r = Reader {
            text,
            pos: 0,
            i: 0,
            bidx,
        };
        while let Some(&b0) = r.text.as_bytes().get(r.pos) {
            // the common cases from the first byte: a space, or a word that
            // starts with an ASCII letter or digit or a plain Arabic letter
            if b0 == b' ' {
                r.bidx.push(r.pos as u32);
                r.pos += 1;
                r.i += 1;
                continue;
            }
            if b0.is_ascii_alphanumeric() {
                t.word(&mut r, char::from(b0));
                continue;
            }
            if let Some(&b1) = r.text.as_bytes().get(r.pos + 1)
                && plain_arabic(b0, b1)
            {
                let first = (u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F);
                t.word(&mut r, char::from_u32(first).unwrap_or('\u{0621}'));
                continue;
            }
            let Some(c) = r.peek() else { break };
            let i = r.i;
            if c == '\n' || c == '\r' {
                // a run of line breaks (with blanks in between)
                let start = i;
                let mut newlines = 0;
                while let Some(w) = r.peek().filter(|w| w.is_whitespace()) {
                    if w == '\n' {
                        newlines += 1;
                    }
                    r.bump(w);
                }
                let para = newlines >= 2 || (newlines == 0 && r.i > start);
                let s = t.ms.len() as u32;
                t.ms.push('\n');
                t.push(Token {
                    start,
                    end: start + 1,
                    ms: (s, s + 1),
                    kind: Kind::Break(para),
                    upper: false,
                    damma1: false,
                    lam_tatweel: false,
                });
                continue;
            }
            if c == ' ' || c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200F}' | '\u{200E}') {
                r.bump(c);
                continue;
            }
            if is_word_char(c) && !is_diacritic(c)
                || (c == '\u{0640}' && r.peek_after(c).is_some_and(is_word_char))
            {
                t.word(&mut r, c);
                continue;
            }
            if is_diacritic(c) {
                r.bump(c);
                continue;
            }
            let s = t.ms.len() as u32;
            // two apostrophes stand for a double quotation mark: ''...''
            let double = c == '\'' && r.peek_after(c) == Some('\'');
            let f = if double { '"' } else { fold_punct(c) };
            t.ms.push(f);
            let e = t.ms.len() as u32;
            r.bump(c);
            if double {
                r.bump(c);
            }
            t.push(Token {
                start: i,
                end: r.i,
                ms: (s, e),
                kind: Kind::Punct(if double { '"' } else { c }),
                upper: false,
                damma1: false,
                lam_tatweel: false,
            });
        }
        r.bidx.push(text.len() as u32);
    }

    /// Reads the word that starts with `first` (a word character, or a
    /// tatweel before one) at the reader's position.
    #[inline]
    fn word(&mut self, r: &mut Reader<'_>, first: char) {
        let t = self;
        let start = r.i;
        let s = t.ms.len() as u32;
        let upper = if first.is_ascii() {
            first.is_ascii_uppercase()
        } else {
            !('\u{0600}'..='\u{06FF}').contains(&first) && first.is_uppercase()
        };
        let mut damma1 = false;
        let mut lam_tatweel = false;
        let mut letters = 0;
        let mut prev = first;
        // fast paths for the common letters: ASCII letters and digits (one
        // byte), and the Arabic letters U+0621..=U+064A without tatweel
        // (two bytes, D8 A1..D9 8A), are word characters that are not
        // diacritics and fold simply
        let text = r.text;
        let bytes = text.as_bytes();
        while r.pos < bytes.len() {
            // a run of ASCII letters and digits: copied at once, lowercased
            // in place
            let mut q = r.pos;
            while let Some(b) = bytes.get(q)
                && b.is_ascii_alphanumeric()
            {
                r.bidx.push(q as u32);
                q += 1;
            }
            if q > r.pos {
                let m = t.ms.len();
                t.ms.push_str(text.get(r.pos..q).unwrap_or_default());
                if let Some(pushed) = t.ms.get_mut(m..) {
                    pushed.make_ascii_lowercase();
                }
                letters += q - r.pos;
                r.i += q - r.pos;
                prev = char::from(bytes[q - 1]);
                r.pos = q;
            }
            // a run of two-byte Arabic letters that fold to themselves (most
            // of them): their bytes are copied as they are
            while let (Some(&b0), Some(&b1)) = (bytes.get(q), bytes.get(q + 1))
                && plain_arabic(b0, b1)
            {
                r.bidx.push(q as u32);
                q += 2;
            }
            if q > r.pos {
                t.ms.push_str(text.get(r.pos..q).unwrap_or_default());
                let run = (q - r.pos) / 2;
                letters += run;
                r.i += run;
                let last = (u32::from(bytes[q - 2] & 0x1F) << 6) | u32::from(bytes[q - 1] & 0x3F);
                prev = char::from_u32(last).unwrap_or(prev);
                r.pos = q;
                continue;
            }
            // an ASCII byte that is no letter or digit (a space, most
            // punctuation) ends the word unless it joins two parts of it
            if let Some(&b) = bytes.get(r.pos)
                && b.is_ascii()
                && !matches!(b, b'\'' | b'.' | b'-')
            {
                break;
            }
            let Some(ch) = r.peek() else { break };
            if let Some(&f) = (ch as usize)
                .checked_sub(0x0621)
                .and_then(|k| ARABIC_FOLD.get(k))
                && ch != '\u{0640}'
            {
                letters += 1;
                t.ms.push(f);
                r.bump(ch);
                prev = ch;
                continue;
            }
            let inner_join = matches!(ch, '\'' | '’' | '.' | '-')
                && r.i > start
                && r.peek_after(ch).is_some_and(|next| {
                    is_word_char(next)
                        && !is_diacritic(next)
                        && (ch != '.'
                            || (prev.is_ascii_digit() && next.is_ascii_digit())
                            || (prev.is_ascii_uppercase() && next.is_ascii_uppercase()))
                })
                && (ch != '-' || prev.is_ascii_alphanumeric());
            if !(is_word_char(ch) || ch == '\u{0640}' || inner_join) {
                break;
            }
            if ch == '\u{064F}' && letters == 1 {
                damma1 = true;
            }
            if ch == '\u{0640}' && letters == 1 && first == 'ل' {
                lam_tatweel = true;
            }
            if let Some(f) = fold(ch) {
                if !is_diacritic(ch) {
                    letters += 1;
                }
                t.ms.push(f);
            }
            r.bump(ch);
            prev = ch;
        }
        let e = t.ms.len() as u32;
        if e == s {
            return;
        }
        t.push(Token {
            start,
            end: r.i,
            ms: (s, e),
            kind: Kind::Word,
            upper,
            damma1,
            lam_tatweel,
        });
    }

    fn push(&mut self, tok: Token) {
        self.toks.push(tok);
        self.ms.push(' ');
    }

    /// Matching form of token `i`.
    pub(crate) fn norm(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => self.ms.get(t.ms.0 as usize..t.ms.1 as usize).unwrap_or(""),
            None => "",
        }
    }

    /// Number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }
}

/// Tokenize a lexicon phrase into its matching form: tokens joined by single
/// spaces, framed by spaces.
pub(crate) fn phrase_key(phrase: &str) -> String {
    let t = Tokens::new(phrase);
    let mut s = String::from(" ");
    for i in 0..t.len() {
        s.push_str(t.norm(i));
        s.push(' ');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_frames() {
        let t = Tokens::new("وقالَ «الوزيرُ»: إنّ ٣ أشياء.");
        assert_eq!(t.ms, " وقال \" الوزير \" : ان 3 اشياء . ");
        assert_eq!(t.toks[0].start, 0);
        assert_eq!(t.toks[0].end, 5);
        assert_eq!(t.norm(2), "الوزير");
    }

    #[test]
    fn breaks_and_paragraphs() {
        let t = Tokens::new("a\nb\n\nc");
        let kinds: Vec<Kind> = t.toks.iter().map(|x| x.kind).collect();
        assert_eq!(
            kinds,
            vec![
                Kind::Word,
                Kind::Break(false),
                Kind::Word,
                Kind::Break(true),
                Kind::Word
            ]
        );
    }

    #[test]
    fn english_inner_marks() {
        let t = Tokens::new("Warren’s U.S. plan, 5.6 million low-level.");
        let norms: Vec<&str> = (0..t.len()).map(|i| t.norm(i)).collect();
        assert_eq!(
            norms,
            vec![
                "warren's",
                "u.s",
                ".",
                "plan",
                ",",
                "5.6",
                "million",
                "low-level",
                "."
            ]
        );
    }

    #[test]
    fn word_char_table_and_plain_letters_agree_with_their_definitions() {
        for c in (0..0x4000).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), slow_word_char(c), "{c:?}");
            let mut b = [0u8; 4];
            if let [b0, b1] = c.encode_utf8(&mut b).as_bytes() {
                let plain =
                    ('\u{0621}'..='\u{064A}').contains(&c) && c != '\u{0640}' && fold(c) == Some(c);
                assert_eq!(plain_arabic(*b0, *b1), plain, "{c:?}");
            }
        }
    }

    #[test]
    fn arabic_fold_table_equals_fold() {
        for (k, &f) in ARABIC_FOLD.iter().enumerate() {
            let c = char::from_u32(0x0621 + k as u32);
            if let Some(c) = c.filter(|&c| c != '\u{0640}') {
                assert_eq!(Some(f), fold(c), "{c}");
            }
        }
    }

    proptest::proptest! {
        /// The byte offsets are those of every code point, and the tokens
        /// are in order, inside the text, and cover its words: a word token
        /// holds no blank and its matching form is the fold of its letters.
        #[test]
        fn offsets_and_tokens_follow_the_text(
            text in r"([a-zA-Z0-9 .'’-]|[ء-ي ًٌٍَُِّْـ،«»؟]|\n|\r|\x{200F}|\x{FEFF}|\PC)*"
        ) {
            let mut t = Tokens::default();
            let mut bidx = Vec::new();
            t.refill(&text, &mut bidx);
            let want: Vec<u32> = text
                .char_indices()
                .map(|(b, _)| b as u32)
                .chain([text.len() as u32])
                .collect();
            proptest::prop_assert_eq!(&bidx, &want);
            let chars: Vec<char> = text.chars().collect();
            let mut last_end = 0;
            for (k, tok) in t.toks.iter().enumerate() {
                proptest::prop_assert!(tok.start >= last_end && tok.start < tok.end);
                proptest::prop_assert!(tok.end <= chars.len());
                last_end = tok.end;
                if tok.kind == Kind::Word {
                    let word = &chars[tok.start..tok.end];
                    proptest::prop_assert!(!word.iter().any(|c| c.is_whitespace()));
                    let folded: String = word.iter().filter_map(|&c| fold(c)).collect();
                    proptest::prop_assert_eq!(t.norm(k), folded.as_str());
                }
            }
        }
    }

    #[test]
    fn lam_tatweel_and_damma() {
        let t = Tokens::new("لـCNN يُعتقد");
        assert!(t.toks[0].lam_tatweel);
        assert_eq!(t.norm(0), "لcnn");
        assert!(t.toks[1].damma1);
    }
}
