//! Script-based language identification.
//!
//! isnad tells languages apart by the script of their letters: Arabic
//! script is `ar`, Latin script is `en` (the only Latin-script language
//! isnad has rules for), anything else, or a text without letters, is
//! `und`. Mixed texts are common in Arabic news (names and outlets in Latin
//! letters, `CNN`); the script with the most letters wins.

/// The script of a letter, as far as language identification cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Arabic script (Arabic, Arabic Supplement, Extended-A, presentation
    /// forms).
    Arabic,
    /// Latin script.
    Latin,
    /// A letter of another script.
    Other,
}

/// The script of `c`, or `None` when `c` is not a letter.
pub fn script(c: char) -> Option<Script> {
    c.is_alphabetic().then(|| letter_script(c))
}

/// The script of `c`, known to be alphabetic (the normalizer's table asks
/// the standard library's alphabetic table once a character: its search
/// was most of the time of building the table at start-up).
pub(crate) fn letter_script(c: char) -> Script {
    let u = c as u32;
    match u {
        0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0041..=0x005A
        | 0x0061..=0x007A
        | 0x00AA
        | 0x00BA
        | 0x00C0..=0x024F
        | 0x1E00..=0x1EFF
        | 0x2C60..=0x2C7F
        | 0xA720..=0xA7FF
        | 0xFF21..=0xFF3A
        | 0xFF41..=0xFF5A => Script::Latin,
        _ => Script::Other,
    }
}

/// Letter counts per script.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptCounts {
    /// Arabic-script letters.
    pub arabic: usize,
    /// Latin-script letters.
    pub latin: usize,
    /// Letters of other scripts.
    pub other: usize,
}

impl std::ops::AddAssign for ScriptCounts {
    fn add_assign(&mut self, other: ScriptCounts) {
        self.arabic += other.arabic;
        self.latin += other.latin;
        self.other += other.other;
    }
}

impl ScriptCounts {
    /// Counts the letters of `text`.
    pub fn of<I: IntoIterator<Item = char>>(text: I) -> Self {
        let mut counts = ScriptCounts::default();
        for c in text {
            counts.add(c);
        }
        counts
    }

    /// Counts one character (non-letters are ignored).
    #[inline]
    pub fn add(&mut self, c: char) {
        match crate::normalize::script_of(c) {
            1 => self.arabic += 1,
            2 => self.latin += 1,
            3 => self.other += 1,
            _ => {}
        }
    }

    /// The language tag these counts stand for: the script with the most
    /// letters (`ar` for Arabic, `en` for Latin), `und` when another script
    /// leads or there are no letters. Ties go to Arabic, then Latin.
    pub fn language(&self) -> &'static str {
        let ScriptCounts {
            arabic,
            latin,
            other,
        } = *self;
        if arabic == 0 && latin == 0 {
            "und"
        } else if arabic >= latin && arabic >= other {
            "ar"
        } else if latin >= other {
            "en"
        } else {
            "und"
        }
    }
}

/// The language of a document or passage by the script of its letters:
/// `ar`, `en` or `und`.
///
/// ```
/// use isnad_text::detect_language;
///
/// assert_eq!(detect_language("قال مسؤول سعودي لـCNN إن المملكة"), "ar");
/// assert_eq!(detect_language("The minister said on Tuesday"), "en");
/// assert_eq!(detect_language("2019 — 3.5%"), "und");
/// ```
pub fn detect_language(text: &str) -> &'static str {
    ScriptCounts::of(text.chars()).language()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert_eq!(detect_language("مرحبا"), "ar");
        assert_eq!(detect_language("ﻻ ﷲ"), "ar");
        assert_eq!(detect_language("Ünïcödé"), "en");
        assert_eq!(detect_language("Москва"), "und");
        assert_eq!(detect_language(""), "und");
        assert_eq!(detect_language("CNN: المملكة"), "ar");
    }
}
