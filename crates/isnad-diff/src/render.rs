//! The human view of a diff: one block per changed claim, a summary line.
//!
//! Text from the article is wrapped in Unicode directional isolates (FSI …
//! PDI) when it holds right-to-left letters, so an Arabic quote inside an
//! English label line keeps both in their own order on terminals that apply
//! the bidirectional algorithm, and is harmless on those that don't. Word
//! edits are marked `[-removed-]` and `{+added+}` (as `git diff
//! --word-diff` does), and also coloured when `color` is true.

use std::fmt::Write as _;

use isnad_model::{ClaimChange, ClaimSnapshot, DiffDocument, FieldChange};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Options for the human view.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// ANSI colours (the CLI decides: terminal and no `NO_COLOR`).
    pub color: bool,
    /// Also list claims whose text changed only in formatting.
    pub strict: bool,
}

/// Renders `diff` for people.
pub fn render_human(diff: &DiffDocument, options: RenderOptions) -> String {
    let paint = Painter {
        color: options.color,
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} → {}",
        paint.style(BOLD, "isnad diff"),
        diff.old.source,
        diff.new.source
    );
    for change in &diff.claims {
        match change.status.as_str() {
            "added" => {
                if let Some(new) = &change.new {
                    let _ = writeln!(
                        out,
                        "\n{} {}",
                        paint.style(GREEN, "+ claim added"),
                        where_(new)
                    );
                    claim_lines(&mut out, new, &paint);
                }
            }
            "removed" => {
                if let Some(old) = &change.old {
                    let _ = writeln!(
                        out,
                        "\n{} {}",
                        paint.style(RED, "- claim removed"),
                        where_(old)
                    );
                    claim_lines(&mut out, old, &paint);
                }
            }
            "changed" => changed_block(&mut out, change, &paint),
            _ if options.strict && change.formatting.is_some() => {
                if let (Some(old), Some(new)) = (&change.old, &change.new) {
                    let reason = change.formatting.as_deref().unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "\n{} {} ({reason})",
                        paint.style(DIM, "= formatting only"),
                        where_(new)
                    );
                    let _ = writeln!(out, "    old: {}", isolate(&old.text));
                    let _ = writeln!(out, "    new: {}", isolate(&new.text));
                }
            }
            _ => {}
        }
    }
    let s = &diff.summary;
    let verdict = if diff.claims_unchanged {
        "no claim change"
    } else {
        "claims changed"
    };
    let _ = writeln!(
        out,
        "\n{}: {} changed, {} added, {} removed, {} unchanged; passages: {} unchanged, {} moved, {} edited, {} added, {} removed",
        paint.style(BOLD, verdict),
        s.claims_changed,
        s.claims_added,
        s.claims_removed,
        s.claims_unchanged,
        s.passages_unchanged,
        s.passages_moved,
        s.passages_edited,
        s.passages_added,
        s.passages_removed,
    );
    let formatting = diff
        .claims
        .iter()
        .filter(|c| c.status == "unchanged" && c.formatting.is_some())
        .count();
    if formatting > 0 && !options.strict {
        let _ = writeln!(
            out,
            "{formatting} claims changed only in formatting (whitespace, diacritics, quotes, punctuation); --strict shows them"
        );
    }
    out
}

fn changed_block(out: &mut String, change: &ClaimChange, paint: &Painter) {
    let (Some(old), Some(new)) = (&change.old, &change.new) else {
        return;
    };
    let _ = writeln!(
        out,
        "\n{} {}",
        paint.style(YELLOW, "~ claim changed"),
        where_(new)
    );
    let _ = writeln!(out, "    {}", isolate(&new.text));
    let cue_changed = change.changes.iter().any(|f| f.kind == "cue");
    for field in &change.changes {
        // A cue change already names the stance change beside it.
        if field.kind == "stance" && cue_changed {
            continue;
        }
        let _ = writeln!(out, "    {}", describe(field, old, new, paint));
    }
    if !change.content_diff.is_empty() {
        let mut line = String::new();
        for edit in &change.content_diff {
            match edit.op.as_str() {
                "insert" => line.push_str(&paint.style(GREEN, &format!("{{+{}+}}", edit.text))),
                "delete" => line.push_str(&paint.style(RED, &format!("[-{}-]", edit.text))),
                _ => line.push_str(&edit.text),
            }
        }
        let _ = writeln!(out, "    words: {}", isolate(&line));
    }
}

fn claim_lines(out: &mut String, claim: &ClaimSnapshot, paint: &Painter) {
    let _ = writeln!(out, "    {}", isolate(&claim.text));
    if !claim.hedges.is_empty() {
        let hedges: Vec<String> = claim.hedges.iter().map(|h| quoted(h)).collect();
        let _ = writeln!(
            out,
            "    {}",
            paint.style(DIM, &format!("hedges: {}", hedges.join(", ")))
        );
    }
}

fn describe(
    field: &FieldChange,
    old: &ClaimSnapshot,
    new: &ClaimSnapshot,
    paint: &Painter,
) -> String {
    let o = field.old.as_deref().unwrap_or("none");
    let n = field.new.as_deref().unwrap_or("none");
    match field.kind.as_str() {
        "moved" => format!("moved: passage {o} → {n}"),
        "hedge_added" => format!("hedge added: {}", paint.style(GREEN, &quoted(n))),
        "hedge_removed" => format!("hedge removed: {}", paint.style(RED, &quoted(o))),
        "cue" => format!(
            "cue changed: {} → {} ({} → {})",
            quoted(o),
            quoted(n),
            serde_label(&old.stance),
            serde_label(&new.stance)
        ),
        "content" => "content reworded".to_string(),
        "text" => "worded differently".to_string(),
        "speaker" => format!("speaker changed: {} → {}", quoted(o), quoted(n)),
        kind => format!("{kind} changed: {o} → {n}"),
    }
}

fn where_(c: &ClaimSnapshot) -> String {
    let speaker = c
        .speaker
        .as_deref()
        .map(|s| format!(" {}", quoted(s)))
        .unwrap_or_default();
    format!(
        "({}, {}, {}{speaker})",
        c.passage, c.attribution, c.certainty
    )
}

/// «text» with direction isolation when needed.
fn quoted(text: &str) -> String {
    format!("«{}»", isolate(text))
}

/// Wraps right-to-left text in FSI … PDI.
fn isolate(text: &str) -> String {
    let rtl = text.chars().any(|c| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'));
    if rtl {
        format!("\u{2068}{text}\u{2069}")
    } else {
        text.to_string()
    }
}

fn serde_label<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

struct Painter {
    color: bool,
}

impl Painter {
    fn style(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}
