//! End-to-end tests of the ledger commands: init, record, add, review,
//! list, show, verify (tampering, torn tail, repair, expected head), head.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::PathBuf;

use predicates::prelude::*;
use support::{isnad, root};

/// A temporary working directory with a ledger in it.
struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        let desk = Desk {
            dir: tempfile::tempdir().unwrap(),
        };
        desk.cmd()
            .arg("init")
            .assert()
            .success()
            .stdout(predicate::str::contains("created"));
        desk
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn ledger(&self) -> PathBuf {
        self.path("isnad.ledger.jsonl")
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = isnad();
        cmd.current_dir(self.dir.path())
            .env("ISNAD_AUTHOR", "tester");
        cmd
    }

    fn run(&self, args: &[&str]) -> String {
        let mut cmd = self.cmd();
        cmd.args(args);
        support::stdout_of_success(cmd)
    }

    fn fails(&self, args: &[&str]) -> String {
        let mut cmd = self.cmd();
        cmd.args(args);
        support::stderr_of_error(cmd)
    }

    fn copy_example(&self, name: &str) -> PathBuf {
        let to = self.path(name);
        std::fs::copy(root().join("examples").join(name), &to).unwrap();
        to
    }

    fn lines(&self) -> Vec<String> {
        std::fs::read_to_string(self.ledger())
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    }

    fn write_lines(&self, lines: &[String]) {
        let mut text = lines.join("\n");
        text.push('\n');
        std::fs::write(self.ledger(), text).unwrap();
    }

    /// Records the English example and returns its short document id.
    fn record_en(&self) -> String {
        self.copy_example("en-article.txt");
        let out = self.run(&[
            "record",
            "en-article.txt",
            "--url",
            "https://example.org/dam",
            "--title",
            "Dam",
        ]);
        short_id(&out)
    }
}

fn short_id(record_output: &str) -> String {
    record_output.split_whitespace().nth(1).unwrap().to_string()
}

fn claim_ids(desk: &Desk) -> Vec<String> {
    desk.run(&["list", "--format", "jsonl"])
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn init_refuses_to_overwrite_and_ledger_option_and_env_work() {
    let desk = Desk::new();
    let err = desk.fails(&["init"]);
    assert!(err.contains("refusing to overwrite"), "{err}");
    desk.run(&["init", "--ledger", "other.jsonl"]);
    assert!(desk.path("other.jsonl").is_file());
    desk.cmd()
        .env("ISNAD_LEDGER", "third.jsonl")
        .arg("init")
        .assert()
        .success();
    assert!(desk.path("third.jsonl").is_file());
    // No ledger: a clear error.
    let err = desk.fails(&["list", "--ledger", "missing.jsonl"]);
    assert!(
        err.contains("no ledger here") && err.contains("isnad init"),
        "{err}"
    );
}

#[test]
fn record_unchanged_then_changed_version() {
    let desk = Desk::new();
    let short = desk.record_en();
    assert!(short.len() >= 8, "{short}");
    let before = desk.lines().len();
    assert!(before > 2, "a document entry and its claims");

    let again = desk.run(&[
        "record",
        "en-article.txt",
        "--url",
        "https://example.org/dam",
    ]);
    assert!(
        again.starts_with(&format!("unchanged {short} v1")),
        "{again}"
    );
    assert_eq!(
        desk.lines().len(),
        before,
        "an unchanged document appends nothing"
    );

    let path = desk.path("en-article.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("two more dams", "three more dams");
    std::fs::write(&path, text).unwrap();
    let changed = desk.run(&[
        "record",
        "en-article.txt",
        "--url",
        "https://example.org/dam",
    ]);
    assert!(
        changed.starts_with(&format!("recorded {short} v2")),
        "{changed}"
    );

    // The document is found by short id, URL, path, and version.
    for reference in [short.as_str(), "https://example.org/dam", "en-article.txt"] {
        let shown = desk.run(&["show", reference]);
        assert!(shown.contains("v1") && shown.contains("v2"), "{shown}");
    }
    desk.run(&["show", &format!("{short}@2")]);
    let err = desk.fails(&["show", &format!("{short}@3")]);
    assert!(err.contains("no version 3"), "{err}");

    // Without a URL a document is keyed by its path; stdin without URL by its text.
    desk.copy_example("ar-article.txt");
    let ar = desk.run(&["record", "./ar-article.txt"]);
    assert!(ar.contains(" v1 "), "{ar}");
    let ar2 = desk.run(&["record", "ar-article.txt"]);
    assert!(ar2.starts_with("unchanged"), "{ar2}");
    desk.run(&["verify"]);
}

#[test]
fn record_many_files_and_stdin() {
    let desk = Desk::new();
    desk.copy_example("en-article.txt");
    desk.copy_example("ar-article.txt");
    let out = desk.run(&["record", "en-article.txt", "ar-article.txt"]);
    assert_eq!(
        out.lines().filter(|l| l.starts_with("recorded ")).count(),
        2,
        "{out}"
    );
    // --url describes one document only.
    let err = desk.fails(&[
        "record",
        "en-article.txt",
        "ar-article.txt",
        "--url",
        "https://x.example",
    ]);
    assert!(err.contains("one document"), "{err}");
    // Standard input, keyed by its URL; the same text again is unchanged.
    let text = std::fs::read(desk.path("en-article.txt")).unwrap();
    let out = desk
        .cmd()
        .args(["record", "-", "--url", "https://example.org/stdin"])
        .write_stdin(text.clone())
        .assert()
        .success();
    let first = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        first.starts_with("recorded ") && first.contains(" v1 -"),
        "{first}"
    );
    let out = desk
        .cmd()
        .args(["record", "-", "--url", "https://example.org/stdin"])
        .write_stdin(text)
        .assert()
        .success();
    assert!(
        String::from_utf8(out.get_output().stdout.clone())
            .unwrap()
            .starts_with("unchanged ")
    );
    // A missing file fails the batch (exit 2) but the others are recorded.
    desk.copy_example("en-article.txt");
    std::fs::write(
        desk.path("new.txt"),
        "The minister said the bridge would open in May.\n",
    )
    .unwrap();
    let out = desk
        .cmd()
        .args(["record", "new.txt", "missing.txt"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8(out.stdout).unwrap().contains("recorded "));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("missing.txt")
    );
    desk.run(&["verify"]);
}

#[test]
fn claim_ids_are_unique_and_keep_the_extraction_id() {
    let desk = Desk::new();
    desk.record_en();
    let lines = desk.run(&["list", "--format", "jsonl"]);
    let mut ids = Vec::new();
    for line in lines.lines() {
        let claim: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(claim["extraction_id"].as_str().unwrap().starts_with("c-"));
        assert_eq!(claim["selector"]["type"], "TextQuoteSelector");
        assert!(
            claim["passage_fingerprint"]
                .as_str()
                .unwrap()
                .starts_with("sha256:")
        );
        ids.push(claim["id"].as_str().unwrap().to_string());
    }
    assert!(!ids.is_empty());
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
}

#[test]
fn add_verified_refused_and_unverified() {
    let desk = Desk::new();
    let short = desk.record_en();

    // Verified: spacing and case differences are normalized away.
    let out = desk.run(&[
        "add",
        "--doc",
        &short,
        "--speaker",
        "Samer Khatib",
        "--quote",
        "the funding was  fully secured",
        "--cue",
        "told",
    ]);
    assert!(
        out.starts_with("added k") && out.contains("verified: similarity 1.00"),
        "{out}"
    );
    // Approximate: a slightly misquoted sentence is still found.
    let out = desk.run(&[
        "add",
        "--doc",
        "https://example.org/dam",
        "--speaker",
        "Sources",
        "--quote",
        "the cost could rise to double the announced budget",
    ]);
    assert!(
        out.contains("verified: similarity 0.") || out.contains("verified: similarity 1.00"),
        "{out}"
    );

    // Refused: not in the source; names the closest passage and its similarity.
    let err = desk.fails(&[
        "add",
        "--doc",
        &short,
        "--speaker",
        "Khatib",
        "--quote",
        "we will lower taxes for every farmer",
    ]);
    assert!(
        err.contains("not in document")
            && err.contains("similarity")
            && err.contains("--unverified"),
        "{err}"
    );
    let count = desk.lines().len();

    // Unverified: stored and flagged.
    let out = desk.run(&[
        "add",
        "--doc",
        &short,
        "--speaker",
        "Khatib",
        "--quote",
        "we will lower taxes for every farmer",
        "--unverified",
        "--note",
        "said on the radio",
    ]);
    assert!(out.contains("UNVERIFIED"), "{out}");
    assert_eq!(desk.lines().len(), count + 1);
    let last: serde_json::Value = serde_json::from_str(desk.lines().last().unwrap()).unwrap();
    assert_eq!(last["verified"], false);
    assert_eq!(last["origin"], "manual");
    assert!(last.get("span").is_none());
    let table = desk.run(&["list", "--speaker", "khatib"]);
    assert!(table.contains("[unverified]"), "{table}");

    // Unknown document.
    let err = desk.fails(&[
        "add",
        "--doc",
        "ffffffffff",
        "--speaker",
        "x",
        "--quote",
        "y",
    ]);
    assert!(err.contains("no document"), "{err}");
    desk.run(&["verify"]);
}

#[test]
fn no_text_documents_say_what_cannot_be_checked() {
    let desk = Desk::new();
    desk.copy_example("en-article.txt");
    let out = desk.run(&["record", "--no-text", "en-article.txt"]);
    let short = short_id(&out);
    let err = desk.fails(&[
        "add",
        "--doc",
        &short,
        "--speaker",
        "x",
        "--quote",
        "the funding was fully secured",
    ]);
    assert!(err.contains("without its text"), "{err}");
    desk.run(&[
        "add",
        "--doc",
        &short,
        "--speaker",
        "x",
        "--quote",
        "the funding was fully secured",
        "--unverified",
    ]);
    let verify = desk.run(&["verify"]);
    assert!(
        verify.contains("recorded without its text") && verify.contains("ok:"),
        "{verify}"
    );
}

#[test]
fn review_and_show_a_claim() {
    let desk = Desk::new();
    desk.record_en();
    let ids = claim_ids(&desk);
    let id = &ids[0];
    let out = desk.run(&[
        "review",
        &id[..8],
        "--rating",
        "misleading",
        "--note",
        "the date is wrong",
        "--url",
        "https://example.org/fc/1",
    ]);
    assert_eq!(out, format!("reviewed {id}: misleading\n"));
    let shown = desk.run(&["show", id]);
    for part in [
        "source passage",
        "document versions",
        "misleading",
        "the date is wrong",
        "by tester",
    ] {
        assert!(shown.contains(part), "missing {part:?} in\n{shown}");
    }
    let table = desk.run(&["list"]);
    assert!(table.contains("misleading"), "{table}");
    let err = desk.fails(&["review", "knope", "--rating", "false"]);
    assert!(err.contains("no claim"), "{err}");
    desk.cmd()
        .args(["review", id, "--rating", "sort-of"])
        .assert()
        .code(2);
}

#[test]
fn correct_and_withdraw_append_entries_and_withdrawn_claims_leave_the_list() {
    let desk = Desk::new();
    desk.record_en();
    let ids = claim_ids(&desk);
    let before = desk.lines().len();
    let out = desk.run(&[
        "correct",
        &ids[0],
        "--note",
        "the speaker is the deputy minister",
    ]);
    assert!(out.starts_with("corrected sha256:"), "{out}");
    assert_eq!(
        claim_ids(&desk),
        ids,
        "a correction does not remove the claim"
    );
    let out = desk.run(&[
        "correct",
        &ids[1][..10],
        "--withdraw",
        "--note",
        "logged from the wrong article",
    ]);
    assert!(out.starts_with("withdrew sha256:"), "{out}");
    let after = claim_ids(&desk);
    assert_eq!(after.len(), ids.len() - 1);
    assert!(!after.contains(&ids[1]));
    let shown = desk.run(&["show", &ids[1]]);
    assert!(shown.to_lowercase().contains("withdrawn"), "{shown}");
    // Nothing was edited in place: two lines more, the chain still verifies.
    assert_eq!(desk.lines().len(), before + 2);
    desk.run(&["verify"]);
    let err = desk.fails(&["correct", &ids[0], "--note", " "]);
    assert!(err.contains("needs a note"), "{err}");
    let err = desk.fails(&["correct", "knope", "--note", "x"]);
    assert!(err.contains("no claim"), "{err}");
}

#[test]
fn the_author_comes_from_the_flag_the_environment_or_isnad_toml() {
    let desk = Desk::new();
    std::fs::write(desk.path("isnad.toml"), "author = \"Desk A\"\n").unwrap();
    desk.copy_example("en-article.txt");
    // ISNAD_AUTHOR (set by the desk) wins over the file; the file over the login name.
    let header = desk.lines().len();
    desk.cmd()
        .env_remove("ISNAD_AUTHOR")
        .args(["record", "en-article.txt"])
        .assert()
        .success();
    let authors: Vec<String> = desk
        .lines()
        .iter()
        .skip(header)
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["author"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(authors.iter().all(|a| a == "Desk A"), "{authors:?}");
    let id = &claim_ids(&desk)[0];
    desk.run(&["review", id, "--rating", "true"]);
    desk.cmd()
        .args(["review", id, "--rating", "false", "--author", "Flag B"])
        .assert()
        .success();
    let last: Vec<String> = desk
        .lines()
        .iter()
        .rev()
        .take(2)
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["author"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(last, ["Flag B", "tester"]);
    std::fs::write(desk.path("isnad.toml"), "autor = \"typo\"\n").unwrap();
    let err = desk
        .cmd()
        .env_remove("ISNAD_AUTHOR")
        .args(["review", id, "--rating", "true"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8(err).unwrap().contains("isnad.toml:1:1"));
}

#[test]
fn list_filters_and_formats() {
    let desk = Desk::new();
    let en = desk.record_en();
    desk.copy_example("ar-article.txt");
    desk.run(&["record", "ar-article.txt"]);
    let all = claim_ids(&desk).len();
    let count = |args: &[&str]| {
        let mut full = vec!["list", "--format", "jsonl"];
        full.extend_from_slice(args);
        desk.run(&full).lines().count()
    };
    let en_count = count(&["--doc", &en]);
    assert!(en_count > 0 && en_count < all);
    let vague = count(&["--attribution", "vague"]);
    let attributed = count(&["--attribution", "attributed"]);
    let unattributed = count(&["--attribution", "unattributed"]);
    assert_eq!(vague + attributed + unattributed, all);
    assert!(vague > 0);
    assert_eq!(
        count(&["--certainty", "hedged"]) + count(&["--certainty", "asserted"]),
        all
    );
    assert!(count(&["--speaker", "KHATIB"]) >= 1);
    assert!(count(&["--speaker", "وزير"]) >= 1);
    assert_eq!(count(&["--since", "2000-01-01"]), all);
    assert_eq!(count(&["--until", "2000-01-01"]), 0);
    assert_eq!(count(&["--since", "2999-01-01T00:00:00Z"]), 0);
    desk.cmd()
        .args(["list", "--since", "last week"])
        .assert()
        .code(2);

    // json is an array of claim entries; every jsonl line fits the published schema.
    let json: serde_json::Value =
        serde_json::from_str(&desk.run(&["list", "--format", "json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), all);
    let schema: serde_json::Value = serde_json::from_slice(
        &std::fs::read(root().join("schemas/ledger-entry-claim.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for line in desk.run(&["list", "--format", "jsonl"]).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(validator.is_valid(&v), "{line}");
    }
    let csv = desk.run(&["list", "--format", "csv"]);
    assert!(csv.starts_with("id,doc,version,speaker,attribution"));
    assert_eq!(csv.lines().count(), all + 1);
}

#[test]
fn every_ledger_line_fits_its_published_schema() {
    let desk = Desk::new();
    desk.record_en();
    let id = claim_ids(&desk).remove(0);
    desk.run(&["review", &id, "--rating", "true"]);
    for line in desk.lines() {
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        let kind = v["kind"].as_str().unwrap();
        let schema: serde_json::Value = serde_json::from_slice(
            &std::fs::read(root().join(format!("schemas/ledger-entry-{kind}.json"))).unwrap(),
        )
        .unwrap();
        assert!(
            jsonschema::validator_for(&schema).unwrap().is_valid(&v),
            "{kind}: {line}"
        );
    }
}

/// A ledger with a few entries, for the tampering tests.
fn tamper_desk() -> Desk {
    let desk = Desk::new();
    desk.record_en();
    let ok = desk.run(&["verify"]);
    assert!(ok.starts_with("ok: "), "{ok}");
    desk
}

fn verify_error(desk: &Desk) -> String {
    desk.fails(&["verify"])
}

#[test]
fn verify_catches_an_edited_byte() {
    let desk = tamper_desk();
    let mut lines = desk.lines();
    lines[3] = lines[3].replacen("\"author\":\"tester\"", "\"author\":\"tester2\"", 1);
    desk.write_lines(&lines);
    let err = verify_error(&desk);
    assert!(
        err.contains("isnad.ledger.jsonl:4: changed: the content of entry 4"),
        "{err}"
    );
    // Reading commands warn, appending is refused.
    let out = desk
        .cmd()
        .arg("list")
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    assert!(
        String::from_utf8(out)
            .unwrap()
            .contains("fails verification")
    );
    let err = desk.fails(&["review", &claim_ids(&desk)[0], "--rating", "true"]);
    assert!(err.contains("fails verification"), "{err}");
}

#[test]
fn verify_catches_a_deleted_line() {
    let desk = tamper_desk();
    let mut lines = desk.lines();
    lines.remove(2);
    desk.write_lines(&lines);
    let err = verify_error(&desk);
    assert!(
        err.contains(":3: removed") && err.contains("entry 3 is missing"),
        "{err}"
    );
}

#[test]
fn verify_catches_reordered_lines() {
    let desk = tamper_desk();
    let mut lines = desk.lines();
    lines.swap(3, 4);
    desk.write_lines(&lines);
    let err = verify_error(&desk);
    assert!(err.contains(":4: reordered"), "{err}");
}

#[test]
fn verify_catches_an_inserted_line() {
    let desk = tamper_desk();
    let mut lines = desk.lines();
    let copy = lines[2].clone();
    lines.insert(4, copy);
    desk.write_lines(&lines);
    let err = verify_error(&desk);
    assert!(
        err.contains(":5: inserted") && err.contains("copy of line 3"),
        "{err}"
    );
}

#[test]
fn verify_catches_a_forged_but_rehashed_entry_with_the_published_head() {
    let desk = tamper_desk();
    let head = desk.run(&["head"]);
    let (hash, count) = head.trim().split_once(' ').unwrap();
    assert_eq!(count.parse::<usize>().unwrap(), desk.lines().len());
    let ok = desk.run(&["verify", "--expect-head", hash]);
    assert!(ok.contains("expected head found at line"), "{ok}");

    // A forger who rewrites an entry and recomputes every hash after it
    // keeps a self-consistent chain, but loses the published head.
    let mut lines = desk.lines();
    let mut prev = isnad_ledger::GENESIS.to_string();
    for (i, line) in lines.iter_mut().enumerate() {
        let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
        if i == 2 {
            v["author"] = "forger".into();
        }
        v["prev"] = prev.clone().into();
        v.as_object_mut().unwrap().remove("hash");
        let body = isnad_ledger::chain::canonical_body(&v).unwrap();
        let (new_line, hash) = isnad_ledger::chain::line_from_body(&body).unwrap();
        *line = String::from_utf8(new_line).unwrap();
        prev = hash;
    }
    desk.write_lines(&lines);
    desk.run(&["verify"]);
    let err = desk.fails(&["verify", "--expect-head", hash]);
    assert!(err.contains("head missing"), "{err}");
}

#[test]
fn verify_refuses_a_future_version_and_a_wrong_schema() {
    let desk = tamper_desk();
    let append_forged = |edit: &dyn Fn(&mut serde_json::Value)| {
        let lines = desk.lines();
        let last: serde_json::Value = serde_json::from_str(lines.last().unwrap()).unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&lines[lines.len() - 1]).unwrap();
        v["seq"] = (lines.len() as u64 + 1).into();
        v["prev"] = last["hash"].clone();
        edit(&mut v);
        v.as_object_mut().unwrap().remove("hash");
        let body = isnad_ledger::chain::canonical_body(&v).unwrap();
        let (line, _) = isnad_ledger::chain::line_from_body(&body).unwrap();
        let mut all = lines.clone();
        all.push(String::from_utf8(line).unwrap());
        desk.write_lines(&all);
        lines
    };
    let original = append_forged(&|v| v["schema_version"] = "2.0.0".into());
    let err = verify_error(&desk);
    assert!(
        err.contains("future version") && err.contains("upgrade isnad"),
        "{err}"
    );
    let err = desk.fails(&["list"]);
    assert!(err.contains("newer than this isnad reads"), "{err}");
    desk.write_lines(&original);

    append_forged(&|v| v["verified"] = "yes".into());
    let err = verify_error(&desk);
    assert!(err.contains("wrong schema"), "{err}");
}

#[test]
fn torn_tail_is_reported_and_repaired() {
    let desk = tamper_desk();
    let before = desk.lines();
    let mut bytes = std::fs::read(desk.ledger()).unwrap();
    bytes.extend_from_slice(b"{\"author\":\"tester\",\"kind\":\"rev");
    std::fs::write(desk.ledger(), &bytes).unwrap();

    let err = verify_error(&desk);
    assert!(
        err.contains("torn tail") && err.contains("--repair"),
        "{err}"
    );
    let err = desk.fails(&["review", &claim_ids(&desk)[0], "--rating", "true"]);
    assert!(err.contains("torn tail"), "{err}");

    let out = desk.run(&["verify", "--repair"]);
    assert!(out.contains("repaired") && out.contains("ok: "), "{out}");
    assert_eq!(desk.lines(), before, "no complete entry lost");
    let side: Vec<PathBuf> = std::fs::read_dir(desk.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".torn-"))
        .collect();
    assert_eq!(side.len(), 1);
    assert_eq!(
        std::fs::read(&side[0]).unwrap(),
        b"{\"author\":\"tester\",\"kind\":\"rev"
    );
    // And the ledger takes appends again.
    desk.run(&["review", &claim_ids(&desk)[0], "--rating", "true"]);
    desk.run(&["verify"]);
}

#[test]
fn a_read_only_ledger_is_left_as_it_was() {
    let desk = tamper_desk();
    let before = std::fs::read(desk.ledger()).unwrap();
    let mut perms = std::fs::metadata(desk.ledger()).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(desk.ledger(), perms.clone()).unwrap();
    // root ignores file permissions: only check when they apply.
    let writable = std::fs::OpenOptions::new()
        .append(true)
        .open(desk.ledger())
        .is_ok();
    if !writable {
        let err = desk.fails(&["review", &claim_ids(&desk)[0], "--rating", "true"]);
        assert!(err.contains("cannot open for appending"), "{err}");
    }
    assert_eq!(std::fs::read(desk.ledger()).unwrap(), before);
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(desk.ledger(), perms).unwrap();
}

#[test]
fn every_ledger_command_has_examples_in_help() {
    for sub in [
        "init", "record", "add", "review", "list", "show", "verify", "head",
    ] {
        isnad()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"));
    }
}
