//! The committed stand-in map of Magetan: fresh, deterministic, loadable, connected, and
//! calibrated against the BPS road distances.

use std::path::{Path, PathBuf};

use jempol::map::synth;

fn committed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/magetan-standin.osm.pbf")
}

fn generate(seed: u64, dir: &Path) -> Vec<u8> {
    let path = dir.join(format!("standin-{seed}.osm.pbf"));
    synth::generate_magetan_from(&synth::default_data_dir(), seed)
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
    let fresh = generate(synth::DEFAULT_SEED, dir.path());
    let committed = std::fs::read(committed()).expect("maps/magetan-standin.osm.pbf is missing");
    assert!(
        fresh == committed,
        "maps/magetan-standin.osm.pbf is stale: regenerate it with `jempol map synth`"
    );
}

#[test]
fn the_committed_map_reads_back_as_a_stand_in() {
    let data = jempol::map::osm::read_osm(&committed()).unwrap();
    let standin = synth::generate_magetan_from(&synth::default_data_dir(), synth::DEFAULT_SEED)
        .unwrap()
        .network;
    assert_eq!(data.ways, standin.ways);
    assert_eq!(data.nodes.len(), standin.nodes.len());
    assert!(synth::is_standin(&data));
    assert!(data.ways.iter().all(|w| synth::is_standin_tags(&w.tags)));
}

#[test]
fn a_tiled_network_has_the_size_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiled.osm.pbf");
    let base = synth::generate_magetan_from(&synth::default_data_dir(), 1)
        .unwrap()
        .network;
    let want = 3 * base.junction_count() as u64 + 1;
    let summary = synth::write_tiled(&base, want, &path).unwrap();
    assert_eq!(summary.tiles, 4);
    assert!(summary.junctions >= want);
    let data = jempol::map::osm::read_osm(&path).unwrap();
    assert_eq!(data.counts.nodes, summary.nodes);
    assert_eq!(data.ways.len() as u64, summary.ways);
    // 2 x 2 tiles joined by 4 connector roads.
    assert_eq!(summary.ways, 4 * base.ways.len() as u64 + 4);
}
