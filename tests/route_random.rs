//! The fast router against a plain oracle on random road networks, with mid-edge points,
//! oneways and loops; triangle inequality, oneway-respecting geometry and determinism.

mod oracle;

use geo::{Distance, Haversine};
use jempol::map::osm::{OsmData, Way};
use jempol::map::profile::Profile;
use jempol::map::{LatLon, RoadMap, Snapped};
use jempol::route::matrix::{matrix, path};
use oracle::{OnSegment, Oracle};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

const SIZE: i64 = 12;

fn grid_point(id: i64) -> LatLon {
    LatLon {
        lat: 50.0 + (id / 100) as f64 * 0.001,
        lon: 8.0 + (id % 100) as f64 * 0.0015,
    }
}

/// Random walks on a SIZE x SIZE grid, as OSM ways with random classes, speeds and oneways.
fn random_osm(seed: u64) -> OsmData {
    let mut rng = Pcg64::seed_from_u64(seed);
    let mut data = OsmData::default();
    let classes = [
        "residential",
        "primary",
        "tertiary",
        "unclassified",
        "service",
        "footway",
    ];
    for way_id in 1..=90 {
        let mut node = rng.random_range(0..SIZE) * 100 + rng.random_range(0..SIZE);
        let mut nodes = vec![node];
        for _ in 0..rng.random_range(1..6) {
            let (r, c) = (node / 100, node % 100);
            let (dr, dc) = [(0, 1), (1, 0), (0, -1), (-1, 0)][rng.random_range(0..4)];
            if (0..SIZE).contains(&(r + dr)) && (0..SIZE).contains(&(c + dc)) {
                node = (r + dr) * 100 + c + dc;
                nodes.push(node);
            }
        }
        if nodes.len() < 2 {
            continue;
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
        if rng.random_bool(0.3) {
            tags.push((
                "maxspeed".into(),
                ["30", "50", "80"][rng.random_range(0..3)].into(),
            ));
        }
        for &n in &nodes {
            data.nodes.insert(n, grid_point(n));
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
    let mut rng = Pcg64::seed_from_u64(seed ^ 0x5eed);
    (0..n)
        .map(|i| {
            let p = if i % 4 == 0 {
                // Exactly on a node (often a vertex).
                grid_point(rng.random_range(0..SIZE) * 100 + rng.random_range(0..SIZE))
            } else {
                LatLon {
                    lat: 50.0 + rng.random_range(0.0..(SIZE - 1) as f64 * 0.001),
                    lon: 8.0 + rng.random_range(0.0..(SIZE - 1) as f64 * 0.0015),
                }
            };
            map.snap(p).unwrap()
        })
        .collect()
}

fn build(data: &OsmData, profile: &Profile) -> RoadMap {
    RoadMap::from_osm(data, profile).unwrap()
}

/// The default profile with free turns: searches on the junctions, as the oracle's.
fn free_turns() -> Profile {
    let mut profile = Profile::default();
    profile.turns.enabled = false;
    profile
}

#[test]
fn matrices_match_the_oracle_on_random_networks() {
    let profile = free_turns();
    let mut pairs = 0;
    for seed in 0..25 {
        let data = random_osm(seed);
        let map = build(&data, &profile);
        let oracle = Oracle::new(&data, &|t| profile.classify(t));
        let points = random_points(&map, seed, 10);
        let t = matrix(&map, &points);
        for (i, from) in points.iter().enumerate() {
            for (j, to) in points.iter().enumerate() {
                let expected = oracle.route(
                    OnSegment::of(&map.graph, from),
                    OnSegment::of(&map.graph, to),
                );
                let (secs, _) = expected
                    .unwrap_or_else(|| panic!("seed {seed}: oracle finds no path {i} -> {j}"));
                // Edge times are whole milliseconds: allow half a millisecond per edge.
                let tolerance = 0.002 + 0.0005 * map.graph.edges.len().min(60) as f64;
                assert!(
                    (t.seconds(i, j) - secs).abs() <= tolerance,
                    "seed {seed}, {i} -> {j}: {} s, oracle {secs} s",
                    t.seconds(i, j)
                );
                pairs += 1;
            }
        }
    }
    assert_eq!(pairs, 25 * 100);
}

#[test]
fn paths_match_the_matrix_and_never_run_against_a_oneway() {
    for (seed, profile) in (100..110).zip([Profile::default(), free_turns()].iter().cycle()) {
        let data = random_osm(seed);
        let map = build(&data, profile);
        let oracle = Oracle::new(&data, &|t| profile.classify(t));
        let points = random_points(&map, seed, 8);
        let t = matrix(&map, &points);
        for (i, from) in points.iter().enumerate() {
            for (j, to) in points.iter().enumerate() {
                let p = path(&map, from, to).unwrap();
                assert_eq!((p.seconds, p.metres), (t.seconds(i, j), t.metres(i, j)));
                assert_eq!(p.geometry.first(), Some(&from.point));
                assert_eq!(p.geometry.last(), Some(&to.point));
                let drawn: f64 = p
                    .geometry
                    .windows(2)
                    .map(|w| Haversine.distance(w[0].into(), w[1].into()))
                    .sum();
                assert!(
                    (drawn - p.metres).abs() < 1e-3 * (1.0 + p.metres / 1000.0),
                    "{drawn} vs {}",
                    p.metres
                );
                for w in p.geometry.windows(2) {
                    assert!(
                        oracle.step_allowed(w[0], w[1]),
                        "seed {seed}, {i} -> {j}: step {:?} -> {:?}",
                        w[0],
                        w[1]
                    );
                }
            }
        }
    }
}

/// With free turns; with priced ones a stop on the way can be a free place to turn back.
#[test]
fn travel_times_satisfy_the_triangle_inequality() {
    for seed in 200..215 {
        let map = build(&random_osm(seed), &free_turns());
        let points = random_points(&map, seed, 12);
        let t = matrix(&map, &points);
        let n = points.len();
        for i in 0..n {
            assert_eq!(t.seconds(i, i), 0.0);
            for j in 0..n {
                for k in 0..n {
                    assert!(
                        t.seconds(i, k) <= t.seconds(i, j) + t.seconds(j, k) + 1e-9,
                        "seed {seed}: t[{i}][{k}] > t[{i}][{j}] + t[{j}][{k}]"
                    );
                }
            }
        }
    }
}

#[test]
fn the_same_input_in_any_way_order_gives_identical_matrices() {
    let data = random_osm(7);
    let map = build(&data, &Profile::default());
    let points = random_points(&map, 7, 15);
    let first = matrix(&map, &points);
    assert_eq!(matrix(&map, &points), first);

    let mut shuffled = random_osm(7);
    shuffled.ways.shuffle(&mut Pcg64::seed_from_u64(1));
    let again = build(&shuffled, &Profile::default());
    let points_again: Vec<Snapped> = points
        .iter()
        .map(|p| again.snap(p.query).unwrap())
        .collect();
    assert_eq!(matrix(&again, &points_again), first);
}
