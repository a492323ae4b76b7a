//! What a plan's travel times are based on, so that every output can say when they are not
//! those of real roads.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TravelBasis {
    /// Shortest paths on a road map; `standin` when the map is the generated stand-in.
    Roads { map: String, standin: bool },
    /// Great-circle distance × `detour` at `speed_kmh`: a fallback, not roads.
    StraightLine { detour: f64, speed_kmh: f64 },
}

impl TravelBasis {
    /// Whether times and routes are not those of real roads.
    pub fn is_estimate(&self) -> bool {
        !matches!(self, TravelBasis::Roads { standin: false, .. })
    }
}
