//! Stop-to-stop travel time and distance matrices (rayon over sources), and path geometry.
//!
//! Points sit mid-edge. A search leaves a source point by the edge ends it may drive to
//! (only the head on a oneway edge) and enters a target point from the ends it may come
//! from; when both are on the same edge and the target lies ahead, the direct drive along
//! the edge counts too.
//!
//! Searches run on the junctions of the road graph, or, when the profile prices turns, on
//! the graph of turns (`map::turns`), whose vertices are road arcs: a point is then left
//! by turning at an end of its edge, and entered from the start of its edge's arc.

use rayon::prelude::*;

use super::ch::{Hierarchy, Seed};
use super::dijkstra::{Entry, NO_ARC, QueryState, with_state};
use crate::map::graph::{Csr, RoadGraph};
use crate::map::snap::Snapped;
use crate::map::turns::TurnGraph;
use crate::map::{LatLon, RoadMap};

/// Travel times (seconds) and distances (metres, of the fastest path) between points,
/// row-major (`from * n + to`); `INFINITY` where there is no path.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TravelMatrix {
    pub n: usize,
    pub seconds: Vec<f64>,
    pub metres: Vec<f64>,
}

impl TravelMatrix {
    pub fn seconds(&self, from: usize, to: usize) -> f64 {
        self.seconds[from * self.n + to]
    }

    pub fn metres(&self, from: usize, to: usize) -> f64 {
        self.metres[from * self.n + to]
    }
}

/// The fastest path between two snapped points, with its road geometry (from the snapped
/// start to the snapped end).
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    pub seconds: f64,
    pub metres: f64,
    pub geometry: Vec<LatLon>,
}

/// How a matrix is computed. Both give the same whole milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// One Dijkstra search per source (rayon over sources).
    Dijkstra,
    /// A contraction hierarchy built for the matrix, then bucket-based many-to-many.
    Hierarchy,
}

/// Below this many vertices, or this many points, a matrix uses plain Dijkstra: contracting
/// the graph costs more than the searches it saves. Measured (benches/README.md, "Where the
/// hierarchy starts"): the contraction costs about what 50 to 75 searches do on real road
/// topology, and about what 300 do on the dense 831-vertex stand-in.
pub const HIERARCHY_MIN_VERTICES: usize = 2_000;
pub const HIERARCHY_MIN_POINTS: usize = 100;

/// The method [`matrix`] uses for `points` points on this map. The junctions decide, with
/// turns priced or not: the graph of turns is larger but dearer to contract in about the
/// same measure (the 831-junction stand-in: Dijkstra 0.11 s, hierarchy 0.58 s for 300
/// points; Liechtenstein, 3,375 junctions: 0.13 s against 0.05 s; benches/README.md).
pub fn method_for(map: &RoadMap, points: usize) -> Method {
    let vertices = map.graph.vertex_count();
    if vertices >= HIERARCHY_MIN_VERTICES && points >= HIERARCHY_MIN_POINTS {
        Method::Hierarchy
    } else {
        Method::Dijkstra
    }
}

/// Travel times and distances between all pairs of `points`.
pub fn matrix(map: &RoadMap, points: &[Snapped]) -> TravelMatrix {
    matrix_with(map, points, method_for(map, points.len()))
}

/// Travel times and distances between all pairs of `points`, by the given method. The times
/// are the same either way; the metres are those of a fastest path, which can differ between
/// the methods where two paths take exactly the same milliseconds.
pub fn matrix_with(map: &RoadMap, points: &[Snapped], method: Method) -> TravelMatrix {
    let n = points.len();
    let (mut seconds, mut metres) = (vec![0.0; n * n], vec![0.0; n * n]);
    fill(
        map,
        points,
        method,
        &mut seconds,
        &mut metres,
        |best| match best {
            Some(b) => (b.time_ms as f64 / 1000.0, b.metres),
            None => (f64::INFINITY, f64::INFINITY),
        },
    );
    TravelMatrix { n, seconds, metres }
}

/// [`matrix`] in 4 bytes a cell, written in place, for scenarios with thousands of stops:
/// whole milliseconds (what the search measures; `u32::MAX` where there is no path) and
/// metres in single precision.
pub fn matrix_compact(map: &RoadMap, points: &[Snapped]) -> (Vec<u32>, Vec<f32>) {
    let n = points.len();
    let (mut millis, mut metres) = (vec![0; n * n], vec![0.0; n * n]);
    let method = method_for(map, n);
    fill(
        map,
        points,
        method,
        &mut millis,
        &mut metres,
        |best| match best {
            Some(b) => (b.time_ms, b.metres as f32),
            None => (u32::MAX, f32::INFINITY),
        },
    );
    (millis, metres)
}

/// Writes each row of the matrices in place (rayon over sources), `cell` turning the
/// fastest path (if any) into the stored time and distance.
fn fill<T: Send, M: Send>(
    map: &RoadMap,
    points: &[Snapped],
    method: Method,
    seconds: &mut [T],
    metres: &mut [M],
    cell: impl Fn(Option<Best>) -> (T, M) + Sync,
) {
    let network = Network::of(map);
    let (graph, csr) = (&map.graph, network.csr());
    let n = points.len().max(1);
    let targets: Vec<Vec<End>> = points.iter().map(|p| network.target_ends(p)).collect();
    let rows = seconds.par_chunks_mut(n).zip(metres.par_chunks_mut(n));
    match method {
        Method::Dijkstra => {
            let target_vertices: Vec<u32> =
                targets.iter().flatten().map(|e| e.entry.vertex).collect();
            rows.zip(points.par_iter())
                .for_each(|((time_row, metre_row), from)| {
                    let starts = entries(&network.source_ends(from));
                    with_state(|state| {
                        state.one_to_many(csr, &starts, &target_vertices);
                        for (k, (to, ends)) in points.iter().zip(&targets).enumerate() {
                            let reached = |v| state.reached(v);
                            (time_row[k], metre_row[k]) =
                                cell(best(graph, &reached, from, to, ends));
                        }
                    })
                });
        }
        Method::Hierarchy => {
            let hierarchy = Hierarchy::new(csr);
            let seeds = |ends: &[End]| -> Vec<Seed> {
                ends.iter()
                    .map(|e| Seed {
                        vertex: e.entry.vertex,
                        time_ms: e.entry.time_ms,
                        metres: e.entry.metres,
                    })
                    .collect()
            };
            let sources: Vec<Vec<Seed>> = points
                .iter()
                .map(|p| seeds(&network.source_ends(p)))
                .collect();
            // One target per end vertex: the distance to the vertex, as Dijkstra's `reached`.
            let end_vertices: Vec<Vec<Seed>> = targets
                .iter()
                .flatten()
                .map(|e| {
                    vec![Seed {
                        vertex: e.entry.vertex,
                        time_ms: 0,
                        metres: 0.0,
                    }]
                })
                .collect();
            let table = hierarchy.many_to_many(&sources, &end_vertices);
            rows.zip(points.par_iter()).zip(&table).for_each(
                |(((time_row, metre_row), from), row)| {
                    let mut column = 0;
                    for (k, (to, ends)) in points.iter().zip(&targets).enumerate() {
                        let first = column;
                        column += ends.len();
                        let reached = |v: u32| {
                            ends.iter()
                                .position(|e| e.entry.vertex == v)
                                .and_then(|k| row[first + k])
                        };
                        (time_row[k], metre_row[k]) = cell(best(graph, &reached, from, to, ends));
                    }
                },
            );
        }
    }
}

/// The fastest path from `from` to `to`, or `None` when there is none.
pub fn path(map: &RoadMap, from: &Snapped, to: &Snapped) -> Option<Path> {
    let network = Network::of(map);
    let (graph, csr) = (&map.graph, network.csr());
    let sources = network.source_ends(from);
    let targets = network.target_ends(to);
    let vertices: Vec<u32> = targets.iter().map(|e| e.entry.vertex).collect();
    with_state(|state| {
        state.one_to_many(csr, &entries(&sources), &vertices);
        let b = best(graph, &|v| state.reached(v), from, to, &targets)?;
        let mut geometry = Geometry(vec![from.point]);
        match b.via {
            Via::Along => geometry.along_edge(graph, from, to),
            Via::EdgeEnd { by_tail } => geometry.leave_edge(graph, from, by_tail),
            Via::Search(target) => {
                let arcs = arcs_to(csr, state, target.entry.vertex);
                let start = arcs.first().map_or(target.entry.vertex, |&a| csr.tail(a));
                // The start's time tells which way the search left the source edge (both
                // ends can be the same vertex on a loop).
                let start_ms = state.reached(start).map(|r| r.0);
                let source = sources
                    .iter()
                    .find(|s| s.entry.vertex == start && Some(s.entry.time_ms) == start_ms)
                    .expect("a search tree starts at a source entry");
                geometry.leave_edge(graph, from, source.by_tail);
                for &a in &arcs {
                    // On the graph of turns, a turn drives the road arc it leaves.
                    let road_arc = match network {
                        Network::Junctions(_) => a,
                        Network::Turns(_, turns) => turns.csr.tail(a),
                    };
                    geometry.arc(graph, road_arc);
                }
                if target.through {
                    geometry.arc(graph, target.entry.vertex);
                }
                geometry.enter_edge(graph, to, target.by_tail);
            }
        }
        geometry.push(to.point);
        Some(Path {
            seconds: b.time_ms as f64 / 1000.0,
            metres: b.metres,
            geometry: geometry.0,
        })
    })
}

/// The graph searches run on, and how points join it.
#[derive(Clone, Copy)]
enum Network<'a> {
    /// The junctions: turns are free.
    Junctions(&'a RoadGraph),
    /// The road arcs, joined by priced turns.
    Turns(&'a RoadGraph, &'a TurnGraph),
}

impl<'a> Network<'a> {
    fn of(map: &'a RoadMap) -> Network<'a> {
        match &map.turns {
            Some(turns) => Network::Turns(&map.graph, turns),
            None => Network::Junctions(&map.graph),
        }
    }

    fn csr(&self) -> &'a Csr {
        match *self {
            Network::Junctions(graph) => &graph.csr,
            Network::Turns(_, turns) => &turns.csr,
        }
    }

    /// Where a search from `p` starts, with the cost of driving there.
    fn source_ends(&self, p: &Snapped) -> Vec<End> {
        match *self {
            Network::Junctions(graph) => source_ends(graph, p),
            Network::Turns(graph, turns) => source_turns(graph, turns, p),
        }
    }

    /// Where a path into `p` can come from, with the cost of driving from there to `p`.
    fn target_ends(&self, p: &Snapped) -> Vec<End> {
        match *self {
            Network::Junctions(graph) => target_ends(graph, p),
            Network::Turns(graph, turns) => target_turns(graph, turns, p),
        }
    }
}

/// An end of a point's edge where a search starts or a path comes in.
#[derive(Clone, Copy, Debug)]
struct End {
    entry: Entry,
    /// The path leaves (a source) or enters (a target) the point's edge at its tail.
    by_tail: bool,
    /// On the graph of turns, for a point exactly at a junction: the path drives the
    /// entry's whole road arc, into that junction.
    through: bool,
}

fn entries(ends: &[End]) -> Vec<Entry> {
    ends.iter().map(|e| e.entry).collect()
}

#[derive(Clone, Copy, Debug)]
struct Best {
    time_ms: u32,
    metres: f64,
    via: Via,
}

/// How the fastest way into a point goes.
#[derive(Clone, Copy, Debug)]
enum Via {
    /// Straight along the edge both points are on.
    Along,
    /// Off the source's edge by its tail (or head), where the target lies exactly: a
    /// junction. The graph of turns has no vertex for standing at a junction.
    EdgeEnd { by_tail: bool },
    /// Through the searched graph, into the target by this end.
    Search(End),
}

/// The cheapest way into `to` after a search from `from`.
fn best(
    graph: &RoadGraph,
    reached: &dyn Fn(u32) -> Option<(u32, f64)>,
    from: &Snapped,
    to: &Snapped,
    ends: &[End],
) -> Option<Best> {
    let mut best = direct(graph, from, to);
    if let Some(end) = to_edge_end(graph, from, to)
        && best.is_none_or(|b| end.time_ms < b.time_ms)
    {
        best = Some(end);
    }
    for end in ends {
        if let Some((t, m)) = reached(end.entry.vertex) {
            let time_ms = t.saturating_add(end.entry.time_ms);
            if best.is_none_or(|b| time_ms < b.time_ms) {
                best = Some(Best {
                    time_ms,
                    metres: m + end.entry.metres,
                    via: Via::Search(*end),
                });
            }
        }
    }
    best
}

/// Milliseconds and metres from the edge's tail to a point on it.
fn offset(graph: &RoadGraph, p: &Snapped) -> (u32, f64) {
    let e = &graph.edges[p.position.edge as usize];
    let along_m = p.position.along_m.clamp(0.0, e.length_m);
    let ms = ((along_m / e.speed_mps * 1000.0).round() as u32).min(e.time_ms);
    (ms, along_m)
}

/// Whether the point is exactly at the edge's tail or head vertex, where it may use any
/// arc of that vertex whatever the edge's direction.
fn at_ends(graph: &RoadGraph, p: &Snapped) -> (bool, bool) {
    let pos = p.position;
    let segments = graph.geometry(pos.edge).len() as u32 - 1;
    (
        pos.segment == 0 && pos.fraction == 0.0,
        pos.segment + 1 == segments && pos.fraction == 1.0,
    )
}

/// Where a search from `p` starts, with the cost of driving there.
fn source_ends(graph: &RoadGraph, p: &Snapped) -> Vec<End> {
    let e = &graph.edges[p.position.edge as usize];
    let (ms, m) = offset(graph, p);
    let (at_tail, at_head) = at_ends(graph, p);
    let mut ends = Vec::with_capacity(2);
    if e.forward || at_head {
        let entry = Entry {
            vertex: e.head,
            time_ms: e.time_ms - ms,
            metres: e.length_m - m,
        };
        ends.push(End {
            entry,
            by_tail: false,
            through: false,
        });
    }
    if e.backward || at_tail {
        ends.push(End {
            entry: Entry {
                vertex: e.tail,
                time_ms: ms,
                metres: m,
            },
            by_tail: true,
            through: false,
        });
    }
    ends
}

/// Where a path into `p` can come from, with the cost of driving from there to `p`.
fn target_ends(graph: &RoadGraph, p: &Snapped) -> Vec<End> {
    let e = &graph.edges[p.position.edge as usize];
    let (ms, m) = offset(graph, p);
    let (at_tail, at_head) = at_ends(graph, p);
    let mut ends = Vec::with_capacity(2);
    if e.forward || at_tail {
        ends.push(End {
            entry: Entry {
                vertex: e.tail,
                time_ms: ms,
                metres: m,
            },
            by_tail: true,
            through: false,
        });
    }
    if e.backward || at_head {
        let entry = Entry {
            vertex: e.head,
            time_ms: e.time_ms - ms,
            metres: e.length_m - m,
        };
        ends.push(End {
            entry,
            by_tail: false,
            through: false,
        });
    }
    ends
}

/// Driving straight along a shared edge, when the edge's direction allows it.
fn direct(graph: &RoadGraph, from: &Snapped, to: &Snapped) -> Option<Best> {
    if from.position.edge != to.position.edge {
        return None;
    }
    let e = &graph.edges[from.position.edge as usize];
    let ((fs, fm), (ts, tm)) = (offset(graph, from), offset(graph, to));
    let ahead = (from.position.segment, from.position.fraction)
        <= (to.position.segment, to.position.fraction);
    let behind = (from.position.segment, from.position.fraction)
        >= (to.position.segment, to.position.fraction);
    if from.point == to.point || (ahead && e.forward) {
        Some(Best {
            time_ms: ts.saturating_sub(fs),
            metres: (tm - fm).max(0.0),
            via: Via::Along,
        })
    } else if behind && e.backward {
        Some(Best {
            time_ms: fs.saturating_sub(ts),
            metres: (fm - tm).max(0.0),
            via: Via::Along,
        })
    } else {
        None
    }
}

/// Driving from a point to an end of its edge, when `to` lies exactly there.
fn to_edge_end(graph: &RoadGraph, from: &Snapped, to: &Snapped) -> Option<Best> {
    let (at_tail, at_head) = at_ends(graph, to);
    let e = &graph.edges[to.position.edge as usize];
    let junction = match (at_tail, at_head) {
        (true, _) => e.tail,
        (_, true) => e.head,
        _ => return None,
    };
    source_ends(graph, from)
        .into_iter()
        .filter(|end| end.entry.vertex == junction)
        .min_by_key(|end| end.entry.time_ms)
        .map(|end| Best {
            time_ms: end.entry.time_ms,
            metres: end.entry.metres,
            via: Via::EdgeEnd {
                by_tail: end.by_tail,
            },
        })
}

/// The arcs of the search tree from a start to `v`, in driving order.
fn arcs_to(csr: &Csr, state: &QueryState, mut v: u32) -> Vec<u32> {
    let mut arcs = Vec::new();
    loop {
        let a = state.parent_arc(v);
        if a == NO_ARC {
            break;
        }
        arcs.push(a);
        v = csr.tail(a);
    }
    arcs.reverse();
    arcs
}

/// On the graph of turns: where a search from `p` starts. Leaving the point's edge at an
/// end, the van turns onto a road arc there (turn priced); from a point exactly at a
/// junction it may take any arc of the junction, with no turn.
fn source_turns(graph: &RoadGraph, turns: &TurnGraph, p: &Snapped) -> Vec<End> {
    let edge = p.position.edge;
    let e = &graph.edges[edge as usize];
    let (ms, m) = offset(graph, p);
    let (at_tail, at_head) = at_ends(graph, p);
    let mut ends = Vec::new();
    // Towards the head (`by_tail` false), then towards the tail; each with the time and
    // metres from the point to that end.
    for (by_tail, at_end, to_end) in [
        (false, at_head, (e.time_ms - ms, e.length_m - m)),
        (true, at_tail, (ms, m)),
    ] {
        let vertex = if by_tail { e.tail } else { e.head };
        let mut push = |arc: u32, time_ms: u32, metres: f64| {
            ends.push(End {
                entry: Entry {
                    vertex: arc,
                    time_ms,
                    metres,
                },
                by_tail,
                through: false,
            })
        };
        if at_end {
            for b in graph.csr.out(vertex) {
                push(b, 0, 0.0);
            }
        } else if let Some(a) = turns.edge_arc(edge, by_tail) {
            // A turn's time includes its whole road arc (the edge's time); the point is part
            // way along it.
            for t in turns.csr.out(a) {
                let turn = turns.csr.arcs[t as usize];
                push(turn.head, turn.time_ms - (e.time_ms - to_end.0), to_end.1);
            }
        }
    }
    ends
}

/// On the graph of turns: where a path into `p` can come from. A path enters the point's
/// edge at the start of one of its road arcs; into a point exactly at a junction, it may
/// come by any arc into the junction.
fn target_turns(graph: &RoadGraph, turns: &TurnGraph, p: &Snapped) -> Vec<End> {
    let edge = p.position.edge;
    let e = &graph.edges[edge as usize];
    let (ms, m) = offset(graph, p);
    let (at_tail, at_head) = at_ends(graph, p);
    let mut ends = Vec::new();
    for (by_tail, at_end, from_end) in [
        (true, at_tail, (ms, m)),
        (false, at_head, (e.time_ms - ms, e.length_m - m)),
    ] {
        if at_end {
            let vertex = if by_tail { e.tail } else { e.head };
            for &a in turns.arcs_into(vertex) {
                let arc = graph.csr.arcs[a as usize];
                ends.push(End {
                    entry: Entry {
                        vertex: a,
                        time_ms: arc.time_ms,
                        metres: arc.length_m,
                    },
                    by_tail,
                    through: true,
                });
            }
        } else if let Some(a) = turns.edge_arc(edge, !by_tail) {
            ends.push(End {
                entry: Entry {
                    vertex: a,
                    time_ms: from_end.0,
                    metres: from_end.1,
                },
                by_tail,
                through: false,
            });
        }
    }
    ends
}

/// A polyline under construction; repeated points are skipped.
struct Geometry(Vec<LatLon>);

impl Geometry {
    fn push(&mut self, p: LatLon) {
        if self.0.last() != Some(&p) {
            self.0.push(p);
        }
    }

    /// From a point on its edge to the edge's tail or head.
    fn leave_edge(&mut self, graph: &RoadGraph, p: &Snapped, by_tail: bool) {
        let g = graph.geometry(p.position.edge);
        let k = p.position.segment as usize;
        if by_tail {
            g[..=k].iter().rev().for_each(|&q| self.push(q));
        } else {
            g[k + 1..].iter().for_each(|&q| self.push(q));
        }
    }

    /// From the edge's tail or head to just before the point.
    fn enter_edge(&mut self, graph: &RoadGraph, p: &Snapped, by_tail: bool) {
        let g = graph.geometry(p.position.edge);
        let k = p.position.segment as usize;
        if by_tail {
            g[..=k].iter().for_each(|&q| self.push(q));
        } else {
            g[k + 1..].iter().rev().for_each(|&q| self.push(q));
        }
    }

    fn along_edge(&mut self, graph: &RoadGraph, from: &Snapped, to: &Snapped) {
        let g = graph.geometry(from.position.edge);
        let (a, b) = (from.position.segment as usize, to.position.segment as usize);
        if a < b {
            g[a + 1..=b].iter().for_each(|&q| self.push(q));
        } else if b < a {
            g[b + 1..=a].iter().rev().for_each(|&q| self.push(q));
        }
    }

    fn arc(&mut self, graph: &RoadGraph, arc: u32) {
        let code = graph.arc_edge[arc as usize];
        let g = graph.geometry(code >> 1);
        if code & 1 == 0 {
            g.iter().for_each(|&q| self.push(q));
        } else {
            g.iter().rev().for_each(|&q| self.push(q));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::graph::tests::{grid_data, grid_point, test_classify};
    use crate::map::osm::OsmData;
    use crate::map::profile::TurnCosts;
    use geo::{Distance, Haversine};

    fn map(data: &OsmData) -> RoadMap {
        RoadMap::build(data, &test_classify, "test").unwrap()
    }

    fn between(a: i64, b: i64, f: f64) -> LatLon {
        let (a, b) = (grid_point(a), grid_point(b));
        LatLon {
            lat: a.lat + f * (b.lat - a.lat),
            lon: a.lon + f * (b.lon - a.lon),
        }
    }

    /// A oneway street 1 -> 2 -> 3 (10 m/s) with a way back 3 -> 103 -> 101 -> 1.
    fn oneway_loop() -> RoadMap {
        map(&grid_data(&[
            (
                10,
                &[1, 2, 3],
                &[("highway", "residential"), ("oneway", "yes")],
            ),
            (11, &[3, 103, 101, 1], &[("highway", "residential")]),
        ]))
    }

    fn metres(geometry: &[LatLon]) -> f64 {
        geometry
            .windows(2)
            .map(|w| Haversine.distance(w[0].into(), w[1].into()))
            .sum()
    }

    #[test]
    fn along_a_oneway_edge_forward_is_direct_and_backward_goes_around() {
        let m = oneway_loop();
        let a = m.snap(between(1, 2, 0.5)).unwrap();
        let b = m.snap(between(2, 3, 0.5)).unwrap();
        assert_eq!(a.position.edge, b.position.edge);
        let ab = path(&m, &a, &b).unwrap();
        let seg = Haversine.distance(grid_point(1).into(), grid_point(2).into());
        assert!((ab.metres - seg).abs() < 1e-6, "{}", ab.metres);
        assert!((ab.seconds - seg / 10.0).abs() < 0.002);
        assert_eq!(ab.geometry, vec![a.point, grid_point(2), b.point]);

        // Back from b to a: on to 3, round the loop to 1, then up to a.
        let ba = path(&m, &b, &a).unwrap();
        let around: Vec<LatLon> = [3, 103, 101, 1].iter().map(|&id| grid_point(id)).collect();
        let mut expected = vec![b.point];
        expected.extend(around);
        expected.push(a.point);
        assert_eq!(ba.geometry, expected);
        assert!((ba.metres - metres(&ba.geometry)).abs() < 1e-6);

        let t = matrix(&m, &[a.clone(), b.clone()]);
        assert_eq!(t.seconds, vec![0.0, ab.seconds, ba.seconds, 0.0]);
        assert_eq!(t.metres(1, 0), ba.metres);
    }

    #[test]
    fn a_point_at_the_tail_of_a_oneway_edge_may_leave_by_any_arc_of_the_tail() {
        let m = oneway_loop();
        // Exactly at node 1, which is the tail of the oneway edge and the end of the loop.
        let at1 = m.snap(grid_point(1)).unwrap();
        let at101 = m.snap(grid_point(101)).unwrap();
        let p = path(&m, &at1, &at101).unwrap();
        assert_eq!(p.geometry, vec![grid_point(1), grid_point(101)]);
        let q = path(&m, &at101, &at1).unwrap();
        assert_eq!(q.geometry, vec![grid_point(101), grid_point(1)]);
    }

    #[test]
    fn a_two_way_edge_can_be_driven_back_to_a_point_behind() {
        let m = map(&grid_data(&[(
            10,
            &[1, 2, 3],
            &[("highway", "residential")],
        )]));
        let a = m.snap(between(1, 2, 0.25)).unwrap();
        let b = m.snap(between(2, 3, 0.75)).unwrap();
        let ba = path(&m, &b, &a).unwrap();
        assert_eq!(ba.geometry, vec![b.point, grid_point(2), a.point]);
        let ab = path(&m, &a, &b).unwrap();
        assert_eq!((ab.seconds, ab.metres), (ba.seconds, ba.metres));
    }

    #[test]
    fn a_oneway_cul_de_sac_loop_is_driven_round() {
        // Way 1-2 two-way, then a oneway loop 2 -> 3 -> 103 -> 102 -> 2.
        let m = map(&grid_data(&[
            (10, &[1, 2], &[("highway", "residential")]),
            (
                11,
                &[2, 3, 103, 102, 2],
                &[("highway", "residential"), ("oneway", "yes")],
            ),
        ]));
        let a = m.snap(between(3, 103, 0.5)).unwrap();
        let b = m.snap(between(3, 103, 0.25)).unwrap();
        let p = path(&m, &a, &b).unwrap();
        let expected = vec![
            a.point,
            grid_point(103),
            grid_point(102),
            grid_point(2),
            grid_point(3),
            b.point,
        ];
        assert_eq!(p.geometry, expected);
        assert!((p.metres - metres(&p.geometry)).abs() < 1e-6);
    }

    /// A plus-shaped junction at node 102 (north up): arms to 202 (north), 101 (west), 103
    /// (east) and 2 (south).
    fn plus() -> OsmData {
        grid_data(&[
            (10, &[202, 102], &[("highway", "residential")]),
            (11, &[101, 102], &[("highway", "residential")]),
            (12, &[103, 102], &[("highway", "residential")]),
            (13, &[2, 102], &[("highway", "residential")]),
        ])
    }

    #[test]
    fn priced_turns_add_their_cost_and_keep_the_road() {
        let free = map(&plus());
        let priced = map(&plus()).with_turns(&TurnCosts::default());
        let on = |a, b| free.snap(between(a, b, 0.5)).unwrap();
        let (north, west, east, south) = (on(202, 102), on(101, 102), on(103, 102), on(2, 102));
        // Driving south from the north arm, traffic keeping left: west is across it.
        for (to, turn_s) in [(&west, 5.395), (&east, 2.105), (&south, 0.007)] {
            let (f, p) = (
                path(&free, &north, to).unwrap(),
                path(&priced, &north, to).unwrap(),
            );
            assert_eq!(p.geometry, f.geometry);
            assert!((p.metres - f.metres).abs() < 1e-9);
            assert!(
                (p.seconds - f.seconds - turn_s).abs() < 0.003,
                "{p:?} {f:?}"
            );
        }
        let points = [north, west, east, south];
        let dijkstra = matrix_with(&priced, &points, Method::Dijkstra);
        assert_eq!(dijkstra, matrix_with(&priced, &points, Method::Hierarchy));
        for (i, from) in points.iter().enumerate() {
            for (j, to) in points.iter().enumerate() {
                let p = path(&priced, from, to).unwrap();
                assert_eq!(
                    (dijkstra.seconds(i, j), dijkstra.metres(i, j)),
                    (p.seconds, p.metres)
                );
            }
        }
    }

    #[test]
    fn a_point_at_a_junction_needs_no_turn_to_leave_or_reach_it() {
        let free = map(&plus());
        let priced = map(&plus()).with_turns(&TurnCosts::default());
        let at = priced.snap(grid_point(102)).unwrap();
        let west = priced.snap(between(101, 102, 0.5)).unwrap();
        for (from, to) in [(&at, &west), (&west, &at)] {
            let (f, p) = (
                path(&free, from, to).unwrap(),
                path(&priced, from, to).unwrap(),
            );
            assert_eq!((p.seconds, &p.geometry), (f.seconds, &f.geometry));
        }
    }

    #[test]
    fn where_only_two_roads_meet_turning_is_free() {
        let free = oneway_loop();
        let priced = oneway_loop().with_turns(&TurnCosts::default());
        let a = free.snap(between(1, 2, 0.5)).unwrap();
        let b = free.snap(between(2, 3, 0.5)).unwrap();
        for (from, to) in [(&a, &b), (&b, &a)] {
            assert_eq!(path(&priced, from, to), path(&free, from, to));
        }
    }

    #[test]
    fn a_dead_end_is_left_by_a_priced_u_turn() {
        // A spur 102 -> 202 off a west-east road: from the spur's middle, heading north
        // first means turning back at its dead end.
        let data = grid_data(&[
            (10, &[101, 102, 103], &[("highway", "residential")]),
            (11, &[102, 202], &[("highway", "residential")]),
        ]);
        let priced = map(&data).with_turns(&TurnCosts::default());
        let spur = priced.snap(between(102, 202, 0.5)).unwrap();
        let end = priced.snap(between(102, 202, 0.9)).unwrap();
        let west = priced.snap(between(101, 102, 0.5)).unwrap();
        // Up the spur, then back down it and on west: the U-turn at 202 is free (only
        // one road), but the road is driven twice.
        let p = path(&priced, &end, &west).unwrap();
        assert_eq!(
            p.geometry,
            vec![end.point, grid_point(102), west.point],
            "{p:?}"
        );
        let back = path(&priced, &spur, &end).unwrap();
        assert_eq!(back.geometry, vec![spur.point, end.point]);
    }

    #[test]
    fn a_bollard_cuts_the_road_and_a_gate_does_not() {
        use crate::map::profile::Profile;
        // A square 101-102-103-203-202-201-101, with a barrier at 102.
        let mut data = grid_data(&[
            (10, &[101, 102, 103], &[("highway", "residential")]),
            (
                11,
                &[103, 203, 202, 201, 101],
                &[("highway", "residential")],
            ),
        ]);
        let route = |barrier: &str, data: &mut OsmData| {
            let tags = vec![("barrier".to_string(), barrier.to_string())];
            data.barriers = vec![(102, tags)];
            let map = RoadMap::from_osm(data, &Profile::default()).unwrap();
            let from = map.snap(between(101, 102, 0.5)).unwrap();
            let to = map.snap(between(102, 103, 0.5)).unwrap();
            (map.info.vertices, path(&map, &from, &to).unwrap().geometry)
        };
        let (vertices, through_gate) = route("gate", &mut data);
        assert_eq!(vertices, 2, "ends of the ways 101 and 103");
        assert!(through_gate.contains(&grid_point(102)));
        let (vertices, around) = route("bollard", &mut data);
        assert_eq!(vertices, 4, "and one dead end on each side of the bollard");
        assert!(!around.contains(&grid_point(102)), "{around:?}");
        assert!(around.contains(&grid_point(202)));
    }

    #[test]
    fn a_forbidden_turn_is_driven_around() {
        use crate::map::osm::TurnRestriction;
        let mut data = plus();
        let open = map(&data).with_turns(&TurnCosts::default());
        // No left turn from the north arm (way 10) onto the east arm (way 12).
        data.restrictions = vec![TurnRestriction {
            relation: 1,
            from_way: 10,
            via_node: 102,
            to_way: 12,
            only: false,
        }];
        let closed = map(&data).with_turns(&TurnCosts::default());
        let north = open.snap(between(202, 102, 0.5)).unwrap();
        let east = open.snap(between(103, 102, 0.5)).unwrap();
        let direct = path(&open, &north, &east).unwrap();
        assert_eq!(
            direct.geometry,
            vec![north.point, grid_point(102), east.point]
        );
        // Turn off another way, back at its dead end (a U-turn), then straight across.
        let around = path(&closed, &north, &east).unwrap();
        assert!(around.seconds > direct.seconds + 20.0, "{around:?}");
        assert!(around.geometry.len() > 4, "{around:?}");
        let points = [north.clone(), east.clone()];
        assert_eq!(matrix(&closed, &points).seconds(0, 1), around.seconds);
    }
}
