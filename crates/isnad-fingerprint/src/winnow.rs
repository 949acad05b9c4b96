//! k-gram winnowing over the matching form (Schleimer, Wilkerson and Aiken,
//! *Winnowing: local algorithms for document fingerprinting*, SIGMOD 2003).
//!
//! The matching form is reduced to its *skeleton*: its letters and digits,
//! without spaces and punctuation (the paper's "irrelevant features"), so
//! that a re-punctuated or re-spaced copy still shares its k-grams. Each
//! k-gram of the skeleton is hashed; in every window of `w` consecutive
//! hashes the minimum (the rightmost one on ties) is selected. Two texts
//! that share a run of at least `k + w - 1` skeleton characters share at
//! least one selected hash, and no match shorter than `k` is seen.

use std::collections::HashSet;

/// A selected k-gram hash and where its k-gram lies in the matching form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Mark {
    /// The k-gram's hash.
    pub hash: u64,
    /// Byte offset of the k-gram's first character in the matching form.
    pub start: usize,
    /// Byte offset just past the k-gram's last character.
    pub end: usize,
    /// Index of the k-gram's first character in the skeleton.
    pub index: usize,
}

/// Winnowing parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Winnowing {
    /// The k-gram length in skeleton characters (the noise threshold).
    pub k: usize,
    /// The window length in k-grams.
    pub w: usize,
}

impl Default for Winnowing {
    /// k = 6, w = 5: any shared run of 10 letters and digits (about two
    /// words) is found; matches under 6 are noise.
    fn default() -> Self {
        Winnowing { k: 6, w: 5 }
    }
}

/// The skeleton of a matching form: its letters and digits with their byte
/// offsets.
pub(crate) fn skeleton(normalized: &str) -> Vec<(char, usize)> {
    normalized
        .char_indices()
        .filter(|(_, c)| c.is_alphanumeric())
        .map(|(i, c)| (c, i))
        .collect()
}

/// A well-mixed 64-bit hash of a k-gram (deterministic across runs and
/// platforms, so stored fingerprints stay comparable).
fn kgram_hash(gram: &[(char, usize)]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &(c, _) in gram {
        h ^= u64::from(c as u32);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // splitmix64 finalizer
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// Every k-gram of a skeleton as a mark (no selection).
pub(crate) fn all_kgrams(skel: &[(char, usize)], k: usize) -> Vec<Mark> {
    let k = k.max(1);
    if skel.len() < k {
        return Vec::new();
    }
    (0..=skel.len() - k)
        .map(|i| {
            let last = skel[i + k - 1];
            Mark {
                hash: kgram_hash(&skel[i..i + k]),
                start: skel[i].1,
                end: last.1 + last.0.len_utf8(),
                index: i,
            }
        })
        .collect()
}

/// Winnowing fingerprints of a text in matching form (the output of
/// [`isnad_text::normalize`]).
///
/// ```
/// use isnad_fingerprint::{Winnowing, resemblance, winnow};
/// use isnad_text::normalize_str;
///
/// let a = winnow(&normalize_str("The ministry said the dam is finished, and safe."), Winnowing::default());
/// let b = winnow(&normalize_str("the Ministry said: the dam is finished and safe"), Winnowing::default());
/// assert_eq!(resemblance(&a, &b), 1.0);
/// ```
pub fn winnow(normalized: &str, params: Winnowing) -> Vec<Mark> {
    select(&all_kgrams(&skeleton(normalized), params.k), params.w)
}

/// Robust winnowing: the minimum of each window, rightmost on ties, each
/// selected k-gram recorded once.
pub(crate) fn select(grams: &[Mark], w: usize) -> Vec<Mark> {
    let w = w.max(1);
    let mut out: Vec<Mark> = Vec::new();
    if grams.is_empty() {
        return out;
    }
    if grams.len() <= w {
        if let Some(m) = grams.iter().rev().min_by_key(|m| m.hash) {
            out.push(*m);
        }
        return out;
    }
    let mut chosen: Option<usize> = None;
    for end in w..=grams.len() {
        let start = end - w;
        let keep = match chosen {
            Some(c) if c >= start => {
                // The previous minimum is still in the window: only the new
                // hash can replace it.
                let new = end - 1;
                if grams[new].hash <= grams[c].hash {
                    new
                } else {
                    c
                }
            }
            _ => {
                let mut best = start;
                for i in start..end {
                    if grams[i].hash <= grams[best].hash {
                        best = i;
                    }
                }
                best
            }
        };
        if chosen != Some(keep) {
            out.push(grams[keep]);
            chosen = Some(keep);
        }
    }
    out
}

/// Jaccard resemblance of two fingerprint sets: shared hashes over all
/// hashes (1 for two empty sets).
pub fn resemblance(a: &[Mark], b: &[Mark]) -> f64 {
    let sa: HashSet<u64> = a.iter().map(|m| m.hash).collect();
    let sb: HashSet<u64> = b.iter().map(|m| m.hash).collect();
    let union = sa.union(&sb).count();
    if union == 0 {
        return 1.0;
    }
    sa.intersection(&sb).count() as f64 / union as f64
}

/// How much of `a` is contained in `b`: the share of `a`'s hashes that `b`
/// has (1 when `a` is empty).
pub fn containment(a: &[Mark], b: &[Mark]) -> f64 {
    let sa: HashSet<u64> = a.iter().map(|m| m.hash).collect();
    if sa.is_empty() {
        return 1.0;
    }
    let sb: HashSet<u64> = b.iter().map(|m| m.hash).collect();
    sa.intersection(&sb).count() as f64 / sa.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use isnad_text::normalize_str;

    #[test]
    fn windows_guarantee_shared_runs_are_found() {
        let p = Winnowing::default();
        let base = normalize_str(
            "وقال وزير المياه سامر الخطيب إن السد سيحمي أكثر من مليون نسمة من خطر الفيضانات",
        );
        let marks = winnow(&base, p);
        let skel = skeleton(&base);
        // Density: about 2 / (w + 1) of the k-grams are selected.
        assert!(marks.len() * 2 < skel.len());
        // Every window of w k-grams has a selected one.
        let grams = all_kgrams(&skel, p.k);
        for win in grams.windows(p.w) {
            assert!(win.iter().any(|g| marks.iter().any(|m| m.index == g.index)));
        }
        // A copy inside another text shares every selected hash that lies
        // wholly inside it.
        let other = normalize_str(
            "خبر عاجل: وقال وزيرُ المياه سامر الخطيب إنّ السد سيحمي أكثر من مليون نسمة من خطر الفيضانات. انتهى",
        );
        assert!(containment(&marks, &winnow(&other, p)) > 0.9);
    }

    #[test]
    fn different_texts_share_little() {
        let p = Winnowing::default();
        let a = winnow(&normalize_str("The ministry said the dam is finished."), p);
        let b = winnow(
            &normalize_str("Engineers expect a delay because of a shortage of equipment."),
            p,
        );
        assert!(resemblance(&a, &b) < 0.1);
        assert_eq!(resemblance(&[], &[]), 1.0);
    }
}
