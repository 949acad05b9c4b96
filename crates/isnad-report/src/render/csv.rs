//! One CSV row per claim (RFC 4180, UTF-8, a header row).

use isnad_model::ReportDocument;

use crate::ReportError;
use crate::audit::enum_name;

/// The CSV columns, in order.
pub const COLUMNS: [&str; 19] = [
    "id",
    "source",
    "line",
    "column",
    "start",
    "end",
    "speaker",
    "speaker_key",
    "speaker_kind",
    "cue",
    "attribution",
    "certainty",
    "stance",
    "hedges",
    "content",
    "verdict",
    "review_note",
    "review_url",
    "reviewed_by",
];

pub(crate) fn csv(report: &ReportDocument) -> Result<String, ReportError> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(COLUMNS).map_err(ReportError::Csv)?;
    let num = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    let name = |v: Option<String>| v.unwrap_or_default();
    for c in &report.claims {
        let review = c.review.as_ref();
        writer
            .write_record([
                c.id.clone(),
                c.source.clone(),
                num(c.line),
                num(c.column),
                num(c.span.map(|s| s.start)),
                num(c.span.map(|s| s.end)),
                name(c.speaker.clone()),
                name(c.speaker_key.clone()),
                name(c.speaker_kind.as_ref().map(enum_name)),
                name(c.cue.clone()),
                name(c.attribution.as_ref().map(enum_name)),
                name(c.certainty.as_ref().map(enum_name)),
                name(c.stance.as_ref().map(enum_name)),
                c.hedges.join("; "),
                c.content.clone(),
                name(review.map(|r| r.rating.as_str().to_string())),
                name(review.and_then(|r| r.note.clone())),
                name(review.and_then(|r| r.url.clone())),
                name(review.map(|r| r.author.clone())),
            ])
            .map_err(ReportError::Csv)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| ReportError::Csv(e.into_error().into()))?;
    String::from_utf8(bytes)
        .map_err(|e| ReportError::Csv(::csv::Error::from(std::io::Error::other(e))))
}
