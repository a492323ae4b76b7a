//! OpenStreetMap -> routable road graph.

pub mod graph;
pub mod import;
pub mod osm;
pub mod pbf_write;
pub mod profile;
pub mod snap;
pub mod synth;

/// A WGS84 coordinate in degrees.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}
