//! Stop-to-stop travel time and distance matrices (rayon over sources), and path geometry.
