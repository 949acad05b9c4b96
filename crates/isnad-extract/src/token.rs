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
    c.is_alphanumeric() || is_diacritic(c)
}

impl Tokens {
    /// Tokenize `text`.
    pub(crate) fn new(text: &str) -> Tokens {
        let chars: Vec<char> = text.chars().collect();
        let mut t = Tokens::default();
        t.refill(&chars, text.len());
        t
    }

    /// Tokenize the characters `chars` (of a text of `bytes` bytes) into
    /// this value, reusing its buffers (the engine keeps them from one chunk
    /// to the next instead of allocating them anew).
    pub(crate) fn refill(&mut self, chars: &[char], bytes: usize) {
        let t = self;
        t.toks.clear();
        t.ms.clear();
        t.toks.reserve(chars.len() / 4);
        t.ms.reserve(bytes + 16);
        t.ms.push(' ');
        let n = chars.len();
        let mut i = 0;
        while i < n {
            let c = chars[i];
            if c == '\n' || c == '\r' {
                // a run of line breaks (with blanks in between)
                let start = i;
                let mut newlines = 0;
                while i < n && chars[i].is_whitespace() {
                    if chars[i] == '\n' {
                        newlines += 1;
                    }
                    i += 1;
                }
                let para = newlines >= 2 || (newlines == 0 && i > start);
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
            if c == ' ' {
                i += 1;
                continue;
            }
            if c.is_whitespace() || c == '\u{FEFF}' || c == '\u{200F}' || c == '\u{200E}' {
                i += 1;
                continue;
            }
            if is_word_char(c) && !is_diacritic(c)
                || (c == '\u{0640}' && i + 1 < n && is_word_char(chars[i + 1]))
            {
                let start = i;
                let s = t.ms.len() as u32;
                let upper = if c.is_ascii() {
                    c.is_ascii_uppercase()
                } else {
                    !('\u{0600}'..='\u{06FF}').contains(&c) && c.is_uppercase()
                };
                let mut damma1 = false;
                let mut lam_tatweel = false;
                let mut letters = 0;
                while i < n {
                    let ch = chars[i];
                    // fast paths for the common letters: ASCII letters and
                    // digits, and the Arabic letters (not tatweel), are word
                    // characters that are not diacritics and fold simply
                    if ch.is_ascii_alphanumeric() {
                        letters += 1;
                        t.ms.push(ch.to_ascii_lowercase());
                        i += 1;
                        continue;
                    }
                    if let Some(&f) = (ch as usize)
                        .checked_sub(0x0621)
                        .and_then(|k| ARABIC_FOLD.get(k))
                        && ch != '\u{0640}'
                    {
                        letters += 1;
                        t.ms.push(f);
                        i += 1;
                        continue;
                    }
                    let inner_join = matches!(ch, '\'' | '’' | '.' | '-')
                        && i + 1 < n
                        && i > start
                        && is_word_char(chars[i + 1])
                        && !is_diacritic(chars[i + 1])
                        && (ch != '.'
                            || (chars[i - 1].is_ascii_digit() && chars[i + 1].is_ascii_digit())
                            || (chars[i - 1].is_ascii_uppercase()
                                && chars[i + 1].is_ascii_uppercase()))
                        && (ch != '-' || chars[i - 1].is_ascii_alphanumeric());
                    if !(is_word_char(ch) || ch == '\u{0640}' || inner_join) {
                        break;
                    }
                    if ch == '\u{064F}' && letters == 1 {
                        damma1 = true;
                    }
                    if ch == '\u{0640}' && letters == 1 && chars[start] == 'ل' {
                        lam_tatweel = true;
                    }
                    if let Some(f) = fold(ch) {
                        if !is_diacritic(ch) {
                            letters += 1;
                        }
                        t.ms.push(f);
                    }
                    i += 1;
                }
                let e = t.ms.len() as u32;
                if e == s {
                    continue;
                }
                t.push(Token {
                    start,
                    end: i,
                    ms: (s, e),
                    kind: Kind::Word,
                    upper,
                    damma1,
                    lam_tatweel,
                });
                continue;
            }
            if is_diacritic(c) {
                i += 1;
                continue;
            }
            let s = t.ms.len() as u32;
            // two apostrophes stand for a double quotation mark: ''...''
            let double = c == '\'' && i + 1 < n && chars[i + 1] == '\'';
            let f = if double { '"' } else { fold_punct(c) };
            t.ms.push(f);
            let e = t.ms.len() as u32;
            let width = if double { 2 } else { 1 };
            t.push(Token {
                start: i,
                end: i + width,
                ms: (s, e),
                kind: Kind::Punct(if double { '"' } else { c }),
                upper: false,
                damma1: false,
                lam_tatweel: false,
            });
            i += width;
        }
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
    fn arabic_fold_table_equals_fold() {
        for (k, &f) in ARABIC_FOLD.iter().enumerate() {
            let c = char::from_u32(0x0621 + k as u32);
            if let Some(c) = c.filter(|&c| c != '\u{0640}') {
                assert_eq!(Some(f), fold(c), "{c}");
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
