//! A plain, obviously correct shortest-path oracle on the uncompressed way segments: one
//! graph node per OSM node, one arc per allowed direction of every segment, textbook
//! Dijkstra with `f64` seconds. Shares no code with `jempol::route`.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap, HashSet};

use geo::{Distance, Haversine};
use jempol::map::LatLon;
use jempol::map::graph::{Classifier, RoadGraph};
use jempol::map::osm::OsmData;
use jempol::map::profile::Direction;
use jempol::map::snap::Snapped;

/// A point on segment `a -> b` of a way, at `fraction` of the segment's length from `a`.
#[derive(Clone, Copy, Debug)]
pub struct OnSegment {
    pub way: i64,
    pub a: i64,
    pub b: i64,
    pub fraction: f64,
}

impl OnSegment {
    /// Where the fast graph put a snapped point, in OSM terms.
    pub fn of(graph: &RoadGraph, s: &Snapped) -> OnSegment {
        let e = &graph.edges[s.position.edge as usize];
        let k = (e.first_point + s.position.segment) as usize;
        OnSegment {
            way: e.way_id,
            a: graph.point_osm_ids[k],
            b: graph.point_osm_ids[k + 1],
            fraction: s.position.fraction,
        }
    }
}

struct Segment {
    way: i64,
    a: i64,
    b: i64,
    metres: f64,
    speed_mps: f64,
    forward: bool,
    backward: bool,
}

pub struct Oracle {
    segments: Vec<Segment>,
    /// Node coordinates, and the nodes at each coordinate.
    nodes: HashMap<i64, LatLon>,
    at: HashMap<(u64, u64), Vec<i64>>,
    /// Directed node pairs a van may drive.
    allowed: HashSet<(i64, i64)>,
}

#[derive(PartialEq)]
struct Seconds(f64);
impl Eq for Seconds {}
impl PartialOrd for Seconds {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Seconds {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl Oracle {
    pub fn new(data: &OsmData, classify: Classifier<'_>) -> Oracle {
        let mut segments = Vec::new();
        for way in &data.ways {
            let Some(rule) = classify(&way.tags) else {
                continue;
            };
            for pair in way.nodes.windows(2) {
                let (Some(&pa), Some(&pb)) = (data.nodes.get(&pair[0]), data.nodes.get(&pair[1]))
                else {
                    continue;
                };
                segments.push(Segment {
                    way: way.id,
                    a: pair[0],
                    b: pair[1],
                    metres: Haversine.distance(pa.into(), pb.into()),
                    speed_mps: rule.speed_kmh / 3.6,
                    forward: rule.direction != Direction::Backward,
                    backward: rule.direction != Direction::Forward,
                });
            }
        }
        let mut nodes = HashMap::new();
        let mut at: HashMap<(u64, u64), Vec<i64>> = HashMap::new();
        let mut allowed = HashSet::new();
        for s in &segments {
            for n in [s.a, s.b] {
                let p = data.nodes[&n];
                if nodes.insert(n, p).is_none() {
                    at.entry(key(p)).or_default().push(n);
                }
            }
            if s.forward {
                allowed.insert((s.a, s.b));
            }
            if s.backward {
                allowed.insert((s.b, s.a));
            }
        }
        Oracle {
            segments,
            nodes,
            at,
            allowed,
        }
    }

    /// Seconds and metres of the fastest path, or `None` when there is none.
    pub fn route(&self, from: OnSegment, to: OnSegment) -> Option<(f64, f64)> {
        let mut index: HashMap<i64, usize> = HashMap::new();
        let id = |n: i64, index: &mut HashMap<i64, usize>| {
            let len = index.len() + 2;
            *index.entry(n).or_insert(len)
        };
        // Nodes 0 and 1 are the from and to points.
        let mut arcs: Vec<(usize, usize, f64, f64)> = Vec::new();
        for s in &self.segments {
            let mut stops = vec![(0.0, id(s.a, &mut index)), (1.0, id(s.b, &mut index))];
            for (node, p) in [(0, from), (1, to)] {
                if (p.way, p.a, p.b) == (s.way, s.a, s.b) {
                    stops.push((p.fraction, node));
                }
            }
            stops.sort_by(|x, y| x.0.total_cmp(&y.0));
            for w in stops.windows(2) {
                let ((f0, u), (f1, v)) = (w[0], w[1]);
                let metres = (f1 - f0) * s.metres;
                // Points at the same place are the same place, whatever the direction.
                if s.forward || metres == 0.0 {
                    arcs.push((u, v, metres / s.speed_mps, metres));
                }
                if s.backward || metres == 0.0 {
                    arcs.push((v, u, metres / s.speed_mps, metres));
                }
            }
        }
        let n = index.len() + 2;
        let mut adjacent = vec![Vec::new(); n];
        for (u, v, t, m) in arcs {
            adjacent[u].push((v, t, m));
        }
        let mut best = vec![(f64::INFINITY, f64::INFINITY); n];
        let mut done = vec![false; n];
        let mut heap = BinaryHeap::new();
        best[0] = (0.0, 0.0);
        heap.push(Reverse((Seconds(0.0), 0usize)));
        while let Some(Reverse((Seconds(t), u))) = heap.pop() {
            if done[u] {
                continue;
            }
            done[u] = true;
            for &(v, dt, dm) in &adjacent[u] {
                if t + dt < best[v].0 {
                    best[v] = (t + dt, best[u].1 + dm);
                    heap.push(Reverse((Seconds(t + dt), v)));
                }
            }
        }
        best[1].0.is_finite().then_some(best[1])
    }

    /// Whether a van may drive straight from `p` to `q` along one segment (every step of a
    /// path geometry must be like this).
    pub fn step_allowed(&self, p: LatLon, q: LatLon) -> bool {
        if let (Some(ps), Some(qs)) = (self.at.get(&key(p)), self.at.get(&key(q))) {
            return ps
                .iter()
                .any(|&a| qs.iter().any(|&b| self.allowed.contains(&(a, b))));
        }
        // A step from or to a point between nodes.
        self.segments.iter().any(|s| {
            let (a, b) = (self.nodes[&s.a], self.nodes[&s.b]);
            match (position_on(a, b, p), position_on(a, b, q)) {
                (Some(fp), Some(fq)) => (s.forward && fp <= fq) || (s.backward && fq <= fp),
                _ => false,
            }
        })
    }
}

fn key(p: LatLon) -> (u64, u64) {
    (p.lat.to_bits(), p.lon.to_bits())
}

/// Where `p` lies on segment `a -> b` (0..=1), if it lies on it (within a millimetre).
fn position_on(a: LatLon, b: LatLon, p: LatLon) -> Option<f64> {
    let (dx, dy) = (b.lon - a.lon, b.lat - a.lat);
    let len2 = dx * dx + dy * dy;
    let f = if len2 > 0.0 {
        (((p.lon - a.lon) * dx + (p.lat - a.lat) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let on = LatLon {
        lat: a.lat + f * dy,
        lon: a.lon + f * dx,
    };
    (Haversine.distance(on.into(), p.into()) < 1e-3).then_some(f)
}
