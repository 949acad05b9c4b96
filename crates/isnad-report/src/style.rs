//! Terminal styling (ANSI colour when asked for) and display widths.

use unicode_width::UnicodeWidthStr;

/// ANSI styles, or plain text when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    /// Styles that colour only when `color` is true.
    pub fn new(color: bool) -> Self {
        Style { color }
    }

    fn paint(&self, code: &str, s: &str) -> String {
        if self.color && !s.is_empty() {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// Bold red.
    pub fn error(&self, s: &str) -> String {
        self.paint("1;31", s)
    }
    /// Bold yellow.
    pub fn warning(&self, s: &str) -> String {
        self.paint("1;33", s)
    }
    /// Bold.
    pub fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    /// Bold blue (gutters).
    pub fn blue(&self, s: &str) -> String {
        self.paint("1;34", s)
    }
    /// Green.
    pub fn green(&self, s: &str) -> String {
        self.paint("32", s)
    }
    /// Yellow.
    pub fn yellow(&self, s: &str) -> String {
        self.paint("33", s)
    }
    /// Red.
    pub fn red(&self, s: &str) -> String {
        self.paint("31", s)
    }
    /// Magenta.
    pub fn magenta(&self, s: &str) -> String {
        self.paint("35", s)
    }
    /// Dim.
    pub fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
}

/// Text made safe for one terminal line: a tab becomes four spaces; line
/// breaks, other control characters and the bidi embedding, override and
/// isolate controls (which could reorder the rest of the line, or the
/// terminal's own output) become U+FFFD.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push_str("    "),
            c if c.is_control() => out.push('\u{FFFD}'),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Columns `s` takes in a terminal (combining marks such as Arabic
/// harakat take none, wide CJK characters two).
pub fn display_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `width` columns, with `…` when cut, then padded with
/// spaces to exactly `width` columns when `pad` is true.
pub fn fit(s: &str, width: usize, pad: bool) -> String {
    let s = sanitize(s);
    let mut out = String::new();
    let mut used = 0;
    let total = display_width(s.as_str());
    if total <= width {
        out.push_str(&s);
        used = total;
    } else {
        for c in s.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w + 1 > width {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    }
    if pad && used < width {
        out.push_str(&" ".repeat(width - used));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harakat_take_no_column_and_controls_are_defused() {
        assert_eq!(display_width("قَالَ"), 3);
        assert_eq!(sanitize("a\tb\u{202E}c\x1b"), "a    b\u{FFFD}c\u{FFFD}");
        assert_eq!(fit("abcdef", 4, false), "abc…");
        assert_eq!(fit("ab", 4, true), "ab  ");
        assert_eq!(Style::new(false).error("x"), "x");
        assert_eq!(Style::new(true).error("x"), "\x1b[1;31mx\x1b[0m");
    }
}
