//! Compressed road graph in CSR arrays, with edge geometry and the largest strongly
//! connected component.
