//! Shortest paths on the road graph.

pub mod dijkstra;
pub mod matrix;
