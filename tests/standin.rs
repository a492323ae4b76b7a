//! The committed stand-in map of Magetan: fresh, deterministic, loadable, connected, and
//! calibrated against the BPS road distances.

use std::path::{Path, PathBuf};

use jempol::map::osm::{is_standin, is_standin_tags, read_osm};
use jempol::standin;

fn committed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/magetan-standin.osm.pbf")
}

fn generate(seed: u64, dir: &Path) -> Vec<u8> {
    let path = dir.join(format!("standin-{seed}.osm.pbf"));
    standin::generate_magetan_from(&standin::Source::Embedded, seed)
        .unwrap()
        .network
        .write_pbf(&path)
        .unwrap();
    std::fs::read(&path).unwrap()
}

#[test]
fn generation_is_byte_identical_for_a_seed() {
    let dir = tempfile::tempdir().unwrap();
    let a = generate(7, dir.path());
    let b = generate(7, dir.path());
    assert!(a == b, "two runs with seed 7 differ");
    assert!(a != generate(8, dir.path()), "the seed changes nothing");
}

#[test]
fn the_committed_map_equals_a_fresh_generation() {
    let dir = tempfile::tempdir().unwrap();
    generate(standin::DEFAULT_SEED, dir.path());
    let fresh = dir
        .path()
        .join(format!("standin-{}.osm.pbf", standin::DEFAULT_SEED));
    // Compared by what the file holds, not byte for byte: the compressed blocks depend on the
    // zlib implementation Cargo's feature unification gives flate2 (zlib-rs since the xlsx
    // crates came in, miniz_oxide before), while the nodes and ways do not.
    let content = |path: &Path| {
        let data = read_osm(path).unwrap();
        let mut nodes: Vec<(i64, u64, u64)> = data
            .nodes
            .iter()
            .map(|(id, p)| (*id, p.lat.to_bits(), p.lon.to_bits()))
            .collect();
        nodes.sort_unstable();
        (data.ways, nodes)
    };
    assert!(
        content(&fresh) == content(&committed()),
        "maps/magetan-standin.osm.pbf is stale: regenerate it with `jempol map synth`"
    );
}

#[test]
fn the_committed_map_reads_back_as_a_stand_in() {
    let data = read_osm(&committed()).unwrap();
    let network = standin::generate_magetan_from(&standin::Source::Embedded, standin::DEFAULT_SEED)
        .unwrap()
        .network;
    assert_eq!(data.ways, network.ways);
    assert_eq!(data.nodes.len(), network.nodes.len());
    assert!(is_standin(&data));
    assert!(data.ways.iter().all(|w| is_standin_tags(&w.tags)));
}

#[test]
fn a_tiled_network_has_the_size_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiled.osm.pbf");
    let base = standin::generate_magetan_from(&standin::Source::Embedded, 1)
        .unwrap()
        .network;
    let want = 3 * base.junction_count() as u64 + 1;
    let summary = standin::write_tiled(&base, want, &path).unwrap();
    assert_eq!(summary.tiles, 4);
    assert!(summary.junctions >= want);
    let data = read_osm(&path).unwrap();
    assert_eq!(data.counts.nodes, summary.nodes);
    assert_eq!(data.ways.len() as u64, summary.ways);
    // 2 x 2 tiles joined by 4 connector roads.
    assert_eq!(summary.ways, 4 * base.ways.len() as u64 + 4);
    let map = jempol::map::RoadMap::load(&path, &jempol::map::profile::Profile::default()).unwrap();
    assert_eq!(map.info.vertices as u64, summary.junctions);
    assert_eq!(
        map.info.dropped_vertices, 0,
        "the tiles are not all connected"
    );
}

#[test]
fn tiles_of_a_real_extract_join_into_one_network() {
    use jempol::map::RoadMap;
    use jempol::map::profile::Profile;
    let extract = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/osm/monaco.osm.pbf");
    let profile = Profile::default();
    let base = RoadMap::load(&extract, &profile).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiled.osm.pbf");
    let want = 3 * base.info.vertices as u64 + 1;
    let summary = standin::write_tiled_extract(&extract, &profile, want, &path).unwrap();
    // The junctions counted include those of the extract's small unconnected pieces.
    assert_eq!(summary.tiles, 3);
    assert!(summary.junctions >= want);
    let tiled = RoadMap::load(&path, &profile).unwrap();
    // Every tile's main part is in the kept network, and the connectors add no vertex.
    assert_eq!(tiled.info.vertices, 3 * base.info.vertices);
    assert_eq!(tiled.info.dropped_vertices, 3 * base.info.dropped_vertices);
    // The van-usable roads, 3 times, and the connectors of a 2 x 2 grid with one tile
    // missing: generated, so marked as a stand-in.
    assert_eq!(tiled.info.usable_ways, 3 * base.info.usable_ways + 2);
    // Barriers and signals come along: the same roads are cut and priced in every tile.
    assert_eq!(tiled.info.traffic_signals, 3 * base.info.traffic_signals);
    assert!(is_standin(&read_osm(&path).unwrap()));
}

mod on_the_road_map {
    use jempol::map::RoadMap;
    use jempol::map::profile::Profile;
    use jempol::route::matrix::matrix;

    use super::*;

    fn load() -> RoadMap {
        RoadMap::load(&committed(), &Profile::default()).unwrap()
    }

    #[test]
    fn it_loads_as_one_strongly_connected_network() {
        let map = load();
        assert_eq!(
            map.info.dropped_vertices, 0,
            "{:?}",
            map.info.component_sizes
        );
        assert_eq!(map.info.usable_ways, map.info.highway_ways);
        assert!(map.info.vertices > 700, "{}", map.info.vertices);
    }

    #[test]
    fn every_desa_centroid_snaps_within_300_m_and_reaches_every_other() {
        let map = load();
        let inputs = standin::Inputs::read(&standin::Source::Embedded).unwrap();
        let points: Vec<_> = inputs
            .desa
            .iter()
            .map(|d| map.snap_named(&d.name, d.centroid, 300.0).unwrap())
            .collect();
        assert_eq!(points.len(), 235);
        let travel = matrix(&map, &points);
        let unreachable = travel.seconds.iter().filter(|s| !s.is_finite()).count();
        assert_eq!(unreachable, 0, "desa pairs without a route");
    }

    #[test]
    fn calibration_bounds_hold_on_the_loaded_map() {
        // The generator measures its roads without turn costs; so does this map.
        let mut profile = Profile::default();
        profile.turns.enabled = false;
        let map = RoadMap::load(&committed(), &profile).unwrap();
        let generated =
            standin::generate_magetan_from(&standin::Source::Embedded, standin::DEFAULT_SEED)
                .unwrap();
        let measured = standin::measure_on_map(&map, &generated).unwrap();
        let (median, worst) = standin::error_summary(&measured);
        let table = standin::calibration_table(&measured);
        assert!(median <= 0.10, "median error {median}\n{table}");
        assert!(worst <= 0.25, "largest error {worst}\n{table}");
        // The generator's own measurement and the map's agree to 0.1%: same roads and speeds;
        // the generator measures on a plane, the map on the sphere, with times in whole ms.
        for (plan, road) in generated.calibration.iter().zip(&measured) {
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-3 * b;
            assert!(close(plan.route_m, road.route_m), "{plan:?} vs {road:?}");
            assert!(close(plan.route_s, road.route_s), "{plan:?} vs {road:?}");
        }
    }
}
