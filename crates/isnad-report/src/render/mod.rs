//! The report formats: terminal table, Markdown, CSV, JSON, HTML,
//! schema.org ClaimReview and W3C Web Annotation.

mod annotations;
mod claimreview;
mod csv;
mod html;
mod markdown;
mod table;

pub use annotations::annotations;
pub use claimreview::{claim_review, rating_label};
pub use html::escape as escape_html;

use isnad_model::{OffsetUnit, ReportDocument};

use crate::ReportError;
use crate::article::Article;
use crate::summary::summarize;

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned text for a terminal.
    Table,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// One row per claim (RFC 4180).
    Csv,
    /// The report document (`isnad schema report`).
    Json,
    /// One self-contained HTML page.
    Html,
    /// schema.org ClaimReview JSON-LD for the reviewed claims.
    ClaimReview,
    /// W3C Web Annotation JSON-LD, one annotation per claim.
    Annotations,
}

/// Settings that some formats need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// ANSI colour in the table format.
    pub color: bool,
    /// The reviewing organization's name (ClaimReview).
    pub organization: Option<String>,
    /// The reviewing organization's URL (ClaimReview).
    pub organization_url: Option<String>,
    /// The unit of annotation offsets.
    pub offsets: OffsetUnit,
    /// The page title (HTML); defaults to "isnad report".
    pub title: Option<String>,
}

/// Renders a report over `articles` in `format`. JSON formats end with a
/// newline.
pub fn render(
    articles: &[Article],
    format: Format,
    options: &Options,
) -> Result<String, ReportError> {
    let report = summarize(articles);
    Ok(match format {
        Format::Table => table::table(&report, options.color),
        Format::Markdown => markdown::markdown(&report),
        Format::Csv => csv::csv(&report)?,
        Format::Json => pretty(&report)?,
        Format::Html => html::html_page(articles, &report, options),
        Format::ClaimReview => pretty(&claim_review(articles, options)?)?,
        Format::Annotations => pretty(&annotations(articles, options.offsets))?,
    })
}

/// Pretty JSON with a final newline.
pub(crate) fn pretty<T: serde::Serialize>(value: &T) -> Result<String, ReportError> {
    let mut text = serde_json::to_string_pretty(value).map_err(ReportError::Json)?;
    text.push('\n');
    Ok(text)
}

/// `source:line:col` of a claim, or its source alone.
pub(crate) fn location(claim: &isnad_model::ReportClaim) -> String {
    match (claim.line, claim.column) {
        (Some(l), Some(c)) => format!("{}:{l}:{c}", claim.source),
        _ => claim.source.clone(),
    }
}

/// The headline counts in one sentence.
pub(crate) fn headline(report: &ReportDocument) -> String {
    let t = &report.totals;
    let docs = report.sources.len();
    format!(
        "{} document{}, {} claim{}: {} attributed, {} vague, {} unattributed; {} hedged; {} reviewed",
        docs,
        if docs == 1 { "" } else { "s" },
        t.claims,
        if t.claims == 1 { "" } else { "s" },
        t.attributed,
        t.vague,
        t.unattributed,
        t.hedged,
        t.reviewed
    )
}
