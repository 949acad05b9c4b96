//! Several processes on one ledger: concurrent appends through the real
//! lock, and writers killed with SIGKILL at random moments.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use isnad_ledger::{Entry, FileLedger, LedgerStore, VerifyOptions};

fn stress() -> Command {
    Command::new(env!("CARGO_BIN_EXE_isnad-ledger-stress"))
}

fn notes(path: &Path) -> Vec<(u64, String)> {
    let mut ledger = FileLedger::new(path);
    let index = ledger.load().unwrap();
    index
        .entries()
        .iter()
        .filter_map(|e| match e {
            Entry::Correction(c) => Some((c.seq, c.note.clone())),
            _ => None,
        })
        .collect()
}

/// 8 processes append 500 entries each, one lock + write + sync per entry:
/// all 4,000 are there once, and the chain is valid.
#[test]
fn eight_writers_lose_and_duplicate_nothing() {
    const WRITERS: usize = 8;
    const EACH: usize = 500;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("isnad.ledger.jsonl");
    FileLedger::new(&path).init("test", "test").unwrap();
    let started = Instant::now();
    let children: Vec<_> = (0..WRITERS)
        .map(|w| {
            stress()
                .arg(&path)
                .arg(EACH.to_string())
                .arg(format!("w{w}"))
                .stdout(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut acknowledged = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        acknowledged += String::from_utf8(out.stdout).unwrap().lines().count();
    }
    eprintln!(
        "{} appends by {WRITERS} processes in {:?}",
        WRITERS * EACH,
        started.elapsed()
    );
    assert_eq!(acknowledged, WRITERS * EACH);

    let mut ledger = FileLedger::new(&path);
    let report = ledger
        .verify(&VerifyOptions {
            full: true,
            ..Default::default()
        })
        .unwrap();
    assert!(report.is_ok(), "{:?}", report.problem);
    assert_eq!(report.entries, (WRITERS * EACH + 1) as u64);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (_, note) in notes(&path) {
        *seen.entry(note).or_default() += 1;
    }
    assert_eq!(seen.len(), WRITERS * EACH);
    for w in 0..WRITERS {
        for i in 0..EACH {
            assert_eq!(seen.get(&format!("w{w}:{i}")), Some(&1), "w{w}:{i}");
        }
    }
}

/// A tiny deterministic generator (xorshift), seeded from the clock and
/// printed, so a failure can be replayed with `ISNAD_CRASH_SEED`.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below.max(1)
    }
}

/// A writer that splits every entry in two writes is killed with SIGKILL
/// at random moments, again and again: after each kill `verify` finds a
/// valid chain or a torn tail, `repair` fixes the tail, and every entry
/// the writer saw synced is still there.
#[test]
fn writers_killed_at_random_lose_no_complete_entry() {
    let rounds: u64 = std::env::var("ISNAD_CRASH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(12);
    let seed = std::env::var("ISNAD_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("crash test: seed {seed}, {rounds} rounds (ISNAD_CRASH_SEED / ISNAD_CRASH_ROUNDS)");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("isnad.ledger.jsonl");
    FileLedger::new(&path).init("test", "test").unwrap();
    let mut acknowledged: HashMap<u64, String> = HashMap::new();
    let (mut torn, mut clean) = (0, 0);
    for round in 0..rounds {
        let mut child = stress()
            .arg(&path)
            .arg("100000")
            .arg(format!("r{round}"))
            .arg("--split")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(5 + rng.next(60)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        for line in out.lines() {
            let (seq, note) = line.split_once(' ').unwrap();
            acknowledged.insert(seq.parse().unwrap(), note.to_string());
        }

        let mut ledger = FileLedger::new(&path);
        let report = ledger
            .verify(&VerifyOptions {
                full: true,
                ..Default::default()
            })
            .unwrap();
        assert!(
            report.problem.is_none(),
            "round {round}: {:?}",
            report.problem
        );
        if report.torn.is_some() {
            torn += 1;
            let repaired = ledger.repair().unwrap().expect("a torn tail to move");
            assert!(Path::new(&repaired.side_file).is_file());
            let again = ledger.verify(&VerifyOptions::default()).unwrap();
            assert!(
                again.is_ok(),
                "round {round} after repair: {:?}",
                again.problem
            );
        } else {
            clean += 1;
        }
        let present: HashMap<u64, String> = notes(&path).into_iter().collect();
        for (seq, note) in &acknowledged {
            assert_eq!(
                present.get(seq),
                Some(note),
                "round {round}: acknowledged entry {seq} lost"
            );
        }
    }
    eprintln!(
        "crash test: {torn} torn tails repaired, {clean} clean stops, {} entries acknowledged",
        acknowledged.len()
    );
}
