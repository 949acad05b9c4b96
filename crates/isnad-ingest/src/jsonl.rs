//! JSON Lines batches: one article record per line, as scrapers write them.
//!
//! Each non-blank line is a JSON object with the article in exactly one of
//! `text`, `html` or `markdown`, and optionally `url`, `title`,
//! `published`, `author` and `language` (or `lang`). Other fields are
//! ignored. A record's own fields win over what its HTML page declares.

use serde_json::{Map, Value};

use crate::{Article, Format, IngestError};

/// The article of one record, as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordBody {
    /// `text`: plain text, used as it is.
    Text(String),
    /// `html`: a web page, from which the article is extracted.
    Html(String),
    /// `markdown`: Markdown, stripped of its markup.
    Markdown(String),
}

/// One record of a JSON Lines batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based line number of the record in the batch.
    pub line: usize,
    /// `url`, when given.
    pub url: Option<String>,
    /// `title`, when given.
    pub title: Option<String>,
    /// `published` (or `date`), when given; numbers are kept as written.
    pub published: Option<String>,
    /// `author`, when given (a list of names is joined by `, `).
    pub author: Option<String>,
    /// `language` or `lang`, when given.
    pub language: Option<String>,
    /// The article.
    pub body: RecordBody,
}

/// A line of a batch that is not a usable record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct RecordError {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column (in bytes, as serde_json counts) of a JSON syntax
    /// error, when that is what went wrong.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl RecordError {
    /// What the user can do about it.
    pub fn hint(&self) -> &'static str {
        "each line must be a JSON object with `text`, `html` or `markdown` (and optionally url, title, published, author, language)"
    }
}

/// Iterator over the records of a JSON Lines batch; see [`records`].
#[derive(Debug, Clone)]
pub struct Records<'a> {
    rest: &'a str,
    line: usize,
}

/// Reads the records of a JSON Lines batch, in order. Blank lines are
/// skipped; every other line yields a [`Record`] or a [`RecordError`] that
/// names its line, so that a caller can go on after a bad record.
///
/// ```
/// use isnad_ingest::{records, RecordBody};
///
/// let batch = "{\"url\": \"https://a.example/1\", \"text\": \"قال الوزير\"}\n\n{oops\n";
/// let all: Vec<_> = records(batch).collect();
/// let first = all[0].as_ref().unwrap();
/// assert_eq!(first.url.as_deref(), Some("https://a.example/1"));
/// assert_eq!(first.body, RecordBody::Text("قال الوزير".into()));
/// assert_eq!(all[1].as_ref().unwrap_err().line, 3);
/// ```
pub fn records(text: &str) -> Records<'_> {
    Records {
        rest: text.strip_prefix('\u{feff}').unwrap_or(text),
        line: 0,
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Record, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            let (line, rest) = match self.rest.find('\n') {
                Some(i) => (&self.rest[..i], &self.rest[i + 1..]),
                None => (self.rest, ""),
            };
            self.rest = rest;
            self.line += 1;
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                continue;
            }
            return Some(parse_record(line, self.line));
        }
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn without_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

fn parse_record(line: &str, number: usize) -> Result<Record, RecordError> {
    let err = |message: String| RecordError {
        line: number,
        column: None,
        message,
    };
    let value: Value = serde_json::from_str(line).map_err(|e| RecordError {
        line: number,
        column: Some(e.column()),
        message: format!("not valid JSON: {}", without_position(&e.to_string())),
    })?;
    let Value::Object(map) = value else {
        return Err(err(format!(
            "a record must be a JSON object, not {}",
            kind_of(&value)
        )));
    };
    let field = |name: &str| -> Result<Option<String>, RecordError> {
        match map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
            Some(Value::Number(n)) if name == "published" || name == "date" => {
                Ok(Some(n.to_string()))
            }
            Some(Value::Array(items)) if name == "author" => {
                let names: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
                match names {
                    Some(names) => {
                        let joined = names
                            .iter()
                            .map(|n| n.trim())
                            .filter(|n| !n.is_empty())
                            .collect::<Vec<_>>()
                            .join(", ");
                        Ok(Some(joined).filter(|s| !s.is_empty()))
                    }
                    None => Err(err("`author` must be a string or a list of strings".into())),
                }
            }
            Some(other) => Err(err(format!(
                "`{name}` must be a string, not {}",
                kind_of(other)
            ))),
        }
    };
    let body = body(&map, number)?;
    Ok(Record {
        line: number,
        url: field("url")?,
        title: field("title")?,
        published: match field("published")? {
            Some(p) => Some(p),
            None => field("date")?,
        },
        author: field("author")?,
        language: match field("language")? {
            Some(l) => Some(l),
            None => field("lang")?,
        },
        body,
    })
}

fn body(map: &Map<String, Value>, number: usize) -> Result<RecordBody, RecordError> {
    let err = |message: String| RecordError {
        line: number,
        column: None,
        message,
    };
    let present: Vec<&str> = ["text", "html", "markdown"]
        .into_iter()
        .filter(|k| map.get(*k).is_some_and(|v| !v.is_null()))
        .collect();
    let name = match present.as_slice() {
        [one] => *one,
        [] => return Err(err("the record has no `text`, `html` or `markdown`".into())),
        many => {
            return Err(err(format!(
                "the record has {}; give exactly one",
                many.iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            )));
        }
    };
    let Some(value) = map.get(name) else {
        return Err(err(format!("the record has no `{name}`")));
    };
    let Value::String(content) = value else {
        return Err(err(format!(
            "`{name}` must be a string, not {}",
            kind_of(value)
        )));
    };
    if content.trim().is_empty() {
        return Err(err(format!("`{name}` is empty")));
    }
    let content = content.clone();
    Ok(match name {
        "html" => RecordBody::Html(content),
        "markdown" => RecordBody::Markdown(content),
        _ => RecordBody::Text(content),
    })
}

impl Record {
    /// The format of the record's body.
    pub fn format(&self) -> Format {
        match self.body {
            RecordBody::Text(_) => Format::Text,
            RecordBody::Html(_) => Format::Html,
            RecordBody::Markdown(_) => Format::Markdown,
        }
    }

    /// Turns the record into an article: the body is extracted as its format
    /// says, and the record's own `url`, `title`, `published`, `author` and
    /// `language` replace what the page declares.
    pub fn into_article(self) -> Result<Article, IngestError> {
        let mut article = match &self.body {
            RecordBody::Text(t) => Article::plain(t.as_str()),
            RecordBody::Html(h) => crate::html::extract(h)?,
            RecordBody::Markdown(m) => crate::markdown::extract(m),
        };
        if self.url.is_some() {
            article.url = self.url;
        }
        if self.title.is_some() {
            article.title = self.title;
        }
        if self.published.is_some() {
            article.published = self.published;
        }
        if self.author.is_some() {
            article.author = self.author;
        }
        if self.language.is_some() {
            article.language = self.language;
        }
        Ok(article)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(batch: &str) -> Vec<(usize, Option<usize>, String)> {
        records(batch)
            .filter_map(Result::err)
            .map(|e| (e.line, e.column, e.message))
            .collect()
    }

    #[test]
    fn good_records() {
        let batch = "{\"url\":\"u1\",\"title\":\"T\",\"published\":\"2026-01-01\",\"author\":[\"A\",\"B\"],\"text\":\"hello\"}\r\n{\"html\":\"<p>The minister said the plan works well.</p>\",\"published\":1700000000,\"lang\":\"en\"}\n";
        let all: Vec<Record> = records(batch).map(Result::unwrap).collect();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].author.as_deref(), Some("A, B"));
        assert_eq!(all[1].line, 2);
        assert_eq!(all[1].published.as_deref(), Some("1700000000"));
        let a = all[1].clone().into_article().unwrap();
        assert_eq!(a.text, "The minister said the plan works well.");
        assert_eq!(a.language.as_deref(), Some("en"));
        assert_eq!(a.format, Format::Html);
    }

    #[test]
    fn bad_records_name_their_line() {
        let batch = "\n{\"text\": \"ok\"}\n{\"text\": 3}\n[1]\n{\"title\": \"x\"}\n{\"text\":\"a\",\"html\":\"<p>b</p>\"}\n{\"text\": \"a\",\n{\"text\": \" \"}\n{\"text\":\"x\",\"title\":{}}\n";
        let errs = errors(batch);
        assert_eq!(
            errs,
            vec![
                (3, None, "`text` must be a string, not a number".to_string()),
                (
                    4,
                    None,
                    "a record must be a JSON object, not an array".to_string()
                ),
                (
                    5,
                    None,
                    "the record has no `text`, `html` or `markdown`".to_string()
                ),
                (
                    6,
                    None,
                    "the record has `text` and `html`; give exactly one".to_string()
                ),
                (
                    7,
                    Some(13),
                    "not valid JSON: EOF while parsing a value".to_string()
                ),
                (8, None, "`text` is empty".to_string()),
                (
                    9,
                    None,
                    "`title` must be a string, not an object".to_string()
                ),
            ]
        );
    }
}
