//! The command line: parse, call the library, map errors to exit codes.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "jempol", version, about = "Weekly routes for Magetan's mobile e-KTP recording vans")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Road maps
    #[command(subcommand)]
    Map(MapCommand),
}

#[derive(Subcommand)]
enum MapCommand {
    /// Clip a large .osm.pbf extract to a boundary, keeping whole every way that touches it
    Import(jempol::map::import::ImportArgs),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Map(MapCommand::Import(args)) => jempol::map::import::run(&args).map(|_| ()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
