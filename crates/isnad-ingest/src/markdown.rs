//! Markdown to article text: markup stripped (pulldown-cmark), headings and
//! paragraphs kept as blocks, list items one per line, images and raw HTML
//! dropped, and the title, date, author, URL and language read from a YAML
//! front matter block when there is one.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::blocks::{Blocks, Kind};
use crate::{Article, Direction, Format};

#[derive(Debug, Default)]
struct FrontMatter {
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    author: Option<String>,
    site: Option<String>,
    language: Option<String>,
    direction: Option<Direction>,
}

fn unquote(value: &str) -> Option<String> {
    let v = value.trim();
    let v = v
        .strip_prefix('[')
        .and_then(|v| v.strip_suffix(']'))
        .unwrap_or(v);
    let parts: Vec<String> = v
        .split(',')
        .map(|p| p.trim().trim_matches(['"', '\'']).trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return None;
    }
    // Only author lists are split on commas; other values keep theirs.
    Some(parts.join(", "))
}

/// Reads the simple `key: value` lines of a YAML front matter block.
fn front_matter(yaml: &str) -> FrontMatter {
    let mut fm = FrontMatter::default();
    for line in yaml.lines() {
        if line.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let raw = value.trim();
        let single = || {
            let v = raw.trim_matches(['"', '\'']).trim();
            (!v.is_empty()).then(|| v.to_string())
        };
        let slot = match key.as_str() {
            "title" | "headline" => &mut fm.title,
            "url" | "canonical" | "canonical_url" | "link" | "permalink" => &mut fm.url,
            "date" | "published" | "published_at" | "pubdate" | "date_published" => {
                &mut fm.published
            }
            "updated" | "modified" | "lastmod" | "date_modified" => &mut fm.modified,
            "author" | "authors" | "byline" => {
                if fm.author.is_none() {
                    fm.author = unquote(raw);
                }
                continue;
            }
            "site" | "site_name" | "publisher" | "source" => &mut fm.site,
            "lang" | "language" | "locale" => {
                if fm.language.is_none() {
                    fm.language = single().map(|l| l.replace('_', "-"));
                }
                continue;
            }
            "dir" | "direction" => {
                fm.direction = match single().as_deref() {
                    Some("rtl") => Some(Direction::Rtl),
                    Some("ltr") => Some(Direction::Ltr),
                    _ => fm.direction,
                };
                continue;
            }
            _ => continue,
        };
        if slot.is_none() {
            *slot = single();
        }
    }
    fm
}

/// Converts Markdown to an article.
pub(crate) fn extract(source: &str) -> Article {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_FOOTNOTES;
    let mut blocks = Blocks::default();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut yaml = String::new();
    let mut in_yaml = false;
    let mut in_code = false;
    let mut image = 0usize;
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut first_heading: Option<(HeadingLevel, String)> = None;

    for event in Parser::new_ext(source, options) {
        match event {
            Event::Start(tag) => match tag {
                Tag::MetadataBlock(_) => in_yaml = true,
                Tag::Heading { level, .. } => {
                    blocks.start(Kind::Heading, "");
                    heading = Some((level, String::new()));
                }
                Tag::Paragraph | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) => {
                    blocks.start(Kind::Paragraph, "")
                }
                Tag::CodeBlock(_) => {
                    blocks.start(Kind::Paragraph, "");
                    in_code = true;
                }
                Tag::List(start) => {
                    blocks.end();
                    lists.push(start);
                }
                Tag::Item => {
                    let prefix = match lists.last_mut() {
                        Some(Some(n)) => {
                            let p = format!("{n}. ");
                            *n = n.saturating_add(1);
                            p
                        }
                        _ => "- ".to_string(),
                    };
                    blocks.start(Kind::Item, &prefix);
                }
                Tag::TableRow | Tag::TableHead => blocks.start(Kind::Row, ""),
                Tag::TableCell => blocks.space(),
                Tag::Image { .. } => image += 1,
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::MetadataBlock(_) => in_yaml = false,
                TagEnd::Heading(_) => {
                    blocks.end();
                    if let Some((level, text)) = heading.take() {
                        let better = first_heading.as_ref().is_none_or(|(l, _)| {
                            *l != HeadingLevel::H1 && level == HeadingLevel::H1
                        });
                        if better && !text.trim().is_empty() {
                            first_heading = Some((level, text));
                        }
                    }
                }
                TagEnd::Paragraph
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::TableHead => blocks.end(),
                TagEnd::CodeBlock => {
                    in_code = false;
                    blocks.end();
                }
                TagEnd::List(_) => {
                    lists.pop();
                    blocks.end_run();
                }
                TagEnd::Table => blocks.end_run(),
                TagEnd::Image => image = image.saturating_sub(1),
                _ => {}
            },
            Event::Text(text)
            | Event::Code(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text) => {
                if in_yaml {
                    yaml.push_str(&text);
                } else if in_code && image == 0 {
                    blocks.verbatim(&text);
                } else if image == 0 {
                    if let Some((_, h)) = heading.as_mut() {
                        h.push_str(&text);
                    }
                    blocks.text(&text);
                }
            }
            Event::SoftBreak => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push(' ');
                }
                blocks.space();
            }
            Event::HardBreak => blocks.line_break(),
            Event::Rule => blocks.end(),
            Event::FootnoteReference(_) | Event::Html(_) | Event::InlineHtml(_) => {}
            Event::TaskListMarker(done) => blocks.text(if done { "[x] " } else { "[ ] " }),
        }
    }
    let (text, _, _) = blocks.finish();
    let fm = front_matter(&yaml);
    let title = fm.title.or_else(|| {
        first_heading.and_then(|(_, t)| {
            let mut b = Blocks::default();
            b.text(&t);
            let t = b.finish().0;
            (!t.is_empty()).then_some(t)
        })
    });
    Article {
        text,
        format: Format::Markdown,
        title,
        url: fm.url,
        published: fm.published,
        modified: fm.modified,
        author: fm.author,
        site: fm.site,
        language: fm.language,
        direction: fm.direction,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_stripped_and_blocks_kept() {
        let md = "---\ntitle: \"The plan\"\ndate: 2026-01-02\nauthor: [Jane Doe, Omar Ali]\nlang: en_GB\n---\n\n# The **plan**\n\nThe minister *said* the [plan](https://x.example) would\nstart soon.  \nNew line.\n\n![photo](p.jpg)\n\n- one\n- two\n\n3. three\n4. four\n\n> quoted `code`\n\n<div>raw html</div>\n";
        let a = extract(md);
        assert_eq!(
            a.text,
            "The plan\n\nThe minister said the plan would start soon.\nNew line.\n\n- one\n- two\n\n3. three\n4. four\n\nquoted code"
        );
        assert_eq!(a.title.as_deref(), Some("The plan"));
        assert_eq!(a.published.as_deref(), Some("2026-01-02"));
        assert_eq!(a.author.as_deref(), Some("Jane Doe, Omar Ali"));
        assert_eq!(a.language.as_deref(), Some("en-GB"));
    }

    #[test]
    fn title_from_first_h1() {
        let a = extract("## kicker\n\n# الخبر\n\nنص");
        assert_eq!(a.title.as_deref(), Some("الخبر"));
        assert_eq!(a.text, "kicker\n\nالخبر\n\nنص");
    }
}
