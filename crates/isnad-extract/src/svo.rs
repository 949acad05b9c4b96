//! Subject-first rules (English): "X said (that) ...", "..., said X",
//! "X, who ..., said", "X told Reuters ...", quotes before or after the
//! attribution, pronoun continuations ("he added").

use crate::compile::{Hit, bit};
use crate::engine::{Carry, Doc, Draft, Steps, reason};
use crate::lexicon::CueClass;
use isnad_model::Stance;

/// Cues that follow their content and precede their speaker after a plain
/// comma ("..., said Jeffrey Trimble, a senior official").
const INVERTED: &[&str] = &[
    "say", "add", "write", "explain", "note", "tell", "recall", "insist",
];

/// Cues whose object (the addressee) comes before the content.
const ADDRESSEE: &[&str] = &[
    "tell",
    "inform",
    "assure",
    "remind",
    "warn",
    "urge",
    "ask",
    "accuse",
    "criticize",
    "praise",
    "blame",
    "call",
    "thank",
];

/// Of those, the cues whose object is part of the content ("accused the
/// mayor of lying"): a comma after the object ends the content rather than
/// opening it ("..., a charge his office denied").
const OBJECT_IN_CONTENT: &[&str] = &["accuse", "criticize", "praise", "blame", "thank"];

pub(crate) fn sentence(d: &Doc<'_>, a: usize, b: usize, carry: &mut Carry) -> Vec<Draft> {
    let mut ds: Vec<Draft> = Vec::new();
    if d.link_line(a) {
        return ds;
    }
    if let Some(x) = d.headline(a, b, carry) {
        ds.push(x);
        return ds;
    }
    if let Some(x) = quote_dash(d, a, b, carry) {
        ds.push(x);
        return ds;
    }
    // attributions nested inside a direct quote are the quote's, not ours:
    // token i is inside one when a mark before it (from `a`) closes after it;
    // `reach` is the furthest close of the marks in [a, seen)
    let (mut seen, mut reach) = (a, 0);
    let mut quoted = |i: usize| {
        while seen < i {
            if let Some(c) = d.qclose_of(seen) {
                reach = reach.max(c);
            }
            seen += 1;
        }
        reach > i
    };
    // a title-case heading: "Trump Could Address Clean Energy, Graham Says"
    let title_case = d.title_case(a, b);
    let mut i = a;
    while i < b {
        let Some((h, ci)) = d.cue_of(i) else {
            i += 1;
            continue;
        };
        if quoted(i) {
            i = h.end.max(i + 1);
            continue;
        }
        // "United States", "Said Ali": a capitalized word inside a sentence
        // (a title-case heading capitalizes its cue: "Graham Says")
        if d.upper(i) && i > a && d.w(i - 1) && !title_case {
            i += 1;
            continue;
        }
        let next = h.end.max(i + 1);
        let made = match d.cue_class(ci) {
            CueClass::Verb => verb(d, &h, ci, a, b, carry),
            CueClass::Participle => d.participle_at(&h, ci, b, carry, &ds),
            CueClass::Source => d.source_at(&h, ci, a, b, carry),
            CueClass::Impersonal => d.impersonal_at(&h, ci, a, b),
            CueClass::Noun => noun(d, &h, ci, a, b, carry),
        };
        if let Some(x) = made {
            ds.push(x);
        }
        i = next;
    }
    d.chains(&mut ds);
    // "Captain Ryan Doyle was more blunt. "...," he told reporters.": a
    // person named as the subject of a sentence without a claim is the
    // antecedent of the next pronoun
    if ds.is_empty()
        && b > a + 2
        && let Some(e) = d.leading_name_end(b - 1)
        && e >= a + 2
        && d.words(a, e) == e - a
        && !(a..e).any(|i| {
            d.cls(
                i,
                bit!("group") | bit!("organization") | bit!("vague") | bit!("pronoun"),
            ) || d.nm(i).ends_with('s') && i + 1 == e
        })
    {
        carry.last = Some(d.make_speaker(a, e));
    }
    ds
}

/// `“...” ― Name`: a quotation signed with a dash.
fn quote_dash(d: &Doc<'_>, a: usize, b: usize, carry: &mut Carry) -> Option<Draft> {
    let a = (a..b).find(|&i| {
        i > 0
            && d.pu(i).is_some_and(|c| matches!(c, '―' | '—' | '–'))
            && d.pu(i - 1).is_some_and(|c| d.quote_mark(c))
    })?;
    let words = d.words(a + 1, b);
    if words == 0 || words > 6 || !d.upper(a + 1) {
        return None;
    }
    let close = a - 1;
    let o = (close.saturating_sub(400)..close)
        .rev()
        .find(|&o| d.qclose_of(o) == Some(close))?;
    let mut x = d.draft("quote-dash", None, (o, a));
    x.cue = Some((d.txt(a, a + 1), "―".into(), d.tspan(a, a + 1)));
    x.stance = isnad_model::Stance::Asserts;
    x.set_chained(false);
    x.steps
        .note(|| "a quotation signed with a dash: the name after the dash is the speaker".into());
    let sp = d.make_speaker(a + 1, d.tend(a + 1, b));
    carry.last = Some(sp.clone());
    d.put_speaker(&mut x, sp);
    Some(x)
}

/// A plausible English subject: a name, a pronoun, a vague source, or a
/// noun phrase with a determiner.
fn plausible(d: &Doc<'_>, s: usize, e: usize) -> bool {
    (s..e).any(|i| {
        d.upper(i)
            || d.cls(
                i,
                bit!("pronoun")
                    | bit!("vague")
                    | bit!("determiner")
                    | bit!("group")
                    | bit!("organization"),
            )
    })
}

fn ds_empty_speaker(carry: &Carry) -> bool {
    carry.last.is_none()
}

fn form_of<'d>(d: &'d Doc<'_>, h: &Hit) -> &'d str {
    d.nm(h.start)
}

fn is_sep(d: &Doc<'_>, i: usize) -> bool {
    d.pu(i)
        .is_some_and(|c| matches!(c, ',' | '،' | '—' | '–' | '-' | '(' | ')' | ';' | ':'))
}

fn verb(d: &Doc<'_>, h: &Hit, ci: usize, a: usize, b: usize, carry: &mut Carry) -> Option<Draft> {
    let lemma = d.cue_lemma(ci);
    // "needs to tell the truth", "too early to tell": an infinitive;
    // "what he called tribalism": a label inside a noun phrase
    if h.start > a
        && (d.nm(h.start - 1) == "to"
            || (h.start > a + 1
                && d.nm(h.start - 2) == "what"
                && d.cls(h.start - 1, bit!("pronoun"))))
    {
        return None;
    }
    // "declared a state of emergency": an act, not a report
    if d.lacks_intro(ci, h.end, b, 6) {
        return None;
    }
    // "the said report": an adjective; "is expected": a passive
    if h.start > a
        && (d.cls(h.start - 1, bit!("determiner"))
            || matches!(
                d.nm(h.start - 1),
                "is" | "are" | "was" | "were" | "be" | "been" | "being"
            ))
    {
        return None;
    }
    // inverted: `"...," said Smith` / `..., said the official`
    // only after a closing quotation: `"...," said Smith` (the comma may
    // stand outside the marks)
    let closes_quote =
        |p: usize| d.pu(p).is_some_and(|c| d.quote_mark(c)) && d.qclose_of(p).is_none();
    let prev_is_quote_or_comma = h.start > a
        && (closes_quote(h.start - 1)
            || (h.start - 1 > a
                && d.pu(h.start - 1).is_some_and(|c| matches!(c, ',' | '،'))
                && closes_quote(h.start - 2)));
    // `..., said Jeffrey Trimble, a senior official.`: after a plain comma
    // too, when a name or a noun phrase with a determiner follows
    let after_comma = INVERTED.contains(&lemma)
        && h.start > a + 1
        && d.pu(h.start - 1).is_some_and(|c| matches!(c, ',' | '،'))
        && h.end < b
        && (d.upper(h.end) || d.cls(h.end, bit!("determiner") | bit!("vague")))
        && !d.cls(h.end, bit!("time") | bit!("pronoun"))
        // "Ana Ruiz, 59, said the vote ...": a name opens the sentence
        // and an apposition follows it; the subject is before the comma
        && !name_then_apposition(d, a, h.start - 1)
        // "Ana Ruiz, who leads the panel, said the vote ...": the comma
        // closes an aside, the subject is before it
        && !(a..h.start - 1)
            .rev()
            .find(|&c| d.pu(c).is_some_and(|c| matches!(c, ',' | '،')))
            .is_some_and(|c| d.cls(c + 1, bit!("relative")) || d.nm(c + 1).ends_with("ing"))
        // a clause follows, not a name: "said the vote would wait"
        && !(h.end..(h.end + 7).min(b))
            .take_while(|&k| d.w(k))
            .any(|k| d.cls(k, bit!("aux") | bit!("complementizer")) || d.cue_verb(k));
    if (prev_is_quote_or_comma || after_comma)
        && h.end < b
        && d.w(h.end)
        && !d.cls(h.end, bit!("complementizer"))
    {
        let (mut e, mut why) = np_forward(d, h.end, b);
        // `said Marcus Webb of the Rights Alliance.`: an affiliation after the name
        if e < b && e > h.end && matches!(d.nm(e), "of" | "at" | "from") && d.upper(h.end) {
            let mut k = e + 1;
            while k < b
                && d.w(k)
                && (d.upper(k) || d.cls(k, bit!("determiner")) || d.nm(k) == "of")
                && k - e < 8
            {
                k += 1;
            }
            if k > e + 1 && d.upper(k - 1) && (k >= b || d.pu(k).is_some()) {
                why = reason(d.explain, || format!("the affiliation «{}»", d.txt(e, k)));
                e = k;
            }
        }
        // `said a source on the panel.`: a phrase of place or affiliation
        // that runs to the end of the clause belongs to the speaker
        let clause_end = |k: usize| k >= b || d.pu(k).is_some() || d.cls(k, bit!("time"));
        if e > h.end && e < b && !clause_end(e) && d.cls(e, bit!("boundary")) {
            let mut k = e + 1;
            while k < b && d.w(k) && k - e <= 6 && !d.cue_verb(k) && !clause_end(k) {
                k += 1;
            }
            if k > e + 1 && clause_end(k) && !d.cls(k - 1, bit!("boundary") | bit!("determiner")) {
                why = reason(d.explain, || format!("the phrase «{}»", d.txt(e, k)));
                e = k;
            }
        }
        // the speaker after an inverted cue ends the clause: `, said Smith.`
        let ends_clause = clause_end(e);
        if e > h.end && ends_clause {
            let mut steps = d.steps_with(|| {
                format!(
                    "inverted attribution «{} X»: the speaker runs to {why}",
                    d.txt(h.start, h.end)
                )
            });
            let (cs, ce) = content_before(d, a, h.start, &mut steps)?;
            let mut x = d.draft("said-speaker", Some((h, ci)), (cs, ce));
            // a second quote after: `"A," said X, "B."`
            let mut k = e;
            while k < b && is_sep(d, k) {
                k += 1;
            }
            if k < b && d.pu(k).is_some_and(|c| d.open_mark(c)) {
                x.set_content(d, cs, b);
                steps.note(|| "the quotation continues after the attribution".into());
            }
            x.set_chained(false);
            // `said Murphy, now a consultant on Burma.`: the apposition is the speaker's
            let mut e = e;
            // (`said Caddell, speaking of ...`: a participle clause is not)
            if e < b
                && d.pu(e) == Some(',')
                && !d.cls(e + 1, bit!("relative"))
                && !(d.w(e + 1) && !d.upper(e + 1) && d.nm(e + 1).ends_with("ing"))
            {
                let mut end = d.tend(e, b);
                // a relative or participle clause after the apposition is
                // not the speaker's name: `, a manager at X, which holds ...`
                if let Some(c) = (e + 1..end).find(|&i| {
                    d.cls(i, bit!("relative"))
                        || (i > e + 1 && d.pu(i - 1) == Some(',') && d.nm(i).ends_with("ing"))
                }) {
                    end = d.tend(e, c);
                }
                let words = d.words(e + 1, end);
                if words > 0
                    && words <= 15
                    && !(e + 1..end)
                        .any(|i| d.cue_verb(i) || d.pu(i).is_some_and(|c| d.quote_mark(c)))
                {
                    steps.note(|| "an apposition after the name belongs to the speaker".into());
                    e = end;
                }
            }
            let sp = speaker_or_pronoun(d, h.end, e, carry, &mut steps);
            d.put_speaker(&mut x, sp);
            x.steps = steps;
            return Some(x);
        }
    }
    // `Said Ellis: “...”`: the cue opens the sentence, the speaker and a
    // colon (or comma) follow, then the content
    if h.start == a
        && h.end < b
        && d.w(h.end)
        && d.upper(h.end)
        && let (e, _) = np_forward(d, h.end, b)
        && e > h.end
        && e + 1 < b
        && d.pu(e).is_some_and(|c| matches!(c, ':' | ','))
        && plausible(d, h.end, e)
    {
        let mut steps = d.steps_with(|| {
            format!(
                "«{} X:» opens the sentence: the speaker is the noun phrase after the cue",
                d.txt(h.start, h.end)
            )
        });
        let cs = d.start_content(e + 1, b, &mut steps);
        if d.words(cs, b) > 0 {
            let mut x = d.draft("said-speaker", Some((h, ci)), (cs, b));
            let sp = speaker_or_pronoun(d, h.end, e, carry, &mut steps);
            d.put_speaker(&mut x, sp);
            x.steps = steps;
            return Some(x);
        }
    }
    // subject-first: the noun phrase before the cue
    let mut j = h.start;
    let mut skipped_time = false;
    // the verb group that is the cue: the auxiliaries right before the verb
    let mut group = None;
    loop {
        // a capitalized auxiliary may be a name: "Theresa May said"
        while j > a
            && d.w(j - 1)
            && ((d.cls(j - 1, bit!("aux")) && !d.capitalized_aux_name(j - 1, a, b))
                || (d.nm(j - 1).ends_with("ly") && !d.upper(j - 1) && d.nm(j - 1).len() > 4))
        {
            j -= 1;
        }
        group.get_or_insert(j);
        // "Health officials in Ardent County on Monday confirmed": a time
        // phrase between the subject and its verb
        if j > a + 1
            && d.cls_ends_before(j, bit!("time"))
            && let Some(t) = (j.saturating_sub(3).max(a + 1)..j)
                .find(|&t| d.cls(t, bit!("time")) && d.cls_end(t, bit!("time")) == Some(j))
        {
            j = t;
            skipped_time = true;
            continue;
        }
        break;
    }
    // "McConnell, who in 2010 said": a phrase of time or place between a
    // relative pronoun and its verb
    if let Some(r) = (j.saturating_sub(5).max(a)..j)
        .rev()
        .find(|&r| d.cls(r, bit!("relative")))
        && r + 1 < j
        && d.cls(r + 1, bit!("boundary") | bit!("time"))
        && (r + 1..j).all(|k| d.w(k) && !d.cue_verb(k))
    {
        j = r + 1;
    }
    // "A spokeswoman, who asked not to be named, said ...": the verb of an
    // aside between commas is not the claim when a cue follows the aside
    if j > a + 1
        && d.cls(j - 1, bit!("relative"))
        && d.pu(j - 2) == Some(',')
        && (h.end + 1..b).any(|k| d.pu(k - 1) == Some(',') && d.cue_verb(k))
    {
        return None;
    }
    let (s, e, why) = np_backward(d, a, j);
    // where the clause before the speaker ends: before a first noun phrase
    // that is the object of a relative clause ("..., a charge his office
    // denied": the content ends at the comma)
    let before_np = s;
    let (s, why) = match second_noun_phrase(d, s, e) {
        Some(t) => (
            t,
            reason(d.explain, || {
                format!(
                    "«{}», a second noun phrase (the one before it is the object)",
                    d.txt(t, t + 1)
                )
            }),
        ),
        None => (s, why),
    };
    if s == e && j > a && matches!(d.nm(j - 1), "and" | "but") && !ds_empty_speaker(carry) {
        // "X promised ... and said ...": the subject of the first verb
        let mut steps = d.steps_with(|| {
            format!(
                "«{} {}»: a second verb of the same subject",
                d.txt(j - 1, j),
                d.txt(h.start, h.end)
            )
        });
        let cs = d.start_content(h.end, b, &mut steps);
        if d.words(cs, b) == 0 {
            return None;
        }
        let mut x = d.draft("coordinated-verb", Some((h, ci)), (cs, b));
        let mut sp = carry.last.clone()?;
        sp.implicit = true;
        d.put_speaker(&mut x, sp);
        x.steps = steps;
        return Some(x);
    }
    if s == e || !plausible(d, s, e) {
        return None;
    }
    // "a group called X": naming, not a description by a speaker ("called
    // for", "called on" are two words: a demand)
    if h.end == h.start + 1
        && matches!(form_of(d, h), "called" | "calls" | "dubbed" | "labeled")
        && !(s..e).any(|i| d.upper(i) || d.cls(i, bit!("pronoun")))
    {
        return None;
    }
    // "swing states", "his questions": a plural noun, not a verb
    let form = d.nm(h.start);
    if form.ends_with('s') && form != "says" && h.end == h.start + 1 {
        let p = j - 1;
        // "Trump's plans": a possessive makes it a noun
        if d.nm(p).ends_with("'s") {
            return None;
        }
        let head_ok = d.upper(p)
            || d.pu(p) == Some(')')
            || d.pu(p) == Some(',')
            || d.cls(
                p,
                bit!("pronoun") | bit!("vague") | bit!("group") | bit!("organization"),
            );
        if !head_ok {
            return None;
        }
    }
    let mut steps = d.steps_with(|| {
        format!(
            "subject-first cue «{}»: the speaker is the noun phrase back to {why}",
            d.txt(h.start, h.end)
        )
    });
    if skipped_time {
        steps.note(|| "a time phrase between the subject and the cue is skipped".into());
    }
    // content after the cue (past the addressee of "told")
    let mut k = h.end;
    // `"...," the economist told a conference in Geneva.`: the addressee
    // runs to the end of the sentence
    let mut addressee_ends = false;
    if ADDRESSEE.contains(&lemma) {
        let lim = (k + 6).min(b);
        while k < lim && d.w(k) && !d.cls(k, bit!("complementizer")) && !d.cue_verb(k) {
            k += 1;
        }
        addressee_ends = k > h.end
            && (d.tend(k, b) <= k || d.pu(k).is_some_and(|c| matches!(c, '.' | '!' | '?')));
        if k == lim
            || !(d.cls(k, bit!("complementizer"))
                || is_sep(d, k) && !OBJECT_IN_CONTENT.contains(&lemma)
                || d.pu(k).is_some_and(|c| d.quote_mark(c)))
        {
            k = h.end;
            // "told reporters the plan would fail": a one-word addressee
            // ("him", "reporters") or a name of up to three capitalized
            // words before a clause with no "that"
            if lemma == "tell" && h.end < b && d.w(h.end) {
                let m = if !d.upper(h.end)
                    && !d.cls(
                        h.end,
                        bit!("determiner") | bit!("boundary") | bit!("complementizer"),
                    ) {
                    h.end + 1
                } else {
                    (h.end..(h.end + 3).min(b))
                        .take_while(|&i| d.w(i) && d.upper(i))
                        .last()
                        .map_or(h.end, |i| i + 1)
                };
                if m > h.end
                    && m + 1 < b
                    && d.w(m)
                    && d.cls(m, bit!("determiner") | bit!("pronoun"))
                    && !d.cls(m, bit!("complementizer"))
                {
                    steps.note(|| format!("«{}» is the addressee", d.txt(h.end, m)));
                    k = m;
                }
            }
        }
    }
    let cs = d.start_content(k, b, &mut steps);
    let mut content = None;
    // `"...," Smith said, adding ...`: the quotation before is the content
    let quote_before = content_before(d, a, before_np, &mut Steps::default())
        .filter(|(x, _)| d.pu(*x).is_some_and(|c| d.open_mark(c)));
    // "Ellison moved the money abroad, prosecutors said in an indictment.":
    // after the cue only a phrase of place, time or concession follows, so
    // the clause before the speaker is the content
    let weak = |k: usize| {
        k >= b
            || d.cls(k, bit!("boundary") | bit!("time") | bit!("clause_end"))
            || d.tend(k, b) <= k
    };
    // "The deal is dead, Smith told reporters on Tuesday.": only the
    // addressee follows "told", so the clause before is the content too
    let after_weak = addressee_ends
        || k == h.end
            && (weak(h.end) || (d.pu(h.end).is_some_and(|c| c == ',') && weak(h.end + 1)));
    let clause_before = content_before(d, a, before_np, &mut Steps::default())
        .filter(|_| before_np > a && is_sep(d, before_np - 1) && after_weak)
        .filter(|&(x, e)| d.words(x, e) >= 4);
    // `"A," the governor told reporters at a briefing in the capital.`:
    // after "told" and its addressee only circumstances follow (no "that",
    // quotation or cue), however long; the quotation ends a clause (a mark
    // inside it, or a comma after it), unlike a quoted title: `"Good
    // Morning America" host Robin Roberts told viewers she ...`
    let plain_tail = |q: (usize, usize)| {
        ADDRESSEE.contains(&lemma)
            && q.1 >= q.0 + 2
            && (d
                .pu(q.1 - 2)
                .is_some_and(|c| matches!(c, ',' | '.' | '!' | '?' | '…'))
                || d.pu(q.1) == Some(','))
            && (h.end..b).all(|i| {
                !d.cls(i, bit!("complementizer"))
                    && !d.cue_verb(i)
                    && !d.pu(i).is_some_and(|c| d.open_mark(c) || c == ':')
            })
    };
    if let Some(q) = quote_before
        && (h.end >= b
            || d.pu(h.end).is_some_and(|c| matches!(c, ',' | '.'))
            || addressee_ends
            || after_weak
            || plain_tail(q))
    {
        // `"A," Obama said, "B."`: the quotation goes on after the attribution
        let mut k = h.end;
        while k < b && is_sep(d, k) {
            k += 1;
        }
        // `"A," Tester said, referring to X, "B."`: past a participle clause
        if k < b
            && k > h.end
            && d.nm(k).ends_with("ing")
            && let Some(c) = (k..(k + 15).min(b)).find(|&c| d.pu(c) == Some(','))
        {
            k = c;
            while k < b && is_sep(d, k) {
                k += 1;
            }
        }
        if k < b && d.pu(k).is_some_and(|c| d.open_mark(c)) && d.qclose_of(k).is_some() {
            steps.note(|| "quotation before and after the attribution".into());
            content = Some((q.0, b));
        } else {
            steps.note(|| "the content is the quotation before the attribution".into());
            content = Some(q);
        }
    } else if let Some(c) = clause_before {
        steps.note(|| {
            "only a phrase of place, time or concession follows the cue: the content is the clause before the speaker"
                .into()
        });
        content = Some(c);
    } else if d.words(cs, b) > 0 && d.tend(cs, b) > cs {
        // a quote before the speaker and one after: one content
        let before = content_before(d, a, before_np, &mut Steps::default());
        let qa = before.filter(|(x, _)| d.pu(*x).is_some_and(|c| d.open_mark(c)));
        content = Some(match qa {
            Some((x, _)) if d.pu(cs).is_some_and(|c| d.open_mark(c)) => {
                steps.note(|| "quotation before and after the attribution".into());
                (x, b)
            }
            _ => (cs, b),
        });
    } else if let Some(c) = content_before(d, a, before_np, &mut steps) {
        content = Some(c);
    }
    // "He said:" at the end of a paragraph: the next paragraph is the content
    if content.is_none() && d.pu(h.end) == Some(':') && h.end + 1 >= b {
        let mut k = h.end + 1;
        while k < d.n_tokens() && d.is_break_tok(k) {
            k += 1;
        }
        let mut e = k;
        while e < d.n_tokens() && !d.is_break_tok(e) {
            e += 1;
        }
        if e > k && d.pu(k).is_some_and(|c| d.quote_mark(c)) {
            steps.note(|| "the content is the quoted paragraph after the colon".into());
            content = Some((k, e));
        }
    }
    let (cs, mut ce) = content?;
    // "wants to sign up 5 million people, focusing on ...": a participle
    // clause after a comma is the speaker's doing, not the content
    if cs > h.start
        && !d.pu(cs).is_some_and(|c| d.open_mark(c))
        && let Some(p) = (cs + 2..ce).find(|&k| {
            d.pu(k - 1) == Some(',')
                && d.w(k)
                && !d.upper(k)
                && d.nm(k).ends_with("ing")
                && d.nm(k).len() > 5
                && d.qclose_of(k - 1).is_none()
        })
    {
        steps.note(|| {
            format!(
                "the content ends before the participle clause «{}»",
                d.txt(p, p + 1)
            )
        });
        ce = p - 1;
    }
    // "said he would order a review and warned against hackers": a second
    // verb of the speaker ends the content; after a direct object (no
    // "that", no quote) so do ", which ..." and a dash
    if cs > h.start && !d.pu(cs).is_some_and(|c| d.open_mark(c)) {
        let object = !d.cls(cs, bit!("complementizer"));
        let clausal = matches!(
            d.cue_stance(ci),
            Stance::Asserts | Stance::Believes | Stance::Warns | Stance::Denies | Stance::Predicts
        );
        if let Some(p) = (cs + 1..ce).find(|&k| {
            (d.nm(k) == "and" && k + 1 < ce && d.cue_verb(k + 1))
                || (object
                    && ((d.pu(k) == Some(',')
                        && k + 1 < ce
                        && d.cls(k + 1, bit!("relative"))
                        // "said the bridge, which opened in 1990, needed
                        // repairs": after a verb of saying or thinking (its
                        // content a clause), a relative clause between
                        // commas with words after it is an aside inside it
                        && !(clausal
                            && (k + 2..ce).any(|c| d.pu(c) == Some(',') && c + 1 < ce && d.w(c + 1))))
                        || d.pu(k).is_some_and(|c| matches!(c, '—' | '–'))))
        }) && d.qclose_of(p).is_none()
        {
            steps.note(|| format!("the content ends before «{}»", d.txt(p, p + 2)));
            ce = p;
        }
    }
    let mut x = d.draft("speaker-said", Some((h, ci)), (cs, ce));
    if cs < s {
        x.set_chained(false);
    }
    // the verb group: "also said", "has repeatedly accused", "doesn't think"
    // (PolNeAR marks a following time, "said Friday", about as often as not:
    // the cue stays the verb group)
    let k = h.end;
    let j = group.unwrap_or(h.start);
    if j < h.start
        && let Some(c) = x.cue.as_mut()
    {
        let (st, _) = d.tspan(j, j + 1);
        let (_, en) = d.tspan(k - 1, k);
        c.2 = (st, en);
        c.0 = d.txt(j, k);
        steps.note(|| format!("the cue is the verb group «{}»", c.0));
    }
    let sp = speaker_or_pronoun(d, s, e, carry, &mut steps);
    d.put_speaker(&mut x, sp);
    x.speaker_tok = Some(s);
    x.steps = steps;
    Some(x)
}

/// A statement noun: "Donald Trump's claim that ...", "his warning that
/// ...". The possessor is the source; the content follows «that».
fn noun(d: &Doc<'_>, h: &Hit, ci: usize, a: usize, b: usize, carry: &mut Carry) -> Option<Draft> {
    if h.end >= b || !d.cls(h.end, bit!("complementizer")) || h.start == a {
        return None;
    }
    let p = h.start - 1;
    let mut steps =
        d.steps_with(|| format!("statement noun «{}» before «that»", d.txt(h.start, h.end)));
    let cs = d.start_content(h.end, b, &mut steps);
    if d.words(cs, b) == 0 {
        return None;
    }
    let sp = if d.nm(p).ends_with("'s") || d.nm(p).ends_with('\'') {
        // the capitalized run that ends with the possessive
        let mut s = p;
        while s > a && d.w(s - 1) && d.upper(s - 1) && p - s < 4 {
            s -= 1;
        }
        if !d.upper(p) {
            return None;
        }
        steps.note(|| format!("the possessor «{}» is the source", d.txt(s, p + 1)));
        let sp = d.make_speaker(s, p + 1);
        carry.last = Some(sp.clone());
        sp
    } else if d.cls(p, bit!("pronoun")) || matches!(d.nm(p), "his" | "her" | "their") {
        let mut sp = d.make_speaker(p, p + 1);
        let last = carry.last.clone()?;
        steps.note(|| {
            format!(
                "the possessive «{}» refers to the last speaker «{}»",
                sp.name, last.name
            )
        });
        sp.refer_to(last);
        sp
    } else {
        return None;
    };
    let mut x = d.draft("possessor-noun", Some((h, ci)), (cs, b));
    x.set_chained(false);
    d.put_speaker(&mut x, sp);
    x.steps = steps;
    Some(x)
}

/// The clause before the attribution (a quotation, or the words before a
/// comma), as the content.
fn content_before(d: &Doc<'_>, a: usize, s: usize, steps: &mut Steps) -> Option<(usize, usize)> {
    let mut e = s;
    while e > a && is_sep(d, e - 1) {
        e -= 1;
    }
    if e <= a {
        return None;
    }
    // a quotation that ends here
    if let Some(c) = d.pu(e - 1)
        && d.quote_mark(c)
        && let Some(o) = (a..e - 1).rev().find(|&o| d.qclose_of(o) == Some(e - 1))
    {
        steps.note(|| "the content is the quotation before the attribution".into());
        return Some((o, e));
    }
    // "ROTTERDAM, Netherlands (Wire) - Dock workers ...": a dateline that
    // opens the sentence is not content
    let mut a = a;
    if let Some(k) = (a + 1..(a + 12).min(e)).find(|&k| {
        d.pu(k).is_some_and(|c| matches!(c, '-' | '—' | '–'))
            && (d.pu(k - 1) == Some(')') || d.txt(a, a + 1).chars().all(|c| !c.is_lowercase()))
    }) && d.upper(a)
    {
        steps.note(|| "a dateline before the dash is left out".into());
        a = k + 1;
    }
    if d.words(a, e) == 0 {
        return None;
    }
    steps.note(|| "the content is the clause before the attribution".into());
    Some((a, e))
}

/// A pronoun subject takes the name of the last speaker; its span stays on
/// the pronoun (where the speaker is referred to in this sentence).
fn speaker_or_pronoun(
    d: &Doc<'_>,
    s: usize,
    e: usize,
    carry: &mut Carry,
    steps: &mut Steps,
) -> crate::engine::SpeakerDraft {
    let mut sp = d.make_speaker(s, e);
    if e == s + 1 && d.cls(s, bit!("pronoun")) {
        // "he", "she" stand for one person, not for a vague group
        // ("Experts say ... She said"): the pronoun then stays the speaker
        let one = matches!(d.nm(s), "he" | "she");
        if let Some(last) = carry.last.clone().filter(|l| !(one && l.vague)) {
            steps.note(|| {
                format!(
                    "the pronoun «{}» refers to the last speaker «{}»",
                    sp.name, last.name
                )
            });
            sp.refer_to(last);
        }
        return sp;
    }
    carry.last = Some(sp.clone());
    sp
}

fn np_backward(d: &Doc<'_>, a: usize, j: usize) -> (usize, usize, String) {
    let mut e = j;
    // "Rep. Gwen Moore (D-Wis.) said": a party tag in brackets
    if e > a
        && d.pu(e - 1) == Some(')')
        && let Some(o) = (e.saturating_sub(8).max(a)..e - 1)
            .rev()
            .find(|&o| d.pu(o) == Some('('))
    {
        e = o;
    }
    // "an architect who said", "McConnell, who said": the noun phrase
    // before "who" (and its comma)
    if e > a && d.cls(e - 1, bit!("relative")) {
        let r = e - 1;
        let end = if r > a + 1 && d.pu(r - 1) == Some(',') && d.w(r - 2) {
            r - 1
        } else {
            r
        };
        let (s2, e2, _) = np_backward(d, a, end);
        // after a comma only a short noun phrase: a longer run back is a
        // clause ("The decision is risky for Cruz, who ...")
        if s2 < e2 && (end == r || d.words(s2, e2) <= 4) {
            return (
                s2,
                e2,
                "the relative pronoun (the speaker is the noun phrase before it)".into(),
            );
        }
    }
    let mut s = e;
    let max = 8;
    while s > a && e - s < max {
        let p = s - 1;
        // "Rep. Gwen Moore", "Mr. King": a title's dot
        // "the U.S. said", "of Ashton, Md., who": an abbreviation may end
        // the noun phrase too
        if d.pu(p) == Some('.') && p > a && d.is_abbrev(p - 1) {
            s -= 2;
            continue;
        }
        if !d.w(p) {
            // "X, who ..., said": jump over the relative clause
            if d.pu(p).is_some_and(|c| matches!(c, ',' | '،'))
                && s == e
                && let Some(r) = (a..p).rev().take(30).find(|&r| {
                    d.cls(r, bit!("relative")) && r > a && d.pu(r - 1).is_some_and(|c| c == ',')
                })
            {
                // the noun phrase before its comma, with an apposition of
                // its own ("Ana Ruiz, 59, of Ashton, who ..., said")
                let (mut s2, mut e2, _) = np_backward(d, a, r);
                if s2 == e2 {
                    (s2, e2, _) = np_backward(d, a, r - 1);
                }
                if s2 < e2 {
                    return (s2, e2, "the relative clause «, who ...,» (skipped)".into());
                }
            }
            // "Jeremy Smith -- co-editor of a book -- said": an apposition
            // between dashes (kept, as one between commas is)
            if is_dash(d, p)
                && s == e
                && let Some(c0) = (p.saturating_sub(30).max(a)..p.saturating_sub(1))
                    .rev()
                    .find(|&c| is_dash(d, c) && c > a && d.w(c - 1))
            {
                let mut c1 = c0;
                while c1 > a && is_dash(d, c1 - 1) {
                    c1 -= 1;
                }
                let (s2, e2, _) = np_backward(d, a, c1);
                if s2 < e2 && plausible(d, s2, e2) && (c0 + 1..p).any(|k| d.w(k)) {
                    let mut end = p;
                    while end > c0 + 1 && is_dash(d, end - 1) {
                        end -= 1;
                    }
                    return (s2, end, "an apposition between dashes (kept)".into());
                }
            }
            // "Richard Revesz, director of ..., said": an apposition (kept)
            // or a participle clause (left out) between commas; "Donna
            // Ruiz, 59, of Ashton, Md., said": an apposition with commas of
            // its own runs back to the subject that opens the sentence
            if d.pu(p).is_some_and(|c| c == ',')
                && s == e
                && let Some(c0) = apposition_comma(d, a, p)
            {
                let (s2, e2, _) = np_backward(d, a, c0);
                if s2 < e2 && plausible(d, s2, e2) {
                    // "Trump, in a statement, said": an adverbial phrase
                    // between commas is no apposition (left out)
                    if d.nm(c0 + 1).ends_with("ing")
                        || d.cls(c0 + 1, bit!("boundary") | bit!("time"))
                    {
                        return (
                            s2,
                            e2,
                            "a participle clause between commas (left out)".into(),
                        );
                    }
                    return (s2, p, "an apposition between commas (kept)".into());
                }
            }
            return (
                s,
                e,
                if p >= a {
                    reason(d.explain, || format!("«{}»", d.txt(p, p + 1)))
                } else {
                    "the sentence start".into()
                },
            );
        }
        // "Experts on Korea and nonproliferation said": «and» inside a subject
        if matches!(d.nm(p), "and" | "&") && p > a && d.w(p - 1) && !d.cue_verb(p - 1) && s < e {
            s -= 1;
            continue;
        }
        if d.cls(
            p,
            bit!("clause_end") | bit!("complementizer") | bit!("relative") | bit!("time"),
        ) || d.cue_verb(p)
        {
            return (
                s,
                e,
                reason(d.explain, || {
                    format!(
                        "the {} «{}»",
                        if d.cue_verb(p) { "cue" } else { "clause word" },
                        d.txt(p, p + 1)
                    )
                }),
            );
        }
        s -= 1;
    }
    // too long: keep the capitalized tail ("... Sen. Elizabeth Warren")
    if e - s >= max {
        let mut t = e;
        while t > s && (d.upper(t - 1) || d.cls(t - 1, bit!("abbreviation"))) {
            t -= 1;
        }
        if t < e {
            return (t, e, "the capitalized name before the cue".into());
        }
    }
    (
        s,
        e,
        if s == a {
            "the sentence start".into()
        } else {
            "the longest speaker".into()
        },
    )
}

/// "a charge the governor's office denied", "an allegation his lawyer
/// rejected": an indefinite article and a plain noun open the noun phrase
/// [s, e), and a determiner right after them starts a second one, the
/// subject of a relative clause without "that" (the first is what it
/// denied).
fn second_noun_phrase(d: &Doc<'_>, s: usize, e: usize) -> Option<usize> {
    let i = s + 2;
    (i + 1 < e
        && matches!(d.nm(s), "a" | "an")
        && matches!(d.nm(i), "the" | "his" | "her" | "their" | "its")
        && d.w(s + 1)
        && !d.upper(s + 1)
        && d.cls_of(s + 1) == 0
        && !d.cue_verb(s + 1))
    .then_some(i)
}

/// A dash or one of a pair of hyphens written as a dash ("--", "―").
fn is_dash(d: &Doc<'_>, i: usize) -> bool {
    d.pu(i).is_some_and(|c| matches!(c, '-' | '–' | '—' | '―'))
}

/// The sentence from `a` opens with a capitalized name (up to eight
/// tokens, abbreviations and their dots included) and a comma before `p`,
/// the comma before the cue: "Ana Ruiz, 59, of Ashton, Md., said ...".
fn name_then_apposition(d: &Doc<'_>, a: usize, p: usize) -> bool {
    let mut k = a;
    while k < p
        && k - a < 8
        && (d.upper(k) || (d.pu(k) == Some('.') && k > a && d.is_abbrev(k - 1)))
    {
        k += 1;
    }
    k > a
        && k < p
        && d.pu(k) == Some(',')
        && d.upper(a)
        && !d.cls(
            a,
            bit!("determiner") | bit!("pronoun") | bit!("time") | bit!("boundary"),
        )
}

/// The comma that opens an apposition ending at the comma `p` (within 40
/// tokens): the one whose noun phrase before it opens the sentence, else
/// the nearest (each after a word or a closing bracket, before a word).
fn apposition_comma(d: &Doc<'_>, a: usize, p: usize) -> Option<usize> {
    let mut commas = (p.saturating_sub(40).max(a)..p)
        .rev()
        .filter(|&c| {
            d.pu(c) == Some(',') && c > a && (d.w(c - 1) || d.pu(c - 1) == Some(')')) && d.w(c + 1)
        })
        .take(4);
    let nearest = commas.clone().next()?;
    let opens = |&c: &usize| {
        let (s, e, _) = np_backward(d, a, c);
        s == a && s < e && plausible(d, s, e)
    };
    Some(commas.find(opens).unwrap_or(nearest))
}

fn np_forward(d: &Doc<'_>, from: usize, b: usize) -> (usize, String) {
    let mut k = from;
    while k < b && k - from < 7 {
        // "said Dr. Hana Kowalczyk": a title's dot
        if d.pu(k) == Some('.')
            && k > from
            && k + 1 < b
            && d.w(k + 1)
            && d.upper(k + 1)
            && (d.is_abbrev(k - 1) || d.nm(k - 1).chars().count() == 1)
        {
            k += 1;
            continue;
        }
        if !d.w(k) {
            return (k, reason(d.explain, || format!("«{}»", d.txt(k, k + 1))));
        }
        if k > from
            && (d.cls(
                k,
                bit!("clause_end")
                    | bit!("complementizer")
                    | bit!("relative")
                    | bit!("time")
                    | bit!("boundary"),
            ) || d.cue_verb(k))
        {
            return (
                k,
                reason(d.explain, || format!("the word «{}»", d.txt(k, k + 1))),
            );
        }
        k += 1;
    }
    (k, "the longest speaker".into())
}
