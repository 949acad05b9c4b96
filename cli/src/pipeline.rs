//! The one composition of the libraries that every command reading an
//! article uses: fingerprints and passages (isnad-fingerprint), then claims
//! (isnad-extract), as one `ExtractionDocument`. `extract`, `diff`,
//! `record`, `audit` and `report` all go through here, so they agree on
//! every span and id.

use std::path::PathBuf;

use isnad_extract::{Extractor, Input};
use isnad_model::{EXTRACTION_SCHEMA_VERSION, ExtractionDocument};

use crate::CliError;

/// Compiled language packs, ready to extract documents.
#[derive(Debug)]
pub struct Pipeline {
    extractor: Extractor,
}

impl Pipeline {
    /// The built-in packs, extended by the user's lexicon files (in order).
    pub fn new(lexicons: &[PathBuf]) -> Result<Self, CliError> {
        let mut extractor = Extractor::builtin()
            .map_err(|e| CliError::library(e, Some("this is a bug in isnad's built-in lexicons; please report it")))?;
        for path in lexicons {
            extractor = extractor
                .with_lexicon_file(path)
                .map_err(|e| CliError::library(e, Some("fix the lexicon file; its format is documented in the built-in packs")))?;
        }
        Ok(Pipeline { extractor })
    }

    /// The extraction document of `text` read from `source`.
    pub fn extract(&self, source: &str, text: &str, explain: bool) -> ExtractionDocument {
        let fingerprinted = isnad_fingerprint::fingerprint_document(source, text);
        let language = Some(fingerprinted.document.language.as_str()).filter(|l| *l != "und");
        let claims = self.extractor.extract(&Input {
            text,
            fingerprint: &fingerprinted.document.fingerprint,
            passages: &fingerprinted.passages,
            language,
            explain,
        });
        ExtractionDocument {
            schema_version: EXTRACTION_SCHEMA_VERSION.to_string(),
            document: fingerprinted.document,
            passages: fingerprinted.passages,
            claims,
        }
    }
}
