//! Speaker boundaries: where a subject or source noun phrase after a cue ends,
//! and why (the reason goes into `--explain`).

use super::{Doc, NONE, reason};
use crate::compile::{ClassSet, Payload, bit};
use crate::lexicon::{CueClass, Order};

impl Doc<'_> {
    /// Arabic: a definite nisba adjective («السوري», «الألمانية»).
    pub(super) fn is_def_nisba(&self, i: usize) -> bool {
        let nm = self.norm(i);
        nm.starts_with("ال") && (nm.ends_with('ي') || nm.ends_with("يه")) && nm.chars().count() > 4
    }

    /// «الأمين العام للجامعة»، «المدير التنفيذي للشركة»: a definite noun
    /// and its adjective (an office) right before the «لل» word `k` of a
    /// subject that starts at `from`: the «لل» phrase says whose office it
    /// is (an audience, «للصحفيين», is a `lam_outlet` and ends the subject
    /// before this is asked).
    fn office_of(&self, from: usize, k: usize) -> bool {
        k >= from + 2
            && self.norm(k - 2).starts_with("ال")
            && (self.is_def_nisba(k - 1) || self.has(k - 1, bit!("adjective")))
    }

    /// The words right before `k` are a full name (two bare words or more,
    /// none of them a lexicon word such as «في») after a definite word
    /// (the title: «الرئيس الفلسطيني محمود عباس»), all within the subject
    /// from `from`, and the definite word `k` is not itself a name used
    /// elsewhere as a subject («أحمد محمد الخطيب ... وأضاف الخطيب»). A run
    /// that starts with «ب» or «ل» is a phrase, not a name («المتحدث باسم
    /// الحكومة»، «الأمين العام لحلف الناتو»); a one-word name is often
    /// followed by a family name with «ال» («النائب خالد المطوع»).
    fn after_titled_name(&self, from: usize, k: usize) -> bool {
        let mut j = k;
        while j > from
            && self.is_word(j - 1)
            && !self.norm(j - 1).starts_with("ال")
            && self.norm(j - 1).chars().count() >= 3
            && self.cls_of(j - 1) == 0
        {
            j -= 1;
        }
        k >= j + 2
            && j > from
            && self.norm(j - 1).starts_with("ال")
            && !self.norm(j).starts_with(['ل', 'ب'])
            && !self.speaks_elsewhere(self.norm(k))
    }

    /// Word `i` has the shape of the verbal noun تفعيل («تسجيل»، «تقديم»،
    /// «تأجيل»): five letters, «ت» first and «ي» fourth, no lexicon class.
    fn verbal_noun(&self, i: usize) -> bool {
        let mut letters = self.norm(i).chars();
        self.is_word(i)
            && self.cls_of(i) == 0
            && self.norm(i).chars().count() == 5
            && letters.next() == Some('ت')
            && letters.nth(2) == Some('ي')
    }

    /// Word `i` is a noun with a possessive suffix («كلمته»، «افتتاحيتها»،
    /// «تصريحاتهم»): after «في» it is where the speaker said it, not part
    /// of the speaker. Told on the written word: the matching form folds
    /// teh marbuta to «ه», so «ـته» (a teh marbuta before the suffix) and
    /// «ـها/ـهم/ـهما» are the unambiguous endings.
    fn possessed(&self, i: usize) -> bool {
        if !self.is_word(i) || self.norm(i).starts_with("ال") {
            return false;
        }
        let (s, e) = self.span(i, i + 1);
        let word = self.chars(s - self.base, e - self.base);
        word.chars().count() > 4
            && ["ته", "ها", "هم", "هما"]
                .iter()
                .any(|suffix| word.ends_with(suffix))
    }

    pub(super) fn class_end(&self, i: usize, b: ClassSet) -> Option<usize> {
        let lo = self.hits.partition_point(|h| h.start < i);
        self.hits[lo..]
            .iter()
            .take_while(|h| h.start == i)
            .filter(|h| h.payload == Payload::Class(b))
            .map(|h| h.end)
            .max()
    }

    /// Scan a verb-first subject from `from`; returns its end and why it
    /// ended there. `object`: the verb takes a direct object after its
    /// subject (the cue's `object`).
    pub(super) fn scan_subject_vso(&self, from: usize, b: usize, object: bool) -> (usize, String) {
        let max = self.pack.grammar.max_speaker_words.max(1);
        let mut k = from;
        let mut words = 0;
        while k < b {
            if self.is_break(k) {
                return (k, "a line break".into());
            }
            if let Some(c) = self.punct(k) {
                // a short quoted name: «وقال المتحدث "فلان" للصحفيين»
                if self.is_open_quote(c) && self.qclose[k] != NONE {
                    let close = self.qclose[k] as usize;
                    let inner = self.words_in(k + 1, close);
                    let after_ok = close + 1 < b
                        && (self
                            .punct(close + 1)
                            .is_some_and(|p| matches!(p, ':' | '،' | ','))
                            // «ونقلت صحيفة "الشرق" عن مسؤول قوله»
                            || self.has(
                                close + 1,
                                bit!("complementizer") | bit!("lam_outlet") | bit!("boundary"),
                            )
                            || self.t.toks[close + 1].lam_tatweel
                            || self.norm(close + 1).starts_with("لل"));
                    if inner > 0 && inner <= 4 && close - k - 1 == inner && after_ok {
                        k = close + 1;
                        words += inner;
                        continue;
                    }
                    return (k, "a quotation mark".into());
                }
                return (k, reason(self.explain, || format!("the punctuation «{c}»")));
            }
            // «عدد من المحللين»، «أحد من ...»: «من» after an indefinite head
            // stays in the source
            if (1..=2).contains(&words)
                && self.norm(k) == "من"
                && self.has(from, bit!("partitive") | bit!("indefinite"))
                && self.is_word(k + 1)
            {
                // the «من» phrase: one definite word («من المحللين») or a
                // bare word and the next («من داخل المحكمة»)
                let mut e = k + 2;
                if !self.norm(k + 1).starts_with("ال") && self.is_word(e) {
                    e += 1;
                }
                return (
                    e,
                    reason(self.explain, || {
                        format!("the end of the partitive «{}»", self.text_of(from, e))
                    }),
                );
            }
            let hard = bit!("complementizer")
                | bit!("boundary")
                | bit!("resumptive")
                | bit!("time")
                | bit!("lam_outlet")
                | bit!("content_start")
                | bit!("relative")
                | bit!("negation");
            if self.has(k, hard) {
                return (
                    k,
                    reason(self.explain, || {
                        format!("the {} «{}»", self.class_name(k), self.text_of(k, k + 1))
                    }),
                );
            }
            if self.has(k, bit!("soft_boundary"))
                && (words == 0
                    || self.has(k + 1, bit!("channel") | bit!("time"))
                    || self.possessed(k + 1))
            {
                return (
                    k,
                    reason(self.explain, || {
                        format!(
                            "«{} {}» (a channel or time)",
                            self.text_of(k, k + 1),
                            self.text_of(k + 1, k + 2)
                        )
                    }),
                );
            }
            let tok = self.t.toks[k];
            let nm = self.norm(k);
            if tok.lam_tatweel {
                return (
                    k,
                    reason(self.explain, || {
                        format!("«{}» (ل + outlet)", self.text_of(k, k + 1))
                    }),
                );
            }
            if self.pack.grammar.order == Order::Vso
                && (nm.starts_with("لل") || nm.starts_with("بال"))
                && nm.chars().count() > 4
                && !(nm.starts_with("لل") && self.office_of(from, k))
            {
                return (
                    k,
                    reason(self.explain, || {
                        format!("«{}» (a prepositional phrase)", self.text_of(k, k + 1))
                    }),
                );
            }
            // any cue (a participle too: «ما نفته الوزارة مؤكدة أن»); right
            // after the verb, a participle («وتابع قائلًا») says there is no
            // subject
            if (k > from
                && (self
                    .cue_hit(k)
                    .is_some_and(|(h, ci)| self.cue_allowed(&h, ci, from))
                    || self.hedge_at[k] != NONE))
                || (k == from
                    && self
                        .cue_hit(k)
                        .is_some_and(|(_, ci)| self.cue_class(ci) == CueClass::Participle))
            {
                return (
                    k,
                    reason(self.explain, || {
                        format!("another cue «{}»", self.text_of(k, k + 1))
                    }),
                );
            }
            // «أعلنت وزارة الصحة تسجيل 120 إصابة»: a verbal noun of the
            // pattern تفعيل after the subject's definite word is the object
            // (an idafa ends at its definite term; «مدير تسجيل الطلاب»,
            // after a bare word, is one noun phrase)
            if self.pack.grammar.order == Order::Vso
                && words >= 1
                && self.norm(k - 1).starts_with("ال")
                && self.verbal_noun(k)
            {
                return (
                    k,
                    reason(self.explain, || {
                        format!("«{}», a verbal noun (the object)", self.text_of(k, k + 1))
                    }),
                );
            }
            // «أعلنت النقابة استعدادها»: a bare noun with a pronoun suffix
            // after the subject is the object
            if self.pack.grammar.order == Order::Vso
                && words >= 1
                && (nm.ends_with("ها") || nm.ends_with("هم") || nm.ends_with("هما"))
                && nm.chars().count() > 4
                && !nm.starts_with(['ب', 'ل', 'و', 'ف'])
                // «المتهم»: the article rules out a pronoun suffix
                && !nm.starts_with("ال")
            {
                return (
                    k,
                    reason(self.explain, || {
                        format!(
                            "«{}», a noun with a pronoun suffix (the object)",
                            self.text_of(k, k + 1)
                        )
                    }),
                );
            }
            // «يتوقع محللون رفع الفائدة»: after a plural head («ـون»), a bare
            // word that does not agree with it is the object
            if self.pack.grammar.order == Order::Vso
                && words == 1
                && k == from + 1
                && self.norm(from).ends_with("ون")
                && self.norm(from).chars().count() >= 5
                && !nm.ends_with("ون")
                && !nm.starts_with("ال")
            {
                return (
                    k,
                    reason(self.explain, || {
                        format!(
                            "«{}», a word that does not agree with the plural subject (the object)",
                            self.text_of(k, k + 1)
                        )
                    }),
                );
            }
            // «المستشارة الألمانية الدخول»: after a definite noun and its
            // nisba adjective, a definite non-adjective starts the object
            if self.pack.grammar.order == Order::Vso
                && words >= 2
                && nm.starts_with("ال")
                && !self.is_def_nisba(k)
                && !self.has(k, bit!("title"))
                && self.is_def_nisba(k - 1)
                && self.norm(k - 2).starts_with("ال")
            {
                return (
                    k,
                    reason(self.explain, || {
                        format!(
                            "«{}», a definite noun after the subject's adjective (the object)",
                            self.text_of(k, k + 1)
                        )
                    }),
                );
            }
            // «اتهمت المعارضة الحكومة بـ»: after a verb that takes an
            // object, a definite word right after a definite word (an
            // idafa's terms are definite only at its end) is an adjective of
            // the subject or the object; a non-adjective starts the object
            if object
                && self.pack.grammar.order == Order::Vso
                && words >= 1
                && nm.starts_with("ال")
                && self.norm(k - 1).starts_with("ال")
                && !self.is_def_nisba(k)
                && !self.has(k, bit!("title") | bit!("adjective"))
            {
                return (
                    k,
                    reason(self.explain, || {
                        format!(
                            "«{}», a definite noun after the definite subject (the object)",
                            self.text_of(k, k + 1)
                        )
                    }),
                );
            }
            // «دعا الرئيس الفلسطيني محمود عباس المجتمع الدولي إلى»: after a
            // title and the name that follows it, a definite non-adjective
            // starts the object
            if object
                && self.pack.grammar.order == Order::Vso
                && nm.starts_with("ال")
                && !self.is_def_nisba(k)
                && !self.has(k, bit!("title") | bit!("adjective"))
                && self.after_titled_name(from, k)
            {
                return (
                    k,
                    reason(self.explain, || {
                        format!(
                            "«{}», a definite noun after the subject's name (the object)",
                            self.text_of(k, k + 1)
                        )
                    }),
                );
            }
            words += 1;
            k += 1;
            if words >= max {
                return (
                    k,
                    reason(self.explain, || {
                        format!("the longest speaker ({max} words)")
                    }),
                );
            }
        }
        (k, "the end of the sentence".into())
    }

    /// The word stands right after a cue verb somewhere in the chunk.
    pub(super) fn speaks_elsewhere(&self, w: &str) -> bool {
        // the words after the chunk's verb cues, as (hash of the matching
        // form, token) sorted: a lookup compares forms only on equal hashes
        let after = self.after_cue.get_or_init(|| {
            let mut v: Vec<(u64, u32)> = self
                .hits
                .iter()
                .filter(|h| {
                    matches!(h.payload, Payload::Cue(c) if self.pack.cues.get(c as usize)
                        .is_some_and(|e| e.class == crate::lexicon::CueClass::Verb))
                })
                .map(|h| (form_hash(self.norm(h.end)), h.end as u32))
                .collect();
            v.sort_unstable();
            v
        });
        let key = form_hash(w);
        let from = after.partition_point(|&(k, _)| k < key);
        after[from..]
            .iter()
            .take_while(|&&(k, _)| k == key)
            .any(|&(_, i)| self.norm(i as usize) == w)
    }

    pub(super) fn scan_source_np(&self, from: usize, b: usize) -> (usize, String) {
        let max = self.pack.grammar.max_speaker_words.max(1);
        let mut k = from;
        while k < b && k - from < max {
            if let Some(c) = self.punct(k) {
                if c == '(' {
                    // an acronym in brackets: «(سانا)»
                    if let Some(close) =
                        (k + 1..(k + 5).min(b)).find(|&j| self.punct(j) == Some(')'))
                    {
                        k = close + 1;
                        continue;
                    }
                }
                if self.is_open_quote(c)
                    && self.qclose[k] != NONE
                    && (self.qclose[k] as usize) < k + 5
                {
                    k = self.qclose[k] as usize + 1;
                    continue;
                }
                return (k, reason(self.explain, || format!("the punctuation «{c}»")));
            }
            if self.is_break(k) {
                return (k, "a line break".into());
            }
            if k > from
                && k <= from + 2
                && self.norm(k) == "من"
                && self.has(from, bit!("partitive") | bit!("indefinite") | bit!("vague"))
                && self.is_word(k + 1)
            {
                k += 1;
                continue;
            }
            if k > from
                && (self.t.toks[k].lam_tatweel
                    || self.has(k, bit!("lam_outlet") | bit!("resumptive")))
            {
                return (
                    k,
                    reason(self.explain, || {
                        format!("«{}» (ل + outlet)", self.text_of(k, k + 1))
                    }),
                );
            }
            if k > from
                && self.has(
                    k,
                    bit!("complementizer") | bit!("time") | bit!("relative") | bit!("clause_end"),
                )
                || (self.pack.grammar.order == Order::Vso && self.has(k, bit!("boundary")))
            {
                return (
                    k,
                    reason(self.explain, || {
                        format!("the {} «{}»", self.class_name(k), self.text_of(k, k + 1))
                    }),
                );
            }
            if k > from && self.is_cue_verb(k) {
                return (k, "another cue".into());
            }
            k += 1;
        }
        (k, "the end of the noun phrase".into())
    }
}

/// A hash of a word's matching form (for the after-cue lookup).
fn form_hash(w: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(w)
}
