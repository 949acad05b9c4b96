//! What the benches share: the text they run on.

/// About 1 MB of the project's own example texts of one language.
pub fn corpus(lang: &str) -> String {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/examples/"
    );
    let mut paths: Vec<_> = std::fs::read_dir(format!("{dir}{lang}"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    paths.sort();
    let mut text = String::new();
    for p in paths {
        if let Ok(t) = std::fs::read_to_string(&p) {
            text.push_str(&t);
            text.push_str("\n\n");
        }
    }
    if text.is_empty() {
        text.push_str("وقال الوزير إن المحادثات قد تستأنف قريبا.\n\n");
    }
    let mut big = String::with_capacity(1 << 20);
    while big.len() < 1 << 20 {
        big.push_str(&text);
    }
    big
}
