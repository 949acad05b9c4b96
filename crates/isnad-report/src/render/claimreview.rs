//! schema.org ClaimReview JSON-LD: one node per reviewed claim, with the
//! properties that schema.org defines and that fact-check aggregators read
//! (`claimReviewed`, `itemReviewed` as a `Claim` with `author` and
//! `appearance`, `reviewRating` with `alternateName`, `author`,
//! `datePublished`, `url`).

use isnad_model::{
    ClaimAppearance, ClaimAuthor, ClaimReview, ClaimReviewAuthor, ClaimReviewDocument,
    ClaimReviewRating, Rating, ReviewedClaim, SpeakerKind,
};

use super::Options;
use crate::ReportError;
use crate::article::Article;

/// The verdict in words (`alternateName`) and on the scale 1–5
/// (`ratingValue`): true 5, mostly true 4, half true 3, misleading 2,
/// mostly false 2, false 1; unproven has no place on the scale.
pub fn rating_label(rating: Rating) -> (&'static str, Option<u8>) {
    match rating {
        Rating::True => ("True", Some(5)),
        Rating::MostlyTrue => ("Mostly true", Some(4)),
        Rating::HalfTrue => ("Half true", Some(3)),
        Rating::Misleading => ("Misleading", Some(2)),
        Rating::MostlyFalse => ("Mostly false", Some(2)),
        Rating::False => ("False", Some(1)),
        Rating::Unproven => ("Unproven", None),
    }
}

/// The ClaimReview document of the reviewed claims of `articles`. Fails
/// when a claim was reviewed but no organization name is given (aggregators
/// refuse a ClaimReview without its author).
pub fn claim_review(
    articles: &[Article],
    options: &Options,
) -> Result<ClaimReviewDocument, ReportError> {
    let mut graph = Vec::new();
    for article in articles {
        for claim in &article.claims {
            let Some(review) = &claim.review else {
                continue;
            };
            let Some(name) = options
                .organization
                .as_deref()
                .filter(|n| !n.trim().is_empty())
            else {
                return Err(ReportError::NoOrganization);
            };
            let (label, value) = rating_label(review.rating);
            let date = review
                .recorded_at
                .get(..10)
                .unwrap_or(&review.recorded_at)
                .to_string();
            let author = claim
                .speaker
                .as_ref()
                .filter(|s| s.kind != Some(SpeakerKind::Unnamed))
                .map(|s| ClaimAuthor {
                    kind: if s.kind == Some(SpeakerKind::Person) {
                        "Person"
                    } else {
                        "Organization"
                    }
                    .to_string(),
                    name: s.name.clone(),
                });
            graph.push(ClaimReview {
                kind: "ClaimReview".into(),
                url: review
                    .url
                    .clone()
                    .or_else(|| options.organization_url.clone()),
                claim_reviewed: claim.content.text.clone(),
                date_published: date,
                author: ClaimReviewAuthor {
                    kind: "Organization".into(),
                    name: name.to_string(),
                    url: options.organization_url.clone(),
                },
                review_rating: ClaimReviewRating {
                    kind: "Rating".into(),
                    alternate_name: label.to_string(),
                    rating_value: value,
                    best_rating: 5,
                    worst_rating: 1,
                    rating_explanation: review.note.clone(),
                },
                item_reviewed: ReviewedClaim {
                    kind: "Claim".into(),
                    author,
                    appearance: vec![ClaimAppearance {
                        kind: "CreativeWork".into(),
                        url: article.url.clone(),
                        headline: article.title.clone(),
                        date_published: article.published.clone(),
                    }],
                },
            });
        }
    }
    Ok(ClaimReviewDocument {
        context: "https://schema.org".into(),
        graph,
    })
}
