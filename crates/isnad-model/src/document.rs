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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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
    /// plain text (the text extracted from HTML, for example) or when asked
    /// for with `--with-text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
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
