//! The queries of `list`, `show`, `report` and `speakers` as SQL over the
//! indexed derived columns (migration 2): only the matching rows and their
//! reviews and withdrawals leave the database, streamed in ledger order.
//! Every answer equals [`crate::Index`]'s over the same lines (tested on
//! both backends).

use postgres::types::ToSql;

use super::PostgresLedger;
use crate::entry::Entry;
use crate::error::{LedgerError, Result};
use crate::index::{normalize_path, short_id, split_reference};
use crate::query::{ClaimQuery, ClaimRecord, DocumentRecord, Each, ReviewRecord};

/// Whether the entry with hash `$target` was withdrawn.
const WITHDRAWN: &str = "EXISTS (SELECT 1 FROM isnad_entries w \
    WHERE w.kind = 'correction' AND w.action = 'withdraw' AND w.target = {}.hash)";

/// A claim row: its line, whether withdrawn, its reviews' lines and
/// whether each was withdrawn.
fn claim_select() -> String {
    let withdrawn = |t: &str| WITHDRAWN.replace("{}", t);
    format!(
        "SELECT c.seq, c.line, {}, \
         ARRAY(SELECT r.line FROM isnad_entries r WHERE r.kind = 'review' AND r.target = c.claim_id ORDER BY r.seq), \
         ARRAY(SELECT {} FROM isnad_entries r WHERE r.kind = 'review' AND r.target = c.claim_id ORDER BY r.seq) \
         FROM isnad_entries c WHERE c.kind = 'claim'",
        withdrawn("c"),
        withdrawn("r")
    )
}

/// A name as the ledger spells it (serde's lower-case form).
fn spelled<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
}

/// A time bound at PostgreSQL's precision: `since` rounded up, `until`
/// down, to the microsecond (entries' times are stored to the microsecond).
fn bound(at: chrono::DateTime<chrono::Utc>, up: bool) -> i64 {
    let micros = at.timestamp_micros();
    if up && !at.timestamp_subsec_nanos().is_multiple_of(1000) {
        micros + 1
    } else {
        micros
    }
}

/// A time given in microseconds since the epoch, exactly (no floating point).
const AT_MICROS: &str = "(TIMESTAMPTZ 'epoch' + ?::bigint * INTERVAL '1 microsecond')";

/// The SQL and parameters for `query`, and whether offset and limit are
/// left to the caller (when a filter is applied in Rust).
pub(super) struct Plan {
    pub sql: String,
    pub params: Vec<Box<dyn ToSql + Sync>>,
    pub page_in_rust: bool,
}

/// The WHERE clauses of `query` over the indexed columns.
pub(super) fn plan(q: &ClaimQuery) -> Plan {
    let mut sql = claim_select();
    let mut params: Vec<Box<dyn ToSql + Sync>> = Vec::new();
    let mut add = |sql: &mut String, clause: &str, value: Box<dyn ToSql + Sync>| {
        params.push(value);
        sql.push_str(" AND ");
        sql.push_str(&clause.replace('?', &format!("${}", params.len())));
    };
    if let Some(d) = &q.doc {
        add(&mut sql, "c.doc = ?", Box::new(d.clone()));
    }
    if let Some(v) = q.doc_version {
        add(
            &mut sql,
            "c.doc_version = ?",
            Box::new(i32::try_from(v).unwrap_or(-1)),
        );
    }
    if let Some(k) = &q.speaker_key {
        add(&mut sql, "c.speaker_key = ?", Box::new(k.clone()));
    }
    if let Some(a) = q.attribution.as_ref().and_then(spelled) {
        add(&mut sql, "c.attribution = ?", Box::new(a));
    }
    if let Some(c) = q.certainty.as_ref().and_then(spelled) {
        add(&mut sql, "c.certainty = ?", Box::new(c));
    }
    if let Some(o) = q.origin.as_ref().and_then(spelled) {
        add(&mut sql, "c.origin = ?", Box::new(o));
    }
    if let Some(a) = &q.author {
        add(&mut sql, "c.author = ?", Box::new(a.clone()));
    }
    if let Some(s) = q.since {
        add(
            &mut sql,
            &format!("c.recorded_at >= {AT_MICROS}"),
            Box::new(bound(s, true)),
        );
    }
    if let Some(u) = q.until {
        add(
            &mut sql,
            &format!("c.recorded_at <= {AT_MICROS}"),
            Box::new(bound(u, false)),
        );
    }
    if q.speaker.is_some() {
        // Case-insensitive containment is Unicode lower case in Rust (the
        // database's lower() depends on its locale): narrowed here,
        // decided on each row.
        sql.push_str(" AND (c.speaker IS NOT NULL OR c.speaker_key IS NOT NULL)");
    }
    if !q.include_withdrawn {
        sql.push_str(" AND NOT ");
        sql.push_str(&WITHDRAWN.replace("{}", "c"));
    }
    sql.push_str(" ORDER BY c.seq");
    let page_in_rust = q.speaker.is_some();
    if !page_in_rust {
        if let Some(limit) = q.limit {
            params.push(Box::new(i64::try_from(limit).unwrap_or(i64::MAX)));
            sql.push_str(&format!(" LIMIT ${}", params.len()));
        }
        if q.offset > 0 {
            params.push(Box::new(i64::try_from(q.offset).unwrap_or(i64::MAX)));
            sql.push_str(&format!(" OFFSET ${}", params.len()));
        }
    }
    Plan {
        sql,
        params,
        page_in_rust,
    }
}

impl PostgresLedger {
    fn corrupt(&self, seq: i64, message: String) -> LedgerError {
        LedgerError::Corrupt {
            path: self.location.clone().into(),
            line: u64::try_from(seq).unwrap_or(0),
            message,
        }
    }

    /// The claim record of one result row of [`claim_select`].
    fn claim_record(&self, row: &postgres::Row) -> Result<ClaimRecord> {
        let seq: i64 = row.get(0);
        let line: &str = row.get(1);
        let claim = match Entry::from_line(line.as_bytes()) {
            Ok(Entry::Claim(c)) => *c,
            Ok(_) => return Err(self.corrupt(seq, "a claim row holds another kind".into())),
            Err(e) => return Err(self.corrupt(seq, format!("{e:?}"))),
        };
        let lines: Vec<&str> = row.get(3);
        let withdrawn: Vec<bool> = row.get(4);
        let mut reviews = Vec::with_capacity(lines.len());
        for (line, withdrawn) in lines.into_iter().zip(withdrawn) {
            match Entry::from_line(line.as_bytes()) {
                Ok(Entry::Review(review)) => reviews.push(ReviewRecord { review, withdrawn }),
                _ => {
                    return Err(self.corrupt(seq, "a review of this claim is not readable".into()));
                }
            }
        }
        Ok(ClaimRecord {
            claim,
            withdrawn: row.get(2),
            reviews,
        })
    }

    /// [`crate::LedgerStore::query_claims`] in SQL.
    pub(super) fn sql_query_claims(
        &mut self,
        q: &ClaimQuery,
        each: &mut Each<'_, ClaimRecord>,
    ) -> Result<u64> {
        self.check_schema()?;
        let err = self.err("query");
        let plan = plan(q);
        let mut pager = if plan.page_in_rust {
            q.pager()
        } else {
            ClaimQuery::default().pager()
        };
        let params: Vec<&(dyn ToSql + Sync)> = plan.params.iter().map(|p| p.as_ref()).collect();
        let mut client = self.client.take();
        let result = (|| {
            let client = client
                .as_mut()
                .ok_or_else(|| LedgerError::Invalid("no database connection".into()))?;
            let mut rows = client.query_raw(&plan.sql, params).map_err(&err)?;
            let mut count = 0;
            while let Some(row) =
                postgres::fallible_iterator::FallibleIterator::next(&mut rows).map_err(&err)?
            {
                if pager.done() {
                    break;
                }
                let record = self.claim_record(&row)?;
                if !q.matches(&record.claim) || !pager.take() {
                    continue;
                }
                each(record)?;
                count += 1;
            }
            Ok(count)
        })();
        self.client = client;
        result
    }

    /// A query for ids in byte order from `prefix` on: SQL bounds on
    /// `column COLLATE "C"` (a `LIKE` would depend on the collation).
    fn prefix_bounds(prefix: &str) -> Option<String> {
        let mut chars: Vec<char> = prefix.chars().collect();
        let last = chars.pop()?;
        let next = char::from_u32(u32::from(last) + 1)?;
        chars.push(next);
        Some(chars.into_iter().collect())
    }

    /// Document ids starting with `prefix`, sorted, at most `limit`.
    fn docs_with_prefix(&mut self, prefix: &str, limit: i64) -> Result<Vec<String>> {
        let err = self.err("query");
        let upper = Self::prefix_bounds(prefix).unwrap_or_else(|| "\u{10FFFF}".into());
        let rows = self
            .client()?
            .query(
                "SELECT DISTINCT doc COLLATE \"C\" AS d FROM isnad_entries WHERE kind = 'document' \
                 AND doc COLLATE \"C\" >= $1 AND doc COLLATE \"C\" < $2 ORDER BY 1 LIMIT $3",
                &[&prefix, &upper, &limit],
            )
            .map_err(err)?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn find_document(&mut self, base: &str) -> Result<String> {
        let err = self.err("query");
        for key in [
            format!("url:{base}"),
            format!("path:{}", normalize_path(base)),
        ] {
            let row = self
                .client()?
                .query_opt(
                    "SELECT doc FROM isnad_entries WHERE kind = 'document' AND doc_key = $1 \
                     ORDER BY seq DESC LIMIT 1",
                    &[&key],
                )
                .map_err(&err)?;
            if let Some(row) = row {
                return Ok(row.get(0));
            }
        }
        let lower = base.to_ascii_lowercase();
        let mut hits = Vec::new();
        if lower.len() >= 4 && lower.bytes().all(|b| b.is_ascii_hexdigit()) {
            hits = self.docs_with_prefix(&lower, 1000)?;
        }
        if hits.is_empty() {
            // A document recorded from a path but keyed by its URL.
            hits = self
                .client()?
                .query(
                    "SELECT DISTINCT doc COLLATE \"C\" FROM isnad_entries \
                     WHERE kind = 'document' AND source = $1 ORDER BY 1",
                    &[&base],
                )
                .map_err(&err)?
                .iter()
                .map(|r| r.get(0))
                .collect();
        }
        match hits.len() {
            1 => Ok(hits.swap_remove(0)),
            0 => Err(LedgerError::UnknownDocument(base.into())),
            _ => {
                let mut candidates = Vec::new();
                for d in &hits {
                    candidates.push(self.sql_short_doc_id(d)?);
                }
                Err(LedgerError::AmbiguousDocument {
                    reference: base.into(),
                    candidates: candidates.join(", "),
                })
            }
        }
    }

    /// [`crate::LedgerStore::resolve_document`] in SQL.
    pub(super) fn sql_resolve_document(
        &mut self,
        reference: &str,
    ) -> Result<(String, Option<u32>)> {
        self.check_schema()?;
        let (base, version) = split_reference(reference)?;
        let found = self.find_document(base)?;
        if let Some(v) = version {
            let err = self.err("query");
            let row = self
                .client()?
                .query_one(
                    "SELECT count(*), count(*) FILTER (WHERE doc_version = $2) FROM isnad_entries \
                     WHERE kind = 'document' AND doc = $1",
                    &[&found, &i32::try_from(v).unwrap_or(-1)],
                )
                .map_err(err)?;
            let (all, this): (i64, i64) = (row.get(0), row.get(1));
            if this == 0 {
                return Err(LedgerError::Invalid(format!(
                    "document {} has no version {v} (it has {all})",
                    self.sql_short_doc_id(&found)?
                )));
            }
        }
        Ok((found, version))
    }

    /// [`crate::LedgerStore::short_doc_id`] in SQL: the id's neighbours in
    /// byte order, found by index.
    pub(super) fn sql_short_doc_id(&mut self, doc: &str) -> Result<String> {
        if let Some(short) = self.short_ids.get(doc) {
            return Ok(short.clone());
        }
        self.check_schema()?;
        let err = self.err("query");
        let row = self
            .client()?
            .query_one(
                "SELECT (SELECT doc FROM isnad_entries WHERE kind = 'document' AND doc COLLATE \"C\" < $1 \
                         ORDER BY doc COLLATE \"C\" DESC LIMIT 1), \
                        (SELECT doc FROM isnad_entries WHERE kind = 'document' AND doc COLLATE \"C\" > $1 \
                         ORDER BY doc COLLATE \"C\" LIMIT 1)",
                &[&doc],
            )
            .map_err(err)?;
        let (before, after): (Option<String>, Option<String>) = (row.get(0), row.get(1));
        let short = short_id(doc, before.as_deref(), after.as_deref());
        self.short_ids.insert(doc.to_string(), short.clone());
        Ok(short)
    }

    /// [`crate::LedgerStore::document_versions`] in SQL.
    pub(super) fn sql_document_versions(&mut self, doc: &str) -> Result<Vec<DocumentRecord>> {
        self.check_schema()?;
        let err = self.err("query");
        let sql = format!(
            "SELECT d.seq, d.line, {} FROM isnad_entries d WHERE d.kind = 'document' AND d.doc = $1 ORDER BY d.seq",
            WITHDRAWN.replace("{}", "d")
        );
        let rows = self.client()?.query(&sql, &[&doc]).map_err(err)?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let seq: i64 = row.get(0);
            let line: &str = row.get(1);
            match Entry::from_line(line.as_bytes()) {
                Ok(Entry::Document(document)) => out.push(DocumentRecord {
                    document: *document,
                    withdrawn: row.get(2),
                }),
                _ => return Err(self.corrupt(seq, "a document row is not readable".into())),
            }
        }
        Ok(out)
    }

    /// [`crate::LedgerStore::resolve_claim`] in SQL: the exact id, else the
    /// only id with this prefix.
    pub(super) fn sql_resolve_claim(&mut self, reference: &str) -> Result<ClaimRecord> {
        self.check_schema()?;
        let err = self.err("query");
        let exact = format!("{} AND c.claim_id = $1", claim_select());
        if let Some(row) = self
            .client()?
            .query_opt(&exact, &[&reference])
            .map_err(&err)?
        {
            return self.claim_record(&row);
        }
        let upper = Self::prefix_bounds(reference).unwrap_or_else(|| "\u{10FFFF}".into());
        let ids: Vec<String> = self
            .client()?
            .query(
                "SELECT claim_id FROM isnad_entries WHERE kind = 'claim' \
                 AND claim_id COLLATE \"C\" >= $1 AND claim_id COLLATE \"C\" < $2 \
                 ORDER BY claim_id COLLATE \"C\" LIMIT 6",
                &[&reference, &upper],
            )
            .map_err(&err)?
            .iter()
            .map(|r| r.get(0))
            .collect();
        match ids.as_slice() {
            [one] => {
                let row = self.client()?.query_one(&exact, &[one]).map_err(&err)?;
                self.claim_record(&row)
            }
            [] => Err(LedgerError::UnknownClaim(reference.into())),
            many => Err(LedgerError::AmbiguousClaim {
                reference: reference.into(),
                candidates: many.iter().take(5).cloned().collect::<Vec<_>>().join(", "),
            }),
        }
    }

    /// The plan PostgreSQL chooses for `query` (`EXPLAIN`), for the tests
    /// that check the indexes are used.
    #[doc(hidden)]
    pub fn explain_for_tests(&mut self, q: &ClaimQuery) -> Result<String> {
        self.check_schema()?;
        let err = self.err("query");
        let plan = plan(q);
        let params: Vec<&(dyn ToSql + Sync)> = plan.params.iter().map(|p| p.as_ref()).collect();
        let rows = self
            .client()?
            .query(&format!("EXPLAIN {}", plan.sql), &params)
            .map_err(err)?;
        Ok(rows
            .iter()
            .map(|r| r.get::<_, String>(0))
            .collect::<Vec<_>>()
            .join("\n"))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn time_bounds_round_outwards_to_microseconds() {
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-28T23:59:59.9999995Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let micros = t.timestamp_micros();
        assert_eq!(bound(t, true), micros + 1);
        assert_eq!(bound(t, false), micros);
        assert!(crate::query::parse_time("2026-11-28T10:00:00Z").is_some());
    }

    #[test]
    fn every_filter_becomes_a_clause_and_paging_moves_to_rust_for_speakers() {
        let q = ClaimQuery {
            doc: Some("d".into()),
            speaker_key: Some("k".into()),
            limit: Some(3),
            offset: 2,
            ..ClaimQuery::default()
        };
        let p = plan(&q);
        assert!(p.sql.contains("c.doc = $1") && p.sql.contains("c.speaker_key = $2"));
        assert!(p.sql.contains("LIMIT $3") && p.sql.contains("OFFSET $4"));
        assert!(!p.page_in_rust);
        let p = plan(&ClaimQuery {
            speaker: Some("x".into()),
            limit: Some(3),
            ..ClaimQuery::default()
        });
        assert!(p.page_in_rust && !p.sql.contains("LIMIT"));
    }
}
