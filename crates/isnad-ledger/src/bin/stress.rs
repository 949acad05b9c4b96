//! Test-only helper for the concurrency and crash tests: appends `COUNT`
//! review-less entries (corrections of the header) to a ledger, one append
//! (lock, write, sync) each, and prints each entry's `seq` once it is
//! durable. `--split` writes each entry in two parts (fault injection).
use std::io::Write;

use isnad_ledger::{FileLedger, LedgerStore, ops};
use isnad_model::CorrectionAction;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(count)) = (args.get(1), args.get(2).and_then(|c| c.parse::<u64>().ok()))
    else {
        eprintln!("usage: isnad-ledger-stress LEDGER COUNT [TAG] [--split]");
        return std::process::ExitCode::from(2);
    };
    let tag = args.get(3).cloned().unwrap_or_default();
    let mut ledger = FileLedger::new(path);
    ledger.split_writes_for_crash_tests(args.iter().any(|a| a == "--split"));
    let mut out = std::io::stdout().lock();
    for i in 0..count {
        let note = format!("{tag}:{i}");
        let result = ledger.append(&mut |index| {
            let target = index
                .entries()
                .first()
                .map(|e| e.hash().to_string())
                .unwrap_or_default();
            Ok(vec![ops::plan_correction(
                index,
                &target,
                CorrectionAction::Correct,
                &note,
                "stress",
            )?])
        });
        match result {
            Ok(entries) => {
                for e in entries {
                    let _ = writeln!(out, "{} {note}", e.seq());
                    let _ = out.flush();
                }
            }
            Err(e) => {
                eprintln!("{e}");
                return std::process::ExitCode::from(2);
            }
        }
    }
    std::process::ExitCode::SUCCESS
}
