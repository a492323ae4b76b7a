//! The command line: parse, call the library, map errors to exit codes.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use jempol::map::synth;

#[derive(Parser)]
#[command(
    name = "jempol",
    version,
    about = "Weekly routes for Magetan's mobile e-KTP recording vans"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Road maps: inspect, import, generate.
    Map {
        #[command(subcommand)]
        command: MapCommand,
    },
}

#[derive(Subcommand)]
enum MapCommand {
    /// Generate the stand-in road network of Magetan (not surveyed), or a larger tiled one.
    Synth(SynthArgs),
}

#[derive(Args)]
struct SynthArgs {
    /// Seed of the generator; the committed map uses the default.
    #[arg(long, default_value_t = synth::DEFAULT_SEED)]
    seed: u64,
    /// Output .osm.pbf [default: maps/magetan-standin.osm.pbf; required with --size]
    #[arg(long)]
    out: Option<PathBuf>,
    /// Folder with the Magetan data (desa.csv, kecamatan-stats.csv, ...)
    #[arg(long, default_value_os_t = synth::default_data_dir())]
    data: PathBuf,
    /// Instead of the stand-in, write copies of it on a grid with at least this many junctions
    /// (graph vertices), for scaling tests.
    #[arg(long)]
    size: Option<u64>,
    /// Print the calibration table (Markdown) after writing the stand-in.
    #[arg(long)]
    report: bool,
}

fn map_synth(args: SynthArgs) -> anyhow::Result<()> {
    let standin = synth::generate_magetan_from(&args.data, args.seed)?;
    if let Some(size) = args.size {
        let out = args
            .out
            .ok_or_else(|| anyhow::anyhow!("--size needs --out FILE.osm.pbf"))?;
        let s = synth::write_tiled(&standin.network, size, &out)?;
        println!(
            "{}: {} tiles, {} nodes, {} ways, {} junctions (generated, not surveyed)",
            out.display(),
            s.tiles,
            s.nodes,
            s.ways,
            s.junctions
        );
        return Ok(());
    }
    let out = args
        .out
        .unwrap_or_else(|| PathBuf::from("maps/magetan-standin.osm.pbf"));
    standin.network.write_pbf(&out)?;
    let (median, worst) = synth::error_summary(&standin.calibration);
    println!(
        "{}: stand-in for Magetan (generated, not surveyed), seed {}: {} nodes, {} ways; \
         route length vs BPS: median error {:.1}%, largest {:.1}%",
        out.display(),
        args.seed,
        standin.network.nodes.len(),
        standin.network.ways.len(),
        median * 100.0,
        worst * 100.0
    );
    if args.report {
        print!("\n{}", synth::calibration_table(&standin.calibration));
        print!("\n{}", synth::network_table(&standin.network));
    }
    Ok(())
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Map {
            command: MapCommand::Synth(args),
        } => map_synth(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
