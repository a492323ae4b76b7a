//! Liechtenstein: load + build the road map, the build alone (from data already read),
//! snapping the 300 points in tests/data/osm/liechtenstein-points-300.csv, and their
//! 300 x 300 travel-time matrix. OSRM's figures for the same points are in the issue and
//! in benches/README.md; benches/peers.py runs the peers.
//!
//!     cargo bench --bench matrix

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use jempol::map::osm::read_osm;
use jempol::map::profile::Profile;
use jempol::map::{DEFAULT_SNAP_LIMIT_M, LatLon, RoadMap, read_points_csv};
use jempol::route::matrix::matrix;

const OSM_DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/osm");

fn points() -> Vec<(String, LatLon)> {
    read_points_csv(&Path::new(OSM_DATA).join("liechtenstein-points-300.csv")).unwrap()
}

fn liechtenstein(c: &mut Criterion) {
    let file = Path::new(OSM_DATA).join("liechtenstein-latest.osm.pbf");
    let profile = Profile::default();
    let mut group = c.benchmark_group("liechtenstein");
    group.sample_size(20);
    group.bench_function("load+build", |b| {
        b.iter(|| RoadMap::load(black_box(&file), &profile).unwrap())
    });

    let data = read_osm(&file).unwrap();
    group.bench_function("build", |b| {
        b.iter(|| RoadMap::from_osm(black_box(&data), &profile).unwrap())
    });

    let map = RoadMap::load(&file, &profile).unwrap();
    let points = points();
    let snapped: Vec<_> = points
        .iter()
        .map(|(name, p)| map.snap_named(name, *p, DEFAULT_SNAP_LIMIT_M).unwrap())
        .collect();
    group.bench_function("snap 300", |b| {
        b.iter(|| {
            let snapped: Vec<_> = points.iter().map(|(_, p)| map.snap(*p)).collect();
            snapped
        })
    });
    group.bench_function("matrix 300x300", |b| {
        b.iter(|| matrix(&map, black_box(&snapped)))
    });
    group.finish();
}

criterion_group!(benches, liechtenstein);
criterion_main!(benches);
