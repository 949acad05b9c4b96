//! Line and column of each claim's start, worked out while the text streams
//! by, so that the table (`file:line:col`) needs no copy of the text. The
//! extractor hands over a chunk's text with the claims that chunk settles,
//! and every one of them starts inside it (a claim's span is made of its
//! chunk's tokens): a running count of line breaks, carried from chunk to
//! chunk, gives each start's place in one pass over the chunk's bytes.
//!
//! Lines are counted as the table always counted them: a line starts at
//! the beginning of the text and after each `\n` (a `\r` before it is the
//! last character of its line); both numbers are 1-based, the column in
//! code points.

/// A place in the text: 1-based line and column (in code points).
pub type Place = (usize, usize);

/// The line count carried from one piece of the text to the next.
#[derive(Debug, Clone)]
pub struct LineCursor {
    /// Code point at which the next piece starts.
    at: usize,
    /// The line that holds code point `at`.
    line: usize,
    /// Code point at which that line starts.
    line_start: usize,
}

impl Default for LineCursor {
    fn default() -> Self {
        LineCursor {
            at: 0,
            line: 1,
            line_start: 0,
        }
    }
}

impl LineCursor {
    /// A cursor at the start of a text.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads the next `piece` of the text and appends to `out` the place of
    /// each code point in `starts` (in the order given; each inside this
    /// piece or at its end). A start before the piece, which the extractor
    /// never hands over, is placed on the piece's first line.
    pub fn place(&mut self, piece: &str, starts: &[usize], out: &mut impl Extend<Place>) {
        // a piece's claims come in text order; the rare other order is
        // walked sorted and put back
        let mut order: Vec<usize> = (0..starts.len()).collect();
        if !starts.is_sorted() {
            order.sort_by_key(|&i| starts[i]);
        }
        let mut places = vec![(0, 0); starts.len()];
        let mut walk = Walk {
            rest: piece,
            at: self.at,
            next_break: None,
        };
        for &i in &order {
            let start = starts[i];
            // step over every line break before the start
            while let Some(b) = walk.next_break()
                && b < start
            {
                walk.step_over_break();
                self.line += 1;
                self.line_start = b + 1;
            }
            places[i] = (self.line, start.saturating_sub(self.line_start) + 1);
        }
        while walk.next_break().is_some() {
            walk.step_over_break();
            self.line += 1;
            self.line_start = walk.at;
        }
        self.at = walk.at + count_chars(walk.rest.as_bytes());
        out.extend(places);
    }
}

/// The line breaks of one piece, found in order.
struct Walk<'t> {
    /// The text after the breaks stepped over.
    rest: &'t str,
    /// Code point at which `rest` starts.
    at: usize,
    /// The next break's byte in `rest` and code point in the text, once
    /// looked for (`Some(None)`: there is none).
    next_break: Option<Option<(usize, usize)>>,
}

impl Walk<'_> {
    /// Code point of the next line break, if any.
    fn next_break(&mut self) -> Option<usize> {
        let rest = self.rest;
        let at = self.at;
        let found = *self.next_break.get_or_insert_with(|| {
            rest.find('\n')
                .map(|b| (b, at + count_chars(&rest.as_bytes()[..b])))
        });
        found.map(|(_, cp)| cp)
    }

    /// Moves past the break [`Walk::next_break`] found.
    fn step_over_break(&mut self) {
        if let Some(Some((b, cp))) = self.next_break.take() {
            self.rest = self.rest.get(b + 1..).unwrap_or("");
            self.at = cp + 1;
        }
    }
}

/// Code points in UTF-8 `bytes` (the bytes that are not continuation
/// bytes; a loop the compiler vectorizes).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// The reference for the tests: every line start of the whole text, then
/// a binary search (what the table did with the text in hand).
#[cfg(test)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

#[cfg(test)]
impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        for (i, c) in text.chars().enumerate() {
            if c == '\n' {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    pub(crate) fn line_col(&self, offset: usize) -> Place {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        (line.max(1), offset - start + 1)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "قال",
        "الوزير",
        "إنّ",
        "«المفاوضات",
        "مستمرة»",
        "وأضاف",
        "😀",
        "said",
        "the",
        "minister",
        "\"talks",
        "continue,\"",
        "é",
        "\n",
        "\r\n",
        "\n\n",
        "\r\n\r\n",
        "\n\n\n",
        ".",
    ];

    /// Cuts `text` at `cuts` (character counts, cycled) into pieces.
    fn pieces<'t>(text: &'t str, cuts: &[usize]) -> Vec<&'t str> {
        let mut out = Vec::new();
        let mut rest = text;
        for n in cuts.iter().cycle() {
            if rest.is_empty() {
                break;
            }
            // a cut of 0 gives an empty piece, and the turn still takes a
            // character: cuts that are all 0 would otherwise loop forever
            // (and did, filling memory, when proptest drew `[0]`)
            if *n == 0 {
                out.push("");
            }
            let b = rest
                .char_indices()
                .nth((*n).max(1))
                .map_or(rest.len(), |(b, _)| b);
            let (piece, after) = rest.split_at(b);
            out.push(piece);
            rest = after;
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// The streamed places equal the whole-text index for random
        /// Arabic and English texts with `\n`, `\r\n` and blank lines, cut
        /// into pieces of any size, for starts anywhere in each piece, in
        /// text order or not.
        #[test]
        fn streamed_places_equal_the_whole_text_index(
            words in proptest::collection::vec(proptest::sample::select(WORDS), 0..300),
            spaces in proptest::collection::vec(any::<bool>(), 300),
            cuts in proptest::collection::vec(0usize..80, 1..20),
            picks in proptest::collection::vec(any::<proptest::sample::Index>(), 0..12),
            sorted in any::<bool>(),
        ) {
            let mut text = String::new();
            for (w, space) in words.iter().zip(&spaces) {
                text.push_str(w);
                if *space {
                    text.push(' ');
                }
            }
            let index = LineIndex::new(&text);
            let mut cursor = LineCursor::new();
            let mut base = 0;
            for piece in pieces(&text, &cuts) {
                let n = piece.chars().count();
                // starts inside the piece (or at its end)
                let mut starts: Vec<usize> = picks.iter().map(|i| base + i.index(n + 1)).collect();
                if sorted {
                    starts.sort_unstable();
                }
                let mut got = Vec::new();
                cursor.place(piece, &starts, &mut got);
                let want: Vec<Place> = starts.iter().map(|&s| index.line_col(s)).collect();
                prop_assert_eq!(got, want);
                base += n;
            }
            prop_assert_eq!(cursor.at, text.chars().count());
        }
    }

    /// A text read as one piece or as its characters one by one.
    /// The test's cutter ends whatever the cuts (it once looped forever on
    /// `[0]`), and its pieces make up the text.
    #[test]
    fn cutting_with_zero_cuts_ends() {
        assert_eq!(pieces("aبc", &[0]), ["", "a", "", "ب", "", "c"]);
        assert_eq!(pieces("aبc", &[2, 0]).concat(), "aبc");
    }

    #[test]
    fn places_in_one_piece_and_in_single_characters() {
        let text = "a\r\nقال\n\n😀 x\n";
        let index = LineIndex::new(text);
        let all: Vec<usize> = (0..=text.chars().count()).collect();
        let mut got = Vec::new();
        LineCursor::new().place(text, &all, &mut got);
        let want: Vec<Place> = all.iter().map(|&s| index.line_col(s)).collect();
        assert_eq!(got, want);
        let mut cursor = LineCursor::new();
        let mut one_by_one = Vec::new();
        for (i, c) in text.chars().enumerate() {
            cursor.place(c.encode_utf8(&mut [0; 4]), &[i], &mut one_by_one);
        }
        assert_eq!(one_by_one, want[..want.len() - 1]);
        assert_eq!(want[1], (1, 2));
        assert_eq!(want[3], (2, 1));
    }
}
