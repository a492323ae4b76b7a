//! One-to-many Dijkstra on CSR arrays.
