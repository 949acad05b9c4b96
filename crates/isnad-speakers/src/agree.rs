//! Gender and number agreement: what a cue or a mention says about the
//! speaker it stands for, so that a pronoun, a continuation, a surname or a
//! title is never linked to a speaker it cannot agree with («وأضافت» is
//! not carried from a man; "she" is not the governor called "her brother").
//!
//! Evidence comes from four places, all documented in `variants.toml`:
//! - an Arabic cue's inflection, read against its lexicon lemma: «قال» the
//!   lemma itself is masculine singular, «قالت» (lemma + ت) feminine,
//!   «قالوا» «قالا» «قالتا» «قلن» plural or dual; an imperfect with ي is
//!   masculine, with ت (not the lemma itself) feminine, ending in ون/ان
//!   plural; a participle («مضيفًا» / «مضيفة») by its ending;
//! - an English pronoun subject (he / she / they / it);
//! - a title head: Arabic titles mark gender by teh marbuta («وزيرة»,
//!   «المتحدثة»), English ones by the word lists of `[gender]`;
//! - gendered nouns in the mention («شقيقة», "brother", "spokeswoman").

use crate::mention::Pronoun;
use crate::rules::Rules;

/// What a cue or mention says about its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Agree {
    /// Masculine singular.
    Masc,
    /// Feminine singular.
    Fem,
    /// Plural or dual.
    Plural,
}

impl Agree {
    /// A word for explanations.
    pub fn label(self) -> &'static str {
        match self {
            Agree::Masc => "masculine",
            Agree::Fem => "feminine",
            Agree::Plural => "plural",
        }
    }
}

/// Evidence gathered about one entity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Evidence {
    pub masc: u32,
    pub fem: u32,
    pub plural: u32,
}

impl Evidence {
    pub fn add(&mut self, a: Agree) {
        match a {
            Agree::Masc => self.masc += 1,
            Agree::Fem => self.fem += 1,
            Agree::Plural => self.plural += 1,
        }
    }

    /// True unless the evidence speaks only against `a`: an entity nothing
    /// is known about agrees with anything; one seen as feminine does not
    /// agree with a masculine cue unless it was also seen as masculine (the
    /// evidence conflicts, so it proves nothing).
    pub fn agrees(&self, a: Agree, named_person: bool) -> bool {
        match a {
            Agree::Masc => self.masc > 0 || (self.fem == 0 && self.plural == 0),
            Agree::Fem => self.fem > 0 || (self.masc == 0 && self.plural == 0),
            // one named person is never "they"
            Agree::Plural => self.plural > 0 || (!named_person && self.masc + self.fem == 0),
        }
    }
}

/// What an Arabic cue word says about its subject, read against its lemma.
pub(crate) fn arabic_cue(text: &str, lemma: &str) -> Option<Agree> {
    let w = isnad_text::normalize_str(text);
    let w = w.split(' ').next().unwrap_or("");
    let lemma = isnad_text::normalize_str(lemma);
    let lemma = lemma.split(' ').next().unwrap_or("");
    if w.is_empty() || lemma.is_empty() {
        return None;
    }
    // the conjunction is usually gone from cue.text, but not always
    let w = [
        w,
        w.strip_prefix('و').unwrap_or(w),
        w.strip_prefix('ف').unwrap_or(w),
    ]
    .into_iter()
    .find(|x| x.starts_with(lemma) || x.starts_with(stem(lemma)))
    .unwrap_or(w);
    if w == lemma {
        return Some(Agree::Masc);
    }
    // perfect: the lemma (or its stem without a final long vowel: نفى → نفت)
    // with a subject suffix
    for base in [lemma, stem(lemma)] {
        if let Some(suffix) = w.strip_prefix(base)
            && base.chars().count() >= 2
        {
            match suffix {
                "ت" => return Some(Agree::Fem),
                "وا" | "ا" | "تا" | "ن" | "ون" => return Some(Agree::Plural),
                _ => {}
            }
        }
    }
    // imperfect: يقول / تقول / يقولون / تقولان
    let mut chars = w.chars();
    let first = chars.next()?;
    let rest: String = chars.collect();
    if matches!(first, 'ي' | 'ت') && rest.chars().count() >= 2 {
        if rest.ends_with("ون") || rest.ends_with("ان") || rest.ends_with("ن") && first == 'ي'
        {
            return Some(Agree::Plural);
        }
        return Some(if first == 'ي' {
            Agree::Masc
        } else {
            Agree::Fem
        });
    }
    // participle: مضيفا / مضيفه / مضيفين
    if first == 'م' && rest.chars().count() >= 3 {
        if w.ends_with("ين") || w.ends_with("ون") || w.ends_with("ات") {
            return Some(Agree::Plural);
        }
        if w.ends_with('ه') {
            return Some(Agree::Fem);
        }
        return Some(Agree::Masc);
    }
    None
}

fn stem(lemma: &str) -> &str {
    lemma
        .strip_suffix(['ا', 'ي'])
        .filter(|s| s.chars().count() >= 2)
        .unwrap_or(lemma)
}

/// What a cue says about its subject: Arabic by inflection; English cues
/// do not inflect for gender or number, so nothing.
pub(crate) fn cue(text: &str, lemma: &str) -> Option<Agree> {
    if text.chars().any(crate::rules::is_arabic) {
        arabic_cue(text, lemma)
    } else {
        None
    }
}

/// What a pronoun says.
pub(crate) fn pronoun(p: Pronoun) -> Option<Agree> {
    match p {
        Pronoun::Masc => Some(Agree::Masc),
        Pronoun::Fem => Some(Agree::Fem),
        Pronoun::Plural => Some(Agree::Plural),
        Pronoun::Thing => None,
    }
}

/// What the words of a mention say: an Arabic title head ending in teh
/// marbuta is feminine, any other Arabic title head masculine; English
/// titles and gendered nouns by the `[gender]` lists (also Arabic nouns).
pub(crate) fn mention(rules: &Rules, heads: &[String], words: &str) -> Option<Agree> {
    mention_normalized(rules, heads, &isnad_text::normalize_str(words))
}

/// [`mention`] of words already normalized (`isnad_text::normalize_str`).
pub(crate) fn mention_normalized(rules: &Rules, heads: &[String], norm: &str) -> Option<Agree> {
    for w in norm.split([' ', ',', '،', '-']) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let bare = w.strip_prefix("ال").unwrap_or(w);
        if rules.gender_fem.contains(w) || rules.gender_fem.contains(bare) {
            return Some(Agree::Fem);
        }
        if rules.gender_masc.contains(w) || rules.gender_masc.contains(bare) {
            return Some(Agree::Masc);
        }
    }
    let head = heads.first()?;
    if head.chars().any(crate::rules::is_arabic) {
        // «رئيسه» may be "his president": only ة-forms listed as titles
        return Some(if head.ends_with('ه') {
            Agree::Fem
        } else {
            Agree::Masc
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_cues_inflect() {
        for (text, lemma, want) in [
            ("قال", "قال", Some(Agree::Masc)),
            ("قالت", "قال", Some(Agree::Fem)),
            ("أضافت", "أضاف", Some(Agree::Fem)),
            ("وأضافت", "أضاف", Some(Agree::Fem)),
            ("قالوا", "قال", Some(Agree::Plural)),
            ("أعلنتا", "أعلن", Some(Agree::Plural)),
            ("نفت", "نفى", Some(Agree::Fem)),
            ("دعت", "دعا", Some(Agree::Fem)),
            ("يقول", "قال", Some(Agree::Masc)),
            ("تقول", "قال", Some(Agree::Fem)),
            ("يقولون", "قال", Some(Agree::Plural)),
            ("مضيفا", "أضاف", Some(Agree::Masc)),
            ("مضيفة", "أضاف", Some(Agree::Fem)),
            ("لفت", "لفت", Some(Agree::Masc)),
            ("said", "say", None),
        ] {
            assert_eq!(cue(text, lemma), want, "{text} / {lemma}");
        }
    }

    #[test]
    fn evidence_against_is_needed_to_refuse() {
        let mut e = Evidence::default();
        assert!(e.agrees(Agree::Fem, true));
        e.add(Agree::Masc);
        assert!(!e.agrees(Agree::Fem, true));
        assert!(e.agrees(Agree::Masc, true));
        assert!(!e.agrees(Agree::Plural, false));
        e.add(Agree::Fem);
        assert!(e.agrees(Agree::Fem, true));
        assert!(!Evidence::default().agrees(Agree::Plural, true));
    }
}
