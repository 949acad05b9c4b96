use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Claim, Span};

/// The version of the extraction document format (semantic versioning; the
/// major version is also in the schema's `$id`).
pub const EXTRACTION_SCHEMA_VERSION: &str = "1.0.0";

/// What `isnad extract --format json` prints for one input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ExtractionDocument {
    /// Version of this document format, e.g. `1.0.0`.
    pub schema_version: String,
    /// The input document.
    pub document: DocumentInfo,
    /// The passages of the document (headings, paragraphs, bylines ...), in
    /// text order.
    pub passages: Vec<Passage>,
    /// The claims found, in text order of their spans.
    pub claims: Vec<Claim>,
}

/// Facts about one input document.
// It derives `Default` so that code building one can end with
// `..Default::default()` and keep compiling as optional fields are added.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentInfo {
    /// The path the text was read from, or `-` for standard input.
    pub source: String,
    /// The document's main language as a BCP 47 primary tag (`ar`, `en` ...),
    /// or `und` when it cannot be told.
    pub language: String,
    /// `sha256:` and 64 hex digits: the fingerprint of the whole normalized
    /// text under the scheme named in `normalization`.
    pub fingerprint: String,
    /// The normalization scheme the fingerprints were computed under, e.g.
    /// `isnad-norm-1`.
    pub normalization: String,
    /// Length of the text in code points; every span lies within it.
    pub length: usize,
    /// The text that the spans point into. Present when the input was not
    /// plain text (the article text extracted from an HTML page, Markdown
    /// stripped of its markup, a JSON Lines record), since the spans then do
    /// not point into the file as it is; and with `--with-text`. The ledger
    /// stores this text, and `isnad show` and the HTML report display it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// How the input was read when it was not a plain text file: `html`
    /// (the article extracted from a web page), `markdown` (markup
    /// stripped), or `jsonl` (the `text` of a JSON Lines record); absent for
    /// a plain text file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_format: Option<String>,
    /// The document's title as its input declares it: a page's JSON-LD
    /// `headline`, OpenGraph title, `<h1>` or `<title>`; a Markdown front
    /// matter `title`; a JSON Lines record's `title`. Absent when not declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The document's URL as its input declares it: a page's
    /// `<link rel="canonical">`, `og:url` or JSON-LD `url`; a record's `url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The publication time as the input gives it (JSON-LD `datePublished`,
    /// `article:published_time`, a `<time datetime>`, a record's
    /// `published`), not reformatted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The author(s) as the input declares them (JSON-LD `author`, the
    /// `author` meta, a record's `author`), several joined by `, `.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The language the input declares (the `lang` attribute nearest the
    /// article, `og:locale`, a front matter or record `language`) as a BCP 47
    /// tag, e.g. `ar` or `en-GB`; `language` is what isnad detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared_language: Option<String>,
}

/// One passage: a paragraph, heading, byline or other block of text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Passage {
    /// Identifier within the document: `p1`, `p2` ... in text order.
    pub id: String,
    /// Where the passage stands in the text (without surrounding blank lines).
    pub span: Span,
    /// `sha256:` and 64 hex digits over the normalized passage text.
    pub fingerprint: String,
    /// What kind of block this is.
    pub kind: PassageKind,
    /// The passage's language (`ar`, `en` ..., `und`); mixed texts are common.
    pub language: String,
}

/// Kinds of passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PassageKind {
    /// A headline or subheading: a short line without final punctuation.
    Heading,
    /// A paragraph of running text.
    Paragraph,
    /// A byline, credit or masthead line: a short name line.
    Byline,
    /// A dateline or a line that holds only a date or time.
    Dateline,
    /// An item of a list (bulleted or numbered line).
    Item,
}

impl PassageKind {
    /// The kind's name in JSON (`"heading"` ...), for writers that do not
    /// go through serde.
    pub fn as_str(self) -> &'static str {
        match self {
            PassageKind::Heading => "heading",
            PassageKind::Paragraph => "paragraph",
            PassageKind::Byline => "byline",
            PassageKind::Dateline => "dateline",
            PassageKind::Item => "item",
        }
    }
}

/// What `isnad fingerprint --format json` prints for one input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FingerprintDocument {
    /// Version of this document format, e.g. `1.0.0`.
    pub schema_version: String,
    /// The input document.
    pub document: DocumentInfo,
    /// Each passage with its span, kind and fingerprint.
    pub passages: Vec<Passage>,
}
