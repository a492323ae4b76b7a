//! Fuzzes the stops CSV reader and what follows it: any bytes as the stops of a small
//! straight-line week, then the scenario rules and, when they pass, the instance with its
//! splitting and the mandatory stops' reasons. Errors and problems are fine; panics, hangs and
//! runaway memory are bugs.
#![no_main]

use std::path::Path;

use jempol::scenario::{build, check, model, raw, stops_csv, travel};
use libfuzzer_sys::fuzz_target;

/// A week with two vans, one with a printer and a card limit, and straight-line travel, so
/// that no file is read.
const WEEK: &str = r#"
name = "fuzz"
week_start = 2026-12-07
working_days = "mon-wed"
travel = "straight-line"
equipment = ["generator", "printer"]
[depot]
location = [-7.652, 111.330]
[[van]]
name = "A"
recording_sets = 2
equipment = ["generator"]
max_driving = "3h"
[[van]]
name = "B"
recording_sets = 3
equipment = ["printer"]
blank_cards = 150
"#;

fuzz_target!(|data: &[u8]| {
    let Ok((stops, _)) = stops_csv::read_stops(Path::new("fuzz.csv"), data) else {
        return;
    };
    let layer = raw::parse_layer(Path::new("fuzz.toml"), WEEK).expect("the week parses");
    let (mut scenario, problems) = model::resolve(Path::new("fuzz.toml"), &layer);
    assert!(problems.is_empty(), "{problems:?}");
    scenario.stops = stops;
    if !check::validate(&scenario).is_empty() {
        return;
    }
    let source = travel::TravelSource::open(&scenario.travel).expect("straight lines");
    let points = jempol::scenario::points(&scenario);
    let (connected, _) = source.connect(&points);
    let (time, distance) = connected.matrices();
    if !travel::unreachable(&points, &time).is_empty() {
        return;
    }
    let (built, too_big) = build::build(&scenario, time, distance);
    if too_big.is_empty() {
        let _ = check::mandatory_problems(&scenario, &built);
    }
});
