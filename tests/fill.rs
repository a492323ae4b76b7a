//! Divisible demand and pausing over breaks, on the default week: a visit records as many of
//! its stop's people as fit, never more than the stop has; it may record until a break and
//! resume after it; the parts served are numbered from 1; and `verify` recomputes the same.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jempol::export::run_plan;
use jempol::groups::{Group, People};
use jempol::i18n::Lang;
use jempol::plan::PlanOptions;
use jempol::plan::verify_saved::run_verify;

fn default_week() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/magetan-week.toml")
}

#[test]
fn the_default_week_fills_its_shifts_and_never_records_a_stop_beyond_its_people() {
    let dir = tempfile::tempdir().unwrap();
    let options = PlanOptions {
        out: Some(dir.path().to_path_buf()),
        ..PlanOptions::default()
    };
    let run = run_plan(&default_week(), &options, Lang::En).unwrap();
    let plan = &run.plan;
    let scenario = jempol::scenario::prepare(&default_week()).unwrap().scenario;

    let mut recorded: BTreeMap<usize, People> = BTreeMap::new();
    let mut parts: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (_, v) in plan.visits() {
        *recorded.entry(v.stop.index).or_default() += v.people;
        parts.entry(v.stop.index).or_default().push(v.part);
        assert!(v.people.total() > 0, "{} records nobody", v.stop.name);
    }
    for (stop, people) in &recorded {
        let has = scenario.stops[*stop].people;
        for g in Group::ALL {
            assert!(people[g] <= has[g], "{}: {g}", scenario.stops[*stop].name);
        }
    }
    for (stop, mut numbers) in parts {
        numbers.sort();
        let first: Vec<usize> = (1..=numbers.len()).collect();
        assert_eq!(numbers, first, "{}", scenario.stops[stop].name);
    }

    // Some visit records until the lunch break and goes on after it.
    let paused = plan.visits().any(|(day, v)| {
        let noon = if day.date.format("%a").to_string() == "Fri" {
            11 * 3600 + 1800
        } else {
            12 * 3600
        };
        v.start.seconds() < noon && v.end.seconds() > 13 * 3600
    });
    assert!(paused, "no visit pauses over a break:\n{}", run.summary);

    // No van waits for a window or a break; today's week left 18% of its shifts unused.
    let used = &plan.totals.shift;
    assert!(used.longest_wait_seconds <= 15.0 * 60.0, "{used:?}");
    assert!(used.unused_percent() < 10.0, "{used:?}");
    assert!(run.summary.contains("Shift time"), "{}", run.summary);

    let verified = run_verify(&default_week(), &dir.path().join("plan.json")).unwrap();
    assert!(verified.starts_with("plan verified"), "{verified}");
}
