//! isnad's text layer: normalization for matching, segmentation and
//! script-based language identification.
//!
//! - [`normalize`] turns a text into its matching form under the versioned
//!   scheme [`NORMALIZATION_SCHEME`] and keeps a map from every normalized
//!   byte back to the original code-point offsets, so a match on the
//!   matching form is reported as a [`isnad_model::Span`] of the original.
//!   The scheme is documented in one place: the [`normalize`](mod@normalize)
//!   module.
//! - [`StreamNormalizer`] gives the same matching form chunk by chunk, in
//!   flat memory, for hashing large inputs.
//! - [`segment`] splits the original text into blocks (paragraphs,
//!   headings, bylines, datelines, list items) and sentences, without
//!   splitting on abbreviations, initials, decimals, times or inside
//!   quotations; the rules are in the [`segment`](mod@segment) module.
//! - [`detect_language`] tells `ar`, `en` and `und` apart by script.
//!
//! **It does no IO and knows no language beyond scripts, punctuation and
//! the normalization rules**: no lexicons, no claims, no files.
//!
//! ```
//! use isnad_model::PassageKind;
//! use isnad_text::{detect_language, normalize, segment};
//!
//! let text = "الوزير: الخطة ناجحة\n\nقالَ د. سامر إن «الخطة» ناجحة. وأضاف أن العمل مستمر.";
//! // The matching form drops diacritics and folds quote marks; a match on it
//! // maps back to a span of the original text.
//! let n = normalize(text);
//! let at = n.as_str().find("قال د").unwrap();
//! assert_eq!(n.original_span(at..at + "قال".len()).slice(text), Some("قالَ"));
//!
//! let blocks = segment(text);
//! assert_eq!(blocks[0].kind, PassageKind::Heading);
//! // «د.» is an abbreviation, not the end of a sentence.
//! assert_eq!(blocks[1].sentences.len(), 2);
//! assert_eq!(detect_language(text), "ar");
//! ```
#![deny(missing_docs)]

mod key;
pub mod lang;
pub mod normalize;
mod plain;
pub mod segment;

pub use key::{ShortKey, short_key};
pub use lang::{Script, ScriptCounts, detect_language};
pub use normalize::{
    MAX_CARRY, NORMALIZATION_SCHEME, Normalized, NormalizedSink, StreamNormalizer, char_at,
    char_boundary, count_chars, normalize, normalize_str,
};
pub use segment::{
    Block, Layout, is_blank_char, last_block_boundary, layout, layout_into, segment, segment_part,
};
