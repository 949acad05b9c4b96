//! One self-contained HTML page: no network, no external file (a Content
//! Security Policy forbids both). It shows each article's text with
//! speakers, cues, content and hedges highlighted in distinct colours and
//! each claim underlined by its attribution, right-to-left for Arabic; a
//! legend; the summary as an inline SVG chart; and a claim table that
//! sorts by any column (a small inline script).

use std::collections::HashSet;

use isnad_model::{Attribution, Certainty, ReportDocument, Span};

use super::{Options, headline, location};
use crate::article::{Article, ClaimView, is_rtl_language};
use crate::audit::enum_name;
use crate::summary::{ATTRIBUTIONS, cell};
use crate::text::TextIndex;

/// Escapes text for HTML element content and quoted attribute values:
/// `&`, `<`, `>`, `"` and `'` become character references. Nothing else
/// needs escaping in UTF-8 pages.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --speaker:#e4d4ff; --cue:#bfeedd; --content:#dbeafe; --hedge:#fde68a;
  --attributed:#2e7d32; --vague:#e67700; --unattributed:#c62828; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "Noto Naskh Arabic", "DejaVu Sans", system-ui, sans-serif;
  margin: 1.5rem auto; max-width: 72rem; padding: 0 1rem; color: #1f2328; line-height: 1.6; }
h1 { margin-bottom: .2rem; } .headline { color: #555; margin-top: 0; }
section { margin: 1.5rem 0; }
.summary { display: flex; flex-wrap: wrap; gap: 2rem; align-items: flex-start; }
table { border-collapse: collapse; font-size: .92rem; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; vertical-align: top; text-align: start; }
th { background: #f6f8fa; }
td.n, th.n { text-align: end; font-variant-numeric: tabular-nums; }
table.sortable th { cursor: pointer; user-select: none; }
table.sortable th[aria-sort=ascending]::after { content: " ▲"; }
table.sortable th[aria-sort=descending]::after { content: " ▼"; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: .4rem; }
.sw { display: inline-block; min-width: 2.2rem; text-align: center; padding: 0 .3rem; }
article.doc { border: 1px solid #d0d7de; border-radius: 8px; padding: .5rem 1.5rem 1rem; margin: 1rem 0; }
article.doc .meta { color: #666; font-size: .85rem; }
article.doc .text p { margin: .5rem 0; }
article.doc[dir=rtl] .text { font-size: 1.15rem; line-height: 1.9; }
.ct { background: var(--content); }
.sp { background: var(--speaker); }
.cu { background: var(--cue); font-weight: 600; }
.hg { background: var(--hedge); text-decoration: underline wavy #b45309; text-underline-offset: 3px; }
.cl { border-bottom: 3px solid transparent; }
.at-attributed { border-bottom-color: var(--attributed); }
.at-vague { border-bottom-color: var(--vague); }
.at-unattributed { border-bottom-color: var(--unattributed); }
.cl.focus { outline: 2px solid #0969da; }
.tag { font-size: .8rem; border-radius: 4px; padding: 0 .3rem; color: #fff; white-space: nowrap; }
.tag.attributed { background: var(--attributed); } .tag.vague { background: var(--vague); }
.tag.unattributed { background: var(--unattributed); } .tag.hedged { background: #8250df; }
.tag.asserted { background: #57606a; }
td.content { max-width: 34rem; }
"#;

const SCRIPT: &str = r#"
(function () {
  'use strict';
  var tables = document.querySelectorAll('table.sortable');
  Array.prototype.forEach.call(tables, function (table) {
    var heads = table.querySelectorAll('thead th');
    Array.prototype.forEach.call(heads, function (th, col) {
      th.tabIndex = 0;
      th.setAttribute('aria-sort', 'none');
      function sort() {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(heads, function (h) { h.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var numeric = th.getAttribute('data-type') === 'number';
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute('data-sort') || a.cells[col].textContent;
          var y = b.cells[col].getAttribute('data-sort') || b.cells[col].textContent;
          var d = numeric ? Number(x) - Number(y) : x.localeCompare(y);
          if (d === 0) { d = Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order')); }
          return asc ? d : -d;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); }
      });
    });
  });
  var rows = document.querySelectorAll('#claim-table tbody tr');
  Array.prototype.forEach.call(rows, function (row) {
    var id = row.getAttribute('data-claim');
    function mark(on) {
      var marks = document.querySelectorAll('[data-claim~="' + CSS.escape(id) + '"].cl');
      Array.prototype.forEach.call(marks, function (m) { m.classList.toggle('focus', on); });
    }
    row.addEventListener('mouseenter', function () { mark(true); });
    row.addEventListener('mouseleave', function () { mark(false); });
  });
  document.documentElement.setAttribute('data-ready', 'yes');
})();
"#;

pub(crate) fn html_page(
    articles: &[Article],
    report: &ReportDocument,
    options: &Options,
) -> String {
    let title = options.title.as_deref().unwrap_or("isnad report");
    let mut out = String::with_capacity(
        4096 + articles
            .iter()
            .map(|a| a.text.as_ref().map_or(0, |t| t.len() * 3))
            .sum::<usize>(),
    );
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n");
    out.push_str("<meta name=\"generator\" content=\"isnad\">\n");
    out.push_str(&format!(
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(title)
    ));
    out.push_str(&format!(
        "<header><h1>{}</h1><p class=\"headline\">{}</p></header>\n",
        escape(title),
        escape(&headline(report))
    ));

    // Summary: chart and matrix.
    out.push_str("<section id=\"summary\"><h2>Summary</h2><div class=\"summary\">\n");
    out.push_str(&chart(report));
    out.push_str(&matrix_table(report));
    out.push_str("</div></section>\n");

    // Legend.
    out.push_str("<section id=\"legend\"><h2>Legend</h2><ul class=\"legend\">\n");
    for (class, label) in [
        ("sp", "speaker (who is cited)"),
        ("cu", "reporting cue"),
        ("ct", "content (what was said)"),
        ("hg", "hedge"),
    ] {
        out.push_str(&format!(
            "<li><span class=\"sw {class}\">abc</span>{label}</li>\n"
        ));
    }
    for a in ATTRIBUTIONS {
        let name = enum_name(&a);
        out.push_str(&format!(
            "<li><span class=\"sw cl at-{name}\">&#160;&#160;&#160;</span>claim, {}</li>\n",
            attribution_words(a)
        ));
    }
    out.push_str("</ul></section>\n");

    // Articles.
    out.push_str("<section id=\"articles\"><h2>Articles</h2>\n");
    for (i, article) in articles.iter().enumerate() {
        out.push_str(&article_html(i, article));
    }
    out.push_str("</section>\n");

    // Reviewed claims and their verdicts.
    if !report.verdicts.is_empty() {
        out.push_str("<section id=\"reviews\"><h2>Reviewed claims</h2><table id=\"verdicts\"><thead><tr><th>verdict</th><th class=\"n\">claims</th></tr></thead><tbody>\n");
        for v in &report.verdicts {
            out.push_str(&format!(
                "<tr><td>{}</td><td class=\"n\">{}</td></tr>\n",
                v.rating.as_str(),
                v.claims
            ));
        }
        out.push_str("</tbody></table>\n<ul class=\"reviews\">\n");
        for c in report.claims.iter().filter(|c| c.review.is_some()) {
            if let Some(r) = &c.review {
                let link = match &r.url {
                    Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
                        format!(" <a href=\"{}\">fact-check</a>", escape(url))
                    }
                    _ => String::new(),
                };
                out.push_str(&format!(
                    "<li><strong>{}</strong> · <bdi>{}</bdi>: <bdi>{}</bdi>{}{}</li>\n",
                    escape(r.rating.as_str()),
                    escape(c.speaker.as_deref().unwrap_or("no source")),
                    escape(&c.content),
                    r.note
                        .as_deref()
                        .map(|n| format!(" — <span dir=\"auto\">{}</span>", escape(n)))
                        .unwrap_or_default(),
                    link
                ));
            }
        }
        out.push_str("</ul></section>\n");
    }

    // Claim table.
    out.push_str(&claim_table(articles, report));

    // Speakers and hedges.
    if !report.speakers.is_empty() {
        out.push_str("<section id=\"speakers\"><h2>Speakers</h2><table class=\"sortable\"><thead><tr><th>speaker</th><th>kind</th><th class=\"n\" data-type=\"number\">claims</th><th class=\"n\" data-type=\"number\">hedged</th><th class=\"n\" data-type=\"number\">vague</th><th>also written</th></tr></thead><tbody>\n");
        for (i, s) in report.speakers.iter().enumerate() {
            let others: Vec<&str> = s
                .names
                .iter()
                .filter(|n| **n != s.name)
                .map(String::as_str)
                .collect();
            out.push_str(&format!(
                "<tr data-order=\"{i}\"><td dir=\"auto\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td dir=\"auto\">{}</td></tr>\n",
                escape(&s.name),
                s.kind.as_ref().map(enum_name).unwrap_or_default(),
                s.claims,
                s.hedged,
                s.vague,
                escape(&others.join(", "))
            ));
        }
        out.push_str("</tbody></table></section>\n");
    }
    if !report.hedges.is_empty() {
        out.push_str("<section id=\"hedges\"><h2>Most frequent hedges</h2><table class=\"sortable\"><thead><tr><th>hedge</th><th>kind</th><th class=\"n\" data-type=\"number\">count</th></tr></thead><tbody>\n");
        for (i, h) in report.hedges.iter().enumerate() {
            out.push_str(&format!(
                "<tr data-order=\"{i}\"><td dir=\"auto\"><span class=\"hg\">{}</span></td><td>{}</td><td class=\"n\">{}</td></tr>\n",
                escape(&h.text),
                h.kind.as_ref().map(enum_name).unwrap_or_default(),
                h.count
            ));
        }
        out.push_str("</tbody></table></section>\n");
    }
    out.push_str(&format!("<script>{SCRIPT}</script>\n</body>\n</html>\n"));
    out
}

fn attribution_words(a: Attribution) -> &'static str {
    match a {
        Attribution::Attributed => "attributed to a named source",
        Attribution::Vague => "vague (unnamed source)",
        Attribution::Unattributed => "unattributed (author's voice)",
    }
}

fn colour(a: Attribution) -> &'static str {
    match a {
        Attribution::Attributed => "#2e7d32",
        Attribution::Vague => "#e67700",
        Attribution::Unattributed => "#c62828",
    }
}

/// Stacked bars: per attribution class, asserted (solid) and hedged
/// (hatched) claims.
fn chart(report: &ReportDocument) -> String {
    let bar_max = 260.0_f64;
    let rows: Vec<(Attribution, usize, usize)> = ATTRIBUTIONS
        .iter()
        .map(|a| {
            (
                *a,
                cell(report, *a, Certainty::Asserted),
                cell(report, *a, Certainty::Hedged),
            )
        })
        .collect();
    let max = rows.iter().map(|r| r.1 + r.2).max().unwrap_or(0).max(1) as f64;
    let mut svg = String::from(
        "<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"560\" height=\"150\" viewBox=\"0 0 560 150\" role=\"img\" aria-labelledby=\"chart-title\">\n<title id=\"chart-title\">Claims by attribution and certainty</title>\n<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><rect width=\"3\" height=\"6\" fill=\"#8250df\"/></pattern></defs>\n",
    );
    for (i, (a, asserted, hedged)) in rows.iter().enumerate() {
        let y = 10 + i * 38;
        let w1 = (*asserted as f64 / max * bar_max).round();
        let w2 = (*hedged as f64 / max * bar_max).round();
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"13\" fill=\"#1f2328\">{}</text>\n",
            y + 18,
            enum_name(a)
        ));
        svg.push_str(&format!(
            "<rect class=\"bar\" x=\"110\" y=\"{y}\" width=\"{w1}\" height=\"26\" fill=\"{}\"><title>{}: {asserted} asserted</title></rect>\n",
            colour(*a),
            enum_name(a)
        ));
        svg.push_str(&format!(
            "<rect class=\"bar\" x=\"{}\" y=\"{y}\" width=\"{w2}\" height=\"26\" fill=\"url(#hatch)\" stroke=\"{}\"><title>{}: {hedged} hedged</title></rect>\n",
            110.0 + w1,
            colour(*a),
            enum_name(a)
        ));
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"#1f2328\">{asserted} asserted, {hedged} hedged</text>\n",
            116.0 + w1 + w2,
            y + 18
        ));
    }
    svg.push_str("<text x=\"110\" y=\"140\" font-size=\"11\" fill=\"#555\">solid: asserted · hatched: hedged</text>\n</svg>\n");
    svg
}

fn matrix_table(report: &ReportDocument) -> String {
    let mut out = String::from(
        "<table id=\"matrix\"><thead><tr><th></th><th class=\"n\">asserted</th><th class=\"n\">hedged</th><th class=\"n\">total</th></tr></thead><tbody>\n",
    );
    let mut sums = [0usize; 2];
    for a in ATTRIBUTIONS {
        let x = cell(report, a, Certainty::Asserted);
        let y = cell(report, a, Certainty::Hedged);
        sums[0] += x;
        sums[1] += y;
        out.push_str(&format!(
            "<tr><th><span class=\"tag {0}\">{0}</span></th><td class=\"n\">{x}</td><td class=\"n\">{y}</td><td class=\"n\">{1}</td></tr>\n",
            enum_name(&a),
            x + y
        ));
    }
    out.push_str(&format!(
        "<tr><th>total</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n</tbody></table>\n",
        sums[0],
        sums[1],
        sums[0] + sums[1]
    ));
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Claim,
    Content,
    Speaker,
    Cue,
    Hedge,
}

struct Mark {
    span: Span,
    kind: Kind,
    claim: usize,
}

fn marks_of(claims: &[ClaimView]) -> Vec<Mark> {
    let mut marks = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        let mut push = |span: Option<Span>, kind| {
            if let Some(span) = span.filter(|s| !s.is_empty()) {
                marks.push(Mark {
                    span,
                    kind,
                    claim: i,
                });
            }
        };
        push(c.span, Kind::Claim);
        push(c.content.span, Kind::Content);
        push(c.speaker.as_ref().and_then(|s| s.span), Kind::Speaker);
        push(c.cue.as_ref().and_then(|s| s.span), Kind::Cue);
        for h in &c.hedges {
            push(h.span, Kind::Hedge);
        }
    }
    marks.sort_by_key(|m| (m.span.start, m.span.end));
    marks
}

/// What the text of an article was extracted from, in words.
fn extracted_from(format: Option<&str>) -> Option<&'static str> {
    match format? {
        "html" => Some("the saved web page"),
        "markdown" => Some("the Markdown file"),
        "jsonl" => Some("a JSON Lines record"),
        _ => None,
    }
}

fn article_html(n: usize, article: &Article) -> String {
    let rtl = is_rtl_language(&article.language);
    let lang = if article.language == "und" || article.language.is_empty() {
        String::new()
    } else {
        format!(" lang=\"{}\"", escape(&article.language))
    };
    let mut out = format!(
        "<article class=\"doc\" id=\"doc-{n}\" dir=\"{}\"{lang}>\n<h3 dir=\"auto\"><bdi>{}</bdi></h3>\n<p class=\"meta\" dir=\"ltr\">{}{} · {} claims{}</p>\n",
        if rtl { "rtl" } else { "ltr" },
        escape(article.title.as_deref().unwrap_or(&article.source)),
        if article.title.is_some() {
            format!("{} · ", escape(&article.source))
        } else {
            String::new()
        },
        escape(&article.language),
        article.claims.len(),
        article
            .url
            .as_deref()
            .map(|u| format!(" · {}", escape(u)))
            .unwrap_or_default(),
    );
    let Some(text) = article.text.as_deref() else {
        out.push_str("<p class=\"meta\" dir=\"ltr\">The text was recorded without its words (<code>--no-text</code>); only the claim table shows its claims.</p>\n</article>\n");
        return out;
    };
    if let Some(from) = extracted_from(article.input_format.as_deref()) {
        // The spans point into this text, not into the file: say so.
        out.push_str(&format!(
            "<p class=\"meta provenance\" dir=\"ltr\">Article text extracted from {from}; claim positions count characters of this text.</p>\n"
        ));
    }
    out.push_str("<div class=\"text\">\n");
    let index = TextIndex::new(text);
    let marks = marks_of(&article.claims);
    // Every place where a mark starts or ends, or a line breaks.
    let mut points: Vec<usize> = vec![0, index.len()];
    for m in &marks {
        points.push(m.span.start.min(index.len()));
        points.push(m.span.end.min(index.len()));
    }
    for (i, c) in text.chars().enumerate() {
        if c == '\n' {
            points.push(i);
            points.push(i + 1);
        }
    }
    points.sort_unstable();
    points.dedup();
    let mut active: Vec<usize> = Vec::new();
    let mut next = 0;
    let mut in_par = false;
    let mut anchored: HashSet<usize> = HashSet::new();
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        active.retain(|&m| marks[m].span.end > a);
        while next < marks.len() && marks[next].span.start <= a {
            if marks[next].span.end > a {
                active.push(next);
            }
            next += 1;
        }
        let seg = index.slice(Span::new(a, b)).unwrap_or_default();
        if seg == "\n" {
            if in_par {
                out.push_str("</p>\n");
                in_par = false;
            }
            continue;
        }
        if !in_par {
            out.push_str("<p dir=\"auto\">");
            in_par = true;
        }
        if active.is_empty() {
            out.push_str(&escape(seg));
            continue;
        }
        let mut classes: Vec<String> = Vec::new();
        let mut claims: Vec<usize> = Vec::new();
        for &m in &active {
            let mark = &marks[m];
            let class = match mark.kind {
                Kind::Claim => {
                    claims.push(mark.claim);
                    let c = &article.claims[mark.claim];
                    let mut cs = String::from("cl");
                    if let Some(at) = c.attribution {
                        cs.push_str(&format!(" at-{}", enum_name(&at)));
                    }
                    cs
                }
                Kind::Content => "ct".into(),
                Kind::Speaker => "sp".into(),
                Kind::Cue => "cu".into(),
                Kind::Hedge => "hg".into(),
            };
            if !classes.contains(&class) {
                classes.push(class);
            }
        }
        classes.sort();
        claims.sort_unstable();
        claims.dedup();
        let mut attrs = format!(" class=\"{}\"", classes.join(" "));
        if !claims.is_empty() {
            let ids: Vec<&str> = claims
                .iter()
                .map(|&c| article.claims[c].id.as_str())
                .collect();
            attrs.push_str(&format!(" data-claim=\"{}\"", escape(&ids.join(" "))));
            if let Some(&first) = claims.first() {
                if anchored.insert(first) {
                    attrs.push_str(&format!(" id=\"claim-{n}-{first}\""));
                }
                attrs.push_str(&format!(
                    " title=\"{}\"",
                    escape(&tooltip(&article.claims[first]))
                ));
            }
        }
        out.push_str(&format!("<span{attrs}>{}</span>", escape(seg)));
    }
    if in_par {
        out.push_str("</p>\n");
    }
    out.push_str("</div>\n</article>\n");
    out
}

fn tooltip(c: &ClaimView) -> String {
    let who = c.speaker.as_ref().map_or("no source", |s| s.name.as_str());
    let a = c.attribution.as_ref().map(enum_name).unwrap_or_default();
    let cert = c.certainty.as_ref().map(enum_name).unwrap_or_default();
    format!("{who} · {a} · {cert}")
}

fn claim_table(articles: &[Article], report: &ReportDocument) -> String {
    let mut out = String::from(
        "<section id=\"claims\"><h2>Claims</h2><p class=\"meta\">Click a column to sort.</p><table id=\"claim-table\" class=\"sortable\"><thead><tr><th class=\"n\" data-type=\"number\">#</th><th>location</th><th>speaker</th><th>cue</th><th>attribution</th><th>certainty</th><th>hedges</th><th>content</th><th>verdict</th></tr></thead><tbody>\n",
    );
    // Claims come in article order then claim order, as in `report.claims`.
    let mut k = 0;
    for (n, article) in articles.iter().enumerate() {
        for (i, _) in article.claims.iter().enumerate() {
            let Some(c) = report.claims.get(k) else { break };
            k += 1;
            let loc = location(c);
            let loc_cell = if article.text.is_some() && c.span.is_some_and(|s| !s.is_empty()) {
                format!("<a href=\"#claim-{n}-{i}\">{}</a>", escape(&loc))
            } else {
                escape(&loc)
            };
            let tag = |v: Option<String>| match v {
                Some(v) => format!("<span class=\"tag {0}\">{0}</span>", escape(&v)),
                None => String::new(),
            };
            let verdict = c.review.as_ref().map(|r| {
                let label = escape(r.rating.as_str());
                match &r.url {
                    Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
                        format!("<a href=\"{}\">{label}</a>", escape(url))
                    }
                    _ => label,
                }
            });
            out.push_str(&format!(
                "<tr data-order=\"{k}\" data-claim=\"{}\"><td class=\"n\">{k}</td><td data-sort=\"{}\">{loc_cell}</td><td dir=\"auto\">{}</td><td dir=\"auto\">{}</td><td>{}</td><td>{}</td><td dir=\"auto\">{}</td><td class=\"content\" dir=\"auto\">{}</td><td>{}</td></tr>\n",
                escape(&c.id),
                escape(&format!("{}:{:08}:{:08}", c.source, c.line.unwrap_or(0), c.column.unwrap_or(0))),
                escape(c.speaker.as_deref().unwrap_or("")),
                escape(c.cue.as_deref().unwrap_or("")),
                tag(c.attribution.as_ref().map(enum_name)),
                tag(c.certainty.as_ref().map(enum_name)),
                escape(&c.hedges.join(", ")),
                escape(&c.content),
                verdict.unwrap_or_default(),
            ));
        }
    }
    out.push_str("</tbody></table></section>\n");
    out
}
