//! The planner on a real road map (Liechtenstein, OpenStreetMap): stops off the map are
//! named by `check` (in English and Bahasa Indonesia), and a plan's GPX tracks follow the roads.

use std::path::{Path, PathBuf};
use std::time::Duration;

#[path = "common/gpsbabel.rs"]
mod gpsbabel;

use jempol::export::run_plan;
use jempol::i18n::Lang;
use jempol::plan::{PlanOptions, verify_saved::run_verify};
use jempol::scenario::check::{run_check, run_check_in};
use jempol::travel_basis::TravelBasis;

fn liechtenstein() -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/osm/liechtenstein-latest.osm.pbf"
    ))
    .to_path_buf()
}

fn scenario(stops: &str) -> String {
    format!(
        r#"name = "Liechtenstein test week"
week_start = 2026-12-07
working_days = "mon-tue"
map = "{}"
[depot]
name = "Vaduz"
location = [47.1410, 9.5209]
[[van]]
name = "Van"
recording_sets = 2
{stops}"#,
        liechtenstein().display()
    )
}

fn stop(name: &str, lat: f64, lon: f64) -> String {
    format!(
        "[[stop]]\nname = \"{name}\"\nlocation = [{lat}, {lon}]\nelderly = 6\nwindow = \"08:00-15:00\"\n"
    )
}

#[test]
fn check_names_stops_off_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    let stops = [
        stop("Schaan", 47.1650, 9.5090),
        stop("Lake Constance", 47.55, 9.45),
    ]
    .concat();
    std::fs::write(&file, scenario(&stops)).unwrap();
    let (text, ok) = run_check(&file).unwrap();
    assert!(!ok, "{text}");
    assert!(
        text.contains("1 problem") && text.contains("Lake Constance"),
        "{text}"
    );
    assert!(!text.contains("Schaan"), "{text}");

    // The same in Bahasa Indonesia: where, how far from a road, and what to do.
    let (text, _) = run_check_in(&file, Lang::Id).unwrap();
    let at = format!("{}:", file.display());
    assert!(
        text.starts_with("1 masalah dalam skenario:\n")
            && text.contains(&at)
            && text.contains("titik `Lake Constance` di 47.550000,9.450000 berjarak ")
            && text.contains(" m dari jalan terdekat yang dapat dilalui mobil (batas 1.000 m)")
            && text.contains("perbaiki: pindahkan titik ke dekat jalan"),
        "{text}"
    );
}

#[test]
fn a_plan_on_roads_passes_verify_and_its_tracks_follow_the_roads() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    let stops = [
        stop("Schaan", 47.1650, 9.5090),
        stop("Triesen", 47.1080, 9.5280),
        stop("Balzers", 47.0660, 9.5020),
        stop("Eschen", 47.2110, 9.5220),
        stop("Ruggell", 47.2380, 9.5270),
    ]
    .concat();
    std::fs::write(&file, scenario(&stops)).unwrap();
    let out = dir.path().join("out");
    let options = PlanOptions {
        out: Some(out.clone()),
        time_limit: Some(Duration::from_millis(500)),
        seed: None,
        iterations: None,
    };
    let run = run_plan(&file, &options, Lang::En).unwrap();
    assert_eq!(run.plan.totals.stops_visited, 5, "{}", run.summary);
    assert!(
        matches!(
            run.plan.scenario.travel,
            TravelBasis::Roads { standin: false, .. }
        ),
        "{:?}",
        run.plan.scenario.travel
    );
    run_verify(&file, &out.join("plan.json")).unwrap();
    // `plan --timings` splits the run: the map load is part of the preparation.
    let t = run.timings;
    assert!(
        t.map_load > 0.0 && t.map_load < t.prepare && t.solve > 0.0 && t.write > 0.0,
        "{t:?}"
    );
    for day in run.plan.van_days.iter().filter(|d| !d.visits.is_empty()) {
        let gpx = out.join(format!("van-{}.gpx", day.date));
        let track_points = gpsbabel::gpsbabel_csv(&gpx).len();
        // A straight-line track would have one point per stop plus the depot twice.
        assert!(
            track_points > 10 * (day.visits.len() + 2),
            "{track_points} track points in {}",
            gpx.display()
        );
    }
}
