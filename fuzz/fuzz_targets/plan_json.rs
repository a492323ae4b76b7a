//! Fuzzes the plan.json reader behind `jempol verify`: any bytes as a saved plan of the small
//! test week, read, turned back into routes, verified and compared field by field. Errors are
//! fine; panics are bugs. Seeds: `seed.sh` puts a real plan.json of the week in the corpus.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use jempol::i18n::Lang;
use jempol::plan::verify_saved::{parse_plan, verify_plan};
use jempol::scenario::{Prepared, prepare};
use libfuzzer_sys::fuzz_target;

fn week() -> &'static Prepared {
    static WEEK: OnceLock<Prepared> = OnceLock::new();
    WEEK.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/small-week.toml");
        prepare(Path::new(path)).expect("the test week is sound")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(plan) = parse_plan("fuzz.json".into(), text) {
        let _ = verify_plan(week().clone(), &[], &plan, Path::new("fuzz.json"), Lang::En);
    }
});
