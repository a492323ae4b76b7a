//! Reads `.osm.pbf` (osmpbf, parallel) and OSM XML (`.osm`, `.osm.gz`, `.osm.bz2`).

use std::collections::HashMap;
use std::path::Path;

use super::LatLon;

/// Counts of objects seen in the file, before any filtering.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ReadCounts {
    pub nodes: u64,
    pub ways: u64,
    pub relations: u64,
}

/// A way with its node references and tags.
#[derive(Clone, Debug, PartialEq)]
pub struct Way {
    pub id: i64,
    pub nodes: Vec<i64>,
    pub tags: Vec<(String, String)>,
}

/// The road-relevant part of an OSM file: every way with a `highway` tag, and the
/// coordinates of the nodes those ways reference.
#[derive(Debug, Default)]
pub struct OsmData {
    pub nodes: HashMap<i64, LatLon>,
    pub ways: Vec<Way>,
    pub counts: ReadCounts,
}

/// Reads an OSM file; the format is chosen by extension.
pub fn read_osm(path: &Path) -> anyhow::Result<OsmData> {
    let _ = path;
    todo!("issue 2: osm reader")
}
