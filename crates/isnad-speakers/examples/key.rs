//! Prints the matching key of each argument (a debugging aid).
fn main() {
    let Ok(r) = isnad_speakers::Resolver::builtin() else {
        return;
    };
    for a in std::env::args().skip(1) {
        println!("{a} -> {}", r.matching_key(&a));
    }
}
