//! W3C Web Annotation JSON-LD: one annotation per claim, anchored by a
//! TextQuoteSelector and a TextPositionSelector.

use isnad_model::{
    Annotation, AnnotationBody, AnnotationCollection, AnnotationPage, AnnotationSelector,
    AnnotationTarget, OffsetUnit,
};
use serde_json::json;

use crate::article::Article;
use crate::audit::{enum_name, quote_words};
use crate::text::TextIndex;

/// Code points of context kept on each side of a quote.
const CONTEXT: usize = 32;

/// The annotation collection of every claim of `articles`, with positions
/// counted in `unit`.
pub fn annotations(articles: &[Article], unit: OffsetUnit) -> AnnotationCollection {
    let mut items = Vec::new();
    for article in articles {
        let index = article.text.as_deref().map(TextIndex::new);
        let source = article
            .url
            .clone()
            .unwrap_or_else(|| article.source.clone());
        for claim in &article.claims {
            let mut selector = Vec::new();
            match (&index, claim.span) {
                (Some(index), Some(span)) => {
                    let (prefix, suffix) = index.context(span, CONTEXT);
                    selector.push(AnnotationSelector {
                        kind: "TextQuoteSelector".into(),
                        exact: Some(index.slice(span).unwrap_or_default().to_string()),
                        prefix: Some(prefix.to_string()),
                        suffix: Some(suffix.to_string()),
                        start: None,
                        end: None,
                    });
                    let (start, end) = match unit {
                        OffsetUnit::CodePoints => (span.start, span.end),
                        OffsetUnit::Utf16 => (index.utf16(span.start), index.utf16(span.end)),
                    };
                    selector.push(position(start, end));
                }
                (None, span) => {
                    selector.push(AnnotationSelector {
                        kind: "TextQuoteSelector".into(),
                        exact: Some(claim.content.text.clone()),
                        prefix: None,
                        suffix: None,
                        start: None,
                        end: None,
                    });
                    // Without the text, code points cannot be turned into UTF-16.
                    if let (Some(span), OffsetUnit::CodePoints) = (span, unit) {
                        selector.push(position(span.start, span.end));
                    }
                }
                (Some(_), None) => selector.push(AnnotationSelector {
                    kind: "TextQuoteSelector".into(),
                    exact: Some(claim.content.text.clone()),
                    prefix: None,
                    suffix: None,
                    start: None,
                    end: None,
                }),
            }
            let mut tags = Vec::new();
            if let Some(a) = claim.attribution {
                tags.push(format!("attribution:{}", enum_name(&a)));
            }
            if let Some(c) = claim.certainty {
                tags.push(format!("certainty:{}", enum_name(&c)));
            }
            if let Some(s) = claim.stance {
                tags.push(format!("stance:{}", enum_name(&s)));
            }
            for h in &claim.hedges {
                tags.push(format!("hedge:{}", h.text));
            }
            if let Some(r) = &claim.review {
                tags.push(format!("verdict:{}", r.rating.as_str()));
            }
            let mut body = vec![text_body("describing", describe(claim))];
            if let Some(note) = claim.review.as_ref().and_then(|r| r.note.clone()) {
                body.push(text_body("assessing", note));
            }
            body.extend(tags.into_iter().map(|t| text_body("tagging", t)));
            items.push(Annotation {
                id: format!("urn:isnad:claim:{}", claim.id),
                kind: "Annotation".into(),
                motivation: if claim.review.is_some() {
                    "assessing"
                } else {
                    "describing"
                }
                .into(),
                body,
                target: AnnotationTarget {
                    source: source.clone(),
                    selector,
                },
            });
        }
    }
    AnnotationCollection {
        context: vec![
            json!("http://www.w3.org/ns/anno.jsonld"),
            json!({"offsetUnit": "urn:isnad:vocab:offsetUnit"}),
        ],
        kind: "AnnotationCollection".into(),
        label: "isnad claims".into(),
        offset_unit: unit,
        total: items.len(),
        first: AnnotationPage {
            kind: "AnnotationPage".into(),
            items,
        },
    }
}

fn position(start: usize, end: usize) -> AnnotationSelector {
    AnnotationSelector {
        kind: "TextPositionSelector".into(),
        exact: None,
        prefix: None,
        suffix: None,
        start: Some(start),
        end: Some(end),
    }
}

fn text_body(purpose: &str, value: String) -> AnnotationBody {
    AnnotationBody {
        kind: "TextualBody".into(),
        purpose: purpose.into(),
        value,
        format: "text/plain".into(),
    }
}

/// One sentence about a claim: its source, cue, attribution and certainty.
fn describe(claim: &crate::article::ClaimView) -> String {
    let who = match &claim.speaker {
        Some(s) => format!("Attributed to {}", quote_words(&s.name)),
        None => "No source named".to_string(),
    };
    let cue = claim
        .cue
        .as_ref()
        .map(|c| format!(" via {}", quote_words(&c.text)))
        .unwrap_or_default();
    let class = match (claim.attribution, claim.certainty) {
        (Some(a), Some(c)) => format!(" ({}, {})", enum_name(&a), enum_name(&c)),
        _ => String::new(),
    };
    let hedges = if claim.hedges.is_empty() {
        String::new()
    } else {
        let words: Vec<String> = claim.hedges.iter().map(|h| quote_words(&h.text)).collect();
        format!("; hedged by {}", words.join(", "))
    };
    format!("{who}{cue}{class}{hedges}.")
}
