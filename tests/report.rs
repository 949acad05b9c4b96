//! End-to-end tests of `isnad report`: every format over files and over a
//! ledger, schema checks of the JSON formats, and the HTML page in a real
//! headless Chromium (skipped with a notice when Chromium is missing,
//! except under CI=true).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{assert_valid, isnad, require, root, write};

fn examples() -> [String; 2] {
    [
        root().join("examples/ar-article.txt").display().to_string(),
        root().join("examples/en-article.txt").display().to_string(),
    ]
}

fn report(args: &[&str]) -> String {
    let out = isnad()
        .arg("report")
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn json_report(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&report(args)).unwrap()
}

#[test]
fn table_md_csv_and_json_agree_on_the_counts() {
    let [ar, en] = examples();
    let doc = json_report(&["--format", "json", &ar, &en]);
    assert_valid("report", &doc);
    let claims = doc["totals"]["claims"].as_u64().unwrap() as usize;
    assert!(claims > 0);
    assert_eq!(doc["claims"].as_array().unwrap().len(), claims);
    assert_eq!(doc["matrix"].as_array().unwrap().len(), 6);
    let cells: u64 = doc["matrix"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["claims"].as_u64().unwrap())
        .sum();
    assert_eq!(cells as usize, claims);

    let table = report(&[&ar, &en]);
    assert!(
        table.starts_with(&format!("isnad report: 2 documents, {claims} claims")),
        "{table}"
    );
    for part in [
        "Attribution × certainty",
        "Speakers (grouped by speaker.key)",
        "Most frequent hedges",
        "Claims",
    ] {
        assert!(table.contains(part), "{part} missing in\n{table}");
    }
    assert!(!table.contains('\x1b'));

    let md = report(&["--format", "md", &ar, &en]);
    assert!(md.starts_with("# isnad report\n"), "{md}");
    assert!(md.contains("| attributed |"), "{md}");
    let listed = md
        .lines()
        .filter(|l| l.starts_with("| examples/") || l.contains("-article.txt:"))
        .count();
    assert!(
        listed >= claims,
        "{listed} claim rows for {claims} claims:\n{md}"
    );

    let csv = report(&["--format", "csv", &ar, &en]);
    let mut lines = csv.split("\r\n").filter(|l| !l.is_empty());
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("id,source,line,column,start,end,speaker")
    );
    // Quoted fields may hold no line break here (the examples have none in claims).
    assert_eq!(lines.count(), claims);
}

#[test]
fn annotations_say_their_unit_and_count_utf16_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "emoji.txt",
        "📰 قالت مصادر مطلعة إن السد قد ينهار.\n",
    );
    let path = path.display().to_string();
    let points = json_report(&["--format", "annotations", &path]);
    let units = json_report(&["--format", "annotations", "--offsets", "utf16", &path]);
    assert_valid("annotations", &points);
    assert_valid("annotations", &units);
    assert_eq!(points["offsetUnit"], "code-points");
    assert_eq!(units["offsetUnit"], "utf16");
    let total = points["total"].as_u64().unwrap();
    assert_eq!(
        points["first"]["items"].as_array().unwrap().len() as u64,
        total
    );
    if total > 0 {
        let start = |doc: &serde_json::Value| {
            doc["first"]["items"][0]["target"]["selector"][1]["start"]
                .as_u64()
                .unwrap()
        };
        // The newspaper emoji is one code point but two UTF-16 units.
        assert_eq!(start(&units), start(&points) + 1);
        let quote = &points["first"]["items"][0]["target"]["selector"][0];
        assert_eq!(quote["type"], "TextQuoteSelector");
        assert!(quote["prefix"].as_str().unwrap().starts_with("📰"));
    }
    // The unit can come from isnad.toml too.
    write(dir.path(), "isnad.toml", "[report]\noffsets = \"utf16\"\n");
    let out = isnad()
        .current_dir(dir.path())
        .args(["report", "--format", "annotations", "emoji.txt"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["offsetUnit"], "utf16");
}

#[test]
fn usage_errors_exit_2() {
    isnad().arg("report").assert().code(2);
    let [ar, _] = examples();
    isnad()
        .args(["report", "--speaker", "x", &ar])
        .assert()
        .code(2);
    isnad()
        .args(["report", "--format", "pdf", &ar])
        .assert()
        .code(2);
}

/// A temporary directory with a ledger that holds the English example and
/// one review.
struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        let desk = Desk {
            dir: tempfile::tempdir().unwrap(),
        };
        desk.run(&["init"]);
        std::fs::copy(
            root().join("examples/en-article.txt"),
            desk.dir.path().join("en-article.txt"),
        )
        .unwrap();
        std::fs::copy(
            root().join("examples/ar-article.txt"),
            desk.dir.path().join("ar-article.txt"),
        )
        .unwrap();
        desk.run(&[
            "record",
            "en-article.txt",
            "--url",
            "https://news.example/dam",
            "--title",
            "New dam",
        ]);
        desk.run(&["record", "ar-article.txt"]);
        desk
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = isnad();
        cmd.current_dir(self.dir.path())
            .env("ISNAD_AUTHOR", "tester");
        cmd
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self
            .cmd()
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    }

    fn claims(&self) -> Vec<serde_json::Value> {
        self.run(&["list", "--format", "jsonl"])
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

#[test]
fn ledger_report_with_filters_and_claimreview() {
    let desk = Desk::new();
    let claims = desk.claims();
    assert!(claims.len() >= 2);
    let vague = claims
        .iter()
        .find(|c| c["attribution"] == "vague")
        .expect("a vague claim in the examples");
    let id = vague["id"].as_str().unwrap();
    desk.run(&[
        "review",
        id,
        "--rating",
        "mostly-false",
        "--note",
        "The budget shows 12% at most.",
        "--url",
        "https://factcheck.example/1",
    ]);

    let all: serde_json::Value =
        serde_json::from_str(&desk.run(&["report", "--ledger", "--format", "json"])).unwrap();
    assert_valid("report", &all);
    assert_eq!(
        all["totals"]["claims"].as_u64().unwrap() as usize,
        claims.len()
    );
    assert_eq!(all["totals"]["reviewed"], 1);
    assert_eq!(
        all["verdicts"],
        serde_json::json!([{"rating": "mostly-false", "claims": 1}])
    );
    assert_eq!(all["sources"].as_array().unwrap().len(), 2);

    let filtered: serde_json::Value = serde_json::from_str(&desk.run(&[
        "report",
        "--ledger",
        "--format",
        "json",
        "--attribution",
        "vague",
    ]))
    .unwrap();
    assert!(
        filtered["claims"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["attribution"] == "vague")
    );
    assert_eq!(filtered["totals"]["claims"], filtered["totals"]["vague"]);

    let table = desk.run(&["report", "--ledger", "isnad.ledger.jsonl"]);
    assert!(
        table.contains("Reviewed claims") && table.contains("mostly-false"),
        "{table}"
    );

    // ClaimReview needs the organization: from flags or isnad.toml.
    let err = desk
        .cmd()
        .args(["report", "--ledger", "--format", "claimreview"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8(err).unwrap().contains("--org-name"));
    let review: serde_json::Value = serde_json::from_str(&desk.run(&[
        "report",
        "--ledger",
        "--format",
        "claimreview",
        "--org-name",
        "Example Fact Check",
        "--org-url",
        "https://factcheck.example",
    ]))
    .unwrap();
    assert_valid("claimreview", &review);
    write(
        desk.dir.path(),
        "isnad.toml",
        "[report]\norganization = \"Example Fact Check\"\norganization_url = \"https://factcheck.example\"\n",
    );
    let from_config: serde_json::Value =
        serde_json::from_str(&desk.run(&["report", "--ledger", "--format", "claimreview"]))
            .unwrap();
    assert_eq!(review, from_config);
    let node = &review["@graph"][0];
    assert_eq!(review["@context"], "https://schema.org");
    assert_eq!(review["@graph"].as_array().unwrap().len(), 1);
    assert_eq!(node["@type"], "ClaimReview");
    assert_eq!(node["claimReviewed"], vague["quote"]);
    assert_eq!(
        node["author"],
        serde_json::json!({"@type": "Organization", "name": "Example Fact Check", "url": "https://factcheck.example"})
    );
    assert_eq!(node["reviewRating"]["alternateName"], "Mostly false");
    assert_eq!(node["url"], "https://factcheck.example/1");
    assert_eq!(node["itemReviewed"]["@type"], "Claim");
    assert!(node["datePublished"].as_str().unwrap().len() == 10);

    let annotations: serde_json::Value =
        serde_json::from_str(&desk.run(&["report", "--ledger", "--format", "annotations"]))
            .unwrap();
    assert_valid("annotations", &annotations);
    let reviewed = annotations["first"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["motivation"] == "assessing")
        .unwrap();
    assert_eq!(reviewed["target"]["source"], "https://news.example/dam");
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

/// Runs headless Chromium on `page` with `extra` arguments; returns stdout
/// and stderr. Fails the test after 120 s.
fn headless(browser: &str, page: &Path, extra: &[&str]) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (out_dir.path().join("out"), out_dir.path().join("err"));
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    (
        std::fs::read_to_string(out_path).unwrap(),
        std::fs::read_to_string(err_path).unwrap(),
    )
}

#[test]
fn html_page_renders_in_headless_chromium() {
    let Some(browser) = require(chromium(), "Chromium (apt-get install chromium)") else {
        return;
    };
    let [ar, en] = examples();
    let page = report(&["--format", "html", &ar, &en]);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "report.html", &page);

    // Loaded with scripts run: no console error, no refused load (the CSP
    // forbids the network), highlights and the chart present.
    let (dom, log) = headless(
        browser,
        &path,
        &["--virtual-time-budget=3000", "--dump-dom"],
    );
    // Chromium logs every console message (log, warning, error, uncaught
    // exception, CSP refusal) as `...:CONSOLE:N] "message"`; the page logs none.
    for bad in [":CONSOLE", "Uncaught", "Refused to", "net::ERR_"] {
        assert!(!log.contains(bad), "{bad} in the browser log:\n{log}");
    }
    assert!(
        dom.contains("data-ready=\"yes\""),
        "the page's script did not finish:\n{}",
        &dom[..dom.len().min(2000)]
    );
    for highlight in ["class=\"cl at-vague sp\"", "cu", "ct hg", "at-attributed"] {
        assert!(dom.contains(highlight), "{highlight} missing");
    }
    assert!(dom.contains("dir=\"rtl\" lang=\"ar\""));
    assert!(dom.contains("<svg id=\"chart\""));

    // Sorting works in the browser: click the speaker column.
    let probe = page.replace(
        "</body>",
        "<script>document.querySelectorAll('#claim-table thead th')[2].click();\
         var names = Array.prototype.map.call(document.querySelectorAll('#claim-table tbody tr'), function (r) { return r.cells[2].textContent; });\
         var sorted = names.slice().sort(function (a, b) { return a.localeCompare(b); });\
         document.body.setAttribute('data-sorted', String(names.join('|') === sorted.join('|')));\
         document.body.setAttribute('data-aria', document.querySelectorAll('#claim-table thead th')[2].getAttribute('aria-sort'));</script></body>",
    );
    let probe_path = write(dir.path(), "probe.html", &probe);
    let (dom, log) = headless(
        browser,
        &probe_path,
        &["--virtual-time-budget=3000", "--dump-dom"],
    );
    assert!(!log.contains(":CONSOLE"), "{log}");
    assert!(
        dom.contains("data-sorted=\"true\""),
        "rows not sorted by speaker"
    );
    assert!(dom.contains("data-aria=\"ascending\""));

    // A screenshot, kept under target/tmp for people to look at.
    let shot: PathBuf = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("isnad-report.png");
    let _ = std::fs::remove_file(&shot);
    headless(
        browser,
        &path,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1200,1600",
            "--hide-scrollbars",
        ],
    );
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        png.len() > 20_000,
        "a suspiciously small screenshot: {} bytes",
        png.len()
    );
}
