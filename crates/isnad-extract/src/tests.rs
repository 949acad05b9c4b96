//! Unit tests of the rules on small hand-written sentences.

use super::*;
use isnad_model::{Attribution, QuoteKind, Stance};

fn run(text: &str) -> Vec<Claim> {
    let ex = Extractor::builtin().unwrap();
    let mut input = Input::new(text, "sha256:test");
    input.explain = true;
    ex.extract(&input)
}

#[test]
fn arabic_verb_subject_content() {
    let c = run("وقال رئيس الوزراء، إن الحكومة ستعلن خطة جديدة.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].speaker.as_ref().unwrap().name, "رئيس الوزراء");
    assert_eq!(c[0].cue.as_ref().unwrap().text, "قال");
    assert_eq!(c[0].rule, "ar.verb-subject-content");
    assert_eq!(c[0].content.quote, QuoteKind::Indirect);
    let _ = (Attribution::Vague, Stance::Asserts);
}
