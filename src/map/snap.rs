//! Nearest usable road point for a coordinate (a packed R-tree).
//!
//! The index holds every segment of every edge of the kept component, projected into a
//! local equirectangular frame in metres (exact enough for the few tens of kilometres of a
//! regency). The reported distance is the haversine distance to the snapped point.

use geo::{Distance, Haversine};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rayon::prelude::*;

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

/// A segment in the local frame: its end points.
#[derive(Clone, Copy, Debug)]
struct Segment {
    from: [f64; 2],
    to: [f64; 2],
}

impl Segment {
    /// The nearest point of the segment to `q` (the formulas of rstar's `Line`, which this
    /// index replaced, so snapping is unchanged).
    fn nearest_point(&self, q: [f64; 2]) -> [f64; 2] {
        let dir = [self.to[0] - self.from[0], self.to[1] - self.from[1]];
        let rel = [q[0] - self.from[0], q[1] - self.from[1]];
        let s = (rel[0] * dir[0] + rel[1] * dir[1]) / (dir[0] * dir[0] + dir[1] * dir[1]);
        if 0.0 < s && s < 1.0 {
            [self.from[0] + dir[0] * s, self.from[1] + dir[1] * s]
        } else if s <= 0.0 {
            self.from
        } else {
            self.to
        }
    }

    fn distance_2(&self, q: [f64; 2]) -> f64 {
        let p = self.nearest_point(q);
        let d = [p[0] - q[0], p[1] - q[1]];
        d[0] * d[0] + d[1] * d[1]
    }

    fn envelope(&self) -> Box2 {
        Box2 {
            min: [self.from[0].min(self.to[0]), self.from[1].min(self.to[1])],
            max: [self.from[0].max(self.to[0]), self.from[1].max(self.to[1])],
        }
    }
}

/// An axis-aligned box in the local frame.
#[derive(Clone, Copy, Debug)]
struct Box2 {
    min: [f64; 2],
    max: [f64; 2],
}

impl Box2 {
    const EMPTY: Box2 = Box2 {
        min: [f64::INFINITY; 2],
        max: [f64::NEG_INFINITY; 2],
    };

    fn merge(&mut self, other: &Box2) {
        for axis in 0..2 {
            self.min[axis] = self.min[axis].min(other.min[axis]);
            self.max[axis] = self.max[axis].max(other.max[axis]);
        }
    }

    /// The squared distance from `q` to the box (0 inside): no segment in it is nearer.
    fn distance_2(&self, q: [f64; 2]) -> f64 {
        let dx = (self.min[0] - q[0]).max(q[0] - self.max[0]).max(0.0);
        let dy = (self.min[1] - q[1]).max(q[1] - self.max[1]).max(0.0);
        dx * dx + dy * dy
    }
}

/// Children per node of the tree.
const FANOUT: usize = 16;

/// A static R-tree over the segments of the road graph, packed in the order of a Hilbert
/// curve (as in flatbush): built with one sort and no allocation per node. It stores only
/// each segment's edge and number (8 bytes) and a box per 16 segments; the segments' end
/// points are projected again from the graph when a query reaches them.
pub struct SnapIndex {
    frame: LocalFrame,
    /// The segments in tree order: edge and segment number.
    data: Vec<(u32, u32)>,
    /// The boxes of the nodes, level by level from the bottom; `levels[k]` is where level
    /// `k` starts (level 0 boxes groups of `FANOUT` segments).
    boxes: Vec<Box2>,
    levels: Vec<usize>,
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
        let mut extent = Box2::EMPTY;
        for &p in &graph.points {
            let q = frame.project(p);
            extent.merge(&Box2 { min: q, max: q });
        }
        // Order the segments along a Hilbert curve through their centres (ties by their
        // order in the graph), so that each node of the tree covers a compact area.
        let cell = |v: f64, axis: usize| {
            let (lo, hi) = (extent.min[axis], extent.max[axis]);
            if hi > lo {
                (((v - lo) / (hi - lo)) * 65535.0).round() as u32
            } else {
                0
            }
        };
        let mut keyed: Vec<(u32, u32, u32)> = (0..graph.edges.len() as u32)
            .into_par_iter()
            .flat_map_iter(|edge| {
                graph
                    .geometry(edge)
                    .windows(2)
                    .enumerate()
                    .map(move |(k, pair)| {
                        let (a, b) = (frame.project(pair[0]), frame.project(pair[1]));
                        let x = cell((a[0] + b[0]) / 2.0, 0);
                        let y = cell((a[1] + b[1]) / 2.0, 1);
                        (super::graph::hilbert(x, y), edge, k as u32)
                    })
            })
            .collect();
        keyed.par_sort_unstable();
        let data: Vec<(u32, u32)> = keyed.par_iter().map(|&(_, e, k)| (e, k)).collect();
        drop(keyed);
        let index = SnapIndex {
            frame,
            data,
            boxes: Vec::new(),
            levels: vec![0],
        };
        let mut boxes: Vec<Box2> = index
            .data
            .par_chunks(FANOUT)
            .map(|chunk| {
                let mut b = Box2::EMPTY;
                for &(edge, k) in chunk {
                    b.merge(&index.segment(graph, edge, k).envelope());
                }
                b
            })
            .collect();
        let mut levels = vec![0];
        while boxes.len() - levels[levels.len() - 1] > 1 {
            let below = *levels.last().expect("a level");
            let parents: Vec<Box2> = boxes[below..]
                .chunks(FANOUT)
                .map(|chunk| {
                    let mut b = Box2::EMPTY;
                    chunk.iter().for_each(|c| b.merge(c));
                    b
                })
                .collect();
            levels.push(boxes.len());
            boxes.extend(parents);
        }
        SnapIndex {
            boxes,
            levels,
            ..index
        }
    }

    /// Segment `k` of `edge`, in the local frame.
    fn segment(&self, graph: &RoadGraph, edge: u32, k: u32) -> Segment {
        let g = graph.geometry(edge);
        Segment {
            from: self.frame.project(g[k as usize]),
            to: self.frame.project(g[k as usize + 1]),
        }
    }

    /// The nearest segment to `q`: its tree index. Of segments at exactly the same distance,
    /// the one first in the graph (lowest edge, then segment) wins.
    fn nearest(&self, graph: &RoadGraph, q: [f64; 2]) -> Option<usize> {
        if self.data.is_empty() {
            return None;
        }
        // Best-first search: (squared distance bits, level + 1 or 0 for a segment, index).
        // Squared distances are never negative, so their bits order as the numbers do.
        let mut heap: BinaryHeap<Reverse<(u64, u32, u32)>> = BinaryHeap::new();
        let top = self.levels.len() as u32;
        let root = self.levels[self.levels.len() - 1];
        for i in root..self.boxes.len() {
            let d = self.boxes[i].distance_2(q);
            heap.push(Reverse((d.to_bits(), top, (i - root) as u32)));
        }
        let mut best: Option<(f64, usize)> = None;
        while let Some(Reverse((bits, level, index))) = heap.pop() {
            let d = f64::from_bits(bits);
            if let Some((best_d, _)) = best
                && d > best_d
            {
                break;
            }
            let index = index as usize;
            if level == 0 {
                let better = match best {
                    None => true,
                    Some((best_d, b)) => d < best_d || self.data[index] < self.data[b],
                };
                if better {
                    best = Some((d, index));
                }
                continue;
            }
            let level = level as usize - 1;
            let children = index * FANOUT..(index + 1) * FANOUT;
            if level == 0 {
                for k in children.take_while(|&k| k < self.data.len()) {
                    let (edge, segment) = self.data[k];
                    let d = self.segment(graph, edge, segment).distance_2(q);
                    heap.push(Reverse((d.to_bits(), 0, k as u32)));
                }
            } else {
                let below = self.levels[level - 1];
                let count = self.levels[level] - below;
                for k in children.take_while(|&k| k < count) {
                    let d = self.boxes[below + k].distance_2(q);
                    heap.push(Reverse((d.to_bits(), level as u32, k as u32)));
                }
            }
        }
        best.map(|(_, i)| i)
    }

    /// The nearest point on a usable road; `None` for an empty graph or a coordinate that
    /// is not a valid latitude and longitude.
    pub fn snap(&self, graph: &RoadGraph, p: LatLon) -> Option<Snapped> {
        if !((-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon)) {
            return None;
        }
        let q = self.frame.project(p);
        let nearest = self.nearest(graph, q)?;
        let (edge, segment) = self.data[nearest];
        let Segment { from: a, to: b } = self.segment(graph, edge, segment);
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
