//! Turning the inputs people have into the article text that isnad reads.
//!
//! This crate owns everything between raw bytes and the text that spans
//! point into:
//!
//! - **decoding** ([`decode`]): UTF-8 with a leading BOM removed, UTF-16 with
//!   a BOM, and the refusal of binary data and of invalid UTF-8 with the
//!   exact byte offset, line and column (or replacement with [`Decoding::Lossy`]);
//! - **format detection** ([`detect_format`]): from the file extension, then
//!   from the content, always overridable by the caller;
//! - **article extraction** ([`article`]): plain text is kept byte for byte;
//!   a saved web page is reduced to its article (headline, byline, dateline,
//!   paragraphs, captions) with navigation, related links, share buttons,
//!   comments, scripts and footers removed, and its metadata (title,
//!   canonical URL, publication time, author, language, direction) read from
//!   `<meta>`, OpenGraph and JSON-LD `NewsArticle`; Markdown is stripped of
//!   its markup with headings and paragraphs kept as blocks;
//! - **batches** ([`records`]): JSON Lines of `{url, title, published,
//!   text|html}` as scrapers write them, each bad record reported with its
//!   line number.
//!
//! Blocks of the extracted text are separated by a blank line, so that
//! isnad's segmentation sees the page's paragraphs.
//!
//! **It does no IO**: callers hand it bytes or text, and it never prints. It
//! knows nothing about claims, fingerprints or the ledger: the [`Article`]
//! it returns is all that later stages see of the original page.
//!
//! ```
//! use isnad_ingest::{article, detect_format, Format};
//!
//! let page = r##"<html lang="ar" dir="rtl"><head>
//!   <link rel="canonical" href="https://news.example/a/1">
//!   <meta property="article:published_time" content="2026-03-01T09:00:00Z">
//! </head><body>
//!   <nav><a href="/">الرئيسية</a> <a href="/world">العالم</a></nav>
//!   <article><h1>الوزير يعلن خطة جديدة</h1>
//!     <p>قال وزير المالية إن الخطة ستبدأ الشهر المقبل.</p>
//!     <div class="share"><a href="#">شارك</a></div>
//!   </article>
//!   <script>track()</script>
//! </body></html>"##;
//!
//! assert_eq!(detect_format(Some("page.html"), page), Format::Html);
//! let a = article(page, Format::Html).unwrap();
//! assert_eq!(a.text, "الوزير يعلن خطة جديدة\n\nقال وزير المالية إن الخطة ستبدأ الشهر المقبل.");
//! assert_eq!(a.language.as_deref(), Some("ar"));
//! assert_eq!(a.url.as_deref(), Some("https://news.example/a/1"));
//! assert_eq!(a.published.as_deref(), Some("2026-03-01T09:00:00Z"));
//!
//! // Plain text is never altered: spans point into it as it was given.
//! let t = article("line one\r\nline two", Format::Text).unwrap();
//! assert_eq!(t.text, "line one\r\nline two");
//! ```
#![deny(missing_docs)]

mod blocks;
mod decode;
mod format;
mod html;
mod jsonl;
mod markdown;

pub use decode::{DecodeError, Decoding, decode};
pub use format::{Format, detect_format, is_article_file};
pub use jsonl::{Record, RecordBody, RecordError, Records, records};

/// Text direction as declared by a page (`dir` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left (Arabic, Hebrew, Persian, Urdu pages).
    Rtl,
}

impl Direction {
    /// `ltr` or `rtl`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// One article, ready for isnad: the text that spans point into, the format
/// it was read from, and what the source told about it.
///
/// Metadata fields hold what the input declared, trimmed, or `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The text isnad works on. For plain text: the decoded input unchanged.
    /// For HTML and Markdown: the extracted blocks (headline, byline,
    /// dateline, paragraphs ...) joined by a blank line (`\n\n`); list items
    /// are one line each, prefixed `- ` or `N. `.
    pub text: String,
    /// The format the text was read as.
    pub format: Format,
    /// The headline: JSON-LD `headline`, OpenGraph/Twitter title, the first
    /// `<h1>`, or `<title>`, in that order (Markdown: front matter `title` or
    /// the first heading).
    pub title: Option<String>,
    /// The canonical URL: `<link rel="canonical">`, `og:url`, or JSON-LD
    /// `url`/`mainEntityOfPage` (Markdown front matter: `url`/`canonical`).
    pub url: Option<String>,
    /// The publication time as the page gives it (JSON-LD `datePublished`,
    /// `article:published_time` and similar metas, or a `<time datetime>` in
    /// the article); not reformatted.
    pub published: Option<String>,
    /// The last modification time as the page gives it, when it does.
    pub modified: Option<String>,
    /// The author(s): JSON-LD `author` names joined by `, `, or the `author`
    /// metas, or the element marked `rel="author"`/`itemprop="author"`.
    pub author: Option<String>,
    /// The site or publisher name (`og:site_name`, JSON-LD `publisher`).
    pub site: Option<String>,
    /// The language the input declares (the `lang` attribute nearest the
    /// article, else `<html lang>`, `og:locale` or JSON-LD `inLanguage`) as
    /// a BCP 47 tag with `_` turned into `-`, e.g. `ar`, `en-GB`.
    pub language: Option<String>,
    /// The text direction the input declares (the `dir` attribute nearest
    /// the article, else `<html dir>`).
    pub direction: Option<Direction>,
}

impl Article {
    /// An article of plain text: `text` unchanged, no metadata.
    pub fn plain(text: impl Into<String>) -> Self {
        Article {
            text: text.into(),
            format: Format::Text,
            title: None,
            url: None,
            published: None,
            modified: None,
            author: None,
            site: None,
            language: None,
            direction: None,
        }
    }

    /// The primary language subtag of [`Article::language`], lowercased
    /// (`ar` for `ar-EG`), when one is declared.
    pub fn primary_language(&self) -> Option<String> {
        let tag = self.language.as_deref()?;
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        (!primary.is_empty() && primary.chars().all(|c| c.is_ascii_alphabetic())).then_some(primary)
    }
}

/// Why an input could not be turned into an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    /// The bytes are not text.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The HTML page holds no article text once navigation, links lists and
    /// other page furniture are removed.
    #[error("no article body found in the HTML page{}", title_suffix(.title))]
    NoArticleBody {
        /// The page's title, when it has one, to tell which page it was.
        title: Option<String>,
    },
    /// The input is a JSON Lines batch, which holds several articles.
    #[error("a JSON Lines batch holds several articles, not one")]
    Batch,
}

fn title_suffix(title: &Option<String>) -> String {
    match title {
        Some(t) => format!(" «{t}»"),
        None => String::new(),
    }
}

impl IngestError {
    /// What the user can do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            IngestError::Decode(e) => e.hint(),
            IngestError::NoArticleBody { .. } => {
                "save the article's own page (not a section front or an error page), or pass --input-format text to read it as it is"
            }
            IngestError::Batch => "read it as a batch (--input-format jsonl)",
        }
    }
}

/// Turns `text` into an [`Article`] read as `format`.
///
/// [`Format::Text`] keeps the text unchanged; [`Format::Html`] extracts the
/// article from a web page (an error when the page has no article body);
/// [`Format::Markdown`] strips the markup. [`Format::Jsonl`] is refused with
/// [`IngestError::Batch`]: use [`records`].
pub fn article(text: &str, format: Format) -> Result<Article, IngestError> {
    match format {
        Format::Text => Ok(Article::plain(text)),
        Format::Html => html::extract(text),
        Format::Markdown => Ok(markdown::extract(text)),
        Format::Jsonl => Err(IngestError::Batch),
    }
}
