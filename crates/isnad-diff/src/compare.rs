//! Naming what changed, once passages and claims are paired.

use isnad_model::{ClaimChange, ClaimSnapshot, FieldChange, PassageChange, WordEdit};
use similar::{ChangeTag, TextDiff};

use crate::align::Alignment;
use crate::words::{ClaimView, DocView, normalized_words};

/// Passage changes in the new version's order, each removed passage right
/// after the passage that preceded it in the old version.
pub fn passage_changes(
    old: &DocView<'_>,
    new: &DocView<'_>,
    alignment: &Alignment,
) -> Vec<PassageChange> {
    let mut out: Vec<(Position, PassageChange)> = Vec::new();
    for (j, p) in new.passages.iter().enumerate() {
        let change = match alignment.of_new(j) {
            Some(pair) => {
                let o = &old.passages[pair.old];
                let status = if !pair.exact {
                    "edited"
                } else if pair.moved {
                    "moved"
                } else {
                    "unchanged"
                };
                PassageChange {
                    status: status.into(),
                    old: Some(o.id.clone()),
                    new: Some(p.id.clone()),
                    similarity: Some(round3(pair.similarity)),
                    formatting_only: pair.exact && o.raw != p.raw,
                }
            }
            None => PassageChange {
                status: "added".into(),
                old: None,
                new: Some(p.id.clone()),
                similarity: None,
                formatting_only: false,
            },
        };
        out.push((new_position(j), change));
    }
    let before = paired_before(old.passages.len(), alignment);
    for (i, p) in old.passages.iter().enumerate() {
        if alignment.of_old(i).is_none() {
            let change = PassageChange {
                status: "removed".into(),
                old: Some(p.id.clone()),
                new: None,
                similarity: None,
                formatting_only: false,
            };
            out.push((removed_position(i, &before), change));
        }
    }
    out.sort_by_key(|(pos, _)| *pos);
    out.into_iter().map(|(_, c)| c).collect()
}

/// Claim changes in the new version's order, each removed claim right after
/// the claim that preceded it in the old version.
pub fn claim_changes(
    old: &DocView<'_>,
    new: &DocView<'_>,
    alignment: &Alignment,
) -> Vec<ClaimChange> {
    let mut out: Vec<(Position, ClaimChange)> = Vec::new();
    for (j, c) in new.claims.iter().enumerate() {
        let change = match alignment.of_new(j) {
            Some(pair) => compare_pair(&old.claims[pair.old], c, pair.moved),
            None => ClaimChange {
                status: "added".into(),
                old: None,
                new: Some(snapshot(c)),
                changes: Vec::new(),
                content_diff: Vec::new(),
                formatting: None,
            },
        };
        out.push((new_position(j), change));
    }
    let before = paired_before(old.claims.len(), alignment);
    for (i, c) in old.claims.iter().enumerate() {
        if alignment.of_old(i).is_none() {
            let change = ClaimChange {
                status: "removed".into(),
                old: Some(snapshot(c)),
                new: None,
                changes: Vec::new(),
                content_diff: Vec::new(),
                formatting: None,
            };
            out.push((removed_position(i, &before), change));
        }
    }
    out.sort_by_key(|(pos, _)| *pos);
    out.into_iter().map(|(_, c)| c).collect()
}

/// Where an item goes in the merged listing, as a sort key: new item `j`
/// at `(j + 1, 0, 0)`; a removed old item right after the new partner of the
/// nearest paired old item before it, or before everything when none is.
type Position = (usize, u8, usize);

fn new_position(j: usize) -> Position {
    (j + 1, 0, 0)
}

/// For each old item, the new index of the nearest paired old item at or
/// before it (one linear pass, so placing removed items stays linear).
fn paired_before(old_len: usize, alignment: &Alignment) -> Vec<Option<usize>> {
    let mut last = None;
    (0..old_len)
        .map(|i| {
            if let Some(pair) = alignment.of_old(i) {
                last = Some(pair.new);
            }
            last
        })
        .collect()
}

fn removed_position(old_index: usize, before: &[Option<usize>]) -> Position {
    match before.get(old_index).copied().flatten() {
        Some(new) => (new + 1, 1, old_index),
        None => (0, 0, old_index),
    }
}

fn compare_pair(old: &ClaimView<'_>, new: &ClaimView<'_>, moved: bool) -> ClaimChange {
    let mut changes = Vec::new();
    let field = |kind: &str, old: Option<String>, new: Option<String>| FieldChange {
        kind: kind.into(),
        old,
        new,
    };
    if moved {
        changes.push(field(
            "moved",
            Some(old.claim.passage.clone()),
            Some(new.claim.passage.clone()),
        ));
    }
    if old.speaker_words != new.speaker_words {
        changes.push(field("speaker", old.speaker.clone(), new.speaker.clone()));
    }
    if old.cue_lemma != new.cue_lemma {
        changes.push(field("cue", old.cue.clone(), new.cue.clone()));
    }
    if old.claim.stance != new.claim.stance {
        changes.push(field(
            "stance",
            Some(label(&old.claim.stance)),
            Some(label(&new.claim.stance)),
        ));
    }
    let mut content_diff = Vec::new();
    if old.content_words != new.content_words {
        changes.push(field(
            "content",
            Some(old.content_raw.clone()),
            Some(new.content_raw.clone()),
        ));
        content_diff = word_diff(&old.content_raw, &new.content_raw);
    }
    if old.claim.content.quote != new.claim.content.quote {
        changes.push(field(
            "quote",
            Some(label(&old.claim.content.quote)),
            Some(label(&new.claim.content.quote)),
        ));
    }
    let (added, removed) = hedge_changes(&old.hedges, &new.hedges);
    changes.extend(
        removed
            .into_iter()
            .map(|h| field("hedge_removed", Some(h), None)),
    );
    changes.extend(
        added
            .into_iter()
            .map(|h| field("hedge_added", None, Some(h))),
    );
    if old.claim.attribution != new.claim.attribution {
        changes.push(field(
            "attribution",
            Some(label(&old.claim.attribution)),
            Some(label(&new.claim.attribution)),
        ));
    }
    if old.claim.certainty != new.claim.certainty {
        changes.push(field(
            "certainty",
            Some(label(&old.claim.certainty)),
            Some(label(&new.claim.certainty)),
        ));
    }
    if changes.is_empty() && old.words != new.words {
        // Worded differently outside the speaker, cue and content.
        changes.push(field("text", Some(old.raw.clone()), Some(new.raw.clone())));
        content_diff = word_diff(&old.raw, &new.raw);
    }
    let formatting = if !changes.is_empty() || old.raw == new.raw {
        None
    } else if isnad_text::normalize_str(&old.raw) == isnad_text::normalize_str(&new.raw) {
        Some("equal fingerprints".to_string())
    } else {
        Some("same words".to_string())
    };
    ClaimChange {
        status: if changes.is_empty() {
            "unchanged"
        } else {
            "changed"
        }
        .into(),
        old: Some(snapshot(old)),
        new: Some(snapshot(new)),
        changes,
        content_diff,
        formatting,
    }
}

/// Hedges added and removed, compared as multisets of normalized words.
fn hedge_changes(old: &[String], new: &[String]) -> (Vec<String>, Vec<String>) {
    let mut remaining: Vec<(Vec<String>, &String)> =
        old.iter().map(|h| (normalized_words(h), h)).collect();
    let mut added = Vec::new();
    for h in new {
        let key = normalized_words(h);
        match remaining.iter().position(|(k, _)| *k == key) {
            Some(i) => {
                remaining.remove(i);
            }
            None => added.push(h.clone()),
        }
    }
    (
        added,
        remaining.into_iter().map(|(_, h)| h.clone()).collect(),
    )
}

/// Word-level diff of two texts as written, consecutive words of one kind
/// merged into one edit.
fn word_diff(old: &str, new: &str) -> Vec<WordEdit> {
    let diff = TextDiff::from_words(old, new);
    let mut edits: Vec<WordEdit> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => "equal",
            ChangeTag::Insert => "insert",
            ChangeTag::Delete => "delete",
        };
        match edits.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => edits.push(WordEdit {
                op: op.into(),
                text: change.value().to_string(),
            }),
        }
    }
    edits
}

fn snapshot(c: &ClaimView<'_>) -> ClaimSnapshot {
    ClaimSnapshot {
        id: c.claim.id.clone(),
        passage: c.claim.passage.clone(),
        span: c.claim.span,
        text: c.raw.clone(),
        speaker: c.speaker.clone(),
        cue: c.cue.clone(),
        content: c.content_raw.clone(),
        quote: label(&c.claim.content.quote),
        attribution: label(&c.claim.attribution),
        certainty: label(&c.claim.certainty),
        stance: c.claim.stance,
        hedges: c.hedges.clone(),
    }
}

/// The JSON name of a unit enum value (`"hedged"` for `Certainty::Hedged`).
fn label<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
