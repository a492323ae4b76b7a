//! The van profile on real data: the OSRM reference points of Liechtenstein lie on roads
//! that the profile accepts, at the coordinates the reader decodes.

use std::collections::HashSet;
use std::path::Path;

use jempol::map::osm::read_osm;
use jempol::map::profile::Profile;

#[test]
fn liechtenstein_reference_points_are_on_usable_roads() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/osm"));
    let data = read_osm(&root.join("liechtenstein-latest.osm.pbf")).unwrap();
    let profile = Profile::default();
    let usable: HashSet<i64> = data
        .ways
        .iter()
        .filter(|w| profile.classify(&w.tags).is_some())
        .flat_map(|w| w.nodes.iter().copied())
        .collect();
    // name,lat,lon with name = n<OSM node id>: nodes of car-usable ways (PROVENANCE.md).
    let points = jempol::map::read_points_csv(&root.join("liechtenstein-points-300.csv")).unwrap();
    let mut off_road = Vec::new();
    for (name, at) in &points {
        let id: i64 = name.trim_start_matches('n').parse().unwrap();
        let p = data.nodes[&id];
        assert!(
            (p.lat - at.lat).abs() < 1e-9 && (p.lon - at.lon).abs() < 1e-9,
            "{id}: {p:?}"
        );
        if !usable.contains(&id) {
            off_road.push(id);
        }
    }
    assert_eq!(points.len(), 300);
    assert_eq!(off_road, Vec::<i64>::new());
}
