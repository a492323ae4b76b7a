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
