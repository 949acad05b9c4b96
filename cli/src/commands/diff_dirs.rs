//! `isnad diff OLD_DIR NEW_DIR`: two snapshots of a site or a folder of
//! articles, compared file by file.
//!
//! Files are paired by their path relative to each directory (a record of
//! a JSON Lines batch by `PATH#URL`, or `PATH:LINE` without a URL); a file on one side only is compared
//! with an empty version, so its claims count as added or removed and it is
//! listed as such. Both sides are read through `run_batch` (in parallel, in
//! sorted order, `--keep-going`), so the output does not depend on the
//! number of threads.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use isnad_diff::{RenderOptions, Version, diff, render_human};
use isnad_model::{DIFF_SCHEMA_VERSION, DiffBatchDocument, DiffFile, ExtractionDocument};

use super::diff::{Args, Format};
use crate::input::{BatchReport, InputArgs, InputText, run_batch};
use crate::pipeline::Pipeline;
use crate::{CliError, Context, Outcome};

/// One side's file: where it was read, its text and its extraction.
struct Side {
    source: String,
    text: String,
    doc: ExtractionDocument,
}

/// The path of `source` relative to `dir` (as `run_batch` names files
/// found in a directory: `DIR/` followed by the relative path).
fn relative(source: &str, dir: &str) -> String {
    let rest = source.strip_prefix(dir).unwrap_or(source);
    rest.trim_start_matches(['/', '\\']).to_string()
}

/// What pairs an input with its other version: its relative path; for a
/// record of a JSON Lines batch, the batch's relative path and the record's
/// URL (scrapers reorder lines between runs), or its line without one.
fn key(input: &InputText, dir: &str) -> String {
    let rel = relative(&input.source, dir);
    match (input.record, &input.meta.url) {
        (Some(line), Some(url)) => {
            let file = rel
                .strip_suffix(&format!(":{line}"))
                .unwrap_or(&rel)
                .to_string();
            format!("{file}#{url}")
        }
        _ => rel,
    }
}

/// Reads and extracts every article under `dir`, keyed by [`key`].
fn read_side(
    args: &Args,
    dir: &str,
    pipeline: &Pipeline,
    ctx: &Context,
) -> Result<(BTreeMap<String, Side>, BatchReport), CliError> {
    let input = InputArgs::of(vec![dir.to_string()], args.lossy, args.keep_going);
    let mut files = BTreeMap::new();
    let mut report = run_batch(
        &input,
        ctx,
        |input| Ok(pipeline.extract(&input.source, &input.text, false)),
        |input, doc| {
            // A URL met twice in one batch: the later record keeps its line.
            let mut k = key(&input, dir);
            if files.contains_key(&k) {
                k = relative(&input.source, dir);
            }
            files.insert(
                k,
                Side {
                    source: input.source,
                    text: input.text,
                    doc,
                },
            );
            Ok(())
        },
    )?;
    if let Some(err) = report.take_stopped() {
        return Err(err);
    }
    Ok((files, report))
}

/// Runs `isnad diff OLD_DIR NEW_DIR`.
pub fn run(args: &Args, old_dir: &str, new_dir: &str, ctx: &Context) -> Result<Outcome, CliError> {
    let pipeline = Pipeline::new(&args.lexicon)?;
    let (old, old_report) = read_side(args, old_dir, &pipeline, ctx)?;
    let (new, new_report) = read_side(args, new_dir, &pipeline, ctx)?;

    let mut paths: Vec<&String> = old.keys().chain(new.keys()).collect();
    paths.sort();
    paths.dedup();
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let (o, n) = (old.get(path), new.get(path));
        let presence = match (o, n) {
            (Some(_), Some(_)) => "both",
            (Some(_), None) => "old_only",
            _ => "new_only",
        };
        // The missing side is an empty version at the path it would have.
        let empty = |dir: &str| {
            let source = format!("{}/{path}", dir.trim_end_matches(['/', '\\']));
            let doc = pipeline.extract(&source, "", false);
            Side {
                source,
                text: String::new(),
                doc,
            }
        };
        let (o_empty, n_empty);
        let o = match o {
            Some(side) => side,
            None => {
                o_empty = empty(old_dir);
                &o_empty
            }
        };
        let n = match n {
            Some(side) => side,
            None => {
                n_empty = empty(new_dir);
                &n_empty
            }
        };
        let mut result = diff(Version::new(&o.doc, &o.text), Version::new(&n.doc, &n.text));
        result.old.source.clone_from(&o.source);
        result.new.source.clone_from(&n.source);
        files.push(DiffFile {
            path: path.clone(),
            presence: presence.to_string(),
            diff: result,
        });
    }
    let batch = DiffBatchDocument {
        schema_version: DIFF_SCHEMA_VERSION.to_string(),
        old: old_dir.to_string(),
        new: new_dir.to_string(),
        claims_unchanged: files.iter().all(|f| f.diff.claims_unchanged),
        files,
    };
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&batch)
            .map(|s| s + "\n")
            .map_err(|e| CliError::library(e, None))?,
        Format::Human => human(&batch, args, ctx),
    };
    super::print_stdout(&text)?;
    let outcome = if batch.claims_unchanged {
        Outcome::Ok
    } else {
        Outcome::Findings
    };
    // Failures of either side end the command with exit 2.
    let changed = batch
        .files
        .iter()
        .filter(|f| !f.diff.claims_unchanged)
        .count();
    let extra = format!("{changed} with claim changes");
    let mut combined = old_report;
    combined.documents += new_report.documents;
    combined.failed += new_report.failed;
    combined.elapsed += new_report.elapsed;
    combined.finish(ctx, &extra, outcome)
}

/// The changed pairs in full, then one line per file on one side only and
/// a count of the unchanged ones.
fn human(batch: &DiffBatchDocument, args: &Args, ctx: &Context) -> String {
    let options = RenderOptions {
        color: ctx.color_stdout,
        strict: args.strict,
    };
    let mut out = String::new();
    let mut unchanged = 0usize;
    for file in &batch.files {
        let shown = file.diff.claims_unchanged && !(args.strict && has_formatting(file));
        match file.presence.as_str() {
            "old_only" => {
                let _ = writeln!(
                    out,
                    "only in {}: {} ({} claims removed)",
                    batch.old, file.path, file.diff.summary.claims_removed
                );
            }
            "new_only" => {
                let _ = writeln!(
                    out,
                    "only in {}: {} ({} claims added)",
                    batch.new, file.path, file.diff.summary.claims_added
                );
            }
            _ if shown => unchanged += 1,
            _ => {
                out.push_str(&render_human(&file.diff, options));
                out.push('\n');
            }
        }
    }
    let both = batch.files.iter().filter(|f| f.presence == "both").count();
    let _ = writeln!(
        out,
        "{both} files in both directories: {} with claim changes, {unchanged} without",
        both - unchanged
    );
    out
}

/// True when a pair's claims differ in formatting only (shown with `--strict`).
fn has_formatting(file: &DiffFile) -> bool {
    file.diff.claims.iter().any(|c| c.formatting.is_some())
}
