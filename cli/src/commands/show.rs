//! `isnad show ID`: a claim with its source passage, the versions of its
//! document and its reviews; or a document with its versions and claims.

use isnad_ledger::{ClaimQuery, ClaimRecord, DocumentRecord, LedgerError, LedgerStore};
use isnad_model::DocumentEntry;

use super::ledger_opts::{LedgerOpts, clip, ledger_error};
use crate::{CliError, Context, Outcome};

/// Examples shown after `--help`.
pub const EXAMPLES: &str = "\
Examples:
  isnad show k3f2a9c1e04b7d2a0     a claim: source passage, document versions, reviews
  isnad show k3f2                  a unique prefix is enough
  isnad show 3f2a9c1e              a document (short id, URL or path): versions and claims
  isnad show 3f2a9c1e@2            one version of it";

/// Arguments of `isnad show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A claim id (or unique prefix), or a document id, URL or path (`@N` for a version).
    id: String,
    #[command(flatten)]
    ledger: LedgerOpts,
}

fn version_line(d: &DocumentEntry, withdrawn: bool) -> String {
    format!(
        "  v{}  {}  by {}  {}{}{}\n",
        d.version,
        d.recorded_at,
        d.author,
        d.fingerprint.get(..19).unwrap_or(&d.fingerprint),
        if d.text.is_none() {
            "  (no text kept)"
        } else {
            ""
        },
        if withdrawn { "  WITHDRAWN" } else { "" }
    )
}

/// A claim, asked of the store: the claim with its reviews, and the
/// versions of its document.
fn show_claim(store: &mut dyn LedgerStore, record: &ClaimRecord) -> Result<String, CliError> {
    let c = &record.claim;
    let versions = store.document_versions(&c.doc).map_err(ledger_error)?;
    let mut s = format!(
        "claim {}{}\n",
        c.id,
        if record.withdrawn { "  WITHDRAWN" } else { "" }
    );
    let doc_short = store.short_doc_id(&c.doc).map_err(ledger_error)?;
    s.push_str(&format!("  document   {doc_short}@{}\n", c.doc_version));
    if let Some(sp) = &c.speaker {
        s.push_str(&format!("  speaker    {sp}\n"));
    }
    if let Some(cue) = &c.cue {
        s.push_str(&format!("  cue        {cue}\n"));
    }
    s.push_str(&format!("  quote      {}\n", c.quote));
    let field = |v: Option<serde_json::Value>| v.and_then(|v| v.as_str().map(str::to_string));
    for (label, value) in [
        (
            "attribution",
            field(c.attribution.and_then(|v| serde_json::to_value(v).ok())),
        ),
        (
            "certainty",
            field(c.certainty.and_then(|v| serde_json::to_value(v).ok())),
        ),
        (
            "stance",
            field(c.stance.and_then(|v| serde_json::to_value(v).ok())),
        ),
    ] {
        if let Some(v) = value {
            s.push_str(&format!("  {label:<10} {v}\n"));
        }
    }
    let origin = if c.extraction_id.is_some() {
        "extracted"
    } else {
        "logged by hand"
    };
    s.push_str(&format!(
        "  origin     {origin}, by {} at {}\n",
        c.author, c.recorded_at
    ));
    if let Some(e) = &c.extraction_id {
        s.push_str(&format!("  extraction {e}\n"));
    }
    match (c.verified, c.span, c.similarity) {
        (true, Some(span), sim) => s.push_str(&format!(
            "  verified   span {}..{}{}\n",
            span.start,
            span.end,
            sim.map(|x| format!(", similarity {x:.2}")).unwrap_or_default()
        )),
        _ => s.push_str("  verified   NO: the quote was not found in the stored text (logged with --unverified)\n"),
    }
    if let Some(note) = &c.note {
        s.push_str(&format!("  note       {note}\n"));
    }
    if let Some(doc) = versions
        .iter()
        .map(|d| &d.document)
        .find(|d| d.version == c.doc_version)
    {
        let passage = c
            .passage
            .as_ref()
            .and_then(|id| doc.passages.iter().find(|p| &p.id == id));
        match (passage, &doc.text) {
            (Some(p), Some(text)) => {
                s.push_str(&format!(
                    "\nsource passage {} ({}):\n  {}\n",
                    p.id,
                    p.fingerprint,
                    clip(p.span.slice(text).unwrap_or_default(), 600)
                ));
            }
            (_, None) => {
                s.push_str("\nsource passage: not available (document recorded with --no-text)\n")
            }
            _ => {}
        }
    }
    s.push_str("\ndocument versions:\n");
    for DocumentRecord {
        document: d,
        withdrawn,
    } in &versions
    {
        let here = if d.version == c.doc_version {
            "  <- this claim"
        } else {
            ""
        };
        s.push_str(version_line(d, *withdrawn).trim_end());
        s.push_str(here);
        s.push('\n');
    }
    let reviews: Vec<_> = record.reviews.iter().map(|r| &r.review).collect();
    if reviews.is_empty() {
        s.push_str("\nreviews: none\n");
    } else {
        s.push_str("\nreviews:\n");
        for r in reviews {
            s.push_str(&format!(
                "  {:<12} by {} at {}{}{}\n",
                r.rating.as_str(),
                r.author,
                r.recorded_at,
                r.note
                    .as_ref()
                    .map(|n| format!(": {n}"))
                    .unwrap_or_default(),
                r.url
                    .as_ref()
                    .map(|u| format!(" <{u}>"))
                    .unwrap_or_default()
            ));
        }
    }
    Ok(s)
}

/// A document, asked of the store: its versions and claims.
fn show_document(
    store: &mut dyn LedgerStore,
    doc: &str,
    version: Option<u32>,
) -> Result<String, CliError> {
    let records = store.document_versions(doc).map_err(ledger_error)?;
    let versions: Vec<&DocumentEntry> = records.iter().map(|d| &d.document).collect();
    let Some(latest) = versions.last() else {
        return Ok(String::new());
    };
    let short = store.short_doc_id(doc).map_err(ledger_error)?;
    let mut s = format!("document {short}  ({})\n", latest.key);
    if let Some(t) = &latest.title {
        s.push_str(&format!("  title      {t}\n"));
    }
    if let Some(u) = &latest.url {
        s.push_str(&format!("  url        {u}\n"));
    }
    s.push_str("\nversions:\n");
    for d in &records {
        s.push_str(&version_line(&d.document, d.withdrawn));
    }
    let query = ClaimQuery {
        doc: Some(doc.to_string()),
        doc_version: version,
        include_withdrawn: true,
        ..ClaimQuery::default()
    };
    let claim_records = super::list::query_claims(store, &query)?;
    let claims: Vec<_> = claim_records.iter().map(|r| &r.claim).collect();
    s.push_str(&format!("\nclaims ({}):\n", claims.len()));
    let shown = version.unwrap_or(latest.version);
    let mut spans = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        if c.doc_version == shown
            && let Some(span) = c.span.or(c.extraction.as_ref().map(|e| e.span))
        {
            spans.push((i + 1, span));
        }
        s.push_str(&format!(
            "  [{}] {}  v{}  {}: {}\n",
            i + 1,
            c.id,
            c.doc_version,
            clip(c.speaker.as_deref().unwrap_or("—"), 30),
            clip(&c.quote, 70)
        ));
    }
    // The text the spans point into (for a page, the extracted article).
    if let Some(text) = versions
        .iter()
        .find(|d| d.version == shown)
        .and_then(|d| d.text.as_deref())
    {
        s.push_str(&format!(
            "\ntext of v{shown} (the claims' spans point into it; claims marked ⟦…⟧[n]):\n"
        ));
        s.push_str(&super::marked::marked_text(text, &spans));
        s.push('\n');
    }
    Ok(s)
}

/// Runs `isnad show`.
pub fn run(args: &Args, _ctx: &Context) -> Result<Outcome, CliError> {
    let mut store = args.ledger.open()?;
    let store = store.as_mut();
    let text = match store.resolve_claim(&args.id) {
        Ok(record) => show_claim(store, &record)?,
        Err(LedgerError::UnknownClaim(_)) => {
            let (doc, version) = store.resolve_document(&args.id).map_err(|e| match e {
                LedgerError::UnknownDocument(r) => CliError::Usage {
                    message: format!("no claim or document in the ledger matches `{r}`"),
                    hint: Some("`isnad list` shows claim and document ids".into()),
                },
                other => ledger_error(other),
            })?;
            show_document(store, &doc, version)?
        }
        Err(e) => return Err(ledger_error(e)),
    };
    super::ledger_opts::warn_state(store);
    super::print_stdout(&text).map(|()| Outcome::Ok)
}
