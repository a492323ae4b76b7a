//! `jempol map synth`: arguments and the run, so that the command line stays thin.

use std::path::PathBuf;

use clap::Args;

use crate::map::RoadMap;
use crate::map::profile::Profile;

use super::{
    DEFAULT_SEED, calibration_table, default_data_dir, error_summary, generate_magetan_from,
    measure_on_map, network_table, write_tiled,
};

/// Tiled networks keep every third shape node of the stand-in: about 8 nodes per junction,
/// nearer OpenStreetMap's density than the finely sampled stand-in (about 24).
pub const TILE_NODE_THINNING: usize = 3;

/// Options of `jempol map synth`.
#[derive(Args, Debug)]
pub struct SynthArgs {
    /// Seed of the generator; the committed map uses the default.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Output .osm.pbf [default: maps/magetan-standin.osm.pbf; required with --size]
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Folder with the Magetan data (desa.csv, kecamatan-stats.csv, ...)
    #[arg(long, default_value_os_t = default_data_dir())]
    pub data: PathBuf,
    /// Instead of the stand-in, write copies of it (every third shape node kept) on a grid with
    /// at least this many junctions (graph vertices), for scaling tests.
    #[arg(long)]
    pub size: Option<u64>,
    /// Print the calibration table (Markdown) after writing the stand-in.
    #[arg(long)]
    pub report: bool,
}

/// Generates the stand-in (or a tiled network) and writes it; prints a summary.
pub fn run(args: SynthArgs) -> anyhow::Result<()> {
    let standin = generate_magetan_from(&args.data, args.seed)?;
    if let Some(size) = args.size {
        let out = args
            .out
            .ok_or_else(|| anyhow::anyhow!("--size needs --out FILE.osm.pbf"))?;
        let s = write_tiled(&standin.network.thinned(TILE_NODE_THINNING), size, &out)?;
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
    // Measured on the written file, as the planner will load it.
    let map = RoadMap::load(&out, &Profile::default())?;
    let measured = measure_on_map(&map, &standin)?;
    let (median, worst) = error_summary(&measured);
    println!(
        "{}: stand-in for Magetan (generated, not surveyed), seed {}: {} nodes, {} ways; \
         fastest route length vs BPS: median error {:.1}%, largest {:.1}%",
        out.display(),
        args.seed,
        standin.network.nodes.len(),
        standin.network.ways.len(),
        median * 100.0,
        worst * 100.0
    );
    if args.report {
        print!("\n{}", calibration_table(&measured));
        print!("\n{}", network_table(&standin.network));
    }
    Ok(())
}
