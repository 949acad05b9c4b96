//! The terminal table.

use isnad_model::{Attribution, Certainty, ReportDocument};

use super::{headline, location};
use crate::audit::enum_name;
use crate::style::{Style, fit};
use crate::summary::{ATTRIBUTIONS, CERTAINTIES, cell};

/// Longest content shown per claim, in columns.
const CONTENT_WIDTH: usize = 60;

pub(crate) fn table(report: &ReportDocument, color: bool) -> String {
    let style = Style::new(color);
    let mut out = format!("isnad report: {}\n", headline(report));

    out.push_str(&format!("\n{}\n", style.bold("Attribution × certainty")));
    out.push_str(&format!(
        "  {:<14}{:>9}{:>8}{:>7}\n",
        "", "asserted", "hedged", "total"
    ));
    let mut column_totals = [0usize; 2];
    for a in ATTRIBUTIONS {
        let counts: Vec<usize> = CERTAINTIES.iter().map(|c| cell(report, a, *c)).collect();
        column_totals[0] += counts[0];
        column_totals[1] += counts[1];
        out.push_str(&format!(
            "  {}{:>9}{:>8}{:>7}\n",
            paint_attribution(&style, a, &fit(&enum_name(&a), 14, true)),
            counts[0],
            counts[1],
            counts[0] + counts[1]
        ));
    }
    out.push_str(&format!(
        "  {:<14}{:>9}{:>8}{:>7}\n",
        "total",
        column_totals[0],
        column_totals[1],
        column_totals[0] + column_totals[1]
    ));
    if report.totals.unclassified > 0 {
        out.push_str(&format!(
            "  ({} claims logged by hand without attribution or certainty)\n",
            report.totals.unclassified
        ));
    }

    if !report.speakers.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            style.bold("Speakers (grouped by speaker.key)")
        ));
        out.push_str(&format!(
            "  {:>6}{:>8}{:>7}  {:<14}{}\n",
            "claims", "hedged", "vague", "kind", "speaker"
        ));
        for s in &report.speakers {
            let kind = s.kind.as_ref().map(enum_name).unwrap_or_default();
            let others = if s.names.len() > 1 {
                format!(
                    "  (also: {})",
                    s.names
                        .iter()
                        .filter(|n| **n != s.name)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                String::new()
            };
            out.push_str(&format!(
                "  {:>6}{:>8}{:>7}  {}{}{}\n",
                s.claims,
                s.hedged,
                s.vague,
                fit(&kind, 14, true),
                fit(&s.name, 48, false),
                style.dim(&fit(&others, 60, false)),
            ));
        }
    }

    if !report.hedges.is_empty() {
        out.push_str(&format!("\n{}\n", style.bold("Most frequent hedges")));
        out.push_str(&format!("  {:>6}  {:<14}{}\n", "count", "kind", "hedge"));
        for h in report.hedges.iter().take(20) {
            let kind = h.kind.as_ref().map(enum_name).unwrap_or_default();
            out.push_str(&format!(
                "  {:>6}  {}{}\n",
                h.count,
                fit(&kind, 14, true),
                style.magenta(&fit(&h.text, 40, false))
            ));
        }
        if report.hedges.len() > 20 {
            out.push_str(&format!("  ... and {} more\n", report.hedges.len() - 20));
        }
    }

    if !report.verdicts.is_empty() {
        out.push_str(&format!("\n{}\n", style.bold("Verdicts")));
        out.push_str(&format!("  {:>6}  {}\n", "claims", "verdict"));
        for v in &report.verdicts {
            out.push_str(&format!("  {:>6}  {}\n", v.claims, v.rating.as_str()));
        }
        out.push_str(&format!("\n{}\n", style.bold("Reviewed claims")));
        for c in report.claims.iter().filter(|c| c.review.is_some()) {
            if let Some(r) = &c.review {
                out.push_str(&format!(
                    "  {}{}  {}\n",
                    style.bold(&fit(r.rating.as_str(), 14, true)),
                    location(c),
                    fit(&c.content, CONTENT_WIDTH, false)
                ));
                if let Some(note) = &r.note {
                    out.push_str(&format!("{}{}\n", " ".repeat(16), fit(note, 100, false)));
                }
                if let Some(url) = &r.url {
                    out.push_str(&format!("{}{}\n", " ".repeat(16), fit(url, 100, false)));
                }
            }
        }
    }

    if !report.claims.is_empty() {
        let loc_width = report
            .claims
            .iter()
            .map(|c| crate::style::display_width(&location(c)))
            .max()
            .unwrap_or(8)
            .clamp(8, 40);
        out.push_str(&format!("\n{}\n", style.bold("Claims")));
        out.push_str(&format!(
            "  {}  {:<14}{:<11}{:<14}{}\n",
            fit("location", loc_width, true),
            "attribution",
            "certainty",
            "verdict",
            "speaker: content"
        ));
        for c in &report.claims {
            let attribution = c
                .attribution
                .map(|a| enum_name(&a))
                .unwrap_or_else(|| "-".into());
            let certainty = c
                .certainty
                .map(|a| enum_name(&a))
                .unwrap_or_else(|| "-".into());
            let verdict = c.review.as_ref().map_or("-", |r| r.rating.as_str());
            let certainty_cell = fit(&certainty, 11, true);
            let certainty_cell = if c.certainty == Some(Certainty::Hedged) {
                style.magenta(&certainty_cell)
            } else {
                certainty_cell
            };
            let speaker = c.speaker.as_deref().unwrap_or("(no source)");
            out.push_str(&format!(
                "  {}  {}{}{}{}\n",
                fit(&location(c), loc_width, true),
                match c.attribution {
                    Some(a) => paint_attribution(&style, a, &fit(&attribution, 14, true)),
                    None => fit(&attribution, 14, true),
                },
                certainty_cell,
                fit(verdict, 14, true),
                fit(&format!("{speaker}: {}", c.content), CONTENT_WIDTH, false),
            ));
        }
    }
    out
}

fn paint_attribution(style: &Style, a: Attribution, s: &str) -> String {
    match a {
        Attribution::Attributed => style.green(s),
        Attribution::Vague => style.yellow(s),
        Attribution::Unattributed => style.red(s),
    }
}
