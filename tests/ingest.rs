//! End-to-end tests of reading articles as people have them: saved web
//! pages, Markdown, JSON Lines batches, directories and globs, with
//! `--keep-going` and the exit codes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;

use support::{assert_valid, isnad, root, write};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures/ingest").join(name)).unwrap()
}

fn fixture_path(name: &str) -> String {
    root()
        .join("tests/fixtures/ingest")
        .join(name)
        .display()
        .to_string()
}

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).unwrap()
}

fn jsonl(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every span of a document lies within `document.text` and the content
/// span gives the content text.
fn assert_spans_point_into_text(doc: &serde_json::Value) {
    let text: Vec<char> = doc["document"]["text"].as_str().unwrap().chars().collect();
    assert_eq!(
        doc["document"]["length"].as_u64().unwrap() as usize,
        text.len()
    );
    for claim in doc["claims"].as_array().unwrap() {
        let span = &claim["content"]["span"];
        let (s, e) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        assert!(s <= e && e <= text.len());
        let slice: String = text[s..e].iter().collect();
        assert_eq!(slice, claim["content"]["text"].as_str().unwrap());
    }
}

#[test]
fn html_page_gives_the_article_text_and_metadata() {
    let out = isnad()
        .args(["extract", "--format", "json", &fixture_path("ar-news.html")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = json(&out.stdout);
    assert_valid("extraction", &doc);
    let d = &doc["document"];
    assert_eq!(d["text"], fixture("ar-news.expected.txt"));
    assert_eq!(d["input_format"], "html");
    assert_eq!(
        d["title"],
        "وزير المياه: محطة التحلية الجديدة تعمل قبل الصيف"
    );
    assert_eq!(
        d["url"],
        "https://alwadi.example/economy/2026/03/14/desalination-plant"
    );
    assert_eq!(d["published"], "2026-03-14T08:30:00+03:00");
    assert_eq!(d["author"], "سلمى الحداد");
    assert_eq!(d["declared_language"], "ar");
    assert_eq!(d["language"], "ar");
    assert!(!doc["claims"].as_array().unwrap().is_empty());
    assert_spans_point_into_text(&doc);
    let text = d["text"].as_str().unwrap();
    for furniture in [
        "الرئيسية",
        "فيسبوك",
        "أخبار ذات صلة",
        "التعليقات",
        "dataLayer",
        "font-family",
        "جميع الحقوق",
    ] {
        assert!(
            !text.contains(furniture),
            "{furniture} leaked into the article"
        );
    }
}

#[test]
fn same_claims_from_the_page_as_from_its_text() {
    let page = isnad()
        .args(["extract", "--format", "json", &fixture_path("en-news.html")])
        .output()
        .unwrap();
    let text = isnad()
        .args([
            "extract",
            "--format",
            "json",
            &fixture_path("en-news.expected.txt"),
        ])
        .output()
        .unwrap();
    let (page, text) = (json(&page.stdout), json(&text.stdout));
    assert_eq!(page["claims"], text["claims"]);
    assert_eq!(
        page["document"]["fingerprint"],
        text["document"]["fingerprint"]
    );
    assert!(
        text["document"].get("text").is_none(),
        "plain text carries no document.text"
    );
    assert!(text["document"].get("input_format").is_none());
}

#[test]
fn plain_text_output_is_unchanged_and_with_text_adds_it() {
    let out = isnad()
        .args([
            "extract",
            "--format",
            "json",
            "--with-text",
            &fixture_path("legacy-cms.expected.txt"),
        ])
        .output()
        .unwrap();
    let doc = json(&out.stdout);
    assert_eq!(doc["document"]["text"], fixture("legacy-cms.expected.txt"));
    assert!(doc["document"].get("title").is_none());
}

#[test]
fn input_format_overrides_detection() {
    // An HTML page read as text keeps its markup: spans point into the file.
    let out = isnad()
        .args([
            "extract",
            "--format",
            "json",
            "--input-format",
            "text",
            &fixture_path("legacy-cms.htm"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc = json(&out.stdout);
    assert!(doc["document"].get("text").is_none());
    assert_eq!(
        doc["document"]["length"].as_u64().unwrap() as usize,
        fixture("legacy-cms.htm").chars().count()
    );
    // Markdown from standard input, told by --input-format.
    let out = isnad()
        .args(["extract", "--format", "json", "--input-format", "md", "-"])
        .write_stdin(fixture("ar-opinion.md"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = json(&out.stdout);
    assert_eq!(doc["document"]["text"], fixture("ar-opinion.expected.txt"));
    assert_eq!(doc["document"]["input_format"], "markdown");
    assert_eq!(doc["document"]["source"], "-");
}

#[test]
fn html_on_standard_input_is_detected() {
    let out = isnad()
        .args(["extract", "--format", "json", "-"])
        .write_stdin(fixture("en-news.html"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        json(&out.stdout)["document"]["text"],
        fixture("en-news.expected.txt")
    );
}

#[test]
fn page_without_article_body_is_a_clear_error() {
    let out = isnad()
        .args(["extract", &fixture_path("section-front.html")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("section-front.html: no article body found in the HTML page «Business»"),
        "{err}"
    );
    assert!(err.contains("hint:"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn jsonl_batch_reports_the_broken_line() {
    let batch = fixture_path("batch.jsonl");
    // Without --keep-going: the first bad record stops the run.
    let out = isnad()
        .args(["extract", "--format", "jsonl", &batch])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("batch.jsonl:3:"), "{err}");
    assert!(err.contains("not valid JSON"), "{err}");
    assert!(out.stdout.is_empty());

    // With it: the three good records, in order, then exit 2.
    let out = isnad()
        .args(["extract", "--format", "jsonl", "--keep-going", &batch])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let docs = jsonl(&out.stdout);
    let sources: Vec<&str> = docs
        .iter()
        .map(|d| d["document"]["source"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources,
        [
            format!("{batch}:1"),
            format!("{batch}:2"),
            format!("{batch}:4")
        ]
    );
    for doc in &docs {
        assert_valid("extraction", doc);
        assert_spans_point_into_text(doc);
    }
    assert_eq!(docs[0]["document"]["url"], "https://alwadi.example/a/1");
    assert_eq!(docs[1]["document"]["title"], "Ferry timetable");
    assert_eq!(docs[1]["document"]["input_format"], "html");
    let err = stderr(&out);
    assert!(err.contains("batch.jsonl:3:"), "{err}");
    assert!(err.contains("3 documents"), "{err}");
    assert!(err.contains("1 of 4 inputs failed"), "{err}");
}

#[test]
fn jsonl_from_standard_input_and_by_flag() {
    let records = "{\"url\": \"https://a.example/1\", \"text\": \"The minister said the plan would start soon.\"}\n";
    let out = isnad()
        .args(["extract", "--format", "jsonl", "-"])
        .write_stdin(records)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = jsonl(&out.stdout);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["document"]["source"], "-:1");
    assert_eq!(docs[0]["document"]["url"], "https://a.example/1");

    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "scraped.txt", records);
    let out = isnad()
        .args(["extract", "--format", "jsonl", "--input-format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        jsonl(&out.stdout)[0]["document"]["url"],
        "https://a.example/1"
    );
}

/// The saved pages of the fixtures that have an article, and the URLs they
/// declare (made unique per copy, so that each copy is its own document).
const FIXTURE_PAGES: [&str; 6] = [
    "ar-news.html",
    "en-news.html",
    "en-div-paragraphs.html",
    "en-more-stories.html",
    "legacy-cms.htm",
    "ar-in-english-site.html",
];
const FIXTURE_URLS: [&str; 2] = [
    "https://alwadi.example/economy/2026/03/14/desalination-plant",
    "https://harbourpost.example/news/2026/02/port-cranes",
];

/// A directory tree of mixed inputs (own texts and copies of the fixture
/// pages): nested folders, a file that is not an article and a hidden
/// folder (both skipped).
fn corpus_dir(dir: &Path, n: usize) {
    for i in 0..n {
        let sub = dir.join(format!("part{}", i % 3));
        std::fs::create_dir_all(&sub).unwrap();
        match i % 4 {
            0 => {
                write(
                    &sub,
                    &format!("a{i:03}.txt"),
                    format!("The minister said on day {i} that the plan would start soon.\n"),
                );
            }
            1 => {
                write(
                    &sub,
                    &format!("a{i:03}.html"),
                    format!(
                        "<html lang=\"en\"><head><title>Story {i}</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>Story {i}</h1><p>Officials said on day {i} that talks would resume next week.</p></article><footer>Footer</footer></body></html>"
                    ),
                );
            }
            2 => {
                write(
                    &sub,
                    &format!("a{i:03}.md"),
                    format!("# Story {i}\n\nقال الوزير في اليوم {i} إن الخطة ستبدأ قريبا.\n"),
                );
            }
            _ if i % 8 == 3 => {
                write(
                    &sub,
                    &format!("a{i:03}.htm"),
                    format!(
                        "<!doctype html><p>Police said {i} people were questioned about the fire.</p>"
                    ),
                );
            }
            _ => {
                // A saved page of the fixtures, made unique: its URL and its
                // first paragraph carry the number.
                let name = FIXTURE_PAGES[(i / 8) % FIXTURE_PAGES.len()];
                let mut page = fixture(name).replacen("</p>", &format!(" ({i})</p>"), 1);
                for url in FIXTURE_URLS {
                    page = page.replace(url, &format!("{url}-{i}"));
                }
                write(&sub, &format!("a{i:03}-{name}"), page);
            }
        }
    }
    write(dir, "photo.jpg", [0xFFu8, 0xD8, 0xFF, 0x00]);
    std::fs::create_dir_all(dir.join(".cache")).unwrap();
    write(&dir.join(".cache"), "old.txt", "hidden");
}

#[test]
fn directory_of_200_mixed_files() {
    let dir = tempfile::tempdir().unwrap();
    corpus_dir(dir.path(), 200);
    let run = |threads: &str| {
        isnad()
            .env("RAYON_NUM_THREADS", threads)
            .args(["extract", "--format", "jsonl"])
            .arg(dir.path())
            .output()
            .unwrap()
    };
    let out = run("2");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = jsonl(&out.stdout);
    assert_eq!(docs.len(), 200);
    let sources: Vec<String> = docs
        .iter()
        .map(|d| d["document"]["source"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted, "a directory is read in sorted order");
    assert!(
        sources
            .iter()
            .all(|s| !s.contains(".cache") && !s.ends_with(".jpg"))
    );
    for doc in &docs {
        assert!(
            !doc["claims"].as_array().unwrap().is_empty(),
            "{}",
            doc["document"]["source"]
        );
        let text = doc["document"]["text"].as_str().unwrap_or("");
        assert!(!text.contains("Home") && !text.contains("Footer"));
    }
    assert!(stderr(&out).contains("200 documents"), "{}", stderr(&out));
    // The same bytes whatever the number of threads.
    assert_eq!(run("1").stdout, out.stdout);
}

#[test]
fn globs_are_expanded_and_sorted() {
    let dir = tempfile::tempdir().unwrap();
    corpus_dir(dir.path(), 12);
    let pattern = format!("{}/**/*.html", dir.path().display());
    let out = isnad()
        .args(["extract", "--format", "jsonl", &pattern])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = jsonl(&out.stdout);
    // a001, a005, a009 and the fixture copy a007-ar-news.html, not the .htm files
    assert_eq!(docs.len(), 4);
    assert!(docs.iter().all(|d| d["document"]["input_format"] == "html"));

    let none = format!("{}/*.nothing", dir.path().display());
    let out = isnad().args(["extract", &none]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no file matches this pattern"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn keep_going_over_bad_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        dir.path(),
        "a-good.txt",
        "The minister said the plan would start soon.\n",
    );
    let bad = write(dir.path(), "b-bad.txt", b"ok\n\xff\xfe broken");
    let later = write(
        dir.path(),
        "c-later.txt",
        "Officials said talks would resume.\n",
    );
    let missing = dir.path().join("missing.txt");

    let out = isnad()
        .args(["extract", "--format", "jsonl"])
        .args([&good, &bad, &missing, &later])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stdout.is_empty(),
        "without --keep-going nothing is printed"
    );
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("b-bad.txt:2:1: invalid UTF-8"), "{err}");

    let out = isnad()
        .args(["extract", "--format", "jsonl", "--keep-going"])
        .args([&good, &bad, &missing, &later])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let docs = jsonl(&out.stdout);
    assert_eq!(docs.len(), 2);
    assert!(
        docs[1]["document"]["source"]
            .as_str()
            .unwrap()
            .ends_with("c-later.txt")
    );
    let err = stderr(&out);
    let errors: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("isnad: error:"))
        .collect();
    assert_eq!(errors.len(), 3, "{err}");
    assert!(errors[0].contains("b-bad.txt:2:1"), "{err}");
    assert!(errors[1].contains("missing.txt"), "{err}");
    assert!(errors[2].contains("2 of 4 inputs failed"), "{err}");

    // --lossy reads the bad file too.
    let out = isnad()
        .args(["extract", "--format", "jsonl", "--lossy"])
        .args([&good, &bad, &later])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn empty_directory_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.pdf", "x");
    let out = isnad().arg("extract").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("holds no .txt, .md, .html or .jsonl files"),
        "{}",
        stderr(&out)
    );
}

/// A fresh ledger in a temporary directory; commands run there.
fn new_desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    isnad()
        .current_dir(dir.path())
        .env("ISNAD_AUTHOR", "tester")
        .arg("init")
        .assert()
        .success();
    dir
}

fn at(dir: &Path) -> assert_cmd::Command {
    let mut cmd = isnad();
    cmd.current_dir(dir).env("ISNAD_AUTHOR", "tester");
    cmd
}

fn ledger_entries(dir: &Path) -> Vec<serde_json::Value> {
    jsonl(&std::fs::read(dir.join("isnad.ledger.jsonl")).unwrap())
}

#[test]
fn record_a_page_keeps_its_url_title_and_date() {
    let desk = new_desk();
    let out = at(desk.path())
        .args(["record", &fixture_path("ar-news.html")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let entries = ledger_entries(desk.path());
    let doc = entries.iter().find(|e| e["kind"] == "document").unwrap();
    assert_eq!(
        doc["url"],
        "https://alwadi.example/economy/2026/03/14/desalination-plant"
    );
    assert_eq!(
        doc["key"],
        "url:https://alwadi.example/economy/2026/03/14/desalination-plant"
    );
    assert_eq!(
        doc["title"],
        "وزير المياه: محطة التحلية الجديدة تعمل قبل الصيف"
    );
    assert_eq!(doc["published"], "2026-03-14T08:30:00+03:00");
    // The command line wins over what the page declares.
    let desk = new_desk();
    let out = at(desk.path())
        .args([
            "record",
            "--title",
            "My title",
            &fixture_path("en-news.html"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let entries = ledger_entries(desk.path());
    let doc = entries.iter().find(|e| e["kind"] == "document").unwrap();
    assert_eq!(doc["title"], "My title");
    assert_eq!(
        doc["url"],
        "https://harbourpost.example/news/2026/02/port-cranes"
    );
}

#[test]
fn record_a_directory_of_200_files_then_again() {
    let desk = new_desk();
    let corpus = desk.path().join("corpus");
    corpus_dir(&corpus, 200);
    let out = at(desk.path()).args(["record", "corpus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("recorded "))
            .count(),
        200,
        "{stdout}"
    );
    assert!(stderr(&out).contains("200 documents"), "{}", stderr(&out));
    let before = std::fs::read(desk.path().join("isnad.ledger.jsonl")).unwrap();

    // Recording the same directory again appends nothing.
    let out = at(desk.path()).args(["record", "corpus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("unchanged "))
            .count(),
        200,
        "{stdout}"
    );
    assert_eq!(
        std::fs::read(desk.path().join("isnad.ledger.jsonl")).unwrap(),
        before
    );
    at(desk.path()).arg("verify").assert().success();
}

#[test]
fn record_json_lines_with_one_broken_line() {
    let desk = new_desk();
    let batch = fixture_path("batch.jsonl");
    // Without --keep-going the first record is appended, then the run stops.
    let out = at(desk.path()).args(["record", &batch]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("batch.jsonl:3:"), "{}", stderr(&out));
    let docs = |dir: &Path| {
        ledger_entries(dir)
            .into_iter()
            .filter(|e| e["kind"] == "document")
            .map(|e| e["url"].as_str().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        docs(desk.path()),
        [
            "https://alwadi.example/a/1",
            "https://harbourpost.example/b/9"
        ]
    );

    // With it, the rest is recorded and the exit is still 2.
    let out = at(desk.path())
        .args(["record", "--keep-going", &batch])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("batch.jsonl:3:"), "{err}");
    assert!(err.contains("1 of 4 inputs failed"), "{err}");
    assert_eq!(
        docs(desk.path()),
        [
            "https://alwadi.example/a/1",
            "https://harbourpost.example/b/9",
            "https://alwadi.example/a/4"
        ]
    );
    at(desk.path()).arg("verify").assert().success();

    let out = at(desk.path())
        .args(["record", "--url", "https://x.example", &batch])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("describe one document"),
        "{}",
        stderr(&out)
    );
}
