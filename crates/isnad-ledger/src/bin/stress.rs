//! Test and benchmark helper (not part of the user interface): appends
//! `COUNT` entries to a ledger through the real append path (lock, write,
//! sync) and prints each entry's `seq` and note once it is durable.
//!
//! ```text
//! isnad-ledger-stress LEDGER COUNT [TAG] [--split] [--claims [--doc REF]] [--batch N] [--quiet]
//! ```
//!
//! * default: corrections of the header, one append each;
//! * `--claims`: records one small document, then hand-logged claims
//!   (unverified) against it; with `--doc REF`, against a document already
//!   in the ledger (recorded by `isnad record`, so that its fingerprints
//!   are the hasher's and the full check of `verify` passes);
//! * `--batch N`: N entries per append (one write and one sync per batch);
//! * `--split`: write each batch in two parts with a pause between (fault
//!   injection for the crash test);
//! * `--quiet`: print only a summary (entries, seconds, entries/s).
use std::io::Write;
use std::time::Instant;

use isnad_ledger::ops::{self, AddRequest, DocumentDraft};
use isnad_ledger::{FileLedger, LedgerStore};
use isnad_model::{CorrectionAction, DocumentInfo, ExtractionDocument, Passage, PassageKind, Span};

const TEXT: &str = "The Ministry of Water said on Tuesday that the new dam would be finished before the rainy season.\n\nSources familiar with the project said the cost could rise to twice the announced budget.";

fn document() -> DocumentDraft {
    let sha = isnad_ledger::chain::sha256_tagged(TEXT.as_bytes());
    let len = TEXT.chars().count();
    DocumentDraft {
        extraction: ExtractionDocument {
            schema_version: isnad_model::EXTRACTION_SCHEMA_VERSION.into(),
            document: DocumentInfo {
                source: "stress.txt".into(),
                language: "en".into(),
                fingerprint: sha.clone(),
                normalization: "isnad-norm-1".into(),
                length: len,
                text: None,
                ..Default::default()
            },
            passages: vec![Passage {
                id: "p1".into(),
                span: Span::new(0, len),
                fingerprint: sha,
                kind: PassageKind::Paragraph,
                language: "en".into(),
            }],
            claims: Vec::new(),
        },
        text: TEXT.into(),
        url: Some("https://example.org/stress".into()),
        title: None,
        published: None,
        keep_text: true,
    }
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(count)) = (args.get(1), args.get(2).and_then(|c| c.parse::<u64>().ok()))
    else {
        eprintln!(
            "usage: isnad-ledger-stress LEDGER COUNT [TAG] [--split] [--claims] [--batch N] [--quiet]"
        );
        return std::process::ExitCode::from(2);
    };
    let tag = args
        .get(3)
        .filter(|t| !t.starts_with("--"))
        .cloned()
        .unwrap_or_default();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let batch: u64 = args
        .iter()
        .position(|a| a == "--batch")
        .and_then(|i| args.get(i + 1))
        .and_then(|b| b.parse().ok())
        .unwrap_or(1)
        .max(1);
    let (claims, quiet) = (flag("--claims"), flag("--quiet"));
    let doc_ref = args
        .iter()
        .position(|a| a == "--doc")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let mut ledger = FileLedger::new(path);
    ledger.split_writes_for_crash_tests(flag("--split"));
    if claims && doc_ref.is_none() {
        let draft = document();
        if let Err(e) = ledger.append(&mut |index| Ok(ops::plan_record(index, &draft, "stress").0))
        {
            eprintln!("{e}");
            return std::process::ExitCode::from(2);
        }
    }
    let mut out = std::io::stdout().lock();
    let started = Instant::now();
    let mut done = 0;
    while done < count {
        let n = batch.min(count - done);
        let result = ledger.append(&mut |index| {
            let mut entries = Vec::new();
            for i in done..done + n {
                let note = format!("{tag}:{i}");
                if claims {
                    let request = AddRequest {
                        doc: doc_ref
                            .clone()
                            .unwrap_or_else(|| "https://example.org/stress".into()),
                        speaker: format!("Speaker {}", i % 97),
                        quote: format!(
                            "the cost could rise to {} times the announced budget",
                            i % 13
                        ),
                        note: Some(note),
                        unverified: true,
                        min_similarity: 0.85,
                        ..AddRequest::default()
                    };
                    let (mut entry, _) = ops::plan_add(index, &request, "stress", &|_, _| None)?;
                    // plan_add derives the id from the next seq; give each
                    // claim of a batch its own.
                    if let isnad_ledger::Entry::Claim(c) = &mut entry {
                        c.id = format!("k{:016x}", index.len() + 1 + (i - done));
                    }
                    entries.push(entry);
                } else {
                    let target = index
                        .entries()
                        .first()
                        .map(|e| e.hash().to_string())
                        .unwrap_or_default();
                    entries.push(ops::plan_correction(
                        index,
                        &target,
                        CorrectionAction::Correct,
                        &note,
                        "stress",
                    )?);
                }
            }
            Ok(entries)
        });
        match result {
            Ok(entries) => {
                if !quiet {
                    for e in entries {
                        let note = match &e {
                            isnad_ledger::Entry::Correction(c) => c.note.clone(),
                            isnad_ledger::Entry::Claim(c) => c.note.clone().unwrap_or_default(),
                            _ => String::new(),
                        };
                        let _ = writeln!(out, "{} {note}", e.seq());
                        let _ = out.flush();
                    }
                }
            }
            Err(e) => {
                eprintln!("{e}");
                return std::process::ExitCode::from(2);
            }
        }
        done += n;
    }
    if quiet {
        let secs = started.elapsed().as_secs_f64();
        let _ = writeln!(
            out,
            "{count} entries in {secs:.3} s: {:.0} entries/s (batch {batch})",
            count as f64 / secs
        );
    }
    std::process::ExitCode::SUCCESS
}
