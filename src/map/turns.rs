//! The graph of turns: what a route pays for turning at junctions (profile `[turns]`).
//!
//! Vertex `a` of this graph is the moment a van has just turned onto road arc `a`, at the
//! arc's tail. Its arcs are the turns at the road arc's head: `a -> b` for every road arc `b`
//! leaving that junction, costing the time to drive `a` plus the turn (see
//! [`TurnCosts::seconds`]), plus the traffic signals it passes: at the junction, and along
//! the road arc (both ways: `traffic_signals:direction` is not read; a stop's own road
//! counts its signals as if driven whole, or not at all). So it has as many vertices as the
//! road graph has arcs, and the searches and the hierarchy run on it unchanged. U-turns are
//! allowed everywhere, at their price, so every arc of the (strongly connected) road graph
//! still reaches every other.

use geo::{Bearing, Distance, Haversine};
use rayon::prelude::*;

use super::LatLon;
use super::graph::{Arc, Csr, RoadGraph};
use super::profile::TurnCosts;

/// In `edge_arcs`: the edge may not be driven that way.
const NO_ROAD_ARC: u32 = u32::MAX;

/// How far along a road its direction is taken, so that a kink right at the junction does
/// not decide the turn's angle.
const BEARING_SPAN_M: f64 = 10.0;

/// The turns of a road graph, priced.
#[derive(Clone, Debug)]
pub struct TurnGraph {
    /// Vertices are road arcs; each arc is a turn, timed with the road arc it leaves.
    pub csr: Csr,
    /// Road arcs into each junction: `into[first_in[v]..first_in[v + 1]]`.
    first_in: Vec<u32>,
    into: Vec<u32>,
    /// Per edge, the road arc that drives it forwards and backwards ([`NO_ROAD_ARC`] if
    /// none).
    edge_arcs: Vec<[u32; 2]>,
    /// Traffic signals on the roads, each counted once: at junctions and along edges.
    pub traffic_signals: usize,
    /// Turns left out because a turn restriction forbids them.
    pub forbidden_turns: usize,
}

impl TurnGraph {
    pub fn new(graph: &RoadGraph, costs: &TurnCosts) -> TurnGraph {
        let road = &graph.csr;
        let mut roads = vec![0usize; graph.vertex_count()];
        for e in &graph.edges {
            roads[e.tail as usize] += 1;
            roads[e.head as usize] += 1;
        }
        let signal = |id: &i64| graph.traffic_signals.binary_search(id).is_ok();
        let at_junction: Vec<bool> = graph.vertex_osm_ids.iter().map(signal).collect();
        // Signals strictly inside each edge's polyline.
        let along: Vec<u32> = graph
            .edges
            .iter()
            .map(|e| {
                let inner = e.first_point as usize + 1..(e.end_point as usize).saturating_sub(1);
                graph.point_osm_ids[inner]
                    .iter()
                    .filter(|id| signal(id))
                    .count() as u32
            })
            .collect();
        let signal_ms = (costs.traffic_signal_penalty_s * 1000.0).round() as u32;
        let bearings: Vec<(f64, f64)> = (0..road.arc_count() as u32)
            .into_par_iter()
            .map(|a| arc_bearings(graph, a))
            .collect();
        let mut first_in = vec![0u32; graph.vertex_count() + 1];
        for arc in &road.arcs {
            first_in[arc.head as usize + 1] += 1;
        }
        for v in 0..graph.vertex_count() {
            first_in[v + 1] += first_in[v];
        }
        let mut next = first_in.clone();
        let mut into = vec![0; road.arc_count()];
        let mut edge_arcs = vec![[NO_ROAD_ARC; 2]; graph.edges.len()];
        for (a, arc) in road.arcs.iter().enumerate() {
            let slot = &mut next[arc.head as usize];
            into[*slot as usize] = a as u32;
            *slot += 1;
            let code = graph.arc_edge[a];
            edge_arcs[(code >> 1) as usize][(code & 1) as usize] = a as u32;
        }
        let forbidden = forbidden_turns(graph, |v| {
            &into[first_in[v as usize] as usize..first_in[v as usize + 1] as usize]
        });
        let allowed = |a: usize, b: u32| forbidden.binary_search(&(a as u32, b)).is_err();
        let mut first_out = Vec::with_capacity(road.arc_count() + 1);
        first_out.push(0);
        for (a, arc) in road.arcs.iter().enumerate() {
            let turns = road.out(arc.head).filter(|&b| allowed(a, b)).count() as u32;
            first_out.push(first_out[first_out.len() - 1] + turns);
        }
        let arcs: Vec<Arc> = road
            .arcs
            .par_iter()
            .enumerate()
            .flat_map_iter(|(a, arc)| {
                let code = graph.arc_edge[a];
                let (roads, bearings) = (&roads, &bearings);
                let signals =
                    along[(code >> 1) as usize] + u32::from(at_junction[arc.head as usize]);
                let time_ms = arc.time_ms + signals * signal_ms;
                road.out(arc.head)
                    .filter(move |&b| allowed(a, b))
                    .map(move |b| {
                        let u_turn = graph.arc_edge[b as usize] == code ^ 1;
                        let angle = turn_angle(bearings[a].1, bearings[b as usize].0);
                        let seconds = costs.seconds(angle, roads[arc.head as usize], u_turn);
                        Arc {
                            head: b,
                            time_ms: time_ms + (seconds * 1000.0).round() as u32,
                            length_m: arc.length_m,
                        }
                    })
            })
            .collect();
        let traffic_signals = at_junction.iter().filter(|&&s| s).count()
            + along.iter().map(|&n| n as usize).sum::<usize>();
        TurnGraph {
            csr: Csr { first_out, arcs },
            first_in,
            into,
            edge_arcs,
            traffic_signals,
            forbidden_turns: forbidden.len(),
        }
    }

    /// The road arc that drives `edge` forwards (or backwards), if the edge allows it.
    pub fn edge_arc(&self, edge: u32, backwards: bool) -> Option<u32> {
        let a = self.edge_arcs[edge as usize][usize::from(backwards)];
        (a != NO_ROAD_ARC).then_some(a)
    }

    /// The road arcs that end at junction `v`.
    pub fn arcs_into(&self, v: u32) -> &[u32] {
        &self.into[self.first_in[v as usize] as usize..self.first_in[v as usize + 1] as usize]
    }
}

/// The turns the data's restrictions forbid, as (road arc in, road arc out), sorted. A
/// restriction names ways and a node: it applies to every arc of the `from` way into the
/// node and every arc of the `to` way out of it. `no_*` forbids that turn, `only_*` every
/// other turn from those arcs.
fn forbidden_turns<'a>(graph: &RoadGraph, arcs_into: impl Fn(u32) -> &'a [u32]) -> Vec<(u32, u32)> {
    let road = &graph.csr;
    let way_of = |arc: u32| graph.edges[(graph.arc_edge[arc as usize] >> 1) as usize].way_id;
    let mut by_node: Vec<_> = graph.restrictions.iter().collect();
    by_node.sort_by_key(|r| r.via_node);
    let mut forbidden = Vec::new();
    for (v, id) in graph.vertex_osm_ids.iter().enumerate() {
        let v = v as u32;
        let first = by_node.partition_point(|r| r.via_node < *id);
        for r in by_node[first..].iter().take_while(|r| r.via_node == *id) {
            for &a in arcs_into(v).iter().filter(|&&a| way_of(a) == r.from_way) {
                for b in road.out(v) {
                    if (way_of(b) == r.to_way) != r.only {
                        forbidden.push((a, b));
                    }
                }
            }
        }
    }
    forbidden.sort_unstable();
    forbidden.dedup();
    forbidden
}

/// The bearings (degrees from north) of a road arc as it leaves its tail and as it arrives
/// at its head, each over about [`BEARING_SPAN_M`].
fn arc_bearings(graph: &RoadGraph, arc: u32) -> (f64, f64) {
    let code = graph.arc_edge[arc as usize];
    let line = graph.geometry(code >> 1);
    let (first, last) = (line[0], line[line.len() - 1]);
    if code & 1 == 0 {
        let leave = bearing(first, span_end(line.iter().copied()));
        (leave, bearing(span_end(line.iter().rev().copied()), last))
    } else {
        let leave = bearing(last, span_end(line.iter().rev().copied()));
        (leave, bearing(span_end(line.iter().copied()), first))
    }
}

/// The first point of `line` at least [`BEARING_SPAN_M`] from its start, or its last point.
fn span_end(mut line: impl Iterator<Item = LatLon>) -> LatLon {
    let start = line.next().expect("an edge has two points at least");
    let mut last = start;
    for p in line {
        last = p;
        if Haversine.distance(start.into(), p.into()) >= BEARING_SPAN_M {
            break;
        }
    }
    last
}

fn bearing(from: LatLon, to: LatLon) -> f64 {
    Haversine.bearing(from.into(), to.into())
}

/// The turn from heading `arrive` to heading `leave`, in degrees from -180 to 180: positive
/// to the right, 0 straight on.
fn turn_angle(arrive: f64, leave: f64) -> f64 {
    let turn = (leave - arrive).rem_euclid(360.0);
    if turn > 180.0 { turn - 360.0 } else { turn }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::graph::tests::{grid_data, test_classify};
    use crate::map::profile::DrivingSide;

    #[test]
    fn turn_angles_are_signed_to_the_right() {
        assert_eq!(turn_angle(0.0, 90.0), 90.0);
        assert_eq!(turn_angle(0.0, 270.0), -90.0);
        assert_eq!(turn_angle(350.0, 10.0), 20.0);
        assert_eq!(turn_angle(10.0, 350.0), -20.0);
        assert_eq!(turn_angle(90.0, 270.0), 180.0);
    }

    #[test]
    fn turning_across_the_traffic_costs_more_and_straight_on_almost_nothing() {
        let left = TurnCosts::default();
        assert_eq!(left.driving_side, DrivingSide::Left);
        let right = TurnCosts {
            driving_side: DrivingSide::Right,
            ..TurnCosts::default()
        };
        // OSRM's curve: 2.105 s for a quarter turn with the traffic, 5.395 s across it.
        let with = left.seconds(-90.0, 4, false);
        let across = left.seconds(90.0, 4, false);
        assert!((with - 2.105).abs() < 0.001, "{with}");
        assert!((across - 5.395).abs() < 0.001, "{across}");
        assert_eq!(right.seconds(90.0, 4, false), with);
        assert_eq!(right.seconds(-90.0, 4, false), across);
        assert!(left.seconds(0.0, 4, false) < 0.01);
        // Where two roads meet there is no junction to slow for.
        assert_eq!(left.seconds(90.0, 2, false), 0.0);
        let u_turn = left.seconds(180.0, 2, true);
        assert!(u_turn > 27.0 && u_turn <= 27.5, "{u_turn}");
    }

    /// A plus-shaped junction at node 102 of the test grid (`row * 100 + column`, north
    /// up): roads from 202 (north), 101 (west), 103 (east) and 2 (south).
    fn plus() -> RoadGraph {
        let data = grid_data(&[
            (10, &[202, 102], &[("highway", "residential")]),
            (11, &[101, 102], &[("highway", "residential")]),
            (12, &[103, 102], &[("highway", "residential")]),
            (13, &[2, 102], &[("highway", "residential")]),
        ]);
        RoadGraph::build(&data, &test_classify, "test").unwrap().0
    }

    #[test]
    fn each_turn_is_priced_by_its_direction() {
        let g = plus();
        let turns = TurnGraph::new(&g, &TurnCosts::default());
        let vertex = |id: i64| g.vertex_osm_ids.iter().position(|&x| x == id).unwrap() as u32;
        let arc = |from: i64, to: i64| {
            g.csr
                .out(vertex(from))
                .find(|&a| g.csr.arcs[a as usize].head == vertex(to))
                .unwrap()
        };
        let turn_ms = |a: u32, b: u32| {
            let t = turns
                .csr
                .out(a)
                .find(|&t| turns.csr.arcs[t as usize].head == b)
                .unwrap();
            turns.csr.arcs[t as usize].time_ms - g.csr.arcs[a as usize].time_ms
        };
        // Coming from the north, driving south: west is to the right.
        let from_north = arc(202, 102);
        let straight = turn_ms(from_north, arc(102, 2));
        let right = turn_ms(from_north, arc(102, 101));
        let left = turn_ms(from_north, arc(102, 103));
        let back = turn_ms(from_north, arc(102, 202));
        assert!(straight < 10, "{straight}");
        assert_eq!((left, right), (2105, 5395));
        assert!(back > 27_000, "{back}");
        assert_eq!(turns.csr.vertex_count(), g.csr.arc_count());
        // Four ways on from each arc into the junction, a U-turn at each dead end.
        assert_eq!(turns.csr.arc_count(), 4 * 4 + 4);
        assert_eq!(turns.arcs_into(vertex(102)).len(), 4);
        for (a, &code) in g.arc_edge.iter().enumerate() {
            assert_eq!(turns.edge_arc(code >> 1, code & 1 == 1), Some(a as u32));
        }
    }

    #[test]
    fn traffic_signals_are_paid_where_they_stand() {
        // The plus junction, with its north arm from 302 through 202.
        let mut data = grid_data(&[
            (10, &[302, 202, 102], &[("highway", "residential")]),
            (11, &[101, 102], &[("highway", "residential")]),
            (12, &[103, 102], &[("highway", "residential")]),
            (13, &[2, 102], &[("highway", "residential")]),
        ]);
        let plain = RoadGraph::build(&data, &test_classify, "test").unwrap().0;
        data.traffic_signals = vec![102, 202];
        let signals = RoadGraph::build(&data, &test_classify, "test").unwrap().0;
        let costs = TurnCosts::default();
        let (before, after) = (
            TurnGraph::new(&plain, &costs),
            TurnGraph::new(&signals, &costs),
        );
        assert_eq!((before.traffic_signals, after.traffic_signals), (0, 2));
        let vertex = |id: i64| plain.vertex_osm_ids.iter().position(|&x| x == id).unwrap() as u32;
        for a in 0..plain.csr.arc_count() as u32 {
            let arc = plain.csr.arcs[a as usize];
            // 2 s at the junction 102, and 2 s more along the north arm (node 202).
            let into_junction = arc.head == vertex(102);
            let on_north_arm = plain.edges[(plain.arc_edge[a as usize] >> 1) as usize].way_id == 10;
            let extra = 2000 * (u32::from(into_junction) + u32::from(on_north_arm));
            for t in before.csr.out(a) {
                let (b, c) = (before.csr.arcs[t as usize], after.csr.arcs[t as usize]);
                assert_eq!((c.head, c.time_ms), (b.head, b.time_ms + extra), "arc {a}");
            }
        }
    }

    #[test]
    fn restrictions_remove_their_turns() {
        use crate::map::osm::TurnRestriction;
        // The plus junction: ways 10 (north), 11 (west), 12 (east) and 13 (south) at 102.
        let restricted = |only: bool, to_way: i64| {
            let mut data = grid_data(&[
                (10, &[202, 102], &[("highway", "residential")]),
                (11, &[101, 102], &[("highway", "residential")]),
                (12, &[103, 102], &[("highway", "residential")]),
                (13, &[2, 102], &[("highway", "residential")]),
            ]);
            data.restrictions = vec![TurnRestriction {
                relation: 1,
                from_way: 10,
                via_node: 102,
                to_way,
                only,
            }];
            let g = RoadGraph::build(&data, &test_classify, "test").unwrap().0;
            let turns = TurnGraph::new(&g, &TurnCosts::default());
            let way = |arc: u32| g.edges[(g.arc_edge[arc as usize] >> 1) as usize].way_id;
            // The ways the north arm may turn onto at the junction.
            let from_north = (0..g.csr.arc_count() as u32)
                .find(|&a| {
                    way(a) == 10 && g.vertex_osm_ids[g.csr.arcs[a as usize].head as usize] == 102
                })
                .unwrap();
            let mut onto: Vec<i64> = turns
                .csr
                .out(from_north)
                .map(|t| way(turns.csr.arcs[t as usize].head))
                .collect();
            onto.sort();
            onto
        };
        // No left turn (east, where traffic keeps left): the other three ways remain.
        assert_eq!(restricted(false, 12), vec![10, 11, 13]);
        // Only straight on.
        assert_eq!(restricted(true, 13), vec![13]);
    }
}
