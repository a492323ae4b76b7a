//! The line each van drives on each day, for the GPX tracks, the report map and GeoJSON.

use crate::map::LatLon;
use crate::plan::Solved;

/// One polyline per van-day (in plan order), depot → stops → depot along the travel source's
/// paths; empty for a van-day without visits.
pub fn route_lines(solved: &Solved) -> Vec<Vec<LatLon>> {
    let prepared = &solved.prepared;
    let points = crate::scenario::points(&prepared.scenario);
    let (travel, _) = prepared.source.connect(&points);
    solved
        .solution
        .routes
        .iter()
        .map(|route| {
            if route.is_empty() {
                return Vec::new();
            }
            let mut locations = vec![0];
            locations.extend(
                route
                    .iter()
                    .map(|&j| prepared.built.instance.jobs[j].location),
            );
            locations.push(0);
            let mut line: Vec<LatLon> = Vec::new();
            for pair in locations.windows(2) {
                let piece = travel.path(pair[0], pair[1]);
                let skip = usize::from(line.last() == piece.first());
                line.extend(piece.into_iter().skip(skip));
            }
            line
        })
        .collect()
}
