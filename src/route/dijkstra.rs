//! One-to-many Dijkstra on CSR arrays.
//!
//! Distances are whole milliseconds (see `map::graph`); a 4-ary heap holds `time << 32 | vertex`
//! in one `u64`, so ties break by vertex id and the search is deterministic. The metres of
//! the fastest path ride along. A [`QueryState`] is reused between queries: a generation
//! stamp marks which entries belong to the current query, so nothing is cleared or
//! re-allocated per query.

use std::cell::RefCell;

use crate::map::graph::Csr;

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

/// What a search knows about one vertex, in one place so that a relaxation touches one
/// cache line. An entry counts only when its `stamp` is the query's generation.
#[derive(Clone, Copy, Debug, Default)]
struct Label {
    stamp: u32,
    time_ms: u32,
    parent_arc: u32,
    /// The generation of the query for which the vertex is a target.
    target: u32,
    metres: f64,
}

/// Buffers for one search at a time; keep one per thread.
#[derive(Debug, Default)]
pub struct QueryState {
    generation: u32,
    labels: Vec<Label>,
    heap: QuadHeap,
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
        if self.labels.len() != vertex_count || self.generation == u32::MAX {
            *self = QueryState {
                labels: vec![Label::default(); vertex_count],
                ..QueryState::default()
            };
        }
        self.generation += 1;
        self.heap.clear();
    }

    /// Time and metres to `v` found by the last search (exact for settled vertices).
    pub fn reached(&self, v: u32) -> Option<(u32, f64)> {
        let l = &self.labels[v as usize];
        (l.stamp == self.generation).then_some((l.time_ms, l.metres))
    }

    /// The arc by which the last search reached `v` ([`NO_ARC`] at a start).
    pub fn parent_arc(&self, v: u32) -> u32 {
        self.labels[v as usize].parent_arc
    }

    #[inline]
    fn improve(&mut self, v: u32, time_ms: u32, metres: f64, arc: u32) {
        let l = &mut self.labels[v as usize];
        if l.stamp != self.generation || time_ms < l.time_ms {
            l.stamp = self.generation;
            l.time_ms = time_ms;
            l.metres = metres;
            l.parent_arc = arc;
            self.heap.push((time_ms as u64) << 32 | v as u64);
        }
    }

    /// Searches from `sources` until every vertex in `targets` is settled (or the
    /// reachable graph is exhausted). Read the answers with [`QueryState::reached`].
    pub fn one_to_many(&mut self, graph: &Csr, sources: &[Entry], targets: &[u32]) {
        self.start(graph.vertex_count());
        let generation = self.generation;
        let mut remaining = 0usize;
        for &t in targets {
            let l = &mut self.labels[t as usize];
            if l.target != generation {
                l.target = generation;
                remaining += 1;
            }
        }
        for s in sources {
            self.improve(s.vertex, s.time_ms, s.metres, NO_ARC);
        }
        while remaining > 0 {
            let Some(key) = self.heap.pop() else {
                break;
            };
            let (time, u) = ((key >> 32) as u32, key as u32 as usize);
            // Each push lowers the vertex's time, so only the entry with its current time
            // is live; the others are stale copies of a vertex already settled.
            let l = self.labels[u];
            if l.time_ms != time {
                continue;
            }
            if l.target == generation {
                remaining -= 1;
            }
            let (first, end) = (graph.first_out[u], graph.first_out[u + 1]);
            for arc in first..end {
                let a = graph.arcs[arc as usize];
                let t = time.saturating_add(a.time_ms);
                self.improve(a.head, t, l.metres + a.length_m, arc);
            }
        }
    }
}

/// A 4-ary min-heap of `u64` keys: shallower than a binary heap, and its children share a
/// cache line. Keys are `time << 32 | vertex`, so it pops in the same order as any other
/// exact priority queue.
#[derive(Debug, Default)]
pub(crate) struct QuadHeap {
    keys: Vec<u64>,
}

impl QuadHeap {
    pub(crate) fn clear(&mut self) {
        self.keys.clear();
    }

    #[inline]
    pub(crate) fn push(&mut self, key: u64) {
        let mut i = self.keys.len();
        self.keys.push(key);
        while i > 0 {
            let parent = (i - 1) / 4;
            if self.keys[parent] <= key {
                break;
            }
            self.keys[i] = self.keys[parent];
            i = parent;
        }
        self.keys[i] = key;
    }

    #[inline]
    pub(crate) fn pop(&mut self) -> Option<u64> {
        let last = self.keys.pop()?;
        let n = self.keys.len();
        if n == 0 {
            return Some(last);
        }
        let top = self.keys[0];
        let mut i = 0;
        loop {
            let first = 4 * i + 1;
            if first >= n {
                break;
            }
            let mut min = first;
            for c in first + 1..(first + 4).min(n) {
                if self.keys[c] < self.keys[min] {
                    min = c;
                }
            }
            if self.keys[min] >= last {
                break;
            }
            self.keys[i] = self.keys[min];
            i = min;
        }
        self.keys[i] = last;
        Some(top)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_quad_heap_pops_the_smallest_key(keys in proptest::collection::vec(any::<u64>(), 0..300)) {
            let mut heap = QuadHeap::default();
            let mut model = std::collections::BinaryHeap::new();
            for (i, &k) in keys.iter().enumerate() {
                heap.push(k);
                model.push(std::cmp::Reverse(k));
                if i % 3 == 2 {
                    prop_assert_eq!(heap.pop(), model.pop().map(|r| r.0));
                }
            }
            while let Some(std::cmp::Reverse(k)) = model.pop() {
                prop_assert_eq!(heap.pop(), Some(k));
            }
            prop_assert_eq!(heap.pop(), None);
        }
    }

    use crate::map::graph::RoadGraph;
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
            state.one_to_many(&g.csr, &start, &[vertex(3)]);
            let (ms, m) = state.reached(vertex(3)).unwrap();
            let via2 = g.edges[1].time_ms + g.edges[2].time_ms;
            assert_eq!(ms, via2);
            assert!((m - g.edges[1].length_m - g.edges[2].length_m).abs() < 1e-9);
            let arc = state.parent_arc(vertex(3)) as usize;
            assert_eq!(g.arc_edge[arc] >> 1, 2);
        }
    }
}
