//! Nearest usable road point for a coordinate (rstar).
//!
//! The index holds every segment of every edge of the kept component, projected into a
//! local equirectangular frame in metres (exact enough for the few tens of kilometres of a
//! regency). The reported distance is the haversine distance to the snapped point.

use geo::{Distance, Haversine};
use rstar::RTree;
use rstar::primitives::{GeomWithData, Line};

use super::LatLon;
use super::graph::RoadGraph;

/// Farthest a point may be from a usable road, unless the caller says otherwise.
pub const DEFAULT_SNAP_LIMIT_M: f64 = 1000.0;

/// A place on an edge: segment `segment` of its polyline, at `fraction` (0..=1) of it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EdgePosition {
    pub edge: u32,
    pub segment: u32,
    pub fraction: f64,
    /// Metres along the edge from its tail.
    pub along_m: f64,
}

/// A coordinate snapped onto the road graph.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapped {
    pub name: Option<String>,
    /// The coordinate asked for.
    pub query: LatLon,
    /// The nearest point on a usable road.
    pub point: LatLon,
    pub distance_m: f64,
    pub position: EdgePosition,
}

/// Projects WGS84 coordinates to metres around a reference latitude.
#[derive(Clone, Copy, Debug)]
struct LocalFrame {
    cos_lat0: f64,
}

impl LocalFrame {
    /// The sphere the distances are measured on.
    const R: f64 = Haversine.radius();

    fn project(&self, p: LatLon) -> [f64; 2] {
        [
            p.lon.to_radians() * Self::R * self.cos_lat0,
            p.lat.to_radians() * Self::R,
        ]
    }
}

type Segment = GeomWithData<Line<[f64; 2]>, (u32, u32)>;

/// R-tree over the segments of the road graph.
pub struct SnapIndex {
    frame: LocalFrame,
    tree: RTree<Segment>,
}

impl SnapIndex {
    pub fn new(graph: &RoadGraph) -> SnapIndex {
        let (lo, hi) = graph
            .vertices
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v.lat), hi.max(v.lat))
            });
        let lat0 = if lo.is_finite() { (lo + hi) / 2.0 } else { 0.0 };
        let frame = LocalFrame {
            cos_lat0: lat0.to_radians().cos(),
        };
        let mut segments = Vec::with_capacity(graph.points.len());
        for edge in 0..graph.edges.len() as u32 {
            for (k, pair) in graph.geometry(edge).windows(2).enumerate() {
                let line = Line::new(frame.project(pair[0]), frame.project(pair[1]));
                segments.push(GeomWithData::new(line, (edge, k as u32)));
            }
        }
        SnapIndex {
            frame,
            tree: RTree::bulk_load(segments),
        }
    }

    /// The nearest point on a usable road; `None` for an empty graph or a coordinate that
    /// is not a valid latitude and longitude.
    pub fn snap(&self, graph: &RoadGraph, p: LatLon) -> Option<Snapped> {
        if !((-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon)) {
            return None;
        }
        let q = self.frame.project(p);
        let nearest = self.tree.nearest_neighbor(&q)?;
        let (edge, segment) = nearest.data;
        let [a, b] = [nearest.geom().from, nearest.geom().to];
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let len2 = dx * dx + dy * dy;
        let fraction = if len2 > 0.0 {
            (((q[0] - a[0]) * dx + (q[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let geometry = graph.geometry(edge);
        let (s0, s1) = (geometry[segment as usize], geometry[segment as usize + 1]);
        let point = LatLon {
            lat: s0.lat + fraction * (s1.lat - s0.lat),
            lon: s0.lon + fraction * (s1.lon - s0.lon),
        };
        let before: f64 = geometry[..=segment as usize]
            .windows(2)
            .map(|w| Haversine.distance(w[0].into(), w[1].into()))
            .sum();
        let along_m = before + fraction * Haversine.distance(s0.into(), s1.into());
        Some(Snapped {
            name: None,
            query: p,
            point,
            distance_m: Haversine.distance(p.into(), point.into()),
            position: EdgePosition {
                edge,
                segment,
                fraction,
                along_m,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::graph::tests::{grid_data, grid_point, test_classify};

    fn graph() -> RoadGraph {
        let data = grid_data(&[(10, &[1, 2, 3], &[("highway", "residential")])]);
        RoadGraph::build(&data, &test_classify, "test").unwrap().0
    }

    #[test]
    fn snaps_mid_segment_with_the_haversine_distance() {
        let g = graph();
        let index = SnapIndex::new(&g);
        // Halfway between nodes 2 and 3, 0.0005° north of the road.
        let (p2, p3) = (grid_point(2), grid_point(3));
        let q = LatLon {
            lat: p2.lat + 0.0005,
            lon: (p2.lon + p3.lon) / 2.0,
        };
        let s = index.snap(&g, q).unwrap();
        assert_eq!(s.position.segment, 1);
        assert!((s.position.fraction - 0.5).abs() < 1e-9);
        assert!((s.point.lat - p2.lat).abs() < 1e-12);
        let below = LatLon {
            lat: p2.lat,
            lon: q.lon,
        };
        let expected = Haversine.distance(q.into(), below.into());
        assert!(
            (s.distance_m - expected).abs() < 1e-6,
            "{} vs {expected}",
            s.distance_m
        );
        let along = Haversine.distance(grid_point(1).into(), p2.into())
            + Haversine.distance(p2.into(), p3.into()) / 2.0;
        assert!((s.position.along_m - along).abs() < 1e-6);
    }

    #[test]
    fn invalid_coordinates_do_not_snap() {
        let g = graph();
        let index = SnapIndex::new(&g);
        for (lat, lon) in [
            (f64::NAN, 20.0),
            (10.0, f64::INFINITY),
            (91.0, 20.0),
            (10.0, -181.0),
        ] {
            assert_eq!(index.snap(&g, LatLon { lat, lon }), None);
        }
    }

    #[test]
    fn a_point_beyond_the_end_snaps_onto_the_end_vertex() {
        let g = graph();
        let index = SnapIndex::new(&g);
        let s = index.snap(&g, grid_point(5)).unwrap();
        assert_eq!(s.point, grid_point(3));
        assert_eq!((s.position.segment, s.position.fraction), (1, 1.0));
    }
}
