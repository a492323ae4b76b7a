//! Routing on the hand-written OSM XML fixtures in tests/fixtures: oneways, a roundabout,
//! islands, and a file without roads.

use std::path::{Path, PathBuf};

use jempol::map::osm::read_osm;
use jempol::map::profile::Profile;
use jempol::map::{LatLon, RoadMap};
use jempol::route::matrix::path;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn load(name: &str) -> (RoadMap, impl Fn(i64) -> LatLon) {
    let file = fixture(name);
    let nodes = read_osm(&file).unwrap().nodes;
    let map = RoadMap::load(&file, &Profile::default()).unwrap();
    (map, move |id: i64| nodes[&id])
}

/// The path geometry between two OSM nodes.
fn route(map: &RoadMap, from: LatLon, to: LatLon) -> Vec<LatLon> {
    let (a, b) = (map.snap(from).unwrap(), map.snap(to).unwrap());
    assert!(a.distance_m < 1e-6 && b.distance_m < 1e-6);
    path(map, &a, &b).unwrap().geometry
}

#[test]
fn oneway_streets_are_driven_only_their_way() {
    let (map, node) = load("oneway.osm");
    assert_eq!(route(&map, node(1), node(2)), vec![node(1), node(2)]);
    // Back from 2 to 1: 101 runs only east, so round the block by 3 and 4 (103 is
    // oneway=-1, drawn 4 -> 3).
    assert_eq!(
        route(&map, node(2), node(1)),
        vec![node(2), node(3), node(4), node(1)]
    );
    // 105 (oneway=true) runs 2 -> 5 only; back by 106 (oneway=no) and 3.
    assert_eq!(route(&map, node(2), node(5)), vec![node(2), node(5)]);
    assert_eq!(
        route(&map, node(5), node(2)),
        vec![node(5), node(6), node(3), node(2)]
    );
}

#[test]
fn roundabouts_are_driven_in_their_drawn_direction() {
    let (map, node) = load("roundabout.osm");
    // 301 is drawn counter-clockwise 1 (N) - 2 (W) - 3 (S) - 4 (E): west to east arm goes by
    // the south, east to west by the north.
    assert_eq!(
        route(&map, node(12), node(14)),
        vec![node(12), node(2), node(3), node(4), node(14)]
    );
    assert_eq!(
        route(&map, node(14), node(12)),
        vec![node(14), node(4), node(1), node(2), node(12)]
    );
    // 306 is junction=circular with oneway=no: two-way, so 21 -> 23 is one step back.
    assert_eq!(route(&map, node(21), node(23)), vec![node(21), node(23)]);
}

#[test]
fn islands_and_oneway_traps_are_dropped_and_reported() {
    let (map, node) = load("islands.osm");
    let info = &map.info;
    // main 1-2-3-4, island 11-13, lone 21-22, trap 5.
    assert_eq!(info.component_sizes, vec![4, 3, 2, 1]);
    assert_eq!(
        (info.vertices, info.dropped_vertices, info.dropped_edges),
        (4, 6, 4)
    );
    // A stop on the island snaps to the main component, about 8 km away: an error.
    let err = map
        .snap_named("Plaosan", node(12), 1000.0)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("stop 'Plaosan' at -7.671000,111.262000 is "),
        "{err}"
    );
    // The trap's dead end snaps back onto the spur 3-4, 0.002° (222 m) north.
    let s = map.snap(node(5)).unwrap();
    assert_eq!(s.point, node(4));
    assert!((s.distance_m - 222.4).abs() < 1.0, "{}", s.distance_m);
}

#[test]
fn a_file_without_roads_is_an_error_naming_it() {
    let file = fixture("no-roads.osm");
    let err = RoadMap::load(&file, &Profile::default()).err().unwrap();
    assert_eq!(
        err.to_string(),
        format!("no roads a van can use in {}", file.display())
    );
}
