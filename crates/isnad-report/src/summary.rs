//! The report document: counts by attribution × certainty, per speaker, per
//! hedge and per verdict, and every claim.

use std::collections::HashMap;

use isnad_model::{
    Attribution, Certainty, HedgeCount, HedgeKind, MatrixCell, REPORT_SCHEMA_VERSION, Rating,
    ReportClaim, ReportDocument, ReportSource, ReportTotals, SpeakerKind, SpeakerSummary,
    VerdictCount,
};

use crate::article::Article;
use crate::text::TextIndex;

/// The three attribution classes, in report order.
pub const ATTRIBUTIONS: [Attribution; 3] = [
    Attribution::Attributed,
    Attribution::Vague,
    Attribution::Unattributed,
];
/// The two certainty classes, in report order.
pub const CERTAINTIES: [Certainty; 2] = [Certainty::Asserted, Certainty::Hedged];

/// Summarizes the claims of `articles`.
pub fn summarize(articles: &[Article]) -> ReportDocument {
    let mut totals = ReportTotals::default();
    let mut matrix = [[0usize; 2]; 3];
    let mut speakers: Vec<SpeakerAcc> = Vec::new();
    let mut speaker_slot: HashMap<String, usize> = HashMap::new();
    let mut hedges: Vec<(String, Option<HedgeKind>, usize)> = Vec::new();
    let mut hedge_slot: HashMap<String, usize> = HashMap::new();
    let mut verdicts = [0usize; Rating::ALL.len()];
    let mut claims = Vec::new();
    let mut sources = Vec::new();

    for article in articles {
        let index = article.text.as_deref().map(TextIndex::new);
        sources.push(ReportSource {
            source: article.source.clone(),
            language: article.language.clone(),
            fingerprint: article.fingerprint.clone(),
            title: article.title.clone(),
            url: article.url.clone(),
            claims: article.claims.len(),
        });
        for claim in &article.claims {
            totals.claims += 1;
            match claim.attribution {
                Some(Attribution::Attributed) => totals.attributed += 1,
                Some(Attribution::Vague) => totals.vague += 1,
                Some(Attribution::Unattributed) => totals.unattributed += 1,
                None => {}
            }
            match claim.certainty {
                Some(Certainty::Asserted) => totals.asserted += 1,
                Some(Certainty::Hedged) => totals.hedged += 1,
                None => {}
            }
            match (claim.attribution, claim.certainty) {
                (Some(a), Some(c)) => matrix[attribution_slot(a)][certainty_slot(c)] += 1,
                _ => totals.unclassified += 1,
            }
            if let Some(review) = &claim.review {
                totals.reviewed += 1;
                if let Some(i) = Rating::ALL.iter().position(|r| *r == review.rating) {
                    verdicts[i] += 1;
                }
            }
            if let Some(speaker) = &claim.speaker {
                let i = *speaker_slot.entry(speaker.key.clone()).or_insert_with(|| {
                    speakers.push(SpeakerAcc::new(&speaker.key, speaker.kind));
                    speakers.len() - 1
                });
                let acc = &mut speakers[i];
                acc.claims += 1;
                acc.hedged += usize::from(claim.certainty == Some(Certainty::Hedged));
                acc.vague += usize::from(claim.attribution == Some(Attribution::Vague));
                acc.kind = acc.kind.or(speaker.kind);
                acc.add_name(&speaker.name);
            }
            for hedge in &claim.hedges {
                let key = hedge_key(&hedge.text);
                if key.is_empty() {
                    continue;
                }
                let i = *hedge_slot.entry(key.clone()).or_insert_with(|| {
                    hedges.push((key, hedge.kind, 0));
                    hedges.len() - 1
                });
                hedges[i].2 += 1;
                hedges[i].1 = hedges[i].1.or(hedge.kind);
            }
            let position = match (&index, claim.span) {
                (Some(index), Some(span)) => Some(index.line_col(span.start)),
                _ => None,
            };
            claims.push(ReportClaim {
                id: claim.id.clone(),
                source: article.source.clone(),
                span: claim.span,
                line: position.map(|p| p.0),
                column: position.map(|p| p.1),
                speaker: claim.speaker.as_ref().map(|s| s.name.clone()),
                speaker_key: claim.speaker.as_ref().map(|s| s.key.clone()),
                speaker_kind: claim.speaker.as_ref().and_then(|s| s.kind),
                cue: claim.cue.as_ref().map(|c| c.text.clone()),
                attribution: claim.attribution,
                certainty: claim.certainty,
                stance: claim.stance,
                content: claim.content.text.clone(),
                hedges: claim.hedges.iter().map(|h| h.text.clone()).collect(),
                review: claim.review.clone(),
            });
        }
    }

    let mut speakers: Vec<SpeakerSummary> = speakers.into_iter().map(SpeakerAcc::finish).collect();
    speakers.sort_by(|a, b| b.claims.cmp(&a.claims).then_with(|| a.key.cmp(&b.key)));
    hedges.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    ReportDocument {
        schema_version: REPORT_SCHEMA_VERSION.to_string(),
        sources,
        totals,
        matrix: ATTRIBUTIONS
            .iter()
            .flat_map(|a| {
                CERTAINTIES.iter().map(move |c| MatrixCell {
                    attribution: *a,
                    certainty: *c,
                    claims: matrix[attribution_slot(*a)][certainty_slot(*c)],
                })
            })
            .collect(),
        speakers,
        hedges: hedges
            .into_iter()
            .map(|(text, kind, count)| HedgeCount { text, kind, count })
            .collect(),
        verdicts: Rating::ALL
            .iter()
            .zip(verdicts)
            .filter(|(_, n)| *n > 0)
            .map(|(rating, claims)| VerdictCount {
                rating: *rating,
                claims,
            })
            .collect(),
        claims,
    }
}

/// The count in the matrix cell of `attribution` × `certainty`.
pub fn cell(report: &ReportDocument, attribution: Attribution, certainty: Certainty) -> usize {
    report
        .matrix
        .iter()
        .find(|c| c.attribution == attribution && c.certainty == certainty)
        .map_or(0, |c| c.claims)
}

fn attribution_slot(a: Attribution) -> usize {
    match a {
        Attribution::Attributed => 0,
        Attribution::Vague => 1,
        Attribution::Unattributed => 2,
    }
}

fn certainty_slot(c: Certainty) -> usize {
    match c {
        Certainty::Asserted => 0,
        Certainty::Hedged => 1,
    }
}

/// Hedges are counted by their lower-cased words with surrounding
/// punctuation removed.
fn hedge_key(text: &str) -> String {
    text.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

struct SpeakerAcc {
    key: String,
    kind: Option<SpeakerKind>,
    names: Vec<(String, usize)>,
    claims: usize,
    hedged: usize,
    vague: usize,
}

impl SpeakerAcc {
    fn new(key: &str, kind: Option<SpeakerKind>) -> Self {
        SpeakerAcc {
            key: key.to_string(),
            kind,
            names: Vec::new(),
            claims: 0,
            hedged: 0,
            vague: 0,
        }
    }

    fn add_name(&mut self, name: &str) {
        match self.names.iter_mut().find(|(n, _)| n == name) {
            Some((_, count)) => *count += 1,
            None => self.names.push((name.to_string(), 1)),
        }
    }

    fn finish(self) -> SpeakerSummary {
        // The most frequent name; the first seen wins a tie.
        let mut best: Option<&(String, usize)> = None;
        for entry in &self.names {
            if best.is_none_or(|b| entry.1 > b.1) {
                best = Some(entry);
            }
        }
        let name = best
            .map(|b| b.0.clone())
            .unwrap_or_else(|| self.key.clone());
        SpeakerSummary {
            key: self.key,
            name,
            names: self.names.into_iter().map(|(n, _)| n).collect(),
            kind: self.kind,
            claims: self.claims,
            hedged: self.hedged,
            vague: self.vague,
        }
    }
}
