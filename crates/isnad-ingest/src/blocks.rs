//! Building article text out of blocks: collapsed inline whitespace, one
//! blank line between blocks, one line per list item or table row.

/// What kind of block is being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A paragraph, caption, quotation or any other block of running text.
    Paragraph,
    /// A heading (`h1`–`h6`, Markdown `#`).
    Heading,
    /// A list item: consecutive items are separated by one newline.
    Item,
    /// A table row: consecutive rows are separated by one newline.
    Row,
}

/// Accumulates blocks of text.
#[derive(Debug, Default)]
pub(crate) struct Blocks {
    out: String,
    current: String,
    kind: Option<Kind>,
    prefix: String,
    pending_space: bool,
    last: Option<Kind>,
    /// The largest number of letters and digits in one non-heading block.
    pub(crate) longest_body_block: usize,
    /// The number of blocks written.
    pub(crate) count: usize,
}

fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

impl Blocks {
    /// Starts a block of `kind`, ending the current one. `prefix` (a list
    /// marker) is written before the block's first character.
    pub(crate) fn start(&mut self, kind: Kind, prefix: &str) {
        // A paragraph that opens a list item continues the item.
        if kind == Kind::Paragraph
            && self.kind == Some(Kind::Item)
            && self.current.trim_matches(is_html_space).is_empty()
        {
            return;
        }
        self.end();
        self.kind = Some(kind);
        self.prefix.clear();
        self.prefix.push_str(prefix);
    }

    /// Ends the current block, if it holds any text.
    pub(crate) fn end(&mut self) {
        let kind = self.kind.take().unwrap_or(Kind::Paragraph);
        let content = self
            .current
            .trim_matches(|c: char| is_html_space(c))
            .to_string();
        self.current.clear();
        self.pending_space = false;
        let prefix = std::mem::take(&mut self.prefix);
        if content.is_empty() {
            return;
        }
        if !self.out.is_empty() {
            let same_run = matches!(
                (self.last, kind),
                (Some(Kind::Item), Kind::Item) | (Some(Kind::Row), Kind::Row)
            );
            self.out.push_str(if same_run { "\n" } else { "\n\n" });
        }
        self.out.push_str(&prefix);
        self.out.push_str(&content);
        self.last = Some(kind);
        self.count += 1;
        if kind != Kind::Heading {
            let letters = content.chars().filter(|c| c.is_alphanumeric()).count();
            self.longest_body_block = self.longest_body_block.max(letters);
        }
    }

    /// Ends the current block and the current run of items or rows: the
    /// next item starts after a blank line (the end of a list or table).
    pub(crate) fn end_run(&mut self) {
        self.end();
        if matches!(self.last, Some(Kind::Item | Kind::Row)) {
            self.last = Some(Kind::Paragraph);
        }
    }

    /// Appends inline text, collapsing runs of HTML white space into one
    /// space and dropping it at the start of a line.
    pub(crate) fn text(&mut self, text: &str) {
        for c in text.chars() {
            if is_html_space(c) {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && !self.current.is_empty() && !self.current.ends_with('\n') {
                self.current.push(' ');
            }
            self.pending_space = false;
            self.current.push(c);
        }
    }

    /// Asks for a space before the next inline text (between table cells).
    pub(crate) fn space(&mut self) {
        self.pending_space = true;
    }

    /// Appends preformatted text as it is (line endings normalized to `\n`).
    pub(crate) fn verbatim(&mut self, text: &str) {
        if self.pending_space && !self.current.is_empty() && !self.current.ends_with('\n') {
            self.current.push(' ');
        }
        self.pending_space = false;
        self.current
            .push_str(&text.replace("\r\n", "\n").replace('\r', "\n"));
    }

    /// A line break inside a block (`<br>`, a Markdown hard break). Two in a
    /// row make a paragraph break; more are not kept.
    pub(crate) fn line_break(&mut self) {
        let trimmed = self.current.trim_end_matches([' ', '\t']).len();
        self.current.truncate(trimmed);
        self.pending_space = false;
        if self.current.is_empty() || self.current.ends_with("\n\n") {
            return;
        }
        self.current.push('\n');
    }

    /// Ends the last block and returns the text.
    pub(crate) fn finish(mut self) -> (String, usize, usize) {
        self.end();
        (self.out, self.longest_body_block, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_lines() {
        let mut b = Blocks::default();
        b.start(Kind::Heading, "");
        b.text("  Title \n here ");
        b.start(Kind::Paragraph, "");
        b.text("one");
        b.line_break();
        b.line_break();
        b.line_break();
        b.text("  two");
        b.start(Kind::Item, "- ");
        b.text("a");
        b.start(Kind::Item, "- ");
        b.text("b");
        b.start(Kind::Item, "- ");
        b.text("   ");
        b.end();
        b.start(Kind::Item, "1. ");
        b.text("c");
        b.end_run();
        b.start(Kind::Item, "- ");
        b.text("d");
        b.start(Kind::Paragraph, "");
        b.text("end");
        let (text, longest, count) = b.finish();
        assert_eq!(
            text,
            "Title here\n\none\n\ntwo\n\n- a\n- b\n1. c\n\n- d\n\nend"
        );
        assert_eq!(longest, 6);
        assert_eq!(count, 7);
    }
}
