//! Queries over the ledger that `list`, `show`, `report` and `speakers`
//! need, answered by the store: the PostgreSQL backend runs them as SQL
//! over indexed columns, the file backend streams its lines. Both give the
//! same answers; [`Index::query`] is the reference both are tested against.

use chrono::{DateTime, Utc};
use isnad_model::{
    Attribution, Certainty, ClaimEntry, ClaimOrigin, CorrectionAction, DocumentEntry, ReviewEntry,
};

use crate::error::Result;
use crate::index::Index;

/// Which claims to return. Every filter left `None` matches every claim;
/// results come in ledger order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimQuery {
    /// Speaker name or key contains this (case-insensitive, Unicode lower case).
    pub speaker: Option<String>,
    /// Speaker key is exactly this.
    pub speaker_key: Option<String>,
    /// Attribution class.
    pub attribution: Option<Attribution>,
    /// Certainty.
    pub certainty: Option<Certainty>,
    /// Extracted or logged by hand.
    pub origin: Option<ClaimOrigin>,
    /// Document id (full).
    pub doc: Option<String>,
    /// Version of that document.
    pub doc_version: Option<u32>,
    /// Written by this author.
    pub author: Option<String>,
    /// Logged at or after.
    pub since: Option<DateTime<Utc>>,
    /// Logged before or at.
    pub until: Option<DateTime<Utc>>,
    /// Return withdrawn claims too.
    pub include_withdrawn: bool,
    /// Skip this many matching claims.
    pub offset: u64,
    /// Return at most this many.
    pub limit: Option<u64>,
}

/// A claim with what the ledger says about it since it was logged.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRecord {
    /// The claim entry.
    pub claim: ClaimEntry,
    /// A correction withdrew it.
    pub withdrawn: bool,
    /// Its reviews, oldest first (withdrawn ones too, marked).
    pub reviews: Vec<ReviewRecord>,
}

impl ClaimRecord {
    /// The rating of the latest review, withdrawn or not (as `list` shows).
    pub fn latest_rating(&self) -> Option<&str> {
        self.reviews.last().map(|r| r.review.rating.as_str())
    }

    /// The reviews that were not withdrawn.
    pub fn standing_reviews(&self) -> impl Iterator<Item = &ReviewEntry> {
        self.reviews
            .iter()
            .filter(|r| !r.withdrawn)
            .map(|r| &r.review)
    }
}

/// A review and whether it was withdrawn.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRecord {
    /// The review entry.
    pub review: ReviewEntry,
    /// A correction withdrew it.
    pub withdrawn: bool,
}

/// One version of a document and whether it was withdrawn.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRecord {
    /// The document entry.
    pub document: DocumentEntry,
    /// A correction withdrew it.
    pub withdrawn: bool,
}

/// Called with each result in order; an error stops the query.
pub type Each<'a, T> = dyn FnMut(T) -> Result<()> + 'a;

impl ClaimQuery {
    /// True when `claim` passes every filter except withdrawal, offset and
    /// limit. The one definition of the filters for the in-memory paths.
    pub fn matches(&self, c: &ClaimEntry) -> bool {
        if let Some(want) = &self.speaker {
            let want = want.to_lowercase();
            let hit = [&c.speaker, &c.speaker_key]
                .into_iter()
                .flatten()
                .any(|s| s.to_lowercase().contains(want.as_str()));
            if !hit {
                return false;
            }
        }
        if self
            .speaker_key
            .as_ref()
            .is_some_and(|k| c.speaker_key.as_ref() != Some(k))
        {
            return false;
        }
        if self.attribution.is_some() && c.attribution != self.attribution {
            return false;
        }
        if self.certainty.is_some() && c.certainty != self.certainty {
            return false;
        }
        if self.origin.is_some_and(|o| o != c.origin) {
            return false;
        }
        if self.doc.as_ref().is_some_and(|d| *d != c.doc) {
            return false;
        }
        if self.doc_version.is_some_and(|v| v != c.doc_version) {
            return false;
        }
        if self.author.as_ref().is_some_and(|a| *a != c.author) {
            return false;
        }
        if self.since.is_some() || self.until.is_some() {
            let Some(at) = parse_time(&c.recorded_at) else {
                return false;
            };
            if self.since.is_some_and(|s| at < s) || self.until.is_some_and(|u| at > u) {
                return false;
            }
        }
        true
    }

    /// A pager over the matches: offset and limit applied in order.
    pub(crate) fn pager(&self) -> Pager {
        Pager {
            skip: self.offset,
            left: self.limit,
        }
    }
}

/// Applies offset and limit to a stream of matches.
pub(crate) struct Pager {
    skip: u64,
    left: Option<u64>,
}

impl Pager {
    /// Whether the next match is returned.
    pub(crate) fn take(&mut self) -> bool {
        if self.skip > 0 {
            self.skip -= 1;
            return false;
        }
        match &mut self.left {
            Some(0) => false,
            Some(n) => {
                *n -= 1;
                true
            }
            None => true,
        }
    }

    /// True when no further match can be returned.
    pub(crate) fn done(&self) -> bool {
        self.left == Some(0)
    }
}

/// An entry's `recorded_at` as a time; `None` when it is not RFC 3339.
/// Rounded to microseconds, as PostgreSQL stores `timestamptz`, so that the
/// time filters agree on both backends.
pub(crate) fn parse_time(value: &str) -> Option<DateTime<Utc>> {
    let at = DateTime::parse_from_rfc3339(value)
        .ok()?
        .with_timezone(&Utc);
    let micros = at.timestamp_micros() + i64::from(at.timestamp_subsec_nanos() % 1000 >= 500);
    DateTime::from_timestamp_micros(micros)
}

impl Index {
    /// Answers `query` from the loaded entries (the reference for the
    /// backends' own implementations).
    pub fn query(&self, query: &ClaimQuery, each: &mut Each<'_, ClaimRecord>) -> Result<u64> {
        let mut pager = query.pager();
        let mut count = 0;
        for c in self.entries().iter().filter_map(|e| match e {
            crate::Entry::Claim(c) => Some(c.as_ref()),
            _ => None,
        }) {
            if pager.done() {
                break;
            }
            if !query.matches(c) || (!query.include_withdrawn && self.is_withdrawn(&c.hash)) {
                continue;
            }
            if pager.take() {
                each(self.claim_record(c))?;
                count += 1;
            }
        }
        Ok(count)
    }

    /// A claim with its reviews and withdrawals.
    pub fn claim_record(&self, c: &ClaimEntry) -> ClaimRecord {
        ClaimRecord {
            claim: c.clone(),
            withdrawn: self.is_withdrawn(&c.hash),
            reviews: self
                .reviews_of(&c.id)
                .into_iter()
                .map(|r| ReviewRecord {
                    review: r.clone(),
                    withdrawn: self.is_withdrawn(&r.hash),
                })
                .collect(),
        }
    }

    /// Every version of a document, with withdrawals.
    pub fn document_records(&self, doc: &str) -> Vec<DocumentRecord> {
        self.versions(doc)
            .into_iter()
            .map(|d| DocumentRecord {
                document: d.clone(),
                withdrawn: self.is_withdrawn(&d.hash),
            })
            .collect()
    }
}

/// True for a correction that withdraws.
pub(crate) fn withdraws(action: CorrectionAction) -> bool {
    action == CorrectionAction::Withdraw
}
