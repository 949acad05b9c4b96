//! A mention's anatomy: its title phrase (titles, modifiers, complements)
//! and its name, found by the documented rules of `variants.toml`.

use crate::rules::Rules;
pub(crate) use crate::words::{Word, words};

/// What a mention is made of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Anatomy {
    /// The title phrase without articles, normalized, e.g. `الرئيس الروسي`
    /// → `رييس روسي`-like heads; kept as the normalized words joined.
    pub title: String,
    /// The head titles, normalized, without ال or possessive suffix.
    pub heads: Vec<String>,
    /// The title has no modifier and no complement («الرئيس», «رئيسها»,
    /// "the president").
    pub bare: bool,
    /// The title's modifiers (adjectives, linked phrases), without ال.
    pub mods: Vec<String>,
    /// The title's genitive complement («رئيس كوريا»: كوريا), without ال:
    /// it names another office, so such a title only matches itself.
    pub complement: Vec<String>,
    /// The title carries a possessive suffix («رئيسها»).
    pub possessive: bool,
    /// The name's words (normalized, split on hyphens and similar).
    pub name: Vec<String>,
    /// Where the name's words stand, as code points.
    pub name_span: Option<(usize, usize)>,
    /// The mention is a personal pronoun.
    pub pronoun: Option<Pronoun>,
}

/// Pronouns that may stand for a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pronoun {
    /// he / هو: a man.
    Masc,
    /// she / هي: a woman.
    Fem,
    /// it: an organization or place.
    Thing,
    /// they / هم: any.
    Plural,
}

fn pronoun(norm: &str) -> Option<Pronoun> {
    match norm {
        "he" | "him" | "هو" => Some(Pronoun::Masc),
        "she" | "her" | "هي" => Some(Pronoun::Fem),
        "it" => Some(Pronoun::Thing),
        "they" | "هم" | "هما" | "هن" => Some(Pronoun::Plural),
        _ => None,
    }
}

/// The head title of an Arabic word: without ال, a conjunction prefix
/// (when `prefixed`), or a possessive suffix. Returns (head, definite or
/// possessive). Worked out once per spelling (see [`Word::head`]).
pub(crate) fn find_arabic_head(
    rules: &Rules,
    word: &str,
    prefixed: bool,
) -> Option<(String, bool)> {
    // the word, then the word without each conjunction or preposition,
    // checked in that order without collecting the candidates first
    let check = |w: &str| -> Option<(String, bool)> {
        let (bare, definite) = match w.strip_prefix("ال") {
            Some(rest) => (rest, true),
            None => (w, false),
        };
        if rules.titles_ar.contains(bare) {
            return Some((bare.to_string(), definite));
        }
        if !definite {
            for suffix in &rules.possessives_ar {
                if let Some(stem) = bare.strip_suffix(suffix.as_str())
                    && rules.titles_ar.contains(stem)
                {
                    return Some((stem.to_string(), true));
                }
                // «رئيسها» is written on رئيس: after ة→ه folding the stem may
                // have lost nothing, so try the teh marbuta form too
            }
        }
        None
    };
    if let Some(found) = check(word) {
        return Some(found);
    }
    if prefixed {
        for p in ["و", "ف", "ب", "وب", "ول", "ل"] {
            if let Some(rest) = word.strip_prefix(p)
                && rest.chars().count() > 2
                && let Some(found) = check(rest)
            {
                return Some(found);
            }
        }
    }
    None
}

/// An English title (`[titles]`), a final dot aside.
pub(crate) fn english_title(w: &Word) -> bool {
    w.spelling.title_en
}

/// An English title modifier (`[modifiers]`), a final dot aside.
pub(crate) fn english_modifier(w: &Word) -> bool {
    w.spelling.modifier_en
}

/// Splits a word of a name into parts at hyphens, apostrophes, dots and
/// underscores (`Jong-un` → `jong`, `un`).
fn name_parts(norm: &str) -> impl Iterator<Item = String> + '_ {
    norm.split(['-', '"', '\'', '_', '.'])
        .filter(|p| !p.is_empty())
        .map(str::to_string)
}

/// The anatomy of a speaker's name as the extractor wrote it.
pub(crate) fn anatomy(rules: &Rules, name: &str) -> Anatomy {
    // a bracketed tail ("(D-Wis.)") is not part of the name
    let name = name.split(['(', '[']).next().unwrap_or(name);
    // an apposition: "Fadi Issa, a spokesman for ...", «المتحدث، فلان»: the
    // name from the part that has one, the title from the part that has one
    if let Some((first, rest)) = name.split_once([',', '،']) {
        let a = anatomy(rules, first);
        let b = anatomy(rules, rest);
        let (named, other) = if !a.name.is_empty() || b.name.is_empty() {
            (a, b)
        } else {
            (b, a)
        };
        let mut out = named.clone();
        if out.heads.is_empty() && !other.heads.is_empty() {
            out.title = other.title;
            out.heads = other.heads;
            out.mods = other.mods;
            out.complement = other.complement;
            out.possessive = other.possessive;
            out.bare = other.bare;
        }
        return out;
    }
    let mut ws = words(rules, name, 0);
    // a name typed without capitals ("kim jong un", an alias or a query)
    // has no capitals to tell the name from its description
    if !ws.iter().any(|w| w.upper || w.arabic()) && !ws.iter().any(english_title) {
        for w in &mut ws {
            w.upper = !english_modifier(w);
        }
    }
    anatomy_of_words(rules, &ws, false)
}

/// The anatomy of a run of words; `scan` is true when the words come from
/// running text (a name then ends at a stop word, punctuation or tanween).
pub(crate) fn anatomy_of_words(rules: &Rules, ws: &[Word], scan: bool) -> Anatomy {
    let mut out = Anatomy::default();
    if ws.len() == 1
        && let Some(p) = pronoun(ws[0].norm())
    {
        out.pronoun = Some(p);
        return out;
    }
    let arabic = ws.iter().any(|w| w.arabic());
    if arabic {
        arabic_anatomy(rules, ws, scan, &mut out);
    } else {
        english_anatomy(rules, ws, &mut out);
    }
    out
}

/// «لـCNN»، «بـBBC»: an Arabic clitic on a Latin word is a phrase ("to
/// CNN"), never a word of a name.
fn mixed_script(w: &Word) -> bool {
    w.arabic() && w.norm().bytes().any(|b| b.is_ascii_alphabetic())
}

fn strip_al(w: &str) -> String {
    w.strip_prefix("ال")
        .filter(|r| r.chars().count() > 1)
        .unwrap_or(w)
        .to_string()
}

fn arabic_anatomy(rules: &Rules, ws: &[Word], scan: bool, out: &mut Anatomy) {
    let mut i = 0;
    let mut title_words: Vec<&str> = Vec::new();
    let broke = |ws: &[Word], i: usize| i > 0 && ws.get(i - 1).is_some_and(|w| w.break_after);
    while let Some(w) = ws.get(i) {
        let Some((head, definite)) = w.head(i == 0 && scan) else {
            break;
        };
        if out.heads.is_empty() {
            let possessive = definite && !w.norm().contains("ال") && w.norm() != head;
            out.possessive = possessive;
        }
        out.heads.push(head.to_string());
        title_words.push(w.norm());
        i += 1;
        if broke(ws, i) {
            break;
        }
        // an indefinite title takes a genitive complement: «رئيس كوريا»,
        // «رئيس وزراء بلاد الشمال» (a chain of indefinite nouns ending in a
        // definite one); a definite complement ends the chain
        if !definite {
            while let Some(next) = ws.get(i)
                && next.head(false).is_none()
                && !rules.stops_ar.contains(next.norm())
            {
                title_words.push(next.norm());
                out.complement.push(strip_al(next.norm()));
                i += 1;
                let chain = !next.norm().starts_with("ال")
                    && !next.break_after
                    && ws.get(i).is_some_and(|n| !n.norm().starts_with("ال"))
                    && ws.get(i + 1).is_some_and(|n| n.norm().starts_with("ال"));
                if !chain {
                    break;
                }
            }
            if broke(ws, i) {
                break;
            }
        }
        // modifiers: ال words, and link + word
        while let Some(next) = ws.get(i) {
            if next.head(false).is_some() {
                break;
            }
            if next.norm().starts_with("ال") || next.norm().starts_with("لل") {
                title_words.push(next.norm());
                out.mods.push(strip_al(next.norm()));
                i += 1;
            } else if rules.links_ar.contains(next.norm()) && ws.get(i + 1).is_some() {
                title_words.push(next.norm());
                out.mods.push(next.norm().to_string());
                if let Some(obj) = ws.get(i + 1) {
                    title_words.push(obj.norm());
                    out.mods.push(strip_al(obj.norm()));
                }
                i += 2;
            } else {
                break;
            }
            if broke(ws, i) {
                break;
            }
        }
        if broke(ws, i) {
            break;
        }
    }
    // «المدير التنفيذي لشركة نوردستال يوهانس كريستنسن»: a body named with
    // ل after a title (`[bodies]`), and the one word of its name, belong to
    // the title, not to the person's name
    if !out.heads.is_empty()
        && let Some(w) = ws.get(i)
        && w.norm()
            .strip_prefix('ل')
            .is_some_and(|rest| rules.bodies_ar.contains(rest))
        && !w.break_after
        && ws.len() >= i + 4
    {
        title_words.push(w.norm());
        out.complement.push(w.norm().to_string());
        if let Some(n) = ws.get(i + 1) {
            title_words.push(n.norm());
            out.complement.push(n.norm().to_string());
        }
        i += 2;
    }
    out.title = title_words.join(" ");
    out.bare = out.mods.is_empty() && out.complement.is_empty();
    if broke(ws, i) && scan {
        return;
    }
    let mut name_end = i;
    while let Some(w) = ws.get(name_end) {
        // a second ال word in a row ends a name: «نورا الحداد الحكومة»
        let second_al = name_end > i
            && w.norm().starts_with("ال")
            && ws[name_end - 1].norm().starts_with("ال")
            && !(name_end >= i + 2 && rules.is_join(ws[name_end - 2].norm()));
        if second_al
            || (!scan
                && name_end > i
                && (rules.stops_ar.contains(w.norm())
                    || w.tanween()
                    || name_end - i >= 6
                    || ["وال", "بال", "فال", "كال"]
                        .iter()
                        .any(|p| w.norm().starts_with(p))))
        {
            break;
        }
        if scan {
            let max = 4;
            if name_end - i >= max
                || rules.stops_ar.contains(w.norm())
                || w.tanween()
                // a title ends a name when it opens a new phrase («وزير»,
                // «والرئيس»); a definite one inside a name is kept («ولد
                // الشيخ أحمد»), and a trailing one is cut below
                || (w.head(true).is_some()
                    && (name_end == i || !w.norm().starts_with("ال")))
                || ["وال", "بال", "فال", "لل", "كال"]
                    .iter()
                    .any(|p| w.norm().starts_with(p))
                || (name_end == i && w.norm().starts_with("ال"))
                || !w.arabic()
                || mixed_script(w)
            {
                break;
            }
        }
        name_end += 1;
        if scan && w.break_after {
            break;
        }
    }
    // a run of ال words after two or more plain words ends the name: it is
    // the object that follows it («... هولمان الأطراف المتنازعة»)
    let plain = ws[i..name_end]
        .iter()
        .take_while(|w| !w.norm().starts_with("ال"))
        .count();
    if plain >= 2
        && ws[i + plain..name_end]
            .iter()
            .all(|w| w.norm().starts_with("ال"))
    {
        name_end = i + plain;
    }
    // a family name with ال («المصري») followed by a noun and its ال
    // complement («حالة الطوارئ») ends there: that is the verb's object
    // («سعاد المصري حالة الطوارئ»); not after a connector («بن الحسين»)
    if let Some(k) = (i + 1..name_end.saturating_sub(1)).find(|&k| {
        ws[k].norm().starts_with("ال")
            && !ws[k - 1].norm().starts_with("ال")
            && !rules.is_join(ws[k - 1].norm())
            && !rules.connectors_ar.contains(ws[k - 1].norm())
            && !ws[k + 1].norm().starts_with("ال")
            && !rules.connectors_ar.contains(ws[k + 1].norm())
            && ws.get(k + 2).is_some_and(|n| n.norm().starts_with("ال"))
            && k + 2 < name_end
    }) {
        name_end = k + 1;
    }
    for w in &ws[i..name_end] {
        out.name.extend(name_parts(w.norm()));
    }
    if name_end > i {
        out.name_span = Some((ws[i].start, ws[name_end - 1].end));
    }
}

fn english_anatomy(rules: &Rules, ws: &[Word], out: &mut Anatomy) {
    // the name: the longest run of capitalized words at the end that are
    // neither titles nor modifiers
    let mut start = ws.len();
    while start > 0 {
        let w = &ws[start - 1];
        let particle = matches!(
            w.norm(),
            "bin" | "al" | "van" | "von" | "de" | "da" | "la" | "le" | "del" | "ibn" | "el" | "abu"
        ) && start < ws.len();
        if (w.upper || particle) && !english_title(w) && !english_modifier(w) {
            start -= 1;
        } else {
            break;
        }
    }
    // leading particles are not part of a name
    while start < ws.len() && !ws[start].upper {
        start += 1;
    }
    let title: Vec<&Word> = ws[..start]
        .iter()
        .filter(|w| !matches!(w.norm(), "the" | "a" | "an"))
        .collect();
    out.heads = title
        .iter()
        .filter(|w| english_title(w))
        .map(|w| w.norm().trim_end_matches('.').to_string())
        .collect();
    // a title phrase needs a title word; else the words are a description
    if !out.heads.is_empty() {
        out.title = title
            .iter()
            .map(|w| w.norm().trim_end_matches('.'))
            .collect::<Vec<_>>()
            .join(" ");
        let last = title.iter().rposition(|w| english_title(w)).unwrap_or(0);
        out.mods = title
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != last)
            .map(|(_, w)| w.norm().trim_end_matches('.').to_string())
            .collect();
        // the head is the last title word ("foreign minister" → minister),
        // with a compound's first word ("prime minister", "vice president")
        if let Some(h) = title.get(last) {
            let mut head = h.norm().trim_end_matches('.').to_string();
            if last > 0
                && let Some(p) = title.get(last - 1)
                && rules.compounds_en.contains(p.norm().trim_end_matches('.'))
            {
                head = format!("{} {head}", p.norm().trim_end_matches('.'));
                out.mods.retain(|m| m != p.norm().trim_end_matches('.'));
            }
            out.heads = vec![head];
        }
        out.bare = out.mods.is_empty();
    } else if start > 0 {
        // "officials at Acme": not a person's name
        out.title = String::new();
        out.name.clear();
        if start < ws.len() && ws[..start].iter().any(|w| w.upper) {
            // "North Korea's Kim": keep the capitalized tail as the name
        } else if start < ws.len() {
            return;
        }
    }
    for w in &ws[start..] {
        out.name.extend(name_parts(w.norm()));
    }
    if start < ws.len() {
        out.name_span = Some((ws[start].start, ws[ws.len() - 1].end));
    }
}
