//! Feeds arbitrary bytes to every OSM reader: each must return data or an error, never panic.
//!
//! Run (stable toolchain; cargo-fuzz needs nightly flags, which RUSTC_BOOTSTRAP allows):
//!   cargo install cargo-fuzz
//!   bash fuzz/seed.sh   # seed corpus from the test fixtures and a small real PBF
//!   cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run osm_readers -- -max_total_time=600

#![no_main]

use jempol::map::osm::{OsmFormat, read_osm_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for format in [
        OsmFormat::Pbf,
        OsmFormat::Xml,
        OsmFormat::XmlGz,
        OsmFormat::XmlBz2,
    ] {
        let _ = read_osm_bytes(data, format);
    }
});
