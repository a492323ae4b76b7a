//! The contraction hierarchy against plain Dijkstra: on random networks (a property test) and
//! on the real extracts, every matrix cell has the same whole milliseconds; metres belong to a
//! fastest path (equal unless two paths take exactly the same time).

use std::path::PathBuf;

use jempol::map::osm::{OsmData, Way};
use jempol::map::profile::Profile;
use jempol::map::{LatLon, RoadMap, Snapped};
use jempol::route::matrix::{Method, TravelMatrix, matrix_with};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

fn grid_point(size: i64, id: i64) -> LatLon {
    // A little irregular, so that some edges are very short (0 or 1 ms) and some times tie.
    let jitter = ((id * 7919) % 13) as f64 * 0.00002;
    LatLon {
        lat: 50.0 + (id / size) as f64 * 0.0008 + jitter,
        lon: 8.0 + (id % size) as f64 * 0.0011,
    }
}

/// Random walks on a grid of `size` x `size` nodes, as OSM ways with random classes, speeds
/// and oneways (some parallel, some closed).
fn random_osm(seed: u64, size: i64, ways: usize) -> OsmData {
    let mut rng = Pcg64::seed_from_u64(seed);
    let mut data = OsmData::default();
    let classes = ["residential", "primary", "tertiary", "service", "track"];
    for way_id in 1..=ways as i64 {
        let mut node = rng.random_range(0..size * size);
        let mut nodes = vec![node];
        for _ in 0..rng.random_range(1..8) {
            let (r, c) = (node / size, node % size);
            let (dr, dc) = [(0, 1), (1, 0), (0, -1), (-1, 0)][rng.random_range(0..4)];
            if (0..size).contains(&(r + dr)) && (0..size).contains(&(c + dc)) {
                node = (r + dr) * size + c + dc;
                nodes.push(node);
            }
        }
        let mut tags = vec![(
            "highway".to_string(),
            classes[rng.random_range(0..classes.len())].to_string(),
        )];
        match rng.random_range(0..10) {
            0 | 1 => tags.push(("oneway".into(), "yes".into())),
            2 => tags.push(("oneway".into(), "-1".into())),
            _ => {}
        }
        if rng.random_bool(0.4) {
            tags.push((
                "maxspeed".into(),
                ["20", "30", "50", "80"][rng.random_range(0..4)].into(),
            ));
        }
        for &n in &nodes {
            data.nodes.insert(n, grid_point(size, n));
        }
        data.ways.push(Way {
            id: way_id,
            nodes,
            tags,
        });
    }
    data
}

fn random_points(map: &RoadMap, seed: u64, n: usize) -> Vec<Snapped> {
    let mut rng = Pcg64::seed_from_u64(seed ^ 0xc4);
    let (sw, ne) = map.info.bbox.unwrap();
    (0..n)
        .map(|i| {
            let p = if i % 3 == 0 {
                // Exactly on a vertex.
                map.graph.vertices[rng.random_range(0..map.graph.vertex_count())]
            } else {
                LatLon {
                    lat: rng.random_range(sw.lat..=ne.lat),
                    lon: rng.random_range(sw.lon..=ne.lon),
                }
            };
            map.snap(p).unwrap()
        })
        .collect()
}

fn assert_same(a: &TravelMatrix, b: &TravelMatrix, what: &str) {
    assert_eq!(a.n, b.n);
    for k in 0..a.n * a.n {
        // Seconds come from whole milliseconds: equal milliseconds give equal f64.
        assert_eq!(
            a.seconds[k], b.seconds[k],
            "{what}: cell {k}: Dijkstra {} s, hierarchy {} s",
            a.seconds[k], b.seconds[k]
        );
        // The metres are those of a fastest path: where two paths tie to the millisecond
        // the methods may pick different ones, so only reachability must agree.
        assert_eq!(
            a.metres[k].is_finite(),
            b.metres[k].is_finite(),
            "{what}: cell {k}"
        );
    }
}

/// The default profile (turns priced, on the graph of turns) and free turns (junctions).
fn profiles() -> [Profile; 2] {
    let mut free = Profile::default();
    free.turns.enabled = false;
    [Profile::default(), free]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn hierarchy_matrices_equal_dijkstra_on_random_networks(seed in any::<u64>(), size in 4i64..16) {
        let data = random_osm(seed, size, (size * size) as usize / 2 + 5);
        for profile in profiles() {
            let Ok(map) = RoadMap::from_osm(&data, &profile) else {
                return Ok(());
            };
            let points = random_points(&map, seed, 12);
            let dijkstra = matrix_with(&map, &points, Method::Dijkstra);
            let hierarchy = matrix_with(&map, &points, Method::Hierarchy);
            let what = format!("seed {seed}, size {size}, turns {}", profile.turns.enabled);
            assert_same(&dijkstra, &hierarchy, &what);
        }
    }
}

fn osm_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/data/osm/{name}"))
}

#[test]
fn hierarchy_matrices_equal_dijkstra_on_real_extracts() {
    let helsinki =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-data/Helsinki.osm.pbf");
    for file in [
        osm_file("liechtenstein-latest.osm.pbf"),
        osm_file("monaco.osm.pbf"),
        helsinki,
    ] {
        for profile in profiles() {
            let map = RoadMap::load(&file, &profile).unwrap();
            let points = random_points(&map, 7, 120);
            let dijkstra = matrix_with(&map, &points, Method::Dijkstra);
            let hierarchy = matrix_with(&map, &points, Method::Hierarchy);
            let what = format!("{}, turns {}", file.display(), profile.turns.enabled);
            assert_same(&dijkstra, &hierarchy, &what);
            // The hierarchy is deterministic.
            assert_eq!(hierarchy, matrix_with(&map, &points, Method::Hierarchy));
        }
    }
}
