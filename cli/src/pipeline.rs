//! The one composition of the libraries that every command reading an
//! article uses: fingerprints and passages (isnad-fingerprint), then claims
//! (isnad-extract), as one `ExtractionDocument`. `extract`, `diff`,
//! `record`, `audit` and `report` all go through here, so they agree on
//! every span and id.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use isnad_extract::{Extractor, Input};
use isnad_model::{EXTRACTION_SCHEMA_VERSION, ExtractionDocument};
use isnad_speakers::Resolver;

use crate::CliError;

/// Compiled language packs and speaker rules, ready to extract documents.
#[derive(Debug)]
pub struct Pipeline {
    extractor: Extractor,
    speakers: Resolver,
}

/// The speaker alias file of this run: `--speakers` (set by `main`) wins over
/// the `speakers` key of the configuration that a command loaded
/// (`config::load` records it), which wins over `./isnad.toml`.
static SPEAKERS_FLAG: Mutex<Option<PathBuf>> = Mutex::new(None);
static SPEAKERS_CONFIG: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Records `--speakers FILE` (called once by `main`).
pub fn set_speakers_flag(path: Option<PathBuf>) {
    if let Ok(mut slot) = SPEAKERS_FLAG.lock() {
        *slot = path;
    }
}

/// Records the `speakers` key of a loaded `isnad.toml`.
pub fn set_speakers_config(path: Option<PathBuf>) {
    if let Ok(mut slot) = SPEAKERS_CONFIG.lock() {
        *slot = path;
    }
}

/// The speaker alias file in effect, if any.
pub fn speakers_file() -> Result<Option<PathBuf>, CliError> {
    if let Some(p) = SPEAKERS_FLAG.lock().ok().and_then(|s| s.clone()) {
        return Ok(Some(p));
    }
    if let Some(p) = SPEAKERS_CONFIG.lock().ok().and_then(|s| s.clone()) {
        return Ok(Some(p));
    }
    if Path::new(crate::config::DEFAULT_CONFIG).is_file() {
        let config = crate::config::load(None)?;
        return Ok(config.speakers.map(PathBuf::from));
    }
    Ok(None)
}

/// The speaker resolver: the built-in variant rules and the alias file in
/// effect.
pub fn speaker_resolver() -> Result<Resolver, CliError> {
    let resolver = Resolver::builtin().map_err(|e| {
        CliError::library(
            e,
            Some("this is a bug in isnad's built-in variant rules; please report it"),
        )
    })?;
    let Some(path) = speakers_file()? else {
        return Ok(resolver);
    };
    let text = std::fs::read_to_string(&path).map_err(|e| CliError::io(&path, e))?;
    let location = path.display().to_string();
    let hint = Some("see `isnad schema speakers` for the alias file's format");
    let file =
        Resolver::parse_alias_file(&text, &location).map_err(|e| CliError::library(e, hint))?;
    resolver
        .with_aliases(&file, &location)
        .map_err(|e| CliError::library(e, hint))
}

impl Pipeline {
    /// The built-in packs, extended by the user's lexicon files (in order).
    pub fn new(lexicons: &[PathBuf]) -> Result<Self, CliError> {
        let mut extractor = Extractor::builtin().map_err(|e| {
            CliError::library(
                e,
                Some("this is a bug in isnad's built-in lexicons; please report it"),
            )
        })?;
        for path in lexicons {
            extractor = extractor.with_lexicon_file(path).map_err(|e| {
                CliError::library(
                    e,
                    Some("fix the lexicon file; its format is documented in the built-in packs"),
                )
            })?;
        }
        Ok(Pipeline {
            extractor,
            speakers: speaker_resolver()?,
        })
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
        let mut doc = ExtractionDocument {
            schema_version: EXTRACTION_SCHEMA_VERSION.to_string(),
            document: fingerprinted.document,
            passages: fingerprinted.passages,
            claims,
        };
        // one person, many spellings: speaker keys name entities (isnad-speakers)
        self.speakers.resolve(&mut doc, text);
        doc
    }
}
