//! Pairing passages and claims of two versions.
//!
//! Exact keys first (fingerprints, normalized words), then a similarity
//! score over candidates found through an inverted word index. Words that
//! occur in many items (articles, the speaker's name in every claim) are
//! skipped when looking up candidates, so each item meets a bounded number of
//! candidates and the whole alignment stays near-linear.

use std::collections::{HashMap, VecDeque};

use crate::words::{ClaimView, DocView, jaccard};

/// Words listed in more items than this are too common to find candidates.
const MAX_POSTINGS: usize = 48;
/// Candidates scored per item, the ones sharing most words.
const MAX_CANDIDATES: usize = 16;
/// Least word similarity for two passages to count as one edited passage.
const PASSAGE_THRESHOLD: f64 = 0.5;
/// Least score for two claims to count as one changed claim.
const CLAIM_THRESHOLD: f64 = 0.45;

/// A pair of items (passages or claims), one from each version.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub old: usize,
    pub new: usize,
    /// 1 for exact keys; the similarity score otherwise.
    pub similarity: f64,
    /// Paired by an exact key (fingerprint or normalized words).
    pub exact: bool,
    /// Not in the longest run of pairs that keeps both versions' order.
    pub moved: bool,
}

/// The pairs, with lookups from either side.
#[derive(Debug, Default)]
pub struct Alignment {
    pub pairs: Vec<Pair>,
    pub old_to_new: Vec<Option<usize>>,
    pub new_to_old: Vec<Option<usize>>,
}

impl Alignment {
    fn new(old_len: usize, new_len: usize) -> Self {
        Alignment {
            pairs: Vec::new(),
            old_to_new: vec![None; old_len],
            new_to_old: vec![None; new_len],
        }
    }

    fn push(&mut self, old: usize, new: usize, similarity: f64, exact: bool) {
        self.old_to_new[old] = Some(self.pairs.len());
        self.new_to_old[new] = Some(self.pairs.len());
        self.pairs.push(Pair {
            old,
            new,
            similarity,
            exact,
            moved: false,
        });
    }

    /// The pair that holds new item `new`.
    pub fn of_new(&self, new: usize) -> Option<&Pair> {
        self.new_to_old[new].map(|i| &self.pairs[i])
    }

    /// The pair that holds old item `old`.
    pub fn of_old(&self, old: usize) -> Option<&Pair> {
        self.old_to_new[old].map(|i| &self.pairs[i])
    }

    /// Marks as moved every pair outside a longest increasing subsequence of
    /// old indices taken in new order (patience sorting, O(n log n)).
    fn mark_moves(&mut self) {
        self.pairs.sort_by_key(|p| p.new);
        let olds: Vec<usize> = self.pairs.iter().map(|p| p.old).collect();
        let keep = longest_increasing(&olds);
        for (i, pair) in self.pairs.iter_mut().enumerate() {
            pair.moved = !keep[i];
        }
        self.old_to_new.iter_mut().for_each(|x| *x = None);
        self.new_to_old.iter_mut().for_each(|x| *x = None);
        for (i, p) in self.pairs.iter().enumerate() {
            self.old_to_new[p.old] = Some(i);
            self.new_to_old[p.new] = Some(i);
        }
    }
}

/// Which items of `seq` belong to one longest strictly increasing subsequence.
fn longest_increasing(seq: &[usize]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new(); // indices into seq
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &x) in seq.iter().enumerate() {
        let pos = tails.partition_point(|&t| seq[t] < x);
        prev[i] = pos.checked_sub(1).map(|p| tails[p]);
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut keep = vec![false; seq.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep[i] = true;
        at = prev[i];
    }
    keep
}

/// An inverted index from words to the items that hold them.
struct WordIndex<'w> {
    postings: HashMap<&'w str, Vec<usize>>,
}

impl<'w> WordIndex<'w> {
    fn new<'i>(items: impl Iterator<Item = (usize, &'w [String])>) -> Self {
        let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, words) in items {
            for w in words {
                let list = postings.entry(w.as_str()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        WordIndex { postings }
    }

    /// Items sharing the most (not too common) words with `words`.
    fn candidates(&self, words: &[String]) -> Vec<usize> {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        let mut seen = std::collections::HashSet::new();
        for w in words {
            if !seen.insert(w.as_str()) {
                continue;
            }
            if let Some(list) = self
                .postings
                .get(w.as_str())
                .filter(|l| l.len() <= MAX_POSTINGS)
            {
                for &i in list {
                    *counts.entry(i).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(usize, usize)> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .take(MAX_CANDIDATES)
            .map(|(i, _)| i)
            .collect()
    }
}

/// Takes scored candidate pairs best first (ties in text order) while both
/// sides are free.
fn assign_greedily(alignment: &mut Alignment, mut scored: Vec<(f64, usize, usize)>) {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)).then(a.1.cmp(&b.1)));
    for (score, old, new) in scored {
        if alignment.old_to_new[old].is_none() && alignment.new_to_old[new].is_none() {
            alignment.push(old, new, score, false);
        }
    }
}

/// Pairs passages: equal fingerprints first, then word similarity.
pub fn passages(old: &DocView<'_>, new: &DocView<'_>) -> Alignment {
    let mut alignment = Alignment::new(old.passages.len(), new.passages.len());
    let mut by_fingerprint: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (i, p) in old.passages.iter().enumerate() {
        by_fingerprint
            .entry(p.fingerprint.as_str())
            .or_default()
            .push_back(i);
    }
    for (j, p) in new.passages.iter().enumerate() {
        if let Some(i) = by_fingerprint
            .get_mut(p.fingerprint.as_str())
            .and_then(VecDeque::pop_front)
        {
            alignment.push(i, j, 1.0, true);
        }
    }
    let free_old = |i: &usize| alignment.old_to_new[*i].is_none();
    let index = WordIndex::new(
        (0..old.passages.len())
            .filter(free_old)
            .map(|i| (i, old.passages[i].words.as_slice())),
    );
    let mut scored = Vec::new();
    for (j, p) in new.passages.iter().enumerate() {
        if alignment.new_to_old[j].is_some() {
            continue;
        }
        for i in index.candidates(&p.words) {
            let s = jaccard(&old.passages[i].words, &p.words);
            if s >= PASSAGE_THRESHOLD {
                scored.push((s, i, j));
            }
        }
    }
    assign_greedily(&mut alignment, scored);
    alignment.mark_moves();
    alignment
}

/// Pairs claims: the same normalized words first, then a score over
/// content, speaker, cue and passage alignment.
pub fn claims(old: &DocView<'_>, new: &DocView<'_>, passages: &Alignment) -> Alignment {
    let mut alignment = Alignment::new(old.claims.len(), new.claims.len());
    let mut by_words: HashMap<&[String], VecDeque<usize>> = HashMap::new();
    for (i, c) in old.claims.iter().enumerate() {
        by_words.entry(c.words.as_slice()).or_default().push_back(i);
    }
    for (j, c) in new.claims.iter().enumerate() {
        if let Some(i) = by_words
            .get_mut(c.words.as_slice())
            .and_then(VecDeque::pop_front)
        {
            alignment.push(i, j, 1.0, true);
        }
    }
    // Old claims by passage, to offer the claims of the aligned passage as
    // candidates even when their words changed a lot.
    let mut old_by_passage: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, c) in old.claims.iter().enumerate() {
        if let (Some(p), None) = (c.passage, alignment.old_to_new[i]) {
            old_by_passage.entry(p).or_default().push(i);
        }
    }
    let index = WordIndex::new(
        (0..old.claims.len())
            .filter(|&i| alignment.old_to_new[i].is_none())
            .map(|i| (i, old.claims[i].words.as_slice())),
    );
    let mut scored = Vec::new();
    for (j, c) in new.claims.iter().enumerate() {
        if alignment.new_to_old[j].is_some() {
            continue;
        }
        let aligned_passage = c.passage.and_then(|p| passages.of_new(p)).map(|p| p.old);
        let mut candidates = index.candidates(&c.words);
        if let Some(list) = aligned_passage.and_then(|p| old_by_passage.get(&p)) {
            candidates.extend(list.iter().take(MAX_CANDIDATES));
        }
        candidates.sort_unstable();
        candidates.dedup();
        for i in candidates {
            let s = claim_score(
                &old.claims[i],
                c,
                aligned_passage.is_some() && old.claims[i].passage == aligned_passage,
            );
            if s >= CLAIM_THRESHOLD {
                scored.push((s, i, j));
            }
        }
    }
    assign_greedily(&mut alignment, scored);
    alignment.mark_moves();
    alignment
}

/// How likely two claims are one claim that changed: mostly the content's
/// words, then the speaker, the cue and whether their passages are aligned.
fn claim_score(old: &ClaimView<'_>, new: &ClaimView<'_>, same_passage: bool) -> f64 {
    let content =
        jaccard(&old.content_words, &new.content_words).max(jaccard(&old.words, &new.words));
    let speaker = match (old.speaker_words.is_empty(), new.speaker_words.is_empty()) {
        (true, true) => 1.0,
        (false, false) => jaccard(&old.speaker_words, &new.speaker_words),
        _ => 0.0,
    };
    let cue = if old.cue_lemma == new.cue_lemma {
        1.0
    } else {
        0.0
    };
    let passage = if same_passage { 1.0 } else { 0.0 };
    0.55 * content + 0.15 * speaker + 0.1 * cue + 0.2 * passage
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lis_keeps_the_longest_order() {
        assert_eq!(longest_increasing(&[0, 1, 2]), vec![true, true, true]);
        assert_eq!(longest_increasing(&[2, 0, 1]), vec![false, true, true]);
        assert_eq!(longest_increasing(&[]), Vec::<bool>::new());
        let keep = longest_increasing(&[1, 0, 2, 3]);
        assert_eq!(keep.iter().filter(|k| **k).count(), 3);
    }
}
