//! Input formats and their detection from a file name and the content.

/// The format an input is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Plain text, used as it is.
    Text,
    /// Markdown: markup stripped, headings and paragraphs kept as blocks.
    Markdown,
    /// A web page: the article is extracted.
    Html,
    /// JSON Lines: one `{url, title, published, text|html}` record per line.
    Jsonl,
}

impl Format {
    /// `text`, `markdown`, `html` or `jsonl`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
        }
    }

    /// The format a file extension (without the dot, any case) stands for.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

fn extension(name: &str) -> Option<&str> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let (stem, ext) = file.rsplit_once('.')?;
    (!stem.is_empty()).then_some(ext)
}

/// True when `name` has an extension isnad reads (`.txt`, `.md`, `.html`,
/// `.jsonl` and their variants): the files taken from a directory.
pub fn is_article_file(name: &str) -> bool {
    extension(name).and_then(Format::from_extension).is_some()
}

/// Detects the format of an input from its file `name` (when it has one)
/// and its `text`.
///
/// A known extension decides (`.html`, `.htm`, `.md`, `.txt`, `.jsonl` ...).
/// Otherwise (standard input, `.dat`, no extension) the content decides,
/// conservatively, since reading plain text as markup would change it:
/// - HTML when it starts (after blanks and comments) with `<!doctype html`,
///   `<html`, `<head` or `<body`;
/// - JSON Lines when its first non-blank line is a JSON object;
/// - Markdown when it starts with a front matter block (`---` line) or an ATX
///   heading (`# Title`);
/// - plain text otherwise.
///
/// ```
/// use isnad_ingest::{detect_format, Format};
/// assert_eq!(detect_format(Some("a/b.HTM"), "hello"), Format::Html);
/// assert_eq!(detect_format(None, "<!DOCTYPE html><p>x"), Format::Html);
/// assert_eq!(detect_format(None, "{\"text\": \"x\"}\n"), Format::Jsonl);
/// assert_eq!(detect_format(None, "# Title\n\nBody"), Format::Markdown);
/// assert_eq!(detect_format(None, "قال الوزير"), Format::Text);
/// ```
pub fn detect_format(name: Option<&str>, text: &str) -> Format {
    if let Some(format) = name.and_then(extension).and_then(Format::from_extension) {
        return format;
    }
    sniff(text)
}

fn sniff(text: &str) -> Format {
    let start = skip_html_comments(text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']));
    let head: String = start
        .chars()
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    if ["<!doctype html", "<html", "<head", "<body", "<?xml"]
        .iter()
        .any(|p| head.starts_with(p))
        && (!head.starts_with("<?xml")
            || text
                .chars()
                .take(2048)
                .collect::<String>()
                .contains("<html"))
    {
        return Format::Html;
    }
    let first_line = start.lines().next().unwrap_or("").trim();
    if first_line.starts_with('{')
        && first_line.ends_with('}')
        && serde_json::from_str::<serde_json::Value>(first_line).is_ok_and(|v| v.is_object())
    {
        return Format::Jsonl;
    }
    if first_line == "---" && has_front_matter(start) {
        return Format::Markdown;
    }
    if is_atx_heading(first_line) {
        return Format::Markdown;
    }
    Format::Text
}

fn skip_html_comments(mut text: &str) -> &str {
    while let Some(rest) = text.strip_prefix("<!--") {
        match rest.find("-->") {
            Some(end) => text = rest[end + 3..].trim_start(),
            None => return text,
        }
    }
    text
}

fn has_front_matter(text: &str) -> bool {
    let mut lines = text.lines().skip(1);
    let mut keys = 0;
    for line in lines.by_ref().take(64) {
        let line = line.trim_end();
        if line == "---" || line == "..." {
            return keys > 0;
        }
        if line
            .split_once(':')
            .is_some_and(|(k, _)| !k.is_empty() && !k.starts_with(' '))
        {
            keys += 1;
        }
    }
    false
}

fn is_atx_heading(line: &str) -> bool {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    (1..=6).contains(&hashes)
        && line[hashes..].starts_with(' ')
        && !line[hashes..].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_decides() {
        assert_eq!(detect_format(Some("x.md"), "<html>"), Format::Markdown);
        assert_eq!(detect_format(Some("x.txt"), "# heading"), Format::Text);
        assert_eq!(detect_format(Some("dir.d/x.ndjson"), ""), Format::Jsonl);
        assert_eq!(detect_format(Some(".html"), "plain"), Format::Text);
    }

    #[test]
    fn content_decides_without_extension() {
        assert_eq!(
            detect_format(Some("page"), "\n  <!-- saved -->\n<HTML lang=ar>"),
            Format::Html
        );
        assert_eq!(
            detect_format(None, "---\ntitle: x\n---\nbody"),
            Format::Markdown
        );
        assert_eq!(detect_format(None, "---\nnot front matter"), Format::Text);
        assert_eq!(detect_format(None, "#hashtag news"), Format::Text);
        assert_eq!(detect_format(None, "{not json}"), Format::Text);
        assert_eq!(detect_format(None, ""), Format::Text);
    }

    #[test]
    fn article_files() {
        assert!(is_article_file("a/b.html"));
        assert!(is_article_file("B.MD"));
        assert!(!is_article_file("photo.jpg"));
        assert!(!is_article_file("README"));
    }
}
