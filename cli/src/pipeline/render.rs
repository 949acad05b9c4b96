//! The JSON of the two types `isnad extract` writes by the thousand,
//! [`Claim`] and [`Passage`], written straight into a byte buffer: the
//! bytes serde_json gives for the model's derives (compact, or pretty at a
//! given depth), without going through serde's data model. The derives
//! stay the reference: tests hold these bytes equal to serde_json's for
//! every field, enum value and string that needs escaping.
//!
//! A claim is written before its speaker key is known (see
//! [`crate::pipeline::spool`]), so its rendering says where the key's
//! characters are and where a `--explain` step would go ([`Holes`]).

use isnad_model::{Claim, Content, Cue, Passage, PassageKind, Span, Speaker};

/// How JSON is laid out: one line (`--format jsonl`), or serde_json's
/// pretty form with the elements of the array being written at `depth`
/// (2 for the claims and passages of one document).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// serde_json's pretty form (two spaces a level) rather than one line.
    pub pretty: bool,
    /// Nesting level of the array's elements (pretty form only).
    pub depth: usize,
}

impl Style {
    /// One line.
    pub const COMPACT: Style = Style {
        pretty: false,
        depth: 0,
    };

    /// The pretty form of the elements of a document's `passages` and
    /// `claims` (the document at level 0).
    pub const PRETTY: Style = Style {
        pretty: true,
        depth: 2,
    };
}

/// An object's key: its name, and what the compact form writes for it
/// (`"name":`, made at compile time by [`key!`], so that writing it is one
/// copy of a known length, not four small writes).
#[derive(Clone, Copy)]
struct Key {
    name: &'static str,
    compact: &'static str,
}

/// The [`Key`] named by a string literal.
macro_rules! key {
    ($name:literal) => {
        Key {
            name: $name,
            compact: concat!("\"", $name, "\":"),
        }
    };
}

/// Where a written claim's late parts go, as byte offsets into what
/// [`claim`] wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Holes {
    /// The escaped characters of `speaker.key` (when there is a speaker).
    pub key: Option<(usize, usize)>,
    /// Where a step appended to `explain.steps` goes (when there is an
    /// explanation), and whether the list already has steps.
    pub step: Option<(usize, bool)>,
}

/// Appends one array element: `first` is whether it is the array's first
/// (no comma before it).
pub fn passage(out: &mut Vec<u8>, p: &Passage, style: Style, first: bool) {
    passage_fields(
        out,
        (&p.id, p.span, &p.fingerprint, p.kind, &p.language),
        style,
        first,
    );
}

/// [`passage`] for a passage as the hasher found it, numbered `number`
/// (without building the [`Passage`]).
pub fn raw_passage(
    out: &mut Vec<u8>,
    p: &isnad_fingerprint::RawPassage,
    number: usize,
    style: Style,
    first: bool,
) {
    let mut id = [0u8; 21];
    id[0] = b'p';
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(number).as_bytes();
    id[1..=digits.len()].copy_from_slice(digits);
    let fingerprint = isnad_fingerprint::fingerprint_bytes(&p.digest);
    // both are ASCII
    let id = std::str::from_utf8(&id[..=digits.len()]).unwrap_or_default();
    let fingerprint = std::str::from_utf8(&fingerprint).unwrap_or_default();
    passage_fields(
        out,
        (id, p.span, fingerprint, p.kind, p.language),
        style,
        first,
    );
}

type PassageFields<'a> = (&'a str, Span, &'a str, PassageKind, &'a str);

fn passage_fields(out: &mut Vec<u8>, fields: PassageFields<'_>, style: Style, first: bool) {
    if style.pretty {
        passage_in::<true>(out, fields, style, first);
    } else {
        passage_in::<false>(out, fields, style, first);
    }
}

fn passage_in<const PRETTY: bool>(
    out: &mut Vec<u8>,
    (id, span, fingerprint, kind, language): PassageFields<'_>,
    style: Style,
    first: bool,
) {
    let mut w = Writer::<PRETTY>::element(out, style, first);
    w.begin(b'{');
    w.key(key!("id"));
    w.string(id);
    w.key(key!("span"));
    w.span(span);
    w.key(key!("fingerprint"));
    w.string(fingerprint);
    w.key(key!("kind"));
    w.label(kind.as_str());
    w.key(key!("language"));
    w.string(language);
    w.end(b'}');
}

/// Appends one claim as an array element (see [`passage`]) and says where
/// its holes are.
pub fn claim(out: &mut Vec<u8>, c: &Claim, style: Style, first: bool) -> Holes {
    // one copy of the writer for each layout, each with its layout's
    // choices made at compile time
    if style.pretty {
        claim_in::<true>(out, c, style, first)
    } else {
        claim_in::<false>(out, c, style, first)
    }
}

fn claim_in<const PRETTY: bool>(out: &mut Vec<u8>, c: &Claim, style: Style, first: bool) -> Holes {
    let start = out.len();
    let mut holes = Holes::default();
    let mut w = Writer::<PRETTY>::element(out, style, first);
    w.begin(b'{');
    w.key(key!("id"));
    w.string(&c.id);
    w.key(key!("passage"));
    w.string(&c.passage);
    w.key(key!("span"));
    w.span(c.span);
    w.key(key!("speaker"));
    match &c.speaker {
        Some(s) => holes.key = Some(w.speaker(s, start)),
        None => w.raw(b"null"),
    }
    w.key(key!("cue"));
    match &c.cue {
        Some(cue) => w.cue(cue),
        None => w.raw(b"null"),
    }
    w.key(key!("content"));
    w.content(&c.content);
    w.key(key!("attribution"));
    w.label(c.attribution.as_str());
    w.key(key!("certainty"));
    w.label(c.certainty.as_str());
    w.key(key!("hedges"));
    w.begin(b'[');
    for h in &c.hedges {
        w.sep();
        w.begin(b'{');
        w.key(key!("text"));
        w.string(&h.text);
        w.key(key!("span"));
        w.span(h.span);
        w.key(key!("kind"));
        w.label(h.kind.as_str());
        w.end(b'}');
    }
    w.end(b']');
    w.key(key!("stance"));
    w.label(c.stance.as_str());
    w.key(key!("rule"));
    w.string(&c.rule);
    if let Some(e) = &c.explain {
        w.key(key!("explain"));
        w.begin(b'{');
        w.key(key!("rule"));
        w.string(&e.rule);
        w.key(key!("lexicon"));
        w.strings(&e.lexicon);
        w.key(key!("steps"));
        w.strings(&e.steps);
        // the step goes before the list's closing: back over `]` and,
        // pretty, the line break and indent before it
        let mut at = w.out.len() - 1;
        if PRETTY && !e.steps.is_empty() {
            at -= 1 + 2 * w.depth;
        }
        holes.step = Some((at - start, !e.steps.is_empty()));
        w.end(b'}');
    }
    w.end(b'}');
    holes
}

/// Appends what a claim's `--explain` step adds where [`Holes::step`]
/// points: the separator, the step as a JSON string, and (for a list that
/// was empty, pretty) the line break before the list's closing.
pub fn step(out: &mut Vec<u8>, style: Style, had_steps: bool, text: &str) {
    // the steps are at the claim's depth + 3 (claim, explain, steps)
    let level = style.depth + 3;
    if had_steps {
        out.push(b',');
    }
    if style.pretty {
        newline(out, level);
    }
    string(out, text);
    if style.pretty && !had_steps {
        newline(out, level - 1);
    }
}

/// Appends the end of an array of `len` elements written at `style`.
pub fn close_array(out: &mut Vec<u8>, style: Style, len: usize) {
    if style.pretty && len > 0 {
        newline(out, style.depth - 1);
    }
    out.push(b']');
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it: `"`,
/// `\` and the control characters below U+0020 (`\b \t \n \f \r` short,
/// the others `\u00XX` in lowercase hex); everything else as it is.
pub fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    escaped(out, s);
    out.push(b'"');
}

/// The characters of [`string`] without the quotes.
pub fn escaped(out: &mut Vec<u8>, s: &str) {
    let mut rest = s.as_bytes();
    loop {
        let clean = clean_prefix(rest);
        out.extend_from_slice(&rest[..clean]);
        if clean == rest.len() {
            return;
        }
        // the sixteen bytes from `clean` hold one to escape
        let end = rest.len().min(clean + BLOCK);
        let mut run = clean;
        for (i, &b) in rest.iter().enumerate().take(end).skip(clean) {
            if let Some(esc) = escape(b) {
                out.extend_from_slice(&rest[run..i]);
                push_escape(out, b, esc);
                run = i + 1;
            }
        }
        out.extend_from_slice(&rest[run..end]);
        rest = &rest[end..];
    }
}

/// Bytes checked at a time for one to escape.
const BLOCK: usize = 16;

/// How many bytes at the start of `bytes` need no escaping: all of them
/// when none does (the common case: Arabic and English words), else a
/// multiple of [`BLOCK`], less than a block before the first that does.
/// Checked a block at a time (a test the compiler turns into a few vector
/// instructions); a string's last bytes are checked as the block that ends
/// it, overlapping the one before, so a clean string costs one test a
/// block and no byte-by-byte loop unless it is shorter than a block.
#[inline]
fn clean_prefix(bytes: &[u8]) -> usize {
    let (blocks, tail) = bytes.as_chunks::<BLOCK>();
    for (k, block) in blocks.iter().enumerate() {
        if block_needs_escape(block) {
            return BLOCK * k;
        }
    }
    if tail.is_empty() {
        return bytes.len();
    }
    let dirty = match bytes.last_chunk::<BLOCK>() {
        Some(last) => block_needs_escape(last),
        None => tail.iter().any(|&b| escape(b).is_some()),
    };
    if dirty {
        BLOCK * blocks.len()
    } else {
        bytes.len()
    }
}

/// Whether any byte of `block` is below 0x20, `"` or `\\`.
#[inline]
fn block_needs_escape(block: &[u8; BLOCK]) -> bool {
    block.iter().fold(false, |any, &b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    })
}

/// How byte `b` is escaped: its short escape letter, `u` for `\u00XX`, or
/// `None` when it stands as it is.
#[inline]
fn escape(b: u8) -> Option<u8> {
    match b {
        b'"' => Some(b'"'),
        b'\\' => Some(b'\\'),
        0x08 => Some(b'b'),
        0x0C => Some(b'f'),
        b'\n' => Some(b'n'),
        b'\r' => Some(b'r'),
        b'\t' => Some(b't'),
        0..0x20 => Some(b'u'),
        _ => None,
    }
}

fn push_escape(out: &mut Vec<u8>, b: u8, esc: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    if esc == b'u' {
        out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(b >> 4)],
            HEX[usize::from(b & 15)],
        ]);
    } else {
        out.extend_from_slice(&[b'\\', esc]);
    }
}

/// Appends `n` in decimal. The digits are put together in a buffer of
/// the longest number's length and the buffer copied whole, then cut back:
/// a copy of a known length, where the digits' own length would make it a
/// call to `memcpy` (these are written a dozen times a claim).
#[inline]
fn number(out: &mut Vec<u8>, mut n: usize) {
    const MAX: usize = 20;
    let len = n.checked_ilog10().map_or(1, |l| l as usize + 1);
    let mut digits = [b'0'; MAX];
    for d in digits.iter_mut().take(len).rev() {
        *d = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let at = out.len();
    out.extend_from_slice(&digits);
    out.truncate(at + len);
}

fn newline(out: &mut Vec<u8>, level: usize) {
    const SPACES: &[u8; 32] = b"                                ";
    out.push(b'\n');
    let mut n = 2 * level;
    while n > 0 {
        let k = n.min(SPACES.len());
        out.extend_from_slice(&SPACES[..k]);
        n -= k;
    }
}

/// A writer that indents every line after the first by `level` more
/// levels (two spaces each): pretty JSON written for one nesting level,
/// moved to a deeper one. A line break in pretty JSON is always layout
/// (strings escape theirs), so this is exact.
pub struct Indent<'w, W: std::io::Write + ?Sized> {
    out: &'w mut W,
    level: usize,
}

impl<'w, W: std::io::Write + ?Sized> Indent<'w, W> {
    /// Writes to `out`, `level` levels deeper.
    pub fn new(out: &'w mut W, level: usize) -> Self {
        Indent { out, level }
    }
}

impl<W: std::io::Write + ?Sized> std::io::Write for Indent<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if self.level == 0 {
            return self.out.write_all(buf);
        }
        let mut pad = Vec::new();
        newline(&mut pad, self.level);
        let mut lines = buf.split(|&b| b == b'\n');
        if let Some(line) = lines.next() {
            self.out.write_all(line)?;
        }
        for line in lines {
            self.out.write_all(&pad)?;
            self.out.write_all(line)?;
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Writes pretty JSON written one level in ([`Indent`] at level 1) at level
/// 0: the two spaces after each line break are left out.
pub fn dedent(out: &mut (impl std::io::Write + ?Sized), json: &[u8]) -> std::io::Result<()> {
    let mut lines = json.split(|&b| b == b'\n');
    if let Some(line) = lines.next() {
        out.write_all(line)?;
    }
    for line in lines {
        out.write_all(b"\n")?;
        out.write_all(line.strip_prefix(b"  ").unwrap_or(line))?;
    }
    Ok(())
}

/// serde_json's layout (its `CompactFormatter` and `PrettyFormatter`) over
/// a byte buffer; `PRETTY` is `style.pretty`.
struct Writer<'a, const PRETTY: bool> {
    out: &'a mut Vec<u8>,
    /// The level of the values being written in the open container.
    depth: usize,
    /// No value written yet in the open container.
    first: bool,
}

impl<'a, const PRETTY: bool> Writer<'a, PRETTY> {
    /// A writer positioned at an array element of `style`, with its
    /// separator written.
    fn element(out: &'a mut Vec<u8>, style: Style, first: bool) -> Self {
        let mut w = Writer {
            out,
            depth: style.depth,
            first,
        };
        w.sep();
        w
    }

    /// Before a value in an array or a key in an object.
    #[inline(always)]
    fn sep(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        if PRETTY {
            newline(self.out, self.depth);
        }
    }

    #[inline(always)]
    fn begin(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.depth += 1;
        self.first = true;
    }

    #[inline(always)]
    fn end(&mut self, bracket: u8) {
        self.depth -= 1;
        if PRETTY && !self.first {
            newline(self.out, self.depth);
        }
        self.out.push(bracket);
        self.first = false;
    }

    #[inline(always)]
    fn key(&mut self, key: Key) {
        self.sep();
        if PRETTY {
            self.out.push(b'"');
            self.out.extend_from_slice(key.name.as_bytes());
            self.out.extend_from_slice(b"\": ");
        } else {
            self.out.extend_from_slice(key.compact.as_bytes());
        }
    }

    #[inline(always)]
    fn raw(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    fn string(&mut self, s: &str) {
        string(self.out, s);
    }

    fn label(&mut self, s: &str) {
        self.out.push(b'"');
        self.out.extend_from_slice(s.as_bytes());
        self.out.push(b'"');
    }

    #[inline(always)]
    fn number(&mut self, n: usize) {
        number(self.out, n);
    }

    fn strings(&mut self, list: &[String]) {
        self.begin(b'[');
        for s in list {
            self.sep();
            self.string(s);
        }
        self.end(b']');
    }

    #[inline(always)]
    fn span(&mut self, s: Span) {
        self.begin(b'{');
        self.key(key!("start"));
        self.number(s.start);
        self.key(key!("end"));
        self.number(s.end);
        self.end(b'}');
    }

    /// Writes the speaker; returns where its key's characters are,
    /// counted from `base`.
    fn speaker(&mut self, s: &Speaker, base: usize) -> (usize, usize) {
        self.begin(b'{');
        self.key(key!("name"));
        self.string(&s.name);
        self.key(key!("span"));
        self.span(s.span);
        self.key(key!("kind"));
        self.label(s.kind.as_str());
        self.key(key!("key"));
        self.out.push(b'"');
        let from = self.out.len() - base;
        escaped(self.out, &s.key);
        let to = self.out.len() - base;
        self.out.push(b'"');
        self.key(key!("implicit"));
        self.raw(if s.implicit { b"true" } else { b"false" });
        self.end(b'}');
        (from, to)
    }

    fn cue(&mut self, c: &Cue) {
        self.begin(b'{');
        self.key(key!("text"));
        self.string(&c.text);
        self.key(key!("lemma"));
        self.string(&c.lemma);
        self.key(key!("span"));
        self.span(c.span);
        self.end(b'}');
    }

    fn content(&mut self, c: &Content) {
        self.begin(b'{');
        self.key(key!("text"));
        self.string(&c.text);
        self.key(key!("span"));
        self.span(c.span);
        self.key(key!("quote"));
        self.label(c.quote.as_str());
        self.end(b'}');
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use isnad_model::{
        Attribution, Certainty, Explanation, Hedge, HedgeKind, QuoteKind, SpeakerKind, Stance,
    };
    use proptest::prelude::*;
    use std::io::Write as _;

    /// Every character serde_json escapes, and some it does not.
    const AWKWARD: &str =
        "\u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f} \"\\/\u{7f}\u{80}é قالت «نعم» 😀 ok";

    fn claim(speaker: bool, cue: bool, hedges: usize, explain: Option<(usize, usize)>) -> Claim {
        let span = Span::new(3, 17);
        Claim {
            id: "c-0123456789abcdef".into(),
            passage: "p12".into(),
            span,
            speaker: speaker.then(|| Speaker {
                name: format!("name {AWKWARD}"),
                span: Span::new(0, 1),
                kind: SpeakerKind::Organization,
                key: format!("key {AWKWARD}"),
                implicit: true,
            }),
            cue: cue.then(|| Cue {
                text: "said".into(),
                lemma: AWKWARD.into(),
                span: Span::new(usize::MAX - 1, usize::MAX),
            }),
            content: Content {
                text: AWKWARD.repeat(3),
                span,
                quote: QuoteKind::Mixed,
            },
            attribution: Attribution::Vague,
            certainty: Certainty::Hedged,
            hedges: (0..hedges)
                .map(|k| Hedge {
                    text: format!("{k}{AWKWARD}"),
                    span,
                    kind: HedgeKind::Rumor,
                })
                .collect(),
            stance: Stance::Questions,
            rule: "en.rule".into(),
            explain: explain.map(|(lexicon, steps)| Explanation {
                rule: "en.rule".into(),
                lexicon: (0..lexicon).map(|k| format!("lexicon:{k}")).collect(),
                steps: (0..steps).map(|k| format!("step {k} {AWKWARD}")).collect(),
            }),
        }
    }

    fn claims() -> Vec<Claim> {
        let mut out = Vec::new();
        for speaker in [false, true] {
            for cue in [false, true] {
                for hedges in [0, 1, 3] {
                    for explain in [None, Some((0, 0)), Some((2, 0)), Some((0, 1)), Some((3, 4))] {
                        out.push(claim(speaker, cue, hedges, explain));
                    }
                }
            }
        }
        out
    }

    /// A list as the second level of a pretty document: `[[...]]`.
    fn nested<T>(items: &[T], each: impl Fn(&mut Vec<u8>, &T, bool)) -> Vec<u8> {
        let mut out = b"[\n  [".to_vec();
        for (k, x) in items.iter().enumerate() {
            each(&mut out, x, k == 0);
        }
        close_array(&mut out, Style::PRETTY, items.len());
        out.extend_from_slice(b"\n]");
        out
    }

    fn compact<T>(items: &[T], each: impl Fn(&mut Vec<u8>, &T, bool)) -> Vec<u8> {
        let mut out = b"[".to_vec();
        for (k, x) in items.iter().enumerate() {
            each(&mut out, x, k == 0);
        }
        close_array(&mut out, Style::COMPACT, items.len());
        out
    }

    #[test]
    fn claims_are_written_as_serde_writes_them() {
        let all = claims();
        for n in [0, 1, all.len()] {
            let list = &all[..n];
            let write = |style| {
                move |out: &mut Vec<u8>, c: &Claim, first| {
                    claim_into(out, c, style, first);
                }
            };
            assert_eq!(
                String::from_utf8(compact(list, write(Style::COMPACT))).unwrap(),
                serde_json::to_string(list).unwrap()
            );
            assert_eq!(
                String::from_utf8(nested(list, write(Style::PRETTY))).unwrap(),
                serde_json::to_string_pretty(&[list]).unwrap()
            );
        }
    }

    fn claim_into(out: &mut Vec<u8>, c: &Claim, style: Style, first: bool) {
        super::claim(out, c, style, first);
    }

    /// Filling the holes (a new key, a step) gives the bytes of the claim
    /// with that key and step.
    #[test]
    fn holes_take_the_key_and_step() {
        for style in [Style::COMPACT, Style::PRETTY] {
            for c in claims().into_iter().filter(|c| c.speaker.is_some()) {
                for first in [true, false] {
                    let mut raw = Vec::new();
                    let holes = super::claim(&mut raw, &c, style, first);
                    let (from, to) = holes.key.unwrap();
                    let mut filled = raw[..from].to_vec();
                    escaped(&mut filled, "new \"key\"");
                    let mut want = c.clone();
                    if let Some(s) = want.speaker.as_mut() {
                        s.key = "new \"key\"".into();
                    }
                    match holes.step {
                        Some((at, had)) => {
                            filled.extend_from_slice(&raw[to..at]);
                            step(&mut filled, style, had, "why\n");
                            filled.extend_from_slice(&raw[at..]);
                            want.explain.as_mut().unwrap().steps.push("why\n".into());
                        }
                        None => filled.extend_from_slice(&raw[to..]),
                    }
                    let mut expected = Vec::new();
                    super::claim(&mut expected, &want, style, first);
                    assert_eq!(
                        String::from_utf8(filled).unwrap(),
                        String::from_utf8(expected).unwrap()
                    );
                }
            }
        }
    }

    #[test]
    fn passages_are_written_as_serde_writes_them() {
        let kinds = [
            PassageKind::Heading,
            PassageKind::Paragraph,
            PassageKind::Byline,
            PassageKind::Dateline,
            PassageKind::Item,
        ];
        let list: Vec<Passage> = kinds
            .iter()
            .enumerate()
            .map(|(k, kind)| Passage {
                id: format!("p{k}"),
                span: Span::new(k, 10 * k),
                fingerprint: format!("sha256:{AWKWARD}"),
                kind: *kind,
                language: "ar".into(),
            })
            .collect();
        for n in [0, 1, list.len()] {
            let l = &list[..n];
            assert_eq!(
                compact(l, |o, p, f| passage(o, p, Style::COMPACT, f)),
                serde_json::to_vec(l).unwrap()
            );
            assert_eq!(
                nested(l, |o, p, f| passage(o, p, Style::PRETTY, f)),
                serde_json::to_vec_pretty(&[l]).unwrap()
            );
        }
    }

    #[test]
    fn indent_moves_pretty_json_a_level_in() {
        let value = serde_json::json!({"a": [1, {"b": "x\ny"}], "c": []});
        let mut out = b"[\n  ".to_vec();
        Indent::new(&mut out, 1)
            .write_all(&serde_json::to_vec_pretty(&value).unwrap())
            .unwrap();
        out.extend_from_slice(b"\n]");
        assert_eq!(out, serde_json::to_vec_pretty(&[value]).unwrap());
    }

    /// A character to escape is found at every offset of strings of every
    /// length up to a few words (in either word of a pair, in an odd word
    /// left over, in the tail padded with spaces), and only there.
    #[test]
    fn escapes_are_found_at_every_offset() {
        for len in 0..48 {
            for at in 0..=len {
                for odd in ["\"", "\\", "\n", "\u{1}", "\u{1f}", " ", "\u{7f}"] {
                    let mut s: String = "abcdefgh".repeat(6)[..len].into();
                    if at < len {
                        s.replace_range(at..=at, odd);
                    }
                    for text in [s.clone(), format!("قال{s}"), format!("{s}\n{s}")] {
                        let mut out = Vec::new();
                        string(&mut out, &text);
                        assert_eq!(
                            String::from_utf8(out).unwrap(),
                            serde_json::to_string(&text).unwrap()
                        );
                    }
                }
            }
        }
    }

    proptest! {
        /// Any string is escaped as serde_json escapes it.
        #[test]
        fn strings_are_escaped_as_serde_escapes_them(s in "(\\PC|[\u{0}-\u{1f}\"\\\\\u{7f}]){0,40}") {
            let mut out = Vec::new();
            string(&mut out, &s);
            prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&s).unwrap());
        }

        /// Pretty JSON moved one level in and back out again is what it was
        /// (`dedent` undoes `Indent` at level 1), whatever its strings hold.
        #[test]
        fn dedent_undoes_one_level(
            keys in proptest::collection::vec("(\\PC|[\n \"]){0,6}", 0..5),
            texts in proptest::collection::vec("(\\PC|[\n\r\t \"\\\\]){0,12}", 0..5),
        ) {
            let mut doc = serde_json::Map::new();
            for (k, t) in keys.iter().zip(&texts) {
                doc.insert(k.clone(), serde_json::json!({"text": t, "list": [t, 1, [], {}]}));
            }
            let pretty = serde_json::to_vec_pretty(&serde_json::Value::Object(doc)).unwrap();
            let mut one_in = Vec::new();
            Indent::new(&mut one_in, 1).write_all(&pretty).unwrap();
            let mut back = Vec::new();
            dedent(&mut back, &one_in).unwrap();
            prop_assert_eq!(back, pretty);
        }
    }
}
