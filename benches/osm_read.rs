//! Reading + highway filtering of real extracts, against osmium as a peer in the same run.
//!
//!   cargo bench --bench osm_read
//!
//! The peer, `osmium tags-filter FILE w/highway` (Debian osmium-tool), does the same job (all
//! highway ways and their nodes) and writes a PBF; it runs as a process, as a user would.

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};
use jempol::map::osm::read_osm;

fn extracts() -> Vec<(&'static str, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![
        (
            "liechtenstein",
            root.join("tests/data/osm/liechtenstein-latest.osm.pbf"),
        ),
        ("monaco", root.join("tests/data/osm/monaco.osm.pbf")),
    ];
    let helsinki = root.join("target/test-data/Helsinki.osm.pbf");
    if helsinki.exists() {
        files.push(("helsinki", helsinki));
    }
    files
}

fn osm_read(c: &mut Criterion) {
    let out = tempfile::tempdir().unwrap();
    let filtered = out.path().join("highways.osm.pbf");
    let mut group = c.benchmark_group("osm_read");
    group.sample_size(20);
    for (name, path) in extracts() {
        group.bench_function(format!("jempol read_osm {name}"), |b| {
            b.iter(|| read_osm(&path).unwrap())
        });
        group.bench_function(format!("osmium tags-filter w/highway {name}"), |b| {
            b.iter(|| {
                let status = Command::new("osmium")
                    .args(["tags-filter", "-O", "-o"])
                    .arg(&filtered)
                    .arg(&path)
                    .arg("w/highway")
                    .status()
                    .expect("osmium-tool is not installed");
                assert!(status.success());
            })
        });
    }
    // Parallel decoding against one thread, on Liechtenstein.
    let (_, li) = &extracts()[0];
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    group.bench_function("jempol read_osm liechtenstein 1 thread", |b| {
        b.iter(|| one_thread.install(|| read_osm(li).unwrap()))
    });
    // The same Liechtenstein data as OSM XML (converted by osmium once, outside the timing).
    let xml = out.path().join("liechtenstein.osm");
    let status = Command::new("osmium")
        .args(["cat", "-O", "-o"])
        .arg(&xml)
        .arg(li)
        .status()
        .expect("osmium-tool is not installed");
    assert!(status.success());
    group.sample_size(10);
    group.bench_function("jempol read_osm liechtenstein as XML", |b| {
        b.iter(|| read_osm(&xml).unwrap())
    });
    group.finish();
}

criterion_group!(benches, osm_read);
criterion_main!(benches);
