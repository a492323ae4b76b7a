//! The calibration measured again on the written map, as the project loads it (graph build,
//! snapping, the van profile's speeds, the travel matrix), independently of the generator's
//! own route search.

use crate::map::RoadMap;
use crate::route::matrix::matrix;

use super::{Measured, Standin};

/// Village centres and seats are nodes of the map, so they snap onto it exactly; anything
/// farther than this means the map is not the one generated.
const SNAP_LIMIT_M: f64 = 300.0;

/// Fastest routes on `map` from Magetan town to each destination of the stand-in.
pub fn measure_on_map(map: &RoadMap, standin: &Standin) -> anyhow::Result<Vec<Measured>> {
    let mut points = vec![map.snap_named("Magetan town", standin.origin, SNAP_LIMIT_M)?];
    for (m, &p) in standin.calibration.iter().zip(&standin.destinations) {
        points.push(map.snap_named(&m.desa, p, SNAP_LIMIT_M)?);
    }
    let travel = matrix(map, &points);
    Ok(standin
        .calibration
        .iter()
        .enumerate()
        .map(|(i, m)| Measured {
            route_m: travel.metres(0, i + 1),
            route_s: travel.seconds(0, i + 1),
            ..m.clone()
        })
        .collect())
}
