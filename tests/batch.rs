//! End-to-end tests of batches in the commands that read articles besides
//! `extract` and `record` (those are in `ingest.rs`): `audit`, `report`,
//! `speakers` and `diff OLD_DIR NEW_DIR` over directories, globs and JSON
//! Lines, with `--keep-going` and the exit codes; and the extracted text of
//! a page shown by `show` and by the HTML report (in headless Chromium).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use support::{assert_valid, isnad, require, root, write};

fn fixture_path(name: &str) -> String {
    root()
        .join("tests/fixtures/ingest")
        .join(name)
        .display()
        .to_string()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).unwrap()
}

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A folder of drafts in three formats: two with a vague source, one
/// clean, in nested folders, plus a file that is not an article.
fn drafts(dir: &Path) {
    std::fs::create_dir_all(dir.join("week1")).unwrap();
    write(
        dir,
        "a-clean.txt",
        "The harbour master said the new berth opens in June.\n",
    );
    write(
        &dir.join("week1"),
        "b-vague.md",
        "# Ferry fares\n\nSources said fares would rise by a tenth next month.\n",
    );
    write(
        &dir.join("week1"),
        "c-vague.html",
        "<!doctype html><html lang=\"en\"><head><title>Bridge</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>Bridge repairs</h1><p>Officials said the bridge may close for repairs in the spring.</p></article></body></html>",
    );
    write(dir, "notes.pdf", "not an article");
}

#[test]
fn audit_a_directory_reports_each_file_and_fails_on_denied_findings() {
    let dir = tempfile::tempdir().unwrap();
    drafts(dir.path());
    let out = isnad()
        .args(["audit", "--deny", "vague"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    // Findings name their file and line:col, each file in sorted order.
    let md = format!("{}/week1/b-vague.md:3:1:", dir.path().display());
    let html = format!("{}/week1/c-vague.html:", dir.path().display());
    assert!(text.contains(&md), "{text}");
    assert!(text.contains(&html), "{text}");
    assert!(text.find(&md) < text.find(&html), "{text}");
    assert!(!text.contains("a-clean.txt:"), "{text}");
    // Positions of a page or Markdown file count in its extracted text.
    assert!(
        text.contains(&format!(
            "note: {}/week1/c-vague.html: lines and columns count in the text extracted from this html input",
            dir.path().display()
        )),
        "{text}"
    );
    assert!(stderr(&out).contains("3 documents"), "{}", stderr(&out));

    // The JSON document lists every file, in order, and is schema-valid.
    let out = isnad()
        .args(["audit", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = json(&out.stdout);
    assert_valid("audit", &doc);
    let sources: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources.len(), 3);
    assert!(sources[0].ends_with("a-clean.txt") && sources[2].ends_with("c-vague.html"));
}

#[test]
fn audit_keep_going_past_a_bad_file_exits_2_even_with_findings() {
    let dir = tempfile::tempdir().unwrap();
    drafts(dir.path());
    write(dir.path(), "a-broken.txt", b"ok\n\xff broken");
    let out = isnad()
        .args(["audit", "--deny", "vague"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stdout.is_empty(),
        "without --keep-going nothing is printed"
    );
    assert!(
        stderr(&out).contains("a-broken.txt:2:1"),
        "{}",
        stderr(&out)
    );

    let out = isnad()
        .args(["audit", "--deny", "vague", "--keep-going"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "a failed input wins over findings"
    );
    assert!(stdout(&out).contains("b-vague.md:3:1:"), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("a-broken.txt:2:1"), "{err}");
    assert!(err.contains("1 of 4 inputs failed"), "{err}");
}

#[test]
fn report_over_a_directory_and_json_lines_is_one_report() {
    let dir = tempfile::tempdir().unwrap();
    drafts(dir.path());
    let one_by_one: Vec<u64> = ["a-clean.txt", "week1/b-vague.md", "week1/c-vague.html"]
        .iter()
        .map(|f| {
            let out = isnad()
                .args(["report", "--format", "json"])
                .arg(dir.path().join(f))
                .output()
                .unwrap();
            json(&out.stdout)["totals"]["claims"].as_u64().unwrap()
        })
        .collect();
    let out = isnad()
        .args(["report", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = json(&out.stdout);
    assert_valid("report", &doc);
    assert_eq!(doc["sources"].as_array().unwrap().len(), 3);
    assert_eq!(
        doc["totals"]["claims"].as_u64().unwrap(),
        one_by_one.iter().sum::<u64>()
    );

    // JSON Lines records keep their URL; a broken line stops the report
    // (exit 2) unless --keep-going, which still exits 2.
    let batch = fixture_path("batch.jsonl");
    let out = isnad()
        .args(["report", "--format", "json", &batch])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("batch.jsonl:3:"), "{}", stderr(&out));
    let out = isnad()
        .args(["report", "--format", "json", "--keep-going", &batch])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let doc = json(&out.stdout);
    assert_valid("report", &doc);
    let urls: Vec<&str> = doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["url"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        urls,
        [
            "https://alwadi.example/a/1",
            "https://harbourpost.example/b/9",
            "https://alwadi.example/a/4"
        ]
    );
}

#[test]
fn speakers_are_grouped_across_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    // The same person in a page and a text file, spelled alike.
    write(
        dir.path(),
        "one.txt",
        "Port director Amina Haddad said the cranes arrive in June.\n",
    );
    write(
        dir.path(),
        "two.html",
        "<!doctype html><html lang=\"en\"><body><article><h1>Cranes</h1><p>Amina Haddad said the second crane was delayed by a week.</p></article></body></html>",
    );
    let out = isnad()
        .args(["speakers", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = json(&out.stdout);
    assert_valid("speakers-report", &doc);
    assert_eq!(doc["documents"], 2);
    let haddad = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"].as_str().unwrap_or("").contains("Haddad"))
        .unwrap_or_else(|| panic!("no Haddad entity: {doc}"));
    assert_eq!(haddad["documents"], 2, "{doc}");
    assert_eq!(haddad["claims"], 2, "{doc}");
}

/// Two snapshots of a site: one page edited (its claim reworded), one
/// unchanged, one removed, one added.
fn snapshots(root: &Path) -> (PathBuf, PathBuf) {
    let (old, new) = (root.join("monday"), root.join("tuesday"));
    for side in [&old, &new] {
        std::fs::create_dir_all(side.join("news")).unwrap();
    }
    let same = "<!doctype html><html lang=\"en\"><body><article><h1>Tram</h1><p>The mayor said the tram line opens in July.</p></article></body></html>";
    write(&old.join("news"), "tram.html", same);
    write(&new.join("news"), "tram.html", same);
    write(
        &old.join("news"),
        "dam.md",
        "# Dam\n\nThe engineer said the dam is safe.\n",
    );
    write(
        &new.join("news"),
        "dam.md",
        "# Dam\n\nThe engineer said the dam might not be safe.\n",
    );
    write(
        &old,
        "gone.txt",
        "The minister said the school reopens next week.\n",
    );
    write(
        &new,
        "fresh.txt",
        "Police said two people were questioned about the fire.\n",
    );
    (old, new)
}

/// `isnad diff --format json OLD NEW` over two directories: exit 1 (claims changed),
/// output valid against `diff-batch`.
fn diff_batch_json(old: &Path, new: &Path) -> serde_json::Value {
    let out = isnad()
        .args(["diff", "--format", "json"])
        .args([old, new])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let doc = json(&out.stdout);
    assert_valid("diff-batch", &doc);
    doc
}

/// Each paired file of a diff batch as (path, presence, claims unchanged).
fn file_rows(doc: &serde_json::Value) -> Vec<(&str, &str, bool)> {
    doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap(),
                f["presence"].as_str().unwrap(),
                f["diff"]["claims_unchanged"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[test]
fn diff_two_directories_pairs_files_by_relative_path() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = snapshots(dir.path());
    let doc = diff_batch_json(&old, &new);
    let files = file_rows(&doc);
    assert_eq!(
        files,
        [
            ("fresh.txt", "new_only", false),
            ("gone.txt", "old_only", false),
            ("news/dam.md", "both", false),
            ("news/tram.html", "both", true),
        ]
    );
    for f in doc["files"].as_array().unwrap() {
        assert_valid("diff", &f["diff"]);
    }
    let gone = &doc["files"][1]["diff"];
    assert_eq!(gone["summary"]["claims_added"], 0);
    assert!(gone["summary"]["claims_removed"].as_u64().unwrap() >= 1);

    let out = isnad().arg("diff").args([&old, &new]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("only in"), "{text}");
    assert!(text.contains(": gone.txt (1 claims removed)"), "{text}");
    assert!(text.contains(": fresh.txt (1 claims added)"), "{text}");
    assert!(text.contains("news/dam.md"), "{text}");
    assert!(!text.contains("news/tram.html →"), "{text}");
    assert!(
        text.contains("2 files in both directories: 1 with claim changes, 1 without"),
        "{text}"
    );

    // The same directory on both sides: no claim changed.
    let out = isnad().arg("diff").args([&old, &old]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn diff_directories_with_a_bad_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = snapshots(dir.path());
    write(&new, "broken.txt", b"\xff\xfe\x00broken");
    let out = isnad().arg("diff").args([&old, &new]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("broken.txt"), "{}", stderr(&out));
    let out = isnad()
        .args(["diff", "--keep-going"])
        .args([&old, &new])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("news/dam.md"), "{}", stdout(&out));
}

#[test]
fn extract_json_has_the_text_of_every_non_plain_input() {
    for (name, with_text) in [
        ("en-news.html", false),
        ("ar-opinion.md", false),
        ("en-news.html", true),
    ] {
        let mut cmd = isnad();
        cmd.args(["extract", "--format", "json"]);
        if with_text {
            cmd.arg("--with-text");
        }
        let out = cmd.arg(fixture_path(name)).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let doc = json(&out.stdout);
        assert_valid("extraction", &doc);
        let expected = fixture(
            &name
                .replace(".html", ".expected.txt")
                .replace(".md", ".expected.txt"),
        );
        assert_eq!(
            doc["document"]["text"].as_str().unwrap(),
            expected.trim_end()
        );
    }
    // Records of a JSON Lines batch carry their text too.
    let out = isnad()
        .args(["extract", "--format", "jsonl", "--keep-going"])
        .arg(fixture_path("batch.jsonl"))
        .output()
        .unwrap();
    for line in stdout(&out).lines() {
        let doc: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(doc["document"]["text"].is_string(), "{doc}");
    }
}

#[test]
fn show_displays_the_extracted_text_of_a_recorded_page_with_its_claims() {
    let desk = tempfile::tempdir().unwrap();
    let at = || {
        let mut cmd = isnad();
        cmd.current_dir(desk.path()).env("ISNAD_AUTHOR", "tester");
        cmd
    };
    at().arg("init").assert().success();
    let page = fixture_path("en-news.html");
    at().args(["record", &page]).assert().success();
    let out = at()
        .args([
            "show",
            "https://harbourpost.example/news/2026/02/port-cranes",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let shown = stdout(&out);
    let (_, text) = shown.split_once("\ntext of v1").expect("no text section");
    let text = text.split_once(":\n").unwrap().1;
    // The extracted article, not the markup, with the claims marked.
    assert!(!text.contains('<'), "{text}");
    let unmarked = text
        .replace('⟦', "")
        .split("⟧[")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split_once(']').map_or(part, |(_, rest)| rest)
            }
        })
        .collect::<String>();
    assert_eq!(
        unmarked.trim_end(),
        fixture("en-news.expected.txt").trim_end()
    );
    let claims = shown.lines().filter(|l| l.starts_with("  [")).count();
    assert!(claims > 0, "{shown}");
    assert_eq!(text.matches('⟦').count(), claims, "{shown}");
}

/// The first Chromium on the PATH.
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

/// The DOM of `page` after its scripts ran in headless Chromium.
fn dump_dom(browser: &str, page: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out_path = profile.path().join("dom.html");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--no-first-run",
            "--virtual-time-budget=3000",
            "--dump-dom",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.path().join("p").display()
        ))
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        assert!(
            Instant::now() < deadline,
            "chromium did not finish within 120 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::read_to_string(out_path).unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn html_report_of_pages_shows_their_extracted_text_in_chromium() {
    let Some(browser) = require(chromium(), "Chromium (apt-get install chromium)") else {
        return;
    };
    let pages = [fixture_path("ar-news.html"), fixture_path("en-news.html")];
    let out = isnad()
        .args(["report", "--format", "html"])
        .args(&pages)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains("Article text extracted from the saved web page"));
    // In the browser: each article's displayed text (without white space,
    // which paragraphs re-flow) is the extracted text, and the claims
    // marked in it are the claims `extract` finds in the page.
    let probe = page.replace(
        "</body>",
        "<script>Array.prototype.forEach.call(document.querySelectorAll('article.doc'), function (doc) {\
           var pre = document.createElement('pre'); pre.className = 'probe-text';\
           pre.textContent = doc.querySelector('.text').textContent.replace(/\\s+/g, '');\
           var ids = {}; Array.prototype.forEach.call(doc.querySelectorAll('.text .cl'), function (m) {\
             m.getAttribute('data-claim').split(' ').forEach(function (id) { ids[id] = 1; }); });\
           var p = document.createElement('pre'); p.className = 'probe-ids';\
           p.textContent = Object.keys(ids).sort().join(','); document.body.appendChild(pre); document.body.appendChild(p); });</script></body>",
    );
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "probe.html", &probe);
    let dom = dump_dom(browser, &path);
    let grab = |class: &str| -> Vec<String> {
        dom.split(&format!("<pre class=\"{class}\">"))
            .skip(1)
            .map(|rest| unescape(rest.split("</pre>").next().unwrap()))
            .collect()
    };
    let (texts, ids) = (grab("probe-text"), grab("probe-ids"));
    assert_eq!(
        texts.len(),
        2,
        "the probe did not run:\n{}",
        &dom[..dom.len().min(2000)]
    );
    for (i, name) in ["ar-news", "en-news"].iter().enumerate() {
        let expected: String = fixture(&format!("{name}.expected.txt"))
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(texts[i], expected, "{name}");
        let out = isnad()
            .args(["extract", "--format", "json", &pages[i]])
            .output()
            .unwrap();
        let mut claims: Vec<String> = json(&out.stdout)["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect();
        assert!(!claims.is_empty(), "{name}");
        claims.sort();
        assert_eq!(ids[i], claims.join(","), "{name}");
    }
}

#[test]
fn diff_of_a_directory_and_a_file_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let (old, _) = snapshots(dir.path());
    let out = isnad()
        .arg("diff")
        .arg(&old)
        .arg(old.join("gone.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("one side is a directory"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn diff_directories_pairs_json_lines_records_by_url() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    std::fs::create_dir_all(&old).unwrap();
    std::fs::create_dir_all(&new).unwrap();
    let rec =
        |url: &str, text: &str| serde_json::json!({"url": url, "text": text}).to_string() + "\n";
    let a = rec(
        "https://a.example/1",
        "The mayor said the tram line opens in July.",
    );
    let b_old = rec("https://a.example/2", "The engineer said the dam is safe.");
    let b_new = rec(
        "https://a.example/2",
        "The engineer said the dam might not be safe.",
    );
    // The scraper wrote the records in another order the second time.
    write(&old, "scrape.jsonl", format!("{a}{b_old}"));
    write(&new, "scrape.jsonl", format!("{b_new}{a}"));
    let doc = diff_batch_json(&old, &new);
    let files = file_rows(&doc);
    assert_eq!(
        files,
        [
            ("scrape.jsonl#https://a.example/1", "both", true),
            ("scrape.jsonl#https://a.example/2", "both", false),
        ]
    );
}

/// Plain texts for the streamed batch tests, made of sentences written for
/// these tests: English with a CRLF line and a tab, Arabic, and one that
/// opens with a BOM and holds quotes, backslashes and a control character
/// (each escaped in `document.text`).
fn plain_texts(dir: &Path) -> Vec<String> {
    plain_texts_of(dir, 0)
}

/// [`plain_texts`], each repeated until it is at least `min_len` bytes.
fn plain_texts_of(dir: &Path, min_len: usize) -> Vec<String> {
    let en = "The minister said on Monday that the bridge would reopen in May.\r\n\
              \tOfficials told reporters the repairs were \"nearly done\".\n\n"
        .repeat(40);
    let ar = "قال الوزير يوم الاثنين إن الجسر سيفتح في مايو.\n\n\
              وأكدت الوزارة في بيان أن العمال سيعودون إلى الموقع.\n\n"
        .repeat(40);
    let odd = "\u{FEFF}A spokesman said the path C:\\data was \"safe\" \u{1} today.\n\n".repeat(20);
    [("a-en.txt", en), ("b-ar.txt", ar), ("c-odd.txt", odd)]
        .into_iter()
        .map(|(name, text)| {
            let times = min_len.div_ceil(text.len()).max(1);
            write(dir, name, text.repeat(times)).display().to_string()
        })
        .collect()
}

/// `isnad extract ARGS`: its exit code, standard output and standard error.
fn extract_run(args: &[&str]) -> (Option<i32>, Vec<u8>, String) {
    let out = isnad().arg("extract").args(args).output().unwrap();
    (out.status.code(), out.stdout.clone(), stderr(&out))
}

/// A batch of plain text files (each read whole, where one file alone is
/// streamed) writes what each file alone writes: JSON Lines and tables one after the
/// other, JSON as an array of the documents; and the same bytes as when
/// the files are read whole (`--lossy` reads them whole).
#[test]
fn extract_batch_of_plain_files_equals_each_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let files = plain_texts(dir.path());
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    for extra in [&[][..], &["--with-text"], &["--explain"]] {
        for format in ["table", "json", "jsonl"] {
            let mut args = vec!["--format", format];
            args.extend_from_slice(extra);
            let singles: Vec<Vec<u8>> = files
                .iter()
                .map(|f| {
                    let (code, out, err) = extract_run(&[&args[..], &[f]].concat());
                    assert_eq!(code, Some(0), "{err}");
                    out
                })
                .collect();
            let (code, batch, err) = extract_run(&[&args[..], &files[..]].concat());
            assert_eq!(code, Some(0), "{err}");
            if format == "json" {
                let docs: Vec<serde_json::Value> = singles.iter().map(|s| json(s)).collect();
                assert_eq!(json(&batch), serde_json::Value::Array(docs.clone()));
                for doc in &docs {
                    assert_valid("extraction", doc);
                    assert!(doc["claims"].as_array().is_some_and(|c| !c.is_empty()));
                    assert_eq!(
                        doc["document"]["text"].is_string(),
                        !extra.is_empty() && extra[0] == "--with-text"
                    );
                }
            } else {
                assert_eq!(batch, singles.concat(), "{format} {extra:?}");
            }
            let (_, whole, _) = extract_run(&[&args[..], &["--lossy"], &files[..]].concat());
            assert!(
                batch == whole,
                "{format} {extra:?}: streamed and read whole differ"
            );
        }
    }
}

/// Files long enough for a batch to stream them (a batch reads an
/// article whole, and streams a file of a megabyte or more, several at
/// once on threads of their own) give what each file alone gives, and
/// what the batch gives when it reads them whole (`--lossy`).
#[test]
fn extract_batch_of_long_plain_files_equals_each_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let files = plain_texts_of(dir.path(), 1 << 20);
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    for args in [
        &["--format", "jsonl"][..],
        &["--format", "json", "--with-text"],
    ] {
        let singles: Vec<serde_json::Value> = files
            .iter()
            .map(|f| {
                let (code, out, err) = extract_run(&[args, &[f]].concat());
                assert_eq!(code, Some(0), "{err}");
                json(&out)
            })
            .collect();
        let (code, batch, err) = extract_run(&[args, &files[..]].concat());
        assert_eq!(code, Some(0), "{err}");
        let (_, whole, _) = extract_run(&[args, &["--lossy"], &files[..]].concat());
        assert!(batch == whole, "{args:?}: streamed and read whole differ");
        let batch: Vec<serde_json::Value> = if args[1] == "json" {
            serde_json::from_slice(&batch).unwrap()
        } else {
            batch
                .split(|b| *b == b'\n')
                .filter(|l| !l.is_empty())
                .map(json)
                .collect()
        };
        assert_eq!(batch, singles, "{args:?}");
    }
}

/// `--with-text` on a plain text file read as a stream (the text read again
/// from the file as the JSON is written) gives the bytes of the same text
/// read whole (`--lossy`, or inside a batch with a Markdown file), from a
/// file and from standard input, and `document.text` is the file without
/// its BOM.
#[test]
fn extract_with_text_from_a_streamed_file_equals_the_text_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let files = plain_texts(dir.path());
    for file in &files {
        let content = std::fs::read_to_string(file).unwrap();
        for format in ["json", "jsonl"] {
            let (code, streamed, err) = extract_run(&["--format", format, "--with-text", file]);
            assert_eq!(code, Some(0), "{err}");
            let (_, whole, _) = extract_run(&["--format", format, "--with-text", "--lossy", file]);
            assert!(streamed == whole, "{file} {format}");
            let doc = json(&streamed);
            assert_valid("extraction", &doc);
            assert_eq!(
                doc["document"]["text"].as_str(),
                Some(content.trim_start_matches('\u{FEFF}'))
            );
            let from_stdin = isnad()
                .args(["extract", "--format", format, "--with-text", "-"])
                .write_stdin(content.as_bytes().to_vec())
                .output()
                .unwrap();
            let mut doc_stdin = json(&from_stdin.stdout);
            doc_stdin["document"]["source"] = doc["document"]["source"].clone();
            assert_eq!(doc_stdin, doc);
        }
    }
}

/// A bad file in a batch of streamed plain text files is reported as when
/// it is given alone (its place in the file, exit 2): without
/// `--keep-going` nothing is written; with it, the other files' documents
/// are, in order.
#[test]
fn extract_batch_with_a_bad_plain_file_reports_it_as_alone() {
    let dir = tempfile::tempdir().unwrap();
    let files = plain_texts(dir.path());
    let bad = write(
        dir.path(),
        "b-bad.txt",
        b"Plain text\nwith \xff a bad byte.\n",
    )
    .display()
    .to_string();
    let (code, out, alone) = extract_run(&["--format", "jsonl", &bad]);
    assert_eq!((code, out.is_empty()), (Some(2), true));
    assert!(alone.contains("b-bad.txt:2:6"), "{alone}");
    let batch = [files[0].as_str(), bad.as_str(), files[1].as_str()];
    let (code, out, err) = extract_run(&[&["--format", "jsonl"][..], &batch].concat());
    assert_eq!(
        (code, out.is_empty(), err.as_str()),
        (Some(2), true, alone.as_str())
    );
    let (code, out, err) =
        extract_run(&[&["--format", "jsonl", "--keep-going"][..], &batch].concat());
    assert_eq!(code, Some(2));
    assert!(err.starts_with(&alone), "{err}");
    assert!(err.contains("1 of 3 inputs failed"), "{err}");
    let (_, first, _) = extract_run(&["--format", "jsonl", &files[0]]);
    let (_, second, _) = extract_run(&["--format", "jsonl", &files[1]]);
    assert_eq!(out, [first, second].concat());
}

/// A text with a paragraph of more than 4 MB on one line, which the
/// streaming reader cuts into passages where the whole text has one: with
/// `--with-text` (and in a batch) it gives the whole text's passages, as
/// when such inputs were read whole, not the stream's.
#[test]
fn extract_batch_with_a_long_stretch_gives_the_whole_text_passages() {
    let dir = tempfile::tempdir().unwrap();
    let words = ["the", "minister", "said", "officials", "told", "reporters"];
    let mut stretch = String::from("A headline\n\n");
    let mut i = 0usize;
    while stretch.len() < (4 << 20) + (64 << 10) {
        stretch.push_str(words[i % words.len()]);
        stretch.push(' ');
        i = i.wrapping_mul(7).wrapping_add(3) % 1009;
    }
    stretch.push_str("\n\nThe minister said on Monday that the bridge would reopen.\n");
    let long = write(dir.path(), "long.txt", &stretch)
        .display()
        .to_string();
    // one file with `--with-text` is declined as a stream, then as a
    // stream of the batch reader, and read whole
    let args = ["--format", "json", "--with-text", long.as_str()];
    let (code, streamed, err) = extract_run(&args);
    assert_eq!(code, Some(0), "{err}");
    let (_, whole, _) = extract_run(&[&["--lossy"][..], &args].concat());
    assert!(streamed == whole);
}

/// A JSON Lines batch of short articles in English and Arabic, `bytes`
/// long or a little more: one record a line, with blank lines, a CRLF
/// line, records with a title or in HTML, and each record's line number.
fn articles_jsonl(bytes: usize) -> (String, Vec<usize>) {
    let bodies = [
        "The minister said on Monday that the bridge would reopen in May.",
        "قال الوزير يوم الاثنين إن الجسر سيفتح في مايو.\n\nوأكدت الوزارة في بيان أن العمال سيعودون.",
        "Officials told reporters the repairs were \"nearly done\", sources said.",
        "وقالت مصادر مطلعة إن المحادثات قد تستأنف الأسبوع المقبل.",
    ];
    let mut out = String::new();
    let mut lines = Vec::new();
    let mut line = 0;
    for i in 0.. {
        if out.len() >= bytes {
            break;
        }
        let body = bodies[i % bodies.len()];
        let record = match i % 7 {
            3 => {
                serde_json::json!({"url": format!("https://news.example/{i}"), "html": format!("<html><body><article><h1>Item {i}</h1><p>{body}</p></article></body></html>")})
            }
            5 => serde_json::json!({"title": format!("Item {i}"), "text": body}),
            _ => serde_json::json!({"url": format!("https://news.example/{i}"), "text": body}),
        };
        out.push_str(&record.to_string());
        out.push_str(if i % 11 == 4 { "\r\n" } else { "\n" });
        line += 1;
        lines.push(line);
        if i % 13 == 6 {
            out.push('\n');
            line += 1;
        }
    }
    (out, lines)
}

/// `isnad extract ARGS` run in `dir`.
fn extract_in(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<u8>, String) {
    let out = isnad()
        .current_dir(dir)
        .arg("extract")
        .args(args)
        .output()
        .unwrap();
    (out.status.code(), out.stdout.clone(), stderr(&out))
}

/// A JSON Lines batch of more than a megabyte (read and extracted a piece
/// at a time, its output more than the megabytes kept in memory before it
/// goes to a temporary file) writes, for each record, the bytes that the
/// record writes alone on its line of a file of the same name, in the
/// order of the lines; JSON is the array of the JSON Lines documents; and
/// standard input gives the same, as `-:LINE`.
#[test]
fn extract_json_lines_batch_in_pieces_equals_its_records_alone() {
    let (batch, lines) = articles_jsonl(3 << 19);
    let dir = tempfile::tempdir().unwrap();
    let (whole, one) = (dir.path().join("whole"), dir.path().join("one"));
    std::fs::create_dir_all(&whole).unwrap();
    std::fs::create_dir_all(&one).unwrap();
    write(&whole, "news.jsonl", &batch);
    let (code, out, err) = extract_in(&whole, &["--format", "jsonl", "news.jsonl"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.len() > 4 << 20, "the output stays in memory");
    let docs: Vec<&[u8]> = out.split_inclusive(|&b| b == b'\n').collect();
    let sources: Vec<String> = docs
        .iter()
        .map(|d| json(d)["document"]["source"].as_str().unwrap().to_string())
        .collect();
    let want: Vec<String> = lines.iter().map(|l| format!("news.jsonl:{l}")).collect();
    assert_eq!(sources, want);
    // records alone: at the start, around where the pieces are cut, at the end
    let records: Vec<&str> = batch.split_inclusive('\n').collect();
    let n = lines.len();
    for k in [0, 1, n / 3, n / 3 + 1, n / 2, 2 * n / 3, n - 2, n - 1] {
        let line = lines[k];
        let alone = "\n".repeat(line - 1) + records[line - 1];
        write(&one, "news.jsonl", alone);
        let (code, single, err) = extract_in(&one, &["--format", "jsonl", "news.jsonl"]);
        assert_eq!(code, Some(0), "{err}");
        assert!(single == docs[k], "record of line {line}");
    }
    let (code, array, err) = extract_in(&whole, &["--format", "json", "news.jsonl"]);
    assert_eq!(code, Some(0), "{err}");
    let array = json(&array);
    let array = array.as_array().unwrap();
    assert_eq!(array.len(), n);
    for (k, doc) in array.iter().enumerate().step_by(97) {
        assert_eq!(doc, &json(docs[k]));
    }
    let from_stdin = isnad()
        .args(["extract", "--format", "jsonl", "-"])
        .write_stdin(batch.clone())
        .output()
        .unwrap();
    assert_eq!(from_stdin.status.code(), Some(0), "{}", stderr(&from_stdin));
    let renamed = String::from_utf8(out)
        .unwrap()
        .replace("\"source\":\"news.jsonl:", "\"source\":\"-:");
    assert!(from_stdin.stdout == renamed.as_bytes());
}

/// Bad records in a later piece of a JSON Lines batch (read in pieces):
/// one opens with a byte order mark (which only the first line may), on
/// the line where the second piece starts, one is not JSON.
/// Without `--keep-going` nothing is written and the error names the first
/// one's line and column; with it, every other record is written, in
/// order. A byte that is not UTF-8 there fails the whole batch before any
/// record, as it always did, and `--lossy` reads it.
#[test]
fn extract_json_lines_batch_with_a_bad_record_in_a_later_piece() {
    let (batch, lines) = articles_jsonl(3 << 19);
    let dir = tempfile::tempdir().unwrap();
    let mut records: Vec<String> = batch.split_inclusive('\n').map(String::from).collect();
    // the first line of the second piece: a piece is whole lines up to a
    // megabyte or 2,048 lines, whichever comes first (cli/src/input/jsonl.rs)
    let (mut bytes, mut taken) = (0, 0);
    while bytes < 1 << 20 && taken < 2048 {
        bytes += records[taken].len();
        taken += 1;
    }
    let marked = taken + 1;
    let oops = lines[lines.len() * 4 / 5];
    assert!(records[marked - 1].starts_with('{') && oops > marked);
    records[marked - 1].insert(0, '\u{FEFF}');
    records[oops - 1] = "{\"text\": oops}\n".into();
    let path = write(dir.path(), "bad.jsonl", records.concat())
        .display()
        .to_string();
    let (code, out, err) = extract_run(&["--format", "jsonl", &path]);
    assert_eq!((code, out.is_empty()), (Some(2), true), "{err}");
    assert!(err.contains(&format!("bad.jsonl:{marked}:1:")), "{err}");
    let (code, out, err) = extract_run(&["--format", "jsonl", "--keep-going", &path]);
    assert_eq!(code, Some(2));
    assert!(err.contains(&format!("bad.jsonl:{marked}:1:")), "{err}");
    assert!(err.contains(&format!("bad.jsonl:{oops}:10:")), "{err}");
    assert!(
        err.contains(&format!("2 of {} inputs failed", lines.len())),
        "{err}"
    );
    let sources: Vec<String> = out
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|d| json(d)["document"]["source"].as_str().unwrap().to_string())
        .collect();
    let want: Vec<String> = lines
        .iter()
        .filter(|&&l| l != marked && l != oops)
        .map(|l| format!("{path}:{l}"))
        .collect();
    assert_eq!(sources, want);

    let mut bytes = batch.into_bytes();
    let at = bytes.len() * 4 / 5;
    // the space between two words of a record's text
    let at = at
        + bytes[at..]
            .windows(13)
            .position(|w| w == b"minister said")
            .unwrap()
        + 8;
    bytes[at] = 0xFF;
    let path = write(dir.path(), "bytes.jsonl", &bytes)
        .display()
        .to_string();
    let bad_line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    for keep in [&[][..], &["--keep-going"]] {
        let (code, out, err) = extract_run(&[&["--format", "jsonl"], keep, &[&path]].concat());
        assert_eq!((code, out.is_empty()), (Some(2), true), "{err}");
        assert!(err.contains(&format!("bytes.jsonl:{bad_line}:")), "{err}");
        assert!(err.contains("invalid UTF-8"), "{err}");
    }
    let (code, out, err) = extract_run(&["--format", "jsonl", "--lossy", &path]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count(),
        lines.len()
    );
    assert!(String::from_utf8(out).unwrap().contains('\u{FFFD}'));
}

/// `--format json` writes one document as an object and several as an
/// array, whether they come from files named or from a directory, and an
/// empty array when every input failed (`--keep-going`).
#[test]
fn extract_json_of_one_and_of_several_documents_from_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one");
    std::fs::create_dir_all(&one).unwrap();
    let files = plain_texts(&one);
    let (code, alone, err) = extract_run(&["--format", "json", &files[0]]);
    assert_eq!(code, Some(0), "{err}");
    std::fs::remove_file(&files[1]).unwrap();
    std::fs::remove_file(&files[2]).unwrap();
    let (code, from_dir, err) = extract_run(&["--format", "json", one.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        from_dir == alone,
        "one document from a directory is an object"
    );
    assert!(json(&alone).is_object());
    let bad = write(dir.path(), "bad.txt", b"Plain \xff text.\n")
        .display()
        .to_string();
    let (code, out, _) = extract_run(&["--format", "json", "--keep-going", &bad, &bad]);
    assert_eq!((code, out.as_slice()), (Some(2), &b"[]\n"[..]));
    let (code, out, _) = extract_run(&["--format", "json", "--keep-going", &bad, &files[0], &bad]);
    assert_eq!(code, Some(2));
    assert!(out == alone, "one document of a batch is an object");
    let (code, out, err) = extract_run(&[
        "--format",
        "json",
        "--keep-going",
        &files[0],
        &bad,
        &files[0],
    ]);
    assert_eq!(code, Some(2), "{err}");
    let doc = json(&alone);
    assert_eq!(json(&out), serde_json::json!([doc, doc]));
}

/// A JSON Lines batch whose first megabyte is blank lines (a piece without
/// a record) names its one record by its line; one of blank lines only
/// holds no records, as when it was read whole.
#[test]
fn extract_json_lines_batch_of_blank_pieces() {
    let dir = tempfile::tempdir().unwrap();
    let blank = " \n".repeat(3 << 18);
    let record = "{\"text\": \"The minister said the bridge would reopen in May.\"}\n";
    let path = write(dir.path(), "blank.jsonl", format!("{blank}{record}\n\n"))
        .display()
        .to_string();
    let (code, out, err) = extract_run(&["--format", "jsonl", &path]);
    assert_eq!(code, Some(0), "{err}");
    let doc = json(&out);
    assert_eq!(
        doc["document"]["source"],
        format!("{path}:{}", (3 << 18) + 1)
    );
    assert!(doc["claims"].as_array().is_some_and(|c| !c.is_empty()));
    let path = write(dir.path(), "empty.jsonl", &blank)
        .display()
        .to_string();
    let (code, out, err) = extract_run(&["--format", "jsonl", &path]);
    assert_eq!((code, out.is_empty()), (Some(2), true));
    assert!(err.contains("holds no records"), "{err}");
}
