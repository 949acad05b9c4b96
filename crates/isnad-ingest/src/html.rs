//! Article extraction from a saved web page.
//!
//! The page is parsed by html5ever (through `scraper`) into a DOM, and the
//! article is found with a documented heuristic in the spirit of Mozilla's
//! Readability, on the tree, never on the markup as text:
//!
//! 1. **Furniture is dropped.** Elements that never hold article text
//!    (`script`, `style`, `noscript`, `template`, `svg`, `iframe`, `form`,
//!    `button`, `nav`, `aside`, `footer`, `dialog` ...), elements with a
//!    landmark role other than the main one (`navigation`, `complementary`,
//!    `contentinfo`, `search` ...), hidden elements (`hidden`,
//!    `aria-hidden="true"`, `display:none`), and elements whose `class` or
//!    `id` words name furniture (`nav`, `menu`, `share`, `social`,
//!    `related`, `comments`, `sidebar`, `ad`, `newsletter`, `breadcrumb` ...)
//!    unless they also name content (`article`, `body`, `content`, `story` ...).
//!    `<html>` and `<body>` never are (a stray tag further down lends them its
//!    attributes), and the furniture test is applied again while writing.
//! 2. **The body is found by scoring.** Every block with at least 25 letters
//!    of its own text outside links (a paragraph, or a `div` of text and
//!    `<br>`s) scores `1 + commas + min(letters / 100, 3)` for its parent and
//!    half that for its grandparent; a candidate's score is weighed by
//!    `1 - link density` and by its class words. The best candidate, first in
//!    document order on a tie, is the body.
//! 3. **The body is widened to the article.** To the nearest enclosing
//!    `<article>` (or schema.org `*Article` item), and then up to the page's
//!    headline (`<h1>`) when the headline stands outside it, if the common
//!    ancestor is not mostly links; otherwise the headline is put first.
//! 4. **The article is written as blocks.** Headings, paragraphs, captions,
//!    quotations and the byline and dateline lines are blocks separated by a
//!    blank line; list items and table rows are one line each. Inside it,
//!    other stories (`<article>` elements off the path to the body, and the
//!    blocks that hold them: "more stories" teasers), headers without a
//!    headline and link-dense blocks (related links, "read also" lines, tag
//!    lists) are dropped as well.
//!
//! When no block of the article holds 20 letters or more, the JSON-LD
//! `articleBody` is used if the page has one; otherwise the page has no
//! article body, which is an error.

use std::collections::{HashMap, HashSet};

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::{Html, Node};
use serde_json::Value;

use crate::blocks::{Blocks, Kind};
use crate::{Article, Direction, Format, IngestError};

/// Elements whose content is never article text.
const DROP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "option",
    "nav",
    "aside",
    "footer",
    "dialog",
    "menu",
    "head",
    "link",
    "meta",
    "audio",
    "video",
    "map",
    "frameset",
    "frame",
    "label",
    "title",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
];

/// Landmark roles that are not the article.
const DROP_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "contentinfo",
    "search",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
    "tablist",
    "toolbar",
    "banner",
];

/// `class`/`id` words that name page furniture.
const FURNITURE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "share",
    "sharing",
    "sharer",
    "social",
    "related",
    "recommended",
    "recommendations",
    "comment",
    "comments",
    "disqus",
    "footer",
    "sidebar",
    "widget",
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "sponsored",
    "promo",
    "newsletter",
    "subscribe",
    "subscription",
    "cookie",
    "cookies",
    "consent",
    "popup",
    "modal",
    "tags",
    "pagination",
    "pager",
    "toolbar",
    "skip",
    "outbrain",
    "taboola",
    "trending",
    "popular",
    "mostread",
    "signup",
    "login",
    "masthead",
    "banner",
    "hidden",
];

/// `class`/`id` words that name content: they keep an element that also
/// carries a furniture word.
const CONTENT_WORDS: &[&str] = &[
    "article", "body", "content", "story", "entry", "post", "text", "main", "news", "detail",
    "details",
];

/// `class`/`id` words of byline and dateline lines, which are often mostly
/// a link and are kept all the same.
const BYLINE_WORDS: &[&str] = &[
    "byline",
    "author",
    "authors",
    "writer",
    "dateline",
    "date",
    "time",
    "timestamp",
    "published",
    "credit",
    "credits",
];

fn is_byline(el: &Element) -> bool {
    let marked = |attr: &str, word: &str| {
        el.attr(attr).is_some_and(|v| {
            v.split_ascii_whitespace()
                .any(|w| w.eq_ignore_ascii_case(word))
        })
    };
    if marked("rel", "author") || marked("itemprop", "author") {
        return true;
    }
    el.classes()
        .chain(el.id())
        .flat_map(words)
        .any(|w| BYLINE_WORDS.contains(&w.as_str()))
}

/// A byline or dateline element that is inline (a `span`) but not inside a
/// paragraph, list item or heading: it is made a block of its own, so that
/// the byline and the dateline are lines of their own.
fn promoted(node: NodeRef<'_, Node>, el: &Element) -> bool {
    is_byline(el)
        && !node.ancestors().filter_map(element).any(|a| {
            matches!(
                a.name(),
                "p" | "li" | "figcaption" | "blockquote" | "td" | "th" | "a"
            ) || is_heading(a.name())
        })
}

/// Elements that start and end a block of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "blockquote",
    "figure",
    "figcaption",
    "pre",
    "address",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "hgroup",
    "details",
    "summary",
    "center",
    "fieldset",
    "legend",
    "ul",
    "ol",
    "body",
    "html",
];

/// Elements that can be dropped for being mostly links.
const LINK_DENSE_CANDIDATES: &[&str] = &[
    "p", "div", "section", "ul", "ol", "dl", "li", "table", "header", "span", "figure",
];

/// schema.org types whose JSON-LD describes the article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicExpertNewsArticle",
    "SatiricalArticle",
    "ScholarlyArticle",
    "TechArticle",
    "Report",
    "BlogPosting",
    "LiveBlogPosting",
];

/// Below this many letters in its longest non-heading block, a page has no
/// article body.
const MIN_BODY_LETTERS: usize = 20;

fn element(node: NodeRef<'_, Node>) -> Option<&Element> {
    node.value().as_element()
}

fn words(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
}

/// Furniture words minus content words in `class` and `id`: positive means
/// furniture.
fn class_signal(el: &Element) -> (bool, bool) {
    let mut furniture = false;
    let mut content = false;
    let mut check = |value: &str| {
        let joined: String = value.to_ascii_lowercase().replace(['-', '_'], "");
        for w in words(value).chain(std::iter::once(joined)) {
            if FURNITURE_WORDS.contains(&w.as_str()) {
                furniture = true;
            }
            if CONTENT_WORDS.contains(&w.as_str()) {
                content = true;
            }
        }
    };
    for class in el.classes() {
        check(class);
    }
    if let Some(id) = el.id() {
        check(id);
    }
    (furniture, content)
}

fn is_hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() {
        return true;
    }
    if el
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    el.attr("style").is_some_and(|style| {
        let compact: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        compact.contains("display:none") || compact.contains("visibility:hidden")
    })
}

/// True when `el` and everything in it is page furniture, whatever its text.
///
/// `<html>` and `<body>` never are: they hold the whole page, and html5ever
/// moves the attributes of a stray `<html>` or `<body>` tag further down the
/// page onto them, so a `role="dialog"` or `hidden` there says nothing about
/// the article (fuzz finding 448a52d5: it pruned the whole page).
fn is_furniture(el: &Element) -> bool {
    let name = el.name();
    if matches!(name, "html" | "body") {
        return false;
    }
    if DROP_TAGS.contains(&name) || is_hidden(el) {
        return true;
    }
    if el.attr("role").is_some_and(|role| {
        role.split_ascii_whitespace()
            .any(|r| DROP_ROLES.contains(&r.to_ascii_lowercase().as_str()))
    }) {
        return true;
    }
    if matches!(name, "article" | "main" | "a") {
        return false;
    }
    let (furniture, content) = class_signal(el);
    furniture && !content
}

/// What pass 1 learned about one element (pruned subtrees excluded).
#[derive(Debug, Default, Clone, Copy)]
struct Agg {
    /// Letters and digits in the element.
    text: usize,
    /// Of which inside links.
    link: usize,
    /// Letters outside links and outside block children.
    own: usize,
    /// Commas (Latin and Arabic) in `own` text.
    commas: usize,
    /// `<h1>` elements inside.
    h1: usize,
    /// `<article>` elements inside, itself included.
    articles: usize,
    /// Whether the element is a block (its own text does not count for its
    /// parent's).
    block: bool,
}

impl Agg {
    fn link_density(&self) -> f64 {
        if self.text == 0 {
            0.0
        } else {
            self.link as f64 / self.text as f64
        }
    }
}

struct Stats {
    agg: HashMap<NodeId, Agg>,
    pruned: HashSet<NodeId>,
    score: HashMap<NodeId, f64>,
}

fn letters(text: &str) -> (usize, usize) {
    let mut n = 0;
    let mut commas = 0;
    for c in text.chars() {
        if c.is_alphanumeric() {
            n += 1;
        } else if c == ',' || c == '،' {
            commas += 1;
        }
    }
    (n, commas)
}

/// Pass 1: prune furniture, aggregate text, score paragraph parents.
fn stats(doc: &Html) -> Stats {
    let mut agg: HashMap<NodeId, Agg> = HashMap::new();
    let mut pruned = HashSet::new();
    let mut score: HashMap<NodeId, f64> = HashMap::new();
    let mut stack: Vec<(NodeId, Agg)> = Vec::new();
    let mut skip: Option<NodeId> = None;
    let mut in_link = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                if let Some(el) = element(node) {
                    if is_furniture(el) {
                        skip = Some(node.id());
                        pruned.insert(node.id());
                        continue;
                    }
                    if el.name() == "a" {
                        in_link += 1;
                    }
                    let a = Agg {
                        h1: usize::from(el.name() == "h1"),
                        articles: usize::from(el.name() == "article"),
                        block: BLOCK_TAGS.contains(&el.name())
                            || is_heading(el.name())
                            || el.name() == "li",
                        ..Agg::default()
                    };
                    stack.push((node.id(), a));
                } else if let Some(text) = node.value().as_text() {
                    let (n, commas) = letters(text);
                    if let Some((_, top)) = stack.last_mut() {
                        top.text += n;
                        if in_link > 0 {
                            top.link += n;
                        } else {
                            top.own += n;
                            top.commas += commas;
                        }
                    }
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip {
                    if id == node.id() {
                        skip = None;
                    }
                    continue;
                }
                let Some(el) = element(node) else { continue };
                if el.name() == "a" {
                    in_link = in_link.saturating_sub(1);
                }
                let Some((id, a)) = stack.pop() else { continue };
                agg.insert(id, a);
                if a.block && a.own >= 25 && !is_heading(el.name()) {
                    let s = 1.0 + a.commas as f64 + (a.own as f64 / 100.0).min(3.0);
                    let len = stack.len();
                    if let Some((parent, _)) = stack.get(len.wrapping_sub(1)) {
                        *score.entry(*parent).or_insert(0.0) += s;
                    }
                    if let Some((grand, _)) = stack.get(len.wrapping_sub(2)) {
                        *score.entry(*grand).or_insert(0.0) += s / 2.0;
                    }
                }
                if let Some((_, parent)) = stack.last_mut() {
                    parent.text += a.text;
                    parent.link += a.link;
                    parent.h1 += a.h1;
                    parent.articles += a.articles;
                    if !a.block {
                        parent.own += a.own;
                        parent.commas += a.commas;
                    }
                }
            }
        }
    }
    Stats { agg, pruned, score }
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// The best-scoring candidate, first in document order on a tie.
fn best_candidate<'a>(doc: &'a Html, stats: &Stats) -> Option<NodeRef<'a, Node>> {
    let mut best: Option<(NodeRef<'a, Node>, f64)> = None;
    for node in doc.tree.root().descendants() {
        let Some(raw) = stats.score.get(&node.id()) else {
            continue;
        };
        let Some(el) = element(node) else { continue };
        let density = stats.agg.get(&node.id()).map_or(0.0, Agg::link_density);
        let (furniture, content) = class_signal(el);
        let weight = match (furniture, content) {
            (false, true) => 25.0,
            (true, false) => -25.0,
            _ => 0.0,
        };
        let s = raw * (1.0 - density) + weight;
        if best.as_ref().is_none_or(|(_, b)| s > *b) {
            best = Some((node, s));
        }
    }
    best.map(|(n, _)| n)
}

fn is_article_element(el: &Element) -> bool {
    el.name() == "article"
        || el.attr("itemtype").is_some_and(|t| {
            t.split_ascii_whitespace()
                .any(|t| ARTICLE_TYPES.iter().any(|a| t.ends_with(&format!("/{a}"))))
        })
}

fn is_ancestor_or_self(anc: NodeRef<'_, Node>, node: NodeRef<'_, Node>) -> bool {
    node.id() == anc.id() || node.ancestors().any(|a| a.id() == anc.id())
}

fn lowest_common_ancestor<'a>(
    a: NodeRef<'a, Node>,
    b: NodeRef<'a, Node>,
) -> Option<NodeRef<'a, Node>> {
    let chain: HashSet<NodeId> = std::iter::once(a)
        .chain(a.ancestors())
        .map(|n| n.id())
        .collect();
    std::iter::once(b)
        .chain(b.ancestors())
        .find(|n| chain.contains(&n.id()))
}

fn in_pruned(node: NodeRef<'_, Node>, stats: &Stats) -> bool {
    std::iter::once(node)
        .chain(node.ancestors())
        .any(|n| stats.pruned.contains(&n.id()))
}

/// The text of a subtree, whitespace collapsed, scripts and styles skipped.
fn plain_text(node: NodeRef<'_, Node>) -> String {
    let mut b = Blocks::default();
    let mut skip: Option<NodeId> = None;
    for edge in node.traverse() {
        match edge {
            Edge::Open(n) => {
                if skip.is_some() {
                    continue;
                }
                if let Some(el) = element(n) {
                    if matches!(el.name(), "script" | "style" | "noscript" | "template")
                        || is_hidden(el)
                    {
                        skip = Some(n.id());
                    } else if el.name() == "br" {
                        b.space();
                    }
                } else if let Some(t) = n.value().as_text() {
                    b.text(t);
                }
            }
            Edge::Close(n) => {
                if skip == Some(n.id()) {
                    skip = None;
                }
            }
        }
    }
    b.finish().0
}

/// What the page says about itself.
#[derive(Debug, Default)]
struct Meta {
    metas: HashMap<String, String>,
    canonical: Option<String>,
    title: Option<String>,
    html_lang: Option<String>,
    html_dir: Option<Direction>,
    time: Option<String>,
    author_element: Option<String>,
    ld: LdArticle,
}

#[derive(Debug, Default)]
struct LdArticle {
    headline: Option<String>,
    url: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    author: Option<String>,
    language: Option<String>,
    publisher: Option<String>,
    body: Option<String>,
}

fn clean(value: &str) -> Option<String> {
    let mut b = Blocks::default();
    b.text(value);
    let text = b.finish().0;
    (!text.is_empty()).then_some(text)
}

fn parse_dir(value: &str) -> Option<Direction> {
    match value.trim().to_ascii_lowercase().as_str() {
        "rtl" => Some(Direction::Rtl),
        "ltr" => Some(Direction::Ltr),
        _ => None,
    }
}

fn clean_lang(value: &str) -> Option<String> {
    let tag = value.trim().replace('_', "-");
    (!tag.is_empty()
        && tag.len() <= 35
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && tag.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
    .then_some(tag)
}

fn read_meta(doc: &Html) -> Meta {
    let mut meta = Meta::default();
    for node in doc.tree.root().descendants() {
        let Some(el) = element(node) else { continue };
        match el.name() {
            "html" => {
                meta.html_lang = el.attr("lang").and_then(clean_lang);
                meta.html_dir = el.attr("dir").and_then(parse_dir);
            }
            "meta" => {
                let Some(content) = el.attr("content").and_then(clean) else {
                    continue;
                };
                for key in ["property", "name", "itemprop", "http-equiv"] {
                    if let Some(k) = el.attr(key) {
                        meta.metas
                            .entry(k.trim().to_ascii_lowercase())
                            .or_insert_with(|| content.clone());
                    }
                }
            }
            "link" => {
                let canonical = el.attr("rel").is_some_and(|rel| {
                    rel.split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                });
                if canonical && meta.canonical.is_none() {
                    meta.canonical = el.attr("href").and_then(clean);
                }
            }
            "title" if meta.title.is_none() => meta.title = clean(&plain_text(node)),
            "script" => {
                let is_ld = el
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if is_ld {
                    let raw: String = node
                        .children()
                        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                        .collect();
                    if let Ok(value) = serde_json::from_str::<Value>(raw.trim()) {
                        read_ld(&value, &mut meta.ld, 0);
                    }
                }
            }
            _ => {}
        }
        if meta.author_element.is_none() {
            let marked = el.attr("rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("author"))
            }) || el
                .attr("itemprop")
                .is_some_and(|p| p.split_ascii_whitespace().any(|p| p == "author"));
            if marked && el.name() != "link" && el.name() != "meta" {
                meta.author_element = clean(&plain_text(node)).map(|a| strip_by(&a));
            }
        }
        if meta.time.is_none()
            && el
                .attr("itemprop")
                .is_some_and(|p| p.split_ascii_whitespace().any(|p| p == "datePublished"))
        {
            meta.time = el.attr("datetime").or(el.attr("content")).and_then(clean);
        }
    }
    meta
}

fn strip_by(author: &str) -> String {
    for prefix in ["By ", "by ", "BY ", "بقلم:", "بقلم"] {
        if let Some(rest) = author.strip_prefix(prefix) {
            let rest = rest.trim();
            if !rest.is_empty() {
                return rest.to_string();
            }
        }
    }
    author.to_string()
}

fn ld_types(value: &Value) -> Vec<&str> {
    match value.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn ld_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => clean(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => ld_text(o.get("name").or(o.get("@id")).or(o.get("url"))),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(|v| ld_text(Some(v))).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

fn ld_body(value: Option<&Value>) -> Option<String> {
    let text = value?.as_str()?.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Reads the first schema.org article object in a JSON-LD value (which may
/// be an array or hold an `@graph`).
fn read_ld(value: &Value, out: &mut LdArticle, depth: usize) {
    if depth > 8 || out.headline.is_some() || out.body.is_some() || out.published.is_some() {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                read_ld(item, out, depth + 1);
            }
        }
        Value::Object(map) => {
            if ld_types(value).iter().any(|t| {
                let t = t.rsplit(['/', ':']).next().unwrap_or(t);
                ARTICLE_TYPES.contains(&t)
            }) {
                out.headline = ld_text(map.get("headline")).or_else(|| ld_text(map.get("name")));
                out.url = ld_text(map.get("url")).or_else(|| ld_text(map.get("mainEntityOfPage")));
                out.published = ld_text(map.get("datePublished"));
                out.modified = ld_text(map.get("dateModified"));
                out.author = ld_text(map.get("author"));
                out.language = ld_text(map.get("inLanguage")).and_then(|l| clean_lang(&l));
                out.publisher = ld_text(map.get("publisher"));
                out.body = ld_body(map.get("articleBody"));
                return;
            }
            if let Some(graph) = map.get("@graph") {
                read_ld(graph, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// The `datetime` of the first `<time>` under `node` outside furniture.
fn first_time(node: NodeRef<'_, Node>, stats: &Stats) -> Option<String> {
    node.descendants()
        .filter(|n| element(*n).is_some_and(|e| e.name() == "time"))
        .filter(|n| !in_pruned(*n, stats))
        .find_map(|n| element(n).and_then(|e| e.attr("datetime")).and_then(clean))
}

fn first_meta(meta: &Meta, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| meta.metas.get(*k).cloned())
}

/// True when `node`, inside the article's root but off the path to the
/// body, is not article text: another story (an `<article>`, or a block
/// holding one, as "more stories" teasers are), a header without the
/// headline, or a block that is mostly links and not a byline.
fn is_off_the_body(node: NodeRef<'_, Node>, el: &Element, agg: &Agg) -> bool {
    let name = el.name();
    if agg.articles > 0 {
        return true;
    }
    let banner = name == "header"
        || el
            .attr("role")
            .is_some_and(|r| r.eq_ignore_ascii_case("banner"));
    if banner && agg.h1 == 0 {
        return true;
    }
    let link_dense =
        LINK_DENSE_CANDIDATES.contains(&name) && agg.text > 0 && agg.link * 2 > agg.text;
    if !link_dense || is_byline(el) {
        return false;
    }
    // A short line that holds a byline ("By <a>Name</a>") is kept.
    !(agg.text <= 120
        && node
            .descendants()
            .take(256)
            .filter_map(element)
            .any(is_byline))
}

/// Pass 2: writes the article under `root` as blocks.
fn write_article(
    root: NodeRef<'_, Node>,
    candidate: Option<NodeRef<'_, Node>>,
    stats: &Stats,
    blocks: &mut Blocks,
) {
    // The candidate and its ancestors are never dropped (computed once: a
    // page may nest thousands of elements deep).
    let kept: HashSet<NodeId> = candidate
        .map(|c| {
            std::iter::once(c)
                .chain(c.ancestors())
                .map(|n| n.id())
                .collect()
        })
        .unwrap_or_default();
    let keep = |node: NodeRef<'_, Node>| kept.contains(&node.id());
    let mut skip: Option<NodeId> = None;
    let mut lists: Vec<(bool, u32)> = Vec::new();
    let mut pre = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                if let Some(text) = node.value().as_text() {
                    if pre > 0 {
                        blocks.verbatim(text);
                    } else {
                        blocks.text(text);
                    }
                    continue;
                }
                let Some(el) = element(node) else { continue };
                let name = el.name();
                let agg = stats.agg.get(&node.id()).copied().unwrap_or_default();
                // Furniture is checked again, not only looked up: pass 1
                // records the top of each pruned subtree, and the article's
                // root may lie inside one.
                let drop = stats.pruned.contains(&node.id())
                    || (!keep(node) && is_furniture(el))
                    || (!keep(node) && is_off_the_body(node, el, &agg));
                if drop {
                    skip = Some(node.id());
                    continue;
                }
                match name {
                    "br" => blocks.line_break(),
                    "hr" => blocks.end(),
                    "td" | "th" => blocks.space(),
                    "tr" => blocks.start(Kind::Row, ""),
                    "ul" | "ol" => {
                        blocks.end();
                        let start = el
                            .attr("start")
                            .and_then(|s| s.trim().parse::<u32>().ok())
                            .unwrap_or(1);
                        lists.push((name == "ol", start));
                    }
                    "li" => {
                        let prefix = match lists.last_mut() {
                            Some((true, n)) => {
                                let p = format!("{n}. ");
                                *n = n.saturating_add(1);
                                p
                            }
                            _ => "- ".to_string(),
                        };
                        blocks.start(Kind::Item, &prefix);
                    }
                    _ if is_heading(name) => blocks.start(Kind::Heading, ""),
                    _ if BLOCK_TAGS.contains(&name) || promoted(node, el) => {
                        if name == "pre" {
                            pre += 1;
                        }
                        blocks.start(Kind::Paragraph, "");
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip {
                    if id == node.id() {
                        skip = None;
                    }
                    continue;
                }
                let Some(el) = element(node) else { continue };
                let name = el.name();
                match name {
                    "ul" | "ol" | "table" => {
                        if name != "table" {
                            lists.pop();
                        }
                        blocks.end_run();
                    }
                    "li" | "tr" => blocks.end(),
                    _ if is_heading(name) || BLOCK_TAGS.contains(&name) || promoted(node, el) => {
                        if name == "pre" {
                            pre = pre.saturating_sub(1);
                        }
                        blocks.end();
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Extracts the article from an HTML page.
pub(crate) fn extract(source: &str) -> Result<Article, IngestError> {
    let doc = Html::parse_document(source);
    let meta = read_meta(&doc);
    let stats = stats(&doc);
    let candidate = best_candidate(&doc, &stats);

    let body = doc
        .tree
        .root()
        .descendants()
        .find(|n| element(*n).is_some_and(|e| e.name() == "body"));
    let mut root = candidate.or(body).unwrap_or_else(|| doc.tree.root());
    if let Some(article) = std::iter::once(root)
        .chain(root.ancestors())
        .find(|n| element(*n).is_some_and(is_article_element))
    {
        root = article;
    }
    let headline = doc
        .tree
        .root()
        .descendants()
        .find(|n| element(*n).is_some_and(|e| e.name() == "h1") && !in_pruned(*n, &stats));
    let inside = headline.is_some_and(|h| is_ancestor_or_self(root, h));
    let mut headline_first = None;
    if let (Some(h), false) = (headline, inside) {
        match lowest_common_ancestor(root, h) {
            Some(lca)
                if stats.agg.get(&lca.id()).map_or(0.0, Agg::link_density) < 0.35
                    && element(lca).is_some() =>
            {
                root = lca;
            }
            _ => headline_first = Some(h),
        }
    }

    let mut blocks = Blocks::default();
    if let Some(h) = headline_first {
        blocks.start(Kind::Heading, "");
        blocks.text(&plain_text(h));
        blocks.end();
    }
    write_article(root, candidate, &stats, &mut blocks);
    let (mut text, longest, _) = blocks.finish();

    let title = meta
        .ld
        .headline
        .clone()
        .or_else(|| first_meta(&meta, &["og:title", "twitter:title", "dc.title"]))
        .or_else(|| headline.and_then(|h| clean(&plain_text(h))))
        .or_else(|| meta.title.clone());

    if longest < MIN_BODY_LETTERS {
        match &meta.ld.body {
            Some(body) => {
                let mut b = Blocks::default();
                if let Some(t) = &title {
                    b.start(Kind::Heading, "");
                    b.text(t);
                }
                for para in body.split("\n\n") {
                    b.start(Kind::Paragraph, "");
                    for (i, line) in para.lines().enumerate() {
                        if i > 0 {
                            b.line_break();
                        }
                        b.text(line);
                    }
                }
                text = b.finish().0;
            }
            None => return Err(IngestError::NoArticleBody { title }),
        }
    }

    let lang_of_root = std::iter::once(root)
        .chain(root.ancestors())
        .filter_map(element)
        .find_map(|e| e.attr("lang").and_then(clean_lang));
    let dir_of_root = std::iter::once(root)
        .chain(root.ancestors())
        .filter_map(element)
        .find_map(|e| e.attr("dir").and_then(parse_dir));
    let language = lang_of_root
        .or_else(|| meta.html_lang.clone())
        .or_else(|| {
            first_meta(
                &meta,
                &["content-language", "og:locale", "language", "dc.language"],
            )
            .and_then(|l| clean_lang(&l))
        })
        .or_else(|| meta.ld.language.clone());
    let author = meta
        .ld
        .author
        .clone()
        .or_else(|| {
            first_meta(
                &meta,
                &[
                    "author",
                    "article:author",
                    "dc.creator",
                    "byl",
                    "parsely-author",
                    "sailthru.author",
                ],
            )
            .filter(|a| !a.starts_with("http://") && !a.starts_with("https://"))
            .map(|a| strip_by(&a))
        })
        .or_else(|| meta.author_element.clone());

    Ok(Article {
        text,
        format: Format::Html,
        title,
        url: meta
            .canonical
            .clone()
            .or_else(|| first_meta(&meta, &["og:url", "twitter:url"]))
            .or_else(|| meta.ld.url.clone()),
        published: meta
            .ld
            .published
            .clone()
            .or_else(|| {
                first_meta(
                    &meta,
                    &[
                        "article:published_time",
                        "og:article:published_time",
                        "datepublished",
                        "pubdate",
                        "publishdate",
                        "publish-date",
                        "dc.date.issued",
                        "dc.date",
                        "date",
                        "sailthru.date",
                        "parsely-pub-date",
                    ],
                )
            })
            .or_else(|| meta.time.clone())
            .or_else(|| first_time(root, &stats))
            .or_else(|| first_time(doc.tree.root(), &stats)),
        modified: meta.ld.modified.clone().or_else(|| {
            first_meta(
                &meta,
                &["article:modified_time", "og:updated_time", "datemodified"],
            )
        }),
        author,
        site: first_meta(&meta, &["og:site_name", "application-name"])
            .or_else(|| meta.ld.publisher.clone()),
        language,
        direction: dir_of_root.or(meta.html_dir),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fuzz finding 448a52d5 (fuzz/regressions/ingest_html-fixed-448a52d5),
    /// reduced: a stray `<html role="dialog">` in the body moves its role
    /// onto the page's root element. The whole page was then pruned as
    /// furniture, the body written without its furniture checks, and the
    /// script's text ended up in the article.
    #[test]
    fn a_role_on_a_stray_html_tag_neither_prunes_the_page_nor_leaks_scripts() {
        let page = "<html><head><style>.STYLEMARK{}</style></head><body>\
            <script>var SCRIPTMARK;</script>\
            <html role=\"dialog\" hidden>\
            <nav><a href=\"/\">Home</a></nav>\
            <p>The harbour master said the new berth would open in May, weeks ahead of plan.</p>\
            </body></html>";
        let a = extract(page).unwrap();
        assert_eq!(
            a.text,
            "The harbour master said the new berth would open in May, weeks ahead of plan."
        );
    }

    /// Furniture met under an article root that lies inside a pruned subtree
    /// is still dropped.
    #[test]
    fn furniture_is_dropped_wherever_the_article_root_lies() {
        let page = "<html><body role=\"navigation\"><div hidden>\
            <script>var SCRIPTMARK;</script><style>.STYLEMARK{}</style>\
            <p>Officials said the ferry timetable would change from next Monday onwards.</p>\
            </div><p>The mayor said the tram line opens in July, as planned last year.</p></body></html>";
        let a = extract(page).unwrap();
        assert!(!a.text.contains("MARK"), "{}", a.text);
        assert!(a.text.contains("tram line"), "{}", a.text);
    }
}
