//! What the aligner needs to know about each passage and claim: its text as
//! written and its normalized words.

use isnad_model::{Claim, Span};

use crate::Version;

/// Maps code-point spans to byte ranges in O(stride) per lookup, with a
/// checkpoint every `STRIDE` code points (a full per-character table would
/// cost eight bytes per character of a possibly large text).
pub struct CharIndex<'a> {
    text: &'a str,
    checkpoints: Vec<usize>,
}

const STRIDE: usize = 64;

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let checkpoints = text
            .char_indices()
            .step_by(STRIDE)
            .map(|(i, _)| i)
            .collect();
        CharIndex { text, checkpoints }
    }

    fn byte_of(&self, code_point: usize) -> usize {
        let Some(&base) = self.checkpoints.get(code_point / STRIDE) else {
            return self.text.len();
        };
        let rest = &self.text[base..];
        rest.char_indices()
            .nth(code_point % STRIDE)
            .map_or(self.text.len(), |(i, _)| base + i)
    }

    /// The text of `span`; spans outside the text are clipped.
    pub fn slice(&self, span: Span) -> &'a str {
        let start = self.byte_of(span.start);
        let end = self.byte_of(span.end).max(start);
        &self.text[start..end]
    }
}

/// The normalized words of `text`: its matching form (isnad-norm-1) split
/// at everything that is not a letter or digit, so punctuation-only edits
/// give the same words.
pub fn normalized_words(text: &str) -> Vec<String> {
    isnad_text::normalize_str(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// One passage as the aligner sees it.
pub struct PassageView {
    pub id: String,
    pub fingerprint: String,
    pub raw: String,
    pub words: Vec<String>,
}

/// One claim as the aligner sees it.
pub struct ClaimView<'a> {
    pub claim: &'a Claim,
    pub passage: Option<usize>,
    pub raw: String,
    /// Normalized words of the whole claim (speaker, cue and content).
    pub words: Vec<String>,
    pub content_raw: String,
    pub content_words: Vec<String>,
    pub speaker: Option<String>,
    pub speaker_words: Vec<String>,
    pub cue: Option<String>,
    pub cue_lemma: Option<String>,
    pub hedges: Vec<String>,
}

/// A version of the document, prepared for alignment.
pub struct DocView<'a> {
    pub passages: Vec<PassageView>,
    pub claims: Vec<ClaimView<'a>>,
}

impl<'a> DocView<'a> {
    pub fn new(version: Version<'a>) -> Self {
        let index = CharIndex::new(version.text);
        let passages: Vec<PassageView> = version
            .extraction
            .passages
            .iter()
            .map(|p| {
                let raw = index.slice(p.span).to_string();
                PassageView {
                    id: p.id.clone(),
                    fingerprint: p.fingerprint.clone(),
                    words: normalized_words(&raw),
                    raw,
                }
            })
            .collect();
        let passage_index: std::collections::HashMap<&str, usize> = passages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let claims = version
            .extraction
            .claims
            .iter()
            .map(|claim| {
                let raw = index.slice(claim.span).to_string();
                let content_raw = index.slice(claim.content.span).to_string();
                let speaker = claim.speaker.as_ref().map(|s| s.name.clone());
                ClaimView {
                    claim,
                    passage: passage_index.get(claim.passage.as_str()).copied(),
                    words: normalized_words(&raw),
                    content_words: normalized_words(&content_raw),
                    speaker_words: speaker.as_deref().map(normalized_words).unwrap_or_default(),
                    speaker,
                    cue: claim.cue.as_ref().map(|c| c.text.clone()),
                    cue_lemma: claim
                        .cue
                        .as_ref()
                        .map(|c| isnad_text::normalize_str(&c.lemma)),
                    hedges: claim.hedges.iter().map(|h| h.text.clone()).collect(),
                    raw,
                    content_raw,
                }
            })
            .collect();
        DocView { passages, claims }
    }
}

/// Jaccard similarity of two word lists taken as sets (1 for two empty lists).
pub fn jaccard(a: &[String], b: &[String]) -> f64 {
    use std::collections::HashSet;
    let sa: HashSet<&str> = a.iter().map(String::as_str).collect();
    let sb: HashSet<&str> = b.iter().map(String::as_str).collect();
    let union = sa.union(&sb).count();
    if union == 0 {
        return 1.0;
    }
    sa.intersection(&sb).count() as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_slices_by_code_points() {
        let text = "قال ".repeat(100) + "end";
        let index = CharIndex::new(&text);
        assert_eq!(index.slice(Span::new(400, 403)), "end");
        assert_eq!(index.slice(Span::new(4, 7)), "قال");
        assert_eq!(index.slice(Span::new(401, 999)), "nd");
    }

    #[test]
    fn punctuation_and_diacritics_do_not_change_words() {
        assert_eq!(normalized_words("قالَ: «نعم»."), normalized_words("قال نعم"));
        assert_eq!(
            normalized_words("He said, \"yes\"!"),
            vec!["he", "said", "yes"]
        );
    }
}
