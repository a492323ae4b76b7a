//! GPX 1.1 writer.
