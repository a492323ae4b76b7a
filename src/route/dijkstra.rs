//! One-to-many Dijkstra on CSR arrays.
//!
//! Distances are whole milliseconds (see `map::graph`); the heap holds `time << 32 | vertex`
//! in one `u64`, so ties break by vertex id and the search is deterministic. The metres of
//! the fastest path ride along. A [`QueryState`] is reused between queries: a generation
//! stamp marks which entries belong to the current query, so nothing is cleared or
//! re-allocated per query.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::map::graph::RoadGraph;

/// No arc: the vertex is a start of the search.
pub const NO_ARC: u32 = u32::MAX;

/// A vertex where a search starts or a target is entered, with the cost to get between it
/// and the point of interest.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry {
    pub vertex: u32,
    pub time_ms: u32,
    pub metres: f64,
}

/// Buffers for one search at a time; keep one per thread.
#[derive(Debug, Default)]
pub struct QueryState {
    generation: u32,
    stamp: Vec<u32>,
    time_ms: Vec<u32>,
    metres: Vec<f64>,
    parent_arc: Vec<u32>,
    settled: Vec<u32>,
    target: Vec<u32>,
    heap: BinaryHeap<Reverse<u64>>,
}

thread_local! {
    static STATE: RefCell<QueryState> = RefCell::new(QueryState::default());
}

/// Runs `f` with this thread's query state.
pub fn with_state<T>(f: impl FnOnce(&mut QueryState) -> T) -> T {
    STATE.with(|s| f(&mut s.borrow_mut()))
}

impl QueryState {
    fn start(&mut self, vertex_count: usize) {
        if self.stamp.len() != vertex_count || self.generation == u32::MAX {
            *self = QueryState {
                stamp: vec![0; vertex_count],
                time_ms: vec![0; vertex_count],
                metres: vec![0.0; vertex_count],
                parent_arc: vec![NO_ARC; vertex_count],
                settled: vec![0; vertex_count],
                target: vec![0; vertex_count],
                ..QueryState::default()
            };
        }
        self.generation += 1;
        self.heap.clear();
    }

    /// Time and metres to `v` found by the last search (exact for settled vertices).
    pub fn reached(&self, v: u32) -> Option<(u32, f64)> {
        let v = v as usize;
        (self.stamp[v] == self.generation).then(|| (self.time_ms[v], self.metres[v]))
    }

    /// The arc by which the last search reached `v` ([`NO_ARC`] at a start).
    pub fn parent_arc(&self, v: u32) -> u32 {
        self.parent_arc[v as usize]
    }

    fn improve(&mut self, v: u32, time_ms: u32, metres: f64, arc: u32) {
        let i = v as usize;
        if self.stamp[i] != self.generation || time_ms < self.time_ms[i] {
            self.stamp[i] = self.generation;
            self.time_ms[i] = time_ms;
            self.metres[i] = metres;
            self.parent_arc[i] = arc;
            self.heap.push(Reverse((time_ms as u64) << 32 | v as u64));
        }
    }

    /// Searches from `sources` until every vertex in `targets` is settled (or the
    /// reachable graph is exhausted). Read the answers with [`QueryState::reached`].
    pub fn one_to_many(&mut self, graph: &RoadGraph, sources: &[Entry], targets: &[u32]) {
        self.start(graph.vertex_count());
        let generation = self.generation;
        let mut remaining = 0usize;
        for &t in targets {
            if self.target[t as usize] != generation {
                self.target[t as usize] = generation;
                remaining += 1;
            }
        }
        for s in sources {
            self.improve(s.vertex, s.time_ms, s.metres, NO_ARC);
        }
        while remaining > 0 {
            let Some(Reverse(key)) = self.heap.pop() else {
                break;
            };
            let (time, u) = ((key >> 32) as u32, key as u32 as usize);
            if self.settled[u] == generation {
                continue;
            }
            self.settled[u] = generation;
            if self.target[u] == generation {
                remaining -= 1;
            }
            let metres = self.metres[u];
            for arc in graph.first_out[u]..graph.first_out[u + 1] {
                let a = arc as usize;
                let v = graph.arc_head[a];
                let t = time.saturating_add(graph.arc_time_ms[a]);
                self.improve(v, t, metres + graph.arc_length_m[a], arc);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::graph::tests::{grid_data, test_classify};

    #[test]
    fn finds_the_faster_of_two_routes_and_reuses_its_buffers() {
        // 1 -> 3 directly is slow (10 km/h); via 2 is fast (100 km/h).
        let data = grid_data(&[
            (10, &[1, 3], &[("highway", "track"), ("maxspeed", "10")]),
            (11, &[1, 2], &[("highway", "primary"), ("maxspeed", "100")]),
            (12, &[2, 3], &[("highway", "primary"), ("maxspeed", "100")]),
        ]);
        let (g, _) = RoadGraph::build(&data, &test_classify, "test").unwrap();
        let vertex = |id: i64| g.vertex_osm_ids.iter().position(|&x| x == id).unwrap() as u32;
        let mut state = QueryState::default();
        let start = [Entry {
            vertex: vertex(1),
            time_ms: 0,
            metres: 0.0,
        }];
        for _ in 0..3 {
            state.one_to_many(&g, &start, &[vertex(3)]);
            let (ms, m) = state.reached(vertex(3)).unwrap();
            let via2 = g.edges[1].time_ms + g.edges[2].time_ms;
            assert_eq!(ms, via2);
            assert!((m - g.edges[1].length_m - g.edges[2].length_m).abs() < 1e-9);
            let arc = state.parent_arc(vertex(3)) as usize;
            assert_eq!(g.arc_edge[arc] >> 1, 2);
        }
    }
}
