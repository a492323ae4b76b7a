//! Fuzzes the scenario reader: any bytes as a scenario TOML (parse, resolve, validate) and
//! as a stops CSV. Errors are fine; panics are bugs.
#![no_main]

use std::path::Path;

use jempol::scenario::{check, model, raw, stops_csv};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(mut layer) = raw::parse_layer(Path::new("fuzz.toml"), text)
    {
        // A CSV path would read the disk; the CSV reader is fuzzed directly below.
        layer.stops = None;
        let (scenario, _) = model::resolve(Path::new("fuzz.toml"), &layer);
        let _ = check::validate(&scenario);
    }
    let _ = stops_csv::read_stops(Path::new("fuzz.csv"), data);
});
