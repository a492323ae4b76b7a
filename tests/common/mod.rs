//! Helpers shared by the integration tests.

pub mod benchmark_files;
pub mod random_instance;
