//! The one composition of the libraries that every command reading an
//! article uses: fingerprints and passages (isnad-fingerprint), then claims
//! (isnad-extract), as one `ExtractionDocument`. `extract`, `diff`,
//! `record`, `audit` and `report` all go through here, so they agree on
//! every span and id.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use isnad_extract::{Extractor, Input};
use isnad_model::{EXTRACTION_SCHEMA_VERSION, ExtractionDocument};
use isnad_speakers::{Resolver, SpeakerKeys};

use crate::CliError;

pub mod spool;

use spool::Spool;

/// A document extracted for `isnad extract` to write out: its facts and
/// passages (`claims` empty), its claims in text order, waiting in a
/// [`Spool`] for their speaker keys, and the keys.
pub struct Streamed<'p> {
    /// The document without its claims.
    pub doc: ExtractionDocument,
    /// The claims, keys not yet set.
    pub claims: Spool,
    /// The speaker keys: [`SpeakerKeys::apply`] to each claim.
    pub keys: SpeakerKeys<'p>,
}

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

    /// [`Pipeline::extract`] for a caller that writes the claims out one by
    /// one: the extractor hands over each chunk's claims, the speaker pass
    /// links them as far as the text is settled, and linked claims go to a
    /// spool (memory, then disk), so no step holds the document's claims.
    /// Applying the keys to the spooled claims in order gives
    /// [`Pipeline::extract`]'s claims (a test holds them equal).
    pub fn extract_streamed(
        &self,
        source: &str,
        text: &str,
        explain: bool,
        in_memory: usize,
    ) -> std::io::Result<Streamed<'_>> {
        let fingerprinted = isnad_fingerprint::fingerprint_document(source, text);
        let language = Some(fingerprinted.document.language.as_str()).filter(|l| *l != "und");
        let mut pass = self.speakers.document_pass(text);
        let mut claims = Spool::new(in_memory);
        let mut failed = None;
        self.extractor.extract_batches(
            &Input {
                text,
                fingerprint: &fingerprinted.document.fingerprint,
                passages: &fingerprinted.passages,
                language,
                explain,
            },
            |batch, settled| {
                for claim in batch {
                    pass.push(claim);
                }
                pass.settle(settled);
                while let Some(record) = pass.pop() {
                    if let Err(e) = claims.push(record) {
                        failed.get_or_insert(e);
                    }
                }
            },
        );
        let (rest, keys) = pass.finish();
        for record in rest {
            claims.push(record)?;
        }
        if let Some(e) = failed {
            return Err(e);
        }
        Ok(Streamed {
            doc: ExtractionDocument {
                schema_version: EXTRACTION_SCHEMA_VERSION.to_string(),
                document: fingerprinted.document,
                passages: fingerprinted.passages,
                claims: Vec::new(),
            },
            claims,
            keys,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use proptest::prelude::*;

    /// The example articles of the repository (never corpus articles).
    fn examples() -> &'static [String] {
        static TEXTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        TEXTS.get_or_init(|| {
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/examples");
            let mut texts = Vec::new();
            for lang in ["ar", "en"] {
                let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(lang))
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                    .collect();
                paths.sort();
                for p in paths {
                    texts.push(std::fs::read_to_string(p).unwrap());
                }
            }
            assert!(texts.len() >= 24, "{} examples", texts.len());
            texts
        })
    }

    fn pipeline() -> &'static Pipeline {
        static P: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
        P.get_or_init(|| Pipeline::new(&[]).unwrap())
    }

    /// The claims of a streamed document with their keys applied.
    fn streamed_claims(s: Streamed<'_>) -> Vec<isnad_model::Claim> {
        s.claims
            .drain()
            .unwrap()
            .map(|r| {
                let (mut c, k) = r.unwrap();
                s.keys.apply(&mut c, &k);
                c
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]

        /// Streaming (claims handed over chunk by chunk, speakers linked as
        /// the text settles, claims spooled in memory or on disk, keys
        /// applied at the end) gives the whole-document extraction, on
        /// texts of many chunks made of the examples in any order, as
        /// paragraphs or run together on one line.
        #[test]
        fn streamed_equals_whole_document(
            picks in proptest::collection::vec(any::<proptest::sample::Index>(), 1..120),
            one_line in any::<bool>(),
            explain in any::<bool>(),
            in_memory in prop_oneof![Just(0usize), Just(7), Just(spool::IN_MEMORY)],
        ) {
            let texts = examples();
            let sep = if one_line { " " } else { "\n\n" };
            let text = picks
                .iter()
                .map(|i| {
                    let t = i.get(texts).trim();
                    if one_line { t.split_whitespace().collect::<Vec<_>>().join(" ") } else { t.to_string() }
                })
                .collect::<Vec<_>>()
                .join(sep);
            let whole = pipeline().extract("x.txt", &text, explain);
            let s = pipeline().extract_streamed("x.txt", &text, explain, in_memory).unwrap();
            prop_assert_eq!(&s.doc.document, &whole.document);
            prop_assert_eq!(&s.doc.passages, &whole.passages);
            prop_assert_eq!(s.claims.len(), whole.claims.len());
            let claims = streamed_claims(s);
            prop_assert!(claims == whole.claims, "claims differ ({} bytes)", text.len());
        }
    }
}
