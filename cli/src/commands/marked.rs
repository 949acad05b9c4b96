//! A document's text with its claims marked, for `isnad show`: the text
//! the spans point into (for a page, the extracted article), so that a
//! reader sees where each claim stands.

use isnad_model::Span;

/// `text` with each span wrapped as `⟦...⟧[n]`, `n` the number given with
/// the span. Spans outside the text are left out; nested spans nest, and at
/// one position a mark closes before the next one opens.
pub fn marked_text(text: &str, spans: &[(usize, Span)]) -> String {
    let len = text.chars().count();
    // (position, 0 = close / 1 = open, order key, label)
    let mut points: Vec<(usize, u8, usize, String)> = Vec::with_capacity(spans.len() * 2);
    for (n, span) in spans {
        if span.start >= span.end || span.end > len {
            continue;
        }
        points.push((span.start, 1, usize::MAX - span.end, "⟦".to_string()));
        points.push((span.end, 0, span.start, format!("⟧[{n}]")));
    }
    points.sort_by_key(|p| (p.0, p.1, p.2));
    let mut out = String::with_capacity(text.len() + points.len() * 6);
    let mut next = points.iter().peekable();
    for (i, c) in text.chars().chain(std::iter::once('\0')).enumerate() {
        while let Some(p) = next.next_if(|p| p.0 == i) {
            out.push_str(&p.3);
        }
        if i < len {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_nest_and_skip_bad_spans() {
        let text = "قال الوزير إن الخطة جاهزة.";
        let spans = [
            (1, Span { start: 0, end: 26 }),
            (2, Span { start: 14, end: 25 }),
            (3, Span { start: 20, end: 99 }),
        ];
        assert_eq!(
            marked_text(text, &spans),
            "⟦قال الوزير إن ⟦الخطة جاهزة⟧[2].⟧[1]"
        );
        assert_eq!(marked_text("", &spans), "");
    }
}
