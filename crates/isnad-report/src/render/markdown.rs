//! GitHub-flavoured Markdown.

use isnad_model::ReportDocument;

use super::{headline, location};
use crate::audit::enum_name;
use crate::summary::{ATTRIBUTIONS, CERTAINTIES, cell};

/// A table cell: `|` escaped, line breaks turned into spaces, and
/// Markdown's inline markers escaped so that text shows as written.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub(crate) fn markdown(report: &ReportDocument) -> String {
    let mut out = String::from("# isnad report\n\n");
    out.push_str(&format!("{}.\n\n", headline(report)));
    if !report.sources.is_empty() {
        out.push_str("| document | language | claims |\n| --- | --- | ---: |\n");
        for s in &report.sources {
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                md(&s.source),
                md(&s.language),
                s.claims
            ));
        }
        out.push('\n');
    }

    out.push_str("## Attribution × certainty\n\n| | asserted | hedged | total |\n| --- | ---: | ---: | ---: |\n");
    for a in ATTRIBUTIONS {
        let counts: Vec<usize> = CERTAINTIES.iter().map(|c| cell(report, a, *c)).collect();
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            enum_name(&a),
            counts[0],
            counts[1],
            counts[0] + counts[1]
        ));
    }
    let sum = |c| {
        ATTRIBUTIONS
            .iter()
            .map(|a| cell(report, *a, c))
            .sum::<usize>()
    };
    let (asserted, hedged) = (sum(CERTAINTIES[0]), sum(CERTAINTIES[1]));
    out.push_str(&format!(
        "| **total** | {asserted} | {hedged} | {} |\n\n",
        asserted + hedged
    ));

    if !report.speakers.is_empty() {
        out.push_str("## Speakers\n\nGrouped by `speaker.key`.\n\n| speaker | kind | claims | hedged | vague | also written |\n| --- | --- | ---: | ---: | ---: | --- |\n");
        for s in &report.speakers {
            let others: Vec<String> = s
                .names
                .iter()
                .filter(|n| **n != s.name)
                .map(|n| md(n))
                .collect();
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                md(&s.name),
                s.kind.as_ref().map(enum_name).unwrap_or_default(),
                s.claims,
                s.hedged,
                s.vague,
                others.join(", ")
            ));
        }
        out.push('\n');
    }

    if !report.hedges.is_empty() {
        out.push_str("## Most frequent hedges\n\n| hedge | kind | count |\n| --- | --- | ---: |\n");
        for h in &report.hedges {
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                md(&h.text),
                h.kind.as_ref().map(enum_name).unwrap_or_default(),
                h.count
            ));
        }
        out.push('\n');
    }

    if !report.verdicts.is_empty() {
        out.push_str("## Reviewed claims\n\n| verdict | claim | speaker | note |\n| --- | --- | --- | --- |\n");
        for c in report.claims.iter().filter(|c| c.review.is_some()) {
            if let Some(r) = &c.review {
                let verdict = match &r.url {
                    Some(url) => format!(
                        "[{}](<{}>)",
                        r.rating.as_str(),
                        url.replace(['<', '>', '\n'], "")
                    ),
                    None => r.rating.as_str().to_string(),
                };
                out.push_str(&format!(
                    "| {} | {} | {} | {} |\n",
                    verdict,
                    md(&c.content),
                    md(c.speaker.as_deref().unwrap_or("")),
                    md(r.note.as_deref().unwrap_or(""))
                ));
            }
        }
        out.push('\n');
    }

    out.push_str("## Claims\n\n| location | speaker | cue | attribution | certainty | hedges | content |\n| --- | --- | --- | --- | --- | --- | --- |\n");
    for c in &report.claims {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            md(&location(c)),
            md(c.speaker.as_deref().unwrap_or("")),
            md(c.cue.as_deref().unwrap_or("")),
            c.attribution.as_ref().map(enum_name).unwrap_or_default(),
            c.certainty.as_ref().map(enum_name).unwrap_or_default(),
            md(&c.hedges.join(", ")),
            md(&c.content)
        ));
    }
    out
}
