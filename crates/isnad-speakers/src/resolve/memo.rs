//! What the pass works out from a name or a cue alone, kept per thread
//! across documents.
//!
//! A speaker's anatomy, a cue's inflection and a name's skeletons are pure
//! functions of the text and the rules. A batch of articles runs one pass
//! per article, and each used to start these tables empty and drop them at
//! its end: on a batch of short articles, working the same names out again
//! and setting up and dropping the tables cost more than linking. A pass
//! takes the tables its thread's last pass left ([`Memo::take`]) and gives
//! them back when it is dropped; they hold only what the rules of that id
//! say, so they stay right for any later pass under the same rules.

use std::cell::RefCell;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{TitleRec, sorted_key, strip_al};
use crate::agree::{self, Agree};
use crate::mention::{Anatomy, anatomy};
use crate::rules::Rules;

/// What a speaker's name says by itself: its anatomy, its normalized text
/// and what its words say about gender and number («النائبة», "Mr.
/// Gharbawi"). A pure function of the name, worked out once per name (a
/// document names its speakers again and again).
pub(crate) struct NameInfo {
    pub a: Anatomy,
    pub norm: String,
    pub said: Option<Agree>,
    /// The name is one channel noun ([`is_channel`]).
    pub channel: bool,
}

/// The skeletons of a name's words (`Rules::skeletons_for`) and its key
/// in the pass's index of full names (`sorted_key`).
pub(crate) struct Skeleton {
    pub words: Vec<String>,
    pub key: String,
}

impl std::ops::Deref for Skeleton {
    type Target = Vec<String>;

    fn deref(&self) -> &Vec<String> {
        &self.words
    }
}

/// The tables of a [`Memo`]; each starts over when it holds [`MEMO`]
/// entries.
#[derive(Default)]
struct Tables {
    names: FxHashMap<String, Arc<NameInfo>>,
    /// Cue text, then lemma.
    cues: FxHashMap<String, FxHashMap<String, Option<Agree>>>,
    /// Skeletons of names, as a body's and as a person's.
    skeletons: [FxHashMap<Vec<String>, Arc<Skeleton>>; 2],
    /// Titles by what they are made of ([`title_key`]).
    titles: FxHashMap<Box<[u8]>, Arc<TitleRec>>,
    /// The key of the title being looked up.
    key: Vec<u8>,
}

/// Entries of each table.
const MEMO: usize = 4096;

thread_local! {
    /// The tables the last pass on this thread left, and its rules' id.
    static SPARE: RefCell<Option<(u64, Box<Tables>)>> = const { RefCell::new(None) };
}

/// Names, cues and skeletons met recently, with what they say
/// ([`NameInfo`], `agree::cue`, `Rules::skeletons_for`).
pub(crate) struct Memo {
    rules: u64,
    /// None for a finished document's keys, which work nothing out.
    t: Option<Box<Tables>>,
}

impl Drop for Memo {
    /// Leaves the tables to the thread's next pass.
    fn drop(&mut self) {
        if let Some(t) = self.t.take() {
            let id = self.rules;
            // a thread being torn down keeps nothing
            let _ = SPARE.try_with(|spare| *spare.borrow_mut() = Some((id, t)));
        }
    }
}

impl Memo {
    /// The tables of the thread's last pass under `rules`, or new ones.
    pub(crate) fn take(rules: &Rules) -> Memo {
        let id = rules.id();
        let spare = SPARE
            .try_with(|spare| spare.borrow_mut().take())
            .ok()
            .flatten()
            .filter(|(r, _)| *r == id);
        Memo {
            rules: id,
            t: Some(spare.map_or_else(Box::default, |(_, t)| t)),
        }
    }

    /// A memo that holds nothing and leaves nothing behind.
    pub(crate) fn none() -> Memo {
        Memo {
            rules: u64::MAX,
            t: None,
        }
    }

    fn tables(&mut self) -> &mut Tables {
        self.t.get_or_insert_with(Box::default)
    }

    pub(crate) fn name(&mut self, rules: &Rules, name: &str) -> Arc<NameInfo> {
        let t = self.tables();
        if let Some(info) = t.names.get(name) {
            return Arc::clone(info);
        }
        let a = anatomy(rules, name);
        let norm = isnad_text::normalize_str(name);
        let said = agree::mention_normalized(rules, &a.heads, &norm);
        let channel = is_channel(rules, &norm);
        let info = Arc::new(NameInfo {
            a,
            norm,
            said,
            channel,
        });
        if t.names.len() >= MEMO {
            t.names.clear();
        }
        t.names.insert(name.to_string(), Arc::clone(&info));
        info
    }

    pub(crate) fn cue(&mut self, text: &str, lemma: &str) -> Option<Agree> {
        let t = self.tables();
        if let Some(&said) = t.cues.get(text).and_then(|m| m.get(lemma)) {
            return said;
        }
        let said = agree::cue(text, lemma);
        if t.cues.len() >= MEMO {
            t.cues.clear();
        }
        t.cues
            .entry(text.to_string())
            .or_default()
            .insert(lemma.to_string(), said);
        said
    }

    /// [`TitleRec::of`] a mention (a document gives the same titles again
    /// and again).
    pub(crate) fn title(&mut self, rules: &Rules, a: &Anatomy) -> Option<Arc<TitleRec>> {
        let head = a.heads.first()?;
        let t = self.tables();
        title_key(a, head, &mut t.key);
        if let Some(rec) = t.titles.get(&t.key[..]) {
            return Some(Arc::clone(rec));
        }
        let rec = Arc::new(TitleRec::of(rules, a)?);
        if t.titles.len() >= MEMO {
            t.titles.clear();
        }
        t.titles.insert(t.key[..].into(), Arc::clone(&rec));
        Some(rec)
    }

    /// `Rules::skeletons_for` of a name, with its key (a document names the
    /// same people again and again).
    pub(crate) fn skeletons(
        &mut self,
        rules: &Rules,
        name: &[String],
        person: bool,
    ) -> Arc<Skeleton> {
        let memo = &mut self.tables().skeletons[usize::from(person)];
        if let Some(sk) = memo.get(name) {
            return Arc::clone(sk);
        }
        let words = rules.skeletons_for(name, person);
        let sk = Arc::new(Skeleton {
            key: sorted_key(&words),
            words,
        });
        if memo.len() >= MEMO {
            memo.clear();
        }
        memo.insert(name.to_vec(), Arc::clone(&sk));
        sk
    }
}

/// The parts of a mention's anatomy its [`TitleRec`] is made of (its
/// first head, title, modifiers and complement), written into `key`: the
/// lists' lengths, then each string after its length, so that two keys are
/// equal only when the parts are.
fn title_key(a: &Anatomy, head: &str, key: &mut Vec<u8>) {
    key.clear();
    key.extend_from_slice(&a.mods.len().to_le_bytes());
    key.extend_from_slice(&a.complement.len().to_le_bytes());
    for s in [head, &a.title]
        .into_iter()
        .chain(a.mods.iter().chain(&a.complement).map(String::as_str))
    {
        key.extend_from_slice(&s.len().to_le_bytes());
        key.extend_from_slice(s.as_bytes());
    }
}

/// True when a speaker's words are one channel noun («البيان», "the
/// statement").
fn is_channel(rules: &Rules, text_norm: &str) -> bool {
    let words: Vec<&str> = text_norm
        .split(' ')
        .filter(|w| !w.is_empty() && !matches!(*w, "the" | "a" | "an" | "its" | "his" | "her"))
        .collect();
    matches!(words[..], [w] if rules.channels.contains(strip_al(w)) && (w.starts_with("ال") || text_norm.starts_with("the ") || !w.chars().any(crate::rules::is_arabic)))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// A title, name or skeleton from the memo is what working it out
    /// gives, the first time and the next, in this pass and the next one on
    /// the thread.
    #[test]
    fn the_memo_answers_as_working_it_out() {
        let rules = Rules::parse(crate::rules::VARIANTS).unwrap();
        let names = [
            "الرئيس الروسي",
            "الرئيس",
            "رئيس كوريا الجنوبية",
            "رئيس الوزراء",
            "المتحدثة باسم الحكومة ليلى عمران",
            "وزير الخارجية سامي الحداد",
            "Foreign Minister Anna Berg",
            "the president",
            "Mr. Gharbawi",
            "البيان",
        ];
        for round in 0..3 {
            let mut memo = Memo::take(&rules);
            for name in names {
                let info = memo.name(&rules, name);
                let a = anatomy(&rules, name);
                assert_eq!(info.a, a, "{name} (round {round})");
                assert_eq!(info.norm, isnad_text::normalize_str(name));
                let want = TitleRec::of(&rules, &a);
                assert_eq!(memo.title(&rules, &a).as_deref(), want.as_ref(), "{name}");
                for person in [false, true] {
                    let sk = memo.skeletons(&rules, &a.name, person);
                    let words = rules.skeletons_for(&a.name, person);
                    assert_eq!(sk.key, sorted_key(&words));
                    assert_eq!(sk.words, words, "{name}");
                }
            }
        }
    }

    /// Titles that differ only in where one part ends have keys of their
    /// own.
    #[test]
    fn title_keys_tell_the_parts_apart() {
        let a = |mods: &[&str], complement: &[&str]| Anatomy {
            title: "x".into(),
            heads: vec!["h".into()],
            mods: mods.iter().map(|s| s.to_string()).collect(),
            complement: complement.iter().map(|s| s.to_string()).collect(),
            ..Anatomy::default()
        };
        let key = |a: &Anatomy| {
            let mut k = Vec::new();
            title_key(a, &a.heads[0], &mut k);
            k
        };
        let all = [
            a(&["ab"], &[]),
            a(&[], &["ab"]),
            a(&["a", "b"], &[]),
            a(&["a"], &["b"]),
            a(&[], &[]),
            a(&[""], &[]),
        ];
        for (i, x) in all.iter().enumerate() {
            for (j, y) in all.iter().enumerate() {
                assert_eq!(key(x) == key(y), i == j, "{i} {j}");
            }
        }
    }
}
