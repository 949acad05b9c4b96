use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of Unicode code points (scalar values)
/// in the original input text, after UTF-8 decoding with a leading BOM
/// removed. Line endings are not altered.
///
/// Python's `text[start:end]` gives the spanned text when the file is read
/// with `encoding='utf-8-sig', newline=''`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub struct Span {
    /// First code point of the span (inclusive), counted from 0.
    pub start: usize,
    /// One past the last code point of the span (exclusive).
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; the two are swapped if given backwards,
    /// so a `Span` is always well-formed.
    pub fn new(start: usize, end: usize) -> Self {
        if start <= end {
            Span { start, end }
        } else {
            Span {
                start: end,
                end: start,
            }
        }
    }

    /// Number of code points covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one code point.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span that covers both.
    pub fn cover(&self, other: &Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The spanned text of `text`, or `None` when the span lies outside it.
    /// This counts code points, so it is linear in `end`.
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        let mut indices = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()));
        let start = indices.nth(self.start)?;
        let end = if self.is_empty() {
            start
        } else {
            indices.nth(self.len() - 1)?
        };
        text.get(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_counts_code_points_not_bytes() {
        let text = "قال كيم: نعم";
        assert_eq!(Span::new(0, 3).slice(text), Some("قال"));
        assert_eq!(Span::new(4, 7).slice(text), Some("كيم"));
        assert_eq!(Span::new(12, 12).slice(text), Some(""));
        assert_eq!(Span::new(10, 13).slice(text), None);
    }

    #[test]
    fn new_orders_its_ends() {
        assert_eq!(Span::new(5, 2), Span { start: 2, end: 5 });
    }

    #[test]
    fn overlap_is_half_open() {
        assert!(!Span::new(0, 3).overlaps(&Span::new(3, 5)));
        assert!(Span::new(0, 4).overlaps(&Span::new(3, 5)));
        assert_eq!(Span::new(0, 2).cover(&Span::new(5, 6)), Span::new(0, 6));
    }
}
