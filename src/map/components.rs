//! Strongly connected components of the road network, by petgraph's Kosaraju (iterative, so
//! a million vertices do not overflow the stack) over a view of the arc arrays: no copy of
//! the network into a petgraph graph.

use fixedbitset::FixedBitSet;
use petgraph::Direction;
use petgraph::visit::{
    GraphBase, IntoNeighbors, IntoNeighborsDirected, IntoNodeIdentifiers, Visitable,
};

/// Arcs in compressed rows: the heads of the arcs leaving `v` are
/// `head[first[v]..first[v + 1]]`.
struct Rows {
    first: Vec<u32>,
    head: Vec<u32>,
}

impl Rows {
    /// The rows of the arcs `(tail, head)`.
    fn new(vertex_count: usize, arcs: impl Iterator<Item = (u32, u32)> + Clone) -> Rows {
        let mut first = vec![0u32; vertex_count + 1];
        for (tail, _) in arcs.clone() {
            first[tail as usize + 1] += 1;
        }
        for v in 0..vertex_count {
            first[v + 1] += first[v];
        }
        let mut next = first.clone();
        let mut head = vec![0u32; first[vertex_count] as usize];
        for (tail, to) in arcs {
            head[next[tail as usize] as usize] = to;
            next[tail as usize] += 1;
        }
        Rows { first, head }
    }

    fn heads(&self, v: u32) -> std::iter::Copied<std::slice::Iter<'_, u32>> {
        let v = v as usize;
        self.head[self.first[v] as usize..self.first[v + 1] as usize]
            .iter()
            .copied()
    }
}

/// A directed network seen through its forward and backward rows.
struct Network<'a> {
    forward: &'a Rows,
    backward: &'a Rows,
}

impl GraphBase for Network<'_> {
    type NodeId = u32;
    type EdgeId = u32;
}

impl<'a> IntoNeighbors for &Network<'a> {
    type Neighbors = std::iter::Copied<std::slice::Iter<'a, u32>>;

    fn neighbors(self, v: u32) -> Self::Neighbors {
        self.forward.heads(v)
    }
}

impl<'a> IntoNeighborsDirected for &Network<'a> {
    type NeighborsDirected = std::iter::Copied<std::slice::Iter<'a, u32>>;

    fn neighbors_directed(self, v: u32, direction: Direction) -> Self::NeighborsDirected {
        match direction {
            Direction::Outgoing => self.forward.heads(v),
            Direction::Incoming => self.backward.heads(v),
        }
    }
}

impl IntoNodeIdentifiers for &Network<'_> {
    type NodeIdentifiers = std::ops::Range<u32>;

    fn node_identifiers(self) -> Self::NodeIdentifiers {
        0..(self.forward.first.len() - 1) as u32
    }
}

impl Visitable for Network<'_> {
    type Map = FixedBitSet;

    fn visit_map(&self) -> FixedBitSet {
        FixedBitSet::with_capacity(self.forward.first.len() - 1)
    }

    fn reset_map(&self, map: &mut FixedBitSet) {
        map.clear();
        map.grow(self.forward.first.len() - 1);
    }
}

/// The component number of each vertex of the network with arcs `(tail, head)`.
pub fn strongly_connected(
    vertex_count: usize,
    arcs: impl Iterator<Item = (u32, u32)> + Clone,
) -> Vec<u32> {
    let forward = Rows::new(vertex_count, arcs.clone());
    let backward = Rows::new(vertex_count, arcs.map(|(tail, head)| (head, tail)));
    let network = Network {
        forward: &forward,
        backward: &backward,
    };
    let mut component = vec![0u32; vertex_count];
    for (number, members) in petgraph::algo::kosaraju_scc(&network).iter().enumerate() {
        for &v in members {
            component[v as usize] = number as u32;
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_oneway_spur_is_its_own_component() {
        // 0 <-> 1 <-> 2 and a oneway 2 -> 3: {0, 1, 2} and {3}.
        let arcs = [(0, 1), (1, 0), (1, 2), (2, 1), (2, 3)];
        let c = strongly_connected(4, arcs.iter().copied());
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[2], c[3]);
    }

    #[test]
    fn a_long_cycle_does_not_overflow_the_stack() {
        let n = 1_000_000u32;
        let c = strongly_connected(n as usize, (0..n).map(|v| (v, (v + 1) % n)));
        assert!(c.iter().all(|&x| x == c[0]));
    }
}
