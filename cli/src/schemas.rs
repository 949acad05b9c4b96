//! The registry of published JSON Schemas: every JSON document the CLI
//! prints or reads has one here, and `schemas/` at the workspace root holds
//! exactly what this registry generates (a test checks it).

use isnad_model::schema::{Openness, schema_for};
use serde_json::Value;

/// A schema that isnad publishes.
pub struct PublishedSchema {
    /// The name used by `isnad schema NAME` and the file `schemas/NAME.json`.
    pub name: &'static str,
    /// Generates the schema.
    pub build: fn() -> Value,
}

/// Every published schema, in a fixed order.
pub fn all() -> Vec<PublishedSchema> {
    vec![
        PublishedSchema {
            name: "extraction",
            build: || {
                schema_for::<isnad_model::ExtractionDocument>(
                    "extraction",
                    "isnad extraction document",
                    "What `isnad extract --format json` prints for one input: the document, its passages and the claims found in it. Spans are half-open Unicode code-point offsets into the input text (UTF-8, leading BOM removed, line endings unchanged).",
                    Openness::Output,
                )
            },
        },
        PublishedSchema {
            name: "diff",
            build: || {
                schema_for::<isnad_model::DiffDocument>(
                    "diff",
                    "isnad diff document",
                    "What `isnad diff OLD NEW --format json` prints: how the passages and claims of an article changed between two versions. Spans point into each version's own text.",
                    Openness::Output,
                )
            },
        },
        PublishedSchema {
            name: "diff-batch",
            build: || {
                schema_for::<isnad_model::DiffBatchDocument>(
                    "diff-batch",
                    "isnad directory diff document",
                    "What `isnad diff OLD_DIR NEW_DIR --format json` prints: the files of two directories paired by relative path, each with its diff document (schema `diff`); a file on one side only is compared with an empty version. Spans point into each version's own text: for a page or Markdown file, the extracted article text.",
                    Openness::Output,
                )
            },
        },
        PublishedSchema {
            name: "fingerprint",
            build: || {
                schema_for::<isnad_model::FingerprintDocument>(
                    "fingerprint",
                    "isnad fingerprint document",
                    "What `isnad fingerprint --format json` prints for one input: the document and each passage with its span, kind and fingerprint.",
                    Openness::Output,
                )
            },
        },
        // The ledger's entries, one schema per kind (plain objects with a
        // `kind` string field, no tagged union).
        PublishedSchema {
            name: "ledger-entry-header",
            build: || isnad_model::entry_schema("header").unwrap_or_default(),
        },
        PublishedSchema {
            name: "ledger-entry-document",
            build: || isnad_model::entry_schema("document").unwrap_or_default(),
        },
        PublishedSchema {
            name: "ledger-entry-claim",
            build: || isnad_model::entry_schema("claim").unwrap_or_default(),
        },
        PublishedSchema {
            name: "ledger-entry-review",
            build: || isnad_model::entry_schema("review").unwrap_or_default(),
        },
        PublishedSchema {
            name: "ledger-entry-correction",
            build: || isnad_model::entry_schema("correction").unwrap_or_default(),
        },
        // `isnad audit` and `isnad report` (issue 7).
        PublishedSchema {
            name: "audit",
            build: || {
                schema_for::<isnad_model::AuditDocument>(
                    "audit",
                    "isnad audit document",
                    "What `isnad audit --format json` prints: the speculative, vague and unattributed claims found in each file, with their level under the audit's policy. Lines and columns count from 1; columns and spans count Unicode code points.",
                    Openness::Output,
                )
            },
        },
        PublishedSchema {
            name: "report",
            build: || {
                schema_for::<isnad_model::ReportDocument>(
                    "report",
                    "isnad report document",
                    "What `isnad report --format json` prints: counts of claims by attribution x certainty, per speaker, per hedge and per verdict, and every claim, over files or a ledger.",
                    Openness::Output,
                )
            },
        },
        PublishedSchema {
            name: "claimreview",
            build: || {
                schema_for::<isnad_model::ClaimReviewDocument>(
                    "claimreview",
                    "isnad ClaimReview document",
                    "What `isnad report --format claimreview` prints: schema.org ClaimReview JSON-LD, one node in `@graph` per reviewed claim.",
                    Openness::Output,
                )
            },
        },
        PublishedSchema {
            name: "annotations",
            build: || {
                schema_for::<isnad_model::AnnotationCollection>(
                    "annotations",
                    "isnad Web Annotation collection",
                    "What `isnad report --format annotations` prints: a W3C Web Annotation collection (JSON-LD), one annotation per claim with a TextQuoteSelector and a TextPositionSelector; `offsetUnit` says whether positions count Unicode code points or UTF-16 code units.",
                    Openness::Output,
                )
            },
        },
        PublishedSchema {
            name: "config",
            build: || {
                schema_for::<isnad_model::Config>(
                    "config",
                    "isnad configuration (isnad.toml)",
                    "The settings of `isnad audit` and `isnad report`, read from isnad.toml in the working directory or `--config`: finding levels, lexicon additions, the ClaimReview organization and the annotation offset unit. Unknown keys are an error.",
                    Openness::Input,
                )
            },
        },
        // Speaker identity (issue 8).
        PublishedSchema {
            name: "speakers",
            build: || {
                schema_for::<isnad_model::AliasFile>(
                    "speakers",
                    "isnad speaker alias file",
                    "A speaker alias file (TOML), given with `--speakers FILE` or `speakers = \"FILE\"` in isnad.toml: each `[[entity]]` is one person or body with its canonical name, an optional Wikidata item and its aliases in any language. It always wins over automatic grouping. Unknown keys are an error.",
                    Openness::Input,
                )
            },
        },
        PublishedSchema {
            name: "speakers-report",
            build: || {
                schema_for::<isnad_model::SpeakersReport>(
                    "speakers-report",
                    "isnad speakers report",
                    "What `isnad speakers --format json` prints: every speaker entity over files or a ledger, with the names it is written under, its claims by attribution and certainty, and merges suggested but not made.",
                    Openness::Output,
                )
            },
        },
    ]
}

/// The schema called `name`, if isnad publishes one.
pub fn find(name: &str) -> Option<PublishedSchema> {
    all().into_iter().find(|s| s.name == name)
}

/// The committed text of a schema: pretty JSON with a final newline.
pub fn render(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn schemas_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schemas")
    }

    /// `schemas/` must equal what the code generates. To update the files:
    /// `ISNAD_UPDATE_SCHEMAS=1 cargo test -p isnad-cli schemas`.
    #[test]
    fn committed_schemas_match_the_code() {
        let update = std::env::var_os("ISNAD_UPDATE_SCHEMAS").is_some();
        let dir = schemas_dir();
        let mut stale = Vec::new();
        for schema in all() {
            let path = dir.join(format!("{}.json", schema.name));
            let generated = render(&(schema.build)());
            if update {
                std::fs::write(&path, &generated).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(generated.as_str()) {
                stale.push(path.display().to_string());
            }
        }
        let mut names: Vec<String> = all().iter().map(|s| format!("{}.json", s.name)).collect();
        names.sort();
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".json"))
            .collect();
        on_disk.sort();
        assert!(
            stale.is_empty(),
            "schemas differ from the code: {stale:?}; update them with `ISNAD_UPDATE_SCHEMAS=1 cargo test -p isnad-cli schemas`"
        );
        assert_eq!(
            on_disk, names,
            "schemas/ holds a file the code does not generate, or misses one"
        );
    }

    #[test]
    fn every_schema_is_documented_and_compiles() {
        for schema in all() {
            let value = (schema.build)();
            let missing = isnad_model::schema::undocumented_properties(&value);
            assert!(
                missing.is_empty(),
                "{}: properties without description: {missing:?}",
                schema.name
            );
            assert!(
                jsonschema::draft202012::meta::is_valid(&value),
                "{} is not a valid 2020-12 schema",
                schema.name
            );
            jsonschema::draft202012::new(&value).unwrap();
        }
    }
}
