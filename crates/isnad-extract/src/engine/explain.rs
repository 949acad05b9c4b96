//! The `--explain` trail of a draft, built only when it is asked for.
//!
//! Every rule describes what it did in a sentence of prose. Formatting those
//! sentences for every draft (most are later dropped or never shown) was
//! about a fifth of the engine's time, so a step's text is a closure that
//! runs only when the trail is kept; otherwise a step costs a branch.

/// The explanation steps of one draft.
#[derive(Debug, Clone, Default)]
pub(crate) struct Steps {
    /// Keep the steps (`Input::explain`).
    on: bool,
    v: Vec<String>,
}

impl Steps {
    /// An empty trail that keeps its steps when `on`.
    pub(crate) fn new(on: bool) -> Steps {
        Steps { on, v: Vec::new() }
    }

    /// Adds a step; `text` runs only when the trail is kept.
    pub(crate) fn note(&mut self, text: impl FnOnce() -> String) {
        if self.on {
            self.v.push(text());
        }
    }

    /// Appends another trail's steps (a helper's, built in its own trail).
    pub(crate) fn extend(&mut self, other: Steps) {
        self.v.extend(other.v);
    }

    /// The steps, in the order they were noted.
    pub(crate) fn into_vec(self) -> Vec<String> {
        self.v
    }
}

/// Text for the trail (a reason a rule returns alongside its result):
/// `text` runs only when the trail is kept, else the empty string, which does
/// not allocate.
pub(crate) fn reason(on: bool, text: impl FnOnce() -> String) -> String {
    if on { text() } else { String::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_trail_runs_no_closure() {
        let mut s = Steps::new(false);
        s.note(|| unreachable!("a step's text is built only when kept"));
        assert!(s.into_vec().is_empty());
        assert_eq!(reason(false, || unreachable!("not built")), "");
    }

    #[test]
    fn on_trail_keeps_steps_in_order() {
        let mut s = Steps::new(true);
        s.note(|| "a".into());
        let mut t = Steps::new(true);
        t.note(|| "b".into());
        s.extend(t);
        assert_eq!(s.into_vec(), ["a", "b"]);
        assert_eq!(reason(true, || "w".into()), "w");
    }
}
