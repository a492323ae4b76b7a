//! The `jempol map` commands, run as a user would, on real OpenStreetMap data.

#[path = "common/gpsbabel.rs"]
mod gpsbabel;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use gpsbabel::gpsbabel_csv;

fn osm_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/osm")
        .join(name)
}

fn jempol(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jempol"))
        .args(args)
        .output()
        .unwrap()
}

fn liechtenstein() -> String {
    osm_file("liechtenstein-latest.osm.pbf")
        .display()
        .to_string()
}

#[test]
fn info_reports_graph_and_classes_as_json() {
    let out = jempol(&["map", "info", &liechtenstein(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["read"]["nodes"], 142_832);
    assert_eq!(info["read"]["ways"], 15_247);
    assert!(info["vertices"].as_u64().unwrap() > 1000);
    let residential = info["km_by_class"]["residential"].as_f64().unwrap();
    // pyrosm's driving network has 209.2 km of residential road on this file.
    assert!((residential - 209.2).abs() < 209.2 * 0.02, "{residential}");
}

#[test]
fn route_writes_gpx_that_gpsbabel_reads() {
    let dir = tempfile::tempdir().unwrap();
    let gpx = dir.path().join("route.gpx");
    let out = jempol(&[
        "map",
        "route",
        &liechtenstein(),
        "--from",
        "47.1397,9.5225",
        "--to",
        "47.2379,9.5525",
        "--gpx",
        gpx.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(" min, ") && stdout.contains(" km"),
        "{stdout}"
    );
    // Two waypoints and a track that follows the roads: many points.
    assert!(gpsbabel_csv(&gpx).len() > 20);
}

#[test]
fn matrix_writes_minutes_and_km() {
    let dir = tempfile::tempdir().unwrap();
    let points = dir.path().join("points.csv");
    std::fs::write(
        &points,
        "name,lat,lon\nVaduz,47.1397,9.5225\nSchaan,47.1650,9.5100\n",
    )
    .unwrap();
    let out_csv = dir.path().join("m.csv");
    let out = jempol(&[
        "map",
        "matrix",
        &liechtenstein(),
        "--points",
        points.to_str().unwrap(),
        "--out",
        out_csv.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let minutes = std::fs::read_to_string(&out_csv).unwrap();
    let km = std::fs::read_to_string(dir.path().join("m-km.csv")).unwrap();
    assert_eq!(minutes.lines().next(), Some(",Vaduz,Schaan"));
    let vaduz_schaan: f64 = km
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(2)
        .unwrap()
        .parse()
        .unwrap();
    assert!((2.0..6.0).contains(&vaduz_schaan), "{km}");
}

#[test]
fn bad_inputs_fail_with_a_message_and_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.osm.pbf");
    std::fs::write(&empty, b"").unwrap();
    let truncated = dir.path().join("truncated.osm.pbf");
    let bytes = std::fs::read(osm_file("liechtenstein-latest.osm.pbf")).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let no_roads = dir.path().join("no-roads.osm");
    std::fs::write(
        &no_roads,
        r#"<?xml version="1.0"?><osm version="0.6"><node id="1" lat="-7.65" lon="111.33"/></osm>"#,
    )
    .unwrap();
    for file in [&empty, &truncated, &no_roads] {
        let out = jempol(&["map", "info", file.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {stderr}", file.display());
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let far = jempol(&[
        "map",
        "route",
        &liechtenstein(),
        "--from",
        "47.14,9.52",
        "--to",
        "48.0,9.5",
    ]);
    let stderr = String::from_utf8_lossy(&far.stderr);
    assert!(!far.status.success());
    assert!(
        stderr.contains("destination (--to)") && stderr.contains("limit 1000 m"),
        "{stderr}"
    );
}

#[test]
fn info_says_when_the_map_is_the_generated_standin() {
    let standin = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/magetan-standin.osm.pbf");
    let out = jempol(&["map", "info", standin.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("STAND-IN"));
    let real = jempol(&["map", "info", &liechtenstein()]);
    assert!(!String::from_utf8_lossy(&real.stdout).contains("STAND-IN"));
}

#[test]
fn negative_coordinates_are_taken_as_typed() {
    let standin = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/magetan-standin.osm.pbf");
    let standin = standin.to_str().unwrap();
    let spaced = jempol(&[
        "map",
        "route",
        standin,
        "--from",
        "-7.652,111.330",
        "--to",
        "-7.70,111.35",
    ]);
    assert!(
        spaced.status.success(),
        "{}",
        String::from_utf8_lossy(&spaced.stderr)
    );
    let joined = jempol(&[
        "map",
        "route",
        standin,
        "--from=-7.652,111.330",
        "--to=-7.70,111.35",
    ]);
    assert_eq!(spaced.stdout, joined.stdout, "the same route either way");
    // A negative number is read as a number, and then judged as one.
    let limit = jempol(&["plan", "no-such.toml", "--time-limit", "-1"]);
    let err = String::from_utf8_lossy(&limit.stderr);
    assert!(!err.contains("unexpected argument"), "{err}");
}
