//! The ledger line parser: any line either is refused with a reason or
//! parses into an entry that serializes back to an equal entry.
#![no_main]

use isnad_ledger::Entry;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = isnad_ledger::chain::check_line(data);
    if let Ok(entry) = Entry::from_line(data) {
        let value = entry.to_value().expect("a parsed entry serializes");
        let line = serde_json::to_vec(&value).expect("a value serializes");
        let again = Entry::from_line(&line).expect("a re-serialized entry parses");
        assert_eq!(again.to_value().expect("serializes"), value, "round trip changed the entry");
    }
});
