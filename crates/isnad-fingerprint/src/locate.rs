//! Finding a quote or a passage in a text that may have changed.

use isnad_model::Span;
use isnad_text::{Normalized, normalize, normalize_str};

use crate::winnow::{Winnowing, all_kgrams, select, skeleton};

/// Where a quote was found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuoteMatch {
    /// The span of the original text that holds the quote (or its closest
    /// approximation).
    pub span: Span,
    /// 1 for an exact match on the matching form; otherwise
    /// `1 - edits / length`, from the character edit distance between the
    /// quote's matching form and the span's, divided by the longer of the
    /// two (0 when nothing is alike).
    pub similarity: f64,
    /// True when the quote's matching form occurs as it is.
    pub exact: bool,
}

/// Above this many DP cells the alignment works on words instead of
/// characters.
const MAX_CELLS: usize = 16_000_000;

/// Finds `quote` in `text`: an exact match on the matching form first (the
/// first occurrence), else the window of `text` most similar to the quote
/// (candidates from shared winnowing fingerprints, then a semi-global edit
/// distance alignment, widened to whole words). `None` when the quote is
/// empty after normalization or nothing in `text` resembles it.
///
/// ```
/// use isnad_fingerprint::locate;
///
/// let text = "وقال الوزير إنّ السدَّ «سيحمي أكثر من مليون نسمة» من الفيضانات.";
/// let exact = locate(text, "سيحمي اكثر من مليون نسمه").unwrap();
/// assert!(exact.exact);
/// assert_eq!(exact.span.slice(text), Some("سيحمي أكثر من مليون نسمة"));
///
/// let near = locate(text, "إن السد سيحمي أكثر من مليوني نسمة").unwrap();
/// assert!(!near.exact && near.similarity > 0.9);
/// assert_eq!(near.span.slice(text), Some("إنّ السدَّ «سيحمي أكثر من مليون نسمة"));
/// ```
pub fn locate(text: &str, quote: &str) -> Option<QuoteMatch> {
    locate_in(&normalize(text), quote)
}

/// Like [`locate`], on a text already normalized with its offset map (to
/// locate many quotes in one text).
pub fn locate_in(normalized: &Normalized, quote: &str) -> Option<QuoteMatch> {
    let needle = normalize_str(quote);
    if needle.is_empty() {
        return None;
    }
    let hay = normalized.as_str();
    if let Some(at) = hay.find(&needle) {
        return Some(QuoteMatch {
            span: normalized.original_span(at..at + needle.len()),
            similarity: 1.0,
            exact: true,
        });
    }
    let q: Vec<char> = needle.chars().collect();
    let mut best: Option<(f64, usize, usize)> = None;
    for (start, end) in candidate_regions(hay, &needle, q.len()) {
        let region = &hay[start..end];
        if let Some((sim, s, e)) = align(&q, region) {
            let (s, e) = widen(hay, start + s, start + e);
            if best.is_none_or(|(b, ..)| sim > b) {
                best = Some((sim, s, e));
            }
        }
    }
    let (similarity, s, e) = best?;
    if similarity <= 0.0 {
        return None;
    }
    Some(QuoteMatch {
        span: normalized.original_span(s..e),
        similarity,
        exact: false,
    })
}

/// Byte ranges of `hay` worth aligning the needle against: around the
/// diagonals where most of the needle's k-grams meet the haystack's
/// winnowing fingerprints; the whole haystack when it is small and nothing
/// is shared.
fn candidate_regions(hay: &str, needle: &str, qlen: usize) -> Vec<(usize, usize)> {
    let params = Winnowing::default();
    let hskel = skeleton(hay);
    let nskel = skeleton(needle);
    let marks = select(&all_kgrams(&hskel, params.k), params.w);
    let mut by_hash: std::collections::HashMap<u64, Vec<usize>> = std::collections::HashMap::new();
    for g in all_kgrams(&nskel, params.k) {
        by_hash.entry(g.hash).or_default().push(g.index);
    }
    // Votes for the haystack skeleton index where the needle would start.
    let mut votes: Vec<isize> = Vec::new();
    for m in &marks {
        if let Some(idxs) = by_hash.get(&m.hash) {
            for &qi in idxs {
                votes.push(m.index as isize - qi as isize);
            }
        }
    }
    let mut regions = Vec::new();
    if votes.is_empty() {
        if qlen.saturating_mul(hay.chars().count()) <= MAX_CELLS {
            regions.push((0, hay.len()));
        }
        return regions;
    }
    votes.sort_unstable();
    let slen = nskel.len().max(1) as isize;
    let tolerance = (slen / 4).max(8);
    // The densest clusters of votes (up to three, not overlapping).
    let mut clusters: Vec<(usize, isize)> = Vec::new();
    let mut lo = 0;
    for hi in 0..votes.len() {
        while votes[hi] - votes[lo] > tolerance {
            lo += 1;
        }
        clusters.push((hi - lo + 1, votes[lo + (hi - lo) / 2]));
    }
    clusters.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut picked: Vec<isize> = Vec::new();
    for (_, diag) in clusters {
        if picked.iter().all(|&p| (p - diag).abs() > slen) {
            picked.push(diag);
        }
        if picked.len() == 3 {
            break;
        }
    }
    for diag in picked {
        let slack = tolerance * 2;
        let first = (diag - slack).max(0) as usize;
        let last = ((diag + slen + slack) as usize).min(hskel.len().saturating_sub(1));
        let start = line_start(hay, hskel.get(first).map_or(0, |x| x.1));
        let end = hskel.get(last).map_or(hay.len(), |x| x.1 + x.0.len_utf8());
        let end = word_end(hay, end);
        if start < end {
            regions.push((start, end));
        }
    }
    regions
}

/// Back to the start of the word at byte `i`.
fn line_start(hay: &str, mut i: usize) -> usize {
    while i > 0 {
        let Some(c) = hay[..i].chars().next_back() else {
            break;
        };
        if c == ' ' {
            break;
        }
        i -= c.len_utf8();
    }
    i
}

/// Forward to the end of the word at byte `i`.
fn word_end(hay: &str, mut i: usize) -> usize {
    while let Some(c) = hay[i..].chars().next() {
        if c == ' ' {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// Widens a byte range of `hay` to whole words (a match that starts or ends
/// inside a word takes the whole word), without its surrounding spaces and
/// punctuation.
fn widen(hay: &str, s: usize, e: usize) -> (usize, usize) {
    let mut s = s;
    while s > 0 {
        let Some(c) = hay[..s].chars().next_back() else {
            break;
        };
        if !c.is_alphanumeric() {
            break;
        }
        s -= c.len_utf8();
    }
    let mut e = e.max(s);
    while let Some(c) = hay[e..].chars().next() {
        if !c.is_alphanumeric() {
            break;
        }
        e += c.len_utf8();
    }
    // Trim spaces and punctuation at the edges.
    while let Some(c) = hay[s..e].chars().next() {
        if c.is_alphanumeric() {
            break;
        }
        s += c.len_utf8();
    }
    while let Some(c) = hay[s..e].chars().next_back() {
        if c.is_alphanumeric() {
            break;
        }
        e -= c.len_utf8();
    }
    (s, e)
}

/// Semi-global alignment of the whole needle against any window of
/// `region`: the similarity and the window's byte range in `region`.
fn align(q: &[char], region: &str) -> Option<(f64, usize, usize)> {
    let r: Vec<(usize, char)> = region.char_indices().collect();
    if r.is_empty() || q.is_empty() {
        return None;
    }
    if q.len().saturating_mul(r.len()) > MAX_CELLS {
        return align_words(q, region);
    }
    let rc: Vec<char> = r.iter().map(|x| x.1).collect();
    let (dist, s, e) = semi_global(q, &rc);
    let window = e - s;
    let sim = 1.0 - dist as f64 / q.len().max(window) as f64;
    let bs = r[s].0;
    let be = if e < r.len() { r[e].0 } else { region.len() };
    Some((sim.max(0.0), bs, be))
}

/// The word-level fallback for very long needles.
fn align_words(q: &[char], region: &str) -> Option<(f64, usize, usize)> {
    let needle: String = q.iter().collect();
    let qw: Vec<&str> = needle.split(' ').filter(|w| !w.is_empty()).collect();
    let mut bounds = Vec::new();
    let mut rw = Vec::new();
    let mut pos = 0;
    for w in region.split(' ') {
        if !w.is_empty() {
            bounds.push((pos, pos + w.len()));
            rw.push(w);
        }
        pos += w.len() + 1;
    }
    if qw.is_empty() || rw.is_empty() || qw.len().saturating_mul(rw.len()) > MAX_CELLS {
        return None;
    }
    let (dist, s, e) = semi_global(&qw, &rw);
    if e <= s {
        return None;
    }
    let sim = 1.0 - dist as f64 / qw.len().max(e - s) as f64;
    Some((sim.max(0.0), bounds[s].0, bounds[e - 1].1))
}

/// Edit distance of `q` against the best window `r[s..e]` (free start and
/// end in `r`); ties go to the earliest end, then the latest start.
fn semi_global<T: PartialEq>(q: &[T], r: &[T]) -> (usize, usize, usize) {
    let n = r.len();
    // prev[j] = (distance, start) for q[..i] against a window ending at j.
    let mut prev: Vec<(u32, u32)> = (0..=n).map(|j| (0, j as u32)).collect();
    let mut cur: Vec<(u32, u32)> = vec![(0, 0); n + 1];
    for (i, qc) in q.iter().enumerate() {
        cur[0] = (i as u32 + 1, 0);
        for j in 1..=n {
            let diag = (prev[j - 1].0 + u32::from(*qc != r[j - 1]), prev[j - 1].1);
            let up = (prev[j].0 + 1, prev[j].1);
            let left = (cur[j - 1].0 + 1, cur[j - 1].1);
            let mut best = diag;
            if up.0 < best.0 || (up.0 == best.0 && up.1 > best.1) {
                best = up;
            }
            if left.0 < best.0 || (left.0 == best.0 && left.1 > best.1) {
                best = left;
            }
            cur[j] = best;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let mut end = 0;
    for j in 0..=n {
        if prev[j].0 < prev[end].0 {
            end = j;
        }
    }
    (prev[end].0 as usize, prev[end].1 as usize, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semi_global_finds_the_window() {
        let q: Vec<char> = "abcd".chars().collect();
        let r: Vec<char> = "xxabxdyy".chars().collect();
        assert_eq!(semi_global(&q, &r), (1, 2, 6));
    }

    #[test]
    fn exact_match_ignores_diacritics_and_quotes() {
        let text = "قالَ الوزيرُ: «السدُّ آمن».";
        let m = locate(text, "السد امن").unwrap();
        assert!(m.exact);
        assert_eq!(m.span.slice(text), Some("السدُّ آمن"));
    }

    #[test]
    fn changed_quote_in_a_long_text_is_found_with_a_score() {
        let mut text = String::new();
        for i in 0..200 {
            text.push_str(&format!(
                "فقرة رقم {i} عن موضوع آخر تماما لا علاقة له بالخبر.\n\n"
            ));
        }
        text.push_str(
            "وقال المتحدث باسم الوزارة إن الحكومة ستعلن عن خطة جديدة للطاقة خلال الأسبوع المقبل.\n\n",
        );
        for i in 0..200 {
            text.push_str(&format!("Paragraph {i} about something else entirely.\n\n"));
        }
        let m = locate(
            &text,
            "إن الحكومة سوف تعلن عن خطة جديدة للطاقة خلال الاسبوع القادم",
        )
        .unwrap();
        assert!(!m.exact);
        assert!(m.similarity > 0.75, "{m:?}");
        let found = m.span.slice(&text).unwrap();
        assert!(
            found.starts_with("إن الحكومة") && found.ends_with("الأسبوع المقبل"),
            "{found}"
        );
    }

    #[test]
    fn unrelated_or_empty_quotes() {
        assert_eq!(locate("some text", "  «» "), None);
        let m = locate(
            "The minister spoke about the dam.",
            "Completely different words here",
        );
        assert!(m.is_none_or(|m| m.similarity < 0.5));
    }
}
