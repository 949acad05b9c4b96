//! `isnad audit`: findings for editors, shown like a compiler's diagnostics,
//! as the audit JSON document, or as SARIF 2.1.0.

use isnad_model::{
    AUDIT_SCHEMA_VERSION, Attribution, AuditDocument, AuditFile, AuditPolicy, AuditTotals,
    Certainty, Finding, FindingKind, LexiconConfig, Severity, Span,
};
use serde_json::{Value, json};

use crate::ReportError;
use crate::article::{Article, ClaimView, has_rtl};
use crate::style::{Style, display_width, sanitize};
use crate::text::TextIndex;

/// What happens to the findings of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Reported as an error: the audit fails.
    Deny,
    /// Reported as a warning.
    Warn,
    /// Not reported.
    Allow,
}

/// The level of every finding kind. By default every kind warns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    levels: [Level; 3],
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            levels: [Level::Warn; 3],
        }
    }
}

fn slot(kind: FindingKind) -> usize {
    match kind {
        FindingKind::Speculative => 0,
        FindingKind::Vague => 1,
        FindingKind::Unattributed => 2,
    }
}

impl Policy {
    /// Sets the level of `kind`.
    pub fn set(&mut self, kind: FindingKind, level: Level) {
        self.levels[slot(kind)] = level;
    }

    /// The level of `kind`.
    pub fn level(&self, kind: FindingKind) -> Level {
        self.levels[slot(kind)]
    }

    /// The policy as written in the audit document.
    pub fn to_model(&self) -> AuditPolicy {
        let of = |level: Level| {
            FindingKind::ALL
                .into_iter()
                .filter(|k| self.level(*k) == level)
                .collect()
        };
        AuditPolicy {
            deny: of(Level::Deny),
            warn: of(Level::Warn),
            allow: of(Level::Allow),
        }
    }
}

/// Words a newsroom adds to the extractor's lexicons, applied by the audit:
/// a claim containing an extra hedge is speculative; a claim whose speaker
/// is an extra vague source is vague. Matching ignores case and needs word
/// boundaries on both sides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Additions {
    hedges: Vec<Vec<char>>,
    vague_sources: Vec<String>,
}

impl Additions {
    /// The additions of an `isnad.toml` `[lexicon]` table (empty entries are
    /// ignored).
    pub fn new(config: &LexiconConfig) -> Self {
        Additions {
            hedges: config
                .hedges
                .iter()
                .map(|h| fold(h.trim()))
                .filter(|h| !h.is_empty())
                .collect(),
            vague_sources: config
                .vague_sources
                .iter()
                .map(|v| fold(v.trim()).into_iter().collect::<String>())
                .filter(|v| !v.is_empty())
                .collect(),
        }
    }

    /// Spans of added hedges inside `span` of `index`'s text.
    fn hedges_in(&self, index: &TextIndex<'_>, span: Span) -> Vec<Span> {
        let Some(text) = index.slice(span) else {
            return Vec::new();
        };
        let chars = fold(text);
        let mut found = Vec::new();
        for hedge in &self.hedges {
            let n = hedge.len();
            if n > chars.len() {
                continue;
            }
            for i in 0..=chars.len() - n {
                let before_ok = i == 0 || !chars[i - 1].is_alphanumeric();
                let after_ok = i + n == chars.len() || !chars[i + n].is_alphanumeric();
                if before_ok && after_ok && chars[i..i + n] == hedge[..] {
                    found.push(Span::new(span.start + i, span.start + i + n));
                }
            }
        }
        found.sort();
        found
    }

    fn is_vague_source(&self, name: &str) -> bool {
        let name: String = fold(name.trim()).into_iter().collect();
        self.vague_sources.iter().any(|v| {
            name == *v
                || name
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|word| word == v)
        })
    }
}

/// Lower-cases per code point, keeping one char per char so that offsets
/// stay code-point offsets.
fn fold(s: &str) -> Vec<char> {
    s.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        })
        .collect()
}

/// The audit of one article: its findings under `policy`, in text order.
/// Fails when the article's text is not known.
pub fn audit_article(
    article: &Article,
    policy: &Policy,
    additions: &Additions,
) -> Result<AuditFile, ReportError> {
    let text = article.text.as_deref().ok_or_else(|| ReportError::NoText {
        document: article.source.clone(),
    })?;
    let index = TextIndex::new(text);
    let mut findings = Vec::new();
    for claim in &article.claims {
        for (kind, span, message, hint) in claim_findings(claim, &index, additions) {
            let severity = match policy.level(kind) {
                Level::Deny => Severity::Error,
                Level::Warn => Severity::Warning,
                Level::Allow => continue,
            };
            let (line, column) = index.line_col(span.start);
            let (end_line, end_column) = index.line_col(span.end);
            findings.push(Finding {
                kind,
                severity,
                claim: claim.id.clone(),
                message,
                hint: hint.to_string(),
                span,
                marked: index.slice(span).unwrap_or_default().to_string(),
                line,
                column,
                end_line,
                end_column,
                claim_span: claim.span.unwrap_or(span),
            });
        }
    }
    findings.sort_by_key(|f| (f.span.start, f.kind, f.span.end));
    Ok(AuditFile {
        source: article.source.clone(),
        language: article.language.clone(),
        claims: article.claims.len(),
        findings,
    })
}

/// `«words»` for right-to-left words, `“words”` otherwise; long words are
/// cut to 48 code points.
pub fn quote_words(words: &str) -> String {
    let words = words.trim();
    let mut cut: String = words.chars().take(48).collect();
    if cut.chars().count() < words.chars().count() {
        cut.push('…');
    }
    let cut = cut.replace(['\n', '\r'], " ");
    if has_rtl(&cut) {
        format!("«{cut}»")
    } else {
        format!("“{cut}”")
    }
}

const HINT_SPECULATIVE: &str =
    "name who holds this view, or remove the hedge if the fact is established";
const HINT_VAGUE: &str = "name the source, or tell the reader why it cannot be named";
const HINT_UNATTRIBUTED: &str = "attribute the statement to a source, or cite the evidence for it";

type Raw = (FindingKind, Span, String, &'static str);

fn claim_findings(claim: &ClaimView, index: &TextIndex<'_>, additions: &Additions) -> Vec<Raw> {
    let mut out = Vec::new();
    let claim_span = claim
        .span
        .or(claim.content.span)
        .filter(|s| index.contains(*s));
    let whole = claim_span.unwrap_or(Span::new(0, 0));

    // Speculative: hedged certainty, or an extractor hedge, or an added one.
    let mut hedges: Vec<(Span, String)> = claim
        .hedges
        .iter()
        .filter_map(|h| {
            let label = match h.kind {
                Some(kind) => format!("{} ({})", quote_words(&h.text), enum_name(&kind)),
                None => quote_words(&h.text),
            };
            h.span.filter(|s| index.contains(*s)).map(|s| (s, label))
        })
        .collect();
    if let Some(span) = claim_span {
        for added in additions.hedges_in(index, span) {
            if !hedges.iter().any(|(s, _)| s.overlaps(&added)) {
                let words = index.slice(added).unwrap_or_default();
                hedges.push((
                    added,
                    format!("{} (added in isnad.toml)", quote_words(words)),
                ));
            }
        }
    }
    hedges.sort_by_key(|(s, _)| *s);
    if claim.certainty == Some(Certainty::Hedged) || !hedges.is_empty() {
        let (span, message) = match hedges.first() {
            Some((span, _)) => {
                let names: Vec<&str> = hedges.iter().map(|(_, l)| l.as_str()).collect();
                (
                    *span,
                    format!("speculative claim: hedged by {}", names.join(", ")),
                )
            }
            None => (
                first_line(index, whole),
                "speculative claim: its certainty is hedged".to_string(),
            ),
        };
        out.push((FindingKind::Speculative, span, message, HINT_SPECULATIVE));
    }

    // Vague: an unnamed source, or one named only by an added vague word.
    let added_vague = claim.attribution == Some(Attribution::Attributed)
        && claim
            .speaker
            .as_ref()
            .is_some_and(|s| additions.is_vague_source(&s.name));
    if claim.attribution == Some(Attribution::Vague) || added_vague {
        let cue_span = claim
            .cue
            .as_ref()
            .and_then(|c| c.span)
            .filter(|s| index.contains(*s));
        let speaker_span = claim
            .speaker
            .as_ref()
            .filter(|s| !s.implicit)
            .and_then(|s| s.span)
            .filter(|s| index.contains(*s));
        let (span, message) = match (&claim.speaker, speaker_span, cue_span) {
            (Some(speaker), Some(span), _) => (
                span,
                format!("vague source: {} is not named", quote_words(&speaker.name)),
            ),
            (Some(speaker), None, cue) => (
                cue.unwrap_or_else(|| first_line(index, whole)),
                format!("vague source: {} is not named", quote_words(&speaker.name)),
            ),
            (None, _, Some(cue)) => (
                cue,
                format!(
                    "vague attribution: {} names no source",
                    quote_words(index.slice(cue).unwrap_or_default())
                ),
            ),
            (None, _, None) => (
                first_line(index, whole),
                "vague attribution: the claim names no source".to_string(),
            ),
        };
        out.push((FindingKind::Vague, span, message, HINT_VAGUE));
    }

    // Unattributed: the author's own voice.
    if claim.attribution == Some(Attribution::Unattributed) {
        let span = claim
            .content
            .span
            .filter(|s| index.contains(*s) && !s.is_empty())
            .unwrap_or(whole);
        out.push((
            FindingKind::Unattributed,
            span,
            "unattributed claim: no source is given for this statement".to_string(),
            HINT_UNATTRIBUTED,
        ));
    }
    out
}

/// The part of `span` on its first line.
fn first_line(index: &TextIndex<'_>, span: Span) -> Span {
    let (line, _) = index.line_col(span.start);
    let line_span = index.line_span(line);
    Span::new(span.start, span.end.min(line_span.end.max(span.start)))
}

/// The JSON name of a serde enum value.
pub(crate) fn enum_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The audit document over several files.
pub fn audit_document(files: Vec<AuditFile>, policy: &Policy) -> AuditDocument {
    let totals = totals(&files);
    AuditDocument {
        schema_version: AUDIT_SCHEMA_VERSION.to_string(),
        policy: policy.to_model(),
        files,
        totals,
    }
}

fn totals(files: &[AuditFile]) -> AuditTotals {
    let findings = files.iter().flat_map(|f| &f.findings);
    let errors = findings
        .clone()
        .filter(|f| f.severity == Severity::Error)
        .count();
    AuditTotals {
        files: files.len(),
        claims: files.iter().map(|f| f.claims).sum(),
        errors,
        warnings: findings.count() - errors,
    }
}

/// Longest stretch of a source line shown around a mark, in code points.
const WINDOW: usize = 100;
/// Longest stretch of a mark underlined, in code points.
const MAX_MARK: usize = 60;
/// Context kept on each side of the mark when a line is cut.
const CONTEXT: usize = 36;

/// Renders findings like a compiler: `file:line:col: severity[kind]:
/// message`, the source line with the marked words underlined and repeated
/// in the label with their character columns (terminals that reorder
/// right-to-left text can move a caret; the label cannot be misread), and
/// a hint. `text` is the file's text; `color` adds ANSI colour.
pub fn render_diagnostics(file: &AuditFile, text: &str, color: bool) -> String {
    let index = TextIndex::new(text);
    let style = Style::new(color);
    let mut out = String::new();
    for f in &file.findings {
        let (sev, paint): (&str, fn(&Style, &str) -> String) = match f.severity {
            Severity::Error => ("error", Style::error),
            Severity::Warning => ("warning", Style::warning),
        };
        out.push_str(&format!(
            "{}: {}: {}\n",
            style.bold(&sanitize(&format!(
                "{}:{}:{}",
                file.source, f.line, f.column
            ))),
            paint(&style, &format!("{sev}[{}]", f.kind.as_str())),
            style.bold(&sanitize(&f.message)),
        ));
        let line_span = index.line_span(f.line);
        let number = f.line.to_string();
        let gutter = " ".repeat(number.len());
        let bar = style.blue("|");
        // The window of the line that is shown.
        let mark_start = f.span.start.max(line_span.start);
        let mark_end = f
            .span
            .end
            .min(line_span.end)
            .min(mark_start + MAX_MARK)
            .max(mark_start);
        let (win_start, win_end) = window(line_span, mark_start, mark_end);
        let shown = index
            .slice(Span::new(win_start, win_end))
            .unwrap_or_default();
        let before = index
            .slice(Span::new(win_start, mark_start))
            .unwrap_or_default();
        let marked = index
            .slice(Span::new(mark_start, mark_end))
            .unwrap_or_default();
        let lead = if win_start > line_span.start {
            "…"
        } else {
            ""
        };
        let tail = if win_end < line_span.end { "…" } else { "" };
        let pad = display_width(lead) + display_width(&sanitize(before));
        let carets = display_width(&sanitize(marked)).max(1);
        let last_col = f.column + (mark_end - mark_start).max(1) - 1;
        let columns = if f.line == f.end_line && last_col > f.column {
            format!("characters {}–{} of line {}", f.column, last_col, f.line)
        } else if f.line == f.end_line {
            format!("character {} of line {}", f.column, f.line)
        } else {
            format!(
                "from character {} of line {} to line {}",
                f.column, f.line, f.end_line
            )
        };
        out.push_str(&format!("{gutter} {bar}\n"));
        out.push_str(&format!(
            "{} {bar} {lead}{}{tail}\n",
            style.blue(&number),
            sanitize(shown)
        ));
        out.push_str(&format!(
            "{gutter} {bar} {}{} {} ({columns})\n",
            " ".repeat(pad),
            paint(&style, &"^".repeat(carets)),
            paint(&style, &sanitize(&quote_words(&f.marked))),
        ));
        out.push_str(&format!(
            "{gutter} {} {}: {}\n\n",
            style.blue("="),
            style.bold("hint"),
            f.hint
        ));
    }
    out
}

/// The window of a line shown around a mark: the whole line when short.
fn window(line: Span, mark_start: usize, mark_end: usize) -> (usize, usize) {
    if line.len() <= WINDOW {
        return (line.start, line.end);
    }
    let start = mark_start.saturating_sub(CONTEXT).max(line.start);
    let end = (start + WINDOW).max(mark_end).min(line.end);
    let start = end.saturating_sub(WINDOW).max(line.start).min(start);
    (start, end)
}

/// The closing line of a human audit: counts of files, claims, errors and
/// warnings.
pub fn render_totals(doc: &AuditDocument, color: bool) -> String {
    let style = Style::new(color);
    let t = &doc.totals;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let errors = plural(t.errors, "error", "errors");
    let warnings = plural(t.warnings, "warning", "warnings");
    format!(
        "audit: {}, {}: {}, {}\n",
        plural(t.files, "file", "files"),
        plural(t.claims, "claim", "claims"),
        if t.errors > 0 {
            style.error(&errors)
        } else {
            errors
        },
        if t.warnings > 0 {
            style.warning(&warnings)
        } else {
            warnings
        },
    )
}

/// The SARIF 2.1.0 log of an audit. Columns count Unicode code points
/// (`columnKind: unicodeCodePoints`), like every isnad span; `tool_version`
/// is the version of the program that ran the audit.
pub fn render_sarif(doc: &AuditDocument, tool_version: &str) -> Value {
    let rules: Vec<Value> = FindingKind::ALL
        .iter()
        .map(|kind| {
            let (short, full, help) = rule_text(*kind);
            let level = if doc.policy.deny.contains(kind) {
                "error"
            } else if doc.policy.allow.contains(kind) {
                "none"
            } else {
                "warning"
            };
            json!({
                "id": kind.as_str(),
                "name": kind.as_str(),
                "shortDescription": {"text": short},
                "fullDescription": {"text": full},
                "help": {"text": help},
                "defaultConfiguration": {"level": level},
            })
        })
        .collect();
    let mut results = Vec::new();
    for file in &doc.files {
        for f in &file.findings {
            results.push(json!({
                "ruleId": f.kind.as_str(),
                "ruleIndex": slot(f.kind),
                "level": match f.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "message": {"text": format!("{} (hint: {})", f.message, f.hint)},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri_reference(&file.source)},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                            "charOffset": f.span.start,
                            "charLength": f.span.len(),
                            "snippet": {"text": f.marked},
                        }
                    }
                }],
                "partialFingerprints": {"isnadClaim/v1": f.claim},
                "properties": {"claim": f.claim, "claimSpan": {"start": f.claim_span.start, "end": f.claim_span.end}},
            }));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "isnad",
                "semanticVersion": tool_version,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

fn rule_text(kind: FindingKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        FindingKind::Speculative => (
            "Speculative claim",
            "A claim whose certainty is weakened by a hedge (ربما, قد, محتمل, may, reportedly).",
            HINT_SPECULATIVE,
        ),
        FindingKind::Vague => (
            "Vaguely attributed claim",
            "A claim attributed to an unnamed or anonymous source (مصادر, البعض, officials, sources).",
            HINT_VAGUE,
        ),
        FindingKind::Unattributed => (
            "Unattributed claim",
            "A statement in the author's own voice that extraction reports as a claim.",
            HINT_UNATTRIBUTED,
        ),
    }
}

/// A path as a relative URI reference: `\` becomes `/`, and every byte
/// outside RFC 3986's unreserved set and `/` is percent-encoded.
pub fn uri_reference(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
