//! `verify`: the chain check (every line hashes to its `hash`, links to the
//! line before and stands at its `seq`) and the full check (every entry
//! fits its kind's schema and version; documents match their text hash;
//! claims point at earlier documents, their spans and selectors match the
//! stored text, and their passage fingerprints match the document's).
//! Both work on the ledger's bytes, so every backend that stores the same
//! lines verifies the same way.

use std::collections::{HashMap, HashSet};

use isnad_model::{ClaimEntry, DocumentEntry};
use serde_json::Value;

use crate::chain::{self, GENESIS, LineCheck, LineFacts};
use crate::entry::{Entry, EntryProblem};

/// What to check.
#[derive(Default)]
pub struct VerifyOptions<'a> {
    /// Also check schemas, versions, references, spans and fingerprints
    /// (not only the chain).
    pub full: bool,
    /// A head published earlier: the ledger must still contain it.
    pub expect_head: Option<String>,
    /// Fingerprints a passage text as extraction does (`sha256:` over the
    /// normalized text); when given, the full check recomputes every
    /// stored passage fingerprint. The ledger knows no normalization rules,
    /// so the caller brings them.
    pub fingerprint: Option<&'a dyn Fn(&str) -> String>,
}

/// What is wrong with a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// The line's content does not hash to its stored hash.
    Changed,
    /// Entries are missing before this line.
    Removed,
    /// The line stands out of its order.
    Reordered,
    /// The line (or one before it) was inserted.
    Inserted,
    /// The line does not link to the line before (`prev` differs).
    Unlinked,
    /// The line is not an entry of a known kind, or does not fit its schema.
    WrongSchema,
    /// The entry is of a later format than this isnad reads.
    FutureVersion,
    /// An entry refers to something that is not earlier in the ledger, or
    /// repeats an id.
    BadReference,
    /// A stored text, span, selector or fingerprint does not match.
    Mismatch,
    /// The ledger ends in an incomplete line.
    TornTail,
    /// The published head is not in the ledger.
    HeadMissing,
}

impl ProblemKind {
    /// A short word for the kind of problem.
    pub fn as_str(&self) -> &'static str {
        match self {
            ProblemKind::Changed => "changed",
            ProblemKind::Removed => "removed",
            ProblemKind::Reordered => "reordered",
            ProblemKind::Inserted => "inserted",
            ProblemKind::Unlinked => "unlinked",
            ProblemKind::WrongSchema => "wrong schema",
            ProblemKind::FutureVersion => "future version",
            ProblemKind::BadReference => "bad reference",
            ProblemKind::Mismatch => "mismatch",
            ProblemKind::TornTail => "torn tail",
            ProblemKind::HeadMissing => "head missing",
        }
    }
}

/// One problem: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Line number, from 1.
    pub line: u64,
    /// What kind of problem.
    pub kind: ProblemKind,
    /// What exactly, in a sentence.
    pub message: String,
}

/// The result of `verify`.
#[derive(Debug, Clone, Default)]
pub struct VerifyReport {
    /// Complete lines read.
    pub entries: u64,
    /// Bytes read.
    pub bytes: u64,
    /// The hash of the last complete entry (genesis for an empty ledger).
    pub head: String,
    /// Whether the full check ran.
    pub full: bool,
    /// The first problem of the chain or the full check, if any.
    pub problem: Option<Problem>,
    /// The incomplete last line, if any.
    pub torn: Option<Problem>,
    /// The line at which the expected head was found.
    pub expect_head_line: Option<u64>,
    /// What could not be checked (documents recorded without text).
    pub unchecked: Vec<String>,
}

impl VerifyReport {
    /// True when nothing is wrong.
    pub fn is_ok(&self) -> bool {
        self.problem.is_none() && self.torn.is_none()
    }
}

/// Splits ledger bytes into complete lines and the torn tail (bytes after
/// the last newline).
pub fn split_lines(bytes: &[u8]) -> (Vec<&[u8]>, &[u8]) {
    let mut lines = Vec::with_capacity(bytes.len() / 256 + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes) {
        lines.push(&bytes[start..end]);
        start = end + 1;
    }
    (lines, &bytes[start..])
}

/// Reads `seq`, `prev` and `hash` of a line that is not in isnad's layout,
/// and whether it hashes right.
fn slow_facts(line: &[u8]) -> Result<(u64, String, String, bool), Problem> {
    let bad = |m: String| Problem {
        line: 0,
        kind: ProblemKind::Changed,
        message: m,
    };
    let value: Value =
        serde_json::from_slice(line).map_err(|e| bad(format!("not valid JSON ({e})")))?;
    let hash = value
        .get("hash")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let prev = value
        .get("prev")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let Some(seq) = value.get("seq").and_then(Value::as_u64) else {
        return Err(Problem {
            line: 0,
            kind: ProblemKind::WrongSchema,
            message: "no `seq` number".into(),
        });
    };
    let ok = chain::entry_hash(&value)
        .map(|h| h == hash)
        .unwrap_or(false);
    Ok((seq, prev, hash, ok))
}

/// Runs the checks on a ledger's bytes.
pub fn verify_bytes(bytes: &[u8], options: &VerifyOptions<'_>) -> VerifyReport {
    let (lines, tail) = split_lines(bytes);
    let mut report = VerifyReport {
        entries: lines.len() as u64,
        bytes: bytes.len() as u64,
        head: GENESIS.to_string(),
        full: options.full,
        ..VerifyReport::default()
    };
    if !tail.is_empty() {
        report.torn = Some(Problem {
            line: lines.len() as u64 + 1,
            kind: ProblemKind::TornTail,
            message: format!(
                "the last {} bytes are an incomplete entry (an interrupted write); `isnad verify --repair` moves them to a side file",
                tail.len()
            ),
        });
    }
    let mut full = options.full.then(FullCheck::new);
    let mut prepared: Vec<Option<Parsed>> = Vec::new();
    // The fast path borrows everything from `bytes`: no allocation per line.
    let mut prev: std::borrow::Cow<'_, str> = std::borrow::Cow::Borrowed(GENESIS);
    // Hashing the lines is independent work, done on every core; linking
    // them (`seq`, `prev`) is the cheap sequential pass below.
    let checks: Vec<LineCheck<'_>> = {
        use rayon::prelude::*;
        lines
            .par_iter()
            .with_min_len(4096)
            .map(|l| chain::check_line(l))
            .collect()
    };
    for (i, (line, check)) in lines.iter().zip(checks).enumerate() {
        let n = i as u64 + 1;
        let (seq, line_prev, hash): (u64, std::borrow::Cow<'_, str>, std::borrow::Cow<'_, str>) =
            match check {
                LineCheck::Valid(LineFacts { hash, prev, seq }) => (seq, prev.into(), hash.into()),
                // Not in isnad's layout, or not matching its hash as laid
                // out: the canonical form decides (a tool may have
                // re-serialized the line).
                LineCheck::Changed(_) | LineCheck::Unusual => match slow_facts(line) {
                    Ok((seq, p, h, true)) => (seq, p.into(), h.into()),
                    Ok((seq, ..)) => {
                        report.problem = Some(Problem {
                            line: n,
                            kind: ProblemKind::Changed,
                            message: format!("the content of entry {seq} does not match its hash"),
                        });
                        break;
                    }
                    Err(p) => {
                        report.problem = Some(Problem {
                            line: n,
                            message: format!("line is not a ledger entry: {}", p.message),
                            ..p
                        });
                        break;
                    }
                },
            };
        if seq != n {
            report.problem = Some(order_problem(&lines, n, seq, &hash));
            break;
        }
        if line_prev != prev {
            report.problem = Some(Problem {
                line: n,
                kind: ProblemKind::Unlinked,
                message: format!(
                    "`prev` does not match the hash of line {} (an entry before it was replaced, or this one was forged)",
                    n - 1
                ),
            });
            break;
        }
        if options.expect_head.as_deref() == Some(&*hash) {
            report.expect_head_line = Some(n);
        }
        if let Some(check) = full.as_mut()
            && let Err(p) = {
                if i % FULL_CHUNK == 0 {
                    let end = (i + FULL_CHUNK).min(lines.len());
                    prepared = check.prepare(&lines[i..end]);
                }
                let parsed = prepared
                    .get_mut(i % FULL_CHUNK)
                    .and_then(Option::take)
                    .unwrap_or_else(|| Err((ProblemKind::WrongSchema, "not checked".into())));
                check.line(n, parsed, seq, &prev, &hash, options)
            }
        {
            report.problem = Some(p);
            break;
        }
        prev = hash;
    }
    if report.problem.is_none() {
        report.head = prev.into_owned();
    } else {
        report.head = String::new();
    }
    if let Some(check) = full {
        report.unchecked = check.unchecked;
    }
    if let (Some(expected), None, None) = (
        &options.expect_head,
        report.expect_head_line,
        &report.problem,
    ) {
        report.problem = Some(Problem {
            line: report.entries,
            kind: ProblemKind::HeadMissing,
            message: format!(
                "the expected head {expected} is not the hash of any entry: the ledger was rewritten or is not the one published"
            ),
        });
    }
    report
}

/// Tells removed, reordered and inserted lines apart when line `n` holds
/// entry `seq`.
fn order_problem(lines: &[&[u8]], n: u64, seq: u64, hash: &str) -> Problem {
    if seq < n {
        let earlier = lines
            .iter()
            .take(n as usize - 1)
            .position(|l| match chain::check_line(l) {
                LineCheck::Valid(f) | LineCheck::Changed(f) => f.hash == hash,
                LineCheck::Unusual => slow_facts(l).is_ok_and(|f| f.2 == hash),
            });
        if let Some(earlier) = earlier {
            let earlier = earlier + 1;
            return Problem {
                line: n,
                kind: ProblemKind::Inserted,
                message: format!(
                    "line {n} is a copy of line {earlier} (entry {seq}): it was inserted"
                ),
            };
        }
        return Problem {
            line: n,
            kind: ProblemKind::Inserted,
            message: format!(
                "line {n} holds entry {seq}, which should stand at line {seq}: a line was inserted before it, or lines were moved"
            ),
        };
    }
    // seq > n: is entry n later in the file (moved), or gone (removed)?
    let later = lines
        .iter()
        .enumerate()
        .skip(n as usize)
        .find_map(|(j, l)| {
            let s = match chain::check_line(l) {
                LineCheck::Valid(f) | LineCheck::Changed(f) => Some(f.seq),
                LineCheck::Unusual => slow_facts(l).ok().map(|f| f.0),
            };
            (s == Some(n)).then_some(j as u64 + 1)
        });
    match later {
        Some(at) => Problem {
            line: n,
            kind: ProblemKind::Reordered,
            message: format!(
                "line {n} holds entry {seq}, and entry {n} stands at line {at}: lines were reordered"
            ),
        },
        None if seq == n + 1 => Problem {
            line: n,
            kind: ProblemKind::Removed,
            message: format!(
                "entry {n} is missing before line {n} (which holds entry {seq}): it was removed"
            ),
        },
        None => Problem {
            line: n,
            kind: ProblemKind::Removed,
            message: format!(
                "entries {n} to {} are missing before line {n}: they were removed",
                seq - 1
            ),
        },
    }
}

/// Lines parsed and validated ahead, in parallel, per chunk.
const FULL_CHUNK: usize = 8192;

/// A line parsed and validated on its own, or what is wrong with it.
type Parsed = Result<Entry, (ProblemKind, String)>;

/// State of the full check as it walks the ledger.
struct FullCheck {
    validators: HashMap<&'static str, jsonschema::Validator>,
    documents: HashMap<(String, u32), DocumentEntry>,
    latest_version: HashMap<String, (u32, String)>,
    claims: HashSet<String>,
    hashes: HashSet<String>,
    unchecked: Vec<String>,
}

impl FullCheck {
    fn new() -> Self {
        let mut validators = HashMap::new();
        for kind in isnad_model::ENTRY_KINDS {
            if let Some(schema) = isnad_model::entry_schema(kind)
                && let Ok(v) = jsonschema::validator_for(&schema)
            {
                validators.insert(kind, v);
            }
        }
        FullCheck {
            validators,
            documents: HashMap::new(),
            latest_version: HashMap::new(),
            claims: HashSet::new(),
            hashes: HashSet::new(),
            unchecked: Vec::new(),
        }
    }

    /// Parses and validates lines on every core: each line on its own.
    fn prepare(&self, lines: &[&[u8]]) -> Vec<Option<Parsed>> {
        use rayon::prelude::*;
        lines
            .par_iter()
            .with_min_len(256)
            .map(|l| Some(self.parse(l)))
            .collect()
    }

    /// One line: JSON, kind and version, the kind's schema, the typed entry.
    fn parse(&self, line: &[u8]) -> Parsed {
        let value: Value = serde_json::from_slice(line)
            .map_err(|e| (ProblemKind::WrongSchema, format!("not valid JSON ({e})")))?;
        let kind = value
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let problem = |p| match p {
            EntryProblem::FutureVersion(v) => (
                ProblemKind::FutureVersion,
                format!(
                    "entry format {v} is newer than this isnad reads ({}); upgrade isnad",
                    isnad_model::LEDGER_SCHEMA_VERSION
                ),
            ),
            EntryProblem::WrongSchema(m) => (ProblemKind::WrongSchema, m),
        };
        // The version first: a later format need not fit this one's schema.
        crate::entry::check_version(&value).map_err(problem)?;
        if let Some(validator) = self.validators.get(kind.as_str())
            && let Some(err) = validator.iter_errors(&value).next()
        {
            return Err((
                ProblemKind::WrongSchema,
                format!(
                    "does not fit schema ledger-entry-{kind}: {} at {}",
                    err,
                    err.instance_path()
                ),
            ));
        }
        Entry::from_value(value).map_err(problem)
    }

    /// The checks that need earlier lines: chain fields, references,
    /// document versions, spans and fingerprints.
    fn line(
        &mut self,
        n: u64,
        parsed: Parsed,
        seq: u64,
        prev: &str,
        hash: &str,
        options: &VerifyOptions<'_>,
    ) -> Result<(), Problem> {
        let problem = |kind, message: String| Problem {
            line: n,
            kind,
            message,
        };
        let entry = parsed.map_err(|(kind, message)| problem(kind, message))?;
        let env = entry.envelope();
        if env.seq != seq || env.prev != prev || env.hash != hash {
            return Err(problem(
                ProblemKind::WrongSchema,
                "the chain fields are not where isnad put them".into(),
            ));
        }
        match &entry {
            Entry::Document(d) => self.document(d, &problem, options)?,
            Entry::Claim(c) => self.claim(c, &problem)?,
            Entry::Review(r) => {
                if !self.claims.contains(&r.claim) {
                    return Err(problem(
                        ProblemKind::BadReference,
                        format!(
                            "review of claim {}, which is not earlier in the ledger",
                            r.claim
                        ),
                    ));
                }
            }
            Entry::Correction(c) => {
                if !self.hashes.contains(&c.target) {
                    return Err(problem(
                        ProblemKind::BadReference,
                        format!(
                            "correction of entry {}, which is not earlier in the ledger",
                            c.target
                        ),
                    ));
                }
            }
            Entry::Header(_) => {}
        }
        self.hashes.insert(hash.to_string());
        Ok(())
    }

    fn document(
        &mut self,
        d: &DocumentEntry,
        problem: &dyn Fn(ProblemKind, String) -> Problem,
        options: &VerifyOptions<'_>,
    ) -> Result<(), Problem> {
        if crate::ops::document_id(&d.key) != d.doc {
            return Err(problem(
                ProblemKind::Mismatch,
                format!(
                    "document id {} does not derive from its key {}",
                    d.doc, d.key
                ),
            ));
        }
        let (expected_version, expected_supersedes) = match self.latest_version.get(&d.doc) {
            Some((v, h)) => (v + 1, Some(h.clone())),
            None => (1, None),
        };
        if d.version != expected_version || d.supersedes != expected_supersedes {
            return Err(problem(
                ProblemKind::BadReference,
                format!(
                    "document version {} should be version {expected_version} superseding the previous one",
                    d.version
                ),
            ));
        }
        match &d.text {
            Some(text) => {
                if chain::sha256_tagged(text.as_bytes()) != d.text_sha256 {
                    return Err(problem(ProblemKind::Mismatch, "the stored text does not match its text_sha256".into()));
                }
                if text.chars().count() != d.length {
                    return Err(problem(ProblemKind::Mismatch, "the stored length does not match the text".into()));
                }
                if let Some(fp) = options.fingerprint
                    && fp(text) != d.fingerprint
                {
                    return Err(problem(
                        ProblemKind::Mismatch,
                        "the stored text does not match the document fingerprint".into(),
                    ));
                }
                for p in &d.passages {
                    let Some(slice) = p.span.slice(text) else {
                        return Err(problem(ProblemKind::Mismatch, format!("passage {} lies outside the text", p.id)));
                    };
                    if let Some(fp) = options.fingerprint
                        && fp(slice) != p.fingerprint {
                            return Err(problem(ProblemKind::Mismatch, format!("passage {} does not match its fingerprint", p.id)));
                        }
                }
            }
            None => self.unchecked.push(format!(
                "document {} version {} was recorded without its text: its passages and claims can be checked against fingerprints only",
                &d.doc.get(..8).unwrap_or(&d.doc),
                d.version
            )),
        }
        self.latest_version
            .insert(d.doc.clone(), (d.version, d.hash.clone()));
        self.documents.insert((d.doc.clone(), d.version), d.clone());
        Ok(())
    }

    fn claim(
        &mut self,
        c: &ClaimEntry,
        problem: &dyn Fn(ProblemKind, String) -> Problem,
    ) -> Result<(), Problem> {
        if !self.claims.insert(c.id.clone()) {
            return Err(problem(
                ProblemKind::BadReference,
                format!("claim id {} is used twice", c.id),
            ));
        }
        let Some(doc) = self.documents.get(&(c.doc.clone(), c.doc_version)) else {
            return Err(problem(
                ProblemKind::BadReference,
                format!(
                    "claim {} points at document {} version {}, which is not earlier in the ledger",
                    c.id, c.doc, c.doc_version
                ),
            ));
        };
        if let (Some(passage), Some(fp)) = (&c.passage, &c.passage_fingerprint) {
            match doc.passages.iter().find(|p| &p.id == passage) {
                Some(p) if &p.fingerprint == fp => {}
                Some(_) => {
                    return Err(problem(
                        ProblemKind::Mismatch,
                        format!(
                            "claim {}: passage fingerprint does not match passage {passage}",
                            c.id
                        ),
                    ));
                }
                None => {
                    return Err(problem(
                        ProblemKind::BadReference,
                        format!("claim {}: no passage {passage} in its document", c.id),
                    ));
                }
            }
        }
        if let (Some(text), Some(span)) = (&doc.text, c.span) {
            let Some(slice) = span.slice(text) else {
                return Err(problem(
                    ProblemKind::Mismatch,
                    format!(
                        "claim {}: span {}..{} lies outside the text",
                        c.id, span.start, span.end
                    ),
                ));
            };
            if let Some(sel) = &c.selector
                && sel.exact != slice
            {
                return Err(problem(
                    ProblemKind::Mismatch,
                    format!(
                        "claim {}: the selector's text does not match the text at its span",
                        c.id
                    ),
                ));
            }
        }
        Ok(())
    }
}
