//! Turning the contract's types into the published JSON Schemas.
//!
//! Every schema isnad publishes is JSON Schema draft 2020-12, self-contained
//! (`$defs`, no remote `$ref`), with a stable `$id` that names the major
//! version (`urn:isnad:schema:v1:NAME`), a `title`, and a `description` on
//! every property. Integer `format`s that schemars emits (`uint`, `uint32`
//! ...) are not standard and make Ajv's strict mode throw, so they are
//! replaced by `minimum: 0`.

use schemars::{JsonSchema, generate::SchemaSettings};
use serde_json::{Map, Value};

/// The major version of every published schema; part of each `$id`.
pub const SCHEMA_MAJOR: u32 = 1;

/// Whether a document is written by isnad (open to added fields) or read
/// from people (closed, so that a typo is an error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Openness {
    /// Documents isnad prints: `additionalProperties` stays open so that a
    /// field added within v1 does not break tools that validate against v1.
    Output,
    /// Documents isnad reads from people: `additionalProperties: false`.
    Input,
}

/// The `$id` of schema `name`.
pub fn schema_id(name: &str) -> String {
    format!("urn:isnad:schema:v{SCHEMA_MAJOR}:{name}")
}

/// The published schema of `T` under `name`, with `title` and `description`.
pub fn schema_for<T: JsonSchema>(
    name: &str,
    title: &str,
    description: &str,
    openness: Openness,
) -> Value {
    let settings = SchemaSettings::draft2020_12();
    let generator = settings.into_generator();
    let schema = generator.into_root_schema_for::<T>();
    let mut value = schema.to_value();
    tidy(&mut value, openness);
    if let Value::Object(map) = &mut value {
        let mut out = Map::new();
        out.insert(
            "$schema".into(),
            Value::from("https://json-schema.org/draft/2020-12/schema"),
        );
        out.insert("$id".into(), Value::from(schema_id(name)));
        out.insert("title".into(), Value::from(title));
        out.insert("description".into(), Value::from(description));
        for (k, v) in std::mem::take(map) {
            if !out.contains_key(&k) {
                out.insert(k, v);
            }
        }
        *map = out;
    }
    value
}

/// Numeric `format`s that schemars emits but JSON Schema does not define.
const NON_STANDARD_FORMATS: &[&str] = &[
    "uint", "uint8", "uint16", "uint32", "uint64", "int", "int8", "int16", "int32", "int64",
    "double", "float",
];

/// Removes non-standard integer formats, and closes objects of input
/// documents.
fn tidy(value: &mut Value, openness: Openness) {
    match value {
        Value::Object(map) => {
            let non_standard = map
                .get("format")
                .and_then(Value::as_str)
                .filter(|f| NON_STANDARD_FORMATS.contains(f))
                .map(|f| f.starts_with("uint"));
            if let Some(unsigned) = non_standard {
                map.remove("format");
                if unsigned && !map.contains_key("minimum") {
                    map.insert("minimum".into(), Value::from(0));
                }
            }
            if openness == Openness::Input
                && map.get("type").and_then(Value::as_str) == Some("object")
                && map.contains_key("properties")
            {
                map.entry("additionalProperties")
                    .or_insert(Value::Bool(false));
            }
            for v in map.values_mut() {
                tidy(v, openness);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| tidy(v, openness)),
        _ => {}
    }
}

/// Paths (JSON pointers) of properties that lack a `description`, directly
/// or on the definition they refer to. The published schemas must have none.
pub fn undocumented_properties(schema: &Value) -> Vec<String> {
    let defs = schema.get("$defs").and_then(Value::as_object);
    let mut missing = Vec::new();
    walk_properties(schema, "", defs, &mut missing);
    missing
}

fn walk_properties(
    value: &Value,
    path: &str,
    defs: Option<&Map<String, Value>>,
    missing: &mut Vec<String>,
) {
    let Value::Object(map) = value else {
        if let Value::Array(items) = value {
            for (i, v) in items.iter().enumerate() {
                walk_properties(v, &format!("{path}/{i}"), defs, missing);
            }
        }
        return;
    };
    if let Some(Value::Object(props)) = map.get("properties") {
        for (name, prop) in props {
            if !has_description(prop, defs) {
                missing.push(format!("{path}/properties/{name}"));
            }
        }
    }
    for (k, v) in map {
        walk_properties(v, &format!("{path}/{k}"), defs, missing);
    }
}

fn has_description(prop: &Value, defs: Option<&Map<String, Value>>) -> bool {
    if prop.get("description").is_some() {
        return true;
    }
    let target = prop
        .get("$ref")
        .or_else(|| {
            prop.get("anyOf")
                .and_then(|a| a.get(0))
                .and_then(|v| v.get("$ref"))
        })
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"));
    match (target, defs) {
        (Some(name), Some(defs)) => defs
            .get(name)
            .is_some_and(|d| d.get("description").is_some()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ExtractionDocument;

    #[test]
    fn extraction_schema_is_2020_12_and_documented() {
        let schema = schema_for::<ExtractionDocument>("extraction", "t", "d", Openness::Output);
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(schema["$id"], "urn:isnad:schema:v1:extraction");
        assert_eq!(undocumented_properties(&schema), Vec::<String>::new());
        let text = schema.to_string();
        assert!(
            !text.contains("\"uint"),
            "non-standard integer format left in {text}"
        );
        assert!(!text.contains("additionalProperties\":false"));
    }

    #[test]
    fn input_documents_are_closed() {
        #[derive(JsonSchema)]
        #[allow(dead_code)]
        /// A test input.
        struct Config {
            /// A name.
            name: String,
        }
        let schema = schema_for::<Config>("config", "t", "d", Openness::Input);
        assert_eq!(schema["additionalProperties"], Value::Bool(false));
    }

    #[test]
    fn a_missing_description_is_reported() {
        let schema =
            serde_json::json!({"properties": {"a": {"type": "string"}, "b": {"description": "x"}}});
        assert_eq!(
            undocumented_properties(&schema),
            vec!["/properties/a".to_string()]
        );
    }
}
