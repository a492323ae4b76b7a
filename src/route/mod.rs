//! Shortest paths on the road graph.

pub mod ch;
pub mod dijkstra;
pub mod matrix;
