//! Nearest usable road point for a coordinate (rstar).
