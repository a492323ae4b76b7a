//! The command line: parse, call the library, map errors to exit codes.

mod benchmark;
mod map;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "jempol",
    version,
    about = "Weekly routes for the mobile e-KTP recording vans of Kabupaten Magetan"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Road maps: inspect, route, travel-time matrices.
    #[command(subcommand)]
    Map(map::MapCommand),
    /// Standard optimizer benchmarks (TOPTW, Solomon VRPTW): solve and verify one file.
    #[command(subcommand)]
    Benchmark(benchmark::BenchmarkCommand),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Map(command) => map::run(command),
        Command::Benchmark(command) => benchmark::run(command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
