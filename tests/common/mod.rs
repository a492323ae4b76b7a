pub mod benchmark_files;
pub mod random_instance;
