//! Positions in a text: code-point offsets to bytes, lines, columns and
//! UTF-16 offsets, each answered in O(1) or O(log lines) after one pass.

use isnad_model::Span;

/// An index over one text, built in one pass.
#[derive(Debug, Clone)]
pub struct TextIndex<'t> {
    text: &'t str,
    /// Byte offset of every code point, then `text.len()`.
    bytes: Vec<usize>,
    /// UTF-16 offset of every code point, then the UTF-16 length.
    utf16: Vec<usize>,
    /// Code-point offset at which every line starts.
    lines: Vec<usize>,
}

impl<'t> TextIndex<'t> {
    /// Indexes `text`. Lines end at `\n` (a `\r` before it belongs to the
    /// line ending).
    pub fn new(text: &'t str) -> Self {
        let mut bytes = Vec::with_capacity(text.len() + 1);
        let mut utf16 = Vec::with_capacity(text.len() + 1);
        let mut lines = vec![0];
        let mut u = 0;
        for (i, (b, c)) in text.char_indices().enumerate() {
            bytes.push(b);
            utf16.push(u);
            u += c.len_utf16();
            if c == '\n' {
                lines.push(i + 1);
            }
        }
        bytes.push(text.len());
        utf16.push(u);
        TextIndex {
            text,
            bytes,
            utf16,
            lines,
        }
    }

    /// The text indexed.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Length of the text in code points.
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// True for an empty text.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when `span` lies within the text.
    pub fn contains(&self, span: Span) -> bool {
        span.start <= span.end && span.end <= self.len()
    }

    /// The spanned text, or `None` when the span lies outside the text.
    pub fn slice(&self, span: Span) -> Option<&'t str> {
        if !self.contains(span) {
            return None;
        }
        self.text.get(self.bytes[span.start]..self.bytes[span.end])
    }

    /// Up to `n` code points just before `offset` and just after `end`.
    pub fn context(&self, span: Span, n: usize) -> (&'t str, &'t str) {
        let start = span.start.min(self.len());
        let end = span.end.min(self.len()).max(start);
        let before = self
            .slice(Span::new(start.saturating_sub(n), start))
            .unwrap_or("");
        let after = self
            .slice(Span::new(end, (end + n).min(self.len())))
            .unwrap_or("");
        (before, after)
    }

    /// Line and column of a code-point offset, both counted from 1 (the
    /// column in code points). Offsets past the end are clamped.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.len());
        let line = self.lines.partition_point(|&s| s <= offset).max(1);
        (line, offset - self.lines[line - 1] + 1)
    }

    /// The span of line `line` (from 1) without its line ending; an empty
    /// span at the end for a line past the last.
    pub fn line_span(&self, line: usize) -> Span {
        let Some(&start) = line.checked_sub(1).and_then(|i| self.lines.get(i)) else {
            return Span::new(self.len(), self.len());
        };
        let mut end = self.lines.get(line).map_or(self.len(), |&next| next - 1);
        if end > start && self.slice(Span::new(end - 1, end)) == Some("\r") {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }

    /// The UTF-16 offset of a code-point offset (clamped to the end).
    pub fn utf16(&self, offset: usize) -> usize {
        self.utf16[offset.min(self.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_code_points() {
        let text = "قال كيم\r\nإن السد 😀 قد\n\nend";
        let index = TextIndex::new(text);
        assert_eq!(index.line_col(0), (1, 1));
        assert_eq!(index.line_col(4), (1, 5));
        let second = text.chars().position(|c| c == 'إ').unwrap();
        assert_eq!(index.line_col(second), (2, 1));
        assert_eq!(index.slice(index.line_span(1)), Some("قال كيم"));
        assert_eq!(index.slice(index.line_span(2)), Some("إن السد 😀 قد"));
        assert_eq!(index.slice(index.line_span(3)), Some(""));
        assert_eq!(index.slice(index.line_span(4)), Some("end"));
        assert_eq!(index.line_span(9), Span::new(index.len(), index.len()));
        assert_eq!(index.line_col(10_000), index.line_col(index.len()));
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let index = TextIndex::new("a😀b");
        assert_eq!(index.utf16(1), 1);
        assert_eq!(index.utf16(2), 3);
        assert_eq!(index.utf16(3), 4);
        assert_eq!(index.slice(Span::new(1, 2)), Some("😀"));
        assert_eq!(index.slice(Span::new(2, 9)), None);
        assert_eq!(index.context(Span::new(1, 2), 5), ("a", "b"));
    }
}
